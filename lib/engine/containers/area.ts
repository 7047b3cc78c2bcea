/**
 * The containers area: create/start/stop/attach/exec/logs/... over EngineState, after moby's daemon/ (create.go,
 * start.go, stop.go, kill.go, list.go, inspect.go). Each container has a writable UnionFs over its image's layers
 * (retained while the container exists); its main process is a simulated program (lib/engine/programs).
 */
import { parseSignal } from '../signals';
import type {
  AttachIO, ContainerChange, ContainerConfig, ContainerCreateRequest, ContainerCreateResponse, ContainerInspect, ContainerListOptions,
  ContainerSummary, ContainersPruneReport, ContainerTop, ContainerWaitResponse, EndpointSettings, ExecCreateRequest, Filters, HealthConfig, HostConfig, LogsOptions,
  ContainerStats, ContainerUpdateConfig, ContainerUpdateResponse, Port, PortBinding, VolumeCreateRequest, VolumeInfo, VolumesPruneReport,
} from '../../api/types';
import { EngineError, conflict, invalidParameter, notFound } from '../../api/errors';
import type { EngineState } from '../state';
import { findImage, filterValues, matchLabels } from '../images';
import { UnionFs } from '../fs/union';
import { MountFs, HostBindFs, type HostFiles } from '../fs/mounts';
import {
  type ContainerMount, type VolumeRecord, containerMounts, createVolume, fsMounts, getVolume, matchVolume, publicMount, pruneVolumes,
  removeVolume, volumeFs, volumeInfo, volumeSize, bindSourceFor,
} from './volumes';
import { rfc3339Nano } from '../clock';
import { sha256Hex } from '../digest';
import { ShellSession, runShell, detectFlavor, resolveUser, type ShellFetchResult } from '../../shell/index';
import { clientCommand, lookPath, resolveProgram, type HttpResponse, type Program, type ProgramContext } from '../programs/index';
import { randomName } from './names';
import { RESOURCE_DEFAULTS, adaptResources, applyUpdate, normalizeUpdate, validateResources, validateUpdate } from './update';
import { containerStats as statsSample, CPUS as NCPU } from './stats';
import {
  type HealthState, type PendingProbe, PROBE_RUN_MS, applyProbe, healthSuffix, healthTest, limitOutput, nextBackoff, nextProbeTime, probeTimeoutMs, restartPolicyError,
  shouldRestart, timeoutResult,
} from './health';
import { containerEvent } from '../events';
import { findNetwork, primaryAddress, resolveAddress } from '../networks';
import { readTar, writeTar, type TarWriteEntry } from '../../api/tar-read';
import { contentBytes, normPath } from '../fs/entry';
import { saveLayerContent, loadLayerContent, registerAreaCodec, type SavedLayer } from '../serialize';
import type { LayerChange } from '../tar';

export type Status = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
interface LogEntry { stream: 'stdout' | 'stderr'; text: string; ms: number }
interface Running { program: Program; abort: AbortController; done: Promise<number>; killCode?: number; startedMs: number }

export interface ContainerRecord {
  id: string; name: string; createdMs: number; path: string; args: string[];
  config: ContainerConfig; hostConfig: HostConfig; imageId: string; topChain: string;
  fs: MountFs;
  status: Status; exitCode: number; error: string; startedAt: string; finishedAt: string; finishedMs: number; pid: number;
  logs: LogEntry[]; restartCount: number; ip: string;
  /** actual bindings while running: "80/tcp" -> [{HostIp, HostPort}] */
  ports: Record<string, PortBinding[]>;
  mounts: ContainerMount[];
  run?: Running;
  listeners: Set<AttachIO>;
  exitWaiters: ((code: number) => void)[];
  stdinBuf: string; stdinEof: boolean; onAttach?: () => void;
  /** Restart policy state: when the next restart is due, the back-off, `docker stop` seen (no restart then). */
  restartAt?: number; backoffMs?: number; manuallyStopped?: boolean; daemonStart?: boolean;
  health?: HealthState;
}
interface ExecRecord { id: string; container: ContainerRecord; req: ExecCreateRequest; running: boolean; exitCode: number | null; pid: number }

export interface ContainersArea {
  containers: Map<string, ContainerRecord>;
  execs: Map<string, ExecRecord>;
  /** host port -> container id + container port */
  ports: Map<number, { id: string; port: number }>;
  volumes: Map<string, VolumeRecord>;
  /** The host's files for bind mounts (the workspace), when the session attached them. */
  host?: HostFiles;
  /** While catching up with restarts: the time the restarted program runs at. */
  virtualNow?: number;
  /** exit codes of auto-removed containers (wait condition=removed after the fact) */
  removed: Map<string, number>;
  nextPid: number;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function containersOf(state: EngineState): ContainersArea {
  let a = state.areas.get('containers') as ContainersArea | undefined;
  if (!a) {
    a = { containers: new Map(), execs: new Map(), ports: new Map(), volumes: new Map(), removed: new Map(), nextPid: 4123 };
    state.areas.set('containers', a);
    const area = a;
    state.hooks.imageUsers = (imageId) => [...area.containers.values()].filter((c) => c.imageId === imageId)
      .sort((x, y) => x.createdMs - y.createdMs).map((c) => ({ id: c.id, running: c.status === 'running' || c.status === 'paused' }));
    state.hooks.containerCounts = () => {
      const cs = [...area.containers.values()];
      const running = cs.filter((c) => c.status === 'running').length;
      const paused = cs.filter((c) => c.status === 'paused').length;
      return { total: cs.length, running, paused, stopped: cs.length - running - paused };
    };
  }
  return a;
}

// ---------- lookup ----------
export function findContainer(state: EngineState, ref: string): ContainerRecord | undefined {
  const a = containersOf(state);
  const n = ref.replace(/^\//, '');
  if (!n) return undefined;
  const byId = a.containers.get(n);
  if (byId) return byId;
  for (const c of a.containers.values()) if (c.name === n) return c;
  const matches = [...a.containers.values()].filter((c) => c.id.startsWith(n));
  if (matches.length > 1) throw invalidParameter(`multiple IDs found with provided prefix: ${n}`);
  return matches[0];
}
export function getContainer(state: EngineState, ref: string): ContainerRecord {
  const c = findContainer(state, ref);
  if (!c) throw notFound(`No such container: ${ref}`);
  refresh(state, c);
  return c;
}

/** Programs that end by themselves after a while (sleep N) are observed lazily against the clock. */
function refresh(state: EngineState, c: ContainerRecord): void {
  const r = c.run;
  if (!r || r.program.endsAfter === undefined || c.status !== 'running') return;
  if (state.clock.now() >= r.startedMs + r.program.endsAfter * 1000) { r.killCode = 0; r.abort.abort(); finish(state, c, 0, r.startedMs + r.program.endsAfter * 1000); }
}

// ---------- create ----------
const NAME_RE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

function mergeConfig(user: ContainerConfig, img: Record<string, unknown> | undefined): ContainerConfig {
  const ic = (img ?? {}) as ContainerConfig;
  const u: ContainerConfig = { ...user };
  if (!u.User) u.User = ic.User ?? '';
  const exposed: Record<string, Record<string, never>> = { ...(ic.ExposedPorts ?? {}), ...(u.ExposedPorts ?? {}) };
  u.ExposedPorts = Object.keys(exposed).length ? Object.fromEntries(Object.keys(exposed).sort().map((k) => [k, {}])) : undefined;
  const env = [...(u.Env ?? [])];
  for (const e of ic.Env ?? []) if (!env.some((x) => x.split('=')[0] === e.split('=')[0])) env.push(e);
  u.Env = env;
  u.Labels = { ...(ic.Labels ?? {}), ...(u.Labels ?? {}) };
  if (!u.Entrypoint || u.Entrypoint.length === 0) {
    if (!u.Cmd || u.Cmd.length === 0) { u.Cmd = ic.Cmd ?? null; if (ic.ArgsEscaped) u.ArgsEscaped = true; }
    if (u.Entrypoint == null) u.Entrypoint = ic.Entrypoint ?? null;
  }
  if (ic.Healthcheck && !u.Healthcheck) u.Healthcheck = ic.Healthcheck;
  else if (ic.Healthcheck && u.Healthcheck) {
    // moby's merge: an empty test or zero durations come from the image's HEALTHCHECK.
    const h = { ...u.Healthcheck };
    if (!h.Test || h.Test.length === 0) h.Test = ic.Healthcheck.Test;
    for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) if (!h[k] && ic.Healthcheck[k]) h[k] = ic.Healthcheck[k];
    u.Healthcheck = h;
  }
  if (!u.WorkingDir) u.WorkingDir = ic.WorkingDir ?? '';
  u.Volumes = { ...(ic.Volumes ?? {}), ...(u.Volumes ?? {}) };
  if (!Object.keys(u.Volumes).length) u.Volumes = null;
  if (!u.StopSignal && ic.StopSignal) u.StopSignal = ic.StopSignal;
  return u;
}

/** moby container.Config in its JSON order. */
function orderedConfig(c: ContainerConfig): ContainerConfig {
  const o: ContainerConfig = {
    Hostname: c.Hostname ?? '', Domainname: c.Domainname ?? '', User: c.User ?? '', AttachStdin: !!c.AttachStdin, AttachStdout: !!c.AttachStdout, AttachStderr: !!c.AttachStderr,
  };
  if (c.ExposedPorts && Object.keys(c.ExposedPorts).length) o.ExposedPorts = c.ExposedPorts;
  o.Tty = !!c.Tty; o.OpenStdin = !!c.OpenStdin; o.StdinOnce = !!c.StdinOnce;
  o.Env = c.Env && c.Env.length ? c.Env : null;
  o.Cmd = c.Cmd && c.Cmd.length ? c.Cmd : null;
  if (c.Healthcheck) o.Healthcheck = c.Healthcheck;
  if (c.ArgsEscaped) o.ArgsEscaped = true;
  o.Image = c.Image ?? '';
  o.Volumes = c.Volumes ?? null;
  o.WorkingDir = c.WorkingDir ?? '';
  o.Entrypoint = c.Entrypoint && c.Entrypoint.length ? c.Entrypoint : null;
  o.OnBuild = c.OnBuild ?? null;
  o.Labels = c.Labels ?? {};
  if (c.StopSignal) o.StopSignal = c.StopSignal;
  return o;
}

/** moby's internal/multierror.Join(...).Error(): one error trimmed, several as a `* ` list (inner newlines indented). */
function joinErrors(errs: string[]): string {
  if (errs.length === 1) return errs[0].trim();
  return '* ' + errs.map((e) => e.replace(/\n/g, '\n\t')).join('\n* ');
}

/** Go's net.ParseIP, reduced: an IPv4 dotted quad (4 decimal bytes) or an IPv6 address; undefined when invalid. */
function parseIp(s: string): { v4: number[] } | { v6: true } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const b = v4.slice(1).map(Number);
    return b.every((x, i) => x <= 255 && !(v4[i + 1].length > 1 && v4[i + 1][0] === '0')) ? { v4: b } : undefined;
  }
  if (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s)) {
    try { new URL(`http://[${s}]/`); return { v6: true }; } catch { return undefined; }
  }
  return undefined;
}

