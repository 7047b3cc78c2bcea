import { type CliContext, type CommandDef, noArgs } from '../../command';
import { fmt } from '../../formatters';
import { bytesSize } from '../../formatter/units';
import { CLIENT } from './version';

export interface InfoOptions { format: string }

export const infoCommand: CommandDef<InfoOptions> = {
  name: 'info',
  spec: 'system info',
  args: noArgs,
  options: (f) => ({ format: f.string('format') }),
  run: runInfo,
};

type Any = Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export async function runInfo(ctx: CliContext, opts: InfoOptions): Promise<void> {
  let i: Any;
  try {
    i = (await ctx.client.info()) as Any;
  } catch (e) {
    if (opts.format === '') ctx.io.stdout(`Client:\n Version:    ${CLIENT.Version}\n Context:    ${CLIENT.Context}\n Debug Mode: false\n\nServer:\n`);
    throw e;
  }
  if (opts.format !== '') {
    ctx.io.stdout(fmt.executeTemplate(opts.format === 'json' ? '{{json .}}' : opts.format, { ClientInfo: { Debug: false, Context: 'default', Plugins: [], Warnings: null }, ...i }) + '\n');
    return;
  }
  let o = `Client:\n Version:    ${CLIENT.Version}\n Context:    ${CLIENT.Context}\n Debug Mode: false\n\nServer:\n`;
  o += ` Containers: ${s(i.Containers)}\n  Running: ${s(i.ContainersRunning)}\n  Paused: ${s(i.ContainersPaused)}\n  Stopped: ${s(i.ContainersStopped)}\n`;
  o += ` Images: ${s(i.Images)}\n Server Version: ${s(i.ServerVersion)}\n Storage Driver: ${s(i.Driver)}\n`;
  for (const [k, v] of (i.DriverStatus as [string, string][] | null) ?? []) o += `  ${k}: ${v}\n`;
  o += ` Logging Driver: ${s(i.LoggingDriver)}\n Cgroup Driver: ${s(i.CgroupDriver)}\n Cgroup Version: ${s(i.CgroupVersion)}\n Plugins:\n`;
  const plugins = (i.Plugins ?? {}) as Record<string, string[] | null>;
  o += `  Volume: ${(plugins.Volume ?? []).join(' ')}\n  Network: ${(plugins.Network ?? []).join(' ')}\n  Log: ${(plugins.Log ?? []).join(' ')}\n`;
  const swarm = (i.Swarm ?? {}) as Any;
  o += ` Swarm: ${s(swarm.LocalNodeState)}\n`;
  o += ` Runtimes: ${Object.keys((i.Runtimes ?? {}) as Any).sort().join(' ')}\n Default Runtime: ${s(i.DefaultRuntime)}\n Init Binary: ${s(i.InitBinary)}\n`;
  o += ` containerd version: ${s((i.ContainerdCommit as Any | undefined)?.ID)}\n runc version: ${s((i.RuncCommit as Any | undefined)?.ID)}\n init version: ${s((i.InitCommit as Any | undefined)?.ID)}\n`;
  const secopts = (i.SecurityOptions as string[] | null) ?? [];
  if (secopts.length) {
    o += ' Security Options:\n';
    for (const so of secopts) {
      const kv = Object.fromEntries(so.split(',').map((p) => { const j = p.indexOf('='); return [p.slice(0, j), p.slice(j + 1)]; }));
      o += `  ${kv.name}\n`;
      for (const [k, v] of Object.entries(kv)) if (k !== 'name') o += `   ${k[0].toUpperCase() + k.slice(1)}: ${v}\n`;
    }
  }
  o += ` Kernel Version: ${s(i.KernelVersion)}\n Operating System: ${s(i.OperatingSystem)}\n OSType: ${s(i.OSType)}\n Architecture: ${s(i.Architecture)}\n`;
  o += ` CPUs: ${s(i.NCPU)}\n Total Memory: ${bytesSize(Number(i.MemTotal ?? 0))}\n Name: ${s(i.Name)}\n ID: ${s(i.ID)}\n Docker Root Dir: ${s(i.DockerRootDir)}\n`;
  o += ` Debug Mode: ${i.Debug === true}\n`;
  if (i.HttpProxy) o += ` HTTP Proxy: ${s(i.HttpProxy)}\n`;
  if (i.HttpsProxy) o += ` HTTPS Proxy: ${s(i.HttpsProxy)}\n`;
  if (i.NoProxy) o += ` No Proxy: ${s(i.NoProxy)}\n`;
  const labels = (i.Labels as string[] | null) ?? [];
  if (labels.length) o += ' Labels:\n' + labels.map((l) => `  ${l}\n`).join('');
  o += ` Experimental: ${i.ExperimentalBuild === true}\n`;
  const reg = (i.RegistryConfig ?? {}) as Any;
  const cidrs = (reg.InsecureRegistryCIDRs as string[] | null) ?? [];
  const insecure = Object.values((reg.IndexConfigs ?? {}) as Record<string, Any>).filter((c) => c.Secure === false).map((c) => String(c.Name));
  if (cidrs.length || insecure.length) o += ' Insecure Registries:\n' + [...insecure, ...cidrs].map((c) => `  ${c}\n`).join('');
  const mirrors = (reg.Mirrors as string[] | null) ?? [];
  if (mirrors.length) o += ' Registry Mirrors:\n' + mirrors.map((m) => `  ${m}\n`).join('');
  o += ` Live Restore Enabled: ${i.LiveRestoreEnabled === true}\n`;
  if (i.ProductLicense) o += ` Product License: ${s(i.ProductLicense)}\n`;
  o += '\n';
  ctx.io.stdout(o);
  for (const w of (i.Warnings as string[] | null) ?? []) ctx.io.stderr(w + '\n');
}
