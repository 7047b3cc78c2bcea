/**
 * HEALTHCHECK (moby daemon/health.go) and restart policies (restartmanager) as data: the probe schedule on the
 * engine's clock, the state a probe result leads to, the restart decision and its back-off. The area runs the probes
 * (an exec of the test command) and the restarts.
 */
import type { HealthConfig } from '../../api/types';
import { rfc3339Nano } from '../clock';

export interface HealthLogEntry { Start: string; End: string; ExitCode: number; Output: string }
/** A probe under way: started at `startMs` on the engine clock, cut at `deadlineMs` (start + the check's timeout). */
export interface PendingProbe {
  startMs: number;
  deadlineMs: number;
  /** Output so far (moby's limitedBuffer keeps what the probe wrote before it was cut). */
  output: string;
  /** Set when the test command ended by itself: its exit code and end time on the engine clock. */
  done?: { code: number; endMs: number };
  /** Waiting for the engine clock (a `sleep` in the test): no use giving it more event-loop turns. */
  sleeping: boolean;
  /** The test command has exited (by itself, or stopped). */
  finished: boolean;
  /** The probe's exec (for its events). */
  execId: string;
  /** Stops the test command (the timeout, or the container stopping). */
  stop(): void;
}
export interface HealthState {
  Status: 'starting' | 'healthy' | 'unhealthy'; FailingStreak: number; Log: HealthLogEntry[];
  /** When the interval timer was last (re)set: the container's start, then the end of each probe (moby monitor). */
  lastProbeMs: number;
  pending?: PendingProbe;
}

const NS_PER_MS = 1_000_000;
export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_START_INTERVAL_MS = 5_000;
export const DEFAULT_RETRIES = 3;
/** The time a probe that ends at once takes (exec start to exit). */
export const PROBE_RUN_MS = 23;
const MAX_LOG = 5;
const MAX_OUTPUT = 4096;

/** The test to run, or null when the container has no health check (none, or NONE). */
export function healthTest(h: HealthConfig | undefined): string[] | null {
  const t = h?.Test;
  if (!t || t.length === 0 || t[0] === 'NONE') return null;
  return t;
}

/** timeoutWithDefault(Timeout, defaultProbeTimeout), in ms. */
export function probeTimeoutMs(h: HealthConfig | undefined): number {
  return h?.Timeout ? h.Timeout / NS_PER_MS : DEFAULT_TIMEOUT_MS;
}

/**
 * moby monitor's getInterval: the interval timer runs from the container's start, then from the end of each probe;
 * inside the start period a starting container waits StartInterval (default 5s), and never past the period's end.
 */
export function nextProbeTime(h: HealthConfig, startedMs: number, health: HealthState): number {
  const interval = h.Interval ? Math.max(1, h.Interval / NS_PER_MS) : DEFAULT_INTERVAL_MS;
  const startInterval = h.StartInterval ? h.StartInterval / NS_PER_MS : DEFAULT_START_INTERVAL_MS;
  const startPeriod = h.StartPeriod ? h.StartPeriod / NS_PER_MS : 0;
  const t = health.lastProbeMs;
  const elapsed = t - startedMs;
  if (elapsed >= startPeriod) return t + interval;
  const remaining = startPeriod - elapsed;
  if (remaining < interval) return t + remaining;
  return t + (health.Status === 'starting' ? startInterval : interval);
}

/** The probe times due by `nowMs` when every probe takes `durationMs` (a result replayed for missed intervals). */
export function probeTimes(h: HealthConfig, startedMs: number, health: HealthState, nowMs: number, durationMs = PROBE_RUN_MS): number[] {
  const out: number[] = [];
  const sim: HealthState = { ...health, Log: [] };
  for (let i = 0; i < 10_000; i++) {
    const next = nextProbeTime(h, startedMs, sim);
    if (next > nowMs) break;
    out.push(next);
    sim.lastProbeMs = next + durationMs;
  }
  return out;
}

