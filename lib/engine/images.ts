/**
 * The images area of the Engine API over EngineState, after moby 28.2.2's graphdriver image service
 * (daemon/images: image.go GetImage, image_list.go, image_history.go, image_delete.go, image_prune.go, image_tag.go).
 */
import type { Filters, HistoryItem, ImageDeleteItem, ImageInspect, ImageListOptions, ImageSummary, ImagesPruneReport, ImageRemoveOptions, ContainerConfig } from '../api/types';
import { EngineError, conflict, invalidParameter, notFound } from '../api/errors';
import {
  type Reference, ReferenceError, familiarString, familiarName, fullName, parseNormalizedNamed, tagNameOnly, isValidTag,
} from '../reference/reference';
import { pathMatch } from './reference';
import { rfc3339Nano } from './clock';
import { digestOf } from './digest';
import type { EngineState } from './state';
import type { ImageRecord, ImageRuntimeConfig, RefEntry } from './store';

const ZERO_TIME = '0001-01-01T00:00:00Z';
const short = (id: string): string => id.replace(/^[^:]*:/, '').slice(0, 12);
const isCanonical = (r: Reference): boolean => r.digest !== undefined;
const isTagged = (r: Reference): boolean => r.tag !== undefined;

// ---------- lookup ----------

/** moby ErrImageDoesNotExist text: "No such image: nginx:latest". */
export function noSuchImage(refOrId: string): EngineError {
  let shown = refOrId;
  if (/^[a-f0-9]{64}$/.test(refOrId)) shown = 'sha256:' + refOrId;
  else if (!/^sha256:[a-f0-9]{64}$/.test(refOrId)) {
    try { shown = familiarString(tagNameOnly(parseNormalizedNamed(refOrId))); } catch { /* keep as typed */ }
  }
  return notFound(`No such image: ${shown}`);
}

/** ParseAnyReference: 64-hex and "sha256:<64 hex>" are digests, anything else a normalised name. */
function parseAny(s: string): { digest?: string; named?: Reference } {
  if (/^[a-f0-9]{64}$/.test(s)) return { digest: 'sha256:' + s };
  if (/^sha256:[a-f0-9]{64}$/.test(s)) return { digest: s };
  try {
    return { named: parseNormalizedNamed(s) };
  } catch (e) {
    if (e instanceof ReferenceError) throw invalidParameter(e.message);
    throw e;
  }
}

/** moby GetImage: by digest, by reference (":latest" implied), else by ID prefix. */
export function getImage(state: EngineState, refOrId: string): ImageRecord {
  const r = parseAny(refOrId);
  if (r.digest) {
    const img = state.images.get(r.digest);
    if (img) return img;
    throw noSuchImage(refOrId);
  }
  const named = r.named!;
  const lookup = named.digest !== undefined ? { ...named, tag: undefined } : tagNameOnly(named);
  const id = state.refs.get(lookup);
  if (id) {
    const img = state.images.get(id);
    if (img) return img;
  }
  const s = state.images.search(refOrId);
  if (s && s !== 'ambiguous') return s;
  throw noSuchImage(refOrId);
}
export function findImage(state: EngineState, refOrId: string): ImageRecord | undefined {
  try { return getImage(state, refOrId); } catch { return undefined; }
}

// ---------- filters ----------

