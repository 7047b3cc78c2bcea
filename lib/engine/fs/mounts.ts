/**
 * A container's root file system with mount points: paths at or under a mount's destination are served by another
 * file system (a volume's, or the host directory of a bind mount); everything else by the container's own
 * copy-on-write layer. It is a UnionFs (just-bash's IFileSystem plus what lib/shell and the programs use), so the
 * shell, `docker cp` and the servers see one tree, while `diff()`/`changes()`/commit see the container layer only:
 * files written under a mount point never reach the container's layer (as with overlayfs plus bind mounts).
 *
 * Reads go through `get`/`children`, which route to the mount; symlinks are resolved across mounts from the
 * container's root, like the kernel does. Writes resolve the path first, then run on the file system that owns it;
 * a copy or a move between two file systems copies the entries (a rename across mounts is a copy plus a delete).
 */
import { UnionFs, FsError, type UnionFsOptions } from './union';
import { MutableView, type View } from './view';
import { bytesEqual } from './bytes';
import { type Entry, type FileEntry, contentBytes, normPath, joinPath, parentOf, baseName } from './entry';
import type { FileContent, MkdirOptions, RmOptions, CpOptions, BufferEncoding } from 'just-bash';

export interface Mount {
  /** Absolute, normalised path in the container. */
  destination: string;
  fs: UnionFs;
  readOnly: boolean;
  /** The path of `fs` that is mounted (default '/'; a file for a single-file bind mount). */
  root?: string;
}
interface At { m: Mount; inner: string; top: boolean }

type WriteOptions = { encoding?: BufferEncoding } | BufferEncoding;

export class MountFs extends UnionFs {
  private mounts: Mount[] = [];
  /** While set, mounts are ignored (to create mount point directories in the container layer). */
  private bypass = false;

  constructor(base: View, opts: UnionFsOptions = {}, mounts: Mount[] = []) {
    super(base, opts);
    this.setMounts(mounts);
  }

  /** Replaces the mount table (at container start). Creates the mount point directories in the container layer. */
  setMounts(mounts: Mount[]): void {
    this.mounts = [];
    this.bypass = true;
    try {
      for (const m of mounts) {
        const e = this.get(m.destination);
        const file = m.fs.entry(m.root ?? '/')?.type === 'file';
        if (file) {
          if (!e || e.type !== 'file') { if (e) this.removePath(m.destination); this.ensureDir(parentOf(m.destination)); super.putEntry(m.destination, { type: 'file', data: new Uint8Array(0), mode: 0o755, uid: 0, gid: 0, mtime: this.now() }); }
        } else if (!e || e.type !== 'dir') { if (e) this.removePath(m.destination); this.ensureDir(m.destination); }
      }
    } finally {
      this.bypass = false;
    }
    this.mounts = [...mounts].sort((a, b) => b.destination.length - a.destination.length);
  }
  get mountTable(): readonly Mount[] { return this.mounts; }

  /** The container layer alone (no mounts): what the image had at a path, for copying into a new volume. */
  withoutMounts<T>(f: () => T): T {
    const was = this.bypass;
    this.bypass = true;
    try { return f(); } finally { this.bypass = was; }
  }

