import { describe, expect, it } from 'vitest';
import { Bash } from 'just-bash';
import { UnionFs } from './union';
import { flatten, MutableView } from './view';
import { dir, file, symlink, lazy } from './entry';
import { layerFromTar, layerTar, type LayerChange } from '../tar';

function baseLayer(): Map<string, LayerChange> {
  const m = new Map<string, LayerChange>();
  m.set('/etc', dir());
  m.set('/etc/passwd', file('root:x:0:0:root:/root:/bin/bash\n'));
  m.set('/etc/os-release', file('ID=debian\n'));
  m.set('/usr', dir());
  m.set('/usr/bin', dir());
  m.set('/usr/bin/ls', file(lazy(150_000, '\x7fELF'), 0o755));
  m.set('/bin', symlink('usr/bin'));
  m.set('/var', dir());
  m.set('/var/lib', dir());
  m.set('/var/lib/apt', dir());
  m.set('/var/lib/apt/lists', dir());
  m.set('/var/lib/apt/lists/a', file('1'));
  m.set('/var/lib/apt/lists/b', file('2'));
  m.set('/tmp', dir(0o1777));
  m.set('/root', dir(0o700));
  return m;
}
const mk = () => new UnionFs(flatten([{ entries: baseLayer() }]), { now: () => 1000 });

