import { describe, expect, it } from 'vitest';
import { handleRequest, encodeJSONMessage, ttyLineDiscipline, type ApiRequest, type ApiResponse } from './server';
import { createFakeClient } from './fake-client';
import { demux, fromUtf8, goJsonEscaped, utf8 } from './routes/wire';
import { readTar, writeTar, tarToBuildContext } from './tar-read';
import { gzipSync } from 'fflate';
import type { EngineClient } from './types';

function req(method: string, url: string, body: Uint8Array | string = new Uint8Array(0), headers: Record<string, string> = {}, stdin?: AsyncIterable<Uint8Array>): ApiRequest {
  const u = new URL(url, 'http://x');
  return { method, path: u.pathname, query: u.searchParams, headers, body: typeof body === 'string' ? utf8(body) : body, stdin };
}

async function bodyBytes(r: ApiResponse): Promise<Uint8Array> {
  if (typeof r.body === 'string') return utf8(r.body);
  if (r.body instanceof Uint8Array) return r.body;
  const parts: Uint8Array[] = [];
  for await (const c of r.body) parts.push(typeof c === 'string' ? utf8(c) : c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
const bodyText = async (r: ApiResponse) => fromUtf8(await bodyBytes(r));

/** A stdin stream the test feeds by hand. */
function pipe() {
  const q: Uint8Array[] = [];
  let end = false;
  let wake: (() => void) | null = null;
  return {
    write(s: string) { q.push(utf8(s)); wake?.(); },
    close() { end = true; wake?.(); },
    iter: {
      [Symbol.asyncIterator]() {
        return {
          async next(): Promise<IteratorResult<Uint8Array>> {
            for (;;) {
              if (q.length) return { value: q.shift() as Uint8Array, done: false };
              if (end) return { value: undefined, done: true };
              await new Promise<void>((r) => { wake = r; });
              wake = null;
            }
          },
        };
      },
    } as AsyncIterable<Uint8Array>,
  };
}

const fixed = () => 1764201600; // 2025-11-27
const client = (): EngineClient => createFakeClient({ now: fixed });

describe('system', () => {
  it('answers HEAD /_ping with moby headers and no body', async () => {
    const r = await handleRequest(client(), req('HEAD', '/_ping'));
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({
      'Api-Version': '1.50', 'Builder-Version': '2', 'Docker-Experimental': 'false', Ostype: 'linux', Swarm: 'inactive',
      Server: 'Docker/28.2.2 (linux)', 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache',
    });
    expect(r.body).toBe('');
    expect((await handleRequest(client(), req('GET', '/v1.50/_ping'))).body).toBe('OK');
  });

  it('negotiates versions like moby', async () => {
    const c = client();
    expect((await handleRequest(c, req('GET', '/v1.24/version'))).status).toBe(200);
    expect((await handleRequest(c, req('GET', '/version'))).status).toBe(200);
    const tooNew = await handleRequest(c, req('GET', '/v1.51/version'));
    expect(tooNew.status).toBe(400);
    expect(await bodyText(tooNew)).toBe('{"message":"client version 1.51 is too new. Maximum supported API version is 1.50"}\n');
    const tooOld = await handleRequest(c, req('GET', '/v1.12/version'));
    expect(await bodyText(tooOld)).toBe('{"message":"client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version"}\n');
  });

  it('answers unknown routes with 404 page not found', async () => {
    const r = await handleRequest(client(), req('GET', '/v1.50/nope'));
    expect(r.status).toBe(404);
    expect(r.headers['Content-Type']).toBe('application/json');
    expect(await bodyText(r)).toBe('{"message":"page not found"}\n');
  });
});

describe('images', () => {
  it('lists, tags (201), inspects and removes', async () => {
    const c = client();
    const ls = JSON.parse(await bodyText(await handleRequest(c, req('GET', '/v1.50/images/json')))) as { RepoTags: string[] }[];
    expect(ls.map((i) => i.RepoTags.join(','))).toContain('alpine:3.20');
    const tag = await handleRequest(c, req('POST', '/v1.50/images/alpine:3.20/tag?repo=docker.io%2Flibrary%2Fmyalpine&tag=1'));
    expect(tag.status).toBe(201);
    const insp = await handleRequest(c, req('GET', '/v1.50/images/myalpine:1/json'));
    expect(insp.status).toBe(200);
    expect(JSON.parse(await bodyText(insp)).RepoTags).toEqual(['alpine:3.20', 'myalpine:1']);
    const rm = await handleRequest(c, req('DELETE', '/v1.50/images/myalpine:1'));
    expect(await bodyText(rm)).toBe('[{"Untagged":"myalpine:1"}]\n');
    const missing = await handleRequest(c, req('DELETE', '/v1.50/images/nosuch'));
    expect(missing.status).toBe(404);
    expect(await bodyText(missing)).toBe('{"message":"No such image: nosuch:latest"}\n');
  });

  it('passes filters as parsed JSON (both moby forms) and rejects bad ones with 400', async () => {
    const c = client();
    const dangling = await handleRequest(c, req('GET', '/v1.50/images/json?filters=' + encodeURIComponent('{"dangling":{"true":true}}')));
    expect((JSON.parse(await bodyText(dangling)) as unknown[]).length).toBe(1);
    const legacy = await handleRequest(c, req('GET', '/v1.50/images/json?filters=' + encodeURIComponent('{"dangling":["true"]}')));
    expect((JSON.parse(await bodyText(legacy)) as unknown[]).length).toBe(1);
    const bad = await handleRequest(c, req('GET', '/v1.50/images/json?filters=' + encodeURIComponent('{"foo":{"x":true}}')));
    expect(bad.status).toBe(400);
    expect(await bodyText(bad)).toBe('{"message":"invalid filter \'foo\'"}\n');
  });

  it('escapes HTML characters in image inspect like Go json.Marshal', async () => {
    const r = await handleRequest(client(), req('GET', '/v1.50/images/nginx/json'));
    const t = await bodyText(r);
    expect(t).toContain('NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e');
    expect(t.endsWith('}\n')).toBe(true);
  });

  it('streams pull as \\r\\n-separated jsonmessages; early errors are HTTP errors', async () => {
    const c = client();
    const r = await handleRequest(c, req('POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest'));
    expect(r.status).toBe(200);
    const lines = (await bodyText(r)).split('\r\n');
    expect(lines[0]).toBe('{"status":"Pulling from library/busybox","id":"latest"}');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('{"status":"Status: Downloaded newer image for busybox:latest"}');
    expect(lines).toContain('{"status":"Pulling fs layer","progressDetail":{},"id":"3f65d4cc4a45"}'.replace('3f65d4cc4a45', JSON.parse(lines[1]).id));
    const bad = await handleRequest(c, req('POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnosuch&tag=latest'));
    expect(bad.status).toBe(404);
  });

  it('writes mid-stream errors in band (push of a missing image)', async () => {
    const r = await handleRequest(client(), req('POST', '/v1.50/images/docker.io/library/nosuch/push?tag=latest', '', { 'X-Registry-Auth': 'e30=' }));
    expect(r.status).toBe(200);
    expect(await bodyText(r)).toBe(
      '{"status":"The push refers to repository [docker.io/library/nosuch]"}\r\n'
      + '{"errorDetail":{"message":"An image does not exist locally with the tag: nosuch"},"error":"An image does not exist locally with the tag: nosuch"}\r\n');
  });

  it('builds from a (gzipped) tar context with t, buildargs and labels', async () => {
    const c = client();
    const tar = writeTar([
      { name: 'Dockerfile', data: utf8('FROM alpine:3.20\nCMD ["sh"]\n') },
      { name: 'sub', type: 'dir' },
      { name: 'sub/a.txt', data: utf8('a') },
    ]);
    const ctx = tarToBuildContext(gzipSync(tar));
    expect([...ctx.files.keys()]).toEqual(['Dockerfile', 'sub', 'sub/a.txt']);
    const r = await handleRequest(c, req('POST', '/v1.50/build?t=x%3A1&t=y&dockerfile=Dockerfile&labels=%7B%22a%22%3A%22b%22%7D&version=1', tar));
    const t = await bodyText(r);
    expect(t).toContain('{"stream":"Step 1/2 : FROM alpine:3.20\\n"}\r\n');
    expect(t).toContain('{"stream":"Successfully tagged x:1\\n"}\r\n');
    expect(t).toContain('{"stream":"Successfully tagged y:latest\\n"}\r\n');
    const bad = await handleRequest(c, req('POST', '/v1.50/build', writeTar([{ name: 'Dockerfile', data: utf8('FROM alpine\nFORM x\n') }])));
    expect(bad.status).toBe(400);
    expect(await bodyText(bad)).toBe('{"message":"dockerfile parse error on line 2: unknown instruction: FORM"}\n');
  });

  it('saves and loads through tar', async () => {
    const c = client();
    const save = await handleRequest(c, req('GET', '/v1.50/images/get?names=alpine%3A3.20'));
    expect(save.headers['Content-Type']).toBe('application/x-tar');
    const tar = await bodyBytes(save);
    expect(readTar(tar).map((e) => e.name)).toContain('manifest.json');
    const load = await handleRequest(c, req('POST', '/v1.50/images/load?quiet=1', tar));
    expect(await bodyText(load)).toBe('{"stream":"Loaded image: alpine:3.20\\n"}\r\n');
  });
});

describe('containers', () => {
  async function create(c: EngineClient, body: object, name = ''): Promise<string> {
    const r = await handleRequest(c, req('POST', `/v1.50/containers/create${name ? '?name=' + name : ''}`, JSON.stringify(body), { 'Content-Type': 'application/json' }));
    expect(r.status).toBe(201);
    return (JSON.parse(await bodyText(r)) as { Id: string }).Id;
  }

  it('creates, starts (204), waits, and multiplexes non-TTY logs', async () => {
    const c = client();
    const id = await create(c, { Image: 'alpine:3.20', Cmd: ['sh', '-c', 'echo out; nosuch'] }, 'box');
    const wait = await handleRequest(c, req('POST', `/v1.50/containers/${id}/wait?condition=next-exit`));
    expect(wait.status).toBe(200);
    const start = await handleRequest(c, req('POST', '/v1.50/containers/box/start'));
    expect(start.status).toBe(204);
    expect(await bodyText(wait)).toBe('{"StatusCode":127}\n');
    const logs = await handleRequest(c, req('GET', '/v1.50/containers/box/logs?stdout=1&stderr=1'));
    expect(logs.headers['Content-Type']).toBe('application/vnd.docker.multiplexed-stream');
    const { frames, rest } = demux(await bodyBytes(logs));
    expect(rest.length).toBe(0);
    expect(frames.map((f) => [f.stream, fromUtf8(f.data)])).toEqual([[1, 'out\n'], [2, 'sh: nosuch: not found\n']]);
    const noStream = await handleRequest(c, req('GET', '/v1.50/containers/box/logs'));
    expect(noStream.status).toBe(400);
    expect(await bodyText(noStream)).toBe('{"message":"Bad parameters: you must choose at least one stream"}\n');
  });

  it('answers 404/409 with the engine message', async () => {
    const c = client();
    const r = await handleRequest(c, req('POST', '/v1.50/containers/nosuch/start'));
    expect(r.status).toBe(404);
    expect(await bodyText(r)).toBe('{"message":"No such container: nosuch"}\n');
    await create(c, { Image: 'alpine:3.20', Cmd: ['sleep', '100'] }, 'web');
    await handleRequest(c, req('POST', '/v1.50/containers/web/start'));
    const rm = await handleRequest(c, req('DELETE', '/v1.50/containers/web'));
    expect(rm.status).toBe(409);
    expect((await handleRequest(c, req('DELETE', '/v1.50/containers/web?force=1'))).status).toBe(204);
  });

  it('hijacks attach: 101 + multiplexed stream, stdin flows to the process', async () => {
    const c = client();
    const id = await create(c, { Image: 'alpine:3.20', Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true });
    const stdin = pipe();
    const att = await handleRequest(c, req('POST', `/v1.50/containers/${id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '', { Connection: 'Upgrade', Upgrade: 'tcp' }, stdin.iter));
    expect(att.status).toBe(101);
    expect(att.hijack).toBe(true);
    expect(att.headers).toEqual({ 'Content-Type': 'application/vnd.docker.multiplexed-stream', Connection: 'Upgrade', Upgrade: 'tcp' });
    await handleRequest(c, req('POST', `/v1.50/containers/${id}/start`));
    stdin.write('hello\n');
    stdin.close();
    const { frames } = demux(await bodyBytes(att));
    expect(frames.map((f) => [f.stream, fromUtf8(f.data)])).toEqual([[1, 'hello\n']]);
  });

  it('hijacks a TTY attach as a raw stream', async () => {
    const c = client();
    const id = await create(c, { Image: 'alpine:3.20', Cmd: ['sh'], Tty: true, OpenStdin: true });
    const stdin = pipe();
    const att = await handleRequest(c, req('POST', `/v1.50/containers/${id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '', { Connection: 'Upgrade', Upgrade: 'tcp' }, stdin.iter));
    expect(att.headers['Content-Type']).toBe('application/vnd.docker.raw-stream');
    await handleRequest(c, req('POST', `/v1.50/containers/${id}/start`));
    stdin.write('echo hi\r');
    stdin.write('exit 3\r');
    expect(await bodyText(att)).toBe('/ # echo hi\r\nhi\r\n/ # exit 3\r\n');
    const insp = JSON.parse(await bodyText(await handleRequest(c, req('GET', `/v1.50/containers/${id}/json`)))) as { State: { ExitCode: number } };
    expect(insp.State.ExitCode).toBe(3);
  });

  it('runs exec create/start/inspect with the exit code', async () => {
    const c = client();
    const id = await create(c, { Image: 'alpine:3.20', Cmd: ['sleep', '100'] });
    await handleRequest(c, req('POST', `/v1.50/containers/${id}/start`));
    const ex = await handleRequest(c, req('POST', `/v1.50/containers/${id}/exec`, JSON.stringify({ AttachStdout: true, AttachStderr: true, Cmd: ['sh', '-c', 'echo in-exec; exit 4'] })));
    expect(ex.status).toBe(201);
    const execId = (JSON.parse(await bodyText(ex)) as { Id: string }).Id;
    const st = await handleRequest(c, req('POST', `/v1.50/exec/${execId}/start`, JSON.stringify({ Detach: false, Tty: false }), { Connection: 'Upgrade', Upgrade: 'tcp' }, pipe().iter));
    expect(st.status).toBe(101);
    const { frames } = demux(await bodyBytes(st));
    expect(fromUtf8(frames[0].data)).toBe('in-exec\n');
    const insp = JSON.parse(await bodyText(await handleRequest(c, req('GET', `/v1.50/exec/${execId}/json`)))) as { ExitCode: number; Running: boolean };
    expect(insp).toMatchObject({ ExitCode: 4, Running: false });
    expect((await handleRequest(c, req('GET', '/v1.50/exec/nope/json'))).status).toBe(404);
  });

  it('serves archives with the path-stat header', async () => {
    const c = client();
    const id = await create(c, { Image: 'alpine:3.20', Cmd: ['true'] });
    const put = await handleRequest(c, req('PUT', `/v1.50/containers/${id}/archive?path=%2Ftmp`, writeTar([{ name: 'f.txt', data: utf8('hi\n') }])));
    expect(put.status).toBe(200);
    const head = await handleRequest(c, req('HEAD', `/v1.50/containers/${id}/archive?path=%2Ftmp%2Ff.txt`));
    const stat = JSON.parse(Buffer.from(head.headers['X-Docker-Container-Path-Stat'], 'base64').toString()) as Record<string, unknown>;
    expect(stat).toMatchObject({ name: 'f.txt', size: 3, mode: 0o644, linkTarget: '' });
    const get = await handleRequest(c, req('GET', `/v1.50/containers/${id}/archive?path=%2Ftmp%2Ff.txt`));
    expect(fromUtf8(readTar(await bodyBytes(get))[0].data)).toBe('hi\n');
    const missing = await handleRequest(c, req('HEAD', `/v1.50/containers/${id}/archive?path=%2Fnope`));
    expect(missing.status).toBe(404);
  });
});

describe('wire', () => {
  it('encodes jsonmessages in Go field order with omitempty', () => {
    expect(encodeJSONMessage({ id: 'x', status: 'Downloading', progressDetail: { total: 10, current: 5 }, progress: '[=> ]' }))
      .toBe('{"status":"Downloading","progressDetail":{"current":5,"total":10},"progress":"[=\\u003e ]","id":"x"}\r\n');
    expect(encodeJSONMessage({ aux: { ID: 'sha256:1' } })).toBe('{"aux":{"ID":"sha256:1"}}\r\n');
    expect(goJsonEscaped({ a: '<&>\u2028' })).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028"}');
  });
});

describe('detach keys', () => {
  it('ends the attach on ctrl-p ctrl-q and leaves the container running', async () => {
    const c = client();
    const r = await handleRequest(c, req('POST', '/v1.50/containers/create', JSON.stringify({ Image: 'alpine:3.20', Cmd: ['sh'], Tty: true, OpenStdin: true, StdinOnce: true })));
    const id = (JSON.parse(await bodyText(r)) as { Id: string }).Id;
    const stdin = pipe();
    const att = await handleRequest(c, req('POST', `/v1.50/containers/${id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '', { Connection: 'Upgrade', Upgrade: 'tcp' }, stdin.iter));
    await handleRequest(c, req('POST', `/v1.50/containers/${id}/start`));
    stdin.write('echo a\r');
    stdin.write('\x10\x11');
    expect(await bodyText(att)).toBe('/ # echo a\r\na\r\n/ # ');
    stdin.close();
    await new Promise((res) => setTimeout(res, 10));
    const insp = JSON.parse(await bodyText(await handleRequest(c, req('GET', `/v1.50/containers/${id}/json`)))) as { State: { Status: string } };
    expect(insp.State.Status).toBe('running');
  });
});

describe('moby router adjustments', () => {
  it('serves Containers = -1 below API 1.51 and never-null RepoTags/RepoDigests', async () => {
    const stub = Object.create(client()) as EngineClient;
    stub.imageList = async () => [{ Containers: 3, Created: 1, Id: 'sha256:' + 'a'.repeat(64), Labels: null, ParentId: '', RepoDigests: null as unknown as string[], RepoTags: null as unknown as string[], SharedSize: -1, Size: 5 }];
    const r = await handleRequest(stub, req('GET', '/v1.50/images/json'));
    expect(await bodyText(r)).toBe(`[{"Containers":-1,"Created":1,"Id":"sha256:${'a'.repeat(64)}","Labels":null,"ParentId":"","RepoDigests":[],"RepoTags":[],"SharedSize":-1,"Size":5}]\n`);
  });
});

describe('ttyLineDiscipline', () => {
  it('echoes, edits lines and maps Enter, Ctrl+C and Ctrl+D like a pty', async () => {
    const chunks = ['ec', 'hx\x7fo hi\r', 'ab\x1b[Ac\r', 'junk\x03', 'last\x04', '\x04'];
    let echo = '';
    const read = ttyLineDiscipline(async () => chunks.shift() ?? null, (s) => { echo += s; });
    const got: (string | null)[] = [];
    for (let i = 0; i < 6; i++) got.push(await read());
    expect(got).toEqual(['echo hi\n', 'abc\n', '\n', 'last', null, null]);
    expect(echo).toBe('echx\b \bo hi\r\nabc\r\njunk^C\r\nlast');
  });
});

describe('wait', () => {
  it('answers 404 at once for a missing container', async () => {
    const r = await handleRequest(client(), req('POST', '/v1.50/containers/nosuch/wait?condition=next-exit'));
    expect(r.status).toBe(404);
    expect(await bodyText(r)).toBe('{"message":"No such container: nosuch"}\n');
    const bad = await handleRequest(client(), req('POST', '/v1.50/containers/x/wait?condition=bogus'));
    expect(await bodyText(bad)).toBe('{"message":"invalid condition: \\"bogus\\""}\n');
  });
});
