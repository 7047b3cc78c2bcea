import { type CliContext, type CommandDef, minArgs } from '../../command';
import { inspectAll, withInspectKind } from '../../inspect';

export interface InspectOptions { refs: string[]; format: string; size: boolean }

export const inspectCommand: CommandDef<InspectOptions> = {
  name: 'inspect',
  spec: 'container inspect',
  args: minArgs(1),
  options: (f, args) => ({ refs: args, format: f.string('format'), size: f.bool('size') }),
  run: runInspect,
};

export async function runInspect(ctx: CliContext, opts: InspectOptions): Promise<void> {
  await inspectAll(ctx, opts.refs, opts.format, async (r) => withInspectKind('container', await ctx.client.containerInspect(r, opts.size)));
}