  private mountOf(p: string): At | undefined {
    if (this.bypass) return undefined;
    for (const m of this.mounts) {
      const root = m.root ?? '/';
      if (p === m.destination) return { m, inner: root, top: true };
      if (p.startsWith(m.destination + '/')) return { m, inner: root === '/' ? p.slice(m.destination.length) : root + p.slice(m.destination.length), top: false };
    }
    return undefined;
  }
  /** The physical path of `path` (symlinks resolved across mounts) and the mount that owns it. */
  private route(path: string, followLast = true): { p: string; at?: At } {
    let p: string;
    try { p = this.resolve(path, followLast); } catch { p = normPath(path); }
    return { p, at: this.mountOf(p) };
  }
  private writable(at: { m: Mount } | undefined, op: string, path: string): void {
    if (at?.m.readOnly) throw new FsError('EROFS', `EROFS: read-only file system, ${op} '${path}'`);
  }
  /** Runs `f` on a mount, naming the caller's path (not the mount-relative one) in errors. */
  private async on<T>(at: At, path: string, f: (fs: UnionFs, inner: string) => T | Promise<T>): Promise<T> {
    try { return await f(at.m.fs, at.inner); } catch (e) { throw this.rename(e, at.inner, path); }
  }
  private onSync<T>(at: At, path: string, f: (fs: UnionFs, inner: string) => T): T {
    try { return f(at.m.fs, at.inner); } catch (e) { throw this.rename(e, at.inner, path); }
  }
  private rename(e: unknown, inner: string, path: string): unknown {
    return e instanceof FsError ? new FsError(e.code, e.message.replace(`'${inner}'`, `'${path}'`)) : e;
  }

  // ---------- reads: routed at the entry level, so UnionFs's resolution and listing work across mounts ----------

  override get(p: string): Entry | undefined {
    const at = this.mountOf(p);
    return at ? at.m.fs.get(at.inner) : super.get(p);
  }
  override children(p: string): string[] {
    const at = this.mountOf(p);
    if (at) return at.m.fs.children(at.inner);
    const names = super.children(p);
    if (this.bypass) return names;
    // Mount points show in their parent even when the container layer lacks the directory.
    let added = false;
    for (const m of this.mounts) {
      if (m.destination !== '/' && parentOf(m.destination) === p && !names.includes(baseName(m.destination))) { names.push(baseName(m.destination)); added = true; }
    }
    return added ? names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : names;
  }
  override getAllPaths(): string[] {
    if (this.bypass || !this.mounts.length) return super.getAllPaths();
    const out = super.getAllPaths().filter((p) => !this.mountOf(p) || this.mounts.some((m) => m.destination === p));
    for (const m of this.mounts) {
      const root = m.root ?? '/';
      for (const q of m.fs.getAllPaths()) {
        if (root === '/' ? q !== '/' : q.startsWith(root + '/')) out.push(m.destination + (root === '/' ? q : q.slice(root.length)));
      }
    }
    return out;
  }

  // ---------- writes ----------

