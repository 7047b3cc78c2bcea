/** Sizes, relative times and IDs for the image panel: the CLI's own formatters, so the panel reads like `docker image ls`. */
import { size, timeAgo as cliTimeAgo } from '@/lib/cli/formatter/units';

export const humanSize = size;

export function timeAgo(unixSeconds: number, nowMs = Date.now()): string {
  return unixSeconds ? cliTimeAgo(unixSeconds, nowMs) : 'N/A';
}

export function shortId(id: string): string {
  const i = id.indexOf(':');
  return (i >= 0 ? id.slice(i + 1) : id).slice(0, 12);
}
