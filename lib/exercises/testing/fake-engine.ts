/**
 * A small in-memory EngineClient for testing check predicates: only the read endpoints the checks use
 * (imageList, imageInspect, imageHistory, imageSave, containerInspect, containerDiff, containerList) are implemented;
 * every other method throws. States are written tersely: images by tag with their config, history lines and files.
 */
import { notFound } from '../../api/errors';
import { writeTar } from '../../api/tar-read';
import type {
  ContainerChange, ContainerConfig, ContainerInspect, ContainerSummary, EngineClient, HistoryItem, ImageInspect, ImageSummary,
} from '../../api/types';
import { normalizeRef } from '../checks';

export interface FakeImage {
  /** 64 hex digits (sha256: is added); derived from the first tag when absent. */
  id?: string;
  tags?: string[];
  digests?: string[];
  config?: ContainerConfig;
  /** CreatedBy of each history row, oldest first. */
  history?: string[];
  author?: string;
  comment?: string;
  /** Layer DiffIDs; derived from `base` + one per file set when absent. */
  layers?: string[];
  /** The final file system (path -> content). */
  files?: Record<string, string>;
}
export interface FakeContainer {
  name: string;
  /** A tag of an image in the state. */
  image: string;
  state?: 'created' | 'running' | 'exited' | 'paused';
  /** "8080:80/tcp" style bindings. */
  ports?: string[];
  /** Paths added or changed in the writable layer. */
  changes?: string[];
}
export interface FakeState { images: FakeImage[]; containers?: FakeContainer[] }

function hex64(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

const enc = new TextEncoder();

export function fakeEngine(state: FakeState): EngineClient {
  const images = state.images.map((img, i) => ({
    ...img,
    fullId: 'sha256:' + (img.id ?? hex64(`${i}:${(img.tags ?? []).join(',')}:${JSON.stringify(img.files ?? {})}`)),
    tags: (img.tags ?? []).map(normalizeRef),
  }));
  const find = (name: string) => {
    const n = normalizeRef(name);
    const bare = name.replace(/^sha256:/, '');
    return images.find((i) => i.tags.includes(n) || (/^[0-9a-f]{12,64}$/.test(bare) && i.fullId.slice(7).startsWith(bare)));
  };
  const image = (name: string) => {
    const img = find(name);
    if (!img) throw notFound(`No such image: ${normalizeRef(name)}`);
    return img;
  };
  const containers = (state.containers ?? []).map((c, i) => ({ ...c, id: hex64('c' + i + c.name) }));
  const container = (name: string) => {
    const c = containers.find((x) => x.name === name || x.id.startsWith(name));
    if (!c) throw notFound(`No such container: ${name}`);
    return c;
  };

  const impl: Partial<EngineClient> = {
    async imageList(opts) {
      return images
        .filter((i) => !opts.filters?.dangling?.true || i.tags.length === 0)
        .map((i): ImageSummary => ({
          Containers: -1, Created: 0, Id: i.fullId, Labels: i.config?.Labels ?? null, ParentId: '', RepoDigests: i.digests ?? [],
          RepoTags: i.tags, SharedSize: -1, Size: 0,
        }));
    },
    async imageInspect(name): Promise<ImageInspect> {
      const i = image(name);
      return {
        Id: i.fullId, RepoTags: i.tags, RepoDigests: i.digests ?? [], Parent: '', Comment: i.comment ?? '', Created: '2024-06-10T00:00:00Z',
        DockerVersion: '', Author: i.author ?? '', Config: i.config ?? {}, Architecture: 'amd64', Os: 'linux', Size: 0,
        GraphDriver: { Data: null, Name: 'overlay2' }, RootFS: { Type: 'layers', Layers: i.layers ?? ['sha256:' + hex64(i.fullId)] }, Metadata: {},
      };
    },
    async imageHistory(name): Promise<HistoryItem[]> {
      const i = image(name);
      return (i.history ?? []).map((createdBy, k, all) => ({
        Comment: '', Created: 0, CreatedBy: createdBy, Id: k === all.length - 1 ? i.fullId : '<missing>', Size: 0, Tags: k === all.length - 1 ? i.tags : null,
      })).reverse();
    },
    async imageSave(names) {
      const i = image(names[0]!);
      const layer = writeTar(Object.entries(i.files ?? {}).map(([p, text]) => ({ name: p.replace(/^\//, ''), data: enc.encode(text) })));
      const manifest = [{ Config: 'config.json', RepoTags: i.tags, Layers: ['blobs/sha256/layer'] }];
      return writeTar([
        { name: 'blobs/sha256/layer', data: layer },
        { name: 'manifest.json', data: enc.encode(JSON.stringify(manifest)) },
      ]);
    },
    async containerInspect(name): Promise<ContainerInspect> {
      const c = container(name);
      const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
      for (const p of c.ports ?? []) {
        const [host, cont] = p.split(':') as [string, string];
        (bindings[cont] ??= []).push({ HostIp: '', HostPort: host });
      }
      const status = c.state ?? 'exited';
      return {
        Id: c.id, Created: '', Path: '', Args: [], Image: image(c.image).fullId, Name: '/' + c.name, RestartCount: 0, Config: {},
        HostConfig: { PortBindings: bindings }, Mounts: [], NetworkSettings: {},
        State: { Status: status, Running: status === 'running', Paused: status === 'paused', Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: '', FinishedAt: '' },
      };
    },
    async containerDiff(name): Promise<ContainerChange[] | null> {
      const c = container(name);
      return (c.changes ?? []).map((p) => ({ Path: p, Kind: 1 as const }));
    },
    async containerList(): Promise<ContainerSummary[]> {
      return [];
    },
  };
  return new Proxy(impl, {
    get(target, prop) {
      const v = (target as Record<string | symbol, unknown>)[prop];
      if (v !== undefined) return v;
      return () => {
        throw new Error(`fake engine: ${String(prop)} is not part of the read-only check API`);
      };
    },
  }) as EngineClient;
}
