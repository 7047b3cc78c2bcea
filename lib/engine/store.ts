/**
 * The layer store, image store and reference store, after moby's graphdriver image service:
 *   - a layer is identified by its ChainID (sha256(parentChainID + " " + diffID)), holds its DiffID, its diff size
 *     (moby DiffSize) and its content (changed paths); layers are shared between images and reference counted;
 *   - an image is a config JSON whose sha256 (of the exact serialized bytes) is its ID, with an optional parent
 *     (legacy builds and commits) and a LastTagTime;
 *   - references (repo:tag and repo@digest) map to image IDs.
 */
import { digestOf, goJson } from './digest';
import { flatten, type View } from './fs/view';
import { layerDiffId, layerSize, type LayerContent } from './tar';
import { type Reference, familiarString, referenceString } from '../reference/reference';

// ---------- image config (moby image.Image / OCI image config) ----------

export interface HealthcheckJSON { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number }
/** The image's runtime config: OCI ImageConfig fields + Docker's extensions, in dockerspec.DockerOCIImageConfig order. */
export interface ImageRuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: HealthcheckJSON;
  OnBuild?: string[] | null;
  Shell?: string[];
  /** Legacy (moby container.Config) fields may appear in configs written by the classic builder / commit. */
  [legacy: string]: unknown;
}
export interface HistoryJSON { created?: string; created_by?: string; author?: string; comment?: string; empty_layer?: boolean }
export interface ImageConfigJSON {
  architecture: string;
  author?: string;
  comment?: string;
  config?: ImageRuntimeConfig;
  container?: string;
  container_config?: Record<string, unknown>;
  created?: string;
  docker_version?: string;
  history?: HistoryJSON[];
  os: string;
  'os.version'?: string;
  parent?: string;
  rootfs: { type: 'layers'; diff_ids: string[] };
  variant?: string;
}

/** moby Image.MarshalJSON: top-level keys sorted (it round-trips through a map), nested values in struct order. */
export function serializeImageConfig(cfg: ImageConfigJSON): string {
  const o = cfg as unknown as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) sorted[k] = o[k];
  return goJson(sorted);
}

// ---------- layers ----------

/** Where a layer's content comes from, so state can be saved compactly (catalog layers are regenerated). */
export type LayerSource = { kind: 'catalog'; key: string } | { kind: 'inline' };

export interface Layer {
  readonly chainId: string;
  readonly diffId: string;
  /** Parent ChainID, '' for a base layer. */
  readonly parent: string;
  /** moby DiffSize: bytes of files and symlinks in this layer. */
  readonly size: number;
  readonly source: LayerSource;
  /** Length of the uncompressed layer tar, when known. */
  readonly tarLength?: number;
  /** Directory name under /var/lib/docker/overlay2 (GraphDriver data). */
  readonly cacheId: string;
  refs: number;
  children: number;
}

export type LayerLoader = (key: string) => LayerContent;

export class LayerStore {
  private readonly layers = new Map<string, Layer>();
  private readonly contents = new Map<string, LayerContent>();
  private readonly views = new Map<string, View>();
  /** ChainID -> cumulative size of the chain (fixed once registered: a chain never changes). */
  private readonly chainSizes = new Map<string, number>();
  private readonly maxViews = 24;
  constructor(private readonly loader: LayerLoader) {}

  get(chainId: string): Layer | undefined { return this.layers.get(chainId); }
  has(chainId: string): boolean { return this.layers.has(chainId); }
  all(): IterableIterator<Layer> { return this.layers.values(); }
  get count(): number { return this.layers.size; }

