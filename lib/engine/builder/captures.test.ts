// The legacy build stream against the real docker CLI's captures (/work/shared/conformance/docker-cli/captures/build-legacy-*):
// what the CLI printed on stdout after `Sending build context`, and the error it printed on stderr, IDs normalised.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JSONMessage } from '../../api/types';
import { renderLegacyPlain } from '../../progress/legacy';
import { utf8 } from '../digest';
import { legacyBuild } from './build';
import { imagePull } from '../pull';
import { testState } from './testing';

const CAP = resolve(__dirname, '../../../../shared/conformance/docker-cli/captures');
const norm = (s: string) => s.replace(/\b[0-9a-f]{12}\b/g, '<id>').replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>');

const cases: { name: string; dockerfile: string; pulled: boolean; exit: number }[] = [
  { name: 'build-legacy-with-pull', dockerfile: 'FROM alpine:3.20\nRUN echo hello\n', pulled: false, exit: 0 },
  { name: 'build-legacy-run-fail', dockerfile: 'FROM alpine:3.20\nRUN false\n', pulled: true, exit: 1 },
  { name: 'build-legacy-run-exit3', dockerfile: 'FROM alpine:3.20\nRUN exit 3\n', pulled: true, exit: 3 },
  { name: 'build-legacy-copy-missing', dockerfile: 'FROM alpine:3.20\nCOPY missing.txt /app/\n', pulled: true, exit: 1 },
  { name: 'build-legacy-base-missing', dockerfile: 'FROM nosuchimage:1.0\nRUN true\n', pulled: false, exit: 1 },
];

describe.skipIf(!existsSync(CAP))('legacy build vs docker CLI captures', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const state = testState();
      if (c.pulled) for await (const m of imagePull(state, { fromImage: 'alpine', tag: '3.20' })) void m;
      const msgs: JSONMessage[] = [];
      const r = await legacyBuild({ state }, { context: { files: new Map([['Dockerfile', { data: utf8(c.dockerfile), mode: 0o644 }]]) }, tags: c.name.includes('pull') ? ['hello'] : [] }, (m) => msgs.push(m));
      const { stdout, error } = renderLegacyPlain(msgs);
      const capOut = readFileSync(join(CAP, c.name + '.stdout'), 'utf8').split('\n').slice(1).join('\n');
      expect(norm(stdout)).toBe(norm(capOut));
      const capErr = readFileSync(join(CAP, c.name + '.stderr'), 'utf8').split('\n').filter(Boolean).at(-1);
      if (c.exit) expect(error?.error).toBe(capErr);
      expect(r.exitCode).toBe(c.exit);
    });
  }
});
