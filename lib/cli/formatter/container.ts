/**
 * docker ps output (cli/command/formatter/container.go, docker CLI 28.2.2).
 */
import type { ContainerSummary, Port } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, Template, TemplateError, goQuote, marshalContext } from '../gotemplate';
import {
  CONTAINER_ID_HEADER, CREATED_AT_HEADER, DEFAULT_QUIET_FORMAT, FormatError, IMAGE_HEADER, LABELS_HEADER, PORTS_HEADER, RAW_FORMAT_KEY,
  SIZE_HEADER, STATE_HEADER, STATUS_HEADER, TABLE_FORMAT_KEY, goTimeString, truncateID, writeFormat,
} from './context';
import { familiarString, parseNormalizedNamed } from '../../reference/reference';
import { humanDuration, humanSizeWithPrecision } from './units';
import { ellipsis } from './width';

export const DEFAULT_CONTAINER_TABLE_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: CONTAINER_ID_HEADER,
  Names: 'NAMES',
  Image: IMAGE_HEADER,
  Command: 'COMMAND',
  CreatedAt: CREATED_AT_HEADER,
  RunningFor: 'CREATED',
  Ports: PORTS_HEADER,
  State: STATE_HEADER,
  Status: STATUS_HEADER,
  Size: SIZE_HEADER,
  Labels: LABELS_HEADER,
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

const CONTAINER_FIELDS = ['Command', 'CreatedAt', 'ID', 'Image', 'Labels', 'LocalVolumes', 'Mounts', 'Names', 'Networks', 'Platform', 'Ports', 'RunningFor', 'Size', 'State', 'Status'];

/** formatter.NewContainerFormat */
export function newContainerFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === TABLE_FORMAT_KEY || source === '') {
    if (quiet) return DEFAULT_QUIET_FORMAT;
    return DEFAULT_CONTAINER_TABLE_FORMAT + (size ? '\\t{{.Size}}' : '');
  }
  if (source === RAW_FORMAT_KEY) {
    if (quiet) return 'container_id: {{.ID}}';
    let f = 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';
    if (size) f += 'size: {{.Size}}\\n';
    return f;
  }
  return quiet ? DEFAULT_QUIET_FORMAT : source;
}

/**
 * What `docker ps --format X` does before calling the API (buildContainerListOptions): parse the raw format, run it
 * once on an empty container, and ask for sizes when it used .Size. Throws FormatError
 * ("failed to parse template: ..." / "failed to execute template: ...").
 */
