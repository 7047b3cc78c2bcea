/**
 * `--network` for run/create as docker CLI 28.2.2 reads it (opts.NetworkOpt, container/opts.go parseNetworkOpts,
 * applyContainerOptions, parseNetworkAttachmentOpt), confirmed against the real CLI's create requests:
 * - short form `--network NAME`; long form `name=NET,alias=A,ip=…,ip6=…,mac-address=…,link-local-ip=…,driver-opt=K=V,
 *   gw-priority=N` (keys and values lowercased, CSV fields), chosen when `\w+=\w+(,\w+=\w+)*` matches anywhere;
 * - the legacy flags (--network-alias, --link, --ip, --ip6, --mac-address, --link-local-ip) apply to the first network
 *   (or to "default" without --network), and conflict with the same setting given per network;
 * - a single network without settings sends no endpoint; several networks send one each.
 */
import type { EndpointSettings } from '../../../api/types';
import { StatusError } from '../../command';

/** opts.NetworkAttachmentOpts */
export interface NetworkAttachment {
  target: string; aliases: string[]; driverOpts: Record<string, string> | null; links: string[];
  ipv4: string; ipv6: string; linkLocalIPs: string[]; macAddress: string; gwPriority: number;
}

/** The legacy per-container flags (containerOptions). */
export interface LegacyNetworkFlags { aliases: string[]; links: string[]; ip?: string; ip6?: string; macAddress: string; linkLocalIPs: string[] }

const emptyAttachment = (target: string): NetworkAttachment => ({ target, aliases: [], driverOpts: null, links: [], ipv4: '', ipv6: '', linkLocalIPs: [], macAddress: '', gwPriority: 0 });

/** encoding/csv's Read of one record (quoted fields with "" escapes); returns the fields or csv's error text. */
function csvFields(s: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      const start = i;
      i++;
      for (;;) {
        if (i >= s.length) return `parse error on line 1, column ${start + 1}: extraneous or missing " in quoted-field`;
        if (s[i] === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ',') return `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`;
    } else {
      while (i < s.length && s[i] !== ',') {
        if (s[i] === '"') return `parse error on line 1, column ${i + 1}: bare " in non-quoted-field`;
        field += s[i++];
      }
    }
    out.push(field);
    if (i >= s.length) return out;
    i++;
  }
}

/** strconv.Atoi's error kind ("invalid syntax" / "value out of range"), or the number. */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return 'invalid syntax';
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return 'value out of range';
  return Number(n);
}

/** opts.NetworkOpt.Set: the attachment, or the error pflag shows after `invalid argument "…" for "--network" flag: `. */
export function parseNetworkOpt(value: string): NetworkAttachment | string {
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) return emptyAttachment(value);
  const fields = csvFields(value);
  if (typeof fields === 'string') return fields;
  const a = emptyAttachment('');
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq <= 0) return `invalid field ${field}`;
    const key = field.slice(0, eq).toLowerCase().trim();
    const val = field.slice(eq + 1).toLowerCase().trim();
    switch (key) {
      case 'name': a.target = val; break;
      case 'alias': a.aliases.push(val); break;
      case 'ip': a.ipv4 = val; break;
      case 'ip6': a.ipv6 = val; break;
      case 'mac-address': a.macAddress = val; break;
      case 'link-local-ip': a.linkLocalIPs.push(val); break;
      case 'driver-opt': {
        const i = val.indexOf('=');
        if (i <= 0) return 'invalid key value pair format in driver options';
        (a.driverOpts ??= {})[val.slice(0, i).trim()] = val.slice(i + 1).trim();
        break;
      }
      case 'gw-priority': {
        const n = atoi(val);
        if (typeof n === 'string') return `invalid gw-priority (${val}): ${n}`;
        a.gwPriority = n;
        break;
      }
      default: return `invalid field key ${key}`;
    }
  }
  if (a.target === '') return 'network name/id is not specified';
  return a;
}

/** The --network flag's value check (pflag prints it with the usage, exit 125). */
export function validateNetworkOpt(value: string): string | null {
  const r = parseNetworkOpt(value);
  return typeof r === 'string' ? r : null;
}

/** Go's net.ParseMAC: 6, 8 or 20 bytes as xx:xx…, xx-xx… or xxxx.xxxx…. */
export function validMac(s: string): boolean {
  const hex2 = /^[0-9a-fA-F]{2}$/;
  const hex4 = /^[0-9a-fA-F]{4}$/;
  const sizes = [6, 8, 20];
  if (s.length < 14) return false;
  if (s[2] === ':' || s[2] === '-') {
    const parts = s.split(s[2]);
    return sizes.includes(parts.length) && parts.every((p) => hex2.test(p));
  }
  if (s[4] === '.') {
    const parts = s.split('.');
    return sizes.includes(parts.length * 2) && parts.every((p) => hex4.test(p));
  }
  return false;
}

