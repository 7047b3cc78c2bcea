/**
 * The networks area (moby daemon/network.go + libnetwork, as far as a learner can see it) and the engine's events
 * for containers and images. Installed on Engine by `installNetworks(Engine)` (lib/engine/index.ts), like
 * containers/engine.ts: it adds the network/events/buildPrune methods of EngineClient and wraps the container and
 * image methods to (1) validate and record `--network`, (2) show every network in container inspect/ps, and
 * (3) publish moby's events (create, attach, network connect, start, kill, die, stop, destroy, pull, tag, untag...).
 *
 * - Default networks bridge / host / none; IDs = sha256 of the random source's seed and the name (deterministic,
 *   and they consume nothing of the random sequence, so container IDs stay what they were).
 * - The default bridge is 172.17.0.0/16 and uses the address the containers area gives a running container
 *   (`ContainerRecord.ip`). User-defined bridges take the next free 172.N.0.0/16 (N = 18, 19, ...: moby's default
 *   address pools), gateway .1, containers .2, .3 ... allocated when the container starts, released when it stops.
 * - An endpoint exists while the container runs (moby: network inspect lists running containers only).
 */
import { parseSignal } from './signals';
import type {
  BuildCachePruneOptions, BuildCachePruneReport, ContainerCreateRequest, ContainerInspect, ContainerSummary, EndpointSettings, EngineClient,
  EventMessage, EventsOptions, Filters, IPAMConfig, NetworkCreateRequest, NetworkCreateResponse, NetworkEndpointResource, NetworkResource,
  NetworksPruneReport, ImagePullOptions, JSONMessage,
} from '../api/types';
import { EngineError, conflict, invalidParameter, notFound } from '../api/errors';
import type { EngineState } from './state';
import { sha256Hex } from './digest';
import { rfc3339Nano } from './clock';
import { registerAreaCodec } from './serialize';
import { containersOf, findContainer, type ContainerRecord } from './containers/area';
import { containerEvent, eventStream, holdEvents, publishEvent, releaseEvents, subscribeEvents } from './events';
import { BuildCache } from './builder/cache';
import { parseNormalizedNamed, familiarString } from '../reference/reference';

// ---------- state ----------
export interface NetworkRecord {
  id: string; name: string; driver: string; createdMs: number;
  /** second octet of 172.N.0.0/16 for allocated subnets; 0 for host/none or a user --subnet */
  pool: number;
  subnet: string; gateway: string; ipRange: string;
  internal: boolean; attachable: boolean; ingress: boolean; configOnly: boolean; enableIPv6: boolean;
  labels: Record<string, string>; options: Record<string, string>; ipamOptions: Record<string, string> | null;
  predefined: boolean;
}
/** A container's membership of a network (NetworkSettings.Networks); `ip` is set while it runs (user networks). */
export interface Member { netId: string; aliases: string[] | null; config: EndpointSettings | null; ip: string }
export interface NetworksArea { nets: Map<string, NetworkRecord>; members: Map<string, Member[]> }

const PREDEFINED = ['bridge', 'host', 'none'];
/** The default bridge's driver options as moby reports them (also used by the fake Engine API in lib/api). */
export const BRIDGE_OPTIONS: Readonly<Record<string, string>> = {
  'com.docker.network.bridge.default_bridge': 'true',
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.bridge.name': 'docker0',
  'com.docker.network.driver.mtu': '1500',
};

export function networksOf(state: EngineState): NetworksArea {
  let a = state.areas.get('networks') as NetworksArea | undefined;
  if (!a) {
    a = { nets: new Map(), members: new Map() };
    state.areas.set('networks', a);
    const seed = state.random.state().seed;
    const created = state.clock.now();
    const base = { createdMs: created, internal: false, attachable: false, ingress: false, configOnly: false, enableIPv6: false, labels: {}, ipamOptions: null, predefined: true, ipRange: '' };
    for (const name of PREDEFINED) {
      const id = sha256Hex(`${seed}:network:${name}`);
      const bridge = name === 'bridge';
      a.nets.set(id, {
        ...base, id, name, driver: name === 'none' ? 'null' : name, pool: bridge ? 17 : 0,
        subnet: bridge ? '172.17.0.0/16' : '', gateway: bridge ? '172.17.0.1' : '', options: bridge ? { ...BRIDGE_OPTIONS } : {},
      });
    }
    installDieListener(state);
  }
  return a;
}

/** Looks a network up like moby's FindNetwork: full ID, exact name, then a unique ID prefix. */
export function findNetwork(state: EngineState, ref: string): NetworkRecord | undefined {
  const a = networksOf(state);
  if (!ref) return undefined;
  const byId = a.nets.get(ref);
  if (byId) return byId;
  for (const n of a.nets.values()) if (n.name === ref) return n;
  const m = [...a.nets.values()].filter((n) => n.id.startsWith(ref));
  if (m.length > 1) throw invalidParameter(`network ${ref} is ambiguous (${m.length} matches found based on ID prefix)`);
  return m[0];
}
export function getNetwork(state: EngineState, ref: string): NetworkRecord {
  const n = findNetwork(state, ref);
  if (!n) throw notFound(`network ${ref} not found`);
  return n;
}
function byName(state: EngineState, name: string): NetworkRecord {
  return [...networksOf(state).nets.values()].find((n) => n.name === name)!;
}

// ---------- membership and addresses ----------
const running = (c: ContainerRecord) => c.status === 'running' || c.status === 'paused';

