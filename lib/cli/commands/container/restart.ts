import { type CliContext, type CommandDef, minArgs } from '../../command';
import { forEachContainer } from './each';

export interface RestartOptions { containers: string[]; signal: string; timeout?: number }

export const restartCommand: CommandDef<RestartOptions> = {
  name: 'restart',
  spec: 'container restart',
  args: minArgs(1),
  hiddenFlags: [{ name: 'time', type: 'int', help: '', deprecated: 'use --timeout instead' }],
  options: (f, args) => ({ containers: args, signal: f.string('signal'), timeout: f.changed('timeout') ? f.int('timeout') : f.changed('time') ? f.int('time') : undefined }),
  run: runRestart,
};

export async function runRestart(ctx: CliContext, opts: RestartOptions): Promise<void> {
  await forEachContainer(ctx, opts.containers, (c) => ctx.client.containerRestart(c, { signal: opts.signal || undefined, timeout: opts.timeout }));
}
