/** The docker CLI emulator's public surface. */
export { runDocker, commandTree, completionCandidates, findChild } from './cli';
export type { CliContext, BuildKitFrontend, BuildKitBuildRequest, StoredAuth, CommandDef, Command } from './command';
export { StatusError } from './command';
export { renderHelp } from './help';
export { FlagSet, FlagError, flagUsagesWrapped, type FlagDef } from './flags';
export { wireFormatters, type Formatters } from './formatters';
