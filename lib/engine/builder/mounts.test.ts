import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONMessage } from '../../api/types';
import { PlainPrinter } from '../../progress/plain';
import { renderFailure } from '../../progress/failure';
import { renderLegacyPlain } from '../../progress/legacy';
import { utf8, utf8Decode } from '../digest';
import { getImage, imageHistory } from '../images';
import { UnionFs } from '../fs/union';
import { saveState, loadState } from '../serialize';
import { buildkitBuild, legacyBuild } from './build';
import { buildCacheUsage } from './api';
import { testState } from './testing';
import type { BuildRequest, BuilderHost } from './types';

function golden(name: string, actual: string): void {
  const p = join(__dirname, 'testdata', name);
  if (process.env.UPDATE_GOLDEN || !existsSync(p)) writeFileSync(p, actual);
  expect(actual).toBe(readFileSync(p, 'utf8'));
}
type Files = Record<string, string>;
const ctx = (files: Files) => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, { data: utf8(v), mode: 0o644 }])) });

async function bk(host: BuilderHost, req: BuildRequest) {
  let out = '';
  const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver', rateLimitMs: 100 });
  const r = await buildkitBuild(host, req, (e) => p.update(e));
  p.done();
  if (r.failure) out += renderFailure(r.failure);
  // log lines carry the step's elapsed time on the manual clock: keep the format, not the value
  out = out.replace(/^(#\d+) \d+\.\d{3} /gm, '$1 0.001 ');
  return { out, r };
}
/** The `#N` block of the step whose name starts with `name`. */
function step(out: string, name: string): string {
  const blocks = out.split('\n\n');
  return blocks.find((b) => b.replace(/^#\d+ /, '').startsWith(name)) ?? `(no step ${name})\n${out}`;
}
function fsOf(host: BuilderHost, ref: string): UnionFs {
  return new UnionFs(host.state.layers.view(getImage(host.state, ref).topChain));
}
const read = (fs: UnionFs, p: string) => utf8Decode(fs.readBytes(p));
const createdBy = (host: BuilderHost, ref: string) => imageHistory(host.state, ref).map((h) => h.CreatedBy);

describe('RUN --mount: a whole build', () => {
  it('plain progress and history (golden)', async () => {
    const host = { state: testState() };
    const df = [
      'FROM alpine:3.20 AS build', 'WORKDIR /src',
      'RUN --mount=type=bind,source=app,target=app --mount=type=cache,target=/root/.cache cat app/main.txt > /src/out && echo cached >> /root/.cache/log',
      'RUN --mount=type=secret,id=token,env=TOKEN echo "token has ${#TOKEN} chars"',
      'FROM scratch', 'COPY --link --from=build /src/out /', '',
    ].join('\n');
    const r = await bk(host, { context: ctx({ Dockerfile: df, 'app/main.txt': 'main\n' }), tags: ['mounts:golden'], secrets: { token: utf8('abc') } });
    expect(r.r.exitCode).toBe(0);
    golden('mounts-buildkit.txt', r.out);
    await bk(host, { context: ctx({ Dockerfile: df, 'app/main.txt': 'main\n' }), tags: ['mounts:build'], target: 'build', secrets: { token: utf8('abc') } });
    const rows = (ref: string) => imageHistory(host.state, ref).map((h) => `${h.CreatedBy}\t${h.Size}\t${h.Comment}`).join('\n') + '\n';
    golden('mounts-buildkit-history.txt', rows('mounts:golden') + '--- target build\n' + rows('mounts:build'));
  });
});

describe('RUN --mount=type=cache', () => {
  const df = 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache echo run >> /root/.cache/log && cat /root/.cache/log\n';

  it('keeps the cache between builds, outside the image', async () => {
    const host = { state: testState() };
    const a = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['c1'] });
    expect(a.r.exitCode).toBe(0);
    expect(step(a.out, '[2/2] RUN')).toBe(
      '#5 [2/2] RUN --mount=type=cache,target=/root/.cache echo run >> /root/.cache/log && cat /root/.cache/log\n#5 0.001 run\n#5 DONE 0.0s',
    );
    const b = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['c2'], noCache: true });
    expect(step(b.out, '[2/2] RUN')).toContain('#5 0.001 run\n#5 0.001 run\n#5 DONE');
    const fs = fsOf(host, 'c2');
    expect(fs.get('/root/.cache')).toBeUndefined();
    // the RUN wrote nothing else: no layer
    expect(createdBy(host, 'c2')[0]).toBe('RUN /bin/sh -c echo run >> /root/.cache/log && cat /root/.cache/log # buildkit');
    expect(imageHistory(host.state, 'c2')[0].Size).toBe(0);
  });

  it('a cache mount is a build cache record of type exec.cachemount (docker system df -v)', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: df }) });
    const recs = buildCacheUsage(host).filter((r) => r.Type === 'exec.cachemount');
    expect(recs.map((r) => [r.Description, r.Size, r.UsageCount])).toEqual([['cached mount /root/.cache from exec /bin/sh -c echo run >> /root/.cache/log && cat /root/.cache/log', 4, 1]]);
    expect(recs[0].ID).toMatch(/^[0-9g-p]{25}$/);
    await bk(host, { context: ctx({ Dockerfile: df }), noCache: true });
    expect(buildCacheUsage(host).filter((r) => r.Type === 'exec.cachemount').map((r) => [r.Size, r.UsageCount])).toEqual([[8, 2]]);
  });

  it('from= and source= seed a new cache from a stage', async () => {
    const host = { state: testState() };
    const df2 = 'FROM alpine:3.20 AS seed\nRUN mkdir /s && echo seeded > /s/f\nFROM alpine:3.20\nRUN --mount=type=cache,target=/c,from=seed,source=/s cat /c/f\n';
    const r = await bk(host, { context: ctx({ Dockerfile: df2 }) });
    expect(r.out).toContain(' 0.001 seeded\n');
  });

  it('an id shares the cache between targets; the content is saved with the engine', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=cache,id=shared,target=/a echo 1 > /a/f\n' }) });
    const saved = JSON.parse(JSON.stringify(saveState(host.state)));
    const host2 = { state: testState() };
    loadState(host2.state, saved);
    const r = await bk(host2, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=cache,id=shared,target=/b cat /b/f\n' }) });
    expect(step(r.out, '[2/2] RUN')).toContain('#5 0.001 1\n');
  });
});

