/**
 * docker save (GET /images/get) as moby 28.2.2's graphdriver image service writes it (image/tarexport/save.go):
 * an OCI image layout plus the legacy docker files, in one uncompressed tar, walked in lexical order:
 *
 *   blobs/  blobs/sha256/  blobs/sha256/<hex>...   layer tars, legacy v1 layer JSONs, image configs, OCI manifests
 *   index.json      OCI index: one manifest descriptor per tag (io.containerd.image.name + ref.name annotations)
 *   manifest.json   [{Config, RepoTags, Layers, LayerSources}] + "\n"
 *   oci-layout      {"imageLayoutVersion": "1.0.0"}
 *   repositories    {"nginx":{"latest":"<hex of the top DiffID>"}} + "\n" (only when a tag is saved)
 *
 * Two things differ from a byte-for-byte real save, both so that the playground can hold the archive in memory:
 *   - generated ("lazy") file contents — a head then zeros — are written as PAX sparse files (GNU format 1.0:
 *     GNU.sparse.major/minor/realsize records, the data area starts with the sparse map). GNU tar, Go's archive/tar
 *     and Python's tarfile expand them to their real size; our load turns them back into lazy contents.
 *   - catalog layers declare synthetic DiffIDs. The image config keeps them (so the image ID, and `docker load`'s
 *     result, are identical); blobs are always named by the sha256 of their bytes (a valid OCI layout), and
 *     manifest.json points at those names. moby itself names a blob by its real digest when it differs from the
 *     DiffID ("layer digest doesn't match its tar archive digest").
 */
import { EngineError, invalidParameter, notFound } from '../api/errors';
import { Sha256, digestOf, goJson, utf8 } from './digest';
import { type Reference, ReferenceError, familiarName, familiarString, parseNormalizedNamed, referenceString, tagNameOnly } from '../reference/reference';
import type { EngineState } from './state';
import type { ImageRecord } from './store';
import { type TarHeader, TYPE_DIR, TYPE_REG, headerBlocks, layerTarItems, tarChunks, type LayerContent } from './tar';
import { type Content, isLazy } from './fs/entry';

export const MEDIA_LAYER = 'application/vnd.oci.image.layer.v1.tar';
const MEDIA_CONFIG = 'application/vnd.oci.image.config.v1+json';
const MEDIA_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const MEDIA_INDEX = 'application/vnd.oci.image.index.v1+json';
/** Lazy contents with at least this many trailing zero bytes are written as sparse files. */
const SPARSE_MIN_HOLE = 4096;

// ---------- layer tars (with sparse lazy files) ----------

/** The sparse map + data of a lazy content (GNU PAX sparse 1.0): one data region (the head) and a final hole. */
function sparseData(size: number, head: Uint8Array): Uint8Array {
  const lines = head.length ? ['2', '0', String(head.length), String(size), '0'] : ['1', String(size), '0'];
  const map = utf8(lines.join('\n') + '\n');
  const mapLen = Math.ceil(map.length / 512) * 512;
  const out = new Uint8Array(mapLen + head.length);
  out.set(map, 0);
  out.set(head, mapLen);
  return out;
}

