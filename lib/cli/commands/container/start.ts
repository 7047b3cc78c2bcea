import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface StartOptions { containers: string[]; attach: boolean; interactive: boolean }

export const startCommand: CommandDef<StartOptions> = {
  name: 'start',
  spec: 'container start',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, attach: f.bool('attach'), interactive: f.bool('interactive') }),
  run: runStart,
};

export async function runStart(ctx: CliContext, opts: StartOptions): Promise<number | void> {
  if (opts.attach || opts.interactive) {
    if (opts.containers.length > 1) throw new StatusError('you cannot start and attach multiple containers at once', 1);
    const c = opts.containers[0];
    const info = await ctx.client.containerInspect(c);
    const attached = ctx.client.containerAttach(c, { stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s), tty: info.Config.Tty === true, readStdin: opts.interactive ? () => ctx.io.readLine().then((l) => (l === null ? null : l + '\n')) : undefined, ...(opts.interactive && ctx.stdin !== undefined ? { finiteStdin: true } : {}), columns: ctx.io.columns, signal: ctx.io.signal });
    await ctx.client.containerStart(c);
    await attached;
    const w = await ctx.client.containerWait(c);
    return w.StatusCode;
  }
  const failed: string[] = [];
  for (const c of opts.containers) {
    try {
      await ctx.client.containerStart(c);
      ctx.io.stdout(c + '\n');
    } catch (e) {
      ctx.io.stderr(errorText(e) + '\n');
      failed.push(c);
    }
  }
  if (failed.length) throw new StatusError(`Error: failed to start containers: ${failed.join(', ')}`, 1);
}
