import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl, Engine } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import { createBuildKitFrontend } from '../builder/index';
import type { EngineClient } from '../../api/types';

function setup(files: Record<string, string> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('seed-test') });
  const now = () => clock.now();
  const workspace = new MemoryWorkspace(now);
  for (const [p, d] of Object.entries(files)) workspace.write(p, d);
  const con = createConsole({ client: engine as unknown as EngineClient, workspace, now, buildkit: createBuildKitFrontend({ state: engine.state }), curl: engineCurl(engine) });
  const run = async (line: string, input: string[] = []) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => (input.length ? input.shift()! : null), isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { engine, clock, run };
}

const DOCKERFILE = `FROM ubuntu:18.10
LABEL maintainer="asahicantu@mail.com"
RUN apt-get update
RUN apt-get install -y nginx
COPY index.html /usr/share/nginx/html/index.html
ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]
EXPOSE 80
`;
const INDEX = '<h1>Hello from asahicantu</h1>\n';

describe('seed flows', () => {
  it('run alpine echo, false, unknown executable', async () => {
    const { run } = setup();
    let r = await run('docker run alpine echo hi');
    expect(r.out).toBe('hi\n');
    expect(r.code).toBe(0);
    expect(r.err).toContain("Unable to find image 'alpine:latest' locally");
    r = await run('docker run ubuntu false');
    expect(r.code).toBe(1);
    r = await run('docker run alpine foo');
    expect(r.code).toBe(127);
    expect(r.err).toBe('docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n');
    r = await run('docker ps -a --format "{{.Status}}|{{.Command}}"');
    expect(r.out.split('\n')[0]).toBe('Created|"foo"');
  });

  it('build, run -itd --rm -p 800:80, curl, ps, commit, inspect, login, push, rm, pull back', async () => {
    const { run, clock, engine } = setup({ 'Dockerfile': DOCKERFILE, 'index.html': INDEX });
    let r = await run('docker build -t asahicantu/nginx:1.0 .');
    expect(r.code, r.err).toBe(0);
    r = await run('docker run -itd --rm --name nginx_master -p 800:80 asahicantu/nginx:1.0');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    const id = r.out.trim();
    clock.advance(3000);
    r = await run('curl localhost:800');
    expect(r.out).toBe(INDEX);
    r = await run('docker ps');
    console.log('PS\n' + r.out);
    expect(r.out.split('\n')[1]).toBe(`${id.slice(0, 12)}   asahicantu/nginx:1.0   "/usr/sbin/nginx -g …"   3 seconds ago   Up 3 seconds   0.0.0.0:800->80/tcp, [::]:800->80/tcp   nginx_master`);
    r = await run('docker run -d -p 800:80 asahicantu/nginx:1.0');
    expect(r.code).toBe(125);
    expect(r.err).toContain('Bind for 0.0.0.0:800 failed: port is already allocated');
    r = await run('docker exec nginx_master sh -c "echo changed > /tmp/x"');
    expect(r.code, r.err).toBe(0);
    r = await run('docker container commit --message="Message" --author="Author name" nginx_master repo_name/server_n:1.0');
    expect(r.code, r.err).toBe(0);
    console.log('COMMIT\n' + r.out);
    r = await run('docker image inspect --format "{{.Author}}|{{.Comment}}|{{json .Config.Entrypoint}}" repo_name/server_n:1.0');
    expect(r.out, r.err).toBe('Author name|Message|["/usr/sbin/nginx","-g","daemon off;"]\n');
    r = await run('docker history repo_name/server_n:1.0');
    console.log('HISTORY\n' + r.out);
    r = await run('docker push repo_name/server_n:1.0');
    console.log('PUSH-DENIED\n' + r.out + r.err);
    expect(r.err).toContain('denied: requested access to the resource is denied');
    r = await run('docker login -u repo_name -p secret');
    console.log('LOGIN\n' + r.out + r.err);
    expect(r.out).toContain('Login Succeeded');
    r = await run('docker push repo_name/server_n:1.0');
    console.log('PUSH\n' + r.out + r.err);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1\.0: digest: sha256:[0-9a-f]{64} size: \d+/);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(r.out)![1];
    r = await run('docker push repo_name/server_n:1.0');
    expect(r.out).toContain('Layer already exists');
    expect(r.out).toContain(digest);
    r = await run('docker stop nginx_master');
    expect(r.code, r.err).toBe(0);
    r = await run('docker ps -a -q --filter name=nginx_master');
    expect(r.out).toBe('');
    r = await run('docker rmi repo_name/server_n:1.0');
    console.log('RMI\n' + r.out + r.err);
    expect(r.code, r.err).toBe(0);
    const saved = JSON.parse(JSON.stringify(engine.toJSON()));
    const e2 = Engine.fromJSON(saved, { clock });
    const ws = new MemoryWorkspace(() => clock.now());
    const con2 = createConsole({ client: e2 as unknown as EngineClient, workspace: ws, now: () => clock.now() });
    let out = '';
    let err = '';
    const code = await con2.run('docker pull repo_name/server_n:1.0', { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    console.log('PULL\n' + out + err);
    expect(code, err).toBe(0);
    expect(out).toContain(`Digest: ${digest}`);
    r = await run('docker search repo_name');
    console.log('SEARCH\n' + r.out);
    expect(r.out).toContain('repo_name/server_n');
  }, 60_000);

  it('interactive shell, exec, logs, diff', async () => {
    const { run } = setup();
    let r = await run('docker run -it --name ub ubuntu bash', ['echo hello > /tmp/f', 'cat /tmp/f', 'exit 3']);
    console.log('IT\n' + JSON.stringify(r.out));
    expect(r.code, r.err).toBe(3);
    expect(r.out).toContain('hello');
    r = await run('docker diff ub');
    expect(r.out).toContain('A /tmp/f');
    r = await run('docker run -d --name web nginx');
    expect(r.code, r.err).toBe(0);
    r = await run('docker logs web');
    expect(r.out).toContain('Configuration complete; ready for start up');
    r = await run('docker run -d --name rd redis');
    r = await run('docker exec rd redis-cli ping');
    expect(r.out, r.err).toBe('PONG\n');
    r = await run('docker exec web curl -s localhost');
    expect(r.out).toContain('Welcome to nginx!');
    r = await run('docker rmi nginx');
    expect(r.code).toBe(1);
    console.log('RMI-CONFLICT\n' + r.err);
  }, 60_000);
});
