import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../api/types';
import type { BuildKitBuildRequest, CliContext } from '../../cli/command';
import { SEED_NGINX_DOCKERFILE } from '../../dockerfile/gen';
import { utf8 } from '../digest';
import { createBuildKitFrontend } from './frontend';
import { testState } from './testing';

const GOLD = join(__dirname, 'testdata');
function golden(name: string, actual: string): void {
  const p = join(GOLD, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(p)) writeFileSync(p, actual);
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

function run(tty: boolean, files: Record<string, string>, extra: Partial<BuildKitBuildRequest> = {}) {
  const state = testState({ stepMs: 7 });
  let out = '', err = '';
  const ctx: CliContext = {
    client: {} as EngineClient, env: {}, now: () => state.clock.now(),
    io: { stdout: (s) => (out += s), stderr: (s) => (err += s), readLine: async () => null, isTTY: tty, columns: 80 },
  };
  const fe = createBuildKitFrontend({ state });
  const req: BuildKitBuildRequest = {
    contextDir: '.', files: new Map(Object.entries(files).map(([k, v]) => [k, { data: utf8(v), mode: 0o644 }])), dockerfile: 'Dockerfile',
    tags: ['web:1.0'], buildArgs: {}, labels: {}, noCache: false, pull: false, quiet: false, progress: 'auto', ...extra,
  };
  return fe.build(ctx, req).then((code) => ({ code, out, err }));
}

describe('BuildKit frontend (docker build with buildx)', () => {
  it('plain progress on stderr, warnings summary after a successful build', async () => {
    const r = await run(false, { Dockerfile: 'FROM alpine:3.20\nCMD echo hi\n' });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('#1 transferring dockerfile: 29B done\n#1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)\n#1 DONE 0.0s\n');
    expect(r.err.endsWith('\n \x1b[33m1 warning found (use docker --debug to expand):\n\x1b[0m - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)\n')).toBe(true);
  });

  it('tty: the seed build redrawn, final frame', async () => {
    const r = await run(true, { Dockerfile: SEED_NGINX_DOCKERFILE, 'index.html': '<h1>hi</h1>\n' });
    expect(r.code).toBe(0);
    const last = r.err.slice(r.err.lastIndexOf('\x1b[?25l') + 6);
    golden('seed-tty-final-frame.txt', last);
    expect(last).toMatch(/^\[\+\] Building \d+\.\ds \(10\/10\) FINISHED {2,}docker:default\n/);
  });

  it('quiet: only the image ID on stdout; failure: exit 1 and the error on stderr', async () => {
    const q = await run(false, { Dockerfile: 'FROM alpine:3.20\n' }, { quiet: true });
    expect(q.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(q.err).toBe('');
    const f = await run(false, { Dockerfile: 'FROM alpine:3.20\nRUN false\n' });
    expect(f.code).toBe(1);
    expect(f.err.endsWith('ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n')).toBe(true);
  });
});
