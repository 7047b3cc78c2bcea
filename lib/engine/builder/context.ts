/** The build context as COPY/ADD see it: lookup, wildcards (Go filepath.Match), content checksums. */
import type { BuildContext, ContextFile } from '../../api/types';
import { Sha256 } from '../digest';

export interface ContextEntry { path: string; file: ContextFile }

/** Relative, slash-separated, no leading "./" or "/": "" is the context root. */
export function cleanRel(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export const hasWildcard = (p: string): boolean => /[*?[]/.test(p);

/** Go's filepath.Match for one path (no "/" crossing for * and ?). */
export function goMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = pattern.indexOf(']', i + 1);
      if (j < 0) return false;
      let cls = pattern.slice(i + 1, j);
      if (cls.startsWith('^')) cls = '!' + cls.slice(1);
      re += '[' + (cls.startsWith('!') ? '^' + cls.slice(1) : cls).replace(/\\/g, '\\\\') + ']';
      i = j;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$').test(name);
}

export class ContextView {
  private readonly dirs = new Set<string>();
  constructor(readonly ctx: BuildContext) {
    for (const [p, f] of ctx.files) {
      const parts = cleanRel(p).split('/');
      for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
      if (f.type === 'dir') this.dirs.add(cleanRel(p));
    }
  }
  get(rel: string): ContextFile | undefined {
    const p = cleanRel(rel);
    if (p === '' || this.dirs.has(p)) return { data: new Uint8Array(), mode: 0o755, type: 'dir' };
    return this.ctx.files.get(p);
  }
  isDir(rel: string): boolean {
    const p = cleanRel(rel);
    return p === '' || this.dirs.has(p);
  }
  /** Files (not directories) under a directory, sorted. */
  filesUnder(rel: string): ContextEntry[] {
    const p = cleanRel(rel);
    const pre = p === '' ? '' : p + '/';
    const out: ContextEntry[] = [];
    for (const [k, f] of this.ctx.files) if (k.startsWith(pre) && f.type !== 'dir') out.push({ path: k, file: f });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  /** Paths (files and directories) matching a pattern, sorted. */
  glob(pattern: string): string[] {
    const pat = cleanRel(pattern);
    const all = new Set<string>([...this.dirs]);
    for (const [k, f] of this.ctx.files) if (f.type !== 'dir') all.add(k);
    return [...all].filter((p) => goMatch(pat, p)).sort();
  }
}

/** sha256 of a set of context entries (path, mode, content): the COPY/ADD cache checksum. */
export function checksumEntries(entries: readonly ContextEntry[]): { sum: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const all = new Sha256();
  for (const e of entries) {
    const h = new Sha256().update(e.file.data).hex();
    const d = `${(e.file.mode & 0o7777).toString(8)}:${h}`;
    files.set(e.path, d);
    all.update(e.path + '\0' + d + '\n');
  }
  return { sum: all.hex(), files };
}
