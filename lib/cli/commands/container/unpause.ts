import { type CliContext, type CommandDef, minArgs } from '../../command';
import { forEachContainer } from './each';

export interface UnpauseOptions { containers: string[]; signal: string; timeout?: number }

export const unpauseCommand: CommandDef<UnpauseOptions> = {
  name: 'unpause',
  spec: 'container unpause',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, signal: f.string('signal'), timeout: f.changed('timeout') ? f.int('timeout') : undefined }),
  run: runUnpause,
};

export async function runUnpause(ctx: CliContext, opts: UnpauseOptions): Promise<void> {
  await forEachContainer(ctx, opts.containers, (c) => ctx.client.containerUnpause(c));
}
