import { describe, expect, it } from 'vitest';
import { createEngine, engineCurl, Engine } from './index';
import { ManualClock, SeededRandom } from './clock';
import { createConsole, MemoryWorkspace } from '../console/index';
import type { EngineClient, EventMessage } from '../api/types';
import { EngineError } from '../api/errors';
import { BuildCache } from './builder/cache';
import { eventBus } from './events';
import { resolveContainer } from './networks';

const T0 = Date.UTC(2026, 10, 27, 7, 20, 27);

function setup(seed = 'networks-test') {
  const clock = new ManualClock(T0);
  const engine = createEngine({ clock, random: new SeededRandom(seed) });
  const now = () => clock.now();
  const con = createConsole({ client: engine as unknown as EngineClient, workspace: new MemoryWorkspace(now), now, curl: engineCurl(engine) });
  const run = async (line: string, input: string[] = [], signal?: AbortSignal) => {
    let out = '';
    let err = '';
    const code = await con.run(line, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => (input.length ? input.shift()! : null), isTTY: false, columns: 80, signal });
    return { out, err, code };
  };
  return { engine, clock, run };
}

async function rejects(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('networks', () => {
  it('default networks: deterministic IDs from the seed, moby shapes', async () => {
    const a = setup();
    const b = setup();
    const la = await a.engine.networkList();
    expect(la.map((n) => [n.Name, n.Driver])).toEqual([['bridge', 'bridge'], ['host', 'host'], ['none', 'null']]);
    expect(la.map((n) => n.Id)).toEqual((await b.engine.networkList()).map((n) => n.Id));
    expect(la.map((n) => n.Id)).not.toEqual((await setup('other').engine.networkList()).map((n) => n.Id));
    const bridge = await a.engine.networkInspect('bridge');
    expect(Object.keys(bridge)).toEqual(['Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable', 'Ingress', 'ConfigFrom', 'ConfigOnly', 'Containers', 'Options', 'Labels']);
    expect(bridge.IPAM).toEqual({ Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] });
    expect(bridge.Options['com.docker.network.bridge.name']).toBe('docker0');
    expect((await a.engine.networkInspect('host')).IPAM.Config).toBeNull();
    const r = await a.run('docker network ls');
    expect(r.out).toBe(
      'NETWORK ID     NAME      DRIVER    SCOPE\n'
      + la.map((n) => `${n.Id.slice(0, 12)}   ${n.Name.padEnd(6)}    ${n.Driver.padEnd(6)}    local\n`).join(''),
    );
  });

  it('user-defined bridges take 172.18, 172.19 ... and free them; moby errors', async () => {
    const { engine, run } = setup();
    let r = await run('docker network create one');
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    await run('docker network create two');
    expect((await engine.networkInspect('one')).IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect((await engine.networkInspect('two')).IPAM.Config?.[0].Subnet).toBe('172.19.0.0/16');
    r = await run('docker network create one');
    expect(r).toEqual({ out: '', err: 'Error response from daemon: network with name one already exists\n', code: 1 });
    expect((await rejects(engine.networkCreate({ Name: 'one' }))).status).toBe(409);
    r = await run('docker network rm one');
    expect(r.out).toBe('one\n');
    await run('docker network create three');
    expect((await engine.networkInspect('three')).IPAM.Config?.[0].Subnet).toBe('172.18.0.0/16');
    r = await run('docker network rm bridge nosuch');
    expect(r).toEqual({
      out: '', code: 1,
      err: 'Error response from daemon: bridge is a pre-defined network and cannot be removed\nError response from daemon: network nosuch not found\nexit status 1\n',
    });
    expect((await rejects(engine.networkRemove('host'))).status).toBe(403);
    r = await run('docker network rm -f nosuch');
    expect(r).toEqual({ out: '', err: '', code: 0 });
    r = await run('docker network create --subnet 10.1.0.0/24 --label team=web --opt foo=bar custom');
    expect(r.code).toBe(0);
    const c = await engine.networkInspect('custom');
    expect(c.IPAM.Config).toEqual([{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }]);
    expect(c.Labels).toEqual({ team: 'web' });
    expect(c.Options).toEqual({ 'com.docker.network.enable_ipv4': 'true', 'com.docker.network.enable_ipv6': 'false', foo: 'bar' });
    r = await run('docker network ls --filter label=team=web --format "{{.Name}} {{.Labels}}"');
    expect(r.out).toBe('custom team=web\n');
    r = await run('docker network ls --filter type=custom -q --no-trunc');
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3);
    r = await run('docker network create -d overlay ov');
    expect(r.err).toBe('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n');
    r = await run('docker network create -d nosuchdriver x');
    expect(r.err).toBe('Error response from daemon: plugin "nosuchdriver" not found\n');
    r = await run('docker network ls --filter nope=1');
    expect(r.err).toBe("Error response from daemon: invalid filter 'nope'\n");
  });

  it('containers on a user network: addresses, inspect, name resolution, in-use errors, prune', async () => {
    const { engine, run } = setup();
    await run('docker network create app');
    let r = await run('docker run -d --name web --network app nginx');
    expect(r.code).toBe(0);
    const id = r.out.trim();
    r = await run('docker run --rm --network app alpine wget -qO- http://web');
    expect(r.out).toContain('Welcome to nginx!');
    r = await run('docker run --rm alpine wget -qO- http://web');
    expect(r.code).not.toBe(0);
    const net = await engine.networkInspect('app');
    expect(Object.keys(net.Containers)).toEqual([id]);
    expect(net.Containers[id]).toMatchObject({ Name: 'web', IPv4Address: '172.18.0.2/16', IPv6Address: '' });
    expect(net.Containers[id].MacAddress).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/);
    const ci = await engine.containerInspect('web');
    const nets = ci.NetworkSettings.Networks as Record<string, Record<string, unknown>>;
    expect(Object.keys(nets)).toEqual(['app']);
    expect(nets.app).toMatchObject({ NetworkID: net.Id, IPAddress: '172.18.0.2', Gateway: '172.18.0.1', IPPrefixLen: 16, DNSNames: ['web', id.slice(0, 12)] });
    expect(ci.NetworkSettings.IPAddress).toBe('');
    r = await run('docker network rm app');
    expect(r.err).toMatch(/^Error response from daemon: error while removing network: network app has active endpoints \(name:"web" id:"[0-9a-f]{12}"\)\nexit status 1\n$/);
    r = await run('docker network connect bridge web');
    expect(r).toEqual({ out: '', err: '', code: 0 });
    r = await run('docker network connect bridge web');
    expect(r.err).toBe('Error response from daemon: endpoint with name web already exists in network bridge\n');
    r = await run(`docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' web`);
    expect(r.out).toBe('app=172.18.0.2 bridge=172.17.0.2 \n');
    r = await run('docker ps --filter network=bridge --format "{{.Names}}"');
    expect(r.out).toBe('web\n');
    await run('docker run -d --name other alpine sleep 1000');
    const other = (await import('./containers/area')).findContainer(engine.state, 'other')!;
    const web = (await import('./containers/area')).findContainer(engine.state, 'web')!;
    expect(resolveContainer(engine.state, other, 'web')).toBeUndefined();
    expect(resolveContainer(engine.state, other, web.ip)?.name).toBe('web');
    await run('docker network connect app other');
    expect(resolveContainer(engine.state, other, 'web')?.name).toBe('web');
    expect(resolveContainer(engine.state, other, '172.18.0.2')?.name).toBe('web');
    await run('docker rm -f other');
    r = await run('docker network disconnect bridge web');
    expect(r.code).toBe(0);
    r = await run('docker network disconnect bridge web');
    expect(r.err).toBe(`Error response from daemon: container ${id} is not connected to network bridge\n`);
    r = await run('docker network connect nosuch web');
    expect(r.err).toBe('Error response from daemon: network nosuch not found\n');
    r = await run('docker network connect app nosuchcontainer');
    expect(r.err).toBe('Error response from daemon: No such container: nosuchcontainer\n');
    await run('docker network create spare');
    r = await run('docker network prune -f');
    expect(r.out).toBe('Deleted Networks:\nspare\n\n');
    await run('docker stop web');
    expect((await engine.networkInspect('app')).Containers).toEqual({});
    r = await run('docker network prune', ['y']);
    expect(r.out).toBe('WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Networks:\napp\n\n');
    r = await run('docker run --network gone alpine true');
    expect(r.err).toContain('docker: Error response from daemon: network gone not found');
  });

  it('network state travels with the engine (toJSON / fromJSON)', async () => {
    const { engine, run } = setup();
    await run('docker network create keep --label a=b');
    const saved = JSON.parse(JSON.stringify(engine.toJSON()));
    const back = Engine.fromJSON(saved, { clock: new ManualClock(T0) });
    const n = await back.networkInspect('keep');
    expect(n.Labels).toEqual({ a: 'b' });
    expect(n.Id).toBe((await engine.networkInspect('keep')).Id);
  });
});

