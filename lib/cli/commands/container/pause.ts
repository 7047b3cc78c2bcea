import { type CliContext, type CommandDef, minArgs } from '../../command';
import { forEachContainer } from './each';

export interface PauseOptions { containers: string[]; signal: string; timeout?: number }

export const pauseCommand: CommandDef<PauseOptions> = {
  name: 'pause',
  spec: 'container pause',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, signal: f.string('signal'), timeout: f.changed('timeout') ? f.int('timeout') : undefined }),
  run: runPause,
};

export async function runPause(ctx: CliContext, opts: PauseOptions): Promise<void> {
  await forEachContainer(ctx, opts.containers, (c) => ctx.client.containerPause(c));
}
