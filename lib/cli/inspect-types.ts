/**
 * The Go types docker CLI 28.2.2 decodes inspect and version answers into (moby api/types v28.2), in Go field order,
 * with their json tags: what `-f` templates see (gotemplate/gotypes.ts). Read from moby's sources:
 * api/types/container/{container,config,hostconfig,network_settings}.go, api/types/image/image_inspect.go,
 * api/types/network/endpoint.go, api/types/storage, image-spec's Descriptor/ImageConfig, docker/cli's version.go.
 * Fields whose Go type is a struct we do not model (Devices, Ulimits, Mounts specs...) are `any`: %v then prints a
 * map instead of the struct for them (they are empty in everything the playground produces).
 */
import { type GoType, type StructType, f, map, omit, ptr, slice, struct, typed } from './gotemplate/gotypes';

const S = 'string';
const I = 'int';
const B = 'bool';
const STRS = slice(S);

export const HEALTH_CONFIG = struct('container.HealthConfig', [
  f('Test', STRS, omit), f('Interval', I, omit), f('Timeout', I, omit), f('StartPeriod', I, omit), f('StartInterval', I, omit),
  f('Retries', I, omit),
]);

export const CONTAINER_CONFIG = struct('container.Config', [
  f('Hostname', S), f('Domainname', S), f('User', S), f('AttachStdin', B), f('AttachStdout', B), f('AttachStderr', B),
  f('ExposedPorts', map('empty'), omit), f('Tty', B), f('OpenStdin', B), f('StdinOnce', B), f('Env', STRS), f('Cmd', STRS),
  f('Healthcheck', ptr(HEALTH_CONFIG), omit), f('ArgsEscaped', B, omit), f('Image', S), f('Volumes', map('empty')),
  f('WorkingDir', S), f('Entrypoint', STRS), f('NetworkDisabled', B, omit), f('MacAddress', S, omit), f('OnBuild', STRS),
  f('Labels', map(S)), f('StopSignal', S, omit), f('StopTimeout', ptr(I), omit), f('Shell', STRS, omit),
]);

const HEALTHCHECK_RESULT = struct('container.HealthcheckResult', [f('Start', 'time'), f('End', 'time'), f('ExitCode', I), f('Output', S)]);
const HEALTH = struct('container.Health', [f('Status', S), f('FailingStreak', I), f('Log', slice(ptr(HEALTHCHECK_RESULT)))]);

export const CONTAINER_STATE = struct('container.State', [
  f('Status', S), f('Running', B), f('Paused', B), f('Restarting', B), f('OOMKilled', B), f('Dead', B), f('Pid', I),
  f('ExitCode', I), f('Error', S), f('StartedAt', S), f('FinishedAt', S), f('Health', ptr(HEALTH), omit),
]);

const PORT_BINDING = struct('nat.PortBinding', [f('HostIP', S, { json: 'HostIp' }), f('HostPort', S)]);
const PORT_MAP = map(slice(PORT_BINDING));
const DRIVER_DATA = struct('storage.DriverData', [f('Data', map(S)), f('Name', S)]);
const LOG_CONFIG = struct('container.LogConfig', [f('Type', S), f('Config', map(S))]);
const RESTART_POLICY = struct('container.RestartPolicy', [f('Name', S), f('MaximumRetryCount', I)]);

const RESOURCES = struct('container.Resources', [
  f('CPUShares', I, { json: 'CpuShares' }), f('Memory', I), f('NanoCPUs', I, { json: 'NanoCpus' }), f('CgroupParent', S),
  f('BlkioWeight', 'uint'), f('BlkioWeightDevice', slice('any')), f('BlkioDeviceReadBps', slice('any')),
  f('BlkioDeviceWriteBps', slice('any')), f('BlkioDeviceReadIOps', slice('any')), f('BlkioDeviceWriteIOps', slice('any')),
  f('CPUPeriod', I, { json: 'CpuPeriod' }), f('CPUQuota', I, { json: 'CpuQuota' }), f('CPURealtimePeriod', I, { json: 'CpuRealtimePeriod' }),
  f('CPURealtimeRuntime', I, { json: 'CpuRealtimeRuntime' }), f('CpusetCpus', S), f('CpusetMems', S), f('Devices', slice('any')),
  f('DeviceCgroupRules', STRS), f('DeviceRequests', slice('any')), f('KernelMemory', I, omit), f('KernelMemoryTCP', I, omit),
  f('MemoryReservation', I), f('MemorySwap', I), f('MemorySwappiness', ptr(I)), f('OomKillDisable', ptr(B)), f('PidsLimit', ptr(I)),
  f('Ulimits', slice('any')), f('CPUCount', I, { json: 'CpuCount' }), f('CPUPercent', I, { json: 'CpuPercent' }),
  f('IOMaximumIOps', 'uint'), f('IOMaximumBandwidth', 'uint'),
]);

