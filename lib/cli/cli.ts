/**
 * `docker ...`: the command tree (cmd/docker + cli/command/commands) and its execution with cobra's order:
 * global flags, command lookup, flag parsing, --help, argument validation, run. Returns the exit status.
 */
import { type ArgsRule, type CliContext, type Command, type CommandDef, commandPath, group, mount, newFlagSet, StatusError, useLine } from './command';
import { errorText } from './errors';
import { FlagError, HelpRequested, type FlagSet } from './flags';
import { helpWidth, renderHelp, hasSubCommands } from './help';
import { SPECS } from './spec.generated';
import { buildCommand, BUILDKIT_MISSING, LEGACY_DISABLED, LEGACY_NO_BUILDX, selectBuilder } from './commands/image/build';
import { historyCommand } from './commands/image/history';
import { importCommand } from './commands/image/import';
import { inspectCommand as imageInspect } from './commands/image/inspect';
import { loadCommand } from './commands/image/load';
import { listCommand as imageList } from './commands/image/list';
import { pruneCommand as imagePrune } from './commands/image/prune';
import { pullCommand } from './commands/image/pull';
import { pushCommand } from './commands/image/push';
import { removeCommand } from './commands/image/remove';
import { saveCommand } from './commands/image/save';
import { tagCommand } from './commands/image/tag';
import { searchCommand } from './commands/registry/search';
import { loginCommand } from './commands/registry/login';
import { logoutCommand } from './commands/registry/logout';
import { attachCommand } from './commands/container/attach';
import { commitCommand } from './commands/container/commit';
import { cpCommand } from './commands/container/cp';
import { createCommand } from './commands/container/create';
import { diffCommand } from './commands/container/diff';
import { execCommand } from './commands/container/exec';
import { inspectCommand as containerInspect } from './commands/container/inspect';
import { killCommand } from './commands/container/kill';
import { logsCommand } from './commands/container/logs';
import { listCommand as containerList } from './commands/container/list';
import { pauseCommand } from './commands/container/pause';
import { portCommand } from './commands/container/port';
import { pruneCommand as containerPrune } from './commands/container/prune';
import { renameCommand } from './commands/container/rename';
import { restartCommand } from './commands/container/restart';
import { rmCommand } from './commands/container/rm';
import { runCommand } from './commands/container/run';
import { startCommand } from './commands/container/start';
import { stopCommand } from './commands/container/stop';
import { topCommand } from './commands/container/top';
import { unpauseCommand } from './commands/container/unpause';
import { updateCommand } from './commands/container/update';
import { waitCommand } from './commands/container/wait';
import { versionCommand } from './commands/system/version';
import { infoCommand } from './commands/system/info';
import { dfCommand } from './commands/system/df';
import { pruneCommand as systemPrune } from './commands/system/prune';
import { listCommand as volumeList } from './commands/volume/list';
import { inspectCommand as volumeInspect } from './commands/volume/inspect';
import { createCommand as volumeCreate } from './commands/volume/create';
import { rmCommand as volumeRm } from './commands/volume/rm';
import { pruneCommand as volumePrune } from './commands/volume/prune';
import { statsCommand } from './commands/container/stats';
import { listCommand as networkList } from './commands/network/list';
import { inspectCommand as networkInspect } from './commands/network/inspect';
import { createCommand as networkCreate } from './commands/network/create';
import { removeCommand as networkRemove } from './commands/network/remove';
import { pruneCommand as networkPrune } from './commands/network/prune';
import { connectCommand as networkConnect } from './commands/network/connect';
import { disconnectCommand as networkDisconnect } from './commands/network/disconnect';
import { eventsCommand } from './commands/system/events';
import { pruneCommand as builderPrune } from './commands/builder/prune';
import { inspectCommand } from './commands/inspect';

type AnyDef = CommandDef<never>;
const d = <O>(def: CommandDef<O>): AnyDef => def as unknown as AnyDef;

