/**
 * The contract between the docker CLI emulator (lib/cli) and an engine.
 *
 * It mirrors the Docker Engine API v1.50 as moby 28.2.2 serves it: the same JSON shapes, field names and field
 * order, so that (1) our CLI formats exactly what the real CLI would format, and (2) `npm run daemon` can serve
 * these objects verbatim to the real docker CLI. Implementations:
 *   - lib/engine (in-process; the browser and `npm run console`),
 *   - lib/api/http-client.ts (`npm run console -- --host tcp://...`), which speaks HTTP to any Engine API.
 * Errors: methods throw EngineError (lib/api/errors.ts) whose `status` is the HTTP status moby would answer
 * (404 not found, 409 conflict, 400 bad parameter, 401 unauthorized, 500 system) and whose `message` is moby's text.
 * Streams (pull, push, build, load) yield moby's JSON messages (jsonmessage.JSONMessage) one by one.
 */

// ---------- Common ----------
export type Labels = Record<string, string>;
/** Engine API filters as the CLI sends them: {"dangling":{"true":true}} */
export type Filters = Record<string, Record<string, boolean>>;

export interface JSONProgress { current?: number; total?: number; start?: number; hidecounts?: boolean; units?: string }
export interface JSONError { code?: number; message: string }
/** moby pkg/jsonmessage.JSONMessage */
export interface JSONMessage {
  stream?: string;
  status?: string;
  progressDetail?: JSONProgress;
  progress?: string;
  id?: string;
  from?: string;
  time?: number;
  timeNano?: number;
  errorDetail?: JSONError;
  error?: string;
  aux?: unknown;
}

// ---------- System ----------
export interface PingResult { apiVersion: string; osType: string; experimental: boolean; builderVersion: string; swarm: string }
export interface VersionComponent { Name: string; Version: string; Details?: Record<string, string> }
export interface VersionInfo {
  Platform: { Name: string };
  Components: VersionComponent[];
  Version: string; ApiVersion: string; MinAPIVersion: string; GitCommit: string; GoVersion: string;
  Os: string; Arch: string; KernelVersion: string; BuildTime: string;
}
/** GET /info: moby system.Info (only the fields we fill; the real CLI tolerates missing ones). */
export type SystemInfo = Record<string, unknown> & {
  ID: string; Containers: number; ContainersRunning: number; ContainersPaused: number; ContainersStopped: number;
  Images: number; Driver: string; ServerVersion: string; OperatingSystem: string; OSType: string; Architecture: string;
  NCPU: number; MemTotal: number; Name: string; DockerRootDir: string; KernelVersion: string; IndexServerAddress: string;
};
export interface DiskUsage {
  LayersSize: number;
  Images: ImageSummary[];
  Containers: ContainerSummary[];
  Volumes: VolumeInfo[];
  BuildCache: BuildCacheRecord[];
}
export interface BuildCacheRecord {
  ID: string; Parents: string[] | null; Type: string; Description: string; InUse: boolean; Shared: boolean;
  Size: number; CreatedAt: string; LastUsedAt: string | null; UsageCount: number;
}

// ---------- Images ----------
/** GET /images/json element (moby image.Summary, API 1.50). Created is unix seconds. */
export interface ImageSummary {
  Containers: number;
  Created: number;
  Id: string;
  Labels: Labels | null;
  ParentId: string;
  RepoDigests: string[];
  RepoTags: string[];
  SharedSize: number;
  Size: number;
  /** With ?manifests=1 (API >= 1.47): the image's platform manifests (moby image.ManifestSummary). */
  Manifests?: ImageManifestSummary[];
}
/** moby image.ManifestSummary (the fields `docker image ls --tree` reads). */
export interface ImageManifestSummary {
  ID: string;
  Available: boolean;
  Size: { Total: number; Content: number };
  Kind: 'image' | 'attestation' | 'unknown';
  ImageData?: { Platform: { architecture: string; os: string; variant?: string; 'os.version'?: string }; Containers: string[] };
}
export interface HealthConfig { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number }
/** moby container.Config as it appears in image inspect (Config) and container inspect (Config). */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, Record<string, never>> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  OnBuild?: string[] | null;
  Labels?: Labels | null;
  StopSignal?: string;
  Shell?: string[];
}
/** GET /images/{name}/json (moby image.InspectResponse; key order is moby's and matters for `docker inspect`). */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: string; Layers?: string[] };
  Metadata: { LastTagTime?: string };
}
/** GET /images/{name}/history element. Created is unix seconds; Id is '<missing>' when no image has that layer. */
export interface HistoryItem { Comment: string; Created: number; CreatedBy: string; Id: string; Size: number; Tags: string[] | null }
/** DELETE /images/{name} and prune: one of the two keys. */
export interface ImageDeleteItem { Untagged?: string; Deleted?: string }
export interface ImagesPruneReport { ImagesDeleted: ImageDeleteItem[] | null; SpaceReclaimed: number }
export interface ImageSearchResult { star_count: number; is_official: boolean; name: string; is_automated: boolean; description: string }

