import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import type { JSONMessage } from '../../api/types';
import { PlainPrinter } from '../../progress/plain';
import { renderFailure } from '../../progress/failure';
import { renderLegacyPlain } from '../../progress/legacy';
import { digestOf, utf8, utf8Decode } from '../digest';
import { getImage, imageHistory } from '../images';
import { UnionFs } from '../fs/union';
import { dir as dirEntry, file as fileEntry, type Entry } from '../fs/entry';
import { layerTar } from '../tar';
import { buildkitBuild, legacyBuild } from './build';
import { testState } from './testing';
import type { BuildRequest, BuilderHost } from './types';

type Files = Record<string, string | Uint8Array>;
const ctx = (files: Files) => ({ files: new Map(Object.entries(files).map(([k, v]) => [k, { data: typeof v === 'string' ? utf8(v) : v, mode: 0o644 }])) });

async function bk(host: BuilderHost, req: BuildRequest) {
  let out = '';
  const p = new PlainPrinter((s) => (out += s), { desc: 'building with "default" instance using docker driver', rateLimitMs: 100 });
  const r = await buildkitBuild(host, req, (e) => p.update(e));
  p.done();
  if (r.failure) out += renderFailure(r.failure);
  return { out, r };
}
const fsOf = (host: BuilderHost, ref: string) => new UnionFs(host.state.layers.view(getImage(host.state, ref).topChain));
const read = (fs: UnionFs, p: string) => utf8Decode(fs.readBytes(p));
/** Paths under a directory, recursively, sorted. */
function tree(fs: UnionFs, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.children(d)) {
      const p = d === '/' ? '/' + n : d + '/' + n;
      out.push(p + (fs.get(p)?.type === 'dir' ? '/' : ''));
      if (fs.get(p)?.type === 'dir') walk(p);
    }
  };
  walk(dir);
  return out.sort();
}
const lastCreatedBy = (host: BuilderHost, ref: string) => imageHistory(host.state, ref)[0].CreatedBy;

describe('COPY --exclude', () => {
  const files = { 'a.txt': 'a', 'b.md': 'b', 'src/x.go': 'x', 'src/y.txt': 'y', 'home.txt': 'h', 'home.md': 'm', 'homework.go': 'w', 'homedir/notes.txt': 'n', 'homedir/main.go': 'g' };

  it('patterns are relative to the source directory, like .dockerignore patterns; history omits the flag', async () => {
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --exclude=*.txt --exclude=homedir src/ . /app/\n', ...files }), tags: ['ex'] });
    expect(r.r.exitCode).toBe(0);
    expect(r.out).toMatch(/\n#(\d+) \[2\/2\] COPY --exclude=\*\.txt --exclude=homedir src\/ \. \/app\/\n#\1 DONE 0\.0s\n/);
    expect(tree(fsOf(host, 'ex'), '/app')).toEqual(['/app/Dockerfile', '/app/b.md', '/app/home.md', '/app/homework.go', '/app/src/', '/app/src/x.go', '/app/src/y.txt', '/app/x.go']);
    expect(lastCreatedBy(host, 'ex')).toBe('COPY src/ . /app/ # buildkit');
  });

  it('the documentation example: COPY --exclude=*.txt --exclude=*.md hom* /mydir/', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --exclude=*.txt --exclude=*.md hom* /mydir/\n', ...files }), tags: ['doc'] });
    expect(tree(fsOf(host, 'doc'), '/mydir')).toEqual(['/mydir/homework.go', '/mydir/main.go']);
  });
});

