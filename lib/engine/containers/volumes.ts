/**
 * Volumes (moby volume/service with the local driver) and a container's mounts (daemon/volumes.go
 * registerMountPoints, volume/mounts/linux_parser.go). A volume's `_data` is a file system of its own, shared by
 * every container that mounts it; bind mounts serve the host files (the workspace) through HostBindFs.
 */
import type { Filters, HostConfig, MountPoint, VolumeCreateRequest, VolumeInfo, VolumesPruneReport } from '../../api/types';
import { EngineError, conflict, invalidParameter, notFound } from '../../api/errors';
import type { EngineState } from '../state';
import { filterValues } from '../images';
import type { UnionFs } from '../fs/union';
import { HostBindFs, emptyFs, populateVolume, type HostFiles, type Mount, type MountFs } from '../fs/mounts';
import { contentSize, normPath } from '../fs/entry';

export interface VolumeRecord {
  name: string; createdMs: number;
  labels: Record<string, string> | null; options: Record<string, string> | null;
  fs: UnionFs;
}

/** HostConfig.Mounts element (mount.Mount) as the CLI sends it. */
export interface MountSpec {
  Type?: string; Source?: string; Target?: string; ReadOnly?: boolean; Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; CreateMountpoint?: boolean } | null;
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> }; Subpath?: string } | null;
  TmpfsOptions?: unknown;
}

export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

interface VolumesHost { volumes: Map<string, VolumeRecord>; host?: HostFiles }

