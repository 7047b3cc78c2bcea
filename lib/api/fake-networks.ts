/**
 * The networks, events and build-cache parts of the fake EngineClient (lib/api/fake-client.ts): the three default
 * networks, user-defined bridge networks without containers, an event stream with no events, an empty build cache.
 * Approximate like the rest of the fake; lib/engine/networks.ts and events.ts are the real thing.
 */
import { conflict, invalidParameter, notFound, EngineError } from './errors';
import type {
  BuildCachePruneOptions, BuildCachePruneReport, EndpointSettings, EventMessage, EventsOptions, Filters, NetworkCreateRequest,
  NetworkCreateResponse, NetworkResource, NetworksPruneReport,
} from './types';
import { BRIDGE_OPTIONS } from '../engine/networks';


export class FakeNetworks {
  private readonly nets: NetworkResource[] = [];
  private subnet = 18;
  private seq = 0x9e3779b9;
  constructor(private readonly nowIso: () => string) {
    const created = nowIso();
    const base = { Scope: 'local', EnableIPv4: true, EnableIPv6: false, Internal: false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {}, Labels: {} };
    this.nets.push(
      { Name: 'bridge', Id: this.newId(), Created: created, Driver: 'bridge', IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] }, ...base, Options: { ...BRIDGE_OPTIONS } },
      { Name: 'host', Id: this.newId(), Created: created, Driver: 'host', IPAM: { Driver: 'default', Options: null, Config: null }, ...base, Options: {} },
      { Name: 'none', Id: this.newId(), Created: created, Driver: 'null', IPAM: { Driver: 'default', Options: null, Config: null }, ...base, Options: {} },
    );
  }

  /** 64 hex characters from a private xorshift sequence (the fake's own ID generator stays untouched). */
  private newId(): string {
    let out = '';
    while (out.length < 64) {
      let x = this.seq;
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      this.seq = x;
      out += x.toString(16).padStart(8, '0');
    }
    return out;
  }

  private find(ref: string): NetworkResource {
    const n = this.nets.find((x) => x.Name === ref) ?? this.nets.find((x) => x.Id === ref) ?? this.nets.find((x) => x.Id.startsWith(ref));
    if (!n || !ref) throw notFound(`network ${ref} not found`);
    return n;
  }

  async networkList(filters: Filters = {}): Promise<NetworkResource[]> {
    const names = Object.keys(filters.name ?? {});
    const drivers = Object.keys(filters.driver ?? {});
    return this.nets
      .filter((n) => (names.length === 0 || names.some((x) => n.Name.includes(x))) && (drivers.length === 0 || drivers.includes(n.Driver)))
      .map((n) => structuredClone(n));
  }
  async networkInspect(id: string): Promise<NetworkResource> { return structuredClone(this.find(id)); }
  async networkCreate(req: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    if (!req.Name) throw invalidParameter('invalid name: ');
    if (this.nets.some((n) => n.Name === req.Name)) throw conflict(`network with name ${req.Name} already exists`);
    const s = this.subnet++;
    const n: NetworkResource = {
      Name: req.Name, Id: this.newId(), Created: this.nowIso(), Scope: 'local', Driver: req.Driver || 'bridge', EnableIPv4: true, EnableIPv6: !!req.EnableIPv6,
      IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: `172.${s}.0.0/16`, Gateway: `172.${s}.0.1` }] },
      Internal: !!req.Internal, Attachable: !!req.Attachable, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {},
      Options: { ...(req.Options ?? {}) }, Labels: { ...(req.Labels ?? {}) },
    };
    this.nets.push(n);
    return { Id: n.Id, Warning: '' };
  }
  async networkRemove(id: string): Promise<void> {
    const n = this.find(id);
    if (['bridge', 'host', 'none'].includes(n.Name)) throw new EngineError('forbidden', `${n.Name} is a pre-defined network and cannot be removed`);
    this.nets.splice(this.nets.indexOf(n), 1);
  }
  async networksPrune(): Promise<NetworksPruneReport> {
    const gone = this.nets.filter((n) => !['bridge', 'host', 'none'].includes(n.Name));
    for (const n of gone) this.nets.splice(this.nets.indexOf(n), 1);
    return { NetworksDeleted: gone.length ? gone.map((n) => n.Name) : null };
  }
  async networkConnect(network: string, _container: string, _config?: EndpointSettings | null): Promise<void> { this.find(network); }
  async networkDisconnect(network: string): Promise<void> { this.find(network); }
}

/** No events ever happen in the fake: an `until` stream ends at once, a live one when aborted. */
export async function* fakeEvents(opts: EventsOptions, signal?: AbortSignal): AsyncGenerator<EventMessage> {
  if (opts.until) return;
  await new Promise<void>((r) => { if (!signal || signal.aborted) r(); else signal.addEventListener('abort', () => r(), { once: true }); });
}

export async function fakeBuildPrune(_opts: BuildCachePruneOptions): Promise<BuildCachePruneReport> {
  return { CachesDeleted: null, SpaceReclaimed: 0 };
}
