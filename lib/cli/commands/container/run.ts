import type { ContainerCreateRequest, HealthConfig, HostConfig, PortBinding } from '../../../api/types';
import { EngineError } from '../../../api/errors';
import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import type { FlagSet } from '../../flags';
import { familiarString, fullName, parseNormalizedNamed, ReferenceError, tagNameOnly } from '../../../reference/reference';
import { displayStream } from '../../stream';
import { registryAuthFor } from '../registry/auth';
import { resolvePath } from '../../workspace-path';
import { hostPath, parseMount, splitVolumes, validateMount } from './mounts';
import { networkingConfig, validateNetworkOpt, validMac } from './netopts';
import { parseNanoCpus } from './update';
import { parseRAMInBytes } from '../../flags';

/** Options shared by `docker run` and `docker create` (cli/command/container/opts.go, reduced to what the engine supports). */
export interface ContainerOptions {
  image: string; cmd: string[]; name: string; detach: boolean; interactive: boolean; tty: boolean; rm: boolean;
  env: string[]; envFile: string[]; publish: string[]; publishAll: boolean; volumes: string[]; mounts: string[]; workdir: string; user: string; entrypoint?: string;
  labels: string[]; hostname: string; network: string; restart: string; attach: string[];
  /** Every --network (short or long form; the first is HostConfig.NetworkMode), --network-alias, --link, --ip, --ip6,
   * --mac-address, --link-local-ip (parseNetworkOpts, netopts.ts). */
  networks: string[]; aliases: string[]; links: string[]; ip?: string; ip6?: string; macAddress: string; linkLocalIPs: string[];
  health: { cmd: string; interval: number; timeout: number; startPeriod: number; startInterval: number; retries: number; none: boolean }; expose: string[]; pull: string; platform: string; quiet: boolean; sigProxy: boolean;
  /** The resource flags that were given (-m, --memory-swap, --memory-reservation, --cpus, -c, --pids-limit, --cpuset-*, --cpu-period/quota, --blkio-weight) as HostConfig fields. */
  resources: Record<string, number | string>;
}

/** The resource flags run/create share with `docker update`, as HostConfig fields (only those given). */
function resourceFlags(f: FlagSet): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const bytes = (name: string) => { const r = parseRAMInBytes(f.string(name)); return typeof r === 'number' ? r : 0; };
  if (f.changed('memory')) out.Memory = bytes('memory');
  if (f.changed('memory-swap')) out.MemorySwap = f.string('memory-swap') === '-1' ? -1 : bytes('memory-swap');
  if (f.changed('memory-reservation')) out.MemoryReservation = bytes('memory-reservation');
  if (f.changed('cpus')) { const n = parseNanoCpus(f.string('cpus')); if (typeof n === 'number') out.NanoCpus = n; }
  if (f.changed('cpu-shares')) out.CpuShares = f.int('cpu-shares');
  if (f.changed('cpu-period')) out.CpuPeriod = f.int('cpu-period');
  if (f.changed('cpu-quota')) out.CpuQuota = f.int('cpu-quota');
  if (f.changed('cpuset-cpus')) out.CpusetCpus = f.string('cpuset-cpus');
  if (f.changed('cpuset-mems')) out.CpusetMems = f.string('cpuset-mems');
  if (f.changed('blkio-weight')) out.BlkioWeight = f.int('blkio-weight');
  if (f.changed('pids-limit')) out.PidsLimit = f.int('pids-limit');
  return out;
}

/** opts.ValidateAttach */
export function validateAttach(v: string): string | null {
  return ['stdin', 'stdout', 'stderr'].includes(v.toLowerCase()) ? null : 'valid streams are STDIN, STDOUT and STDERR';
}
export const CONTAINER_FLAG_VALIDATORS = {
  attach: validateAttach, mount: validateMount, network: validateNetworkOpt,
  cpus: (v: string) => { const r = parseNanoCpus(v); return typeof r === 'string' ? r : null; },
};

