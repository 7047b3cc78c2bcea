import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom } from './clock';
import { ImageStore, LayerStore, ReferenceStore, type ImageConfigJSON, serializeImageConfig } from './store';
import type { EngineState, ImageUser } from './state';
import { getImage, imageHistory, imageInspect, imageList, imageRemove, imageTag, imagesPrune } from './images';
import { parseNormalizedNamed, tagNameOnly } from '../reference/reference';
import { dir, file } from './fs/entry';
import type { LayerChange } from './tar';
import { digestOf } from './digest';
import type { Catalog } from './catalog/types';

function mkState(users: Record<string, ImageUser[]> = {}): EngineState {
  const layers = new LayerStore(() => { throw new Error('no catalog'); });
  return {
    clock: new ManualClock(Date.UTC(2025, 0, 1)), random: new SeededRandom('t'), layers, images: new ImageStore(layers), refs: new ReferenceStore(),
    catalog: {} as Catalog, areas: new Map(),
    hooks: { imageUsers: (id) => users[id] ?? [], containerCounts: () => ({ total: 0, running: 0, paused: 0, stopped: 0 }) },
  };
}
function addImage(st: EngineState, name: string | null, files: Record<string, string>, opts: { parent?: string; created?: string; base?: ImageConfigJSON; labels?: Record<string, string> } = {}) {
  const entries = new Map<string, LayerChange>(Object.entries(files).map(([p, c]) => [p, file(c)] as const));
  entries.set('/etc', dir());
  const parentChain = opts.base ? chainOf(opts.base.rootfs.diff_ids) : '';
  const l = st.layers.register(parentChain, { entries });
  const cfg: ImageConfigJSON = {
    architecture: 'amd64', os: 'linux', created: opts.created ?? '2025-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/bin'], Cmd: ['/bin/sh'], Labels: opts.labels },
    rootfs: { type: 'layers', diff_ids: [...(opts.base?.rootfs.diff_ids ?? []), l.diffId] },
    history: [...(opts.base?.history ?? []), { created: opts.created ?? '2025-01-01T00:00:00Z', created_by: `/bin/sh -c #(nop) ADD ${name}` }, { created: '2025-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true }],
  };
  const img = st.images.create(cfg, opts.parent);
  if (name) st.refs.add(tagNameOnly(parseNormalizedNamed(name)), img.id);
  return { img, cfg };
}
function chainOf(d: string[]): string {
  let c = '';
  for (const x of d) c = c ? digestOf(c + ' ' + x) : x;
  return c;
}

