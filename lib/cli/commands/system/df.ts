import { type CliContext, type CommandDef, noArgs } from '../../command';
import { TabWriter } from '../../formatter/tabwriter';
import { size as fsize } from '../../formatter/units';

export interface DfOptions { verbose: boolean; format: string }

export const dfCommand: CommandDef<DfOptions> = {
  name: 'df',
  spec: 'system df',
  args: noArgs,
  options: (f) => ({ verbose: f.bool('verbose'), format: f.string('format') }),
  run: runDf,
};

function pct(part: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.trunc((part * 100) / total)}%`;
}

export async function runDf(ctx: CliContext, _opts: DfOptions): Promise<void> {
  const du = await ctx.client.diskUsage();
  const w = new TabWriter(10, 1, 3, ' ', 0);
  w.write('TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE\n');
  const imgActive = du.Images.filter((i) => i.Containers > 0);
  const imgReclaim = du.LayersSize - imgActive.reduce((a, i) => a + i.Size - Math.max(0, i.SharedSize), 0);
  w.write(`Images\t${du.Images.length}\t${imgActive.length}\t${fsize(du.LayersSize)}\t${fsize(Math.max(0, imgReclaim))} (${pct(Math.max(0, imgReclaim), du.LayersSize)})\n`);
  const running = du.Containers.filter((c) => c.State === 'running');
  const cSize = du.Containers.reduce((a, c) => a + (c.SizeRw ?? 0), 0);
  const cReclaim = du.Containers.filter((c) => c.State !== 'running').reduce((a, c) => a + (c.SizeRw ?? 0), 0);
  w.write(`Containers\t${du.Containers.length}\t${running.length}\t${fsize(cSize)}\t${fsize(cReclaim)} (${pct(cReclaim, cSize)})\n`);
  const vActive = du.Volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0);
  const vSize = du.Volumes.reduce((a, v) => a + Math.max(0, v.UsageData?.Size ?? 0), 0);
  const vReclaim = du.Volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((a, v) => a + Math.max(0, v.UsageData?.Size ?? 0), 0);
  w.write(`Local Volumes\t${du.Volumes.length}\t${vActive.length}\t${fsize(vSize)}\t${fsize(vReclaim)} (${pct(vReclaim, vSize)})\n`);
  const bc = du.BuildCache;
  const bActive = bc.filter((b) => b.InUse);
  const bSize = bc.filter((b) => !b.Shared).reduce((a, b) => a + b.Size, 0);
  const bReclaim = bc.filter((b) => !b.Shared && !b.InUse).reduce((a, b) => a + b.Size, 0);
  w.write(`Build Cache\t${bc.length}\t${bActive.length}\t${fsize(bSize)}\t${fsize(bReclaim)}\n`);
  ctx.io.stdout(w.flush());
}