describe('RUN --mount=type=bind', () => {
  it('binds the context (read-only) without adding it to the layer', async () => {
    const host = { state: testState() };
    const df = 'FROM alpine:3.20\nWORKDIR /app\nRUN --mount=type=bind,source=src,target=src cat src/a.txt > out.txt\n';
    const r = await bk(host, { context: ctx({ Dockerfile: df, 'src/a.txt': 'from the context\n' }), tags: ['b1'] });
    expect(r.r.exitCode).toBe(0);
    expect(r.out).toContain('[internal] load build context');
    const fs = fsOf(host, 'b1');
    expect(read(fs, '/app/out.txt')).toBe('from the context\n');
    expect(fs.get('/app/src')).toBeUndefined();
  });

  it('binds a file from another stage; rw writes are thrown away', async () => {
    const host = { state: testState() };
    const df = [
      'FROM alpine:3.20 AS build', 'RUN echo built > /artifact',
      'FROM alpine:3.20', 'RUN --mount=type=bind,from=build,source=/artifact,target=/mnt/artifact,rw cat /mnt/artifact && echo x > /mnt/artifact && cp /mnt/artifact /copied', '',
    ].join('\n');
    const r = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['b2'] });
    expect(r.r.exitCode).toBe(0);
    expect(r.out).toContain(' 0.001 built\n');
    const fs = fsOf(host, 'b2');
    expect(read(fs, '/copied')).toBe('x\n');
    expect(fs.get('/mnt/artifact')).toBeUndefined();
  });

  it('read-only by default: writes fail, the step fails', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=bind,target=/src touch /src/new\n', 'a.txt': 'a' }) });
    expect(step(r.out, '[2/2] RUN')).toMatch(/^#6 \[2\/2\] RUN --mount=type=bind,target=\/src touch \/src\/new\n#6 0.001 touch: \/src\/new: Read-only file system\n#6 ERROR: process "\/bin\/sh -c touch \/src\/new" did not complete successfully: exit code: 1\n/);
  });

  it('a missing source fails like BuildKit', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=bind,source=nope,target=/x true\n' }) });
    expect(r.r.failure?.message).toMatch(/^failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f-]+::[0-9a-z]{25}: "\/nope": not found$/);
  });

  it('target / is refused', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/ true\n' }) });
    expect(r.r.failure?.message).toBe('failed to solve: invalid mount target "/"');
  });
});

