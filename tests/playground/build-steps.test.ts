import { describe, expect, it } from 'vitest';
import { createSession } from '@/lib/session';
import { observeBuilds, StepTracker, type BuildStepUpdate } from '@/components/playground/build-steps';

const DF = `FROM alpine:3.20 AS base
ENV A=1
RUN echo hi
WORKDIR /app
COPY x.txt .
FROM base
LABEL a=b
RUN echo \\
  two
CMD ["sh"]
`;

async function build(files: Record<string, string>, line = 'docker build -t t .') {
  const s = createSession({ files: Object.entries(files).map(([path, data]) => ({ path, data })), sourceDateEpoch: 0 });
  const updates: BuildStepUpdate[] = [];
  observeBuilds(s.engine, (u) => updates.push(u));
  let out = '';
  const io = { stdout: (d: string) => void (out += d), stderr: (d: string) => void (out += d), readLine: async () => null, isTTY: false, columns: 100 };
  const code = await s.console.run(line, io);
  return { code, out, updates, s, io };
}

describe('build step highlight', () => {
  it('reports each running step with its Dockerfile lines, then the end', async () => {
    const { code, out, updates } = await build({ Dockerfile: DF, 'x.txt': 'x' });
    expect(code).toBe(0);
    expect(out).toContain('[stage-1 1/1] RUN echo   two'); // the display is unchanged
    const running = updates.filter((u) => u.state === 'running').map((u) => u.range && [u.range.startLine, u.range.endLine]);
    expect(running).toEqual([[1, 1], [3, 3], [4, 4], [5, 5], [8, 9]]);
    expect(updates[0]).toEqual({ path: 'Dockerfile', state: 'start', range: null });
    expect(updates.at(-1)).toEqual({ path: 'Dockerfile', state: 'done', range: null });
    expect(updates.filter((u) => u.state === 'done')).toHaveLength(1);
  });

  it('a failing RUN is reported with its lines and error, and no end event clears it', async () => {
    const { code, updates } = await build({ Dockerfile: 'FROM alpine:3.20\nRUN echo ok\nRUN exit 3\nRUN echo never\n' });
    expect(code).toBe(1);
    const failed = updates.filter((u) => u.state === 'failed');
    expect(failed).toEqual([{ path: 'Dockerfile', state: 'failed', range: { startLine: 3, endLine: 3 }, message: 'process "/bin/sh -c exit 3" did not complete successfully: exit code: 3' }]);
    expect(updates.at(-1)!.state).toBe('failed');
  });

  it("the failure's message ends with the last lines the step printed", async () => {
    const { updates } = await build({ Dockerfile: 'FROM alpine:3.20\nRUN echo starting && cp missing.txt /srv/\n' });
    const f = updates.find((u) => u.state === 'failed');
    expect(f?.range).toEqual({ startLine: 2, endLine: 2 });
    expect(f?.message).toBe(
      'process "/bin/sh -c echo starting && cp missing.txt /srv/" did not complete successfully: exit code: 1\n' +
        "starting\ncp: cannot stat 'missing.txt': No such file or directory",
    );
  });

  it('a Dockerfile error points at its line', async () => {
    const { code, updates } = await build({ Dockerfile: 'FROM alpine:3.20\nCOPY missing.txt /\n' });
    expect(code).toBe(1);
    const f = updates.find((u) => u.state === 'failed');
    expect(f?.range).toEqual({ startLine: 2, endLine: 2 });
    expect(f?.message).toMatch(/missing\.txt/);
  });

  it('-f and a context directory give the workspace path of the Dockerfile, inside the context or not', async () => {
    const files = { 'web/Dockerfile.dev': 'FROM alpine:3.20\nRUN echo a\n', 'ops/web.Dockerfile': 'FROM alpine:3.20\n\nRUN echo b\n', 'web/x': 'x' };
    const inside = await build(files, 'docker build -f web/Dockerfile.dev -t t web');
    expect(inside.code, inside.out).toBe(0);
    expect(inside.updates[0]!.path).toBe('web/Dockerfile.dev');
    expect(inside.updates.filter((u) => u.state === 'running').map((u) => u.range?.startLine)).toEqual([1, 2]);
    const outside = await build(files, 'docker build -f ops/web.Dockerfile -t t web');
    expect(outside.code, outside.out).toBe(0);
    expect(outside.updates[0]!.path).toBe('ops/web.Dockerfile');
    expect(outside.updates.filter((u) => u.state === 'running').map((u) => u.range?.startLine)).toEqual([1, 3]);
  });

  it('ONBUILD triggers and named stages map to the FROM line', () => {
    const updates: BuildStepUpdate[] = [];
    const t = new StepTracker('Dockerfile', 'FROM a AS one\nRUN x\nFROM one AS two\nRUN y\nRUN z\n', (u) => updates.push(u));
    t.event({ type: 'vertex', id: 'v1', name: '[one 1/2] FROM docker.io/library/a:latest', started: 0 });
    t.event({ type: 'vertex', id: 'v2', name: '[two 1/3] ONBUILD RUN w', started: 0 });
    t.event({ type: 'vertex', id: 'v3', name: '[two 3/3] RUN z', started: 0 }); // the first RUN vertex seen in stage two
    t.event({ type: 'vertex', id: 'v3', name: '[two 3/3] RUN z', started: 0, completed: 1 });
    t.event({ type: 'vertex', id: 'v4', name: '[internal] load build context', started: 0 });
    expect(updates.slice(1).map((u) => u.range?.startLine)).toEqual([1, 3, 4]);
  });
});
