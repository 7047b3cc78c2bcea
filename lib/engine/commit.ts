/**
 * docker commit (POST /commit): the container's writable layer becomes a layer on top of its image; the new config is
 * the container's config with --change instructions applied (moby daemon/commit.go + builder BuildFromConfig), the
 * history row is NewChildImage's (created_by = the container's Cmd joined by spaces), parent = the container's image.
 */
import type { CommitOptions, ContainerConfig } from '../api/types';
import { EngineError, conflict, invalidParameter } from '../api/errors';
import type { EngineState } from './state';
import { getImage, tagImage } from './images';
import { rfc3339Nano } from './clock';
import type { HistoryJSON, ImageConfigJSON } from './store';
import { getContainer } from './containers/area';
import { parseNormalizedNamed, ReferenceError } from '../reference/reference';

const KNOWN = new Set(['from', 'run', 'cmd', 'label', 'maintainer', 'expose', 'env', 'add', 'copy', 'entrypoint', 'volume', 'user', 'workdir', 'arg', 'onbuild', 'stopsignal', 'healthcheck', 'shell']);
const VALID = new Set(['cmd', 'entrypoint', 'env', 'expose', 'label', 'onbuild', 'stopsignal', 'user', 'volume', 'workdir']);

function words(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
  return out;
}
function jsonOrShell(rest: string, shell: boolean): string[] {
  const t = rest.trim();
  if (t.startsWith('[')) {
    try { const v = JSON.parse(t) as unknown; if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]; } catch { /* shell form */ }
  }
  return shell ? ['/bin/sh', '-c', t] : words(t);
}
function keyValues(rest: string, instr: string): [string, string][] {
  const t = rest.trim();
  if (!t.includes('=') || /^[^\s=]+\s/.test(t) && !/^[^\s=]+=/.test(t)) {
    const i = t.search(/\s/);
    if (i < 0) throw invalidParameter(`dockerfile parse error on line 1: ${instr} names can not be blank`);
    return [[t.slice(0, i), t.slice(i).trim()]];
  }
  return words(t).map((w) => { const i = w.indexOf('='); return [w.slice(0, i), w.slice(i + 1)] as [string, string]; });
}

/** Applies `--change` lines to a config (BuildFromConfig with the commit subset of instructions). */
export function applyChanges(cfg: ContainerConfig, changes: string[]): ContainerConfig {
  const c: ContainerConfig = JSON.parse(JSON.stringify(cfg)) as ContainerConfig;
  let lineNo = 0;
  for (const raw of changes) {
    for (const line of raw.split('\n')) {
      lineNo++;
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const m = /^(\S+)\s*([\s\S]*)$/.exec(t)!;
      const instr = m[1].toLowerCase();
      const rest = m[2];
      if (!KNOWN.has(instr)) throw invalidParameter(`dockerfile parse error on line ${lineNo}: unknown instruction: ${m[1]}`);
      if (!VALID.has(instr)) throw invalidParameter(`${m[1]} is not a valid change command`);
      switch (instr) {
        case 'cmd': c.Cmd = jsonOrShell(rest, true); break;
        case 'entrypoint': c.Entrypoint = jsonOrShell(rest, true); c.Cmd = null; break;
        case 'env': {
          const env = [...(c.Env ?? [])];
          for (const [k, v] of keyValues(rest, 'ENV')) {
            const i = env.findIndex((e) => e.split('=')[0] === k);
            if (i >= 0) env[i] = `${k}=${v}`; else env.push(`${k}=${v}`);
          }
          c.Env = env;
          break;
        }
        case 'label': c.Labels = { ...(c.Labels ?? {}), ...Object.fromEntries(keyValues(rest, 'LABEL')) }; break;
        case 'expose': {
          const ports = { ...(c.ExposedPorts ?? {}) };
          for (const p of words(rest)) ports[p.includes('/') ? p : `${p}/tcp`] = {};
          c.ExposedPorts = Object.fromEntries(Object.keys(ports).sort().map((k) => [k, {}]));
          break;
        }
        case 'user': c.User = rest.trim(); break;
        case 'workdir': { const w = rest.trim(); c.WorkingDir = w.startsWith('/') ? w : `${(c.WorkingDir || '/').replace(/\/$/, '')}/${w}`; break; }
        case 'volume': {
          const v = { ...(c.Volumes ?? {}) };
          for (const p of jsonOrShell(rest, false)) v[p] = {};
          c.Volumes = v;
          break;
        }
        case 'onbuild': c.OnBuild = [...(c.OnBuild ?? []), rest.trim()]; break;
        case 'stopsignal': c.StopSignal = rest.trim(); break;
      }
    }
  }
  return c;
}

export function commit(state: EngineState, opts: CommitOptions): { Id: string } {
  const c = getContainer(state, opts.container);
  if (c.status === 'dead') throw conflict(`You cannot commit container ${c.id} which is Dead`);
  if (c.status === 'removing') throw conflict(`You cannot commit container ${c.id} which is being removed`);
  let ref;
  if (opts.repo) {
    try { ref = parseNormalizedNamed(opts.repo); } catch (e) { throw invalidParameter(e instanceof ReferenceError ? e.message : String(e)); }
    if (opts.tag) ref = { ...ref, tag: opts.tag };
  }
  // --pause (default): a running container is paused while its layer is exported, then unpaused.
  const wasRunning = c.status === 'running';
  if (opts.pause !== false && wasRunning) c.status = 'paused';
  try {
    const newConfig = applyChanges({ ...c.config }, opts.changes ?? []);
    const parent = getImage(state, c.imageId);
    const diff = c.fs.diff();
    const layer = diff.entries.size ? state.layers.register(parent.topChain, diff) : null;
    const created = rfc3339Nano(state.clock.now());
    const h: HistoryJSON = { created } as HistoryJSON;
    const hist = h as Record<string, unknown>;
    if (opts.author) hist.author = opts.author;
    hist.created_by = (c.config.Cmd ?? []).join(' ');
    if (opts.comment) hist.comment = opts.comment;
    if (!layer) hist.empty_layer = true;
    const pcfg = parent.config;
    const containerConfig = { ...c.config } as Record<string, unknown>;
    const config: ImageConfigJSON = {
      architecture: pcfg.architecture || 'amd64',
      ...(opts.author ? { author: opts.author } : {}),
      ...(opts.comment ? { comment: opts.comment } : {}),
      config: newConfig as ImageConfigJSON['config'],
      container: c.id,
      container_config: containerConfig,
      created,
      docker_version: '28.2.2',
      history: [...(pcfg.history ?? []), h],
      os: pcfg.os || 'linux',
      rootfs: { type: 'layers', diff_ids: [...pcfg.rootfs.diff_ids, ...(layer ? [layer.diffId] : [])] },
      ...(pcfg.variant ? { variant: pcfg.variant } : {}),
    };
    const rec = state.images.create(config, parent.id);
    if (ref) tagImage(state, rec.id, ref);
    return { Id: rec.id };
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw e;
  } finally {
    if (opts.pause !== false && wasRunning && c.status === 'paused') c.status = 'running';
  }
}
