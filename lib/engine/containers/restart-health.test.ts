import { beforeAll, describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';
import { loadJustBash } from '../../shell/run';
import { Engine } from '../index';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { EngineClient } from '../../api/types';

// Containers' programs run in just-bash, loaded on first use by a dynamic import (file I/O): loaded up front, a program
// that exits at once has exited before the next command runs, however loaded the machine is.
beforeAll(async () => { await loadJustBash(); });

function setup() {
  return testConsole({ seed: 'restart-test' });
}

describe('restart policies', () => {
  it('on-failure:N restarts N times with the back-off, then stays exited; always restarts until docker stop', async () => {
    const { run, clock } = setup();
    await run('docker pull -q alpine');
    await run('docker run -d --name crash --restart on-failure:3 alpine sh -c "exit 2"');
    let r = await run('docker ps --format "{{.Names}} {{.Status}}"');
    expect(r.out).toBe('crash Restarting (2) Less than a second ago\n');
    clock.advance(2000);
    r = await run('docker inspect -f "{{.RestartCount}} {{.State.Status}} {{.State.Running}} {{.State.Restarting}} {{.State.ExitCode}}" crash');
    expect(r.out).toBe('3 exited false false 2\n');
    await run('docker run -d --name al --restart always alpine false');
    clock.advance(2000);
    r = await run('docker ps --format "{{.Names}} {{.Status}}"');
    // restarts at +0.1 s, +0.3 s, +0.7 s, +1.5 s (the back-off doubles from 100 ms); the next is due at +3.1 s
    expect(r.out).toBe('al Restarting (1) Less than a second ago\n');
    r = await run('docker inspect -f "{{.RestartCount}} {{.State.Status}} {{.State.Running}} {{.State.Restarting}} {{json .HostConfig.RestartPolicy}}" al');
    expect(r.out).toBe('4 restarting true true {"Name":"always","MaximumRetryCount":0}\n');
    r = await run('docker rm al');
    expect(r.err).toBe('Error response from daemon: cannot remove container "/al": container is restarting: stop the container before removing or force remove\n');
    await run('docker stop al');
    clock.advance(5000);
    r = await run('docker ps -a --filter name=al --format "{{.Status}}"');
    expect(r.out).toBe('Exited (1) 5 seconds ago\n');
  }, 60_000);

  it('a daemon restart (reload) starts always/unless-stopped containers again, not stopped ones', async () => {
    const { run, clock, engine } = setup();
    await run('docker run -d --name a1 --restart always alpine sleep infinity');
    await run('docker run -d --name u1 --restart unless-stopped alpine sleep infinity');
    await run('docker run -d --name u2 --restart unless-stopped alpine sleep infinity');
    await run('docker run -d --name n1 alpine sleep infinity');
    await run('docker stop u2');
    const e2 = Engine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())), { clock });
    const con = createConsole({ client: e2 as unknown as EngineClient, workspace: new MemoryWorkspace(() => clock.now()), now: () => clock.now() });
    let out = '';
    await con.run('docker ps -a --format "{{.Names}} {{.State}}"', { stdout: (s) => { out += s; }, stderr: () => {}, readLine: async () => null, isTTY: false, columns: 80 });
    expect(out).toBe('n1 exited\nu2 exited\nu1 running\na1 running\n');
  }, 60_000);

  it('validation: the CLI and daemon errors', async () => {
    const { run } = setup();
    const help = "\n\nRun 'docker run --help' for more information\n";
    expect((await run('docker run --restart bogus alpine')).err).toBe("docker: Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'" + help);
    expect((await run('docker run --restart always:3 alpine')).err).toBe("docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'" + help);
    expect((await run('docker run --restart on-failure:-1 alpine')).err).toBe('docker: Error response from daemon: invalid restart policy: maximum retry count cannot be negative' + help);
    expect((await run('docker run --restart on-failure:x alpine')).err).toBe('docker: invalid restart policy format: maximum retry count must be an integer' + help);
    expect((await run('docker run --restart :3 alpine')).err).toBe('docker: invalid restart policy format: no policy provided before colon' + help);
    expect((await run('docker run --rm --restart always alpine')).err).toBe('docker: conflicting options: cannot specify both --restart and --rm' + help);
    expect((await run('docker run --no-healthcheck --health-cmd x alpine')).err).toBe('docker: --no-healthcheck conflicts with --health-* options' + help);
    expect((await run('docker run --health-retries -1 alpine')).err).toBe('docker: --health-retries cannot be negative' + help);
    expect((await run('docker run --health-interval 500us --health-cmd x alpine')).err).toBe('docker: Error response from daemon: Interval in Healthcheck cannot be less than 1ms' + help);
  }, 60_000);
});

describe('health checks on the engine clock', () => {
  it('starting, healthy, unhealthy; State.Health; the health filter; --no-healthcheck', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name h1 --health-cmd "curl -f http://localhost/ || exit 1" --health-interval 5s nginx');
    clock.advance(3000);
    let r = await run('docker ps --format "{{.Names}} {{.Status}}"');
    expect(r.out).toBe('h1 Up 3 seconds (health: starting)\n');
    clock.advance(3000);
    r = await run('docker ps --format "{{.Names}} {{.Status}}"');
    expect(r.out).toBe('h1 Up 6 seconds (healthy)\n');
    r = await run('docker inspect -f "{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}} {{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Start}}" h1');
    expect(r.out).toBe('healthy 0 1 0 2026-11-27 04:00:05 +0000 UTC\n');
    r = await run('docker inspect -f "{{json .Config.Healthcheck}}" h1');
    expect(r.out).toBe('{"Test":["CMD-SHELL","curl -f http://localhost/ || exit 1"],"Interval":5000000000}\n');
    await run('docker run -d --name h2 --health-cmd "exit 1" --health-interval 1s --health-retries 2 alpine sleep 100');
    clock.advance(1500);
    r = await run('docker ps --format "{{.Names}} {{.Status}}" --filter health=starting');
    expect(r.out).toBe('h2 Up 1 second (health: starting)\n');
    clock.advance(1000);
    r = await run('docker ps --format "{{.Names}} {{.Status}}" --filter health=unhealthy');
    expect(r.out).toBe('h2 Up 2 seconds (unhealthy)\n');
    r = await run('docker inspect -f "{{.State.Health.FailingStreak}} {{len .State.Health.Log}}" h2');
    expect(r.out).toBe('2 2\n');
    await run('docker run -d --name h4 --health-cmd "sleep 100" --health-interval 2s --health-timeout 1500ms --health-retries 1 alpine sleep 100');
    clock.advance(2000);
    // the probe started at 2 s is cut at 3.5 s on the engine clock (health-timeout.test.ts has the details)
    r = await run('docker inspect -f "{{.State.Health.Status}} {{range .State.Health.Log}}{{.ExitCode}} {{.Output}}{{end}}" h4');
    expect(r.out).toBe('starting \n');
    clock.advance(1500);
    r = await run('docker inspect -f "{{.State.Health.Status}} {{range .State.Health.Log}}{{.ExitCode}} {{.Output}}{{end}}" h4');
    expect(r.out).toBe('unhealthy -1 Health check exceeded timeout (1.5s)\n');
    await run('docker rm -f h4');
    await run('docker run -d --name h3 --no-healthcheck alpine sleep 100');
    r = await run('docker ps --filter health=none --format "{{.Names}}"');
    expect(r.out).toBe('h3\n');
    r = await run('docker ps --filter health=bad');
    expect(r.err).toBe('Error response from daemon: Unrecognized filter value for health: bad\n');
  }, 60_000);
});
