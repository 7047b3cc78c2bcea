import { type CliContext, type CommandDef, minArgs } from '../../command';
import { TabWriter } from '../../formatter/tabwriter';

export interface TopOptions { container: string; args: string[] }

export const topCommand: CommandDef<TopOptions> = {
  name: 'top',
  spec: 'container top',
  args: minArgs(1),
  interspersed: false,
  options: (_f, args) => ({ container: args[0], args: args.slice(1) }),
  run: runTop,
};

export async function runTop(ctx: CliContext, opts: TopOptions): Promise<void> {
  const top = await ctx.client.containerTop(opts.container, opts.args.length ? opts.args.join(' ') : undefined);
  const w = new TabWriter(20, 1, 3, ' ', 0);
  w.write(top.Titles.join('\t') + '\n');
  for (const p of top.Processes) w.write(p.join('\t') + '\n');
  ctx.io.stdout(w.flush());
}
