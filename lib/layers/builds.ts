/**
 * The last builds, remembered for the layer explorer: which Dockerfile built an image and which steps missed the
 * cache (and why). BuildKit builds run by the console's `docker build` are recorded (recordBuilds); the records
 * travel with the engine's saved state (area "layers"), so the explorer still knows them after a reload.
 */
import type { BuildKitBuildRequest, BuildKitFrontend, CliContext } from '../cli/command';
import { parseDockerfile } from '../dockerfile/instructions';
import { utf8Decode } from '../engine/digest';
import { createBuildKitFrontend } from '../engine/builder/frontend';
import type { BuilderHost, BuildResult, CacheMiss } from '../engine/builder/types';
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
  misses: CacheMiss[];
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
  return typeof o.imageId === 'string' && typeof o.atMs === 'number' && typeof o.dockerfile === 'string' && Array.isArray(o.misses);
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

interface RecordingEngine { readonly state: EngineState; builderHost(): BuilderHost; buildkitFrontend(): BuildKitFrontend }

const recording = new WeakSet<BuildKitFrontend>();

/**
 * Makes the engine's BuildKit frontend (the one the console's `docker build` uses) remember each build's Dockerfile
 * and cache misses. The frontend still prints exactly what it printed; only `onResult` is added. Idempotent.
 */
export function recordBuilds(engine: RecordingEngine): void {
  const fe = engine.buildkitFrontend();
  if (recording.has(fe)) return;
  recording.add(fe);
  let pending: { dockerfile: string; target?: string } | undefined;
  const inner = createBuildKitFrontend(() => engine.builderHost(), {
    onResult: (r: BuildResult) => {
      if (!pending) return;
      noteBuild(engine.state, { imageId: r.imageId, atMs: engine.state.clock.now(), dockerfile: pending.dockerfile, ...(pending.target ? { target: pending.target } : {}), misses: r.cacheMisses });
    },
  });
  fe.build = async (ctx: CliContext, opts: BuildKitBuildRequest): Promise<number> => {
    pending = { dockerfile: dockerfileText(opts), ...(opts.target ? { target: opts.target } : {}) };
    try {
      return await inner.build(ctx, opts);
    } finally {
      pending = undefined;
    }
  };
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
      info.cache = m ? { hit: false, reason: m.reason, ...(m.files ? { files: [...m.files] } : {}) } : { hit: true };
    }
    out.set(r, info);
  }
  for (; r >= 0; r--) out.set(r, { line: stage.range.startLine, instruction: stage.sourceCode, fromBase: true });
  return out;
}
