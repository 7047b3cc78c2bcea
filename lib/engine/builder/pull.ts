/**
 * Fallback pull from the simulated hub (state.catalog) for builds, used when the host has no registry area:
 * registers the catalog layers lazily, stores the image and its references, and reports moby's pull messages
 * (`3.20: Pulling from library/alpine`, `<layer>: Pull complete`, `Digest: ...`, `Status: Downloaded newer image for alpine:3.20`).
 */
import type { JSONMessage } from '../../api/types';
import { notFound } from '../../api/errors';
import { familiarName, familiarString, parseNormalizedNamed, tagNameOnly, type Reference } from '../../reference/reference';
import { tagImage } from '../images';
import { digestOf } from '../digest';
import type { EngineState } from '../state';
import type { ImageRecord } from '../store';

export function pullDenied(ref: string): Error {
  let name = ref;
  try { name = familiarName(parseNormalizedNamed(ref)); } catch { /* as typed */ }
  return notFound(`pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
}

export async function pullFromCatalog(state: EngineState, refStr: string, onMessage: (m: JSONMessage) => void): Promise<ImageRecord> {
  const ref: Reference = tagNameOnly(parseNormalizedNamed(refStr));
  if (ref.domain !== 'docker.io') throw pullDenied(refStr);
  const img = ref.digest ? state.catalog.imageByDigest(ref.path, ref.digest) : state.catalog.image(ref.path, ref.tag ?? 'latest');
  if (!img) throw pullDenied(refStr);
  const shownPath = ref.path;
  onMessage({ status: `Pulling from ${shownPath}`, id: ref.digest ?? ref.tag ?? 'latest' });
  let parent = '';
  for (const l of img.layers) {
    const id = l.blobDigest.replace(/^sha256:/, '').slice(0, 12);
    const had = state.layers.has(parent ? digestOf(parent + ' ' + l.diffId) : l.diffId);
    const layer = state.layers.registerLazy(parent, l.diffId, l.size, l.key);
    if (had) onMessage({ status: 'Already exists', progressDetail: {}, id });
    else {
      onMessage({ status: 'Pulling fs layer', progressDetail: {}, id });
      onMessage({ status: 'Verifying Checksum', progressDetail: {}, id });
      onMessage({ status: 'Download complete', progressDetail: {}, id });
      onMessage({ status: 'Pull complete', progressDetail: {}, id });
    }
    parent = layer.chainId;
  }
  const rec = state.images.create(img.raw);
  onMessage({ status: `Digest: ${img.repoDigest}` });
  const tagged = ref.digest ? { ...ref, tag: undefined } : ref;
  tagImage(state, rec.id, tagged);
  state.refs.add({ domain: ref.domain, path: ref.path, digest: img.repoDigest }, rec.id);
  onMessage({ status: `Status: Downloaded newer image for ${familiarString(tagged)}` });
  return rec;
}
