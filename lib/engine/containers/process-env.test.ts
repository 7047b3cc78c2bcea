import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { EngineClient } from '../../api/types';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('env-test') });
  const now = () => clock.now();
  const con = createConsole({ client: engine as unknown as EngineClient, workspace: new MemoryWorkspace(now), now, curl: engineCurl(engine) });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { run };
}

describe('process environment of an exec-form command', () => {
  it('env and printenv print no PWD (no shell in between); sh -c env does', async () => {
    const { run } = setup();
    let r = await run('docker run --hostname h1 alpine env');
    expect(r.out).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=h1\nHOME=/root\n');
    r = await run('docker run --hostname h1 -e A=1 -u nobody alpine printenv');
    expect(r.out).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=h1\nA=1\nHOME=/\n');
    r = await run('docker run alpine printenv HOME NOPE');
    expect(r.out).toBe('/root\n');
    expect(r.code).toBe(1);
    r = await run('docker run alpine sh -c env');
    expect(r.out).toContain('PWD=/\n');
  });
});
