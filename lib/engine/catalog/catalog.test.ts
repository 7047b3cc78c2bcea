import { describe, expect, it } from 'vitest';
import { createCatalog } from './index';
import { UnionFs } from '../fs/union';
import { flatten } from '../fs/view';
import { REPOS } from './hub';

const cat = createCatalog();
const fsOf = (repo: string, tag: string) => {
  const img = cat.image('library/' + repo, tag)!;
  return new UnionFs(flatten(img.layers.map((l) => cat.layerContent(l.key))));
};

describe('catalog', () => {
  it('resolves every tag of every repository with stable ids', () => {
    for (const r of REPOS) for (const tag of Object.keys(r.tags)) {
      const img = cat.image('library/' + r.name, tag);
      expect(img, `${r.name}:${tag}`).toBeDefined();
      expect(img!.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(createCatalog().image('library/nginx', 'latest')!.id).toBe(cat.image('library/nginx', 'latest')!.id);
    expect(cat.image('library/nope', 'latest')).toBeUndefined();
    expect(cat.image('someone/nginx', 'latest')).toBeUndefined();
  });
  it('has realistic sizes and layer counts', () => {
    const size = (r: string, t: string) => cat.image('library/' + r, t)!.layers.reduce((n, l) => n + l.size, 0);
    expect(size('hello-world', 'latest')).toBe(10_072);
    expect(size('alpine', '3.21')).toBe(7_834_020);
    expect(size('ubuntu', '22.04')).toBe(77_864_000);
    expect(size('debian', 'bookworm')).toBe(116_539_000);
    expect(cat.image('library/nginx', 'latest')!.layers.length).toBe(7);
    expect(size('nginx', 'latest')).toBeGreaterThan(190_000_000);
    expect(size('node', '22')).toBeGreaterThan(1_000_000_000);
    // shared base layers
    expect(cat.image('library/nginx', 'latest')!.layers[0].diffId).toBe(cat.image('library/debian', 'bookworm-slim')!.layers[0].diffId);
  });
  it('generates real root file systems', async () => {
    const deb = fsOf('debian', 'bookworm');
    expect(await deb.readFile('/etc/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect((await deb.lstat('/bin')).isSymbolicLink).toBe(true);
    expect(await deb.exists('/bin/bash')).toBe(true);
    expect(await deb.exists('/usr/bin/curl')).toBe(false);
    expect(await deb.readFile('/var/lib/dpkg/status')).toContain('Package: coreutils\nEssential: yes\nStatus: install ok installed');
    expect(await deb.readdir('/')).toEqual(['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);
    const alp = fsOf('alpine', 'latest');
    expect(await alp.readFile('/etc/os-release')).toContain('VERSION_ID=3.21.3');
    expect(await alp.readlink('/bin/sh')).toBe('/bin/busybox');
    expect(await alp.exists('/bin/bash')).toBe(false);
    expect(await alp.readFile('/lib/apk/db/installed')).toContain('P:busybox');
    const ub = fsOf('ubuntu', '18.04');
    expect(await ub.readFile('/etc/os-release')).toContain('VERSION="18.04.6 LTS (Bionic Beaver)"');
    expect((await ub.lstat('/bin')).isDirectory).toBe(true);
    const ng = fsOf('nginx', 'latest');
    expect(await ng.readFile('/usr/share/nginx/html/index.html')).toContain('Welcome to nginx!');
    expect(await ng.exists('/usr/bin/curl')).toBe(true);
    const hello = fsOf('hello-world', 'latest');
    expect((await hello.readFile('/hello')).includes('Hello from Docker!')).toBe(true);
  });
  it('history rows look like the real images', () => {
    const ub = cat.image('library/ubuntu', '22.04')!.config.history!;
    expect(ub[ub.length - 1]).toEqual({ created: '2025-01-26T05:31:17.654375358Z', created_by: '/bin/sh -c #(nop)  CMD ["/bin/bash"]', empty_layer: true });
    expect(ub.map((h) => (h.created_by ?? '').slice(0, 30))).toEqual([
      '/bin/sh -c #(nop)  ARG RELEASE', '/bin/sh -c #(nop)  ARG LAUNCHP', '/bin/sh -c #(nop)  LABEL org.o', '/bin/sh -c #(nop)  LABEL org.o', '/bin/sh -c #(nop) ADD file:a76', '/bin/sh -c #(nop)  CMD ["/bin/',
    ]);
    const ng = cat.image('library/nginx', 'latest')!.config;
    expect(ng.history![0].created_by).toMatch(/^# debian.sh --arch 'amd64' out\/ 'bookworm' '@\d+'$/);
    expect(ng.history![ng.history!.length - 1]).toMatchObject({ created_by: 'CMD ["nginx" "-g" "daemon off;"]', comment: 'buildkit.dockerfile.v0', empty_layer: true });
    expect(Object.keys(ng.config!)).toEqual(['ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Labels', 'StopSignal']);
  });
});
