/**
 * docker import (POST /images/create?fromSrc=-) as moby 28.2.2's graphdriver image service does it
 * (daemon/images/image_import.go + api/server/router/image postImagesCreate): the tar becomes the single layer of a
 * new image whose config is an empty container.Config with the `--change` instructions applied
 * (dockerfile.BuildFromConfig: CMD ENTRYPOINT ENV EXPOSE LABEL ONBUILD STOPSIGNAL USER VOLUME WORKDIR), one history
 * row {created, comment}, comment = `--message` or "Imported from -". The stream is one {"status":"sha256:..."}.
 *
 * The layer's DiffID is that of the tar as the engine writes the layer back (lib/engine/tar.ts), not the sha256 of
 * the bytes given: so `docker save` of an imported image loads back with the same IDs.
 */
import type { ContainerConfig, ImportOptions, JSONMessage } from '../api/types';
import { EngineError, invalidParameter } from '../api/errors';
import { type Reference, ReferenceError, parseNormalizedNamed, isValidTag } from '../reference/reference';
import { rfc3339Nano } from './clock';
import type { EngineState } from './state';
import type { ImageConfigJSON, ImageRuntimeConfig } from './store';
import { applyChanges } from './commit';
import { tagImage } from './images';
import { LoadError, layerContentFromTar } from './load';
import { fullContainerConfig } from './save';

/** httputils.RepoTagReference: no repo = no reference; a digest is refused; the tag (if any) replaces the repo's. */
function repoTagReference(repo: string | undefined, tag: string | undefined): Reference | undefined {
  if (!repo) return undefined;
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(repo);
  } catch (e) {
    throw invalidParameter(e instanceof ReferenceError ? e.message : String(e));
  }
  if (ref.digest !== undefined) throw invalidParameter('cannot import digest reference');
  if (tag) {
    if (!isValidTag(tag)) throw invalidParameter('invalid tag format');
    return { domain: ref.domain, path: ref.path, tag };
  }
  return ref.tag === undefined ? { ...ref, tag: 'latest' } : ref;
}

export async function* imageImport(state: EngineState, tar: Uint8Array, opts: ImportOptions): AsyncGenerator<JSONMessage> {
  const ref = repoTagReference(opts.repo, opts.tag);
  const src = opts.fromSrc;
  const comment = opts.message || `Imported from ${src}`;
  if (src !== '-') {
    const url = src.includes('://') ? src : `http://${src}`;
    let host = url;
    try { host = new URL(url).hostname; } catch { /* keep */ }
    throw new EngineError('system', `Get "${url}": dial tcp: lookup ${host}: no such host`);
  }
  const config = applyChanges({} as ContainerConfig, opts.changes ?? []);
  let content;
  try {
    content = layerContentFromTar(tar);
  } catch (e) {
    if (e instanceof LoadError) throw new EngineError('system', e.message);
    throw e;
  }
  const layer = state.layers.register('', content);
  const created = rfc3339Nano(state.clock.now());
  const cfg: ImageConfigJSON = {
    architecture: 'amd64',
    comment,
    config: fullContainerConfig(config as Record<string, unknown>) as ImageRuntimeConfig,
    container_config: fullContainerConfig({}),
    created,
    docker_version: '28.2.2',
    history: [{ created, comment }],
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
  };
  const rec = state.images.create(cfg);
  if (ref) tagImage(state, rec.id, ref);
  yield { status: rec.id };
}
