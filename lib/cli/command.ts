/**
 * The command framework: a small re-make of how docker CLI 28.2.2 uses cobra. A command module exports an options
 * type, a CommandDef (name, aliases, argument rule, flags from its help spec) and a run function.
 */
import type { EngineClient } from '../api/types';
import type { ConsoleIO, Workspace } from '../console/types';
import { FlagSet, type FlagDef } from './flags';
import { SPECS, SHORTS } from './spec.generated';

/** A BuildKit build seam: when present, `docker build` with BuildKit selected delegates to it. */
export interface BuildKitFrontend {
  build(ctx: CliContext, opts: BuildKitBuildRequest): Promise<number>;
}
export interface BuildKitBuildRequest {
  contextDir: string;
  files: Map<string, { data: Uint8Array; mode: number; mtime?: number }>;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  quiet: boolean;
  progress: string;
  platform?: string;
  iidfile?: string;
  /** buildx --secret: secret bytes by id (read from the workspace or the environment by the CLI) */
  secrets?: Record<string, Uint8Array>;
  /** buildx --ssh: forwarded agent ids */
  ssh?: string[];
  /** buildx -o/--output type=local|tar: where the result's files go (workspace path; tar '-' = stdout) */
  output?: { type: 'local' | 'tar'; dest: string };
  /** buildx --no-cache-filter: stages that skip the cache */
  noCacheFilter?: string[];
  /** buildx --call (--check = --call=check): "build" (default) or "check" */
  call?: string;
}

/** Stored login of one registry (DOCKER_CONFIG/config.json "auths"). */
export interface StoredAuth { username: string; password: string; serveraddress: string }

/** Everything a command's run function may use. */
export interface CliContext {
  client: EngineClient;
  io: ConsoleIO;
  env: Record<string, string>;
  /** Injected clock, milliseconds since the epoch. */
  now(): number;
  /** The workspace (build contexts, `docker save -o`, `docker cp`); paths relative to its root. */
  workspace?: Workspace;
  /** Current directory inside the workspace ('' = root). */
  cwd?: string;
  /** Logins by registry (`docker login` writes, push/pull read). */
  auths?: Map<string, StoredAuth>;
  buildkit?: BuildKitFrontend;
  /** The bytes redirected to the command's stdin (`docker load < image.tar`); undefined when stdin is the terminal/console input. */
  stdin?: Uint8Array;
}

/** cobra's cli.StatusError: printed as is (if non-empty) on stderr, exits with `status`. */
export class StatusError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'StatusError';
  }
}

export type ArgsRule =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'exact'; n: number }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'range'; min: number; max: number };

export const noArgs: ArgsRule = { kind: 'none' };
export const anyArgs: ArgsRule = { kind: 'any' };
export const exactArgs = (n: number): ArgsRule => ({ kind: 'exact', n });
export const minArgs = (n: number): ArgsRule => ({ kind: 'min', n });
export const maxArgs = (n: number): ArgsRule => ({ kind: 'max', n });
export const rangeArgs = (min: number, max: number): ArgsRule => ({ kind: 'range', min, max });

export interface CommandDef<O = unknown> {
  /** Sub-command name (`ls`). */
  name: string;
  /** cobra aliases (`list`). */
  aliases?: string[];
  /** Key of this command's help facts in SPECS (`image ls`). */
  spec: string;
  args: ArgsRule;
  /** pflag SetInterspersed (default true); false for run/exec/create. */
  interspersed?: boolean;
  /** Hidden or deprecated flags that parse but are not listed in help. */
  hiddenFlags?: FlagDef[];
  /** Per-flag overrides (validators) by flag name. */
  flagValidators?: Record<string, (v: string) => string | null>;
  /** Builds the options from parsed flags and args (may throw StatusError for client-side validation). `cmd` is the
   * node the command was invoked as (cobra's CalledAs: `images` vs `image ls`). */
  options(flags: FlagSet, args: string[], cmd: Command): O;
  run(ctx: CliContext, opts: O): Promise<number | void>;
}

/** A node of the command tree. */
export interface Command {
  name: string;
  aliases: string[];
  /** Full path without `docker` (`image ls`, `images`, '' for the root). */
  path: string;
  parent?: Command;
  children: Command[];
  def?: CommandDef<never>;
  /** Help facts, when captured for this path. */
  specKey?: string;
  short: string;
  /** Placeholder command (listed by help, not emulated). */
  stub?: boolean;
  hidden?: boolean;
}

