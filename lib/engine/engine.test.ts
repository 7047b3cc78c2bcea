import { describe, expect, it } from 'vitest';
import { createEngine, Engine } from './index';
import { ManualClock } from './clock';
import type { JSONMessage } from '../api/types';
import { progressString, humanSize } from './units';

const collect = async (it: AsyncIterable<JSONMessage>) => { const out: JSONMessage[] = []; for await (const m of it) out.push(m); return out; };
const mk = () => createEngine({ clock: new ManualClock(Date.UTC(2025, 5, 1)), seed: 't' });

describe('engine', () => {
  it('pulls with moby messages, then is up to date, sharing layers', async () => {
    const e = mk();
    const msgs = await collect(e.imagePull({ fromImage: 'docker.io/library/debian', tag: 'bookworm-slim' }));
    expect(msgs[0]).toEqual({ status: 'Pulling from library/debian', id: 'bookworm-slim' });
    expect(msgs[1]).toMatchObject({ status: 'Pulling fs layer', progressDetail: {} });
    expect(msgs.map((m) => m.status)).toContain('Verifying Checksum');
    expect(msgs.at(-2)!.status).toMatch(/^Digest: sha256:[0-9a-f]{64}$/);
    expect(msgs.at(-1)).toEqual({ status: 'Status: Downloaded newer image for debian:bookworm-slim' });
    const again = await collect(e.imagePull({ fromImage: 'debian', tag: 'bookworm-slim' }));
    expect(again.map((m) => m.status)).toEqual(['Pulling from library/debian', again[1].status, 'Status: Image is up to date for debian:bookworm-slim']);
    const ng = await collect(e.imagePull({ fromImage: 'nginx', tag: 'latest' }));
    expect(ng.filter((m) => m.status === 'Already exists').length).toBe(1);
    expect(ng.filter((m) => m.status === 'Pull complete').length).toBe(6);
    expect(ng.filter((m) => m.status === 'Waiting').length).toBe(3);
    const list = await e.imageList({});
    expect(list.map((s) => s.RepoTags).sort()).toEqual([['debian:bookworm-slim'], ['nginx:latest']]);
    expect(list.find((s) => s.RepoTags[0] === 'nginx:latest')!.RepoDigests[0]).toMatch(/^nginx@sha256:/);
    const rm = await e.imageRemove('nginx');
    expect(rm[0]).toEqual({ Untagged: 'nginx:latest' });
    expect(rm[1].Untagged).toMatch(/^nginx@sha256:/);
    expect(rm.filter((r) => r.Deleted).length).toBe(1 + 6);
  });
  it('fails pulls like the daemon', async () => {
    const e = mk();
    await expect(collect(e.imagePull({ fromImage: 'nosuchthing' }))).rejects.toThrow("pull access denied for nosuchthing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    await expect(collect(e.imagePull({ fromImage: 'nginx', tag: 'nosuch' }))).rejects.toThrow('manifest for nginx:nosuch not found: manifest unknown: manifest unknown');
  });
  it('searches, versions, infos', async () => {
    const e = mk();
    const r = await e.imageSearch({ term: 'nginx' });
    expect(r[0]).toEqual({ star_count: 20815, is_official: true, name: 'nginx', is_automated: false, description: 'Official build of Nginx.' });
    expect((await e.version()).Version).toBe('28.2.2');
    await collect(e.imagePull({ fromImage: 'alpine' }));
    expect((await e.info()).Images).toBe(1);
    expect((await e.ping()).apiVersion).toBe('1.50');
    await collect(e.imagePull({ fromImage: 'nginx', tag: 'alpine' }));
    const df = await e.diskUsage();
    const alpineSize = (await e.imageInspect('alpine')).Size;
    expect(df.LayersSize).toBe((await e.imageInspect('nginx:alpine')).Size);
    expect(df.Images.find((i) => i.RepoTags.includes('alpine:latest'))).toMatchObject({ SharedSize: alpineSize, Containers: 0 });
  });
  it('gives containers a writable rootfs and round-trips state through JSON', async () => {
    const e = mk();
    await collect(e.imagePull({ fromImage: 'alpine', tag: '3.21' }));
    await e.imageTag('alpine:3.21', 'myalpine', 'v1');
    const fs = e.rootfs('alpine:3.21');
    await fs.writeFile('/root/hello', 'hi');
    const l = e.state.layers.register(e.state.images.get((await e.imageInspect('alpine:3.21')).Id)!.topChain, fs.diff());
    const json = JSON.parse(JSON.stringify(e.toJSON()));
    const back = Engine.fromJSON(json, { clock: new ManualClock(0) });
    expect(await back.imageList({})).toEqual(await e.imageList({}));
    expect(await back.imageInspect('myalpine:v1')).toEqual(await e.imageInspect('myalpine:v1'));
    expect(back.state.layers.get(l.chainId)?.diffId).toBe(l.diffId);
    expect(JSON.stringify(json).length).toBeLessThan(20_000);
    expect(await back.rootfs('alpine:3.21').readFile('/etc/alpine-release')).toBe('3.21.3\n');
  });
  it('formats progress like jsonmessage', () => {
    expect(humanSize(28_230_000)).toBe('28.23MB');
    expect(progressString(14_115_000, 28_230_000)).toBe('[=========================>                         ]  14.12MB/28.23MB');
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(1_000)).toBe('1kB');
  });
});
