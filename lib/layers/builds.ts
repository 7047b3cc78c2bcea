/**
 * The last builds, remembered for the layer explorer: which Dockerfile built an image and which steps missed the
 * cache (and why). BuildKit builds run by the console's `docker build` are recorded (recordBuilds); the records
 * travel with the engine's saved state (area "layers"), so the explorer still knows them after a reload.
 */
import type { BuildKitBuildRequest, BuildKitFrontend, CliContext } from '../cli/command';
import { parseDockerfile } from '../dockerfile/instructions';
import { utf8Decode } from '../engine/digest';
import { BuildCache, type CacheRecord } from '../engine/builder/cache';
import type { CacheMiss } from '../engine/builder/types';
import { findImage } from '../engine/images';
import { registerAreaCodec } from '../engine/serialize';
import type { EngineState } from '../engine/state';
import type { CacheStatus, LayerInfo } from './explain';

export interface BuildRecord {
  imageId: string;
  /** engine clock, ms */
  atMs: number;
  /** the Dockerfile's text as built */
  dockerfile: string;
  target?: string;
  /** steps rebuilt, with the reason */
  misses: CacheMiss[];
  /** Dockerfile lines of the steps taken from the cache */
  hits: number[];
}

const AREA = 'layers';
/** Builds remembered (the newest per image wins; old ones are dropped first). */
export const MAX_BUILDS = 30;

function records(state: EngineState): BuildRecord[] {
  let r = state.areas.get(AREA) as BuildRecord[] | undefined;
  if (!r) state.areas.set(AREA, (r = []));
  return r;
}

function isRecord(x: unknown): x is BuildRecord {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.imageId === 'string' && typeof o.atMs === 'number' && typeof o.dockerfile === 'string' && Array.isArray(o.misses) && Array.isArray(o.hits);
}

registerAreaCodec(AREA, {
  save: (state) => (state.areas.get(AREA) as BuildRecord[] | undefined) ?? [],
  load: (state, data) => {
    if (Array.isArray(data)) state.areas.set(AREA, data.filter(isRecord).slice(-MAX_BUILDS));
  },
});

/** Remembers a finished build (failed builds, which make no image, are ignored). */
export function noteBuild(state: EngineState, r: BuildRecord): void {
  if (!r.imageId) return;
  const all = records(state);
  const i = all.findIndex((x) => x.imageId === r.imageId);
  if (i >= 0) all.splice(i, 1);
  all.push(r);
  if (all.length > MAX_BUILDS) all.splice(0, all.length - MAX_BUILDS);
}

/** The newest recorded build that produced this image. */
export function lastBuild(state: EngineState, imageId: string): BuildRecord | undefined {
  const all = state.areas.get(AREA) as BuildRecord[] | undefined;
  if (!all) return undefined;
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.imageId === imageId) return all[i];
  return undefined;
}

