import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONMessage } from '../../api/types';
import { EngineError } from '../../api/errors';
import { SEED_NGINX_DOCKERFILE } from '../../dockerfile/gen';
import { PlainPrinter } from '../../progress/plain';
import { renderFailure } from '../../progress/failure';
import { renderLegacyPlain } from '../../progress/legacy';
import { utf8, utf8Decode } from '../digest';
import { imageHistory, imageList, getImage } from '../images';
import { layerTar } from '../tar';
import { file, dir, type Entry } from '../fs/entry';
import { UnionFs } from '../fs/union';
import { buildkitBuild, legacyBuild, legacyBuildStream } from './build';
import { testState } from './testing';
import type { BuildRequest, BuilderHost } from './types';

const GOLD = join(__dirname, 'testdata');
function golden(name: string, actual: string): void {
  const p = join(GOLD, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(p)) writeFileSync(p, actual);
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

type Files = Record<string, string | Uint8Array>;
const ctx = (files: Files) => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, { data: typeof v === 'string' ? utf8(v) : v, mode: 0o644 }])) });
const INDEX = '<h1>Hello from the playground</h1>\n';

async function bk(host: BuilderHost, req: BuildRequest) {
  let out = '';
  const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver', rateLimitMs: 100 });
  const r = await buildkitBuild(host, req, (e) => p.update(e));
  p.done();
  if (r.failure) out += renderFailure(r.failure);
  return { out, r };
}
async function legacy(host: BuilderHost, req: BuildRequest) {
  const msgs: JSONMessage[] = [];
  const r = await legacyBuild(host, req, (m) => msgs.push(m));
  const o = renderLegacyPlain(msgs);
  return { out: o.stdout, error: o.error, msgs, r };
}
const historyRows = (host: BuilderHost, ref: string) =>
  imageHistory(host.state, ref).map((h) => `${h.Id === '<missing>' ? '<missing>' : h.Id.slice(7, 19)}\t${h.CreatedBy}\t${h.Size}\t${h.Comment}`).join('\n') + '\n';

