import { EngineError } from '../../../api/errors';
import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface NetworkRemoveOptions { networks: string[]; force: boolean }

export const removeCommand: CommandDef<NetworkRemoveOptions> = {
  name: 'rm',
  aliases: ['remove'],
  spec: 'network rm',
  args: minArgs(1),
  options: (f, args) => ({ networks: args, force: f.bool('force') }),
  run: runNetworkRemove,
};

/** network/remove.go: each name in turn; errors on stderr as they happen, exit 1 at the end ("exit status 1" is not printed). */
export async function runNetworkRemove(ctx: CliContext, o: NetworkRemoveOptions): Promise<void> {
  let status = 0;
  for (const name of o.networks) {
    try {
      await ctx.client.networkRemove(name);
    } catch (e) {
      if (o.force && e instanceof EngineError && e.status === 404) continue;
      ctx.io.stderr(errorText(e) + '\n');
      status = 1;
      continue;
    }
    ctx.io.stdout(name + '\n');
  }
  if (status !== 0) throw new StatusError('exit status 1', status);
}