/** Builds the docker command tree (fresh each call; cheap). */
export function buildTree(): Command {
  const root: Command = { name: 'docker', aliases: [], path: '', children: [], specKey: '', short: SPECS[''].description };
  // top-level commands and aliases
  const top: [string, AnyDef][] = [
    ['attach', d(attachCommand)], ['build', d(buildCommand)], ['commit', d(commitCommand)], ['cp', d(cpCommand)], ['create', d(createCommand)],
    ['diff', d(diffCommand)], ['exec', d(execCommand)], ['history', d(historyCommand)], ['images', d(imageList)], ['import', d(importCommand)],
    ['info', d(infoCommand)], ['inspect', d(inspectCommand)], ['kill', d(killCommand)], ['load', d(loadCommand)], ['login', d(loginCommand)],
    ['logout', d(logoutCommand)], ['logs', d(logsCommand)], ['pause', d(pauseCommand)], ['port', d(portCommand)], ['ps', d(containerList)],
    ['pull', d(pullCommand)], ['push', d(pushCommand)], ['rename', d(renameCommand)], ['restart', d(restartCommand)], ['rm', d(rmCommand)],
    ['rmi', d(removeCommand)], ['run', d(runCommand)], ['save', d(saveCommand)], ['search', d(searchCommand)], ['start', d(startCommand)],
    ['stop', d(stopCommand)], ['tag', d(tagCommand)], ['top', d(topCommand)], ['unpause', d(unpauseCommand)], ['version', d(versionCommand)],
    ['wait', d(waitCommand)],
  ];
  for (const [name, def] of top) mount(root, def, name, name === 'rm' ? ['remove'] : []);
  mount(root, d(eventsCommand), 'events', []);
  mount(root, d(statsCommand), 'stats', []);
  mount(root, d(updateCommand), 'update', []);
  group(root, 'export', { stub: true });
  for (const stub of ['checkpoint', 'context', 'manifest', 'plugin', 'trust', 'config', 'node', 'secret', 'service', 'stack', 'swarm']) group(root, stub, { stub: true });

  const network = group(root, 'network');
  mount(network, d(networkConnect), 'connect', []);
  mount(network, d(networkCreate), 'create', []);
  mount(network, d(networkDisconnect), 'disconnect', []);
  mount(network, d(networkInspect), 'inspect', []);
  mount(network, d(networkList), 'ls', ['list']);
  mount(network, d(networkPrune), 'prune', []);
  mount(network, d(networkRemove), 'rm', ['remove']);

  const builder = group(root, 'builder');
  mount(builder, d(buildCommand), 'build', []);
  mount(builder, d(builderPrune), 'prune', []);

  const image = group(root, 'image');
  for (const def of [buildCommand, historyCommand, importCommand, imageInspect, loadCommand, imageList, imagePrune, pullCommand, pushCommand, saveCommand, tagCommand]) {
    mount(image, d(def as CommandDef<unknown>), def.name, def.name === 'build' ? [] : def.aliases ?? []);
  }
  mount(image, d(removeCommand), 'rm', ['rmi', 'remove']);

  const container = group(root, 'container');
  for (const def of [attachCommand, commitCommand, cpCommand, createCommand, diffCommand, execCommand, containerInspect, killCommand, logsCommand, pauseCommand,
    portCommand, containerPrune, renameCommand, restartCommand, runCommand, startCommand, stopCommand, topCommand, unpauseCommand, waitCommand] as CommandDef<unknown>[]) {
    mount(container, d(def), def.name, def.aliases ?? []);
  }
  mount(container, d(containerList), 'ls', ['ps', 'list']);
  mount(container, d(rmCommand), 'rm', ['remove']);
  mount(container, d(statsCommand), 'stats', []);
  mount(container, d(updateCommand), 'update', []);
  group(container, 'export', { stub: true });

  const system = group(root, 'system');
  mount(system, d(dfCommand), 'df', []);
  mount(system, d(infoCommand), 'info', []);
  mount(system, d(systemPrune), 'prune', []);
  mount(system, d(eventsCommand), 'events', []);

  const volume = group(root, 'volume');
  mount(volume, d(volumeList), 'ls', ['list']);
  mount(volume, d(volumeInspect), 'inspect', []);
  mount(volume, d(volumeCreate), 'create', []);
  mount(volume, d(volumeRm), 'rm', ['remove']);
  mount(volume, d(volumePrune), 'prune', []);
  group(volume, 'update', { stub: true });
  return root;
}

