// The unfiltered `image ls` list is kept between calls (sorted records, frozen summaries, the last answer): after any
// sequence of tags, untags, new images, parents and removals it must equal a list computed from scratch.
import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom } from './clock';
import { ImageStore, LayerStore, ReferenceStore } from './store';
import type { EngineState } from './state';
import { imageList } from './images';
import { familiarName, parseNormalizedNamed } from '../reference/reference';
import { pathMatch } from './reference';
import type { Catalog } from './catalog/types';
import type { ImageSummary } from '../api/types';

function mkState(): EngineState {
  const layers = new LayerStore(() => { throw new Error('no catalog'); });
  return {
    clock: new ManualClock(Date.UTC(2025, 0, 1)), random: new SeededRandom('t'), layers, images: new ImageStore(layers), refs: new ReferenceStore(),
    catalog: {} as Catalog, areas: new Map(),
    hooks: { imageUsers: () => [], containerCounts: () => ({ total: 0, running: 0, paused: 0, stopped: 0 }) },
  };
}

/** moby's list from scratch: newest first (by Created seconds), then by ID; intermediate images only with `all`. */
function fromScratch(st: EngineState, all: boolean): ImageSummary[] {
  const out: ImageSummary[] = [];
  for (const img of st.images.all()) {
    const refs = st.refs.entries(img.id);
    if (refs.length === 0 && !all && st.images.childCount(img.id) > 0) continue;
    out.push({
      Containers: -1, Created: Math.floor(img.createdMs / 1000), Id: img.id, Labels: img.config.config?.Labels ?? null, ParentId: img.parent,
      RepoDigests: refs.filter((e) => e.ref.digest !== undefined).map((e) => e.familiar),
      RepoTags: refs.filter((e) => e.ref.tag !== undefined).map((e) => e.familiar),
      SharedSize: -1, Size: st.layers.chainSize(img.topChain),
    });
  }
  return out.sort((a, b) => b.Created - a.Created || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
}

describe('imageList without filters, kept between calls', () => {
  it('equals the list from scratch after every step of 600 random changes', () => {
    const st = mkState();
    const base = st.layers.register('', { entries: new Map() }, { diffId: 'sha256:' + 'ab'.repeat(32), size: 1234 });
    let seed = 11;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const ids: string[] = [];
    const names = ['a', 'b', 'c', 'team/app', 'example.com/x/y'];
    for (let step = 0; step < 600; step++) {
      const op = rnd(10);
      if (op < 3 || ids.length === 0) {
        // same second for several images, so the ID order matters; sometimes a child of an existing image
        const parent = ids.length && rnd(3) === 0 ? ids[rnd(ids.length)] : '';
        const img = st.images.create({
          architecture: 'amd64', os: 'linux', created: new Date(Date.UTC(2025, 0, 1) + rnd(20) * 1000 + rnd(1000)).toISOString(),
          config: { Labels: { step: String(step) } }, rootfs: { type: 'layers', diff_ids: [base.diffId] }, history: [{ created_by: `step ${step}` }],
        }, parent);
        ids.push(img.id);
      } else if (op < 6) {
        st.refs.add(parseNormalizedNamed(`${names[rnd(names.length)]}:t${rnd(8)}`), ids[rnd(ids.length)]);
      } else if (op < 7) {
        st.refs.add(parseNormalizedNamed(`${names[rnd(names.length)]}@sha256:${String(rnd(10)).repeat(64)}`), ids[rnd(ids.length)]);
      } else if (op < 9) {
        st.refs.delete(parseNormalizedNamed(`${names[rnd(names.length)]}:t${rnd(8)}`));
      } else {
        const id = ids.splice(rnd(ids.length), 1)[0];
        for (const e of st.refs.entries(id)) st.refs.delete(e.ref);
        st.images.delete(id);
      }
      for (const pattern of ['team/*', 'a', 'example.com/x/y:t1']) {
        // a reference filter shows only the matching references of each image (kept summaries when all match)
        const want = fromScratch(st, true).map((s) => {
          const keep = (r: string) => pathMatch(pattern, r) || pathMatch(pattern, familiarName(parseNormalizedNamed(r)));
          return { ...s, RepoTags: s.RepoTags.filter(keep), RepoDigests: s.RepoDigests.filter(keep) };
        }).filter((s) => s.RepoTags.length + s.RepoDigests.length > 0);
        expect(imageList(st, { filters: { reference: { [pattern]: true } } }), `step ${step} reference=${pattern}`).toEqual(want);
      }
      for (const all of [false, true]) {
        const want = fromScratch(st, all);
        for (let k = 0; k < 2; k++) {
          const got = imageList(st, { all });
          expect(got, `step ${step} all=${all} call ${k}`).toEqual(want);
          got.reverse(); // the caller owns the array: changing it must not change the next answer
        }
      }
    }
  });

  it('hands out frozen summaries (a caller cannot change the kept ones) and fresh ones with shared sizes', () => {
    const st = mkState();
    const base = st.layers.register('', { entries: new Map() }, { diffId: 'sha256:' + 'cd'.repeat(32), size: 99 });
    const img = st.images.create({ architecture: 'amd64', os: 'linux', created: '2025-01-01T00:00:00Z', rootfs: { type: 'layers', diff_ids: [base.diffId] }, history: [] });
    st.refs.add(parseNormalizedNamed('app:1'), img.id);
    const [s] = imageList(st, {});
    expect(Object.isFrozen(s) && Object.isFrozen(s.RepoTags)).toBe(true);
    expect(() => { (s as { Size: number }).Size = 1; }).toThrow(TypeError);
    expect(() => s.RepoTags.push('x')).toThrow(TypeError);
    const [withShared] = imageList(st, { sharedSize: true });
    expect(Object.isFrozen(withShared)).toBe(false);
    expect(withShared.SharedSize).toBe(0);
    expect(imageList(st, {})[0]).toBe(s); // nothing changed: the same object
    st.refs.add(parseNormalizedNamed('app:2'), img.id);
    const [t] = imageList(st, {});
    expect(t).not.toBe(s);
    expect(t.RepoTags).toEqual(['app:1', 'app:2']);
  });
});