describe('image store and images area', () => {
  it('image ID is the sha256 of the serialized config with sorted top-level keys', () => {
    const st = mkState();
    const { img, cfg } = addImage(st, 'app:1', { '/etc/a': 'a' });
    expect(img.id).toBe(digestOf(serializeImageConfig(cfg)));
    expect(img.raw.startsWith('{"architecture":"amd64","config":{"Env"')).toBe(true);
  });
  it('lists one row per image with tags sorted, sizes, filters and newest first', () => {
    const st = mkState();
    const a = addImage(st, 'alpha:1', { '/etc/a': 'aaaa' }, { created: '2025-01-01T00:00:00Z', labels: { team: 'web' } });
    st.refs.add(parseNormalizedNamed('alpha:latest'), a.img.id);
    addImage(st, 'beta', { '/etc/b': 'bb' }, { created: '2025-01-02T00:00:00Z' });
    addImage(st, null, { '/etc/c': 'c' }, { created: '2025-01-03T00:00:00Z' });
    const all = imageList(st, {});
    expect(all.map((s) => s.RepoTags)).toEqual([[], ['beta:latest'], ['alpha:1', 'alpha:latest']]);
    expect(all[2].Size).toBe(4);
    expect(all[2].Labels).toEqual({ team: 'web' });
    expect(imageList(st, { filters: { dangling: { true: true } } }).map((s) => s.RepoTags)).toEqual([[]]);
    expect(imageList(st, { filters: { reference: { 'al*': true } } }).map((s) => s.RepoTags)).toEqual([['alpha:1', 'alpha:latest']]);
    expect(imageList(st, { filters: { reference: { 'alpha:1': true } } }).map((s) => s.RepoTags)).toEqual([['alpha:1']]);
    expect(imageList(st, { filters: { label: { 'team=web': true } } }).length).toBe(1);
    expect(imageList(st, { filters: { before: { beta: true } } }).map((s) => s.RepoTags)).toEqual([['alpha:1', 'alpha:latest']]);
    expect(imageList(st, { filters: { since: { 'alpha:1': true } } }).length).toBe(2);
    expect(() => imageList(st, { filters: { foo: { x: true } } })).toThrow("invalid filter 'foo'");
    expect(() => imageList(st, { filters: { before: { nosuch: true } } })).toThrow('No such image: nosuch:latest');
  });
  it('hides intermediate images without -a and shows <missing> history rows', () => {
    const st = mkState();
    const base = addImage(st, 'base:1', { '/etc/base': 'x' }, { created: '2025-01-01T00:00:00Z' });
    const mid = addImage(st, null, { '/etc/mid': 'yy' }, { base: base.cfg, parent: base.img.id, created: '2025-01-02T00:00:00Z' });
    const top = addImage(st, 'top:1', { '/etc/top': 'zzz' }, { base: mid.cfg, parent: mid.img.id, created: '2025-01-03T00:00:00Z' });
    expect(imageList(st, {}).length).toBe(2);
    expect(imageList(st, { all: true }).length).toBe(3);
    const h = imageHistory(st, 'top:1');
    expect(h.length).toBe(6);
    expect(h[0]).toMatchObject({ Id: top.img.id, Tags: ['top:1'], Size: 0, CreatedBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]' });
    // moby walks the parent chain one history row at a time (the classic builder makes one image per row)
    expect(h[1]).toMatchObject({ Id: mid.img.id, Tags: null, Size: 3 });
    expect(h[2]).toMatchObject({ Id: base.img.id, Tags: ['base:1'], Size: 0 });
    expect(h[3]).toMatchObject({ Id: '<missing>', Size: 2 });
    expect(h[5]).toMatchObject({ Id: '<missing>', Size: 1 });
  });
  it('inspects with moby key order and fields', () => {
    const st = mkState();
    const { img } = addImage(st, 'app:1', { '/etc/a': 'a' });
    imageTag(st, 'app:1', 'docker.io/library/app', 'v2');
    const i = imageInspect(st, img.id.slice(7, 19));
    expect(Object.keys(i)).toEqual(['Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'DockerVersion', 'Author', 'Config', 'Architecture', 'Os', 'Size', 'GraphDriver', 'RootFS', 'Metadata']);
    expect(i.RepoTags).toEqual(['app:1', 'app:v2']);
    expect(i.Config).toEqual({ Env: ['PATH=/usr/bin'], Cmd: ['/bin/sh'] });
    expect(i.Created).toBe('2025-01-01T00:00:00Z');
    expect(i.Metadata.LastTagTime).toBe('2025-01-01T00:00:00Z');
    expect(Object.keys(i.GraphDriver.Data!)).toEqual(['MergedDir', 'UpperDir', 'WorkDir']);
    expect(() => imageInspect(st, 'nosuch')).toThrow('No such image: nosuch:latest');
  });
  it('removes with moby semantics: untag, delete, layers, conflicts', () => {
    const st = mkState();
    const { img } = addImage(st, 'app:1', { '/etc/a': 'a' });
    st.refs.add(parseNormalizedNamed('other:2'), img.id);
    expect(imageRemove(st, 'app:1')).toEqual([{ Untagged: 'app:1' }]);
    expect(() => imageRemove(st, img.id.slice(7, 19))).not.toThrow();
    expect(st.images.count).toBe(0);
    expect(st.layers.count).toBe(0);
    const b = addImage(st, 'app:1', { '/etc/a': 'a' });
    st.refs.add(parseNormalizedNamed('other:2'), b.img.id);
    expect(() => imageRemove(st, b.img.id.slice(7, 19))).toThrow(`conflict: unable to delete ${b.img.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`);
    const r = imageRemove(st, b.img.id.slice(7, 19), { force: true });
    expect(r).toEqual([{ Untagged: 'app:1' }, { Untagged: 'other:2' }, { Deleted: b.img.id }, { Deleted: b.cfg.rootfs.diff_ids[0] }]);
    const users: Record<string, ImageUser[]> = {};
    const st2 = mkState(users);
    const c = addImage(st2, 'nginx', { '/etc/n': 'n' });
    users[c.img.id] = [{ id: '6666666666aa77', running: false }];
    expect(() => imageRemove(st2, 'nginx')).toThrow(`conflict: unable to remove repository reference "nginx" (must force) - container 6666666666aa is using its referenced image ${c.img.id.slice(7, 19)}`);
    users[c.img.id] = [{ id: '6666666666aa77', running: true }];
    expect(() => imageRemove(st2, c.img.id.slice(7), { force: true })).toThrow('(cannot be forced) - image is being used by running container 6666666666aa');
    expect(() => getImage(st2, 'nosuch')).toThrow('No such image: nosuch:latest');
  });
  it('refuses to delete an image with children and prunes dangling images', () => {
    const st = mkState();
    const base = addImage(st, 'base:1', { '/etc/base': 'x' });
    const child = addImage(st, null, { '/etc/c': 'cc' }, { base: base.cfg, parent: base.img.id, created: '2025-01-05T00:00:00Z' });
    st.refs.delete(tagNameOnly(parseNormalizedNamed('base:1')));
    expect(() => imageRemove(st, base.img.id.slice(7))).toThrow('(cannot be forced) - image has dependent child images');
    const rep = imagesPrune(st, { dangling: { true: true } });
    expect(rep.ImagesDeleted).toEqual([
      { Deleted: child.img.id }, { Deleted: digestOf(base.cfg.rootfs.diff_ids[0] + ' ' + child.cfg.rootfs.diff_ids[1]) },
      { Deleted: base.img.id }, { Deleted: base.cfg.rootfs.diff_ids[0] },
    ]);
    expect(rep.SpaceReclaimed).toBe(3);
    expect(imagesPrune(st, {})).toEqual({ ImagesDeleted: null, SpaceReclaimed: 0 });
  });
});

import { pathMatch, familiarMatch } from './reference';
import { boolFilter, parseTimestamp } from './images';
describe('filters', () => {
  it('glob-matches references like path.Match and FamiliarMatch', () => {
    expect(pathMatch('ng*', 'nginx')).toBe(true);
    expect(pathMatch('*', 'me/app')).toBe(false);
    expect(pathMatch('*/*', 'me/app')).toBe(true);
    expect(pathMatch('ngin[a-x]', 'nginx')).toBe(true);
    expect(pathMatch('ngin?:latest', 'nginx:latest')).toBe(true);
    const r = parseNormalizedNamed('nginx:1.27');
    expect(familiarMatch('nginx', r)).toBe(true);
    expect(familiarMatch('nginx:1.*', r)).toBe(true);
    expect(familiarMatch('nginx:2*', r)).toBe(false);
  });
  it('parses bools and timestamps like the daemon', () => {
    expect(boolFilter({ dangling: { true: true } }, 'dangling', false)).toBe(true);
    expect(boolFilter({ dangling: { '0': true } }, 'dangling', true)).toBe(false);
    expect(() => boolFilter({ dangling: { maybe: true } }, 'dangling', false)).toThrow("invalid filter 'dangling=maybe'");
    const now = Date.UTC(2025, 0, 2);
    expect(parseTimestamp('24h', now)).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('1h30m', now)).toBe(now - 5_400_000);
    expect(parseTimestamp('1735689600', now)).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('2025-01-01', now)).toBe(Date.UTC(2025, 0, 1));
    expect(parseTimestamp('2025-01-01T10:00:00Z', now)).toBe(Date.UTC(2025, 0, 1, 10));
  });
});
