import type { FileMap } from '@/lib/exercises';
import { embedHref, playgroundHref } from './links';
import { OpenInPlaygroundView } from './OpenInPlaygroundView';

/**
 * Shows a set of files (a Dockerfile and its context) and the commands to try, with a link that opens them in the
 * playground, and an optional inline embed of the playground's editor + console (/embed).
 * A server component: the links are made when the lesson is rendered, so the share codec (lib/share and its deflate
 * library) is not part of the lesson page's JavaScript.
 */
export function OpenInPlayground({ files, commands = [], title }: { files: FileMap; commands?: string[]; title?: string }) {
  return <OpenInPlaygroundView files={files} commands={commands} title={title} href={playgroundHref(files, commands)} embedSrc={embedHref(files, commands)} />;
}
