import { type CliContext, type CommandDef, minArgs } from '../../command';
import { forEachContainer } from './each';

export interface StopOptions { containers: string[]; signal: string; timeout?: number }

export const stopCommand: CommandDef<StopOptions> = {
  name: 'stop',
  spec: 'container stop',
  args: minArgs(1),
  hiddenFlags: [{ name: 'time', type: 'int', help: '', deprecated: 'use --timeout instead' }],
  options: (f, args) => ({ containers: args, signal: f.string('signal'), timeout: f.changed('timeout') ? f.int('timeout') : f.changed('time') ? f.int('time') : undefined }),
  run: runStop,
};

export async function runStop(ctx: CliContext, opts: StopOptions): Promise<void> {
  await forEachContainer(ctx, opts.containers, (c) => ctx.client.containerStop(c, { signal: opts.signal || undefined, timeout: opts.timeout }));
}
