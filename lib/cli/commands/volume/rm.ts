import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface VolumeRmOptions { names: string[]; force: boolean }

export const rmCommand: CommandDef<VolumeRmOptions> = {
  name: 'rm',
  aliases: ['remove'],
  spec: 'volume rm',
  args: minArgs(1),
  options: (f, args) => ({ names: args, force: f.bool('force') }),
  run: runVolumeRm,
};

/** volume/remove.go: each removed name on stdout; the errors together at the end (exit 1). */
export async function runVolumeRm(ctx: CliContext, o: VolumeRmOptions): Promise<void> {
  const errs: string[] = [];
  for (const name of o.names) {
    try {
      await ctx.client.volumeRemove(name, o.force);
      ctx.io.stdout(name + '\n');
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
