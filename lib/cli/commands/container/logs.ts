import { type CliContext, type CommandDef, exactArgs } from '../../command';

export interface LogsOptions { container: string; follow: boolean; since: string; until: string; timestamps: boolean; details: boolean; tail: string }

export const logsCommand: CommandDef<LogsOptions> = {
  name: 'logs',
  spec: 'container logs',
  args: exactArgs(1),
  options: (f, args) => ({ container: args[0], follow: f.bool('follow'), since: f.string('since'), until: f.string('until'), timestamps: f.bool('timestamps'), details: f.bool('details'), tail: f.string('tail', 'all') }),
  run: runLogs,
};

export async function runLogs(ctx: CliContext, opts: LogsOptions): Promise<void> {
  await ctx.client.containerInspect(opts.container);
  const r = await ctx.client.containerLogs(opts.container, { stdout: true, stderr: true, since: opts.since || undefined, until: opts.until || undefined, timestamps: opts.timestamps, follow: opts.follow, tail: opts.tail });
  if (r.stdout) ctx.io.stdout(r.stdout);
  if (r.stderr) ctx.io.stderr(r.stderr);
}