/** The persistent `--help` flag every docker command inherits. */
export const HELP_FLAG: FlagDef = { name: 'help', short: 'h', type: '', help: 'Print usage', hidden: true, shorthandDeprecated: 'use --help', noOptDefVal: 'true' };

/** Flag definitions of a command: its spec's flags (typed as pflag shows them), plus hidden ones. */
export function commandFlags(cmd: Command): FlagDef[] {
  const key = cmd.def?.spec ?? cmd.specKey;
  const spec = key !== undefined ? SPECS[key] : undefined;
  const validators = cmd.def?.flagValidators ?? {};
  const defs: FlagDef[] = (spec?.flags ?? []).map((f) => ({
    name: f.name,
    short: f.short,
    type: f.type,
    help: f.help,
    noOptDefVal: f.type === '' ? 'true' : undefined,
    validate: validators[f.name],
  }));
  for (const h of cmd.def?.hiddenFlags ?? []) defs.push({ ...h, hidden: true, noOptDefVal: h.noOptDefVal ?? (h.type === '' ? 'true' : undefined) });
  return defs;
}

export function newFlagSet(cmd: Command, root: boolean): FlagSet {
  const defs = commandFlags(cmd);
  if (!root || !defs.some((d) => d.name === 'help')) defs.push(HELP_FLAG);
  return new FlagSet(defs);
}

export function shortOf(path: string): string {
  return SHORTS[path] ?? SPECS[path]?.description.split('\n')[0] ?? '';
}

/** Makes a tree node for a definition (mounted under `parent` with `name`). */
export function mount(parent: Command, def: CommandDef<never>, name = def.name, aliases = def.aliases ?? []): Command {
  const path = parent.path ? `${parent.path} ${name}` : name;
  const node: Command = { name, aliases, path, parent, children: [], def, specKey: SPECS[path] ? path : def.spec, short: shortOf(path) || shortOf(def.spec) };
  parent.children.push(node);
  return node;
}

/** Adds a group (management command) or a stub. */
export function group(parent: Command, name: string, opts: { stub?: boolean; hidden?: boolean } = {}): Command {
  const path = parent.path ? `${parent.path} ${name}` : name;
  const node: Command = { name, aliases: [], path, parent, children: [], specKey: SPECS[path] ? path : undefined, short: shortOf(path), ...opts };
  parent.children.push(node);
  return node;
}

export function commandPath(cmd: Command): string {
  return cmd.path ? `docker ${cmd.path}` : 'docker';
}

/** The `use` line tail of a command (`ls [OPTIONS] [REPOSITORY[:TAG]]`), from its help spec. */
export function useTail(cmd: Command): string {
  const key = cmd.specKey ?? cmd.def?.spec;
  const usage = key !== undefined ? SPECS[key]?.usage : undefined;
  if (!usage) return cmd.name;
  // The spec's usage line starts with the spec command's path; replace it with this command's name.
  const specPath = key ? `docker ${key}` : 'docker';
  const rest = usage.startsWith(specPath) ? usage.slice(specPath.length) : usage.replace(/^\S+(\s\S+)*?(?= \[| [A-Z]|$)/, '');
  return cmd.name + rest;
}

/** Management commands whose cobra Use is `NAME COMMAND` rather than `NAME`. */
const GROUP_USE_WITH_COMMAND = new Set(['volume', 'plugin', 'context', 'config', 'secret', 'service', 'stack', 'swarm', 'node', 'manifest', 'trust', 'checkpoint']);

/** cobra UseLine (flags in use line disabled, as docker does). */
export function useLine(cmd: Command): string {
  if (!cmd.parent) return 'docker [OPTIONS] COMMAND [ARG...]';
  const hasSub = cmd.children.length > 0;
  if (hasSub && !cmd.parent.parent && GROUP_USE_WITH_COMMAND.has(cmd.name)) return `${commandPath(cmd.parent)} ${cmd.name} COMMAND`;
  if (hasSub || (cmd.stub && !cmd.specKey)) return `${commandPath(cmd.parent)} ${cmd.name}`;
  return `${commandPath(cmd.parent)} ${useTail(cmd)}`;
}
