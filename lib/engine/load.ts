/**
 * docker load (POST /images/load) as moby 28.2.2's graphdriver image service does it (image/tarexport/load.go):
 * untar, read manifest.json, and per image: read its config, register each layer that is not already present
 * (the ChainID decides; a present chain is shared, not re-read), check its DiffID, create the image from the
 * exact config bytes (same image ID), tag it, and write `Loaded image: x` / `Loaded image ID: sha256:...`.
 * Non-quiet loads show `<id>: Loading layer [=====>] n/m` progress for each layer read.
 *
 * Our save writes generated contents as PAX sparse files (see save.ts): they are read back as lazy contents. A
 * catalog layer's synthetic DiffID is recognised (the catalog knows it) and the layer is registered as that
 * catalog layer again, so a saved catalog image loads with its own IDs.
 */
import type { JSONMessage } from '../api/types';
import { digestOf, sha256Hex, utf8Decode } from './digest';
import { type Reference, ReferenceError, familiarString, parseNormalizedNamed } from '../reference/reference';
import type { EngineState } from './state';
import type { ImageConfigJSON } from './store';
import { OPAQUE_MARKER, TYPE_DIR, TYPE_LINK, TYPE_REG, TYPE_SYMLINK, TarError, type LayerChange, type LayerContent, type TarRecord, WHITEOUT_PREFIX, layerDiffId, layerSize, readTar } from './tar';
import { type Content, baseName, joinPath, parentOf } from './fs/entry';
import { progressString } from './units';

/** An error as moby reports it inside the load stream (the HTTP status is already 200). */
export class LoadError extends Error {}

// ---------- tar reading ----------

/** readTar plus checks for truncated input (Go's reader says "unexpected EOF"). */
export function readArchive(tar: Uint8Array): TarRecord[] {
  if (tar.length > 0 && tar.length < 512) throw new LoadError('unexpected EOF');
  let recs: TarRecord[];
  try {
    recs = readTar(tar);
  } catch (e) {
    if (e instanceof TarError) throw new LoadError(e.message);
    throw e;
  }
  return recs;
}

/** Expands a GNU PAX sparse 1.0 entry into its content (lazy when it is a head followed by a hole). */
function sparseContent(r: TarRecord): Content {
  const real = Number(r.pax?.['GNU.sparse.realsize'] ?? 0);
  const d = r.data;
  let o = 0;
  const readLine = (): number => {
    let e = o;
    while (e < d.length && d[e] !== 10) e++;
    const v = Number(utf8Decode(d.subarray(o, e)));
    o = e + 1;
    return v;
  };
  const n = readLine();
  const regions: [number, number][] = [];
  for (let i = 0; i < n; i++) regions.push([readLine(), readLine()]);
  let p = Math.ceil(o / 512) * 512;
  const data = regions.map(([off, len]) => { const b = d.subarray(p, p + len); p += len; return [off, b] as const; }).filter(([, b]) => b.length > 0);
  if (data.length === 0) return { lazy: true, size: real };
  if (data.length === 1 && data[0][0] === 0) return { lazy: true, size: real, head: data[0][1].slice() };
  const out = new Uint8Array(real);
  for (const [off, b] of data) out.set(b, off);
  return out;
}

/** A layer tar (our save's, moby's, GNU tar's) as layer content: whiteouts, opaque dirs, hard links, sparse files. */
export function layerContentFromTar(tar: Uint8Array): LayerContent {
  const entries = new Map<string, LayerChange>();
  const opaque = new Set<string>();
  const inoByPath = new Map<string, number>();
  let nextIno = 1;
  for (const r of readArchive(tar)) {
    const name = r.pax?.['GNU.sparse.name'] ?? r.name;
    const p = '/' + name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (p === '/') continue;
    const base = baseName(p);
    if (base === OPAQUE_MARKER) { opaque.add(parentOf(p)); continue; }
    if (base.startsWith(WHITEOUT_PREFIX)) { entries.set(joinPath(parentOf(p), base.slice(WHITEOUT_PREFIX.length)), { type: 'whiteout' }); continue; }
    const meta = { mode: r.mode & 0o7777, uid: r.uid, gid: r.gid, mtime: r.mtime };
    if (r.typeflag === TYPE_DIR) entries.set(p, { type: 'dir', ...meta });
    else if (r.typeflag === TYPE_SYMLINK) entries.set(p, { type: 'symlink', target: r.linkname ?? '', ...meta });
    else if (r.typeflag === TYPE_LINK) {
      const target = '/' + (r.linkname ?? '').replace(/^\.?\/+/, '');
      const t = entries.get(target);
      if (t && t.type === 'file') {
        let ino = inoByPath.get(target);
        if (ino === undefined) { ino = nextIno++; inoByPath.set(target, ino); entries.set(target, { ...t, ino }); }
        entries.set(p, { ...t, ...meta, ino });
      }
    } else if (r.typeflag === TYPE_REG || r.typeflag === '7') {
      const data = r.pax?.['GNU.sparse.major'] === '1' ? sparseContent(r) : r.data;
      entries.set(p, { type: 'file', data, ...meta });
    }
  }
  return { entries, opaque };
}

// ---------- catalog layers by DiffID ----------

function catalogKey(state: EngineState, diffId: string): string | undefined {
  return state.catalog.layerKeyByDiffId?.(diffId);
}

// ---------- load ----------

interface ManifestItem { Config?: string; RepoTags?: string[] | null; Layers?: string[]; Parent?: string }

