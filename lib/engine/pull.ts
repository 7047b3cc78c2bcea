/**
 * docker pull: resolves a reference against the remotes (the catalog, then any registry area), registers the layers
 * (lazily: catalog layer contents are generated on first use) and the image, tags it, and yields moby's progress
 * messages (instant, but the same messages a real pull shows).
 */
import type { ImagePullOptions, JSONMessage } from '../api/types';
import { EngineError, invalidParameter, notFound } from '../api/errors';
import { digestOf } from './digest';
import { type Reference, ReferenceError, familiarName, familiarString, parseNormalizedNamed, isValidTag } from '../reference/reference';
import type { EngineState } from './state';
import type { CatalogImage, CatalogLayer } from './catalog/types';
import type { LayerContent } from './tar';
import { progressString } from './units';

/** A place images can be pulled from: the catalog, a simulated private registry... */
export interface RemoteSource {
  /** Domain served ("docker.io"). */
  domain: string;
  image(path: string, tag: string): CatalogImage | undefined;
  imageByDigest(path: string, digest: string): CatalogImage | undefined;
  /** True when the repository exists (for "manifest unknown" vs "repository does not exist"). */
  hasRepo(path: string): boolean;
  layerContent(key: string): LayerContent;
}

export function remotes(state: EngineState): RemoteSource[] {
  const extra = (state.areas.get('remotes') as RemoteSource[] | undefined) ?? [];
  const cat = state.catalog;
  return [
    {
      domain: 'docker.io',
      image: (p, t) => cat.image(p, t),
      imageByDigest: (p, d) => cat.imageByDigest(p, d),
      hasRepo: (p) => p.startsWith('library/') && !!cat.repo(p.slice(8)),
      layerContent: (k) => cat.layerContent(k),
    },
    ...extra,
  ];
}

/** Registers a remote image's layers and config in the stores (no tags). Returns the image ID. */
export function storeRemoteImage(state: EngineState, img: CatalogImage): string {
  let parent = '';
  for (const l of img.layers) parent = state.layers.registerLazy(parent, l.diffId, l.size, l.key).chainId;
  return state.images.create(img.raw).id;
}

const shortBlob = (l: CatalogLayer): string => l.blobDigest.slice(7, 19);

export async function* imagePull(state: EngineState, opts: ImagePullOptions): AsyncGenerator<JSONMessage> {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(opts.fromImage);
  } catch (e) {
    throw invalidParameter(e instanceof ReferenceError ? e.message : String(e));
  }
  const tagOrDigest = opts.tag ?? '';
  if (tagOrDigest.startsWith('sha256:')) ref = { ...ref, digest: tagOrDigest, tag: undefined };
  else if (tagOrDigest) {
    if (!isValidTag(tagOrDigest)) throw invalidParameter('invalid tag format');
    ref = { ...ref, tag: tagOrDigest };
  } else if (ref.tag === undefined && ref.digest === undefined) ref = { ...ref, tag: 'latest' };
  if (opts.platform && !/^linux(\/amd64)?$/.test(opts.platform)) {
    throw notFound(`no matching manifest for ${opts.platform} in the manifest list entries`);
  }
  const name = familiarName(ref);
  const src = remotes(state).find((r) => r.domain === ref.domain);
  if (!src || !src.hasRepo(ref.path)) {
    if (ref.domain !== 'docker.io') throw new EngineError('system', `Get "https://${ref.domain}/v2/": dial tcp: lookup ${ref.domain.split(':')[0]}: no such host`);
    throw notFound(`pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
  }
  const img = ref.digest ? src.imageByDigest(ref.path, ref.digest) : src.image(ref.path, ref.tag!);
  if (!img) {
    throw notFound(`manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`);
  }
  yield { status: `Pulling from ${ref.path}`, id: ref.digest ?? ref.tag };
  const existed = state.images.has(img.id);
  const previousTagTarget = ref.tag ? state.refs.get(ref) : undefined;
  if (!existed) {
    let chain = '';
    const present: boolean[] = [];
    for (const l of img.layers) {
      chain = chain ? digestOf(chain + ' ' + l.diffId) : l.diffId;
      present.push(state.layers.has(chain));
    }
    const toFetch = img.layers.filter((_, i) => !present[i]);
    for (let i = 0; i < img.layers.length; i++) {
      const l = img.layers[i];
      if (present[i]) yield { status: 'Already exists', progressDetail: {}, id: shortBlob(l) };
      else yield { status: 'Pulling fs layer', progressDetail: {}, id: shortBlob(l) };
    }
    for (let i = 3; i < toFetch.length; i++) yield { status: 'Waiting', progressDetail: {}, id: shortBlob(toFetch[i]) };
    for (const l of toFetch) {
      const total = l.compressedSize;
      // moby's progress reader reports every 512 kB: tiny layers show no Downloading line.
      for (const frac of total < 512 * 1024 ? [] : [0.33, 0.67, 1]) {
        const current = Math.min(total, Math.max(1, Math.round(total * frac)));
        yield { status: 'Downloading', progressDetail: { current, total }, progress: progressString(current, total), id: shortBlob(l) };
      }
      yield { status: 'Verifying Checksum', progressDetail: {}, id: shortBlob(l) };
      yield { status: 'Download complete', progressDetail: {}, id: shortBlob(l) };
    }
    for (const l of toFetch) {
      const total = l.compressedSize;
      for (const frac of [0.5, 1]) {
        const current = Math.min(total, Math.max(1, Math.round(total * frac)));
        yield { status: 'Extracting', progressDetail: { current, total }, progress: progressString(current, total), id: shortBlob(l) };
      }
      yield { status: 'Pull complete', progressDetail: {}, id: shortBlob(l) };
    }
    storeRemoteImage(state, img);
  }
  const digestRef: Reference = { domain: ref.domain, path: ref.path, digest: img.repoDigest };
  state.refs.add(digestRef, img.id);
  if (ref.tag) state.refs.add(ref, img.id);
  yield { status: `Digest: ${img.repoDigest}` };
  const shown = familiarString(ref);
  const upToDate = existed && (!ref.tag || previousTagTarget === img.id);
  yield { status: upToDate ? `Status: Image is up to date for ${shown}` : `Status: Downloaded newer image for ${shown}` };
}
