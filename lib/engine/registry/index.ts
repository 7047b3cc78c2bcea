/**
 * A simulated Docker Hub for the learner's own repositories: login (any username + password makes an account),
 * push (schema2 manifests, compressed sizes, digests that stay stable, mounts of official layers), pull of pushed
 * images, and search results that include them. Saved with the engine (registerAreaCodec 'registry').
 */
import type { AuthConfig, AuthResponse, ImagePullOptions, ImagePushOptions, ImageSearchOptions, ImageSearchResult, JSONMessage } from '../../api/types';
import { invalidParameter, notFound, unauthorized } from '../../api/errors';
import type { EngineState } from '../state';
import { digestOf, sha256Hex } from '../digest';
import { registerAreaCodec, saveLayerContent, loadLayerContent, type SavedLayer } from '../serialize';
import { type Reference, ReferenceError, familiarName, familiarString, parseNormalizedNamed, isValidTag } from '../../reference/reference';
import { progressString } from '../units';
import type { LayerContent } from '../tar';
import { filterValues } from '../images';

interface RegLayer { diffId: string; size: number; compressedSize: number; blobDigest: string; catalogKey?: string }
interface Manifest { config: string; layers: RegLayer[]; raw: string }
interface Repo { tags: Record<string, string>; pushedMs: number }
export interface RegistryArea {
  accounts: Record<string, string>;
  repos: Record<string, Repo>;
  manifests: Record<string, Manifest>;
  /** blob digest -> content of layers that are not catalog layers */
  blobs: Record<string, Pick<SavedLayer, 'entries' | 'opaque'>>;
}

export function registryOf(state: EngineState): RegistryArea {
  let a = state.areas.get('registry') as RegistryArea | undefined;
  if (!a) {
    a = { accounts: {}, repos: {}, manifests: {}, blobs: {} };
    state.areas.set('registry', a);
    installLoader(state, a);
  }
  return a;
}

/**
 * Layers pulled from this registry are registered lazily under a "registry:<blob>" key; the layer store's loader
 * (the catalog's) is wrapped so that it also serves them. (A LayerStore.addLoader(prefix, fn) would be cleaner.)
 */
function installLoader(state: EngineState, a: RegistryArea): void {
  const store = state.layers as unknown as { loader: (key: string) => LayerContent; __registry?: boolean };
  if (store.__registry) return;
  const prev = store.loader;
  store.loader = (key: string) => {
    if (key.startsWith('registry:')) {
      const saved = a.blobs[key.slice(9)];
      if (!saved) throw new Error(`registry: unknown blob ${key.slice(9)}`);
      return loadLayerContent(saved);
    }
    return prev(key);
  };
  store.__registry = true;
}

const hashPw = (user: string, pw: string) => sha256Hex(`docker-playground:${user}:${pw}`);

export function login(state: EngineState, auth: AuthConfig): AuthResponse {
  const a = registryOf(state);
  const user = (auth.username ?? '').trim();
  if (!user || !auth.password) throw unauthorized('Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password');
  if (!/^[a-z0-9]{4,30}$/.test(user.toLowerCase()) && !/^[a-z0-9_-]+$/.test(user)) throw unauthorized('Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password');
  const h = hashPw(user, auth.password);
  if (a.accounts[user] && a.accounts[user] !== h) throw unauthorized('Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password');
  a.accounts[user] = h;
  return { Status: 'Login Succeeded', IdentityToken: '' };
}

function decodeAuth(s: string | undefined): AuthConfig {
  if (!s) return {};
  try {
    const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(b) as AuthConfig;
  } catch {
    return {};
  }
}

const compressed = (size: number) => Math.max(100, Math.round(size * 0.38));

/** schema2 manifest bytes (docker/distribution marshals with three-space indentation). */
function manifestJson(configRaw: string, configDigest: string, layers: RegLayer[]): string {
  const m = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: new TextEncoder().encode(configRaw).length, digest: configDigest },
    layers: layers.map((l) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: l.compressedSize, digest: l.blobDigest })),
  };
  return JSON.stringify(m, null, 3);
}

function parseRef(name: string): Reference {
  try { return parseNormalizedNamed(name); } catch (e) { throw invalidParameter(e instanceof ReferenceError ? e.message : String(e)); }
}

