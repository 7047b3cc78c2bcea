/**
 * The engine's state: stores plus injected clock and randomness. Each API area (images here; containers, builder,
 * registry in other files) is a set of functions over this state, so areas can be added without touching each other.
 */
import type { Clock, Random } from './clock';
import { ImageStore, LayerStore, ReferenceStore } from './store';
import type { Catalog } from './catalog/types';

/** A container's use of an image, as the image area needs it for `rmi` conflicts (filled in by the containers area). */
export interface ImageUser { id: string; running: boolean }

export interface EngineHooks {
  /** Containers using an image (by image ID), oldest first. Default: none. */
  imageUsers(imageId: string): ImageUser[];
  /** Number of containers (for ImageSummary.Containers when counting, and /info). */
  containerCounts(): { total: number; running: number; paused: number; stopped: number };
}

export interface EngineState {
  readonly clock: Clock;
  readonly random: Random;
  readonly layers: LayerStore;
  readonly images: ImageStore;
  readonly refs: ReferenceStore;
  readonly catalog: Catalog;
  hooks: EngineHooks;
  /** Free-form per-area state that other areas register (containers, volumes, registry...). Must be JSON-serializable via their own toJSON. */
  readonly areas: Map<string, unknown>;
}