let cachedTree: Command | undefined;
export function commandTree(): Command {
  return (cachedTree ??= buildTree());
}

/** Finds a child by name or cobra alias. */
export function findChild(cmd: Command, name: string): Command | undefined {
  return cmd.children.find((c) => c.name === name) ?? cmd.children.find((c) => c.aliases.includes(name));
}

function argsError(cmd: Command, rule: ArgsRule, n: number): string | null {
  const path = commandPath(cmd);
  const plural = (k: number) => (k === 1 ? 'argument' : 'arguments');
  switch (rule.kind) {
    case 'any': return null;
    case 'none':
      return n === 0 ? null : `docker: '${path}' accepts no arguments\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information`;
    case 'exact':
      return n === rule.n ? null : `docker: '${path}' requires ${rule.n} ${plural(rule.n)}\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information`;
    case 'min':
      return n >= rule.n ? null : `docker: '${path}' requires at least ${rule.n} ${plural(rule.n)}\n\nUsage:  ${useLine(cmd)}\n\nSee '${path} --help' for more information`;
    case 'max':
      return n <= rule.n ? null : `docker: '${path}' requires at most ${rule.n} ${plural(rule.n)}\n\nUsage:  ${useLine(cmd)}\n\nSRun '${path} --help' for more information`;
    case 'range':
      return n >= rule.min && n <= rule.max ? null : `docker: '${path}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}\n\nUsage:  ${useLine(cmd)}\n\nRun '${path} --help' for more information`;
  }
}

function flagError(cmd: Command, e: FlagError): StatusError {
  return new StatusError(`${e.message}\n\nUsage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information`, 125);
}

/** Does the flag take no value when given without `=` (pflag NoOptDefVal)? Unknown flags are assumed to take one. */
function noOptDefVal(fs: FlagSet, name: string, short: boolean): boolean {
  const def = short ? fs.defs.find((d) => d.short === name) : fs.lookup(name);
  return def !== undefined && def.noOptDefVal !== undefined && def.noOptDefVal !== '';
}

function takesValue(fs: FlagSet, s: string): boolean {
  if (s.startsWith('--') && !s.includes('=')) return !noOptDefVal(fs, s.slice(2), false);
  if (s.startsWith('-') && !s.includes('=') && s.length === 2) return !noOptDefVal(fs, s.slice(1, 2), true);
  return false;
}

