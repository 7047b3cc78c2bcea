import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { promptForConfirmation } from '../../prompt';

export interface PruneOptions { force: boolean; filter: string[] }

export const pruneCommand: CommandDef<PruneOptions> = {
  name: 'prune',
  spec: 'container prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ force: f.bool('force'), filter: f.list('filter') }),
  run: runPrune,
};

export async function pruneContainers(ctx: CliContext, opts: PruneOptions): Promise<{ spaceReclaimed: number; output: string } | null> {
  if (!opts.force && !(await promptForConfirmation(ctx, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?'))) return null;
  const r = await ctx.client.containersPrune(buildFilters(opts.filter));
  let output = '';
  if (r.ContainersDeleted && r.ContainersDeleted.length) output = 'Deleted Containers:\n' + r.ContainersDeleted.map((id) => id + '\n').join('');
  return { spaceReclaimed: r.SpaceReclaimed, output };
}

export async function runPrune(ctx: CliContext, opts: PruneOptions): Promise<void> {
  const r = await pruneContainers(ctx, opts);
  if (!r) return;
  if (r.output) ctx.io.stdout(r.output + '\n');
  ctx.io.stdout(`Total reclaimed space: ${humanSize(r.spaceReclaimed)}\n`);
}
