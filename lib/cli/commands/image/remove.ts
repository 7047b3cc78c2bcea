import { EngineError } from '../../../api/errors';
import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface RemoveOptions { images: string[]; force: boolean; noPrune: boolean; platforms: string[] }

export const removeCommand: CommandDef<RemoveOptions> = {
  name: 'rm',
  aliases: ['rmi', 'remove'],
  spec: 'image rm',
  args: minArgs(1),
  options: (f, args) => ({ images: args, force: f.bool('force'), noPrune: f.bool('no-prune'), platforms: f.list('platform') }),
  run: runRemove,
};

export async function runRemove(ctx: CliContext, opts: RemoveOptions): Promise<void> {
  const errs: string[] = [];
  let fatal = false;
  for (const img of opts.images) {
    try {
      const dels = await ctx.client.imageRemove(img, { force: opts.force, noprune: opts.noPrune });
      for (const d of dels) ctx.io.stdout(d.Deleted ? `Deleted: ${d.Deleted}\n` : `Untagged: ${d.Untagged}\n`);
    } catch (e) {
      if (!(e instanceof EngineError && e.status === 404)) fatal = true;
      errs.push(errorText(e));
    }
  }
  if (errs.length > 0) {
    if (!opts.force || fatal) throw new StatusError(errs.join('\n'), 1);
    ctx.io.stderr(errs.join('\n') + '\n');
  }
}