export function filterValues(f: Filters | undefined, key: string): string[] {
  return f && f[key] ? Object.keys(f[key]) : [];
}
function checkFilters(f: Filters | undefined, accepted: string[]): void {
  for (const k of Object.keys(f ?? {})) if (!accepted.includes(k)) throw invalidParameter(`invalid filter '${k}'`);
}
/** filters.Args.GetBoolOrDefault: exactly one of 1/true or 0/false, else `invalid filter 'key=v1,v2'`. */
export function boolFilter(f: Filters | undefined, key: string, def: boolean): boolean {
  const vals = filterValues(f, key);
  if (!f || !(key in f)) return def;
  const isFalse = vals.includes('0') || vals.includes('false');
  const isTrue = vals.includes('1') || vals.includes('true');
  if (vals.length > 1 || isFalse === isTrue) throw invalidParameter(`invalid filter '${key}=${vals.join(',')}'`);
  return isTrue;
}
/** filters.Args.MatchKVList: every "k" / "k=v" given must be in the labels. */
export function matchLabels(f: Filters | undefined, labels: Record<string, string> | null | undefined, key = 'label'): boolean {
  const want = filterValues(f, key);
  if (want.length === 0) return true;
  if (!labels || Object.keys(labels).length === 0) return false;
  return want.every((kv) => {
    const i = kv.indexOf('=');
    if (i < 0) return kv in labels;
    return labels[kv.slice(0, i)] === kv.slice(i + 1);
  });
}
/** timetypes.GetTimestamp: Go durations ("10m", "1h30m") relative to now, Unix seconds, or RFC 3339 / date forms. Returns ms. */
export function parseTimestamp(value: string, nowMs: number): number {
  const dur = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
  if (dur.test(value)) {
    const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
    let ms = 0;
    for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * unit[m[2]];
    return nowMs - ms;
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?(Z|[+-]\d{2}:\d{2})?$/;
  if (iso.test(value)) {
    let v = value;
    if (/T\d{2}$/.test(v)) v += ':00';
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(v)) v += v.includes('T') ? 'Z' : 'T00:00:00Z';
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw invalidParameter(`failed to parse value as time or duration: "${value}"`);
}

// ---------- list ----------

export function imageSummary(state: EngineState, img: ImageRecord, tags: string[], digests: string[]): ImageSummary {
  return {
    Containers: -1,
    Created: Math.floor(img.createdMs / 1000),
    Id: img.id,
    Labels: img.config.config?.Labels ?? null,
    ParentId: img.parent,
    RepoDigests: digests,
    RepoTags: tags,
    SharedSize: -1,
    Size: state.layers.chainSize(img.topChain),
  };
}

export function imageList(state: EngineState, opts: ImageListOptions = {}): ImageSummary[] {
  const f = opts.filters;
  checkFilters(f, ['dangling', 'label', 'before', 'since', 'reference', 'until']);
  if (!opts.sharedSize && (f === undefined || Object.keys(f).length === 0)) return unfilteredList(state, opts.all === true);
  const danglingOnly = boolFilter(f, 'dangling', false);
  let before: number | undefined, since: number | undefined, until: number | undefined;
  for (const v of filterValues(f, 'before')) {
    const t = getImage(state, v).createdMs;
    if (before === undefined || before > t) before = t;
  }
  for (const v of filterValues(f, 'since')) {
    const t = getImage(state, v).createdMs;
    if (since === undefined || since < t) since = t;
  }
  for (const v of filterValues(f, 'until')) {
    const t = parseTimestamp(v, state.clock.now());
    if (until === undefined || until > t) until = t;
  }
  const patterns = filterValues(f, 'reference');
  const labelFilter = f?.label !== undefined;
  const danglingFilter = f?.dangling !== undefined;
  const out: ImageSummary[] = [];
  const cache = listCache(state);
  for (const img of cache.sorted) {
    if (danglingOnly && state.images.childCount(img.id) !== 0) continue; // moby imageStore.Heads
    if (before !== undefined && !(img.createdMs < before)) continue;
    if (since !== undefined && !(img.createdMs > since)) continue;
    if (until !== undefined && !(img.createdMs < until)) continue;
    if (labelFilter && !matchLabels(f, img.config.config?.Labels)) continue;
    // References come from the store already parsed, with their familiar strings and sorted (cached per image).
    const entries = state.refs.entries(img.id);
    let tags: string[] = NO_STRINGS, digests: string[] = NO_STRINGS;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const ref = e.ref;
      if (patterns.length && !patterns.some((p) => pathMatch(p, e.familiar) || pathMatch(p, familiarName(ref)))) continue;
      if (ref.digest !== undefined) (digests === NO_STRINGS ? (digests = []) : digests).push(e.familiar);
      if (ref.tag !== undefined) (tags === NO_STRINGS ? (tags = []) : tags).push(e.familiar);
    }
    if (tags.length === 0 && digests.length === 0) {
      if (opts.all || state.images.childCount(img.id) === 0) {
        if (danglingFilter && !danglingOnly) continue;
        if (patterns.length) continue;
      } else continue;
    } else if (danglingOnly && tags.length > 0) continue;
    if (opts.sharedSize) {
      const s = imageSummary(state, img, tags === NO_STRINGS ? [] : tags, digests === NO_STRINGS ? [] : digests);
      s.SharedSize = 0;
      out.push(s);
    } else if (tags.length + digests.length === entries.length) out.push(keptSummary(cache, state, img, entries)); // every reference shown
    else out.push(imageSummary(state, img, tags === NO_STRINGS ? [] : tags, digests === NO_STRINGS ? [] : digests));
  }
  if (opts.sharedSize) fillSharedSize(state, out);
  return out;
}