  override writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    const { at } = this.route(path);
    if (!at) return super.writeFile(path, content, options);
    this.writable(at, 'open', path);
    return this.on(at, path, (fs, i) => fs.writeFile(i, content, options));
  }
  override writeBytes(path: string, data: FileEntry['data'], mode?: number): void {
    const { at } = this.route(path);
    if (!at) return super.writeBytes(path, data, mode);
    this.writable(at, 'open', path);
    this.onSync(at, path, (fs, i) => fs.writeBytes(i, data, mode));
  }
  override mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const { at } = this.route(path);
    if (!at) return super.mkdir(path, options);
    if (at.top) return options?.recursive ? Promise.resolve() : Promise.reject(new FsError('EEXIST', `EEXIST: file already exists, mkdir '${path}'`));
    this.writable(at, 'mkdir', path);
    return this.on(at, path, (fs, i) => fs.mkdir(i, options));
  }
  override mkdirSyncInternal(path: string, recursive: boolean, mode = 0o777): void {
    const { at } = this.route(path);
    if (!at) return super.mkdirSyncInternal(path, recursive, mode);
    if (at.top) return;
    this.writable(at, 'mkdir', path);
    this.onSync(at, path, (fs, i) => fs.mkdirSyncInternal(i, recursive, mode));
  }
  override ensureDir(path: string, meta?: Partial<Entry>): void {
    const { at } = this.route(path);
    if (!at) return super.ensureDir(path, meta);
    if (at.top) return;
    this.writable(at, 'mkdir', path);
    this.onSync(at, path, (fs, i) => fs.ensureDir(i, meta));
  }
  override rm(path: string, options?: RmOptions): Promise<void> {
    if (!this.mounts.length || this.bypass) return super.rm(path, options);
    return this.rmRouted(path, options);
  }
  private async rmRouted(path: string, options?: RmOptions): Promise<void> {
    const { p, at } = this.route(path, false);
    const inside = this.mounts.filter((m) => !this.bypass && m.destination.startsWith(p === '/' ? '/' : p + '/'));
    if (at && at.top) {
      // A mount point itself: its content goes, the directory stays busy.
      this.writable(at, 'rm', path);
      if (!options?.recursive || at.m.fs.get(at.inner)?.type !== 'dir') throw new FsError('EBUSY', `EBUSY: resource busy or locked, rm '${path}'`);
      for (const n of at.m.fs.children(at.inner)) await at.m.fs.rm(joinPath(at.inner, n), { recursive: true, force: true });
      throw new FsError('EBUSY', `EBUSY: resource busy or locked, rm '${path}'`);
    }
    if (at) { this.writable(at, 'rm', path); return this.on(at, path, (fs, i) => fs.rm(i, options)); }
    if (inside.length) throw new FsError('EBUSY', `EBUSY: resource busy or locked, rm '${inside[0].destination}'`);
    return super.rm(path, options);
  }
  override cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    if (!this.mounts.length || this.bypass) return super.cp(src, dest, options);
    return this.cpRouted(src, dest, options);
  }
  private async cpRouted(src: string, dest: string, options?: CpOptions): Promise<void> {
    const s = this.route(src);
    const d = this.route(dest);
    if (s.at?.m === d.at?.m) {
      if (!d.at) return super.cp(src, dest, options);
      this.writable(d.at, 'cp', dest);
      return this.on(d.at, dest, (fs) => fs.cp(s.at!.inner, d.at!.inner, options));
    }
    this.writable(d.at, 'cp', dest);
    const e = this.get(s.p);
    if (!e) throw new FsError('ENOENT', `ENOENT: no such file or directory, cp '${src}'`);
    if (e.type === 'dir' && !options?.recursive) throw new FsError('EISDIR', `EISDIR: is a directory, cp '${src}'`);
    this.copyAcross(s.p, d.p, false);
  }
  override mv(src: string, dest: string): Promise<void> {
    if (!this.mounts.length || this.bypass) return super.mv(src, dest);
    return this.mvRouted(src, dest);
  }
  private async mvRouted(src: string, dest: string): Promise<void> {
    const s = this.route(src, false);
    let d = this.route(dest);
    if (this.get(d.p)?.type === 'dir' && this.get(s.p)?.type !== 'dir') d = this.route(joinPath(d.p, baseName(s.p)));
    if (s.at?.m === d.at?.m) {
      if (!d.at) return super.mv(src, dest);
      this.writable(d.at, 'mv', dest);
      return this.on(d.at, dest, (fs) => fs.mv(s.at!.inner, d.at!.inner));
    }
    this.writable(s.at, 'mv', src);
    this.writable(d.at, 'mv', dest);
    if (!this.get(s.p)) throw new FsError('ENOENT', `ENOENT: no such file or directory, mv '${src}'`);
    if (s.at?.top) throw new FsError('EBUSY', `EBUSY: resource busy or locked, mv '${src}'`);
    this.copyAcross(s.p, d.p, true);
    await this.rm(s.p, { recursive: true, force: true });
  }
  /** Copies a tree entry by entry into whichever file system owns each destination path. */
  private copyAcross(sp: string, dp: string, keepMeta: boolean): void {
    const e = this.get(sp);
    if (!e) return;
    const t = this.now();
    const owned = keepMeta ? e : { ...e, uid: this.owner.uid, gid: this.owner.gid, mtime: t };
    if (e.type === 'dir') {
      const cur = this.get(dp);
      if (!cur || cur.type !== 'dir') this.putEntry(dp, owned);
      for (const n of this.children(sp)) this.copyAcross(joinPath(sp, n), joinPath(dp, n), keepMeta);
    } else {
      const { ino: _ino, ...rest } = owned as FileEntry;
      void _ino;
      if (this.get(dp)?.type === 'dir') this.removePath(dp);
      this.putEntry(dp, rest as Entry);
    }
  }
  override chmod(path: string, mode: number): Promise<void> {
    const { at } = this.route(path);
    if (!at) return super.chmod(path, mode);
    this.writable(at, 'chmod', path);
    return this.on(at, path, (fs, i) => fs.chmod(i, mode));
  }
  override chown(path: string, uid: number | undefined, gid: number | undefined, followLast = true): void {
    const { at } = this.route(path, followLast);
    if (!at) return super.chown(path, uid, gid, followLast);
    this.writable(at, 'chown', path);
    this.onSync(at, path, (fs, i) => fs.chown(i, uid, gid, false));
  }
  override symlink(target: string, linkPath: string): Promise<void> {
    const { at } = this.route(linkPath, false);
    if (!at) return super.symlink(target, linkPath);
    this.writable(at, 'symlink', linkPath);
    return this.on(at, linkPath, (fs, i) => fs.symlink(target, i));
  }
  override link(existingPath: string, newPath: string): Promise<void> {
    const s = this.route(existingPath, false);
    const d = this.route(newPath, false);
    if (s.at?.m !== d.at?.m) throw new FsError('EXDEV', `EXDEV: cross-device link not permitted, link '${existingPath}' -> '${newPath}'`);
    if (!d.at) return super.link(existingPath, newPath);
    this.writable(d.at, 'link', newPath);
    return this.on(d.at, newPath, (fs) => fs.link(s.at!.inner, d.at!.inner));
  }
  override utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    const { at } = this.route(path);
    if (!at) return super.utimes(path, atime, mtime);
    this.writable(at, 'utimes', path);
    return this.on(at, path, (fs, i) => fs.utimes(i, atime, mtime));
  }
  override putEntry(path: string, e: Entry): void {
    const at = this.mountOf(normPath(path));
    if (!at) return super.putEntry(path, e);
    if (at.top && e.type !== at.m.fs.get(at.inner)?.type) return;
    at.m.fs.putEntry(at.inner, e);
  }
  override removePath(path: string): void {
    const at = this.mountOf(normPath(path));
    if (!at) return super.removePath(path);
    if (!at.top) at.m.fs.removePath(at.inner);
  }
}

