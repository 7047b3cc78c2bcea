import type { BuildContext, ContextFile } from '../../../api/types';
import { filterContextPaths, parseDockerignore, DockerignoreError } from '../../../dockerfile/dockerignore';
import { humanSize } from '../../formatter/units';
import { type BuildKitBuildRequest, type CliContext, type CommandDef, commandPath, exactArgs, StatusError, useLine } from '../../command';
import { displayStream } from '../../stream';
import { resolvePath } from '../../workspace-path';

export interface BuildOptions {
  context: string; tags: string[]; buildArgs: string[]; labels: string[]; file: string; quiet: boolean; noCache: boolean; pull: boolean;
  rm: boolean; forceRm: boolean; target: string; platform: string; iidfile: string; progress: string;
  /** --cache-from: images the classic builder may take steps from (BuildKit: accepted, no effect here) */
  cacheFrom: string[];
  /** buildx-only flags (docker build is `docker buildx build` when buildx is installed) */
  secrets: string[]; ssh: string[]; outputs: string[]; noCacheFilter: string[]; call: string; check: boolean;
  /** the first buildx-only flag given, and the usage line, for the legacy builder's `unknown flag` error */
  buildxFlag?: string; usage: string;
  /** legacy flags buildx keeps hidden with a `flag-warn` annotation, in pflag's Visit (lexicographic) order */
  flagWarnings: string[];
}

/** buildx commands/build.go: hidden legacy flags whose use prints `WARNING: <msg>` before the build. */
const FLAG_WARN: [string, string][] = [
  ['isolation', 'isolation flag is deprecated with BuildKit.'],
  ['security-opt', 'security-opt flag is deprecated. "RUN --security=insecure" should be used with BuildKit.'],
  ['squash', 'experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency.'],
];

/**
 * Flags `docker buildx build` has and the legacy `docker build` lacks. Hidden here: `docker build --help` shows the
 * legacy help (the captured CLI has no buildx), but a build with BuildKit accepts them.
 */
const BUILDX_FLAGS = [
  { name: 'progress', type: 'string', help: '' },
  { name: 'secret', type: 'list', help: '' },
  { name: 'ssh', type: 'list', help: '' },
  { name: 'output', short: 'o', type: 'list', help: '' },
  { name: 'no-cache-filter', type: 'list', help: '' },
  { name: 'cache-to', type: 'list', help: '' },
  { name: 'load', type: '', help: '' },
  { name: 'push', type: '', help: '' },
  { name: 'build-context', type: 'list', help: '' },
  { name: 'builder', type: 'string', help: '' },
  { name: 'metadata-file', type: 'string', help: '' },
  { name: 'provenance', type: 'string', help: '' },
  { name: 'sbom', type: 'string', help: '' },
  { name: 'attest', type: 'list', help: '' },
  { name: 'annotation', type: 'list', help: '' },
  { name: 'allow', type: 'list', help: '' },
  { name: 'call', type: 'string', help: '' },
  { name: 'check', type: '', help: '' },
];

