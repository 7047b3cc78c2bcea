import { describe, expect, it } from 'vitest';
import { CHECK_KINDS, exerciseList, exercises, runChecks } from './index';
import { fakeEngine, type FakeImage, type FakeState } from './testing/fake-engine';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const alpineFiles = { '/bin/sh': '#!', '/etc/alpine-release': '3.20.3' };
const alpine: FakeImage = { tags: ['alpine:3.20'], digests: ['alpine@sha256:' + 'a'.repeat(64)], layers: ['sha256:' + '1'.repeat(64)], config: { Env: [PATH], Cmd: ['/bin/sh'] }, files: alpineFiles };
const alpine319: FakeImage = { tags: ['alpine:3.19'], digests: ['alpine@sha256:' + 'b'.repeat(64)], layers: ['sha256:' + '2'.repeat(64)], config: { Env: [PATH], Cmd: ['/bin/sh'] } };
const busybox: FakeImage = { tags: ['busybox:latest'], layers: ['sha256:' + '3'.repeat(64)] };
const nginx: FakeImage = { tags: ['nginx:latest'], layers: ['sha256:' + '4'.repeat(64)], config: { ExposedPorts: { '80/tcp': {} } } };
const onAlpine = (extra: Partial<FakeImage> & { tags: string[] }): FakeImage => ({
  layers: [...alpine.layers!, 'sha256:' + (extra.tags[0] ?? 'none').length.toString(16).padStart(64, 'e')],
  ...extra,
  config: { Env: [PATH], ...extra.config },
  files: { ...alpineFiles, ...extra.files },
});
const tagged = (img: FakeImage, ...tags: string[]): FakeImage => ({ ...img, tags: [...(img.tags ?? []), ...tags] });