/** An empty file system (a new volume's `_data`). */
export function emptyFs(opts: UnionFsOptions = {}): UnionFs {
  return new UnionFs(new MutableView(), opts);
}

/**
 * Copies the tree at `dir` of `from` into the root of an empty volume, as moby does when a volume is first mounted
 * over a directory of the image (copyExistingContents): only when the volume is empty; the volume's root takes the
 * directory's mode and owner.
 */
export function populateVolume(vol: UnionFs, from: UnionFs, dir: string): boolean {
  if (vol.children('/').length) return false;
  let src: string;
  try { src = from.resolve(dir); } catch { return false; }
  const root = from.get(src);
  if (!root || root.type !== 'dir') return false;
  vol.putEntry('/', root);
  const walk = (sp: string, dp: string) => {
    for (const n of from.children(sp)) {
      const e = from.get(joinPath(sp, n));
      if (!e) continue;
      vol.putEntry(joinPath(dp, n), e);
      if (e.type === 'dir') walk(joinPath(sp, n), joinPath(dp, n));
    }
  };
  walk(src, '/');
  return true;
}

/** The files of the host side of bind mounts (the workspace: relative, slash-separated paths). */
export interface HostFiles {
  list(): { path: string; data: Uint8Array; mode: number; mtime: number }[];
  read(path: string): { path: string; data: Uint8Array; mode: number; mtime: number } | undefined;
  write(path: string, data: Uint8Array | string, mode?: number): void;
  remove(path: string): boolean;
  onChange(listener: (path: string) => void): () => void;
}

