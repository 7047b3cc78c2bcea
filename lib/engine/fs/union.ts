/**
 * The union file system of a container or build step: an immutable base view (the image's layers, flattened and
 * shared) plus a writable upper layer with copy-on-write, tombstones for deletions and opaque directories.
 *
 * It implements just-bash's IFileSystem (async methods only: no sync writers, so `new Bash({ fs })` does not write
 * its /dev, /proc and command stubs into the image). The upper map doubles as the journal of touched paths:
 * `diff()` costs O(changes), not O(image).
 */
import type { IFileSystem, FsStat, FileContent, MkdirOptions, RmOptions, CpOptions, BufferEncoding, ByteString } from 'just-bash';

type ReadFileOptions = { encoding?: BufferEncoding | null };
type WriteFileOptions = { encoding?: BufferEncoding };
type DirentEntry = { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean };
import { utf8, utf8Decode } from '../digest';
import { type Entry, type FileEntry, contentBytes, contentSize, entrySize, normPath, parentOf, baseName, joinPath, dir as mkDirEntry } from './entry';
import type { View } from './view';
import type { LayerChange, LayerContent } from '../tar';

export interface Owner { uid: number; gid: number }
export interface UnionFsOptions {
  /** Current time in Unix seconds for new/modified entries. */
  now?: () => number;
  /** Owner of created entries (the USER of a RUN step). */
  owner?: Owner;
  /** Permission bits removed from new entries (default 0o022). */
  umask?: number;
}
/** FsStat plus what `ls -l`, `stat` and `chown` need. */
export interface UnionStat extends FsStat { uid: number; gid: number; nlink: number; type: Entry['type'] }

export class FsError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
const enoent = (op: string, p: string) => new FsError('ENOENT', `ENOENT: no such file or directory, ${op} '${p}'`);
const enotdir = (op: string, p: string) => new FsError('ENOTDIR', `ENOTDIR: not a directory, ${op} '${p}'`);
const eisdir = (op: string, p: string) => new FsError('EISDIR', `EISDIR: illegal operation on a directory, ${op} '${p}'`);
const eexist = (op: string, p: string) => new FsError('EEXIST', `EEXIST: file already exists, ${op} '${p}'`);
const eloop = (op: string, p: string) => new FsError('ELOOP', `ELOOP: too many levels of symbolic links, ${op} '${p}'`);

const MAX_LINKS = 40;

function toBytes(content: FileContent, enc?: WriteFileOptions | BufferEncoding): Uint8Array {
  if (content instanceof Uint8Array) return content;
  const e = typeof enc === 'string' ? enc : enc?.encoding;
  if (e === 'binary' || e === 'latin1') {
    const b = new Uint8Array(content.length);
    for (let i = 0; i < content.length; i++) b[i] = content.charCodeAt(i) & 255;
    return b;
  }
  if (e === 'base64') return Uint8Array.from(atobSafe(content), (c) => c.charCodeAt(0));
  if (e === 'hex') return Uint8Array.from(content.match(/../g) ?? [], (h) => parseInt(h, 16));
  return utf8(content);
}
function atobSafe(s: string): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0, n = 0, out = '';
  for (const ch of s.replace(/[^A-Za-z0-9+/]/g, '')) {
    bits = (bits << 6) | A.indexOf(ch);
    n += 6;
    if (n >= 8) { n -= 8; out += String.fromCharCode((bits >> n) & 255); }
  }
  return out;
}
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

export class UnionFs implements IFileSystem {
  /** Upper layer: path -> entry, or null for a deleted path (tombstone). Its keys are the journal of touched paths. */
  private readonly upper = new Map<string, Entry | null>();
  /** Children created in the upper layer, per directory. */
  private readonly upperKids = new Map<string, Set<string>>();
  /** Directories deleted and re-created here: lower content hidden (".wh..wh..opq"). */
  private readonly opaque = new Set<string>();
  now: () => number;
  owner: Owner;
  umask: number;
  private nextIno = 1 << 20;

  constructor(readonly base: View, opts: UnionFsOptions = {}) {
    this.now = opts.now ?? (() => 0);
    this.owner = opts.owner ?? { uid: 0, gid: 0 };
    this.umask = opts.umask ?? 0o022;
  }

  // ---------- raw (no symlink resolution) ----------

