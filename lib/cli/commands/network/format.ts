/**
 * docker network ls output (cli/command/network/formatter.go): `table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}`,
 * `-q` = `{{.ID}}`, IDs cut to 12 unless --no-trunc; rows sorted by name (natural order) like the command.
 */
import type { NetworkResource } from '../../../api/types';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../../gotemplate';
import { DEFAULT_QUIET_FORMAT, RAW_FORMAT_KEY, TABLE_FORMAT_KEY, truncateID, writeFormat } from '../../formatter/context';
import { naturalLess } from '../../formatter/volume';

export const DEFAULT_NETWORK_TABLE_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';

export const NETWORK_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT',
};
const FIELDS = ['CreatedAt', 'Driver', 'ID', 'IPv4', 'IPv6', 'Internal', 'Labels', 'Name', 'Scope'];

export function newNetworkFormat(source: string, quiet: boolean): string {
  if (source === TABLE_FORMAT_KEY) return quiet ? DEFAULT_QUIET_FORMAT : DEFAULT_NETWORK_TABLE_FORMAT;
  if (source === RAW_FORMAT_KEY) return quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n';
  return source;
}

/** Go's time.Time.String() of an RFC 3339 UTC time: "2026-11-27 07:20:27.123456789 +0000 UTC". */
export function goTimeStringNano(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(rfc3339);
  if (!m) return rfc3339;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${frac ? '.' + frac : ''} +0000 UTC`;
}

export class NetworkContext {
  readonly [GO_TYPE] = '*network.networkContext';
  constructor(private readonly n: NetworkResource, private readonly trunc: boolean) {}
  [MARSHAL_JSON](): string { return marshalContext(this, FIELDS); }
  ID(): string { return this.trunc ? truncateID(this.n.Id) : this.n.Id; }
  Name(): string { return this.n.Name; }
  Driver(): string { return this.n.Driver; }
  Scope(): string { return this.n.Scope; }
  IPv4(): string { return String(this.n.EnableIPv4); }
  IPv6(): string { return String(this.n.EnableIPv6); }
  Internal(): string { return String(this.n.Internal); }
  Labels(): string {
    if (!this.n.Labels) return '';
    return Object.entries(this.n.Labels).map(([k, v]) => `${k}=${v}`).sort().join(',');
  }
  Label(name: string): string { return this.n.Labels?.[name] ?? ''; }
  CreatedAt(): string { return goTimeStringNano(this.n.Created); }
}

export interface NetworkFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean }

/** What `docker network ls` prints. Throws FormatError. */
export function formatNetworks(list: readonly NetworkResource[], o: NetworkFormatOptions = {}): string {
  const sorted = [...list].sort((x, y) => (naturalLess(x.Name, y.Name) ? -1 : naturalLess(y.Name, x.Name) ? 1 : 0));
  const format = newNetworkFormat(o.format && o.format.length > 0 ? o.format : TABLE_FORMAT_KEY, o.quiet ?? false);
  return writeFormat(format, NETWORK_HEADERS, sorted.map((n) => new NetworkContext(n, !o.noTrunc)));
}
