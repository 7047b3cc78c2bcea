import type { BuildContext, ContextFile } from '../../../api/types';
import { filterContextPaths, parseDockerignore, DockerignoreError } from '../../../dockerfile/dockerignore';
import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { displayStream } from '../../stream';
import { resolvePath } from '../../workspace-path';

export interface BuildOptions {
  context: string; tags: string[]; buildArgs: string[]; labels: string[]; file: string; quiet: boolean; noCache: boolean; pull: boolean;
  rm: boolean; forceRm: boolean; target: string; platform: string; iidfile: string; progress: string;
}

export const buildCommand: CommandDef<BuildOptions> = {
  name: 'build',
  aliases: ['build'],
  spec: 'image build',
  args: exactArgs(1),
  options: (f, args) => ({
    context: args[0], tags: f.list('tag'), buildArgs: f.list('build-arg'), labels: f.list('label'), file: f.string('file'), quiet: f.bool('quiet'),
    noCache: f.bool('no-cache'), pull: f.bool('pull'), rm: f.bool('rm', true), forceRm: f.bool('force-rm'), target: f.string('target'),
    platform: f.string('platform'), iidfile: f.string('iidfile'), progress: f.string('progress', 'auto'),
  }),
  run: runBuild,
};

export const LEGACY_DISABLED = 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n';
export const LEGACY_NO_BUILDX = 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n';
export const BUILDKIT_MISSING = 'ERROR: BuildKit is enabled but the buildx component is missing or broken.\n       Install the buildx component to build images with BuildKit:\n       https://docs.docker.com/go/buildx/';

/** Which builder `docker build` uses: DOCKER_BUILDKIT=0 selects the legacy one; otherwise BuildKit when available. */
export function selectBuilder(ctx: CliContext): 'buildkit' | 'legacy-disabled' | 'legacy-nobuildx' | 'missing' {
  const v = ctx.env.DOCKER_BUILDKIT;
  if (v !== undefined && v !== '') {
    const on = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
    if (!on) return 'legacy-disabled';
    return ctx.buildkit ? 'buildkit' : 'missing';
  }
  return ctx.buildkit ? 'buildkit' : 'legacy-nobuildx';
}

function kv(list: string[], env: Record<string, string>, allowNull: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i >= 0) out[item.slice(0, i)] = item.slice(i + 1);
    else out[item] = allowNull ? (env[item] ?? null) : '';
  }
  return out;
}

/** Size of the uncompressed tar the CLI would send (512-byte headers, data padded to 512, 1024 bytes of trailer). */
export function contextTarSize(files: Map<string, ContextFile>): number {
  let n = 1024;
  for (const [path, f] of files) {
    n += 512;
    if (path.length > 100) n += 1024;
    if ((f.type ?? 'file') === 'file') n += Math.ceil(f.data.length / 512) * 512;
  }
  return n;
}

/** Reads a build context directory from the workspace, applying .dockerignore. */
export function readContext(ctx: CliContext, dir: string, dockerfile: string): Map<string, ContextFile> {
  const ws = ctx.workspace;
  if (!ws) throw new StatusError('unable to prepare context: no workspace', 1);
  const root = resolvePath(ctx, dir);
  const prefix = root ? root + '/' : '';
  const all = ws.list().filter((f) => f.path.startsWith(prefix));
  if (all.length === 0 && root !== '') throw new StatusError(`unable to prepare context: path "${dir}" not found`, 1);
  const rel = all.map((f) => f.path.slice(prefix.length));
  const ignore = ws.read(prefix + '.dockerignore');
  let patterns: string[] = [];
  try {
    if (ignore) patterns = parseDockerignore(ignore.data);
    const { included } = filterContextPaths(rel, patterns, { dockerfile });
    const set = new Set(included);
    const files = new Map<string, ContextFile>();
    // directories first, as the tar walker emits them
    const dirs = new Set<string>();
    for (const p of included) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    for (const d of [...dirs].sort()) files.set(d, { data: new Uint8Array(), mode: 0o755, type: 'dir' });
    for (const f of all) {
      const p = f.path.slice(prefix.length);
      if (set.has(p)) files.set(p, { data: f.data, mode: f.mode, mtime: f.mtime, type: 'file' });
    }
    return files;
  } catch (e) {
    if (e instanceof DockerignoreError) throw new StatusError(`error checking context: ${e.message}`, 1);
    throw e;
  }
}

export async function runBuild(ctx: CliContext, opts: BuildOptions): Promise<number | void> {
  // The builder was chosen (and its warning printed) before the command ran: see processBuilder in cli.ts.
  const builder = selectBuilder(ctx);
  if (opts.context === '-' || /^(https?|git):\/\//.test(opts.context) || opts.context.startsWith('git@')) {
    throw new StatusError('building from STDIN or a URL is not supported in this playground', 1);
  }
  const dockerfile = opts.file || 'Dockerfile';
  const files = readContext(ctx, opts.context, dockerfile);
  if (!files.has(dockerfile)) {
    const shown = resolvePath(ctx, opts.context + '/' + dockerfile);
    throw new StatusError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /${shown}: no such file or directory`, 1);
  }
  if (builder === 'buildkit' && ctx.buildkit) {
    return ctx.buildkit.build(ctx, {
      contextDir: opts.context, files, dockerfile, tags: opts.tags, buildArgs: kv(opts.buildArgs, ctx.env, true),
      labels: kv(opts.labels, ctx.env, false) as Record<string, string>, target: opts.target || undefined, noCache: opts.noCache, pull: opts.pull,
      quiet: opts.quiet, progress: opts.progress, platform: opts.platform || undefined, iidfile: opts.iidfile || undefined,
    });
  }
  const context: BuildContext = { files };
  if (!opts.quiet) ctx.io.stdout(`Sending build context to Docker daemon  ${humanSize(contextTarSize(files)).padStart(7)}\r\r\n`);
  let imageId = '';
  let buffered = '';
  const stream = ctx.client.build(context, {
    dockerfile, tags: opts.tags, buildArgs: kv(opts.buildArgs, ctx.env, true), labels: kv(opts.labels, ctx.env, false) as Record<string, string>,
    noCache: opts.noCache, pull: opts.pull, quiet: opts.quiet, rm: opts.rm, forceRm: opts.forceRm, target: opts.target || undefined,
    platform: opts.platform || undefined, version: '1',
  });
  const aux = (a: unknown) => {
    if (a && typeof a === 'object' && typeof (a as { ID?: unknown }).ID === 'string') imageId = (a as { ID: string }).ID;
  };
  if (opts.quiet) {
    const saved = ctx.io;
    const quietCtx: CliContext = { ...ctx, io: { ...saved, stdout: (s: string) => { buffered += s; }, stderr: saved.stderr.bind(saved), readLine: saved.readLine.bind(saved), isTTY: false, columns: saved.columns } };
    await displayStream(quietCtx, stream, { useCode: true, aux });
    ctx.io.stdout(buffered);
  } else {
    await displayStream(ctx, stream, { useCode: true, aux });
  }
  if (opts.iidfile && ctx.workspace) ctx.workspace.write(resolvePath(ctx, opts.iidfile), imageId);
}
