/** `docker builder prune` (cli/command/builder/prune.go, docker CLI 28.2.2 without buildx). */
import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { parseRAMInBytes } from '../../flags';
import { promptForConfirmation } from '../../prompt';

export interface BuilderPruneOptions { force: boolean; all: boolean; filter: string[]; keepStorage: number }

export const pruneCommand: CommandDef<BuilderPruneOptions> = {
  name: 'prune',
  spec: 'builder prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => {
    const ks = f.string('keep-storage');
    const n = ks ? parseRAMInBytes(ks) : 0;
    return { force: f.bool('force'), all: f.bool('all'), filter: f.list('filter'), keepStorage: typeof n === 'number' ? n : 0 };
  },
  run: runBuilderPrune,
};

const NORMAL_WARNING = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

/** runPrune: the bytes reclaimed and the "Deleted build cache objects:" list; null when the prompt was declined. */
export async function pruneBuildCache(ctx: CliContext, o: BuilderPruneOptions): Promise<{ spaceReclaimed: number; output: string } | null> {
  if (!o.force && !(await promptForConfirmation(ctx, o.all ? ALL_WARNING : NORMAL_WARNING))) return null;
  const r = await ctx.client.buildPrune({ all: o.all, keepStorage: o.keepStorage || undefined, filters: buildFilters(o.filter) });
  const ids = r.CachesDeleted ?? [];
  return { spaceReclaimed: r.SpaceReclaimed, output: ids.length ? 'Deleted build cache objects:\n' + ids.map((id) => id + '\n').join('') : '' };
}

export async function runBuilderPrune(ctx: CliContext, o: BuilderPruneOptions): Promise<void> {
  const r = await pruneBuildCache(ctx, o);
  if (!r) return;
  if (r.output) ctx.io.stdout(r.output + '\n');
  ctx.io.stdout(`Total reclaimed space: ${humanSize(r.spaceReclaimed)}\n`);
}