/**
 * What `docker image ls` costs at 10,000 images is mostly building summaries, so they are kept between calls: the
 * images in list order (re-sorted when an image comes or goes), one frozen summary per image showing all its references
 * (rebuilt when they or its parent change; filtered lists use it too when no reference is filtered out) and the last
 * answer without filters (reused while nothing changed). The writer in lib/cli keeps each frozen summary's cells.
 */
interface ListCache {
  imagesRev: number;
  /** Every image, newest first, then by ID (moby sorts by Created seconds, then ID). */
  sorted: ImageRecord[];
  memo: Map<string, { entries: readonly RefEntry[]; parent: string; summary: ImageSummary }>;
  last?: { all: boolean; imagesRev: number; refsRev: number; list: ImageSummary[] };
}
const listCaches = new WeakMap<EngineState, ListCache>();

function listCache(state: EngineState): ListCache {
  let c = listCaches.get(state);
  if (!c) listCaches.set(state, (c = { imagesRev: -1, sorted: [], memo: new Map() }));
  if (c.imagesRev !== state.images.revision) {
    c.sorted = [...state.images.all()].sort((a, b) => {
      const d = Math.floor(b.createdMs / 1000) - Math.floor(a.createdMs / 1000);
      return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    c.imagesRev = state.images.revision;
    if (c.memo.size > 2 * c.sorted.length + 64) c.memo.clear(); // summaries of removed images
  }
  return c;
}

/** The kept, frozen summary of an image showing all its references (rebuilt when they or its parent change). */
function keptSummary(c: ListCache, state: EngineState, img: ImageRecord, entries: readonly RefEntry[]): ImageSummary {
  let m = c.memo.get(img.id);
  if (!m || m.entries !== entries || m.parent !== img.parent) {
    const tags: string[] = [], digests: string[] = [];
    for (const e of entries) {
      if (e.ref.digest !== undefined) digests.push(e.familiar);
      if (e.ref.tag !== undefined) tags.push(e.familiar);
    }
    const summary = imageSummary(state, img, Object.freeze(tags) as string[], Object.freeze(digests) as string[]);
    c.memo.set(img.id, (m = { entries, parent: img.parent, summary: Object.freeze(summary) }));
  }
  return m.summary;
}

function unfilteredList(state: EngineState, all: boolean): ImageSummary[] {
  const c = listCache(state);
  const last = c.last;
  if (last && last.all === all && last.imagesRev === state.images.revision && last.refsRev === state.refs.revision) return last.list.slice();
  const out: ImageSummary[] = [];
  for (const img of c.sorted) {
    const entries = state.refs.entries(img.id);
    if (entries.length === 0 && !all && state.images.childCount(img.id) !== 0) continue; // an intermediate image
    out.push(keptSummary(c, state, img, entries));
  }
  c.last = { all, imagesRev: state.images.revision, refsRev: state.refs.revision, list: out };
  return out.slice();
}
const NO_STRINGS: string[] = [];

/** SharedSize: bytes of this image's layers that other images also use (system df). */
function fillSharedSize(state: EngineState, list: ImageSummary[]): void {
  const uses = new Map<string, number>();
  for (const img of state.images.all()) for (const l of img.topChain ? state.layers.chain(img.topChain) : []) uses.set(l.chainId, (uses.get(l.chainId) ?? 0) + 1);
  for (const s of list) {
    const img = state.images.get(s.Id)!;
    let shared = 0;
    for (const l of img.topChain ? state.layers.chain(img.topChain) : []) if ((uses.get(l.chainId) ?? 0) > 1) shared += l.size;
    s.SharedSize = shared;
  }
}

// ---------- inspect ----------

/** dockerspec.DockerOCIImageConfig as moby 28 returns it in image inspect (every field omitempty, this order). */
export function inspectConfig(c: ImageRuntimeConfig | undefined): ContainerConfig {
  const out: Record<string, unknown> = {};
  if (!c) return out as ContainerConfig;
  const nonEmpty = (v: unknown): boolean =>
    v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0) &&
    !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
  for (const k of ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped', 'Healthcheck', 'OnBuild', 'Shell']) {
    if (nonEmpty(c[k])) out[k] = c[k];
  }
  return out as ContainerConfig;
}

export function graphDriverData(state: EngineState, topChain: string): Record<string, string> | null {
  if (!topChain) return null;
  const chain = state.layers.chain(topChain);
  const top = chain[chain.length - 1];
  const dir = (id: string) => `/var/lib/docker/overlay2/${id}`;
  const data: Record<string, string> = {};
  if (chain.length > 1) data.LowerDir = chain.slice(0, -1).reverse().map((l) => dir(l.cacheId) + '/diff').join(':');
  data.MergedDir = dir(top.cacheId) + '/merged';
  data.UpperDir = dir(top.cacheId) + '/diff';
  data.WorkDir = dir(top.cacheId) + '/work';
  return data;
}

export function imageInspect(state: EngineState, name: string): ImageInspect {
  const img = getImage(state, name);
  const cfg = img.config;
  const tags: string[] = [], digests: string[] = [];
  for (const r of state.refs.references(img.id)) {
    if (isTagged(r)) tags.push(familiarString(r));
    if (isCanonical(r)) digests.push(familiarString(r));
  }
  let comment = cfg.comment ?? '';
  if (!comment && cfg.history?.length) comment = cfg.history[cfg.history.length - 1].comment ?? '';
  const out: ImageInspect = {
    Id: img.id,
    RepoTags: tags,
    RepoDigests: digests,
    Parent: img.parent,
    Comment: comment,
    Created: cfg.created ? rfc3339Nano(Date.parse(cfg.created), nanosOf(cfg.created)) : '',
    DockerVersion: cfg.docker_version ?? '',
    Author: cfg.author ?? '',
    Config: inspectConfig(cfg.config),
    Architecture: cfg.architecture,
    Os: cfg.os,
    Size: state.layers.chainSize(img.topChain),
    GraphDriver: { Data: graphDriverData(state, img.topChain), Name: 'overlay2' },
    RootFS: cfg.rootfs.diff_ids.length ? { Type: 'layers', Layers: [...cfg.rootfs.diff_ids] } : { Type: 'layers' },
    Metadata: { LastTagTime: img.lastTagTime || ZERO_TIME },
  };
  if (cfg.variant) {
    // Variant comes right after Architecture.
    const { Os, Size, GraphDriver, RootFS, Metadata, ...head } = out;
    return { ...head, Variant: cfg.variant, Os, ...(cfg['os.version'] ? { OsVersion: cfg['os.version'] } : {}), Size, GraphDriver, RootFS, Metadata };
  }
  return out;
}
/** Sub-millisecond digits of an RFC 3339 timestamp (Date.parse keeps only milliseconds). */
function nanosOf(ts: string): number {
  const m = /\.(\d+)/.exec(ts);
  if (!m) return 0;
  return Number(m[1].padEnd(9, '0').slice(3, 9));
}

// ---------- history ----------

export function imageHistory(state: EngineState, name: string): HistoryItem[] {
  const img = getImage(state, name);
  const diffIds = img.config.rootfs.diff_ids;
  let chain = '';
  let i = 0;
  const items: HistoryItem[] = [];
  for (const h of img.config.history ?? []) {
    let size = 0;
    if (!h.empty_layer && i < diffIds.length) {
      chain = chain ? digestOfChain(chain, diffIds[i]) : diffIds[i];
      size = state.layers.get(chain)?.size ?? 0;
      i++;
    }
    items.unshift({
      Comment: h.comment ?? '',
      Created: h.created ? Math.floor(Date.parse(h.created) / 1000) : 0,
      CreatedBy: h.created_by ?? '',
      Id: '<missing>',
      Size: size,
      Tags: null,
    });
  }
  let cur: ImageRecord | undefined = img;
  for (const it of items) {
    if (!cur) break;
    it.Id = cur.id;
    const tags = state.refs.references(cur.id).filter(isTagged).map(familiarString);
    it.Tags = tags.length ? tags : null;
    cur = cur.parent ? state.images.get(cur.parent) : undefined;
  }
  return items;
}
const digestOfChain = (parent: string, diffId: string): string => digestOf(parent + ' ' + diffId);

// ---------- tag ----------

export function imageTag(state: EngineState, source: string, repo: string, tag: string): void {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(repo);
  } catch (e) {
    throw invalidParameter(e instanceof Error ? e.message : String(e));
  }
  if (ref.digest !== undefined) throw invalidParameter('refusing to create a tag with a digest reference');
  if (tag) {
    if (!isValidTag(tag)) throw invalidParameter('invalid tag format');
    ref = { ...ref, tag };
  } else ref = tagNameOnly(ref);
  if (fullName(ref) === 'docker.io/library/sha256' || familiarName(ref) === 'sha256') {
    throw invalidParameter('refusing to create an ambiguous tag using digest algorithm as name');
  }
  const img = getImage(state, source);
  tagImage(state, img.id, ref);
}
/** AddTag (force) + SetLastUpdated. */
export function tagImage(state: EngineState, id: string, ref: Reference): void {
  state.refs.add(ref, id, true);
  const img = state.images.get(id);
  if (img) img.lastTagTime = rfc3339Nano(state.clock.now());
}

