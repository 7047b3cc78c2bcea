// Dockerfile front-end benchmark: parse + typed instructions for the seed's nginx Dockerfile and for a
// generated ~1 MB Dockerfile. Prints medians (ms, MB/s) of N runs. Run by `npm run bench`.
import os from 'node:os';
import { parseDockerfile } from '../lib/dockerfile/instructions';
import { parse } from '../lib/dockerfile/parser';
import { lintDockerfile } from '../lib/dockerfile/lint';
import { generateDockerfile, SEED_NGINX_DOCKERFILE } from '../lib/dockerfile/gen';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(name: string, src: string, runs: number, fn: (s: string) => unknown): void {
  for (let i = 0; i < Math.min(3, runs); i++) fn(src); // warm up
  const ts: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(src);
    ts.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = median(ts);
  const cpuMs = median(cpu);
  const mb = Buffer.byteLength(src, 'utf8') / (1024 * 1024);
  const rate = ms > 0 ? mb / (ms / 1000) : Infinity;
  console.log(`${name.padEnd(44)} ${ms.toFixed(3).padStart(10)} ms   ${rate.toFixed(2).padStart(8)} MB/s   cpu ${cpuMs.toFixed(3)} ms   (median of ${runs}, ${Buffer.byteLength(src, 'utf8')} bytes)`);
}

const big = generateDockerfile(1 << 20);
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
{
  // machine calibration: the same loop takes ~20 ms on an idle laptop
  const t0 = performance.now();
  const keep: object[] = [];
  for (let i = 0; i < 300_000; i++) keep.push({ v: 'x', n: null, c: [], s: i });
  console.log(`calibration: 300k small object allocations ${(performance.now() - t0).toFixed(1)} ms (${keep.length})`);
}
bench('nginx seed Dockerfile: parse+instructions', SEED_NGINX_DOCKERFILE, 2000, parseDockerfile);
bench('nginx seed Dockerfile: lint', SEED_NGINX_DOCKERFILE, 2000, lintDockerfile);
bench('generated 1 MB Dockerfile: parse (node tree)', big, 9, parse);
bench('generated 1 MB Dockerfile: parse+instructions', big, 7, parseDockerfile);