/** Tar items of a layer where large lazy files become PAX sparse entries. */
export function* savedLayerItems(layer: LayerContent): Generator<{ header: TarHeader; data?: Content }> {
  for (const it of layerTarItems(layer)) {
    const d = it.data;
    if (d && isLazy(d)) {
      const head = d.head ? d.head.subarray(0, d.size) : new Uint8Array(0);
      if (d.size - head.length >= SPARSE_MIN_HOLE) {
        const pax = { ...(it.header.pax ?? {}), path: it.header.name, 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': String(d.size) };
        yield { header: { ...it.header, pax }, data: sparseData(d.size, head) };
        continue;
      }
    }
    yield it;
  }
}

interface Blob { data: Uint8Array | Uint8Array[]; length: number; mtime: number }

function collect(chunks: Iterable<Uint8Array>): { chunks: Uint8Array[]; length: number; digest: string } {
  const h = new Sha256();
  const list: Uint8Array[] = [];
  let length = 0;
  for (const c of chunks) {
    // Chunks may be views over a shared zero buffer: copy the ones we keep.
    list.push(c.slice());
    h.update(c);
    length += c.length;
  }
  return { chunks: list, length, digest: 'sha256:' + h.hex() };
}

// ---------- legacy v1 layer JSON (moby image.V1Image + image/v1.CreateID) ----------

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
/** container.Config in Go struct order with its omitempty rules (zero values for what the input lacks). */
export function fullContainerConfig(c: Record<string, unknown> | undefined | null): Record<string, unknown> {
  const v = c ?? {};
  const o: Record<string, unknown> = {
    Hostname: s(v.Hostname), Domainname: s(v.Domainname), User: s(v.User),
    AttachStdin: v.AttachStdin === true, AttachStdout: v.AttachStdout === true, AttachStderr: v.AttachStderr === true,
  };
  const nonEmptyObj = (x: unknown): boolean => !!x && typeof x === 'object' && Object.keys(x as object).length > 0;
  if (nonEmptyObj(v.ExposedPorts)) o.ExposedPorts = v.ExposedPorts;
  o.Tty = v.Tty === true; o.OpenStdin = v.OpenStdin === true; o.StdinOnce = v.StdinOnce === true;
  o.Env = v.Env ?? null;
  o.Cmd = v.Cmd ?? null;
  if (v.Healthcheck) o.Healthcheck = v.Healthcheck;
  if (v.ArgsEscaped === true) o.ArgsEscaped = true;
  o.Image = s(v.Image);
  o.Volumes = v.Volumes ?? null;
  o.WorkingDir = s(v.WorkingDir);
  o.Entrypoint = v.Entrypoint ?? null;
  if (v.NetworkDisabled === true) o.NetworkDisabled = true;
  if (s(v.MacAddress)) o.MacAddress = v.MacAddress;
  o.OnBuild = v.OnBuild ?? null;
  o.Labels = v.Labels ?? null;
  if (s(v.StopSignal)) o.StopSignal = v.StopSignal;
  if (typeof v.StopTimeout === 'number') o.StopTimeout = v.StopTimeout;
  if (Array.isArray(v.Shell) && v.Shell.length) o.Shell = v.Shell;
  return o;
}

/** image.V1Image as JSON (struct order), from an image config or for an intermediate layer. */
function v1Image(f: { id?: string; parent?: string; comment?: string; created?: string | null; container?: string; containerConfig?: Record<string, unknown>; dockerVersion?: string; author?: string; config?: Record<string, unknown>; architecture?: string; variant?: string; os?: string }): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (f.id) o.id = f.id;
  if (f.parent) o.parent = f.parent;
  if (f.comment) o.comment = f.comment;
  o.created = f.created ?? null;
  if (f.container) o.container = f.container;
  o.container_config = fullContainerConfig(f.containerConfig);
  if (f.dockerVersion) o.docker_version = f.dockerVersion;
  if (f.author) o.author = f.author;
  if (f.config) o.config = fullContainerConfig(f.config);
  if (f.architecture) o.architecture = f.architecture;
  if (f.variant) o.variant = f.variant;
  if (f.os) o.os = f.os;
  return o;
}
/** v1.CreateID: sha256 of the V1Image JSON (without id) as a sorted map plus layer_id and parent. */
function createV1Id(v1: Record<string, unknown>, layerId: string, parent: string): string {
  const m: Record<string, unknown> = { ...v1 };
  delete m.id;
  m.layer_id = layerId;
  if (parent) m.parent = parent;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(m).sort()) sorted[k] = m[k];
  return digestOf(goJson(sorted));
}

// ---------- name resolution (tarexporter.parseNames) ----------

interface Descr { img: ImageRecord; refs: Reference[] }

function parseNames(state: EngineState, names: string[]): Map<string, Descr> {
  const out = new Map<string, Descr>();
  const add = (id: string, ref?: Reference): void => {
    let d = out.get(id);
    if (!d) {
      const img = state.images.get(id);
      if (!img) throw notFound(`failed to get digest ${id}: open /var/lib/docker/image/overlay2/imagedb/content/sha256/${id.slice(7)}: no such file or directory`);
      d = { img, refs: [] };
      out.set(id, d);
    }
    if (ref && ref.digest === undefined) {
      const tagged = tagNameOnly(ref);
      if (!d.refs.some((r) => referenceString(r) === referenceString(tagged))) d.refs.push(tagged);
    }
  };
  const search = (name: string): string => {
    const r = state.images.search(name);
    if (r === 'ambiguous') throw notFound('ambiguous digest string');
    if (!r) throw notFound(`No such image: ${name}`);
    return r.id;
  };
  for (const name of names) {
    if (/^[a-f0-9]{64}$/.test(name) || /^sha256:[a-f0-9]{64}$/.test(name)) {
      add(name.startsWith('sha256:') ? name : 'sha256:' + name);
      continue;
    }
    let ref: Reference;
    try {
      ref = parseNormalizedNamed(name);
    } catch (e) {
      throw invalidParameter(e instanceof ReferenceError ? e.message : String(e));
    }
    if (familiarName(ref) === 'sha256') { add(search(name)); continue; }
    if (ref.tag === undefined && ref.digest === undefined) {
      const fam = familiarName(ref);
      const assocs = state.refs.all().filter((e) => familiarName(e.ref) === fam).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (const a of assocs) add(a.id, a.ref);
      if (assocs.length === 0) add(search(name));
      continue;
    }
    const id = state.refs.get(ref);
    if (!id) throw notFound('reference does not exist');
    add(id, ref);
  }
  return out;
}

