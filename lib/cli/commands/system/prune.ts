/**
 * `docker system prune` (cli/command/system/prune.go): one confirmation listing what goes (and the label/until
 * filters), then the pruners in moby's order (containers, networks, volumes with --volumes, images, build cache),
 * each one's output followed by a blank line, and the total.
 */
import type { Filters } from '../../../api/types';
import { humanSize } from '../../formatter/units';
import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { promptForConfirmation } from '../../prompt';
import { naturalLess } from '../../formatter/volume';
import { pruneContainers } from '../container/prune';
import { pruneImages } from '../image/prune';
import { pruneNetworks } from '../network/prune';
import { pruneBuildCache } from '../builder/prune';

export interface SystemPruneOptions { force: boolean; all: boolean; volumes: boolean; filter: string[] }

export const pruneCommand: CommandDef<SystemPruneOptions> = {
  name: 'prune',
  spec: 'system prune',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ force: f.bool('force'), all: f.bool('all'), volumes: f.bool('volumes'), filter: f.list('filter') }),
  run: runSystemPrune,
};

export function confirmationMessage(o: SystemPruneOptions): string {
  const warnings = ['all stopped containers', 'all networks not used by at least one container'];
  if (o.volumes) warnings.push('all anonymous volumes not used by at least one container');
  warnings.push(o.all ? 'all images without at least one container associated to them' : 'all dangling images');
  warnings.push(o.all ? 'all build cache' : 'unused build cache');
  const f = buildFilters(o.filter);
  const filters: string[] = [];
  for (const name of ['label', 'label!', 'until']) for (const v of Object.keys(f[name] ?? {}).sort()) filters.push(`${name}=${v}`);
  filters.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
  let msg = 'WARNING! This will remove:\n' + warnings.map((w) => `  - ${w}\n`).join('');
  if (filters.length) msg += '\n  Items to be pruned will be filtered with:\n' + filters.map((x) => `  - ${x}\n`).join('');
  return msg + '\nAre you sure you want to continue?';
}

/** The volumes pruner (anonymous volumes), when the client has the volumes API. */
async function pruneVolumes(ctx: CliContext, filters: Filters): Promise<{ spaceReclaimed: number; output: string }> {
  const client = ctx.client as unknown as { volumesPrune?: (f: Filters) => Promise<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }> };
  if (!client.volumesPrune) return { spaceReclaimed: 0, output: '' };
  const r = await client.volumesPrune(filters);
  const names = r.VolumesDeleted ?? [];
  return { spaceReclaimed: r.SpaceReclaimed, output: names.length ? 'Deleted Volumes:\n' + names.map((n) => n + '\n').join('') : '' };
}

export async function runSystemPrune(ctx: CliContext, o: SystemPruneOptions): Promise<void> {
  if (o.volumes && o.filter.some((f) => f.slice(0, f.indexOf('=')).trim().toLowerCase() === 'until')) {
    throw new StatusError('ERROR: The "until" filter is not supported with "--volumes"', 1);
  }
  if (!o.force && !(await promptForConfirmation(ctx, confirmationMessage(o)))) return;
  let total = 0;
  const print = (r: { spaceReclaimed?: number; output: string } | null) => {
    if (!r) return;
    total += r.spaceReclaimed ?? 0;
    if (r.output) ctx.io.stdout(r.output + '\n');
  };
  print(await pruneContainers(ctx, { force: true, filter: o.filter }));
  const nets = await pruneNetworks(ctx, { force: true, filter: o.filter });
  print(nets === null ? null : { output: nets });
  if (o.volumes) print(await pruneVolumes(ctx, buildFilters(o.filter)));
  print(await pruneImages(ctx, { force: true, all: o.all, filter: o.filter }));
  print(await pruneBuildCache(ctx, { force: true, all: o.all, filter: o.filter, keepStorage: 0 }));
  ctx.io.stdout(`Total reclaimed space: ${humanSize(total)}\n`);
}
