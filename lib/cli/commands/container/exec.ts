import { type CliContext, type CommandDef, minArgs } from '../../command';

export interface ExecOptions { container: string; command: string[]; detach: boolean; interactive: boolean; tty: boolean; env: string[]; user: string; workdir: string; privileged: boolean }

export const execCommand: CommandDef<ExecOptions> = {
  name: 'exec',
  spec: 'container exec',
  args: minArgs(2),
  interspersed: false,
  options: (f, args) => ({ container: args[0], command: args.slice(1), detach: f.bool('detach'), interactive: f.bool('interactive'), tty: f.bool('tty'), env: f.list('env'), user: f.string('user'), workdir: f.string('workdir'), privileged: f.bool('privileged') }),
  run: runExec,
};

export async function runExec(ctx: CliContext, o: ExecOptions): Promise<number | void> {
  await ctx.client.containerInspect(o.container);
  const { Id } = await ctx.client.execCreate(o.container, {
    AttachStdin: o.interactive, AttachStdout: !o.detach, AttachStderr: !o.detach, Tty: o.tty, Env: o.env, Cmd: o.command,
    Privileged: o.privileged, User: o.user, WorkingDir: o.workdir,
  });
  const code = await ctx.client.execStart(Id, o.detach ? { stdout: () => {}, stderr: () => {}, tty: false } : {
    stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s), tty: o.tty, columns: ctx.io.columns, signal: ctx.io.signal,
    readStdin: o.interactive ? () => ctx.io.readLine().then((l) => (l === null ? null : l + '\n')) : undefined,
    ...(o.interactive && ctx.stdin !== undefined ? { finiteStdin: true } : {}),
  });
  if (!o.detach) return code;
}
