import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { headerBlocks, layerDiffId, layerFromTar, layerSize, layerTar, readTar, type LayerChange } from './tar';
import { dir, file, lazy, symlink, walkOrder } from './fs/entry';

function sample(): Map<string, LayerChange> {
  const m = new Map<string, LayerChange>();
  m.set('/etc', dir(0o755, 0, 0, 1700000000));
  m.set('/etc/hostname', file('box\n', 0o644, 0, 0, 1700000000));
  m.set('/etc/old.conf', { type: 'whiteout' });
  m.set('/usr', dir());
  m.set('/usr/bin', dir());
  m.set('/usr/bin/big', file(lazy(100_000, '\x7fELF'), 0o755));
  m.set('/bin', symlink('usr/bin'));
  m.set('/a-c', file('x'));
  m.set('/a', dir(0o1777, 1000, 1000, 5));
  m.set('/a/b', file('y', 0o4755));
  const long = '/' + 'd'.repeat(60) + '/' + 'e'.repeat(60) + '/' + 'f'.repeat(90);
  m.set(long, file('long'));
  m.set('/' + 'g'.repeat(120), file('pax'));
  m.set('/ünï', file('utf'));
  return m;
}

describe('tar', () => {
  it('writes Go-style ustar headers', () => {
    const [b] = headerBlocks({ name: 'etc/', typeflag: '5', mode: 0o755, uid: 0, gid: 0, size: 0, mtime: 1700000000 });
    const s = String.fromCharCode(...b);
    expect(s.slice(0, 4)).toBe('etc/');
    expect(s.slice(100, 108)).toBe('0000755\0');
    expect(s.slice(124, 136)).toBe('00000000000\0');
    expect(s.slice(136, 148)).toBe('14524770400\0');
    expect(s.slice(155, 157)).toBe(' 5');
    expect(s.slice(257, 265)).toBe('ustar\x0000');
    expect(s.slice(329, 345)).toBe('0000000\x000000000\x00');
    expect(s.slice(148, 154)).toMatch(/^[0-7]{6}$/);
    expect(s[154]).toBe('\0');
  });
  it('round-trips through our reader and GNU tar / python agree', () => {
    const layer = { entries: sample(), opaque: new Set(['/usr']) };
    const tar = layerTar(layer);
    expect(tar.length % 512).toBe(0);
    const dirp = mkdtempSync(join(tmpdir(), 'tar-'));
    const f = join(dirp, 'l.tar');
    writeFileSync(f, tar);
    const names = execFileSync('python3', ['-c', `import tarfile,sys\nfor m in tarfile.open(sys.argv[1]): print(m.name, m.type.decode(), oct(m.mode), m.size, m.linkname)`, f], { env: { ...process.env, PYTHONIOENCODING: 'utf-8' } }).toString().trim().split('\n');
    expect(names).toContain('etc/hostname 0 0o644 4 ');
    expect(names).toContain('etc/.wh.old.conf 0 0o0 0 ');
    expect(names).toContain('usr/.wh..wh..opq 0 0o755 0 ');
    expect(names).toContain('bin 2 0o777 0 usr/bin');
    expect(names).toContain('a 5 0o1777 0 ');
    expect(names).toContain('usr/bin/big 0 0o755 100000 ');
    expect(names).toContain('g'.repeat(120) + ' 0 0o644 3 ');
    expect(names).toContain('ünï 0 0o644 3');
    // walk order: a, a/b, a-c
    const order = names.map((l) => l.split(' ')[0]);
    expect(order.indexOf('a/b')).toBeLessThan(order.indexOf('a-c'));
    const gnu = execFileSync('tar', ['-tf', f]).toString();
    expect(gnu).toContain('d'.repeat(60) + '/' + 'e'.repeat(60) + '/' + 'f'.repeat(90));
    const back = layerFromTar(tar);
    expect(back.opaque).toEqual(new Set(['/usr']));
    expect(back.entries.get('/etc/old.conf')).toEqual({ type: 'whiteout' });
    expect(back.entries.get('/bin')).toMatchObject({ type: 'symlink', target: 'usr/bin' });
    expect(back.entries.get('/a')).toMatchObject({ type: 'dir', mode: 0o1777, uid: 1000, mtime: 5 });
    expect(back.entries.get('/ünï')).toMatchObject({ type: 'file' });
    expect(back.entries.get('/' + 'g'.repeat(120))).toMatchObject({ type: 'file' });
    const big = back.entries.get('/usr/bin/big');
    expect(big && big.type === 'file' && big.data instanceof Uint8Array && big.data.length).toBe(100_000);
  });
  it('DiffID is the sha256 of the tar stream and deterministic', () => {
    const layer = { entries: sample() };
    const tar = layerTar(layer);
    const d = layerDiffId(layer);
    expect(d.digest).toBe('sha256:' + createHash('sha256').update(tar).digest('hex'));
    expect(d.length).toBe(tar.length);
    expect(layerDiffId({ entries: sample() }).digest).toBe(d.digest);
  });
  it('reads hard links and GNU tar output', () => {
    const dirp = mkdtempSync(join(tmpdir(), 'tar-'));
    execFileSync('sh', ['-c', `cd ${dirp} && mkdir -p x && echo hi > x/a && ln x/a x/b && ln -s a x/c && tar --format=gnu -cf t.tar x`]);
    const recs = readTar(new Uint8Array(execFileSync('cat', [join(dirp, 't.tar')])));
    expect(recs.map((r) => r.typeflag).sort()).toEqual(['0', '1', '2', '5']);
    expect(recs.map((r) => r.name).sort(walkOrder)).toEqual(['x/', 'x/a', 'x/b', 'x/c']);
    const l = layerFromTar(new Uint8Array(execFileSync('cat', [join(dirp, 't.tar')])));
    const a = l.entries.get('/x/a'), b = l.entries.get('/x/b');
    expect(a?.type === 'file' && b?.type === 'file' && a.ino === b.ino && a.ino !== undefined).toBe(true);
    expect(layerSize(l)).toBe(3 + 1);
  });
  it('layer size counts files and symlinks, not directories', () => {
    expect(layerSize({ entries: sample() })).toBe(4 + 100_000 + 7 + 1 + 1 + 4 + 3 + 3);
  });
});
