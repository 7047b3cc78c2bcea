// Delta views (one layer's changes over the view below) must answer exactly like a view flattened from scratch:
// random layer stacks with whiteouts, opaque dirs, dir <-> file replacements, symlinks and missing parents.
import { describe, expect, it } from 'vitest';
import { DeltaView, flatten, MutableView, type View } from './view';
import { dir, file, symlink, type Entry } from './entry';
import type { LayerChange, LayerContent } from '../tar';
import { UnionFs } from './union';

const NAMES = ['a', 'b', 'c', 'lib', 'x.so', 'etc', 'usr'];
function randomPath(rnd: (n: number) => number): string {
  const depth = 1 + rnd(4);
  let p = '';
  for (let i = 0; i < depth; i++) p += '/' + NAMES[rnd(NAMES.length)];
  return p;
}
function randomLayer(rnd: (n: number) => number, n: number, known: string[], gentle = false): LayerContent {
  const entries = new Map<string, LayerChange>();
  const opaque = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (gentle) {
      // small changes (new files in existing dirs, a few whiteouts of them), so that long chains get merged, not copied
      const p = `/${NAMES[rnd(NAMES.length)]}/${NAMES[rnd(NAMES.length)]}/g${rnd(30)}`;
      entries.set(p, rnd(6) ? file(`g${rnd(1000)}`) : { type: 'whiteout' });
      continue;
    }
    const p = known.length && rnd(2) ? known[rnd(known.length)] : randomPath(rnd);
    const k = rnd(10);
    if (k < 3) entries.set(p, dir(0o755, 0, 0, rnd(100)));
    else if (k < 6) entries.set(p, file(`f${rnd(1000)}`));
    else if (k < 7) entries.set(p, symlink(NAMES[rnd(NAMES.length)]));
    else if (k < 9) entries.set(p, { type: 'whiteout' });
    else { entries.set(p, dir()); opaque.add(p); }
    known.push(p);
  }
  return opaque.size ? { entries, opaque } : { entries };
}

/** A dense tree: every path of NAMES up to depth 3 (dirs above, files and a few symlinks at the bottom). */
function baseLayer(rnd: (n: number) => number, known: string[]): LayerContent {
  const entries = new Map<string, LayerChange>();
  const walk = (p: string, depth: number) => {
    for (const n of NAMES) {
      const q = p + '/' + n;
      if (depth < 2) { entries.set(q, dir()); walk(q, depth + 1); } else entries.set(q, rnd(8) ? file(`b${rnd(100)}`) : symlink('..'));
      if (rnd(8) === 0) known.push(q);
    }
  };
  walk('', 0);
  return { entries };
}

function snapshot(v: View) {
  const entries = new Map<string, Entry>();
  for (const [p, e] of v.entries) entries.set(p, e);
  const kids = new Map<string, string[]>();
  for (const p of entries.keys()) {
    const k = v.children.get(p);
    if (k) kids.set(p, [...k].sort());
  }
  return { entries, kids, size: v.entries.size, files: v.fileCount };
}

function expectSameView(got: View, want: View, label: string, probes: string[]): void {
  const g = snapshot(got), w = snapshot(want);
  expect(g.size, `${label} size`).toBe(w.size);
  expect(g.files, `${label} fileCount`).toBe(w.files);
  expect(new Set(g.entries.keys()), `${label} paths`).toEqual(new Set(w.entries.keys()));
  for (const [p, e] of w.entries) expect(g.entries.get(p), `${label} ${p}`).toBe(e);
  for (const p of [...w.entries.keys(), ...probes]) {
    expect(got.entries.get(p), `${label} get ${p}`).toBe(want.entries.get(p));
    expect(got.entries.has(p), `${label} has ${p}`).toBe(want.entries.has(p));
    const gk = got.children.get(p), wk = want.children.get(p);
    expect(gk ? [...gk].sort() : undefined, `${label} children ${p}`).toEqual(wk ? [...wk].sort() : undefined);
  }
}

