/**
 * The console's Workspace as just-bash's file system (IFileSystem), for the lines the console hands to just-bash
 * (pipes, loops, globs: lib/console/full-shell.ts). The workspace is the host's `/`: `/Dockerfile` is the workspace's
 * `Dockerfile`. It stores files only, so directories are the prefixes of file paths (`mkdir d` writes `d/.keep`, as
 * the console's own mkdir does). Besides the workspace:
 *   - `/bin/<name>` and `/usr/bin/<name>` exist for every command just-bash may run (its command lookup wants a file),
 *   - `/dev/null` swallows writes, and `/dev/tty` / `/dev/ttyerr` pass writes straight to the terminal: the console
 *     redirects the output of commands whose stdout/stderr is the terminal there, so it shows as each command ends.
 */
import type { IFileSystem, FsStat, BufferEncoding, FileContent } from 'just-bash';

type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];
import type { Workspace } from './types';
import { normalizePath } from './workspace';

const enc = new TextEncoder();
const utf8 = new TextDecoder();
const latin1 = new TextDecoder('latin1');

/** An error like Node's fs errors (just-bash reads `code` and the `CODE: text, op 'path'` message). */
function fsError(code: 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EPERM', op: string, path: string): Error {
  const text: Record<typeof code, string> = {
    ENOENT: 'no such file or directory', EEXIST: 'file already exists', EISDIR: 'illegal operation on a directory',
    ENOTDIR: 'not a directory', ENOTEMPTY: 'directory not empty', EINVAL: 'invalid argument', EPERM: 'operation not permitted',
  };
  return Object.assign(new Error(`${code}: ${text[code]}, ${op} '${path}'`), { code });
}

function toBytes(content: FileContent, encoding?: BufferEncoding | { encoding?: BufferEncoding }): Uint8Array {
  if (typeof content !== 'string') return content;
  const e = typeof encoding === 'string' ? encoding : encoding?.encoding;
  if (e === 'binary' || e === 'latin1') {
    const out = new Uint8Array(content.length);
    for (let i = 0; i < content.length; i++) out[i] = content.charCodeAt(i) & 0xff;
    return out;
  }
  return enc.encode(content);
}

export interface TerminalSink {
  stdout(data: string): void;
  stderr(data: string): void;
}

const VIRTUAL_DIRS = new Set(['/bin', '/usr', '/usr/bin', '/dev']);

export class WorkspaceFs implements IFileSystem {
  constructor(private readonly ws: Workspace, private readonly commands: ReadonlySet<string>, private readonly tty: TerminalSink, private readonly now: () => number) {}

  /** '/a/b' -> 'a/b' */
  private rel(p: string): string {
    return normalizePath(p);
  }
  private abs(p: string): string {
    return '/' + normalizePath(p);
  }
  private isDir(rel: string): boolean {
    if (rel === '') return true;
    const prefix = rel + '/';
    return this.ws.list().some((f) => f.path.startsWith(prefix));
  }
  private command(abs: string): boolean {
    const m = /^\/(?:usr\/)?bin\/([^/]+)$/.exec(abs);
    return !!m && this.commands.has(m[1]);
  }
  private special(abs: string): 'null' | 'tty' | 'ttyerr' | undefined {
    if (abs === '/dev/null') return 'null';
    if (abs === '/dev/tty' || abs === '/dev/stdout') return 'tty';
    if (abs === '/dev/ttyerr' || abs === '/dev/stderr') return 'ttyerr';
    return undefined;
  }
  private parentExists(p: string): boolean {
    const a = this.abs(p);
    const parent = a.slice(0, a.lastIndexOf('/')) || '/';
    const r = this.rel(parent);
    return !this.ws.read(r) && this.isDir(r);
  }