describe('COPY --parents', () => {
  const files = { 'x/a.txt': 'xa', 'y/a.txt': 'ya', 'src/app/main.go': 'main', 'src/app/util/u.go': 'u' };

  it('keeps the source directories under the destination; history shows --parents', async () => {
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --parents ./x/a.txt ./y/a.txt /parents/\n', ...files }), tags: ['p1'] });
    expect(r.r.exitCode).toBe(0);
    const fs = fsOf(host, 'p1');
    expect(tree(fs, '/parents')).toEqual(['/parents/x/', '/parents/x/a.txt', '/parents/y/', '/parents/y/a.txt']);
    expect(read(fs, '/parents/y/a.txt')).toBe('ya');
    expect(lastCreatedBy(host, 'p1')).toBe('COPY --parents ./x/a.txt ./y/a.txt /parents/ # buildkit');
  });

  it('a /./ pivot drops what comes before it; wildcards match', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --parents src/./app/main.go */a.txt /dest/\n', ...files }), tags: ['p2'] });
    expect(tree(fsOf(host, 'p2'), '/dest')).toEqual(['/dest/app/', '/dest/app/main.go', '/dest/x/', '/dest/x/a.txt', '/dest/y/', '/dest/y/a.txt']);
  });
});

describe('COPY --link', () => {
  it('the layer is built on an empty file system: the same files give the same layer on any base', async () => {
    const host = { state: testState() };
    const files = { 'conf.txt': 'hello' };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --link conf.txt /etc/app/\n', ...files }), tags: ['l1'] });
    await bk(host, { context: ctx({ Dockerfile: 'FROM busybox:1.36\nCOPY --link conf.txt /etc/app/\n', ...files }), tags: ['l2'] });
    const top = (ref: string) => getImage(host.state, ref).config.rootfs.diff_ids.at(-1);
    expect(top('l1')).toBe(top('l2'));
    expect(read(fsOf(host, 'l1'), '/etc/app/conf.txt')).toBe('hello');
    expect(lastCreatedBy(host, 'l1')).toBe('COPY conf.txt /etc/app/ # buildkit');
    // without --link the layer records the base's /etc as the parent directory
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY conf.txt /etc/app/\n', ...files }), tags: ['n1'] });
    await bk(host, { context: ctx({ Dockerfile: 'FROM busybox:1.36\nCOPY conf.txt /etc/app/\n', ...files }), tags: ['n2'] });
    expect(getImage(host.state, 'n1').config.rootfs.diff_ids.at(-1)).not.toBe(getImage(host.state, 'n2').config.rootfs.diff_ids.at(-1));
  });
});

describe('ADD archives', () => {
  const tar = layerTar({ entries: new Map<string, Entry>([['/hello', dirEntry(0o755, 0, 0, 0)], ['/hello/world.txt', fileEntry('hi from the archive\n', 0o644, 0, 0, 0)]]) });

  it('extracts .tar.gz (and plain .tar) from the context', async () => {
    const host = { state: testState() };
    const r = await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD app.tar.gz /opt/\nADD app.tar /srv/\n', 'app.tar.gz': gzipSync(tar), 'app.tar': tar }), tags: ['tgz'] });
    expect(r.r.exitCode).toBe(0);
    const fs = fsOf(host, 'tgz');
    expect(read(fs, '/opt/hello/world.txt')).toBe('hi from the archive\n');
    expect(read(fs, '/srv/hello/world.txt')).toBe('hi from the archive\n');
    expect(fs.get('/opt/app.tar.gz')).toBeUndefined();
  });

  it('a gzip file that is not a tar is copied as is; COPY never extracts', async () => {
    const host = { state: testState() };
    const gz = gzipSync(utf8('just text\n'));
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD notes.gz /a/\nCOPY app.tar.gz /b/\n', 'notes.gz': gz, 'app.tar.gz': gzipSync(tar) }), tags: ['gz'] });
    const fs = fsOf(host, 'gz');
    expect(fs.get('/a/notes.gz')?.type).toBe('file');
    expect(fs.get('/b/app.tar.gz')?.type).toBe('file');
  });

  it('bzip2 and xz archives: a clear error', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD app.tar.bz2 /opt/\n', 'app.tar.bz2': utf8('BZh91AY&SY') }) });
    expect(r.r.failure?.message).toBe('failed to solve: ADD app.tar.bz2: extracting bzip2 archives is not supported in the playground; use a .tar or .tar.gz archive, or COPY the file and unpack it in a RUN step');
  });
});

