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
import { waitCommand } from './commands/container/wait';
import { versionCommand } from './commands/system/version';
import { infoCommand } from './commands/system/info';
import { dfCommand } from './commands/system/df';
import { pruneCommand as systemPrune } from './commands/system/prune';
import { listCommand as volumeList } from './commands/volume/list';
import { inspectCommand as volumeInspect } from './commands/volume/inspect';
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
  for (const [name, def] of top) mount(root, def, name, []);
  for (const stub of ['events', 'export', 'stats', 'update']) group(root, stub, { stub: true });
  for (const stub of ['checkpoint', 'context', 'manifest', 'network', 'plugin', 'trust', 'config', 'node', 'secret', 'service', 'stack', 'swarm']) group(root, stub, { stub: true });

  const builder = group(root, 'builder');
  mount(builder, d(buildCommand), 'build', []);
  group(builder, 'prune', { stub: true });

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
  for (const stub of ['export', 'stats', 'update']) group(container, stub, { stub: true });

  const system = group(root, 'system');
  mount(system, d(dfCommand), 'df', []);
  mount(system, d(infoCommand), 'info', []);
  mount(system, d(systemPrune), 'prune', []);
  group(system, 'events', { stub: true });

  const volume = group(root, 'volume');
  mount(volume, d(volumeList), 'ls', ['list']);
  mount(volume, d(volumeInspect), 'inspect', []);
  for (const stub of ['create', 'prune', 'rm', 'update']) group(volume, stub, { stub: true });
  return root;
}

let cachedTree: Command | undefined;
export function commandTree(): Command {
  return (cachedTree ??= buildTree());
}

/** Management commands whose cobra Use is `NAME COMMAND` rather than `NAME`. */
const GROUP_USE_WITH_COMMAND = new Set(['volume', 'network', 'plugin', 'context', 'config', 'secret', 'service', 'stack', 'swarm', 'node', 'manifest', 'trust', 'checkpoint']);

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

/** cobra's Find: walks sub-command names among the non-flag arguments. */
function find(root: Command, args: string[]): { cmd: Command; args: string[] } {
  let cmd = root;
  let rest = [...args];
  for (;;) {
    if (cmd.children.length === 0) break;
    const idx = rest.findIndex((a) => !a.startsWith('-'));
    if (idx < 0) break;
    // flags before the name must not take a value (cobra's stripFlags, simplified)
    const child = findChild(cmd, rest[idx]);
    if (!child) break;
    rest = [...rest.slice(0, idx), ...rest.slice(idx + 1)];
    cmd = child;
  }
  return { cmd, args: rest };
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
    const { cmd, args } = find(root, rest.slice(1));
    if (args.length > 0) throw new StatusError(`unknown help topic: ${args.join(' ')}`, 1);
    ctx.io.stdout(renderHelp(cmd, cols));
    return 0;
  }

  const { cmd, args } = find(root, rest);
  if (cmd === root) {
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
        const use = GROUP_USE_WITH_COMMAND.has(cmd.path) ? `${useLine(cmd)} COMMAND` : useLine(cmd);
        throw new StatusError(`docker: unknown command: ${commandPath(cmd)} ${pos[0]}\n\nUsage:  ${use}\n\nRun '${commandPath(cmd)} --help' for more information`, 1);
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
