import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index';
import { ManualClock } from '../engine/clock';
import { runShell, ShellSession } from './run';
import type { JSONMessage } from '../api/types';

const engine = createEngine({ clock: new ManualClock(Date.UTC(2025, 5, 1)), seed: 's' });
const pulled = new Set<string>();
async function fsOf(ref: string) {
  if (!pulled.has(ref)) {
    const [repo, tag] = ref.split(':');
    for await (const _m of engine.imagePull({ fromImage: repo, tag }) as AsyncIterable<JSONMessage>) void _m;
    pulled.add(ref);
  }
  return engine.rootfs(ref);
}
const sh = async (ref: string, script: string, extra: Partial<Parameters<typeof runShell>[0]> = {}) => runShell({ fs: await fsOf(ref), script, ...extra });

describe('runShell readOnly (RUN --mount read-only binds and secrets)', () => {
  it('writes under a read-only path fail with the image shell\'s wording; reads work; other paths are writable', async () => {
    const deb = await sh('debian:bookworm', 'touch /etc/ro; mkdir /etc/ro2; rm /etc/hostname; cat /etc/debian_version; echo ok > /tmp/w && cat /tmp/w', { readOnly: ['/etc'] });
    expect(deb.stderr).toBe("touch: cannot touch '/etc/ro': Read-only file system\nmkdir: cannot create directory '/etc/ro2': Read-only file system\nrm: cannot remove '/etc/hostname': Read-only file system\n");
    expect(deb.stdout).toBe('12.10\nok\n');
    const alp = await sh('alpine:3.20', 'touch /etc/ro', { readOnly: ['/etc'] });
    expect(alp.stderr).toBe('touch: /etc/ro: Read-only file system\n');
    const redirect = await sh('debian:bookworm', 'echo x > /etc/ro', { readOnly: ['/etc'] });
    expect(redirect.stderr).toBe('/bin/sh: 1: cannot create /etc/ro: Read-only file system\n');
  });
});