/** container.NetworkMode(n).IsUserDefined() */
export function isUserDefined(mode: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:');
}

/** applyContainerOptions: the legacy flags onto the first network (conflicts first). */
function applyLegacy(n: NetworkAttachment, f: LegacyNetworkFlags): void {
  const conflict = (what: string) => new StatusError(`conflicting options: cannot specify both ${what}`, 125);
  if (n.aliases.length && f.aliases.length) throw conflict('--network-alias and per-network alias');
  if (n.links.length && f.links.length) throw conflict('--link and per-network links');
  if (n.ipv4 && f.ip) throw conflict('--ip and per-network IPv4 address');
  if (n.ipv6 && f.ip6) throw conflict('--ip6 and per-network IPv6 address');
  if (n.macAddress && f.macAddress) throw conflict('--mac-address and per-network MAC address');
  if (n.linkLocalIPs.length && f.linkLocalIPs.length) throw conflict('--link-local-ip and per-network link-local IP addresses');
  if (f.aliases.length) n.aliases = [...f.aliases];
  // --link is an endpoint option on a user-defined network, a legacy link (HostConfig.Links) on the default bridge
  if (isUserDefined(n.target) && f.links.length) n.links = [...f.links];
  if (f.ip) n.ipv4 = f.ip;
  if (f.ip6) n.ipv6 = f.ip6;
  if (f.macAddress) n.macAddress = f.macAddress;
  if (f.linkLocalIPs.length) n.linkLocalIPs = [...f.linkLocalIPs];
}

/** One EndpointsConfig entry as docker/cli 28.2.2 serialises network.EndpointSettings (all fields, zero values included). */
export type WireEndpoint = EndpointSettings & Record<string, unknown>;

/** parseNetworkAttachmentOpt */
function endpointFor(n: NetworkAttachment): WireEndpoint {
  if (n.target.trim() === '') throw new StatusError('no name set for network', 125);
  if (!isUserDefined(n.target)) {
    if (n.aliases.length) throw new StatusError('network-scoped aliases are only supported for user-defined networks', 125);
    if (n.links.length) throw new StatusError('links are only supported for user-defined networks', 125);
  }
  const ipam = n.ipv4 || n.ipv6 || n.linkLocalIPs.length
    ? { ...(n.ipv4 ? { IPv4Address: n.ipv4 } : {}), ...(n.ipv6 ? { IPv6Address: n.ipv6 } : {}), ...(n.linkLocalIPs.length ? { LinkLocalIPs: [...n.linkLocalIPs] } : {}) }
    : null;
  if (n.macAddress && !validMac(n.macAddress.trim())) throw new StatusError(`${n.macAddress} is not a valid mac address`, 125);
  return {
    IPAMConfig: ipam, Links: n.links.length ? [...n.links] : null, Aliases: n.aliases.length ? [...n.aliases] : null, MacAddress: n.macAddress,
    DriverOpts: n.driverOpts, GwPriority: n.gwPriority, NetworkID: '', EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '',
    GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
  };
}

const isEmpty = (e: WireEndpoint) => e.IPAMConfig === null && e.Links === null && e.Aliases === null && e.MacAddress === '' && e.DriverOpts === null && e.GwPriority === 0;

/** parseNetworkOpts: HostConfig.NetworkMode and NetworkingConfig.EndpointsConfig. */
export function networkingConfig(values: string[], legacy: LegacyNetworkFlags): { mode: string; endpoints: Record<string, WireEndpoint> } {
  const nets = values.map((v) => {
    const r = parseNetworkOpt(v);
    if (typeof r === 'string') throw new StatusError(r, 125);
    return r;
  });
  const out: Record<string, WireEndpoint> = {};
  if (nets.length === 0) {
    const n = emptyAttachment('default');
    applyLegacy(n, legacy);
    out.default = endpointFor(n);
    return { mode: 'default', endpoints: out };
  }
  let user = false;
  let nonUser = false;
  nets.forEach((n, i) => {
    if (isUserDefined(n.target)) user = true; else nonUser = true;
    if (i === 0) applyLegacy(n, legacy);
    const ep = endpointFor(n);
    if (n.target in out) throw new StatusError(`network "${n.target}" is specified multiple times`, 125);
    if (i === 0 && nets.length === 1 && isEmpty(ep)) return;
    out[n.target] = ep;
  });
  if (user && nonUser) throw new StatusError('conflicting options: cannot attach both user-defined and non-user-defined network-modes', 125);
  return { mode: nets[0].target, endpoints: out };
}
