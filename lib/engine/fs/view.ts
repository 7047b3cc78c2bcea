/**
 * A flattened, immutable view of a stack of layers: path -> entry plus a per-directory child index. Built once per
 * layer chain (and cached by the store), shared by every container and build step that starts from that chain.
 */
import { type Entry, type DirEntry, dir, parentOf, baseName, joinPath } from './entry';
import type { LayerContent } from '../tar';

export interface View {
  readonly entries: ReadonlyMap<string, Entry>;
  /** Directory path -> names of its children (insertion order; sort when listing). */
  readonly children: ReadonlyMap<string, ReadonlySet<string>>;
  /** Number of non-directory entries (for figures). */
  readonly fileCount: number;
}

const ROOT: DirEntry = dir(0o755);

export class MutableView implements View {
  entries = new Map<string, Entry>();
  children = new Map<string, Set<string>>();
  /** Child sets shared with the view this one was copied from are cloned on first write (copy-on-write). */
  private owned = new Set<string>();
  constructor(from?: View) {
    if (from) {
      this.entries = new Map(from.entries);
      this.children = new Map(from.children as Map<string, Set<string>>);
    } else {
      this.entries.set('/', ROOT);
      this.children.set('/', new Set());
      this.owned.add('/');
    }
  }
  /** The child set of a directory, owned by this view (cloned if shared). */
  private kids(p: string): Set<string> {
    let s = this.children.get(p);
    if (!s) {
      s = new Set();
      this.children.set(p, s);
      this.owned.add(p);
    } else if (!this.owned.has(p)) {
      s = new Set(s);
      this.children.set(p, s);
      this.owned.add(p);
    }
    return s;
  }
  get fileCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.type !== 'dir') n++;
    return n;
  }
  private removeTree(p: string): void {
    const kids = this.children.get(p);
    if (kids) {
      for (const k of kids) this.removeTree(joinPath(p, k));
      this.children.delete(p);
    }
    this.entries.delete(p);
  }
  remove(p: string): void {
    if (p === '/' || !this.entries.has(p)) return;
    this.removeTree(p);
    if (this.children.has(parentOf(p))) this.kids(parentOf(p)).delete(baseName(p));
  }
  clearChildren(p: string): void {
    const kids = this.children.get(p);
    if (!kids) return;
    for (const k of [...kids]) this.removeTree(joinPath(p, k));
    this.children.set(p, new Set());
    this.owned.add(p);
  }
  set(p: string, e: Entry): void {
    if (p === '/') {
      if (e.type === 'dir') this.entries.set('/', e);
      return;
    }
    const old = this.entries.get(p);
    if (old && old.type === 'dir' && e.type !== 'dir') this.removeTree(p);
    const parent = parentOf(p);
    if (!this.entries.has(parent)) this.set(parent, ROOT);
    this.entries.set(p, e);
    const kids = this.children.get(parent);
    if (!kids || !kids.has(baseName(p))) this.kids(parent).add(baseName(p));
    if (e.type === 'dir' && !this.children.has(p)) this.kids(p);
  }
  /** Applies a layer on top: opaque dirs first, then whiteouts and entries (as the overlay driver would see them). */
  apply(layer: LayerContent): this {
    if (layer.opaque) for (const d of layer.opaque) this.clearChildren(d);
    for (const [p, e] of layer.entries) {
      if (e.type === 'whiteout') this.remove(p);
      else this.set(p, e);
    }
    return this;
  }
}

export function flatten(layers: readonly LayerContent[], from?: View): View {
  const v = new MutableView(from);
  for (const l of layers) v.apply(l);
  return v;
}