export const HOST_CONFIG = struct('container.HostConfig', [
  f('Binds', STRS), f('ContainerIDFile', S), f('LogConfig', LOG_CONFIG), f('NetworkMode', S), f('PortBindings', PORT_MAP),
  f('RestartPolicy', RESTART_POLICY), f('AutoRemove', B), f('VolumeDriver', S), f('VolumesFrom', STRS),
  f('ConsoleSize', { array: 'uint', n: 2 }), f('Annotations', map(S), omit), f('CapAdd', STRS), f('CapDrop', STRS),
  f('CgroupnsMode', S), f('DNS', STRS, { json: 'Dns' }), f('DNSOptions', STRS, { json: 'DnsOptions' }),
  f('DNSSearch', STRS, { json: 'DnsSearch' }), f('ExtraHosts', STRS), f('GroupAdd', STRS), f('IpcMode', S), f('Cgroup', S),
  f('Links', STRS), f('OomScoreAdj', I), f('PidMode', S), f('Privileged', B), f('PublishAllPorts', B), f('ReadonlyRootfs', B),
  f('SecurityOpt', STRS), f('StorageOpt', map(S), omit), f('Tmpfs', map(S), omit), f('UTSMode', S), f('UsernsMode', S),
  f('ShmSize', I), f('Sysctls', map(S), omit), f('Runtime', S, omit), f('Isolation', S),
  f('Resources', RESOURCES, { embedded: true }), f('Mounts', slice('any'), omit), f('MaskedPaths', STRS), f('ReadonlyPaths', STRS),
  f('Init', ptr(B), omit),
]);

const MOUNT_POINT = struct('container.MountPoint', [
  f('Type', S, omit), f('Name', S, omit), f('Source', S), f('Destination', S), f('Driver', S, omit), f('Mode', S), f('RW', B),
  f('Propagation', S),
]);

const ENDPOINT_IPAM = struct('network.EndpointIPAMConfig', [f('IPv4Address', S, omit), f('IPv6Address', S, omit), f('LinkLocalIPs', STRS, omit)]);
const ENDPOINT_SETTINGS = struct('network.EndpointSettings', [
  f('IPAMConfig', ptr(ENDPOINT_IPAM)), f('Links', STRS), f('Aliases', STRS), f('MacAddress', S), f('DriverOpts', map(S)),
  f('GwPriority', I), f('NetworkID', S), f('EndpointID', S), f('Gateway', S), f('IPAddress', S), f('IPPrefixLen', I),
  f('IPv6Gateway', S), f('GlobalIPv6Address', S), f('GlobalIPv6PrefixLen', I), f('DNSNames', STRS),
]);

const ADDRESS = struct('network.Address', [f('Addr', S), f('PrefixLen', I)]);
const NETWORK_SETTINGS = struct('container.NetworkSettings', [
  f('NetworkSettingsBase', struct('container.NetworkSettingsBase', [
    f('Bridge', S), f('SandboxID', S), f('SandboxKey', S), f('Ports', PORT_MAP), f('HairpinMode', B), f('LinkLocalIPv6Address', S),
    f('LinkLocalIPv6PrefixLen', I), f('SecondaryIPAddresses', slice(ADDRESS)), f('SecondaryIPv6Addresses', slice(ADDRESS)),
  ]), { embedded: true }),
  f('DefaultNetworkSettings', struct('container.DefaultNetworkSettings', [
    f('EndpointID', S), f('Gateway', S), f('GlobalIPv6Address', S), f('GlobalIPv6PrefixLen', I), f('IPAddress', S),
    f('IPPrefixLen', I), f('IPv6Gateway', S), f('MacAddress', S),
  ]), { embedded: true }),
  f('Networks', map(ptr(ENDPOINT_SETTINGS))),
]);

const PLATFORM = struct('v1.Platform', [
  f('Architecture', S, { json: 'architecture' }), f('OS', S, { json: 'os' }), f('OSVersion', S, { json: 'os.version', omitempty: true }),
  f('OSFeatures', STRS, { json: 'os.features', omitempty: true }), f('Variant', S, { json: 'variant', omitempty: true }),
]);
const DESCRIPTOR = struct('v1.Descriptor', [
  f('MediaType', S, { json: 'mediaType' }), f('Digest', S, { json: 'digest' }), f('Size', I, { json: 'size' }),
  f('URLs', STRS, { json: 'urls', omitempty: true }), f('Annotations', map(S), { json: 'annotations', omitempty: true }),
  f('Data', 'any', { json: 'data', omitempty: true }), f('Platform', ptr(PLATFORM), { json: 'platform', omitempty: true }),
  f('ArtifactType', S, { json: 'artifactType', omitempty: true }),
]);

