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

/** Child-set change of one directory in a delta: lower names (unless cleared) and added names, those that exist. */
interface KidState { cleared: boolean; added: Set<string>; merged?: ReadonlySet<string> }

/** Deltas deeper than this over their full view are merged into one (a lookup walks at most this many maps). */
const MAX_DEPTH = 8;

/**
 * The view of a chain as the changes of its top layer(s) over the view below (copy-on-write at the view level):
 * building one costs O(changes), not O(image). Lookups walk the deltas (at most MAX_DEPTH) down to a full view.
 * Child sets of changed directories are merged lazily, on first listing; iteration (rare: globbing) walks everything.
 */
export class DeltaView implements View {
  /** Own changes: path -> entry, or null where a path of the view below was removed. */
  private readonly own = new Map<string, Entry | null>();
  /** Directories whose child set changed; null: the path has no child set any more (removed, or not a dir). */
  private readonly kids = new Map<string, KidState | null>();
  /** Own change maps from this delta down, then the full view they apply to. */
  private readonly chain: ReadonlyMap<string, Entry | null>[];
  private readonly root: View;
  readonly depth: number;
  /** Changed paths over the full view (sum over the chain): when it nears the view's size, a full copy is cheaper. */
  readonly weight: number;
  private sealed = false;
  private sizeCache = -1;
  private fileCountCache = -1;
  readonly entries: ReadonlyMap<string, Entry>;
  readonly children: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(readonly parent: View, layers: readonly LayerContent[]) {
    if (parent instanceof DeltaView) {
      this.chain = [this.own, ...parent.chain];
      this.root = parent.root;
      this.depth = parent.depth + 1;
    } else {
      this.chain = [this.own];
      this.root = parent;
      this.depth = 1;
    }
    this.entries = new DeltaEntries(this);
    this.children = new DeltaChildren(this);
    for (const l of layers) this.apply(l);
    this.sealed = true;
    this.weight = (parent instanceof DeltaView ? parent.weight : 0) + this.own.size;
  }

  getEntry(p: string): Entry | undefined {
    const chain = this.chain;
    for (let i = 0; i < chain.length; i++) {
      const e = chain[i].get(p);
      if (e !== undefined) return e ?? undefined;
    }
    return this.root.entries.get(p);
  }
  hasEntry(p: string): boolean {
    return this.getEntry(p) !== undefined;
  }
  getKids(p: string): ReadonlySet<string> | undefined {
    const st = this.kids.get(p);
    if (st === undefined) return this.parent.children.get(p);
    if (st === null) return undefined;
    if (st.merged) return st.merged;
    const merged = new Set<string>();
    if (!st.cleared) for (const n of this.parent.children.get(p) ?? []) if (this.hasEntry(joinPath(p, n))) merged.add(n);
    for (const n of st.added) if (this.hasEntry(joinPath(p, n))) merged.add(n);
    if (this.sealed) st.merged = merged;
    return merged;
  }
  get size(): number {
    if (this.sizeCache < 0) this.countChanges();
    return this.sizeCache;
  }
  get fileCount(): number {
    if (this.fileCountCache < 0) this.countChanges();
    return this.fileCountCache;
  }
  private countChanges(): void {
    let size = this.parent.entries.size, files = this.parent.fileCount;
    for (const [p, e] of this.own) {
      const old = this.parent.entries.get(p);
      if (old) {
        size--;
        if (old.type !== 'dir') files--;
      }
      if (e) {
        size++;
        if (e.type !== 'dir') files++;
      }
    }
    this.sizeCache = size;
    this.fileCountCache = files;
  }
  /** Every path once, with its entry (O(image): for globbing and figures). */
  *walk(): IterableIterator<[string, Entry]> {
    for (const [p] of this.root.entries) {
      const e = this.getEntry(p);
      if (e) yield [p, e];
    }
    const seen = new Set<string>();
    for (let i = this.chain.length - 1; i >= 0; i--) {
      for (const p of this.chain[i].keys()) {
        if (seen.has(p) || this.root.entries.has(p)) continue;
        seen.add(p);
        const e = this.getEntry(p);
        if (e) yield [p, e];
      }
    }
  }
  /** Paths of directories with a child set (O(image)). */
  *dirs(): IterableIterator<[string, ReadonlySet<string>]> {
    for (const [p] of this.walk()) {
      const k = this.getKids(p);
      if (k) yield [p, k];
    }
  }

  // ---------- building (the operations of MutableView, over the view below) ----------