describe('events', () => {
  it('docker run --rm publishes moby\'s sequence; pretty lines with the clock\'s time', async () => {
    const { run, clock } = setup();
    await run('docker pull alpine');
    clock.advance(1000);
    await run('docker run --rm --name r1 alpine echo hi');
    clock.advance(1000);
    const r = await run('docker events --since 0 --until 0s --format "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"');
    expect(r.out).toBe([
      'image pull alpine:latest',
      'container create r1',
      'container attach r1',
      'network connect bridge',
      'container start r1',
      'container die r1',
      'network disconnect bridge',
      'container destroy r1',
      '',
    ].join('\n'));
    const p = await run('docker events --since 0 --until 0s --filter event=die');
    expect(p.out).toMatch(/^2026-11-27T07:20:2\d\.\d{9}Z container die [0-9a-f]{64} \(execDuration=0, exitCode=0, image=alpine, name=r1\)\n$/);
  });

  it('volume create / destroy / prune events', async () => {
    const { run } = setup();
    await run('docker volume create v1');
    await run('docker volume create v2');
    await run('docker volume rm v1');
    await run('docker volume rm -f nosuch');
    await run('docker volume prune -a -f');
    const r = await run('docker events --since 0 --until 0s --filter type=volume --format "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}}"');
    expect(r.out).toBe('create v1 local\ncreate v2 local\ndestroy v1 local\ndestroy v2 local\nprune  <no value>\n');
  });

  it('filters, --since/--until windows, json, template errors', async () => {
    const { engine, run, clock } = setup();
    await run('docker network create n1');
    clock.advance(60_000);
    await run('docker run -d --name w1 --label tier=front alpine sleep 100');
    await run('docker tag alpine mine:1');
    clock.advance(60_000);
    let r = await run('docker events --since 0 --until 0s --filter type=network --format "{{.Action}} {{.Actor.Attributes.name}}"');
    expect(r.out).toBe('create n1\nconnect bridge\n');
    r = await run('docker events --since 30s --until 0s --filter type=network');
    expect(r.out).toBe('');
    r = await run('docker events --since 90s --until 0s --filter type=network --format "{{.Action}}"');
    expect(r.out).toBe('connect\n');
    r = await run('docker events --since 0 --until 0s --filter label=tier=front --format "{{.Action}}"');
    expect(r.out).toBe('create\nstart\n');
    r = await run('docker events --since 0 --until 0s --filter container=w --filter event=start --format "{{.Status}} {{.From}}"');
    expect(r.out).toBe('start alpine\n');
    r = await run('docker events --since 0 --until 0s --filter image=mine --format "{{.Action}} {{.Actor.Attributes.name}}"');
    expect(r.out).toBe('tag mine:1\n');
    r = await run('docker events --since 0 --until 0s --filter type=network --format json');
    const first = JSON.parse(r.out.split('\n')[0]) as EventMessage;
    expect(Object.keys(first)).toEqual(['Type', 'Action', 'Actor', 'scope', 'time', 'timeNano']);
    expect(first.timeNano).toBe(T0 * 1_000_000);
    expect(r.out.split('\n')[0]).toContain(`"time":${T0 / 1000},"timeNano":${T0}000000}`);
    r = await run('docker events --filter nope=1 --since 0 --until 0s');
    expect(r).toEqual({ out: '', err: "Error response from daemon: invalid filter 'nope'\n", code: 1 });
    r = await run('docker events --format "{{.Nope}}"');
    expect(r).toEqual({ out: '', err: 'Error parsing format: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *events.Message\n', code: 64 });
    r = await run('docker events --since nonsense');
    expect(r).toEqual({ out: '', err: 'failed to parse value as time or duration: "nonsense"\n', code: 1 });
    expect((await rejects((async () => { for await (const _ of engine.events({ since: '20', until: '10' })) void _; })())).message).toBe('`since` time cannot be after `until` time');
  });

  it('streams live events until Ctrl+C (exit 130)', async () => {
    const { engine, run } = setup();
    const ac = new AbortController();
    const pending = run('docker events --format "{{.Type}} {{.Action}}"', [], ac.signal);
    for (let i = 0; i < 500 && eventBus(engine.state).listeners.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await engine.networkCreate({ Name: 'live' });
    await engine.networkRemove('live');
    await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    const r = await pending;
    expect(r).toEqual({ out: 'network create\nnetwork destroy\n', err: '', code: 130 });
  });

  it('--until in the future waits for events, then ends', async () => {
    const clock = new ManualClock(T0);
    const engine = createEngine({ clock, random: new SeededRandom('u') });
    const got: string[] = [];
    const done = (async () => {
      for await (const m of engine.events({ since: String(T0 / 1000), until: String(T0 / 1000 + 5) })) got.push(`${m.Type} ${m.Action}`);
    })();
    for (let i = 0; i < 500 && eventBus(engine.state).listeners.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await engine.networkCreate({ Name: 'soon' });
    clock.advance(6000);
    await done;
    expect(got).toEqual(['network create']);
  });
});

describe('builder prune', () => {
  it('removes cache records, reports IDs and bytes; -a, --keep-storage, --filter until', async () => {
    const { engine, run, clock } = setup();
    const cache = BuildCache.of(engine.state);
    const put = (id: string, size: number, ageMs: number) =>
      cache.put(id, { layer: null, parentKey: '', instr: 'RUN x', line: 1, id, description: 'RUN x', size, createdMs: clock.now() - ageMs, lastUsedMs: clock.now() - ageMs, usageCount: 1 });
    put('aaaaaaaaaaaaaaaaaaaaaaaaa', 1000, 3 * 3600_000);
    put('bbbbbbbbbbbbbbbbbbbbbbbbb', 2000, 60_000);
    put('ccccccccccccccccccccccccc', 4000, 1000);
    let r = await run('docker system df --format "{{.Type}} {{.TotalCount}} {{.Size}}"');
    expect(r.out).toContain('Build Cache 3 7kB\n');
    r = await run('docker builder prune -f --filter until=1h');
    expect(r.out).toBe('Deleted build cache objects:\naaaaaaaaaaaaaaaaaaaaaaaaa\n\nTotal reclaimed space: 1kB\n');
    r = await run('docker builder prune -f --keep-storage 5000');
    expect(r.out).toBe('Deleted build cache objects:\nbbbbbbbbbbbbbbbbbbbbbbbbb\n\nTotal reclaimed space: 2kB\n');
    r = await run('docker builder prune', ['n']);
    expect(r.out).toBe('WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ');
    r = await run('docker builder prune -a', ['y']);
    expect(r.out).toBe('WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] Deleted build cache objects:\nccccccccccccccccccccccccc\n\nTotal reclaimed space: 4kB\n');
    r = await run('docker builder prune -af');
    expect(r.out).toBe('Total reclaimed space: 0B\n');
    r = await run('docker builder prune -f --filter nope=1');
    expect(r.err).toContain('Error response from daemon: "nope" is an invalid filter: invalid filter\n');
    r = await run('docker events --since 0 --until 0s --filter type=builder --format "{{.Action}} {{.Actor.Attributes.reclaimed}}"');
    expect(r.out).toBe('prune 1000\nprune 2000\nprune 4000\nprune 0\n');
  });

  it('system prune: prompt with filters, then each pruner in docker/cli order', async () => {
    const { run } = setup();
    await run('docker network create unused');
    await run('docker run --name gone alpine true');
    let r = await run('docker system prune --filter label=x=y --filter until=1h', ['n']);
    expect(r.out).toBe('WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\n  Items to be pruned will be filtered with:\n  - label=x=y\n  - until=1h\n\nAre you sure you want to continue? [y/N] ');
    r = await run('docker system prune --volumes --filter until=1h');
    expect(r).toEqual({ out: '', err: 'ERROR: The "until" filter is not supported with "--volumes"\n', code: 1 });
    r = await run('docker system prune -f');
    expect(r.out).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nDeleted Networks:\nunused\n\nTotal reclaimed space: 0B\n$/);
  });
});
