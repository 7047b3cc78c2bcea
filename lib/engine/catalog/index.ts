/**
 * The catalog (simulated Docker Hub) built from the specs in hub.ts. Image configs, IDs and sizes are computed on
 * first use; layer contents are generated on demand (the layer store caches them while needed).
 */
import { digestOf } from '../digest';
import type { ImageConfigJSON, ImageRuntimeConfig, HistoryJSON } from '../store';
import { serializeImageConfig } from '../store';
import { layerSize, type LayerContent } from '../tar';
import type { Catalog, CatalogImage, CatalogLayer, CatalogRepo } from './types';
import { REPOS, SPECS, type ImageSpec } from './hub';
import { type Files, fill } from './rootfs';

export { HELLO_MESSAGE, NGINX_INDEX } from './hub';

const CONFIG_ORDER = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped', 'Healthcheck', 'OnBuild', 'Shell'];
function orderConfig(c: ImageRuntimeConfig): ImageRuntimeConfig {
  const out: ImageRuntimeConfig = {};
  for (const k of CONFIG_ORDER) if (c[k] !== undefined) out[k] = c[k];
  return out;
}

interface Resolved {
  layers: (CatalogLayer & { gen: () => Files })[];
  history: HistoryJSON[];
  image: CatalogImage;
}

export function createCatalog(): Catalog {
  const specs = new Map(SPECS.map((s) => [s.key, s]));
  const resolved = new Map<string, Resolved>();
  const byLayerKey = new Map<string, () => Files>();
  const repos: CatalogRepo[] = REPOS.map((r) => ({ name: r.name, description: r.description, stars: r.stars, official: true, tags: r.tags }));
  const repoByName = new Map(repos.map((r) => [r.name, r]));

  function layerOf(key: string, gen: () => Files): CatalogLayer & { gen: () => Files } {
    byLayerKey.set(key, gen);
    const diffId = digestOf('catalog-layer:' + key);
    const size = layerSize({ entries: gen() });
    return { key, diffId, size, compressedSize: Math.max(100, Math.round(size * 0.38)), blobDigest: digestOf('blob:' + diffId), gen };
  }

  function resolve(spec: ImageSpec): Resolved {
    const hit = resolved.get(spec.key);
    if (hit) return hit;
    const t = Math.floor(Date.parse(spec.created) / 1000);
    const base = spec.from ? resolve(specs.get(spec.from)!) : undefined;
    const layers = base ? [...base.layers] : [];
    const history: HistoryJSON[] = base ? [...base.history] : [];
    for (const st of spec.before ?? []) history.push({ created: spec.created, created_by: st.by, ...(st.comment ? { comment: st.comment } : {}), empty_layer: true });
    if (spec.rootfs) {
      const gen = spec.rootfs;
      layers.push(layerOf(`${spec.key}#0`, () => gen(t)));
      history.push({ created: spec.created, created_by: spec.rootfsBy ?? '', ...(spec.rootfsComment ? { comment: spec.rootfsComment } : {}) });
    }
    spec.steps.forEach((st, i) => {
      const h: HistoryJSON = { created: spec.created, created_by: st.by };
      if (st.comment) h.comment = st.comment;
      if (st.size === undefined) h.empty_layer = true;
      else {
        const size = st.size;
        const files = st.files;
        const fillDir = st.fillDir ?? '/usr/local/lib';
        layers.push(layerOf(`${spec.key}#${i + 1}`, () => {
          const m: Files = new Map();
          files?.(m, t);
          if (size > 0) fill(m, fillDir, size, t, 'lib', 16);
          return m;
        }));
      }
      history.push(h);
    });
    const config: ImageConfigJSON = {
      architecture: 'amd64',
      config: orderConfig(spec.config),
      created: spec.created,
      history,
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    };
    const raw = serializeImageConfig(config);
    const id = digestOf(raw);
    const image: CatalogImage = { raw, config, id, layers: layers.map(({ gen: _g, ...l }) => l), repoDigest: digestOf('index:' + spec.key + ':' + id) };
    const r = { layers, history, image };
    resolved.set(spec.key, r);
    return r;
  }

  const repoName = (path: string): string | undefined => (path.startsWith('library/') && path.split('/').length === 2 ? path.slice(8) : undefined);

  let keysByDiffId: Map<string, string> | undefined;
  return {
    layerKeyByDiffId(diffId) {
      if (!keysByDiffId) {
        // Layer keys are "<spec>#<n>" (n = 0 for the rootfs, 1.. for steps): their DiffIDs need no content.
        keysByDiffId = new Map();
        for (const s of SPECS) {
          for (let n = 0; n <= s.steps.length; n++) keysByDiffId.set(digestOf(`catalog-layer:${s.key}#${n}`), `${s.key}#${n}`);
        }
      }
      return keysByDiffId.get(diffId);
    },
    repos: () => repos,
    repo: (name) => repoByName.get(name.replace(/^(docker\.io\/)?library\//, '')),
    image(path, tag) {
      const name = repoName(path);
      const repo = name ? repoByName.get(name) : undefined;
      const key = repo?.tags[tag];
      const spec = key ? specs.get(key) : undefined;
      return spec ? resolve(spec).image : undefined;
    },
    imageByDigest(path, digest) {
      const name = repoName(path);
      const repo = name ? repoByName.get(name) : undefined;
      if (!repo) return undefined;
      for (const key of new Set(Object.values(repo.tags))) {
        const img = resolve(specs.get(key)!).image;
        if (img.repoDigest === digest) return img;
      }
      return undefined;
    },
    layerContent(key): LayerContent {
      let gen = byLayerKey.get(key);
      if (!gen) {
        const specKey = key.slice(0, key.lastIndexOf('#'));
        const spec = specs.get(specKey);
        if (spec) resolve(spec);
        gen = byLayerKey.get(key);
      }
      if (!gen) throw new Error(`catalog: unknown layer ${key}`);
      return { entries: gen() };
    },
  };
}
