/** The loop stop/start/kill/pause/rm/... share: act on each container, print its name, join the errors. */
import { type CliContext, StatusError } from '../../command';
import { errorText } from '../../errors';

export async function forEachContainer(ctx: CliContext, names: string[], fn: (name: string) => Promise<string | void>): Promise<void> {
  const errs: string[] = [];
  for (const n of names) {
    try {
      const shown = await fn(n);
      ctx.io.stdout((typeof shown === 'string' ? shown : n) + '\n');
    } catch (e) {
      errs.push(errorText(e));
    }
  }
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