  async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const data = await this.readFileBuffer(path);
    const e = typeof options === 'string' ? options : options?.encoding;
    return e === 'binary' || e === 'latin1' ? latin1.decode(data) : utf8.decode(data);
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    const a = this.abs(path);
    if (this.special(a)) return new Uint8Array(0);
    const f = this.ws.read(this.rel(path));
    if (f) return f.data;
    if (this.isDir(this.rel(path)) || VIRTUAL_DIRS.has(a)) throw fsError('EISDIR', 'read', path);
    throw fsError('ENOENT', 'open', path);
  }
  async writeFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    await this.put(path, content, options, false);
  }
  async appendFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    await this.put(path, content, options, true);
  }
  private async put(path: string, content: FileContent, options: { encoding?: BufferEncoding } | BufferEncoding | undefined, append: boolean): Promise<void> {
    const a = this.abs(path);
    const s = this.special(a);
    if (s) {
      if (s !== 'null' && content.length) {
        const text = typeof content === 'string' ? content : utf8.decode(content);
        if (s === 'tty') this.tty.stdout(text); else this.tty.stderr(text);
      }
      return;
    }
    const r = this.rel(path);
    if (r === '' || this.isDir(r) || VIRTUAL_DIRS.has(a)) throw fsError('EISDIR', 'open', path);
    if (!this.parentExists(path)) throw fsError('ENOENT', 'open', path);
    const data = toBytes(content, options);
    const prev = append ? this.ws.read(r) : undefined;
    if (prev) {
      const joined = new Uint8Array(prev.data.length + data.length);
      joined.set(prev.data);
      joined.set(data, prev.data.length);
      this.ws.write(r, joined, prev.mode, this.now());
    } else {
      this.ws.write(r, data, this.ws.read(r)?.mode ?? 0o644, this.now());
    }
  }
  async exists(path: string): Promise<boolean> {
    const a = this.abs(path);
    if (this.special(a) || VIRTUAL_DIRS.has(a) || this.command(a)) return true;
    const r = this.rel(path);
    return !!this.ws.read(r) || this.isDir(r);
  }
  async stat(path: string): Promise<FsStat> {
    const a = this.abs(path);
    const r = this.rel(path);
    const f = this.ws.read(r);
    if (f) return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100000 | (f.mode & 0o7777), size: f.data.length, mtime: new Date(f.mtime) };
    if (this.isDir(r) || VIRTUAL_DIRS.has(a)) return { isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o40755, size: 4096, mtime: new Date(this.now()) };
    if (this.command(a)) return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100755, size: 0, mtime: new Date(0) };
    if (this.special(a)) return { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o20666, size: 0, mtime: new Date(0) };
    throw fsError('ENOENT', 'stat', path);
  }
  lstat(path: string): Promise<FsStat> {
    return this.stat(path);
  }
  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    const r = this.rel(path);
    if (this.ws.read(r)) throw fsError('EEXIST', 'mkdir', path);
    if (this.isDir(r) || VIRTUAL_DIRS.has(this.abs(path))) {
      if (options?.recursive) return;
      throw fsError('EEXIST', 'mkdir', path);
    }
    if (!options?.recursive && !this.parentExists(path)) throw fsError('ENOENT', 'mkdir', path);
    this.ws.write(r + '/.keep', '', 0o644, this.now());
  }
  async readdir(path: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(path)).map((d) => d.name);
  }
  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const r = this.rel(path);
    if (this.ws.read(r)) throw fsError('ENOTDIR', 'scandir', path);
    if (!this.isDir(r)) throw fsError('ENOENT', 'scandir', path);
    const prefix = r ? r + '/' : '';
    const kids = new Map<string, boolean>();
    for (const f of this.ws.list()) {
      if (!f.path.startsWith(prefix)) continue;
      const rest = f.path.slice(prefix.length).split('/');
      kids.set(rest[0], (kids.get(rest[0]) ?? false) || rest.length > 1);
    }
    return [...kids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, dir]) => ({ name, isFile: !dir, isDirectory: dir, isSymbolicLink: false }));
  }
  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    const r = this.rel(path);
    if (r === '') throw fsError('EPERM', 'rm', path);
    if (this.ws.remove(r)) return;
    if (this.isDir(r)) {
      const under = this.ws.list().filter((f) => f.path.startsWith(r + '/'));
      if (!options?.recursive && under.some((f) => f.path !== r + '/.keep')) throw fsError('ENOTEMPTY', 'rm', path);
      for (const f of under) this.ws.remove(f.path);
      return;
    }
    if (!options?.force) throw fsError('ENOENT', 'rm', path);
  }
  async cp(src: string, dest: string, options?: { recursive?: boolean }): Promise<void> {
    const s = this.rel(src);
    let d = this.rel(dest);
    const f = this.ws.read(s);
    if (f) {
      if (this.isDir(d)) d = normalizePath(d + '/' + s.split('/').pop());
      if (!this.parentExists('/' + d)) throw fsError('ENOENT', 'cp', dest);
      this.ws.write(d, f.data, f.mode, this.now());
      return;
    }
    if (!this.isDir(s)) throw fsError('ENOENT', 'cp', src);
    if (!options?.recursive) throw fsError('EISDIR', 'cp', src);
    for (const x of this.ws.list()) if (x.path.startsWith(s + '/')) this.ws.write(normalizePath(d + '/' + x.path.slice(s.length + 1)), x.data, x.mode, this.now());
  }
  async mv(src: string, dest: string): Promise<void> {
    const s = this.rel(src);
    let d = this.rel(dest);
    if (this.ws.read(s)) {
      if (this.isDir(d)) d = normalizePath(d + '/' + s.split('/').pop());
      if (!this.parentExists('/' + d)) throw fsError('ENOENT', 'rename', dest);
      this.ws.rename(s, d);
      return;
    }
    if (!this.isDir(s) || s === '') throw fsError('ENOENT', 'rename', src);
    for (const x of this.ws.list()) if (x.path.startsWith(s + '/')) this.ws.rename(x.path, normalizePath(d + '/' + x.path.slice(s.length + 1)));
  }
  resolvePath(base: string, path: string): string {
    return this.abs(path.startsWith('/') ? path : `${base}/${path}`);
  }
  getAllPaths(): string[] {
    const out = new Set<string>(['/']);
    for (const f of this.ws.list()) {
      const parts = f.path.split('/');
      for (let i = 1; i <= parts.length; i++) out.add('/' + parts.slice(0, i).join('/'));
    }
    return [...out].sort();
  }
  async chmod(path: string, mode: number): Promise<void> {
    const f = this.ws.read(this.rel(path));
    if (f) { this.ws.write(f.path, f.data, mode & 0o7777 || 0o644, f.mtime); return; }
    if (!this.isDir(this.rel(path))) throw fsError('ENOENT', 'chmod', path);
  }
  async symlink(_target: string, linkPath: string): Promise<void> {
    throw fsError('EPERM', 'symlink', linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    const f = this.ws.read(this.rel(existingPath));
    if (!f) throw fsError('ENOENT', 'link', existingPath);
    if (this.ws.read(this.rel(newPath))) throw fsError('EEXIST', 'link', newPath);
    this.ws.write(this.rel(newPath), f.data, f.mode, f.mtime);
  }
  async readlink(path: string): Promise<string> {
    throw fsError((await this.exists(path)) ? 'EINVAL' : 'ENOENT', 'readlink', path);
  }
  async realpath(path: string): Promise<string> {
    if (!(await this.exists(path))) throw fsError('ENOENT', 'realpath', path);
    return this.abs(path);
  }
  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const f = this.ws.read(this.rel(path));
    if (f) { this.ws.write(f.path, f.data, f.mode, mtime.getTime()); return; }
    if (!this.isDir(this.rel(path))) throw fsError('ENOENT', 'utime', path);
  }
}
