import type { EndpointSettings } from '../../../api/types';
import { type CliContext, type CommandDef, exactArgs } from '../../command';

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
  const driverOpts: Record<string, string> = {};
  for (const d of o.driverOpts) { const i = d.indexOf('='); if (i > 0) driverOpts[d.slice(0, i)] = d.slice(i + 1); }
  const cfg: EndpointSettings = {
    IPAMConfig: { IPv4Address: o.ip || undefined, IPv6Address: o.ip6 || undefined, LinkLocalIPs: o.linkLocalIPs.length ? o.linkLocalIPs : undefined },
    Links: o.links.length ? o.links : null, Aliases: o.aliases.length ? o.aliases : null, DriverOpts: Object.keys(driverOpts).length ? driverOpts : null,
    GwPriority: o.gwPriority,
  };
  await ctx.client.networkConnect(o.network, o.container, cfg);
}
