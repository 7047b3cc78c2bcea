/**
 * GET /containers/{id}/stats?stream=false: one sample of a container's resource usage (moby daemon/stats.go with
 * cgroup v2). The figures are simulated but deterministic: they follow from the container's ID, its program and
 * its uptime on the engine's clock, so a transcript replays to the same bytes. A container that is not running
 * answers zeros, as moby does.
 */
import type { ContainerCpuStats, ContainerStats } from '../../api/types';
import { rfc3339Nano } from '../clock';
import type { ContainerRecord } from './area';

const ZERO_TIME = '0001-01-01T00:00:00Z';
/** MemTotal of /info (the VM's memory): the limit of a container without --memory. */
export const MEM_TOTAL = 8_268_038_144;
/** NCPU of /info: the CPUs a container sees (moby's runtime.NumCPU for the --cpus range). */
export const CPUS = 4;

/** A small stable number from the container ID (0..n-1). */
function pick(id: string, salt: number, n: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % n;
}

/** Resident memory of the simulated programs (bytes), before the per-container jitter. */
const BASE_MEMORY: Record<string, number> = {
  nginx: 7_340_032, httpd: 9_961_472, 'redis-server': 3_670_016, postgres: 24_117_248, mysqld: 377_487_360, mongod: 88_080_384,
  java: 134_217_728, node: 41_943_040, python: 18_874_368,
};
/** CPU use while idle (percent of one sample, two decimals as the CLI prints). */
const BASE_CPU: Record<string, number> = { mysqld: 0.62, mongod: 0.48, postgres: 0.05, java: 0.21, 'redis-server': 0.19, nginx: 0, httpd: 0.01 };

function cpu(total: number, system: number): ContainerCpuStats {
  return {
    cpu_usage: { total_usage: total, usage_in_kernelmode: Math.floor(total * 0.4), usage_in_usermode: total - Math.floor(total * 0.4) },
    system_cpu_usage: system, online_cpus: CPUS, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}
const emptyCpu = (): ContainerCpuStats => ({ cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } });

function memoryLimit(c: ContainerRecord): number {
  const m = c.hostConfig.Memory;
  return typeof m === 'number' && m > 0 ? m : MEM_TOTAL;
}

export function containerStats(c: ContainerRecord, nowMs: number, execCount: number): ContainerStats {
  const name = '/' + c.name;
  const running = c.status === 'running' || c.status === 'paused';
  if (!c.run || !running) {
    return {
      name, id: c.id, read: ZERO_TIME, preread: ZERO_TIME, pids_stats: {}, blkio_stats: { io_service_bytes_recursive: null }, num_procs: 0,
      storage_stats: {}, cpu_stats: emptyCpu(), precpu_stats: emptyCpu(), memory_stats: {},
    };
  }
  const prog = c.run.program.name.replace(/^python[0-9.]*$/, 'python');
  const up = Math.max(0, Math.floor((nowMs - c.run.startedMs) / 1000));
  const mem = (BASE_MEMORY[prog] ?? 581_632) + pick(c.id, 1, 64) * 4096;
  const inactive = pick(c.id, 2, 16) * 4096;
  // CPU: the CLI computes (cpuDelta / systemDelta) * online_cpus * 100 over a one-second window.
  const systemDelta = CPUS * 1_000_000_000;
  const pct = c.status === 'paused' ? 0 : (BASE_CPU[prog] ?? 0) + pick(c.id, 3, 3) / 100 * (prog in BASE_CPU ? 1 : 0);
  const cpuDelta = Math.round(pct / 100 / CPUS * systemDelta);
  const total = 40_000_000 + up * 1_000_000 + pick(c.id, 4, 1000) * 10_000;
  const system = 1_000_000_000_000 + Math.floor(nowMs / 1000) * systemDelta;
  // Network: a few DHCPv6/router packets while up, plus what the server answered (its access log).
  const rx = 746 + Math.min(up, 3600) * 6 + pick(c.id, 5, 500);
  const tx = 126 + pick(c.id, 6, 200) + c.logs.filter((l) => / HTTP\/1\.[01]" \d{3} /.test(l.text)).length * 853;
  const read = pick(c.id, 7, 4) * 4096 * 256;
  const pids = (prog === 'nginx' ? 1 + CPUS : prog === 'httpd' ? 3 : prog === 'postgres' ? 6 : prog === 'mysqld' ? 37 : prog === 'mongod' ? 33 : prog === 'java' ? 29 : 1) + execCount;
  return {
    name, id: c.id, read: rfc3339Nano(nowMs), preread: rfc3339Nano(nowMs - 1000),
    pids_stats: { current: pids },
    blkio_stats: { io_service_bytes_recursive: [{ major: 254, minor: 0, op: 'read', value: read }, { major: 254, minor: 0, op: 'write', value: 0 }] },
    num_procs: 0, storage_stats: {},
    cpu_stats: cpu(total + cpuDelta, system), precpu_stats: cpu(total, system - systemDelta),
    // cgroup v2 memory.max: the container's --memory (docker run/update), else the machine's memory.
    memory_stats: { usage: mem + inactive, stats: { inactive_file: inactive, active_file: 0, anon: mem }, limit: memoryLimit(c) },
    networks: { eth0: { rx_bytes: rx, rx_packets: Math.floor(rx / 90), rx_errors: 0, rx_dropped: 0, tx_bytes: tx, tx_packets: Math.floor(tx / 120), tx_errors: 0, tx_dropped: 0 } },
  };
}
