import { type CliContext, type CommandDef, exactArgs } from '../../command';
import { fmt } from '../../formatters';

export interface HistoryOptions { image: string; human: boolean; quiet: boolean; noTrunc: boolean; format: string; platform: string }

export const historyCommand: CommandDef<HistoryOptions> = {
  name: 'history',
  spec: 'image history',
  args: exactArgs(1),
  options: (f, args) => ({ image: args[0], human: f.bool('human', true), quiet: f.bool('quiet'), noTrunc: f.bool('no-trunc'), format: f.string('format'), platform: f.string('platform') }),
  run: runHistory,
};

export async function runHistory(ctx: CliContext, opts: HistoryOptions): Promise<void> {
  const items = await ctx.client.imageHistory(opts.image);
  ctx.io.stdout(fmt.formatHistory(items, { format: opts.format || 'table', quiet: opts.quiet, noTrunc: opts.noTrunc, human: opts.human, now: ctx.now() }));
}
