/**
 * HEALTHCHECK (moby daemon/health.go) and restart policies (restartmanager) as data: the probe schedule on the
 * engine's clock, the state a probe result leads to, the restart decision and its back-off. The area runs the probes
 * (an exec of the test command) and the restarts.
 */
import type { HealthConfig } from '../../api/types';
import { rfc3339Nano } from '../clock';

export interface HealthLogEntry { Start: string; End: string; ExitCode: number; Output: string }
export interface HealthState { Status: 'starting' | 'healthy' | 'unhealthy'; FailingStreak: number; Log: HealthLogEntry[]; lastProbeMs: number }

const NS_PER_MS = 1_000_000;
export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
const MAX_LOG = 5;
const MAX_OUTPUT = 4096;

/** The test to run, or null when the container has no health check (none, or NONE). */
export function healthTest(h: HealthConfig | undefined): string[] | null {
  const t = h?.Test;
  if (!t || t.length === 0 || t[0] === 'NONE') return null;
  return t;
}

export function probeTimes(h: HealthConfig, startedMs: number, health: HealthState, nowMs: number): number[] {
  const interval = h.Interval ? Math.max(1, h.Interval / NS_PER_MS) : DEFAULT_INTERVAL_MS;
  const startInterval = h.StartInterval ? h.StartInterval / NS_PER_MS : interval;
  const startPeriod = h.StartPeriod ? h.StartPeriod / NS_PER_MS : 0;
  const out: number[] = [];
  let t = health.lastProbeMs;
  for (let i = 0; i < 10_000; i++) {
    const inStart = t < startedMs + startPeriod && health.Status === 'starting';
    const next = t + (inStart ? startInterval : interval);
    if (next > nowMs) break;
    out.push(next);
    t = next;
  }
  return out;
}

/** Applies one probe result (moby handleProbeResult): failures in the start period do not count until one success. */
export function applyProbe(h: HealthConfig, health: HealthState, startedMs: number, atMs: number, exitCode: number, output: string): void {
  const retries = h.Retries && h.Retries > 0 ? h.Retries : DEFAULT_RETRIES;
  const startPeriod = h.StartPeriod ? h.StartPeriod / NS_PER_MS : 0;
  health.Log.push({ Start: rfc3339Nano(atMs), End: rfc3339Nano(atMs + 23), ExitCode: exitCode, Output: output.slice(0, MAX_OUTPUT) });
  if (health.Log.length > MAX_LOG) health.Log.splice(0, health.Log.length - MAX_LOG);
  health.lastProbeMs = atMs;
  if (exitCode === 0) {
    health.FailingStreak = 0;
    health.Status = 'healthy';
    return;
  }
  if (health.Status === 'starting' && atMs < startedMs + startPeriod) return;
  health.FailingStreak++;
  if (health.FailingStreak >= retries) health.Status = 'unhealthy';
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
