import { describe, expect, it } from 'vitest';
import type { BuildEvent } from './events';
import { PlainPrinter } from './plain';
import { TtyPrinter } from './tty';
import { renderFailure, sourceSnippet } from './failure';
import { bytes2f } from './units';

const T0 = 1_700_000_000_000;

function failedRun(): BuildEvent[] {
  const ev: BuildEvent[] = [];
  const v = (id: string, name: string, s: number, c?: number, extra: Partial<BuildEvent> = {}) =>
    ev.push({ type: 'vertex', id, name, started: T0 + s, completed: c === undefined ? undefined : T0 + c, ...extra } as BuildEvent);
  v('a', '[internal] load build definition from Dockerfile', 0);
  ev.push({ type: 'status', vertex: 'a', id: 'transferring dockerfile:', current: 57, timestamp: T0 + 1, started: T0, completed: T0 + 1 });
  v('a', '[internal] load build definition from Dockerfile', 0, 2);
  v('b', '[internal] load metadata for docker.io/library/alpine:3.20', 3);
  v('b', '[internal] load metadata for docker.io/library/alpine:3.20', 3, 5);
  v('c', '[internal] load .dockerignore', 6);
  ev.push({ type: 'status', vertex: 'c', id: 'transferring context:', current: 2, timestamp: T0 + 6, started: T0 + 6, completed: T0 + 6 });
  v('c', '[internal] load .dockerignore', 6, 7);
  v('d', '[1/2] FROM docker.io/library/alpine:3.20', 8);
  v('d', '[1/2] FROM docker.io/library/alpine:3.20', 8, 9, { cached: true });
  v('e', '[2/2] RUN echo hi && false', 10);
  ev.push({ type: 'log', vertex: 'e', stream: 1, data: 'hi\n', timestamp: T0 + 255 });
  v('e', '[2/2] RUN echo hi && false', 10, 300, { error: 'process "/bin/sh -c echo hi && false" did not complete successfully: exit code: 1' });
  return ev;
}

describe('plain progress', () => {
  it('prints a failed RUN like BuildKit', () => {
    let out = '';
    const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver' });
    for (const e of failedRun()) p.update(e);
    p.done();
    out += renderFailure({
      message: 'failed to solve: process "/bin/sh -c echo hi && false" did not complete successfully: exit code: 1',
      sources: [{ filename: 'Dockerfile', data: 'FROM alpine:3.20\nRUN echo hi && false\n', ranges: [{ start: 2, end: 2 }] }],
    });
    expect(out).toBe(`#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 57B done
#1 DONE 0.0s

#2 [internal] load metadata for docker.io/library/alpine:3.20
#2 DONE 0.0s

#3 [internal] load .dockerignore
#3 transferring context: 2B done
#3 DONE 0.0s

#4 [1/2] FROM docker.io/library/alpine:3.20
#4 CACHED

#5 [2/2] RUN echo hi && false
#5 0.245 hi
#5 ERROR: process "/bin/sh -c echo hi && false" did not complete successfully: exit code: 1
------
 > [2/2] RUN echo hi && false:
0.245 hi
------
Dockerfile:2
--------------------
   1 |     FROM alpine:3.20
   2 | >>> RUN echo hi && false
   3 |     
--------------------
ERROR: failed to solve: process "/bin/sh -c echo hi && false" did not complete successfully: exit code: 1
`);
  });

  it('joins partial log lines', () => {
    let out = '';
    const p = new PlainPrinter((s) => (out += s));
    p.update({ type: 'vertex', id: 'x', name: '[1/1] RUN x', started: T0 });
    p.update({ type: 'log', vertex: 'x', stream: 1, data: 'ab', timestamp: T0 + 1000 });
    p.update({ type: 'log', vertex: 'x', stream: 1, data: 'c\nd\n', timestamp: T0 + 12_000 });
    p.update({ type: 'vertex', id: 'x', name: '[1/1] RUN x', started: T0, completed: T0 + 12_340 });
    p.done();
    expect(out).toBe('#1 [1/1] RUN x\n#1 1.000 ab' + 'c\n#1 12.00 d\n#1 DONE 12.3s\n');
  });
});

describe('tty progress', () => {
  it('final frame', () => {
    let out = '';
    let now = T0;
    const p = new TtyPrinter((s) => (out += s), () => now, { desc: 'docker:default', columns: 60, rows: 30 });
    for (const e of failedRun().slice(0, 10)) p.update(e);
    now = T0 + 1200;
    out = '';
    p.done();
    const B = '\x1b[34m', R = '\x1b[0m';
    expect(out.startsWith('\x1b[1A\x1b[1A\x1b[0G\x1b[?25l')).toBe(true);
    expect(out.slice(out.indexOf('[+]'))).toBe(
      '[+] Building 1.2s (4/4) FINISHED             docker:default\n' +
      B + ' => [internal] load build definition from Dockerfile   0.0s\n' + R +
      B + ' => => transferring dockerfile: 57B                    0.0s\n' + R +
      B + ' => [internal] load metadata for docker.io/library/al  0.0s\n' + R +
      B + ' => [internal] load .dockerignore                      0.0s\n' + R +
      B + ' => => transferring context: 2B                        0.0s\n' + R +
      B + ' => CACHED [1/2] FROM docker.io/library/alpine:3.20    0.0s\n' + R +
      '\x1b[?25h');
  });
});

describe('snippet', () => {
  it('pads multi-line ranges by 2', () => {
    const data = 'FROM a\nRUN b \\\n  c\nRUN d\nRUN e\nRUN f\n';
    expect(sourceSnippet({ filename: 'Dockerfile', data, ranges: [{ start: 2, end: 3 }] })).toBe(
      'Dockerfile:2\n--------------------\n   1 |     FROM a\n   2 | >>> RUN b \\\n   3 | >>>   c\n   4 |     RUN d\n--------------------\n');
  });
  it('sizes', () => {
    expect([bytes2f(2), bytes2f(245), bytes2f(1234), bytes2f(26_700_000)]).toEqual(['2B', '245B', '1.23kB', '26.70MB']);
  });
});
