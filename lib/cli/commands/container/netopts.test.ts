/**
 * `--network` long form and `--mac-address` (docker CLI 28.2.2 parseNetworkOpts; the expected requests were captured
 * from the real CLI), their client-side errors, and how lib/engine stores and shows them (moby 28 inspect:
 * NetworkSettings.Networks[*].MacAddress, Config.MacAddress from the primary network's requested address).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../engine/index';
import { ManualClock, SeededRandom } from '../../../engine/clock';
import { createConsole, MemoryWorkspace } from '../../../console/index';
import type { ContainerCreateRequest, EngineClient, EndpointSettings } from '../../../api/types';
import { networkingConfig, parseNetworkOpt, validMac } from './netopts';

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  const engine = createEngine({ clock, random: new SeededRandom('netopts-test') });
  const now = () => clock.now();
  const requests: ContainerCreateRequest[] = [];
  const client = new Proxy(engine as unknown as EngineClient, {
    get(t, k) {
      const v = Reflect.get(t, k) as unknown;
      if (k === 'containerCreate') return (req: ContainerCreateRequest, name?: string) => { requests.push(req); return (v as EngineClient['containerCreate']).call(t, req, name); };
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  const con = createConsole({ client, workspace: new MemoryWorkspace(now), now });
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 });
    return { out, err, code };
  };
  return { run, requests };
}

const ZERO = { NetworkID: '', EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null };
const usage = (v: string, msg: string) => `invalid argument "${v}" for "--network" flag: ${msg}\n\nUsage:  docker create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker create --help' for more information\n`;
const help = (msg: string) => `docker: ${msg}\n\nRun 'docker create --help' for more information\n`;

describe('--network long form, --mac-address: the create request', () => {
  it('sends what docker CLI 28.2.2 sends (captured)', () => {
    const none = { aliases: [], links: [], macAddress: '', linkLocalIPs: [] };
    expect(networkingConfig(['name=mynet,alias=a1,alias=a2,ip=10.1.0.5'], none)).toEqual({
      mode: 'mynet', endpoints: { mynet: { IPAMConfig: { IPv4Address: '10.1.0.5' }, Links: null, Aliases: ['a1', 'a2'], MacAddress: '', DriverOpts: null, GwPriority: 0, ...ZERO } },
    });
    expect(networkingConfig(['name=MyNet,alias=Web,driver-opt=com.x=Y,mac-address=02:42:AC:11:00:09'], none)).toEqual({
      mode: 'mynet', endpoints: { mynet: { IPAMConfig: null, Links: null, Aliases: ['web'], MacAddress: '02:42:ac:11:00:09', DriverOpts: { 'com.x': 'y' }, GwPriority: 0, ...ZERO } },
    });
    expect(networkingConfig(['name=mynet,gw-priority=5,link-local-ip=169.254.1.1,ip6=2001:db8::5'], none).endpoints.mynet).toEqual(
      { IPAMConfig: { IPv6Address: '2001:db8::5', LinkLocalIPs: ['169.254.1.1'] }, Links: null, Aliases: null, MacAddress: '', DriverOpts: null, GwPriority: 5, ...ZERO });
    expect(networkingConfig([], { ...none, macAddress: '02:42:AC:11:00:02' })).toEqual({
      mode: 'default', endpoints: { default: { IPAMConfig: null, Links: null, Aliases: null, MacAddress: '02:42:AC:11:00:02', DriverOpts: null, GwPriority: 0, ...ZERO } },
    });
    expect(networkingConfig(['mynet'], { ...none, macAddress: '02:42:ac:11:00:02' }).endpoints.mynet?.MacAddress).toBe('02:42:ac:11:00:02');
    expect(networkingConfig(['mynet'], { ...none, aliases: ['y'], ip: '10.0.0.7' }).endpoints.mynet).toEqual(
      { IPAMConfig: { IPv4Address: '10.0.0.7' }, Links: null, Aliases: ['y'], MacAddress: '', DriverOpts: null, GwPriority: 0, ...ZERO });
    // a single network without settings sends no endpoint (`\w+=\w+` matches inside name=my-net: the long form)
    expect(networkingConfig(['name=my-net'], none)).toEqual({ mode: 'my-net', endpoints: {} });
    expect(Object.keys(networkingConfig(['name=a', 'name=b'], none).endpoints)).toEqual(['a', 'b']);
  });

  it('flag and parse errors as the real CLI prints them', async () => {
    const { run } = setup();
    const cases: [string, string, number][] = [
      ['--network name=mynet,foo=bar', usage('name=mynet,foo=bar', 'invalid field key foo'), 125],
      ['--network name=mynet,alias', usage('name=mynet,alias', 'invalid field alias'), 125],
      ['--network alias=x', usage('alias=x', 'network name/id is not specified'), 125],
      ['--network name=,alias=x', usage('name=,alias=x', 'network name/id is not specified'), 125],
      ['--network name=mynet,driver-opt=x', usage('name=mynet,driver-opt=x', 'invalid key value pair format in driver options'), 125],
      ['--network name=mynet,gw-priority=x', usage('name=mynet,gw-priority=x', 'invalid gw-priority (x): invalid syntax'), 125],
      ['--network name=mynet,gw-priority=99999999999999999999', usage('name=mynet,gw-priority=99999999999999999999', 'invalid gw-priority (99999999999999999999): value out of range'), 125],
      ['--network name=mynet,mac-address=zz', help('zz is not a valid mac address'), 125],
      ['--mac-address zz', help('zz is not a valid mac address'), 125],
      ['--network name=mynet,mac-address=02:42:ac:11:00:09 --mac-address 02:42:ac:11:00:02', help('conflicting options: cannot specify both --mac-address and per-network MAC address'), 125],
      ['--network name=mynet,ip=10.0.0.5 --ip 10.0.0.6', help('conflicting options: cannot specify both --ip and per-network IPv4 address'), 125],
      ['--network name=mynet,alias=x --network-alias y', help('conflicting options: cannot specify both --network-alias and per-network alias'), 125],
      ['--network name=mynet,ip6=::1 --ip6 ::2', help('conflicting options: cannot specify both --ip6 and per-network IPv6 address'), 125],
      ['--network name=mynet,link-local-ip=169.254.0.1 --link-local-ip 169.254.0.2', help('conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses'), 125],
      ['--network name=bridge,alias=x', help('network-scoped aliases are only supported for user-defined networks'), 125],
    ];
    for (const [flags, err, code] of cases) expect(await run(`docker create ${flags} alpine`), flags).toEqual({ out: '', err, code });
  });

  it('parseNetworkOpt and net.ParseMAC', () => {
    expect(parseNetworkOpt('mynet')).toMatchObject({ target: 'mynet', aliases: [] });
    expect(parseNetworkOpt('"name=my,net",alias=x')).toMatchObject({ target: 'my,net', aliases: ['x'] });
    expect(parseNetworkOpt('name="my,net",alias=x')).toBe('parse error on line 1, column 6: bare " in non-quoted-field');
    expect(['02:42:ac:11:00:02', '02-42-AC-11-00-02', '0242.ac11.0002', '02:42:ac:11:00:02:00:01', 'zz', '02:42:ac:11:00', '02:42:ac:11:00:0g'].map(validMac))
      .toEqual([true, true, true, true, false, false, false]);
  });
});

describe('--network long form and --mac-address in lib/engine (moby 28 inspect)', () => {
  it('aliases resolve, the requested IP and MAC are used; Config.MacAddress; created vs running vs stopped', async () => {
    const { run } = setup();
    await run('docker network create --subnet 10.9.0.0/24 lab');
    const NET = "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.MacAddress}} {{$v.Aliases}} {{json $v.IPAMConfig}} {{json $v.DriverOpts}} {{$v.GwPriority}}{{end}}'";
    expect((await run('docker create --name web --network name=lab,alias=site,alias=www,ip=10.9.0.20,mac-address=02:42:0A:09:00:14,driver-opt=com.docker.network.endpoint.ifname=eth7,gw-priority=2 nginx')).code).toBe(0);
    expect((await run(`${NET} web`)).out).toBe('lab  02:42:0a:09:00:14 [site www] {"IPv4Address":"10.9.0.20"} {"com.docker.network.endpoint.ifname":"eth7"} 2\n');
    expect((await run('docker inspect -f "{{.HostConfig.NetworkMode}} {{.Config.MacAddress}}" web')).out).toBe('lab 02:42:0a:09:00:14\n');
    await run('docker start web');
    expect((await run(`${NET} web`)).out).toBe('lab 10.9.0.20 02:42:0a:09:00:14 [site www] {"IPv4Address":"10.9.0.20"} {"com.docker.network.endpoint.ifname":"eth7"} 2\n');
    expect((await run('docker run --rm --network lab alpine wget -qO- http://www')).out).toContain('<title>Welcome to nginx!</title>');
    expect((await run('docker network inspect -f "{{range .Containers}}{{.Name}} {{.MacAddress}} {{.IPv4Address}}{{end}}" lab')).out).toBe('web 02:42:0a:09:00:14 10.9.0.20/24\n');
    await run('docker stop web');
    expect((await run(`${NET} web`)).out).toBe('lab   [site www] {"IPv4Address":"10.9.0.20"} {"com.docker.network.endpoint.ifname":"eth7"} 2\n');
    expect((await run('docker inspect -f "{{.Config.MacAddress}}" web')).out).toBe('02:42:0a:09:00:14\n');
  }, 60_000);

  it('--mac-address on the default bridge (Config.MacAddress keeps the spelling, the endpoint the canonical form); none without it', async () => {
    const { run, requests } = setup();
    await run('docker run -d --name m1 --mac-address 02-42-AC-11-00-63 alpine sleep infinity');
    expect((requests[0].NetworkingConfig as { EndpointsConfig: Record<string, EndpointSettings> }).EndpointsConfig.default.MacAddress).toBe('02-42-AC-11-00-63');
    expect((await run('docker inspect -f "{{.Config.MacAddress}} {{.NetworkSettings.MacAddress}} {{.NetworkSettings.Networks.bridge.MacAddress}}" m1')).out)
      .toBe('02-42-AC-11-00-63 02:42:ac:11:00:63 02:42:ac:11:00:63\n');
    await run('docker run -d --name m2 alpine sleep infinity');
    expect((await run('docker inspect -f "{{json .Config}}" m2')).out).not.toContain('MacAddress');
    // Config.MacAddress sits after Entrypoint, before OnBuild/Labels (moby's container.Config order)
    expect((await run('docker inspect -f "{{json .Config}}" m1')).out).toMatch(/"Entrypoint":null,"MacAddress":"02-42-AC-11-00-63","(OnBuild|Labels)"/);
  }, 60_000);

  it('two user networks in one run: an endpoint on each', async () => {
    const { run } = setup();
    await run('docker network create n1');
    await run('docker network create n2');
    await run('docker run -d --name two --network name=n1,alias=one --network name=n2,alias=deux alpine sleep infinity');
    expect((await run("docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{$v.Aliases}};{{end}}' two")).out)
      .toBe('n1=172.18.0.2 [one];n2=172.19.0.2 [deux];\n');
    expect((await run('docker network connect --driver-opt x n1 two')).err).toBe('invalid key/value pair format in driver options\n');
  }, 60_000);
});
