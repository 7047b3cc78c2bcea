import { type CliContext, type CommandDef, noArgs } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { formatVolumes } from '../../formatter/volume';

/** volume/list.go clusterTableFormat */
const CLUSTER_TABLE_FORMAT = 'table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}';

export interface VolumeListOptions { quiet: boolean; format: string; filter: string[]; cluster: boolean }

export const listCommand: CommandDef<VolumeListOptions> = {
  name: 'ls',
  aliases: ['list'],
  spec: 'volume ls',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ quiet: f.bool('quiet'), format: f.string('format'), filter: f.list('filter'), cluster: f.bool('cluster') }),
  run: runVolumeList,
};

/** volume/list.go: volumes sorted by name (natural order), the default table `DRIVER  VOLUME NAME`. */
export async function runVolumeList(ctx: CliContext, o: VolumeListOptions): Promise<void> {
  const { Volumes, Warnings } = await ctx.client.volumeList(buildFilters(o.filter));
  // Cluster volumes exist only in swarm mode: none here (the cluster table stays empty).
  const vols = o.cluster ? [] : Volumes ?? [];
  const format = o.cluster && !o.quiet && (o.format === '' || o.format === 'table') ? CLUSTER_TABLE_FORMAT : o.format;
  ctx.io.stdout(formatVolumes(vols, { format, quiet: o.quiet }));
  for (const w of Warnings ?? []) ctx.io.stderr(w + '\n');
}
