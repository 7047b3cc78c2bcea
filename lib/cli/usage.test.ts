import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runDocker } from './cli';
import { captureCtx } from './test-helpers';
import { createFakeClient } from '../api/fake-client';

interface Case { argv: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'testdata/usage/usage.json'), 'utf8'));

describe('usage errors and flag parsing (real docker CLI 28.2.2 answers)', () => {
  for (const c of cases) {
    it(`docker ${c.argv.join(' ')}`, async () => {
      const { ctx, out, err } = captureCtx(createFakeClient({ now: () => 1_790_000_000 }));
      ctx.env.HOME = '/root';
      const code = await runDocker(c.argv, ctx);
      expect({ stdout: out(), stderr: err(), code }).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
