export { buildImage, buildkitBuild, legacyBuild, legacyBuildStream, type BuilderOptions } from './build';
export { BuildCache } from './cache';
export { pullFromCatalog } from './pull';
export { miniShellRun } from './mini-shell';
export type { BuilderHost, BuildRequest, BuildResult, CacheMiss, RunRequest, BuildKitSink, LegacySink } from './types';