describe('seed nginx build', () => {
  it('BuildKit: cold, then cached, plain progress and history', async () => {
    const host = { state: testState() };
    const req = { context: ctx({ Dockerfile: SEED_NGINX_DOCKERFILE, 'index.html': INDEX }), tags: ['asahicantu/nginx:1.0'] };
    const cold = await bk(host, req);
    expect(cold.r.exitCode).toBe(0);
    golden('seed-buildkit-cold.txt', cold.out);
    golden('seed-buildkit-history.txt', historyRows(host, 'asahicantu/nginx:1.0'));
    const warm = await bk(host, req);
    golden('seed-buildkit-cached.txt', warm.out);
    expect(warm.r.imageId).toBe(cold.r.imageId);
    expect(warm.r.cacheMisses).toEqual([]);
    // BuildKit leaves one image (plus the pulled base), no intermediate ones
    expect(imageList(host.state, { all: true }).length).toBe(2);
    const img = getImage(host.state, 'asahicantu/nginx:1.0');
    expect(img.parent).toBe('');
    expect(img.config.config).toEqual({
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Entrypoint: ['/usr/sbin/nginx', '-g', 'daemon off;'],
      ExposedPorts: { '80/tcp': {} }, Labels: { maintainer: 'asahicantu@mail.com' }, ArgsEscaped: true,
    } as unknown as typeof img.config.config);
    expect(img.config.container_config).toBeUndefined();
  });

  it('legacy: Step N/M stream, intermediate images, legacy config and history', async () => {
    const host = { state: testState() };
    const req = { context: ctx({ Dockerfile: SEED_NGINX_DOCKERFILE, 'index.html': INDEX }), tags: ['asahicantu/nginx:1.0'] };
    const cold = await legacy(host, req);
    expect(cold.error).toBeUndefined();
    golden('seed-legacy-cold.txt', cold.out);
    golden('seed-legacy-history.txt', historyRows(host, 'asahicantu/nginx:1.0'));
    expect(cold.msgs.find((m) => m.aux)).toEqual({ aux: { ID: cold.r.imageId } });
    const warm = await legacy(host, req);
    golden('seed-legacy-cached.txt', warm.out);
    expect(warm.r.imageId).toBe(cold.r.imageId);
    // 7 committed steps + the base; intermediate images hidden without -a
    expect(imageList(host.state, { all: true }).length).toBe(8);
    expect(imageList(host.state, {}).map((i) => i.RepoTags)).toEqual([['asahicantu/nginx:1.0'], ['ubuntu:18.10']]);
    const img = getImage(host.state, 'asahicantu/nginx:1.0');
    expect(img.parent).not.toBe('');
    expect(img.config.docker_version).toBe('28.2.2');
    expect(img.config.container_config?.Cmd).toEqual(['/bin/sh', '-c', '#(nop) ', 'EXPOSE 80']);
    expect(Object.keys(img.config.config ?? {})).toEqual([
      'Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'ExposedPorts', 'Tty', 'OpenStdin', 'StdinOnce',
      'Env', 'Cmd', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels',
    ]);
  });

  it('legacy stream as EngineClient.build yields it', async () => {
    const host = { state: testState() };
    const msgs: JSONMessage[] = [];
    for await (const m of legacyBuildStream(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN echo hello\n' }), tags: ['hello'] })) msgs.push(m);
    golden('legacy-with-pull.txt', renderLegacyPlain(msgs).stdout);
  });
});

describe('errors', () => {
  const cases: Record<string, string> = {
    'run-fail': 'FROM alpine:3.20\nRUN echo hi && false\n',
    'copy-missing': 'FROM alpine:3.20\nCOPY missing.txt /app/\n',
    'base-missing': 'FROM nosuchimage:1.0\nRUN true\n',
    'unknown-stage': 'FROM alpine:3.20\nCOPY --from=nosuchstage /x /y\n',
    'parse-error': 'FROM alpine:3.20\nRUN true\nFORM x\n',
  };
  for (const [name, df] of Object.entries(cases)) {
    it(`${name}: BuildKit and legacy`, async () => {
      const h1 = { state: testState() };
      const b = await bk(h1, { context: ctx({ Dockerfile: df }), tags: ['x'] });
      expect(b.r.exitCode).toBe(1);
      golden(`${name}-buildkit.txt`, b.out);
      // BuildKit leaves no image behind (only the pulled base)
      expect(imageList(h1.state, { all: true }).every((i) => i.RepoTags.length > 0)).toBe(true);
      const h2 = { state: testState() };
      if (name === 'parse-error') {
        await expect(legacy(h2, { context: ctx({ Dockerfile: df }) })).rejects.toThrow(EngineError);
        await expect(legacy(h2, { context: ctx({ Dockerfile: df }) })).rejects.toThrow('dockerfile parse error on line 3: unknown instruction: FORM (did you mean FROM?)');
        return;
      }
      const l = await legacy(h2, { context: ctx({ Dockerfile: df }) });
      golden(`${name}-legacy.txt`, l.out + JSON.stringify(l.error) + '\n');
    });
  }

  it('legacy failed RUN: exit code, last good step image left behind', async () => {
    const host = { state: testState() };
    const l = await legacy(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nENV A=1\nRUN exit 3\n' }) });
    expect(l.error).toEqual({ errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" }, error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" });
    expect(l.r.exitCode).toBe(3);
    const all = imageList(host.state, { all: true });
    expect(all.length).toBe(2);
    expect(all.find((i) => i.RepoTags.length === 0)!.Id).toBe(l.r.committed[0]);
  });

  it('COPY --from: variables and bad stage indexes are refused before building', async () => {
    let b = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nARG S=x\nCOPY --from=$S /a /b\n' }) });
    expect(b.r.failure?.message).toBe('failed to solve: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
    b = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --from=3 /a /b\n' }) });
    expect(b.r.failure?.message).toBe('failed to solve: invalid stage index 3');
  });

  it('unknown target', async () => {
    const df = 'FROM alpine:3.20 AS build\nRUN true\n';
    const b = await bk({ state: testState() }, { context: ctx({ Dockerfile: df }), target: 'nope' });
    expect(b.r.failure?.message).toBe('failed to solve: target stage "nope" could not be found');
    await expect(legacy({ state: testState() }, { context: ctx({ Dockerfile: df }), target: 'nope' })).rejects.toThrow('failed to reach build target nope in Dockerfile');
  });
});

describe('cache', () => {
  it('reports why each step missed: changed file, changed line, parent, --no-cache', async () => {
    const host = { state: testState() };
    const df = 'FROM alpine:3.20\nRUN echo one > /one\nCOPY index.html /srv/\nRUN echo two > /two\n';
    await bk(host, { context: ctx({ Dockerfile: df, 'index.html': 'v1' }) });
    let r = await bk(host, { context: ctx({ Dockerfile: df, 'index.html': 'v2' }) });
    expect(r.r.cacheMisses).toEqual([
      { line: 3, step: '[3/4] COPY index.html /srv/', reason: 'files-changed', files: ['index.html'] },
      { line: 4, step: '[4/4] RUN echo two > /two', reason: 'parent-changed' },
    ]);
    expect(r.out).toContain('#6 [2/4] RUN echo one > /one\n#6 CACHED\n');
    r = await bk(host, { context: ctx({ Dockerfile: df.replace('echo one', 'echo uno'), 'index.html': 'v2' }) });
    expect(r.r.cacheMisses.map((m) => m.reason)).toEqual(['instruction-changed', 'parent-changed', 'parent-changed']);
    r = await bk(host, { context: ctx({ Dockerfile: df, 'index.html': 'v2' }), noCache: true });
    expect(r.r.cacheMisses.map((m) => m.reason)).toEqual(['no-cache', 'no-cache', 'no-cache']);
    // a fully cached rebuild gives the same image ID
    const a = await bk(host, { context: ctx({ Dockerfile: df, 'index.html': 'v2' }) });
    const b = await bk(host, { context: ctx({ Dockerfile: df, 'index.html': 'v2' }) });
    expect(a.r.imageId).toBe(b.r.imageId);
  });

  it('legacy cache follows the parent image', async () => {
    const host = { state: testState() };
    const df = 'FROM alpine:3.20\nRUN echo one > /one\nCOPY index.html /srv/\nCMD ["sh"]\n';
    await legacy(host, { context: ctx({ Dockerfile: df, 'index.html': 'v1' }) });
    const l = await legacy(host, { context: ctx({ Dockerfile: df, 'index.html': 'v2' }) });
    expect(l.out.split('\n').filter((x) => x === ' ---> Using cache').length).toBe(1);
    expect(l.out).toContain('Step 3/4 : COPY index.html /srv/\n ---> ');
    expect(l.out).not.toContain('Step 3/4 : COPY index.html /srv/\n ---> Using cache');
  });
});

describe('semantics', () => {
  it('ARG scoping: meta args in FROM, redeclared in stage, --build-arg, RUN history', async () => {
    const df = 'ARG TAG=3.20\nARG V=meta\nFROM alpine:${TAG}\nARG V\nARG W=w-$V\nRUN echo $V $W > /out\nLABEL v=$V w=$W tag=${TAG:-none}\n';
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['a'], buildArgs: { V: 'cli' } });
    expect(r.r.exitCode).toBe(0);
    const img = getImage(host.state, 'a');
    expect(img.config.config?.Labels).toEqual({ v: 'cli', w: 'w-cli', tag: 'none' });
    expect(img.config.history?.slice(-4).map((h) => h.created_by)).toEqual([
      'ARG V=cli', 'ARG W=w-cli', 'RUN |2 V=cli W=w-cli /bin/sh -c echo $V $W > /out # buildkit', 'LABEL v=cli w=w-cli tag=none',
    ]);
    const fs = new UnionFs(host.state.layers.view(img.topChain));
    expect(utf8Decode(fs.readBytes('/out'))).toBe('cli w-cli\n');
    const h2 = { state: testState() };
    const l = await legacy(h2, { context: ctx({ Dockerfile: df }), tags: ['a'], buildArgs: { V: 'cli', UNUSED: 'x' } });
    expect(l.out).toContain('Step 1/7 : ARG TAG=3.20\nStep 2/7 : ARG V=meta\nStep 3/7 : FROM alpine:${TAG}\n');
    expect(l.out).toContain('[Warning] One or more build-args [UNUSED] were not consumed\n');
    expect(getImage(h2.state, 'a').config.history?.find((h) => h.created_by?.includes('echo'))?.created_by).toBe('|2 V=cli W=w-cli /bin/sh -c echo $V $W > /out');
  });

  it('ENV/WORKDIR/USER/COPY --chown/--chmod, directories, wildcards', async () => {
    const df = [
      'FROM alpine:3.20', 'ENV APP=/srv/app', 'WORKDIR $APP', 'COPY --chown=nobody:nobody --chmod=600 *.txt ./', 'COPY src/ lib/',
      'COPY src sub', 'USER nobody', 'WORKDIR data', 'RUN echo hi > f', '',
    ].join('\n');
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: df, 'a.txt': 'a', 'b.txt': 'bb', 'src/x.js': 'x', 'src/deep/y.js': 'y' }), tags: ['t'] });
    expect(r.r.failure).toBeUndefined();
    const img = getImage(host.state, 't');
    const fs = new UnionFs(host.state.layers.view(img.topChain));
    const a = fs.get('/srv/app/a.txt')!;
    expect([a.uid, a.gid, a.mode]).toEqual([65534, 65534, 0o600]);
    expect(fs.get('/srv/app/lib/deep/y.js')?.type).toBe('file');
    expect(fs.get('/srv/app/sub/x.js')?.type).toBe('file');
    expect(fs.get('/srv/app/data')).toMatchObject({ type: 'dir', uid: 65534, gid: 65534 });
    expect(img.config.config?.WorkingDir).toBe('/srv/app/data');
    expect(img.config.config?.User).toBe('nobody');
    expect(img.config.history?.map((h) => h.created_by).slice(2)).toEqual([
      'ENV APP=/srv/app', 'WORKDIR /srv/app', 'COPY --chown=nobody:nobody --chmod=600 *.txt ./ # buildkit', 'COPY src/ lib/ # buildkit',
      'COPY src sub # buildkit', 'USER nobody', 'WORKDIR /srv/app/data', 'RUN /bin/sh -c echo hi > f # buildkit',
    ]);
    expect(r.out).toContain('#6 [2/7] WORKDIR /srv/app\n');
  });

  it('CMD/ENTRYPOINT: shell vs exec form, ENTRYPOINT resets an inherited CMD, SHELL', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["top", "-b"]\n' }), tags: ['e1'] });
    expect(getImage(host.state, 'e1').config.config?.Cmd).toBeUndefined();
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCMD echo $HOME\nENTRYPOINT ["/bin/sh"]\n' }), tags: ['e2'] });
    expect(getImage(host.state, 'e2').config.config).toMatchObject({ Cmd: ['/bin/sh', '-c', 'echo $HOME'], Entrypoint: ['/bin/sh'] });
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD run it\n' }), tags: ['e3'] });
    expect(getImage(host.state, 'e3').config.config).toMatchObject({ Cmd: ['/bin/bash', '-o', 'pipefail', '-c', 'run it'], Shell: ['/bin/bash', '-o', 'pipefail', '-c'] });
    expect(getImage(host.state, 'e3').config.history?.slice(-2).map((h) => h.created_by)).toEqual(['SHELL [/bin/bash -o pipefail -c]', 'CMD ["/bin/bash" "-o" "pipefail" "-c" "run it"]']);
  });

  it('multi-stage: COPY --from, --target, unreachable stages skipped', async () => {
    const df = 'FROM alpine:3.20 AS build\nRUN echo built > /out\n\nFROM alpine:3.20 AS unused\nRUN false\n\nFROM scratch\nCOPY --from=build /out /out\n';
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['m'] });
    expect(r.r.failure).toBeUndefined();
    golden('multistage-buildkit.txt', r.out);
    const img = getImage(host.state, 'm');
    expect(img.config.rootfs.diff_ids.length).toBe(1);
    expect(img.config.history?.map((h) => h.created_by)).toEqual(['COPY /out /out # buildkit']);
    const t = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['b'], target: 'build' });
    expect(t.r.failure).toBeUndefined();
    expect(getImage(host.state, 'b').config.history?.at(-1)?.created_by).toBe('RUN /bin/sh -c echo built > /out # buildkit');
    const l = await legacy({ state: testState() }, { context: ctx({ Dockerfile: df }) });
    expect(l.r.exitCode).toBe(1); // the classic builder runs every stage, the failing one too
  });

  it('ONBUILD triggers run in the child build', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nONBUILD COPY app.txt /app/\nONBUILD RUN echo triggered > /t\n' }), tags: ['base:1'] });
    expect(getImage(host.state, 'base:1').config.config?.OnBuild).toEqual(['COPY app.txt /app/', 'RUN echo triggered > /t']);
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM base:1\nRUN cat /t\n', 'app.txt': 'app' }), tags: ['child'] });
    expect(r.r.failure).toBeUndefined();
    expect(r.out).toContain('[2/4] ONBUILD COPY app.txt /app/');
    expect(r.out).toContain('[3/4] ONBUILD RUN echo triggered > /t');
    const img = getImage(host.state, 'child');
    expect(img.config.config?.OnBuild).toBeUndefined();
    const l = await legacy({ state: host.state }, { context: ctx({ Dockerfile: 'FROM base:1\nRUN cat /t\n', 'app.txt': 'app' }), tags: ['child2'] });
    expect(l.out).toContain('# Executing 2 build triggers\n');
    expect(l.out).toContain('triggered\n');
  });

  it('ADD: local tar archives are extracted, URLs are simulated downloads', async () => {
    const tar = layerTar({ entries: new Map<string, Entry>([['/pkg', dir()], ['/pkg/readme', file('read me')]]) });
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD bundle.tar /opt/\nADD https://example.com/x/tool.sh /usr/local/bin/\n', 'bundle.tar': tar }), tags: ['add'] });
    expect(r.r.failure).toBeUndefined();
    const fs = new UnionFs(host.state.layers.view(getImage(host.state, 'add').topChain));
    expect(utf8Decode(fs.readBytes('/opt/pkg/readme'))).toBe('read me');
    expect(fs.get('/usr/local/bin/tool.sh')).toMatchObject({ type: 'file', mode: 0o600 });
  });

  it('metadata instructions: EXPOSE, VOLUME, LABEL, STOPSIGNAL, HEALTHCHECK, MAINTAINER, --label', async () => {
    const df = 'FROM alpine:3.20\nMAINTAINER me\nEXPOSE 80 443/udp\nVOLUME /data\nSTOPSIGNAL SIGQUIT\nHEALTHCHECK --interval=30s --retries=3 CMD wget -q localhost\n';
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: df }), tags: ['meta'], labels: { built: 'yes' } });
    const img = getImage(host.state, 'meta');
    expect(img.config.author).toBe('me');
    expect(img.config.config).toMatchObject({
      ExposedPorts: { '443/udp': {}, '80/tcp': {} }, Volumes: { '/data': {} }, StopSignal: 'SIGQUIT', Labels: { built: 'yes' },
      Healthcheck: { Test: ['CMD-SHELL', 'wget -q localhost'], Interval: 30_000_000_000, Retries: 3 },
    });
    expect(img.config.history?.slice(2).map((h) => h.created_by)).toEqual([
      'MAINTAINER me', 'EXPOSE map[443/udp:{} 80/tcp:{}]', 'VOLUME [/data]', 'STOPSIGNAL SIGQUIT',
      'HEALTHCHECK {Test:[CMD-SHELL wget -q localhost] Interval:30s Timeout:0s StartPeriod:0s StartInterval:0s Retries:3}',
    ]);
    const h2 = { state: testState() };
    const l = await legacy(h2, { context: ctx({ Dockerfile: df }), tags: ['meta'], labels: { built: 'yes' } });
    expect(l.out).toContain('Step 7/7 : LABEL built=yes\n');
    expect(getImage(h2.state, 'meta').config.history?.slice(2).map((h) => h.created_by)).toEqual([
      '/bin/sh -c #(nop)  MAINTAINER me', '/bin/sh -c #(nop)  EXPOSE 443/udp 80', '/bin/sh -c #(nop)  VOLUME [/data]',
      '/bin/sh -c #(nop)  STOPSIGNAL SIGQUIT',
      `/bin/sh -c #(nop)  HEALTHCHECK &{["CMD-SHELL" "wget -q localhost"] "30s" "0s" "0s" "0s" '\\x03'}`, '/bin/sh -c #(nop)  LABEL built=yes',
    ]);
  });
});

