/**
 * Engine state <-> JSON. Compact: catalog layers are saved as their catalog key (content regenerated), built layers
 * with their entries (file bytes in base64, lazy contents as size + head). Areas registered by other parts of the
 * engine (containers, volumes, registry) save themselves through `AreaCodec`s.
 */
import type { Entry } from './fs/entry';
import type { LayerChange, LayerContent } from './tar';
import type { EngineState } from './state';
import type { RandomState } from './clock';
import { parseNormalizedNamed, parse } from '../reference/reference';

export interface AreaCodec { save(state: EngineState): unknown; load(state: EngineState, data: unknown): void }
const codecs = new Map<string, AreaCodec>();
/** Other areas register here so that their state travels with the engine's. */
export function registerAreaCodec(name: string, codec: AreaCodec): void { codecs.set(name, codec); }

type SavedEntry =
  | [path: string, t: 'f', mode: number, uid: number, gid: number, mtime: number, data: string | { size: number; head?: string }, ino?: number]
  | [path: string, t: 'd', mode: number, uid: number, gid: number, mtime: number]
  | [path: string, t: 'l', mode: number, uid: number, gid: number, mtime: number, target: string]
  | [path: string, t: 'w'];
export interface SavedLayer { parent: string; diffId: string; size: number; catalog?: string; entries?: SavedEntry[]; opaque?: string[] }
export interface SavedState {
  v: 1;
  random: RandomState;
  layers: SavedLayer[];
  images: { raw: string; parent: string; lastTagTime: string }[];
  refs: [string, string][];
  areas: Record<string, unknown>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=');
  }
  return s;
}
export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, n = 0, o = 0;
  for (const ch of clean) {
    bits = (bits << 6) | B64.indexOf(ch);
    n += 6;
    if (n >= 8) { n -= 8; out[o++] = (bits >> n) & 255; }
  }
  return out;
}

function saveEntry(p: string, e: LayerChange): SavedEntry {
  if (e.type === 'whiteout') return [p, 'w'];
  if (e.type === 'dir') return [p, 'd', e.mode, e.uid, e.gid, e.mtime];
  if (e.type === 'symlink') return [p, 'l', e.mode, e.uid, e.gid, e.mtime, e.target];
  const d = e.data instanceof Uint8Array ? toBase64(e.data) : { size: e.data.size, ...(e.data.head ? { head: toBase64(e.data.head) } : {}) };
  return e.ino !== undefined ? [p, 'f', e.mode, e.uid, e.gid, e.mtime, d, e.ino] : [p, 'f', e.mode, e.uid, e.gid, e.mtime, d];
}
function loadEntry(s: SavedEntry): [string, LayerChange] {
  if (s[1] === 'w') return [s[0], { type: 'whiteout' }];
  const [p, t, mode, uid, gid, mtime] = s;
  if (t === 'd') return [p, { type: 'dir', mode, uid, gid, mtime }];
  if (t === 'l') return [p, { type: 'symlink', mode, uid, gid, mtime, target: s[6] as string }];
  const d = s[6] as string | { size: number; head?: string };
  const data = typeof d === 'string' ? fromBase64(d) : { lazy: true as const, size: d.size, head: d.head ? fromBase64(d.head) : undefined };
  const e: Entry = { type: 'file', mode, uid, gid, mtime, data };
  if (s[7] !== undefined) e.ino = s[7] as number;
  return [p, e];
}
export const saveLayerContent = (c: LayerContent): Pick<SavedLayer, 'entries' | 'opaque'> => ({
  entries: [...c.entries].map(([p, e]) => saveEntry(p, e)),
  ...(c.opaque && c.opaque.size ? { opaque: [...c.opaque] } : {}),
});
export const loadLayerContent = (l: Pick<SavedLayer, 'entries' | 'opaque'>): LayerContent => ({
  entries: new Map((l.entries ?? []).map(loadEntry)),
  opaque: new Set(l.opaque ?? []),
});

export function saveState(state: EngineState): SavedState {
  const layers: SavedLayer[] = [];
  for (const l of state.layers.all()) {
    const base = { parent: l.parent, diffId: l.diffId, size: l.size };
    if (l.source.kind === 'catalog') layers.push({ ...base, catalog: l.source.key });
    else layers.push({ ...base, ...saveLayerContent(state.layers.inlineContent(l.chainId) ?? { entries: new Map() }) });
  }
  // Images: parents first so that parent links can be restored.
  const images: SavedState['images'] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    const img = state.images.get(id);
    if (!img) return;
    if (img.parent) visit(img.parent);
    done.add(id);
    images.push({ raw: img.raw, parent: img.parent, lastTagTime: img.lastTagTime });
  };
  for (const img of state.images.all()) visit(img.id);
  const areas: Record<string, unknown> = {};
  for (const [name, c] of codecs) areas[name] = c.save(state);
  return {
    v: 1,
    random: state.random.state(),
    layers,
    images,
    refs: state.refs.all().map((r) => [r.key, r.id]),
    areas,
  };
}

/** Restores saved stores into a fresh state (made by createEngine with the same catalog). */
export function loadState(state: EngineState, s: SavedState): void {
  if (s.v !== 1) throw new Error(`engine state: unsupported version ${String((s as { v: unknown }).v)}`);
  for (const l of s.layers) {
    if (l.catalog) state.layers.registerLazy(l.parent, l.diffId, l.size, l.catalog);
    else state.layers.register(l.parent, loadLayerContent(l), { diffId: l.diffId, size: l.size });
  }
  for (const i of s.images) {
    const img = state.images.create(i.raw, i.parent);
    img.lastTagTime = i.lastTagTime;
  }
  for (const [key, id] of s.refs) {
    let ref;
    try { ref = parse(key); } catch { ref = parseNormalizedNamed(key); }
    state.refs.add(ref, id);
  }
  for (const [name, c] of codecs) if (s.areas[name] !== undefined) c.load(state, s.areas[name]);
}