export function containerOptions(f: FlagSet, args: string[]): ContainerOptions {
  return {
    image: args[0], cmd: args.slice(1), name: f.string('name'), detach: f.bool('detach'), interactive: f.bool('interactive'), tty: f.bool('tty'),
    rm: f.bool('rm'), env: f.list('env'), envFile: f.list('env-file'), publish: f.list('publish'), publishAll: f.bool('publish-all'), volumes: f.list('volume'), mounts: f.list('mount'),
    workdir: f.string('workdir'), user: f.string('user'), entrypoint: f.changed('entrypoint') ? f.string('entrypoint') : undefined,
    labels: f.list('label'), hostname: f.string('hostname'), network: f.list('network')[0] ?? '', restart: f.string('restart', 'no'),
    networks: f.list('network'), aliases: f.list('network-alias'), links: f.list('link'), macAddress: f.string('mac-address'), linkLocalIPs: f.list('link-local-ip'),
    ip: f.changed('ip') ? f.string('ip') : undefined, ip6: f.changed('ip6') ? f.string('ip6') : undefined,
    health: {
      cmd: f.string('health-cmd'), interval: f.duration('health-interval') ?? 0, timeout: f.duration('health-timeout') ?? 0,
      startPeriod: f.duration('health-start-period') ?? 0, startInterval: f.duration('health-start-interval') ?? 0, retries: f.int('health-retries'), none: f.bool('no-healthcheck'),
    },
    attach: f.list('attach'), expose: f.list('expose'), pull: f.string('pull', 'missing'), platform: f.string('platform'), quiet: f.bool('quiet'), sigProxy: f.bool('sig-proxy', true),
    resources: resourceFlags(f),
  };
}

/** nat.ParsePortRange: `80` or `8000-8080`, each 0..65535, start <= end. */
function validPortRange(p: string): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(p);
  if (!m) return false;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a <= 65535 && b <= 65535 && a <= b;
}

function parsePublish(specs: string[]): { exposed: Record<string, Record<string, never>>; bindings: Record<string, PortBinding[]> } {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const s of specs) {
    let rest = s;
    let proto = 'tcp';
    const slash = rest.lastIndexOf('/');
    if (slash >= 0) { proto = rest.slice(slash + 1) || 'tcp'; rest = rest.slice(0, slash); }
    const parts = rest.split(':');
    let ip = '';
    let host = '';
    let container: string;
    if (parts.length === 1) container = parts[0];
    else if (parts.length === 2) [host, container] = parts;
    else { container = parts.pop()!; host = parts.pop()!; ip = parts.join(':'); }
    if (!validPortRange(container)) throw new StatusError(`invalid containerPort: ${container}`, 125);
    if (host !== '' && !validPortRange(host)) throw new StatusError(`invalid hostPort: ${host}`, 125);
    if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new StatusError(`invalid proto: ${proto}`, 125);
    const key = `${container}/${proto}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: ip, HostPort: host });
  }
  return { exposed, bindings };
}

/**
 * `--env-file`, read from the workspace like docker/cli's opts.ParseEnvFile: lines are left-trimmed, blank lines and
 * `#` comments skipped, `KEY=VALUE` passed through untrimmed, a bare `KEY` taken from the console's environment (or
 * dropped). Env files come before `-e` values.
 */
function readEnvFiles(ctx: CliContext, files: string[]): string[] {
  const out: string[] = [];
  for (const name of files) {
    const file = ctx.workspace?.read(resolvePath(ctx, name));
    if (!file) throw new StatusError(`open ${name}: no such file or directory`, 125);
    let text = new TextDecoder().decode(file.data);
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const variable = eq < 0 ? line : line.slice(0, eq);
      if (/[ \t\n\v\f\r]/.test(variable)) throw new StatusError(`poorly formatted environment: variable '${variable}' contains whitespaces`, 125);
      if (variable === '') throw new StatusError(`poorly formatted environment: no variable name on line '${line}'`, 125);
      if (eq >= 0) out.push(line);
      else if (ctx.env[variable] !== undefined) out.push(`${variable}=${ctx.env[variable]}`);
    }
  }
  return out;
}

