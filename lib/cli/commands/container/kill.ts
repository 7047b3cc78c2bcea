import { type CliContext, type CommandDef, minArgs } from '../../command';
import { forEachContainer } from './each';

export interface KillOptions { containers: string[]; signal: string; timeout?: number }

export const killCommand: CommandDef<KillOptions> = {
  name: 'kill',
  spec: 'container kill',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, signal: f.string('signal'), timeout: f.changed('timeout') ? f.int('timeout') : undefined }),
  run: runKill,
};

export async function runKill(ctx: CliContext, opts: KillOptions): Promise<void> {
  await forEachContainer(ctx, opts.containers, (c) => ctx.client.containerKill(c, opts.signal || undefined));
}
