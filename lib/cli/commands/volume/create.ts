import type { CliContext, CommandDef } from '../../command';

/** The cluster (CSI) volume flags are accepted and, with no swarm, have no effect. */
export interface VolumeCreateOptions { name: string; driver: string; labels: string[]; opts: string[] }

export const createCommand: CommandDef<VolumeCreateOptions> = {
  name: 'create',
  spec: 'volume create',
  args: { kind: 'max', n: 1 },
  options: (f, args) => ({
    name: args[0] ?? '', driver: f.string('driver', 'local'), labels: f.list('label'), opts: f.list('opt'),
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
  // The body as the CLI encodes it (omitempty: empty maps are not sent, so the volume has null Labels/Options).
  const driverOpts = kvMap(o.opts);
  const labels = kvMap(o.labels);
  const v = await ctx.client.volumeCreate({
    Driver: o.driver, ...(Object.keys(driverOpts).length ? { DriverOpts: driverOpts } : {}), ...(Object.keys(labels).length ? { Labels: labels } : {}), Name: o.name,
  });
  ctx.io.stdout(v.Name + '\n');
}