function dockerfileText(opts: BuildKitBuildRequest): string {
  const name = opts.dockerfile || 'Dockerfile';
  const f = opts.files.get(name) ?? opts.files.get(name.replace(/^\.?\//, ''));
  return f ? utf8Decode(f.data) : '';
}

interface RecordingEngine { readonly state: EngineState; buildkitFrontend(): BuildKitFrontend }

/** What one build did to the cache: the steps it took from it and the ones it ran, with the reason. */
interface Observed { hits: Set<number>; misses: CacheMiss[]; chains: string[] }

/**
 * Watches the build cache while a build runs: `touch` is a hit, `put` a miss (the step ran). The reason of a miss
 * follows the builder's rules (build.ts missReason): --no-cache; no record after the same parent: the first miss of
 * the build says what changed (instruction-changed, or first-build on an empty cache), the later ones parent-changed;
 * a record for the same line with other files: files-changed.
 */
function observeCache(cache: BuildCache, noCache: boolean): { observed: Observed; stop(): void } {
  const observed: Observed = { hits: new Set(), misses: [], chains: [] };
  const anyBefore = cache.any();
  const { put, touch } = cache;
  cache.touch = function (rec: CacheRecord, nowMs: number) {
    observed.hits.add(rec.line);
    if (rec.layer) observed.chains.push(rec.layer.chainId);
    return touch.call(this, rec, nowMs);
  };
  cache.put = function (key: string, rec: CacheRecord) {
    let miss: CacheMiss;
    const base = { line: rec.line, step: rec.description ?? '' };
    if (noCache) miss = { ...base, reason: 'no-cache' };
    else {
      const siblings = this.byParent(rec.parentKey);
      if (siblings.length === 0) miss = { ...base, reason: observed.misses.length ? 'parent-changed' : anyBefore ? 'instruction-changed' : 'first-build' };
      else {
        const same = [...siblings].reverse().find((r) => r.line === rec.line && r.files && rec.files);
        const changed: string[] = [];
        if (same?.files && rec.files) {
          for (const [p, d] of rec.files) if (same.files.get(p) !== d) changed.push(p);
          for (const p of same.files.keys()) if (!rec.files.has(p)) changed.push(p);
        }
        miss = changed.length ? { ...base, reason: 'files-changed', files: changed.sort() } : { ...base, reason: 'instruction-changed' };
      }
    }
    observed.misses.push(miss);
    if (rec.layer) observed.chains.push(rec.layer.chainId);
    return put.call(this, key, rec);
  };
  return {
    observed,
    stop() {
      // own properties shadowed the prototype's methods: removing them restores the originals
      delete (cache as Partial<Pick<BuildCache, 'put' | 'touch'>>).put;
      delete (cache as Partial<Pick<BuildCache, 'put' | 'touch'>>).touch;
    },
  };
}

/** The image a build made: its tag, or the newest image whose top layer is the build's last layer. */
function builtImage(state: EngineState, opts: BuildKitBuildRequest, chains: string[]): string {
  for (const t of opts.tags) {
    const img = findImage(state, t);
    if (img) return img.id;
  }
  const top = chains[chains.length - 1];
  if (!top) return '';
  let best: { id: string; createdMs: number } | undefined;
  for (const img of state.images.all()) if (img.topChain === top && (!best || img.createdMs > best.createdMs)) best = img;
  return best?.id ?? '';
}

const recording = new WeakSet<BuildKitFrontend>();

/**
 * Makes the engine's BuildKit frontend (the one the console's `docker build` uses) remember each build's Dockerfile,
 * cache hits and misses. It wraps whatever `build` the frontend has (other observers keep working) and prints nothing.
 * Idempotent.
 */
export function recordBuilds(engine: RecordingEngine): void {
  const fe = engine.buildkitFrontend();
  if (recording.has(fe)) return;
  recording.add(fe);
  const wrap = (inner: BuildKitFrontend['build']): BuildKitFrontend['build'] => async (ctx: CliContext, opts: BuildKitBuildRequest): Promise<number> => {
    const state = engine.state;
    const watch = observeCache(BuildCache.of(state), opts.noCache);
    let code: number;
    try {
      code = await inner.call(fe, ctx, opts);
    } finally {
      watch.stop();
    }
    if (code === 0) {
      const { hits, misses, chains } = watch.observed;
      const imageId = builtImage(state, opts, chains);
      noteBuild(state, {
        imageId, atMs: state.clock.now(), dockerfile: dockerfileText(opts), ...(opts.target ? { target: opts.target } : {}),
        misses, hits: [...hits].filter((l) => !misses.some((m) => m.line === l)).sort((a, b) => a - b),
      });
    }
    return code;
  };
  // Observers installed later replace `build` by assignment: keep wrapping whatever they set.
  let current = wrap(fe.build);
  Object.defineProperty(fe, 'build', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (next: BuildKitFrontend['build']) => {
      current = wrap(next);
    },
  });
}

/** What a history row learns from the build that made the image. */
export interface StepInfo { line: number; instruction: string; fromBase?: boolean; cache?: CacheStatus }

/** Instructions whose BuildKit step is cached as a layer step (the others only change the config). */
const LAYER_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Maps the image's history rows to the Dockerfile of its last build: BuildKit writes one row per instruction of the
 * target stage (FROM and ONBUILD excepted), so the stage's instructions are the last rows, in order; the rows before
 * them come from the base image (they point at FROM). A row whose keyword does not match ends the mapping.
 */
export function mapBuildSteps(build: BuildRecord, rows: readonly LayerInfo[]): Map<number, StepInfo> {
  const out = new Map<number, StepInfo>();
  let parsed;
  try {
    parsed = parseDockerfile(build.dockerfile);
  } catch {
    return out;
  }
  const stages = parsed.stages;
  if (!stages.length) return out;
  const target = build.target ? build.target.toLowerCase() : '';
  const stage = (target && stages.find((s) => s.name === target)) || stages[stages.length - 1]!;
  const steps = stage.commands.filter((c) => c.kind !== 'ONBUILD');
  const missByLine = new Map<number, CacheMiss>();
  for (const m of build.misses) missByLine.set(m.line, m);
  let r = rows.length - 1;
  for (let i = steps.length - 1; i >= 0 && r >= 0; i--, r--) {
    const c = steps[i]!;
    const row = rows[r]!;
    const word = row.createdBy.split(' ', 1)[0]!;
    if (word !== c.kind) return out;
    const line = c.range.startLine;
    const info: StepInfo = { line, instruction: c.code };
    if (LAYER_STEPS.has(c.kind) && row.createdBy !== 'WORKDIR /') {
      const m = missByLine.get(line);
      if (m) info.cache = { hit: false, reason: m.reason, ...(m.files ? { files: [...m.files] } : {}) };
      else if (build.hits.includes(line)) info.cache = { hit: true };
    }
    out.set(r, info);
  }
  for (; r >= 0; r--) out.set(r, { line: stage.range.startLine, instruction: stage.sourceCode, fromBase: true });
  return out;
}
