/**
 * The image builder: one Dockerfile interpreter with the semantics both Docker builders share (stages, ARG scoping,
 * ENV/ARG expansion, WORKDIR, USER, COPY/ADD, CMD/ENTRYPOINT, ONBUILD, ...), and the two ways of running it:
 *   - BuildKit (default): progress events (vertices, statuses, logs), a build cache keyed by parent + instruction +
 *     content checksums, one image at the end, history rows `RUN /bin/sh -c x # buildkit`;
 *   - legacy (DOCKER_BUILDKIT=0): moby's classic builder, one committed image per step (intermediate images with a
 *     Parent), `Step N/M` JSON messages, history rows `/bin/sh -c #(nop)  CMD ["x"]`, cache probed on the parent image.
 */
import { parseSignal } from '../signals';
import type { JSONMessage } from '../../api/types';
import { EngineError, invalidParameter } from '../../api/errors';
import { DockerfileParseError, ShellLexError } from '../../dockerfile/errors';
import {
  MountParseError, parseDockerfile, parseInstruction, parseMount, parseRunMounts, type AddCommand, type ArgCommand, type Command, type CopyCommand, type DockerfileParseResult,
  type Instruction, type RunCommand, type Stage,
} from '../../dockerfile/instructions';
import { parse as parseAst } from '../../dockerfile/parser';
import { lintDockerfile } from '../../dockerfile/lint';
import { ShellLex } from '../../dockerfile/shell-lex';
import { fullName, familiarString, parseNormalizedNamed, referenceString, tagNameOnly, type Reference } from '../../reference/reference';
import type { BuildEvent, BuildFailure, ErrorSource } from '../../progress/events';
import { legacy as L } from '../../progress/legacy';
import { rfc3339Nano } from '../clock';
import { Sha256, digestOf, sha256Hex, utf8, utf8Decode } from '../digest';
import { UnionFs } from '../fs/union';
import { dir as dirEntry, file as fileEntry, normPath, parentOf, baseName, type Entry } from '../fs/entry';
import { findImage, tagImage } from '../images';
import type { HistoryJSON, ImageConfigJSON, ImageRecord } from '../store';
import { layerFromTar, type LayerContent } from '../tar';
import { gunzipSync } from 'fflate';
import { PatternMatcher } from '../../dockerfile/dockerignore';
import { gitRepository } from './remote';
import {
  DEFAULT_PATH, DEFAULT_SHELL, HISTORY_COMMENT, cloneWork, envMap, goQList, goVList, healthJSON, healthString, healthStringPlus, mobyConfig, ociConfig,
  setEnv, workConfigFrom, type WorkConfig,
} from './config';
import { ContextView, checksumEntries, cleanRel, hasWildcard, type ContextEntry } from './context';
import { shellRun } from './shell';
import { imagePull } from '../pull';
import type { BuildKitSink, BuildRequest, BuildResult, BuilderHost, CacheMiss, LegacySink } from './types';
import { BuildCache, type CacheLayer } from './cache';
import { applyMounts, contextSubtree, layerWithoutMounts, secretFile, subtree, type ActiveMount, type MountContent } from './mounts';
import { StepContainers } from './step-containers';
import type { ContainerConfig } from '../../api/types';

const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
const BUILDKIT_PLATFORM_ARGS: [string, string][] = [
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
];

/** A failure inside a step: `message` is the step's error, `solve` what buildx prints after `failed to solve: `. */
class StepError extends Error {
  constructor(
    message: string,
    readonly legacyMessage: string,
    readonly opts: { solve?: string; code?: number; line?: { start: number; end: number }; exit?: number; startError?: string } = {},
  ) {
    super(message);
  }
}

interface StageState {
  stage: Stage;
  /** BuildKit display name ("" for a single stage, else the stage name or stage-N) */
  displayName: string;
  config: WorkConfig;
  history: HistoryJSON[];
  diffIds: string[];
  chain: string;
  /** legacy: the current image ID; buildkit: the base image ID */
  imageId: string;
  cacheKey: string;
  /** declared build args with their values, in declaration order */
  args: Map<string, string | undefined>;
  cmdSet: boolean;
  author: string;
  stepIndex: number;
  stepTotal: number;
  done: boolean;
  /** cache missed earlier in this stage (BuildKit cascades) */
  missed: boolean;
  /** running ONBUILD triggers */
  onbuild?: boolean;
  /** ARG keys in declaration order (repeats included) */
  argOrder: string[];
}

export interface BuilderOptions {
  builder: 'buildkit' | 'legacy';
}

/** Runs a build with BuildKit's semantics, reporting progress events. Never throws for build errors: see result.failure. */
export async function buildkitBuild(host: BuilderHost, req: BuildRequest, onEvent: BuildKitSink): Promise<BuildResult> {
  const b = new Builder(host, req, 'buildkit', onEvent, () => {});
  return b.run();
}

/**
 * Runs a build like moby's classic builder, reporting the JSON messages of POST /build.
 * Throws EngineError before the first message for errors moby answers with an HTTP status (parse errors, unknown target).
 */
export async function legacyBuild(host: BuilderHost, req: BuildRequest, onMessage: LegacySink): Promise<BuildResult> {
  const b = new Builder(host, req, 'legacy', () => {}, onMessage);
  b.prepare();
  return b.run();
}

/** The legacy build as the stream EngineClient.build returns. */
export function legacyBuildStream(host: BuilderHost, req: BuildRequest): AsyncIterable<JSONMessage> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<JSONMessage> {
      const queue: JSONMessage[] = [];
      let done = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const b = new Builder(host, req, 'legacy', () => {}, (m) => {
        queue.push(m);
        wake?.();
      });
      let started: Promise<void> | undefined;
      const start = () => {
        started ??= (async () => {
          try {
            b.prepare();
            await b.run();
          } catch (e) {
            failure = e;
          } finally {
            done = true;
            wake?.();
          }
        })();
      };
      return {
        async next(): Promise<IteratorResult<JSONMessage>> {
          start();
          for (;;) {
            if (queue.length) return { value: queue.shift()!, done: false };
            if (done) {
              if (failure) {
                const f = failure;
                failure = undefined;
                throw f;
              }
              return { value: undefined, done: true };
            }
            await new Promise<void>((r) => (wake = r));
            wake = undefined;
          }
        },
      };
    },
  };
}

/** Both builders behind one call: `opts.builder` picks the events (BuildKit) or JSON messages (legacy). */
export async function buildImage(
  host: BuilderHost, req: BuildRequest, opts: BuilderOptions, sink: { event?: BuildKitSink; message?: LegacySink },
): Promise<BuildResult> {
  if (opts.builder === 'legacy') return legacyBuild(host, req, sink.message ?? (() => {}));
  return buildkitBuild(host, req, sink.event ?? (() => {}));
}

// ---------------------------------------------------------------------------------------------

class Builder {
  private readonly legacy: boolean;
  private readonly dockerfileName: string;
  private dockerfileText = '';
  private parsed?: DockerfileParseResult;
  private readonly ctx: ContextView;
  private readonly cache: BuildCache;
  private readonly result: BuildResult = { imageId: '', exitCode: 0, cacheMisses: [], committed: [], tagged: [], warnings: [] };
  private readonly stages: StageState[] = [];
  private metaArgs = new Map<string, string | undefined>();
  private readonly usedBuildArgs = new Set<string>();
  private vertexSeq = 0;
  private contextLoaded = false;
  private legacyStep = 0;
  private legacyTotal = 0;
  private readonly escapeToken: () => string;
  private readonly buildArgs: Record<string, string | null>;
  private readonly extraLabels: [string, string][];
  /** legacy: the step containers (created, run, removed per --rm/--force-rm) */
  private readonly steps?: StepContainers;
  /** legacy --cache-from: the source images found (undefined without the option: the local cache) */
  private cacheSources?: ImageRecord[];
  /** legacy: a probe of this stage missed (moby imageProber.cacheBusted, reset at FROM) */
  private cacheBusted = false;

  constructor(
    private readonly host: BuilderHost,
    private readonly req: BuildRequest,
    mode: 'buildkit' | 'legacy',
    private readonly emit: BuildKitSink,
    private readonly send: LegacySink,
  ) {
    this.legacy = mode === 'legacy';
    this.dockerfileName = req.dockerfile || 'Dockerfile';
    this.ctx = new ContextView(req.context);
    this.cache = BuildCache.of(host.state);
    this.escapeToken = () => this.parsed?.escapeToken ?? '\\';
    this.buildArgs = req.buildArgs ?? {};
    this.extraLabels = Object.keys(req.labels ?? {}).sort().map((k) => [k, req.labels![k]]);
    if (this.legacy) this.steps = new StepContainers(host.state, { rm: req.rm !== false, forceRm: !!req.forceRm });
  }

  private get state() { return this.host.state; }
  private now(): number { return this.state.clock.now(); }

  // ---------- events ----------

  private vertexId(): string { return `v${++this.vertexSeq}`; }
  private ev(e: BuildEvent): void { if (!this.legacy) this.emit(e); }
  private msg(m: JSONMessage): void { if (this.legacy && (!this.req.quiet || m.error || m.aux)) this.send(m); }

  /** Runs an internal vertex that completes immediately with one transfer status. */
  private internalVertex(name: string, status?: { id: string; current: number }): void {
    const id = this.vertexId();
    const t0 = this.now();
    this.ev({ type: 'vertex', id, name, started: t0 });
    if (status) {
      const t = this.now();
      this.ev({ type: 'status', vertex: id, id: status.id, current: status.current, timestamp: t, started: t0, completed: t });
    }
    this.ev({ type: 'vertex', id, name, started: t0, completed: this.now() });
  }

  // ---------- preparation ----------

  /** Reads and parses the Dockerfile. Legacy: throws EngineError (HTTP 400/500 before the stream). */
  prepare(): void {
    if (this.parsed) return;
    const df = this.ctx.get(this.dockerfileName);
    if (!df || df.type === 'dir') {
      throw invalidParameter(`Cannot locate specified Dockerfile: ${this.dockerfileName}`);
    }
    this.dockerfileText = utf8Decode(df.data);
    try {
      this.parsed = parseDockerfile(df.data);
    } catch (e) {
      if (e instanceof DockerfileParseError) throw invalidParameter(e.message);
      throw e;
    }
    if (this.req.target && this.legacy) {
      const t = this.req.target.toLowerCase();
      if (!this.parsed.stages.some((s) => s.name === t)) throw invalidParameter(`failed to reach build target ${this.req.target} in Dockerfile`);
    }
  }

  private source(range: { start: number; end: number }): ErrorSource {
    return { filename: this.dockerfileName, data: this.dockerfileText, ranges: [range] };
  }

  // ---------- main ----------

  async run(): Promise<BuildResult> {
    try {
      if (this.legacy) await this.runLegacy();
      else await this.runBuildKit();
    } catch (e) {
      this.fail(e);
    }
    return this.result;
  }

  private fail(e: unknown): void {
    this.result.imageId = '';
    if (this.legacy) {
      if (e instanceof EngineError && !this.parsed) throw e;
      if (e instanceof StepError) {
        this.result.exitCode = e.opts.code ?? 1;
        this.send(L.error(e.legacyMessage, e.opts.code ?? 0));
        this.result.failure = { message: e.legacyMessage, sources: [] };
        return;
      }
      const m = e instanceof Error ? e.message : String(e);
      this.result.exitCode = 1;
      this.send(L.error(m));
      this.result.failure = { message: m, sources: [] };
      return;
    }
    this.result.exitCode = 1;
    if (e instanceof StepError) {
      this.result.failure = { message: `failed to solve: ${e.opts.solve ?? e.message}`, sources: e.opts.line ? [this.source(e.opts.line)] : [] };
      return;
    }
    if (e instanceof DockerfileParseError) {
      this.result.failure = {
        message: `failed to solve: ${e.message}`, sources: [this.source({ start: e.range.startLine, end: e.range.endLine })],
      };
      return;
    }
    if (e instanceof ShellLexError) {
      this.result.failure = { message: `failed to solve: ${e.message}`, sources: [] };
      return;
    }
    this.result.failure = { message: `failed to solve: ${e instanceof Error ? e.message : String(e)}`, sources: [] };
  }

