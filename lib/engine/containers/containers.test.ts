import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl, Engine } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { EngineClient } from '../../api/types';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('containers-test') });
  const now = () => clock.now();
  const con = createConsole({ client: engine as unknown as EngineClient, workspace: new MemoryWorkspace(now), now, curl: engineCurl(engine) });
  const run = async (line: string, input: string[] = []) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => (input.length ? input.shift()! : null), isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { engine, clock, run };
}

describe('containers', () => {
  it('hello-world, ubuntu without -it exits at once, alpine prompt', async () => {
    const { run } = setup();
    let r = await run('docker run hello-world');
    expect(r.out).toContain('Hello from Docker!');
    expect(r.code).toBe(0);
    r = await run('docker run --name u1 ubuntu');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    r = await run('docker run -it alpine sh', ['cd /tmp', 'pwd', 'exit']);
    expect(r.out).toBe('/ # /tmp # /tmp\r\n/tmp # ');
    expect(r.code).toBe(0);
  });

  it('statuses, pause, stop, restart, rm -f, prune', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name s1 alpine sleep infinity');
    await run('docker run --name s2 alpine sh -c "exit 3"');
    clock.advance(5000);
    let r = await run('docker ps -a --format "{{.Names}} {{.Status}}"');
    expect(r.out).toBe('s2 Exited (3) 5 seconds ago\ns1 Up 5 seconds\n');
    await run('docker pause s1');
    clock.advance(120_000);
    r = await run('docker ps --format "{{.Status}}"');
    expect(r.out).toBe('Up 2 minutes (Paused)\n');
    r = await run('docker exec s1 ls');
    expect(r.err).toMatch(/is paused, unpause the container before exec/);
    await run('docker unpause s1');
    r = await run('docker rm s1');
    expect(r.err).toBe('Error response from daemon: cannot remove container "/s1": container is running: stop the container before removing or force remove\n');
    r = await run('docker stop s1');
    expect(r.out).toBe('s1\n');
    r = await run('docker ps -a --filter name=s1 --format "{{.Status}}"');
    expect(r.out).toBe('Exited (137) Less than a second ago\n');
    r = await run('docker container prune -f');
    expect(r.out).toContain('Deleted Containers:');
    r = await run('docker ps -aq');
    expect(r.out).toBe('');
  });

  it('logs, diff, top, port, cp, inspect, curl 404/refused', async () => {
    const { run } = setup();
    await run('docker run -d --name web -P nginx');
    let r = await run('docker port web');
    expect(r.out).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n');
    r = await run('curl localhost:32768');
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    r = await run('curl localhost:32768/nope');
    expect(r.out).toContain('404 Not Found');
    r = await run('curl localhost:9999');
    expect(r.code).toBe(7);
    r = await run('docker diff web');
    expect(r.out).toContain('A /run/nginx.pid');
    expect(r.out).toContain('A /var/cache/nginx/client_temp');
    r = await run('docker exec web sh -c "echo hi > /usr/share/nginx/html/index.html"');
    r = await run('curl localhost:32768');
    expect(r.out).toBe('hi\n');
    r = await run('docker inspect --format "{{.State.Status}} {{.Config.Hostname}} {{.NetworkSettings.IPAddress}}" web');
    expect(r.out).toMatch(/^running [0-9a-f]{12} 172\.17\.0\.2\n$/);
    r = await run('docker top web');
    expect(r.out.split('\n')[0]).toMatch(/^UID\s+PID\s+PPID/);
    r = await run('docker logs --tail 1 web');
    expect(r.out).toMatch(/^172\.17\.0\.1 - - \[27\/Nov\/2026:04:00:00 \+0000\] "GET \/ HTTP\/1\.1" 200 3 "-" "curl\/8\.5\.0" "-"\n$/);
    expect(r.err).toBe('');
  });

  it('commit --change and its config, rejected changes', async () => {
    const { run } = setup();
    await run('docker run --name c1 alpine sh -c "echo x > /data.txt"');
    let r = await run(`docker commit -c 'ENV A=1' -c 'CMD ["cat","/data.txt"]' -c 'EXPOSE 8080' -c 'WORKDIR /srv' c1 me/app:v1`);
    expect(r.code, r.err).toBe(0);
    r = await run('docker image inspect --format "{{json .Config.Cmd}} {{json .Config.ExposedPorts}} {{.Config.WorkingDir}} {{.Parent}}" me/app:v1');
    expect(r.out).toMatch(/^\["cat","\/data.txt"\] \{"8080\/tcp":\{\}\} \/srv sha256:[0-9a-f]{64}\n$/);
    r = await run('docker run --rm me/app:v1');
    expect(r.out).toBe('x\n');
    r = await run("docker commit -c 'FROM x' c1");
    expect(r.err).toBe('Error response from daemon: FROM is not a valid change command\n');
    r = await run('docker history --format "{{.CreatedBy}}|{{.Size}}" me/app:v1');
    expect(r.out.split('\n')[0]).toBe('sh -c echo x > /data.txt|32.8kB'.replace('32.8kB', r.out.split('\n')[0].split('|')[1]));
  });

  it('state survives toJSON/fromJSON: containers with their writable layer, registry', async () => {
    const { run, engine, clock } = setup();
    await run('docker run --name keep alpine sh -c "echo saved > /note"');
    await run('docker login -u alice -p pw');
    await run('docker commit keep alice/note:1');
    let r = await run('docker push alice/note:1');
    expect(r.code, r.err).toBe(0);
    const e2 = Engine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())), { clock });
    const ws = new MemoryWorkspace(() => clock.now());
    const con = createConsole({ client: e2 as unknown as EngineClient, workspace: ws, now: () => clock.now() });
    const run2 = async (line: string) => { let out = ''; let err = ''; const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 }); return { out, err, code }; };
    r = await run2('docker diff keep');
    expect(r.out).toBe('A /note\n');
    r = await run2('docker rm keep');
    r = await run2('docker rmi alice/note:1');
    expect(r.code, r.err).toBe(0);
    r = await run2('docker run --rm alice/note:1 cat /note');
    expect(r.out).toBe('saved\n');
    expect(r.err).toContain("Unable to find image 'alice/note:1' locally");
    await run2('docker pull -q nginx');
    r = await run2('docker push nginx');
    expect(r.err).toContain('denied: requested access to the resource is denied');
  });

  it('-itd shell: exec -it, attach, exit code; sleep N ends by itself', async () => {
    const { run, clock } = setup();
    let r = await run('docker run -itd --name sh1 ubuntu bash');
    expect(r.code, r.err).toBe(0);
    const id = r.out.trim();
    r = await run('docker exec -it sh1 bash', ['cd /etc', 'echo $HOSTNAME', 'exit']);
    expect(r.out).toBe(`root@${id.slice(0, 12)}:/# root@${id.slice(0, 12)}:/etc# ${id.slice(0, 12)}\r\nroot@${id.slice(0, 12)}:/etc# `);
    r = await run('docker attach sh1', ['exit 5']);
    expect(r.code).toBe(5);
    r = await run('docker ps -a --format "{{.Status}}" --filter name=sh1');
    expect(r.out).toBe('Exited (5) Less than a second ago\n');
    await run('docker run -d --name sl alpine sleep 5');
    clock.advance(6000);
    r = await run('docker ps -a --format "{{.Status}}" --filter name=sl');
    expect(r.out).toBe('Exited (0) 1 second ago\n');
  });

  it('-e, -w, -u, --entrypoint, unknown user', async () => {
    const { run } = setup();
    let r = await run("docker run --rm -e GREETING=hey -w /app alpine sh -c 'echo $GREETING from $(pwd)'");
    expect(r.out).toBe('hey from /app\n');
    r = await run('docker run --rm -u nobody alpine whoami');
    expect(r.out).toBe('nobody\n');
    r = await run('docker run --rm --entrypoint echo alpine one two');
    expect(r.out).toBe('one two\n');
    r = await run('docker run -u ghost alpine true');
    expect(r.code).toBe(125);
    expect(r.err).toContain('unable to find user ghost: no matching entries in passwd file: unknown');
    r = await run('docker run -d --name dn nginx');
    r = await run('docker kill -s SIGTERM dn');
    r = await run('docker ps -a --filter name=dn --format "{{.Status}}"');
    expect(r.out).toBe('Exited (0) Less than a second ago\n');
  });

  it('a container whose image was removed with -f survives a reload', async () => {
    const { run, engine, clock } = setup();
    await run('docker run --name st alpine sh -c "echo x > /y"');
    let r = await run('docker rmi -f alpine');
    expect(r.code, r.err).toBe(0);
    const e2 = Engine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())), { clock });
    const ws = new MemoryWorkspace(() => clock.now());
    const con = createConsole({ client: e2 as unknown as EngineClient, workspace: ws, now: () => clock.now() });
    let out = '';
    await con.run('docker diff st', { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    expect(out).toBe('A /y\n');
    r = await run('docker ps -a --format "{{.Image}}"');
    expect(r.out).toMatch(/^[0-9a-f]{12}\n$/);
  });
});
