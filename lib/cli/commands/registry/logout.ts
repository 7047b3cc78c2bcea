import { type CliContext, type CommandDef, maxArgs } from '../../command';
import { INDEX_SERVER } from './auth';

export interface LogoutOptions { serverAddress: string }

export const logoutCommand: CommandDef<LogoutOptions> = {
  name: 'logout',
  spec: 'logout',
  args: maxArgs(1),
  options: (_f, args) => ({ serverAddress: args[0] ?? '' }),
  run: runLogout,
};

export async function runLogout(ctx: CliContext, opts: LogoutOptions): Promise<void> {
  const server = opts.serverAddress === '' || opts.serverAddress === 'docker.io' ? INDEX_SERVER : opts.serverAddress.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  ctx.io.stdout(`Removing login credentials for ${server}\n`);
  ctx.auths?.delete(server);
  ctx.auths?.delete(opts.serverAddress);
}
