import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { promptForConfirmation } from '../../prompt';

export interface PruneOptions { force: boolean; all: boolean; filter: string[] }

export const pruneCommand: CommandDef<PruneOptions> = {
  name: 'prune',
  spec: 'image prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ force: f.bool('force'), all: f.bool('all'), filter: f.list('filter') }),
  run: runPrune,
};

const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const ALL_IMAGES_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

/** Runs the prune; returns the reclaimed space and the text before the total, or null when cancelled. */
export async function pruneImages(ctx: CliContext, opts: PruneOptions): Promise<{ spaceReclaimed: number; output: string } | null> {
  const filters = buildFilters(opts.filter);
  (filters.dangling ??= {})[String(!opts.all)] = true;
  if (!opts.force && !(await promptForConfirmation(ctx, opts.all ? ALL_IMAGES_WARNING : DANGLING_WARNING))) return null;
  const report = await ctx.client.imagesPrune(filters);
  let output = '';
  if (report.ImagesDeleted && report.ImagesDeleted.length > 0) {
    output = 'Deleted Images:\n';
    for (const d of report.ImagesDeleted) output += d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted}\n`;
  }
  return { spaceReclaimed: report.SpaceReclaimed, output };
}

export async function runPrune(ctx: CliContext, opts: PruneOptions): Promise<void> {
  const r = await pruneImages(ctx, opts);
  if (!r) return;
  if (r.output) ctx.io.stdout(r.output + '\n');
  ctx.io.stdout(`Total reclaimed space: ${humanSize(r.spaceReclaimed)}\n`);
}
