/**
 * What an image is made of, layer by layer, in the spirit of dive: each layer's changes (added, modified, removed
 * files), the bytes that later layers make useless (a file overwritten or removed by a later layer still ships in the
 * layer that wrote it), the efficiency score, the container's writable layer on top, and for images built here the
 * Dockerfile line and cache status of each step of the last build (builds.ts).
 *
 * Data only: the layer explorer (components/layers) renders it, the console could print it.
 */
import type { EngineState } from '../engine/state';
import type { Layer } from '../engine/store';
import { getImage } from '../engine/images';
import type { ContainersArea } from '../engine/containers/area';
import { type Entry, entrySize, joinPath } from '../engine/fs/entry';
import { type View, flatten } from '../engine/fs/view';
import type { LayerChange, LayerContent } from '../engine/tar';
import { lastBuild, mapBuildSteps, type StepInfo } from './builds';

export type ChangeKind = 'A' | 'M' | 'D';
export type FileType = 'file' | 'dir' | 'symlink';

/** One changed path of a layer. `size`: bytes of the new content (A/M) or of what was removed (D, subtree summed). */
export interface FileChange { path: string; kind: ChangeKind; size: number; type: FileType }

export interface ChangeCounts { added: number; modified: number; removed: number }

export interface CacheStatus {
  hit: boolean;
  /** why the step was rebuilt (lib/engine/builder CacheMiss reasons) */
  reason?: 'no-cache' | 'first-build' | 'instruction-changed' | 'files-changed' | 'parent-changed' | 'base-changed';
  /** context files that changed (files-changed) */
  files?: string[];
}

export interface LayerInfo {
  /** position in the image's history, 0 = oldest */
  index: number;
  /** ChainID of the layer ('' for a metadata-only step) */
  id: string;
  diffId: string;
  createdBy: string;
  /** RFC 3339 or '' */
  created: string;
  comment: string;
  /** moby DiffSize of the layer */
  size: number;
  emptyLayer: boolean;
  /** 1-based Dockerfile line of the step (last build of this image here); base-image rows point at the FROM line */
  line?: number;
  /** the instruction as written (`RUN apt-get update`), when the line is known */
  instruction?: string;
  /** true for rows inherited from the base image */
  fromBase?: boolean;
  /** cache status of the step in the last build (layer steps of images built here with BuildKit) */
  cache?: CacheStatus;
  /** changed paths, sorted by path (directories whose only change is a child are included, as in docker diff) */
  changes: FileChange[];
  counts: ChangeCounts;
  /** bytes of this layer's files that a later layer overwrites or removes */
  wasted: number;
}

export interface WastedFile {
  path: string;
  /** bytes shipped in layers and not visible in the final image */
  bytes: number;
  /** how many layers wrote or removed the path */
  occurrences: number;
  /** the path is gone from the final image */
  removed: boolean;
}

export interface ContainerLayer {
  id: string;
  name: string;
  status: string;
  /** bytes written in the writable layer (SizeRw) */
  size: number;
  changes: FileChange[];
  counts: ChangeCounts;
}

export interface ImageExplanation {
  imageId: string;
  /** sum of the layer sizes (the image's Size) */
  size: number;
  /** history rows, oldest first */
  layers: LayerInfo[];
  /** `files`: the top wasted paths (ExplainOptions.topWasted); `count`: how many paths waste bytes in all */
  wasted: { bytes: number; count: number; files: WastedFile[] };
  /** 1 - wasted / size (1 for an empty image) */
  efficiency: number;
  /** containers created from this image, oldest first */
  containers: { id: string; name: string; status: string }[];
  /** the writable layer of the requested container (or of the newest container when none was asked for) */
  container?: ContainerLayer;
  /** the last build of this image here, if any: when it ran and which Dockerfile */
  build?: { atMs: number; dockerfile: string; target?: string };
}

export interface ExplainOptions {
  /** a container ID, name or ID prefix whose writable layer goes on top; '' = none; default: the newest container */
  container?: string;
  /** how many wasted files to list (default 20) */
  topWasted?: number;
}

/** A row of a file listing (cumulative or per-layer tree). */
export interface FileRow { path: string; type: FileType; size: number; kind?: ChangeKind; target?: string }

const EMPTY_VIEW: View = flatten([]);

function typeOf(e: Entry): FileType {
  return e.type;
}

/** Bytes of a path in a view: the entry's size, the sum of its files for a directory (as layer sizes count them). */
function subtreeSize(view: View, p: string): number {
  const e = view.entries.get(p);
  if (!e) return 0;
  if (e.type !== 'dir') return entrySize(e);
  let n = 0;
  for (const k of view.children.get(p) ?? []) n += subtreeSize(view, joinPath(p, k));
  return n;
}