function inCidr(ip: number[], cidr: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return false;
  const n = (b: number[]) => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  const bits = Number(m[5]);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((n(ip) & mask) >>> 0) === ((n(m.slice(1, 5).map(Number)) & mask) >>> 0);
}

/** Go's net.ParseMAC: 6, 8 or 20 bytes as xx:xx…, xx-xx… or xxxx.xxxx…. */
export function validMacAddress(s: string): boolean {
  if (s[2] === ':' || s[2] === '-') { const p = s.split(s[2]); return [6, 8, 20].includes(p.length) && p.every((x) => /^[0-9a-fA-F]{2}$/.test(x)); }
  if (s[4] === '.') { const p = s.split('.'); return [3, 4, 10].includes(p.length) && p.every((x) => /^[0-9a-fA-F]{4}$/.test(x)); }
  return false;
}

/**
 * daemon.validateNetworkingConfig / validateEndpointSettings (moby 28): static addresses and aliases only on
 * user-defined networks, valid IPv4/IPv6 addresses, and a static IPv4 inside the network's configured subnet
 * (or ip-range). Returns the error message, or null.
 */
function validateNetworkingConfig(state: EngineState, endpoints: Record<string, EndpointSettings | null>): string | null {
  const errs: string[] = [];
  for (const [k, v] of Object.entries(endpoints)) {
    if (!v) { errs.push(`invalid config for network ${k}: EndpointsConfig is nil`); continue; }
    const ipam = v.IPAMConfig ?? {};
    const v4 = ipam.IPv4Address ?? '';
    const v6 = ipam.IPv6Address ?? '';
    const e: string[] = [];
    const userDefined = !['default', 'bridge', 'host', 'none'].includes(k) && !k.startsWith('container:');
    if (!userDefined) {
      if (v4 || v6) e.push('user specified IP address is supported on user defined networks only');
      if ((v.Aliases ?? []).length) e.push('network-scoped alias is supported only for containers in user defined networks');
    }
    const p4 = v4 ? parseIp(v4) : undefined;
    if (v4 && !(p4 && 'v4' in p4 && p4.v4.some((x) => x !== 0))) e.push(`invalid IPv4 address: ${v4}`);
    const p6 = v6 ? parseIp(v6) : undefined;
    if (v6 && !(p6 && 'v6' in p6 && !/^[0:]+$/.test(v6))) e.push(`invalid IPv6 address: ${v6}`);
    for (const a of ipam.LinkLocalIPs ?? []) if (!parseIp(a)) e.push(`invalid link-local IP address: ${a}`);
    if (v.MacAddress && !validMacAddress(v.MacAddress)) e.push(`invalid MAC address ${v.MacAddress}`);
    const nw = findNetwork(state, k);
    if (nw && v4) {
      // The default bridge's and --subnet networks' pools are static; an allocated pool is not.
      const staticPool = nw.subnet !== '' && (nw.predefined || nw.pool === 0);
      const range = nw.ipRange || nw.subnet;
      if (!staticPool) e.push('user specified IP address is supported only when connecting to networks with user configured subnets');
      else if (!(p4 && 'v4' in p4 && inCidr(p4.v4, range))) e.push(`no configured subnet or ip-range contain the IP address ${v4}`);
    }
    // No network here has an IPv6 pool of its own choosing.
    if (nw && v6) e.push('user specified IP address is supported only when connecting to networks with user configured subnets');
    if (e.length) errs.push(`invalid config for network ${k}: invalid endpoint settings:\n${joinErrors(e)}`);
  }
  return errs.length ? joinErrors(errs) : null;
}

/**
 * POST /containers/create. `opts.noImage`: the classic builder's step containers may have no image (a step right after
 * `FROM scratch`: moby's builder creates them with Image "").
 */
