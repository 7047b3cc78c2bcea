import { describe, expect, it } from 'vitest';
import type { ConsoleIO } from '../console/types';
import { ManualClock } from '../engine/clock';
import { createSession, type Session } from '../session';
import { createBuildKitFrontend } from '../engine/builder/frontend';
import {
  buildTree, describeImage, describeLayer, explainImage, formatBytes, initialExpanded, lastBuild, layerFiles, percent, recordBuilds, visibleRows,
} from './index';

const MB = 1 << 20;
const ALPINE_BASE = 7_797_760; // alpine:3.20's one layer in the simulated hub
const DOCKERFILE = 'FROM alpine:3.20\nCOPY big.bin /data/big.bin\nRUN rm /data/big.bin\nRUN echo hello > /hello.txt\nCMD ["sh"]\n';

function session(files: Record<string, string | Uint8Array>, env?: Record<string, string>): Session {
  const s = createSession({ clock: new ManualClock(1_764_000_000_000, 1000), env, files: Object.entries(files).map(([path, data]) => ({ path, data })) });
  recordBuilds(s.engine);
  return s;
}
async function run(s: Session, line: string): Promise<string> {
  let out = '';
  const io: ConsoleIO = { stdout: (d) => { out += d; }, stderr: (d) => { out += d; }, readLine: async () => null, isTTY: false, columns: 80 };
  const code = await s.console.run(line, io);
  if (code !== 0) throw new Error(`${line} -> ${code}\n${out}`);
  return out;
}
const bigFile = () => new Uint8Array(MB).fill(7);