/** moby cmdProbe's result for a probe cut at its timeout: exit code -1, the output written so far after a colon. */
export function timeoutResult(h: HealthConfig | undefined, output: string): { code: number; output: string } {
  const d = goDurationMs(probeTimeoutMs(h));
  return { code: -1, output: output ? `Health check exceeded timeout (${d}): ${output}` : `Health check exceeded timeout (${d})` };
}

/** Go's time.Duration String() for whole milliseconds (30s, 1.5s, 500ms, 1m30s, 1h0m0s). */
export function goDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  const ss = `${Number.isInteger(sec) ? sec : sec.toFixed(3).replace(/0+$/, '')}s`;
  return h ? `${h}h${m}m${ss}` : m ? `${m}m${ss}` : ss;
}

/**
 * Applies one probe result (moby handleProbeResult): failures in the start period do not count until one success.
 * The interval timer restarts at the probe's end.
 */
export function applyProbe(h: HealthConfig, health: HealthState, startedMs: number, atMs: number, exitCode: number, output: string, endMs = atMs + PROBE_RUN_MS): void {
  const retries = h.Retries && h.Retries > 0 ? h.Retries : DEFAULT_RETRIES;
  const startPeriod = h.StartPeriod ? h.StartPeriod / NS_PER_MS : 0;
  health.Log.push({ Start: rfc3339Nano(atMs), End: rfc3339Nano(endMs), ExitCode: exitCode, Output: output });
  if (health.Log.length > MAX_LOG) health.Log.splice(0, health.Log.length - MAX_LOG);
  health.lastProbeMs = endMs;
  if (exitCode === 0) {
    health.FailingStreak = 0;
    health.Status = 'healthy';
    return;
  }
  if (health.Status === 'starting' && atMs < startedMs + startPeriod) return;
  health.FailingStreak++;
  if (health.FailingStreak >= retries) health.Status = 'unhealthy';
}

/** limitedBuffer: at most 4096 bytes kept, "..." appended when more was written. */
export function limitOutput(s: string): string {
  const b = new TextEncoder().encode(s);
  if (b.length <= MAX_OUTPUT) return s;
  return new TextDecoder().decode(b.slice(0, MAX_OUTPUT)) + '...';
}

/** What `docker ps` appends to `Up ...`. */
export function healthSuffix(health: HealthState | undefined): string {
  if (!health) return '';
  return health.Status === 'starting' ? ' (health: starting)' : ` (${health.Status})`;
}

export type RestartPolicyName = 'no' | 'always' | 'on-failure' | 'unless-stopped' | '';

/** restartmanager.ShouldRestart */
export function shouldRestart(policy: { Name: string; MaximumRetryCount: number } | undefined, exitCode: number, restartCount: number, manuallyStopped: boolean): boolean {
  switch (policy?.Name) {
    case 'always': case 'unless-stopped': return !manuallyStopped;
    case 'on-failure': return !manuallyStopped && exitCode !== 0 && (!policy.MaximumRetryCount || restartCount < policy.MaximumRetryCount);
    default: return false;
  }
}

/** The next back-off: 100 ms, doubled each time, at most a minute; back to 100 ms after a run of 10 s or more. */
export function nextBackoff(prevMs: number, ranMs: number): number {
  if (ranMs >= 10_000 || prevMs === 0) return 100;
  return Math.min(prevMs * 2, 60_000);
}

/** moby's ValidateRestartPolicy wording. */
export function restartPolicyError(p: { Name?: string; MaximumRetryCount?: number } | undefined): string | null {
  if (!p) return null;
  const name = p.Name ?? '';
  const n = p.MaximumRetryCount ?? 0;
  switch (name) {
    case 'always': case 'unless-stopped': case 'no':
      if (n !== 0) return `invalid restart policy: maximum retry count can only be used with 'on-failure'${n < 0 ? ' and cannot be negative' : ''}`;
      return null;
    case 'on-failure':
      return n < 0 ? 'invalid restart policy: maximum retry count cannot be negative' : null;
    case '':
      return null;
    default:
      return `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
  }
}
