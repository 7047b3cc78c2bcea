import { type CliContext, type CommandDef, exactArgs } from '../../command';

export interface DiffOptions { container: string }

export const diffCommand: CommandDef<DiffOptions> = {
  name: 'diff',
  spec: 'container diff',
  args: exactArgs(1),
  options: (_f, args) => ({ container: args[0] }),
  run: runDiff,
};

const KIND = ['C', 'A', 'D'];

export async function runDiff(ctx: CliContext, opts: DiffOptions): Promise<void> {
  const changes = (await ctx.client.containerDiff(opts.container)) ?? [];
  ctx.io.stdout(changes.map((c) => `${KIND[c.Kind]} ${c.Path}\n`).join(''));
}
