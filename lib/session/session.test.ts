import { describe, expect, it } from 'vitest';
import type { ConsoleIO } from '../console/types';
import { ManualClock } from '../engine/clock';
import { createSession } from './index';

function io() {
  const out = { stdout: '', stderr: '' };
  const c: ConsoleIO = { stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, readLine: async () => null, isTTY: false, columns: 80 };
  return { c, out };
}

const DOCKERFILE = 'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/index.html\n';

describe('createSession', () => {
  it('builds with BuildKit, runs a published server that curl reaches, and survives a snapshot', async () => {
    const s = createSession({ clock: new ManualClock(1_764_000_000_000, 1000), files: [{ path: 'Dockerfile', data: DOCKERFILE }, { path: 'index.html', data: '<h1>hi</h1>\n' }] });
    const b = io();
    expect(await s.console.run('docker build -t web:1 .', b.c)).toBe(0);
    expect(b.out.stderr).toContain('#0 building with "default" instance using docker driver');
    expect(b.out.stderr).toMatch(/\n#\d+ naming to docker\.io\/library\/web:1( [\d.]+s)? done\n/);
    const r = io();
    expect(await s.console.run('docker run -d -p 8080:80 --name site web:1', r.c)).toBe(0);
    expect(r.out.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const c = io();
    expect(await s.console.run('curl localhost:8080', c.c)).toBe(0);
    expect(c.out.stdout).toBe('<h1>hi</h1>\n');

    const again = createSession({ engineState: s.snapshot() });
    const ls = io();
    expect(await again.console.run('docker image ls --format "{{.Repository}}:{{.Tag}}"', ls.c)).toBe(0);
    expect(ls.out.stdout.split('\n')).toContain('web:1');
    const ps = io();
    expect(await again.console.run('docker ps -a --format "{{.Names}}"', ps.c)).toBe(0);
    expect(ps.out.stdout).toBe('site\n');
  });

  it('selects the legacy builder with DOCKER_BUILDKIT=0', async () => {
    const s = createSession({ env: { DOCKER_BUILDKIT: '0' }, files: [{ path: 'Dockerfile', data: 'FROM alpine:3.20\nRUN echo hi\n' }] });
    const b = io();
    expect(await s.console.run('docker build -t x .', b.c)).toBe(0);
    expect(b.out.stdout).toContain('Step 2/2 : RUN echo hi');
    expect(b.out.stdout).toContain('Successfully tagged x:latest');
  });

  it('reads --env-file from the workspace (before -e) and reports a missing one as docker does', async () => {
    const s = createSession({ files: [{ path: 'app.env', data: '# settings\nGREETING=hello world\n  COLOR=blue\nUNSET_ONE\n' }] });
    const r = io();
    expect(await s.console.run('docker run --rm --env-file app.env -e EXTRA=1 alpine:3.20 env', r.c)).toBe(0);
    const lines = r.out.stdout.split('\n');
    expect(lines[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(lines[1]).toMatch(/^HOSTNAME=[0-9a-f]{12}$/);
    expect(lines.slice(2, 5)).toEqual(['GREETING=hello world', 'COLOR=blue', 'EXTRA=1']);
    expect(r.out.stdout).not.toContain('UNSET_ONE');
    const m = io();
    expect(await s.console.run('docker run --env-file nope.env alpine:3.20', m.c)).toBe(125);
    expect(m.out.stderr).toBe("docker: open nope.env: no such file or directory\n\nRun 'docker run --help' for more information\n");
  });
});
