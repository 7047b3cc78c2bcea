/**
 * The simulated Docker engine (DOM-free): `createEngine()` builds the stores, the catalog and an `Engine` whose
 * methods follow lib/api/types.ts EngineClient. This file implements the system and images areas; containers,
 * builder and registry areas are separate modules over the same `EngineState` (see README.md).
 */
import type {
  DiskUsage, Filters, HistoryItem, ImageDeleteItem, ImageInspect, ImageListOptions, ImagePullOptions, ImageRemoveOptions, ImageSearchOptions,
  ImageSearchResult, ImageSummary, ImagesPruneReport, ImportOptions, JSONMessage, PingResult, SystemInfo, VersionInfo,
} from '../api/types';
import { type Clock, type Random, SeededRandom, systemClock } from './clock';
import { ImageStore, LayerStore, ReferenceStore } from './store';
import type { EngineHooks, EngineState } from './state';
import { createCatalog } from './catalog/index';
import type { Catalog } from './catalog/types';
import * as images from './images';
import { imagePull } from './pull';
import { imageSave } from './save';
import { imageLoad } from './load';
import { imageImport } from './import';
import * as system from './system';
import { loadState, saveState, type SavedState } from './serialize';
import { UnionFs, type UnionFsOptions } from './fs/union';

export interface EngineOptions {
  clock?: Clock;
  random?: Random;
  /** Seed for the default random source (ignored when `random` is given). */
  seed?: string;
  /** SOURCE_DATE_EPOCH (seconds) for the default clock. */
  sourceDateEpoch?: string | number;
  catalog?: Catalog;
  hooks?: Partial<EngineHooks>;
}

const DEFAULT_HOOKS: EngineHooks = {
  imageUsers: () => [],
  containerCounts: () => ({ total: 0, running: 0, paused: 0, stopped: 0 }),
};

let sharedCatalog: Catalog | undefined;

export function createState(opts: EngineOptions = {}): EngineState {
  const catalog = opts.catalog ?? (sharedCatalog ??= createCatalog());
  const layers = new LayerStore((key) => catalog.layerContent(key));
  return {
    clock: opts.clock ?? systemClock({ sourceDateEpoch: opts.sourceDateEpoch }),
    random: opts.random ?? new SeededRandom(opts.seed ?? 'docker-playground'),
    layers,
    images: new ImageStore(layers),
    refs: new ReferenceStore(),
    catalog,
    hooks: { ...DEFAULT_HOOKS, ...opts.hooks },
    areas: new Map(),
  };
}

/** The engine: EngineClient's system and images methods over an EngineState; other areas extend it. */
export class Engine {
  constructor(readonly state: EngineState) {}

  // ----- system -----
  async ping(): Promise<PingResult> { return system.ping(); }
  async version(): Promise<VersionInfo> { return system.version(); }
  async info(): Promise<SystemInfo> { return system.info(this.state); }
  /** GET /system/df: the images part; the containers/volumes/build-cache areas fill in the rest. */
  async diskUsage(): Promise<DiskUsage> { return { ...images.imagesDiskUsage(this.state), Containers: [], Volumes: [], BuildCache: [] }; }

  // ----- images -----
  async imageList(opts: ImageListOptions = {}): Promise<ImageSummary[]> { return images.imageList(this.state, opts); }
  async imageInspect(name: string): Promise<ImageInspect> { return images.imageInspect(this.state, name); }
  async imageHistory(name: string): Promise<HistoryItem[]> { return images.imageHistory(this.state, name); }
  async imageRemove(name: string, opts: ImageRemoveOptions = {}): Promise<ImageDeleteItem[]> { return images.imageRemove(this.state, name, opts); }
  async imageTag(source: string, repo: string, tag: string): Promise<void> { images.imageTag(this.state, source, repo, tag); }
  async imagesPrune(filters: Filters = {}): Promise<ImagesPruneReport> { return images.imagesPrune(this.state, filters); }
  imagePull(opts: ImagePullOptions): AsyncIterable<JSONMessage> { return imagePull(this.state, opts); }
  async imageSearch(opts: ImageSearchOptions): Promise<ImageSearchResult[]> { return system.imageSearch(this.state, opts); }
  /** docker save / load / import (lib/engine/save.ts, load.ts, import.ts). */
  async imageSave(names: string[]): Promise<Uint8Array> { return imageSave(this.state, names); }
  imageLoad(tar: Uint8Array, quiet = false): AsyncIterable<JSONMessage> { return imageLoad(this.state, tar, quiet); }
  imageImport(tar: Uint8Array, opts: ImportOptions): AsyncIterable<JSONMessage> { return imageImport(this.state, tar, opts); }

  // ----- helpers for the other areas -----
  /** A writable union file system over an image's layers (containers, build steps). */
  rootfs(imageIdOrRef: string, opts?: UnionFsOptions): UnionFs {
    const img = images.getImage(this.state, imageIdOrRef);
    return new UnionFs(this.state.layers.view(img.topChain), { now: () => Math.floor(this.state.clock.now() / 1000), ...opts });
  }

  // ----- persistence -----
  toJSON(): SavedState { return saveState(this.state); }
  static fromJSON(saved: SavedState, opts: EngineOptions = {}): Engine {
    const state = createState({ ...opts, random: opts.random ?? SeededRandom.from(saved.random) });
    loadState(state, saved);
    return new Engine(state);
  }
}

export function createEngine(opts: EngineOptions = {}): Engine {
  return new Engine(createState(opts));
}

export type { EngineState, EngineHooks, ImageUser } from './state';
export type { SavedState } from './serialize';
export { registerAreaCodec } from './serialize';
export { UnionFs } from './fs/union';
export { getImage, findImage, tagImage, noSuchImage } from './images';
export { storeRemoteImage, remotes, type RemoteSource } from './pull';

// Containers, commit, registry and volumes (lib/engine/containers/engine.ts adds them to Engine).
import { installContainers, type ContainersApi } from './containers/engine';
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Engine extends ContainersApi {}
installContainers(Engine);
export { engineCurl } from './containers/engine';

// The builder (lib/engine/builder/install.ts adds build(), the BuildKit frontend and the build cache to Engine).
import { installBuilder, type BuilderApi } from './builder/install';
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Engine extends BuilderApi {}
installBuilder(Engine);

// Networks, events and build-cache prune (lib/engine/networks.ts; wraps the container and image methods above to
// record --network and publish events, so it is installed last).
import { installNetworks, type NetworksApi } from './networks';
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Engine extends NetworksApi {}
installNetworks(Engine);