  /**
   * Registers a layer on top of `parent` (a ChainID or ''), returning the existing one when that chain exists.
   * The DiffID is computed from the content's tar unless given (catalog layers declare theirs).
   * The caller holds no reference: call `retain` (images do it through the image store).
   */
  register(parent: string, content: LayerContent, opts: { diffId?: string; size?: number; source?: LayerSource } = {}): Layer {
    let diffId = opts.diffId, tarLength: number | undefined;
    if (!diffId) {
      const d = layerDiffId(content);
      diffId = d.digest;
      tarLength = d.length;
    }
    const chainId = parent ? digestOf(parent + ' ' + diffId) : diffId;
    const existing = this.layers.get(chainId);
    if (existing) return existing;
    if (parent && !this.layers.has(parent)) throw new Error(`layer store: unknown parent ${parent}`);
    const layer: Layer = {
      chainId, diffId, parent, size: opts.size ?? layerSize(content), source: opts.source ?? { kind: 'inline' }, tarLength,
      cacheId: digestOf('overlay2:' + chainId).slice(7), refs: 0, children: 0,
    };
    this.layers.set(chainId, layer);
    this.contents.set(chainId, content);
    this.added(layer);
    return layer;
  }
  /** Registers a layer whose content is produced by the loader on first use (catalog layers). */
  registerLazy(parent: string, diffId: string, size: number, key: string): Layer {
    const chainId = parent ? digestOf(parent + ' ' + diffId) : diffId;
    const existing = this.layers.get(chainId);
    if (existing) return existing;
    const layer: Layer = { chainId, diffId, parent, size, source: { kind: 'catalog', key }, cacheId: digestOf('overlay2:' + chainId).slice(7), refs: 0, children: 0 };
    this.layers.set(chainId, layer);
    this.added(layer);
    return layer;
  }
  private added(layer: Layer): void {
    if (!layer.parent) {
      this.chainSizes.set(layer.chainId, layer.size);
      return;
    }
    this.layers.get(layer.parent)!.children++;
    this.chainSizes.set(layer.chainId, this.chainSize(layer.parent) + layer.size);
  }

  /** The layer's own content (loaded for catalog layers). */
  content(chainId: string): LayerContent {
    let c = this.contents.get(chainId);
    if (c) return c;
    const l = this.layers.get(chainId);
    if (!l) throw new Error(`layer store: unknown layer ${chainId}`);
    if (l.source.kind !== 'catalog') throw new Error(`layer store: no content for ${chainId}`);
    c = this.loader(l.source.key);
    this.contents.set(chainId, c);
    return c;
  }
  /** Chain (bottom first) ending at chainId. */
  chain(chainId: string): Layer[] {
    const out: Layer[] = [];
    for (let id = chainId; id; ) {
      const l = this.layers.get(id);
      if (!l) throw new Error(`layer store: unknown layer ${id}`);
      out.push(l);
      id = l.parent;
    }
    return out.reverse();
  }
  /** Cumulative size of the chain (moby roLayer.Size). */
  chainSize(chainId: string): number {
    const cached = this.chainSizes.get(chainId);
    if (cached !== undefined) return cached;
    let n = 0;
    for (let id = chainId; id; ) {
      const l = this.layers.get(id)!;
      n += l.size;
      id = l.parent;
    }
    return n;
  }
  /** The flattened file tree of a chain ('' = empty rootfs), cached and shared. */
  view(chainId: string): View {
    const cached = this.views.get(chainId);
    if (cached) {
      this.views.delete(chainId);
      this.views.set(chainId, cached);
      return cached;
    }
    let v: View;
    if (!chainId) v = flatten([]);
    else {
      // From the nearest cached view below (or nothing), one delta per layer: O(changes of the layers above it).
      const above: Layer[] = [];
      let below: View | undefined;
      for (let id = chainId; id && !below; ) {
        const l = this.layers.get(id);
        if (!l) throw new Error(`layer store: unknown layer ${id}`);
        above.push(l);
        id = l.parent;
        below = id ? this.views.get(id) : undefined;
      }
      above.reverse();
      if (!below) {
        // Nothing cached: the bottom layers flattened into a full view, the last one as a delta over it (so that the
        // next layer on top of this chain, as a build's next step, starts from a delta too).
        const full = above.length > 1 ? above.slice(0, -1) : above;
        below = flatten(full.map((x) => this.content(x.chainId)));
        above.splice(0, full.length);
      }
      v = below;
      for (const l of above) v = flatten([this.content(l.chainId)], v);
    }
    this.views.set(chainId, v);
    while (this.views.size > this.maxViews) this.views.delete(this.views.keys().next().value as string);
    return v;
  }