  /** Entry at a normalised path, without following symlinks. */
  get(p: string): Entry | undefined {
    const u = this.upper.get(p);
    if (u !== undefined) return u ?? undefined;
    return this.base.entries.get(p);
  }
  private put(p: string, e: Entry | null): void {
    const wasBaseDir = this.base.entries.get(p)?.type === 'dir';
    const prev = this.upper.get(p);
    if (e && e.type === 'dir' && prev === null && wasBaseDir) this.opaque.add(p);
    if (!e) this.opaque.delete(p);
    this.upper.set(p, e);
    if (p === '/') return;
    const parent = parentOf(p);
    let kids = this.upperKids.get(parent);
    if (e) {
      if (!kids) this.upperKids.set(parent, (kids = new Set()));
      kids.add(baseName(p));
    } else kids?.delete(baseName(p));
  }
  /** Child names of a directory path (already resolved), sorted byte-wise. */
  children(p: string): string[] {
    const names = new Set<string>();
    if (!this.opaque.has(p)) for (const n of this.base.children.get(p) ?? []) names.add(n);
    for (const n of this.upperKids.get(p) ?? []) names.add(n);
    const out: string[] = [];
    for (const n of names) if (this.get(joinPath(p, n))) out.push(n);
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  // ---------- symlink resolution ----------

  /**
   * Resolves every symlink in `path` (the last component too when `followLast`). Returns the physical path, which may
   * not exist (its parent does). Throws ENOENT/ENOTDIR/ELOOP like the kernel.
   */
  resolve(path: string, followLast = true, op = 'stat'): string {
    let parts = normPath(path).split('/').filter(Boolean);
    let cur = '/';
    let hops = 0;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      if (name === '..') { cur = parentOf(cur); continue; }
      const next = joinPath(cur, name);
      const e = this.get(next);
      const last = i === parts.length - 1;
      if (!e) {
        if (last) return next;
        throw enoent(op, path);
      }
      if (e.type === 'symlink' && (!last || followLast)) {
        if (++hops > MAX_LINKS) throw eloop(op, path);
        // Substitute the link and restart from the root ("..", handled as we go, then climbs from the link's dir).
        const t = e.target;
        parts = [...(t.startsWith('/') ? [] : cur.split('/').filter(Boolean)), ...t.split('/').filter((s) => s && s !== '.'), ...parts.slice(i + 1)];
        cur = '/';
        i = -1;
        continue;
      }
      if (!last && e.type !== 'dir') throw enotdir(op, path);
      cur = next;
    }
    return cur;
  }
  private lookup(path: string, followLast: boolean, op: string): { p: string; e: Entry } {
    const p = this.resolve(path, followLast, op);
    const e = this.get(p);
    if (!e) throw enoent(op, path);
    return { p, e };
  }
  /** Entry for a path (symlinks followed), or undefined. */
  entry(path: string, followLast = true): Entry | undefined {
    try { return this.get(this.resolve(path, followLast)); } catch { return undefined; }
  }

  private mkEntry(base: Partial<Entry> & Pick<Entry, 'type'>): Entry {
    return { mode: 0o644, uid: this.owner.uid, gid: this.owner.gid, mtime: this.now(), ...base } as Entry;
  }
  private ensureParent(path: string, p: string, op: string): void {
    const parent = this.get(parentOf(p));
    if (!parent) throw enoent(op, path);
    if (parent.type !== 'dir') throw enotdir(op, path);
  }
  private touchParent(p: string): void {
    const pp = parentOf(p);
    const d = this.get(pp);
    if (d && d.type === 'dir') this.put(pp, { ...d, mtime: this.now() });
  }

  // ---------- IFileSystem ----------

