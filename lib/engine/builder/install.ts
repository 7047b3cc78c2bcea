/**
 * Installs the builder area on `Engine`: `build()` (POST /build, the legacy stream the daemon serves), the BuildKit
 * frontend the CLI's `docker build` uses in process, and the build cache in `system df`. Every consumer of `Engine`
 * (the page's worker, `npm run console`, `npm run daemon`, exercises) gets the same builder this way.
 */
import type { BuildCacheRecord, BuildContext, BuildOptions, DiskUsage, JSONMessage } from '../../api/types';
import type { BuildKitFrontend } from '../../cli/command';
import type { EngineState } from '../state';
import { buildCacheUsage, engineBuild } from './api';
import { createBuildKitFrontend } from './frontend';
import { shellRun } from './shell';
import type { BuilderHost } from './types';

export interface BuilderApi {
  /** POST /build: the legacy builder's JSON message stream. */
  build(context: BuildContext, opts: BuildOptions): AsyncIterable<JSONMessage>;
  /** The host the builders run on (stores + lib/shell). One per engine, so the build cache is shared. */
  builderHost(): BuilderHost;
  /** The in-process BuildKit frontend for the CLI (`CliContext.buildkit`). */
  buildkitFrontend(): BuildKitFrontend;
  buildCache(): BuildCacheRecord[];
}

interface EngineLike { readonly state: EngineState; diskUsage(): Promise<DiskUsage> }
type EngineClass = { prototype: EngineLike & Partial<BuilderApi> };

const hosts = new WeakMap<EngineState, BuilderHost>();
const frontends = new WeakMap<EngineState, BuildKitFrontend>();

export function installBuilder(E: EngineClass): void {
  const p = E.prototype;
  const previousDiskUsage = p.diskUsage;
  const api: BuilderApi & ThisType<EngineLike & BuilderApi> = {
    builderHost() {
      let host = hosts.get(this.state);
      if (!host) hosts.set(this.state, (host = { state: this.state, run: shellRun }));
      return host;
    },
    build(context, opts) {
      return engineBuild(this.builderHost(), context, opts);
    },
    buildkitFrontend() {
      let fe = frontends.get(this.state);
      if (!fe) frontends.set(this.state, (fe = createBuildKitFrontend(this.builderHost())));
      return fe;
    },
    buildCache() {
      return buildCacheUsage(this.builderHost());
    },
  };
  Object.assign(p, api);
  p.diskUsage = async function (this: EngineLike & BuilderApi): Promise<DiskUsage> {
    const d = await previousDiskUsage.call(this);
    return { ...d, BuildCache: this.buildCache() };
  };
}
