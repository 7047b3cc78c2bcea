/** The simulated Docker Hub: repositories, their tags and the images behind them. */
import type { LayerContent } from '../tar';
import type { ImageConfigJSON } from '../store';

export interface CatalogLayer {
  /** Stable key for the layer store (content regenerated from it). */
  key: string;
  diffId: string;
  /** moby DiffSize of the layer. */
  size: number;
  /** Compressed size as the registry serves it (for pull progress). */
  compressedSize: number;
  /** Digest of the compressed blob in the registry (pull shows its first 12 hex chars as the layer id). */
  blobDigest: string;
}
export interface CatalogImage {
  /** Image config, exact bytes: its sha256 is the image ID. */
  raw: string;
  config: ImageConfigJSON;
  id: string;
  layers: CatalogLayer[];
  /** Repo digest (manifest list / index digest) for `RepoDigests` and `Digest:` after pull. */
  repoDigest: string;
}
export interface CatalogRepo {
  /** "nginx", "library/..." implied for official images. */
  name: string;
  description: string;
  stars: number;
  official: boolean;
  /** tag -> image key */
  tags: Record<string, string>;
}
export interface Catalog {
  repos(): CatalogRepo[];
  repo(name: string): CatalogRepo | undefined;
  /** Image for a repository path ("library/nginx") and tag, or undefined. */
  image(path: string, tag: string): CatalogImage | undefined;
  /** Image by repo digest ("sha256:..."), for pulls by digest. */
  imageByDigest(path: string, digest: string): CatalogImage | undefined;
  /** Content of a catalog layer by key. */
  layerContent(key: string): LayerContent;
  /** The key of the catalog layer with this (synthetic) DiffID, if any (docker load of a saved catalog image). */
  layerKeyByDiffId?(diffId: string): string | undefined;
}