export function validateContainerFormat(format: string): { size: boolean } {
  if (format.length === 0) return { size: false };
  let tmpl: Template;
  try {
    tmpl = Template.parse(format);
  } catch (e) {
    if (e instanceof TemplateError) throw new FormatError(`failed to parse template: ${e.message}`);
    throw e;
  }
  const empty = {
    Id: '', Names: [], Image: '', ImageID: '', Command: '', Created: 0, Ports: [], Labels: {}, State: '', Status: '',
    HostConfig: { NetworkMode: '' }, NetworkSettings: { Networks: {} }, Mounts: [],
  } as unknown as ContainerSummary;
  const probe = new ContainerContext(empty, false, 0);
  try {
    tmpl.execute(probe);
  } catch (e) {
    if (e instanceof TemplateError) throw new FormatError(`failed to execute template: ${e.message}`);
    throw e;
  }
  return { size: probe.sizeUsed };
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function formGroup(key: string, start: number, last: number): string {
  const parts = key.split('/');
  let groupType = parts[0];
  let ip = '';
  if (parts.length > 1) {
    ip = parts[0];
    groupType = parts[1];
  }
  let group = String(start);
  if (start !== last) group = `${group}-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${groupType}`;
}

function comparePorts(a: Port, b: Port): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  const ai = a.IP ?? '';
  const bi = b.IP ?? '';
  if (ai !== bi) return ai < bi ? -1 : 1;
  const ap = a.PublicPort ?? 0;
  const bp = b.PublicPort ?? 0;
  if (ap !== bp) return ap - bp;
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

/** formatter.DisplayablePorts: "443/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp" */
export function displayablePorts(ports: readonly Port[]): string {
  if (ports.length === 0) return '';
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  const keys: string[] = [];
  const sorted = [...ports].sort(comparePorts);
  for (const port of sorted) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if ((port.PublicPort ?? 0) !== current) {
        hostMappings.push(`${joinHostPort(port.IP, String(port.PublicPort ?? 0))}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: current, last: current });
      keys.push(key);
      continue;
    }
    if (current === group.last + 1) {
      group.last = current;
      continue;
    }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current });
  }
  for (const key of keys) {
    const g = groups.get(key) as { first: number; last: number };
    result.push(formGroup(key, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}

/** The IMAGE cell's name for a reference: a pure function, kept since a listing repeats the same few names. */
const imageNames = new Map<string, string>();
function shortImageName(image: string): string {
  let v = imageNames.get(image);
  if (v !== undefined) return v;
  try {
    const ref = parseNormalizedNamed(image);
    v = familiarString({ ...ref, digest: undefined }); // a digest is stripped, the tag kept
  } catch {
    v = image;
  }
  if (imageNames.size >= 10_000) imageNames.clear();
  imageNames.set(image, v);
  return v;
}

export class ContainerContext {
  readonly [GO_TYPE] = '*formatter.ContainerContext';
  /** Set when the template used .Size (ContainerContext.FieldsUsed["Size"]). */
  sizeUsed = false;
  constructor(private readonly c: ContainerSummary, private readonly trunc: boolean, private readonly now: number) {}
  [MARSHAL_JSON](): string { return marshalContext(this, CONTAINER_FIELDS); }
  ID(): string { return this.trunc ? truncateID(this.c.Id) : this.c.Id; }
  Names(): string {
    const names = (this.c.Names ?? []).map((n) => n.replace(/^\//, ''));
    if (this.trunc) {
      // the first name that is not a legacy link ("/other/alias"); all of them when there is none (docker 28)
      for (const n of names) if (!n.includes('/')) return n;
    }
    return names.join(',');
  }
  Image(): string {
    const image = this.c.Image;
    if (image === '') return '<no image>';
    if (!this.trunc) return image;
    const trunc = truncateID(this.c.ImageID);
    if (trunc === truncateID(image)) return trunc;
    return shortImageName(image);
  }
  Command(): string {
    let command = this.c.Command;
    if (this.trunc) command = ellipsis(command, 20);
    return goQuote(command);
  }
  CreatedAt(): string { return goTimeString(this.c.Created); }
  RunningFor(): string { return humanDuration(this.now - this.c.Created * 1000) + ' ago'; }
  Platform(): null { return null; }
  Ports(): string { return displayablePorts(this.c.Ports ?? []); }
  State(): string { return this.c.State; }
  Status(): string { return this.c.Status; }
  Size(): string {
    this.sizeUsed = true;
    const srw = humanSizeWithPrecision(this.c.SizeRw ?? 0, 3);
    const sv = humanSizeWithPrecision(this.c.SizeRootFs ?? 0, 3);
    return (this.c.SizeRootFs ?? 0) > 0 ? `${srw} (virtual ${sv})` : srw;
  }
  Labels(): string {
    if (!this.c.Labels) return '';
    return Object.entries(this.c.Labels).map(([k, v]) => `${k}=${v}`).sort().join(',');
  }
  Label(name: string): string {
    return this.c.Labels?.[name] ?? '';
  }
  Mounts(): string {
    return (this.c.Mounts ?? []).map((m) => {
      const name = m.Name ? m.Name : m.Source;
      return this.trunc ? ellipsis(name, 15) : name;
    }).join(',');
  }
  LocalVolumes(): string {
    return String((this.c.Mounts ?? []).filter((m) => m.Driver === 'local').length);
  }
  Networks(): string {
    const nets = this.c.NetworkSettings?.Networks;
    return nets ? Object.keys(nets).join(',') : '';
  }
}

export interface ContainerFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; size?: boolean; now: number }

/** What `docker ps` prints on stdout. Throws FormatError. */
export function formatContainers(containers: readonly ContainerSummary[], opts: ContainerFormatOptions): string {
  const format = newContainerFormat(opts.format ?? '', opts.quiet ?? false, opts.size ?? false);
  return writeFormat(format, CONTAINER_HEADERS, containers.map((c) => new ContainerContext(c, !opts.noTrunc, opts.now)));
}
