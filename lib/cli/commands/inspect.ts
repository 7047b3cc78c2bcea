/** `docker inspect`: any object type (container, image, volume), trying each in docker's order. */
import { EngineError } from '../../api/errors';
import { type CliContext, type CommandDef, minArgs, StatusError } from '../command';
import { inspectAll, withInspectKind } from '../inspect';

export interface InspectOptions { refs: string[]; format: string; size: boolean; type: string }

export const inspectCommand: CommandDef<InspectOptions> = {
  name: 'inspect',
  spec: 'inspect',
  args: minArgs(1),
  options: (f, args) => ({ refs: args, format: f.string('format'), size: f.bool('size'), type: f.string('type') }),
  run: runInspect,
};

const TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

export async function runInspect(ctx: CliContext, o: InspectOptions): Promise<void> {
  if (o.type !== '' && !TYPES.includes(o.type)) {
    throw new StatusError(`unknown type: ${JSON.stringify(o.type)}: must be one of ${TYPES.map((t) => `"${t}"`).join(', ')}`, 1);
  }
  await inspectAll(ctx, o.refs, o.format, async (ref) => {
    const tryGet = async (f: () => Promise<unknown>) => {
      try {
        return await f();
      } catch (e) {
        if (e instanceof EngineError && e.status === 404) return undefined;
        throw e;
      }
    };
    if (o.type === '' || o.type === 'container') { const c = await tryGet(() => ctx.client.containerInspect(ref, o.size)); if (c) return withInspectKind('container', c); }
    if (o.type === '' || o.type === 'image') { const i = await tryGet(() => ctx.client.imageInspect(ref)); if (i) return withInspectKind('image', i); }
    if (o.type === '' || o.type === 'volume') {
      const { Volumes } = await ctx.client.volumeList();
      const v = (Volumes ?? []).find((x) => x.Name === ref);
      if (v) return v;
    }
    throw new StatusError(o.type ? `Error: No such ${o.type}: ${ref}` : `Error: No such object: ${ref}`, 1);
  });
}
