export { buildImage, buildkitBuild, legacyBuild, legacyBuildStream, isValidSignal, type BuilderOptions } from './build';
export { StepContainers } from './step-containers';
export { BuildCache } from './cache';
export type { BuilderHost, BuildRequest, BuildResult, CacheMiss, RunRequest, RunOutcome, BuildKitSink, LegacySink } from './types';
export { shellRun } from './shell';
export { createBuildKitFrontend, BUILDX_DESC_PLAIN, BUILDX_DESC_TTY, type FrontendOptions } from './frontend';
export { requestFromApi, engineBuild, buildCacheUsage, pruneBuildCache } from './api';