const CONTAINER_JSON_BASE = struct('container.ContainerJSONBase', [
  f('ID', S, { json: 'Id' }), f('Created', S), f('Path', S), f('Args', STRS), f('State', ptr(CONTAINER_STATE)), f('Image', S),
  f('ResolvConfPath', S), f('HostnamePath', S), f('HostsPath', S), f('LogPath', S), f('Name', S), f('RestartCount', I),
  f('Driver', S), f('Platform', S), f('MountLabel', S), f('ProcessLabel', S), f('AppArmorProfile', S), f('ExecIDs', STRS),
  f('HostConfig', ptr(HOST_CONFIG)), f('GraphDriver', DRIVER_DATA), f('SizeRw', ptr(I), omit), f('SizeRootFs', ptr(I), omit),
]);

/** container.InspectResponse (`docker container inspect`). */
export const CONTAINER_INSPECT = struct('container.InspectResponse', [
  f('ContainerJSONBase', ptr(CONTAINER_JSON_BASE), { embedded: true }), f('Mounts', slice(MOUNT_POINT)),
  f('Config', ptr(CONTAINER_CONFIG)), f('NetworkSettings', ptr(NETWORK_SETTINGS)),
  f('ImageManifestDescriptor', ptr(DESCRIPTOR), omit),
]);

/** dockerspec.DockerOCIImageConfig: image-spec's ImageConfig plus Docker's extensions, all omitempty. */
const IMAGE_CONFIG = struct('dockerspec.DockerOCIImageConfig', [
  f('ImageConfig', struct('v1.ImageConfig', [
    f('User', S, omit), f('ExposedPorts', map('empty'), omit), f('Env', STRS, omit), f('Entrypoint', STRS, omit), f('Cmd', STRS, omit),
    f('Volumes', map('empty'), omit), f('WorkingDir', S, omit), f('Labels', map(S), omit), f('StopSignal', S, omit),
    f('ArgsEscaped', B, omit),
  ]), { embedded: true }),
  f('DockerOCIImageConfigExt', struct('dockerspec.DockerOCIImageConfigExt', [
    f('Healthcheck', ptr(HEALTH_CONFIG), omit), f('OnBuild', STRS, omit), f('Shell', STRS, omit),
  ]), { embedded: true }),
]);

/** image.InspectResponse (`docker image inspect`). */
export const IMAGE_INSPECT = struct('image.InspectResponse', [
  f('ID', S, { json: 'Id' }), f('RepoTags', STRS), f('RepoDigests', STRS), f('Parent', S), f('Comment', S), f('Created', S, omit),
  f('Container', S, omit), f('ContainerConfig', ptr(CONTAINER_CONFIG), omit), f('DockerVersion', S), f('Author', S),
  f('Config', ptr(IMAGE_CONFIG)), f('Architecture', S), f('Variant', S, omit), f('Os', S), f('OsVersion', S, omit), f('Size', I),
  f('VirtualSize', I, omit), f('GraphDriver', DRIVER_DATA),
  f('RootFS', struct('image.RootFS', [f('Type', S, omit), f('Layers', STRS, omit)])),
  f('Metadata', struct('image.Metadata', [f('LastTagTime', 'time', omit)])),
  f('Descriptor', ptr(DESCRIPTOR), omit), f('Manifests', slice('any'), omit),
]);

/** types.Version (the Server part of `docker version`). */
export const SERVER_VERSION = struct('types.Version', [
  f('Platform', struct('struct { Name string }', [f('Name', S)])),
  f('Components', slice(struct('types.ComponentVersion', [f('Name', S), f('Version', S), f('Details', map(S), omit)]))),
  f('Version', S), f('APIVersion', S, { json: 'ApiVersion' }), f('MinAPIVersion', S, omit), f('GitCommit', S), f('GoVersion', S),
  f('Os', S), f('Arch', S), f('KernelVersion', S, omit), f('Experimental', B, omit), f('BuildTime', S, omit),
]);

/** docker/cli's version.go clientVersion. */
export const CLIENT_VERSION = struct('command.clientVersion', [
  f('Platform', ptr(struct('command.platformInfo', [f('Name', S)])), omit), f('Version', S), f('APIVersion', S, { json: 'ApiVersion' }),
  f('DefaultAPIVersion', S, omit), f('GoVersion', S), f('GitCommit', S), f('Os', S), f('Arch', S), f('BuildTime', S, omit),
  f('Context', S),
]);

export const VERSION_INFO = struct('command.versionInfo', [f('Client', CLIENT_VERSION), f('Server', ptr(SERVER_VERSION))]);

export type InspectKind = 'container' | 'image';
const KINDS: Record<InspectKind, StructType> = { container: CONTAINER_INSPECT, image: IMAGE_INSPECT };

/** The Go value the CLI runs inspect templates on. */
export function typedInspect(kind: InspectKind, v: unknown): unknown {
  return typed(KINDS[kind], v);
}

export function typedValue(t: GoType, v: unknown): unknown {
  return typed(t, v);
}
