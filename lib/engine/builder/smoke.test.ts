import { it } from 'vitest';
import { testState } from './testing';
import { buildkitBuild, legacyBuild } from './build';
import { PlainPrinter } from '../../progress/plain';
import { renderFailure } from '../../progress/failure';
import { renderLegacyPlain } from '../../progress/legacy';
import { utf8 } from '../digest';

const ctx = (files: Record<string, string>) => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, { data: utf8(v), mode: 0o644 }])) });
const cases: Record<string, string> = {
  multi: 'FROM alpine:3.20 AS build\nWORKDIR /src\nCOPY . .\nRUN echo built > /src/out\n\nFROM alpine:3.20\nCOPY --from=build /src/out /app/out\nCMD ["cat", "/app/out"]\n',
  runfail: 'FROM alpine:3.20\nRUN echo hi && false\n',
  copymissing: 'FROM alpine:3.20\nCOPY missing.txt /app/\n',
  base: 'FROM nosuchimage:1.0\nRUN true\n',
  parse: 'FROM alpine:3.20\nRUN true\nFORM x\n',
  stage: 'FROM alpine:3.20\nCOPY --from=nosuchstage /x /y\n',
};
it('smoke', async () => {
  for (const [name, df] of Object.entries(cases)) {
    const state = testState();
    let out = '';
    const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver' });
    const r = await buildkitBuild({ state }, { context: ctx({ Dockerfile: df, 'a.txt': 'a\n' }), tags: ['x:1.0'] }, (e) => p.update(e));
    p.done();
    if (r.failure) out += renderFailure(r.failure);
    console.log(`==== ${name} buildkit\n` + out);
    const msgs: any[] = [];
    try {
      const r2 = await legacyBuild({ state: testState() }, { context: ctx({ Dockerfile: df, 'a.txt': 'a\n' }), tags: ['y:1.0'] }, (m) => msgs.push(m));
      const o = renderLegacyPlain(msgs);
      console.log(`==== ${name} legacy (exit ${r2.exitCode})\n` + o.stdout + (o.error ? 'ERR: ' + JSON.stringify(o.error) : ''));
    } catch (e) { console.log(`==== ${name} legacy THROW ${(e as Error).message}`); }
  }
});