// ---------- remove ----------

const CONFLICT_CHILD = 1, CONFLICT_RUNNING = 2, CONFLICT_ACTIVE_REF = 4, CONFLICT_STOPPED = 8;
const CONFLICT_HARD = CONFLICT_CHILD | CONFLICT_RUNNING, CONFLICT_SOFT = CONFLICT_ACTIVE_REF | CONFLICT_STOPPED;

interface DeleteConflict { hard: boolean; used: boolean; message: string; id: string }
const conflictError = (c: DeleteConflict): EngineError =>
  conflict(`conflict: unable to delete ${short(c.id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`);

function checkConflict(state: EngineState, id: string, mask: number): DeleteConflict | undefined {
  if (mask & CONFLICT_CHILD && state.images.children(id).length > 0) return { id, hard: true, used: false, message: 'image has dependent child images' };
  const users = state.hooks.imageUsers(id);
  if (mask & CONFLICT_RUNNING) {
    const r = users.find((u) => u.running);
    if (r) return { id, hard: true, used: true, message: `image is being used by running container ${short(r.id)}` };
  }
  if (mask & CONFLICT_ACTIVE_REF && state.refs.references(id).length > 0) return { id, hard: false, used: false, message: 'image is referenced in multiple repositories' };
  if (mask & CONFLICT_STOPPED) {
    const s = users.find((u) => !u.running);
    if (s) return { id, hard: false, used: true, message: `image is being used by stopped container ${short(s.id)}` };
  }
  return undefined;
}
function isSingleReference(refs: Reference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: Reference | undefined;
  const canonical = new Set<string>();
  for (const r of refs) {
    if (isCanonical(r)) canonical.add(fullName(r));
    else if (!single) single = r;
    else return false;
  }
  if (!single) single = refs[0];
  return canonical.size === 1 && canonical.has(fullName(single));
}
function isImageIdPrefix(id: string, s: string): boolean {
  return id.startsWith(s) || id.slice(id.indexOf(':') + 1).startsWith(s);
}

