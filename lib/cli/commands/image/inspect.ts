import { type CliContext, type CommandDef, minArgs } from '../../command';
import { inspectAll, withInspectKind } from '../../inspect';

export interface InspectOptions { refs: string[]; format: string; platform: string }

export const inspectCommand: CommandDef<InspectOptions> = {
  name: 'inspect',
  spec: 'image inspect',
  args: minArgs(1),
  options: (f, args) => ({ refs: args, format: f.string('format'), platform: f.string('platform') }),
  run: runInspect,
};

export async function runInspect(ctx: CliContext, opts: InspectOptions): Promise<void> {
  await inspectAll(ctx, opts.refs, opts.format, async (r) => withInspectKind('image', await ctx.client.imageInspect(r)));
}
