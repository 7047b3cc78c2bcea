/** command.PromptForConfirmation: prints the question with ` [y/N] ` and reads one line. */
import type { CliContext } from './command';

export async function promptForConfirmation(ctx: CliContext, message: string): Promise<boolean> {
  ctx.io.stdout(message + ' [y/N] ');
  const line = await ctx.io.readLine();
  if (line === null) return false;
  const answer = line.trim();
  return answer === 'y' || answer === 'Y';
}