describe('explainImage', () => {
  it('counts a 1 MB file written then deleted as 1 MB wasted, and scores the image', async () => {
    const s = session({ Dockerfile: DOCKERFILE, 'big.bin': bigFile() });
    await run(s, 'docker build -t waste .');
    const x = explainImage(s.engine.state, 'waste');
    const inspect = await s.client.imageInspect('waste');
    expect(x.imageId).toBe(inspect.Id);
    expect(x.size).toBe(inspect.Size);
    expect(x.size).toBe(ALPINE_BASE + MB + 0 + 6);
    expect(x.layers.map((l) => [l.createdBy, l.size, l.emptyLayer])).toEqual([
      ['ADD alpine-minirootfs-3.20.6-x86_64.tar.gz / # buildkit', ALPINE_BASE, false],
      ['CMD ["/bin/sh"]', 0, true],
      ['COPY big.bin /data/big.bin # buildkit', MB, false],
      ['RUN /bin/sh -c rm /data/big.bin # buildkit', 0, false],
      ['RUN /bin/sh -c echo hello > /hello.txt # buildkit', 6, false],
      ['CMD ["sh"]', 0, true],
    ]);
    expect(x.layers[2]!.changes).toEqual([
      { path: '/data', kind: 'A', size: 0, type: 'dir' },
      { path: '/data/big.bin', kind: 'A', size: MB, type: 'file' },
    ]);
    expect(x.layers[3]!.changes).toEqual([
      { path: '/data', kind: 'M', size: 0, type: 'dir' },
      { path: '/data/big.bin', kind: 'D', size: MB, type: 'file' },
    ]);
    expect(x.layers[3]!.counts).toEqual({ added: 0, modified: 0, removed: 1 });
    expect(x.layers[4]!.counts).toEqual({ added: 1, modified: 0, removed: 0 });
    expect(x.layers[0]!.counts).toEqual({ added: 418, modified: 0, removed: 0 });
    expect(x.wasted).toEqual({ bytes: MB, count: 1, files: [{ path: '/data/big.bin', bytes: MB, occurrences: 2, removed: true }] });
    expect(x.layers.map((l) => l.wasted)).toEqual([0, 0, MB, 0, 0, 0]);
    expect(x.efficiency).toBeCloseTo(1 - MB / (ALPINE_BASE + MB + 6), 12);
    expect(percent(x.efficiency)).toBe('88%');
    expect(describeImage(x)).toBe('4 layers with files, 8.85 MB. Efficiency 88%: 1.05 MB wasted in 1 file.');
  });

  it('counts the earlier copy of an overwritten file, and a chmod-only change, as wasted', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN printf aaaa > /f && printf 12345678 > /g\nRUN printf bb > /f\nRUN chmod 600 /g\n' });
    await run(s, 'docker build -t over .');
    const x = explainImage(s.engine.state, 'over');
    expect(x.wasted.files).toEqual([
      { path: '/g', bytes: 8, occurrences: 2, removed: false },
      { path: '/f', bytes: 4, occurrences: 2, removed: false },
    ]);
    expect(x.wasted.bytes).toBe(12);
    expect(x.layers.find((l) => l.createdBy.startsWith('RUN /bin/sh -c printf bb'))!.changes).toEqual([{ path: '/f', kind: 'M', size: 2, type: 'file' }]);
  });

  it('maps steps to Dockerfile lines and tells cached steps from rebuilt ones, with the reason', async () => {
    const s = session({ Dockerfile: DOCKERFILE, 'big.bin': bigFile() });
    await run(s, 'docker build -t c .');
    const first = explainImage(s.engine.state, 'c').layers;
    expect(first.map((l) => [l.line, l.fromBase ?? false, l.cache])).toEqual([
      [1, true, undefined],
      [1, true, undefined],
      [2, false, { hit: false, reason: 'first-build' }],
      [3, false, { hit: false, reason: 'parent-changed' }],
      [4, false, { hit: false, reason: 'parent-changed' }],
      [5, false, undefined],
    ]);
    expect(first[4]!.instruction).toBe('RUN echo hello > /hello.txt');

    await run(s, 'docker build -t c .');
    expect(explainImage(s.engine.state, 'c').layers.map((l) => l.cache?.hit)).toEqual([undefined, undefined, true, true, true, undefined]);

    s.workspace.write('Dockerfile', DOCKERFILE.replace('echo hello', 'echo bye'));
    await run(s, 'docker build -t c .');
    expect(explainImage(s.engine.state, 'c').layers.map((l) => l.cache)).toEqual([
      undefined, undefined, { hit: true }, { hit: true }, { hit: false, reason: 'instruction-changed' }, undefined,
    ]);

    s.workspace.write('big.bin', new Uint8Array(MB).fill(8));
    await run(s, 'docker build -t c .');
    const l = explainImage(s.engine.state, 'c').layers;
    expect(l.map((r) => r.cache)).toEqual([
      undefined, undefined, { hit: false, reason: 'files-changed', files: ['big.bin'] },
      { hit: false, reason: 'parent-changed' }, { hit: false, reason: 'parent-changed' }, undefined,
    ]);
    expect(describeLayer(l[2]!, l.length)).toBe(
      'Layer 3 of 6: COPY big.bin /data/big.bin. 1.05 MB, 2 files added, 0 modified, 0 removed. 1.05 MB of it wasted by later layers. Dockerfile line 2, rebuilt: files changed (big.bin).',
    );
    expect(describeLayer(l[0]!, l.length)).toBe(
      'Layer 1 of 6: ADD alpine-minirootfs-3.20.6-x86_64.tar.gz / # buildkit. 7.8 MB, 418 files added, 0 modified, 0 removed. From the base image (FROM alpine:3.20, line 1).',
    );
    expect(describeLayer(l[5]!, l.length)).toBe('Layer 6 of 6: CMD ["sh"]. Metadata only, no files. Dockerfile line 5.');
  });

  it('records builds whether other observers wrap the frontend before or after it', async () => {
    for (const order of ['before', 'after'] as const) {
      const s = createSession({ clock: new ManualClock(1_764_000_000_000, 1000), files: [{ path: 'Dockerfile', data: 'FROM alpine:3.20\nRUN echo hi > /hi\n' }] });
      let events = 0;
      const observe = () => {
        const fe = s.engine.buildkitFrontend();
        const other = createBuildKitFrontend(() => s.engine.builderHost(), { onEvent: () => { events++; } });
        fe.build = (ctx, opts) => other.build(ctx, opts);
      };
      if (order === 'before') observe();
      recordBuilds(s.engine);
      recordBuilds(s.engine); // idempotent
      if (order === 'after') observe();
      await run(s, 'docker build -t o .');
      await run(s, 'docker build -t o .');
      expect(events).toBeGreaterThan(10);
      expect(explainImage(s.engine.state, 'o').layers.map((l) => l.cache)).toEqual([undefined, undefined, { hit: true }]);
      expect(lastBuild(s.engine.state, explainImage(s.engine.state, 'o').imageId)).toMatchObject({ misses: [], hits: [2] });
    }
  });

  it('records an untagged build under the image it made, and --no-cache as the reason', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\nRUN echo ho > /ho\n' });
    await run(s, 'docker build .');
    const built = [...s.engine.state.images.all()].filter((i) => lastBuild(s.engine.state, i.id));
    expect(built.map((i) => i.config.history!.length)).toEqual([4]);
    expect(explainImage(s.engine.state, built[0]!.id).layers.map((l) => l.cache?.reason)).toEqual([undefined, undefined, 'first-build', 'parent-changed']);
    await run(s, 'docker build --no-cache -t n .');
    const x = explainImage(s.engine.state, 'n');
    expect(x.layers.map((l) => l.cache?.reason)).toEqual([undefined, undefined, 'no-cache', 'no-cache']);
    expect(x.build?.dockerfile).toBe('FROM alpine:3.20\nRUN echo hi > /hi\nRUN echo ho > /ho\n');
  });

  it('keeps the build records with the engine state (area "layers")', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\n' });
    await run(s, 'docker build -t keep .');
    const again = createSession({ engineState: JSON.parse(JSON.stringify(s.snapshot())) });
    const id = (await again.client.imageInspect('keep')).Id;
    expect(lastBuild(again.engine.state, id)?.dockerfile).toBe('FROM alpine:3.20\nRUN echo hi > /hi\n');
    expect(explainImage(again.engine.state, 'keep').layers.map((l) => l.cache?.hit)).toEqual([undefined, undefined, false]);
  });

  it('gives legacy builds and pulled images their layers without lines or cache status', async () => {
    const s = session({ Dockerfile: 'FROM alpine:3.20\nRUN echo hi > /hi\n' }, { DOCKER_BUILDKIT: '0' });
    await run(s, 'docker build -t old .');
    const x = explainImage(s.engine.state, 'old');
    expect(x.layers.map((l) => [l.line, l.cache])).toEqual([[undefined, undefined], [undefined, undefined], [undefined, undefined]]);
    expect(x.layers[2]!.changes).toEqual([{ path: '/hi', kind: 'A', size: 3, type: 'file' }]);
    expect(explainImage(s.engine.state, 'alpine:3.20').build).toBeUndefined();
  });

  it('puts the writable layer of the newest container on top', async () => {
    const s = session({ Dockerfile: DOCKERFILE, 'big.bin': bigFile() });
    await run(s, 'docker build -t w .');
    await run(s, 'docker create --name idle w');
    await run(s, 'docker run --name busy w sh -c "echo x > /tmp/x; rm /hello.txt; echo y >> /etc/motd"');
    const x = explainImage(s.engine.state, 'w');
    expect(x.containers.map((c) => [c.name, c.status])).toEqual([['idle', 'created'], ['busy', 'exited']]);
    expect(x.container!.name).toBe('busy');
    expect(x.container!.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['M /etc', 'M /etc/motd', 'D /hello.txt', 'M /tmp', 'A /tmp/x']);
    expect(x.container!.counts).toEqual({ added: 1, modified: 1, removed: 1 });
    expect(x.container!.size).toBe(284 + 2 + 2);
    expect(explainImage(s.engine.state, 'w', { container: 'idle' }).container!.changes).toEqual([]);
    expect(explainImage(s.engine.state, 'w', { container: '' }).container).toBeUndefined();
    expect(layerFiles(s.engine.state, 'w', x.layers.length).map((r) => `${r.kind} ${r.path}`)).toEqual(['M /etc', 'M /etc/motd', 'D /hello.txt', 'M /tmp', 'A /tmp/x']);
    const union = layerFiles(s.engine.state, 'w', x.layers.length, { cumulative: true });
    expect(union.find((r) => r.path === '/tmp/x')).toEqual({ path: '/tmp/x', type: 'file', size: 2, kind: 'A' });
    expect(union.find((r) => r.path === '/hello.txt')?.kind).toBe('D');
  });
});

