// The direct writer of `docker image ls`'s default table and `-q` must give exactly the bytes of the Go template +
// tabwriter path, on engine states (dangling, <none>, long tags, digests, -a) and on random summaries a server could send.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../api/types';
import { createEngine } from '../../engine/index';
import { ManualClock } from '../../engine/clock';
import { familiarName, parseNormalizedNamed } from '../../reference/reference';
import { formatImages, formatImagesTemplate, splitRef, type ImageFormatOptions } from './image';

const NOW = Date.UTC(2026, 10, 27, 12);
const VARIANTS: Omit<ImageFormatOptions, 'now'>[] = [
  {}, { format: 'table' }, { quiet: true }, { noTrunc: true }, { digests: true }, { digests: true, noTrunc: true },
  { quiet: true, noTrunc: true }, { quiet: true, digests: true }, { format: 'table', digests: true },
];

/** Frozen copies, as the in-process engine hands them out: the writer then keeps their cells between calls. */
const frozen = (list: ImageSummary[]): ImageSummary[] =>
  list.map((i) => Object.freeze({ ...i, RepoTags: Object.freeze([...i.RepoTags]) as string[], RepoDigests: Object.freeze([...i.RepoDigests]) as string[] }));

function expectSame(list: ImageSummary[], label: string): void {
  const cold = frozen(list);
  for (const v of VARIANTS) {
    const o = { ...v, now: NOW };
    const slow = formatImagesTemplate(list, o);
    const fast = formatImages(list, o);
    if (fast !== slow) expect(fast, `${label} ${JSON.stringify(v)}`).toBe(slow);
    // frozen summaries: first call fills the memo, the second reuses it; then again with a longer row so widths change
    for (const round of [1, 2]) {
      const f = formatImages(cold, o);
      if (f !== slow) expect(f, `${label} frozen ${round} ${JSON.stringify(v)}`).toBe(slow);
    }
    const wider: ImageSummary = { ...cold[0] ?? { Containers: -1, Created: 1, Id: 'sha256:' + 'f'.repeat(64), Labels: null, ParentId: '', RepoDigests: [], SharedSize: -1, Size: 1 }, RepoTags: ['w'.repeat(60) + ':' + 't'.repeat(40)] };
    const more = [...cold, wider];
    const f = formatImages(more, o), sl = formatImagesTemplate(more, o);
    if (f !== sl) expect(f, `${label} frozen, wider ${JSON.stringify(v)}`).toBe(sl);
    const back = formatImages(cold, o);
    if (back !== slow) expect(back, `${label} frozen, narrower again ${JSON.stringify(v)}`).toBe(slow);
  }
}

async function engineState() {
  const e = createEngine({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 'fast-ls' });
  for await (const _m of e.imagePull({ fromImage: 'alpine', tag: '3.21' })) void _m;
  for await (const _m of e.imagePull({ fromImage: 'busybox', tag: 'latest' })) void _m;
  const st = e.state;
  const alpine = st.images.get((await e.imageInspect('alpine:3.21')).Id)!;
  const add = (i: number, parent = '') => st.images.create({
    ...alpine.config, created: new Date(Date.UTC(2025, i % 12, 1 + (i % 27), i % 24) + i).toISOString(),
    config: { ...alpine.config.config, Labels: { i: String(i) } },
  }, parent);
  // Tagged, multi-tagged, digests with and without tags, dangling, an intermediate image (child of another), long names.
  const a = add(1), b = add(2), c = add(3), d = add(4), kid = add(5, d.id), dangling = add(6), g = add(7);
  st.refs.add(parseNormalizedNamed('myapp:1.0'), a.id);
  st.refs.add(parseNormalizedNamed('myapp:latest'), a.id);
  st.refs.add(parseNormalizedNamed('registry.example.com:5000/team/myapp:v1'), a.id);
  st.refs.add(parseNormalizedNamed('localhost/x:y'), b.id);
  st.refs.add(parseNormalizedNamed(`myapp@sha256:${'1'.repeat(64)}`), b.id);
  st.refs.add(parseNormalizedNamed('myapp:b'), b.id);
  st.refs.add(parseNormalizedNamed(`only/digest@sha256:${'2'.repeat(64)}`), c.id);
  st.refs.add(parseNormalizedNamed(`only/digest@sha256:${'3'.repeat(64)}`), c.id);
  st.refs.add(parseNormalizedNamed(`${'verylongrepository'.repeat(8)}/name:${'t'.repeat(128)}`), kid.id);
  st.refs.add(parseNormalizedNamed('library/busybox:mine'), g.id);
  st.refs.add(parseNormalizedNamed('docker.io/someone/app:latest'), g.id);
  void dangling;
  return e;
}

