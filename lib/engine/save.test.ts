import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JSONMessage } from '../api/types';
import { createConsole, MemoryWorkspace } from '../console';
import type { ConsoleIO } from '../console/types';
import { ManualClock } from './clock';
import { digestOf, sha256Hex, utf8, utf8Decode } from './digest';
import { file, lazy } from './fs/entry';
import { createEngine, type Engine } from './index';
import { layerContentFromTar } from './load';
import { savedLayerItems } from './save';
import { readTar, tarChunks, concatChunks, type LayerChange } from './tar';
import { createBuildKitFrontend, engineBuild, shellRun, type BuilderHost } from './builder';

const T0 = Date.UTC(2026, 0, 1);
function engine(): Engine { return createEngine({ clock: new ManualClock(T0, 1000), seed: 'save-test' }); }
async function drain(it: AsyncIterable<JSONMessage>): Promise<JSONMessage[]> { const out: JSONMessage[] = []; for await (const m of it) out.push(m); return out; }
async function pull(e: Engine, name: string, tag = 'latest'): Promise<void> { await drain(e.imagePull({ fromImage: name, tag })); }
const files = (tar: Uint8Array) => new Map(readTar(tar).map((r) => [r.name, r]));
const json = (tar: Uint8Array, name: string): unknown => JSON.parse(utf8Decode(files(tar).get(name)!.data));
const hasTar = (() => { try { execFileSync('tar', ['--version']); return true; } catch { return false; } })();

