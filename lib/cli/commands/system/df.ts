/** `docker system df [-v] [--format]` (cli/command/system/df.go); the text comes from lib/cli/formatter/diskusage. */
import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { FormatError } from '../../formatter/context';
import { formatDiskUsage } from '../../formatter/diskusage';

export interface DfOptions { verbose: boolean; format: string }

export const dfCommand: CommandDef<DfOptions> = {
  name: 'df',
  spec: 'system df',
  args: noArgs,
  options: (f) => ({ verbose: f.bool('verbose'), format: f.string('format') }),
  run: runDf,
};

export async function runDf(ctx: CliContext, o: DfOptions): Promise<void> {
  const du = await ctx.client.diskUsage();
  try {
    ctx.io.stdout(formatDiskUsage(du, { format: o.format, verbose: o.verbose, now: ctx.now() }));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}