  // ---------- BuildKit ----------

  private async runBuildKit(): Promise<void> {
    const df = this.ctx.get(this.dockerfileName);
    const defId = this.vertexId();
    const defName = `[internal] load build definition from ${this.dockerfileName}`;
    const d0 = this.now();
    this.ev({ type: 'vertex', id: defId, name: defName, started: d0 });
    if (!df || df.type === 'dir') {
      this.ev({ type: 'vertex', id: defId, name: defName, started: d0, completed: this.now() });
      throw new StepError('', '', { solve: `failed to read dockerfile: open ${this.dockerfileName}: no such file or directory` });
    }
    const dt = this.now();
    this.ev({ type: 'status', vertex: defId, id: 'transferring dockerfile:', current: df.data.length, timestamp: dt, started: d0, completed: dt });
    this.dockerfileText = utf8Decode(df.data);
    try {
      this.parsed = parseDockerfile(df.data);
    } finally {
      if (!this.parsed) this.ev({ type: 'vertex', id: defId, name: defName, started: d0, completed: this.now() });
    }
    const p = this.parsed;
    const lints = lintDockerfile(p).filter((x) => x.url !== undefined).sort((a, b) => a.range.startLine - b.range.startLine);
    if (this.req.check) {
      // --check (--call=check): the frontend's lint subrequest collects the warnings instead of reporting them
      this.result.checks = lints.map((w) => ({ rule: w.ruleId, url: w.url ?? '', detail: w.message, source: this.source({ start: w.range.startLine, end: w.range.endLine }) }));
    } else {
      for (const w of lints) {
        const short = `${w.ruleId}: ${w.message} (line ${w.range.startLine})`;
        this.result.warnings.push(short);
        this.ev({ type: 'warning', vertex: defId, short, detail: [], url: w.url ?? '', line: w.range.startLine });
      }
    }
    this.ev({ type: 'vertex', id: defId, name: defName, started: d0, completed: this.now() });
    if (p.stages.length === 0) throw new StepError('', '', { solve: 'dockerfile contains no stages to build' });
    this.initMetaArgs(p.metaArgs);

    // target and reachable stages
    let targetIx = p.stages.length - 1;
    if (this.req.target) {
      targetIx = p.stages.findIndex((s) => s.name === this.req.target!.toLowerCase());
      if (targetIx < 0) throw new StepError('', '', { solve: `target stage "${this.req.target}" could not be found` });
    }
    const baseNames = p.stages.map((s) => this.expandMeta(s.baseName, s));
    const stageIndexByName = new Map<string, number>();
    p.stages.forEach((s, i) => s.name && stageIndexByName.set(s.name, i));
    for (const st of p.stages) {
      for (const c of st.commands) {
        if (c.kind !== 'COPY' || !c.from) continue;
        const line = { start: c.range.startLine, end: c.range.endLine };
        if (c.from.includes('$')) {
          const m = 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround';
          throw new StepError(m, m, { line });
        }
        if (/^\d+$/.test(c.from) && Number(c.from) >= p.stages.length) throw new StepError('', '', { solve: `invalid stage index ${c.from}`, line });
      }
    }
    const reach = new Set<number>();
    const visit = (i: number) => {
      if (reach.has(i)) return;
      reach.add(i);
      const base = stageIndexByName.get(baseNames[i].toLowerCase());
      if (base !== undefined && base < i) visit(base);
      for (const c of p.stages[i].commands) {
        for (const from of c.kind === 'COPY' && c.from ? [c.from] : c.kind === 'RUN' ? mountFroms(c) : []) {
          const f = this.expandMeta(from, p.stages[i]).toLowerCase();
          const j = stageIndexByName.get(f) ?? (/^\d+$/.test(f) ? Number(f) : undefined);
          if (j !== undefined && j < i) visit(j);
        }
      }
    };
    visit(targetIx);
    const order = [...reach].sort((a, b) => a - b);

    // metadata for every external base image (FROM, and COPY --from=<image>)
    const images = new Map<string, ImageRecord>();
    const externals: { name: string; line: { start: number; end: number }; stage: Stage }[] = [];
    for (const i of order) {
      const name = baseNames[i];
      if (name !== 'scratch' && !stageIndexByName.has(name.toLowerCase())) externals.push({ name, line: { start: p.stages[i].range.startLine, end: p.stages[i].range.endLine }, stage: p.stages[i] });
      for (const c of p.stages[i].commands) {
        for (const f of c.kind === 'COPY' && c.from ? [c.from] : c.kind === 'RUN' ? mountFroms(c) : []) {
          if (stageIndexByName.has(f.toLowerCase()) || /^\d+$/.test(f)) continue;
          externals.push({ name: f, line: { start: c.range.startLine, end: c.range.endLine }, stage: p.stages[i] });
        }
      }
    }
    for (const { name, line, stage } of externals) {
      const ref = this.normalize(name, stage);
      const key = referenceString(ref);
      if (images.has(key)) continue;
      const vid = this.vertexId();
      const vname = `[internal] load metadata for ${referenceString(ref)}`;
      const t0 = this.now();
      this.ev({ type: 'vertex', id: vid, name: vname, started: t0 });
      let img = this.req.pull ? undefined : findImage(this.state, referenceString(ref));
      if (!img) {
        try {
          img = await this.pull(referenceString(ref), () => {});
        } catch (e) {
          const err = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
          this.ev({ type: 'vertex', id: vid, name: vname, started: t0, completed: this.now(), error: err });
          void e;
          throw new StepError(err, '', { solve: `${name}: failed to resolve source metadata for ${referenceString(ref)}: ${err}`, line });
        }
        this.pulledNow.add(img.id);
      }
      this.ev({ type: 'vertex', id: vid, name: vname, started: t0, completed: this.now() });
      images.set(key, img);
    }
    if (this.req.check) return;
    const ignore = this.ctx.get('.dockerignore');
    this.internalVertex('[internal] load .dockerignore', { id: 'transferring context:', current: ignore && ignore.type !== 'dir' ? ignore.data.length : 2 });
    this.conversionErrors(order.map((i) => p.stages[i]));

    const usesContext = order.some((i) => p.stages[i].commands.some((c) => (((c.kind === 'COPY' && !c.from) || c.kind === 'ADD') && c.sourcePaths.some((x) => !/^https?:\/\//.test(x) && !isGitSource(x))) || (c.kind === 'RUN' && contextBinds(c).length > 0)));
    const multi = p.stages.length > 1 || p.stages.some((st) => st.commands.some((c) => c.kind === 'COPY' && !!c.from && !stageIndexByName.has(c.from.toLowerCase()) && !/^\d+$/.test(c.from)));
    for (const i of order) {
      const st = await this.fromStage(p.stages[i], baseNames[i], images, multi);
      this.stages[i] = st;
      if (usesContext && !this.contextLoaded) {
        this.contextLoaded = true;
        this.internalVertex('[internal] load build context', { id: 'transferring context:', current: Math.max(2, this.contextBytes(order.map((k) => p.stages[k]))) });
      }
      await this.runCommands(st, st.stage.commands);
      st.done = true;
    }
    const final = this.stages[targetIx];
    await this.exportBuildKit(final);
  }

  /**
   * Errors dockerfile2llb raises while it converts the reachable stages (dispatchStages, after the .dockerignore is
   * loaded), so before any step runs: a STOPSIGNAL that moby/sys/signal rejects. Words with variables are checked
   * when their step is reached (their value depends on the steps before).
   */
  private conversionErrors(stages: Stage[]): void {
    for (const s of stages) {
      for (const c of s.commands) {
        if (c.kind !== 'STOPSIGNAL' || c.signal.includes('$')) continue;
        let sig: string;
        try {
          sig = this.lex().processWord(c.signal, new Map());
        } catch {
          continue; // a lexing error is reported by the step itself
        }
        if (!isValidSignal(sig)) throw new StepError(`invalid signal: ${sig}`, `invalid signal: ${sig}`, { line: this.lineOf(c) });
      }
    }
  }

  private readonly pulledNow = new Set<string>();
  private readonly shownBases = new Set<string>();

  private contextBytes(stages: Stage[]): number {
    let n = 0;
    const seen = new Set<string>();
    for (const s of stages) for (const c of s.commands) {
      const srcs = c.kind === 'RUN' ? contextBinds(c) : (c.kind === 'COPY' && !c.from) || c.kind === 'ADD' ? c.sourcePaths : [];
      for (const src of srcs) {
        if (/^https?:\/\//.test(src) || isGitSource(src)) continue;
        const pats = hasWildcard(src) ? this.ctx.glob(src) : [cleanRel(src)];
        for (const p of pats) {
          const files = this.ctx.isDir(p) ? this.ctx.filesUnder(p) : this.ctx.get(p) ? [{ path: cleanRel(p), file: this.ctx.get(p)! }] : [];
          for (const f of files) if (!seen.has(f.path)) { seen.add(f.path); n += f.file.data.length; }
        }
      }
    }
    return n;
  }

  private async exportBuildKit(st: StageState): Promise<void> {
    if (this.req.output) return this.exportFiles(st, this.req.output.type);
    const id = this.vertexId();
    const name = 'exporting to image';
    const t0 = this.now();
    this.ev({ type: 'vertex', id, name, started: t0 });
    this.ev({ type: 'status', vertex: id, id: 'exporting layers', timestamp: t0, started: t0 });
    const cfg = cloneWork(st.config);
    if (this.extraLabels.length) {
      cfg.Labels = { ...(cfg.Labels ?? {}) };
      for (const [k, v] of this.extraLabels) cfg.Labels[k] = v;
    }
    const runtime = ociConfig(cfg);
    // The exporter's result is cached: the same layers and config give the same image (and ID) again.
    const exportKey = sha256Hex(JSON.stringify([st.cacheKey, runtime, st.history.map((h) => [h.created_by, h.empty_layer, h.created ?? '']), st.author]));
    let created = this.cache.exportTime(exportKey);
    if (created === undefined) {
      created = this.now();
      this.cache.setExportTime(exportKey, created);
    }
    const createdStr = rfc3339Nano(created);
    const history = st.history.map((h) => (h.created === undefined ? { created: createdStr, ...h } : h)).map(orderHistory);
    const config: ImageConfigJSON = {
      architecture: 'amd64', ...(st.author ? { author: st.author } : {}), config: runtime, created: createdStr, history, os: 'linux',
      rootfs: { type: 'layers', diff_ids: st.diffIds },
    };
    const t1 = this.now();
    this.ev({ type: 'status', vertex: id, id: 'exporting layers', timestamp: t1, started: t0, completed: t1 });
    const rec = this.state.images.create(config);
    const t2 = this.now();
    this.ev({ type: 'status', vertex: id, id: `writing image ${rec.id}`, timestamp: t2, started: t2, completed: t2 });
    for (const tag of this.req.tags ?? []) {
      const ref = tagNameOnly(parseNormalizedNamed(tag));
      const t3 = this.now();
      tagImage(this.state, rec.id, ref);
      this.result.tagged.push(familiarString(ref));
      this.ev({ type: 'status', vertex: id, id: `naming to ${referenceString(ref)}`, timestamp: this.now(), started: t3, completed: this.now() });
    }
    this.ev({ type: 'vertex', id, name, started: t0, completed: this.now() });
    this.result.imageId = rec.id;
  }

  /**
   * buildx -o type=local|tar: the final stage's file system goes to the client (no image is created). The exporter
   * vertex is BuildKit's ("exporting to client directory" with its "copying files" transfer status).
   */
  private async exportFiles(st: StageState, type: 'local' | 'tar'): Promise<void> {
    const id = this.vertexId();
    const name = type === 'local' ? 'exporting to client directory' : 'exporting to client tarball';
    const t0 = this.now();
    this.ev({ type: 'vertex', id, name, started: t0 });
    const view = this.state.layers.view(st.chain);
    const files = new Map<string, Entry>();
    let bytes = 0;
    for (const [p, e] of view.entries) {
      if (p === '/') continue;
      files.set(p, e);
      if (e.type === 'file') bytes += e.data instanceof Uint8Array ? e.data.length : e.data.size;
    }
    if (bytes > EXPORT_LIMIT) {
      const m = `the playground exports at most ${EXPORT_LIMIT / (1 << 20)} MB to the workspace (this result has ${Math.round(bytes / (1 << 20))} MB): export a smaller stage, e.g. FROM scratch with only the files you need`;
      this.ev({ type: 'vertex', id, name, started: t0, completed: this.now(), error: m });
      throw new StepError(m, m);
    }
    const t1 = this.now();
    if (type === 'local') this.ev({ type: 'status', vertex: id, id: 'copying files', current: bytes, timestamp: t1, started: t0, completed: t1 });
    this.ev({ type: 'vertex', id, name, started: t0, completed: this.now() });
    this.result.output = files;
  }

  // ---------- legacy ----------

  private async runLegacy(): Promise<void> {
    const p = this.parsed!;
    if (p.stages.length === 0) throw new Error('the Dockerfile has no build stages');
    let last = p.stages.length - 1;
    if (this.req.target) last = p.stages.findIndex((s) => s.name === this.req.target!.toLowerCase());
    const stages = p.stages.slice(0, last + 1);
    this.legacyTotal = p.metaArgs.length + stages.reduce((n, s) => n + 1 + s.commands.length, 0) + this.extraLabels.length;
    for (const a of p.metaArgs) {
      this.msg(L.step(++this.legacyStep, this.legacyTotal, a.code));
      this.initMetaArgs([a], true);
    }
    const stageIndexByName = new Map<string, number>();
    p.stages.forEach((s, i) => s.name && stageIndexByName.set(s.name, i));
    // moby MakeImageCache: --cache-from images that cannot be found are skipped (a daemon log warning only)
    if (this.req.cacheFrom?.length) {
      this.cacheSources = [];
      for (const ref of this.req.cacheFrom) {
        let img: ImageRecord | undefined;
        try { img = findImage(this.state, ref); } catch { img = undefined; }
        if (img) this.cacheSources.push(img);
      }
    }
    for (let i = 0; i <= last; i++) {
      const s = p.stages[i];
      this.cacheBusted = false;
      this.msg(L.step(++this.legacyStep, this.legacyTotal, s.sourceCode));
      const baseName = this.expandMeta(s.baseName, s);
      const st = await this.fromStage(s, baseName, new Map(), false);
      this.stages[i] = st;
      // moby prints the stage's image after FROM (and its ONBUILD triggers): ` ---> ` alone for scratch
      this.msg(L.image(st.imageId));
      await this.runCommands(st, s.commands);
      if (i === last) {
        for (const [k, v] of this.extraLabels) {
          this.msg(L.step(++this.legacyStep, this.legacyTotal, `LABEL ${k}=${v}`));
          await this.legacyDispatch(() => this.metadata(st, { line: s.range.endLine, code: `LABEL ${k}=${v}`, legacy: `LABEL ${k}=${v}`, buildkit: '' }, (c) => {
            c.Labels = { ...(c.Labels ?? {}), [k]: v };
          }));
          this.msg(L.image(st.imageId));
        }
      }
      // moby emitImageID: each stage's image ID as an aux message when the stage ends
      if (st.imageId) this.send(L.aux(st.imageId));
      st.done = true;
    }
    const final = this.stages[last];
    // unused build args
    const unused = Object.keys(this.buildArgs).filter((k) => !this.usedBuildArgs.has(k) && !PROXY_ARGS.includes(k) && !this.metaArgs.has(k)).sort();
    if (unused.length) this.msg({ stream: `[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n` });
    const id = final.imageId;
    if (!id) throw new Error('No image was generated. Is your Dockerfile empty?');
    this.msg(L.built(id));
    for (const tag of this.req.tags ?? []) {
      const ref = tagNameOnly(parseNormalizedNamed(tag));
      tagImage(this.state, id, ref);
      this.result.tagged.push(familiarString(ref));
      this.msg(L.tagged(familiarString(ref)));
    }
    if (this.req.quiet) this.send({ stream: id + '\n' });
    this.result.imageId = id;
  }

  // ---------- args and expansion ----------

  private initMetaArgs(args: ArgCommand[], legacy = false): void {
    void legacy;
    for (const a of args) {
      for (const kv of a.args) {
        let v: string | undefined = kv.value !== undefined ? this.lex().processWord(kv.value, this.metaEnv()) : undefined;
        if (Object.prototype.hasOwnProperty.call(this.buildArgs, kv.key) && this.buildArgs[kv.key] !== null) {
          v = this.buildArgs[kv.key] as string;
          this.usedBuildArgs.add(kv.key);
        }
        this.metaArgs.set(kv.key, v);
      }
    }
  }
  private metaEnv(): Map<string, string> {
    const m = new Map<string, string>();
    if (!this.legacy) for (const [k, v] of BUILDKIT_PLATFORM_ARGS) m.set(k, v);
    for (const [k, v] of this.metaArgs) if (v !== undefined) m.set(k, v);
    return m;
  }
  private lex(): ShellLex { return new ShellLex({ escapeToken: this.escapeToken() }); }
  private expandMeta(word: string, s: Stage): string {
    try {
      return this.lex().processWord(word, this.metaEnv());
    } catch (e) {
      if (e instanceof ShellLexError) throw new StepError(e.message, e.message, { line: { start: s.range.startLine, end: s.range.endLine } });
      throw e;
    }
  }
  private normalize(name: string, s: Stage): Reference {
    try {
      return tagNameOnly(parseNormalizedNamed(name));
    } catch {
      const m = `failed to parse stage name "${name}": invalid reference format`;
      throw new StepError(m, m, { line: { start: s.range.startLine, end: s.range.endLine } });
    }
  }

  /** Environment for word expansion: the stage's ENV, then declared args not shadowed by ENV. */
  private expandEnv(st: StageState): Map<string, string> {
    const m = envMap(st.config.Env);
    for (const [k, v] of st.args) if (v !== undefined && !m.has(k)) m.set(k, v);
    return m;
  }
  private expand(st: StageState, word: string, line: { start: number; end: number }): string {
    try {
      return this.lex().processWord(word, this.expandEnv(st));
    } catch (e) {
      if (e instanceof ShellLexError) throw new StepError(e.message, e.message, { line });
      throw e;
    }
  }
  /** Build args passed to RUN: declared args with values (proxy args too when given), sorted. */
  private runArgs(st: StageState): [string, string][] {
    const out: [string, string][] = [];
    for (const [k, v] of st.args) if (v !== undefined) out.push([k, v]);
    for (const k of PROXY_ARGS) {
      const v = this.buildArgs[k];
      if (typeof v === 'string' && !st.args.has(k)) out.push([k, v]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  // ---------- FROM ----------

  private async fromStage(s: Stage, baseName: string, images: Map<string, ImageRecord>, multi: boolean): Promise<StageState> {
    const prevIx = this.parsed!.stages.findIndex((x) => x.name && x.name === baseName.toLowerCase());
    const st: StageState = {
      stage: s, displayName: multi ? s.name || `stage-${s.index}` : '', config: workConfigFrom(undefined), history: [], diffIds: [], chain: '',
      imageId: '', cacheKey: '', args: new Map(), argOrder: [], cmdSet: false, author: '', stepIndex: 0, stepTotal: 0, done: false, missed: false,
    };
    const fromStage = prevIx >= 0 && prevIx < s.index;
    st.stepTotal = (baseName === 'scratch' || fromStage ? 0 : 1) + s.commands.filter((c) => c.kind === 'RUN' || c.kind === 'COPY' || c.kind === 'ADD' || c.kind === 'WORKDIR').length;
    let vname = '';
    let base: ImageRecord | undefined;
    if (prevIx >= 0 && prevIx < s.index && this.stages[prevIx]) {
      const prev = this.stages[prevIx];
      st.config = cloneWork(prev.config);
      st.history = [...prev.history];
      st.diffIds = [...prev.diffIds];
      st.chain = prev.chain;
      st.imageId = prev.imageId;
      st.cacheKey = prev.cacheKey;
      st.author = prev.author;
      st.config.OnBuild = null;
      vname = `FROM ${prev.displayName || prev.stage.name}`;
    } else if (baseName === 'scratch') {
      st.cacheKey = sha256Hex('scratch');
      vname = 'FROM scratch';
    } else {
      const ref = this.normalize(baseName, s);
      base = images.get(referenceString(ref));
      if (!base) {
        // legacy: local image unless --pull; else pull with messages
        base = this.req.pull ? undefined : findImage(this.state, referenceString(ref));
        if (!base) {
          try {
            base = await this.pull(referenceString(ref), (m) => this.msg(m));
          } catch (e) {
            const m = e instanceof Error ? e.message : String(e);
            throw new StepError(m, m);
          }
        }
      }
      st.config = workConfigFrom(base.config.config);
      st.history = (base.config.history ?? []).map((h) => ({ ...h }));
      st.diffIds = [...base.config.rootfs.diff_ids];
      st.chain = base.topChain;
      st.imageId = base.id;
      st.author = '';
      st.cacheKey = sha256Hex('image:' + base.id);
      const digestRef = this.state.refs.references(base.id).find((r) => r.digest && fullName(r) === fullName(ref));
      vname = `FROM ${referenceString(ref)}${digestRef && !ref.digest ? '@' + digestRef.digest : ''}`;
    }
    if (!st.config.Env.some((e) => e.startsWith('PATH='))) st.config.Env.unshift(`PATH=${DEFAULT_PATH}`);
    if (!this.legacy && base && this.shownBases.has(base.id)) this.prefix(st, vname);
    else if (!this.legacy && base) {
      this.shownBases.add(base.id);
      const id = this.vertexId();
      const name = this.prefix(st, vname);
      const t0 = this.now();
      this.ev({ type: 'vertex', id, name, started: t0 });
      if (base && this.pulledNow.has(base.id)) {
        const resolved = vname.slice(5);
        this.ev({ type: 'status', vertex: id, id: `resolve ${resolved}`, timestamp: this.now(), started: t0, completed: this.now() });
        const ref = this.normalize(baseName, s);
        const cat = ref.digest ? this.state.catalog.imageByDigest(ref.path, ref.digest) : this.state.catalog.image(ref.path, ref.tag ?? 'latest');
        for (const l of cat?.layers ?? []) {
          const t1 = this.now();
          this.ev({ type: 'status', vertex: id, id: l.blobDigest, current: l.compressedSize, total: l.compressedSize, timestamp: this.now(), started: t1, completed: this.now() });
        }
        for (const l of cat?.layers ?? []) {
          const t1 = this.now();
          this.ev({ type: 'status', vertex: id, id: `extracting ${l.blobDigest}`, timestamp: this.now(), started: t1, completed: this.now() });
        }
        this.ev({ type: 'vertex', id, name, started: t0, completed: this.now() });
      } else {
        const seen = this.cache.seenBase(st.cacheKey);
        this.ev({ type: 'vertex', id, name, started: t0, completed: this.now(), cached: seen });
      }
      this.cache.markBase(st.cacheKey);
    }
    // ONBUILD triggers of the base image
    const triggers = prevIx >= 0 ? [] : st.config.OnBuild ?? [];
    if (triggers.length) {
      st.config.OnBuild = null;
      if (this.legacy) this.msg({ stream: `# Executing ${triggers.length} build trigger${triggers.length > 1 ? 's' : ''}\n` });
      const cmds: Command[] = [];
      for (const t of triggers) {
        const ast = parseAst(t + '\n');
        for (const n of ast.ast.children) {
          n.startLine = s.range.startLine;
          n.endLine = s.range.endLine;
          const ins = parseInstruction(n) as Instruction;
          if (ins.kind === 'FROM' || ins.kind === 'ONBUILD' || ins.kind === 'MAINTAINER') {
            throw new StepError(`${ins.kind} isn't allowed as an ONBUILD trigger`, `${ins.kind} isn't allowed as an ONBUILD trigger`);
          }
          cmds.push(ins);
        }
      }
      st.stepTotal += cmds.length;
      st.onbuild = true;
      await this.runCommands(st, cmds, true);
      st.onbuild = false;
    }
    return st;
  }

  private async pull(ref: string, onMessage: (m: JSONMessage) => void): Promise<ImageRecord> {
    if (this.host.pull) return this.host.pull(ref, onMessage);
    for await (const m of imagePull(this.state, { fromImage: ref })) onMessage(m);
    const img = findImage(this.state, ref);
    if (!img) throw new Error(`pull of ${ref} stored no image`);
    return img;
  }

  private prefix(st: StageState, name: string): string {
    const total = st.stepTotal;
    st.stepIndex++;
    const width = Math.floor(1 + Math.log10(total));
    if (total === 0) return name;
    return `[${st.displayName ? st.displayName + ' ' : ''}${String(st.stepIndex).padStart(width)}/${total}] ${st.onbuild ? 'ONBUILD ' : ''}${name}`;
  }

  // ---------- dispatch ----------

  private async runCommands(st: StageState, cmds: readonly Command[], trigger = false): Promise<void> {
    for (const c of cmds) {
      if (!this.legacy) {
        await this.dispatch(st, c);
        continue;
      }
      if (!trigger) this.msg(L.step(++this.legacyStep, this.legacyTotal, c.code));
      await this.legacyDispatch(() => this.dispatch(st, c));
      // moby's dispatch loop prints the step's image; ONBUILD triggers run inside FROM, which prints it once after them
      if (!trigger) this.msg(L.image(st.imageId));
    }
  }

  /** moby's dispatch() with its deferred RemoveAll: --force-rm removes the step containers always, --rm after a success. */
  private async legacyDispatch(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (e) {
      for (const id of (await this.steps?.afterStep(true)) ?? []) this.msg(L.removed(id));
      throw e;
    }
    for (const id of (await this.steps?.afterStep(false)) ?? []) this.msg(L.removed(id));
  }

  private lineOf(c: Command): { start: number; end: number } {
    return { start: c.range.startLine, end: c.range.endLine };
  }

  private async dispatch(st: StageState, c: Command): Promise<void> {
    const line = this.lineOf(c);
    const x = (w: string) => this.expand(st, w, line);
    switch (c.kind) {
      case 'ENV': {
        const kvs = c.env.map((kv) => [x(kv.key), x(kv.value)] as const);
        const s = 'ENV ' + kvs.map(([k, v]) => `${k}=${v}`).join(' ');
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => {
          for (const [k, v] of kvs) setEnv(cfg.Env, k, v);
        });
      }
      case 'LABEL': {
        const kvs = c.labels.map((kv) => [x(kv.key), x(kv.value)] as const);
        const s = 'LABEL ' + kvs.map(([k, v]) => `${k}=${v}`).join(' ');
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => {
          cfg.Labels = { ...(cfg.Labels ?? {}) };
          for (const [k, v] of kvs) cfg.Labels[k] = v;
        });
      }
      case 'MAINTAINER': {
        const s = `MAINTAINER ${c.maintainer}`;
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, () => { st.author = c.maintainer; });
      }
      case 'CMD': case 'ENTRYPOINT': {
        const shell = st.config.Shell && st.config.Shell.length ? st.config.Shell : DEFAULT_SHELL;
        const args = c.prependShell ? [...shell, c.cmdLine.join(' ')] : [...c.cmdLine];
        const s = `${c.kind} ${goQList(args)}`;
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => {
          if (c.kind === 'CMD') {
            cfg.Cmd = args;
            st.cmdSet = true;
          } else {
            cfg.Entrypoint = args;
            if (!st.cmdSet) cfg.Cmd = null;
          }
          if (!this.legacy) cfg.ArgsEscaped = true;
        });
      }
      case 'EXPOSE': {
        // moby's classic builder records the words as written (after expansion): `EXPOSE 80` (dispatchers.go).
        const words = c.ports.flatMap((p) => x(p).split(/\s+/)).filter(Boolean);
        const ports = words.map((p) => (p.includes('/') ? p.toLowerCase() : p + '/tcp'));
        const ps: Record<string, Record<string, never>> = {};
        for (const p of [...ports].sort()) ps[p] = {};
        const bk = `EXPOSE map[${Object.keys(ps).map((p) => p + ':{}').join(' ')}]`;
        return this.metadata(st, { line: line.start, code: c.code, legacy: `EXPOSE ${words.join(' ')}`, buildkit: bk }, (cfg) => {
          cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}), ...ps };
        });
      }
      case 'USER': {
        const u = x(c.user);
        return this.metadata(st, { line: line.start, code: c.code, legacy: `USER ${u}`, buildkit: `USER ${u}` }, (cfg) => { cfg.User = u; });
      }
      case 'VOLUME': {
        const vols = c.volumes.map(x);
        for (const v of vols) if (v.trim() === '') throw new StepError('VOLUME specified can not be an empty string', 'VOLUME specified can not be an empty string', { line });
        const s = `VOLUME ${goVList(vols)}`;
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => {
          cfg.Volumes = { ...(cfg.Volumes ?? {}) };
          for (const v of vols) cfg.Volumes[v] = {};
        });
      }
      case 'STOPSIGNAL': {
        const sig = x(c.signal);
        // moby/sys/signal.ParseSignal (both builders): `invalid signal: foo`; the value is kept as written
        if (!isValidSignal(sig)) throw new StepError(`invalid signal: ${sig}`, `invalid signal: ${sig}`, { line });
        return this.metadata(st, { line: line.start, code: c.code, legacy: `STOPSIGNAL ${sig}`, buildkit: `STOPSIGNAL ${sig}` }, (cfg) => { cfg.StopSignal = sig; });
      }
      case 'HEALTHCHECK': {
        const s = healthString(c.health);
        // moby dispatchHealthcheck: replacing a check (the base image's too) is noted on the classic builder's output
        const old = st.config.Healthcheck?.Test;
        if (this.legacy && old && old.length > 0 && old[0] !== 'NONE') this.msg({ stream: `Note: overriding previous HEALTHCHECK: [${old.join(' ')}]\n` });
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: healthStringPlus(c.health) }, (cfg) => {
          cfg.Healthcheck = healthJSON(c.health); // a new HEALTHCHECK replaces the whole config
        });
      }
      case 'SHELL': {
        const s = `SHELL ${goVList(c.shell)}`;
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => { cfg.Shell = [...c.shell]; });
      }
      case 'ONBUILD': {
        const expr = c.expression;
        const s = `ONBUILD ${expr}`;
        if (!this.legacy) {
          st.config.OnBuild = [...(st.config.OnBuild ?? []), expr];
          st.cacheKey = sha256Hex(st.cacheKey + '\nonbuild:' + expr);
          return;
        }
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, (cfg) => { cfg.OnBuild = [...(cfg.OnBuild ?? []), expr]; });
      }
      case 'ARG': {
        const parts: string[] = [];
        for (const kv of c.args) {
          let v: string | undefined;
          const given = Object.prototype.hasOwnProperty.call(this.buildArgs, kv.key) && this.buildArgs[kv.key] !== null;
          if (kv.value !== undefined) v = x(kv.value);
          else if (this.metaArgs.has(kv.key)) v = this.metaArgs.get(kv.key);
          else if (!this.legacy && BUILDKIT_PLATFORM_ARGS.some(([k]) => k === kv.key)) v = BUILDKIT_PLATFORM_ARGS.find(([k]) => k === kv.key)![1];
          if (given) {
            v = this.buildArgs[kv.key] as string;
            this.usedBuildArgs.add(kv.key);
          }
          st.args.set(kv.key, v);
          st.argOrder.push(kv.key);
          if (this.legacy) parts.push(kv.value !== undefined ? `${kv.key}=${x(kv.value)}` : kv.key);
          else parts.push(v !== undefined ? `${kv.key}=${v}` : kv.key);
        }
        const s = 'ARG ' + parts.join(' ');
        return this.metadata(st, { line: line.start, code: c.code, legacy: s, buildkit: s }, () => {});
      }
      case 'WORKDIR': return this.workdir(st, c.code, x(c.path), line);
      case 'RUN': return this.runStep(st, c, line);
      case 'COPY': case 'ADD': return this.copyStep(st, c, line);
    }
  }

  /** A step that only changes the config: BuildKit records history; legacy commits an image (cache probed). */
  private async metadata(
    st: StageState, h: { line: number; code: string; legacy: string; buildkit: string }, apply: (c: WorkConfig) => void,
  ): Promise<void> {
    const before = cloneWork(st.config);
    apply(st.config);
    if (!this.legacy) {
      st.history.push({ created_by: h.buildkit, comment: HISTORY_COMMENT, empty_layer: true });
      st.cacheKey = sha256Hex(st.cacheKey + '\nmeta:' + h.buildkit);
      return;
    }
    void before;
    await this.legacyCommit(st, { comment: `#(nop) `, text: h.legacy, line: h.line, code: h.code, layer: null, container: true });
  }

  // ---------- WORKDIR ----------

  private async workdir(st: StageState, code: string, path: string, line: { start: number; end: number }): Promise<void> {
    let wd = path;
    if (!wd.startsWith('/')) wd = (st.config.WorkingDir || '/') + '/' + wd;
    wd = normPath(wd);
    st.config.WorkingDir = wd;
    if (!this.legacy && wd === '/') {
      st.history.push({ created_by: 'WORKDIR /', comment: HISTORY_COMMENT, empty_layer: true });
      st.cacheKey = sha256Hex(st.cacheKey + '\nworkdir:/');
      return;
    }
    if (!this.legacy) {
      const name = this.prefix(st, this.displayLex(code, st));
      await this.layerStep(st, { name, key: `workdir:${wd}:${st.config.User}`, line, code, history: { created_by: `WORKDIR ${wd}`, suffix: false } }, async (fs) => {
        this.mkdirs(fs, wd, this.resolveOwner(fs, st.config.User));
      });
      return;
    }
    // moby ContainerCreateWorkdir: the directory is made in the step's container, then committed
    const layer = (fs: UnionFs) => {
      this.mkdirs(fs, wd, { uid: 0, gid: 0 });
      const d = fs.diff();
      return d.entries.size ? d : null;
    };
    await this.legacyCommit(st, { comment: '#(nop) WORKDIR ', text: wd, line: line.start, code, layer, container: true, single: true });
  }

  private mkdirs(fs: UnionFs, p: string, owner: { uid: number; gid: number }): void {
    const parts = normPath(p).split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += '/' + part;
      const e = fs.get(cur);
      if (e && e.type === 'dir') continue;
      if (e && e.type === 'symlink') {
        try { if (fs.entry(cur)?.type === 'dir') continue; } catch { /* dangling */ }
      }
      fs.putEntry(cur, dirEntry(0o755, owner.uid, owner.gid, Math.floor(this.now() / 1000)));
    }
  }

  // ---------- RUN ----------

  private shellArgv(st: StageState, c: RunCommand): string[] {
    const shell = st.config.Shell && st.config.Shell.length ? st.config.Shell : DEFAULT_SHELL;
    let args = c.cmdLine;
    if (c.files.length > 0 && c.prependShell) {
      // heredocs: a single one runs as the script (BuildKit mounts a shebang script; we hand it to the shell),
      // several are reconstituted for the shell to handle
      if (c.files.length === 1 && /^<<-?/.test(c.cmdLine[0]?.trim() ?? '') && c.cmdLine[0].trim().split(/\s+/).length === 1) {
        const f = c.files[0];
        args = [f.chomp ? f.data.replace(/^\t+/gm, '') : f.data];
      } else {
        let b = c.cmdLine[0] ?? '';
        for (const f of c.files) b += '\n' + f.data + f.name;
        args = [b];
      }
    }
    return c.prependShell ? [...shell, args.join(' ')] : [...args];
  }

  private async runStep(st: StageState, c: RunCommand, line: { start: number; end: number }): Promise<void> {
    const argv = this.shellArgv(st, c);
    const args = this.runArgs(st);
    let argPrefix: string;
    if (this.legacy) {
      const envKeys = envMap(st.config.Env);
      const allowed = args.filter(([k]) => !envKeys.has(k));
      argPrefix = allowed.length ? `|${allowed.length} ${allowed.map(([k, v]) => `${k}=${v}`).join(' ')} ` : '';
    } else {
      const ex = this.expandEnv(st);
      const seen: string[] = [];
      for (const k of st.argOrder) if (!seen.includes(k)) seen.push(k);
      argPrefix = seen.length ? `|${seen.length} ${seen.map((k) => `${k}=${ex.get(k) ?? st.args.get(k) ?? ''}`).join(' ')} ` : '';
    }
    const env = [...st.config.Env];
    for (const [k, v] of args) if (!env.some((e) => e.startsWith(k + '='))) env.push(`${k}=${v}`);
    // BuildKit withSecretEnvMask: a secret exposed as an env var shows as **** in the step's name
    const masks = new Map<string, string>();
    for (const spec of c.mountSpecs) {
      try {
        const m = parseMount(spec, (w) => w);
        if (m.type === 'secret' && m.env) masks.set(m.env, '****');
      } catch { /* reported when the step runs */ }
    }
    let display = this.displayLex(c.code.split('\n')[0], st, masks);
    if (c.files.length) {
      const lines = c.files[0].data.trim().replace(/\r\n/g, '\n').split('\n');
      display += ` (${lines[0]}${lines.length > 1 ? '...' : ''})`;
    }
    const procDesc = argv.join(' ');
    const exec = async (fs: UnionFs, out: (s: 1 | 2, d: string) => void, hostname = 'buildkitsandbox', runEnv = env, readOnly?: string[]): Promise<void> => {
      const run = this.host.run ?? shellRun;
      const outcome = await run({
        fs, argv, env: runEnv, cwd: st.config.WorkingDir || '/', user: st.config.User, ...(readOnly?.length ? { readOnly } : {}),
        stdout: (d) => out(1, d), stderr: (d) => out(2, d),
        randomHex: (n) => this.state.random.hex(n), now: () => Math.floor(this.now() / 1000), hostname,
      });
      const code = typeof outcome === 'number' ? outcome : outcome.exitCode;
      const startError = typeof outcome === 'number' ? undefined : outcome.startError;
      if (startError) {
        throw new StepError(
          `process "${procDesc}" did not complete successfully: runc run failed: unable to start container process: error during container init: ${startError}: unknown`,
          `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${startError}: unknown`,
          { code: 0, line, exit: code, startError: `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${startError}: unknown` },
        );
      }
      if (code !== 0) {
        throw new StepError(
          `process "${procDesc}" did not complete successfully: exit code: ${code}`,
          `The command '${procDesc}' returned a non-zero code: ${code}`,
          { code, line },
        );
      }
    };
    if (!this.legacy) {
      const rm = await this.runMounts(st, c, line);
      const name = this.prefix(st, display);
      const key = `run:${JSON.stringify([argv, env, st.config.WorkingDir, st.config.User, c.mountSpecs, c.network, c.security, rm.keys])}`;
      const runEnv = [...env];
      for (const kv of rm.env) if (!runEnv.some((e) => e.startsWith(kv.slice(0, kv.indexOf('=') + 1)))) runEnv.push(kv);
      await this.layerStep(st, { name, key, line, code: c.code, history: { created_by: `RUN ${argPrefix}${argv.join(' ')}`, suffix: true }, description: `mount / from exec ${argv.join(' ')}` }, async (fs, out) => {
        if (!rm.mounts.length && !rm.check) return exec(fs, out, 'buildkitsandbox', runEnv);
        rm.check?.();
        const applied = applyMounts(fs, rm.mounts);
        await exec(fs, out, 'buildkitsandbox', runEnv, applied.points.filter((_, i) => rm.mounts[i].readOnly));
        rm.mounts.forEach((m, i) => {
          if (m.cacheId === undefined) return;
          this.cache.setMountContent(m.cacheId, subtree(fs, applied.points[i]) ?? new Map(), {
            description: `cached mount ${m.target} from exec ${argv.join(' ')}`, nowMs: this.now(),
            recordId: () => this.state.random.hex(25).replace(/[a-f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 10)),
          });
        });
        return layerWithoutMounts(fs.diff(), fs.base.entries, applied);
      });
      return;
    }
    if (c.flagsUsed.length) {
      const m = `the --${c.flagsUsed[0]} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`;
      throw new StepError(m, m);
    }
    await this.legacyRun(st, { argv, argPrefix, env, line: line.start, code: c.code, exec });
  }

  /**
   * The mounts of a RUN (BuildKit dispatchRunMounts): their content, what they add to the cache key (bound content,
   * not secrets), extra env (SSH_AUTH_SOCK) and a check run when the step executes (missing secrets / ssh agents).
   */
  private async runMounts(st: StageState, c: RunCommand, line: { start: number; end: number }): Promise<{
    mounts: (ActiveMount & { cacheId?: string })[]; keys: string[]; env: string[]; check?: () => void;
  }> {
    const out: (ActiveMount & { cacheId?: string })[] = [];
    const keys: string[] = [];
    const env: string[] = [];
    const problems: string[] = [];
    if (!c.mountSpecs.length) return { mounts: out, keys, env };
    let parsed;
    try {
      parsed = parseRunMounts(c, (w) => this.expand(st, w, line));
    } catch (e) {
      if (e instanceof MountParseError) throw new StepError(e.message, e.message, { line });
      throw e;
    }
    const wd = st.config.WorkingDir || '/';
    let sshIndex = 0;
    for (const m of parsed) {
      const resolveTarget = (t: string) => normPath(t.startsWith('/') ? t : '/' + wd + '/' + t);
      if (m.type === 'secret') {
        const id = m.source || m.cacheId || baseName(normPath('/' + m.target));
        const data = this.req.secrets?.[id];
        if (m.env && !m.target) {
          if (data) env.push(`${m.env}=${utf8Decode(data)}`);
          else if (m.required) problems.push(`secret ${id}: not found`);
          continue;
        }
        if (m.env && data) env.push(`${m.env}=${utf8Decode(data)}`);
        const target = m.target ? resolveTarget(m.target) : '/run/secrets/' + baseName('/' + id);
        if (!data) {
          if (m.required) problems.push(`secret ${id}: not found`);
          continue;
        }
        const mode = m.mode ?? 0o400;
        out.push({ target, content: new Map([['', secretFile(data, mode & 0o777, m.uid ?? 0, m.gid ?? 0)]]), readOnly: true });
        continue;
      }
      if (m.type === 'ssh') {
        if (m.source) throw new StepError('ssh does not support source', 'ssh does not support source', { line });
        const id = m.cacheId || 'default';
        const target = m.target ? resolveTarget(m.target) : `/run/buildkit/ssh_agent.${sshIndex}`;
        if (sshIndex === 0 && !st.config.Env.some((e) => e.startsWith('SSH_AUTH_SOCK='))) env.push(`SSH_AUTH_SOCK=${target}`);
        sshIndex++;
        if (!(this.req.ssh ?? []).includes(id)) {
          if (m.required) problems.push(`no SSH key "${id}" forwarded from the client`);
          continue;
        }
        out.push({ target, content: new Map([['', secretFile(new Uint8Array(), (m.mode ?? 0o600) & 0o777, m.uid ?? 0, m.gid ?? 0)]]), readOnly: true });
        continue;
      }
      const target = resolveTarget(m.target);
      if (target === '/') throw new StepError(`invalid mount target "/"`, `invalid mount target "/"`, { line });
      if (m.type === 'tmpfs') {
        out.push({ target, content: new Map(), readOnly: m.readOnly });
        continue;
      }
      if (m.type === 'cache') {
        const id = m.cacheId || m.target;
        const saved = this.cache.mountContent(id);
        let content: MountContent = saved ? new Map(saved) : new Map([['', dirEntry(m.mode ?? 0o755, m.uid ?? 0, m.gid ?? 0, 0)]]);
        if (!saved && m.from) {
          // a new cache starts from `source` of the stage or image named by `from`
          const seed = subtree((await this.mountSource(st, m.from, line)).fs, normPath('/' + m.source));
          if (seed) content = seed;
        }
        out.push({ target, content, readOnly: m.readOnly, cacheId: id });
        continue;
      }
      // bind: the context, a stage or an image
      const src = normPath('/' + m.source);
      let content: MountContent | undefined;
      if (!m.from) {
        content = contextSubtree(this.ctx, src);
        if (content) keys.push(`bind:${target}:${checksumEntries([...content].filter(([, e]) => e.type === 'file').map(([p, e]) => ({ path: p, file: { data: e.type === 'file' && e.data instanceof Uint8Array ? e.data : new Uint8Array(), mode: e.mode } }))).sum}`);
      } else {
        const { fs: sfs, label } = await this.mountSource(st, m.from, line);
        content = subtree(sfs, src);
        keys.push(`bind:${target}:${label}:${src}`);
      }
      if (!content) {
        const ref = `${this.uuid()}::${this.state.random.hex(25).replace(/[a-f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 10))}`;
        const msg = `failed to calculate checksum of ref ${ref}: "${src}": not found`;
        throw new StepError(msg, msg, { solve: `failed to compute cache key: ${msg}`, line });
      }
      out.push({ target, content, readOnly: m.readOnly });
    }
    const check = problems.length ? () => { throw new StepError(problems[0], problems[0], { line }); } : undefined;
    return { mounts: out, keys, env, check };
  }

  /** The file system of `--mount from=`: an earlier stage, or an image (pulled when missing). */
  private async mountSource(st: StageState, from: string, line: { start: number; end: number }): Promise<{ fs: UnionFs; label: string }> {
    const stIx = this.parsed!.stages.findIndex((s) => s.name === from.toLowerCase());
    const ix = stIx >= 0 ? stIx : /^\d+$/.test(from) ? Number(from) : -1;
    if (ix >= 0 && ix < st.stage.index && this.stages[ix]) {
      return { fs: new UnionFs(this.state.layers.view(this.stages[ix].chain)), label: `stage:${this.stages[ix].cacheKey}` };
    }
    const ref = (() => { try { return tagNameOnly(parseNormalizedNamed(from)); } catch { return undefined; } })();
    let img = ref && !this.req.pull ? findImage(this.state, referenceString(ref)) : undefined;
    if (!img) {
      try {
        img = await this.pull(ref ? referenceString(ref) : from, () => {});
      } catch {
        const bk = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
        throw new StepError(bk, bk, { solve: `${from}: failed to resolve source metadata for ${ref ? referenceString(ref) : from}: ${bk}`, line });
      }
    }
    return { fs: new UnionFs(this.state.layers.view(img.topChain)), label: `image:${img.id}` };
  }

  /** BuildKit shows steps with variables expanded where it can (unset ones kept as written). */
  private displayLex(code: string, st: StageState, masks?: ReadonlyMap<string, string>): string {
    try {
      const l = new ShellLex({ escapeToken: this.escapeToken(), rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
      const env = this.expandEnv(st);
      for (const [k, v] of masks ?? []) env.set(k, v);
      return upperFirst(l.processWord(code, env));
    } catch {
      return upperFirst(code);
    }
  }

  // ---------- COPY / ADD ----------

  private async copyStep(st: StageState, c: CopyCommand | AddCommand, line: { start: number; end: number }): Promise<void> {
    const x = (w: string) => this.expand(st, w, line);
    const isAdd = c.kind === 'ADD';
    const from = c.kind === 'COPY' && c.from ? x(c.from) : '';
    const srcs = c.sourcePaths.map(x);
    let dest = x(c.destPath);
    const chown = c.chown ? x(c.chown) : '';
    const chmod = c.chmod ? x(c.chmod) : '';
    if (srcs.length > 1 && !dest.endsWith('/')) {
      const m = `When using ${c.kind} with more than one source file, the destination must be a directory and end with a /`;
      throw new StepError(m, m, { line });
    }
    if (this.legacy && chmod) {
      const m = 'the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled';
      throw new StepError(m, m);
    }
    const checksum = c.kind === 'ADD' && !this.legacy ? c.checksum : '';
    const fail = (m: string) => new StepError(m, m, { line });
    if (checksum) {
      if (srcs.length !== 1) throw fail("checksum can't be specified for multiple sources");
      if (!isHttpSource(srcs[0]) && !isGitSource(srcs[0])) throw fail('checksum requires HTTP(S) or Git sources');
      const bad = digestFormatError(checksum);
      if (bad) throw fail(bad);
    }
    if (!this.legacy && c.kind === 'COPY') {
      for (const src of srcs) {
        if (isGitSource(src)) throw fail("source can't be a git ref for COPY");
        if (isHttpSource(src)) throw fail("source can't be a URL for COPY");
      }
    }
    const parents = !this.legacy && c.kind === 'COPY' && c.parents;
    const excludes = this.legacy ? [] : c.excludePatterns.map(x);
    const link = !this.legacy && c.link && !chmod;
    const destDir = dest.endsWith('/') || dest.endsWith('/.') || dest === '.';
    if (!dest.startsWith('/')) dest = (st.config.WorkingDir || '/') + '/' + dest;
    dest = normPath(dest);

    // the source: a stage, an image, or the context
    type Src = { kind: 'ctx' } | { kind: 'fs'; fs: UnionFs; label: string };
    let source: Src = { kind: 'ctx' };
    if (from) {
      const stIx = this.parsed!.stages.findIndex((s) => s.name === from.toLowerCase());
      const ix = stIx >= 0 ? stIx : /^\d+$/.test(from) ? Number(from) : -1;
      if (ix >= 0 && ix < st.stage.index && this.stages[ix]) {
        source = { kind: 'fs', fs: new UnionFs(this.state.layers.view(this.stages[ix].chain)), label: `stage:${this.stages[ix].cacheKey}` };
      } else if (ix >= 0 && stIx < 0 && /^\d+$/.test(from)) {
        const m = `invalid from flag value ${from}: refers to current build stage`;
        throw new StepError(m, m, { line });
      } else {
        const ref = (() => { try { return tagNameOnly(parseNormalizedNamed(from)); } catch { return undefined; } })();
        let img = ref && !this.req.pull ? findImage(this.state, referenceString(ref)) : undefined;
        if (!img) {
          try {
            img = await this.pull(ref ? referenceString(ref) : from, () => {});
          } catch (e) {
            const m = e instanceof Error ? e.message : String(e);
            const bk = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
            throw new StepError(bk, `invalid from flag value ${from}: ${m}`, {
              solve: `${from}: failed to resolve source metadata for ${ref ? referenceString(ref) : from}: ${bk}`, line,
            });
          }
        }
        source = { kind: 'fs', fs: new UnionFs(this.state.layers.view(img.topChain)), label: `image:${img.id}` };
      }
    }

    const collectName = !this.legacy ? this.copyDisplayName(st, c) : '';
    const failVertex = (e: StepError): StepError => {
      if (this.legacy) return e;
      const id = this.vertexId();
      const t0 = this.now();
      this.ev({ type: 'vertex', id, name: collectName, started: t0 });
      this.ev({ type: 'vertex', id, name: collectName, started: t0, completed: this.now(), error: e.message });
      return e;
    };
    // collect sources
    /** destRel: where the item goes under dest (COPY --parents); git: a repository's files (copied as a directory) */
    type Item = { rel: string; isDir: boolean; files: ContextEntry[]; url?: string; destRel?: string };
    const items: Item[] = [];
    const notFound = (s: string): StepError => {
      const ref = `${this.uuid()}::${this.state.random.hex(25).replace(/[a-f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 10))}`;
      const clean = '/' + cleanRel(s);
      return new StepError(
        `failed to calculate checksum of ref ${ref}: "${clean}": not found`,
        hasWildcard(s) ? `${c.kind} failed: no source files were specified` : `${c.kind} failed: file not found in build context or excluded by .dockerignore: stat ${cleanRel(s)}: file does not exist`,
        { solve: `failed to compute cache key: failed to calculate checksum of ref ${ref}: "${clean}": not found`, line },
      );
    };
    for (const sc of c.sourceContents) {
      const data = sc.expand ? x(sc.data) : sc.data;
      items.push({ rel: sc.path, isDir: false, files: [{ path: sc.path, file: { data: utf8(data), mode: 0o644 } }] });
    }
    if (source.kind === 'ctx') {
      for (const s of srcs) {
        if (isAdd && isGitSource(s) && !this.legacy) {
          const repo = gitRepository(s);
          if (!repo) {
            const m = `failed to fetch remote ${gitRemote(s)}: git stderr:\nfatal: could not read Username for '${gitHost(s)}': terminal prompts disabled\n: exit status 128`;
            throw failVertex(new StepError(m, m, { solve: `failed to load cache key: ${m}`, line }));
          }
          const files = [...repo.files].map(([path, f]) => ({ path, file: { data: utf8(f.data), mode: f.mode } }));
          if (c.kind === 'ADD' && c.keepGitDir) files.push({ path: '.git/HEAD', file: { data: utf8(`ref: refs/heads/${repo.branch}\n`), mode: 0o644 } });
          items.push({ rel: '', isDir: true, files, url: s });
          continue;
        }
        if (isAdd && /^https?:\/\//.test(s)) {
          const data = utf8(`simulated download of ${s}\n`);
          if (checksum) {
            const actual = digestOf(data);
            if (actual !== checksum) {
              const m = `digest mismatch ${actual}: ${checksum}`;
              throw failVertex(new StepError(m, m, { line }));
            }
          }
          items.push({ rel: s, isDir: false, files: [{ path: s, file: { data, mode: 0o600 } }], url: s });
          continue;
        }
        if (parents) {
          // BuildKit: an optional pivot `/./` splits the part kept under dest from the part dropped
          const cut = s.indexOf('/./');
          const base = cut >= 0 ? cleanRel(s.slice(0, cut)) : '';
          const pattern = cut >= 0 ? s.slice(cut + 3) : s;
          const full = base ? base + '/' + cleanRel(pattern) : cleanRel(pattern);
          const matches = hasWildcard(full) ? this.ctx.glob(full) : this.ctx.get(full) ? [full] : [];
          if (matches.length === 0 && !hasWildcard(full)) throw failVertex(notFound(full));
          for (const m of matches) {
            const isDir = this.ctx.isDir(m);
            const destRel = base ? m.slice(base.length + 1) : m;
            items.push({ rel: m, isDir, files: isDir ? this.ctx.filesUnder(m) : [{ path: m, file: this.ctx.get(m)! }], destRel });
          }
          continue;
        }
        const matches = hasWildcard(s) ? this.ctx.glob(s) : this.ctx.get(s) ? [cleanRel(s)] : [];
        if (matches.length === 0) throw failVertex(notFound(s));
        for (const m of matches) {
          const isDir = this.ctx.isDir(m);
          items.push({ rel: m, isDir, files: isDir ? this.ctx.filesUnder(m) : [{ path: m, file: this.ctx.get(m)! }] });
        }
      }
    } else {
      const sfs = source.fs;
      for (const s of srcs) {
        const p = normPath('/' + s);
        const e = sfs.get(p);
        if (!e) {
          const m = `failed to calculate checksum of ref ${this.uuid()}::${this.state.random.hex(25)}: "${p}": not found`;
          throw failVertex(new StepError(m, `${c.kind} failed: stat ${p}: file does not exist`, { solve: `failed to compute cache key: ${m}`, line }));
        }
        const files: ContextEntry[] = [];
        const walk = (ap: string) => {
          const en = sfs.get(ap);
          if (!en) return;
          if (en.type === 'dir') { for (const k of sfs.children(ap)) walk(ap === '/' ? '/' + k : ap + '/' + k); return; }
          if (en.type === 'file') files.push({ path: ap.slice(1), file: { data: en.data instanceof Uint8Array ? en.data : new Uint8Array(en.data.size), mode: en.mode, mtime: en.mtime } });
          else files.push({ path: ap.slice(1), file: { data: utf8(en.target), mode: 0o777, type: 'symlink', linkname: en.target } });
        };
        walk(p);
        items.push({ rel: p.slice(1), isDir: e.type === 'dir', files, ...(parents ? { destRel: p.slice(1) } : {}) });
      }
    }
    if (excludes.length) {
      // BuildKit --exclude: patterns (moby/patternmatcher) against paths relative to the source directory; a file
      // source is matched by its name
      let matcher: PatternMatcher;
      try {
        matcher = new PatternMatcher(excludes);
      } catch (e) {
        throw fail(e instanceof Error ? e.message : String(e));
      }
      for (let i = items.length - 1; i >= 0; i--) {
        const it = items[i];
        if (it.url) continue;
        if (it.isDir) {
          const pre = it.rel === '' ? '' : it.rel + '/';
          it.files = it.files.filter((f) => !matcher.matches(f.path.slice(pre.length)));
        } else if (matcher.matches(baseName('/' + it.rel))) items.splice(i, 1);
      }
    }
    const allFiles = items.flatMap((i) => i.files);
    const { sum, files: fileSums } = checksumEntries(allFiles);

    const apply = async (fs: UnionFs, lookup: UnionFs = fs): Promise<void> => {
      const owner = chown ? this.chownIds(lookup, chown, line, c.kind) : { uid: 0, gid: 0 };
      const mode = chmod ? parseInt(chmod, 8) : undefined;
      const mtime = (f: { mtime?: number }) => Math.floor((f.mtime ?? 0) > 1e11 ? (f.mtime ?? 0) / 1000 : f.mtime ?? 0);
      const put = (path: string, f: ContextEntry['file']) => {
        this.mkdirs(fs, parentOf(path), { uid: 0, gid: 0 });
        fs.removePath(path);
        if (f.type === 'symlink') fs.putEntry(path, { type: 'symlink', target: f.linkname ?? '', mode: 0o777, uid: owner.uid, gid: owner.gid, mtime: mtime(f) });
        else fs.putEntry(path, fileEntry(f.data, mode ?? f.mode & 0o7777, owner.uid, owner.gid, mtime(f)));
      };
      const destIsDir = destDir || items.length > 1 || items.some((i) => i.isDir) || fs.entry(dest)?.type === 'dir';
      for (const it of items) {
        if (it.isDir) {
          const base = it.rel === '' ? '' : it.rel + '/';
          const to = it.destRel ? normPath(dest + '/' + it.destRel) : dest;
          this.mkdirs(fs, to, owner);
          for (const f of it.files) put(normPath(to + '/' + f.path.slice(base.length)), f.file);
          continue;
        }
        const f = it.files[0];
        const target = it.destRel !== undefined ? normPath(dest + '/' + it.destRel)
          : destIsDir ? normPath(dest + '/' + baseName('/' + (it.url ? urlFileName(it.url) : it.rel))) : dest;
        const unpack = c.kind === 'ADD' && (c.unpack ?? !it.url);
        const archive = unpack ? this.unpackable(f.file.data, it.rel, line) : undefined;
        if (archive) {
          this.mkdirs(fs, dest, { uid: 0, gid: 0 });
          const layer = layerFromTar(archive);
          for (const [p, e] of [...layer.entries].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
            const tp = normPath(dest + '/' + p);
            if (e.type === 'whiteout') { fs.removePath(tp); continue; }
            if (e.type === 'dir') { this.mkdirs(fs, tp, { uid: e.uid, gid: e.gid }); continue; }
            this.mkdirs(fs, parentOf(tp), { uid: 0, gid: 0 });
            fs.removePath(tp);
            fs.putEntry(tp, e as Entry);
          }
          continue;
        }
        put(target, f.file);
      }
    };

    const srcLabel = source.kind === 'ctx' ? 'context' : source.label;
    if (!this.legacy) {
      const name = collectName;
      const key = `copy:${JSON.stringify([c.kind, srcLabel, srcs, dest, chown, chmod, sum, st.config.WorkingDir, excludes, parents, link, checksum])}`;
      const flags = `${c.kind === 'COPY' && c.parents ? ' --parents' : ''}${chown ? ' --chown=' + chown : ''}${chmod ? ' --chmod=' + chmod : ''}`;
      const created = `${c.kind}${flags}${c.sourcePaths.map((p) => ' ' + x(p)).join('')}${c.sourceContents.map((sc) => ' <<' + sc.path).join('')} ${x(c.destPath)}`;
      await this.layerStep(st, { name, key, line, code: c.code, files: fileSums, history: { created_by: created, suffix: true } }, async (fs) => {
        if (!link) return apply(fs);
        // COPY --link: the files are copied onto an empty file system and that becomes the layer (a MergeOp over the
        // stage), so the layer does not depend on what the earlier steps left at the destination
        const scratch = new UnionFs(this.state.layers.view(''), { now: () => Math.floor(this.now() / 1000) });
        await apply(scratch, fs);
        return scratch.diff();
      });
      return;
    }
    // legacy: COPY file:<hash> in <dest>
    const kind = items.length > 1 ? 'multi' : items[0].isDir ? 'dir' : 'file';
    const hash = kind === 'multi' ? sha256Hex(items.map((i) => checksumEntries(i.files).sum).join(',')) : sum;
    const destShown = isAddOrCopyDestShown(x(c.destPath), st.config.WorkingDir);
    const text = `${c.kind} ${kind}:${hash} in ${destShown} `;
    const view = this.state.layers.view(st.chain);
    const fs = new UnionFs(view, { now: () => Math.floor(this.now() / 1000) });
    const cached = this.legacyProbe(st, '#(nop) ' + text);
    if (cached) {
      this.useLegacyCache(st, cached, line.start, c.code);
      return;
    }
    await apply(fs);
    const d = fs.diff();
    await this.legacyCommit(st, { comment: '#(nop) ', text, line: line.start, code: c.code, layer: d.entries.size ? d : null, container: false, single: true, probed: true, files: fileSums });
  }

  /**
   * The tar inside an ADD source, when BuildKit would extract it: a tar, or a gzip'd tar (decompressed here).
   * bzip2/xz/zstd archives cannot be decompressed in the playground: a clear error instead of a wrong file.
   */
  private unpackable(data: Uint8Array, name: string, line: { start: number; end: number }): Uint8Array | undefined {
    if (isTarArchive(data)) return data;
    if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
      let out: Uint8Array;
      try {
        out = gunzipSync(data);
      } catch {
        return undefined;
      }
      return isTarArchive(out) ? out : undefined;
    }
    const kind = data.length >= 3 && data[0] === 0x42 && data[1] === 0x5a && data[2] === 0x68 ? 'bzip2'
      : data.length >= 6 && data[0] === 0xfd && data[1] === 0x37 && data[2] === 0x7a && data[3] === 0x58 && data[4] === 0x5a && data[5] === 0x00 ? 'xz'
      : data.length >= 4 && data[0] === 0x28 && data[1] === 0xb5 && data[2] === 0x2f && data[3] === 0xfd ? 'zstd' : '';
    if (kind) {
      const m = `ADD ${name}: extracting ${kind} archives is not supported in the playground; use a .tar or .tar.gz archive, or COPY the file and unpack it in a RUN step`;
      throw new StepError(m, m, { line });
    }
    return undefined;
  }

  /** The COPY/ADD vertex name (BuildKit expands it with quote removal, then numbers it). */
  private copyDisplayName(st: StageState, c: CopyCommand | AddCommand): string {
    let shown = c.code;
    try { shown = this.lex().processWord(c.code, this.expandEnv(st)); } catch { /* as written */ }
    return this.prefix(st, upperFirst(shown));
  }

  private uuid(): string {
    const h = this.state.random.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private resolveOwner(fs: UnionFs, user: string): { uid: number; gid: number } {
    if (!user) return { uid: 0, gid: 0 };
    try { return this.chownIds(fs, user, { start: 0, end: 0 }, 'WORKDIR'); } catch { return { uid: 0, gid: 0 }; }
  }

  private chownIds(fs: UnionFs, spec: string, line: { start: number; end: number }, kind: string): { uid: number; gid: number } {
    const [u, g] = spec.split(':');
    const read = (p: string): string[][] => {
      try { return utf8Decode(fs.readBytes(p)).split('\n').filter(Boolean).map((l) => l.split(':')); } catch { return []; }
    };
    const lookup = (name: string, file: string, what: string): number => {
      if (/^\d+$/.test(name)) return Number(name);
      const row = read(file).find((r) => r[0] === name);
      if (!row) {
        const m = `unable to convert uid/gid chown string to host mapping: can't find ${what} for user ${name}: no such user: ${name}`;
        throw new StepError(m, m, { line });
      }
      return Number(row[2]);
    };
    void kind;
    const uid = lookup(u, '/etc/passwd', 'uid');
    let gid = uid;
    if (g !== undefined && g !== '') gid = lookup(g, '/etc/group', 'gid');
    else if (!/^\d+$/.test(u)) gid = Number(read('/etc/passwd').find((r) => r[0] === u)?.[3] ?? uid);
    return { uid, gid };
  }

  // ---------- BuildKit layer steps with the cache ----------

  private async layerStep(
    st: StageState,
    s: { name: string; key: string; line: { start: number; end: number }; code: string; files?: Map<string, string>; history: { created_by: string; suffix: boolean }; description?: string },
    exec: (fs: UnionFs, out: (stream: 1 | 2, d: string) => void) => Promise<void | LayerContent>,
  ): Promise<void> {
    const parentKey = st.cacheKey;
    const key = sha256Hex(parentKey + '\n' + s.key);
    const id = this.vertexId();
    const t0 = this.now();
    const noCache = this.req.noCache || (this.req.noCacheFilter ?? []).some((n) => n.toLowerCase() === st.stage.name);
    const rec = noCache ? undefined : this.cache.get(key);
    let layer: CacheLayer | null;
    if (rec && this.cache.restore(this.state, st.chain, rec)) {
      this.cache.touch(rec, this.now());
      this.ev({ type: 'vertex', id, name: s.name, started: t0 });
      this.ev({ type: 'vertex', id, name: s.name, started: t0, completed: this.now(), cached: true });
      layer = rec.layer;
    } else {
      const miss = this.missReason(st, parentKey, s);
      this.result.cacheMisses.push(miss);
      this.ev({ type: 'vertex', id, name: s.name, started: t0 });
      const fs = new UnionFs(this.state.layers.view(st.chain), { now: () => Math.floor(this.now() / 1000) });
      let content: void | LayerContent;
      try {
        content = await exec(fs, (stream, data) => this.ev({ type: 'log', vertex: id, stream, data, timestamp: this.now() }));
      } catch (e) {
        const msg = e instanceof StepError ? e.message : e instanceof Error ? e.message : String(e);
        this.ev({ type: 'vertex', id, name: s.name, started: t0, completed: this.now(), error: msg });
        if (e instanceof StepError) throw new StepError(e.message, e.legacyMessage, { ...e.opts, line: e.opts.line ?? s.line });
        throw new StepError(msg, msg, { line: s.line });
      }
      const d = content ?? fs.diff();
      layer = d.entries.size ? await this.cache.registerLayer(this.state, st.chain, d) : null;
      const base36 = this.state.random.hex(25).replace(/[a-f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 10));
      this.cache.put(key, {
        layer, parentKey, instr: s.key, files: s.files, line: s.line.start, id: base36, description: s.description ?? s.name.replace(/^\[[^\]]*\] /, ''),
        size: layer ? this.state.layers.get(layer.chainId)?.size ?? 0 : 0, createdMs: this.now(), usageCount: 1,
      });
      this.ev({ type: 'vertex', id, name: s.name, started: t0, completed: this.now() });
    }
    st.cacheKey = key;
    if (layer) {
      st.chain = layer.chainId;
      st.diffIds.push(layer.diffId);
    }
    st.history.push({ created_by: s.history.created_by + (s.history.suffix ? ' # buildkit' : ''), comment: HISTORY_COMMENT, ...(layer ? {} : { empty_layer: true }) });
  }

  private missReason(st: StageState, parentKey: string, s: { name: string; key: string; line: { start: number }; files?: Map<string, string> }): CacheMiss {
    const base = { line: s.line.start, step: s.name };
    if (this.req.noCache || (this.req.noCacheFilter ?? []).some((n) => n.toLowerCase() === st.stage.name)) return { ...base, reason: 'no-cache' };
    const siblings = this.cache.byParent(parentKey);
    if (siblings.length === 0) {
      if (st.missed) return { ...base, reason: 'parent-changed' };
      st.missed = true;
      return { ...base, reason: this.cache.any() ? 'instruction-changed' : 'first-build' };
    }
    st.missed = true;
    const sameInstr = [...siblings].reverse().find((r) => r.line === s.line.start && r.files && s.files);
    if (sameInstr && sameInstr.files && s.files) {
      const changed: string[] = [];
      for (const [p, d] of s.files) if (sameInstr.files.get(p) !== d) changed.push(p);
      for (const p of sameInstr.files.keys()) if (!s.files.has(p)) changed.push(p);
      if (changed.length) return { ...base, reason: 'files-changed', files: changed.sort() };
    }
    return { ...base, reason: 'instruction-changed' };
  }

  // ---------- legacy commits ----------

  private legacyConfigKey(st: StageState, cmd: string[]): string {
    return sha256Hex(JSON.stringify([st.imageId, mobyConfig({ ...st.config, Cmd: cmd }, st.imageId)]));
  }
  private legacyProbe(st: StageState, commentText: string): string | undefined {
    const shell = st.config.Shell && st.config.Shell.length ? st.config.Shell : DEFAULT_SHELL;
    const cmd = [...shell, commentText];
    return this.legacyLookup(st, cmd, this.legacyConfigKey(st, cmd));
  }

  /**
   * moby's imageProber.Probe over its image cache (image/cache/cache.go). Without --cache-from, the local cache: an
   * image this daemon built from the same parent with the same config. With --cache-from (ImageCache): a local hit
   * counts only when it is an ancestor of a source image; otherwise a source whose history starts with the parent's
   * history (and layers) and whose next history row was created by this step's command gives the step: the source
   * itself at its last row (its parent becomes the current image), else an image restored from the parent plus that
   * row (and its layer). --no-cache probes nothing; the first miss of a stage stops probing until the next FROM.
   */
  private legacyLookup(st: StageState, cmd: string[], key: string): string | undefined {
    if (this.req.noCache || this.cacheBusted) return undefined;
    const local = this.cache.legacyGet(key);
    const hit = local && this.state.images.has(local) ? local : undefined;
    const sources = this.cacheSources;
    if (!sources) {
      if (!hit) this.cacheBusted = true;
      return hit;
    }
    if (hit && sources.some((src) => this.isAncestor(src.id, hit))) return hit;
    const parent = st.imageId ? this.state.images.get(st.imageId) : undefined;
    const lenHistory = parent?.config.history?.length ?? 0;
    const createdBy = cmd.join(' ');
    for (const target of sources) {
      const th = target.config.history ?? [];
      if (!validCacheParent(target, parent) || th[lenHistory]?.created_by !== createdBy) continue;
      if (th.length - 1 === lenHistory) {
        if (parent) this.state.images.create(target.raw, parent.id); // moby SetParent (store.create links an image that has none)
        return target.id;
      }
      const restored = this.restoreCachedImage(st, parent, target, lenHistory, cmd);
      this.cacheSources = [target]; // moby: no jumping to another source after a restore
      return restored;
    }
    this.cacheBusted = true;
    return undefined;
  }

  /** moby ImageCache.isParent: `ancestor` is on `id`'s parent chain. */
  private isAncestor(id: string, ancestor: string): boolean {
    for (let p = this.state.images.get(id)?.parent ?? ''; p; p = this.state.images.get(p)?.parent ?? '') if (p === ancestor) return true;
    return false;
  }

  /** moby ImageCache.restoreCachedImage: the parent's history and layers plus the source's row (and its layer, if any). */
  private restoreCachedImage(st: StageState, parent: ImageRecord | undefined, target: ImageRecord, index: number, cmd: string[]): string {
    const th = target.config.history ?? [];
    const history = [...(parent?.config.history ?? []), th[index]];
    const diffIds = [...(parent?.config.rootfs.diff_ids ?? [])];
    if (!th[index].empty_layer) diffIds.push(target.config.rootfs.diff_ids[th.slice(0, index).filter((h) => !h.empty_layer).length]);
    const config: ImageConfigJSON = {
      architecture: target.config.architecture, ...(target.config.author ? { author: target.config.author } : {}),
      config: mobyConfig({ ...st.config, Cmd: cmd }, st.imageId) as ImageConfigJSON['config'],
      container_config: ZERO_CONTAINER_CONFIG, created: history[history.length - 1].created ?? '', docker_version: this.host.dockerVersion ?? '28.2.2',
      history, os: target.config.os, rootfs: { type: 'layers', diff_ids: diffIds },
    };
    return this.state.images.create(config, parent?.id ?? '').id;
  }
  private useLegacyCache(st: StageState, id: string, line: number, code: string): void {
    void line; void code;
    const img = this.state.images.get(id)!;
    this.msg(L.usingCache());
    this.adoptImage(st, img);
  }
  private adoptImage(st: StageState, img: ImageRecord): void {
    st.imageId = img.id;
    st.chain = img.topChain;
    st.diffIds = [...img.config.rootfs.diff_ids];
    st.history = (img.config.history ?? []).map((h) => ({ ...h }));
    this.result.committed.push(img.id);
  }

  /** moby's commit of a step: probe the cache, create (and remove) a container, commit an image whose parent is the current one. */
  private async legacyCommit(
    st: StageState,
    c: {
      comment: string; text: string; line: number; code: string; layer: LayerContent | null | ((fs: UnionFs) => LayerContent | null); container: boolean; single?: boolean;
      probed?: boolean; files?: Map<string, string>; createdBy?: string; runCmd?: string[];
    },
  ): Promise<void> {
    const shell = st.config.Shell && st.config.Shell.length ? st.config.Shell : DEFAULT_SHELL;
    const cmd = c.runCmd ?? (c.single ? [...shell, c.comment + c.text] : [...shell, c.comment, c.text]);
    const key = this.legacyConfigKey(st, cmd);
    if (!c.probed) {
      const id = this.legacyLookup(st, cmd, key);
      if (id) {
        this.useLegacyCache(st, id, c.line, c.code);
        return;
      }
    }
    let containerId: string;
    let layer: LayerContent | null;
    if (c.container && this.steps) {
      // a container is created (not started) and committed; WORKDIR makes its directory in it first
      const ctr = this.steps.create(mobyConfig({ ...st.config, Cmd: cmd }, st.imageId) as ContainerConfig, st.imageId);
      containerId = ctr.id;
      this.msg(L.runningIn(containerId));
      layer = typeof c.layer === 'function' ? c.layer(ctr.fs) : c.layer;
    } else {
      containerId = this.state.random.hex(64);
      layer = typeof c.layer === 'function' ? c.layer(new UnionFs(this.state.layers.view(st.chain), { now: () => Math.floor(this.now() / 1000) })) : c.layer;
    }
    await this.commitImage(st, { cmd, containerId, layer, createdBy: c.createdBy ?? cmd.join(' ') });
    this.cache.legacyPut(key, st.imageId);
  }

  private async commitImage(st: StageState, c: { cmd: string[]; containerId: string; layer: LayerContent | null; createdBy: string }): Promise<void> {
    let layer: CacheLayer | null = null;
    if (c.layer) layer = await this.cache.registerLayer(this.state, st.chain, c.layer);
    const created = rfc3339Nano(this.now());
    const h: HistoryJSON = { created, created_by: c.createdBy };
    if (st.author) h.author = st.author;
    if (!layer) h.empty_layer = true;
    const history = [...st.history, h];
    const diffIds = layer ? [...st.diffIds, layer.diffId] : [...st.diffIds];
    const hostname = c.containerId.slice(0, 12);
    const config: ImageConfigJSON = {
      architecture: 'amd64', ...(st.author ? { author: st.author } : {}),
      config: mobyConfig(st.config, st.imageId) as ImageConfigJSON['config'],
      container: c.containerId,
      container_config: mobyConfig({ ...st.config, Cmd: c.cmd }, st.imageId, hostname),
      created, docker_version: this.host.dockerVersion ?? '28.2.2', history, os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
    };
    const rec = this.state.images.create(config, st.imageId);
    st.imageId = rec.id;
    st.history = history;
    st.diffIds = diffIds;
    if (layer) st.chain = layer.chainId;
    this.result.committed.push(rec.id);
  }

  private async legacyRun(
    st: StageState,
    r: { argv: string[]; argPrefix: string; env: string[]; line: number; code: string; exec: (fs: UnionFs, out: (s: 1 | 2, d: string) => void, hostname?: string) => Promise<void> },
  ): Promise<void> {
    const saveCmd = r.argPrefix ? [r.argPrefix.trim().split(' ')[0], ...r.argPrefix.trim().split(' ').slice(1), ...r.argv] : r.argv;
    const key = this.legacyConfigKey(st, saveCmd);
    const id = this.legacyLookup(st, saveCmd, key);
    if (id) {
      this.useLegacyCache(st, id, r.line, r.code);
      return;
    }
    // moby dispatchRun: the container runs cmdFromArgs with the build args in its env, no entrypoint, no healthcheck
    const runConfig = mobyConfig({ ...st.config, Cmd: r.argv, Env: r.env, Entrypoint: [], Healthcheck: { Test: ['NONE'] } }, st.imageId) as ContainerConfig;
    const ctr = this.steps!.create(runConfig, st.imageId);
    this.msg(L.runningIn(ctr.id));
    let failure: unknown;
    await this.steps!.run(ctr, async () => {
      try {
        await r.exec(ctr.fs, (s, d) => this.msg(s === 1 ? L.stdout(d) : L.stderr(d)), ctr.config.Hostname || ctr.id.slice(0, 12));
        return { exitCode: 0 };
      } catch (e) {
        failure = e;
        if (e instanceof StepError) return { exitCode: e.opts.exit ?? e.opts.code ?? 1, startError: e.opts.startError };
        throw e;
      }
    });
    if (failure) throw failure;
    const d = ctr.fs.diff();
    await this.commitImage(st, { cmd: saveCmd, containerId: ctr.id, layer: d.entries.size ? d : null, createdBy: r.argPrefix + r.argv.join(' ') });
    this.cache.legacyPut(key, st.imageId);
  }
}

