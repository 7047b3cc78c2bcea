/**
 * The build cache, kept in the engine state (area "builder"):
 *   - BuildKit records: cache key (parent key + instruction + content checksums) -> the step's layer (content kept,
 *     so the layer can be registered again after the images that held it are gone), with what the miss reasons need;
 *   - legacy: (parent image ID + step config) -> committed image ID (valid while that image exists);
 *   - export times, so that a fully cached BuildKit build gives the same image ID again.
 */
import type { EngineState } from '../state';
import { registerAreaCodec } from '../serialize';
import { layerTarItems, type LayerContent } from '../tar';
import { Sha256 } from '../digest';
import { isLazy, type Entry } from '../fs/entry';
import { loadLayerContent, saveLayerContent, type SavedLayer } from '../serialize';

/**
 * DiffID of a layer holding over 1 MB of generated (lazy) content, e.g. apt lists: like the catalog's layers, a digest
 * of the layer's structure (tar headers, real bytes, generated sizes) instead of hashing megabytes of generated zeros.
 * Other layers get the exact sha256 of their tar from the layer store.
 */
function structuralDiffId(content: LayerContent): string | undefined {
  let lazyBytes = 0;
  for (const e of content.entries.values()) if (e.type === 'file' && isLazy(e.data)) lazyBytes += e.data.size;
  if (lazyBytes < 1 << 20) return undefined;
  const h = new Sha256().update('generated-layer\n');
  for (const { header, data } of layerTarItems(content)) {
    h.update(JSON.stringify(header) + '\n');
    if (!data) continue;
    if (isLazy(data)) {
      h.update(`lazy:${data.size}:`);
      if (data.head) h.update(data.head);
    } else h.update(data);
  }
  return 'sha256:' + h.hex();
}

/** `content` is kept in memory (to re-register a layer whose images were deleted); it is not saved with the engine. */
export interface CacheLayer { chainId: string; diffId: string; parent: string; content?: LayerContent }
export interface CacheRecord {
  layer: CacheLayer | null;
  parentKey: string;
  instr: string;
  files?: Map<string, string>;
  line: number;
  /** for `docker system df -v`: BuildKit's record ID (25 base-36 chars), description, times, usage */
  id?: string;
  description?: string;
  size?: number;
  createdMs?: number;
  lastUsedMs?: number;
  usageCount?: number;
}
export interface CacheUsage {
  id: string; parent: string; description: string; size: number; createdMs: number; lastUsedMs: number; usageCount: number;
  /** BuildKit's record type: 'regular' (default) or 'exec.cachemount' */
  type?: string;
}
interface CacheMount { content: Map<string, Entry>; id: string; description: string; createdMs: number; lastUsedMs: number; usageCount: number }

export class BuildCache {
  private readonly records = new Map<string, CacheRecord>();
  private readonly children = new Map<string, CacheRecord[]>();
  private readonly legacy = new Map<string, string>();
  private readonly exports = new Map<string, number>();
  private readonly bases = new Set<string>();
  /** RUN --mount=type=cache content by cache id: entries relative to the mount point ('' = the mount point) */
  private readonly mounts = new Map<string, CacheMount>();

  static of(state: EngineState): BuildCache {
    let c = state.areas.get('builder') as BuildCache | undefined;
    if (!c) {
      c = new BuildCache();
      state.areas.set('builder', c);
    }
    return c;
  }

  get(key: string): CacheRecord | undefined { return this.records.get(key); }
  put(key: string, rec: CacheRecord): void {
    this.records.set(key, rec);
    let l = this.children.get(rec.parentKey);
    if (!l) this.children.set(rec.parentKey, (l = []));
    l.push(rec);
  }
  byParent(parentKey: string): CacheRecord[] { return this.children.get(parentKey) ?? []; }
  any(): boolean { return this.records.size > 0; }

  /** Registers a step's layer on top of `parent` (a ChainID). */
  async registerLayer(state: EngineState, parent: string, content: LayerContent): Promise<CacheLayer> {
    const diffId = structuralDiffId(content);
    const l = state.layers.register(parent, content, diffId ? { diffId } : {});
    return { chainId: l.chainId, diffId: l.diffId, parent, content };
  }
  /** Makes a cached layer usable again on top of `parent`; false when the record does not fit. */
  restore(state: EngineState, parent: string, rec: CacheRecord): boolean {
    if (!rec.layer) return true;
    if (rec.layer.parent !== parent) return false;
    if (!state.layers.has(rec.layer.chainId)) {
      if (!rec.layer.content || (parent && !state.layers.has(parent))) return false;
      state.layers.register(parent, rec.layer.content, { diffId: rec.layer.diffId });
    }
    return true;
  }

  /** Records with a layer, oldest first (build cache usage). */
  entries(): CacheUsage[] {
    const byKey = new Map<string, string>();
    for (const [k, r] of this.records) if (r.id) byKey.set(k, r.id);
    const out: CacheUsage[] = [];
    for (const r of this.records.values()) {
      if (!r.id) continue;
      out.push({
        id: r.id, parent: byKey.get(r.parentKey) ?? '', description: r.description ?? '', size: r.size ?? 0,
        createdMs: r.createdMs ?? 0, lastUsedMs: r.lastUsedMs ?? r.createdMs ?? 0, usageCount: r.usageCount ?? 1,
      });
    }
    for (const m of this.mounts.values()) {
      if (!m.id) continue;
      let size = 0;
      for (const e of m.content.values()) if (e.type === 'file') size += e.data instanceof Uint8Array ? e.data.length : e.data.size;
      out.push({ id: m.id, parent: '', description: m.description, size, createdMs: m.createdMs, lastUsedMs: m.lastUsedMs, usageCount: m.usageCount, type: 'exec.cachemount' });
    }
    return out;
  }
  /** Marks a record used (a cache hit). */
  touch(rec: CacheRecord, nowMs: number): void {
    rec.lastUsedMs = nowMs;
    rec.usageCount = (rec.usageCount ?? 1) + 1;
  }

