/**
 * `docker update` / `docker container update` (cli/command/container/update.go, docker CLI 28.2.2): at least one flag,
 * the restart policy parsed client-side, one POST /containers/{id}/update per container with the same settings;
 * each container that took them is printed as given, the daemon's errors follow joined (exit 1), then any warnings.
 */
import type { ContainerUpdateConfig } from '../../../api/types';
import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';
import { type FlagSet, parseRAMInBytes } from '../../flags';
import { parseRestartPolicy } from './run';

export interface UpdateOptions { containers: string[]; nFlag: number; restart: string; config: ContainerUpdateConfig }

/** opts.ParseCPUs: a rational number of CPUs in billionths ("value is too precise" beyond that). */
export function parseNanoCpus(value: string): number | string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `failed to parse ${value} as a rational number`;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 9) return 'value is too precise';
  const n = Number(m[2] || '0') * 1e9 + Number((frac + '000000000').slice(0, 9));
  return m[1] === '-' ? -n : n;
}

const bytes = (f: FlagSet, name: string): number => {
  if (!f.changed(name)) return 0;
  const r = parseRAMInBytes(f.string(name));
  return typeof r === 'number' ? r : 0;
};

export const updateCommand: CommandDef<UpdateOptions> = {
  name: 'update',
  spec: 'container update',
  args: minArgs(1),
  // 28.2.2 still parses --kernel-memory (hidden, no deprecation notice) and no longer sends it
  hiddenFlags: [{ name: 'kernel-memory', type: 'bytes', help: '' }],
  flagValidators: { cpus: (v) => { const r = parseNanoCpus(v); return typeof r === 'string' ? r : null; } },
  options: (f, args) => {
    const cpus = f.changed('cpus') ? parseNanoCpus(f.string('cpus')) : 0;
    const pids = f.int('pids-limit');
    // MemSwapBytes: "-1" is unlimited, anything else RAMInBytes
    const swap = f.changed('memory-swap') && f.string('memory-swap') === '-1' ? -1 : bytes(f, 'memory-swap');
    const config: ContainerUpdateConfig = {
      BlkioWeight: f.int('blkio-weight'), CpusetCpus: f.string('cpuset-cpus'), CpusetMems: f.string('cpuset-mems'), CpuShares: f.int('cpu-shares'),
      Memory: bytes(f, 'memory'), MemoryReservation: bytes(f, 'memory-reservation'), MemorySwap: swap,
      CpuPeriod: f.int('cpu-period'), CpuQuota: f.int('cpu-quota'), CpuRealtimePeriod: f.int('cpu-rt-period'), CpuRealtimeRuntime: f.int('cpu-rt-runtime'),
      NanoCpus: typeof cpus === 'number' ? cpus : 0,
      // the CLI sends a pids limit only when the flag is not 0
      ...(pids !== 0 ? { PidsLimit: pids } : {}),
    };
    return { containers: args, nFlag: f.defs.filter((d) => f.changed(d.name)).length, restart: f.string('restart'), config };
  },
  run: runUpdate,
};

export async function runUpdate(ctx: CliContext, opts: UpdateOptions): Promise<void> {
  if (opts.nFlag === 0) throw new StatusError('you must provide one or more flags when using this command', 1);
  let restartPolicy = { Name: '', MaximumRetryCount: 0 };
  if (opts.restart !== '') {
    try { restartPolicy = parseRestartPolicy(opts.restart); } catch (e) { throw new StatusError((e as Error).message, 1); }
  }
  const config: ContainerUpdateConfig = { ...opts.config, RestartPolicy: restartPolicy };
  const warns: string[] = [];
  const errs: string[] = [];
  for (const name of opts.containers) {
    try {
      const r = await ctx.client.containerUpdate(name, config);
      ctx.io.stdout(name + '\n');
      warns.push(...(r.Warnings ?? []));
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  if (warns.length) ctx.io.stdout(warns.join('\n') + '\n');
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