export function buildCreateRequest(ctx: CliContext, o: ContainerOptions): ContainerCreateRequest {
  // opts.go parse: the container-wide MAC address is checked first
  if (o.macAddress !== '' && !validMac(o.macAddress.trim())) throw new StatusError(`${o.macAddress} is not a valid mac address`, 125);
  const { exposed, bindings } = parsePublish(o.publish);
  for (const e of o.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const labels: Record<string, string> = {};
  for (const l of o.labels) { const i = l.indexOf('='); labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1); }
  const env = [...readEnvFiles(ctx, o.envFile), ...o.env.map((e) => (e.includes('=') ? e : ctx.env[e] !== undefined ? `${e}=${ctx.env[e]}` : e))]
    .filter((e) => e.includes('='));
  const restartPolicy = parseRestartPolicy(o.restart);
  if (o.rm && !['', 'no'].includes(restartPolicy.Name)) throw new StatusError('conflicting options: cannot specify both --restart and --rm', 125);
  const healthcheck = healthConfig(o.health);
  let vols: ReturnType<typeof splitVolumes>;
  try { vols = splitVolumes(ctx, o.volumes); } catch (e) { throw new StatusError((e as Error).message, 125); }
  const mounts = o.mounts.map((m) => parseMount(m, (p) => hostPath(ctx, p)));
  const { mode: networkMode, endpoints } = networkingConfig(o.networks, {
    aliases: o.aliases, links: o.links, ip: o.ip, ip6: o.ip6, macAddress: o.macAddress, linkLocalIPs: o.linkLocalIPs,
  });
  const host: HostConfig = {
    Binds: vols.binds.length ? vols.binds : null, NetworkMode: networkMode, PortBindings: bindings,
    RestartPolicy: restartPolicy, AutoRemove: o.rm, PublishAllPorts: o.publishAll,
    ...(mounts.length ? { Mounts: mounts } : {}), Links: o.links.length ? [...o.links] : null,
    // The zero values docker/cli 28.2.2 always sends (captured from its create request): the daemon stores them as given.
    LogConfig: { Type: '', Config: {} }, Dns: [], DnsOptions: [], DnsSearch: [],
    BlkioWeightDevice: [], BlkioDeviceReadBps: [], BlkioDeviceWriteBps: [], BlkioDeviceReadIOps: [], BlkioDeviceWriteIOps: [],
    Devices: [], MemorySwappiness: -1, OomKillDisable: false, PidsLimit: 0, Ulimits: [],
    ...o.resources,
  };
  return {
    Hostname: o.hostname, User: o.user, AttachStdin: o.interactive, AttachStdout: !o.detach, AttachStderr: !o.detach,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined, Tty: o.tty, OpenStdin: o.interactive, StdinOnce: o.interactive && !o.detach,
    Env: env, Cmd: o.cmd.length ? o.cmd : null, Image: o.image, Volumes: vols.volumes, WorkingDir: o.workdir, Entrypoint: o.entrypoint === undefined ? null : o.entrypoint === '' ? [''] : [o.entrypoint],
    Labels: labels, ...(healthcheck ? { Healthcheck: healthcheck } : {}), HostConfig: host,
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
}

/** opts.ParseRestartPolicy */
export function parseRestartPolicy(policy: string): { Name: string; MaximumRetryCount: number } {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  const i = policy.indexOf(':');
  const name = i < 0 ? policy : policy.slice(0, i);
  const count = i < 0 ? '' : policy.slice(i + 1);
  if (i >= 0 && name === '') throw new StatusError('invalid restart policy format: no policy provided before colon', 125);
  let n = 0;
  if (count !== '') {
    if (!/^[+-]?\d+$/.test(count)) throw new StatusError('invalid restart policy format: maximum retry count must be an integer', 125);
    n = parseInt(count, 10);
  }
  return { Name: name, MaximumRetryCount: n };
}

/** The --health-* / --no-healthcheck flags (opts.go): durations in nanoseconds; an empty Test inherits the image's. */
function healthConfig(h: ContainerOptions['health']): HealthConfig | undefined {
  const have = h.cmd !== '' || h.interval !== 0 || h.timeout !== 0 || h.startPeriod !== 0 || h.retries !== 0 || h.startInterval !== 0;
  if (h.none) {
    if (have) throw new StatusError('--no-healthcheck conflicts with --health-* options', 125);
    return { Test: ['NONE'] };
  }
  if (!have) return undefined;
  for (const [v, flag] of [[h.interval, 'interval'], [h.timeout, 'timeout'], [h.retries, 'retries'], [h.startPeriod, 'start-period'], [h.startInterval, 'start-interval']] as const) {
    if (v < 0) throw new StatusError(`--health-${flag} cannot be negative`, 125);
  }
  const ns = (ms: number) => Math.round(ms * 1_000_000);
  const out: HealthConfig = {};
  if (h.cmd) out.Test = ['CMD-SHELL', h.cmd];
  if (h.interval) out.Interval = ns(h.interval);
  if (h.timeout) out.Timeout = ns(h.timeout);
  if (h.startPeriod) out.StartPeriod = ns(h.startPeriod);
  if (h.startInterval) out.StartInterval = ns(h.startInterval);
  if (h.retries) out.Retries = h.retries;
  return out;
}

/** Creates the container, pulling the image first when it is missing (`Unable to find image ... locally`). */
export async function createContainer(ctx: CliContext, o: ContainerOptions, command: 'run' | 'create'): Promise<string> {
  let req: ContainerCreateRequest;
  try {
    req = buildCreateRequest(ctx, o);
  } catch (e) {
    if (e instanceof StatusError) throw withHelp(e.message, 125, command);
    throw e;
  }
  let ref;
  try {
    ref = tagNameOnly(parseNormalizedNamed(o.image));
  } catch (e) {
    if (e instanceof ReferenceError) throw command === 'run' ? withHelp(e.message, 125, command) : new StatusError(e.message, 1);
    throw e;
  }
  const pull = async () => {
    const stream = ctx.client.imagePull({ fromImage: fullName(ref), tag: ref.digest ?? ref.tag, platform: o.platform || undefined, registryAuth: registryAuthFor(ctx, ref.domain) });
    const errCtx: CliContext = { ...ctx, io: { ...ctx.io, stdout: (s: string) => ctx.io.stderr(s), stderr: ctx.io.stderr.bind(ctx.io), readLine: ctx.io.readLine.bind(ctx.io), isTTY: ctx.io.isTTY, columns: ctx.io.columns } };
    await displayStream(errCtx, stream, { quiet: o.quiet });
  };
  const create = async (): Promise<string> => {
    if (o.pull === 'always') await pull();
    try {
      const res = await ctx.client.containerCreate(req, o.name || undefined);
      for (const w of res.Warnings ?? []) ctx.io.stderr(`WARNING: ${w}\n`);
      return res.Id;
    } catch (e) {
      if (!(e instanceof EngineError && e.status === 404 && o.pull !== 'never')) throw e;
      ctx.io.stderr(`Unable to find image '${familiarString(ref)}' locally\n`);
      await pull();
      const res = await ctx.client.containerCreate(req, o.name || undefined);
      for (const w of res.Warnings ?? []) ctx.io.stderr(`WARNING: ${w}\n`);
      return res.Id;
    }
  };
  try {
    return await create();
  } catch (e) {
    if (command === 'run') {
      if (e instanceof EngineError) throw withHelp(`Error response from daemon: ${e.message}`, 125, command);
      if (e instanceof Error) throw withHelp(e.message, 125, command);
    }
    throw e;
  }
}

/** run.go withHelp: `docker: <err>` plus the help hint. */
function withHelp(message: string, status: number, command: 'run' | 'create' = 'run'): StatusError {
  return new StatusError(`docker: ${message}\n\nRun 'docker ${command} --help' for more information`, status);
}

/** run.go toStatusError: start failures exit 127 (command not found), 126 (not executable) or 125. */
function toStatusError(e: unknown): StatusError {
  const msg = e instanceof EngineError ? `Error response from daemon: ${e.message}` : e instanceof Error ? e.message : String(e);
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(msg)) return withHelp(msg, 127);
  if (/permission denied|cannot execute binary file/.test(msg)) return withHelp(msg, 126);
  return withHelp(msg, 125);
}

