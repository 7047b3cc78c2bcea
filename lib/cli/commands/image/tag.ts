import { type CliContext, type CommandDef, exactArgs, StatusError } from '../../command';
import { goQuote } from '../../gostr';
import { fullName, parseNormalizedNamed, ReferenceError, tagNameOnly } from '../../../reference/reference';

export interface TagOptions { image: string; name: string }

export const tagCommand: CommandDef<TagOptions> = {
  name: 'tag',
  spec: 'image tag',
  args: exactArgs(2),
  interspersed: false,
  options: (_f, args) => ({ image: args[0], name: args[1] }),
  run: runTag,
};

function parseOrFail(s: string, allowId: boolean) {
  try {
    if (allowId && /^[a-f0-9]{64}$/.test(s)) return null;
    return parseNormalizedNamed(s);
  } catch (e) {
    if (e instanceof ReferenceError) throw new StatusError(`Error parsing reference: ${goQuote(s)} is not a valid repository/tag: ${e.message}`, 1);
    throw e;
  }
}

export async function runTag(ctx: CliContext, opts: TagOptions): Promise<void> {
  parseOrFail(opts.image, true);
  const ref = parseOrFail(opts.name, false)!;
  if (ref.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference', 1);
  const tagged = tagNameOnly(ref);
  await ctx.client.imageTag(opts.image, fullName(tagged), tagged.tag ?? 'latest');
}
