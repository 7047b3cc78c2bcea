import { type CliContext, type CommandDef, noArgs, StatusError } from '../../command';
import { buildFilters, validateFilter } from '../../filters';
import { FormatError } from '../../formatter/context';
import { formatNetworks } from './format';

export interface NetworkListOptions { quiet: boolean; noTrunc: boolean; format: string; filter: string[] }

export const listCommand: CommandDef<NetworkListOptions> = {
  name: 'ls',
  aliases: ['list'],
  spec: 'network ls',
  args: noArgs,
  flagValidators: { filter: validateFilter },
  options: (f) => ({ quiet: f.bool('quiet'), noTrunc: f.bool('no-trunc'), format: f.string('format'), filter: f.list('filter') }),
  run: runNetworkList,
};

export async function runNetworkList(ctx: CliContext, o: NetworkListOptions): Promise<void> {
  const list = await ctx.client.networkList(buildFilters(o.filter));
  try {
    ctx.io.stdout(formatNetworks(list, { format: o.format, quiet: o.quiet, noTrunc: o.noTrunc }));
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}