// ---------- the archive ----------

/** `docker save`: the tar archive of the named images (see the file comment for the layout). */
export function imageSave(state: EngineState, names: string[]): Uint8Array {
  const images = parseNames(state, names);
  const now = Math.floor(state.clock.now() / 1000);
  const blobs = new Map<string, Blob>();
  const savedLayers = new Map<string, { mediaType: string; digest: string; size: number }>();
  const manifest: Record<string, unknown>[] = [];
  const indexEntries: Record<string, unknown>[] = [];
  const repos: Record<string, Record<string, string>> = {};
  let blobsDirTime = now;
  const parentLinks: { id: string; parent: string }[] = [];

  for (const [id, d] of images) {
    const cfg = d.img.config;
    const diffIds = cfg.rootfs?.diff_ids ?? [];
    if (diffIds.length === 0) throw new EngineError('system', 'empty export - not implemented');
    const created = cfg.created ? Math.floor(Date.parse(cfg.created) / 1000) : undefined;
    const chain = state.layers.chain(d.img.topChain);
    let parentV1 = '';
    const layerPaths: string[] = [];
    const sources: Record<string, { mediaType: string; digest: string; size: number }> = {};
    const ociLayers: Record<string, unknown>[] = [];
    diffIds.forEach((diffId, i) => {
      const layer = chain[i];
      // legacy v1 JSON for this layer
      const top = i === diffIds.length - 1;
      const base = top
        ? v1Image({ parent: cfg.parent, comment: cfg.comment, created: cfg.created ?? null, container: cfg.container, containerConfig: cfg.container_config, dockerVersion: cfg.docker_version, author: cfg.author, config: cfg.config as Record<string, unknown> | undefined, architecture: cfg.architecture, variant: cfg.variant, os: cfg.os })
        : v1Image({ created: '1970-01-01T00:00:00Z' });
      const v1Id = createV1Id(base, layer.chainId, parentV1);
      const v1: Record<string, unknown> = { id: v1Id.slice(7), ...base };
      if (parentV1) v1.parent = parentV1.slice(7);
      v1.os = cfg.os;
      // re-order: id, parent first as in the struct
      const ordered = v1Image({
        id: v1.id as string, parent: (v1.parent as string) ?? undefined, comment: v1.comment as string, created: v1.created as string | null,
        container: v1.container as string, containerConfig: v1.container_config as Record<string, unknown>, dockerVersion: v1.docker_version as string,
        author: v1.author as string, config: v1.config as Record<string, unknown> | undefined, architecture: v1.architecture as string, variant: v1.variant as string, os: v1.os as string,
      });
      const v1Bytes = utf8(goJson(ordered));
      const v1Hex = digestOf(v1Bytes).slice(7);
      if (!blobs.has(v1Hex)) blobs.set(v1Hex, { data: v1Bytes, length: v1Bytes.length, mtime: created ?? now });
      // the layer tar
      let desc = savedLayers.get(diffId);
      if (!desc) {
        const t = collect(tarChunks(savedLayerItems(state.layers.content(layer.chainId))));
        blobs.set(t.digest.slice(7), { data: t.chunks, length: t.length, mtime: created ?? now });
        if (created !== undefined) blobsDirTime = created;
        desc = { mediaType: MEDIA_LAYER, digest: t.digest, size: t.length };
        savedLayers.set(diffId, desc);
      }
      sources[diffId] = desc;
      layerPaths.push('blobs/sha256/' + desc.digest.slice(7));
      ociLayers.push({ mediaType: desc.mediaType, digest: desc.digest, size: desc.size });
      parentV1 = v1Id;
    });
    // image config
    const raw = utf8(d.img.raw);
    blobs.set(id.slice(7), { data: raw, length: raw.length, mtime: created ?? now });
    if (created !== undefined) blobsDirTime = created;
    // OCI manifest
    const m = goJson({ schemaVersion: 2, mediaType: MEDIA_MANIFEST, config: { mediaType: MEDIA_CONFIG, digest: id, size: raw.length }, layers: ociLayers });
    const mBytes = utf8(m);
    const mDigest = digestOf(mBytes);
    blobs.set(mDigest.slice(7), { data: mBytes, length: mBytes.length, mtime: 0 });
    const untagged = { mediaType: MEDIA_MANIFEST, digest: mDigest, size: mBytes.length };
    const repoTags: string[] = [];
    for (const ref of d.refs) {
      const fam = familiarName(ref);
      (repos[fam] ??= {})[ref.tag!] = diffIds[diffIds.length - 1].slice(7);
      repoTags.push(familiarString(ref));
      indexEntries.push({ ...untagged, annotations: { 'io.containerd.image.name': referenceString(ref), 'org.opencontainers.image.ref.name': ref.tag! } });
    }
    // moby checks the whole list here, so an untagged image after a tagged one is left out of index.json.
    if (indexEntries.length === 0) indexEntries.push(untagged);
    manifest.push({ Config: 'blobs/sha256/' + id.slice(7), RepoTags: repoTags.length ? repoTags : null, Layers: layerPaths, LayerSources: sources });
    parentLinks.push({ id, parent: d.img.parent });
  }
  parentLinks.forEach((p, i) => {
    if (p.parent && parentLinks.some((q) => q.id === p.parent && q.id !== p.id)) {
      const item = manifest[i];
      manifest[i] = { Config: item.Config, RepoTags: item.RepoTags, Layers: item.Layers, Parent: p.parent, LayerSources: item.LayerSources };
    }
  });

  const files: { header: TarHeader; data?: Uint8Array | Uint8Array[] }[] = [];
  const dirH = (name: string, mtime: number): TarHeader => ({ name, typeflag: TYPE_DIR, mode: 0o755, uid: 0, gid: 0, size: 0, mtime });
  const fileH = (name: string, mtime: number): TarHeader => ({ name, typeflag: TYPE_REG, mode: 0o644, uid: 0, gid: 0, size: 0, mtime });
  files.push({ header: dirH('blobs/', blobsDirTime) });
  files.push({ header: dirH('blobs/sha256/', now) });
  for (const hex of [...blobs.keys()].sort()) {
    const b = blobs.get(hex)!;
    files.push({ header: fileH('blobs/sha256/' + hex, b.mtime), data: b.data });
  }
  const index = utf8(goJson({ schemaVersion: 2, mediaType: MEDIA_INDEX, manifests: indexEntries }));
  files.push({ header: fileH('index.json', now), data: index });
  files.push({ header: fileH('manifest.json', 0), data: utf8(goJson(manifest) + '\n') });
  files.push({ header: fileH('oci-layout', 0), data: utf8('{"imageLayoutVersion": "1.0.0"}') });
  if (Object.keys(repos).length) {
    const sorted: Record<string, Record<string, string>> = {};
    for (const k of Object.keys(repos).sort()) {
      sorted[k] = {};
      for (const t of Object.keys(repos[k]).sort()) sorted[k][t] = repos[k][t];
    }
    files.push({ header: fileH('repositories', 0), data: utf8(goJson(sorted) + '\n') });
  }
  return writeArchive(files);
}

/** Concatenates the archive: header blocks, data (a blob's chunks as they are), padding, the 1024-byte end. */
function writeArchive(items: { header: TarHeader; data?: Uint8Array | Uint8Array[] }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const it of items) {
    const chunks = it.data === undefined ? [] : it.data instanceof Uint8Array ? [it.data] : it.data;
    let size = 0;
    for (const c of chunks) size += c.length;
    parts.push(...headerBlocks({ ...it.header, size }));
    parts.push(...chunks);
    if (size % 512) parts.push(new Uint8Array(512 - (size % 512)));
  }
  parts.push(new Uint8Array(1024));
  let n = 0;
  for (const c of parts) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of parts) { out.set(c, o); o += c.length; }
  return out;
}