describe('heredocs', () => {
  it('RUN and COPY heredocs', async () => {
    const host = { state: testState() };
    const df = 'FROM alpine:3.20\nRUN <<EOF\necho one > /one\necho two > /two\nEOF\nCOPY <<EOT /etc/motd\nhello\nEOT\n';
    const r = await bk(host, { context: ctx({ Dockerfile: df }), tags: ['h'] });
    expect(r.r.failure).toBeUndefined();
    expect(r.out).toContain('#5 [2/3] RUN <<EOF (echo one > /one...)\n');
    const img = getImage(host.state, 'h');
    const fs = new UnionFs(host.state.layers.view(img.topChain));
    expect(utf8Decode(fs.readBytes('/two'))).toBe('two\n');
    expect(utf8Decode(fs.readBytes('/etc/motd'))).toBe('hello\n');
    expect(img.config.history?.slice(2).map((h) => h.created_by)).toEqual(['RUN /bin/sh -c echo one > /one\necho two > /two\n # buildkit', 'COPY <<EOT /etc/motd # buildkit']);
  });
});

describe('engine API adapters', () => {
  it('engineBuild streams the legacy build; build cache usage and prune', async () => {
    const { engineBuild, buildCacheUsage, pruneBuildCache } = await import('./api');
    const host = { state: testState() };
    const msgs: JSONMessage[] = [];
    for await (const m of engineBuild(host, ctx({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\n' }), { tags: ['api:1'], version: '1' })) msgs.push(m);
    expect(msgs.at(-1)).toEqual({ stream: 'Successfully tagged api:1\n' });
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\n' }) });
    const usage = buildCacheUsage(host);
    expect(usage.length).toBe(1);
    expect(usage[0]).toMatchObject({ Type: 'regular', Description: 'mount / from exec /bin/sh -c echo hi > /hi', Size: 3, UsageCount: 1 });
    expect(usage[0].ID).toMatch(/^[0-9a-z]{25}$/);
    expect(pruneBuildCache(host)).toBe(3);
    expect(buildCacheUsage(host)).toEqual([]);
  });
});

describe('build cache persistence', () => {
  it('a saved and restored engine keeps its build cache', async () => {
    const { Engine } = await import('../index');
    const host = { state: testState() };
    const req = { context: ctx({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\nCOPY a.txt /a.txt\n', 'a.txt': 'a' }), tags: ['p:1'] };
    const first = await bk(host, req);
    const saved = JSON.parse(JSON.stringify(new Engine(host.state).toJSON()));
    const restored = Engine.fromJSON(saved);
    const again = await bk({ state: restored.state }, req);
    expect(again.r.cacheMisses).toEqual([]);
    expect(again.out).toContain('#6 [2/3] RUN echo hi > /hi\n#6 CACHED\n');
    expect(again.r.imageId).toBe(first.r.imageId);
  });
});