/** Paths of non-directories under (and at) `p` in a view. */
function* leafPaths(view: View, p: string): Generator<string> {
  const e = view.entries.get(p);
  if (!e) return;
  if (e.type !== 'dir') {
    yield p;
    return;
  }
  for (const k of view.children.get(p) ?? []) yield* leafPaths(view, joinPath(p, k));
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The changes a layer makes over the view below it. */
export function layerChanges(content: LayerContent, below: View): FileChange[] {
  const out: FileChange[] = [];
  const seen = new Set<string>();
  for (const [p, e] of content.entries as ReadonlyMap<string, LayerChange>) {
    if (p === '/') continue;
    seen.add(p);
    if (e.type === 'whiteout') {
      const old = below.entries.get(p);
      if (old) out.push({ path: p, kind: 'D', size: subtreeSize(below, p), type: typeOf(old) });
      continue;
    }
    const old = below.entries.get(p);
    out.push({ path: p, kind: old ? 'M' : 'A', size: e.type === 'dir' ? 0 : entrySize(e), type: typeOf(e) });
  }
  // An opaque directory hides everything the lower layers had in it: what this layer does not write again is removed.
  for (const d of content.opaque ?? []) {
    for (const k of below.children.get(d) ?? []) {
      const p = joinPath(d, k);
      if (seen.has(p) || content.entries.has(p)) continue;
      const old = below.entries.get(p)!;
      out.push({ path: p, kind: 'D', size: subtreeSize(below, p), type: typeOf(old) });
    }
  }
  return out.sort(byPath);
}

export function countChanges(changes: readonly FileChange[]): ChangeCounts {
  const c: ChangeCounts = { added: 0, modified: 0, removed: 0 };
  for (const ch of changes) {
    if (ch.kind === 'A') c.added++;
    else if (ch.kind === 'D') c.removed++;
    else if (ch.type !== 'dir') c.modified++; // a directory "modified" because a child changed is not a change of its own
  }
  return c;
}

interface Owner { layer: number; size: number }

/**
 * Walks the layers bottom-up keeping, for every visible non-directory path, the layer that wrote it; a later write or
 * removal makes the earlier copy wasted.
 */
function computeWaste(steps: readonly { layer: number; content: LayerContent; below: View }[], infos: LayerInfo[]): { bytes: number; files: WastedFile[] } {
  const owner = new Map<string, Owner>();
  const perPath = new Map<string, { bytes: number; occurrences: number }>();
  const waste = (p: string, o: Owner) => {
    infos[o.layer]!.wasted += o.size;
    let w = perPath.get(p);
    if (!w) perPath.set(p, (w = { bytes: 0, occurrences: 1 }));
    w.bytes += o.size;
    w.occurrences++;
  };
  const drop = (below: View, p: string) => {
    for (const leaf of leafPaths(below, p)) {
      const o = owner.get(leaf);
      if (!o) continue;
      waste(leaf, o);
      owner.delete(leaf);
    }
  };
  for (const { layer, content, below } of steps) {
    for (const d of content.opaque ?? []) {
      for (const k of below.children.get(d) ?? []) if (!content.entries.has(joinPath(d, k))) drop(below, joinPath(d, k));
    }
    for (const [p, e] of content.entries as ReadonlyMap<string, LayerChange>) {
      if (p === '/') continue;
      if (e.type === 'whiteout') {
        drop(below, p);
        continue;
      }
      if (below.entries.get(p)?.type === 'dir' && e.type !== 'dir') drop(below, p);
      if (e.type === 'dir') continue;
      const prev = owner.get(p);
      if (prev) waste(p, prev);
      owner.set(p, { layer, size: entrySize(e) });
    }
  }
  let bytes = 0;
  const files: WastedFile[] = [];
  for (const [path, w] of perPath) {
    bytes += w.bytes;
    files.push({ path, bytes: w.bytes, occurrences: w.occurrences, removed: !owner.has(path) });
  }
  files.sort((a, b) => b.bytes - a.bytes || byPath(a, b));
  return { bytes, files };
}

function containerRecords(state: EngineState, imageId: string) {
  const area = state.areas.get('containers') as ContainersArea | undefined;
  if (!area) return [];
  return [...area.containers.values()].filter((c) => c.imageId === imageId).sort((a, b) => a.createdMs - b.createdMs);
}

function pickContainer(state: EngineState, imageId: string, want: string | undefined) {
  const all = containerRecords(state, imageId);
  if (want === '') return undefined;
  if (want === undefined) return all[all.length - 1];
  const n = want.replace(/^\//, '');
  return all.find((c) => c.id === n || c.name === n) ?? all.find((c) => c.id.startsWith(n));
}

interface Row { info: LayerInfo; layer?: Layer }

function rowsOf(state: EngineState, imageRef: string): { imageId: string; rows: Row[]; chain: Layer[] } {
  const img = getImage(state, imageRef);
  const chain = img.topChain ? state.layers.chain(img.topChain) : [];
  const rows: Row[] = [];
  let li = 0;
  const push = (h: { created?: string; created_by?: string; comment?: string }, layer: Layer | undefined) => {
    rows.push({
      layer,
      info: {
        index: rows.length, id: layer?.chainId ?? '', diffId: layer?.diffId ?? '', createdBy: h.created_by ?? '', created: h.created ?? '',
        comment: h.comment ?? '', size: layer?.size ?? 0, emptyLayer: !layer, changes: [], counts: { added: 0, modified: 0, removed: 0 }, wasted: 0,
      },
    });
  };
  for (const h of img.config.history ?? []) push(h, h.empty_layer || li >= chain.length ? undefined : chain[li++]);
  // Images without (enough) history, e.g. imported ones: one row per remaining layer.
  while (li < chain.length) push({}, chain[li++]);
  return { imageId: img.id, rows, chain };
}

/** Everything the layer explorer shows about an image. Throws the engine's EngineError for an unknown image. */
export function explainImage(state: EngineState, imageRef: string, opts: ExplainOptions = {}): ImageExplanation {
  const { imageId, rows, chain } = rowsOf(state, imageRef);
  const steps: { layer: number; content: LayerContent; below: View }[] = [];
  for (const { info, layer } of rows) {
    if (!layer) continue;
    const content = state.layers.content(layer.chainId);
    const below = layer.parent ? state.layers.view(layer.parent) : EMPTY_VIEW;
    info.changes = layerChanges(content, below);
    info.counts = countChanges(info.changes);
    steps.push({ layer: info.index, content, below });
  }
  const infos = rows.map((r) => r.info);
  const wasted = computeWaste(steps, infos);
  const size = chain.reduce((n, l) => n + l.size, 0);

  const build = lastBuild(state, imageId);
  if (build) {
    const mapped: Map<number, StepInfo> = mapBuildSteps(build, infos);
    for (const [i, s] of mapped) Object.assign(infos[i]!, s);
  }

  const out: ImageExplanation = {
    imageId, size, layers: infos,
    wasted: { bytes: wasted.bytes, count: wasted.files.length, files: wasted.files.slice(0, opts.topWasted ?? 20) },
    efficiency: size > 0 ? Math.max(0, 1 - wasted.bytes / size) : 1,
    containers: containerRecords(state, imageId).map((c) => ({ id: c.id, name: c.name, status: c.status })),
  };
  if (build) out.build = { atMs: build.atMs, dockerfile: build.dockerfile, ...(build.target ? { target: build.target } : {}) };
  const c = pickContainer(state, imageId, opts.container);
  if (c) {
    const changes = layerChanges(c.fs.diff(), c.fs.base);
    out.container = { id: c.id, name: c.name, status: c.status, size: c.fs.upperSize(), changes, counts: countChanges(changes) };
  }
  return out;
}

/**
 * The files of one layer: its own changes, or with `cumulative` the whole file system as it stands after that layer
 * (the union of it and every layer below), with the layer's changes marked and its removals listed as `D` rows.
 * `layer` = the number of history rows selects the container's writable layer (`opts.container`, default the newest).
 */
export function layerFiles(state: EngineState, imageRef: string, layer: number, opts: { cumulative?: boolean; container?: string } = {}): FileRow[] {
  const { imageId, rows } = rowsOf(state, imageRef);
  let changes: FileChange[];
  let union: () => View;
  if (layer === rows.length) {
    const c = pickContainer(state, imageId, opts.container);
    if (!c) return [];
    const diff = c.fs.diff();
    changes = layerChanges(diff, c.fs.base);
    union = () => flatten([diff], c.fs.base);
  } else {
    const row = rows[layer];
    if (!row) return [];
    let top: Layer | undefined;
    for (let i = layer; i >= 0 && !top; i--) top = rows[i]!.layer;
    const l = row.layer;
    changes = l ? layerChanges(state.layers.content(l.chainId), l.parent ? state.layers.view(l.parent) : EMPTY_VIEW) : [];
    union = () => (top ? state.layers.view(top.chainId) : EMPTY_VIEW);
  }
  if (!opts.cumulative) return changes.map((c) => ({ ...c }));
  const marks = new Map<string, FileChange>();
  for (const c of changes) marks.set(c.path, c);
  const v = union();
  const out: FileRow[] = [];
  for (const [p, e] of v.entries) {
    if (p === '/') continue;
    const m = marks.get(p);
    const r: FileRow = { path: p, type: e.type, size: e.type === 'dir' ? 0 : entrySize(e) };
    if (m) r.kind = m.kind;
    if (e.type === 'symlink') r.target = e.target;
    out.push(r);
  }
  for (const c of changes) if (c.kind === 'D') out.push({ ...c });
  return out.sort(byPath);
}
