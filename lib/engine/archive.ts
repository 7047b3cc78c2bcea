/**
 * Copying in and out of a union fs the way `docker cp` does (GET/PUT /containers/{id}/archive): a tar of a path
 * named by its base name, the path stat (Go os.FileMode bits), and extraction of a tar into a directory.
 */
import type { UnionFs } from './fs/union';
import { type Entry, baseName, joinPath, normPath, parentOf } from './fs/entry';
import { type TarHeader, concatChunks, readTar, tarChunks, TYPE_DIR, TYPE_LINK, TYPE_REG, TYPE_SYMLINK } from './tar';
import type { Content } from './fs/entry';
import { rfc3339Nano } from './clock';
import { utf8 } from './digest';

/** Go os.FileMode as a uint32 (what the X-Docker-Container-Path-Stat header carries). */
export function goFileMode(e: Entry): number {
  let m = e.mode & 0o777;
  if (e.type === 'dir') m += 0x80000000;
  if (e.type === 'symlink') m += 0x8000000;
  if (e.mode & 0o4000) m += 0x800000;
  if (e.mode & 0o2000) m += 0x400000;
  if (e.mode & 0o1000) m += 0x100000;
  return m;
}

export interface PathStat { name: string; size: number; mode: number; mtime: string; linkTarget: string }

export class ArchiveError extends Error {
  constructor(readonly kind: 'notFound' | 'invalidParameter', message: string) { super(message); }
}

/** The tar `docker cp CONTAINER:path -` receives, and the stat of the path. Symlinks in the last part are not followed. */
export function archivePath(fs: UnionFs, path: string): { tar: Uint8Array; stat: PathStat } {
  const p = normPath(path);
  const e = fs.entry(p, false);
  if (!e) throw new ArchiveError('notFound', `Could not find the file ${path} in container`);
  const real = fs.resolve(p, false);
  const name = p === '/' ? '/' : baseName(p);
  const items: { header: TarHeader; data?: Content }[] = [];
  const add = (abs: string, rel: string, entry: Entry) => {
    const base = { mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, mtime: Math.floor(entry.mtime), size: 0 };
    if (entry.type === 'dir') {
      items.push({ header: { ...base, name: rel + '/', typeflag: TYPE_DIR } });
      for (const k of fs.children(abs)) add(joinPath(abs, k), rel + '/' + k, fs.get(joinPath(abs, k))!);
    } else if (entry.type === 'symlink') items.push({ header: { ...base, name: rel, typeflag: TYPE_SYMLINK, linkname: entry.target } });
    else items.push({ header: { ...base, name: rel, typeflag: TYPE_REG }, data: entry.data });
  };
  add(real, p === '/' ? '.' : name, e);
  const size = e.type === 'file' ? (e.data instanceof Uint8Array ? e.data.length : e.data.size) : e.type === 'symlink' ? utf8(e.target).length : 4096;
  return {
    tar: concatChunks(tarChunks(items)),
    stat: { name, size, mode: goFileMode(e), mtime: rfc3339Nano(e.mtime * 1000), linkTarget: e.type === 'symlink' ? e.target : '' },
  };
}

/** Extracts a tar into an existing directory (PUT archive). Ownership and modes come from the tar headers. */
export function extractArchive(fs: UnionFs, dirPath: string, tar: Uint8Array): void {
  const dest = normPath(dirPath);
  const d = fs.entry(dest);
  if (!d) throw new ArchiveError('notFound', `Could not find the file ${dirPath} in container`);
  if (d.type !== 'dir') throw new ArchiveError('invalidParameter', `extraction point is not a directory`);
  const root = fs.resolve(dest);
  for (const r of readTar(tar)) {
    const rel = r.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (!rel || rel === '.') continue;
    const p = normPath(joinPath(root, rel));
    if (!p.startsWith(root === '/' ? '/' : root + '/')) continue;
    const meta = { mode: r.mode & 0o7777, uid: r.uid, gid: r.gid, mtime: r.mtime };
    fs.ensureDir(parentOf(p));
    if (r.typeflag === TYPE_DIR) {
      const cur = fs.get(p);
      if (cur && cur.type !== 'dir') fs.removePath(p);
      fs.putEntry(p, { type: 'dir', ...meta });
    } else {
      if (fs.get(p)?.type === 'dir') fs.removePath(p);
      if (r.typeflag === TYPE_SYMLINK) fs.putEntry(p, { type: 'symlink', target: r.linkname ?? '', ...meta });
      else if (r.typeflag === TYPE_LINK) {
        const t = fs.get(normPath(joinPath(root, (r.linkname ?? '').replace(/^\.?\/+/, ''))));
        if (t && t.type === 'file') fs.putEntry(p, { ...t });
      } else fs.putEntry(p, { type: 'file', data: r.data, ...meta });
    }
  }
}
