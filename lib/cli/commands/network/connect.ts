import type { EndpointSettings } from '../../../api/types';
import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';

export interface NetworkConnectOptions {
  network: string; container: string; ip: string; ip6: string; links: string[]; aliases: string[]; linkLocalIPs: string[]; driverOpts: string[]; gwPriority: number;
}

export const connectCommand: CommandDef<NetworkConnectOptions> = {
  name: 'connect',
  spec: 'network connect',
  args: exactArgs(2),
  options: (f, args) => ({
    network: args[0], container: args[1], ip: f.string('ip'), ip6: f.string('ip6'), links: f.list('link'), aliases: f.list('alias'),
    linkLocalIPs: f.list('link-local-ip'), driverOpts: f.list('driver-opt'), gwPriority: f.int('gw-priority'),
  }),
  run: runNetworkConnect,
};

export async function runNetworkConnect(ctx: CliContext, o: NetworkConnectOptions): Promise<void> {
  // convertDriverOpt: KEY=VALUE each (trimmed), else a plain error (exit 1)
  const driverOpts: Record<string, string> = {};
  for (const d of o.driverOpts) {
    const i = d.indexOf('=');
    const k = i < 0 ? '' : d.slice(0, i).trim();
    if (k === '') throw new StatusError('invalid key/value pair format in driver options', 1);
    driverOpts[k] = d.slice(i + 1).trim();
  }
  // network.EndpointSettings as docker CLI 28.2.2 sends it: IPAMConfig always (empty fields omitted), Aliases and
  // DriverOpts empty rather than null, Links null without --link.
  const cfg: EndpointSettings & Record<string, unknown> = {
    IPAMConfig: { ...(o.ip ? { IPv4Address: o.ip } : {}), ...(o.ip6 ? { IPv6Address: o.ip6 } : {}), ...(o.linkLocalIPs.length ? { LinkLocalIPs: o.linkLocalIPs } : {}) },
    Links: o.links.length ? o.links : null, Aliases: [...o.aliases], MacAddress: '', DriverOpts: driverOpts, GwPriority: o.gwPriority,
    NetworkID: '', EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
  };
  await ctx.client.networkConnect(o.network, o.container, cfg);
}