/** cobra stripFlags: the words that may name a sub-command (quirk kept: a value flag before the last word hides it). */
function stripFlags(args: string[], fs: FlagSet): string[] {
  const commands: string[] = [];
  let rest = [...args];
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s === '--') break;
    if (takesValue(fs, s)) {
      if (rest.length <= 1) break;
      rest = rest.slice(1);
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

/** cobra argsMinusFirstX: removes the first occurrence of the sub-command's name, skipping flag values. */
function argsMinusFirstX(args: string[], x: string, fs: FlagSet): string[] {
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos];
    if (s === '--') break;
    if (takesValue(fs, s)) { pos++; continue; }
    if (!s.startsWith('-') && s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return args;
}

/** cobra's Find: walks sub-command names among the non-flag arguments (used by `docker help` and completion). */
function find(root: Command, args: string[]): { cmd: Command; args: string[] } {
  let cmd = root;
  let rest = [...args];
  for (;;) {
    if (cmd.children.length === 0) break;
    const fs = newFlagSet(cmd, cmd === root);
    const words = stripFlags(rest, fs);
    if (words.length === 0) break;
    const child = findChild(cmd, words[0]);
    if (!child) break;
    rest = argsMinusFirstX(rest, words[0], fs);
    cmd = child;
  }
  return { cmd, args: rest };
}

function isFlagArg(a: string): boolean {
  return (a.length >= 3 && a.startsWith('--')) || (a.length >= 2 && a[0] === '-' && a[1] !== '-');
}

/**
 * cobra's Traverse (docker's root sets TraverseChildren): flags before a sub-command name are parsed by the parent;
 * an error there is returned as a plain error (printed without usage, exit 1).
 */
function traverse(cmd: Command, args: string[], isRoot: boolean): { cmd: Command; args: string[] } {
  const fs = newFlagSet(cmd, isRoot);
  const flags: string[] = [];
  let inFlag = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') && !a.includes('=')) {
      inFlag = !noOptDefVal(fs, a.slice(2), false);
      flags.push(a);
      continue;
    }
    if (a.startsWith('-') && !a.includes('=') && a.length === 2 && !noOptDefVal(fs, a.slice(1), true)) {
      inFlag = true;
      flags.push(a);
      continue;
    }
    if (inFlag) {
      inFlag = false;
      flags.push(a);
      continue;
    }
    if (isFlagArg(a)) {
      flags.push(a);
      continue;
    }
    const next = findChild(cmd, a);
    if (!next) return { cmd, args };
    if (!isRoot || flags.length > 0) {
      try {
        fs.parse(flags, { interspersed: true });
      } catch (e) {
        if (e instanceof FlagError) throw new StatusError(e.message, 1);
        if (e instanceof HelpRequested) throw new StatusError('pflag: help requested', 1);
        throw e;
      }
    }
    return traverse(next, args.slice(i + 1), false);
  }
  return { cmd, args };
}

const VERSION_LINE = 'Docker version 28.2.2, build e6534b4\n';

function printNotices(ctx: CliContext, fs: FlagSet): void {
  for (const n of fs.notices) ctx.io.stdout(n);
}

/** Runs `docker <argv...>`; resolves with the exit status. Never throws for user errors. */
export async function runDocker(argv: string[], ctx: CliContext): Promise<number> {
  try {
    return await execute(argv, ctx);
  } catch (e) {
    if (e instanceof StatusError) {
      if (e.message !== '') ctx.io.stderr(e.message + '\n');
      return e.status === 0 ? 1 : e.status;
    }
    ctx.io.stderr(errorText(e) + '\n');
    return 1;
  }
}

