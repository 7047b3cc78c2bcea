import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { promptForConfirmation } from '../../prompt';

export interface VolumePruneOptions { all: boolean; force: boolean; filter: string[] }

export const pruneCommand: CommandDef<VolumePruneOptions> = {
  name: 'prune',
  spec: 'volume prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ all: f.bool('all'), force: f.bool('force'), filter: f.list('filter') }),
  run: runVolumePrune,
};

const UNUSED_WARNING = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/** volume/prune.go runPrune: null when the prompt was declined. */
export async function pruneVolumes(ctx: CliContext, o: VolumePruneOptions): Promise<{ spaceReclaimed: number; output: string } | null> {
  const filters = buildFilters(o.filter);
  let warning = UNUSED_WARNING;
  if (o.all) {
    if (filters.all) throw new StatusError('conflicting options: cannot specify both --all and --filter all=1', 1);
    filters.all = { true: true };
    warning = ALL_WARNING;
  }
  if (!o.force && !(await promptForConfirmation(ctx, warning))) return null;
  const r = await ctx.client.volumesPrune(filters);
  let output = '';
  let space = 0;
  if (r.VolumesDeleted && r.VolumesDeleted.length) {
    output = 'Deleted Volumes:\n' + r.VolumesDeleted.map((n) => n + '\n').join('');
    space = r.SpaceReclaimed;
  }
  return { spaceReclaimed: space, output };
}

export async function runVolumePrune(ctx: CliContext, o: VolumePruneOptions): Promise<void> {
  const r = await pruneVolumes(ctx, o);
  if (!r) return;
  if (r.output) ctx.io.stdout(r.output + '\n');
  ctx.io.stdout(`Total reclaimed space: ${humanSize(r.spaceReclaimed)}\n`);
}