export const runCommand: CommandDef<ContainerOptions> = {
  name: 'run',
  spec: 'container run',
  args: minArgs(1),
  interspersed: false,
  flagValidators: CONTAINER_FLAG_VALIDATORS,
  options: containerOptions,
  run: runRun,
};

export async function runRun(ctx: CliContext, o: ContainerOptions): Promise<number | void> {
  if (o.attach.length > 0 && o.detach) throw new StatusError('conflicting options: cannot specify both --attach and --detach', 1);
  const id = await createContainer(ctx, o, 'run');
  if (o.detach) {
    try {
      await ctx.client.containerStart(id);
    } catch (e) {
      throw toStatusError(e);
    }
    ctx.io.stdout(id + '\n');
    return;
  }
  const attached = ctx.client.containerAttach(id, {
    stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s), tty: o.tty, columns: ctx.io.columns, signal: ctx.io.signal,
    readStdin: o.interactive ? () => ctx.io.readLine().then((l) => (l === null ? null : l + '\n')) : undefined,
    ...(o.interactive && ctx.stdin !== undefined ? { finiteStdin: true } : {}),
  });
  // --sig-proxy (default true): Ctrl+C is forwarded to the container as SIGINT.
  const onAbort = () => { void ctx.client.containerKill(id, 'SIGINT').catch(() => {}); };
  if (o.sigProxy && !o.tty) ctx.io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await ctx.client.containerStart(id);
  } catch (e) {
    ctx.io.signal?.removeEventListener('abort', onAbort);
    throw toStatusError(e);
  }
  await attached;
  ctx.io.signal?.removeEventListener('abort', onAbort);
  if (o.rm) {
    try {
      const w = await ctx.client.containerWait(id, 'removed');
      return w.StatusCode;
    } catch {
      return 0;
    }
  }
  const w = await ctx.client.containerWait(id);
  return w.StatusCode;
}
