import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { EngineError } from '../../../api/errors';
import { errorText } from '../../errors';

export interface RmOptions { containers: string[]; force: boolean; volumes: boolean; link: boolean }

export const rmCommand: CommandDef<RmOptions> = {
  name: 'rm',
  aliases: ['remove'],
  spec: 'container rm',
  args: minArgs(1),
  options: (f, args) => ({ containers: args, force: f.bool('force'), volumes: f.bool('volumes'), link: f.bool('link') }),
  run: runRm,
};

export async function runRm(ctx: CliContext, opts: RmOptions): Promise<void> {
  if (opts.link) throw new StatusError('Error response from daemon: links are not supported in this playground', 1);
  const errs: string[] = [];
  for (const c of opts.containers) {
    const name = c.replace(/^\/+/, '');
    try {
      if (name === '') throw new StatusError('Container name cannot be empty', 1);
      await ctx.client.containerRemove(name, { force: opts.force, volumes: opts.volumes });
      ctx.io.stdout(c + '\n');
    } catch (e) {
      // with --force, a container that does not exist is reported but is not an error
      if (opts.force && e instanceof EngineError && e.status === 404) { ctx.io.stderr(errorText(e) + '\n'); continue; }
      errs.push(errorText(e));
    }
  }
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
