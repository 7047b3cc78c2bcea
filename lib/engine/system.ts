/** /_ping, /version, /info and /images/search for the simulated Docker Engine 28.2.2. */
import type { ImageSearchOptions, ImageSearchResult, PingResult, SystemInfo, VersionInfo } from '../api/types';
import { invalidParameter } from '../api/errors';
import { rfc3339Nano } from './clock';
import type { EngineState } from './state';
import { filterValues } from './images';

export const ENGINE_VERSION = '28.2.2';
export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';
export const KERNEL_VERSION = '6.8.0-60-generic';

export function ping(): PingResult {
  return { apiVersion: API_VERSION, osType: 'linux', experimental: false, builderVersion: '2', swarm: 'inactive' };
}

export function version(): VersionInfo {
  const buildTime = '2025-05-30T12:07:26.000000000+00:00';
  return {
    Platform: { Name: 'Docker Engine - Community' },
    Components: [
      { Name: 'Engine', Version: ENGINE_VERSION, Details: { ApiVersion: API_VERSION, Arch: 'amd64', BuildTime: buildTime, Experimental: 'false', GitCommit: '45873be', GoVersion: 'go1.24.3', KernelVersion: KERNEL_VERSION, MinAPIVersion: MIN_API_VERSION, Os: 'linux' } },
      { Name: 'containerd', Version: '1.7.27', Details: { GitCommit: '05044ec0a9a75232cad458027ca83437aae3f4da' } },
      { Name: 'runc', Version: '1.2.5', Details: { GitCommit: 'v1.2.5-0-g59923ef' } },
      { Name: 'docker-init', Version: '0.19.0', Details: { GitCommit: 'de40ad0' } },
    ],
    Version: ENGINE_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, GitCommit: '45873be', GoVersion: 'go1.24.3',
    Os: 'linux', Arch: 'amd64', KernelVersion: KERNEL_VERSION, BuildTime: buildTime,
  };
}

export function info(state: EngineState): SystemInfo {
  const c = state.hooks.containerCounts();
  const id = (state.areas.get('daemonId') as string | undefined) ?? 'e4b1a2c3-5d6e-4f70-8192-a3b4c5d6e7f8';
  return {
    ID: id,
    Containers: c.total, ContainersRunning: c.running, ContainersPaused: c.paused, ContainersStopped: c.stopped,
    Images: state.images.count,
    Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
    MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true, PidsLimit: true,
    IPv4Forwarding: true, Debug: false, NFd: 24, OomKillDisable: false, NGoroutines: 42,
    SystemTime: rfc3339Nano(state.clock.now()), LoggingDriver: 'json-file', CgroupDriver: 'systemd', CgroupVersion: '2', NEventsListener: 0,
    KernelVersion: KERNEL_VERSION, OperatingSystem: 'Ubuntu 24.04.2 LTS', OSVersion: '24.04', OSType: 'linux', Architecture: 'x86_64',
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: { AllowNondistributableArtifactsCIDRs: null, AllowNondistributableArtifactsHostnames: null, InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: null },
    NCPU: 4, MemTotal: 8_268_038_144, GenericResources: null, DockerRootDir: '/var/lib/docker', HttpProxy: '', HttpsProxy: '', NoProxy: '',
    Name: 'docker-playground', Labels: [], ExperimentalBuild: false, ServerVersion: ENGINE_VERSION,
    Runtimes: { 'io.containerd.runc.v2': { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } }, runc: { path: 'runc' } },
    DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init',
    ContainerdCommit: { ID: '05044ec0a9a75232cad458027ca83437aae3f4da' }, RuncCommit: { ID: 'v1.2.5-0-g59923ef' }, InitCommit: { ID: 'de40ad0' },
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
    Containerd: { Address: '/run/containerd/containerd.sock', Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' } },
    Warnings: null,
  };
}

/** GET /images/search against the catalog: name or description match, official first, most stars first. */
export function imageSearch(state: EngineState, opts: ImageSearchOptions): ImageSearchResult[] {
  const f = opts.filters ?? {};
  for (const k of Object.keys(f)) if (!['is-official', 'is-automated', 'stars'].includes(k)) throw invalidParameter(`invalid filter '${k}'`);
  const official = filterValues(f, 'is-official')[0];
  const automated = filterValues(f, 'is-automated')[0];
  const starsV = filterValues(f, 'stars');
  let minStars = 0;
  for (const s of starsV) {
    if (!/^\d+$/.test(s)) throw invalidParameter(`invalid filter 'stars=${s}'`);
    minStars = Math.max(minStars, Number(s));
  }
  const boolF = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (['true', '1'].includes(v.toLowerCase())) return true;
    if (['false', '0'].includes(v.toLowerCase())) return false;
    throw invalidParameter(`invalid filter '${name}=${v}'`);
  };
  const wantOfficial = boolF('is-official', official);
  const wantAutomated = boolF('is-automated', automated);
  const term = opts.term.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const limit = opts.limit && opts.limit > 0 ? opts.limit : 25;
  if (limit > 100) throw invalidParameter(`limit ${limit} is outside the range of [1, 100]`);
  return state.catalog.repos()
    .filter((r) => r.name.includes(term) || r.description.toLowerCase().includes(term))
    .filter((r) => (wantOfficial === undefined || r.official === wantOfficial) && (wantAutomated === undefined || wantAutomated === false) && r.stars >= minStars)
    .sort((a, b) => Number(b.name === term) - Number(a.name === term) || b.stars - a.stars)
    .slice(0, limit)
    .map((r) => ({ star_count: r.stars, is_official: r.official, name: r.name, is_automated: false, description: r.description }));
}
