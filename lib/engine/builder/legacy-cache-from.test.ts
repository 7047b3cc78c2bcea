/**
 * The classic builder's --cache-from (moby image/cache ImageCache via daemon/images MakeImageCache): with sources, a
 * local hit must be an ancestor of a source; otherwise a source whose history begins with the parent's and whose next
 * row was created by the step's command gives the step (restored images, the source itself at its end). Sources that
 * do not exist are skipped, which leaves no cache at all; --no-cache wins.
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';
import type { BuildOptions, EngineClient } from '../../api/types';
import { handleRequest } from '../../api/server';
import { writeTar } from '../../api/tar-read';

function setup(files: Record<string, string> = {}) {
  return testConsole({ seed: 'cache-from', files });
}
const FILES = { 'app/Dockerfile': 'FROM alpine:3.20\nENV A=1\nRUN echo hi > /f\nCOPY x.txt /x.txt\nCMD ["cat", "/f"]\n', 'app/x.txt': 'x\n' };
const STEPS = ['Step 1/5 : FROM alpine:3.20', 'Step 2/5 : ENV A=1', 'Step 3/5 : RUN echo hi > /f', 'Step 4/5 : COPY x.txt /x.txt', 'Step 5/5 : CMD ["cat", "/f"]'];

/** The build's output with 12-hex IDs replaced by their index of first appearance (ID1, ID2, ...), and the IDs. */
function shape(out: string): { text: string; ids: string[] } {
  const ids: string[] = [];
  const text = out.replace(/\b[0-9a-f]{12}\b/g, (id) => {
    if (!ids.includes(id)) ids.push(id);
    return `ID${ids.indexOf(id) + 1}`;
  });
  return { text, ids };
}
const cachedRun = [
  'Sending build context to Docker daemon  3.072kB\r\r\n',
  `${STEPS[0]}\n ---> 71e427a66fd7\n`,
  `${STEPS[1]}\n ---> Using cache\n ---> ID2\n`,
  `${STEPS[2]}\n ---> Using cache\n ---> ID3\n`,
  `${STEPS[3]}\n ---> Using cache\n ---> ID4\n`,
  `${STEPS[4]}\n ---> Using cache\n ---> ID5\n`,
  'Successfully built ID5\n',
].join('').replace('71e427a66fd7', 'ID1');

async function built() {
  const s = setup(FILES);
  await s.run('docker pull -q alpine:3.20');
  const first = await s.run('DOCKER_BUILDKIT=0 docker build -t app:1 app');
  expect(first.code).toBe(0);
  s.clock.advance(5000);
  const appId = (await s.run('docker images -q app:1')).out.trim();
  return { ...s, appId };
}

