import { type CliContext, type CommandDef, noArgs } from '../../command';
import { TabWriter } from '../../formatter/tabwriter';
import { validateFilter } from '../../filters';

export interface VolumeListOptions { quiet: boolean; format: string; filter: string[] }

export const listCommand: CommandDef<VolumeListOptions> = {
  name: 'ls',
  aliases: ['list'],
  spec: 'volume ls',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ quiet: f.bool('quiet'), format: f.string('format'), filter: f.list('filter') }),
  run: runVolumeList,
};

export async function runVolumeList(ctx: CliContext, o: VolumeListOptions): Promise<void> {
  const { Volumes, Warnings } = await ctx.client.volumeList();
  const vols = [...(Volumes ?? [])].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  if (o.quiet) {
    ctx.io.stdout(vols.map((v) => v.Name + '\n').join(''));
  } else {
    const w = new TabWriter(10, 1, 3, ' ', 0);
    w.write('DRIVER\tVOLUME NAME\n');
    for (const v of vols) w.write(`${v.Driver}\t${v.Name}\n`);
    ctx.io.stdout(w.flush());
  }
  for (const wmsg of Warnings ?? []) ctx.io.stderr(wmsg + '\n');
}
