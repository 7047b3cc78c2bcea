/**
 * How buildx ends a failed build: each error source as a Dockerfile snippet (BuildKit's errdefs.Source.Print),
 * then `ERROR: <message>`.
 */
import type { BuildFailure, ErrorSource } from './events';

/** errdefs.Source.Print: `Dockerfile:2`, a rule, numbered lines with `>>>` on the failing ones, a rule. */
export function sourceSnippet(s: ErrorSource): string {
  const lines = s.data.split('\n');
  if (s.ranges.length === 0) return '';
  let start = 0, end = 0, first = true;
  for (const r of s.ranges) {
    const e = Math.max(r.end, r.start);
    if (first || r.start < start) start = r.start;
    if (e > end) end = e;
    first = false;
  }
  if (start > lines.length || start < 1) return '';
  if (end > lines.length) end = lines.length;
  const pad = end === start ? 4 : 2;
  const prepadStart = start;
  let p = 0;
  while (p < pad) {
    if (start > 1) { start--; p++; }
    if (end !== lines.length) { end++; p++; }
    p++;
  }
  const contains = (l: number): boolean => s.ranges.some((r) => r.start <= l && Math.max(r.end, r.start) >= l);
  let out = `${s.filename}:${prepadStart}\n--------------------\n`;
  for (let i = start; i <= end; i++) out += ` ${String(i).padStart(3)} | ${contains(i) ? '>>>' : '   '} ${lines[i - 1]}\n`;
  return out + '--------------------\n';
}

/** Everything buildx prints after the progress display for a failed build. */
export function renderFailure(f: BuildFailure): string {
  let out = '';
  for (const s of f.sources) out += sourceSnippet(s);
  return out + `ERROR: ${f.message}\n`;
}

/** buildx's summary of build-check warnings after a successful build (the heading is yellow even in plain mode). */
export function renderWarnings(shorts: readonly string[], noColor = false): string {
  if (shorts.length === 0) return '';
  const head = `${shorts.length === 1 ? '1 warning found' : `${shorts.length} warnings found`} (use docker --debug to expand):\n`;
  let out = '\n ' + (noColor ? head : '\x1b[33m' + head + '\x1b[0m');
  for (const s of shorts) out += ` - ${s}\n`;
  return out;
}
