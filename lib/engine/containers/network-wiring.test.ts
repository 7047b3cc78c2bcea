// docker run/create --network, --ip, --ip6, --network-alias, --link (docker/cli 28.2.2 parseNetworkOpts) and how
// containers reach each other by name, alias and address (moby's embedded DNS on user-defined networks only).
import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl } from '../index';
import { ManualClock, SeededRandom } from '../clock';
import { createConsole, MemoryWorkspace } from '../../console/index';
import type { ContainerCreateRequest, EngineClient } from '../../api/types';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

function setup(seed = 'network-wiring') {
  const clock = new ManualClock(T0);
  const engine = createEngine({ clock, random: new SeededRandom(seed) });
  const now = () => clock.now();
  const sent: ContainerCreateRequest[] = [];
  // Records the create requests the CLI sends, like the fake Engine API of the conformance captures.
  const client = new Proxy(engine as unknown as EngineClient, {
    get(t, k, r) {
      const v = Reflect.get(t, k, r) as unknown;
      if (k === 'containerCreate') return (req: ContainerCreateRequest, name?: string) => { sent.push(JSON.parse(JSON.stringify(req)) as ContainerCreateRequest); return t.containerCreate(req, name); };
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  const con = createConsole({ client, workspace: new MemoryWorkspace(now), now, curl: engineCurl(engine) });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { engine, run, sent };
}

const NGINX_PAGE = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n';
const help = (cmd: string) => `\n\nRun 'docker ${cmd} --help' for more information\n`;
// The zero-valued rest of network.EndpointSettings as docker/cli 28.2.2 serialises it (captured with the fake Engine API).
const REST = '"MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":null';

describe('docker run --network/--ip/--network-alias and name resolution between containers', () => {
  it('sends NetworkMode and NetworkingConfig byte for byte like docker/cli 28.2.2', async () => {
    const { run, sent } = setup();
    await run('docker pull -q alpine');
    await run('docker network create app');
    const cases: [string, string, string, string | null][] = [
      // [flags, NetworkMode, EndpointsConfig JSON, HostConfig.Links JSON]
      ['', 'default', `{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,${REST}}}`, null],
      ['--network app', 'app', '{}', null],
      ['--network app --ip 10.0.0.5 --network-alias foo --network-alias bar', 'app', `{"app":{"IPAMConfig":{"IPv4Address":"10.0.0.5"},"Links":null,"Aliases":["foo","bar"],${REST}}}`, null],
      ['--network app --link web:w --link db', 'app', `{"app":{"IPAMConfig":null,"Links":["web:w","db"],"Aliases":null,${REST}}}`, '["web:w","db"]'],
      ['--link web', 'default', `{"default":{"IPAMConfig":null,"Links":null,"Aliases":null,${REST}}}`, '["web"]'],
      ['--ip6 2001:db8::5', 'default', `{"default":{"IPAMConfig":{"IPv6Address":"2001:db8::5"},"Links":null,"Aliases":null,${REST}}}`, null],
    ];
    for (const [flags, mode, endpoints, links] of cases) {
      sent.length = 0;
      await run(`docker create ${flags} alpine true`);
      expect(sent.length, flags).toBe(1);
      expect(sent[0].HostConfig?.NetworkMode, flags).toBe(mode);
      expect(JSON.stringify((sent[0].NetworkingConfig as { EndpointsConfig: unknown }).EndpointsConfig), flags).toBe(endpoints);
      expect(JSON.stringify(sent[0].HostConfig?.Links ?? null), flags).toBe(links ?? 'null');
    }
  });

  it('names and aliases resolve on a user network, addresses on any shared network, names not on the default bridge', async () => {
    const { run } = setup();
    await run('docker pull -q alpine');
    await run('docker pull -q nginx');
    expect((await run('docker network create app')).code).toBe(0);
    expect((await run('docker run -d --name web --network app --network-alias www nginx')).code).toBe(0);
    // By name and by alias, with busybox wget (alpine) and curl (nginx's Debian image).
    for (const line of ['docker run --rm --network app alpine wget -qO- http://web', 'docker run --rm --network app alpine wget -qO- http://www', 'docker run --rm --network app nginx curl -s web', 'docker run --rm --network app nginx curl -s www:80/']) {
      const r = await run(line);
      expect(r.err, line).toBe('');
      expect(r.code, line).toBe(0);
      expect(r.out.startsWith(NGINX_PAGE), line).toBe(true);
    }
    // The default bridge has no DNS for container names.
    expect(await run('docker run --rm nginx curl web')).toEqual({ out: '', err: 'curl: (6) Could not resolve host: web\n', code: 6 });
    expect(await run('docker run --rm nginx curl -s web')).toEqual({ out: '', err: '', code: 6 });
    expect(await run('docker run --rm alpine wget -qO- http://web')).toEqual({ out: '', err: "wget: bad address 'web'\n", code: 1 });
    // Not even for a container on the default bridge itself; its address works.
    expect((await run('docker run -d --name bweb nginx')).code).toBe(0);
    expect(await run('docker run --rm nginx curl bweb')).toEqual({ out: '', err: 'curl: (6) Could not resolve host: bweb\n', code: 6 });
    const ip = (await run("docker inspect -f '{{.NetworkSettings.IPAddress}}' bweb")).out.trim();
    expect(ip).toMatch(/^172\.17\.0\.\d+$/);
    expect((await run(`docker run --rm nginx curl -s ${ip}`)).out.startsWith(NGINX_PAGE)).toBe(true);
    // A legacy --link puts the name and the alias in /etc/hosts.
    expect((await run('docker run --rm --link bweb:b nginx curl -s b')).out.startsWith(NGINX_PAGE)).toBe(true);
    expect((await run('docker run --rm --link bweb nginx curl -s bweb')).out.startsWith(NGINX_PAGE)).toBe(true);
    // The user network's address is not reachable from the default bridge (no shared network).
    const appIp = (await run("docker inspect -f '{{.NetworkSettings.Networks.app.IPAddress}}' web")).out.trim();
    expect(appIp).toBe('172.18.0.2');
    expect((await run(`docker run --rm nginx curl -s ${appIp}`)).code).not.toBe(0);
    // After `docker network connect`, names and aliases resolve.
    expect((await run('docker run -d --name other alpine sleep 1000')).code).toBe(0);
    expect(await run('docker exec other wget -qO- http://web')).toEqual({ out: '', err: "wget: bad address 'web'\n", code: 1 });
    expect((await run('docker network connect app other')).code).toBe(0);
    expect((await run('docker exec other wget -qO- http://web')).out.startsWith(NGINX_PAGE)).toBe(true);
    expect((await run('docker exec other wget -qO- http://www')).out.startsWith(NGINX_PAGE)).toBe(true);
    expect((await run(`docker exec other wget -qO- http://${appIp}`)).out.startsWith(NGINX_PAGE)).toBe(true);
    expect((await run('docker network disconnect app other')).code).toBe(0);
    expect(await run('docker exec other wget -qO- http://www')).toEqual({ out: '', err: "wget: bad address 'www'\n", code: 1 });
  });

  it('--ip gives that address (inspect, network inspect, reachable); the moby and docker/cli errors', async () => {
    const { run, engine } = setup();
    await run('docker pull -q alpine');
    await run('docker pull -q nginx');
    await run('docker network create app');
    await run('docker network create --subnet 10.5.0.0/24 fixed');
    await run('docker network create --subnet 10.6.0.0/16 --ip-range 10.6.1.0/24 ranged');
    expect((await run('docker run -d --name fixedweb --network fixed --ip 10.5.0.50 --network-alias site nginx')).code).toBe(0);
    expect((await run("docker inspect -f '{{.HostConfig.NetworkMode}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.IPAMConfig.IPv4Address}} {{$v.Aliases}}{{end}}' fixedweb")).out)
      .toBe('fixed fixed 10.5.0.50 10.5.0.50 [site]\n');
    expect((await run("docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}' fixed")).out).toBe('fixedweb 10.5.0.50/24\n');
    expect((await run('docker run --rm --network fixed alpine wget -qO- http://10.5.0.50')).out.startsWith(NGINX_PAGE)).toBe(true);
    expect((await run('docker run --rm --network fixed alpine wget -qO- http://site')).out.startsWith(NGINX_PAGE)).toBe(true);
    // Inside the ip-range.
    expect((await run('docker run -d --name r1 --network ranged --ip 10.6.1.7 nginx')).code).toBe(0);
    expect((await run("docker inspect -f '{{.NetworkSettings.Networks.ranged.IPAddress}}' r1")).out).toBe('10.6.1.7\n');
    // A default container's HostConfig.NetworkMode is the daemon's default network.
    expect((await run('docker run -d --name plain nginx')).code).toBe(0);
    expect((await run("docker inspect -f '{{.HostConfig.NetworkMode}}' plain")).out).toBe('bridge\n');

    const daemon = (cmd: string, msg: string) => ({ out: '', err: `docker: Error response from daemon: ${msg}${help(cmd)}`, code: 125 });
    expect(await run('docker run --ip 172.17.0.9 alpine true'))
      .toEqual(daemon('run', 'invalid config for network bridge: invalid endpoint settings:\nuser specified IP address is supported on user defined networks only'));
    expect(await run('docker run --network bridge --ip 172.17.0.9 alpine true'))
      .toEqual(daemon('run', 'invalid config for network bridge: invalid endpoint settings:\nuser specified IP address is supported on user defined networks only'));
    expect(await run('docker run --network app --ip 172.18.0.9 alpine true'))
      .toEqual(daemon('run', 'invalid config for network app: invalid endpoint settings:\nuser specified IP address is supported only when connecting to networks with user configured subnets'));
    expect(await run('docker run --network fixed --ip 10.6.0.9 alpine true'))
      .toEqual(daemon('run', 'invalid config for network fixed: invalid endpoint settings:\nno configured subnet or ip-range contain the IP address 10.6.0.9'));
    expect(await run('docker run --network ranged --ip 10.6.2.9 alpine true'))
      .toEqual(daemon('run', 'invalid config for network ranged: invalid endpoint settings:\nno configured subnet or ip-range contain the IP address 10.6.2.9'));
    expect(await run('docker run --network fixed --ip 1.2.3 alpine true'))
      .toEqual(daemon('run', 'invalid config for network fixed: invalid endpoint settings:\n* invalid IPv4 address: 1.2.3\n* no configured subnet or ip-range contain the IP address 1.2.3'));
    // docker/cli refuses aliases on a non-user-defined network before asking the daemon.
    expect(await run('docker run --network-alias foo alpine true'))
      .toEqual({ out: '', err: `docker: network-scoped aliases are only supported for user-defined networks${help('run')}`, code: 125 });
    expect(await run('docker create --network bridge --network-alias foo alpine true'))
      .toEqual({ out: '', err: `docker: network-scoped aliases are only supported for user-defined networks${help('create')}`, code: 125 });
    expect(await run('docker run --network app --network bridge alpine true'))
      .toEqual({ out: '', err: `docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes${help('run')}`, code: 125 });
    // The daemon's own alias check (an API client sending aliases for the default network).
    let err: unknown;
    try {
      await engine.containerCreate({ Image: 'alpine', Cmd: ['true'], HostConfig: { NetworkMode: 'default' }, NetworkingConfig: { EndpointsConfig: { default: { Aliases: ['x'] } } } });
    } catch (e) { err = e; }
    expect((err as Error).message).toBe('invalid config for network bridge: invalid endpoint settings:\nnetwork-scoped alias is supported only for containers in user defined networks');
  });
});