/**
 * A bind mount of a host directory: a file system kept in step with the host files both ways. The host's edits
 * appear at once (nginx serves the learner's files live); what the container writes goes back to the host.
 * `prefix` is the host directory ('' for the workspace root, else `site` for /site).
 */
export class HostBindFs extends UnionFs {
  private syncing = false;
  private readonly stop: () => void;

  constructor(private readonly host: HostFiles, private readonly prefix: string, opts: UnionFsOptions = {}) {
    super(new MutableView(), opts);
    this.syncing = true;
    try {
      for (const f of host.list()) { const rel = this.rel(f.path); if (rel) this.load(rel); }
    } finally {
      this.syncing = false;
    }
    this.stop = host.onChange((path) => {
      if (this.syncing) return;
      const rel = this.rel(path);
      if (!rel) return;
      this.syncing = true;
      try { this.load(rel); } finally { this.syncing = false; }
    });
  }
  /** Stops following the host (the container was removed). */
  detach(): void { this.stop(); }

  /** The path inside this mount of a host path, or null when outside the bound directory. */
  private rel(hostPath: string): string | null {
    if (!this.prefix) return '/' + hostPath;
    if (hostPath.startsWith(this.prefix + '/')) return hostPath.slice(this.prefix.length);
    return null;
  }
  private hostPath(p: string): string {
    return (this.prefix ? this.prefix + p : p.slice(1));
  }
  private load(rel: string): void {
    const f = this.host.read(this.hostPath(rel));
    if (!f) { super.removePath(rel); return; }
    super.ensureDir(parentOf(rel), { uid: 0, gid: 0, mode: 0o755, mtime: Math.floor(f.mtime / 1000) });
    super.putEntry(rel, { type: 'file', data: f.data, mode: f.mode & 0o7777, uid: 0, gid: 0, mtime: Math.floor(f.mtime / 1000) });
  }
  /** Writes what the container changed under `p` back to the host. */
  private push(p: string): void {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const want = new Map<string, FileEntry>();
      const walk = (q: string) => {
        const e = super.get(q);
        if (!e) return;
        if (e.type === 'file') want.set(q, e);
        else if (e.type === 'dir') for (const n of super.children(q)) walk(joinPath(q, n));
      };
      walk(p);
      for (const f of this.host.list()) {
        const rel = this.rel(f.path);
        if (!rel || (rel !== p && p !== '/' && !rel.startsWith(p + '/'))) continue;
        if (!want.has(rel)) this.host.remove(f.path);
      }
      for (const [q, e] of want) {
        const data = contentBytes(e.data);
        const cur = this.host.read(this.hostPath(q));
        if (!cur || cur.mode !== (e.mode & 0o7777) || !bytesEqual(cur.data, data)) this.host.write(this.hostPath(q), data, e.mode & 0o7777);
      }
    } finally {
      this.syncing = false;
    }
  }
  private physical(path: string, followLast = true): string {
    try { return this.resolve(path, followLast); } catch { return normPath(path); }
  }

  override async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    await super.writeFile(path, content, options);
    this.push(this.physical(path));
  }
  override writeBytes(path: string, data: FileEntry['data'], mode?: number): void {
    super.writeBytes(path, data, mode);
    this.push(this.physical(path));
  }
  override async rm(path: string, options?: RmOptions): Promise<void> {
    const p = this.physical(path, false);
    await super.rm(path, options);
    this.push(p);
  }
  override async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    await super.cp(src, dest, options);
    this.push(this.physical(dest));
  }
  override async mv(src: string, dest: string): Promise<void> {
    const s = this.physical(src, false);
    await super.mv(src, dest);
    this.push(s);
    this.push(this.physical(dest));
  }
  override async chmod(path: string, mode: number): Promise<void> {
    await super.chmod(path, mode);
    this.push(this.physical(path));
  }
  override putEntry(path: string, e: Entry): void {
    super.putEntry(path, e);
    this.push(normPath(path));
  }
  override removePath(path: string): void {
    super.removePath(path);
    this.push(normPath(path));
  }
}


