import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl, Engine } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { EngineClient } from '../../api/types';

function setup(files: Record<string, string> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('volumes-test') });
  const now = () => clock.now();
  const workspace = new MemoryWorkspace(now);
  for (const [p, d] of Object.entries(files)) workspace.write(p, d);
  engine.setHostFiles(workspace);
  const con = createConsole({ client: engine as unknown as EngineClient, workspace, now, curl: engineCurl(engine) });
  const run = async (line: string, input: string[] = []) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => (input.length ? input.shift()! : null), isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { engine, clock, run, workspace };
}

describe('named volumes', () => {
  it('are shared between containers, outside the container layer, and cannot be removed while used', async () => {
    const { run } = setup();
    let r = await run('docker volume create data1');
    expect(r).toEqual({ out: 'data1\n', err: '', code: 0 });
    r = await run('docker run --name w1 -v data1:/data alpine sh -c "echo hello > /data/f; mkdir /data/d; ls /data"');
    expect(r.out).toBe('d\nf\n');
    r = await run('docker run --rm -v data1:/srv:ro alpine cat /srv/f');
    expect(r.out).toBe('hello\n');
    r = await run('docker run --rm -v data1:/srv:ro alpine sh -c "echo x > /srv/g"');
    expect(r.code).not.toBe(0);
    r = await run('docker diff w1');
    expect(r.out).toBe('A /data\n');
    r = await run('docker inspect -f "{{json .Mounts}}|{{json .HostConfig.Binds}}" w1');
    expect(r.out).toBe('[{"Type":"volume","Name":"data1","Source":"/var/lib/docker/volumes/data1/_data","Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""}]|["data1:/data"]\n');
    r = await run('docker volume rm data1');
    const id = (await run('docker inspect -f "{{.Id}}" w1')).out.trim();
    expect(r).toEqual({ out: '', err: `Error response from daemon: remove data1: volume is in use - [${id}]\n`, code: 1 });
    r = await run('docker volume rm nope data1');
    expect(r.err).toBe(`Error response from daemon: get nope: no such volume\nError response from daemon: remove data1: volume is in use - [${id}]\n`);
    r = await run('docker volume ls --filter dangling=true -q');
    expect(r.out).toBe('');
    await run('docker rm w1');
    r = await run('docker volume ls --filter dangling=true');
    expect(r.out).toBe('DRIVER    VOLUME NAME\nlocal     data1\n');
    r = await run('docker volume inspect data1');
    expect(r.out).toBe('[\n    {\n        "CreatedAt": "2026-11-27T04:00:00Z",\n        "Driver": "local",\n        "Labels": null,\n        "Mountpoint": "/var/lib/docker/volumes/data1/_data",\n        "Name": "data1",\n        "Options": null,\n        "Scope": "local"\n    }\n]\n');
    r = await run('docker volume rm data1');
    expect(r).toEqual({ out: 'data1\n', err: '', code: 0 });
    r = await run('docker volume inspect data1');
    expect(r).toEqual({ out: '[]\n', err: 'Error response from daemon: get data1: no such volume\n', code: 1 });
  }, 60_000);

  it('create with labels and options; ls filters and formats; invalid names', async () => {
    const { run } = setup();
    await run('docker volume create --label env=dev --label tier vol-b');
    await run('docker volume create -o type=tmpfs -o device=tmpfs vol-a');
    await run('docker volume create vol10');
    await run('docker volume create vol9');
    let r = await run('docker volume ls');
    expect(r.out).toBe('DRIVER    VOLUME NAME\nlocal     vol-a\nlocal     vol-b\nlocal     vol9\nlocal     vol10\n');
    r = await run('docker volume ls -f label=env=dev --format "{{.Name}} {{.Labels}} {{.Driver}} {{.Mountpoint}}"');
    expect(r.out).toBe('vol-b env=dev,tier= local /var/lib/docker/volumes/vol-b/_data\n');
    r = await run('docker volume ls -f name=vol1 -q');
    expect(r.out).toBe('vol10\n');
    r = await run('docker volume ls -f driver=local -f label=tier -q');
    expect(r.out).toBe('vol-b\n');
    r = await run('docker volume ls -f foo=bar');
    expect(r).toEqual({ out: '', err: "Error response from daemon: invalid filter 'foo'\n", code: 1 });
    r = await run('docker volume inspect -f "{{json .Options}} {{json .Labels}}" vol-a vol-b');
    expect(r.out).toBe('{"device":"tmpfs","type":"tmpfs"} null\nnull {"env":"dev","tier":""}\n');
    r = await run('docker volume create a/b');
    expect(r).toEqual({ out: '', err: 'Error response from daemon: create a/b: "a/b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path\n', code: 1 });
    r = await run('docker volume create vol9');
    expect(r.out).toBe('vol9\n');
  }, 60_000);

  it('anonymous volumes: filled from the image, removed by rm -v and run --rm, pruned', async () => {
    const { run } = setup();
    let r = await run('docker run --name a1 -v /etc/apk alpine ls /etc/apk');
    expect(r.out).toBe('arch\nkeys\nprotected_paths.d\nrepositories\nworld\n');
    r = await run('docker volume ls -q');
    const anon = r.out.trim();
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    r = await run('docker volume inspect -f "{{json .Labels}} {{json .Options}}" ' + anon);
    expect(r.out).toBe('{"com.docker.volume.anonymous":""} null\n');
    r = await run('docker inspect -f "{{json .Mounts}} {{json .Config.Volumes}}" a1');
    expect(r.out).toBe(`[{"Type":"volume","Name":"${anon}","Source":"/var/lib/docker/volumes/${anon}/_data","Destination":"/etc/apk","Driver":"local","Mode":"","RW":true,"Propagation":""}] {"/etc/apk":{}}\n`);
    r = await run('docker rm -v a1');
    expect(r.out).toBe('a1\n');
    r = await run('docker volume ls -q');
    expect(r.out).toBe('');
    await run('docker run --rm -v /data alpine true');
    r = await run('docker volume ls -q');
    expect(r.out).toBe('');
    await run('docker run --name a2 -v /data alpine true');
    await run('docker volume create keep');
    await run('docker rm a2');
    r = await run('docker volume prune', ['n']);
    expect(r.out).toBe('WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ');
    r = await run('docker volume prune -f');
    expect(r.out).toMatch(/^Deleted Volumes:\n[0-9a-f]{64}\n\nTotal reclaimed space: 0B\n$/);
    r = await run('docker volume prune -f');
    expect(r.out).toBe('Total reclaimed space: 0B\n');
    r = await run('docker volume prune -a -f');
    expect(r.out).toBe('Deleted Volumes:\nkeep\n\nTotal reclaimed space: 0B\n');
    r = await run('docker volume prune -a -f --filter all=1');
    expect(r).toEqual({ out: '', err: 'conflicting options: cannot specify both --all and --filter all=1\n', code: 1 });
  }, 60_000);
});

