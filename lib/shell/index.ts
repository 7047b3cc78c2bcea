export { runShell, runArgv, shellQuote, ShellSession, detectFlavor, translateErrors, type RunShellOptions, type RunShellResult, type ShellFetchResult, type ShellProcess, type Flavor } from './run';
export { resolveUser, readPasswd, readGroups, idLine } from './users';
