/** A small engine state with a two-image simulated hub (alpine:3.20, ubuntu:18.10), for builder tests and the bench. */
import { ManualClock, SeededRandom } from '../clock';
import { digestOf, utf8 } from '../digest';
import { dir, file, symlink, type Entry } from '../fs/entry';
import { ImageStore, LayerStore, ReferenceStore, serializeImageConfig, type ImageConfigJSON } from '../store';
import { layerDiffId, layerSize, type LayerContent } from '../tar';
import type { Catalog, CatalogImage } from '../catalog/types';
import type { EngineState } from '../state';

function layerOf(files: Record<string, Entry>): LayerContent {
  return { entries: new Map(Object.entries(files)) };
}

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/bin/sh\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\nwww-data:x:33:\nnode:x:1000:\n';

function baseFs(extra: Record<string, Entry> = {}): Record<string, Entry> {
  return {
    '/bin': dir(), '/bin/sh': file(utf8('#!ELF sh\n'), 0o755), '/bin/busybox': file(utf8('#!ELF busybox\n'), 0o755),
    '/etc': dir(), '/etc/passwd': file(PASSWD), '/etc/group': file(GROUP), '/etc/hostname': file('localhost\n'),
    '/root': dir(0o700), '/tmp': dir(0o1777), '/usr': dir(), '/usr/bin': dir(), '/usr/share': dir(), '/var': dir(), '/home': dir(),
    '/usr/bin/env': symlink('/bin/busybox'),
    ...extra,
  };
}

function catalogImage(path: string, tag: string, files: Record<string, Entry>, cfg: Partial<ImageConfigJSON>, created: string): CatalogImage & { key: string; content: LayerContent } {
  const content = layerOf(files);
  const { digest: diffId } = layerDiffId(content);
  const key = `${path}:${tag}`;
  const config: ImageConfigJSON = {
    architecture: 'amd64',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'], WorkingDir: '/' },
    created,
    history: [
      { created, created_by: `/bin/sh -c #(nop) ADD file:${diffId.slice(7)} in / ` },
      { created, created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
    ],
    os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] }, ...cfg,
  };
  const raw = serializeImageConfig(config);
  return {
    raw, config, id: digestOf(raw), key, content,
    layers: [{ key, diffId, size: layerSize(content), compressedSize: layerSize(content), blobDigest: digestOf('blob:' + key) }],
    repoDigest: digestOf('index:' + key),
  };
}

export function testCatalog(): Catalog {
  const imgs = [
    catalogImage('library/alpine', '3.20', baseFs(), {}, '2024-09-06T12:05:36Z'),
    catalogImage('library/ubuntu', '18.10', baseFs({ '/usr/sbin': dir(), '/etc/debian_version': file('buster/sid\n'), '/var/lib': dir(), '/var/lib/apt': dir() }),
      { config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/bash'] } }, '2019-07-18T22:27:00Z'),
  ];
  return {
    repos: () => imgs.map((i) => ({ name: i.key.split(':')[0].replace('library/', ''), description: '', stars: 0, official: true, tags: { [i.key.split(':')[1]]: i.key } })),
    repo: (name) => {
      const i = imgs.find((x) => x.key.split(':')[0] === (name.includes('/') ? name : 'library/' + name));
      return i ? { name, description: '', stars: 0, official: true, tags: { [i.key.split(':')[1]]: i.key } } : undefined;
    },
    image: (path, tag) => imgs.find((i) => i.key === `${path}:${tag}`),
    imageByDigest: (path, digest) => imgs.find((i) => i.key.startsWith(path + ':') && i.repoDigest === digest),
    layerContent: (key) => imgs.find((i) => i.key === key)!.content,
  };
}

/** A fresh engine state (no images) over the test hub; the clock advances 1 ms per read. */
export function testState(opts: { startMs?: number; stepMs?: number; seed?: string } = {}): EngineState & { clock: ManualClock } {
  const catalog = testCatalog();
  const layers = new LayerStore((key) => catalog.layerContent(key));
  const images = new ImageStore(layers);
  return {
    clock: new ManualClock(opts.startMs ?? Date.UTC(2026, 10, 26, 12, 0, 0), opts.stepMs ?? 1),
    random: new SeededRandom(opts.seed ?? 'builder-test'),
    layers, images, refs: new ReferenceStore(), catalog,
    hooks: { imageUsers: () => [], containerCounts: () => ({ total: 0, running: 0, paused: 0, stopped: 0 }) },
    areas: new Map(),
  };
}
