import { type CliContext, type CommandDef, maxArgs, StatusError } from '../../command';
import { INDEX_SERVER } from './auth';

export interface LoginOptions { serverAddress: string; username: string; password: string; passwordStdin: boolean }

export const loginCommand: CommandDef<LoginOptions> = {
  name: 'login',
  spec: 'login',
  args: maxArgs(1),
  options: (f, args) => ({ serverAddress: args[0] ?? '', username: f.string('username'), password: f.string('password'), passwordStdin: f.bool('password-stdin') }),
  run: runLogin,
};

export function configDir(ctx: CliContext): string {
  return ctx.env.DOCKER_CONFIG || `${ctx.env.HOME || '/root'}/.docker`;
}

async function readAllStdin(ctx: CliContext): Promise<string> {
  const lines: string[] = [];
  for (;;) {
    const l = await ctx.io.readLine();
    if (l === null) break;
    lines.push(l);
  }
  return lines.join('\n').replace(/[\r\n]+$/, '');
}

export async function runLogin(ctx: CliContext, opts: LoginOptions): Promise<void> {
  if (opts.password !== '') {
    ctx.io.stderr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    if (opts.passwordStdin) throw new StatusError('--password and --password-stdin are mutually exclusive', 1);
  }
  let password = opts.password;
  let username = opts.username.trim();
  if (opts.passwordStdin) {
    if (username === '') throw new StatusError('Must provide --username with --password-stdin', 1);
    password = (await readAllStdin(ctx)).trim();
  }
  const server = opts.serverAddress === '' || opts.serverAddress === 'docker.io' ? INDEX_SERVER : opts.serverAddress;
  if (username === '') {
    ctx.io.stdout('Username: ');
    username = ((await ctx.io.readLine()) ?? '').trim();
    if (username === '') throw new StatusError('Error: Non-null Username Required', 1);
  }
  if (password === '') {
    ctx.io.stdout('Password: ');
    password = (await ctx.io.readLine()) ?? '';
    ctx.io.stdout('\n');
    if (password === '') throw new StatusError('Error: Password Required', 1);
  }
  const res = await ctx.client.login({ username, password, serveraddress: server });
  (ctx.auths ??= new Map()).set(server, { username, password, serveraddress: server });
  ctx.io.stderr(`\nWARNING! Your credentials are stored unencrypted in '${configDir(ctx)}/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  ctx.io.stdout((res.Status || 'Login Succeeded') + '\n');
}