export async function* imagePush(state: EngineState, name: string, opts: ImagePushOptions = {}): AsyncGenerator<JSONMessage> {
  const a = registryOf(state);
  let ref = parseRef(name);
  if (opts.tag) ref = { ...ref, tag: opts.tag };
  const tags: [string, string][] = [];
  if (ref.tag) {
    const id = state.refs.get(ref);
    if (!id) throw notFound(`tag does not exist: ${familiarString(ref)}`);
    tags.push([ref.tag, id]);
  } else {
    for (const r of state.refs.all()) if (r.ref.domain === ref.domain && r.ref.path === ref.path && r.ref.tag) tags.push([r.ref.tag, r.id]);
    if (!tags.length) throw notFound(`An image does not exist locally with the tag: ${familiarName(ref)}`);
  }
  yield { status: `The push refers to repository [${ref.domain}/${ref.path}]` };
  const auth = decodeAuth(opts.registryAuth);
  const ns = ref.path.split('/')[0];
  const allowed = ref.domain === 'docker.io' && !!auth.username && ns === auth.username && ns !== 'library' && a.accounts[auth.username] === hashPw(auth.username, auth.password ?? '');
  for (const [tag, imageId] of tags) {
    const img = state.images.get(imageId)!;
    const chain = img.topChain ? state.layers.chain(img.topChain) : [];
    const top = [...chain].reverse();
    const short = (d: string) => d.slice(7, 19);
    for (const l of top) yield { status: 'Preparing', progressDetail: {}, id: short(l.diffId) };
    for (let i = 5; i < top.length; i++) yield { status: 'Waiting', progressDetail: {}, id: short(top[i].diffId) };
    if (!allowed) {
      const msg = 'denied: requested access to the resource is denied';
      yield { errorDetail: { message: msg }, error: msg };
      return;
    }
    const layers: RegLayer[] = [];
    for (const l of chain) {
      const key = l.source.kind === 'catalog' ? l.source.key : undefined;
      const blobDigest = key && !key.startsWith('registry:') ? digestOf('blob:' + l.diffId) : digestOf('blob:' + l.diffId);
      layers.push({ diffId: l.diffId, size: l.size, compressedSize: compressed(l.size), blobDigest, ...(key && !key.startsWith('registry:') ? { catalogKey: key } : {}) });
    }
    const known = new Set<string>();
    for (const m of Object.values(a.manifests)) for (const l of m.layers) known.add(l.blobDigest);
    // moby's upload manager runs 5 transfers at once, in descriptor order (top layer first): the existence checks
    // answer at once, pushes take time by size, and a waiting layer starts when a transfer ends. The messages come
    // in the order of that schedule (simulated in time units).
    const events: { t: number; seq: number; msg: JSONMessage }[] = [];
    const slots: number[] = [0, 0, 0, 0, 0];
    let seq = 0;
    for (const l of [...layers].reverse()) {
      const id = short(l.diffId);
      const slot = slots.indexOf(Math.min(...slots));
      const start = slots[slot];
      let end: number;
      if (known.has(l.blobDigest) || a.blobs[l.blobDigest]) {
        end = start + 1;
        events.push({ t: end, seq: seq++, msg: { status: 'Layer already exists', progressDetail: {}, id } });
      } else if (l.catalogKey) {
        const from = officialRepoOf(state, l.diffId);
        end = start + 1;
        events.push({ t: end, seq: seq++, msg: { status: from ? `Mounted from ${from}` : 'Layer already exists', progressDetail: {}, id } });
      } else {
        const total = l.compressedSize;
        const dur = 2 + Math.ceil(total / (256 * 1024));
        for (const frac of total < 512 * 1024 ? [0.5] : [0.33, 0.67, 0.99]) {
          const current = Math.min(total, Math.max(1, Math.round(total * frac)));
          events.push({ t: start + 1 + (dur - 1) * frac, seq: seq++, msg: { status: 'Pushing', progressDetail: { current, total }, progress: progressString(current, total), id } });
        }
        end = start + dur;
        const chainId = chain.find((c) => c.diffId === l.diffId)!.chainId;
        a.blobs[l.blobDigest] = saveLayerContent(state.layers.content(chainId));
        events.push({ t: end, seq: seq++, msg: { status: 'Pushed', progressDetail: {}, id } });
      }
      slots[slot] = end;
    }
    events.sort((x, y) => x.t - y.t || x.seq - y.seq);
    for (const e of events) yield e.msg;
    const raw = manifestJson(img.raw, img.id, layers);
    const digest = digestOf(raw);
    a.manifests[digest] = { config: img.raw, layers, raw };
    (a.repos[ref.path] ??= { tags: {}, pushedMs: state.clock.now() }).tags[tag] = digest;
    state.refs.add({ domain: ref.domain, path: ref.path, digest }, imageId);
    const size = new TextEncoder().encode(raw).length;
    yield { status: `${tag}: digest: ${digest} size: ${size}` };
    yield { progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: size } };
  }
}

