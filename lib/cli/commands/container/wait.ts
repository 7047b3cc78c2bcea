import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';

export interface WaitOptions { containers: string[] }

export const waitCommand: CommandDef<WaitOptions> = {
  name: 'wait',
  spec: 'container wait',
  args: minArgs(1),
  options: (_f, args) => ({ containers: args }),
  run: runWait,
};

export async function runWait(ctx: CliContext, opts: WaitOptions): Promise<void> {
  const errs: string[] = [];
  for (const c of opts.containers) {
    try {
      const r = await ctx.client.containerWait(c);
      ctx.io.stdout(`${r.StatusCode}\n`);
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
