// HttpEngineClient against the conformance fake Engine API (fake/server.js), checking the requests it sends against
// what docker CLI 28.2.2 sent (captures/*.meta) and the answers round-trip.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { DaemonUnreachableError, HttpEngineClient, encodeQuery, filtersJSON, tarBuildContext } from './http-client';
import type { JSONMessage } from './types';

const FAKE = '/work/shared/conformance/docker-cli/fake/server.js';
let server: ChildProcess;
let port = 0;
let log = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

interface Req { method: string; url: string; headers: Record<string, string>; bodyLen: number; bodyText?: string }
function requests(): Req[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Req);
}
function clearLog(): void { writeFileSync(log, ''); }

beforeAll(async () => {
  port = await freePort();
  log = join(mkdtempSync(join(tmpdir(), 'httpclient-')), 'requests.log');
  writeFileSync(log, '');
  server = spawn('node', [FAKE], { env: { ...process.env, PORT: String(port), REQLOG: log }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => server.stdout?.once('data', () => resolve()));
});
afterAll(() => { server?.kill(); });

const client = () => new HttpEngineClient(`tcp://127.0.0.1:${port}`);
async function collect(it: AsyncIterable<JSONMessage>): Promise<JSONMessage[]> {
  const out: JSONMessage[] = [];
  for await (const m of it) out.push(m);
  return out;
}

describe('HttpEngineClient vs the fake daemon', () => {
  it('pings, negotiates 1.50 and lists images like `docker image ls`', async () => {
    clearLog();
    const images = await client().imageList({});
    expect(images.length).toBe(7);
    expect(images[0].RepoTags).toEqual(['myapp:dev', 'myapp:latest']);
    const reqs = requests();
    expect(reqs.map((r) => `${r.method} ${r.url}`)).toEqual(['HEAD /_ping', 'GET /v1.50/images/json']);
    expect(reqs[1].headers['user-agent']).toBe('Docker-Client/28.2.2 (linux)');
  });
  it('sends filters and all=1 like the CLI', async () => {
    clearLog();
    await client().imageList({ all: true });
    await client().imageList({ filters: { dangling: { true: true } } });
    const urls = requests().filter((r) => r.method === 'GET').map((r) => r.url);
    expect(urls).toEqual(['/v1.50/images/json?all=1', '/v1.50/images/json?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D']);
  });
  it('history and inspect round-trip', async () => {
    clearLog();
    const c = client();
    const h = await c.imageHistory('myapp:dev');
    expect(h[1]).toMatchObject({ Id: '<missing>', Comment: 'buildkit.dockerfile.v0', Size: 52428800 });
    const i = await c.imageInspect('myapp:dev');
    expect(i.Id).toBe('sha256:3f2e1d0c9b8a7968574635241302f1e0d9c8b7a6958473625140312f2e1d0c9b');
    expect(Object.keys(i).slice(0, 4)).toEqual(['Id', 'RepoTags', 'RepoDigests', 'Parent']);
    expect(requests().map((r) => r.url)).toEqual(['/_ping', '/v1.50/images/myapp:dev/history', '/v1.50/images/myapp:dev/json']);
  });
  it('maps {"message"} errors to EngineError with the status', async () => {
    const err = await client().imageInspect('nosuch').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).status).toBe(404);
    expect((err as EngineError).message).toBe('No such image: nosuch:latest');
    const conflict = await client().imageRemove('nosuch', { force: true }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(EngineError);
    expect((conflict as EngineError).kind).toBe('notFound');
  });
  it('rm, tag, prune, search, commit, login query strings', async () => {
    clearLog();
    const c = client();
    await c.imageRemove('myapp:latest', { noprune: true });
    await c.imageTag('myapp:dev', 'docker.io/myrepo/myapp', 'v2');
    await c.imagesPrune({ dangling: { true: true } });
    await c.imageSearch({ term: 'nginx', limit: 3, filters: { 'is-official': { true: true } } });
    await c.commit({ container: 'web', author: 'Alice <a@x>', changes: ['CMD ["sh"]', 'ENV A=1'], comment: 'msg here', repo: 'docker.io/library/myapp', tag: 'snap' });
    await c.login({ username: 'alice', password: 's3cret', serveraddress: 'registry.example.com' });
    const reqs = requests().filter((r) => r.method !== 'HEAD');
    expect(reqs.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /v1.50/images/myapp:latest?noprune=1',
      'POST /v1.50/images/myapp:dev/tag?repo=docker.io%2Fmyrepo%2Fmyapp&tag=v2',
      'POST /v1.50/images/prune?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D',
      'GET /v1.50/images/search?filters=%7B%22is-official%22%3A%7B%22true%22%3Atrue%7D%7D&limit=3&term=nginx',
      'POST /v1.50/commit?author=Alice+%3Ca%40x%3E&changes=CMD+%5B%22sh%22%5D&changes=ENV+A%3D1&comment=msg+here&container=web&repo=docker.io%2Flibrary%2Fmyapp&tag=snap',
      'POST /v1.50/auth',
    ]);
    expect(reqs[3].headers['x-registry-auth']).toBe('e30=');
    expect(reqs[5].bodyText).toBe('{"username":"alice","password":"s3cret","serveraddress":"registry.example.com"}');
    expect(reqs[5].headers['content-type']).toBe('application/json');
  });
  it('streams pull and push messages', async () => {
    clearLog();
    const c = client();
    const pull = await collect(c.imagePull({ fromImage: 'docker.io/library/nginx', tag: 'latest' }));
    expect(pull[0]).toEqual({ status: 'Pulling from library/nginx', id: 'latest' });
    expect(pull.at(-1)?.status).toBe('Status: Downloaded newer image for nginx:latest');
    const push = await collect(c.imagePush('docker.io/library/myapp', { tag: 'dev' }));
    expect(push.at(-1)?.aux).toEqual({ Tag: 'dev', Digest: 'sha256:' + '5'.repeat(64), Size: 856 });
    const reqs = requests().filter((r) => r.method !== 'HEAD');
    expect(reqs.map((r) => r.url)).toEqual([
      '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnginx&tag=latest',
      '/v1.50/images/docker.io/library/myapp/push?tag=dev',
    ]);
    expect(reqs.every((r) => r.headers['x-registry-auth'] === 'e30=')).toBe(true);
  });
  it('legacy build: tar body, query and headers', async () => {
    clearLog();
    const files = new Map([['Dockerfile', { data: new TextEncoder().encode('FROM alpine\n'), mode: 0o644 }]]);
    const msgs = await collect(client().build({ files }, { tags: ['myapp:dev'], buildArgs: { FOO: 'bar' }, labels: { a: 'b' }, version: '1' }));
    expect(msgs[0]).toEqual({ stream: 'Step 1/1 : FROM alpine' });
    const r = requests().filter((x) => x.method === 'POST')[0];
    expect(r.url).toBe('/v1.50/build?buildargs=%7B%22FOO%22%3A%22bar%22%7D&dockerfile=Dockerfile&labels=%7B%22a%22%3A%22b%22%7D&t=myapp%3Adev&version=1');
    expect(r.headers['content-type']).toBe('application/x-tar');
    expect(r.headers['x-registry-config']).toBe('e30=');
    expect(r.bodyLen).toBe(2048);
  });
  it('container and archive endpoints send the query strings docker CLI 28.2.2 sends', async () => {
    clearLog();
    const c = client();
    const calls: Promise<unknown>[] = [
      c.containerList({ all: true, limit: 2, size: true, filters: { status: { running: true } } }),
      c.containerRemove('web', { force: true, volumes: true }),
      c.containerStop('web', { timeout: 3 }),
      c.containerKill('web', 'HUP'),
      c.containerRename('web', 'web2'),
      c.containerTop('web', 'aux'),
      c.containersPrune({ until: { '24h': true } }),
      c.containerLogs('6'.repeat(64), { stdout: true, stderr: true, tail: '5', timestamps: true }),
      c.imageSave(['nginx', 'alpine']),
    ];
    await Promise.allSettled(calls);
    const urls = requests().filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
    // as logged from the real CLI (docker ps -a --filter status=running -n 2 -s; rm -fv web; stop -t 3 web; ...)
    expect(urls).toEqual([
      'DELETE /v1.50/containers/web?force=1&v=1',
      'GET /v1.50/containers/6666666666666666666666666666666666666666666666666666666666666666/logs?stderr=1&stdout=1&tail=5&timestamps=1',
      'GET /v1.50/containers/json?all=1&filters=%7B%22status%22%3A%7B%22running%22%3Atrue%7D%7D&limit=2&size=1',
      'GET /v1.50/containers/web/top?ps_args=aux',
      'GET /v1.50/images/get?names=nginx&names=alpine',
      'POST /v1.50/containers/prune?filters=%7B%22until%22%3A%7B%2224h%22%3Atrue%7D%7D',
      'POST /v1.50/containers/web/kill?signal=HUP',
      'POST /v1.50/containers/web/rename?name=web2',
      'POST /v1.50/containers/web/stop?t=3',
    ]);
  });
  it('a daemon that is down gives the CLI message', async () => {
    const err = await new HttpEngineClient('tcp://127.0.0.1:1').imageList({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaemonUnreachableError);
    expect((err as Error).message).toBe(readFileSync('/work/shared/conformance/docker-cli/captures/daemon-down.stderr', 'utf8').trim());
  });
});

