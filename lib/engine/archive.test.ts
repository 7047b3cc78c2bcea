import { describe, expect, it } from 'vitest';
import { UnionFs } from './fs/union';
import { flatten } from './fs/view';
import { dir, file, symlink } from './fs/entry';
import { archivePath, extractArchive, goFileMode } from './archive';
import { readTar } from './tar';

const mk = () => new UnionFs(flatten([{ entries: new Map<string, never>([
  ['/etc', dir() as never], ['/etc/hostname', file('box\n', 0o644, 0, 0, 1_700_000_000) as never], ['/etc/conf.d', dir() as never],
  ['/etc/conf.d/a', file('a') as never], ['/bin', symlink('usr/bin') as never], ['/usr', dir() as never], ['/usr/bin', dir() as never], ['/tmp', dir(0o1777) as never],
]) }]));

describe('docker cp archives', () => {
  it('tars a file or a directory under its base name with a Go FileMode stat', () => {
    const fs = mk();
    const f = archivePath(fs, '/etc/hostname');
    expect(readTar(f.tar).map((r) => r.name)).toEqual(['hostname']);
    expect(f.stat).toEqual({ name: 'hostname', size: 4, mode: 0o644, mtime: '2023-11-14T22:13:20Z', linkTarget: '' });
    const d = archivePath(fs, '/etc');
    expect(readTar(d.tar).map((r) => r.name)).toEqual(['etc/', 'etc/conf.d/', 'etc/conf.d/a', 'etc/hostname']);
    expect(d.stat.mode).toBe(0x80000000 + 0o755);
    expect(archivePath(fs, '/bin').stat.linkTarget).toBe('usr/bin');
    expect(goFileMode(dir(0o1777))).toBe(0x80000000 + 0x100000 + 0o777);
    expect(() => archivePath(fs, '/nope')).toThrow('Could not find the file /nope in container');
  });
  it('extracts into a directory, through symlinked dirs', () => {
    const fs = mk();
    extractArchive(fs, '/tmp', archivePath(mk(), '/etc').tar);
    expect(fs.children('/tmp/etc')).toEqual(['conf.d', 'hostname']);
    extractArchive(fs, '/bin', archivePath(mk(), '/etc/hostname').tar);
    expect(fs.get('/usr/bin/hostname')?.type).toBe('file');
    expect(() => extractArchive(fs, '/etc/hostname', new Uint8Array(1024))).toThrow('extraction point is not a directory');
  });
});