describe('docker image ls: direct writer = template path', () => {
  it('on engine states, with and without -a', async () => {
    const e = await engineState();
    const list = await e.imageList({});
    expect(list.some((i) => i.RepoTags.length === 0)).toBe(true);
    expectSame(list, 'ls');
    const all = await e.imageList({ all: true });
    expect(all.length).toBeGreaterThan(list.length);
    expectSame(all, 'ls -a');
    expectSame([], 'empty');
  });

  it('the default table is what the tabwriter path prints (spot check)', async () => {
    const e = await engineState();
    const out = formatImages(await e.imageList({}), { now: NOW });
    expect(out.split('\n')[0]).toMatch(/^REPOSITORY {3,}TAG {3,}IMAGE ID {3,}CREATED {3,}SIZE$/);
    expect(out).toContain('<none>');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('on random summaries, with references the fast split must decline (ports, docker.io/, library/, uppercase, invalid)', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const pick = <T,>(xs: T[]): T => xs[rnd(xs.length)];
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
    const names = ['nginx', 'my-app', 'a__b', 'a.b', 'team/app', 'library/x', 'library/x/y', 'docker.io/library/nginx', 'docker.io/u/app',
      'index.docker.io/u/a', 'localhost/app', 'localhost:5000/app', 'registry.example.com/a/b', 'Registry.Example.com/a', 'UPPER',
      'bad_.name', 'x'.repeat(240), 'x'.repeat(236) + '/y', 'example.com/' + 'y'.repeat(243), 'ex_ample.com/a', '-bad', 'a--b/c', '<none>'];
    const tags = ['latest', '1.0', 'v' + '9'.repeat(127), 'v' + '9'.repeat(128), '_x', '.bad', '<none>', 'TAG'];
    const ids = () => pick(['sha256:' + hex(64), hex(64), 'sha256:' + hex(8), 'sha256:' + hex(60) + 'é', 'sha256:ab\tcd']);
    for (let round = 0; round < 300; round++) {
      const list: ImageSummary[] = [];
      const n = rnd(6);
      for (let i = 0; i < n; i++) {
        const repoTags: string[] = [], repoDigests: string[] = [];
        for (let k = rnd(4); k > 0; k--) repoTags.push(pick(names) + ':' + pick(tags));
        for (let k = rnd(3); k > 0; k--) repoDigests.push(pick(names) + '@' + pick(['sha256:' + hex(64), 'sha256:' + hex(10), 'sha512:' + hex(128), '<none>']));
        if (rnd(8) === 0) { repoTags.splice(0, repoTags.length, '<none>:<none>'); repoDigests.splice(0, repoDigests.length, '<none>@<none>'); }
        list.push({
          Containers: -1, Created: Math.floor(NOW / 1000) - rnd(100_000_000), Id: ids(), Labels: null, ParentId: '',
          RepoDigests: repoDigests, RepoTags: repoTags, SharedSize: -1, Size: pick([0, 999, 1000, 999_499, 999_500, 7_800_000, 1e12, rnd(1e9)]),
        });
      }
      expectSame(list, `round ${round}`);
    }
  });
});

describe('splitRef (the fast reference split) = ParseNormalizedNamed + FamiliarName', () => {
  const slow = (s: string) => {
    try {
      const r = parseNormalizedNamed(s);
      return { name: familiarName(r), tag: r.tag, digest: r.digest };
    } catch {
      return undefined;
    }
  };
  it('agrees on names, tags and digests of every shape', () => {
    const names = ['nginx', 'my-app', 'a__b', 'a___b', 'a.b', 'a..b', 'team/app', 'library/x', 'library/x/y', 'libraryx/y', 'docker.io/library/nginx',
      'docker.io/u/app', 'docker.io/nginx', 'index.docker.io/u/a', 'localhost/app', 'localhost:5000/app', 'registry.example.com/a/b',
      'Registry.Example.com/a', 'UPPER', 'Up/per', 'bad_.name', 'x'.repeat(237), 'x'.repeat(238), 'x'.repeat(244) + '/y', 'x'.repeat(243) + '/y',
      'example.com/' + 'y'.repeat(243), 'example.com/' + 'y'.repeat(244), 'ex_ample.com/a', 'ex-.com/a', 'e-x.com/a', '-bad', 'a--b/c', 'a-/b',
      '<none>', '', 'a/', '/a', 'a//b', '1.2.3.4/a', '[::1]/a'];
    const suffixes = [':latest', ':1.0', ':v' + '9'.repeat(127), ':v' + '9'.repeat(128), ':_x', ':.bad', ':<none>', ':TAG', '', ':',
      '@sha256:' + 'a'.repeat(64), '@sha256:' + 'A'.repeat(64), '@sha256:' + 'a'.repeat(63), '@sha512:' + 'a'.repeat(128), ':t@sha256:' + 'b'.repeat(64)];
    let n = 0;
    for (const name of names) for (const suffix of suffixes) {
      const s = name + suffix;
      expect(splitRef(s), s).toEqual(slow(s));
      n++;
    }
    expect(splitRef('a'.repeat(64))).toEqual(undefined);
    expect(n).toBe(names.length * suffixes.length);
  });
});
