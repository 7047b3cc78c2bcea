#!/usr/bin/env node
// `npm test`: unit + conformance (vitest), type checks, then end-to-end (Playwright in Chromium).
// Prints "N passed, N failed" at the end and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
let passed = 0;
let failed = 0;
const failures = [];

function run(name, cmd, args, parse) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const counts = parse ? parse(stripAnsi((r.stdout ?? '') + (r.stderr ?? ''))) : null;
  if (counts) { passed += counts.passed; failed += counts.failed; }
  else if (r.status === 0) passed += 1; else failed += 1;
  if (r.status !== 0) { failures.push(name); if (counts && counts.failed === 0) failed += 1; }
}

const num = (re, s) => { const m = s.match(re); return m ? Number(m[1]) : 0; };
run('typecheck lib (no DOM)', 'npx', ['tsc', '-p', 'lib/tsconfig.json', '--noEmit']);
run('typecheck app', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('unit + conformance', 'npx', ['vitest', 'run'], (out) => ({
  passed: num(/Tests\s+(?:\d+ failed \| )?(\d+) passed/, out),
  failed: num(/Tests\s+(\d+) failed/, out),
}));
if (!process.env.SKIP_E2E) {
  run('end-to-end (Chromium)', 'npx', ['playwright', 'test'], (out) => ({
    passed: num(/(\d+) passed/, out),
    failed: num(/(\d+) failed/, out),
  }));
}
console.log(`\n${passed} passed, ${failed} failed${failures.length ? ` (failing: ${failures.join(', ')})` : ''}`);
process.exit(failures.length || failed ? 1 : 0);