function primaryNetworkName(c: ContainerRecord): string {
  const m = c.hostConfig.NetworkMode || 'bridge';
  return m === 'default' ? 'bridge' : m;
}

/** The container's networks (created from its NetworkMode on first use); stale addresses are dropped. */
export function membersOf(state: EngineState, c: ContainerRecord): Member[] {
  const a = networksOf(state);
  let list = a.members.get(c.id);
  if (!list) {
    list = [];
    const mode = primaryNetworkName(c);
    const n = mode.startsWith('container:') ? undefined : findNetwork(state, mode);
    if (n) list.push({ netId: n.id, aliases: null, config: null, ip: '' });
    a.members.set(c.id, list);
  }
  if (!running(c)) for (const m of list) m.ip = '';
  return list.filter((m) => a.nets.has(m.netId));
}

function ipOf(state: EngineState, c: ContainerRecord, m: Member): string {
  const n = networksOf(state).nets.get(m.netId);
  if (!n || !running(c)) return '';
  if (n.name === 'bridge') return c.ip;
  if (n.driver !== 'bridge') return '';
  return m.ip;
}

function prefixLen(n: NetworkRecord): number {
  const p = /\/(\d+)$/.exec(n.subnet);
  return p ? Number(p[1]) : 0;
}

/** The lowest free host address of a network (gateway and addresses of running members excluded). */
function allocateIp(state: EngineState, n: NetworkRecord, want?: string): string {
  const taken = new Set<string>([n.gateway]);
  for (const [cid, list] of networksOf(state).members) {
    const c = containersOf(state).containers.get(cid);
    if (!c || !running(c)) continue;
    for (const m of list) if (m.netId === n.id && m.ip) taken.add(m.ip);
  }
  if (want) {
    if (taken.has(want)) throw new EngineError('forbidden', `Address already in use`);
    return want;
  }
  const [a, b] = n.subnet.split('/')[0].split('.').map(Number);
  for (let i = 2; i < 65535; i++) {
    const ip = `${a}.${b}.${(i >> 8) & 255}.${i & 255}`;
    if (!taken.has(ip)) return ip;
  }
  throw new EngineError('system', `no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
}

/** moby 28 gives each endpoint a random, locally administered MAC; ours is a hash of network and container IDs. */
function macOf(n: NetworkRecord, c: ContainerRecord): string {
  const h = sha256Hex(`mac:${n.id}:${c.id}`);
  const b = [0, 1, 2, 3, 4, 5].map((i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  b[0] = (b[0] & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
/** Go's net.HardwareAddr String(): lowercase hex pairs joined by colons. */
function canonicalMac(s: string): string {
  return (s.replace(/[:.-]/g, '').toLowerCase().match(/../g) ?? []).join(':');
}
/** The endpoint's address while it runs: the configured one (--mac-address, mac-address=) or a generated one. */
function macFor(n: NetworkRecord, c: ContainerRecord, m: Member): string {
  const want = m.config?.MacAddress;
  return want ? canonicalMac(want) : macOf(n, c);
}
const neverStarted = (c: ContainerRecord) => c.startedAt === '0001-01-01T00:00:00Z';
const sortedMap = (m: Record<string, string>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
function endpointId(c: ContainerRecord, n: NetworkRecord): string {
  return sha256Hex(`endpoint:${n.id}:${c.id}`);
}

/** Gives the running container an address on each of its user-defined bridge networks. */
function activate(state: EngineState, c: ContainerRecord): void {
  for (const m of membersOf(state, c)) {
    const n = networksOf(state).nets.get(m.netId)!;
    if (n.name === 'bridge' || n.driver !== 'bridge' || m.ip) continue;
    m.ip = allocateIp(state, n, m.config?.IPAMConfig?.IPv4Address || undefined);
  }
}

/** container inspect's NetworkSettings.Networks entry (network.EndpointSettings in moby's key order). */
function endpointSettings(state: EngineState, c: ContainerRecord, m: Member): Record<string, unknown> {
  const n = networksOf(state).nets.get(m.netId)!;
  const ip = ipOf(state, c, m);
  const up = ip !== '' || (running(c) && n.driver !== 'bridge');
  const userNet = !n.predefined;
  return {
    // a created container shows the endpoint settings as requested; a stopped one has its operational data cleared
    IPAMConfig: m.config?.IPAMConfig ?? null, Links: m.config?.Links ?? null, Aliases: m.aliases,
    MacAddress: ip ? macFor(n, c, m) : neverStarted(c) ? m.config?.MacAddress ?? '' : '',
    DriverOpts: m.config?.DriverOpts ?? null, GwPriority: m.config?.GwPriority ?? 0, NetworkID: n.id,
    EndpointID: up ? endpointId(c, n) : '', Gateway: ip ? n.gateway : '', IPAddress: ip, IPPrefixLen: ip ? prefixLen(n) : 0,
    IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    // moby's buildEndpointDNSNames: name, aliases, short ID, hostname, without repeats (the first names the PTR record).
    DNSNames: userNet && running(c) ? [...new Set([c.name, ...(m.aliases ?? []), c.id.slice(0, 12), c.config.Hostname].filter(Boolean))] : null,
  };
}

function networksMap(state: EngineState, c: ContainerRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const list = membersOf(state, c).map((m) => ({ m, n: networksOf(state).nets.get(m.netId)! })).sort((x, y) => (x.n.name < y.n.name ? -1 : x.n.name > y.n.name ? 1 : 0));
  for (const { m, n } of list) out[n.name] = endpointSettings(state, c, m);
  return out;
}

/**
 * moby's inspect copies the MAC address requested for the container's primary network (NetworkMode, a bridge or
 * user-defined network) into the deprecated Config.MacAddress (omitempty; after Entrypoint, before OnBuild).
 */
function withDesiredMac(state: EngineState, c: ContainerRecord, config: ContainerInspect['Config']): ContainerInspect['Config'] {
  const mode = primaryNetworkName(c);
  if (['host', 'none'].includes(mode) || mode.startsWith('container:')) return config;
  const m = membersOf(state, c).find((x) => networksOf(state).nets.get(x.netId)?.name === mode);
  const mac = m?.config?.MacAddress;
  if (!mac || (config as Record<string, unknown>).MacAddress) return config;
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(config)) {
    if (!placed && ['OnBuild', 'Labels', 'StopSignal', 'StopTimeout', 'Shell'].includes(k)) { out.MacAddress = mac; placed = true; }
    out[k] = v;
  }
  if (!placed) out.MacAddress = mac;
  return out as ContainerInspect['Config'];
}

// ---------- name resolution (for the containers area's curl/wget between containers) ----------
/**
 * The container `from` reaches as `host` (a name, alias, ID prefix or address) over the networks they share, like
 * Docker's embedded DNS: names and aliases resolve on user-defined networks only, addresses on any shared network.
 */
export function resolveContainer(state: EngineState, from: ContainerRecord, host: string): ContainerRecord | undefined {
  return resolveAddress(state, from, host)?.container;
}

/** resolveContainer with the address the name resolves to (the target's address on the first shared network that answers). */
export function resolveAddress(state: EngineState, from: ContainerRecord, host: string): { container: ContainerRecord; ip: string } | undefined {
  const mine = new Map(membersOf(state, from).map((m) => [m.netId, m]));
  for (const c of containersOf(state).containers.values()) {
    if (!running(c)) continue;
    for (const m of membersOf(state, c)) {
      if (!mine.has(m.netId)) continue;
      const n = networksOf(state).nets.get(m.netId)!;
      const ip = ipOf(state, c, m);
      if (ip === host) return { container: c, ip };
      if (!n.predefined && (c.name === host || (host.length >= 1 && c.id.startsWith(host)) || (m.aliases ?? []).includes(host))) return { container: c, ip };
    }
  }
  return undefined;
}

/** The container's own address (its first network's, as its hostname resolves in /etc/hosts); '' without one. */
export function primaryAddress(state: EngineState, c: ContainerRecord): string {
  for (const m of membersOf(state, c)) { const ip = ipOf(state, c, m); if (ip) return ip; }
  return '';
}

// ---------- network API ----------
function networkResource(state: EngineState, n: NetworkRecord, withContainers: boolean): NetworkResource {
  const config: IPAMConfig[] | null = n.subnet ? [{ Subnet: n.subnet, ...(n.ipRange ? { IPRange: n.ipRange } : {}), Gateway: n.gateway }] : null;
  const containers: Record<string, NetworkEndpointResource> = {};
  if (withContainers) {
    const rows: [string, NetworkEndpointResource][] = [];
    for (const [cid, list] of networksOf(state).members) {
      const c = containersOf(state).containers.get(cid);
      if (!c || !running(c)) continue;
      const m = list.find((x) => x.netId === n.id);
      if (!m) continue;
      const ip = ipOf(state, c, m);
      rows.push([cid, { Name: c.name, EndpointID: endpointId(c, n), MacAddress: ip ? macFor(n, c, m) : '', IPv4Address: ip ? `${ip}/${prefixLen(n)}` : '', IPv6Address: '' }]);
    }
    rows.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    for (const [k, v] of rows) containers[k] = v;
  }
  return {
    Name: n.name, Id: n.id, Created: rfc3339Nano(n.createdMs), Scope: 'local', Driver: n.driver, EnableIPv4: true, EnableIPv6: n.enableIPv6,
    IPAM: { Driver: 'default', Options: n.ipamOptions, Config: config }, Internal: n.internal, Attachable: n.attachable, Ingress: n.ingress,
    ConfigFrom: { Network: '' }, ConfigOnly: n.configOnly, Containers: containers, Options: sortedMap(n.options), Labels: sortedMap(n.labels),
  };
}

/** Containers that have an endpoint (run) on the network. */
function activeContainers(state: EngineState, n: NetworkRecord): ContainerRecord[] {
  const out: ContainerRecord[] = [];
  for (const c of containersOf(state).containers.values()) if (running(c) && membersOf(state, c).some((m) => m.netId === n.id)) out.push(c);
  return out;
}

const LIST_FILTERS = new Set(['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
const vals = (f: Filters, k: string) => Object.keys(f[k] ?? {});

function matchLabel(labels: Record<string, string>, spec: string): boolean {
  const i = spec.indexOf('=');
  return i < 0 ? spec in labels : labels[spec.slice(0, i)] === spec.slice(i + 1);
}
function regexMatch(pattern: string, s: string): boolean {
  if (s.includes(pattern)) return true;
  try { return new RegExp(pattern).test(s); } catch { return false; }
}

export function networkList(state: EngineState, filters: Filters = {}): NetworkResource[] {
  for (const k of Object.keys(filters)) if (!LIST_FILTERS.has(k)) throw invalidParameter(`invalid filter '${k}'`);
  for (const t of vals(filters, 'type')) if (t !== 'custom' && t !== 'builtin') throw invalidParameter(`invalid filter: 'type'='${t}'`);
  const dangling = vals(filters, 'dangling');
  for (const d of dangling) if (!['true', 'false', '1', '0'].includes(d)) throw invalidParameter(`invalid filter 'dangling=${d}'`);
  let list = [...networksOf(state).nets.values()];
  if (vals(filters, 'driver').length) list = list.filter((n) => vals(filters, 'driver').includes(n.driver));
  if (vals(filters, 'name').length) list = list.filter((n) => vals(filters, 'name').some((p) => regexMatch(p, n.name)));
  if (vals(filters, 'id').length) list = list.filter((n) => vals(filters, 'id').some((p) => regexMatch(p, n.id)));
  if (vals(filters, 'label').length) list = list.filter((n) => vals(filters, 'label').every((l) => matchLabel(n.labels, l)));
  if (vals(filters, 'scope').length) list = list.filter((n) => vals(filters, 'scope').includes('local'));
  if (vals(filters, 'type').length) list = list.filter((n) => vals(filters, 'type').includes(n.predefined ? 'builtin' : 'custom'));
  if (dangling.length) {
    const want = dangling[0] === 'true' || dangling[0] === '1';
    list = list.filter((n) => !n.predefined && (activeContainers(state, n).length === 0) === want);
  }
  return list.map((n) => networkResource(state, n, false));
}

export function networkInspect(state: EngineState, ref: string): NetworkResource {
  return networkResource(state, getNetwork(state, ref), true);
}

function parseCidr(s: string): { a: number[]; bits: number } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m) return null;
  const a = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (a.some((x) => x > 255) || bits > 32) return null;
  return { a, bits };
}

export function networkCreate(state: EngineState, req: NetworkCreateRequest): NetworkCreateResponse {
  const a = networksOf(state);
  const name = req.Name ?? '';
  if (!name) throw invalidParameter('invalid name: ');
  if ([...a.nets.values()].some((n) => n.name === name)) throw conflict(`network with name ${name} already exists`);
  const driver = req.Driver || 'bridge';
  if (driver === 'host' || driver === 'null') throw new EngineError('forbidden', `only one instance of "${driver}" network is allowed`);
  if (driver === 'overlay') {
    throw new EngineError('unavailable', 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
  }
  if (!['bridge', 'macvlan', 'ipvlan'].includes(driver)) throw notFound(`plugin "${driver}" not found`);
  const cfg = (req.IPAM?.Config ?? [])[0];
  let pool = 0;
  let subnet = '';
  let gateway = '';
  if (cfg?.Subnet) {
    const c = parseCidr(cfg.Subnet);
    if (!c) throw invalidParameter(`invalid subnet ${cfg.Subnet}: invalid CIDR address: ${cfg.Subnet}`);
    subnet = cfg.Subnet;
    gateway = cfg.Gateway || `${c.a[0]}.${c.a[1]}.${c.a[2]}.${c.a[3] + 1}`;
  } else {
    const used = new Set([...a.nets.values()].map((n) => n.pool));
    for (pool = 18; pool <= 31 && used.has(pool); pool++);
    if (pool > 31) throw new EngineError('forbidden', 'all predefined address pools have been fully subnetted');
    subnet = `172.${pool}.0.0/16`;
    gateway = cfg?.Gateway || `172.${pool}.0.1`;
  }
  const id = state.random.hex(64);
  // moby 28 records the address families as driver options of a user-defined network
  const options: Record<string, string> = {
    'com.docker.network.enable_ipv4': String(req.EnableIPv4 ?? true), 'com.docker.network.enable_ipv6': String(req.EnableIPv6 ?? false), ...(req.Options ?? {}),
  };
  a.nets.set(id, {
    id, name, driver, createdMs: state.clock.now(), pool, subnet, gateway, ipRange: cfg?.IPRange ?? '', internal: !!req.Internal, attachable: !!req.Attachable,
    ingress: !!req.Ingress, configOnly: !!req.ConfigOnly, enableIPv6: !!req.EnableIPv6, labels: { ...(req.Labels ?? {}) }, options,
    ipamOptions: req.IPAM?.Options ?? {}, predefined: false,
  });
  publishEvent(state, 'network', 'create', id, { name, type: driver });
  return { Id: id, Warning: '' };
}

export function networkRemove(state: EngineState, ref: string): void {
  const n = getNetwork(state, ref);
  if (n.predefined) throw new EngineError('forbidden', `${n.name} is a pre-defined network and cannot be removed`);
  const active = activeContainers(state, n);
  if (active.length) {
    const eps = active.map((c) => `name:${JSON.stringify(c.name)} id:${JSON.stringify(endpointId(c, n).slice(0, 12))}`).join(', ');
    throw new EngineError('forbidden', `error while removing network: network ${n.name} has active endpoints (${eps})`);
  }
  removeRecord(state, n);
}

function removeRecord(state: EngineState, n: NetworkRecord): void {
  const a = networksOf(state);
  a.nets.delete(n.id);
  for (const list of a.members.values()) for (let i = list.length - 1; i >= 0; i--) if (list[i].netId === n.id) list.splice(i, 1);
  publishEvent(state, 'network', 'destroy', n.id, { name: n.name, type: n.driver });
}

export function networksPrune(state: EngineState, filters: Filters = {}): NetworksPruneReport {
  for (const k of Object.keys(filters)) if (!['until', 'label', 'label!'].includes(k)) throw invalidParameter(`invalid filter '${k}'`);
  const until = vals(filters, 'until')[0];
  const untilMs = until ? untilTimestamp(until, state.clock.now()) : undefined;
  const gone: string[] = [];
  const list = [...networksOf(state).nets.values()].filter((n) => !n.predefined).sort((x, y) => (x.name < y.name ? -1 : 1));
  for (const n of list) {
    if (activeContainers(state, n).length) continue;
    if (untilMs !== undefined && n.createdMs >= untilMs) continue;
    if (!vals(filters, 'label').every((l) => matchLabel(n.labels, l))) continue;
    if (vals(filters, 'label!').some((l) => matchLabel(n.labels, l))) continue;
    removeRecord(state, n);
    gone.push(n.name);
  }
  publishEvent(state, 'network', 'prune', '', { reclaimed: '0' });
  return { NetworksDeleted: gone.length ? gone : null };
}

/** moby's `until` filter value: a timestamp, or a duration before now (10m, 24h). */
function untilTimestamp(v: string, now: number): number {
  const d = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(v);
  if (d) return now - Number(d[1]) * { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 }[d[2] as 'h'];
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidParameter(`failed to parse value as time or duration: "${v}"`);
  return t;
}

function getContainerRecord(state: EngineState, ref: string): ContainerRecord {
  const c = findContainer(state, ref);
  if (!c) throw notFound(`No such container: ${ref}`);
  return c;
}

export function networkConnect(state: EngineState, netRef: string, ref: string, config: EndpointSettings | null = null): void {
  const n = getNetwork(state, netRef);
  const c = getContainerRecord(state, ref);
  const mode = primaryNetworkName(c);
  if (mode === 'host' || n.name === 'host') throw invalidParameter('container cannot be disconnected from host network or connected to host network');
  if (mode === 'none' || n.name === 'none') throw invalidParameter('container cannot be connected to multiple networks with one of the networks in private (none) mode');
  const list = membersOf(state, c);
  if (list.some((m) => m.netId === n.id)) throw new EngineError('forbidden', `endpoint with name ${c.name} already exists in network ${n.name}`);
  // the endpoint settings are kept as requested (`docker network connect` sends an empty alias list)
  const member: Member = { netId: n.id, aliases: config?.Aliases ? [...config.Aliases] : null, config, ip: '' };
  networksOf(state).members.get(c.id)!.push(member);
  if (running(c)) {
    if (n.name !== 'bridge') member.ip = allocateIp(state, n, config?.IPAMConfig?.IPv4Address || undefined);
    publishEvent(state, 'network', 'connect', n.id, { container: c.id, name: n.name, type: n.driver });
  }
}

export function networkDisconnect(state: EngineState, netRef: string, ref: string, force = false): void {
  const n = getNetwork(state, netRef);
  const c = findContainer(state, ref);
  if (!c) {
    if (force) return;
    throw notFound(`No such container: ${ref}`);
  }
  const mode = primaryNetworkName(c);
  if (mode === 'host' || n.name === 'host') throw invalidParameter('container cannot be disconnected from host network or connected to host network');
  const all = networksOf(state).members.get(c.id) ?? membersOf(state, c);
  const i = all.findIndex((m) => m.netId === n.id);
  if (i < 0) throw new EngineError('system', running(c) ? `container ${c.id} is not connected to network ${n.name}` : `container ${c.id} is not connected to the network ${n.name}`);
  all.splice(i, 1);
  if (running(c)) publishEvent(state, 'network', 'disconnect', n.id, { container: c.id, name: n.name, type: n.driver });
}

// ---------- container events ----------
function networkEvents(state: EngineState, c: ContainerRecord, action: 'connect' | 'disconnect'): void {
  for (const m of membersOf(state, c)) {
    const n = networksOf(state).nets.get(m.netId)!;
    publishEvent(state, 'network', action, n.id, { container: c.id, name: n.name, type: n.driver });
  }
}

/** After a container's `die` (published by the containers area), its endpoints go: `network disconnect`. */
function installDieListener(state: EngineState): void {
  subscribeEvents(state, (m) => {
    if (m.Type !== 'container' || m.Action !== 'die') return;
    const id = m.Actor?.ID ?? '';
    const list = networksOf(state).members.get(id);
    if (!list) return;
    for (const mem of list) {
      const n = networksOf(state).nets.get(mem.netId);
      if (n) publishEvent(state, 'network', 'disconnect', n.id, { container: id, name: n.name, type: n.driver });
      mem.ip = '';
    }
    // an auto-removed container (run --rm) is gone by now
    if (!containersOf(state).containers.has(id)) networksOf(state).members.delete(id);
  });
}

// ---------- persistence ----------
interface SavedNetworks { nets: NetworkRecord[]; members: [string, Member[]][] }
registerAreaCodec('networks', {
  save: (state) => {
    const a = state.areas.get('networks') as NetworksArea | undefined;
    if (!a) return undefined;
    return { nets: [...a.nets.values()], members: [...a.members].map(([k, v]) => [k, v.map((m) => ({ ...m, ip: '' }))]) } satisfies SavedNetworks;
  },
  load: (state, data) => {
    const d = data as SavedNetworks;
    const a: NetworksArea = { nets: new Map(d.nets.map((n) => [n.id, n])), members: new Map(d.members) };
    state.areas.set('networks', a);
    installDieListener(state);
  },
});

// ---------- installing on Engine ----------
export type NetworksApi = Pick<EngineClient,
  'networkList' | 'networkInspect' | 'networkCreate' | 'networkRemove' | 'networksPrune' | 'networkConnect' | 'networkDisconnect' | 'events' | 'buildPrune'>;

type Base = Pick<EngineClient,
  | 'containerCreate' | 'containerStart' | 'containerStop' | 'containerRestart' | 'containerKill' | 'containerPause' | 'containerUnpause'
  | 'containerRemove' | 'containerRename' | 'containerAttach' | 'containerInspect' | 'containerList' | 'containersPrune' | 'execCreate' | 'execStart'
  | 'commit' | 'imagePull' | 'imageTag' | 'imageRemove' | 'imagePush' | 'imageInspect' | 'imagesPrune'
  | 'volumeCreate' | 'volumeRemove' | 'volumesPrune'>;
interface EngineLike extends Base { readonly state: EngineState }
type EngineClass = { prototype: EngineLike };

/** The kill event's signal attribute: the number (moby strconv.Itoa of the parsed signal). */
const signalNumber = (s: string | undefined, d: string) => (s ? String(parseSignal(s) ?? s) : d);

function familiar(ref: string): string {
  try { return familiarString(parseNormalizedNamed(ref)); } catch { return ref; }
}

/** Installs the networks/events/buildPrune methods and the event-publishing wrappers on the Engine prototype. */
export function installNetworks(E: EngineClass): void {
  const p = E.prototype as EngineLike & NetworksApi;
  const base: Base = {
    containerCreate: p.containerCreate, containerStart: p.containerStart, containerStop: p.containerStop, containerRestart: p.containerRestart,
    containerKill: p.containerKill, containerPause: p.containerPause, containerUnpause: p.containerUnpause, containerRemove: p.containerRemove,
    containerRename: p.containerRename, containerAttach: p.containerAttach, containerInspect: p.containerInspect, containerList: p.containerList,
    containersPrune: p.containersPrune, execCreate: p.execCreate, execStart: p.execStart, commit: p.commit, imagePull: p.imagePull,
    imageTag: p.imageTag, imageRemove: p.imageRemove, imagePush: p.imagePush, imageInspect: p.imageInspect, imagesPrune: p.imagesPrune,
    volumeCreate: p.volumeCreate, volumeRemove: p.volumeRemove, volumesPrune: p.volumesPrune,
  };
  const execs = new WeakMap<EngineState, Map<string, { container: string; cmd: string }>>();
  const execTable = (s: EngineState) => { let t = execs.get(s); if (!t) execs.set(s, (t = new Map())); return t; };

  const api: NetworksApi & Base & ThisType<EngineLike & NetworksApi> = {
    // ----- networks -----
    async networkList(f) { return networkList(this.state, f); },
    async networkInspect(id) { return networkInspect(this.state, id); },
    async networkCreate(req) { return networkCreate(this.state, req); },
    async networkRemove(id) { networkRemove(this.state, id); },
    async networksPrune(f) { return networksPrune(this.state, f); },
    async networkConnect(n, c, cfg) { networkConnect(this.state, n, c, cfg); },
    async networkDisconnect(n, c, force) { networkDisconnect(this.state, n, c, force); },
    events(opts: EventsOptions, signal?: AbortSignal) { return eventStream(this.state, opts, signal); },
    async buildPrune(opts) { return buildPrune(this.state, opts); },

    // ----- containers: --network, inspect/ps networks, events -----
    async containerCreate(req: ContainerCreateRequest, name?: string) {
      const mode = req.HostConfig?.NetworkMode || 'default';
      if (!['default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:')) getNetwork(this.state, mode);
      const r = await base.containerCreate.call(this, req, name);
      const c = containersOf(this.state).containers.get(r.Id);
      if (c) {
        const list = membersOf(this.state, c);
        const ep = (req.NetworkingConfig as { EndpointsConfig?: Record<string, EndpointSettings> } | undefined)?.EndpointsConfig ?? {};
        for (const m of list) {
          const n = networksOf(this.state).nets.get(m.netId)!;
          const cfg = ep[n.name] ?? ep[mode];
          if (cfg) { m.config = cfg; m.aliases = cfg.Aliases && cfg.Aliases.length ? [...cfg.Aliases] : null; }
        }
        // `--network a --network b`: an endpoint on each further network of EndpointsConfig (one that exists; moby
        // leaves a missing one to the start)
        for (const [key, cfg] of Object.entries(ep)) {
          if (key === mode || key === 'default') continue;
          const n = findNetwork(this.state, key);
          if (!n || list.some((m) => m.netId === n.id)) continue;
          networksOf(this.state).members.get(c.id)!.push({ netId: n.id, aliases: cfg?.Aliases && cfg.Aliases.length ? [...cfg.Aliases] : null, config: cfg, ip: '' });
        }
        containerEvent(this.state, c, 'create');
      }
      return r;
    },
    async containerStart(id) {
      const c = findContainer(this.state, id);
      const was = c ? running(c) : true;
      if (c && !was) {
        networkEvents(this.state, c, 'connect');
        activate(this.state, c);
      }
      if (c && !was) holdEvents(this.state, c.id);
      try {
        await base.containerStart.call(this, id);
      } catch (e) {
        if (c && !was) { releaseEvents(this.state, c.id); networkEvents(this.state, c, 'disconnect'); }
        throw e;
      }
      if (c && !was) { containerEvent(this.state, c, 'start'); releaseEvents(this.state, c.id); }
    },
    async containerStop(id, o) {
      if (o?.signal && parseSignal(o.signal) === undefined) throw invalidParameter(`invalid signal: ${o.signal}`); // the router's check
      const c = findContainer(this.state, id);
      const was = c ? running(c) : false;
      if (c && was) containerEvent(this.state, c, 'kill', { signal: signalNumber(o?.signal ?? c.config.StopSignal, '15') });
      await base.containerStop.call(this, id, o);
      if (c && was) containerEvent(this.state, c, 'stop');
    },
    async containerRestart(id, o) {
      if (o?.signal && parseSignal(o.signal) === undefined) throw invalidParameter(`invalid signal: ${o.signal}`);
      const c = findContainer(this.state, id);
      const was = c ? running(c) : false;
      if (c && was) containerEvent(this.state, c, 'kill', { signal: signalNumber(o?.signal ?? c.config.StopSignal, '15') });
      await base.containerStop.call(this, id, o);
      if (c && was) containerEvent(this.state, c, 'stop');
      await api.containerStart.call(this, id);
      if (c) containerEvent(this.state, c, 'restart');
    },
    async containerKill(id, signal) {
      const c = findContainer(this.state, id);
      // an invalid signal is refused before anything happens (moby's API router parses it first)
      if (c && running(c) && (signal === undefined || parseSignal(signal) !== undefined)) containerEvent(this.state, c, 'kill', { signal: signalNumber(signal, '9') });
      await base.containerKill.call(this, id, signal);
    },
    async containerPause(id) { await base.containerPause.call(this, id); const c = findContainer(this.state, id); if (c) containerEvent(this.state, c, 'pause'); },
    async containerUnpause(id) { await base.containerUnpause.call(this, id); const c = findContainer(this.state, id); if (c) containerEvent(this.state, c, 'unpause'); },
    async containerRemove(id, o) {
      const c = findContainer(this.state, id);
      if (c && running(c) && o?.force) containerEvent(this.state, c, 'kill', { signal: '9' });
      await base.containerRemove.call(this, id, o);
      if (c) networksOf(this.state).members.delete(c.id);
    },
    async containerRename(id, newName) {
      const c = findContainer(this.state, id);
      const old = c?.name ?? '';
      await base.containerRename.call(this, id, newName);
      if (c) containerEvent(this.state, c, 'rename', { oldName: '/' + old });
    },
    containerAttach(id, io) {
      const c = findContainer(this.state, id);
      if (c) containerEvent(this.state, c, 'attach');
      return base.containerAttach.call(this, id, io);
    },
    async containerInspect(id, size) {
      const r: ContainerInspect = await base.containerInspect.call(this, id, size);
      const c = containersOf(this.state).containers.get(r.Id);
      if (!c) return r;
      const nets = networksMap(this.state, c);
      const settings = { ...r.NetworkSettings, Networks: nets };
      const bridge = nets.bridge as Record<string, unknown> | undefined;
      if (!bridge) for (const k of ['EndpointID', 'Gateway', 'IPAddress', 'MacAddress'] as const) if (k in settings) (settings as Record<string, unknown>)[k] = '';
      if (!bridge && 'IPPrefixLen' in settings) settings.IPPrefixLen = 0;
      if (bridge && 'MacAddress' in settings) (settings as Record<string, unknown>).MacAddress = bridge.MacAddress;
      return { ...r, Config: withDesiredMac(this.state, c, r.Config), NetworkSettings: settings };
    },
    async containerList(o) {
      const list: ContainerSummary[] = await base.containerList.call(this, o);
      return list.map((s) => {
        const c = containersOf(this.state).containers.get(s.Id);
        if (!c) return s;
        const nets = networksMap(this.state, c);
        const f = o?.filters ?? {};
        void f;
        return { ...s, NetworkSettings: { Networks: nets } };
      }).filter((s) => {
        const want = Object.keys(o?.filters?.network ?? {});
        if (!want.length) return true;
        const c = containersOf(this.state).containers.get(s.Id);
        if (!c) return false;
        return membersOf(this.state, c).some((m) => {
          const n = networksOf(this.state).nets.get(m.netId)!;
          return want.some((w) => w === n.name || n.id.startsWith(w));
        });
      });
    },
    async containersPrune(f) {
      const r = await base.containersPrune.call(this, f);
      publishEvent(this.state, 'container', 'prune', '', { reclaimed: String(r.SpaceReclaimed) });
      return r;
    },
    async execCreate(id, req) {
      const r = await base.execCreate.call(this, id, req);
      const c = findContainer(this.state, id);
      if (c) {
        const cmd = req.Cmd.join(' ');
        execTable(this.state).set(r.Id, { container: c.id, cmd });
        containerEvent(this.state, c, `exec_create: ${cmd}`, { execID: r.Id });
      }
      return r;
    },
    async execStart(execId, io) {
      const e = execTable(this.state).get(execId);
      const c = e ? containersOf(this.state).containers.get(e.container) : undefined;
      if (c && e) containerEvent(this.state, c, `exec_start: ${e.cmd}`, { execID: execId });
      const code = await base.execStart.call(this, execId, io);
      if (c) containerEvent(this.state, c, 'exec_die', { execID: execId, exitCode: String(code) });
      return code;
    },
    async commit(o) {
      const r = await base.commit.call(this, o);
      const c = findContainer(this.state, o.container);
      if (c) containerEvent(this.state, c, 'commit', { comment: o.comment ?? '' });
      return r;
    },
    // ----- images -----
    imagePull(o: ImagePullOptions): AsyncIterable<JSONMessage> {
      const self = this;
      const it = base.imagePull.call(this, o);
      return {
        async *[Symbol.asyncIterator]() {
          let failed = false;
          for await (const m of it) { if (m.error) failed = true; yield m; }
          if (!failed) {
            const ref = familiar(o.fromImage.includes('@') || !o.tag ? o.fromImage : `${o.fromImage}:${o.tag}`);
            publishEvent(self.state, 'image', 'pull', ref, { name: ref });
          }
        },
      };
    },
    async imageTag(source, repo, tag) {
      await base.imageTag.call(this, source, repo, tag);
      const img = await base.imageInspect.call(this, source);
      const name = familiar(`${repo}:${tag || 'latest'}`);
      publishEvent(this.state, 'image', 'tag', img.Id, { ...(img.Config?.Labels ?? {}), name });
    },
    async imageRemove(name, o) {
      let id = '';
      let labels: Record<string, string> = {};
      try { const img = await base.imageInspect.call(this, name); id = img.Id; labels = img.Config?.Labels ?? {}; } catch { /* base reports it */ }
      const r = await base.imageRemove.call(this, name, o);
      let deleted = false;
      for (const item of r) {
        if (item.Untagged !== undefined) publishEvent(this.state, 'image', 'untag', id, { ...labels, name: id });
        else if (item.Deleted !== undefined && !deleted) { deleted = true; publishEvent(this.state, 'image', 'delete', id, { ...labels, name: id }); }
      }
      return r;
    },
    imagePush(name, o) {
      const self = this;
      const it = base.imagePush.call(this, name, o);
      return {
        async *[Symbol.asyncIterator]() {
          let failed = false;
          for await (const m of it) { if (m.error) failed = true; yield m; }
          if (!failed) { const ref = familiar(o?.tag ? `${name}:${o.tag}` : name); publishEvent(self.state, 'image', 'push', ref, { name: ref }); }
        },
      };
    },
    imageInspect(name) { return base.imageInspect.call(this, name); },
    // ----- volumes (moby LogVolumeEvent: driver attribute) -----
    async volumeCreate(req) {
      const v = await base.volumeCreate.call(this, req);
      publishEvent(this.state, 'volume', 'create', v.Name, { driver: v.Driver });
      return v;
    },
    async volumeRemove(name, force) {
      let found: { Name: string; Driver: string } | undefined;
      try { found = await (this as unknown as EngineClient).volumeInspect(name); } catch { /* base reports it */ }
      await base.volumeRemove.call(this, name, force);
      if (found) publishEvent(this.state, 'volume', 'destroy', found.Name, { driver: found.Driver });
    },
    async volumesPrune(f) {
      const r = await base.volumesPrune.call(this, f);
      for (const n of r.VolumesDeleted ?? []) publishEvent(this.state, 'volume', 'destroy', n, { driver: 'local' });
      publishEvent(this.state, 'volume', 'prune', '', { reclaimed: String(r.SpaceReclaimed) });
      return r;
    },
    async imagesPrune(f) {
      const r = await base.imagesPrune.call(this, f);
      publishEvent(this.state, 'image', 'prune', '', { reclaimed: String(r.SpaceReclaimed) });
      return r;
    },
  };
  Object.assign(p, api);
}

// ---------- build cache prune ----------
function buildPrune(state: EngineState, opts: BuildCachePruneOptions): BuildCachePruneReport {
  const f = opts.filters ?? {};
  const ACCEPTED = ['until', 'id', 'parent', 'type', 'description', 'inuse', 'shared', 'private'];
  for (const k of Object.keys(f)) if (!ACCEPTED.includes(k)) throw invalidParameter(`"${k}" is an invalid filter: invalid filter`);
  const cache = BuildCache.of(state);
  const now = state.clock.now();
  const until = vals(f, 'until')[0];
  const untilMs = until ? untilTimestamp(until, now) : undefined;
  // Records that back an image's layers are shared with it (not dangling); without --all only the others go.
  const imageChains = new Set<string>();
  for (const img of state.images.all()) if (img.topChain) for (const l of state.layers.chain(img.topChain)) imageChains.add(l.chainId);
  let candidates = cache.entries().sort((x, y) => x.lastUsedMs - y.lastUsedMs);
  const recordChain = (id: string) => cache.chainOf(id);
  if (!opts.all) candidates = candidates.filter((e) => { const ch = recordChain(e.id); return !ch || !imageChains.has(ch); });
  if (untilMs !== undefined) candidates = candidates.filter((e) => e.lastUsedMs < untilMs);
  for (const id of vals(f, 'id')) candidates = candidates.filter((e) => e.id.startsWith(id));
  const keep = opts.keepStorage || opts.reservedSpace || 0;
  if (keep > 0) {
    let total = cache.entries().reduce((s, e) => s + e.size, 0);
    const out: typeof candidates = [];
    for (const e of candidates) { if (total <= keep) break; out.push(e); total -= e.size; }
    candidates = out;
  }
  const ids = candidates.map((e) => e.id);
  const reclaimed = candidates.reduce((s, e) => s + e.size, 0);
  cache.removeRecords(new Set(ids));
  publishEvent(state, 'builder', 'prune', '', { reclaimed: String(reclaimed) });
  return { CachesDeleted: ids.length ? ids : null, SpaceReclaimed: reclaimed };
}