describe('docker save', () => {
  it('writes the OCI layout + legacy files in lexical order, blobs named by their digest', async () => {
    const e = engine();
    await pull(e, 'alpine');
    const tar = await e.imageSave(['alpine']);
    const names = readTar(tar).map((r) => r.name);
    const blobs = names.filter((n) => /^blobs\/sha256\/[0-9a-f]{64}$/.test(n));
    expect(names).toEqual(['blobs/', 'blobs/sha256/', ...blobs, 'index.json', 'manifest.json', 'oci-layout', 'repositories']);
    expect([...blobs].sort()).toEqual(blobs);
    // layer, legacy v1 json, config, OCI manifest
    expect(blobs.length).toBe(4);
    const f = files(tar);
    for (const b of blobs) expect('sha256:' + sha256Hex(f.get(b)!.data)).toBe('sha256:' + b.slice(13));
    const img = await e.imageInspect('alpine');
    const manifest = json(tar, 'manifest.json') as { Config: string; RepoTags: string[]; Layers: string[]; LayerSources: Record<string, { mediaType: string; digest: string; size: number }> }[];
    expect(manifest).toHaveLength(1);
    expect(Object.keys(manifest[0])).toEqual(['Config', 'RepoTags', 'Layers', 'LayerSources']);
    expect(manifest[0].Config).toBe('blobs/sha256/' + img.Id.slice(7));
    expect(manifest[0].RepoTags).toEqual(['alpine:latest']);
    const diffId = img.RootFS.Layers![0];
    const src = manifest[0].LayerSources[diffId];
    expect(Object.keys(src)).toEqual(['mediaType', 'digest', 'size']);
    expect(src.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    expect(manifest[0].Layers).toEqual(['blobs/sha256/' + src.digest.slice(7)]);
    expect(utf8Decode(f.get('manifest.json')!.data).endsWith('}]\n')).toBe(true);
    // the config blob is the exact config (its digest is the image ID)
    expect(digestOf(f.get(manifest[0].Config)!.data)).toBe(img.Id);
    const index = json(tar, 'index.json') as { schemaVersion: number; mediaType: string; manifests: { mediaType: string; digest: string; size: number; annotations: Record<string, string> }[] };
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0].annotations).toEqual({ 'io.containerd.image.name': 'docker.io/library/alpine:latest', 'org.opencontainers.image.ref.name': 'latest' });
    const m = JSON.parse(utf8Decode(f.get('blobs/sha256/' + index.manifests[0].digest.slice(7))!.data));
    expect(m).toEqual({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: img.Id, size: f.get(manifest[0].Config)!.data.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: src.digest, size: src.size }],
    });
    expect(utf8Decode(f.get('oci-layout')!.data)).toBe('{"imageLayoutVersion": "1.0.0"}');
    expect(utf8Decode(f.get('repositories')!.data)).toBe(`{"alpine":{"latest":"${diffId.slice(7)}"}}\n`);
    // legacy v1 layer json
    const v1 = blobs.map((b) => utf8Decode(f.get(b)!.data)).find((s) => s.startsWith('{"id":'))!;
    expect(v1).toMatch(/^\{"id":"[0-9a-f]{64}","created":"[^"]+","container_config":\{"Hostname":"","Domainname":"","User":"",/);
    expect(v1).toContain('"os":"linux"}');
    // modes and owners as moby's archive.Tar writes them
    for (const r of readTar(tar)) {
      expect([r.uid, r.gid]).toEqual([0, 0]);
      expect(r.mode).toBe(r.typeflag === '5' ? 0o755 : 0o644);
    }
  });

  it('name resolution: repo name saves every tag, untagged IDs, errors in moby words', async () => {
    const e = engine();
    await pull(e, 'alpine');
    await e.imageTag('alpine', 'mine', 'v1');
    const two = json(await e.imageSave(['alpine', 'mine:v1']), 'manifest.json') as { RepoTags: string[] | null }[];
    expect(two.map((m) => m.RepoTags)).toEqual([['alpine:latest', 'mine:v1']]);
    const img = await e.imageInspect('alpine');
    const byId = await e.imageSave([img.Id.slice(7, 19)]);
    expect((json(byId, 'manifest.json') as { RepoTags: unknown }[])[0].RepoTags).toBeNull();
    expect(files(byId).has('repositories')).toBe(false);
    expect((json(byId, 'index.json') as { manifests: object[] }).manifests[0]).not.toHaveProperty('annotations');
    await expect(e.imageSave(['nosuch'])).rejects.toThrow('No such image: nosuch');
    await expect(e.imageSave(['alpine:nosuch'])).rejects.toThrow('reference does not exist');
  });

  it.skipIf(!hasTar)('GNU tar reads the archive and expands the sparse layer files to their real size', async () => {
    const e = engine();
    await pull(e, 'nginx');
    const tar = await e.imageSave(['nginx']);
    const dir = mkdtempSync(join(tmpdir(), 'save-'));
    writeFileSync(join(dir, 'nginx.tar'), tar);
    const list = execFileSync('tar', ['-tvf', join(dir, 'nginx.tar')]).toString();
    expect(list).toMatch(/^drwxr-xr-x 0\/0 +0 \S+ \S+ blobs\/\n/);
    expect(list).toMatch(/-rw-r--r-- 0\/0 +\d+ 1970-01-01 00:00 manifest\.json\n/);
    execFileSync('tar', ['-xf', join(dir, 'nginx.tar'), '-C', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
    let total = 0;
    for (const l of manifest[0].Layers) {
      const out = execFileSync('tar', ['-tvf', join(dir, l)]).toString();
      for (const line of out.split('\n').filter(Boolean)) total += Number(line.split(/\s+/)[2]);
    }
    const size = (await e.imageInspect('nginx')).Size;
    // the layer tars hold every file at its real size (symlink targets are counted in Size, not in tar -tv)
    expect(total).toBeGreaterThan(size * 0.95);
    expect(total).toBeLessThanOrEqual(size);
    expect(tar.length).toBeLessThan(size / 10);
  });

  it('sparse entries round-trip to lazy contents', () => {
    const entries = new Map<string, LayerChange>([['/big', file(lazy(1 << 20, '\x7fELF'))], ['/small', file('hi')], ['/hole', file(lazy(8192))]]);
    const tar = concatChunks(tarChunks(savedLayerItems({ entries })));
    expect(tar.length).toBeLessThan(8192);
    const back = layerContentFromTar(tar).entries;
    expect(back.get('/big')).toMatchObject({ type: 'file', data: { lazy: true, size: 1 << 20 } });
    const big = back.get('/big') as { data: { head: Uint8Array } };
    expect(utf8Decode(big.data.head)).toBe('\x7fELF');
    expect(back.get('/hole')).toMatchObject({ data: { lazy: true, size: 8192 } });
    expect(utf8Decode((back.get('/small') as { data: Uint8Array }).data)).toBe('hi');
  });
});