  retain(chainId: string): void {
    if (!chainId) return;
    const l = this.layers.get(chainId);
    if (!l) throw new Error(`layer store: unknown layer ${chainId}`);
    l.refs++;
  }
  /** Drops one reference; returns the layers deleted as a result (top first), like moby's ReleaseLayer metadata. */
  release(chainId: string): Layer[] {
    const removed: Layer[] = [];
    if (!chainId) return removed;
    const l = this.layers.get(chainId);
    if (!l) return removed;
    l.refs = Math.max(0, l.refs - 1);
    let cur: Layer | undefined = l;
    while (cur && cur.refs === 0 && cur.children === 0) {
      this.layers.delete(cur.chainId);
      this.contents.delete(cur.chainId);
      this.views.delete(cur.chainId);
      this.chainSizes.delete(cur.chainId);
      removed.push(cur);
      const p: Layer | undefined = cur.parent ? this.layers.get(cur.parent) : undefined;
      if (p) p.children--;
      cur = p;
    }
    return removed;
  }
  /** Content of layers not produced by the catalog (for serialization). */
  inlineContent(chainId: string): LayerContent | undefined {
    const l = this.layers.get(chainId);
    return l && l.source.kind === 'inline' ? this.contents.get(chainId) : undefined;
  }
}

// ---------- images ----------

export interface ImageRecord {
  /** "sha256:<hex>" = digest of `raw`. */
  readonly id: string;
  /** The exact config bytes (as a string). */
  readonly raw: string;
  readonly config: ImageConfigJSON;
  /** Parent image ID ('' for none): legacy builder steps and commits. */
  readonly parent: string;
  /** Top ChainID ('' when the image has no layers). */
  readonly topChain: string;
  /** RFC3339Nano of the last tag operation ('' = never, printed as 0001-01-01T00:00:00Z). */
  lastTagTime: string;
  /** Unix milliseconds from config.created (0 if absent). */
  readonly createdMs: number;
}

export class ImageStore {
  private readonly images = new Map<string, ImageRecord>();
  private readonly kids = new Map<string, Set<string>>();
  private rev = 0;
  constructor(private readonly layers: LayerStore) {}

  /** Changes whenever an image is added or removed or a parent link changes (list caches compare it). */
  get revision(): number { return this.rev; }

  get(id: string): ImageRecord | undefined { return this.images.get(id); }
  has(id: string): boolean { return this.images.has(id); }
  all(): IterableIterator<ImageRecord> { return this.images.values(); }
  get count(): number { return this.images.size; }

  /**
   * Stores an image from its config (serialized the moby way) or from exact bytes; the layers named by
   * rootfs.diff_ids must already be registered. Idempotent: the same config gives the same record.
   */
  create(config: ImageConfigJSON | string, parent = ''): ImageRecord {
    const raw = typeof config === 'string' ? config : serializeImageConfig(config);
    const id = digestOf(raw);
    const existing = this.images.get(id);
    if (existing) {
      if (parent && !existing.parent) this.setParent(existing, parent);
      return existing;
    }
    const cfg: ImageConfigJSON = typeof config === 'string' ? (JSON.parse(raw) as ImageConfigJSON) : config;
    const diffIds = cfg.rootfs?.diff_ids ?? [];
    let chain = '';
    for (const d of diffIds) {
      chain = chain ? digestOf(chain + ' ' + d) : d;
      if (!this.layers.has(chain)) throw new Error(`image store: layer ${d} is not registered`);
    }
    this.layers.retain(chain);
    const createdMs = cfg.created ? Date.parse(cfg.created) || 0 : 0;
    const rec: ImageRecord = { id, raw, config: cfg, parent: '', topChain: chain, lastTagTime: '', createdMs };
    this.images.set(id, rec);
    this.rev++;
    if (parent) this.setParent(rec, parent);
    return rec;
  }
  private setParent(rec: ImageRecord, parent: string): void {
    if (!this.images.has(parent)) return;
    (rec as { parent: string }).parent = parent;
    this.rev++;
    let s = this.kids.get(parent);
    if (!s) this.kids.set(parent, (s = new Set()));
    s.add(rec.id);
  }
  children(id: string): string[] { return [...(this.kids.get(id) ?? [])]; }
  /** Number of child images (without copying the set). */
  childCount(id: string): number { return this.kids.get(id)?.size ?? 0; }
  /** Images without children (moby imageStore.Heads). */
  heads(): ImageRecord[] { return [...this.images.values()].filter((i) => !this.kids.get(i.id)?.size); }
  /** Unique ID by hex prefix (moby imageStore.Search); ambiguous and missing give undefined / 'ambiguous'. */
  search(prefix: string): ImageRecord | 'ambiguous' | undefined {
    const p = prefix.startsWith('sha256:') ? prefix : 'sha256:' + prefix;
    if (!/^sha256:[0-9a-f]+$/.test(p)) return undefined;
    const exact = this.images.get(p);
    if (exact) return exact;
    let found: ImageRecord | undefined;
    for (const id of this.images.keys()) {
      if (id.startsWith(p)) {
        if (found) return 'ambiguous';
        found = this.images.get(id);
      }
    }
    return found;
  }
  /** Deletes an image; returns the layers released as a result (top first). */
  delete(id: string): Layer[] {
    const rec = this.images.get(id);
    if (!rec) return [];
    this.images.delete(id);
    this.rev++;
    if (rec.parent) this.kids.get(rec.parent)?.delete(id);
    for (const k of this.kids.get(id) ?? []) {
      const c = this.images.get(k);
      if (c) (c as { parent: string }).parent = '';
    }
    this.kids.delete(id);
    return this.layers.release(rec.topChain);
  }
}