/** `from=` values of a RUN's mounts (no variables there: BuildKit refuses them at parse time). */
function mountFroms(c: RunCommand): string[] {
  const out: string[] = [];
  for (const spec of c.mountSpecs) {
    try {
      const m = parseMount(spec, (w) => w);
      if (m.from && m.type !== 'tmpfs' && m.type !== 'secret' && m.type !== 'ssh') out.push(m.from);
    } catch { /* reported when the step runs */ }
  }
  return out;
}
/** Context paths a RUN binds (type=bind without from=). */
function contextBinds(c: RunCommand): string[] {
  const out: string[] = [];
  for (const spec of c.mountSpecs) {
    try {
      const m = parseMount(spec, (w) => w);
      if (m.type === 'bind' && !m.from) out.push(m.source);
    } catch { /* reported when the step runs */ }
  }
  return out;
}

/** moby image.V1Image's container_config of an image that no container made (a zero container.Config). */
const ZERO_CONTAINER_CONFIG: Record<string, unknown> = {
  Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false, OpenStdin: false,
  StdinOnce: false, Env: null, Cmd: null, Image: '', Volumes: null, WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: null,
};

/** moby image/cache isValidParent: the source's history and layers begin with the parent's. */
function validCacheParent(img: ImageRecord, parent: ImageRecord | undefined): boolean {
  const ih = img.config.history ?? [];
  if (ih.length === 0) return false;
  const ph = parent?.config.history ?? [];
  const pd = parent?.config.rootfs.diff_ids ?? [];
  if (!parent || (ph.length === 0 && pd.length === 0)) return true;
  const id = img.config.rootfs.diff_ids;
  if (ph.length >= ih.length || pd.length > id.length) return false;
  const row = (h: HistoryJSON) => JSON.stringify([h.created ?? null, h.author ?? '', h.created_by ?? '', h.comment ?? '', !!h.empty_layer]);
  return ph.every((h, i) => row(h) === row(ih[i])) && pd.every((d, i) => d === id[i]);
}