export interface ImageListOptions { all?: boolean; filters?: Filters; sharedSize?: boolean; digests?: boolean; manifests?: boolean }
export interface ImageRemoveOptions { force?: boolean; noprune?: boolean }
export interface ImagePullOptions { fromImage: string; tag?: string; platform?: string; registryAuth?: string }
export interface ImagePushOptions { tag?: string; registryAuth?: string }
export interface ImageSearchOptions { term: string; limit?: number; filters?: Filters }
export interface ImportOptions { fromSrc: string; repo?: string; tag?: string; message?: string; changes?: string[] }

// ---------- Build (legacy API build, POST /build) ----------
export interface BuildOptions {
  /** Path of the Dockerfile inside the context (default "Dockerfile"). */
  dockerfile?: string;
  tags?: string[];
  buildArgs?: Record<string, string | null>;
  labels?: Labels;
  noCache?: boolean;
  pull?: boolean;
  quiet?: boolean;
  rm?: boolean;
  forceRm?: boolean;
  target?: string;
  platform?: string;
  /** Images to consider as cache sources (`cachefrom`, a JSON array; the classic builder's --cache-from). */
  cacheFrom?: string[];
  /** "1" = legacy builder (classic), "2" = BuildKit. */
  version?: '1' | '2';
}
/** A build context: files by slash-separated relative path (already filtered by .dockerignore on the client side). */
export interface BuildContext { files: Map<string, ContextFile> }
export interface ContextFile { data: Uint8Array; mode: number; mtime?: number; type?: 'file' | 'dir' | 'symlink'; linkname?: string }

// ---------- Containers ----------
export interface Port { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }
export interface MountPoint {
  Type: string; Name?: string; Source: string; Destination: string; Driver?: string; Mode: string; RW: boolean; Propagation: string;
}
/** GET /containers/json element. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: Port[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Labels;
  State: string;
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, unknown> };
  Mounts: MountPoint[];
}
export interface PortBinding { HostIp: string; HostPort: string }
export interface HostConfig {
  Binds?: string[] | null;
  NetworkMode?: string;
  PortBindings?: Record<string, PortBinding[]> | null;
  RestartPolicy?: { Name: string; MaximumRetryCount: number };
  AutoRemove?: boolean;
  PublishAllPorts?: boolean;
  [k: string]: unknown;
}
export interface ContainerState {
  Status: string; Running: boolean; Paused: boolean; Restarting: boolean; OOMKilled: boolean; Dead: boolean;
  Pid: number; ExitCode: number; Error: string; StartedAt: string; FinishedAt: string;
}
/** GET /containers/{id}/json (moby container.InspectResponse, key order moby's). */
export type ContainerInspect = Record<string, unknown> & {
  Id: string; Created: string; Path: string; Args: string[]; State: ContainerState; Image: string; Name: string;
  RestartCount: number; Config: ContainerConfig; HostConfig: HostConfig; Mounts: MountPoint[];
  NetworkSettings: Record<string, unknown>;
};
export interface ContainerCreateRequest extends ContainerConfig { HostConfig?: HostConfig; NetworkingConfig?: unknown }
export interface ContainerCreateResponse { Id: string; Warnings: string[] }
/** POST /containers/{id}/update body (moby container.UpdateConfig: the Resources fields and RestartPolicy). */
export interface ContainerUpdateConfig {
  BlkioWeight?: number; CpuShares?: number; Memory?: number; NanoCpus?: number; CpuPeriod?: number; CpuQuota?: number;
  CpuRealtimePeriod?: number; CpuRealtimeRuntime?: number; CpusetCpus?: string; CpusetMems?: string; MemoryReservation?: number;
  MemorySwap?: number; PidsLimit?: number | null; RestartPolicy?: { Name: string; MaximumRetryCount: number };
  [k: string]: unknown;
}
export interface ContainerUpdateResponse { Warnings: string[] | null }
export interface ContainerListOptions { all?: boolean; limit?: number; size?: boolean; filters?: Filters }
export interface ContainerChange { Path: string; Kind: 0 | 1 | 2 }
export interface ContainerTop { Titles: string[]; Processes: string[][] }
export interface ContainerWaitResponse { StatusCode: number; Error?: { Message: string } | null }
export interface ContainersPruneReport { ContainersDeleted: string[] | null; SpaceReclaimed: number }
export interface CommitOptions { container: string; repo?: string; tag?: string; comment?: string; author?: string; pause?: boolean; changes?: string[] }
export interface ExecCreateRequest {
  AttachStdin?: boolean; AttachStdout?: boolean; AttachStderr?: boolean; Tty?: boolean; Env?: string[];
  Cmd: string[]; Privileged?: boolean; User?: string; WorkingDir?: string; DetachKeys?: string;
}
export interface LogsOptions { stdout?: boolean; stderr?: boolean; since?: string; until?: string; timestamps?: boolean; follow?: boolean; tail?: string }