export const buildCommand: CommandDef<BuildOptions> = {
  name: 'build',
  aliases: ['build'],
  spec: 'image build',
  args: exactArgs(1),
  hiddenFlags: BUILDX_FLAGS,
  options: (f, args, cmd) => ({
    context: args[0], tags: f.list('tag'), buildArgs: f.list('build-arg'), labels: f.list('label'), file: f.string('file'), quiet: f.bool('quiet'),
    noCache: f.bool('no-cache'), pull: f.bool('pull'), rm: f.bool('rm', true), forceRm: f.bool('force-rm'), target: f.string('target'), cacheFrom: f.list('cache-from'),
    platform: f.string('platform'), iidfile: f.string('iidfile'), progress: f.string('progress', 'auto'),
    secrets: f.list('secret'), ssh: f.list('ssh'), outputs: f.list('output'), noCacheFilter: f.list('no-cache-filter'),
    call: f.string('call'), check: f.bool('check'),
    flagWarnings: FLAG_WARN.filter(([name]) => f.changed(name)).map(([, msg]) => msg),
    buildxFlag: BUILDX_FLAGS.find((d) => f.changed(d.name))?.name, usage: `Usage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information`,
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

/**
 * buildx's parsing of --secret (util/buildflags/secrets.go + BuildKit's secretsprovider.NewStore), --ssh, -o/--output
 * (util/buildflags/export.go), --no-cache-filter and --platform, as far as the playground's builder goes. Returns the
 * request fields, or the error buildx prints after `ERROR: `.
 */
export function buildxOptions(ctx: CliContext, opts: BuildOptions): Partial<BuildKitBuildRequest> | string {
  const out: Partial<BuildKitBuildRequest> = {};
  // --platform: the playground builds linux/amd64 only
  if (opts.platform) {
    const ps = opts.platform.split(',').map((p) => p.trim()).filter(Boolean);
    if (ps.length > 1) {
      return 'Multi-platform build is not supported for the docker driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at https://docs.docker.com/go/build-multi-platform/';
    }
    const p = ps[0] ?? '';
    if (!['linux/amd64', 'amd64', 'linux/x86_64', 'x86_64', 'linux/x86-64', 'local'].includes(p.toLowerCase())) {
      return `the playground builds linux/amd64 images only (requested ${p})`;
    }
  }
  if (opts.secrets.length) {
    const secrets: Record<string, Uint8Array> = {};
    for (const spec of opts.secrets) {
      let id = '', src = '', env = '', typ = '';
      for (const field of spec.split(',')) {
        const i = field.indexOf('=');
        if (i < 0) return `invalid field '${field}' must be a key=value pair`;
        const key = field.slice(0, i).toLowerCase();
        const value = field.slice(i + 1);
        if (key === 'type') {
          if (value !== 'file' && value !== 'env') return `unsupported secret type "${value}"`;
          typ = value;
        } else if (key === 'id') id = value;
        else if (key === 'source' || key === 'src') src = value;
        else if (key === 'env') env = value;
        else return `unexpected key '${key}' in '${field}'`;
      }
      if (typ === 'env' && !env) { env = src; src = ''; }
      if (!id) return 'secret missing ID';
      if (!src && !env) {
        if (Object.prototype.hasOwnProperty.call(ctx.env, id)) env = id;
        else src = id;
      }
      if (env) {
        secrets[id] = new TextEncoder().encode(ctx.env[env] ?? '');
        continue;
      }
      const f = ctx.workspace?.read(resolvePath(ctx, src));
      if (!f) return `failed to stat ${src}: stat ${src}: no such file or directory`;
      if (f.data.length > 500 * 1024) return `secret ${id} too big. max size 500KB`;
      secrets[id] = f.data;
    }
    out.secrets = secrets;
  }
  if (opts.ssh.length) out.ssh = opts.ssh.map((s) => s.split('=')[0] || 'default');
  const call = opts.check ? 'check' : opts.call;
  if (call) {
    if (!['build', 'check'].includes(call)) return `the playground runs --call=build and --call=check only (not ${call})`;
    out.call = call;
  }
  if (opts.noCacheFilter.length) out.noCacheFilter = opts.noCacheFilter.flatMap((s) => s.split(',')).filter(Boolean);
  for (const o of opts.outputs) {
    if (o === '') continue;
    let type = '', dest = '';
    if (!o.includes(',') && !o.startsWith('type=') && !o.includes('=')) {
      type = o === '-' ? 'tar' : 'local';
      dest = o;
    } else {
      for (const field of o.split(',')) {
        const i = field.indexOf('=');
        if (i < 0) return `invalid value ${field}`;
        const key = field.slice(0, i).trim().toLowerCase();
        if (key === 'type') type = field.slice(i + 1);
        else if (key === 'dest') dest = field.slice(i + 1);
      }
      if (!type) return 'type is required for output';
    }
    if (type === 'docker' || type === 'image') continue;
    if (type !== 'local' && type !== 'tar') return `the playground cannot export type=${type} (use type=local, type=tar or the default image)`;
    if (!dest) return type === 'local' ? 'output directory is required for local exporter' : 'output file is required for tar exporter';
    if (dest === '-') return 'the playground cannot write a tar archive to the terminal: give dest=FILE';
    out.output = { type, dest };
  }
  return out;
}

export async function runBuild(ctx: CliContext, opts: BuildOptions): Promise<number | void> {
  // The builder was chosen (and its warning printed) before the command ran: see processBuilder in cli.ts.
  const builder = selectBuilder(ctx);
  // without buildx, `docker build` is the legacy command: buildx's flags are unknown to it (pflag's error, exit 125)
  if (builder !== 'buildkit' && opts.buildxFlag) throw new StatusError(`unknown flag: --${opts.buildxFlag}\n\n${opts.usage}`, 125);
  // `docker build -` with a pipe (`echo 'FROM alpine' | docker build -`, `cat Dockerfile | docker build -`): stdin is
  // the Dockerfile and the context is empty (docker/cli GetContextFromReader, buildx's "stdin is dockerfile");
  // a tar archive on stdin (the context itself) is not simulated.
  const stdinDockerfile = opts.context === '-' && ctx.stdin !== undefined && !isTarArchive(ctx.stdin);
  if (stdinDockerfile && opts.file && builder === 'buildkit') throw new StatusError('ERROR: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles', 1);
  if ((opts.context === '-' && !stdinDockerfile) || /^(https?|git):\/\//.test(opts.context) || opts.context.startsWith('git@')) {
    throw new StatusError('building from STDIN or a URL is not supported in this playground', 1);
  }
  if (stdinDockerfile) return runBuildWith(ctx, opts, builder, new Map([['Dockerfile', { data: ctx.stdin!, mode: 0o644, mtime: ctx.now(), type: 'file' as const }]]), 'Dockerfile');
  // docker/cli GetContextFromLocalDir: -f names a file relative to the current directory (not the context); without
  // it, the context's Dockerfile (or dockerfile). A Dockerfile outside the context is sent in it under a random name.
  const ctxDir = resolvePath(ctx, opts.context);
  const inCtx = (name: string) => (ctxDir ? ctxDir + '/' : '') + name;
  let dfPath = opts.file ? resolvePath(ctx, opts.file) : inCtx('Dockerfile');
  if (!opts.file && !ctx.workspace?.read(dfPath) && ctx.workspace?.read(inCtx('dockerfile'))) dfPath = inCtx('dockerfile');
  const inside = ctxDir === '' || dfPath.startsWith(ctxDir + '/');
  let dockerfile = inside ? dfPath.slice(ctxDir ? ctxDir.length + 1 : 0) : '';
  const files = readContext(ctx, opts.context, dockerfile || 'Dockerfile');
  const dfFile = ctx.workspace?.read(dfPath);
  if (!dfFile || (inside && !files.has(dockerfile))) {
    throw new StatusError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /${dfPath}: no such file or directory`, 1);
  }
  if (!inside) {
    let h = 0x811c9dc5;
    for (const c of dfPath + ':' + ctx.now()) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    dockerfile = '.dockerfile.' + (h.toString(16).padStart(8, '0') + (h ^ 0x5bd1e995).toString(16).padStart(8, '0') + '0000').slice(0, 20);
    files.set(dockerfile, { data: dfFile.data, mode: dfFile.mode, mtime: dfFile.mtime, type: 'file' });
  }
  return runBuildWith(ctx, opts, builder, files, dockerfile);
}

/** A tar archive (ustar magic at 257, as docker/cli's archive detection finds uncompressed tars). */
function isTarArchive(b: Uint8Array): boolean {
  return b.length > 262 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

async function runBuildWith(ctx: CliContext, opts: BuildOptions, builder: ReturnType<typeof selectBuilder>, files: Map<string, ContextFile>, dockerfile: string): Promise<number | void> {
  if (builder === 'buildkit' && ctx.buildkit) {
    for (const w of opts.flagWarnings) ctx.io.stderr(`WARNING: ${w}\n`);
    const extra = buildxOptions(ctx, opts);
    if (typeof extra === 'string') {
      ctx.io.stderr(`ERROR: ${extra}\n`);
      return 1;
    }
    return ctx.buildkit.build(ctx, {
      contextDir: opts.context, files, dockerfile, tags: opts.tags, buildArgs: kv(opts.buildArgs, ctx.env, true),
      labels: kv(opts.labels, ctx.env, false) as Record<string, string>, target: opts.target || undefined, noCache: opts.noCache, pull: opts.pull,
      quiet: opts.quiet, progress: opts.progress, platform: opts.platform || undefined, iidfile: opts.iidfile || undefined, ...extra,
    });
  }
  const context: BuildContext = { files };
  const sending = `Sending build context to Docker daemon  ${humanSize(contextTarSize(files)).padStart(7)}\r\r\n`;
  if (!opts.quiet) ctx.io.stdout(sending);
  let imageId = '';
  let buffered = '';
  const stream = ctx.client.build(context, {
    dockerfile, tags: opts.tags, buildArgs: kv(opts.buildArgs, ctx.env, true), labels: kv(opts.labels, ctx.env, false) as Record<string, string>,
    noCache: opts.noCache, pull: opts.pull, quiet: opts.quiet, rm: opts.rm, forceRm: opts.forceRm, target: opts.target || undefined,
    platform: opts.platform || undefined, cacheFrom: opts.cacheFrom.length ? opts.cacheFrom : undefined, version: '1',
  });
  const aux = (a: unknown) => {
    if (a && typeof a === 'object' && typeof (a as { ID?: unknown }).ID === 'string') imageId = (a as { ID: string }).ID;
  };
  if (opts.quiet) {
    const saved = ctx.io;
    const quietCtx: CliContext = { ...ctx, io: { ...saved, stdout: (s: string) => { buffered += s; }, stderr: saved.stderr.bind(saved), readLine: saved.readLine.bind(saved), isTTY: false, columns: saved.columns } };
    try {
      await displayStream(quietCtx, stream, { useCode: true, aux });
    } catch (e) {
      // docker/cli build.go: with -q, a failed build shows the buffered progress and build output on stderr
      ctx.io.stderr(sending + buffered);
      throw e;
    }
    ctx.io.stdout(buffered);
  } else {
    await displayStream(ctx, stream, { useCode: true, aux });
  }
  if (opts.iidfile && ctx.workspace) ctx.workspace.write(resolvePath(ctx, opts.iidfile), imageId);
}
