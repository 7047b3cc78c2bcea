import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { promptForConfirmation } from '../../prompt';

export interface NetworkPruneOptions { force: boolean; filter: string[] }

export const pruneCommand: CommandDef<NetworkPruneOptions> = {
  name: 'prune',
  spec: 'network prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ force: f.bool('force'), filter: f.list('filter') }),
  run: runNetworkPrune,
};

const WARNING = 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?';

/** network/prune.go runPrune: the output ("Deleted Networks:\n" + names), or null when the prompt was declined. */
export async function pruneNetworks(ctx: CliContext, o: NetworkPruneOptions): Promise<string | null> {
  if (!o.force && !(await promptForConfirmation(ctx, WARNING))) return null;
  const r = await ctx.client.networksPrune(buildFilters(o.filter));
  const names = r.NetworksDeleted ?? [];
  return names.length ? 'Deleted Networks:\n' + names.map((n) => n + '\n').join('') : '';
}

export async function runNetworkPrune(ctx: CliContext, o: NetworkPruneOptions): Promise<void> {
  const out = await pruneNetworks(ctx, o);
  if (out) ctx.io.stdout(out + '\n');
}