describe('legacy builder --cache-from', () => {
  it('the local cache counts when its images are ancestors of a source', async () => {
    const { run, appId } = await built();
    const r = await run('DOCKER_BUILDKIT=0 docker build --cache-from app:1 app');
    expect(r.code).toBe(0);
    const { text, ids } = shape(r.out);
    expect(text).toBe(cachedRun);
    expect(ids[4]).toBe(appId);
  });

  it('a source that does not exist is skipped: no cache at all (not even the local one)', async () => {
    const { run, appId } = await built();
    const r = await run('DOCKER_BUILDKIT=0 docker build --cache-from nothere:1 app');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('Using cache');
    expect(r.out.match(/ ---> Running in /g)?.length).toBe(3);
    expect(r.out).not.toContain(appId);
    // --no-cache wins over --cache-from
    const n = await run('DOCKER_BUILDKIT=0 docker build --no-cache --cache-from app:1 app');
    expect(n.out).not.toContain('Using cache');
  });

  it('an image with no build cache here (saved, pruned, loaded) gives every step from its history; the result is that image', async () => {
    const { run, appId } = await built();
    const history = (await run('docker history -q app:1')).out;
    expect((await run('docker save -o app.tar app:1')).code).toBe(0);
    expect((await run('docker image prune -af')).code).toBe(0);
    await run('docker pull -q alpine:3.20');
    expect((await run('docker load -i app.tar')).out).toBe('Loaded image: app:1\n');
    // loaded images have no parents: history shows <missing> for the layers under it
    expect((await run('docker history -q app:1')).out).toBe(`${appId}\n<missing>\n<missing>\n<missing>\n<missing>\n<missing>\n`);
    // without --cache-from nothing is cached
    const plain = await run('DOCKER_BUILDKIT=0 docker build app');
    expect(plain.out).not.toContain('Using cache');
    const r = await run('DOCKER_BUILDKIT=0 docker build --cache-from app:1 -t app:2 app');
    expect(r.code).toBe(0);
    const { text, ids } = shape(r.out);
    expect(text).toBe(cachedRun + 'Successfully tagged app:2\n');
    expect(ids[4]).toBe(appId);
    // the restored steps are images again (moby restoreCachedImage + SetParent): history lists them, not <missing>
    const after = (await run('docker history -q app:1')).out;
    expect(after).toBe(`${appId}\n${ids[3]}\n${ids[2]}\n${ids[1]}\n71e427a66fd7\n<missing>\n`);
    expect(after).not.toBe(history); // other IDs than the first build's intermediate images (those were pruned)
    expect((await run('docker history --no-trunc --format "{{.CreatedBy}}" app:2')).out.split('\n').slice(0, 4)).toEqual([
      '/bin/sh -c #(nop)  CMD ["cat" "/f"]', '/bin/sh -c #(nop) COPY file:c2c59eb487f5029d2fd532b90ca5415124e1ee3284260b599a1892bc45a00555 in /x.txt ',
      '/bin/sh -c echo hi > /f', '/bin/sh -c #(nop)  ENV A=1',
    ]);
    expect((await run('docker run --rm app:2')).out).toBe('hi\n');
  });

  it('a step that differs from the source ends the cache for the rest of the stage', async () => {
    const { run, workspace } = await built();
    await run('docker save -o app.tar app:1');
    await run('docker image prune -af');
    await run('docker pull -q alpine:3.20');
    await run('docker load -i app.tar');
    workspace.write('app/x.txt', 'changed\n');
    const r = await run('DOCKER_BUILDKIT=0 docker build --cache-from app:1 app');
    expect(r.code).toBe(0);
    const { text } = shape(r.out);
    expect(text).toBe([
      'Sending build context to Docker daemon  3.072kB\r\r\n',
      `${STEPS[0]}\n ---> ID1\n`,
      `${STEPS[1]}\n ---> Using cache\n ---> ID2\n`,
      `${STEPS[2]}\n ---> Using cache\n ---> ID3\n`,
      `${STEPS[3]}\n ---> ID4\n`,
      `${STEPS[4]}\n ---> Running in ID5\n ---> Removed intermediate container ID5\n ---> ID6\n`,
      'Successfully built ID6\n',
    ].join(''));
  });

  it('POST /build reads cachefrom as a JSON array (moby build_routes); a bad one is a 400', async () => {
    let seen: BuildOptions | undefined;
    const client = { build: (_c: unknown, o: BuildOptions) => { seen = o; return (async function* () { /* no messages */ })(); } } as unknown as EngineClient;
    const tar = writeTar([{ name: 'Dockerfile', data: new TextEncoder().encode('FROM alpine\n') }]);
    const mk = (q: string) => ({ method: 'POST', path: '/v1.50/build', query: new URL('http://x/?' + q).searchParams, headers: {}, body: tar });
    const ok = await handleRequest(client, mk('cachefrom=%5B%22app%3A1%22%2C%22app%3A2%22%5D&version=1') as unknown as Parameters<typeof handleRequest>[1]);
    expect(ok.status).toBe(200);
    expect(seen?.cacheFrom).toEqual(['app:1', 'app:2']);
    const bad = await handleRequest(client, mk('cachefrom=app%3A1&version=1') as unknown as Parameters<typeof handleRequest>[1]);
    expect(bad.status).toBe(400);
  });
});
