import { type CliContext, type CommandDef, exactArgs } from '../../command';

export interface NetworkDisconnectOptions { network: string; container: string; force: boolean }

export const disconnectCommand: CommandDef<NetworkDisconnectOptions> = {
  name: 'disconnect',
  spec: 'network disconnect',
  args: exactArgs(2),
  options: (f, args) => ({ network: args[0], container: args[1], force: f.bool('force') }),
  run: async (ctx: CliContext, o) => { await ctx.client.networkDisconnect(o.network, o.container, o.force); },
};
