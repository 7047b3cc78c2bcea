/** Links into the playground (and its embed mode) that carry files and commands, using lib/share's codec. */
import { encodeShare } from '@/lib/share';
import type { FileMap } from '@/lib/exercises';

const enc = new TextEncoder();

/** `#v1/...` for files and commands, or '' when they would not fit in a link. */
export function shareHash(files: FileMap, commands: string[], active?: string): string {
  try {
    const paths = Object.keys(files);
    return (
      '#' +
      encodeShare({
        files: paths.map((path) => ({ path, data: enc.encode(files[path]!) })),
        commands,
        active: active ?? (paths.includes('Dockerfile') ? 'Dockerfile' : paths[0]),
      })
    );
  } catch {
    return '';
  }
}

export function playgroundHref(files: FileMap, commands: string[]): string {
  return '/play/' + shareHash(files, commands);
}

export function embedHref(files: FileMap, commands: string[]): string {
  return '/embed/' + shareHash(files, commands);
}

export { workspaceFiles } from './workspace-files';
