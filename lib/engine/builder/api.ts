/** Adapters from the Engine API's build options (lib/api/types.ts) to the builder. */
import type { BuildCacheRecord, BuildContext, BuildOptions, JSONMessage } from '../../api/types';
import { rfc3339Nano } from '../clock';
import { legacyBuildStream } from './build';
import { BuildCache } from './cache';
import type { BuilderHost, BuildRequest } from './types';

/** POST /build options -> a build request. */
export function requestFromApi(context: BuildContext, opts: BuildOptions): BuildRequest {
  return {
    context, dockerfile: opts.dockerfile, tags: opts.tags, buildArgs: opts.buildArgs, labels: opts.labels, noCache: opts.noCache,
    pull: opts.pull, quiet: opts.quiet, rm: opts.rm, forceRm: opts.forceRm, target: opts.target, platform: opts.platform, cacheFrom: opts.cacheFrom,
  };
}

/** EngineClient.build for the engine: moby's classic builder stream (POST /build). */
export function engineBuild(host: BuilderHost, context: BuildContext, opts: BuildOptions): AsyncIterable<JSONMessage> {
  return legacyBuildStream(host, requestFromApi(context, opts));
}

/** The build cache as `docker system df` lists it (DiskUsage.BuildCache). */
export function buildCacheUsage(host: BuilderHost): BuildCacheRecord[] {
  const cache = BuildCache.of(host.state);
  return cache.entries().map((e) => ({
    ID: e.id, Parents: e.parent ? [e.parent] : null, Type: e.type ?? 'regular', Description: e.description, InUse: false, Shared: false,
    Size: e.size, CreatedAt: rfc3339Nano(e.createdMs), LastUsedAt: rfc3339Nano(e.lastUsedMs), UsageCount: e.usageCount,
  }));
}

/** `docker builder prune -a`: drops the build cache; returns the bytes reclaimed. */
export function pruneBuildCache(host: BuilderHost): number {
  const cache = BuildCache.of(host.state);
  const n = cache.entries().reduce((s, e) => s + e.size, 0);
  cache.clear();
  return n;
}