function officialRepoOf(state: EngineState, diffId: string): string | undefined {
  for (const r of state.refs.all()) {
    if (!r.ref.path.startsWith('library/')) continue;
    const img = state.images.get(r.id);
    if (img?.config.rootfs.diff_ids.includes(diffId)) return r.ref.path;
  }
  return undefined;
}

export function hasRepo(state: EngineState, ref: Reference): boolean {
  return ref.domain === 'docker.io' && !!registryOf(state).repos[ref.path];
}

/** docker pull of a pushed repository (same messages as lib/engine/pull.ts). */
export async function* registryPull(state: EngineState, opts: ImagePullOptions): AsyncGenerator<JSONMessage> {
  const a = registryOf(state);
  let ref = parseRef(opts.fromImage);
  const t = opts.tag ?? '';
  if (t.startsWith('sha256:')) ref = { ...ref, digest: t, tag: undefined };
  else if (t) { if (!isValidTag(t)) throw invalidParameter('invalid tag format'); ref = { ...ref, tag: t }; } else if (!ref.tag && !ref.digest) ref = { ...ref, tag: 'latest' };
  const repo = a.repos[ref.path];
  const digest = ref.digest ?? repo?.tags[ref.tag!];
  const man = digest ? a.manifests[digest] : undefined;
  if (!repo || !man || (ref.digest && !Object.values(repo.tags).includes(ref.digest))) throw notFound(`manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`);
  yield { status: `Pulling from ${ref.path}`, id: ref.digest ?? ref.tag };
  const imageId = digestOf(man.config);
  const existed = state.images.has(imageId);
  const prevTarget = ref.tag ? state.refs.get(ref) : undefined;
  if (!existed) {
    let chain = '';
    const present: boolean[] = [];
    for (const l of man.layers) { chain = chain ? digestOf(chain + ' ' + l.diffId) : l.diffId; present.push(state.layers.has(chain)); }
    const sb = (l: RegLayer) => l.blobDigest.slice(7, 19);
    const fetch = man.layers.filter((_, i) => !present[i]);
    for (let i = 0; i < man.layers.length; i++) yield { status: present[i] ? 'Already exists' : 'Pulling fs layer', progressDetail: {}, id: sb(man.layers[i]) };
    for (let i = 3; i < fetch.length; i++) yield { status: 'Waiting', progressDetail: {}, id: sb(fetch[i]) };
    for (const l of fetch) {
      for (const frac of l.compressedSize < 512 * 1024 ? [] : [0.33, 0.67, 1]) {
        const current = Math.min(l.compressedSize, Math.max(1, Math.round(l.compressedSize * frac)));
        yield { status: 'Downloading', progressDetail: { current, total: l.compressedSize }, progress: progressString(current, l.compressedSize), id: sb(l) };
      }
      yield { status: 'Verifying Checksum', progressDetail: {}, id: sb(l) };
      yield { status: 'Download complete', progressDetail: {}, id: sb(l) };
    }
    for (const l of fetch) {
      for (const frac of [0.5, 1]) {
        const current = Math.min(l.compressedSize, Math.max(1, Math.round(l.compressedSize * frac)));
        yield { status: 'Extracting', progressDetail: { current, total: l.compressedSize }, progress: progressString(current, l.compressedSize), id: sb(l) };
      }
      yield { status: 'Pull complete', progressDetail: {}, id: sb(l) };
    }
    let parent = '';
    for (const l of man.layers) parent = state.layers.registerLazy(parent, l.diffId, l.size, l.catalogKey ?? `registry:${l.blobDigest}`).chainId;
    state.images.create(man.config);
  }
  const d = ref.digest ?? digest!;
  state.refs.add({ domain: ref.domain, path: ref.path, digest: d }, imageId);
  if (ref.tag) state.refs.add(ref, imageId);
  yield { status: `Digest: ${d}` };
  const upToDate = existed && (!ref.tag || prevTarget === imageId);
  yield { status: upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}` };
}

/** Search results for pushed repositories (appended to the catalog's by the engine). */
export function userSearchResults(state: EngineState, opts: ImageSearchOptions): ImageSearchResult[] {
  const f = opts.filters ?? {};
  if (filterValues(f, 'is-official').some((v) => ['true', '1'].includes(v.toLowerCase()))) return [];
  if (filterValues(f, 'stars').some((v) => Number(v) > 0)) return [];
  const term = opts.term.toLowerCase().replace(/^docker\.io\//, '');
  return Object.keys(registryOf(state).repos).filter((p) => p.includes(term)).sort()
    .map((p) => ({ star_count: 0, is_official: false, name: p, is_automated: false, description: '' }));
}

registerAreaCodec('registry', {
  save: (state) => registryOf(state),
  load: (state, data) => {
    const a = registryOf(state);
    Object.assign(a, data as RegistryArea);
    installLoader(state, a);
  },
});
