/** Image config helpers: runtime config as each builder writes it, history strings, Go formatting. */
import type { ImageRuntimeConfig, HealthcheckJSON } from '../store';
import type { HealthConfig } from '../../dockerfile/instructions';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const DEFAULT_SHELL = ['/bin/sh', '-c'];
export const HISTORY_COMMENT = 'buildkit.dockerfile.v0';

/** Go's %q of a string. */
export function goQ(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}
/** Go's %q of a []string: ["a" "b"]. */
export const goQList = (l: readonly string[] | null | undefined): string => '[' + (l ?? []).map(goQ).join(' ') + ']';
/** Go's %v of a []string: [a b]. */
export const goVList = (l: readonly string[]): string => '[' + l.join(' ') + ']';

/** Go's time.Duration.String for nanoseconds. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`;
    else if (u < 1e6) out = `${trimFrac(u / 1e3)}µs`;
    else out = `${trimFrac(u / 1e6)}ms`;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const s = trimFrac(u / 1e9);
    out = h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
  }
  return (neg ? '-' : '') + out;
}
const trimFrac = (v: number): string => String(Number(v.toFixed(9)));

/** `HEALTHCHECK &{["CMD-SHELL" "x"] "30s" "3s" "0s" "0s" '\x03'}` (Go's %q of *HealthConfig). */
export function healthString(h: HealthConfig): string {
  const r = h.retries;
  const rq = r >= 0x20 && r < 0x7f ? `'${String.fromCharCode(r)}'` : `'\\x${r.toString(16).padStart(2, '0')}'`;
  return `HEALTHCHECK &{${goQList(h.test)} ${goQ(goDuration(h.interval))} ${goQ(goDuration(h.timeout))} ${goQ(goDuration(h.startPeriod))} ${goQ(goDuration(h.startInterval))} ${rq}}`;
}

/** BuildKit: `HEALTHCHECK {Test:[CMD-SHELL x] Interval:30s Timeout:3s StartPeriod:0s StartInterval:0s Retries:3}` (Go's %+v). */
export function healthStringPlus(h: HealthConfig): string {
  return `HEALTHCHECK {Test:${goVList(h.test)} Interval:${goDuration(h.interval)} Timeout:${goDuration(h.timeout)} StartPeriod:${goDuration(h.startPeriod)} StartInterval:${goDuration(h.startInterval)} Retries:${h.retries}}`;
}

export function healthJSON(h: HealthConfig): HealthcheckJSON {
  const o: HealthcheckJSON = { Test: h.test };
  if (h.interval) o.Interval = h.interval;
  if (h.timeout) o.Timeout = h.timeout;
  if (h.startPeriod) o.StartPeriod = h.startPeriod;
  if (h.startInterval) o.StartInterval = h.startInterval;
  if (h.retries) o.Retries = h.retries;
  return o;
}

/** The builder's working runtime config (all fields, filled from the base image). */
export interface WorkConfig {
  Hostname: string; Domainname: string; User: string;
  ExposedPorts: Record<string, Record<string, never>> | null;
  Env: string[]; Cmd: string[] | null; Healthcheck?: HealthcheckJSON; ArgsEscaped: boolean;
  Volumes: Record<string, Record<string, never>> | null; WorkingDir: string; Entrypoint: string[] | null;
  OnBuild: string[] | null; Labels: Record<string, string> | null; StopSignal: string; Shell: string[] | null;
}

export function workConfigFrom(c: ImageRuntimeConfig | undefined): WorkConfig {
  const x = (c ?? {}) as Record<string, unknown>;
  return {
    Hostname: '', Domainname: '', User: (x.User as string) ?? '',
    ExposedPorts: x.ExposedPorts ? { ...(x.ExposedPorts as Record<string, Record<string, never>>) } : null,
    Env: [...((x.Env as string[]) ?? [])], Cmd: (x.Cmd as string[] | null) ?? null, Healthcheck: x.Healthcheck as HealthcheckJSON | undefined,
    ArgsEscaped: !!x.ArgsEscaped,
    Volumes: x.Volumes ? { ...(x.Volumes as Record<string, Record<string, never>>) } : null, WorkingDir: (x.WorkingDir as string) ?? '',
    Entrypoint: (x.Entrypoint as string[] | null) ?? null, OnBuild: (x.OnBuild as string[] | null) ?? null,
    Labels: x.Labels ? { ...(x.Labels as Record<string, string>) } : null, StopSignal: (x.StopSignal as string) ?? '',
    Shell: (x.Shell as string[] | null) ?? null,
  };
}

