import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { forEachContainer } from './each';

export interface RmOptions { containers: string[]; force: boolean; volumes: boolean; link: boolean }

export const rmCommand: CommandDef<RmOptions> = {
  name: 'rm',
  aliases: ['remove'],
  spec: 'container rm',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, force: f.bool('force'), volumes: f.bool('volumes'), link: f.bool('link') }),
  run: runRm,
};

export async function runRm(ctx: CliContext, opts: RmOptions): Promise<void> {
  if (opts.link) throw new StatusError('Error response from daemon: links are not supported in this playground', 1);
  await forEachContainer(ctx, opts.containers, async (c) => {
    const name = c.replace(/^\/+/, '');
    if (name === '') throw new StatusError('Container name cannot be empty', 1);
    await ctx.client.containerRemove(name, { force: opts.force, volumes: opts.volumes });
  });
}