describe('layerFiles and the tree', () => {
  it('lists the union at a layer with that layer\'s marks, and builds a tree with summed sizes', async () => {
    const s = session({ Dockerfile: DOCKERFILE, 'big.bin': bigFile() });
    await run(s, 'docker build -t t .');
    const atCopy = layerFiles(s.engine.state, 't', 2, { cumulative: true });
    expect(atCopy.filter((r) => r.kind).map((r) => `${r.kind} ${r.path}`)).toEqual(['A /data', 'A /data/big.bin']);
    expect(atCopy.find((r) => r.path === '/etc/passwd')).toMatchObject({ type: 'file' });
    expect(atCopy.find((r) => r.path === '/bin/sh')).toMatchObject({ type: 'symlink', target: '/bin/busybox' });
    const atRm = layerFiles(s.engine.state, 't', 3, { cumulative: true });
    expect(atRm.filter((r) => r.kind).map((r) => `${r.kind} ${r.path}`)).toEqual(['M /data', 'D /data/big.bin']);
    // a metadata row shows the union of the layers below it
    expect(layerFiles(s.engine.state, 't', 5, { cumulative: true }).length).toBe(layerFiles(s.engine.state, 't', 4, { cumulative: true }).length);
    expect(layerFiles(s.engine.state, 't', 5)).toEqual([]);

    const tree = buildTree(atCopy);
    const data = tree.children.find((c) => c.name === 'data')!;
    expect(data).toMatchObject({ path: '/data', type: 'dir', size: MB, kind: 'A', marks: { added: 2, modified: 0, removed: 0 } });
    expect(tree.size).toBe(ALPINE_BASE + MB);
    expect(tree.marks).toEqual({ added: 2, modified: 0, removed: 0 });
    expect(tree.children.map((c) => c.name).slice(0, 4)).toEqual(['bin', 'data', 'dev', 'etc']);

    const rmTree = buildTree(atRm);
    expect(rmTree.size).toBe(ALPINE_BASE);
    expect(rmTree.children.find((c) => c.name === 'data')!.marks).toEqual({ added: 0, modified: 0, removed: 1 });

    const open = initialExpanded(tree);
    expect([...open]).toEqual(['/data']);
    const rows = visibleRows(tree, open);
    const i = rows.findIndex((r) => r.node.path === '/data');
    expect(rows[i]).toMatchObject({ depth: 1, expandable: true, expanded: true });
    expect(rows[i + 1]).toMatchObject({ depth: 2, expandable: false, posInSet: 1, setSize: 1 });
    expect(rows[i + 1]!.node.path).toBe('/data/big.bin');
    expect(visibleRows(tree, new Set()).length).toBe(tree.children.length);
  });

  it('formats sizes as Docker does, with a space', () => {
    expect([0, 999, 1000, 1536, 1_048_576, 7_797_760, 123_456_789, 2.5e9].map(formatBytes)).toEqual(
      ['0 B', '999 B', '1 kB', '1.54 kB', '1.05 MB', '7.8 MB', '123 MB', '2.5 GB'],
    );
    expect([1, 0.99999, 0.995, 0.5, 0].map(percent)).toEqual(['100%', '99.9%', '99.5%', '50%', '0%']);
  });
});