export function volumeFs(state: EngineState): UnionFs {
  return emptyFs({ now: () => Math.floor(state.clock.now() / 1000) });
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function volumeInfo(v: VolumeRecord, usage?: { RefCount: number; Size: number }): VolumeInfo {
  return {
    CreatedAt: rfc3339(v.createdMs), Driver: 'local', Labels: v.labels, Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, Name: v.name,
    Options: v.options, Scope: 'local', ...(usage ? { UsageData: usage } : {}),
  };
}

/** Bytes of the files in a volume (directory.Size). */
export function volumeSize(v: VolumeRecord): number {
  let n = 0;
  const walk = (p: string) => {
    for (const k of v.fs.children(p)) {
      const q = p === '/' ? '/' + k : p + '/' + k;
      const e = v.fs.get(q);
      if (!e) continue;
      if (e.type === 'file') n += contentSize(e.data);
      else if (e.type === 'dir') walk(q);
    }
  };
  walk('/');
  return n;
}

/** Creates a volume (or returns the existing one of that name, as moby does for the same driver). */
export function createVolume(state: EngineState, a: VolumesHost, req: VolumeCreateRequest, anonymous = false): VolumeRecord {
  const driver = req.Driver || 'local';
  let name = req.Name ?? '';
  if (!name) name = state.random.hex(64);
  else if (!NAME_RE.test(name)) {
    throw invalidParameter(`create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
  }
  if (driver !== 'local') throw notFound(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
  const existing = a.volumes.get(name);
  if (existing) return existing;
  const opts = req.DriverOpts && Object.keys(req.DriverOpts).length ? Object.fromEntries(Object.keys(req.DriverOpts).sort().map((k) => [k, req.DriverOpts![k]])) : null;
  if (opts) {
    for (const k of Object.keys(opts)) if (!['type', 'device', 'o', 'size'].includes(k)) throw invalidParameter(`create ${name}: invalid option: "${k}"`);
  }
  const sorted = (m: Record<string, string>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
  const labels = anonymous ? { [ANONYMOUS_LABEL]: '' } : req.Labels ? sorted(req.Labels) : null;
  const v: VolumeRecord = { name, createdMs: state.clock.now(), labels: labels && (Object.keys(labels).length || req.Labels) ? labels : null, options: req.DriverOpts ? opts ?? {} : null, fs: volumeFs(state) };
  a.volumes.set(name, v);
  return v;
}

export function getVolume(a: VolumesHost, name: string): VolumeRecord {
  const v = a.volumes.get(name);
  if (!v) throw notFound(`get ${name}: no such volume`);
  return v;
}

/** The filters of GET /volumes (dangling, name, driver, label) and of POST /volumes/prune (label, label!, all). */
export function matchVolume(v: VolumeRecord, f: Filters, inUse: boolean, accepted: string[]): boolean {
  for (const k of Object.keys(f)) if (!accepted.includes(k)) throw invalidParameter(`invalid filter '${k}'`);
  const vals = (k: string) => filterValues(f, k);
  if (vals('driver').length && !vals('driver').includes('local')) return false;
  if (vals('name').length && !vals('name').some((n) => safeRegex(n).test(v.name))) return false;
  const labels = v.labels ?? {};
  for (const l of vals('label')) {
    const i = l.indexOf('=');
    if (i < 0 ? !(l in labels) : labels[l.slice(0, i)] !== l.slice(i + 1)) return false;
  }
  for (const l of vals('label!')) {
    const i = l.indexOf('=');
    if (i < 0 ? l in labels : labels[l.slice(0, i)] === l.slice(i + 1)) return false;
  }
  if (vals('dangling').length) {
    const d = vals('dangling')[0].toLowerCase();
    if (!['true', 'false', '1', '0'].includes(d)) throw invalidParameter(`invalid filter 'dangling=${vals('dangling')[0]}'`);
    const dangling = d === 'true' || d === '1';
    if (dangling === inUse) return false;
  }
  return true;
}
function safeRegex(s: string): RegExp {
  try { return new RegExp(s); } catch { return /(?!)/; }
}

export function pruneVolumes(a: VolumesHost, f: Filters, users: (name: string) => string[]): VolumesPruneReport {
  const all = filterValues(f, 'all');
  if (all.length > 1) throw invalidParameter(`invalid filter 'all=[${all.join(' ')}]': only one value is expected`);
  let anonymousOnly = true;
  if (all.length === 1) {
    const b = parseGoBool(all[0]);
    if (b === null) throw invalidParameter(`invalid filter 'all': strconv.ParseBool: parsing ${JSON.stringify(all[0])}: invalid syntax`);
    anonymousOnly = !b;
  }
  const rest: Filters = { ...f };
  delete rest.all;
  const deleted: string[] = [];
  let space = 0;
  for (const v of [...a.volumes.values()]) {
    if (users(v.name).length) continue;
    if (anonymousOnly && !(v.labels && ANONYMOUS_LABEL in v.labels)) continue;
    if (v.options && Object.keys(v.options).length) continue;
    if (!matchVolume(v, rest, false, ['label', 'label!'])) continue;
    space += volumeSize(v);
    a.volumes.delete(v.name);
    deleted.push(v.name);
  }
  return { VolumesDeleted: deleted, SpaceReclaimed: space };
}

function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

export function removeVolume(a: VolumesHost, name: string, force: boolean, users: (name: string) => string[]): void {
  const v = a.volumes.get(name);
  if (!v) {
    if (force) return;
    throw notFound(`get ${name}: no such volume`);
  }
  const refs = users(name);
  if (refs.length) throw conflict(`remove ${name}: volume is in use - [${refs.join(', ')}]`);
  a.volumes.delete(name);
}

// ---------- a container's mounts ----------

export interface ContainerMount extends MountPoint {
  /** Anonymous volumes are removed with the container (`rm -v`, `run --rm`). */
  anonymous?: boolean;
  /** What the container sees: file system, mounted path in it. */
  source?: { fs: UnionFs; root: string };
}

function invalidSpec(raw: string): EngineError {
  return invalidParameter(`invalid volume specification: '${raw}'`);
}
const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const COPY_MODES = new Set(['nocopy']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);
function validMode(mode: string): boolean {
  if (mode === '') return true;
  const n = [0, 0, 0, 0, 0];
  for (const o of mode.split(',')) {
    if (RW_MODES.has(o)) n[0]++;
    else if (LABEL_MODES.has(o)) n[1]++;
    else if (PROPAGATION.has(o)) n[2]++;
    else if (COPY_MODES.has(o)) n[3]++;
    else if (CONSISTENCY.has(o)) n[4]++;
    else return false;
  }
  return n.every((k) => k <= 1);
}

function hostExists(host: HostFiles | undefined, path: string): 'file' | 'dir' | null {
  const rel = normPath(path).slice(1);
  if (rel === '') return 'dir';
  if (!host) return null;
  if (host.read(rel)) return 'file';
  return host.list().some((f) => f.path.startsWith(rel + '/')) ? 'dir' : null;
}

export function bindSourceFor(state: EngineState, a: VolumesHost, src: string): { fs: UnionFs; root: string } {
  const p = normPath(src);
  const now = () => Math.floor(state.clock.now() / 1000);
  if (!a.host) return { fs: emptyFs({ now }), root: '/' };
  const kind = hostExists(a.host, p);
  if (kind === 'file') {
    const dir = p.slice(0, p.lastIndexOf('/')).slice(1);
    return { fs: new HostBindFs(a.host, dir, { now }), root: p.slice(p.lastIndexOf('/')) };
  }
  return { fs: new HostBindFs(a.host, p.slice(1), { now }), root: '/' };
}

/**
 * The mount points of a new container, in moby's order: binds (HostConfig.Binds), the image's and config's
 * VOLUMEs not covered by them (anonymous volumes), then HostConfig.Mounts. Volumes are created (and filled from the
 * image at first use) here, as the daemon does at create time. Throws the daemon's errors for bad specs.
 */
export function containerMounts(state: EngineState, a: VolumesHost, hc: HostConfig, configVolumes: Record<string, unknown> | null | undefined, rootfs: MountFs): ContainerMount[] {
  const out: ContainerMount[] = [];
  const dests = new Set<string>();
  const add = (m: ContainerMount) => {
    if (dests.has(m.Destination)) throw invalidParameter(`Duplicate mount point: ${m.Destination}`);
    dests.add(m.Destination);
    out.push(m);
  };
  const useVolume = (name: string, dest: string, copy: boolean, labels?: Record<string, string>, anonymous = false): VolumeRecord => {
    const fresh = !a.volumes.has(name) || anonymous;
    const v = anonymous ? createVolume(state, a, {}, true) : createVolume(state, a, { Name: name, ...(labels && Object.keys(labels).length ? { Labels: labels } : {}) });
    if (copy && (fresh || v.fs.children('/').length === 0)) rootfs.withoutMounts(() => populateVolume(v.fs, rootfs, dest));
    return v;
  };
  for (const raw of hc.Binds ?? []) {
    const arr = raw.split(':');
    if (arr[0] === '' || arr.length > 3) throw invalidSpec(raw);
    let src = '';
    let dst: string;
    let mode = '';
    if (arr.length === 1) dst = arr[0];
    else if (arr.length === 2) {
      if (validMode(arr[1])) throw invalidSpec(raw);
      [src, dst] = arr;
    } else [src, dst, mode] = arr;
    if (!validMode(mode)) throw invalidParameter(`invalid mode: ${mode}`);
    const rw = !mode.split(',').includes('ro');
    if (normPath(dst) === '/' && dst.startsWith('/')) throw invalidParameter(`${invalidSpec(raw).message}: invalid specification: destination can't be '/'`);
    if (!dst.startsWith('/')) throw invalidParameter(`${invalidSpec(raw).message}: invalid mount config for type "${src.startsWith('/') ? 'bind' : 'volume'}": invalid mount path: '${dst}' mount path must be absolute`);
    const dest = normPath(dst);
    if (src.startsWith('/')) {
      add({ Type: 'bind', Source: normPath(src), Destination: dest, Mode: mode, RW: rw, Propagation: [...mode.split(',')].find((o) => PROPAGATION.has(o)) ?? 'rprivate', source: bindSourceFor(state, a, src) });
    } else if (src) {
      const v = useVolume(src, dest, !mode.split(',').includes('nocopy'));
      add({ Type: 'volume', Name: v.name, Source: `/var/lib/docker/volumes/${v.name}/_data`, Destination: dest, Driver: 'local', Mode: mode || 'z', RW: rw, Propagation: '', source: { fs: v.fs, root: '/' } });
    } else {
      const v = useVolume('', dest, true, undefined, true);
      add({ Type: 'volume', Name: v.name, Source: `/var/lib/docker/volumes/${v.name}/_data`, Destination: dest, Driver: 'local', Mode: mode, RW: rw, Propagation: '', anonymous: true, source: { fs: v.fs, root: '/' } });
    }
  }
  const specs = (hc.Mounts ?? []) as MountSpec[];
  const mountTargets = new Set(specs.map((m) => normPath(m.Target ?? '')));
  for (const dst of Object.keys(configVolumes ?? {})) {
    const dest = normPath(dst);
    if (dests.has(dest) || mountTargets.has(dest)) continue;
    const v = useVolume('', dest, true, undefined, true);
    add({ Type: 'volume', Name: v.name, Source: `/var/lib/docker/volumes/${v.name}/_data`, Destination: dest, Driver: 'local', Mode: '', RW: true, Propagation: '', anonymous: true, source: { fs: v.fs, root: '/' } });
  }
  for (const m of specs) {
    const type = m.Type ?? '';
    const cfgErr = (msg: string) => invalidParameter(`invalid mount config for type "${type}": ${msg}`);
    if (!m.Target) throw cfgErr('field Target must not be empty');
    if (normPath(m.Target) === '/' && m.Target.startsWith('/')) throw cfgErr("invalid specification: destination can't be '/'");
    if (!m.Target.startsWith('/')) throw cfgErr(`invalid mount path: '${m.Target}' mount path must be absolute`);
    const dest = normPath(m.Target);
    if (type === 'bind') {
      if (!m.Source) throw cfgErr('field Source must not be empty');
      if (m.VolumeOptions) throw cfgErr('field VolumeOptions must not be specified');
      if (!m.Source.startsWith('/')) throw cfgErr(`invalid mount path: '${m.Source}' mount path must be absolute`);
      if (!hostExists(a.host, m.Source) && !m.BindOptions?.CreateMountpoint) throw cfgErr(`bind source path does not exist: ${m.Source}`);
      add({ Type: 'bind', Source: normPath(m.Source), Destination: dest, Mode: '', RW: !m.ReadOnly, Propagation: m.BindOptions?.Propagation || 'rprivate', source: bindSourceFor(state, a, m.Source) });
    } else if (type === 'volume') {
      if (m.BindOptions) throw cfgErr('field BindOptions must not be specified');
      if (!m.Source && m.ReadOnly) throw cfgErr('must not set ReadOnly mode when using anonymous volumes');
      const copy = !m.VolumeOptions?.NoCopy;
      const v = m.Source ? useVolume(m.Source, dest, copy, m.VolumeOptions?.Labels) : useVolume('', dest, copy, undefined, true);
      add({
        Type: 'volume', Name: v.name, Source: `/var/lib/docker/volumes/${v.name}/_data`, Destination: dest, Driver: 'local', Mode: 'z', RW: !m.ReadOnly, Propagation: '',
        ...(m.Source ? {} : { anonymous: true }), source: { fs: v.fs, root: '/' },
      });
    } else if (type === 'tmpfs') {
      if (m.Source) throw cfgErr('field Source must not be specified');
      add({ Type: 'tmpfs', Source: '', Destination: dest, Mode: '', RW: !m.ReadOnly, Propagation: '', source: { fs: volumeFs(state), root: '/' } });
    } else {
      throw cfgErr('mount type unknown');
    }
  }
  return out;
}

/** The mount table of a container's file system. */
export function fsMounts(ms: readonly ContainerMount[]): Mount[] {
  return ms.filter((m) => m.source).map((m) => ({ destination: m.Destination, fs: m.source!.fs, readOnly: !m.RW, root: m.source!.root }));
}

/** MountPoint as moby's inspect and list write it (no engine-side fields). */
export function publicMount(m: ContainerMount): MountPoint {
  const out: MountPoint = { Type: m.Type } as MountPoint;
  if (m.Name !== undefined) out.Name = m.Name;
  out.Source = m.Source;
  out.Destination = m.Destination;
  if (m.Driver !== undefined) out.Driver = m.Driver;
  out.Mode = m.Mode;
  out.RW = m.RW;
  out.Propagation = m.Propagation;
  return out;
}
