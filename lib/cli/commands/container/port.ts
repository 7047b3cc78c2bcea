import { type CliContext, type CommandDef, rangeArgs, StatusError } from '../../command';
import type { PortBinding } from '../../../api/types';

export interface PortOptions { container: string; port: string }

export const portCommand: CommandDef<PortOptions> = {
  name: 'port',
  spec: 'container port',
  args: rangeArgs(1, 2),
  options: (_f, args) => ({ container: args[0], port: args[1] ?? '' }),
  run: runPort,
};

function hostPort(b: PortBinding): string {
  const ip = b.HostIp || '0.0.0.0';
  return (ip.includes(':') ? `[${ip}]` : ip) + ':' + b.HostPort;
}

export async function runPort(ctx: CliContext, opts: PortOptions): Promise<void> {
  const c = await ctx.client.containerInspect(opts.container);
  const ports = ((c.NetworkSettings as { Ports?: Record<string, PortBinding[] | null> } | undefined)?.Ports) ?? {};
  if (opts.port !== '') {
    let [port, proto] = opts.port.split('/');
    proto ||= 'tcp';
    const key = `${port}/${proto}`;
    const b = ports[key];
    if (!b || b.length === 0) throw new StatusError(`Error: No public port '${key}' published for ${opts.container}`, 1);
    ctx.io.stdout(b.map((x) => hostPort(x) + '\n').join(''));
    return;
  }
  const keys = Object.keys(ports).sort((a, b) => parseInt(a) - parseInt(b) || (a < b ? -1 : 1));
  let out = '';
  for (const k of keys) for (const b of ports[k] ?? []) out += `${k} -> ${hostPort(b)}\n`;
  ctx.io.stdout(out);
}
