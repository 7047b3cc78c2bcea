/**
 * Maps BuildKit progress events to the Dockerfile lines they run, for the editor's build-step highlight.
 * DOM-free: it runs in the engine worker, beside the builder.
 *
 * A step vertex is named `[<stage> k/n] INSTRUCTION args` (`[2/3] RUN apt-get update`, `[build 1/4] FROM ...`).
 * BuildKit numbers only the steps that produce a vertex (FROM of an image, RUN, COPY, ADD, WORKDIR), so the number is
 * not an index into the stage: the n-th vertex of a kind in a stage is the n-th instruction of that kind there.
 * ONBUILD triggers run at the stage's FROM line.
 */
import type { BuildKitBuildRequest, BuildKitFrontend, CliContext } from '@/lib/cli/command';
import { resolvePath } from '@/lib/cli/workspace-path';
import { parseDockerfile, type Stage } from '@/lib/dockerfile';
import type { Engine } from '@/lib/engine';
import { createBuildKitFrontend } from '@/lib/engine/builder/frontend';
import type { BuildEvent } from '@/lib/progress/events';

export interface StepRange { startLine: number; endLine: number }

export type BuildStepState = 'start' | 'running' | 'failed' | 'done';

/** What the page is told: the Dockerfile (workspace path) and the lines of the step, or the build's end. */
export interface BuildStepUpdate {
  /** workspace path of the Dockerfile being built */
  path: string;
  state: BuildStepState;
  range: StepRange | null;
  /** the failing step's error and the last lines of its output (state `failed`) */
  message?: string;
}

const STEP_NAME = /^\[(?:(\S+) )?\s*\d+\/\d+\] (?:(ONBUILD) )?([A-Za-z]+)\b/;

export class StepTracker {
  private stages: Stage[] = [];
  private multi = false;
  private byVertex = new Map<string, StepRange | null>();
  private counts = new Map<string, number>();
  private failed = false;
  private ended = false;
  /** The end of each step's output, for the failure's marker (`cp: cannot stat ...`). */
  private logs = new Map<string, string>();

  constructor(readonly path: string, dockerfile: string | Uint8Array | undefined, private emit: (u: BuildStepUpdate) => void) {
    try {
      if (dockerfile !== undefined) this.stages = parseDockerfile(dockerfile).stages;
    } catch {
      this.stages = []; // a parse error: the build reports it (result()) with its line
    }
    this.multi = this.stages.length > 1;
    emit({ path, state: 'start', range: null });
  }

  private stageFor(display: string | undefined): Stage | undefined {
    if (!this.multi) return display ? undefined : this.stages[0];
    if (!display) return undefined;
    const lower = display.toLowerCase();
    const byName = this.stages.find((s) => s.name === lower);
    if (byName) return byName;
    const m = /^stage-(\d+)$/.exec(display);
    return m ? this.stages[Number(m[1])] : undefined;
  }

  private rangeOf(id: string, name: string): StepRange | null {
    const known = this.byVertex.get(id);
    if (known !== undefined) return known;
    const m = STEP_NAME.exec(name);
    let range: StepRange | null = null;
    if (m) {
      const [, display, onbuild, kindRaw] = m;
      const stage = this.stageFor(display);
      if (stage) {
        const kind = kindRaw!.toUpperCase();
        if (kind === 'FROM' || onbuild) {
          range = { startLine: stage.range.startLine, endLine: stage.range.endLine };
        } else {
          const key = `${stage.range.startLine}:${kind}`;
          const n = this.counts.get(key) ?? 0;
          this.counts.set(key, n + 1);
          const cmd = stage.commands.filter((c) => c.kind === kind)[n];
          if (cmd) range = { startLine: cmd.range.startLine, endLine: cmd.range.endLine };
        }
      }
    }
    this.byVertex.set(id, range);
    return range;
  }

  event(ev: BuildEvent): void {
    if (ev.type === 'log') {
      this.logs.set(ev.vertex, ((this.logs.get(ev.vertex) ?? '') + ev.data).slice(-2000));
      return;
    }
    if (ev.type !== 'vertex' || this.failed) return;
    const range = this.rangeOf(ev.id, ev.name);
    if (!range) return;
    if (ev.error) {
      this.failed = true;
      const tail = (this.logs.get(ev.id) ?? '').trimEnd().split('\n').slice(-5).join('\n');
      this.emit({ path: this.path, state: 'failed', range, message: tail ? `${ev.error}\n${tail}` : ev.error });
    } else if (ev.completed === undefined) {
      this.emit({ path: this.path, state: 'running', range });
    }
  }

  /** The build's end. A failure without a failing vertex (a parse error) points at its source range. */
  result(r: { failure?: { message: string; sources: { ranges: { start: number; end: number }[] }[] } }): void {
    if (r.failure && !this.failed) {
      const src = r.failure.sources[0]?.ranges[0];
      this.failed = true;
      this.emit({
        path: this.path,
        state: 'failed',
        range: src ? { startLine: src.start, endLine: src.end } : null,
        message: r.failure.message,
      });
      return;
    }
    if (!r.failure) this.end();
  }

  /** The build ended without a result (interrupted, thrown): clear the highlight unless a failure is shown. */
  end(): void {
    if (this.failed || this.ended) return;
    this.ended = true;
    this.emit({ path: this.path, state: 'done', range: null });
  }
}

/**
 * The workspace path of the Dockerfile a build request carries. Inside the context it is the context's path joined with
 * it; a Dockerfile from outside the context travels as `.dockerfile.<id>` (docker/cli's rule): find the file it copies.
 */
function dockerfilePath(ctx: CliContext, opts: BuildKitBuildRequest): string {
  const inContext = resolvePath(ctx, `${opts.contextDir}/${opts.dockerfile}`);
  if (!opts.dockerfile.startsWith('.dockerfile.') || ctx.workspace?.read(inContext)) return inContext;
  const data = opts.files.get(opts.dockerfile)?.data;
  const same = (ctx.workspace?.list() ?? []).filter((f) => data && f.data.length === data.length && f.data.every((b, i) => b === data[i]));
  return (same.find((f) => /dockerfile|containerfile/i.test(f.path)) ?? same[0])?.path ?? inContext;
}

/**
 * Reports the steps of every BuildKit build the engine's console runs (`docker build`, the Build button).
 * The console holds the engine's frontend object; its build is routed through a frontend that also reports events.
 */
export function observeBuilds(engine: Engine, onUpdate: (u: BuildStepUpdate) => void): void {
  const frontend: BuildKitFrontend = engine.buildkitFrontend();
  let tracker: StepTracker | null = null;
  const observed = createBuildKitFrontend(() => engine.builderHost(), {
    onEvent: (e) => tracker?.event(e),
    onResult: (r) => tracker?.result(r),
  });
  frontend.build = async (ctx, opts) => {
    const path = dockerfilePath(ctx, opts);
    const mine = new StepTracker(path, opts.files.get(opts.dockerfile)?.data, onUpdate);
    tracker = mine;
    try {
      return await observed.build(ctx, opts);
    } finally {
      mine.end();
      if (tracker === mine) tracker = null;
    }
  };
}
