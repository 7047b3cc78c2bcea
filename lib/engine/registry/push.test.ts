import { describe, expect, it } from 'vitest';
import { createEngine } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import { createBuildKitFrontend } from '../builder/index';
import type { EngineClient } from '../../api/types';

function setup(files: Record<string, string>) {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('push-test') });
  const now = () => clock.now();
  const workspace = new MemoryWorkspace(now);
  for (const [p, d] of Object.entries(files)) workspace.write(p, d);
  const con = createConsole({ client: engine as unknown as EngineClient, workspace, now, buildkit: createBuildKitFrontend({ state: engine.state }) });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { run };
}

describe('docker push', () => {
  it('uploads 5 layers at a time: existence checks end first, pushes by size, a waiting layer starts when a slot frees', async () => {
    const big = 'x'.repeat(3_000_000);
    const { run } = setup({
      Dockerfile: 'FROM alpine\nCOPY big.txt /big.txt\nCOPY a.txt /a.txt\nCOPY b.txt /b.txt\nCOPY c.txt /c.txt\nCOPY d.txt /d.txt\nCOPY e.txt /e.txt\n',
      'big.txt': big, 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'd.txt': 'd\n', 'e.txt': 'e\n',
    });
    let r = await run('docker build -q -t learner/app:1 .');
    expect(r.code, r.err).toBe(0);
    await run('docker login -u learner -p pw');
    r = await run('docker push learner/app:1');
    expect(r.code, r.err).toBe(0);
    const ids = ['6c747b82765a', '54aba555797f', '6ae34d69de99', '8597603111ee', 'a1b23b9f3284', '2d0f9e7a8006', '6f79ae0b35f9'];
    const head = 'The push refers to repository [docker.io/learner/app]\n' + ids.map((i) => `${i}: Preparing\n`).join('') + `${ids[5]}: Waiting\n${ids[6]}: Waiting\n`;
    const digest = '1: digest: sha256:13069e595711f0aa43fd83c2793442c2abce3788a53e0b7bb3fb354dbc1c1629 size: 1774\n';
    // The five small COPY layers end first (start order); the alpine layer waits for a slot, is mounted at once;
    // the 3 MB layer (the sixth, also waiting) takes longest.
    expect(r.out).toBe(head + ids.slice(0, 5).map((i) => `${i}: Pushed\n`).join('') + `${ids[6]}: Mounted from library/alpine\n${ids[5]}: Pushed\n` + digest);
    r = await run('docker push learner/app:1');
    expect(r.out).toBe(head + ids.map((i) => `${i}: Layer already exists\n`).join('') + digest);
  }, 60_000);
});
