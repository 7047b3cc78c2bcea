/**
 * docker volume ls output (cli/command/formatter/volume.go).
 */
import type { VolumeInfo } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../gotemplate';
import { DRIVER_HEADER, LABELS_HEADER, SCOPE_HEADER, SIZE_HEADER, TABLE_FORMAT_KEY, RAW_FORMAT_KEY, writeFormat } from './context';
import { humanSize } from './units';

export const DEFAULT_VOLUME_QUIET_FORMAT = '{{.Name}}';
export const DEFAULT_VOLUME_TABLE_FORMAT = 'table {{.Driver}}\t{{.Name}}';

export const VOLUME_HEADERS: Record<string, string> = {
  Name: 'VOLUME NAME',
  Driver: DRIVER_HEADER,
  Scope: SCOPE_HEADER,
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: LABELS_HEADER,
  Links: 'LINKS',
  Size: SIZE_HEADER,
  Group: 'GROUP',
  Status: 'STATUS',
};

const VOLUME_FIELDS = ['Availability', 'Driver', 'Group', 'Labels', 'Links', 'Mountpoint', 'Name', 'Scope', 'Size', 'Status'];

export function newVolumeFormat(source: string, quiet: boolean): string {
  if (source === TABLE_FORMAT_KEY) return quiet ? DEFAULT_VOLUME_QUIET_FORMAT : DEFAULT_VOLUME_TABLE_FORMAT;
  if (source === RAW_FORMAT_KEY) return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\ndriver: {{.Driver}}\n';
  return source;
}

export class VolumeContext {
  readonly [GO_TYPE] = '*formatter.volumeContext';
  constructor(private readonly v: VolumeInfo) {}
  [MARSHAL_JSON](): string { return marshalContext(this, VOLUME_FIELDS); }
  Name(): string { return this.v.Name; }
  Driver(): string { return this.v.Driver; }
  Scope(): string { return this.v.Scope; }
  Mountpoint(): string { return this.v.Mountpoint; }
  Labels(): string {
    if (!this.v.Labels) return '';
    return Object.entries(this.v.Labels).map(([k, v]) => `${k}=${v}`).sort().join(',');
  }
  Label(name: string): string { return this.v.Labels?.[name] ?? ''; }
  Links(): string { return this.v.UsageData ? String(this.v.UsageData.RefCount) : 'N/A'; }
  Size(): string { return this.v.UsageData ? humanSize(this.v.UsageData.Size) : 'N/A'; }
  // cluster volume fields (always N/A on a single engine)
  Group(): string { return 'N/A'; }
  Availability(): string { return 'N/A'; }
  Status(): string { return 'N/A'; }
}

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (i < a.length && j < b.length) {
    const ca = a[i];
    const cb = b[j];
    if (isDigit(ca) && isDigit(cb)) {
      let si = i; while (a[si] === '0') si++;
      let sj = j; while (b[sj] === '0') sj++;
      let ei = si; while (isDigit(a[ei])) ei++;
      let ej = sj; while (isDigit(b[ej])) ej++;
      const na = a.slice(si, ei);
      const nb = b.slice(sj, ej);
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      if (ei - i !== ej - j) return ei - i < ej - j; // more leading zeros sorts later
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

export interface VolumeFormatOptions { format?: string; quiet?: boolean }

/** What `docker volume ls` prints (volumes sorted by name in natural order, like the command). Throws FormatError. */
export function formatVolumes(volumes: readonly VolumeInfo[], opts: VolumeFormatOptions = {}): string {
  const sorted = [...volumes].sort((x, y) => (naturalLess(x.Name, y.Name) ? -1 : naturalLess(y.Name, x.Name) ? 1 : 0));
  const format = newVolumeFormat(opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY, opts.quiet ?? false);
  return writeFormat(format, VOLUME_HEADERS, sorted.map((v) => new VolumeContext(v)));
}