/** For each exercise: a state where every check passes, and one (the exercise's wrong answer) where `wrong.fails` fails. */
const cases: Record<string, { pass: FakeState; fail: FakeState }> = {
  'first-container': {
    pass: { images: [alpine], containers: [{ name: 'first', image: 'alpine:3.20', state: 'exited' }] },
    fail: { images: [alpine] },
  },
  'writable-layer': {
    pass: { images: [alpine], containers: [{ name: 'scratchpad', image: 'alpine:3.20', changes: ['/note.txt'] }] },
    fail: { images: [alpine], containers: [{ name: 'scratchpad', image: 'alpine:3.20' }] },
  },
  'two-tags-one-repo': { pass: { images: [alpine, alpine319] }, fail: { images: [alpine] } },
  'own-repository': { pass: { images: [tagged(alpine, 'student/tools:1.0')] }, fail: { images: [tagged(alpine, 'tools:1.0')] } },
  'add-a-layer': {
    pass: { images: [alpine, onAlpine({ tags: ['layers:demo'], history: ['ADD file:x in /', 'RUN /bin/sh -c echo a > /a.txt # buildkit', 'RUN /bin/sh -c echo b > /b.txt # buildkit'], files: { '/a.txt': 'a\n', '/b.txt': 'b\n' } })] },
    fail: { images: [alpine, onAlpine({ tags: ['layers:demo'], history: ['RUN /bin/sh -c echo a > /a.txt # buildkit'], files: { '/a.txt': 'a\n' } })] },
  },
  'hide-a-file': {
    pass: { images: [alpine, onAlpine({ tags: ['layers:gone'], history: ['/bin/sh -c echo s3cr3t > /secret.txt', '/bin/sh -c rm /secret.txt'] })] },
    fail: { images: [alpine, onAlpine({ tags: ['layers:gone'], history: ['/bin/sh -c echo s3cr3t > /secret.txt'], files: { '/secret.txt': 's3cr3t\n' } })] },
  },
  'rescue-dangling': {
    pass: { images: [alpine, onAlpine({ tags: ['app:1'], files: { '/version': 'two\n' } }), onAlpine({ tags: ['rescued:1.0'], files: { '/version': 'one\n' } })] },
    fail: { images: [alpine, onAlpine({ tags: ['app:1', 'rescued:1.0'], files: { '/version': 'two\n' } }), onAlpine({ tags: [], files: { '/version': 'one\n' } })] },
  },
  'since-filter': {
    pass: { images: [alpine, onAlpine({ tags: ['stage:one'] })] },
    fail: { images: [alpine, onAlpine({ tags: ['stage:three'] })] },
  },
  'prune-dangling': {
    pass: { images: [alpine, onAlpine({ tags: ['app:1'] })] },
    fail: { images: [] },
  },
  'prune-unused': {
    pass: { images: [nginx], containers: [{ name: 'web', image: 'nginx:latest', state: 'created' }] },
    fail: { images: [nginx, alpine, busybox], containers: [{ name: 'web', image: 'nginx:latest', state: 'created' }] },
  },
  'publish-exposed': {
    pass: { images: [nginx], containers: [{ name: 'web', image: 'nginx:latest', state: 'running', ports: ['8080:80/tcp'] }] },
    fail: { images: [nginx], containers: [{ name: 'web', image: 'nginx:latest', state: 'running', ports: ['8080:8080/tcp'] }] },
  },
  'extend-path': {
    pass: { images: [alpine, onAlpine({ tags: ['pathy:1'], config: { Env: [PATH + ':/opt/bin'] } })] },
    fail: { images: [alpine, onAlpine({ tags: ['pathy:1'], config: { Env: ['PATH=/opt/bin'] } })] },
  },
  'two-names': { pass: { images: [tagged(alpine, 'mytools:1.0', 'mytools:latest')] }, fail: { images: [tagged(alpine, 'mytools:1.0')] } },
  'untag-only': { pass: { images: [{ ...alpine, tags: ['base:keep'] }] }, fail: { images: [alpine] } },
  'pull-a-tag': { pass: { images: [alpine319] }, fail: { images: [{ ...alpine, tags: ['alpine:latest'] }] } },
  'search-official': { pass: { images: [busybox] }, fail: { images: [] } },
  'build-nginx': {
    pass: {
      images: [{
        tags: ['asahicantu/nginx:1.0'], history: ['RUN /bin/sh -c apt-get update && apt-get install -y nginx # buildkit'], config: { ExposedPorts: { '80/tcp': {} } },
        files: { '/usr/share/nginx/html/index.html': '<h1>Hello from my own nginx image</h1>' },
      }],
      containers: [{ name: 'web', image: 'asahicantu/nginx:1.0', state: 'running', ports: ['800:80/tcp'] }],
    },
    fail: {
      images: [{ tags: ['asahicantu/nginx:1.0'], history: ['/bin/sh -c apt-get update && apt-get install -y nginx'], config: { ExposedPorts: { '80/tcp': {} } }, files: { '/usr/share/nginx/html/index.html': 'Hello from my own nginx image' } }],
      containers: [{ name: 'web', image: 'asahicantu/nginx:1.0', state: 'running', ports: ['80:800/tcp'] }],
    },
  },
  'build-context': {
    pass: { images: [alpine, onAlpine({ tags: ['site:1'], files: { '/srv/site/index.html': '<h1>site</h1>' } })] },
    fail: { images: [alpine] },
  },
  'commit-author': {
    pass: { images: [alpine, onAlpine({ tags: ['repo_name/server_n:1.0'], comment: 'Add motd', author: 'Ada Lovelace <ada@example.com>', files: { '/motd.txt': 'Welcome\n' } })] },
    fail: { images: [alpine, onAlpine({ tags: ['repo_name/server_n:1.0'], comment: 'Add motd', files: { '/motd.txt': 'Welcome\n' } })] },
  },
  'commit-change': {
    pass: { images: [alpine, onAlpine({ tags: ['motd:2'], config: { Cmd: ['cat', '/motd.txt'], ExposedPorts: { '8080/tcp': {} } } })] },
    fail: { images: [alpine, onAlpine({ tags: ['motd:2'], config: { Cmd: ['/bin/sh', '-c', 'echo Welcome > /motd.txt'], ExposedPorts: { '8080/tcp': {} } } })] },
  },
  'push-one': {
    pass: { images: [{ ...alpine, tags: ['alpine:3.20', 'student/hello:1.0'], digests: [...alpine.digests!, 'student/hello@sha256:' + 'c'.repeat(64)] }] },
    fail: { images: [tagged(alpine, 'student/hello:1.0')] },
  },
  'push-two-repos': {
    pass: { images: [
      { ...alpine, tags: ['alpine:3.20', 'student/web:1.0'], digests: ['student/web@sha256:' + 'd'.repeat(64)] },
      { ...busybox, tags: ['busybox:latest', 'student/db:1.0'], digests: ['student/db@sha256:' + 'e'.repeat(64)] },
    ] },
    fail: { images: [
      { ...alpine, tags: ['alpine:3.20', 'student/web:1.0'], digests: ['student/web@sha256:' + 'd'.repeat(64)] },
      { ...busybox, tags: ['busybox:latest', 'student/db:1.0'] },
    ] },
  },
  'arg-before-from': {
    pass: { images: [alpine, alpine319, onAlpine({ tags: ['argy:1'] })] },
    fail: { images: [alpine, alpine319, { tags: ['argy:1'], layers: [...alpine319.layers!, 'sha256:' + 'f'.repeat(64)] }] },
  },
  'cmd-vs-entrypoint': {
    pass: { images: [alpine, onAlpine({ tags: ['greeter:1'], config: { Entrypoint: ['echo', 'Hello,'], Cmd: ['world'] } })] },
    fail: { images: [alpine, onAlpine({ tags: ['greeter:1'], config: { Cmd: ['echo', 'Hello,', 'world'] } })] },
  },
  'env-workdir-copy': {
    pass: { images: [onAlpine({ tags: ['app:env'], config: { Env: [PATH, 'APP_ENV=production'], WorkingDir: '/app', Cmd: ['sh', 'app.sh'] }, files: { '/app/app.sh': 'echo "running in $APP_ENV"' } })] },
    fail: { images: [onAlpine({ tags: ['app:env'], config: { Env: [PATH, 'APP_ENV=production'], Cmd: ['sh', 'app.sh'] }, files: { '/app.sh': 'echo "running in $APP_ENV"' } })] },
  },
  'copy-directory': {
    pass: { images: [onAlpine({ tags: ['conf:1'], files: { '/etc/app/default.conf': 'listen 8080\n', '/etc/app/extra.conf': 'gzip on\n' } })] },
    fail: { images: [onAlpine({ tags: ['conf:1'], files: { '/etc/app/conf.d/default.conf': 'listen 8080\n', '/etc/app/conf.d/extra.conf': 'gzip on\n' } })] },
  },
  'expose-user-volume': {
    pass: { images: [onAlpine({ tags: ['svc:1'], config: { ExposedPorts: { '8080/tcp': {} }, User: 'nobody', Volumes: { '/data': {} } } })] },
    fail: { images: [onAlpine({ tags: ['svc:1'], config: { ExposedPorts: { '8080/tcp': {} }, Volumes: { '/data': {} } } })] },
  },
  'label-healthcheck': {
    pass: { images: [onAlpine({ tags: ['meta:1'], config: { Labels: { maintainer: 'asahicantu@mail.com' }, Healthcheck: { Test: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/ || exit 1'] } } })] },
    fail: { images: [onAlpine({ tags: ['meta:1'], author: 'asahicantu@mail.com' })] },
  },
  'shell-stopsignal': {
    pass: { images: [onAlpine({ tags: ['strict:1'], config: { Shell: ['/bin/sh', '-e', '-c'], StopSignal: 'SIGINT' } })] },
    fail: { images: [onAlpine({ tags: ['strict:1'], config: { Shell: ['/bin/sh', '-e', '-c'] } })] },
  },
  onbuild: {
    pass: { images: [
      onAlpine({ tags: ['base:onbuild'], layers: alpine.layers, config: { OnBuild: ['COPY . /app'] } }),
      onAlpine({ tags: ['child:1'], files: { '/app/hello.txt': 'hello from the child build\n' } }),
    ] },
    fail: { images: [onAlpine({ tags: ['base:onbuild'], layers: alpine.layers }), onAlpine({ tags: ['child:1'] })] },
  },
  'ignore-docs': {
    pass: { images: [onAlpine({ tags: ['lean:1'], files: { '/app/app.sh': 'echo app', '/app/Dockerfile': 'FROM alpine:3.20' } })] },
    fail: { images: [onAlpine({ tags: ['lean:1'], files: { '/app/app.sh': 'echo app', '/app/docker-compose.yml': 'services: {}' } })] },
  },
  'ignore-exception': {
    pass: { images: [onAlpine({ tags: ['docs:1'], files: { '/app/KEEP.md': 'keep me' } })] },
    fail: { images: [onAlpine({ tags: ['docs:1'], files: { '/app/Dockerfile': 'FROM alpine:3.20' } })] },
  },
  'escape-backtick': {
    pass: { images: [onAlpine({ tags: ['esc:1'], files: { '/greeting.txt': 'hello world\n' } })] },
    fail: { images: [alpine] },
  },
  'literal-backslashes': {
    pass: { images: [onAlpine({ tags: ['winpath:1'], config: { Env: [PATH, 'WIN_PATH=C:\\tools\\bin'] } })] },
    fail: { images: [onAlpine({ tags: ['winpath:1'], config: { Env: [PATH, 'WIN_PATH=C:toolsbin'] } })] },
  },
};

describe('exercise definitions', () => {
  it('has at least 30 exercises with unique ids', () => {
    expect(exerciseList.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(exercises).length).toBe(exerciseList.length);
  });
  for (const ex of exerciseList) {
    it(`${ex.id} is well-formed`, () => {
      expect(ex.task.length).toBeGreaterThan(20);
      expect(ex.hints.length).toBeGreaterThanOrEqual(1);
      expect(ex.solution.commands.length).toBeGreaterThanOrEqual(1);
      const ids = ex.checks.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(ex.wrong.fails);
      for (const c of ex.checks) expect(CHECK_KINDS).toContain(c.spec.kind);
      // JSON-serialisable (assignment links carry start states and checks)
      expect(JSON.parse(JSON.stringify(ex))).toEqual(ex);
    });
  }
  it('has a pass/fail case for every exercise', () => {
    expect(Object.keys(cases).sort()).toEqual(exerciseList.map((e) => e.id).sort());
  });
});

describe('checks against a fake engine', () => {
  for (const ex of exerciseList) {
    const c = cases[ex.id];
    if (!c) continue;
    it(`${ex.id}: every check passes in a solved state`, async () => {
      const results = await runChecks(fakeEngine(c.pass), ex);
      for (const r of results) expect(r, `${r.id}: ${r.detail}`).toMatchObject({ pass: true });
    });
    it(`${ex.id}: the wrong answer fails "${ex.wrong.fails}" with a plain explanation`, async () => {
      const results = await runChecks(fakeEngine(c.fail), ex);
      const failed = results.find((r) => r.id === ex.wrong.fails)!;
      expect(failed.pass, failed.detail).toBe(false);
      expect(failed.detail).not.toMatch(/^wrong$|could not be checked/);
      expect(failed.detail.length).toBeGreaterThan(15);
    });
  }
});
