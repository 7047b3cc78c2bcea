import { describe, expect, it } from 'vitest';
import { createEngine } from '../index';
import { ManualClock } from '../clock';
import { runShell } from '../../shell/run';
import type { JSONMessage } from '../../api/types';
import { APK, APT } from './data';
import { APK_RELEASES, APT_RELEASES, apkDb, aptDb } from './releases';

const engine = createEngine({ clock: new ManualClock(Date.UTC(2025, 5, 1)), seed: 'pkgver' });
async function fsOf(ref: string) {
  const [repo, tag] = ref.split(':');
  for await (const _m of engine.imagePull({ fromImage: repo, tag }) as AsyncIterable<JSONMessage>) void _m;
  return engine.rootfs(ref);
}
async function sh(ref: string, script: string) {
  return runShell({ fs: await fsOf(ref), script });
}
const install = (ref: string, pkg: string) => sh(ref, `apt-get update >/dev/null && apt-get install -y ${pkg}`);

describe('apt follows the release of the image', () => {
  it.each([
    ['ubuntu:18.04', '1.14.0-0ubuntu1.11', '2.27-3ubuntu1.6', 'bionic'],
    ['ubuntu:18.10', '1.15.5-0ubuntu2.1', '2.28-0ubuntu1', 'cosmic'],
    ['ubuntu:22.04', '1.18.0-6ubuntu14.5', '2.35-0ubuntu3.8', 'jammy'],
    ['ubuntu:24.04', '1.24.0-2ubuntu7', '2.39-0ubuntu8.3', 'noble'],
    ['debian:bookworm', '1.22.1-9+deb12u1', '2.36-9+deb12u10', 'bookworm'],
  ])('%s: apt-get install -y nginx', async (ref, nginx, libc, code) => {
    const r = await install(ref, 'nginx');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Setting up nginx (${nginx}) ...\n`);
    expect(r.stdout).toContain(`Setting up nginx-common (${nginx}) ...\n`);
    expect(r.stdout).toContain(`Processing triggers for libc-bin (${libc}) ...\n`);
    expect(r.stdout).toContain(` ${code}/main amd64 nginx amd64 ${nginx} [`);
    // Ubuntu before 24.04: nginx is a metapackage over nginx-core.
    expect(r.stdout.includes(`Setting up nginx-core (${nginx}) ...`)).toBe(code === 'bionic' || code === 'cosmic' || code === 'jammy');
    if (code !== 'bookworm') expect(r.stdout).not.toContain('deb12u');
    const dpkg = await runShell({ fs: await fsOf(ref), script: 'dpkg -s libc-bin | grep ^Version' });
    expect(dpkg.stdout).toBe(`Version: ${libc}\n`);
  });

  it('the seed build (ubuntu:18.10 cosmic) installs cosmic\'s nginx', async () => {
    const r = await install('ubuntu:18.10', 'nginx');
    expect(r.stdout).toContain('The following additional packages will be installed:\n  nginx-common nginx-core\n');
    expect(r.stdout).toContain('Get:1 http://archive.ubuntu.com/ubuntu cosmic/main amd64 nginx-common amd64 1.15.5-0ubuntu2.1 [');
    expect(r.stdout).toContain('Get:3 http://archive.ubuntu.com/ubuntu cosmic/main amd64 nginx amd64 1.15.5-0ubuntu2.1 [3596 B]\n');
    expect(r.stdout).not.toContain('1.22.1');
    expect(r.stdout).not.toContain('2.36-9');
  });

  it('curl, git, python3 and build-essential per release', async () => {
    const bionic = await install('ubuntu:18.04', 'curl git python3 build-essential');
    expect(bionic.stdout).toContain('Setting up curl (7.58.0-2ubuntu3.24) ...');
    expect(bionic.stdout).toContain('Setting up git (1:2.17.1-1ubuntu0.18) ...');
    expect(bionic.stdout).toContain('Setting up python3.6 (3.6.9-1~18.04ubuntu1.12) ...');
    expect(bionic.stdout).toContain('Setting up build-essential (12.4ubuntu1) ...');
    expect(bionic.stdout).not.toContain('python3.11');
    const focal = await install('ubuntu:20.04', 'curl git');
    expect(focal.stdout).toContain('Setting up curl (7.68.0-1ubuntu2.25) ...');
    expect(focal.stdout).toContain('Setting up git (1:2.25.1-1ubuntu3.14) ...');
    const noble = await install('ubuntu:24.04', 'curl python3');
    expect(noble.stdout).toContain('Setting up libcurl4t64:amd64 (8.5.0-2ubuntu10.6) ...');
    expect(noble.stdout).toContain('Setting up python3.12 (3.12.3-1ubuntu0.3) ...');
    const deb = await install('debian:bookworm', 'curl');
    expect(deb.stdout).toContain('Setting up curl (7.88.1-10+deb12u12) ...');
  });

  it('apt\'s usage line names the release\'s apt', async () => {
    expect((await sh('ubuntu:18.10', 'apt-get')).stdout).toBe('apt 1.7.4 (amd64)\nUsage: apt-get [options] command\n');
    expect((await sh('ubuntu:22.04', 'apt-get')).stdout.split('\n')[0]).toBe('apt 2.4.13 (amd64)');
    expect((await sh('debian:bookworm', 'apt-get')).stdout.split('\n')[0]).toBe('apt 2.6.1 (amd64)');
  });

  it('every dependency of every release resolves to a package of that release', () => {
    for (const code of Object.keys(APT_RELEASES)) {
      const db = aptDb(APT, code);
      for (const [n, p] of Object.entries(db)) for (const d of p.deps ?? []) expect(db[d], `${code}: ${n} -> ${d}`).toBeDefined();
    }
    for (const b of Object.keys(APK_RELEASES)) {
      const db = apkDb(APK, b);
      for (const [n, p] of Object.entries(db)) for (const d of p.deps ?? []) expect(db[d], `${b}: ${n} -> ${d}`).toBeDefined();
    }
  });
});

describe('apk follows the Alpine branch', () => {
  it.each([
    ['alpine:3.21', '8.12.1-r1', '5.2.37-r0'],
    ['alpine:3.20', '8.12.1-r0', '5.2.26-r0'],
    ['alpine:3.19', '8.12.1-r0', '5.2.21-r0'],
  ])('%s: apk add curl bash', async (ref, curl, bash) => {
    const r = await sh(ref, 'apk add --no-cache curl bash');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\) Installing curl \\(${curl.replace(/\./g, '\\.')}\\)\\n`));
    expect(r.stdout).toContain(`Installing bash (${bash})\n  Executing bash-${bash}.post-install\n`);
  });
});
