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
});
