// Base image facts for hovers, completion and quick fixes, from the simulated registry (lib/engine/catalog).

import { REPOS, SPECS } from '../engine/catalog/hub';
import { createCatalog } from '../engine/catalog/index';
import type { Catalog } from '../engine/catalog/types';

export interface ImageRepoInfo {
  name: string;
  description: string;
  stars: number;
  /** tags in catalog order */
  tags: string[];
  /** the version tag `latest` points to (e.g. "24.04"), for "add a tag" fixes */
  pinnedTag?: string;
}

export interface ImageCatalog {
  repos(): ImageRepoInfo[];
  repo(name: string): ImageRepoInfo | undefined;
  /** uncompressed size in bytes of repo:tag, if known (may be computed on first use) */
  size(name: string, tag: string): number | undefined;
  /** environment variable names of repo:tag's config (cheap) */
  envNames(name: string, tag: string): string[] | undefined;
}

/** Split `docker.io/library/ubuntu:22.04` into ("ubuntu", "22.04"); tag defaults to latest. */
export function splitImageRef(ref: string): { name: string; tag: string; digest?: string } {
  let r = ref;
  let digest: string | undefined;
  const at = r.indexOf('@');
  if (at >= 0) {
    digest = r.slice(at + 1);
    r = r.slice(0, at);
  }
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  let tag = 'latest';
  if (colon > slash) {
    tag = r.slice(colon + 1);
    r = r.slice(0, colon);
  }
  r = r.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { name: r.toLowerCase(), tag, digest };
}

/** The catalog of the simulated Docker Hub. Sizes come from the engine's catalog (computed once per image). */
export function createImageCatalog(engineCatalog?: Catalog): ImageCatalog {
  const specEnv = new Map(SPECS.map((s) => [s.key, s.config.Env]));
  const infos: ImageRepoInfo[] = REPOS.map((r) => {
    const latest = r.tags.latest;
    const pinned = latest ? Object.keys(r.tags).filter((t) => r.tags[t] === latest && /\d/.test(t)).sort((a, b) => b.length - a.length)[0] : undefined;
    return { name: r.name, description: r.description, stars: r.stars, tags: Object.keys(r.tags), pinnedTag: pinned };
  });
  const byName = new Map(infos.map((i) => [i.name, i]));
  const tagKey = new Map(REPOS.map((r) => [r.name, r.tags]));
  let cat = engineCatalog;
  const sizes = new Map<string, number | undefined>();
  return {
    repos: () => infos,
    repo: (name) => byName.get(splitImageRef(name).name),
    size(name, tag) {
      const key = `${name}:${tag}`;
      if (sizes.has(key)) return sizes.get(key);
      cat ??= createCatalog();
      const img = cat.image('library/' + name, tag);
      const size = img ? img.layers.reduce((a, l) => a + l.size, 0) : undefined;
      sizes.set(key, size);
      return size;
    },
    envNames(name, tag) {
      const key = tagKey.get(name)?.[tag];
      const env = key ? specEnv.get(key) : undefined;
      if (!key) return undefined;
      return (Array.isArray(env) ? env : []).map((e) => String(e).split('=')[0]!);
    },
  };
}

/** Docker's human size (1000-based, 3 significant digits), e.g. "78.1MB": the `docker image ls` SIZE column. */
export { size as humanSize } from '../cli/formatter/units';
