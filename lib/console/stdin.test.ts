// `< file` redirection in the console: docker load/import read the file's bytes, prompts and `run -i` its lines;
// `docker load` asks for quiet output when stdout is not a terminal (docker/cli load.go).
import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../api/fake-client';
import type { EngineClient, JSONMessage } from '../api/types';
import { createConsole, loadWorkspaceFromFiles } from './index';
import type { ConsoleIO } from './types';

function setup(tty: boolean) {
  const client = createFakeClient({ now: () => 1_700_000_000, seed: 5 });
  const quietSeen: boolean[] = [];
  const spy: EngineClient = Object.create(client) as EngineClient;
  spy.imageLoad = (tar: Uint8Array, quiet: boolean): AsyncIterable<JSONMessage> => { quietSeen.push(quiet); return client.imageLoad(tar, quiet); };
  const con = createConsole({ client: spy, workspace: loadWorkspaceFromFiles({ 'in.txt': 'one\ntwo\n' }), now: () => 1_700_000_000_000 });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const io: ConsoleIO = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: tty, columns: 80 };
    const code = await con.run(line, io);
    return { out, err, code };
  };
  return { run, quietSeen };
}

describe('stdin redirection', () => {
  it('docker save, then load and import from `< file`', async () => {
    const { run, quietSeen } = setup(false);
    expect((await run('docker save -o a.tar alpine:3.20')).code).toBe(0);
    expect((await run('docker rmi alpine:3.20')).code).toBe(0);
    expect(await run('docker load < a.tar')).toEqual({ out: 'Loaded image: alpine:3.20\n', err: '', code: 0 });
    expect(quietSeen).toEqual([true]);
    const imp = await run('docker import - imported:v1 < a.tar');
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await run('docker image ls -q imported:v1')).out).toBe(imp.out.slice(7, 19) + '\n');
  });
  it('on a terminal: load without input is an error, progress is not forced quiet', async () => {
    const { run, quietSeen } = setup(true);
    expect(await run('docker load')).toEqual({ out: '', err: 'requested load from stdin, but stdin is empty\n', code: 1 });
    await run('docker save -o a.tar alpine:3.20');
    await run('docker load -i a.tar');
    expect(quietSeen).toEqual([false]);
  });
  it('missing file: bash error, the command does not run; lines feed cat and run -i', async () => {
    const { run } = setup(false);
    expect(await run('docker load < nope.tar')).toEqual({ out: '', err: 'bash: nope.tar: No such file or directory\n', code: 1 });
    expect(await run('cat < in.txt')).toEqual({ out: 'one\ntwo\n', err: '', code: 0 });
    expect(await run('docker run -i alpine:3.20 cat < in.txt')).toEqual({ out: 'one\ntwo\n', err: '', code: 0 });
    expect((await run('docker load <')).err).toBe("bash: syntax error near unexpected token `newline'\n");
  });
});
