import type { IPAMConfig, NetworkCreateRequest } from '../../../api/types';
import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';

export interface NetworkCreateOptions {
  name: string; driver: string; opts: string[]; labels: string[]; internal: boolean; ipv4?: boolean; ipv6?: boolean; attachable: boolean;
  ingress: boolean; scope: string; configOnly: boolean; configFrom: string; ipamDriver: string; subnets: string[]; ipRanges: string[];
  gateways: string[]; auxAddresses: string[]; ipamOpts: string[];
}

/** opts.MapOpts / ConvertKVStringsToMap: "k=v" -> {k: v}; a bare "k" -> {k: ""}. */
function kvMap(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of list) {
    const i = s.indexOf('=');
    if (i < 0) out[s] = '';
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
function ipv4(s: string): number | null {
  const m = IPV4.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return null;
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}
function cidr(s: string): { base: number; bits: number } | null {
  const i = s.indexOf('/');
  if (i < 0) return null;
  const a = ipv4(s.slice(0, i));
  const bits = /^\d{1,2}$/.test(s.slice(i + 1)) ? Number(s.slice(i + 1)) : NaN;
  if (a === null || !(bits >= 0 && bits <= 32)) return null;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (a & mask) >>> 0, bits };
}
function contains(subnet: string, addr: string): boolean {
  const s = cidr(subnet);
  if (!s) throw new StatusError(`invalid subnet: invalid CIDR address: ${subnet}`, 1);
  const a = ipv4(addr.includes('/') ? addr.slice(0, addr.indexOf('/')) : addr);
  if (a === null) return false;
  const mask = s.bits === 0 ? 0 : (~0 << (32 - s.bits)) >>> 0;
  return ((a & mask) >>> 0) === s.base;
}

/** network/create.go createIPAMConfig (IPv4 only). */
function ipamConfig(o: NetworkCreateOptions): IPAMConfig[] {
  if (o.subnets.length < o.ipRanges.length || o.subnets.length < o.gateways.length) throw new StatusError('every ip-range or gateway must have a corresponding subnet', 1);
  const data = new Map<string, IPAMConfig>();
  for (const s of o.subnets) {
    for (const k of data.keys()) if (contains(s, k) || contains(k, s)) throw new StatusError('multiple overlapping subnet configuration is not supported', 1);
    if (!cidr(s) && ipv4(s) === null) throw new StatusError(`invalid address: ParseAddr(${JSON.stringify(s)}): unable to parse IP`, 1);
    data.set(s, { Subnet: cidr(s) ? s : `${s}/32` });
  }
  for (const r of o.ipRanges) {
    let match = false;
    for (const s of o.subnets) {
      if (!cidr(r)) throw new StatusError(`invalid CIDR address: ${r}`, 1);
      if (!contains(s, r)) continue;
      const d = data.get(s)!;
      if (d.IPRange) throw new StatusError(`cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`, 1);
      d.IPRange = r;
      match = true;
    }
    if (!match) throw new StatusError(`no matching subnet for range ${r}`, 1);
  }
  for (const g of o.gateways) {
    let match = false;
    for (const s of o.subnets) {
      if (!contains(s, g)) continue;
      const d = data.get(s)!;
      if (d.Gateway) throw new StatusError(`cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`, 1);
      d.Gateway = g;
      match = true;
    }
    if (!match) throw new StatusError(`no matching subnet for gateway ${g}`, 1);
  }
  for (const [key, aa] of Object.entries(kvMap(o.auxAddresses))) {
    let match = false;
    for (const s of o.subnets) {
      if (!contains(s, aa)) continue;
      const d = data.get(s)!;
      d.AuxiliaryAddresses = { ...(d.AuxiliaryAddresses ?? {}), [key]: aa };
      match = true;
    }
    if (!match) throw new StatusError(`no matching subnet for aux-address ${aa}`, 1);
  }
  return [...data.values()];
}

const labelValidator = (v: string) => (v.startsWith('=') ? `invalid label '${v}': empty name` : null);

export const createCommand: CommandDef<NetworkCreateOptions> = {
  name: 'create',
  spec: 'network create',
  args: exactArgs(1),
  flagValidators: { label: labelValidator },
  options: (f, args) => ({
    name: args[0], driver: f.string('driver', 'bridge'), opts: f.list('opt'), labels: f.list('label'), internal: f.bool('internal'),
    ipv4: f.changed('ipv4') ? f.bool('ipv4', true) : undefined, ipv6: f.changed('ipv6') ? f.bool('ipv6') : undefined,
    attachable: f.bool('attachable'), ingress: f.bool('ingress'), scope: f.string('scope'), configOnly: f.bool('config-only'),
    configFrom: f.string('config-from'), ipamDriver: f.string('ipam-driver', 'default'), subnets: f.list('subnet'),
    ipRanges: f.list('ip-range').flatMap((x) => x.split(',')), gateways: f.list('gateway').flatMap((x) => x.split(',')),
    auxAddresses: f.list('aux-address'), ipamOpts: f.list('ipam-opt'),
  }),
  run: runNetworkCreate,
};

export async function runNetworkCreate(ctx: CliContext, o: NetworkCreateOptions): Promise<void> {
  const config = ipamConfig(o);
  const req: NetworkCreateRequest = {
    Name: o.name, Driver: o.driver, Scope: o.scope, EnableIPv4: o.ipv4 ?? null, EnableIPv6: o.ipv6 ?? null,
    IPAM: { Driver: o.ipamDriver, Options: kvMap(o.ipamOpts), Config: config }, Internal: o.internal, Attachable: o.attachable,
    Ingress: o.ingress, ConfigOnly: o.configOnly, ConfigFrom: o.configFrom ? { Network: o.configFrom } : null, Options: kvMap(o.opts),
    Labels: kvMap(o.labels),
  };
  const r = await ctx.client.networkCreate(req);
  ctx.io.stdout(r.Id + '\n');
}