describe('delta views', () => {
  it('equal a view flattened from scratch, layer after layer (12 random stacks of 30 layers)', () => {
    let seed = 11;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    let deltas = 0, merges = 0, copies = 0;
    for (let round = 0; round < 12; round++) {
      const known: string[] = [];
      let v: View = flatten([baseLayer(rnd, known), randomLayer(rnd, rnd(40), known)]);
      const first = v;
      const all: LayerContent[] = [];
      for (let i = 0; i < 30; i++) {
        const l = randomLayer(rnd, 1 + rnd(rnd(4) ? 4 : 12), known, round % 2 === 0);
        all.push(l);
        const prev = v;
        v = flatten([l], v);
        if (v instanceof DeltaView) {
          deltas++;
          if (prev instanceof DeltaView && v.depth <= prev.depth) merges++;
        } else copies++;
        const want = new MutableView(first);
        for (const x of all) want.apply(x);
        expectSameView(v, want, `round ${round} layer ${i}`, ['/', '/nope', '/a/nope', ...NAMES.map((n) => '/' + n)]);
      }
    }
    expect(deltas).toBeGreaterThan(200);
    expect(merges).toBeGreaterThan(1);
    expect(copies).toBeGreaterThan(1);
  });

  it('cost O(changes): one delta over a 20,000-entry view touches none of it', () => {
    const big = new Map<string, LayerChange>();
    for (let d = 0; d < 200; d++) {
      big.set(`/d${d}`, dir());
      for (let f = 0; f < 100; f++) big.set(`/d${d}/f${f}`, file('x'));
    }
    const base = flatten([{ entries: big }]);
    const v = flatten([{ entries: new Map<string, LayerChange>([['/d1/new', file('y')], ['/d2/f3', { type: 'whiteout' }]]) }], base);
    expect(v).toBeInstanceOf(DeltaView);
    expect(v.entries.size).toBe(base.entries.size);
    expect(v.fileCount).toBe(base.fileCount);
    expect(v.children.get('/d1')!.has('new')).toBe(true);
    expect(v.children.get('/d2')!.has('f3')).toBe(false);
    expect(v.children.get('/d3')).toBe(base.children.get('/d3')); // unchanged dirs are shared
    expect(base.entries.has('/d1/new')).toBe(false);
  });

  it('a union fs over a delta chain reads like one over the flattened view (symlinked dirs, whiteouts, opaque)', async () => {
    const layers: LayerContent[] = [
      { entries: new Map<string, LayerChange>([['/usr', dir()], ['/usr/bin', dir()], ['/usr/bin/sh', file('sh')], ['/bin', symlink('usr/bin')], ['/etc', dir()], ['/etc/a', file('1')], ['/etc/b', file('2')]]) },
      { entries: new Map<string, LayerChange>([['/etc/a', { type: 'whiteout' }], ['/usr/bin/ls', file('ls')]]) },
      { entries: new Map<string, LayerChange>([['/etc', dir()], ['/etc/c', file('3')]]), opaque: new Set(['/etc']) },
      { entries: new Map<string, LayerChange>([['/usr/bin', { type: 'whiteout' }], ['/usr/bin2', dir()]]) },
      { entries: new Map<string, LayerChange>([['/usr/bin', dir()], ['/usr/bin/env', file('env')]]) },
    ];
    let v: View = flatten([layers[0]]);
    for (const l of layers.slice(1)) v = flatten([l], v);
    const flat = flatten(layers);
    const a = new UnionFs(v), b = new UnionFs(flat);
    for (const d of ['/', '/etc', '/usr', '/bin', '/usr/bin']) expect(await a.readdir(d)).toEqual(await b.readdir(d));
    expect(await a.readdir('/bin')).toEqual(['env']);
    expect(await a.readdir('/etc')).toEqual(['c']);
    expect(a.getAllPaths().sort()).toEqual(b.getAllPaths().sort());
  });
});