  legacyGet(key: string): string | undefined { return this.legacy.get(key); }
  legacyPut(key: string, id: string): void { this.legacy.set(key, id); }

  exportTime(key: string): number | undefined { return this.exports.get(key); }
  setExportTime(key: string, ms: number): void { this.exports.set(key, ms); }

  mountContent(id: string): ReadonlyMap<string, Entry> | undefined { return this.mounts.get(id)?.content; }
  /**
   * Stores a cache mount's content after a RUN. A new one becomes a record of type exec.cachemount, described as
   * BuildKit does (`cached mount <target> from exec <args>`); `recordId` makes its 25-character ID.
   */
  setMountContent(id: string, content: Map<string, Entry>, use?: { description: string; nowMs: number; recordId: () => string }): void {
    const prev = this.mounts.get(id);
    if (prev) {
      prev.content = content;
      if (use) { prev.lastUsedMs = use.nowMs; prev.usageCount++; }
      return;
    }
    this.mounts.set(id, {
      content, id: use?.recordId() ?? '', description: use?.description ?? '', createdMs: use?.nowMs ?? 0, lastUsedMs: use?.nowMs ?? 0, usageCount: 1,
    });
  }

  seenBase(key: string): boolean { return this.bases.has(key); }
  markBase(key: string): void { this.bases.add(key); }

  /** `docker builder prune`: drops every record. */
  clear(): void {
    this.records.clear();
    this.children.clear();
    this.legacy.clear();
    this.exports.clear();
    this.bases.clear();
    this.mounts.clear();
  }
  get size(): number { return this.records.size; }

  /** `docker builder prune` (lib/engine/networks.ts buildPrune): drops the records with these BuildKit IDs. */
  removeRecords(ids: ReadonlySet<string>): void {
    for (const [k, r] of this.records) if (r.id && ids.has(r.id)) this.records.delete(k);
    for (const [p, l] of this.children) {
      const kept = l.filter((r) => !r.id || !ids.has(r.id));
      if (kept.length) this.children.set(p, kept);
      else this.children.delete(p);
    }
  }
  /** The ChainID of the layer of the record with this BuildKit ID. */
  chainOf(id: string): string | undefined {
    for (const r of this.records.values()) if (r.id === id) return r.layer?.chainId;
    return undefined;
  }
  toJSON(): unknown { return { records: this.records.size }; }

  save(): SavedCache {
    const records: SavedRecord[] = [];
    for (const [key, r] of this.records) {
      records.push({
        key, parentKey: r.parentKey, instr: r.instr, line: r.line, layer: r.layer ? { chainId: r.layer.chainId, diffId: r.layer.diffId, parent: r.layer.parent } : null,
        files: r.files ? [...r.files] : undefined, id: r.id, description: r.description, size: r.size, createdMs: r.createdMs,
        lastUsedMs: r.lastUsedMs, usageCount: r.usageCount,
      });
    }
    const mounts: SavedMount[] = [];
    for (const [id, m] of this.mounts) {
      const { content, ...meta } = m;
      mounts.push([id, saveLayerContent({ entries: new Map([...content].map(([k, e]) => ['/' + k, e])) }), meta]);
    }
    return { records, legacy: [...this.legacy], exports: [...this.exports], bases: [...this.bases], mounts };
  }
  load(d: SavedCache): void {
    this.clear();
    for (const r of d.records ?? []) {
      const { key, files, ...rest } = r;
      this.put(key, { ...rest, files: files ? new Map(files) : undefined });
    }
    for (const [k, v] of d.legacy ?? []) this.legacy.set(k, v);
    for (const [k, v] of d.exports ?? []) this.exports.set(k, v);
    for (const b of d.bases ?? []) this.bases.add(b);
    for (const [id, l, meta] of d.mounts ?? []) {
      const content = new Map<string, Entry>();
      for (const [k, e] of loadLayerContent(l).entries) if (e.type !== 'whiteout') content.set(k.slice(1), e);
      this.mounts.set(id, { id: '', description: '', createdMs: 0, lastUsedMs: 0, usageCount: 1, ...(meta ?? {}), content });
    }
  }
}

interface SavedRecord extends Omit<CacheRecord, 'files' | 'layer'> { key: string; files?: [string, string][]; layer: CacheLayer | null }
export interface SavedCache {
  records: SavedRecord[]; legacy: [string, string][]; exports: [string, number][]; bases: string[];
  mounts?: SavedMount[];
}
type SavedMount = [string, Pick<SavedLayer, 'entries' | 'opaque'>, Omit<CacheMount, 'content'>?];

// The build cache travels with the engine's saved state (lib/engine/serialize.ts).
registerAreaCodec('builder', {
  save: (state) => BuildCache.of(state).save(),
  load: (state, data) => BuildCache.of(state).load(data as SavedCache),
});
