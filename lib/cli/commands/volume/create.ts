import { EngineError } from '../../../api/errors';
import type { CliContext, CommandDef } from '../../command';

export interface VolumeCreateOptions { name: string; driver: string; labels: string[]; opts: string[]; cluster: boolean }

/** Flags that make a cluster (CSI) volume: only a swarm manager can create those. */
const CLUSTER_FLAGS = ['availability', 'group', 'limit-bytes', 'required-bytes', 'scope', 'secret', 'sharing', 'topology-preferred', 'topology-required', 'type'];

export const createCommand: CommandDef<VolumeCreateOptions> = {
  name: 'create',
  spec: 'volume create',
  args: { kind: 'max', n: 1 },
  options: (f, args) => ({
    name: args[0] ?? '', driver: f.string('driver', 'local'), labels: f.list('label'), opts: f.list('opt'),
    cluster: CLUSTER_FLAGS.some((n) => f.changed(n)),
  }),
  run: runVolumeCreate,
};

/** opts.ConvertKVStringsToMap: `k=v` -> {k: v}, a bare `k` -> {k: ""}. */
function kvMap(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) { const i = kv.indexOf('='); if (i < 0) out[kv] = ''; else out[kv.slice(0, i)] = kv.slice(i + 1); }
  return out;
}

export async function runVolumeCreate(ctx: CliContext, o: VolumeCreateOptions): Promise<void> {
  if (o.cluster) {
    throw new EngineError('unavailable', 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
  }
  const v = await ctx.client.volumeCreate({ Driver: o.driver, DriverOpts: kvMap(o.opts), Labels: kvMap(o.labels), Name: o.name });
  ctx.io.stdout(v.Name + '\n');
}
