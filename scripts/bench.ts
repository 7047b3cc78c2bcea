// `npm run bench`: runs every benchmark script that exists and prints its figures. Benchmarks print, they never fail a test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const benches = fs.readdirSync(dir).filter((f) => /^bench-.+\.ts$/.test(f)).sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n## ${b.replace(/^bench-|\.ts$/g, '')}`);
  const r = spawnSync('npx', ['tsx', '--expose-gc', path.join(dir, b)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
