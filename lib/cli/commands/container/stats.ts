/**
 * `docker stats --no-stream` (cli/command/container/stats.go, stats_helpers.go, formatter_stats.go): one sample per
 * container, the CLI's arithmetic on the daemon's figures (CPU % from the deltas, memory without the inactive file
 * cache, block I/O by operation, network summed over interfaces), the CLI's columns. Without --no-stream the real
 * CLI redraws every 500 ms until Ctrl+C; here the first frame is drawn, then the command waits for Ctrl+C.
 */
import type { ContainerStats } from '../../../api/types';
import { type CliContext, type CommandDef, StatusError } from '../../command';
import { errorText } from '../../errors';
import { CONTAINER_ID_HEADER, NAME_HEADER, TABLE_FORMAT_KEY, truncateID, writeFormat } from '../../formatter/context';
import { bytesSize, humanSizeWithPrecision } from '../../formatter/units';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../../gotemplate';

export interface StatsOptions { containers: string[]; all: boolean; noStream: boolean; noTrunc: boolean; format: string }

export const statsCommand: CommandDef<StatsOptions> = {
  name: 'stats',
  spec: 'container stats',
  args: { kind: 'any' },
  options: (f, args) => ({ containers: args, all: f.bool('all'), noStream: f.bool('no-stream'), noTrunc: f.bool('no-trunc'), format: f.string('format') }),
  run: runStats,
};

export const DEFAULT_STATS_TABLE_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
const STATS_HEADERS: Record<string, string> = {
  Container: 'CONTAINER', Name: NAME_HEADER, ID: CONTAINER_ID_HEADER, CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %',
  NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS',
};
const STATS_FIELDS = ['BlockIO', 'CPUPerc', 'Container', 'ID', 'MemPerc', 'MemUsage', 'Name', 'NetIO', 'PIDs'];

/** container.StatsEntry */
export interface StatsEntry {
  container: string; name: string; id: string; cpuPercentage: number; memory: number; memoryLimit: number; memoryPercentage: number;
  networkRx: number; networkTx: number; blockRead: number; blockWrite: number; pidsCurrent: number; isInvalid: boolean;
}

/** stats_helpers.go: the entry the CLI derives from one sample. */
export function statsEntry(container: string, s: ContainerStats): StatsEntry {
  const cur = s.cpu_stats;
  const pre = s.precpu_stats;
  const cpuDelta = cur.cpu_usage.total_usage - pre.cpu_usage.total_usage;
  const systemDelta = (cur.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const online = cur.online_cpus || cur.cpu_usage.percpu_usage?.length || 0;
  const cpuPercentage = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
  const usage = s.memory_stats.usage ?? 0;
  const st = s.memory_stats.stats ?? {};
  let memory = usage;
  if (st.total_inactive_file !== undefined && st.total_inactive_file < usage) memory = usage - st.total_inactive_file;
  else if ((st.inactive_file ?? 0) < usage) memory = usage - (st.inactive_file ?? 0);
  const limit = s.memory_stats.limit ?? 0;
  let blockRead = 0;
  let blockWrite = 0;
  for (const b of s.blkio_stats.io_service_bytes_recursive ?? []) {
    const op = b.op.slice(0, 1).toLowerCase();
    if (op === 'r') blockRead += b.value; else if (op === 'w') blockWrite += b.value;
  }
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) { rx += n.rx_bytes; tx += n.tx_bytes; }
  return {
    container, name: s.name, id: s.id, cpuPercentage, memory, memoryLimit: limit, memoryPercentage: limit !== 0 ? (memory / limit) * 100 : 0,
    networkRx: rx, networkTx: tx, blockRead, blockWrite, pidsCurrent: s.pids_stats.current ?? 0, isInvalid: false,
  };
}

const pct = (v: number) => v.toFixed(2) + '%';

export class StatsContext {
  readonly [GO_TYPE] = '*container.statsContext';
  constructor(private readonly s: StatsEntry, private readonly trunc: boolean) {}
  [MARSHAL_JSON](): string { return marshalContext(this, STATS_FIELDS); }
  Container(): string { return this.s.container; }
  Name(): string { return this.s.name.length > 1 ? this.s.name.slice(1) : '--'; }
  ID(): string { return this.trunc ? truncateID(this.s.id) : this.s.id; }
  CPUPerc(): string { return this.s.isInvalid ? '--' : pct(this.s.cpuPercentage); }
  MemUsage(): string { return this.s.isInvalid ? '-- / --' : `${bytesSize(this.s.memory)} / ${bytesSize(this.s.memoryLimit)}`; }
  MemPerc(): string { return this.s.isInvalid ? '--' : pct(this.s.memoryPercentage); }
  NetIO(): string { return this.s.isInvalid ? '--' : `${humanSizeWithPrecision(this.s.networkRx, 3)} / ${humanSizeWithPrecision(this.s.networkTx, 3)}`; }
  BlockIO(): string { return this.s.isInvalid ? '--' : `${humanSizeWithPrecision(this.s.blockRead, 3)} / ${humanSizeWithPrecision(this.s.blockWrite, 3)}`; }
  PIDs(): string { return this.s.isInvalid ? '--' : String(this.s.pidsCurrent); }
}

export function formatStats(entries: readonly StatsEntry[], format: string, trunc: boolean): string {
  const f = format === '' || format === TABLE_FORMAT_KEY ? DEFAULT_STATS_TABLE_FORMAT : format;
  return writeFormat(f, STATS_HEADERS, entries.map((e) => new StatsContext(e, trunc)));
}

async function sample(ctx: CliContext, o: StatsOptions, showAll: boolean): Promise<{ entries: StatsEntry[]; errs: string[] }> {
  const targets = showAll ? (await ctx.client.containerList({ all: o.all })).map((c) => c.Id.slice(0, 12)) : [...new Set(o.containers)];
  const entries: StatsEntry[] = [];
  const errs: string[] = [];
  for (const t of targets) {
    try {
      entries.push(statsEntry(t, await ctx.client.containerStats(t)));
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  return { entries, errs };
}

export async function runStats(ctx: CliContext, o: StatsOptions): Promise<void> {
  const showAll = o.containers.length === 0;
  const first = await sample(ctx, o, showAll);
  if (first.errs.length && !showAll) throw new StatusError(first.errs.join('\n'), 1);
  if (o.noStream) { ctx.io.stdout(formatStats(first.entries, o.format, !o.noTrunc)); return; }
  // Streaming: the screen is cleared and redrawn every 500 ms until Ctrl+C (without a way to stop, one frame).
  const signal = ctx.io.signal;
  let frame = first;
  for (;;) {
    ctx.io.stdout('\x1b[2J\x1b[H' + formatStats(frame.entries, o.format, !o.noTrunc));
    if (!signal || signal.aborted || (!showAll && frame.entries.length === 0)) return;
    const stopped = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(false); }, 500);
      const onAbort = () => { clearTimeout(t); resolve(true); };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    if (stopped) return;
    frame = await sample(ctx, o, showAll);
  }
}