  /** True when the path has a child set (a directory, or a path children were put under). */
  private hasKidSet(p: string): boolean {
    const st = this.kids.get(p);
    return st === undefined ? this.parent.children.has(p) : st !== null;
  }
  /** The change record of a directory's child set, created on first change (empty when it had no set). */
  private state(p: string): KidState {
    let st = this.kids.get(p);
    if (!st) {
      st = { cleared: !this.hasKidSet(p), added: new Set() };
      this.kids.set(p, st);
    }
    return st;
  }
  private removeTree(p: string): void {
    const kids = this.getKids(p);
    if (kids) {
      for (const k of [...kids]) this.removeTree(joinPath(p, k));
      this.kids.set(p, null);
    }
    this.own.set(p, null);
  }
  private remove(p: string): void {
    if (p === '/' || !this.hasEntry(p)) return;
    this.removeTree(p);
    const parent = parentOf(p);
    if (this.hasKidSet(parent)) this.state(parent);
  }
  private clearChildren(p: string): void {
    const kids = this.getKids(p);
    if (!kids) return;
    for (const k of [...kids]) this.removeTree(joinPath(p, k));
    this.kids.set(p, { cleared: true, added: new Set() });
  }
  private set(p: string, e: Entry): void {
    if (p === '/') {
      if (e.type === 'dir') this.own.set('/', e);
      return;
    }
    const old = this.getEntry(p);
    if (old && old.type === 'dir' && e.type !== 'dir') this.removeTree(p);
    const parent = parentOf(p);
    if (!this.hasEntry(parent)) this.set(parent, ROOT);
    const present = this.hasEntry(p);
    this.own.set(p, e);
    if (!present || !this.hasKidSet(parent)) this.state(parent).added.add(baseName(p));
    if (e.type === 'dir' && !this.hasKidSet(p)) this.kids.set(p, { cleared: true, added: new Set() });
  }
  private apply(layer: LayerContent): void {
    if (layer.opaque) for (const d of layer.opaque) this.clearChildren(d);
    for (const [p, e] of layer.entries) {
      if (e.type === 'whiteout') this.remove(p);
      else this.set(p, e);
    }
  }
  /** This delta's own changes as a layer (to replay a chain onto another view when merging). */
  ownAsLayer(): LayerContent {
    const entries = new Map<string, Entry | { type: 'whiteout' }>();
    for (const [p, e] of this.own) entries.set(p, e ?? { type: 'whiteout' });
    return { entries };
  }
  /** The chain of deltas from the bottom one up to this one. */
  deltas(): DeltaView[] {
    const out: DeltaView[] = [];
    for (let v: View = this; v instanceof DeltaView; v = v.parent) out.push(v);
    return out.reverse();
  }
  /** The full view the chain applies to. */
  get base(): View { return this.root; }
}

/** entries of a DeltaView: lookups walk the chain; iteration walks the whole view. */
class DeltaEntries implements ReadonlyMap<string, Entry> {
  constructor(private readonly v: DeltaView) {}
  get(p: string): Entry | undefined { return this.v.getEntry(p); }
  has(p: string): boolean { return this.v.hasEntry(p); }
  get size(): number { return this.v.size; }
  forEach(fn: (value: Entry, key: string, map: ReadonlyMap<string, Entry>) => void): void {
    for (const [k, e] of this.v.walk()) fn(e, k, this);
  }
  entries(): MapIterator<[string, Entry]> { return mapIterator(this.v.walk()); }
  keys(): MapIterator<string> { return mapIterator(project(this.v.walk(), 0)); }
  values(): MapIterator<Entry> { return mapIterator(project(this.v.walk(), 1)); }
  [Symbol.iterator](): MapIterator<[string, Entry]> { return this.entries(); }
}
/** children of a DeltaView: unchanged directories answer from below, changed ones merge on first use. */
class DeltaChildren implements ReadonlyMap<string, ReadonlySet<string>> {
  constructor(private readonly v: DeltaView) {}
  get(p: string): ReadonlySet<string> | undefined { return this.v.getKids(p); }
  has(p: string): boolean { return this.v.getKids(p) !== undefined; }
  get size(): number {
    let n = 0;
    for (const _ of this.v.dirs()) n++;
    return n;
  }
  forEach(fn: (value: ReadonlySet<string>, key: string, map: ReadonlyMap<string, ReadonlySet<string>>) => void): void {
    for (const [k, s] of this.v.dirs()) fn(s, k, this);
  }
  entries(): MapIterator<[string, ReadonlySet<string>]> { return mapIterator(this.v.dirs()); }
  keys(): MapIterator<string> { return mapIterator(project(this.v.dirs(), 0)); }
  values(): MapIterator<ReadonlySet<string>> { return mapIterator(project(this.v.dirs(), 1)); }
  [Symbol.iterator](): MapIterator<[string, ReadonlySet<string>]> { return this.entries(); }
}
function* project<A, B, I extends 0 | 1>(it: Iterable<[A, B]>, i: I): Generator<I extends 0 ? A : B, undefined, unknown> {
  for (const pair of it) yield pair[i] as I extends 0 ? A : B;
  return undefined;
}
/** A generator as the MapIterator type the ReadonlyMap interface names (same protocol). */
const mapIterator = <T>(it: Iterator<T> & Iterable<T>): MapIterator<T> => it as unknown as MapIterator<T>;

/**
 * The view of `layers` applied in order: from nothing, a full (flattened) view; over `from`, a delta view whose cost
 * is the layers' changes. Long delta chains are merged, and replaced by a full copy once they changed about as
 * much as the full view holds (so the cost stays amortised O(changes)).
 */
export function flatten(layers: readonly LayerContent[], from?: View): View {
  if (!from) {
    const v = new MutableView();
    for (const l of layers) v.apply(l);
    return v;
  }
  if (from instanceof DeltaView && from.depth >= MAX_DEPTH) {
    const chain = from.deltas();
    const base = from.base;
    if (from.weight * 2 >= base.entries.size) {
      // The deltas changed about as much as the full view holds: copy once, flattened.
      const v = new MutableView(base);
      for (const d of chain) v.apply(d.ownAsLayer());
      for (const l of layers) v.apply(l);
      return v;
    }
    // One delta for the whole chain, then this one on top.
    return new DeltaView(new DeltaView(base, chain.map((d) => d.ownAsLayer())), layers);
  }
  return new DeltaView(from, layers);
}