export function containerCreate(state: EngineState, req: ContainerCreateRequest, name?: string, opts: { noImage?: boolean } = {}): ContainerCreateResponse {
  // verifyContainerSettings comes before the image lookup.
  const hc0 = req.Healthcheck;
  if (hc0) {
    for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
      if (hc0[k] && hc0[k]! < 1_000_000) throw invalidParameter(`${k} in Healthcheck cannot be less than 1ms`);
    }
    if ((hc0.Retries ?? 0) < 0) throw invalidParameter('Retries in Healthcheck cannot be negative');
  }
  const policyErr = restartPolicyError(req.HostConfig?.RestartPolicy);
  if (policyErr) throw invalidParameter(policyErr);
  if (req.HostConfig?.AutoRemove && !['', 'no'].includes(req.HostConfig?.RestartPolicy?.Name ?? '')) throw invalidParameter("can't create 'AutoRemove' container with restart policy");
  const resourcesErr = validateResources((req.HostConfig ?? {}) as ContainerUpdateConfig, NCPU, false);
  if (resourcesErr) throw invalidParameter(resourcesErr);
  const a = containersOf(state);
  const imageRef = req.Image ?? '';
  const img = imageRef === '' && opts.noImage ? undefined : findImage(state, imageRef);
  if (!img && !(imageRef === '' && opts.noImage)) throw notFound(`No such image: ${imageRef.includes(':') || imageRef.includes('@') || /^[0-9a-f]{12,64}$/.test(imageRef) ? imageRef : imageRef + ':latest'}`);
  if (name) {
    if (!NAME_RE.test(name)) throw invalidParameter(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const n = name.replace(/^\//, '');
    const other = [...a.containers.values()].find((c) => c.name === n);
    if (other) throw conflict(`Conflict. The container name "/${n}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const { HostConfig: reqHost, NetworkingConfig: nc, ...user } = req;
  // postContainersCreate: NetworkMode "" / "default" is the daemon's default network ("bridge"), its endpoint too.
  const hc: HostConfig | undefined = reqHost && (!reqHost.NetworkMode || reqHost.NetworkMode === 'default') ? { ...reqHost, NetworkMode: 'bridge' } : reqHost;
  const endpoints = { ...((nc as { EndpointsConfig?: Record<string, EndpointSettings | null> } | undefined)?.EndpointsConfig ?? {}) };
  if ('default' in endpoints) { endpoints.bridge = endpoints.default; delete endpoints.default; }
  const netErr = validateNetworkingConfig(state, endpoints);
  if (netErr) throw invalidParameter(netErr);
  const id = state.random.hex(64);
  const cfg = mergeConfig({ ...user, Hostname: user.Hostname || id.slice(0, 12) }, img?.config.config as Record<string, unknown> | undefined);
  cfg.Image = imageRef;
  const argv = [...(cfg.Entrypoint ?? []), ...(cfg.Cmd ?? [])];
  if (argv.length === 0) throw invalidParameter('no command specified');
  let cname = name ? name.replace(/^\//, '') : '';
  for (let retry = 0; !cname; retry++) {
    const n = randomName(state.random, retry);
    if (![...a.containers.values()].some((c) => c.name === n)) cname = n;
  }
  const hostConfig: HostConfig = { ...(hc ?? {}) };
  // postContainersCreate: a PidsLimit of 0 or below is "unlimited", stored as none (inspect null).
  if (typeof hostConfig.PidsLimit !== 'number' || hostConfig.PidsLimit <= 0) delete hostConfig.PidsLimit;
  adaptResources(hostConfig);
  const topChain = img?.topChain ?? '';
  const fs = new MountFs(state.layers.view(topChain), { now: () => Math.floor(state.clock.now() / 1000) });
  // Volumes and binds (created, and filled from the image, at create time like moby's registerMountPoints).
  const mounts = containerMounts(state, a, hostConfig, cfg.Volumes, fs);
  fs.setMounts(fsMounts(mounts));
  state.layers.retain(topChain);
  const c: ContainerRecord = {
    id, name: cname, createdMs: state.clock.now(), path: argv[0], args: argv.slice(1), config: orderedConfig(cfg), hostConfig, imageId: img?.id ?? '', topChain, fs,
    status: 'created', exitCode: 0, error: '', startedAt: ZERO_TIME, finishedAt: ZERO_TIME, finishedMs: 0, pid: 0, logs: [], restartCount: 0, ip: '',
    ports: {}, mounts, listeners: new Set(), exitWaiters: [], stdinBuf: '', stdinEof: false,
  };
  a.containers.set(id, c);
  return { Id: id, Warnings: [] };
}

// ---------- processes ----------
function envMap(list: string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of list ?? []) { const i = e.indexOf('='); if (i > 0) out[e.slice(0, i)] = e.slice(i + 1); }
  if (!out.PATH) out.PATH = DEFAULT_PATH;
  return out;
}

function emit(state: EngineState, c: ContainerRecord, stream: 'stdout' | 'stderr', data: string): void {
  if (!data) return;
  const tty = !!c.config.Tty;
  const text = tty ? data.replace(/\r?\n/g, '\r\n') : data;
  const s = tty ? 'stdout' : stream;
  c.logs.push({ stream: s, text, ms: state.clock.now() });
  for (const l of c.listeners) l[s](text);
}

async function readStdinLine(c: ContainerRecord, signal: AbortSignal): Promise<string | null> {
  const aborted = new Promise<null>((r) => { if (signal.aborted) r(null); else signal.addEventListener('abort', () => r(null), { once: true }); });
  for (;;) {
    if (signal.aborted) return null;
    const nl = c.stdinBuf.indexOf('\n');
    if (nl >= 0) { const l = c.stdinBuf.slice(0, nl); c.stdinBuf = c.stdinBuf.slice(nl + 1); return l.replace(/\r$/, ''); }
    if (c.stdinEof) { if (c.stdinBuf) { const l = c.stdinBuf; c.stdinBuf = ''; return l; } return null; }
    if (!c.config.OpenStdin) return null;
    const reader = [...c.listeners].find((l) => l.readStdin);
    if (!reader) {
      await Promise.race([new Promise<void>((r) => { c.onAttach = r; }), aborted]);
      continue;
    }
    const d = await Promise.race([reader.readStdin!(), aborted]);
    if (signal.aborted) return null;
    if (d === null) { c.stdinEof = true; continue; }
    c.stdinBuf += d;
  }
}

function shellPrompt(fs: UnionFs, shellPath: string, user: string, host: string, cwd: string, home: string): string {
  const root = !user || user === 'root' || user === '0';
  const flavor = detectFlavor(fs, lookPath(fs, shellPath, DEFAULT_PATH) ?? shellPath);
  const shown = cwd === home && home !== '/' ? '~' : cwd.startsWith(home + '/') && home !== '/' ? '~' + cwd.slice(home.length) : cwd;
  if (flavor === 'bash') return `${root ? 'root' : user}@${host}:${shown}${root ? '#' : '$'} `;
  if (flavor === 'busybox') return `${shown} ${root ? '#' : '$'} `;
  return root ? '# ' : '$ ';
}

/**
 * Simulated network for curl/wget inside containers: localhost (own servers), the container's own name and hostname,
 * and other containers as Docker's embedded DNS answers (networks.resolveAddress: names and aliases on shared
 * user-defined networks, addresses on any shared network; no names on the default bridge), plus legacy `--link`
 * names and aliases (/etc/hosts entries) to running containers on the default bridge.
 */
function containerFetch(state: EngineState, self: ContainerRecord): (url: string) => Promise<ShellFetchResult> {
  return async (url) => {
    const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!m) return null;
    const [, host, port = '80', path = '/'] = m;
    let target: ContainerRecord | undefined;
    let ip = '';
    if (host === 'localhost' || host === '127.0.0.1') { target = self; ip = '127.0.0.1'; }
    else if (host === (self.config.Hostname || self.id.slice(0, 12))) { target = self; ip = primaryAddress(state, self) || '127.0.0.1'; }
    else {
      const r = resolveAddress(state, self, host);
      if (r) { target = r.container; ip = r.ip; }
      else { target = linkedContainer(state, self, host); ip = target?.ip ?? ''; }
    }
    if (!target?.run) return null;
    const r = serve(target, Number(port), path, 'GET');
    // The name resolved: nothing listening on the port is a refused connection, not an unknown host.
    return r ? { status: r.status, body: r.body } : { refused: true, ip: ip || host };
  };
}

/** HostConfig.Links (`name` or `name:alias`) on the default bridge: the linked container, running and on the bridge too. */
function linkedContainer(state: EngineState, self: ContainerRecord, host: string): ContainerRecord | undefined {
  const bridge = (x: ContainerRecord) => ['', 'bridge', 'default'].includes(x.hostConfig.NetworkMode ?? '');
  if (!bridge(self)) return undefined;
  for (const l of (self.hostConfig.Links as string[] | null | undefined) ?? []) {
    const i = l.indexOf(':');
    const name = (i < 0 ? l : l.slice(0, i)).replace(/^\//, '');
    const alias = i < 0 ? name : l.slice(i + 1).replace(/^.*\//, '');
    if (host !== name && host !== alias) continue;
    const c = findContainer(state, name);
    if (c && c.status === 'running' && bridge(c)) return c;
  }
  return undefined;
}

function serve(c: ContainerRecord, port: number, path: string, method: string): HttpResponse | null {
  const p = c.run?.program;
  if (!p || c.status !== 'running' || !p.http || !p.listens.includes(port)) return null;
  return p.http(path, method);
}

function programContext(state: EngineState, c: ContainerRecord, signal: AbortSignal, io: { out(s: string): void; err(s: string): void; readLine(): Promise<string | null>; tty: boolean; interactive: boolean; finiteStdin?(): boolean }, over: { env?: string[]; user?: string; cwd?: string; sleep?: (ms: number) => Promise<void> } = {}): ProgramContext {
  // moby's CreateDaemonEnvironment order: PATH, HOSTNAME, TERM (with a TTY), then the container's (and exec's) Env,
  // replacing in place; the runtime appends HOME last when it is missing.
  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: c.config.Hostname || c.id.slice(0, 12) };
  if (io.tty) env.TERM = 'xterm';
  Object.assign(env, envMap([...(c.config.Env ?? []), ...(over.env ?? [])]));
  const user = over.user || c.config.User || 'root';
  const cwd = over.cwd || c.config.WorkingDir || '/';
  if (cwd !== '/' && !c.fs.entry(cwd)) c.fs.mkdirSyncInternal(cwd, true, 0o755);
  const base = {
    fs: c.fs, env, cwd, user, hostname: env.HOSTNAME, signal, fetch: containerFetch(state, c),
    randomHex: (n: number) => state.random.hex(n), now: () => Math.floor(state.clock.now() / 1000),
    processes: [{ pid: 1, user: 'root', cmd: [c.path, ...c.args].join(' ') }],
    ...(over.sleep ? { sleep: over.sleep } : {}),
  };
  return {
    fs: c.fs, env, cwd, user, hostname: env.HOSTNAME, tty: io.tty, interactive: io.interactive, out: io.out, err: io.err, readLine: io.readLine, signal,
    now: () => state.clock.now(), cpus: 4,
    async shell(script, shell) {
      // `docker run -i` with a file or a pipe on stdin: the script gets all of it (just-bash takes stdin up front)
      let stdin: string | undefined;
      if (io.interactive && !io.tty && io.finiteStdin?.()) {
        stdin = '';
        for (let l = await io.readLine(); l !== null; l = await io.readLine()) stdin += l + '\n';
      }
      const r = await runShell({ ...base, script, shell, ...(stdin !== undefined ? { stdin } : {}), onOutput: (s, d) => (s === 'stdout' ? io.out(d) : io.err(d)) });
      if (r.startError) io.err(r.startError + '\n');
      return r;
    },
    async interactiveShell(shellPath) {
      if (shellPath === 'node') {
        for (;;) {
          if (io.tty) io.out('> ');
          const line = await io.readLine();
          if (line === null || line.trim() === '.exit') return 0;
          const log = /^console\.log\((['"`])(.*)\1\)$/.exec(line.trim());
          if (log) io.out(log[2] + '\nundefined\n');
          else if (/^[\d+\-*/ ().]+$/.test(line.trim()) && line.trim()) io.out(String(Function(`return (${line})`)()) + '\n');
          else if (line.trim()) io.out('undefined\n');
        }
      }
      const session = new ShellSession({ ...base, shell: [shellPath, '-c'] });
      let last = 0;
      for (;;) {
        if (io.tty) io.out(shellPrompt(c.fs, shellPath, user, env.HOSTNAME, session.cwd, env.HOME ?? (user === 'root' ? '/root' : '/')));
        const line = await io.readLine();
        if (line === null) { if (io.tty) io.out('exit\n'); return last; }
        const r = await session.run(line);
        io.out(r.stdout);
        io.err(r.stderr);
        last = r.exitCode;
        if (session.exited) return r.exitCode;
      }
    },
  };
}

function startError(msg: string): EngineError {
  return new EngineError('system', `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${msg}: unknown`);
}

function allocatePorts(state: EngineState, c: ContainerRecord): void {
  const a = containersOf(state);
  const want: Record<string, PortBinding[]> = { ...(c.hostConfig.PortBindings ?? {}) };
  if (c.hostConfig.PublishAllPorts) for (const k of Object.keys(c.config.ExposedPorts ?? {})) want[k] ??= [{ HostIp: '', HostPort: '' }];
  const taken: number[] = [];
  const out: Record<string, PortBinding[]> = {};
  try {
    for (const [key, binds] of Object.entries(want)) {
      const cport = parseInt(key, 10);
      for (const b of binds) {
        let hp = b.HostPort ? parseInt(b.HostPort, 10) : 0;
        if (!hp) { hp = 32768; while (a.ports.has(hp)) hp++; }
        else if (a.ports.has(hp)) {
          throw new EngineError('system', `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${state.random.hex(64)}): Bind for ${b.HostIp || '0.0.0.0'}:${hp} failed: port is already allocated`);
        }
        a.ports.set(hp, { id: c.id, port: cport });
        taken.push(hp);
        const list = (out[key] ??= []);
        if (b.HostIp) list.push({ HostIp: b.HostIp, HostPort: String(hp) });
        else list.push({ HostIp: '0.0.0.0', HostPort: String(hp) }, { HostIp: '::', HostPort: String(hp) });
      }
    }
  } catch (e) {
    for (const p of taken) a.ports.delete(p);
    throw e;
  }
  c.ports = out;
}

function releasePorts(state: EngineState, c: ContainerRecord): void {
  const a = containersOf(state);
  for (const [p, v] of a.ports) if (v.id === c.id) a.ports.delete(p);
  c.ports = {};
}

function finish(state: EngineState, c: ContainerRecord, code: number, atMs?: number): void {
  if (c.status !== 'running' && c.status !== 'paused') return;
  c.run = undefined;
  c.status = 'exited';
  c.exitCode = code;
  c.pid = 0;
  c.finishedMs = atMs ?? containersOf(state).virtualNow ?? state.clock.now();
  c.finishedAt = rfc3339Nano(c.finishedMs);
  releasePorts(state, c);
  c.ip = '';
  for (const e of containersOf(state).execs.values()) if (e.container === c) e.running = false;
  if (c.health) dropProbe(c.health);
  containerEvent(state, c, 'die', { execDuration: String(Math.max(0, Math.floor((c.finishedMs - Date.parse(c.startedAt)) / 1000))), exitCode: String(code) });
  for (const w of c.exitWaiters.splice(0)) w(code);
  if (shouldRestart(c.hostConfig.RestartPolicy, code, c.restartCount, !!c.manuallyStopped)) {
    // restartmanager: the container shows as "Restarting (code) ..." until the back-off has passed (settleContainers).
    const ran = c.finishedMs - Date.parse(c.startedAt);
    c.backoffMs = nextBackoff(c.backoffMs ?? 0, ran);
    c.restartAt = c.finishedMs + c.backoffMs;
    c.status = 'restarting';
    return;
  }
  if (c.hostConfig.AutoRemove) removeNow(state, c, true);
}