describe('bind mounts of the workspace', () => {
  it('nginx serves the learner files live; :ro; writes reach the workspace', async () => {
    const { run, workspace } = setup({ 'site/index.html': '<h1>v1</h1>\n' });
    let r = await run('docker run -d --name web -p 8080:80 -v ./site:/usr/share/nginx/html:ro nginx');
    expect(r.code, r.err).toBe(0);
    r = await run('curl localhost:8080');
    expect(r.out).toBe('<h1>v1</h1>\n');
    workspace.write('site/index.html', '<h1>v2</h1>\n');
    r = await run('curl localhost:8080');
    expect(r.out).toBe('<h1>v2</h1>\n');
    r = await run('docker inspect -f "{{json .Mounts}} {{json .HostConfig.Binds}}" web');
    expect(r.out).toBe('[{"Type":"bind","Source":"/site","Destination":"/usr/share/nginx/html","Mode":"ro","RW":false,"Propagation":"rprivate"}] ["/site:/usr/share/nginx/html:ro"]\n');
    r = await run('docker exec web ls /usr/share/nginx/html');
    expect(r.out).toBe('index.html\n');
    r = await run('cd site');
    r = await run('docker run --rm -v .:/app -w /app alpine sh -c "echo made > new.txt; rm index.html; ls"');
    expect(r.out).toBe('new.txt\n');
    expect(workspace.list().map((f) => f.path)).toEqual(['site/new.txt']);
    r = await run('docker diff web');
    expect(r.out).not.toContain('/usr/share/nginx/html');
  }, 60_000);

  it('--mount: bind source must exist; flag and spec errors are the CLI and daemon ones', async () => {
    const { run } = setup({ 'conf/app.conf': 'x=1\n' });
    let r = await run('docker run --rm --mount type=bind,src=./conf,dst=/etc/app alpine cat /etc/app/app.conf');
    expect(r.out).toBe('x=1\n');
    r = await run('docker run --rm --mount type=bind,src=./conf/app.conf,dst=/app.conf,readonly alpine cat /app.conf');
    expect(r.out).toBe('x=1\n');
    r = await run('docker run --mount type=bind,src=/nope,dst=/x alpine true');
    expect(r).toEqual({ out: '', err: 'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /nope\n\nRun \'docker run --help\' for more information\n', code: 125 });
    r = await run('docker run --mount type=bind alpine');
    expect(r.err).toBe('invalid argument "type=bind" for "--mount" flag: target is required\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker run --help\' for more information\n');
    r = await run('docker run --mount src=v,dst=/x,foo=1 alpine');
    expect(r.err.split('\n')[0]).toBe('invalid argument "src=v,dst=/x,foo=1" for "--mount" flag: unexpected key \'foo\' in \'foo=1\'');
    r = await run('docker run -v :/x alpine');
    expect(r.err).toBe("docker: invalid spec: :/x: empty section between colons\n\nRun 'docker run --help' for more information\n");
    r = await run('docker run -v data:rel alpine true');
    expect(r.err).toBe('docker: Error response from daemon: invalid volume specification: \'data:rel\': invalid mount config for type "volume": invalid mount path: \'rel\' mount path must be absolute\n\nRun \'docker run --help\' for more information\n');
    r = await run('docker run -v data:/x:bogus alpine true');
    expect(r.err).toBe("docker: Error response from daemon: invalid mode: bogus\n\nRun 'docker run --help' for more information\n");
    r = await run('docker run --mount type=volume,dst=/x,readonly alpine true');
    expect(r.err).toBe('docker: Error response from daemon: invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes\n\nRun \'docker run --help\' for more information\n');
    r = await run('docker run --name m1 --mount type=volume,src=mv,dst=/x alpine true');
    r = await run('docker inspect -f "{{json .Mounts}}" m1');
    expect(r.out).toBe('[{"Type":"volume","Name":"mv","Source":"/var/lib/docker/volumes/mv/_data","Destination":"/x","Driver":"local","Mode":"z","RW":true,"Propagation":""}]\n');
    r = await run('docker inspect m1');
    expect(r.out).toContain('            "IOMaximumBandwidth": 0,\n            "Mounts": [\n                {\n                    "Type": "volume",\n                    "Source": "mv",\n                    "Target": "/x"\n                }\n            ],\n            "MaskedPaths": [');
  }, 60_000);
});

describe('persistence', () => {
  it('volume data survives toJSON/fromJSON and is mounted again', async () => {
    const { run, engine, clock } = setup();
    await run('docker run --name p1 -v store:/data alpine sh -c "echo kept > /data/k"');
    const e2 = Engine.fromJSON(JSON.parse(JSON.stringify(engine.toJSON())), { clock });
    const con = createConsole({ client: e2 as unknown as EngineClient, workspace: new MemoryWorkspace(() => clock.now()), now: () => clock.now() });
    let out = '';
    await con.run('docker run --rm -v store:/d alpine cat /d/k', { stdout: (s) => { out += s; }, stderr: () => {}, readLine: async () => null, isTTY: false, columns: 80 });
    expect(out).toBe('kept\n');
    out = '';
    await con.run('docker start -a p1', { stdout: (s) => { out += s; }, stderr: () => {}, readLine: async () => null, isTTY: false, columns: 80 });
    out = '';
    await con.run('docker run --rm -v store:/d alpine ls /d', { stdout: (s) => { out += s; }, stderr: () => {}, readLine: async () => null, isTTY: false, columns: 80 });
    expect(out).toBe('k\n');
  }, 60_000);
});