/** Go's json decode errors for the usual garbage (enough for a playground). */
function jsonError(text: string): string {
  const t = text.trimStart();
  if (t === '') return 'EOF';
  const c = t[0];
  if (!'[{"-0123456789tfn'.includes(c)) return `invalid character '${c}' looking for beginning of value`;
  return 'unexpected EOF';
}

export async function* imageLoad(state: EngineState, tar: Uint8Array, quiet: boolean): AsyncGenerator<JSONMessage> {
  try {
    yield* load(state, tar, quiet);
  } catch (e) {
    if (e instanceof LoadError) {
      yield { errorDetail: { message: e.message }, error: e.message };
      return;
    }
    throw e;
  }
}

function* load(state: EngineState, tar: Uint8Array, quiet: boolean): Generator<JSONMessage> {
  const tmp = `/var/lib/docker/tmp/docker-import-${state.random.int(4294967296)}`;
  const files = new Map<string, TarRecord>();
  for (const r of readArchive(tar)) files.set(r.name.replace(/^\.?\/+/, '').replace(/\/+$/, ''), r);
  const open = (path: string): TarRecord => {
    const clean = path.split('/').filter((x) => x && x !== '.').join('/');
    const f = files.get(clean);
    if (!f || f.typeflag === TYPE_DIR) throw new LoadError(`open ${tmp}/${clean}: no such file or directory`);
    return f;
  };
  const mtext = utf8Decode(open('manifest.json').data);
  let manifest: ManifestItem[] | null;
  try { manifest = JSON.parse(mtext) as ManifestItem[] | null; } catch { throw new LoadError(jsonError(mtext)); }
  if (manifest === null) throw new LoadError('invalid manifest, manifest cannot be null (but can be [])');
  if (!Array.isArray(manifest)) throw new LoadError('json: cannot unmarshal object into Go value of type []tarexport.manifestItem');

  const parentLinks: { id: string; parent: string }[] = [];
  let imageIds = '';
  let refCount = 0;
  for (const m of manifest) {
    const raw = utf8Decode(open(m.Config ?? '').data);
    let cfg: ImageConfigJSON;
    try { cfg = JSON.parse(raw) as ImageConfigJSON; } catch { throw new LoadError(jsonError(raw)); }
    if (cfg.os && cfg.os !== 'linux') throw new LoadError(`cannot load ${cfg.os} image on linux`);
    const diffIds = cfg.rootfs?.diff_ids ?? [];
    const layers = m.Layers ?? [];
    if (layers.length !== diffIds.length) throw new LoadError(`invalid manifest, layers length mismatch: expected ${layers.length}, got ${diffIds.length}`);
    let parent = '';
    for (let i = 0; i < diffIds.length; i++) {
      const diffId = diffIds[i];
      const chain = parent ? digestOf(parent + ' ' + diffId) : diffId;
      if (!state.layers.has(chain)) {
        const blob = open(layers[i]).data;
        // moby's progress reader: the first read, then the end (updates are rate limited to one per 100 ms).
        const id = diffId.replace(/^sha256:/, '').slice(0, 12);
        yield* progress(quiet, id, blob.length);
        const key = catalogKey(state, diffId);
        let actual: string;
        if (key) {
          const content = state.catalog.layerContent(key);
          actual = state.layers.registerLazy(parent, diffId, layerSize(content), key).diffId;
        } else {
          const content = layerContentFromTar(blob);
          const blobDigest = 'sha256:' + sha256Hex(blob);
          const d = blobDigest === diffId ? diffId : layerDiffId(content).digest;
          actual = d;
          const registered = state.layers.register(parent, content, { diffId: d });
          if (d !== diffId) {
            state.layers.release(registered.chainId);
          }
        }
        if (actual !== diffId) throw new LoadError(`invalid diffID for layer ${i}: expected "${diffId}", got "${actual}"`);
      }
      parent = chain;
    }
    const rec = state.images.create(raw);
    imageIds += `Loaded image ID: ${rec.id}\n`;
    refCount = 0;
    for (const repoTag of m.RepoTags ?? []) {
      let ref: Reference;
      try { ref = parseNormalizedNamed(repoTag); } catch (e) { throw new LoadError(e instanceof ReferenceError ? e.message : String(e)); }
      if (ref.tag === undefined) throw new LoadError(`invalid tag "${repoTag}"`);
      const prev = state.refs.get(ref);
      if (prev && prev !== rec.id) yield { stream: `The image ${familiarString(ref)} already exists, renaming the old one with ID ${prev} to empty string\n` };
      state.refs.add(ref, rec.id, true);
      yield { stream: `Loaded image: ${familiarString(ref)}\n` };
      refCount++;
    }
    parentLinks.push({ id: rec.id, parent: m.Parent ?? '' });
  }
  for (const p of parentLinks) {
    if (p.parent && parentLinks.some((q) => q.id === p.parent && q.id !== p.id)) {
      const rec = state.images.get(p.id);
      if (rec) state.images.create(rec.raw, p.parent);
    }
  }
  if (refCount === 0 && imageIds) yield { stream: imageIds };
}

function* progress(quiet: boolean, id: string, total: number): Generator<JSONMessage> {
  if (quiet) return;
  const first = Math.min(total, 32768);
  if (first < total) yield { status: 'Loading layer', progressDetail: { current: first, total }, progress: progressString(first, total), id };
  yield { status: 'Loading layer', progressDetail: { current: total, total }, progress: progressString(total, total), id };
}