describe('negotiation (fake fetch)', () => {
  function fakeFetch(serverVersion: string | null, seen: string[]) {
    return async (url: string, init: { method: string }) => {
      seen.push(`${init.method} ${url}`);
      const headers = new Map<string, string>(serverVersion ? [['api-version', serverVersion]] : []);
      return {
        status: 200, statusText: 'OK', body: null,
        headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
        arrayBuffer: async () => new TextEncoder().encode('[]').buffer,
      };
    };
  }
  for (const [server, want] of [['1.43', '1.43'], ['1.51', '1.50'], [null, '1.24']] as const) {
    it(`server ${server} -> /v${want}`, async () => {
      const seen: string[] = [];
      await new HttpEngineClient('tcp://h:2375', { fetch: fakeFetch(server, seen) }).imageList({});
      expect(seen).toEqual(['HEAD http://h:2375/_ping', `GET http://h:2375/v${want}/images/json`]);
    });
  }
  it('DOCKER_API_VERSION skips the ping', async () => {
    const seen: string[] = [];
    await new HttpEngineClient('tcp://h:2375', { apiVersion: '1.45', fetch: fakeFetch('1.50', seen) }).imageList({});
    expect(seen).toEqual(['GET http://h:2375/v1.45/images/json']);
  });
});

describe('helpers', () => {
  it('encodeQuery sorts keys and escapes like Go', () => {
    expect(encodeQuery({ tag: 'latest', fromImage: 'docker.io/library/nginx' })).toBe('fromImage=docker.io%2Flibrary%2Fnginx&tag=latest');
    expect(encodeQuery({ a: ['x y', 'z'], b: undefined })).toBe('a=x+y&a=z');
  });
  it('filtersJSON sorts', () => {
    expect(filtersJSON({ until: { '24h': true }, dangling: { false: true }, label: { 'x=y': true } })).toBe('{"dangling":{"false":true},"label":{"x=y":true},"until":{"24h":true}}');
  });
  it('tar headers are valid ustar', () => {
    const tar = tarBuildContext({ files: new Map([['a.txt', { data: new TextEncoder().encode('hi'), mode: 0o644 }]]) });
    expect(tar.length).toBe(2048);
    expect(new TextDecoder().decode(tar.slice(257, 262))).toBe('ustar');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : tar[i];
    expect(parseInt(new TextDecoder().decode(tar.slice(148, 154)), 8)).toBe(sum);
  });
});
