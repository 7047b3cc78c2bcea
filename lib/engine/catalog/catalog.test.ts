import { describe, expect, it } from 'vitest';
import { createCatalog } from './index';
import { UnionFs } from '../fs/union';
import { flatten } from '../fs/view';
import { REPOS } from './hub';
import { humanSizeWithPrecision } from '../units';
import { digestOf } from '../digest';

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

  it('history rows never go forward in time from an image\'s base to its own rows, for every image', () => {
    for (const r of REPOS) for (const tag of Object.keys(r.tags)) {
      const hist = cat.image('library/' + r.name, tag)!.config.history!;
      // docker history lists newest first: created must be non-increasing down the list.
      const shown = [...hist].reverse().map((h) => Date.parse(h.created!));
      for (let i = 1; i < shown.length; i++) expect(shown[i], `${r.name}:${tag} row ${i}`).toBeLessThanOrEqual(shown[i - 1]);
    }
  });
  it('image sizes as docker image ls shows the real images', () => {
    const size = (repo: string, tag: string) => humanSizeWithPrecision(cat.image('library/' + repo, tag)!.layers.reduce((n, l) => n + l.size, 0), 3);
    expect(size('nginx', 'latest')).toBe('192MB');
    expect(size('alpine', 'latest')).toBe('7.83MB');
    expect(size('ubuntu', '24.04')).toBe('78.1MB');
    expect(size('debian', 'bookworm')).toBe('117MB');
    expect(size('python', '3.13')).toBe('1.02GB');
    expect(size('node', '22')).toBe('1.12GB');
    expect(size('hello-world', 'latest')).toBe('10.1kB');
    expect(size('busybox', 'latest')).toBe('4.27MB');
  });
  it('finds catalog layers by their synthetic DiffID', () => {
    const img = cat.image('library/nginx', 'latest')!;
    for (const l of img.layers) expect(createCatalog().layerKeyByDiffId!(l.diffId)).toBe(l.key);
    expect(cat.layerKeyByDiffId!(digestOf('nope'))).toBeUndefined();
  });
});