// ---------- references ----------

export interface RefEntry { ref: Reference; key: string; id: string; /** familiarString(ref), computed once. */ familiar: string }

/** moby reference store: full reference strings -> image IDs; lists per image sorted by familiar string. */
export class ReferenceStore {
  private readonly refs = new Map<string, RefEntry>();
  private readonly byImage = new Map<string, Map<string, RefEntry>>();
  /** Image ID -> its entries sorted by familiar string, until its references change. */
  private readonly sorted = new Map<string, readonly RefEntry[]>();
  private rev = 0;

  /** Changes whenever a reference is added, moved or removed (list caches compare it). */
  get revision(): number { return this.rev; }

  get(ref: Reference): string | undefined { return this.refs.get(referenceString(ref))?.id; }
  /** Adds a tag or digest reference; with `force` a tag moves from another image. Returns the image it moved from. */
  add(ref: Reference, id: string, force = true): string | undefined {
    const key = referenceString(ref);
    const old = this.refs.get(key);
    if (old && old.id === id) return undefined;
    if (old && !force) throw new Error(`Conflict: Tag ${familiarString(ref)} is already set to image ${old.id}, if you want to replace it, please use the force option`);
    if (old) {
      this.byImage.get(old.id)?.delete(key);
      this.sorted.delete(old.id);
    }
    this.sorted.delete(id);
    this.rev++;
    const e: RefEntry = { ref, key, id, familiar: familiarString(ref) };
    this.refs.set(key, e);
    let m = this.byImage.get(id);
    if (!m) this.byImage.set(id, (m = new Map()));
    m.set(key, e);
    return old?.id;
  }
  delete(ref: Reference): boolean {
    const key = referenceString(ref);
    const e = this.refs.get(key);
    if (!e) return false;
    this.refs.delete(key);
    this.byImage.get(e.id)?.delete(key);
    this.sorted.delete(e.id);
    this.rev++;
    return true;
  }
  /** References to an image, sorted by familiar string (moby lexicalRefs). */
  references(id: string): Reference[] {
    const m = this.byImage.get(id);
    if (!m || m.size === 0) return [];
    return this.entries(id).map((e) => e.ref);
  }
  /** Entries of an image's references, sorted by familiar string (moby lexicalRefs); cached until they change. */
  entries(id: string): readonly RefEntry[] {
    const cached = this.sorted.get(id);
    if (cached) return cached;
    const m = this.byImage.get(id);
    if (!m || m.size === 0) return NO_ENTRIES;
    const out = [...m.values()];
    if (out.length > 1) out.sort((a, b) => cmp(a.familiar, b.familiar));
    this.sorted.set(id, out);
    return out;
  }
  all(): RefEntry[] { return [...this.refs.values()]; }
  get count(): number { return this.refs.size; }
}
const NO_ENTRIES: readonly RefEntry[] = [];
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
