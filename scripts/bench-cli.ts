/**
 * CLI figures, whole commands through the session's console (argv parsing, engine call, formatting, output):
 *   1. `docker image ls` (and `-q`, `--digests`, `-a`) with 10,000 images
 *   2. `docker ps -a` with 1,000 containers
 * Main-thread wall time and process CPU time of 10 runs after a warm-up run, best and median; the load average is printed.
 * Run by `npm run bench`.
 */
import { createSession, type Session } from '../lib/session/index';
import { ManualClock } from '../lib/engine/clock';
import type { ImageConfigJSON } from '../lib/engine/store';
import { parseNormalizedNamed } from '../lib/reference/reference';
import type { ConsoleIO } from '../lib/console/types';

async function run(s: Session, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const io: ConsoleIO = { stdout: (d) => { out += d; }, stderr: (d) => { out += d; }, readLine: async () => null, isTTY: false, columns: 200 };
  const code = await s.console.run(line, io);
  return { out, code };
}

/**
 * `line` 10 times after a warm-up (`before` runs untimed before each): main-thread wall time (what the user waits for;
 * read it at a low load average) and process CPU time (which also counts V8's background GC threads), best and median.
 */
async function imageRow(s: Session, line: string, label = line, before?: (k: number) => Promise<void>): Promise<void> {
  const r = await run(s, line);
  if (r.code !== 0) throw new Error(`${line}: exit ${r.code}: ${r.out.slice(0, 200)}`);
  const wall: number[] = [], cpu: number[] = [];
  for (let k = 0; k < 10; k++) {
    if (before) await before(k);
    const c = process.cpuUsage();
    const t = performance.now();
    await run(s, line);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const med = (a: number[]) => { a.sort((x, y) => x - y); return ((a[4] + a[5]) / 2).toFixed(1).padStart(5); };
  const best = (a: number[]) => Math.min(...a).toFixed(1).padStart(5);
  const rows = r.out.split('\n').length - 1;
  console.log(`${label.padEnd(50)} wall ${best(wall)} best ${med(wall)} median | CPU ${best(cpu)} best ${med(cpu)} median ms  (${rows} lines, ${r.out.length} chars)`);
}

async function main() {
  console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  {
    // machine calibration, as in bench-dockerfile: the same loop takes ~20 ms on an idle laptop
    const c = process.cpuUsage();
    const keep: object[] = [];
    for (let i = 0; i < 300_000; i++) keep.push({ v: 'x', n: null, c: [], s: i });
    const d = process.cpuUsage(c);
    console.log(`calibration: 300k small object allocations ${((d.user + d.system) / 1000).toFixed(1)} ms CPU (${keep.length})`);
  }
  const clock = new ManualClock(Date.UTC(2025, 0, 1));
  const s = createSession({ clock, seed: 'bench-cli' });
  const st = s.engine.state;

  // 10,000 images on one layer: 100 repositories, one tag each, every 10th also by digest, every 50th dangling.
  let t = performance.now();
  const base = st.layers.register('', { entries: new Map() }, { diffId: 'sha256:' + 'ab'.repeat(32), size: 7_800_000 });
  for (let i = 0; i < 10_000; i++) {
    const cfg: ImageConfigJSON = {
      architecture: 'amd64', os: 'linux', created: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      config: { Env: ['PATH=/usr/bin'], Cmd: ['sh'], Labels: { n: String(i) } },
      rootfs: { type: 'layers', diff_ids: [base.diffId] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: `image ${i}` }],
    };
    const img = st.images.create(cfg);
    if (i % 50 === 49) continue;
    st.refs.add(parseNormalizedNamed(`registry.example.com/team/app${i % 100}:v${i}`), img.id);
    if (i % 10 === 0) st.refs.add(parseNormalizedNamed(`registry.example.com/team/app${i % 100}@sha256:${img.id.slice(7, 15).repeat(8)}`), img.id);
  }
  clock.set(Date.UTC(2025, 0, 2));
  console.log(`10,000 images created and tagged in ${(performance.now() - t).toFixed(0)} ms`);
  for (const line of ['docker image ls', 'docker image ls -q', 'docker image ls --digests', 'docker image ls -a --no-trunc', 'docker image ls registry.example.com/team/app5*']) {
    await imageRow(s, line);
  }
  // The first listing after a change: the engine and the CLI keep what did not change (summaries, cells, column widths).
  await imageRow(s, 'docker image ls', 'docker image ls, each time after a docker tag', async (k) => {
    await run(s, `docker tag registry.example.com/team/app1:v1 registry.example.com/team/app1:bench${k}`);
  });
  await imageRow(s, 'docker image ls', 'docker image ls, each time after a new image', async (k) => {
    const img = st.images.create({
      architecture: 'amd64', os: 'linux', created: new Date(Date.UTC(2024, 6, 1) + k * 1000).toISOString(),
      config: { Cmd: ['sh'] }, rootfs: { type: 'layers', diff_ids: [base.diffId] }, history: [{ created_by: `new ${k}` }],
    });
    st.refs.add(parseNormalizedNamed(`registry.example.com/team/new:v${k}`), img.id);
  });

  // 1,000 containers (created, never started) on busybox.
  const s2 = createSession({ clock: new ManualClock(Date.UTC(2025, 0, 1)), seed: 'bench-cli-ps' });
  await run(s2, 'docker pull busybox');
  t = performance.now();
  for (let i = 0; i < 1000; i++) await s2.client.containerCreate({ Image: 'busybox', Cmd: ['sh', '-c', `echo ${i}`] }, `c${i}`);
  console.log(`1,000 containers created in ${(performance.now() - t).toFixed(0)} ms`);
  await imageRow(s2, 'docker ps -a');
  await imageRow(s2, 'docker ps -a --no-trunc');
  await imageRow(s2, 'docker container ls -a -q');
}

main().catch((e) => { console.error(e); process.exit(1); });