describe('docker load', () => {
  it('save -> rmi -> load restores identical IDs, tags, history and inspect', async () => {
    const e = engine();
    await pull(e, 'nginx');
    await pull(e, 'alpine');
    const before = { nginx: await e.imageInspect('nginx'), alpine: await e.imageInspect('alpine'), hist: await e.imageHistory('nginx') };
    const tar = await e.imageSave(['nginx', 'alpine']);
    await e.imageRemove('nginx', {});
    await e.imageRemove('alpine', {});
    expect(e.state.images.count).toBe(0);
    const msgs = await drain(e.imageLoad(tar, true));
    expect(msgs).toEqual([{ stream: 'Loaded image: nginx:latest\n' }, { stream: 'Loaded image: alpine:latest\n' }]);
    const after = { nginx: await e.imageInspect('nginx'), alpine: await e.imageInspect('alpine'), hist: await e.imageHistory('nginx') };
    // RepoDigests are not in a saved archive (moby's load does not restore them either)
    expect({ ...after.nginx, RepoDigests: [] }).toEqual({ ...before.nginx, RepoDigests: [] });
    expect(after.alpine.Id).toBe(before.alpine.Id);
    expect(after.hist).toEqual(before.hist);
    // catalog layers come back as catalog layers (compact state)
    expect(e.state.layers.get(after.alpine.RootFS.Layers![0])!.source.kind).toBe('catalog');
    // a loaded image still runs: its files are there
    expect(await e.rootfs('nginx').readFile('/etc/os-release')).toContain('Debian');
  });

  it('non-quiet load shows Loading layer progress; present layers are shared and not re-read', async () => {
    const e = engine();
    await pull(e, 'alpine');
    const tar = await e.imageSave(['alpine']);
    await e.imageRemove('alpine', {});
    const msgs = await drain(e.imageLoad(tar, false));
    const id = (await e.imageInspect('alpine')).RootFS.Layers![0].slice(7, 19);
    expect(msgs[msgs.length - 1]).toEqual({ stream: 'Loaded image: alpine:latest\n' });
    const last = msgs[msgs.length - 2];
    expect(last.status).toBe('Loading layer');
    expect(last.id).toBe(id);
    expect(last.progressDetail!.current).toBe(last.progressDetail!.total);
    expect(last.progress).toMatch(/^\[=+>\] +\d/);
    // load again: every layer present, image present -> only the message
    expect(await drain(e.imageLoad(tar, false))).toEqual([{ stream: 'Loaded image: alpine:latest\n' }]);
  });

  it('untagged images: Loaded image ID; a moved tag is reported', async () => {
    const e = engine();
    await pull(e, 'alpine');
    const img = await e.imageInspect('alpine');
    const tar = await e.imageSave([img.Id]);
    expect(await drain(e.imageLoad(tar, true))).toEqual([{ stream: `Loaded image ID: ${img.Id}\n` }]);
    await pull(e, 'busybox');
    const bb = await e.imageSave(['busybox']);
    await e.imageTag('alpine', 'busybox', 'latest');
    expect(await drain(e.imageLoad(bb, true))).toEqual([
      { stream: `The image busybox:latest already exists, renaming the old one with ID ${img.Id} to empty string\n` },
      { stream: 'Loaded image: busybox:latest\n' },
    ]);
  });

  it('garbage input gives moby errors in the stream', async () => {
    const e = engine();
    const err = async (b: Uint8Array) => (await drain(e.imageLoad(b, true))).map((m) => m.error);
    expect(await err(utf8('hello\n'))).toEqual(['unexpected EOF']);
    expect(await err(new Uint8Array(1024).fill(65))).toEqual(['archive/tar: invalid tar header']);
    const [msg] = await err(new Uint8Array(0));
    expect(msg).toMatch(/^open \/var\/lib\/docker\/tmp\/docker-import-\d+\/manifest\.json: no such file or directory$/);
  });

  it('a built image (inline layers, lazy files) round-trips, and a loaded image works as a build base', async () => {
    const e = engine();
    const host: BuilderHost = { state: e.state, run: shellRun };
    const ctx = { files: new Map([['Dockerfile', { data: utf8('FROM alpine\nRUN echo hi > /hello.txt\nCMD ["cat", "/hello.txt"]\n'), mode: 0o644 }]]) };
    await drain(engineBuild(host, ctx as never, { tags: ['app:1'] }));
    const before = await e.imageInspect('app:1');
    const tar = await e.imageSave(['app:1']);
    await e.imageRemove('app:1', {});
    await e.imageRemove('alpine', {}).catch(() => []);
    await drain(e.imageLoad(tar, true));
    expect((await e.imageInspect('app:1')).Id).toBe(before.Id);
    const ctx2 = { files: new Map([['Dockerfile', { data: utf8('FROM app:1\nRUN cat /hello.txt > /copy.txt\n'), mode: 0o644 }]]) };
    const out = await drain(engineBuild(host, ctx2 as never, { tags: ['app:2'] }));
    expect(out.some((m) => m.error), JSON.stringify(out)).toBe(false);
    expect(utf8Decode(await e.rootfs('app:2').readFileBuffer('/copy.txt'))).toBe('hi\n');
  });
  it('inline layers with generated (lazy) files: sparse blobs, DiffID checked on the expanded content', async () => {
    const e = engine();
    await pull(e, 'alpine');
    const base = e.state.images.get((await e.imageInspect('alpine')).Id)!;
    const entries = new Map<string, LayerChange>([['/opt', { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0 }], ['/opt/jdk.so', file(lazy(50_000_000, '\x7fELF'))]]);
    const layer = e.state.layers.register(base.topChain, { entries });
    const cfg = { ...base.config, rootfs: { type: 'layers' as const, diff_ids: [...base.config.rootfs.diff_ids, layer.diffId] }, history: [...base.config.history!, { created: '2026-01-01T00:00:00Z', created_by: 'RUN install-jdk' }] };
    const img = e.state.images.create(cfg);
    e.state.refs.add({ domain: 'docker.io', path: 'library/jdk', tag: 'latest' }, img.id);
    const tar = await e.imageSave(['jdk']);
    expect(tar.length).toBeLessThan(1_000_000);
    const m = json(tar, 'manifest.json') as { Layers: string[]; LayerSources: Record<string, { digest: string }> }[];
    // the blob is the sparse tar: named by its own digest, not by the DiffID
    expect(m[0].LayerSources[layer.diffId].digest).not.toBe(layer.diffId);
    await e.imageRemove('jdk', {});
    await e.imageRemove('alpine', {});
    expect(await drain(e.imageLoad(tar, true))).toEqual([{ stream: 'Loaded image: jdk:latest\n' }]);
    expect((await e.imageInspect('jdk')).Id).toBe(img.id);
    expect((await e.rootfs('jdk').stat('/opt/jdk.so')).size).toBe(50_000_000);
    // a blob that does not match its DiffID fails in moby's words, and leaves no layer behind
    const blob = concatChunks(tarChunks([{ header: { name: 'x', typeflag: '0', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0 }, data: utf8('x') }]));
    const wrong = digestOf('wrong');
    const config = utf8(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [wrong] } }));
    const archive = concatChunks(tarChunks([
      { header: { name: 'blobs/sha256/l', typeflag: '0', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0 }, data: blob },
      { header: { name: 'blobs/sha256/c', typeflag: '0', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0 }, data: config },
      { header: { name: 'manifest.json', typeflag: '0', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0 }, data: utf8('[{"Config":"blobs/sha256/c","RepoTags":null,"Layers":["blobs/sha256/l"]}]') },
    ]));
    const layersBefore = e.state.layers.count;
    const res = await drain(e.imageLoad(archive, true));
    expect(res).toEqual([{ errorDetail: { message: `invalid diffID for layer 0: expected "${wrong}", got "sha256:${sha256Hex(blob)}"` }, error: `invalid diffID for layer 0: expected "${wrong}", got "sha256:${sha256Hex(blob)}"` }]);
    expect(e.state.layers.count).toBe(layersBefore);
  });
});

