import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { ContainerStats, EngineClient } from '../../api/types';
import { statsEntry, formatStats } from '../../cli/commands/container/stats';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('seed-test') });
  const now = () => clock.now();
  const con = createConsole({ client: engine as unknown as EngineClient, workspace: new MemoryWorkspace(now), now, curl: engineCurl(engine) });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    clock.advance(2000);
    return { out, err, code };
  };
  return { run, engine };
}

describe('docker stats --no-stream', () => {
  it('prints one deterministic sample in the CLI columns; -a adds stopped containers with zeros; errors', async () => {
    const { run } = setup();
    await run('docker run -d --name web nginx');
    await run('docker run -d --name sl alpine sleep 1000');
    await run('docker run --name ex alpine true');
    let r = await run('docker stats --no-stream');
    expect(r.out).toBe(
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O         BLOCK I/O     PIDS\n'
      + 'f5591c0e2164   sl        0.00%     764KiB / 7.7GiB     0.01%     1.01kB / 236B   3.15MB / 0B   1\n'
      + '0f7a791de77c   web       0.02%     7.039MiB / 7.7GiB   0.09%     796B / 187B     0B / 0B       5\n');
    r = await run('docker stats --no-stream -a --format "{{.Name}}: {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}"');
    expect(r.out).toBe('ex: 0.00% 0B / 0B 0\nsl: 0.00% 764KiB / 7.7GiB 1\nweb: 0.02% 7.039MiB / 7.7GiB 5\n');
    r = await run('docker stats --no-stream web nope');
    expect(r).toEqual({ out: '', err: 'Error response from daemon: No such container: nope\n', code: 1 });
    r = await run('docker container stats --no-stream --format json web');
    expect(r.out).toBe('{"BlockIO":"0B / 0B","CPUPerc":"0.02%","Container":"web","ID":"0f7a791de77c","MemPerc":"0.09%","MemUsage":"7.039MiB / 7.7GiB","Name":"web","NetIO":"832B / 187B","PIDs":"5"}\n');
    r = await run('docker stats --no-stream --no-trunc ex');
    expect(r.out).toBe(
      'CONTAINER ID                                                       NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n'
      + '7d4ea78268356e0537ea49102227a8d3ac7b2faef7d242cdeffc50405b2374b6   ex        0.00%     0B / 0B             0.00%     0B / 0B   0B / 0B     0\n');
  }, 60_000);

  it('streams: clears the screen and redraws every 500 ms until Ctrl+C', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
    const engine = createEngine({ clock, random: new SeededRandom('seed-test') });
    const con = createConsole({ client: engine as unknown as EngineClient, workspace: new MemoryWorkspace(() => clock.now()), now: () => clock.now() });
    const io = (out: string[], signal?: AbortSignal) => ({ stdout: (s: string) => { out.push(s); }, stderr: () => {}, readLine: async () => null, isTTY: true, columns: 80, signal });
    await con.run('docker run -d --name sl alpine sleep 1000', io([]));
    const frames: string[] = [];
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 1200);
    const code = await con.run('docker stats --format "{{.Name}} {{.PIDs}}" sl', io(frames, ctl.signal));
    expect(code).toBe(0);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.every((f) => f === '\x1b[2J\x1b[Hsl 1\n')).toBe(true);
  }, 60_000);

  it('computes the entry like stats_helpers.go (cgroup v1 cache, CPU deltas, block ops)', () => {
    const cpu = (t: number, s: number) => ({ cpu_usage: { total_usage: t, usage_in_kernelmode: 0, usage_in_usermode: 0, percpu_usage: [1, 2] }, system_cpu_usage: s, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } });
    const s: ContainerStats = {
      name: '/x', id: 'a'.repeat(64), read: '', preread: '', pids_stats: { current: 3 }, num_procs: 0, storage_stats: {},
      blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'Read', value: 2048 }, { major: 8, minor: 0, op: 'Write', value: 1_500_000 }, { major: 8, minor: 0, op: 'Sync', value: 9 }] },
      cpu_stats: cpu(300, 2000), precpu_stats: cpu(100, 1000),
      memory_stats: { usage: 10_485_760, stats: { total_inactive_file: 2_097_152 }, limit: 104_857_600 },
      networks: { eth0: { rx_bytes: 1000, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: 10, tx_packets: 0, tx_errors: 0, tx_dropped: 0 }, eth1: { rx_bytes: 500, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } },
    };
    expect(formatStats([statsEntry('x', s)], 'table', true)).toBe(
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O       BLOCK I/O        PIDS\n'
      + 'aaaaaaaaaaaa   x         40.00%    8MiB / 100MiB       8.00%     1.5kB / 10B   2.05kB / 1.5MB   3\n');
  });
});