/** Removes a container; with `volumes` (rm -v, run --rm) its anonymous volumes too, unless another container uses them. */
function removeNow(state: EngineState, c: ContainerRecord, volumes = false): void {
  const a = containersOf(state);
  if (!a.containers.delete(c.id)) return;
  containerEvent(state, c, 'destroy');
  a.removed.set(c.id, c.exitCode);
  state.layers.release(c.topChain);
  for (const [k, e] of a.execs) if (e.container === c) a.execs.delete(k);
  for (const m of c.mounts) {
    if (m.source?.fs instanceof HostBindFs) m.source.fs.detach();
    if (volumes && m.anonymous && m.Name && !volumeUsers(state, m.Name).length) a.volumes.delete(m.Name);
  }
}

/** IDs of the containers that use a volume (moby's references), oldest first. */
export function volumeUsers(state: EngineState, name: string): string[] {
  return [...containersOf(state).containers.values()].filter((c) => c.mounts.some((m) => m.Type === 'volume' && m.Name === name))
    .sort((x, y) => x.createdMs - y.createdMs).map((c) => c.id);
}

export async function containerStart(state: EngineState, ref: string, atMs?: number): Promise<void> {
  const c = getContainer(state, ref);
  if (c.status === 'paused') throw conflict('cannot start a paused container, try unpause instead');
  if (c.status === 'running') return;
  if (atMs === undefined) { c.manuallyStopped = false; c.restartAt = undefined; }
  attachMounts(state, c);
  const env = envMap(c.config.Env);
  env.__CWD = c.config.WorkingDir || '/';
  const res = resolveProgram([c.path, ...c.args], c.fs, env, !!c.config.OpenStdin);
  if ('startError' in res) {
    c.exitCode = res.exitCode;
    c.error = res.startError;
    throw startError(res.startError);
  }
  if (c.config.User) {
    const u = await resolveUser(c.fs, c.config.User);
    if (u.error) { c.exitCode = 126; c.error = u.error; throw startError(u.error); }
  }
  allocatePorts(state, c);
  const a = containersOf(state);
  c.ip = `172.17.0.${2 + [...a.containers.values()].filter((x) => x.ip).length}`;
  c.status = 'running';
  c.error = '';
  c.exitCode = 0;
  c.pid = a.nextPid += 37;
  const startedMs = atMs ?? state.clock.now();
  c.startedAt = rfc3339Nano(startedMs);
  c.stdinEof = false;
  if (c.health) dropProbe(c.health);
  c.health = healthTest(c.config.Healthcheck) ? { Status: 'starting', FailingStreak: 0, Log: [], lastProbeMs: startedMs } : undefined;
  const abort = new AbortController();
  const ctx = programContext(state, c, abort.signal, {
    out: (s) => emit(state, c, 'stdout', s), err: (s) => emit(state, c, 'stderr', s),
    readLine: () => readStdinLine(c, abort.signal), tty: !!c.config.Tty, interactive: !!c.config.OpenStdin,
    finiteStdin: () => c.stdinEof || [...c.listeners].some((l) => l.readStdin && l.finiteStdin),
  });
  const run: Running = { program: res.program, abort, startedMs, done: Promise.resolve(0) };
  c.run = run;
  run.done = (async () => {
    await Promise.resolve();
    try { return await res.program.run(ctx); } catch (e) { emit(state, c, 'stderr', `${e instanceof Error ? e.message : String(e)}\n`); return 1; }
  })();
  void run.done.then((code) => { if (c.run === run) finish(state, c, run.killCode ?? code); });
  // With a restart policy, a program that ends by itself must end now on the engine's clock: the back-off counts
  // from there (`docker run -d --restart always alpine false`, then `docker ps` after 2 s shows 4 restarts).
  if (atMs === undefined && !['', 'no'].includes(c.hostConfig.RestartPolicy?.Name ?? '')) await letProgramsEnd(state, c);
}

/** Servers that exit 0 on SIGTERM; other programs as PID 1 ignore it and are killed after the timeout (137). */
const GRACEFUL = new Set(['nginx', 'httpd', 'redis-server', 'postgres', 'mysqld', 'mongod']);

async function terminate(state: EngineState, c: ContainerRecord, code: number): Promise<void> {
  const r = c.run;
  if (!r) return;
  if (c.status === 'paused') c.status = 'running';
  r.killCode = code;
  r.abort.abort();
  finish(state, c, code);
  await Promise.resolve();
}

export async function containerStop(state: EngineState, ref: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
  const c = getContainer(state, ref);
  c.manuallyStopped = true;
  if (c.status === 'restarting') { c.status = 'exited'; c.restartAt = undefined; return; }
  if (!c.run) return;
  const sig = parseSignal(opts.signal ?? c.config.StopSignal ?? 'TERM');
  const code = sig === 9 ? 137 : GRACEFUL.has(c.run.program.name) ? 0 : 137;
  await terminate(state, c, code);
}

export async function containerKill(state: EngineState, ref: string, signal = 'KILL'): Promise<void> {
  const c = getContainer(state, ref);
  if (c.status === 'restarting' && !c.run) throw conflict(`cannot kill container: ${ref}: container ${c.id} is restarting, wait until the container is running`);
  if (!c.run) throw conflict(`cannot kill container: ${ref}: container ${c.id} is not running`);
  const n = parseSignal(signal);
  if (n === undefined) throw invalidParameter(`invalid signal: ${signal}`);
  // Servers shut down on TERM/INT/QUIT (exit 0); KILL always ends the process; INT (Ctrl+C through the CLI's
  // sig-proxy) also ends other programs here so that a learner is never stuck (a real PID 1 shell would ignore it).
  const graceful = GRACEFUL.has(c.run.program.name);
  if (n === 9 || (graceful && (n === 2 || n === 3 || n === 15))) c.manuallyStopped = true;
  if (n === 9) await terminate(state, c, 137);
  else if (graceful && (n === 2 || n === 3 || n === 15)) await terminate(state, c, 0);
  else if (n === 2 && !c.config.Tty) await terminate(state, c, 130);
}

export async function containerRestart(state: EngineState, ref: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
  await containerStop(state, ref, opts);
  await containerStart(state, ref);
}

export function containerPause(state: EngineState, ref: string): void {
  const c = getContainer(state, ref);
  if (c.status === 'paused') throw conflict(`container ${c.id} is already paused`);
  if (c.status !== 'running') throw conflict(`container ${c.id} is not running`);
  c.status = 'paused';
}
export function containerUnpause(state: EngineState, ref: string): void {
  const c = getContainer(state, ref);
  if (c.status !== 'paused') throw conflict(`container ${c.id} is not paused`);
  c.status = 'running';
}