export function imageRemove(state: EngineState, name: string, opts: ImageRemoveOptions = {}): ImageDeleteItem[] {
  const force = !!opts.force, prune = !opts.noprune;
  const records: ImageDeleteItem[] = [];
  const img = getImage(state, name);
  const id = img.id;
  let refs = state.refs.references(id);
  let removedRepositoryRef = false;
  if (!isImageIdPrefix(id, name)) {
    if (!force && isSingleReference(refs)) {
      const u = state.hooks.imageUsers(id)[0];
      if (u) throw conflict(`conflict: unable to remove repository reference "${name}" (must force) - container ${short(u.id)} is using its referenced image ${short(id)}`);
    }
    let parsed = parseNormalizedNamed(name);
    if (parsed.digest === undefined) parsed = tagNameOnly(parsed);
    else parsed = { ...parsed, tag: undefined };
    if (!state.refs.delete(parsed)) throw noSuchImage(name);
    records.push({ Untagged: familiarString(parsed) });
    refs = state.refs.references(id);
    if (!isCanonical(parsed)) {
      const sameRepoTag = refs.some((r) => !isCanonical(r) && fullName(r) === fullName(parsed));
      if (!sameRepoTag) {
        const remaining: Reference[] = [];
        for (const r of refs) {
          if (isCanonical(r) && fullName(r) === fullName(parsed)) {
            state.refs.delete(r);
            records.push({ Untagged: familiarString(r) });
          } else remaining.push(r);
        }
        refs = remaining;
      }
    }
    if (refs.length > 0) return records;
    removedRepositoryRef = true;
  } else if (isSingleReference(refs)) {
    const mask = force ? CONFLICT_HARD : CONFLICT_HARD | (CONFLICT_SOFT & ~CONFLICT_ACTIVE_REF);
    const c = checkConflict(state, id, mask);
    if (c) throw conflictError(c);
    for (const r of refs) {
      state.refs.delete(r);
      records.push({ Untagged: familiarString(r) });
    }
  }
  deleteHelper(state, id, records, force, prune, removedRepositoryRef);
  return records;
}

