/** Resolving a path typed in a command against the workspace's current directory. */
import type { CliContext } from './command';

export function resolvePath(ctx: Pick<CliContext, 'cwd'>, p: string): string {
  const parts = (p.startsWith('/') ? [] : (ctx.cwd ?? '').split('/')).filter(Boolean);
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
