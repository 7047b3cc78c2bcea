export { buildImage, buildkitBuild, legacyBuild, legacyBuildStream, type BuilderOptions } from './build';
export { BuildCache } from './cache';
export { miniShellRun } from './mini-shell';
export type { BuilderHost, BuildRequest, BuildResult, CacheMiss, RunRequest, BuildKitSink, LegacySink } from './types';
export { createBuildKitFrontend, BUILDX_DESC_PLAIN, BUILDX_DESC_TTY, type FrontendOptions } from './frontend';
export { requestFromApi, engineBuild, buildCacheUsage, pruneBuildCache } from './api';