  async readFile(path: string, options?: ReadFileOptions | BufferEncoding): Promise<string> {
    const b = this.readBytes(path);
    const enc = typeof options === 'string' ? options : options?.encoding;
    if (enc === 'binary' || enc === 'latin1') return latin1(b);
    return utf8Decode(b);
  }
  readBytes(path: string): Uint8Array {
    const { e } = this.lookup(path, true, 'open');
    if (e.type === 'dir') throw eisdir('read', path);
    if (e.type !== 'file') throw enoent('open', path);
    return contentBytes(e.data);
  }
  async readFileBytes(path: string): Promise<ByteString> {
    return latin1(this.readBytes(path)) as unknown as ByteString;
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.readBytes(path);
  }
  async writeFile(path: string, content: FileContent, options?: WriteFileOptions | BufferEncoding): Promise<void> {
    this.writeBytes(path, toBytes(content, options));
  }
  /** Writes bytes (or lazy content) to a path, following symlinks; keeps the mode and owner of an existing file. */
  writeBytes(path: string, data: FileEntry['data'], mode?: number): void {
    const p = this.resolve(path, true, 'open');
    const old = this.get(p);
    if (old && old.type === 'dir') throw eisdir('write', path);
    this.ensureParent(path, p, 'open');
    if (old && old.type === 'file') this.put(p, { ...old, data, mtime: this.now(), ino: undefined, ...(mode !== undefined ? { mode } : {}) });
    else {
      this.put(p, this.mkEntry({ type: 'file', data, mode: (mode ?? 0o666) & ~this.umask }));
      this.touchParent(p);
    }
  }
  async appendFile(path: string, content: FileContent, options?: WriteFileOptions | BufferEncoding): Promise<void> {
    const add = toBytes(content, options);
    const e = this.entry(path);
    if (e && e.type === 'file') {
      const old = contentBytes(e.data);
      const b = new Uint8Array(old.length + add.length);
      b.set(old);
      b.set(add, old.length);
      this.writeBytes(path, b);
    } else this.writeBytes(path, add);
  }
  async exists(path: string): Promise<boolean> {
    if (path.includes('\0')) return false;
    return this.entry(path) !== undefined;
  }
  private statOf(e: Entry, p: string): UnionStat {
    return {
      isFile: e.type === 'file', isDirectory: e.type === 'dir', isSymbolicLink: e.type === 'symlink',
      mode: e.mode | (e.type === 'dir' ? 0o40000 : e.type === 'symlink' ? 0o120000 : 0o100000),
      size: entrySize(e), mtime: new Date(e.mtime * 1000), uid: e.uid, gid: e.gid, type: e.type,
      nlink: e.type === 'dir' ? 2 + this.children(p).filter((n) => this.get(joinPath(p, n))?.type === 'dir').length : 1,
      identity: p,
    };
  }
  async stat(path: string): Promise<UnionStat> {
    const { p, e } = this.lookup(path, true, 'stat');
    return this.statOf(e, p);
  }
  async lstat(path: string): Promise<UnionStat> {
    const { p, e } = this.lookup(path, false, 'lstat');
    return this.statOf(e, p);
  }
  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.mkdirSync(path, options?.recursive ?? false);
  }
  mkdirSyncInternal(path: string, recursive: boolean, mode = 0o777): void {
    this.mkdirSync(path, recursive, mode);
  }
  private mkdirSync(path: string, recursive: boolean, mode = 0o777): void {
    let p: string;
    try {
      p = this.resolve(path, true, 'mkdir');
    } catch (err) {
      if (!recursive || !(err instanceof FsError) || err.code !== 'ENOENT') throw err;
      this.mkdirSync(parentOf(normPath(path)), true, mode);
      p = this.resolve(path, true, 'mkdir');
    }
    const e = this.get(p);
    if (e) {
      if (recursive && e.type === 'dir') return;
      throw eexist('mkdir', path);
    }
    const parent = this.get(parentOf(p));
    if (!parent) {
      if (!recursive) throw enoent('mkdir', path);
      this.mkdirSync(parentOf(p), true, mode);
    } else if (parent.type !== 'dir') throw enotdir('mkdir', path);
    this.put(p, this.mkEntry({ type: 'dir', mode: mode & ~this.umask }));
    this.touchParent(p);
  }
  async readdir(path: string): Promise<string[]> {
    const { p, e } = this.lookup(path, true, 'scandir');
    if (e.type !== 'dir') throw enotdir('scandir', path);
    return this.children(p);
  }
  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const { p, e } = this.lookup(path, true, 'scandir');
    if (e.type !== 'dir') throw enotdir('scandir', path);
    return this.children(p).map((name) => {
      const c = this.get(joinPath(p, name))!;
      return { name, isFile: c.type === 'file', isDirectory: c.type === 'dir', isSymbolicLink: c.type === 'symlink' };
    });
  }
  private removeTree(p: string): void {
    const e = this.get(p);
    if (e?.type === 'dir') for (const n of this.children(p)) this.removeTree(joinPath(p, n));
    this.put(p, null);
  }
  async rm(path: string, options?: RmOptions): Promise<void> {
    let p: string;
    try { p = this.resolve(path, false, 'rm'); } catch (err) { if (options?.force) return; throw err; }
    const e = this.get(p);
    if (!e) { if (options?.force) return; throw enoent('rm', path); }
    if (p === '/') throw new FsError('EPERM', `EPERM: operation not permitted, rm '${path}'`);
    if (e.type === 'dir' && !options?.recursive && this.children(p).length) throw new FsError('ENOTEMPTY', `ENOTEMPTY: directory not empty, rm '${path}'`);
    this.removeTree(p);
    this.touchParent(p);
  }
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const { p: sp, e } = this.lookup(src, true, 'cp');
    if (e.type === 'dir' && !options?.recursive) throw new FsError('EISDIR', `EISDIR: is a directory, cp '${src}'`);
    const dp = this.resolve(dest, true, 'cp');
    this.ensureParent(dest, dp, 'cp');
    this.copyTree(sp, dp);
  }
  private copyTree(sp: string, dp: string): void {
    const e = this.get(sp)!;
    const t = this.now();
    if (e.type === 'dir') {
      const existing = this.get(dp);
      if (!existing || existing.type !== 'dir') this.put(dp, { ...e, uid: this.owner.uid, gid: this.owner.gid, mtime: t });
      for (const n of this.children(sp)) this.copyTree(joinPath(sp, n), joinPath(dp, n));
    } else {
      const { ino: _ino, ...rest } = e as FileEntry;
      this.put(dp, { ...(rest as Entry), uid: this.owner.uid, gid: this.owner.gid, mtime: t });
    }
  }
  async mv(src: string, dest: string): Promise<void> {
    const sp = this.resolve(src, false, 'mv');
    if (!this.get(sp)) throw enoent('mv', src);
    let dp = this.resolve(dest, true, 'mv');
    const de = this.get(dp);
    if (de && de.type === 'dir' && this.get(sp)?.type !== 'dir') dp = joinPath(dp, baseName(sp));
    if (dp === sp) return;
    if (dp.startsWith(sp + '/')) throw new FsError('EINVAL', `EINVAL: cannot move '${src}' to a subdirectory of itself, '${dest}'`);
    this.ensureParent(dest, dp, 'mv');
    this.moveTree(sp, dp);
    this.touchParent(sp);
    this.touchParent(dp);
  }
  private moveTree(sp: string, dp: string): void {
    const e = this.get(sp)!;
    if (this.get(dp)?.type === 'dir' && e.type !== 'dir') this.removeTree(dp);
    this.put(dp, e);
    if (e.type === 'dir') for (const n of this.children(sp)) this.moveTree(joinPath(sp, n), joinPath(dp, n));
    this.put(sp, null);
  }
  resolvePath(base: string, path: string): string {
    return path.startsWith('/') ? normPath(path) : normPath(base + '/' + path);
  }
  /** All paths (used by just-bash's globbing). O(image): prefer readdir. */
  getAllPaths(): string[] {
    const s = new Set<string>();
    for (const p of this.base.entries.keys()) if (this.get(p)) s.add(p);
    for (const [p, e] of this.upper) if (e) s.add(p);
    return [...s];
  }
  async chmod(path: string, mode: number): Promise<void> {
    const { p, e } = this.lookup(path, true, 'chmod');
    this.put(p, { ...e, mode: mode & 0o7777 });
  }
  /** chown (not part of IFileSystem): `followLast=false` for `chown -h`. */
  chown(path: string, uid: number | undefined, gid: number | undefined, followLast = true): void {
    const { p, e } = this.lookup(path, followLast, 'chown');
    this.put(p, { ...e, uid: uid ?? e.uid, gid: gid ?? e.gid });
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    const p = this.resolve(linkPath, false, 'symlink');
    if (this.get(p)) throw eexist('symlink', linkPath);
    this.ensureParent(linkPath, p, 'symlink');
    this.put(p, this.mkEntry({ type: 'symlink', target, mode: 0o777 }));
    this.touchParent(p);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    const { p: sp, e } = this.lookup(existingPath, false, 'link');
    if (e.type !== 'file') throw new FsError('EPERM', `EPERM: operation not permitted, link '${existingPath}'`);
    const p = this.resolve(newPath, false, 'link');
    if (this.get(p)) throw eexist('link', newPath);
    this.ensureParent(newPath, p, 'link');
    const ino = e.ino ?? this.nextIno++;
    this.put(sp, { ...e, ino });
    this.put(p, { ...e, ino });
  }
  async readlink(path: string): Promise<string> {
    const { e } = this.lookup(path, false, 'readlink');
    if (e.type !== 'symlink') throw new FsError('EINVAL', `EINVAL: invalid argument, readlink '${path}'`);
    return e.target;
  }
  async realpath(path: string): Promise<string> {
    const { p } = this.lookup(path, true, 'realpath');
    return p;
  }
  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const { p, e } = this.lookup(path, true, 'utimes');
    this.put(p, { ...e, mtime: Math.floor(mtime.getTime() / 1000) });
  }

  // ---------- layers ----------

  /** Paths touched since creation (the journal). */
  touched(): string[] {
    return [...this.upper.keys()];
  }
  /** True when nothing was written. */
  get clean(): boolean {
    return this.upper.size === 0;
  }

  /**
   * The upper layer as layer content (what `docker diff`/commit/a RUN step produce): changed entries with their
   * parent directories, whiteouts for deleted lower paths (one per deleted subtree), opaque re-created dirs.
   */
  diff(): LayerContent & { entries: Map<string, LayerChange>; opaque: Set<string> } {
    const entries = new Map<string, LayerChange>();
    const opaque = new Set<string>();
    const addParents = (p: string) => {
      for (let d = parentOf(p); d !== '/'; d = parentOf(d)) {
        if (entries.has(d)) break;
        const e = this.get(d);
        if (e) entries.set(d, e);
      }
    };
    for (const [p, e] of this.upper) {
      if (p === '/') continue;
      if (e) {
        entries.set(p, e);
        if (e.type === 'dir' && this.opaque.has(p)) opaque.add(p);
        addParents(p);
        continue;
      }
      if (!this.base.entries.has(p)) continue; // created and deleted in this layer
      const parent = parentOf(p);
      if (this.upper.get(parent) === null && this.base.entries.has(parent)) continue; // parent's whiteout covers it
      if (this.opaque.has(parent)) continue;
      if (this.hiddenByAncestor(p)) continue;
      entries.set(p, { type: 'whiteout' });
      addParents(p);
    }
    return { entries, opaque };
  }
  private hiddenByAncestor(p: string): boolean {
    for (let d = parentOf(p); d !== '/'; d = parentOf(d)) {
      if (this.opaque.has(d)) return true;
      if (this.upper.get(d) === null) return true;
    }
    return false;
  }

  /** `docker diff` kinds: 0 modified, 1 added, 2 deleted, sorted by path. */
  changes(): { Path: string; Kind: 0 | 1 | 2 }[] {
    const out: { Path: string; Kind: 0 | 1 | 2 }[] = [];
    const d = this.diff();
    for (const [p, e] of d.entries) {
      if (e.type === 'whiteout') out.push({ Path: p, Kind: 2 });
      else out.push({ Path: p, Kind: this.base.entries.has(p) ? 0 : 1 });
    }
    return out.sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  }

  /** Adds an entry as is (used to populate from a layer or a build context). Parents must exist. */
  putEntry(path: string, e: Entry): void {
    const p = normPath(path);
    this.put(p, e);
  }
  /** Deletes a path and its subtree without following symlinks (COPY over a file, whiteouts applied by hand). */
  removePath(path: string): void {
    const p = normPath(path);
    if (this.get(p)) this.removeTree(p);
  }
  /** Total bytes of regular files and symlinks written in the upper layer (SizeRw). */
  upperSize(): number {
    let n = 0;
    for (const e of this.upper.values()) if (e && e.type !== 'dir') n += e.type === 'file' ? contentSize(e.data) : entrySize(e);
    return n;
  }
  /** Creates a directory entry (mkdir -p semantics, no symlink following in the last part) with explicit metadata. */
  ensureDir(path: string, meta?: Partial<Entry>): void {
    let p: string;
    try {
      p = this.resolve(path, true, 'mkdir');
    } catch (err) {
      if (!(err instanceof FsError) || err.code !== 'ENOENT') throw err;
      this.ensureDir(parentOf(normPath(path)));
      p = this.resolve(path, true, 'mkdir');
    }
    if (this.get(p)?.type === 'dir') return;
    if (!this.get(parentOf(p))) this.ensureDir(parentOf(p));
    this.put(p, { ...mkDirEntry(0o755, this.owner.uid, this.owner.gid, this.now()), ...(meta ?? {}), type: 'dir' } as Entry);
  }
}
