/**
 * POST /containers/{id}/update (moby api/server/router/container postContainerUpdate, daemon/update.go,
 * verifyPlatformContainerResources with update=true, container.UpdateContainer) as data: the checks in moby's order
 * and the HostConfig fields an update changes. The area applies it to the container record.
 */
import type { ContainerUpdateConfig, HostConfig } from '../../api/types';
import { restartPolicyError } from './health';

/** linuxMinMemory: 6 MiB. */
const MIN_MEMORY = 6 * 1024 * 1024;

/** The resource fields of HostConfig an update can set (moby container.Resources), with their zero values. */
export const RESOURCE_DEFAULTS = {
  CpuShares: 0, Memory: 0, NanoCpus: 0, BlkioWeight: 0, CpuPeriod: 0, CpuQuota: 0, CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0,
  CpusetCpus: '', CpusetMems: '', MemoryReservation: 0, MemorySwap: 0,
} as const;
type NumKey = 'CpuShares' | 'Memory' | 'NanoCpus' | 'BlkioWeight' | 'CpuPeriod' | 'CpuQuota' | 'CpuRealtimePeriod' | 'CpuRealtimeRuntime' | 'MemoryReservation' | 'MemorySwap';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** adaptContainerSettings at create: a memory limit without a swap limit gets twice the memory as its swap limit. */
export function adaptResources(hc: HostConfig): void {
  if (num(hc.Memory) > 0 && num(hc.MemorySwap) === 0) hc.MemorySwap = num(hc.Memory) * 2;
}

/** The router's normalisation: a PidsLimit of 0 or below means unlimited, stored as 0 (a create stores none). */
export function normalizeUpdate(cfg: ContainerUpdateConfig): ContainerUpdateConfig {
  const out = { ...cfg };
  if (typeof out.PidsLimit === 'number' && out.PidsLimit <= 0) out.PidsLimit = 0;
  return out;
}

/**
 * verifyContainerSettings for an update: the restart policy (validateHostConfig), then the resources
 * (verifyPlatformContainerResources, update=true). Returns moby's error text, or null.
 */
export function validateUpdate(cfg: ContainerUpdateConfig, ncpu: number): string | null {
  const policy = restartPolicyError(cfg.RestartPolicy);
  if (policy) return policy;
  return validateResources(cfg, ncpu, true);
}

/** verifyPlatformContainerResources for what we simulate: memory, CPU (NanoCPUs, CFS period/quota, cpuset), blkio weight. */
export function validateResources(cfg: ContainerUpdateConfig, ncpu: number, update: boolean): string | null {
  const memory = num(cfg.Memory);
  const swap = num(cfg.MemorySwap);
  const reservation = num(cfg.MemoryReservation);
  const nano = num(cfg.NanoCpus);
  const period = num(cfg.CpuPeriod);
  const quota = num(cfg.CpuQuota);
  const blkio = num(cfg.BlkioWeight);
  if (memory !== 0 && memory < MIN_MEMORY) return 'Minimum memory limit allowed is 6MB';
  if (memory > 0 && swap > 0 && swap < memory) return 'Minimum memoryswap limit should be larger than memory limit, see usage';
  if (memory === 0 && swap > 0 && !update) return 'You should always set the Memory limit when using Memoryswap limit, see usage';
  if (reservation > 0 && reservation < MIN_MEMORY) return 'Minimum memory reservation allowed is 6MB';
  if (memory > 0 && reservation > 0 && memory < reservation) return 'Minimum memory limit can not be less than memory reservation limit, see usage';
  if (nano > 0 && period > 0) return 'Conflicting options: Nano CPUs and CPU Period cannot both be set';
  if (nano > 0 && quota > 0) return 'Conflicting options: Nano CPUs and CPU Quota cannot both be set';
  if (nano !== 0 && (nano < 0 || nano > ncpu * 1e9)) return `range of CPUs is from 0.01 to ${ncpu}.00, as there are only ${ncpu} CPUs available`;
  if (period !== 0 && (period < 1000 || period > 1_000_000)) return 'CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)';
  if (quota > 0 && quota < 1000) return 'CPU cfs quota can not be less than 1ms (i.e. 1000)';
  const cpus = cpusetError(str(cfg.CpusetCpus), ncpu, 'cpus');
  if (cpus) return cpus;
  const mems = cpusetError(str(cfg.CpusetMems), 1, 'mems');
  if (mems) return mems;
  if (blkio > 0 && (blkio < 10 || blkio > 1000)) return 'Range of blkio weight is from 10 to 1000';
  return null;
}

/** sysinfo.IsCpusetCpusAvailable / IsCpusetMemsAvailable over `0-(n-1)` (parsers.ParseUintList wording). */
function cpusetError(spec: string, n: number, what: 'cpus' | 'mems'): string | null {
  if (spec === '') return null;
  const ids = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return `Invalid value ${spec} for cpuset ${what}: invalid format: ${spec}`;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return `Invalid value ${spec} for cpuset ${what}: invalid format: ${spec}`;
    for (let i = a; i <= b && i <= a + 1024; i++) ids.add(i);
  }
  const avail = n === 1 ? '0' : `0-${n - 1}`;
  for (const i of ids) {
    if (i >= n) return what === 'cpus' ? `Requested CPUs are not available - requested ${spec}, available: ${avail}` : `Requested memory nodes are not available - requested ${spec}, available: ${avail}`;
  }
  return null;
}

/**
 * container.UpdateContainer: applies the non-zero fields to `hc` (changed in place), or returns moby's conflict
 * (nothing changed then). `autoRemove` guards the restart policy.
 */
export function applyUpdate(hc: HostConfig, cfg: ContainerUpdateConfig): string | null {
  const cur = (k: NumKey) => num(hc[k]);
  const nano = num(cfg.NanoCpus);
  const period = num(cfg.CpuPeriod);
  const quota = num(cfg.CpuQuota);
  if (nano > 0 && cur('CpuPeriod') > 0) return 'Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set';
  if (nano > 0 && cur('CpuQuota') > 0) return 'Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set';
  if (period > 0 && cur('NanoCpus') > 0) return 'Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set';
  if (quota > 0 && cur('NanoCpus') > 0) return 'Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set';
  const memory = num(cfg.Memory);
  if (memory !== 0 && memory > cur('MemorySwap') && num(cfg.MemorySwap) === 0) {
    return 'Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time';
  }
  const policy = cfg.RestartPolicy;
  if (policy?.Name && hc.AutoRemove && policy.Name !== 'no') return 'Restart policy cannot be updated because AutoRemove is enabled for the container';
  const next: Record<string, unknown> = {};
  for (const k of ['BlkioWeight', 'CpuShares', 'NanoCpus', 'CpuPeriod', 'CpuQuota', 'Memory', 'MemorySwap', 'MemoryReservation', 'CpuRealtimePeriod', 'CpuRealtimeRuntime'] as const) {
    if (num(cfg[k]) !== 0) next[k] = num(cfg[k]);
  }
  if (str(cfg.CpusetCpus)) next.CpusetCpus = cfg.CpusetCpus;
  if (str(cfg.CpusetMems)) next.CpusetMems = cfg.CpusetMems;
  if (typeof cfg.PidsLimit === 'number') next.PidsLimit = cfg.PidsLimit;
  if (policy?.Name) next.RestartPolicy = { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount ?? 0 };
  Object.assign(hc, next);
  return null;
}
