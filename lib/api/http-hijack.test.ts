// HttpEngineClient attach/exec over an upgraded (hijacked) connection, against lib/api/server.ts behind scripts/daemon.ts:
// stdin is forwarded and half-closed like the CLI's, and containerStart never overtakes a pending attach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../scripts/daemon';
import { nodeHijack } from '../../scripts/hijack';
import { createFakeClient } from './fake-client';
import { HttpEngineClient, type HijackDialer } from './http-client';
import type { AttachIO } from './types';

let daemon: RunningDaemon;
const log: string[] = [];
beforeAll(async () => {
  daemon = await startDaemon({ client: createFakeClient({ now: () => 1_700_000_000, seed: 3 }), listen: '127.0.0.1:0', log: (l) => log.push(l) });
});
afterAll(async () => { await daemon.close(); });

function io(input: string[], tty = false): AttachIO & { out: string; err: string } {
  const o = {
    out: '', err: '', tty,
    stdout(s: string) { o.out += s; },
    stderr(s: string) { o.err += s; },
    readStdin: async () => (input.length ? input.shift() as string : null),
  };
  return o;
}

describe('hijacked attach and exec', () => {
  it('run -i: the attach is upgraded (101), stdin reaches cat, the end of input closes it', async () => {
    const seen: string[] = [];
    const spy: HijackDialer = (r) => { seen.push(`${r.method} ${r.url.replace(/^http:\/\/[^/]+/, '')} ${r.headers.Connection}/${r.headers.Upgrade}`); return nodeHijack(r); };
    const c = new HttpEngineClient(daemon.url, { hijack: spy });
    const { Id } = await c.containerCreate({ Image: 'alpine:3.20', Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true }, 'cat1');
    const sink = io(['line one\n', 'line two\n']);
    const attached = c.containerAttach(Id, sink);
    await c.containerStart(Id);
    await attached;
    expect(sink.out).toBe('line one\nline two\n');
    expect(sink.err).toBe('');
    expect(seen).toEqual([`POST /v1.50/containers/${Id}/attach?stderr=1&stdin=1&stdout=1&stream=1 Upgrade/tcp`]);
    expect(log.some((l) => l.includes(`/containers/${Id}/attach`) && l.includes('(upgrade) -> 101'))).toBe(true);
    expect((await c.containerWait(Id)).StatusCode).toBe(0);
  });

  it('exec -i: stdin over the upgraded exec start, exit code from exec inspect', async () => {
    const c = new HttpEngineClient(daemon.url, { hijack: nodeHijack });
    const { Id } = await c.containerCreate({ Image: 'alpine:3.20', Cmd: ['sleep', '1000'] }, 'sleeper');
    await c.containerStart(Id);
    const e = await c.execCreate(Id, { Cmd: ['cat'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const sink = io(['via exec\n']);
    expect(await c.execStart(e.Id, sink)).toBe(0);
    expect(sink.out).toBe('via exec\n');
  });

  it('TTY: the upgraded stream is raw (no stdcopy frames)', async () => {
    const seen: string[] = [];
    const spy: HijackDialer = async (r) => {
      const conn = await nodeHijack(r);
      seen.push(`${conn.status} ${conn.headers.get('Content-Type')}`);
      return conn;
    };
    const c = new HttpEngineClient(daemon.url, { hijack: spy });
    const { Id } = await c.containerCreate({ Image: 'alpine:3.20', Cmd: ['sleep', '1000'] }, 'ttyexec');
    await c.containerStart(Id);
    const e = await c.execCreate(Id, { Cmd: ['echo', 'raw'], Tty: true, AttachStdout: true, AttachStderr: true });
    const sink = io([], true);
    delete (sink as Partial<AttachIO>).readStdin;
    expect(await c.execStart(e.Id, sink)).toBe(0);
    expect(sink.out).toMatch(/^raw\r?\n$/);
    expect(seen).toEqual(['101 application/vnd.docker.raw-stream']);
    const e2 = await c.execCreate(Id, { Cmd: ['echo', 'framed'], AttachStdout: true, AttachStderr: true });
    const framed = io([]);
    delete (framed as Partial<AttachIO>).readStdin;
    await c.execStart(e2.Id, framed);
    expect(framed.out).toBe('framed\n');
    expect(seen[1]).toBe('101 application/vnd.docker.multiplexed-stream');
  });

  it('an error status on the upgraded request is the daemon\'s message', async () => {
    const c = new HttpEngineClient(daemon.url, { hijack: nodeHijack });
    const err = await c.containerAttach('nosuch', io([])).catch((x: unknown) => x);
    expect((err as Error).message).toBe('No such container: nosuch');
  });

  it('containerStart waits for a pending attach, so a fast process is not missed (fetch without hijack)', async () => {
    const order: string[] = [];
    const slowAttach = (async (url: string, init: { method: string }) => {
      if (url.includes('/attach')) await new Promise((r) => setTimeout(r, 80));
      order.push(url.replace(/^http:\/\/[^/]+/, '').replace(/\?.*$/, ''));
      return fetch(url, init as RequestInit);
    }) as unknown as ConstructorParameters<typeof HttpEngineClient>[1] extends infer O ? O extends { fetch?: infer F } ? F : never : never;
    const c = new HttpEngineClient(daemon.url, { fetch: slowAttach });
    const { Id } = await c.containerCreate({ Image: 'alpine:3.20', Cmd: ['echo', 'fast'] }, 'fast1');
    const sink = io([]);
    delete (sink as Partial<AttachIO>).readStdin;
    const attached = c.containerAttach(Id, sink);
    await c.containerStart(Id);
    await attached;
    expect(sink.out).toBe('fast\n');
    expect(order.filter((u) => /attach|start/.test(u))).toEqual([`/v1.50/containers/${Id}/attach`, `/v1.50/containers/${Id}/start`]);
  });
});
