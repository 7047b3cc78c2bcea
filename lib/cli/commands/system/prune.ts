import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs } from '../../command';
import { promptForConfirmation } from '../../prompt';
import { pruneContainers } from '../container/prune';
import { pruneImages } from '../image/prune';

export interface SystemPruneOptions { force: boolean; all: boolean; volumes: boolean; filter: string[] }

export const pruneCommand: CommandDef<SystemPruneOptions> = {
  name: 'prune',
  spec: 'system prune',
  args: noArgs,
  options: (f) => ({ force: f.bool('force'), all: f.bool('all'), volumes: f.bool('volumes'), filter: f.list('filter') }),
  run: runSystemPrune,
};

export async function runSystemPrune(ctx: CliContext, o: SystemPruneOptions): Promise<void> {
  const items = ['all stopped containers', ...(o.volumes ? ['all anonymous volumes not used by at least one container'] : []), 'all networks not used by at least one container',
    o.all ? 'all images without at least one container associated to them' : 'all dangling images', o.all ? 'all build cache' : 'unused build cache'];
  const warning = 'WARNING! This will remove:\n' + items.map((i) => `  - ${i}\n`).join('') + '\nAre you sure you want to continue?';
  if (!o.force && !(await promptForConfirmation(ctx, warning))) return;
  let total = 0;
  const c = await pruneContainers(ctx, { force: true, filter: o.filter });
  if (c) { total += c.spaceReclaimed; if (c.output) ctx.io.stdout(c.output + '\n'); }
  const i = await pruneImages(ctx, { force: true, all: o.all, filter: o.filter });
  if (i) { total += i.spaceReclaimed; if (i.output) ctx.io.stdout(i.output + '\n'); }
  ctx.io.stdout(`Total reclaimed space: ${humanSize(total)}\n`);
}