describe('RUN --mount=type=tmpfs', () => {
  it('writes under a tmpfs are not in the layer', async () => {
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/scratch echo t > /scratch/t && cat /scratch/t && echo kept > /kept\n' }), tags: ['t1'] });
    expect(r.out).toContain(' 0.001 t\n');
    const fs = fsOf(host, 't1');
    expect(fs.get('/scratch')).toBeUndefined();
    expect(read(fs, '/kept')).toBe('kept\n');
  });
});

describe('RUN --mount=type=secret', () => {
  const df = 'FROM alpine:3.20\nRUN --mount=type=secret,id=token cat /run/secrets/token && ls -l /run/secrets\n';

  it('mounts the secret only while the RUN runs; history shows the command without the mount', async () => {
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['s1'], secrets: { token: utf8('s3cr3t\n') } });
    expect(r.r.exitCode).toBe(0);
    expect(r.out).toContain('#5 0.001 s3cr3t\n');
    expect(r.out).toContain('-r-------');
    const fs = fsOf(host, 's1');
    expect(fs.get('/run/secrets')).toBeUndefined();
    expect(createdBy(host, 's1')[0]).toBe('RUN /bin/sh -c cat /run/secrets/token && ls -l /run/secrets # buildkit');
    // a different secret value does not change the cache key (BuildKit does not hash secrets)
    const again = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['s2'], secrets: { token: utf8('other\n') } });
    expect(step(again.out, '[2/2] RUN')).toBe('#5 [2/2] RUN --mount=type=secret,id=token cat /run/secrets/token && ls -l /run/secrets\n#5 CACHED');
  });

  it('optional by default: a missing secret is simply not mounted', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token test ! -e /run/secrets/token\n' }) });
    expect(r.r.exitCode).toBe(0);
  });

  it('required=true without --secret fails', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token,required=true true\n' }) });
    expect(step(r.out, '[2/2] RUN')).toMatch(/^#5 \[2\/2\] RUN --mount=type=secret,id=token,required=true true\n#5 ERROR: secret token: not found\n------\n/);
    expect(r.r.failure?.message).toBe('failed to solve: secret token: not found');
  });

  it('env= exposes the secret as a variable; target, uid and mode are honoured', async () => {
    const host = { state: testState() };
    const r = await bk(host, {
      context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=secret,id=aws,env=AWS_KEY,target=/etc/aws,uid=1000,mode=0440 echo "$AWS_KEY" && ls -ln /etc/aws\n' }),
      secrets: { aws: utf8('AKIA123') },
    });
    expect(r.r.exitCode).toBe(0);
    expect(r.out).toContain('[2/2] RUN --mount=type=secret,id=aws,env=AWS_KEY,target=/etc/aws,uid=1000,mode=0440 echo "****" && ls -ln /etc/aws\n');
    expect(r.out).toContain(' 0.001 AKIA123\n');
    expect(r.out).toMatch(/-r--r----- +1 1000 +0 +7 .* \/etc\/aws\n/);
  });
});

describe('RUN --mount=type=ssh', () => {
  it('required without --ssh fails; optional is skipped; with --ssh the socket and SSH_AUTH_SOCK are there', async () => {
    let r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=ssh,required true\n' }) });
    expect(r.r.failure?.message).toBe('failed to solve: no SSH key "default" forwarded from the client');
    r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=ssh ls /run/buildkit || echo "$SSH_AUTH_SOCK"\n' }) });
    expect(r.out).toContain(' 0.001 /run/buildkit/ssh_agent.0\n');
    const host = { state: testState() };
    r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=ssh test -e "$SSH_AUTH_SOCK"\n' }), ssh: ['default'], tags: ['ssh'] });
    expect(r.r.exitCode).toBe(0);
    expect(fsOf(host, 'ssh').get('/run/buildkit')).toBeUndefined();
  });
});

describe('legacy builder', () => {
  it('rejects RUN flags like moby: the first flag used', async () => {
    const msgs: JSONMessage[] = [];
    const r = await legacyBuild({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/c --network=none true\n' }) }, (m) => msgs.push(m));
    const o = renderLegacyPlain(msgs);
    expect(o.stdout).toBe('Step 1/2 : FROM alpine:3.20\n' + o.stdout.split('\n').slice(1, -2).join('\n') + '\nStep 2/2 : RUN --mount=type=cache,target=/c --network=none true\n');
    expect(o.error?.error).toBe('the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled');
    expect(r.exitCode).toBe(1);
  });
});
