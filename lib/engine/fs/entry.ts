/**
 * File system entries shared by layers, the union fs and tar streams. Entries are immutable values: a layer never
 * mutates an entry, the writable layer replaces it (copy-on-write), so one entry object can be shared by many images.
 */
import { utf8 } from '../digest';

/**
 * Generated content: `head` (real bytes, e.g. an ELF header or a script) followed by zero bytes up to `size`.
 * Lets a 100 MB JDK cost a few bytes of memory while its size and tar stream stay exact.
 */
export interface LazyContent { lazy: true; size: number; head?: Uint8Array }
export type Content = Uint8Array | LazyContent;

interface Meta {
  /** Permission bits with setuid/setgid/sticky (0o7777), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, Unix seconds (integer, as docker layers keep it). */
  mtime: number;
}
export interface FileEntry extends Meta { type: 'file'; data: Content; /** hard links share an inode number */ ino?: number }
export interface DirEntry extends Meta { type: 'dir' }
export interface SymlinkEntry extends Meta { type: 'symlink'; target: string }
export type Entry = FileEntry | DirEntry | SymlinkEntry;

export const isLazy = (c: Content): c is LazyContent => !(c instanceof Uint8Array);
export const contentSize = (c: Content): number => (isLazy(c) ? c.size : c.length);

/** Size as `stat` reports it: bytes for files, the target's length for symlinks, 4096 for directories. */
export function entrySize(e: Entry): number {
  if (e.type === 'file') return contentSize(e.data);
  if (e.type === 'symlink') return utf8(e.target).length;
  return 4096;
}

/** Materialises content (allocates `size` bytes for lazy content: only for reads a user asked for). */
export function contentBytes(c: Content): Uint8Array {
  if (!isLazy(c)) return c;
  const out = new Uint8Array(c.size);
  if (c.head) out.set(c.head.subarray(0, c.size));
  return out;
}

/** Content as chunks (streaming for hashing and tar writing without materialising lazy content). */
export function* contentChunks(c: Content, chunk = 1 << 16): Generator<Uint8Array> {
  if (!isLazy(c)) {
    if (c.length) yield c;
    return;
  }
  const head = c.head ? c.head.subarray(0, c.size) : new Uint8Array(0);
  if (head.length) yield head;
  let left = c.size - head.length;
  const zeros = new Uint8Array(Math.min(chunk, Math.max(left, 0)));
  while (left > 0) {
    const k = Math.min(left, zeros.length);
    yield k === zeros.length ? zeros : zeros.subarray(0, k);
    left -= k;
  }
}

export const lazy = (size: number, head?: Uint8Array | string): LazyContent =>
  ({ lazy: true, size, head: typeof head === 'string' ? utf8(head) : head });

export const file = (data: Content | string, mode = 0o644, uid = 0, gid = 0, mtime = 0): FileEntry =>
  ({ type: 'file', data: typeof data === 'string' ? utf8(data) : data, mode, uid, gid, mtime });
export const dir = (mode = 0o755, uid = 0, gid = 0, mtime = 0): DirEntry => ({ type: 'dir', mode, uid, gid, mtime });
export const symlink = (target: string, uid = 0, gid = 0, mtime = 0): SymlinkEntry =>
  ({ type: 'symlink', target, mode: 0o777, uid, gid, mtime });

// ---------- paths ----------

/** Normalises an absolute path: "/a//b/./c/../d/" -> "/a/b/d". Relative input is taken from "/". */
export function normPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
export function joinPath(dirPath: string, name: string): string {
  return dirPath === '/' ? '/' + name : dirPath + '/' + name;
}
/** Order of a depth-first walk with names sorted byte-wise in each directory (Go's filepath.Walk): "/a", "/a/b", "/a-c". */
export function walkOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x === 47) x = 0;
    if (y === 47) y = 0;
    return x - y;
  }
  return a.length - b.length;
}