describe('UnionFs contract', () => {
  it('reads the base and writes copy-on-write without touching the base view', async () => {
    const view = flatten([{ entries: baseLayer() }]);
    const a = new UnionFs(view), b = new UnionFs(view);
    await a.writeFile('/etc/passwd', 'changed\n');
    expect(await a.readFile('/etc/passwd')).toBe('changed\n');
    expect(await b.readFile('/etc/passwd')).toBe('root:x:0:0:root:/root:/bin/bash\n');
    expect((await a.stat('/etc/passwd')).mode & 0o777).toBe(0o644);
  });
  it('lists directories sorted and merges upper and lower', async () => {
    const fs = mk();
    await fs.writeFile('/etc/hosts', 'x');
    await fs.rm('/etc/os-release');
    expect(await fs.readdir('/etc')).toEqual(['hosts', 'passwd']);
    expect(await fs.readdir('/')).toEqual(['bin', 'etc', 'root', 'tmp', 'usr', 'var']);
    const d = await fs.readdirWithFileTypes!('/');
    expect(d.find((x) => x.name === 'bin')).toEqual({ name: 'bin', isFile: false, isDirectory: false, isSymbolicLink: true });
  });
  it('follows symlinked directories on read and write (Ubuntu /bin -> usr/bin)', async () => {
    const fs = mk();
    expect((await fs.stat('/bin/ls')).size).toBe(150_000);
    await fs.writeFile('/bin/hello', '#!/bin/sh\necho hi\n');
    expect(await fs.readFile('/usr/bin/hello')).toBe('#!/bin/sh\necho hi\n');
    expect(await fs.readdir('/bin')).toEqual(['hello', 'ls']);
    expect(await fs.realpath('/bin/hello')).toBe('/usr/bin/hello');
    expect((await fs.lstat('/bin')).isSymbolicLink).toBe(true);
    expect(await fs.readlink('/bin')).toBe('usr/bin');
    await fs.symlink('../../etc/passwd', '/usr/bin/pw');
    expect(await fs.readFile('/bin/pw')).toContain('root:x');
    await fs.symlink('/nowhere', '/dangling');
    expect(await fs.exists('/dangling')).toBe(false);
    await fs.symlink('loop', '/loop');
    await expect(fs.stat('/loop')).rejects.toThrow(/ELOOP/);
  });
  it('errors like node with the path', async () => {
    const fs = mk();
    await expect(fs.readFile('/nope')).rejects.toThrow("ENOENT: no such file or directory, open '/nope'");
    await expect(fs.readFile('/etc')).rejects.toThrow(/EISDIR/);
    await expect(fs.mkdir('/etc')).rejects.toThrow(/EEXIST/);
    await expect(fs.mkdir('/a/b')).rejects.toThrow(/ENOENT/);
    await expect(fs.readdir('/etc/passwd')).rejects.toThrow(/ENOTDIR/);
    await expect(fs.rm('/var/lib')).rejects.toThrow(/ENOTEMPTY/);
    await fs.rm('/nope', { force: true });
  });
  it('mkdir -p, cp -r, mv, chmod, chown, link, utimes, append', async () => {
    const fs = mk();
    fs.owner = { uid: 1000, gid: 1000 };
    await fs.mkdir('/app/src/x', { recursive: true });
    expect((await fs.stat('/app/src')).uid).toBe(1000);
    await fs.writeFile('/app/src/x/a.txt', 'A');
    await fs.appendFile('/app/src/x/a.txt', 'B');
    expect(await fs.readFile('/app/src/x/a.txt')).toBe('AB');
    await fs.cp('/app/src', '/app/copy', { recursive: true });
    expect(await fs.readFile('/app/copy/x/a.txt')).toBe('AB');
    await fs.mv('/app/copy', '/app/moved');
    expect(await fs.exists('/app/copy/x/a.txt')).toBe(false);
    expect(await fs.readFile('/app/moved/x/a.txt')).toBe('AB');
    await fs.mv('/etc/passwd', '/tmp');
    expect(await fs.exists('/tmp/passwd')).toBe(true);
    await fs.chmod('/tmp/passwd', 0o600);
    fs.chown('/tmp/passwd', 33, 33);
    const st = await fs.stat('/tmp/passwd');
    expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o600, 33, 33]);
    await fs.link('/tmp/passwd', '/tmp/hard');
    expect(await fs.readFile('/tmp/hard')).toContain('root');
    await fs.utimes('/tmp/hard', new Date(0), new Date(5000));
    expect((await fs.stat('/tmp/hard')).mtime.getTime()).toBe(5000);
  });
  it('produces a layer diff with parents, whiteouts and opaque dirs', async () => {
    const fs = mk();
    await fs.writeFile('/etc/hostname', 'box');
    await fs.rm('/etc/os-release');
    await fs.rm('/var/lib/apt/lists', { recursive: true });
    await fs.mkdir('/var/lib/apt/lists');
    await fs.writeFile('/var/lib/apt/lists/c', '3');
    await fs.rm('/usr', { recursive: true, force: true });
    await fs.writeFile('/tmp/t', 't');
    await fs.rm('/tmp/t');
    const d = fs.diff();
    expect([...d.entries.keys()].sort()).toEqual([
      '/etc', '/etc/hostname', '/etc/os-release', '/tmp', '/usr', '/var', '/var/lib', '/var/lib/apt', '/var/lib/apt/lists', '/var/lib/apt/lists/c',
    ]);
    expect(d.entries.get('/usr')).toEqual({ type: 'whiteout' });
    expect(d.entries.get('/etc/os-release')).toEqual({ type: 'whiteout' });
    expect(d.opaque).toEqual(new Set(['/var/lib/apt/lists']));
    expect(fs.changes().map((c) => `${'CAD'[c.Kind === 0 ? 0 : c.Kind === 1 ? 1 : 2]} ${c.Path}`)).toContain('D /usr');
    // applying the diff (through a tar round trip) gives the same tree
    const next = flatten([layerFromTar(layerTar(d))], fs.base);
    const again = new UnionFs(next);
    expect(await again.readdir('/var/lib/apt/lists')).toEqual(['c']);
    expect(await again.exists('/usr/bin/ls')).toBe(false);
    expect(await again.readdir('/etc')).toEqual(['hostname', 'passwd']);
  });
  it('diff cost follows the changes, not the image', () => {
    const big = new MutableView();
    big.set('/data', dir());
    for (let i = 0; i < 20000; i++) big.set(`/data/f${i}`, file('x'));
    const fs = new UnionFs(big);
    void fs.writeFile('/data/new', 'y');
    const t = performance.now();
    for (let i = 0; i < 100; i++) fs.diff();
    expect(performance.now() - t).toBeLessThan(100);
    expect(fs.touched()).toEqual(['/data/new', '/data']);
  });
  it('works as the file system of just-bash without polluting it', async () => {
    const fs = mk();
    await fs.writeFile('/usr/bin/echo', '');
    await fs.writeFile('/usr/bin/cat', '');
    await fs.writeFile('/usr/bin/pwd', '');
    const bash = new Bash({ fs, cwd: '/', env: { PATH: '/usr/bin:/bin' } });
    const before = fs.touched();
    const r = await bash.exec('echo hello > /tmp/x && cat /tmp/x && cd /bin && pwd && ls /etc', { cwd: '/' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello\n/bin\nos-release\npasswd\n');
    expect(fs.touched().filter((p) => !before.includes(p)).sort()).toEqual(['/tmp', '/tmp/x']);
  });
});