function deleteHelper(state: EngineState, id: string, records: ImageDeleteItem[], force: boolean, prune: boolean, quiet: boolean): void {
  const c = checkConflict(state, id, force ? CONFLICT_HARD : CONFLICT_HARD | CONFLICT_SOFT);
  if (c) {
    if (quiet && (!isDangling(state, id) || c.used)) return;
    throw conflictError(c);
  }
  const img = state.images.get(id)!;
  const parent = img.parent;
  for (const r of state.refs.references(id)) {
    state.refs.delete(r);
    records.push({ Untagged: familiarString(r) });
  }
  const removed = state.images.delete(id);
  records.push({ Deleted: id });
  for (const l of removed) records.push({ Deleted: l.chainId });
  if (!prune || !parent || !state.images.has(parent)) return;
  deleteHelper(state, parent, records, false, true, true);
}
function isDangling(state: EngineState, id: string): boolean {
  return state.refs.references(id).length === 0 && state.images.children(id).length === 0;
}

// ---------- prune ----------

export function imagesPrune(state: EngineState, filters: Filters = {}): ImagesPruneReport {
  checkFilters(filters, ['dangling', 'label', 'label!', 'until']);
  const danglingOnly = boolFilter(filters, 'dangling', true);
  let until: number | undefined;
  for (const v of filterValues(filters, 'until')) until = parseTimestamp(v, state.clock.now());
  const candidates = danglingOnly ? state.images.heads() : [...state.images.all()];
  const layerSizes = new Map<string, number>();
  for (const l of state.layers.all()) layerSizes.set(l.chainId, l.size);
  const top = candidates.filter((img) => {
    if (state.refs.references(img.id).length === 0 && state.images.children(img.id).length !== 0) return false;
    if (until !== undefined && !(img.createdMs > 0 && img.createdMs <= until)) return false;
    const labels = img.config.config?.Labels;
    if (!matchLabels(filters, labels)) return false;
    const neg = filterValues(filters, 'label!');
    if (neg.length && matchLabels({ label: filters['label!'] }, labels)) return false;
    return true;
  }).sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1));
  const deleted: ImageDeleteItem[] = [];
  for (const img of top) {
    if (!state.images.has(img.id)) continue;
    const refs = state.refs.references(img.id);
    const tryDelete = (ref: string) => {
      try {
        deleted.push(...imageRemove(state, ref, { force: false, noprune: false }));
      } catch (e) {
        if (!(e instanceof EngineError) || (e.status !== 409 && e.status !== 404)) throw e;
      }
    };
    if (refs.length > 0) {
      const shouldDelete = !danglingOnly || !refs.some(isTagged);
      if (shouldDelete) for (const r of refs) tryDelete(r.domain + '/' + r.path + (r.tag ? ':' + r.tag : '') + (r.digest ? '@' + r.digest : ''));
    } else tryDelete(img.id.slice(7));
  }
  let space = 0;
  for (const d of deleted) if (d.Deleted && layerSizes.has(d.Deleted)) space += layerSizes.get(d.Deleted)!;
  return { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: space };
}

// ---------- disk usage (images part of GET /system/df) ----------

/** LayersSize (every layer once) and the image summaries with SharedSize and Containers filled, as `docker system df` wants. */
export function imagesDiskUsage(state: EngineState): { LayersSize: number; Images: ImageSummary[] } {
  let layersSize = 0;
  for (const l of state.layers.all()) layersSize += l.size;
  const list = imageList(state, { all: true, sharedSize: true });
  for (const s of list) s.Containers = state.hooks.imageUsers(s.Id).length;
  return { LayersSize: layersSize, Images: list };
}