describe('runShell', () => {
  it('runs scripts on debian with the binaries of the image only', async () => {
    const r = await sh('debian:bookworm', 'echo hi && ls / | head -3 && cat /etc/debian_version');
    expect(r).toMatchObject({ stdout: 'hi\nbin\nboot\ndev\n12.10\n', stderr: '', exitCode: 0 });
    const c = await sh('debian:bookworm', 'curl https://example.com');
    expect(c).toMatchObject({ stdout: '', stderr: '/bin/sh: 1: curl: not found\n', exitCode: 127 });
  });
  it('apt-get install fails before update, works after, and leaves lists behind', async () => {
    const fs = await fsOf('debian:bookworm');
    const before = await runShell({ fs, script: 'apt-get install -y curl' });
    expect(before.exitCode).toBe(100);
    expect(before.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
    expect(before.stderr).toBe('E: Unable to locate package curl\n');
    const r = await runShell({ fs, script: 'apt-get update && apt-get install -y curl && curl --version | head -1' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Get:1 http://deb.debian.org/debian bookworm InRelease [');
    expect(r.stdout).toContain('The following NEW packages will be installed:\n  ca-certificates curl');
    expect(r.stdout).toContain('Setting up curl (7.88.1-10+deb12u12) ...');
    expect(r.stdout).toContain('curl 7.88.1');
    const after = await runShell({ fs, script: 'curl -s http://localhost:8080/; echo "rc=$?"' });
    expect(after.stdout).toBe('rc=7\n');
    const size = fs.upperSize();
    expect(size).toBeGreaterThan(10_000_000);
    const nf = await runShell({ fs, script: 'apt-get install -y nosuchpkg' });
    expect([nf.exitCode, nf.stderr]).toEqual([100, 'E: Unable to locate package nosuchpkg\n']);
    const noYes = await runShell({ fs, script: 'apt-get install wget' });
    expect(noYes.exitCode).toBe(1);
    expect(noYes.stdout).toMatch(/Do you want to continue\? \[Y\/n\] Abort\.\n$/);
  });
  it('alpine: busybox wording, no bash, apk', async () => {
    const fs = await fsOf('alpine:3.21');
    expect(await runShell({ fs, script: 'bash -c "echo x"' })).toMatchObject({ stdout: '', stderr: '/bin/sh: bash: not found\n', exitCode: 127 });
    const bad = await runShell({ fs, script: 'apk add --no-cache foo' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe('ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\n');
    expect(bad.stdout).toBe('fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n');
    const ok = await runShell({ fs, script: 'apk add --no-cache bash && bash -c "echo from bash"' });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('(1/4) Installing ncurses-terminfo-base (6.5_p20241006-r3)\n(2/4) Installing libncursesw (6.5_p20241006-r3)\n(3/4) Installing readline (8.2.13-r0)\n(4/4) Installing bash (5.2.37-r0)\n  Executing bash-5.2.37-r0.post-install\nExecuting busybox-1.37.0-r12.trigger\n');
    expect(ok.stdout).toMatch(/OK: \d+ MiB in 19 packages\nfrom bash\n$/);
    const ps = await runShell({ fs, script: 'ps' });
    expect(ps.stdout.split('\n')[0]).toBe('PID   USER     TIME  COMMAND');
  });
  it('users, groups, ownership and USER', async () => {
    const fs = await fsOf('debian:bookworm-slim');
    const r = await runShell({ fs, script: 'groupadd -r app && useradd -r -g app -m -d /home/app app && mkdir /data && chown app:app /data && id app && ls -d /data' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('uid=999(app) gid=999(app) groups=999(app)\n/data\n');
    expect(fs.entry('/data')).toMatchObject({ uid: 999, gid: 999 });
    const who = await runShell({ fs, script: 'whoami; id -u; touch /tmp/mine', user: 'app' });
    expect(who.stdout).toBe('app\n999\n');
    expect(fs.entry('/tmp/mine')).toMatchObject({ uid: 999, gid: 999 });
    expect((await runShell({ fs, script: 'true', user: 'nobody2' })).startError).toBe('unable to find user nobody2: no matching entries in passwd file');
    const dup = await runShell({ fs, script: 'useradd app' });
    expect([dup.exitCode, dup.stderr]).toEqual([9, "useradd: user 'app' already exists\n"]);
  });
  it('writes through symlinked /bin, has uname/hostname, and a missing shell fails to start', async () => {
    const fs = await fsOf('ubuntu:22.04');
    const r = await runShell({ fs, script: 'echo "#!/bin/sh" > /bin/hello && cat /usr/bin/hello && uname -m && hostname', hostname: 'abc123' });
    expect(r.stdout).toBe('#!/bin/sh\nx86_64\nabc123\n');
    const hello = await fsOf('hello-world:latest');
    expect((await runShell({ fs: hello, script: 'echo' })).startError).toBe('exec: "/bin/sh": stat /bin/sh: no such file or directory');
  });
  it('stops loops that never end with a clear error', async () => {
    const t = performance.now();
    const r = await sh('alpine:3.21', 'while true; do :; done', { limits: { maxCommandCount: 5000, maxLoopIterations: 5000 } });
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/playground limits/);
  });
  it('pip and npm install known packages and reject unknown ones', async () => {
    const fs = await fsOf('python:3.13-slim');
    const p = await runShell({ fs, script: 'pip install flask' });
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toContain('Successfully installed blinker-1.9.0 click-8.1.8 flask-3.1.0');
    const bad = await runShell({ fs, script: 'pip install nosuchthing' });
    expect(bad.stderr).toBe('ERROR: Could not find a version that satisfies the requirement nosuchthing (from versions: none)\nERROR: No matching distribution found for nosuchthing\n');
    const env = Object.fromEntries((await engine.imageInspect('python:3.13-slim')).Config.Env!.map((e) => e.split(/=(.*)/s).slice(0, 2)));
    const py = await runShell({ fs, script: 'python3 --version', env });
    expect(py.stdout).toBe('Python 3.13.2\n');
  });
});

describe('runShell integration', () => {
  it('a RUN-like step becomes a layer: diff, DiffID, image, history and sizes', async () => {
    const fs = await fsOf('ubuntu:22.04');
    const r = await runShell({ fs, script: 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', shell: ['/bin/bash', '-o', 'pipefail', '-c'] });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Get:1 http://archive.ubuntu.com/ubuntu jammy InRelease');
    const diff = fs.diff();
    expect(diff.entries.has('/usr/bin/curl')).toBe(true);
    expect([...diff.entries.keys()].some((p) => p.startsWith('/var/lib/apt/lists/') && p.endsWith('_Packages'))).toBe(false);
    const st = engine.state;
    const base = st.images.get((await engine.imageInspect('ubuntu:22.04')).Id)!;
    const layer = st.layers.register(base.topChain, diff);
    const img = st.images.create({
      ...base.config, created: '2025-06-01T00:00:00Z',
      rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, layer.diffId] },
      history: [...base.config.history!, { created: '2025-06-01T00:00:00Z', created_by: 'RUN /bin/bash -o pipefail -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # buildkit', comment: 'buildkit.dockerfile.v0' }],
    });
    const h = await engine.imageHistory(img.id);
    expect(h[0]).toMatchObject({ Id: img.id, Size: layer.size });
    expect(layer.size).toBeGreaterThan(1_000_000);
    expect(layer.size).toBeLessThan(25_000_000);
    const list = await engine.imageList({ all: true });
    expect(list.find((s) => s.Id === img.id)!.Size).toBe(77_864_000 + layer.size);
    const bad = await runShell({ fs: engine.rootfs(img.id), script: 'false | true', shell: ['/bin/bash', '-o', 'pipefail', '-c'] });
    expect(bad.exitCode).toBe(1);
  });
});

describe('ShellSession', () => {
  it('keeps cwd and exported variables between lines and notices exit', async () => {
    const s = new ShellSession({ fs: await fsOf('alpine:3.21'), env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } });
    await s.run('cd /etc && export GREETING=hi && X="a b\'c"');
    const r = await s.run('pwd; echo $GREETING; echo "$X"');
    expect(r.stdout).toBe('/etc\nhi\na b\'c\n');
    const f = await s.run('false');
    expect(f.exitCode).toBe(1);
    expect(f.stdout).toBe('');
    expect(s.exited).toBe(false);
    await s.run('exit 3');
    expect(s.exited).toBe(true);
  });
});

describe('every catalog image', () => {
  it('starts a shell (or fails to start like Docker) and knows its OS', async () => {
    const { REPOS } = await import('../engine/catalog/hub');
    const results: Record<string, string> = {};
    for (const r of REPOS) {
      const fs = await fsOf(`${r.name}:${Object.keys(r.tags)[0]}`);
      const x = await runShell({ fs, script: 'cat /etc/os-release | head -1; ls /bin/sh >/dev/null && echo ok' });
      results[r.name] = x.startError ?? `${x.exitCode} ${x.stdout.split('\n')[0]}`;
    }
    expect(results['hello-world']).toBe('exec: "/bin/sh": stat /bin/sh: no such file or directory');
    expect(results.busybox).toMatch(/^1 |^0 /);
    expect(results.alpine).toBe('0 NAME="Alpine Linux"');
    expect(results.ubuntu).toBe('0 PRETTY_NAME="Ubuntu 24.04.2 LTS"');
    for (const n of ['nginx', 'httpd', 'redis', 'postgres', 'mysql', 'node', 'python', 'golang']) expect(results[n], n).toBe('0 PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    for (const n of ['mongo', 'eclipse-temurin', 'tomcat']) expect(results[n], n).toBe('0 PRETTY_NAME="Ubuntu 24.04.2 LTS"');
  });
});

describe('ls -l', () => {
  it('shows real owners, modes, links and dates; other forms use just-bash ls', async () => {
    const fs = await fsOf('debian:bookworm-slim');
    const now = Date.UTC(2025, 5, 1) / 1000;
    const r = await runShell({ fs, script: 'mkdir /app && echo hi > /app/a.txt && ln -s a.txt /app/link && useradd -u 1001 bob && chown bob /app/a.txt && chmod 4755 /app/a.txt && ls -l /app && ls /app && ls -ld /tmp', now: () => now });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'total 4',
      '-rwsr-xr-x 1 bob  root 3 Jun  1 00:00 a.txt',
      'lrwxrwxrwx 1 root root 5 Jun  1 00:00 link -> a.txt',
      'a.txt',
      'link',
      'drwxrwxrwt 2 root root 4096 Mar 17 00:00 /tmp',
      '',
    ].join('\n'));
    const alp = await fsOf('alpine:3.21');
    const b = await runShell({ fs: alp, script: 'ls -l /etc/hostname', now: () => now });
    expect(b.stdout).toBe('-rw-r--r--    1 root     root            10 Feb 14 03:28 /etc/hostname\n');
  });
});

describe('runArgv', () => {
  it('runs exec-form commands and fails like the runtime for missing binaries', async () => {
    const { runArgv } = await import('./run');
    const fs = await fsOf('alpine:3.21');
    expect(await runArgv({ fs, argv: ['echo', "it's", 'a $HOME'] })).toMatchObject({ stdout: "it's a $HOME\n", exitCode: 0 });
    expect((await runArgv({ fs, argv: ['nosuch'] })).startError).toBe('exec: "nosuch": executable file not found in $PATH');
    expect((await runArgv({ fs, argv: ['/bin/nosuch'] })).startError).toBe('exec: "/bin/nosuch": stat /bin/nosuch: no such file or directory');
    expect((await runArgv({ fs, argv: ['/etc/hostname'] })).startError).toBe('exec: "/etc/hostname": permission denied');
  });
});