/** An attached process's standard streams (run -i, exec -it, start -a). Data flows as strings (UTF-8 text). */
export interface AttachIO {
  stdout(data: string): void;
  stderr(data: string): void;
  /** Next chunk typed by the user; null at end of input (Ctrl+D). */
  readStdin?(): Promise<string | null>;
  /**
   * Stdin is a file or a pipe (`docker run -i alpine cat < notes.txt`, `echo hi | docker run -i ...`): its end comes
   * without waiting for a user, so a program may read all of it before it starts (in-process engine only).
   */
  finiteStdin?: boolean;
  tty: boolean;
  columns?: number;
  signal?: AbortSignal;
}

// ---------- Volumes ----------
export interface VolumeInfo {
  CreatedAt: string; Driver: string; Labels: Labels | null; Mountpoint: string; Name: string; Options: Record<string, string> | null;
  Scope: string; UsageData?: { RefCount: number; Size: number } | null;
}
/** POST /volumes/create body (volume.CreateOptions). */
export interface VolumeCreateRequest { Name?: string; Driver?: string; DriverOpts?: Record<string, string>; Labels?: Labels }
/** POST /volumes/prune answer. */
export interface VolumesPruneReport { VolumesDeleted: string[] | null; SpaceReclaimed: number }

// ---------- Stats ----------
/** GET /containers/{id}/stats?stream=false (container.StatsResponse, Linux fields, moby's key order). */
export interface ContainerStats {
  name: string; id: string; read: string; preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: { io_service_bytes_recursive: { major: number; minor: number; op: string; value: number }[] | null; [k: string]: unknown };
  num_procs: number;
  storage_stats: Record<string, unknown>;
  cpu_stats: ContainerCpuStats;
  precpu_stats: ContainerCpuStats;
  memory_stats: { usage?: number; stats?: Record<string, number>; limit?: number; [k: string]: unknown };
  networks?: Record<string, { rx_bytes: number; rx_packets: number; rx_errors: number; rx_dropped: number; tx_bytes: number; tx_packets: number; tx_errors: number; tx_dropped: number }>;
}
export interface ContainerCpuStats {
  cpu_usage: { total_usage: number; usage_in_kernelmode: number; usage_in_usermode: number; percpu_usage?: number[] };
  system_cpu_usage?: number; online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

// ---------- Auth ----------
export interface AuthConfig { username?: string; password?: string; serveraddress?: string; identitytoken?: string }
export interface AuthResponse { Status: string; IdentityToken?: string }

// ---------- Networks (moby api/types/network, API 1.50) ----------
export interface IPAMConfig { Subnet?: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses?: Record<string, string> }
export interface IPAM { Driver: string; Options: Record<string, string> | null; Config: IPAMConfig[] | null }
/** network.EndpointResource: one container in a network (inspect's Containers). */
export interface NetworkEndpointResource { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string; IPv6Address: string }
/** GET /networks/{id} (network.Inspect) and GET /networks elements (network.Summary), key order moby's. */
export interface NetworkResource {
  Name: string; Id: string; Created: string; Scope: string; Driver: string; EnableIPv4: boolean; EnableIPv6: boolean; IPAM: IPAM;
  Internal: boolean; Attachable: boolean; Ingress: boolean; ConfigFrom: { Network: string }; ConfigOnly: boolean;
  Containers: Record<string, NetworkEndpointResource>; Options: Record<string, string>; Labels: Record<string, string>;
}
/** POST /networks/create body (network.CreateRequest). */
export interface NetworkCreateRequest {
  Name: string; Driver?: string; Scope?: string; EnableIPv4?: boolean | null; EnableIPv6?: boolean | null; IPAM?: Partial<IPAM> | null;
  Internal?: boolean; Attachable?: boolean; Ingress?: boolean; ConfigOnly?: boolean; ConfigFrom?: { Network: string } | null;
  Options?: Record<string, string> | null; Labels?: Record<string, string> | null;
}
export interface NetworkCreateResponse { Id: string; Warning: string }
/** network.EndpointSettings as sent by `network connect` (EndpointConfig). */
export interface EndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null; Links?: string[] | null; Aliases?: string[] | null;
  DriverOpts?: Record<string, string> | null; GwPriority?: number;
  /** The endpoint's MAC address (run --mac-address / --network mac-address=): as configured in a request. */
  MacAddress?: string;
}
export interface NetworkInspectOptions { verbose?: boolean; scope?: string }
export interface NetworksPruneReport { NetworksDeleted: string[] | null }