export function cloneWork(c: WorkConfig): WorkConfig {
  return {
    ...c, ExposedPorts: c.ExposedPorts ? { ...c.ExposedPorts } : null, Env: [...c.Env], Cmd: c.Cmd ? [...c.Cmd] : null,
    Volumes: c.Volumes ? { ...c.Volumes } : null, Entrypoint: c.Entrypoint ? [...c.Entrypoint] : null,
    OnBuild: c.OnBuild ? [...c.OnBuild] : null, Labels: c.Labels ? { ...c.Labels } : null, Shell: c.Shell ? [...c.Shell] : null,
  };
}

const nonEmpty = <T>(o: Record<string, T> | null): boolean => !!o && Object.keys(o).length > 0;

/** BuildKit (dockerspec.DockerOCIImageConfig): OCI order, omitempty. */
export function ociConfig(c: WorkConfig): ImageRuntimeConfig {
  const o: ImageRuntimeConfig = {};
  if (c.User) o.User = c.User;
  if (nonEmpty(c.ExposedPorts)) o.ExposedPorts = sortKeys(c.ExposedPorts!);
  if (c.Env.length) o.Env = c.Env;
  if (c.Entrypoint && c.Entrypoint.length) o.Entrypoint = c.Entrypoint;
  if (c.Cmd && c.Cmd.length) o.Cmd = c.Cmd;
  if (nonEmpty(c.Volumes)) o.Volumes = sortKeys(c.Volumes!);
  if (c.WorkingDir) o.WorkingDir = c.WorkingDir;
  if (nonEmpty(c.Labels)) o.Labels = sortKeys(c.Labels!);
  if (c.StopSignal) o.StopSignal = c.StopSignal;
  if (c.ArgsEscaped) o.ArgsEscaped = true;
  if (c.Healthcheck) o.Healthcheck = c.Healthcheck;
  if (c.OnBuild && c.OnBuild.length) o.OnBuild = c.OnBuild;
  if (c.Shell && c.Shell.length) o.Shell = c.Shell;
  return o;
}

/** Legacy (moby container.Config), all fields in struct order. */
export function mobyConfig(c: WorkConfig, image: string, hostname = ''): Record<string, unknown> {
  const o: Record<string, unknown> = {
    Hostname: hostname, Domainname: '', User: c.User, AttachStdin: false, AttachStdout: false, AttachStderr: false,
  };
  if (nonEmpty(c.ExposedPorts)) o.ExposedPorts = sortKeys(c.ExposedPorts!);
  o.Tty = false; o.OpenStdin = false; o.StdinOnce = false;
  o.Env = c.Env.length ? c.Env : null;
  o.Cmd = c.Cmd;
  if (c.Healthcheck) o.Healthcheck = c.Healthcheck;
  if (c.ArgsEscaped) o.ArgsEscaped = true;
  o.Image = image;
  o.Volumes = nonEmpty(c.Volumes) ? sortKeys(c.Volumes!) : null;
  o.WorkingDir = c.WorkingDir;
  o.Entrypoint = c.Entrypoint;
  o.OnBuild = c.OnBuild;
  o.Labels = c.Labels ?? {};
  if (c.StopSignal) o.StopSignal = c.StopSignal;
  if (c.Shell && c.Shell.length) o.Shell = c.Shell;
  return o;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** Sets KEY=VALUE in an env list (replacing, keeping position). */
export function setEnv(env: string[], key: string, value: string): void {
  const i = env.findIndex((e) => e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')) === key);
  if (i >= 0) env[i] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
}
export function envMap(env: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const i = e.indexOf('=');
    if (i < 0) m.set(e, '');
    else m.set(e.slice(0, i), e.slice(i + 1));
  }
  return m;
}