async function execute(argv: string[], ctx: CliContext): Promise<number> {
  const root = commandTree();
  const cols = helpWidth(ctx.io.isTTY, ctx.io.columns);
  const rootFlags = newFlagSet(root, true);
  try {
    rootFlags.parse(argv, { interspersed: false });
  } catch (e) {
    if (e instanceof FlagError) throw flagError(root, e);
    if (e instanceof HelpRequested) { ctx.io.stdout(renderHelp(root, cols)); return 0; }
    throw e;
  }
  printNotices(ctx, rootFlags);
  const rest = rootFlags.args;
  if (rootFlags.bool('version') && rest.length === 0) { ctx.io.stdout(VERSION_LINE); return 0; }
  if (rest.length === 0 && rootFlags.bool('help')) { ctx.io.stdout(renderHelp(root, cols)); return 0; }
  if (rest.length === 0) { ctx.io.stderr(renderHelp(root, cols)); return 0; }
  processBuilder(ctx, rest);

  if (rest[0] === 'help') {
    // cobra's help command: its own flags (only --help), then a topic
    const helpCmd: Command = { name: 'help', aliases: [], path: 'help', parent: root, children: [], short: 'Help about the command', hidden: true };
    const fs = newFlagSet(helpCmd, false);
    try {
      fs.parse(rest.slice(1), { interspersed: true });
    } catch (e) {
      if (e instanceof FlagError) {
        throw new StatusError(`${e.message}\n\nUsage:  docker help [command]\n\nRun 'docker help --help' for more information`, 125);
      }
      throw e;
    }
    printNotices(ctx, fs);
    if (fs.bool('help')) { ctx.io.stdout('Usage:  docker help [command]\n\nHelp about the command\n'); return 0; }
    const { cmd, args } = find(root, fs.args);
    if (args.length > 0) throw new StatusError(`unknown help topic: ${args.join(' ')}`, 1);
    ctx.io.stdout(renderHelp(cmd, cols));
    return 0;
  }

  const { cmd, args } = traverse(root, rest, true);
  if (cmd === root) {
    // cobra parses the root's flags in what is left before it validates the arguments
    const rfs = newFlagSet(root, true);
    try {
      rfs.parse(args, { interspersed: true });
    } catch (e) {
      if (e instanceof FlagError) throw flagError(root, e);
      throw e;
    }
    printNotices(ctx, rfs);
    if (rfs.bool('help')) { ctx.io.stdout(renderHelp(root, cols)); return 0; }
    throw new StatusError(`docker: unknown command: docker ${rest[0]}\n\nRun 'docker --help' for more information`, 1);
  }
  const fs = newFlagSet(cmd, false);
  try {
    fs.parse(args, { interspersed: cmd.def?.interspersed ?? true });
  } catch (e) {
    if (e instanceof FlagError) throw flagError(cmd, e);
    if (e instanceof HelpRequested) { ctx.io.stdout(renderHelp(cmd, cols)); return 0; }
    throw e;
  }
  printNotices(ctx, fs);
  if (fs.bool('help')) {
    ctx.io.stdout(renderHelp(cmd, cols));
    return 0;
  }
  const pos = fs.args;
  if (!cmd.def) {
    if (hasSubCommands(cmd) && !cmd.stub) {
      if (pos.length > 0) {
        throw new StatusError(`docker: unknown command: ${commandPath(cmd)} ${pos[0]}\n\nUsage:  ${useLine(cmd)}\n\nRun '${commandPath(cmd)} --help' for more information`, 1);
      }
      ctx.io.stderr(renderHelp(cmd, cols));
      return 0;
    }
    throw new StatusError(`docker: '${commandPath(cmd).slice(7)}' is not available in this playground`, 1);
  }
  const err = argsError(cmd, cmd.def.args, pos.length);
  if (err) throw new StatusError(err, 1);
  const opts = cmd.def.options(fs, pos, cmd);
  const status = await cmd.def.run(ctx, opts);
  return typeof status === 'number' ? status : 0;
}

/**
 * cmd/docker/builder.go processBuilder: for `build`, `builder ...` and `image build`, decides between BuildKit and the
 * legacy builder before the command runs: BuildKit requested without a BuildKit frontend is an error; the legacy
 * builder prints its deprecation notice.
 */
function processBuilder(ctx: CliContext, args: string[]): void {
  const isBuild = args[0] === 'build' || args[0] === 'builder' || (args[0] === 'image' && args[1] === 'build');
  if (!isBuild) return;
  const b = selectBuilder(ctx);
  if (b === 'missing') throw new StatusError(BUILDKIT_MISSING, 1);
  if (b === 'legacy-disabled') ctx.io.stderr(LEGACY_DISABLED);
  if (b === 'legacy-nobuildx') ctx.io.stderr(LEGACY_NO_BUILDX);
}

/** Names for tab completion: sub-commands (with aliases) and flags of the command reached by `words`. */
export function completionCandidates(words: string[]): { commands: string[]; flags: string[]; cmd: Command } {
  const root = commandTree();
  const { cmd } = find(root, words);
  const commands = cmd.children.filter((c) => !c.hidden).flatMap((c) => [c.name, ...c.aliases]);
  const fs = newFlagSet(cmd, cmd === root);
  const flags = fs.defs.filter((f) => !f.hidden).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
  return { commands: [...new Set(commands)].sort(), flags: flags.sort(), cmd };
}