describe('docker import', () => {
  it('makes a single-layer image with moby history and config changes', async () => {
    const e = engine();
    const layer = concatChunks(tarChunks([
      { header: { name: 'bin/', typeflag: '5', mode: 0o755, uid: 0, gid: 0, size: 0, mtime: 0 } },
      { header: { name: 'bin/app', typeflag: '0', mode: 0o755, uid: 0, gid: 0, size: 0, mtime: 0 }, data: utf8('#!/bin/sh\necho hi\n') },
    ]));
    const msgs = await drain(e.imageImport(layer, { fromSrc: '-', repo: 'docker.io/library/imported', tag: 'v1', changes: ['CMD ["/bin/app"]', 'ENV A=1'] }));
    expect(msgs).toHaveLength(1);
    const id = msgs[0].status!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const img = await e.imageInspect('imported:v1');
    expect(img.Id).toBe(id);
    expect(img.Comment).toBe('Imported from -');
    expect(img.Config.Cmd).toEqual(['/bin/app']);
    expect(img.Config.Env).toEqual(['A=1']);
    expect(img.RootFS.Layers).toHaveLength(1);
    expect(img.Size).toBe(18);
    const hist = await e.imageHistory('imported:v1');
    expect(hist).toHaveLength(1);
    expect(hist[0]).toMatchObject({ Id: id, CreatedBy: '', Comment: 'Imported from -', Size: 18, Tags: ['imported:v1'] });
    const raw = e.state.images.get(id)!.raw;
    expect(raw).toMatch(/^\{"architecture":"amd64","comment":"Imported from -","config":\{"Hostname":"","Domainname":"","User":"","AttachStdin":false,/);
    expect(raw).toContain(`"history":[{"created":"${img.Created}","comment":"Imported from -"}]`);
    // --message, bad change
    const m2 = await drain(e.imageImport(layer, { fromSrc: '-', message: 'my msg' }));
    expect((await e.imageInspect(m2[0].status!)).Comment).toBe('my msg');
    await expect(drain(e.imageImport(layer, { fromSrc: '-', changes: ['RUN x'] }))).rejects.toThrow('RUN is not a valid change command');
    // an imported image saves and loads back with the same ID
    const tar = await e.imageSave(['imported:v1']);
    await e.imageRemove('imported:v1', {});
    await drain(e.imageLoad(tar, true));
    expect((await e.imageInspect('imported:v1')).Id).toBe(id);
  });
});

describe('through the console', () => {
  function io(): ConsoleIO & { out: string; err: string } {
    const o = { out: '', err: '', stdout(s: string) { o.out += s; }, stderr(s: string) { o.err += s; }, readLine: async () => null, isTTY: false, columns: 80 };
    return o;
  }
  it('docker save -o, docker load -i, docker image import', async () => {
    const clock = new ManualClock(T0, 1000);
    const e = createEngine({ clock, seed: 'console' });
    const host: BuilderHost = { state: e.state, run: shellRun };
    const client = Object.assign(Object.create(e) as Engine, { build: (c: never, o: never) => engineBuild(host, c, o) });
    const ws = new MemoryWorkspace(() => clock.now());
    const con = createConsole({ client: client as never, workspace: ws, now: () => clock.now(), buildkit: createBuildKitFrontend(host) });
    const run = async (line: string) => { const o = io(); const code = await con.run(line, o); return { code, ...o }; };
    expect((await run('docker pull nginx')).code).toBe(0);
    const id = (await e.imageInspect('nginx')).Id;
    const s = await run('docker save -o nginx.tar nginx');
    expect(s).toMatchObject({ code: 0, out: '', err: '' });
    expect(ws.read('nginx.tar')!.data.length).toBeGreaterThan(1024);
    expect((await run('docker rmi nginx')).code).toBe(0);
    const l = await run('docker load -i nginx.tar');
    expect(l).toMatchObject({ code: 0, err: '' });
    expect(l.out).toContain('Loaded image: nginx:latest\n');
    expect((await e.imageInspect('nginx')).Id).toBe(id);
    const q = await run('docker load -q -i nginx.tar');
    expect(q.out).toBe('Loaded image: nginx:latest\n');
    ws.write('notes.txt', 'not a tar\n');
    const bad = await run('docker load -i notes.txt');
    expect(bad).toMatchObject({ code: 1, out: '', err: 'unexpected EOF\n' });
    // import a layer tar taken out of the saved archive
    const manifest = JSON.parse(utf8Decode(readTar(ws.read('nginx.tar')!.data).find((r) => r.name === 'manifest.json')!.data)) as { Layers: string[] }[];
    const layer = readTar(ws.read('nginx.tar')!.data).find((r) => r.name === manifest[0].Layers[0])!.data;
    ws.write('rootfs.tar', layer);
    const imp = await run('docker image import --change "CMD [\\"/bin/bash\\"]" -m base rootfs.tar mybase:1');
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const h = await run('docker history mybase:1');
    expect(h.out.split('\n')[1]).toMatch(/^[0-9a-f]{12} +\d+ seconds? ago +\d+(\.\d+)?MB +base$/);
  });
});
