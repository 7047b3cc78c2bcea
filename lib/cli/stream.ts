/** Showing an Engine API JSON message stream (pull, push, load, import, legacy build) the way the CLI does. */
import type { JSONMessage } from '../api/types';
import { type CliContext, StatusError } from './command';
import { fmt, isJSONMessageError } from './formatters';

/** Displays a stream on stdout; a stream error becomes StatusError(message, code || 1) when `useCode`, else status 1. */
export async function displayStream(ctx: CliContext, messages: AsyncIterable<JSONMessage>, opts: { useCode?: boolean; quiet?: boolean; aux?: (aux: unknown) => void } = {}): Promise<void> {
  const out = opts.quiet ? () => {} : (s: string) => ctx.io.stdout(s);
  try {
    await fmt.displayJSONMessages(messages, out, { isTTY: ctx.io.isTTY && !opts.quiet, columns: ctx.io.columns, auxCallback: opts.aux });
  } catch (e) {
    if (isJSONMessageError(e)) {
      const code = opts.useCode && e.code ? e.code : 1;
      throw new StatusError(e.message, code);
    }
    throw e;
  }
}
