/**
 * The BuildKit side of `docker build` as buildx runs it against the docker driver: the build's progress on stderr
 * (plain when stderr is not a terminal or with --progress=plain, the redrawn tty display otherwise), then on failure
 * the `------` log blocks, the Dockerfile snippet and `ERROR: failed to solve: ...`; with -q only the image ID on stdout.
 * It implements lib/cli's BuildKitFrontend seam (CliContext.buildkit).
 */
import type { BuildKitBuildRequest, BuildKitFrontend, CliContext } from '../../cli/command';
import { resolvePath } from '../../cli/workspace-path';
import { PlainPrinter } from '../../progress/plain';
import { TtyPrinter } from '../../progress/tty';
import { renderFailure, renderWarnings, sourceSnippet } from '../../progress/failure';
import type { BuildEvent } from '../../progress/events';
import { buildkitBuild } from './build';
import type { BuilderHost, BuildResult } from './types';
import { contentBytes, type Entry } from '../fs/entry';
import { layerTar } from '../tar';

export const BUILDX_DESC_PLAIN = 'building with "default" instance using docker driver';
export const BUILDX_DESC_TTY = 'docker:default';

export interface FrontendOptions {
  /** terminal rows for the tty display (default 24) */
  rows?: number;
  /** called with every finished build (the UI shows cache misses) */
  onResult?: (r: BuildResult) => void;
  /** called with every progress event, after the display got it (the playground highlights the running step) */
  onEvent?: (e: BuildEvent) => void;
}

export function createBuildKitFrontend(host: BuilderHost | (() => BuilderHost), fo: FrontendOptions = {}): BuildKitFrontend {
  const getHost = typeof host === 'function' ? host : () => host;
  return {
    async build(ctx: CliContext, opts: BuildKitBuildRequest): Promise<number> {
      const mode = opts.quiet ? 'quiet' : opts.progress === 'auto' || !opts.progress ? (ctx.io.isTTY ? 'tty' : 'plain') : opts.progress;
      if (!['quiet', 'plain', 'tty', 'rawjson'].includes(mode)) {
        ctx.io.stderr(`ERROR: invalid progress mode ${mode}\n`);
        return 1;
      }
      const err = (s: string) => ctx.io.stderr(s);
      let update: (e: BuildEvent) => void = () => {};
      let done: () => void = () => {};
      if (mode === 'plain') {
        const p = new PlainPrinter(err, { desc: BUILDX_DESC_PLAIN, rateLimitMs: 100 });
        update = (e) => p.update(e);
        done = () => p.done();
      } else if (mode === 'tty') {
        const t = new TtyPrinter(err, ctx.now, { desc: BUILDX_DESC_TTY, columns: ctx.io.columns, rows: fo.rows, noColor: !!ctx.env.NO_COLOR });
        update = (e) => t.update(e);
        done = () => t.done();
      } else if (mode === 'rawjson') {
        update = (e) => err(JSON.stringify(e) + '\n');
      }
      const r = await buildkitBuild(getHost(), {
        context: { files: opts.files }, dockerfile: opts.dockerfile, tags: opts.tags, buildArgs: opts.buildArgs, labels: opts.labels,
        noCache: opts.noCache, pull: opts.pull, target: opts.target, platform: opts.platform, quiet: opts.quiet,
        secrets: opts.secrets, ssh: opts.ssh, noCacheFilter: opts.noCacheFilter, output: opts.output ? { type: opts.output.type } : undefined,
        check: opts.call === 'check',
      }, fo.onEvent ? (e) => { update(e); fo.onEvent!(e); } : update);
      done();
      fo.onResult?.(r);
      if (r.failure) {
        err(renderFailure(r.failure));
        return 1;
      }
      if (r.checks) {
        ctx.io.stdout(renderChecks(r.checks));
        return r.checks.length ? 1 : 0;
      }
      if (opts.output && r.output && ctx.workspace) writeOutput(ctx, opts.output, r.output);
      else if (opts.quiet) ctx.io.stdout(r.imageId + '\n');
      if (opts.iidfile && ctx.workspace && !opts.output) ctx.workspace.write(resolvePath(ctx, opts.iidfile), r.imageId);
      if (mode !== 'quiet' && mode !== 'rawjson') err(renderWarnings(r.warnings));
      return 0;
    },
  };
}

/**
 * `-o type=local,dest=DIR`: the result's regular files into the workspace under DIR (the workspace holds files only:
 * directories are implied, symlinks are skipped); `type=tar,dest=FILE`: one tar archive as BuildKit's tar exporter.
 */
function writeOutput(ctx: CliContext, out: { type: 'local' | 'tar'; dest: string }, files: Map<string, Entry>): void {
  const ws = ctx.workspace!;
  if (out.type === 'tar') {
    ws.write(resolvePath(ctx, out.dest), layerTar({ entries: files }), 0o644);
    return;
  }
  const root = resolvePath(ctx, out.dest);
  for (const [p, e] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (e.type !== 'file') continue;
    ws.write(root ? root + p : p.slice(1), contentBytes(e.data), e.mode & 0o777);
  }
}

/**
 * buildx's result of `--check` (commands/build.go printResult "lint", BuildKit lint.Warning.PrintTo): a count line,
 * then per warning a blank line, `WARNING: <rule> - <url>`, the detail and the Dockerfile snippet.
 */
export function renderChecks(checks: NonNullable<BuildResult['checks']>): string {
  if (checks.length === 0) return 'Check complete, no warnings found.\n';
  let out = `Check complete, ${checks.length === 1 ? '1 warning has been found!' : `${checks.length} warnings have been found!`}\n`;
  for (const c of checks) out += `\nWARNING: ${c.rule}${c.url ? ' - ' + c.url : ''}\n${c.detail}\n${sourceSnippet(c.source)}`;
  return out;
}
