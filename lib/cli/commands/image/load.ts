import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { displayStream } from '../../stream';
import { resolvePath } from '../../workspace-path';

export interface LoadOptions { input: string; quiet: boolean; platform: string }

export const loadCommand: CommandDef<LoadOptions> = {
  name: 'load',
  spec: 'image load',
  args: noArgs,
  options: (f) => ({ input: f.string('input'), quiet: f.bool('quiet'), platform: f.string('platform') }),
  run: runLoad,
};

export async function runLoad(ctx: CliContext, opts: LoadOptions): Promise<void> {
  if (opts.input === '') throw new StatusError('requested load from stdin, but stdin is empty', 1);
  const file = ctx.workspace?.read(resolvePath(ctx, opts.input));
  if (!file) throw new StatusError(`open ${opts.input}: no such file or directory`, 1);
  await displayStream(ctx, ctx.client.imageLoad(file.data, opts.quiet));
}