// ---------- Events (moby api/types/events.Message) ----------
/** One event. status/id/from are the deprecated fields API 1.50 still fills for container and image events. */
export interface EventMessage {
  status?: string; id?: string; from?: string;
  Type?: string; Action?: string; Actor?: { ID: string; Attributes: Record<string, string> };
  /** A bigint when read over HTTP with more digits than a double holds (a real daemon's nanoseconds). */
  scope?: string; time?: number; timeNano?: number | bigint;
}
/** GET /events: since/until as the CLI sends them ("1700000000.000000000" unix seconds). */
export interface EventsOptions { since?: string; until?: string; filters?: Filters }

// ---------- Build cache prune (POST /build/prune) ----------
export interface BuildCachePruneOptions { all?: boolean; keepStorage?: number; reservedSpace?: number; maxUsedSpace?: number; minFreeSpace?: number; filters?: Filters }
export interface BuildCachePruneReport { CachesDeleted: string[] | null; SpaceReclaimed: number }

/** What the CLI calls. One method per Engine API endpoint it uses. */
export interface EngineClient {
  ping(): Promise<PingResult>;
  version(): Promise<VersionInfo>;
  info(): Promise<SystemInfo>;
  diskUsage(): Promise<DiskUsage>;

  imageList(opts: ImageListOptions): Promise<ImageSummary[]>;
  imageInspect(name: string): Promise<ImageInspect>;
  imageHistory(name: string): Promise<HistoryItem[]>;
  imageRemove(name: string, opts: ImageRemoveOptions): Promise<ImageDeleteItem[]>;
  imageTag(source: string, repo: string, tag: string): Promise<void>;
  imagesPrune(filters: Filters): Promise<ImagesPruneReport>;
  imagePull(opts: ImagePullOptions): AsyncIterable<JSONMessage>;
  imagePush(name: string, opts: ImagePushOptions): AsyncIterable<JSONMessage>;
  imageSearch(opts: ImageSearchOptions): Promise<ImageSearchResult[]>;
  /** docker save: a tar archive (docker/OCI layout) of the named images. */
  imageSave(names: string[]): Promise<Uint8Array>;
  /** docker load: reads a docker save tar; yields {stream:"Loaded image: x\n"} messages. */
  imageLoad(tar: Uint8Array, quiet: boolean): AsyncIterable<JSONMessage>;
  imageImport(tar: Uint8Array, opts: ImportOptions): AsyncIterable<JSONMessage>;
  /** POST /build (legacy builder; the stream is what moby sends). */
  build(context: BuildContext, opts: BuildOptions): AsyncIterable<JSONMessage>;
  login(auth: AuthConfig): Promise<AuthResponse>;
  commit(opts: CommitOptions): Promise<{ Id: string }>;

