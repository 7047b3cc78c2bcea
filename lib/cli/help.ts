/** Help output: docker CLI's cobra usage template (cli/cobra.go), rendered from the command tree. */
import { type Command, commandFlags, commandPath, useLine } from './command';
import { flagUsagesWrapped } from './flags';
import { SPECS } from './spec.generated';

/** Root commands annotated `category-top`, in their display order. */
export const TOP_COMMANDS = ['run', 'exec', 'ps', 'build', 'pull', 'push', 'images', 'login', 'logout', 'search', 'version', 'info'];
/** Root management commands annotated `swarm`. */
export const SWARM_COMMANDS = ['config', 'node', 'secret', 'service', 'stack', 'swarm'];

const MIN_NAME_PADDING = 11;

function hasSub(c: Command): boolean {
  return c.children.length > 0 || (c.stub === true && isGroupStub(c));
}
/** Stubs that stand for management commands (listed under Management/Swarm Commands). */
const GROUP_STUBS = new Set(['checkpoint', 'context', 'manifest', 'network', 'plugin', 'trust', 'config', 'node', 'secret', 'service', 'stack', 'swarm']);
function isGroupStub(c: Command): boolean {
  return !c.parent?.parent && GROUP_STUBS.has(c.name);
}
export function hasSubCommands(c: Command): boolean {
  return hasSub(c);
}

function rpad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function sortedChildren(c: Command): Command[] {
  return [...c.children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The width of terminal the flag table wraps to (wrappedFlagUsages: terminal width of stdin, else 80; minus 1). */
export function helpWidth(isTTY: boolean, columns: number): number {
  return (isTTY && columns > 0 ? columns : 80) - 1;
}

/** Renders `docker <cmd> --help`. */
export function renderHelp(cmd: Command, cols = 79): string {
  const isRoot = !cmd.parent;
  const sub = hasSub(cmd);
  const flags = commandFlags(cmd);
  const hasFlags = flags.some((f) => !f.hidden && !f.deprecated);
  const spec = cmd.specKey !== undefined ? SPECS[cmd.specKey] : cmd.def ? SPECS[cmd.def.spec] : undefined;
  let out = 'Usage:';
  if (!sub) out += '  ' + useLine(cmd);
  else out += '  ' + commandPath(cmd) + (hasFlags ? ' [OPTIONS]' : '') + ' COMMAND';
  out += '\n\n' + (spec?.description ?? cmd.short).trim();
  if (spec?.aliases) out += '\n\nAliases:\n  ' + spec.aliases;
  if (!isRoot && hasFlags) out += '\n\nOptions:\n' + flagUsagesWrapped(flags, cols).trimEnd();
  const padding = Math.max(MIN_NAME_PADDING, ...cmd.children.map((c) => c.name.length));
  const visible = sortedChildren(cmd).filter((c) => !c.hidden);
  if (isRoot) {
    const top = TOP_COMMANDS.map((n) => visible.find((c) => c.name === n)).filter((c): c is Command => !!c);
    if (top.length) {
      out += '\n\nCommon Commands:';
      for (const c of top) out += '\n  ' + rpad(c.name + ' ', padding + 1) + c.short;
    }
  }
  const mgmt = visible.filter((c) => hasSub(c) && !(isRoot && SWARM_COMMANDS.includes(c.name)));
  if (mgmt.length) {
    out += '\n\nManagement Commands:';
    for (const c of mgmt) out += '\n  ' + rpad(c.name + ' ', padding + 1) + c.short;
  }
  const swarm = isRoot ? visible.filter((c) => SWARM_COMMANDS.includes(c.name)) : [];
  if (swarm.length) {
    out += '\n\nSwarm Commands:';
    for (const c of swarm) out += '\n  ' + rpad(c.name + ' ', padding + 1) + c.short;
  }
  const ops = visible.filter((c) => !hasSub(c) && !(isRoot && TOP_COMMANDS.includes(c.name)));
  if (ops.length) {
    out += '\n\nCommands:';
    for (const c of ops) out += '\n  ' + rpad(c.name, padding) + ' ' + c.short;
  }
  if (isRoot && hasFlags) out += '\n\nGlobal Options:\n' + flagUsagesWrapped(flags, cols).trimEnd();
  if (sub) out += `\n\nRun '${commandPath(cmd)} COMMAND --help' for more information on a command.`;
  // additionalHelp is bold only when cobra's output stream is a terminal file; docker's wrapped stream never is.
  if (isRoot) out += '\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/';
  return out + '\n';
}