/** Most bytes `-o type=local|tar` writes into the workspace. */
const EXPORT_LIMIT = 64 << 20;

function orderHistory(h: HistoryJSON): HistoryJSON {
  const o: HistoryJSON = {};
  if (h.created !== undefined) o.created = h.created;
  if (h.created_by !== undefined) o.created_by = h.created_by;
  if (h.author !== undefined) o.author = h.author;
  if (h.comment !== undefined) o.comment = h.comment;
  if (h.empty_layer) o.empty_layer = true;
  return o;
}

function isAddOrCopyDestShown(dest: string, wd: string): string {
  if (dest.startsWith('/')) return dest;
  const base = wd || '/';
  const joined = normPath(base + '/' + dest);
  return dest.endsWith('/') && joined !== '/' ? joined + '/' : joined;
}

/** BuildKit isHTTPSource: http(s) URLs that are not git repositories. */
function isHttpSource(src: string): boolean {
  return /^https?:\/\//.test(src) && !isGitSource(src);
}
/** BuildKit's git reference detection (dfgitutil.ParseGitRef), for the shapes people write. */
function isGitSource(src: string): boolean {
  if (/^git@[^:]+:/.test(src) || /^git:\/\//.test(src) || /^ssh:\/\//.test(src)) return true;
  if (!/^https?:\/\//.test(src)) return false;
  const [u] = src.split('#');
  return /\.git\/?$/.test(u);
}
function gitRemote(src: string): string {
  return src.split('#')[0];
}
function gitHost(src: string): string {
  const r = gitRemote(src);
  const m = /^(https?:\/\/[^/]+)/.exec(r);
  return m ? m[1] : r;
}
/** The file name of a URL download (BuildKit: path.Base of the URL path, else __unnamed__). */
function urlFileName(url: string): string {
  let p = '';
  try { p = new URL(url).pathname; } catch { /* unnamed */ }
  const b = baseName(normPath('/' + p));
  return b && b !== '/' ? b : '__unnamed__';
}
/** go-digest's Parse errors for an --checksum value, or undefined when it is well formed. */
function digestFormatError(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return 'invalid checksum digest format';
  const alg = d.slice(0, i);
  const len: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*$/.test(alg)) return 'invalid checksum digest format';
  if (!len[alg]) return 'unsupported digest algorithm';
  const hex = d.slice(i + 1);
  if (hex.length !== len[alg]) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

/** A tar archive (ustar magic at offset 257, or the old format's checksum); gzip is not decompressed here. */
function isTarArchive(b: Uint8Array): boolean {
  if (b.length < 512) return false;
  const magic = String.fromCharCode(...b.subarray(257, 262));
  return magic === 'ustar';
}

/** moby/sys/signal.ParseSignal accepts it (lib/engine/signals.ts). */
export function isValidSignal(s: string): boolean {
  return parseSignal(s) !== undefined;
}

function upperFirst(s: string): string {
  const i = s.indexOf(' ');
  return i < 0 ? s.toUpperCase() : s.slice(0, i).toUpperCase() + s.slice(i);
}

export const __test = { Sha256, digestOf };