  containerList(opts: ContainerListOptions): Promise<ContainerSummary[]>;
  containerCreate(req: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse>;
  containerInspect(id: string, size?: boolean): Promise<ContainerInspect>;
  containerStart(id: string): Promise<void>;
  containerStop(id: string, opts?: { signal?: string; timeout?: number }): Promise<void>;
  containerRestart(id: string, opts?: { signal?: string; timeout?: number }): Promise<void>;
  containerKill(id: string, signal?: string): Promise<void>;
  containerPause(id: string): Promise<void>;
  containerUnpause(id: string): Promise<void>;
  containerRemove(id: string, opts: { force?: boolean; volumes?: boolean }): Promise<void>;
  containerRename(id: string, name: string): Promise<void>;
  /** POST /containers/{id}/update (docker update): resources and restart policy. */
  containerUpdate(id: string, config: ContainerUpdateConfig): Promise<ContainerUpdateResponse>;
  containerLogs(id: string, opts: LogsOptions): Promise<{ stdout: string; stderr: string }>;
  containerDiff(id: string): Promise<ContainerChange[] | null>;
  containerTop(id: string, psArgs?: string): Promise<ContainerTop>;
  containerWait(id: string, condition?: string): Promise<ContainerWaitResponse>;
  containersPrune(filters: Filters): Promise<ContainersPruneReport>;
  /** Attach to a container's main process (run -i / start -a). Resolves when the process exits. */
  containerAttach(id: string, io: AttachIO): Promise<void>;
  /** Copy out of a container: a tar archive of `path`. Copy in: extract `tar` at `path`. */
  containerArchiveGet(id: string, path: string): Promise<{ tar: Uint8Array; stat: { name: string; size: number; mode: number; mtime: string; linkTarget: string } }>;
  containerArchivePut(id: string, path: string, tar: Uint8Array): Promise<void>;
  execCreate(id: string, req: ExecCreateRequest): Promise<{ Id: string }>;
  /** Runs the exec attached; resolves with its exit code. */
  execStart(execId: string, io: AttachIO): Promise<number>;

  volumeList(filters?: Filters): Promise<{ Volumes: VolumeInfo[]; Warnings: string[] | null }>;
  volumeCreate(req: VolumeCreateRequest): Promise<VolumeInfo>;
  volumeInspect(name: string): Promise<VolumeInfo>;
  volumeRemove(name: string, force?: boolean): Promise<void>;
  /** `all`: also named volumes (the CLI's `--all` sends the filter all=true). */
  volumesPrune(filters: Filters): Promise<VolumesPruneReport>;
  /** One sample (`docker stats --no-stream`): stream=false. */
  containerStats(id: string): Promise<ContainerStats>;

  networkList(filters?: Filters): Promise<NetworkResource[]>;
  networkInspect(id: string, opts?: NetworkInspectOptions): Promise<NetworkResource>;
  networkCreate(req: NetworkCreateRequest): Promise<NetworkCreateResponse>;
  networkRemove(id: string): Promise<void>;
  networksPrune(filters?: Filters): Promise<NetworksPruneReport>;
  networkConnect(network: string, container: string, config?: EndpointSettings | null): Promise<void>;
  networkDisconnect(network: string, container: string, force?: boolean): Promise<void>;
  /** GET /events: past events from `since`, then live ones until `until` or until `signal` aborts. */
  events(opts: EventsOptions, signal?: AbortSignal): AsyncIterable<EventMessage>;
  /** POST /build/prune */
  buildPrune(opts: BuildCachePruneOptions): Promise<BuildCachePruneReport>;
}