describe('ADD --checksum', () => {
  const url = 'https://example.com/tool.tar.gz';
  const good = digestOf(`simulated download of ${url}\n`);

  it('accepts the matching digest, fails on a mismatch with the digests BuildKit shows', async () => {
    const host = { state: testState() };
    let r = await bk(host, { context: ctx({ Dockerfile: `FROM alpine:3.20\nADD --checksum=${good} ${url} /tmp/\n` }), tags: ['ck'] });
    expect(r.r.exitCode).toBe(0);
    expect(fsOf(host, 'ck').get('/tmp/tool.tar.gz')?.mode).toBe(0o600);
    const wrong = 'sha256:' + '0'.repeat(64);
    r = await bk(host, { context: ctx({ Dockerfile: `FROM alpine:3.20\nADD --checksum=${wrong} ${url} /tmp/\n` }) });
    expect(r.out).toMatch(new RegExp(`\n#\\d+ ERROR: digest mismatch ${good}: ${wrong}\n`));
    expect(r.r.failure?.message).toBe(`failed to solve: digest mismatch ${good}: ${wrong}`);
  });

  it('errors of the flag itself', async () => {
    const msg = async (df: string) => (await bk({ state: testState() }, { context: ctx({ Dockerfile: df, 'a.txt': 'a' }) })).r.failure?.message;
    expect(await msg('FROM alpine:3.20\nADD --checksum=sha256:abc a.txt /x\n')).toBe('failed to solve: checksum requires HTTP(S) or Git sources');
    expect(await msg(`FROM alpine:3.20\nADD --checksum=md5:abc ${url} /x\n`)).toBe('failed to solve: unsupported digest algorithm');
    expect(await msg(`FROM alpine:3.20\nADD --checksum=abc ${url} /x\n`)).toBe('failed to solve: invalid checksum digest format');
    expect(await msg(`FROM alpine:3.20\nADD --checksum=sha256:abc ${url} /x\n`)).toBe('failed to solve: invalid checksum digest length');
    expect(await msg(`FROM alpine:3.20\nADD --checksum=${good} ${url} a.txt /x/\n`)).toBe("failed to solve: checksum can't be specified for multiple sources");
    expect(await msg(`FROM alpine:3.20\nCOPY ${url} /x\n`)).toBe("failed to solve: source can't be a URL for COPY");
  });
});

describe('ADD git repositories', () => {
  it('a simulated repository is cloned into the destination (without .git unless --keep-git-dir)', async () => {
    const host = { state: testState() };
    await bk(host, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD https://github.com/docker/getting-started-app.git /app\nADD --keep-git-dir https://github.com/docker/getting-started-app.git#main:src /src\n' }), tags: ['git'] });
    const fs = fsOf(host, 'git');
    expect(tree(fs, '/app')).toEqual(['/app/README.md', '/app/package.json', '/app/src/', '/app/src/index.js']);
    expect(tree(fs, '/src')).toEqual(['/src/.git/', '/src/.git/HEAD', '/src/index.js']);
  });

  it('an unknown repository fails like an unreachable private one', async () => {
    const r = await bk({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nADD https://github.com/someone/private.git /app\n' }) });
    expect(r.r.failure?.message).toBe(
      "failed to solve: failed to load cache key: failed to fetch remote https://github.com/someone/private.git: git stderr:\nfatal: could not read Username for 'https://github.com': terminal prompts disabled\n: exit status 128",
    );
  });
});

describe('legacy builder', () => {
  it('--chmod needs BuildKit', async () => {
    const msgs: JSONMessage[] = [];
    await legacyBuild({ state: testState() }, { context: ctx({ Dockerfile: 'FROM alpine:3.20\nCOPY --chmod=755 a.txt /a\n', 'a.txt': 'a' }) }, (m) => msgs.push(m));
    expect(renderLegacyPlain(msgs).error?.error).toBe('the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled');
  });
});
