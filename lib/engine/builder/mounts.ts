/**
 * RUN --mount in the simulated BuildKit: what a mount puts at its target while the command runs, and how the step's
 * layer leaves it out again (BuildKit mounts bind/cache/tmpfs/secret/ssh over the root file system and removes the
 * mount-point stubs it had to create, executor/stubs.go, so none of it reaches the image).
 *
 * A mount's content is a map of entries by path relative to the mount point ('' is the mount point itself).
 * Cache mounts keep their content between builds in the build cache (keyed by id, default the target).
 */
import { dir as dirEntry, file as fileEntry, normPath, parentOf, type Entry } from '../fs/entry';
import type { UnionFs } from '../fs/union';
import type { LayerChange, LayerContent } from '../tar';
import type { ContextView } from './context';
import { cleanRel } from './context';

export type MountContent = Map<string, Entry>;

/** One mount as the step applies it. */
export interface ActiveMount {
  /** absolute target as written (workdir-relative targets already joined) */
  target: string;
  content: MountContent;
  readOnly: boolean;
}

/** What applying mounts left behind, for the layer filter and the cache-mount snapshot. */
export interface AppliedMounts {
  /** physical mount points (symlinks in their parents resolved) */
  points: string[];
  /** directories created only to hold a mount point */
  stubs: Set<string>;
}

/** Puts each mount's content at its target (hiding what was there); missing parent directories become stubs. */
export function applyMounts(fs: UnionFs, mounts: readonly ActiveMount[]): AppliedMounts {
  const applied: AppliedMounts = { points: [], stubs: new Set() };
  for (const m of mounts) {
    const t = normPath(m.target);
    const parent = physicalParent(fs, parentOf(t), applied.stubs);
    const point = normPath(parent + '/' + t.slice(t.lastIndexOf('/') + 1));
    if (fs.get(point)) fs.removePath(point);
    else if (!m.content.has('')) applied.stubs.add(point);
    fs.putEntry(point, m.content.get('') ?? dirEntry(0o755, 0, 0, 0));
    const rels = [...m.content.keys()].filter((k) => k !== '').sort();
    for (const rel of rels) {
      const p = normPath(point + '/' + rel);
      ensureRawDirs(fs, parentOf(p), point);
      fs.putEntry(p, m.content.get(rel)!);
    }
    applied.points.push(point);
  }
  return applied;
}

/** Resolves symlinks in a directory path, creating missing directories (recorded as stubs). */
function physicalParent(fs: UnionFs, dirPath: string, stubs: Set<string>): string {
  const parts = normPath(dirPath).split('/').filter(Boolean);
  let cur = '/';
  for (const part of parts) {
    const next = cur === '/' ? '/' + part : cur + '/' + part;
    const e = fs.get(next);
    if (!e) {
      fs.putEntry(next, dirEntry(0o755, 0, 0, 0));
      stubs.add(next);
      cur = next;
      continue;
    }
    if (e.type === 'symlink') {
      try {
        cur = fs.resolve(next);
        if (!fs.get(cur)) {
          fs.putEntry(cur, dirEntry(0o755, 0, 0, 0));
          stubs.add(cur);
        }
        continue;
      } catch {
        cur = next;
        continue;
      }
    }
    cur = next;
  }
  return cur;
}

function ensureRawDirs(fs: UnionFs, p: string, root: string): void {
  if (p === root || fs.get(p)) return;
  ensureRawDirs(fs, parentOf(p), root);
  fs.putEntry(p, dirEntry(0o755, 0, 0, 0));
}

/** The entries at and under a path (its symlinks as they are), relative to it. */
export function subtree(fs: UnionFs, path: string): MountContent | undefined {
  let p = normPath(path);
  let root = fs.get(p);
  if (root?.type === 'symlink') {
    try {
      p = fs.resolve(p);
      root = fs.get(p);
    } catch {
      return undefined;
    }
  }
  if (!root) return undefined;
  const out: MountContent = new Map([['', root]]);
  if (root.type !== 'dir') return out;
  const walk = (abs: string, rel: string) => {
    for (const name of fs.children(abs)) {
      const ap = abs === '/' ? '/' + name : abs + '/' + name;
      const rp = rel ? rel + '/' + name : name;
      const e = fs.get(ap);
      if (!e) continue;
      out.set(rp, e);
      if (e.type === 'dir') walk(ap, rp);
    }
  };
  walk(p, '');
  return out;
}

/** A context path as mount content (directories 0755, files with their mode and time); undefined when missing. */
export function contextSubtree(ctx: ContextView, src: string): MountContent | undefined {
  const rel = cleanRel(src);
  const mtime = (m?: number) => Math.floor((m ?? 0) > 1e11 ? (m ?? 0) / 1000 : m ?? 0);
  if (ctx.isDir(rel)) {
    const out: MountContent = new Map([['', dirEntry(0o755, 0, 0, 0)]]);
    const pre = rel === '' ? '' : rel + '/';
    for (const f of ctx.filesUnder(rel)) {
      const r = f.path.slice(pre.length);
      const parts = r.split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (!out.has(d)) out.set(d, dirEntry(0o755, 0, 0, 0));
      }
      out.set(r, fileEntry(f.file.data, f.file.mode & 0o7777, 0, 0, mtime(f.file.mtime)));
    }
    return out;
  }
  const f = ctx.get(rel);
  if (!f) return undefined;
  return new Map([['', fileEntry(f.data, f.mode & 0o7777, 0, 0, mtime(f.mtime))]]);
}

/**
 * The step's layer without the mounts: drops everything at or under a mount point, the stubs, and directories that
 * were only listed as parents of what was dropped.
 */
export function layerWithoutMounts(d: LayerContent, base: ReadonlyMap<string, Entry>, applied: AppliedMounts): LayerContent {
  const under = (p: string) => applied.points.some((t) => p === t || p.startsWith(t + '/'));
  const kept = new Set<string>();
  for (const [p, e] of d.entries) {
    if (under(p) || applied.stubs.has(p)) continue;
    if (e.type === 'dir' && base.get(p) === e) continue; // an unchanged parent: kept only when something under it is
    kept.add(p);
  }
  const need = new Set<string>(kept);
  for (const p of kept) for (let a = parentOf(p); a !== '/'; a = parentOf(a)) if (d.entries.has(a)) need.add(a);
  const entries = new Map<string, LayerChange>();
  for (const [p, e] of d.entries) if (need.has(p)) entries.set(p, e);
  const opaque = new Set([...(d.opaque ?? [])].filter((p) => entries.has(p)));
  return { entries, opaque };
}

/** An empty secret or agent socket stand-in, or a secret's bytes, as a read-only file. */
export function secretFile(data: Uint8Array, mode: number, uid: number, gid: number): Entry {
  return fileEntry(data, mode, uid, gid, 0);
}
