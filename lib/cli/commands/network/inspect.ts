import { type CliContext, type CommandDef, minArgs, StatusError } from '../../command';
import { errorText } from '../../errors';
import { fmt } from '../../formatters';
import type { NetworkResource } from '../../../api/types';
import { GO_TYPE, MARSHAL_JSON } from '../../gotemplate';
import { inspectAll } from '../../inspect';
import { goTimeStringNano } from './format';

export interface NetworkInspectOptions { names: string[]; format: string; verbose: boolean }

export const inspectCommand: CommandDef<NetworkInspectOptions> = {
  name: 'inspect',
  spec: 'network inspect',
  args: minArgs(1),
  options: (f, args) => ({ names: args, format: f.string('format'), verbose: f.bool('verbose') }),
  run: runNetworkInspect,
};

/**
 * inspect.Inspect for networks: the JSON array, or the template run on the typed network.Inspect; when that fails on
 * a field the struct does not have (`{{.Id}}`), on the raw JSON with missingkey=error (tryRawInspectFallback).
 */
export async function runNetworkInspect(ctx: CliContext, o: NetworkInspectOptions): Promise<void> {
  if (o.format === '' || o.format === 'json') {
    await inspectAll(ctx, o.names, o.format, (n) => ctx.client.networkInspect(n, { verbose: o.verbose }));
    return;
  }
  let out = '';
  const errs: string[] = [];
  for (const n of o.names) {
    let r: NetworkResource;
    try {
      r = await ctx.client.networkInspect(n, { verbose: o.verbose });
    } catch (e) {
      errs.push(errorText(e));
      continue;
    }
    try {
      try {
        out += fmt.executeTemplate(o.format, goNetworkInspect(r), false) + '\n';
      } catch (e) {
        if (!(e instanceof StatusError) || e.status === 64 || !/can't evaluate field|map has no entry/.test(e.message)) throw e;
        out += fmt.executeTemplate(o.format, r, true) + '\n';
      }
    } catch (e) {
      if (e instanceof StatusError && e.status === 64) throw e;
      errs.push(errorText(e));
    }
  }
  ctx.io.stdout(out === '' ? '\n' : out);
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}

const struct = (type: string, fields: Record<string, unknown>) => ({ [GO_TYPE]: type, ...fields });

/** time.Time as templates see it: printed with Go's String(), JSON as RFC 3339. */
function goTime(rfc3339: string): object {
  return { [GO_TYPE]: 'time.Time', String: () => goTimeStringNano(rfc3339), [MARSHAL_JSON]: () => JSON.stringify(rfc3339) };
}

/** network.Inspect as the CLI decodes it (structs print as {a b c} in templates, not as maps). */
export function goNetworkInspect(n: NetworkResource): object {
  return struct('network.Inspect', {
    Name: n.Name, ID: n.Id, Created: goTime(n.Created), Scope: n.Scope, Driver: n.Driver, EnableIPv4: n.EnableIPv4, EnableIPv6: n.EnableIPv6,
    IPAM: struct('network.IPAM', {
      Driver: n.IPAM.Driver, Options: n.IPAM.Options ?? {},
      Config: (n.IPAM.Config ?? []).map((c) => struct('network.IPAMConfig', { Subnet: c.Subnet ?? '', IPRange: c.IPRange ?? '', Gateway: c.Gateway ?? '', AuxAddress: c.AuxiliaryAddresses ?? {} })),
    }),
    Internal: n.Internal, Attachable: n.Attachable, Ingress: n.Ingress, ConfigFrom: struct('network.ConfigReference', { Network: n.ConfigFrom?.Network ?? '' }),
    ConfigOnly: n.ConfigOnly,
    Containers: Object.fromEntries(Object.entries(n.Containers ?? {}).map(([k, c]) => [k, struct('network.EndpointResource', { ...c })])),
    Options: n.Options ?? {}, Labels: n.Labels ?? {},
  });
}
