/**
 * `--mount` (docker/cli opts/mount.go MountOpt.Set) and `-v` (the compose loader's ParseVolume plus run's
 * conversion to Binds and Config.Volumes), client side: what the CLI sends in HostConfig.Mounts/Binds.
 */
import type { CliContext } from '../../command';
import { resolvePath } from '../../workspace-path';

export interface MountRequest {
  Type: string; Source?: string; Target?: string; ReadOnly?: boolean; Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** Go's strconv.ParseBool. */
function goBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/** encoding/csv of one line (quotes allowed around fields). */
function csvFields(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (q) {
      if (c === '"' && v[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
    } else if (c === '"' && cur === '') q = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Parses one `--mount` value; `abs` turns `.`/`./x` sources into absolute host paths. Throws the CLI's message. */
export function parseMount(value: string, abs: (p: string) => string = (p) => p): MountRequest {
  const m: MountRequest = { Type: 'volume' };
  const volumeOptions = () => { m.VolumeOptions ??= { Labels: {} }; m.VolumeOptions.DriverConfig ??= {}; return m.VolumeOptions; };
  const bindOptions = () => (m.BindOptions ??= {});
  const tmpfsOptions = () => (m.TmpfsOptions ??= {});
  const kv = (target: Record<string, string>, v: string) => { const i = v.indexOf('='); const k = i < 0 ? v : v.slice(0, i); if (k) target[k] = i < 0 ? '' : v.slice(i + 1); };
  for (const field of csvFields(value)) {
    const i = field.indexOf('=');
    if (i < 0) {
      if (field === 'readonly' || field === 'ro') { m.ReadOnly = true; continue; }
      if (field === 'volume-nocopy') { volumeOptions().NoCopy = true; continue; }
      if (field === 'bind-nonrecursive') { bindOptions().NonRecursive = true; continue; }
      throw new Error(`invalid field '${field}' must be a key=value pair`);
    }
    const key = field.slice(0, i);
    const val = field.slice(i + 1);
    switch (key) {
      case 'type': m.Type = val.toLowerCase(); break;
      case 'source': case 'src': m.Source = val.startsWith('./') || val === '.' ? abs(val) : val; break;
      case 'target': case 'dst': case 'destination': m.Target = val; break;
      case 'readonly': case 'ro': { const b = goBool(val); if (b === null) throw new Error(`invalid value for ${key}: ${val}`); m.ReadOnly = b; break; }
      case 'consistency': m.Consistency = val.toLowerCase(); break;
      case 'bind-propagation': bindOptions().Propagation = val.toLowerCase(); break;
      case 'bind-nonrecursive': { const b = goBool(val); if (b === null) throw new Error(`invalid value for ${key}: ${val}`); bindOptions().NonRecursive = b; break; }
      case 'volume-nocopy': { const b = goBool(val); if (b === null) throw new Error(`invalid value for volume-nocopy: ${val}`); volumeOptions().NoCopy = b; break; }
      case 'volume-label': kv(volumeOptions().Labels ??= {}, val); break;
      case 'volume-driver': volumeOptions().DriverConfig!.Name = val; break;
      case 'volume-opt': kv(volumeOptions().DriverConfig!.Options ??= {}, val); break;
      case 'tmpfs-size': {
        const n = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(val);
        if (!n) throw new Error(`invalid value for ${key}: ${val}`);
        tmpfsOptions().SizeBytes = Math.floor(Number(n[1]) * 1024 ** ' kmgtp'.indexOf((n[2] || ' ').toLowerCase()));
        break;
      }
      case 'tmpfs-mode': { if (!/^[0-7]+$/.test(val)) throw new Error(`invalid value for ${key}: ${val}`); tmpfsOptions().Mode = parseInt(val, 8); break; }
      default: throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!m.Type) throw new Error('type is required');
  if (!m.Target) throw new Error('target is required');
  if (m.VolumeOptions && m.Type !== 'volume') throw new Error(`cannot mix 'volume-*' options with mount type '${m.Type}'`);
  if (m.BindOptions && m.Type !== 'bind') throw new Error(`cannot mix 'bind-*' options with mount type '${m.Type}'`);
  if (m.TmpfsOptions && m.Type !== 'tmpfs') throw new Error(`cannot mix 'tmpfs-*' options with mount type '${m.Type}'`);
  return m;
}

export function validateMount(v: string): string | null {
  try { parseMount(v); return null; } catch (e) { return e instanceof Error ? e.message : String(e); }
}

/** The absolute host path of a workspace-relative source (`.`, `./site`): the workspace is the host's `/`. */
export function hostPath(ctx: Pick<CliContext, 'cwd'>, p: string): string {
  return '/' + resolvePath(ctx, p);
}

/**
 * `-v` values: `SRC:DST[:MODE]` become Binds (a `.`-relative source made absolute), a bare `DST` an anonymous
 * volume in Config.Volumes. Throws `invalid spec: ...` like the CLI's parser.
 */
export function splitVolumes(ctx: Pick<CliContext, 'cwd'>, specs: string[]): { binds: string[]; volumes: Record<string, Record<string, never>> } {
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const spec of specs) {
    if (spec === '') throw new Error('invalid empty volume spec');
    const parts = spec.split(':');
    if (parts.some((p, i) => p === '' && i < parts.length)) throw new Error(`invalid spec: ${spec}: empty section between colons`);
    if (parts.length === 1) { volumes[spec] = {}; continue; }
    const [src, ...rest] = parts;
    binds.push((src.startsWith('.') ? hostPath(ctx, src) : src) + ':' + rest.join(':'));
  }
  return { binds, volumes };
}
