// Captures the real docker CLI's answers to argument/flag mistakes into lib/cli/testdata/usage/usage.json (for
// lib/cli/usage.test.ts). No daemon needed: DOCKER_HOST points at a closed port, and cases that reach the daemon are
// dropped. Usage: node scripts/capture-usage.mjs   (needs docker CLI 28.2.2)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'lib/cli/testdata/usage');
const env = { PATH: process.env.PATH, HOME: '/root', DOCKER_HOST: 'tcp://127.0.0.1:9', TZ: 'UTC' };
const words = (line) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
const rows = [];
for (const line of fs.readFileSync(path.join(dir, 'cases.txt'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const argv = words(line);
  const r = spawnSync('docker', argv, { env, input: '', encoding: 'utf8' });
  if (/Cannot connect to the Docker daemon|127\.0\.0\.1:9/.test(r.stderr)) continue;
  rows.push({ argv, stdout: r.stdout, stderr: r.stderr, code: r.status });
}
fs.writeFileSync(path.join(dir, 'usage.json'), JSON.stringify(rows, null, 1) + '\n');
console.log('kept', rows.length, 'cases');
