import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';

export interface AttachOptions { container: string; noStdin: boolean }

export const attachCommand: CommandDef<AttachOptions> = {
  name: 'attach',
  spec: 'container attach',
  args: exactArgs(1),
  options: (f, args) => ({ container: args[0], noStdin: f.bool('no-stdin') }),
  run: runAttach,
};

export async function runAttach(ctx: CliContext, o: AttachOptions): Promise<number | void> {
  const c = await ctx.client.containerInspect(o.container);
  if (!c.State.Running) throw new StatusError('You cannot attach to a stopped container, start it first', 1);
  if (c.State.Paused) throw new StatusError('You cannot attach to a paused container, unpause it first', 1);
  await ctx.client.containerAttach(o.container, {
    stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s), tty: c.Config.Tty === true, columns: ctx.io.columns, signal: ctx.io.signal,
    readStdin: !o.noStdin && c.Config.OpenStdin ? () => ctx.io.readLine().then((l) => (l === null ? null : l + '\n')) : undefined,
  });
  const w = await ctx.client.containerWait(o.container);
  return w.StatusCode;
}
