import type { VersionInfo } from '../../../api/types';
import { type CliContext, type CommandDef, noArgs } from '../../command';
import { fmt } from '../../formatters';
import { TabWriter } from '../../formatter/tabwriter';
import { VERSION_INFO, typedValue } from '../../inspect-types';

export interface VersionOptions { format: string }

export const versionCommand: CommandDef<VersionOptions> = {
  name: 'version',
  spec: 'version',
  args: noArgs,
  options: (f) => ({ format: f.string('format') }),
  run: runVersion,
};

/** The emulated client: docker CLI 28.2.2 (build e6534b4). */
export const CLIENT = { Version: '28.2.2', ApiVersion: '1.50', GoVersion: 'go1.24.3', GitCommit: 'e6534b4', BuildTime: 'Fri May 30 12:07:14 2025', Os: 'linux', Arch: 'amd64', Context: 'default' };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** reformatDate: RFC3339Nano -> time.ANSIC (in UTC); unparsable input is kept. */
export function ansic(s: string): string {
  const t = Date.parse(s);
  if (Number.isNaN(t)) return s;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export async function runVersion(ctx: CliContext, opts: VersionOptions): Promise<void> {
  // The client part is printed even when the daemon cannot be reached; the error follows.
  let server: VersionInfo | undefined;
  let failure: unknown;
  try {
    server = await ctx.client.version();
  } catch (e) {
    failure = e;
  }
  if (opts.format !== '') {
    // versionInfo as docker/cli builds it: the Engine component's BuildTime reformatted; the Go types give the field
    // names templates see (.Server.APIVersion) and the JSON tags `{{json .}}` writes (ApiVersion).
    const negotiated = (ctx.client as { apiVersion?: () => string }).apiVersion?.() ?? CLIENT.ApiVersion;
    const sv = server ? {
      ...server,
      Components: server.Components?.map((c) => (c.Name === 'Engine' && c.Details && c.Details.BuildTime !== undefined
        ? { ...c, Details: { ...c.Details, BuildTime: ansic(c.Details.BuildTime) } } : c)),
    } : null;
    const value = typedValue(VERSION_INFO, {
      Client: { Platform: { Name: '' }, Version: CLIENT.Version, ApiVersion: negotiated, DefaultAPIVersion: '1.50', GoVersion: CLIENT.GoVersion,
        GitCommit: CLIENT.GitCommit, Os: CLIENT.Os, Arch: CLIENT.Arch, BuildTime: CLIENT.BuildTime, Context: CLIENT.Context },
      Server: sv,
    });
    ctx.io.stdout(fmt.executeTemplate(opts.format === 'json' ? '{{json .}}' : opts.format, value) + '\n');
    if (failure !== undefined) throw failure;
    return;
  }
  const w = new TabWriter(20, 1, 1, ' ', 0);
  w.write(`Client:\n Version:\t${CLIENT.Version}\n API version:\t${CLIENT.ApiVersion}\n Go version:\t${CLIENT.GoVersion}\n Git commit:\t${CLIENT.GitCommit}\n Built:\t${CLIENT.BuildTime}\n OS/Arch:\t${CLIENT.Os}/${CLIENT.Arch}\n Context:\t${CLIENT.Context}\n`);
  if (!server) {
    ctx.io.stdout(w.flush());
    throw failure;
  }
  w.write(`\nServer: ${server.Platform.Name}\n`);
  for (const c of server.Components) {
    const d = c.Details ?? {};
    if (c.Name === 'Engine') {
      w.write(` Engine:\n  Version:\t${c.Version}\n  API version:\t${d.ApiVersion} (minimum version ${d.MinAPIVersion})\n  Go version:\t${d.GoVersion}\n  Git commit:\t${d.GitCommit}\n  Built:\t${ansic(d.BuildTime ?? '')}\n  OS/Arch:\t${d.Os}/${d.Arch}\n  Experimental:\t${d.Experimental}\n`);
    } else {
      w.write(` ${c.Name}:\n  Version:\t${c.Version}\n`);
      for (const k of Object.keys(d).sort()) w.write(`  ${k}:\t${d[k]}\n`);
    }
  }
  ctx.io.stdout(w.flush());
}