export async function containerRemove(state: EngineState, ref: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
  const c = getContainer(state, ref);
  if (c.status === 'restarting' && !c.run) {
    if (!opts.force) throw conflict(`cannot remove container "/${c.name}": container is restarting: stop the container before removing or force remove`);
    c.status = 'exited';
    c.restartAt = undefined;
  }
  if (c.run) {
    if (!opts.force) throw conflict(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    const auto = c.hostConfig.AutoRemove;
    c.hostConfig.AutoRemove = false;
    await terminate(state, c, 137);
    c.hostConfig.AutoRemove = auto;
  }
  removeNow(state, c, !!opts.volumes);
}

/**
 * docker update (moby ContainerUpdate): the settings are checked before the container is looked up; a conflict with
 * the container's settings is "Cannot update container <id>: ..."; the new values land in HostConfig (inspect,
 * the restart policy at the next exit, the memory limit in stats). Event `update`.
 */
export function containerUpdate(state: EngineState, ref: string, cfg: ContainerUpdateConfig): ContainerUpdateResponse {
  const upd = normalizeUpdate(cfg);
  const bad = validateUpdate(upd, NCPU);
  if (bad) throw invalidParameter(bad);
  const c = getContainer(state, ref);
  const err = applyUpdate(c.hostConfig, upd);
  if (err) throw conflict(`Cannot update container ${c.id}: ${err}`);
  containerEvent(state, c, 'update');
  return { Warnings: null };
}

export function containerRename(state: EngineState, ref: string, name: string): void {
  const c = getContainer(state, ref);
  const n = name.replace(/^\//, '');
  if (!n) throw invalidParameter('Neither old nor new names may be empty');
  if (!NAME_RE.test(n)) throw invalidParameter(`Invalid container name (${n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  if (n === c.name) throw invalidParameter('Renaming a container with the same name as its current name');
  const other = [...containersOf(state).containers.values()].find((x) => x.name === n);
  if (other) throw conflict(`Conflict. The container name "/${n}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  c.name = n;
}

export async function containerAttach(state: EngineState, ref: string, io: AttachIO): Promise<void> {
  const c = getContainer(state, ref);
  c.listeners.add(io);
  const wake = c.onAttach;
  c.onAttach = undefined;
  wake?.();
  try {
    if (c.status === 'running' || c.status === 'paused' || c.status === 'created') {
      await new Promise<number>((r) => {
        c.exitWaiters.push(r);
        io.signal?.addEventListener('abort', () => r(0), { once: true });
      });
    }
  } finally {
    c.listeners.delete(io);
  }
}

export async function containerWait(state: EngineState, ref: string, condition = 'not-running'): Promise<ContainerWaitResponse> {
  const a = containersOf(state);
  const c = findContainer(state, ref);
  if (!c) {
    const gone = a.removed.get(ref) ?? [...a.removed.entries()].find(([id]) => id.startsWith(ref))?.[1];
    if (gone !== undefined) return { StatusCode: gone, Error: null };
    throw notFound(`No such container: ${ref}`);
  }
  refresh(state, c);
  if (condition === 'removed') {
    if (!a.containers.has(c.id)) return { StatusCode: c.exitCode, Error: null };
    const code = await new Promise<number>((r) => c.exitWaiters.push(r));
    return { StatusCode: code, Error: null };
  }
  if (condition === 'not-running' && !c.run) return { StatusCode: c.exitCode, Error: null };
  return { StatusCode: await new Promise<number>((r) => c.exitWaiters.push(r)), Error: null };
}

// ---------- list / inspect ----------
function humanDuration(sec: number): string {
  if (sec < 1) return 'Less than a second';
  if (sec === 1) return '1 second';
  if (sec < 60) return `${sec} seconds`;
  const m = Math.floor(sec / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(sec / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

export function statusText(state: EngineState, c: ContainerRecord): string {
  const since = (ms: number) => humanDuration(Math.floor((state.clock.now() - ms) / 1000));
  switch (c.status) {
    case 'created': return 'Created';
    case 'running': return `Up ${since(c.run?.startedMs ?? 0)}${healthSuffix(c.health)}`;
    case 'restarting': return `Restarting (${c.exitCode}) ${since(c.finishedMs)} ago`;
    case 'paused': return `Up ${since(c.run?.startedMs ?? 0)} (Paused)`;
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
    default: return `Exited (${c.exitCode}) ${since(c.finishedMs)} ago`;
  }
}

function summaryPorts(c: ContainerRecord): Port[] {
  const out: Port[] = [];
  const bound = new Set<string>();
  for (const [key, binds] of Object.entries(c.ports)) {
    const [p, proto] = key.split('/');
    bound.add(key);
    for (const b of binds) out.push({ IP: b.HostIp, PrivatePort: Number(p), PublicPort: Number(b.HostPort), Type: proto });
  }
  for (const key of Object.keys(c.config.ExposedPorts ?? {})) {
    if (bound.has(key)) continue;
    const [p, proto] = key.split('/');
    out.push({ PrivatePort: Number(p), Type: proto });
  }
  return out;
}

/** `resolved`: image references already looked up during one listing (many containers share an image). */
function imageName(state: EngineState, c: ContainerRecord, resolved?: Map<string, string | undefined>): string {
  // moby shows the image as given, unless it now points to another image: then the image ID.
  const given = c.config.Image ?? '';
  let id: string | undefined;
  if (resolved?.has(given)) id = resolved.get(given);
  else {
    id = findImage(state, given)?.id;
    resolved?.set(given, id);
  }
  return id === c.imageId ? c.config.Image ?? c.imageId : c.imageId;
}

/** moby's container view: the path, then the args, those with a space in single quotes (`/bin/sh -c 'exit 3'`). */
const commandOf = (c: ContainerRecord) => (c.args.length ? `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}` : c.path);

function matches(state: EngineState, c: ContainerRecord, f: Filters): boolean {
  const vals = (k: string) => filterValues(f, k);
  for (const k of Object.keys(f)) {
    if (!['status', 'name', 'id', 'ancestor', 'label', 'exited', 'before', 'since', 'volume', 'network', 'publish', 'expose', 'health', 'isolation', 'is-task'].includes(k)) throw invalidParameter(`invalid filter '${k}'`);
  }
  if (vals('status').length) {
    for (const s of vals('status')) if (!['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'].includes(s)) throw invalidParameter(`invalid filter 'status=${s}'`);
    if (!vals('status').includes(c.status)) return false;
  }
  if (vals('name').length && !vals('name').some((n) => new RegExp(n).test('/' + c.name))) return false;
  if (vals('id').length && !vals('id').some((i) => c.id.startsWith(i))) return false;
  if (vals('exited').length && !(c.status === 'exited' && vals('exited').includes(String(c.exitCode)))) return false;
  if (vals('ancestor').length && !vals('ancestor').some((x) => findImage(state, x)?.id === c.imageId)) return false;
  if (!matchLabels(f, c.config.Labels ?? {})) return false;
  if (vals('publish').length && !vals('publish').some((p) => Object.values(c.ports).some((bs) => bs.some((b) => b.HostPort === p.split('/')[0])))) return false;
  if (vals('expose').length && !vals('expose').some((p) => Object.keys(c.config.ExposedPorts ?? {}).includes(p.includes('/') ? p : `${p}/tcp`))) return false;
  if (vals('health').length) {
    for (const h of vals('health')) if (!['starting', 'healthy', 'unhealthy', 'none'].includes(h)) throw invalidParameter(`Unrecognized filter value for health: ${h}`);
    const cur = c.run && c.health ? c.health.Status : 'none';
    if (!vals('health').includes(cur)) return false;
  }
  if (vals('volume').length && !vals('volume').some((v) => c.mounts.some((m) => m.Name === v || m.Destination === v))) return false;
  return true;
}

export function containerList(state: EngineState, opts: ContainerListOptions = {}): ContainerSummary[] {
  const a = containersOf(state);
  let list = [...a.containers.values()].reverse().sort((x, y) => y.createdMs - x.createdMs);
  for (const c of list) refresh(state, c);
  const f = opts.filters ?? {};
  const before = filterValues(f, 'before')[0];
  const since = filterValues(f, 'since')[0];
  if (before) { const b = getContainer(state, before); list = list.filter((c) => c.createdMs < b.createdMs); }
  if (since) { const s = getContainer(state, since); list = list.filter((c) => c.createdMs > s.createdMs); }
  const all = opts.all || (opts.limit ?? 0) > 0 || Object.keys(f).length > 0 && filterValues(f, 'status').length > 0;
  if (!all && !opts.all) list = list.filter((c) => c.status === 'running' || c.status === 'paused' || c.status === 'restarting');
  if (Object.keys(f).length > 0) list = list.filter((c) => matches(state, c, f));
  if (opts.limit && opts.limit > 0) list = list.slice(0, opts.limit);
  const resolved = new Map<string, string | undefined>();
  return list.map((c) => {
    const s: ContainerSummary = {
      Id: c.id, Names: ['/' + c.name], Image: imageName(state, c, resolved), ImageID: c.imageId, Command: commandOf(c), Created: Math.floor(c.createdMs / 1000),
      Ports: summaryPorts(c), Labels: c.config.Labels ?? {}, State: c.status, Status: statusText(state, c),
      HostConfig: { NetworkMode: c.hostConfig.NetworkMode || 'bridge' },
      NetworkSettings: { Networks: { bridge: networkEndpoint(c) } }, Mounts: mountsOf(c),
    };
    if (opts.size) { s.SizeRw = sizeRw(c); s.SizeRootFs = s.SizeRw + state.layers.chainSize(c.topChain); }
    return s;
  });
}

function sizeRw(c: ContainerRecord): number {
  let n = 0;
  for (const [, e] of c.fs.diff().entries) if (e.type === 'file') n += contentBytes(e.data).length;
  return n;
}

function networkEndpoint(c: ContainerRecord): Record<string, unknown> {
  const up = !!c.ip;
  const n = up ? Number(c.ip.split('.')[3]) : 0;
  return {
    IPAMConfig: null, Links: null, Aliases: null, MacAddress: up ? `02:42:ac:11:00:${n.toString(16).padStart(2, '0')}` : '', DriverOpts: null, GwPriority: 0,
    NetworkID: 'f2c1a9e4b7d3c8a5e6f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d', EndpointID: up ? c.id.slice(0, 32) + c.id.slice(0, 32).split('').reverse().join('') : '',
    Gateway: up ? '172.17.0.1' : '', IPAddress: c.ip, IPPrefixLen: up ? 16 : 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
  };
}

export function containerInspect(state: EngineState, ref: string, size = false): ContainerInspect {
  const c = getContainer(state, ref);
  const running = c.status === 'running' || c.status === 'paused';
  const execIds = [...containersOf(state).execs.values()].filter((e) => e.container === c && e.running).map((e) => e.id);
  const hc = c.hostConfig;
  // Resources as stored (create, docker update), their zero values otherwise.
  const res = <K extends keyof typeof RESOURCE_DEFAULTS>(k: K): number | string => {
    const v = hc[k];
    return typeof v === typeof RESOURCE_DEFAULTS[k] ? (v as number | string) : RESOURCE_DEFAULTS[k];
  };
  const exposedPorts: Record<string, PortBinding[] | null> = {};
  for (const k of Object.keys(c.config.ExposedPorts ?? {})) exposedPorts[k] = running ? c.ports[k] ?? null : null;
  const out: ContainerInspect = {
    Id: c.id, Created: rfc3339Nano(c.createdMs), Path: c.path, Args: c.args,
    State: {
      Status: c.status, Running: running || c.status === 'restarting', Paused: c.status === 'paused', Restarting: c.status === 'restarting', OOMKilled: false, Dead: false, Pid: c.pid,
      ExitCode: c.exitCode, Error: c.error, StartedAt: c.startedAt, FinishedAt: c.finishedAt,
      ...(c.health ? { Health: { Status: c.health.Status, FailingStreak: c.health.FailingStreak, Log: c.health.Log } } : {}),
    },
    Image: c.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`, HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`, LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: '/' + c.name, RestartCount: c.restartCount, Driver: 'overlay2', Platform: 'linux', MountLabel: '', ProcessLabel: '', AppArmorProfile: 'docker-default',
    ExecIDs: execIds.length ? execIds : null,
    HostConfig: {
      Binds: hc.Binds ?? null, ContainerIDFile: '', LogConfig: logConfigOf(hc), NetworkMode: hc.NetworkMode || 'bridge',
      PortBindings: hc.PortBindings ?? {}, RestartPolicy: hc.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 }, AutoRemove: !!hc.AutoRemove,
      VolumeDriver: '', VolumesFrom: null, ConsoleSize: [0, 0], CapAdd: null, CapDrop: null, CgroupnsMode: 'private', Dns: [], DnsOptions: [], DnsSearch: [],
      ExtraHosts: null, GroupAdd: null, IpcMode: 'private', Cgroup: '', Links: null, OomScoreAdj: 0, PidMode: '', Privileged: false,
      PublishAllPorts: !!hc.PublishAllPorts, ReadonlyRootfs: false, SecurityOpt: null, UTSMode: '', UsernsMode: '', ShmSize: 67108864, Runtime: 'runc',
      Isolation: '', CpuShares: res('CpuShares'), Memory: res('Memory'), NanoCpus: res('NanoCpus'), CgroupParent: '', BlkioWeight: res('BlkioWeight'), BlkioWeightDevice: [], BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [], BlkioDeviceReadIOps: [], BlkioDeviceWriteIOps: [], CpuPeriod: res('CpuPeriod'), CpuQuota: res('CpuQuota'), CpuRealtimePeriod: res('CpuRealtimePeriod'), CpuRealtimeRuntime: res('CpuRealtimeRuntime'),
      CpusetCpus: res('CpusetCpus'), CpusetMems: res('CpusetMems'), Devices: [], DeviceCgroupRules: null, DeviceRequests: null, MemoryReservation: res('MemoryReservation'), MemorySwap: res('MemorySwap'),
      MemorySwappiness: null, OomKillDisable: null, PidsLimit: typeof hc.PidsLimit === 'number' ? hc.PidsLimit : null, Ulimits: [], CpuCount: 0, CpuPercent: 0, IOMaximumIOps: 0, IOMaximumBandwidth: 0,
      ...(Array.isArray(hc.Mounts) && hc.Mounts.length ? { Mounts: hc.Mounts } : {}),
      MaskedPaths: ['/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'],
      ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
    GraphDriver: {
      Data: {
        ID: c.id, LowerDir: `/var/lib/docker/overlay2/${c.id.slice(0, 32)}${c.id.slice(32)}-init/diff`,
        MergedDir: `/var/lib/docker/overlay2/${c.id}/merged`, UpperDir: `/var/lib/docker/overlay2/${c.id}/diff`, WorkDir: `/var/lib/docker/overlay2/${c.id}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: mountsOf(c),
    Config: c.config,
    NetworkSettings: {
      Bridge: '', SandboxID: running ? c.id.split('').reverse().join('') : '', SandboxKey: running ? `/var/run/docker/netns/${c.id.slice(0, 12)}` : '',
      Ports: exposedPorts, HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
      EndpointID: running ? (networkEndpoint(c).EndpointID as string) : '', Gateway: running ? '172.17.0.1' : '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
      IPAddress: c.ip, IPPrefixLen: running ? 16 : 0, IPv6Gateway: '', MacAddress: running ? (networkEndpoint(c).MacAddress as string) : '',
      Networks: { bridge: networkEndpoint(c) },
    },
  };
  if (size) { out.SizeRw = sizeRw(c); out.SizeRootFs = (out.SizeRw as number) + state.layers.chainSize(c.topChain); }
  return out;
}

// ---------- logs, diff, top, prune ----------
/** The container's log driver (the daemon's default json-file unless the create request named one, as the builder's "none"). */
function logConfigOf(hc: HostConfig): { Type: string; Config: Record<string, string> } {
  const lc = hc.LogConfig as { Type?: string; Config?: Record<string, string> | null } | undefined;
  return lc?.Type ? { Type: lc.Type, Config: lc.Config ?? {} } : { Type: 'json-file', Config: {} };
}

export function containerLogs(state: EngineState, ref: string, opts: LogsOptions = {}): { stdout: string; stderr: string } {
  const c = getContainer(state, ref);
  // moby daemon/logs.go: the "none" driver keeps nothing (logger.ErrReadLogsNotSupported, HTTP 501)
  if (logConfigOf(c.hostConfig).Type === 'none') throw new EngineError('notImplemented', 'configured logging driver does not support reading');
  let lines: LogEntry[] = [];
  for (const e of c.logs) {
    const parts = e.text.split(/(?<=\n)/);
    for (const p of parts) lines.push({ ...e, text: p });
  }
  const now = state.clock.now();
  if (opts.since) { const s = parseTs(opts.since, now); lines = lines.filter((l) => l.ms >= s); }
  if (opts.until) { const u = parseTs(opts.until, now); lines = lines.filter((l) => l.ms <= u); }
  if (opts.tail && opts.tail !== 'all') { const n = Number(opts.tail); if (Number.isFinite(n) && n >= 0) lines = n === 0 ? [] : lines.slice(-n); }
  const pick = (s: 'stdout' | 'stderr') => lines.filter((l) => l.stream === s).map((l) => (opts.timestamps ? rfc3339Nano(l.ms) + ' ' : '') + l.text).join('');
  return { stdout: opts.stdout === false ? '' : pick('stdout'), stderr: opts.stderr === false ? '' : pick('stderr') };
}
function parseTs(v: string, now: number): number {
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const m = /^(\d+)([smh])$/.exec(v);
  if (m) return now - Number(m[1]) * { s: 1000, m: 60000, h: 3600000 }[m[2] as 's' | 'm' | 'h'];
  const t = Date.parse(v);
  return Number.isNaN(t) ? 0 : t;
}

export function containerDiff(state: EngineState, ref: string): ContainerChange[] | null {
  const c = getContainer(state, ref);
  const ch = c.fs.changes();
  return ch.length ? ch : null;
}

export function containerTop(state: EngineState, ref: string): ContainerTop {
  const c = getContainer(state, ref);
  if (!c.run) throw conflict(`container ${c.id} is not running`);
  const d = new Date(c.run.startedMs);
  const stime = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const rows = [['root', String(c.pid), String(c.pid - 21), '0', stime, c.config.Tty ? 'pts/0' : '?', '00:00:00', commandOf(c)]];
  if (c.run.program.name === 'nginx') for (let i = 0; i < 4; i++) rows.push(['message+', String(c.pid + 40 + i), String(c.pid), '0', stime, '?', '00:00:00', 'nginx: worker process']);
  for (const e of containersOf(state).execs.values()) if (e.container === c && e.running) rows.push(['root', String(e.pid), String(c.pid - 21), '0', stime, e.req.Tty ? 'pts/1' : '?', '00:00:00', e.req.Cmd.join(' ')]);
  return { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: rows };
}

export function containersPrune(state: EngineState, filters: Filters = {}): ContainersPruneReport {
  const a = containersOf(state);
  const victims = [...a.containers.values()].filter((c) => (c.status === 'exited' || c.status === 'created' || c.status === 'dead') && matchLabels(filters, c.config.Labels ?? {}));
  let space = 0;
  for (const v of victims) { space += sizeRw(v); removeNow(state, v); }
  return { ContainersDeleted: victims.length ? victims.map((v) => v.id) : null, SpaceReclaimed: space };
}

// ---------- cp ----------
export function containerArchiveGet(state: EngineState, ref: string, path: string): { tar: Uint8Array; stat: { name: string; size: number; mode: number; mtime: string; linkTarget: string } } {
  const c = getContainer(state, ref);
  const p = normPath(path.startsWith('/') ? path : '/' + path);
  const e = c.fs.entry(p, false);
  if (!e) throw notFound(`Could not find the file ${path} in container ${ref}`);
  const name = p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1);
  const entries: TarWriteEntry[] = [];
  const add = (fp: string, rel: string) => {
    const x = c.fs.entry(fp, false);
    if (!x) return;
    if (x.type === 'dir') {
      entries.push({ name: rel, type: 'dir', mode: x.mode, uid: x.uid, gid: x.gid, mtime: x.mtime });
      for (const k of c.fs.children(fp).sort()) add(fp === '/' ? '/' + k : fp + '/' + k, rel + '/' + k);
    } else if (x.type === 'symlink') entries.push({ name: rel, type: 'symlink', mode: x.mode, linkname: x.target, mtime: x.mtime });
    else entries.push({ name: rel, type: 'file', mode: x.mode, uid: x.uid, gid: x.gid, mtime: x.mtime, data: contentBytes(x.data) });
  };
  add(p, name === '/' ? '.' : name);
  const size = e.type === 'file' ? contentBytes(e.data).length : e.type === 'symlink' ? e.target.length : 4096;
  const mode = e.type === 'dir' ? (0x80000000 | e.mode) >>> 0 : e.type === 'symlink' ? (0x8000000 | 0o777) >>> 0 : e.mode;
  return { tar: writeTar(entries), stat: { name, size, mode, mtime: new Date(e.mtime * 1000).toISOString(), linkTarget: e.type === 'symlink' ? e.target : '' } };
}

export function containerArchivePut(state: EngineState, ref: string, path: string, tar: Uint8Array): void {
  const c = getContainer(state, ref);
  const dir = normPath(path.startsWith('/') ? path : '/' + path);
  const d = c.fs.entry(dir);
  if (!d) throw notFound(`Could not find the file ${path} in container ${ref}`);
  if (d.type !== 'dir') throw invalidParameter(`extraction point is not a directory`);
  for (const e of readTar(tar)) {
    if (!e.name || e.name === '.') continue;
    const target = normPath(dir + '/' + e.name);
    if (e.type === 'dir') { if (!c.fs.entry(target)) c.fs.mkdirSyncInternal(target, true, e.mode & 0o7777); continue; }
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    if (!c.fs.entry(parent)) c.fs.mkdirSyncInternal(parent, true, 0o755);
    if (e.type === 'symlink') c.fs.putEntry(target, { type: 'symlink', target: e.linkname, mode: 0o777, uid: e.uid, gid: e.gid, mtime: e.mtime });
    else c.fs.putEntry(target, { type: 'file', data: e.data, mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtime: e.mtime });
  }
}

// ---------- exec ----------
export function execCreate(state: EngineState, ref: string, req: ExecCreateRequest): { Id: string } {
  const c = getContainer(state, ref);
  if (c.status === 'paused') throw conflict(`container ${c.id} is paused, unpause the container before exec`);
  if (c.status !== 'running') throw conflict(`container ${c.id} is not running`);
  const a = containersOf(state);
  const id = state.random.hex(64);
  a.execs.set(id, { id, container: c, req, running: false, exitCode: null, pid: 0 });
  return { Id: id };
}

/** `sleep`: the exec's sleeps on the engine clock (health probes) instead of the host's timers. */
export async function execStart(state: EngineState, execId: string, io: AttachIO, opts: { sleep?: (ms: number) => Promise<void> } = {}): Promise<number> {
  const a = containersOf(state);
  const e = a.execs.get(execId);
  if (!e) throw notFound(`No such exec instance: ${execId}`);
  const c = e.container;
  if (!c.run) throw conflict(`container ${c.id} is not running`);
  e.running = true;
  e.pid = a.nextPid += 13;
  const tty = !!e.req.Tty;
  const conv = (s: string) => (tty ? s.replace(/\r?\n/g, '\r\n') : s);
  const out = (s: string) => { if (s) io.stdout(conv(s)); };
  const err = (s: string) => { if (s) (tty ? io.stdout(conv(s)) : io.stderr(s)); };
  let buf = '';
  let eof = !e.req.AttachStdin || !io.readStdin;
  const readLine = async (): Promise<string | null> => {
    for (;;) {
      const nl = buf.indexOf('\n');
      if (nl >= 0) { const l = buf.slice(0, nl); buf = buf.slice(nl + 1); return l.replace(/\r$/, ''); }
      if (eof) { if (buf) { const l = buf; buf = ''; return l; } return null; }
      const d = await io.readStdin!();
      if (d === null) eof = true; else buf += d;
    }
  };
  const finishExec = (code: number) => { e.running = false; e.exitCode = code; return code; };
  try {
    const argv = e.req.Cmd;
    const client = lookPath(c.fs, argv[0] ?? '', envMap(c.config.Env).PATH) ? clientCommand(argv, c.run.program, tty) : null;
    if (client) { out(client.out); err(client.err); return finishExec(client.code); }
    const env = envMap([...(c.config.Env ?? []), ...(e.req.Env ?? [])]);
    env.__CWD = e.req.WorkingDir || c.config.WorkingDir || '/';
    const res = resolveProgram(argv, c.fs, env, !!e.req.AttachStdin);
    if ('startError' in res) {
      out(`OCI runtime exec failed: exec failed: unable to start container process: ${res.startError}: unknown\n`);
      return finishExec(res.exitCode === 127 ? 127 : 126);
    }
    const ctl = new AbortController();
    io.signal?.addEventListener('abort', () => ctl.abort(), { once: true });
    const ctx = programContext(state, c, ctl.signal, { out, err, readLine, tty, interactive: !!e.req.AttachStdin, finiteStdin: () => eof || !!io.finiteStdin }, { env: e.req.Env, user: e.req.User, cwd: e.req.WorkingDir, sleep: opts.sleep });
    // `sleep N` as the exec's program ends N seconds later on the engine clock when the caller keeps that clock.
    if (opts.sleep && res.program.endsAfter !== undefined) { await opts.sleep(res.program.endsAfter * 1000); return finishExec(0); }
    // A server started by exec does not replace the container's; long-running programs end when the exec is interrupted.
    return finishExec(await res.program.run(ctx));
  } catch (x) {
    finishExec(126);
    throw x;
  }
}

// ---------- published ports (the host side) ----------
/** An HTTP request to a published host port (the console's `curl localhost:PORT`). Null when nothing listens. */
export function httpRequest(state: EngineState, hostPort: number, path = '/', method = 'GET'): HttpResponse | null {
  const a = containersOf(state);
  const b = a.ports.get(hostPort);
  if (!b) return null;
  const c = a.containers.get(b.id);
  if (!c) return null;
  refresh(state, c);
  return serve(c, b.port, path, method);
}

/** Is a running container's port published on this host port (docker-proxy accepts there even when nothing listens)? */
export function hostPortBound(state: EngineState, hostPort: number): boolean {
  const b = containersOf(state).ports.get(hostPort);
  const c = b && containersOf(state).containers.get(b.id);
  return !!c && (c.status === 'running' || c.status === 'paused');
}

// ---------- volumes ----------
function mountsOf(c: ContainerRecord) {
  return [...c.mounts].sort((x, y) => (x.Destination < y.Destination ? -1 : x.Destination > y.Destination ? 1 : 0)).map(publicMount);
}

/** Gives mounts restored from a snapshot (or bound before the host was attached) their file systems again. */
function attachMounts(state: EngineState, c: ContainerRecord): void {
  const a = containersOf(state);
  let changed = false;
  for (const m of c.mounts) {
    if (m.Type === 'volume' && m.Name && (!m.source || m.source.fs !== a.volumes.get(m.Name)?.fs)) {
      let v = a.volumes.get(m.Name);
      if (!v) {
        v = createVolume(state, a, m.anonymous ? {} : { Name: m.Name }, !!m.anonymous);
        if (v.name !== m.Name) { a.volumes.delete(v.name); v.name = m.Name; a.volumes.set(m.Name, v); }
      }
      m.source = { fs: v.fs, root: '/' };
      changed = true;
    } else if (m.Type === 'bind' && (!m.source || (a.host && !(m.source.fs instanceof HostBindFs)))) {
      m.source = bindSourceFor(state, a, m.Source);
      changed = true;
    } else if (!m.source) {
      m.source = { fs: volumeFs(state), root: '/' };
      changed = true;
    }
  }
  if (changed) c.fs.setMounts(fsMounts(c.mounts));
}

/** Attaches the host's files (the workspace) for bind mounts; existing bind mounts follow them from now on. */
export function setHostFiles(state: EngineState, host: HostFiles | undefined): void {
  const a = containersOf(state);
  a.host = host;
  for (const c of a.containers.values()) attachMounts(state, c);
}

export function volumeList(state: EngineState, filters: Filters = {}): { Volumes: VolumeInfo[]; Warnings: string[] | null } {
  const a = containersOf(state);
  const vols = [...a.volumes.values()].filter((v) => matchVolume(v, filters, volumeUsers(state, v.name).length > 0, ['dangling', 'name', 'driver', 'label']));
  return { Volumes: vols.map((v) => volumeInfo(v)), Warnings: null };
}
export function volumeCreate(state: EngineState, req: VolumeCreateRequest): VolumeInfo {
  return volumeInfo(createVolume(state, containersOf(state), req));
}
export function volumeInspect(state: EngineState, name: string): VolumeInfo {
  return volumeInfo(getVolume(containersOf(state), name));
}
export function volumeRemove(state: EngineState, name: string, force = false): void {
  removeVolume(containersOf(state), name, force, (n) => volumeUsers(state, n));
}
export function volumesPrune(state: EngineState, filters: Filters = {}): VolumesPruneReport {
  return pruneVolumes(containersOf(state), filters, (n) => volumeUsers(state, n));
}

/** system df: containers and volumes parts. */
export function containersDiskUsage(state: EngineState): { Containers: ContainerSummary[]; Volumes: VolumeInfo[] } {
  const a = containersOf(state);
  const Containers = containerList(state, { all: true, size: true });
  const Volumes = [...a.volumes.values()].map((v) => volumeInfo(v, { RefCount: volumeUsers(state, v.name).length, Size: volumeSize(v) }));
  return { Containers, Volumes };
}

// ---------- persistence ----------
interface SavedContainer {
  id: string; name: string; createdMs: number; path: string; args: string[]; config: ContainerConfig; hostConfig: HostConfig; imageId: string;
  status: Status; exitCode: number; error: string; startedAt: string; finishedAt: string; finishedMs: number; logs: LogEntry[]; mounts: ContainerMount[];
  upper: Pick<SavedLayer, 'entries' | 'opaque'>;
  topChain?: string;
  restartCount?: number; manuallyStopped?: boolean;
}
interface SavedVolume { name: string; createdMs: number; labels: Record<string, string> | null; options: Record<string, string> | null; data?: Pick<SavedLayer, 'entries' | 'opaque'> }

function applyLayer(fs: UnionFs, entries: Iterable<[string, LayerChange]>): void {
  const sorted = [...entries].sort(([x], [y]) => x.split('/').length - y.split('/').length || (x < y ? -1 : 1));
  for (const [p, e] of sorted) {
    if (e.type === 'whiteout') fs.removePath(p);
    else { if (e.type === 'dir' && fs.entry(p, false)?.type === 'dir') { fs.putEntry(p, e); continue; } fs.removePath(p); fs.putEntry(p, e); }
  }
}

registerAreaCodec('containers', {
  save(state) {
    const a = containersOf(state);
    return {
      containers: [...a.containers.values()].map((c): SavedContainer => ({
        id: c.id, name: c.name, createdMs: c.createdMs, path: c.path, args: c.args, config: c.config, hostConfig: c.hostConfig, imageId: c.imageId,
        // A reload is a daemon restart: running containers come back stopped (no restart policy here).
        status: c.status === 'running' || c.status === 'paused' ? 'exited' : c.status, exitCode: c.run ? 255 : c.exitCode, error: c.error,
        startedAt: c.startedAt, finishedAt: c.run ? rfc3339Nano(state.clock.now()) : c.finishedAt, finishedMs: c.run ? state.clock.now() : c.finishedMs,
        logs: c.logs, mounts: c.mounts.map(({ source: _s, ...m }) => m), upper: saveLayerContent(c.fs.diff()), topChain: c.topChain,
        restartCount: c.restartCount, manuallyStopped: !!c.manuallyStopped,
      })),
      volumes: [...a.volumes.values()].map((v): SavedVolume => ({
        name: v.name, createdMs: v.createdMs, labels: v.labels, options: v.options, data: saveLayerContent(v.fs.diff()),
      })),
    };
  },
  load(state, data) {
    const d = data as { containers?: SavedContainer[]; volumes?: SavedVolume[] };
    const a = containersOf(state);
    for (const v of d.volumes ?? []) {
      const fs = volumeFs(state);
      if (v.data) applyLayer(fs, loadLayerContent(v.data).entries);
      a.volumes.set(v.name, { name: v.name, createdMs: v.createdMs, labels: v.labels ?? null, options: v.options ?? null, fs });
    }
    for (const s of d.containers ?? []) {
      // The image may have been removed with -f: the container still holds its layers.
      const top = s.topChain ?? state.images.get(s.imageId)?.topChain;
      if (top === undefined || (top && !state.layers.has(top))) continue;
      const fs = new MountFs(state.layers.view(top), { now: () => Math.floor(state.clock.now() / 1000) });
      applyLayer(fs, loadLayerContent(s.upper).entries);
      state.layers.retain(top);
      const c: ContainerRecord = {
        ...s, mounts: s.mounts ?? [], topChain: top, fs, pid: 0, restartCount: s.restartCount ?? 0, ip: '', ports: {}, listeners: new Set(), exitWaiters: [], stdinBuf: '', stdinEof: false,
      };
      a.containers.set(s.id, c);
      attachMounts(state, c);
      // A daemon restart starts again the containers whose policy says so (always; unless-stopped if not stopped).
      const policy = c.hostConfig.RestartPolicy?.Name;
      if (c.status === 'exited' && !c.manuallyStopped && (policy === 'always' || policy === 'unless-stopped')) {
        c.status = 'restarting';
        c.restartAt = state.clock.now();
        c.daemonStart = true;
      }
    }
  },
});

// ---------- stats ----------
export function containerStatsOf(state: EngineState, ref: string): ContainerStats {
  const c = getContainer(state, ref);
  const execs = [...containersOf(state).execs.values()].filter((e) => e.container === c && e.running).length;
  return statsSample(c, state.clock.now(), execs);
}

// ---------- restarts and health checks on the engine's clock ----------
const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Programs that end by themselves (a script, `false`) finish within a few turns of the event loop: give them those
 * turns, so that `docker run -d alpine false` then `docker ps -a` shows it exited. Servers keep running.
 */
async function letProgramsEnd(state: EngineState, only?: ContainerRecord): Promise<void> {
  const busy = () => [...containersOf(state).containers.values()].filter((c) => (!only || c === only) && c.run && !c.run.program.listens.length
    && c.run.program.endsAfter === undefined && !c.config.OpenStdin && !['sleep', 'tail', 'top', 'nginx', 'httpd'].includes(c.run.program.name));
  const pending = busy();
  if (!pending.length) return;
  let done = false;
  void Promise.all(pending.map((c) => c.run!.done)).then(() => { done = true; });
  for (let i = 0; i < 20 && !done; i++) await macrotask();
}

/**
 * Catches up with the clock: restarts that are due (each at its own due time, so a crash loop restarts as often as
 * the back-off allows, RestartCount counting them) and health probes that are due (the test command run once, its
 * result applied for every missed interval). Called before the engine answers about containers.
 */
export async function settleContainers(state: EngineState): Promise<void> {
  const a = containersOf(state);
  await letProgramsEnd(state);
  for (let i = 0; i < 400; i++) {
    // programs that ended by the clock (sleep N) end first, so their restarts can be due in this pass
    for (const c of a.containers.values()) refresh(state, c);
    const now = state.clock.now();
    const due = [...a.containers.values()].filter((c) => c.status === 'restarting' && !c.run && (c.restartAt ?? Infinity) <= now)
      .sort((x, y) => (x.restartAt ?? 0) - (y.restartAt ?? 0));
    if (!due.length) break;
    const c = due[0];
    const at = c.restartAt!;
    c.restartAt = undefined;
    if (c.daemonStart) c.daemonStart = false; else c.restartCount++;
    // A program that ends at once ends at the time it started (the clock stands still while we catch up).
    a.virtualNow = at;
    try {
      await containerStart(state, c.id, at);
      await letProgramsEnd(state, c);
    } catch (e) {
      c.status = 'exited';
      c.error = e instanceof Error ? e.message : String(e);
    } finally {
      a.virtualNow = undefined;
    }
  }
  for (const c of a.containers.values()) {
    const h = c.health;
    if (!h) continue;
    if (!c.run || c.status !== 'running' || !c.config.Healthcheck) { dropProbe(h); continue; }
    await settleHealth(state, c, h, c.config.Healthcheck);
  }
}

/** Sleeps of running probes that wait for the engine clock, woken by settleContainers once the clock passes them. */
interface Sleeper { at: number; wake(): void }
const sleepers = new WeakMap<EngineState, Sleeper[]>();
function wakeSleepers(state: EngineState): boolean {
  const list = sleepers.get(state);
  if (!list?.length) return false;
  const now = state.clock.now();
  const due = list.filter((x) => x.at <= now);
  if (!due.length) return false;
  sleepers.set(state, list.filter((x) => x.at > now));
  for (const x of due.sort((p, q) => p.at - q.at)) x.wake();
  return true;
}

function dropProbe(h: HealthState): void {
  h.pending?.stop();
  h.pending = undefined;
}

/** Gives a running probe the event-loop turns it needs to finish what it can do before the engine clock moves on. */
async function letProbeRun(p: PendingProbe): Promise<void> {
  for (let i = 0; i < 20 && !p.finished && !p.sleeping; i++) await macrotask();
}

/**
 * moby's health monitor on the engine clock: each due probe runs the test (an exec) from its due time; a test that is
 * still running when the clock passes start + Timeout is cut there (exit -1, "Health check exceeded timeout (T)"),
 * one that waits for the clock (`sleep 5`) finishes when the clock gets there. Results of a finished probe are
 * replayed for further missed intervals (the same test gives the same answer), with the same duration.
 */
async function settleHealth(state: EngineState, c: ContainerRecord, h: HealthState, hc: HealthConfig): Promise<void> {
  const startedMs = c.run!.startedMs;
  let replay: { code: number; output: string; durationMs: number; execExit: number } | undefined;
  for (let i = 0; i < 10_000; i++) {
    const now = state.clock.now();
    const p = h.pending;
    if (p) {
      wakeSleepers(state);
      await letProbeRun(p);
      if (p.done && p.done.endMs <= p.deadlineMs) {
        h.pending = undefined;
        const out = limitOutput(p.output);
        probeDone(state, c, h, hc, p.execId, p.startMs, p.done.endMs, p.done.code, p.done.code, out);
        replay = { code: p.done.code, output: out, durationMs: p.done.endMs - p.startMs, execExit: p.done.code };
        continue;
      }
      if (p.done || now >= p.deadlineMs) {
        // moby cancels the probe (its process is killed: exec_die 137) and waits for it to exit before it reads the output
        p.stop();
        await letProbeRun(p);
        h.pending = undefined;
        const r = timeoutResult(hc, limitOutput(p.output));
        probeDone(state, c, h, hc, p.execId, p.startMs, p.deadlineMs, r.code, 137, r.output);
        replay = { ...r, durationMs: p.deadlineMs - p.startMs, execExit: 137 };
        continue;
      }
      return;
    }
    const next = nextProbeTime(hc, startedMs, h);
    if (next > now || c.status !== 'running') return;
    if (replay) {
      probeDone(state, c, h, hc, sha256Hex(`probe:${c.id}:${next}`), next, next + replay.durationMs, replay.code, replay.execExit, replay.output);
      continue;
    }
    h.pending = startProbe(state, c, next);
  }
}

/** The probe's command: CMD as given, CMD-SHELL through the container's shell (Config.Shell, else /bin/sh -c). */
function probeCommand(c: ContainerRecord): string[] {
  const test = healthTest(c.config.Healthcheck) ?? [];
  const shell = c.config.Shell?.length ? c.config.Shell : ['/bin/sh', '-c'];
  return test[0] === 'CMD-SHELL' ? [...shell, ...test.slice(1)] : test.slice(1);
}

/**
 * One probe's result and events at their times (moby cmdProbe / handleProbeResult): exec_create and exec_start at the
 * start, exec_die at the end, then health_status when the status changed.
 */
function probeDone(state: EngineState, c: ContainerRecord, h: HealthState, hc: HealthConfig, execId: string, startMs: number, endMs: number, code: number, execExit: number, output: string): void {
  const before = h.Status;
  applyProbe(hc, h, c.run!.startedMs, startMs, code, output, endMs);
  const cmd = probeCommand(c).join(' ');
  containerEvent(state, c, `exec_create: ${cmd}`, { execID: execId }, startMs);
  containerEvent(state, c, `exec_start: ${cmd}`, { execID: execId }, startMs);
  containerEvent(state, c, 'exec_die', { execID: execId, exitCode: String(execExit) }, endMs);
  if (h.Status !== before) containerEvent(state, c, `health_status: ${h.Status}`, {}, endMs);
}

/** Starts the health check's test in the container like an exec (CMD / CMD-SHELL), its time counted from `atMs`. */
function startProbe(state: EngineState, c: ContainerRecord, atMs: number): PendingProbe {
  const cmd = probeCommand(c);
  const ctl = new AbortController();
  const p: PendingProbe = {
    startMs: atMs, deadlineMs: atMs + probeTimeoutMs(c.config.Healthcheck), output: '', sleeping: false, finished: false, execId: '',
    stop: () => {
      ctl.abort();
      const l = sleepers.get(state);
      if (l) sleepers.set(state, l.filter((x) => !mine.has(x)));
      for (const x of mine) x.wake();
    },
  };
  const mine = new Set<Sleeper>();
  // The probe's own time: a sleep moves it on and waits until the engine clock has got there; a sleep that would go
  // past the deadline is where the timeout kills the test (once the clock reaches the deadline).
  let t = atMs;
  const wait = (at: number, then: () => void): Promise<void> => {
    if (at <= state.clock.now() || ctl.signal.aborted) { then(); return Promise.resolve(); }
    p.sleeping = true;
    return new Promise<void>((resolve) => {
      const s: Sleeper = { at, wake: () => { p.sleeping = false; then(); resolve(); } };
      mine.add(s);
      const list = sleepers.get(state) ?? [];
      list.push(s);
      sleepers.set(state, list);
    });
  };
  const sleep = (ms: number): Promise<void> => {
    t += Math.max(0, ms);
    if (t > p.deadlineMs) return wait(p.deadlineMs, () => ctl.abort());
    return wait(t, () => {});
  };
  // Output after the kill (the shell's "execution aborted") is not the test's. A shell test's own output reaches us when
  // the script ends (lib/shell buffers it), so a shell test that is cut leaves none.
  const write = (d: string) => { if (!ctl.signal.aborted) p.output += d; };
  const io: AttachIO = { stdout: write, stderr: write, tty: false, signal: ctl.signal };
  const a = containersOf(state);
  const { Id } = execCreate(state, c.id, { Cmd: cmd, AttachStdout: true, AttachStderr: true });
  p.execId = Id;
  void execStart(state, Id, io, { sleep })
    .then((code) => code, (e: unknown) => { p.output += e instanceof Error ? e.message : String(e); return 1; })
    .then((code) => { if (!ctl.signal.aborted) p.done = { code, endMs: Math.max(t, atMs) + PROBE_RUN_MS }; })
    .finally(() => { p.finished = true; a.execs.delete(Id); });
  return p;
}
