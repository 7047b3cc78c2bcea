/**
 * An in-memory fake EngineClient for tests and `npm run daemon -- --fake`: a handful of images (data like
 * /work/shared/conformance/docker-cli/fake/routes.js), a fake registry to pull from, and minimal containers whose
 * "processes" understand a few programs (echo, cat, true/false, sleep, a tiny sh) so that attach/exec/logs/wait
 * flows can be exercised with the real docker CLI. Deterministic: IDs come from a seeded generator, the clock is injected.
 * It is not the engine (lib/engine): behaviour beyond the happy paths and the common errors is approximate.
 */
import { EngineError, conflict, invalidParameter, notFound, unauthorized } from './errors';
import type {
  AttachIO, AuthConfig, AuthResponse, BuildContext, BuildOptions, CommitOptions, ContainerChange, ContainerConfig,
  ContainerCreateRequest, ContainerCreateResponse, ContainerInspect, ContainerListOptions, ContainerSummary, ContainerTop,
  ContainerWaitResponse, ContainersPruneReport, DiskUsage, EngineClient, ExecCreateRequest, Filters, HistoryItem,
  ImageDeleteItem, ImageInspect, ImageListOptions, ImagePullOptions, ImagePushOptions, ImageRemoveOptions,
  ImageSearchOptions, ImageSearchResult, ImageSummary, ImagesPruneReport, ImportOptions, JSONMessage, LogsOptions,
  PingResult, SystemInfo, VersionInfo, VolumeInfo, VolumesPruneReport, ContainerStats,
} from './types';
import type { ContainerUpdateConfig, ContainerUpdateResponse } from './types';
import { readTar, writeTar } from './tar-read';
import { FakeNetworks, fakeBuildPrune, fakeEvents } from './fake-networks';
import { fromUtf8, utf8 } from './routes/wire';

export interface FakeClientOptions {
  /** Unix seconds; default: SOURCE_DATE_EPOCH-like fixed clock given by the caller, else Date.now(). */
  now?: () => number;
  /** Seed of the ID generator (default 1). */
  seed?: number;
  /** Start with no local images. */
  empty?: boolean;
}

interface HistoryEntry { created: number; createdBy: string; size: number; comment: string; emptyLayer?: boolean }
interface ImageRec {
  id: string;
  tags: string[];
  digests: string[];
  created: number;
  size: number;
  parent: string;
  comment: string;
  author: string;
  config: ContainerConfig;
  history: HistoryEntry[];
  layers: string[];
  lastTagTime?: string;
}

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const H = (c: string) => c.repeat(64);

/** What the fake registry serves: repository (familiar) → tag → image template. */
interface RemoteImage { id: string; created: number; size: number; config: ContainerConfig; history: HistoryEntry[]; digest: string; layers: string[] }
const T2024 = 1718000000; // 2024-06-10
function remote(id: string, created: number, size: number, cmd: string[], extra: Partial<ContainerConfig> = {}, history?: HistoryEntry[]): RemoteImage {
  return {
    id: 'sha256:' + id, created, size,
    config: { Env: [PATH_ENV], Cmd: cmd, ...extra },
    history: history ?? [
      { created: created - 1, createdBy: `/bin/sh -c #(nop) ADD file:${id.slice(0, 32)}${id.slice(0, 32)} in / `, size, comment: '' },
      { created, createdBy: `/bin/sh -c #(nop)  CMD ${JSON.stringify(cmd).replace(/,/g, ' ')}`, size: 0, comment: '', emptyLayer: true },
    ],
    digest: 'sha256:' + id.split('').reverse().join(''),
    layers: ['sha256:' + id.slice(8) + id.slice(0, 8)],
  };
}
const REGISTRY: Record<string, Record<string, RemoteImage>> = {
  alpine: {
    latest: remote('91ef0af61f39ece4d6710e465df5ed6ca12112358344fd51ae6a3b886634f799', T2024, 7800000, ['/bin/sh']),
    '3.20': remote('91ef0af61f39ece4d6710e465df5ed6ca12112358344fd51ae6a3b886634f799', T2024, 7800000, ['/bin/sh']),
    '3.19': remote('05455a08881ea9cf0e752bc48e61bbd71a34c029bb13df01e40e3e70e0d007bd', T2024 - 86400 * 200, 7400000, ['/bin/sh']),
  },
  busybox: { latest: remote('ba5dc23f65d4cc4a4535bce55cf9e63b068eb02946e3422d3587e8ce803b6aab', T2024 - 86400 * 30, 4270000, ['sh']) },
  nginx: {
    latest: remote('a5967740120871e6d0b8e8a7e5a8b3f51f8f64fd4ab6afd29e0d06f4a3b8e0a1', T2024 + 86400, 192004455, ['nginx', '-g', 'daemon off;'], {
      Entrypoint: ['/docker-entrypoint.sh'], ExposedPorts: { '80/tcp': {} }, Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' }, StopSignal: 'SIGQUIT',
    }),
  },
  'hello-world': {
    latest: remote('74cc54e27dc41bb10dc4b2226072d469509f2f22f1a3ce74f4a59661a1d44602', T2024 - 86400 * 400, 10072, ['/hello'], {}, [
      { created: T2024 - 86400 * 400 - 1, createdBy: 'COPY hello / # buildkit', size: 10072, comment: 'buildkit.dockerfile.v0' },
      { created: T2024 - 86400 * 400, createdBy: 'CMD ["/hello"]', size: 0, comment: 'buildkit.dockerfile.v0', emptyLayer: true },
    ]),
  },
};

const SEARCH: ImageSearchResult[] = [
  { star_count: 20932, is_official: true, name: 'nginx', is_automated: false, description: 'Official build of Nginx.' },
  { star_count: 115, is_official: false, name: 'nginx/nginx-ingress', is_automated: false, description: 'NGINX and  NGINX Plus Ingress Controllers for Kubernetes' },
  { star_count: 11000, is_official: true, name: 'alpine', is_automated: false, description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!' },
  { star_count: 3400, is_official: true, name: 'busybox', is_automated: false, description: 'Busybox base image.' },
];

/** A small deterministic hex generator (xorshift32). */
function idGen(seed: number) {
  let s = (seed >>> 0) || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  return () => { let h = ''; for (let i = 0; i < 8; i++) h += next().toString(16).padStart(8, '0'); return h; };
}

/** Familiar form of a reference, with ":latest" when it has no tag or digest. */
export function normalizeRef(ref: string): string {
  let n = ref.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '').replace(/^index\.docker\.io\/library\//, '');
  const last = n.split('/').pop() ?? '';
  if (!last.includes(':') && !n.includes('@')) n += ':latest';
  return n;
}
const repoOf = (tag: string) => tag.slice(0, tag.lastIndexOf(':'));
const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function noSuchImage(name: string): EngineError {
  if (/^(sha256:)?[0-9a-f]{64}$/.test(name)) return notFound('No such image: ' + (name.startsWith('sha256:') ? name : 'sha256:' + name));
  return notFound('No such image: ' + normalizeRef(name));
}

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return re.test(s);
}

// ---------- containers ----------

interface Proc {
  done: Promise<number>;
  /** Stops the process with an exit code. */
  stop(code: number): void;
}
interface ContainerRec {
  id: string;
  name: string;
  image: string;
  imageId: string;
  config: ContainerConfig;
  hostConfig: Record<string, unknown>;
  created: number;
  state: 'created' | 'running' | 'paused' | 'exited';
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  logs: { stream: 'stdout' | 'stderr'; data: string; time: number }[];
  attached: AttachIO[];
  attachWaiters: (() => void)[];
  exitWaiters: ((code: number) => void)[];
  removeWaiters: ((code: number) => void)[];
  proc: Proc | null;
  restartCount: number;
  files: Map<string, { data: Uint8Array; mode: number; type: 'file' | 'dir' }>;
}
interface ExecRec { id: string; container: ContainerRec; req: ExecCreateRequest }

const NAMES_A = ['admiring', 'brave', 'clever', 'dazzling', 'eager', 'focused', 'gifted', 'happy', 'jolly', 'keen'];
const NAMES_B = ['turing', 'hopper', 'lovelace', 'curie', 'darwin', 'euler', 'gauss', 'noether', 'ritchie', 'thompson'];

/** The process's standard streams: stdout/stderr fan out to the log and to attached clients. */
interface ProcIO { out(d: string): void; err(d: string): void; readLine(): Promise<string | null>; tty: boolean; stopped: Promise<number> }

function isoTime(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d+Z$/, '.000000000Z');
}

export class FakeEngineClient implements EngineClient {
  private images: ImageRec[] = [];
  private containers: ContainerRec[] = [];
  private execs = new Map<string, ExecRec>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private nameSeq = 0;

  constructor(opts: FakeClientOptions = {}) {
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.newId = idGen(opts.seed ?? 1);
    if (!opts.empty) this.seed();
  }

  private seed(): void {
    const a = REGISTRY.alpine['3.20'];
    this.addFromRemote(a, ['alpine:3.20'], ['alpine@' + a.digest]);
    const n = REGISTRY.nginx.latest;
    this.addFromRemote(n, ['nginx:latest'], ['nginx@' + n.digest]);
    this.images.push({
      id: 'sha256:3f2e1d0c9b8a7968574635241302f1e0d9c8b7a6958473625140312f2e1d0c9b', tags: ['myapp:dev', 'myapp:latest'], digests: [],
      created: T2024 + 86400 * 100, size: 72812345, parent: '', comment: '', author: '',
      config: { Env: [PATH_ENV, 'NODE_VERSION=20.11.0'], Cmd: ['node', 'server.js'], WorkingDir: '/app', Labels: { 'com.example.team': 'web' } },
      history: [
        { created: T2024 + 86400 * 100 - 10, createdBy: 'WORKDIR /app', size: 0, comment: 'buildkit.dockerfile.v0' },
        { created: T2024 + 86400 * 100 - 5, createdBy: 'COPY package*.json ./ # buildkit', size: 1234, comment: 'buildkit.dockerfile.v0' },
        { created: T2024 + 86400 * 100 - 2, createdBy: 'RUN /bin/sh -c npm ci --omit=dev && npm cache clean --force # buildkit', size: 72811111, comment: 'buildkit.dockerfile.v0' },
        { created: T2024 + 86400 * 100, createdBy: 'CMD ["node" "server.js"]', size: 0, comment: 'buildkit.dockerfile.v0', emptyLayer: true },
      ],
      layers: ['sha256:' + H('1'), 'sha256:' + H('2')],
    });
    this.images.push({
      id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', tags: [], digests: [],
      created: T2024 + 86400 * 90, size: 1234, parent: '', comment: '', author: '',
      config: { Env: [PATH_ENV], Cmd: ['/bin/sh'] },
      history: [{ created: T2024 + 86400 * 90, createdBy: '/bin/sh -c echo dangling > /x', size: 1234, comment: '' }],
      layers: ['sha256:' + H('3')],
    });
  }

  private addFromRemote(r: RemoteImage, tags: string[], digests: string[]): ImageRec {
    let img = this.images.find((i) => i.id === r.id);
    if (!img) {
      img = {
        id: r.id, tags: [], digests: [], created: r.created, size: r.size, parent: '', comment: '', author: '',
        config: structuredCloneConfig(r.config), history: r.history.map((h) => ({ ...h })), layers: [...r.layers],
      };
      this.images.push(img);
    }
    for (const t of tags) this.setTag(img, t);
    for (const d of digests) if (!img.digests.includes(d)) img.digests.push(d);
    return img;
  }

  private setTag(img: ImageRec, tag: string): void {
    for (const other of this.images) if (other !== img) other.tags = other.tags.filter((t) => t !== tag);
    if (!img.tags.includes(tag)) img.tags.push(tag);
    img.lastTagTime = isoTime(this.now());
  }

  /** Finds an image by ID, ID prefix, tag or digest reference. */
  private findImage(name: string): ImageRec | undefined {
    const bare = name.replace(/^sha256:/, '');
    if (/^[0-9a-f]{4,64}$/.test(bare)) {
      const byId = this.images.filter((i) => i.id.slice(7).startsWith(bare));
      if (byId.length === 1) return byId[0];
    }
    const ref = normalizeRef(name);
    return this.images.find((i) => i.tags.includes(ref) || i.digests.includes(ref));
  }

  private getImage(name: string): ImageRec {
    const img = this.findImage(name);
    if (!img) throw noSuchImage(name);
    return img;
  }

  // ---------- system ----------
  async ping(): Promise<PingResult> {
    return { apiVersion: '1.50', osType: 'linux', experimental: false, builderVersion: '2', swarm: 'inactive' };
  }
  async version(): Promise<VersionInfo> {
    return {
      Platform: { Name: 'Docker Engine - Community' },
      Components: [{ Name: 'Engine', Version: '28.2.2', Details: { ApiVersion: '1.50', Arch: 'amd64', BuildTime: '2025-05-30T12:07:24.000000000+00:00', Experimental: 'false', GitCommit: '45873be', GoVersion: 'go1.24.3', KernelVersion: '6.8.0-60-generic', MinAPIVersion: '1.24', Os: 'linux' } }],
      Version: '28.2.2', ApiVersion: '1.50', MinAPIVersion: '1.24', GitCommit: '45873be', GoVersion: 'go1.24.3', Os: 'linux', Arch: 'amd64',
      KernelVersion: '6.8.0-60-generic', BuildTime: '2025-05-30T12:07:24.000000000+00:00',
    };
  }
  async info(): Promise<SystemInfo> {
    const running = this.containers.filter((c) => c.state === 'running').length;
    const paused = this.containers.filter((c) => c.state === 'paused').length;
    return {
      ID: 'FAKE:ENGINE:0001', Containers: this.containers.length, ContainersRunning: running, ContainersPaused: paused,
      ContainersStopped: this.containers.length - running - paused, Images: this.images.length, Driver: 'overlay2',
      DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
      MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true, PidsLimit: true,
      IPv4Forwarding: true, Debug: false, NFd: 24, OomKillDisable: false, NGoroutines: 42, SystemTime: isoTime(this.now()),
      LoggingDriver: 'json-file', CgroupDriver: 'systemd', CgroupVersion: '2', NEventsListener: 0, KernelVersion: '6.8.0-60-generic',
      OperatingSystem: 'Ubuntu 24.04.2 LTS', OSVersion: '24.04', OSType: 'linux', Architecture: 'x86_64',
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: { IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'], Mirrors: null },
      NCPU: 4, MemTotal: 8217473024, GenericResources: null, DockerRootDir: '/var/lib/docker', HttpProxy: '', HttpsProxy: '', NoProxy: '',
      Name: 'playground', Labels: [], ExperimentalBuild: false, ServerVersion: '28.2.2',
      Runtimes: { 'io.containerd.runc.v2': { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } }, runc: { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } } },
      DefaultRuntime: 'runc', Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
      LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init',
      ContainerdCommit: { ID: '05044ec0a9a75232cad458027ca83437aae3f4da' }, RuncCommit: { ID: 'v1.2.5-0-g59923ef' }, InitCommit: { ID: 'de40ad0' },
      SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'], CDISpecDirs: ['/etc/cdi', '/var/run/cdi'], Warnings: null,
    };
  }
  async diskUsage(): Promise<DiskUsage> {
    const images = await this.imageList({ all: true });
    return {
      LayersSize: this.images.reduce((n, i) => n + i.size, 0),
      Images: images.map((i) => ({ ...i, Containers: this.containers.filter((c) => c.imageId === i.Id).length, SharedSize: 0 })),
      Containers: await this.containerList({ all: true }),
      Volumes: [],
      BuildCache: [],
    };
  }

  // ---------- images ----------
  async imageList(opts: ImageListOptions): Promise<ImageSummary[]> {
    const f = opts.filters ?? {};
    for (const k of Object.keys(f)) if (!['dangling', 'label', 'before', 'since', 'reference', 'until'].includes(k)) throw invalidParameter(`invalid filter '${k}'`);
    let list = [...this.images];
    if (f.dangling) {
      const want = Object.keys(f.dangling);
      if (want.some((v) => v !== 'true' && v !== 'false')) throw invalidParameter(`invalid filter 'dangling=${want[0]}'`);
      const d = want.includes('true');
      list = list.filter((i) => (i.tags.length === 0) === d);
    }
    if (f.reference) {
      const pats = Object.keys(f.reference);
      list = list.filter((i) => i.tags.some((t) => pats.some((p) => globMatch(p.includes(':') ? p : p, p.includes(':') ? t : repoOf(t)))));
    }
    if (f.label) {
      const want = Object.keys(f.label);
      list = list.filter((i) => want.every((w) => {
        const [k, v] = w.split('=');
        const labels = i.config.Labels ?? {};
        return v === undefined ? k in labels : labels[k] === v;
      }));
    }
    list.sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
    return list.map((i) => ({
      Containers: -1, Created: i.created, Id: i.id, Labels: i.config.Labels ?? null, ParentId: i.parent,
      RepoDigests: [...i.digests], RepoTags: f.reference ? i.tags.filter((t) => Object.keys(f.reference).some((p) => globMatch(p, p.includes(':') ? t : repoOf(t)))) : [...i.tags],
      SharedSize: -1, Size: i.size,
    }));
  }

  async imageInspect(name: string): Promise<ImageInspect> {
    const i = this.getImage(name);
    const cfg: Record<string, unknown> = { Cmd: null, Entrypoint: null, Env: null, Labels: null, OnBuild: null, User: '', Volumes: null, WorkingDir: '', ...i.config };
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(cfg).sort()) sorted[k] = cfg[k];
    return {
      Id: i.id, RepoTags: [...i.tags], RepoDigests: [...i.digests], Parent: i.parent, Comment: i.comment, Created: isoTime(i.created),
      DockerVersion: '', Author: i.author, Config: sorted as ContainerConfig, Architecture: 'amd64', Os: 'linux', Size: i.size,
      GraphDriver: { Data: null, Name: 'overlay2' }, RootFS: { Type: 'layers', Layers: [...i.layers] },
      Metadata: { LastTagTime: i.lastTagTime ?? '0001-01-01T00:00:00Z' },
    };
  }

  async imageHistory(name: string): Promise<HistoryItem[]> {
    const i = this.getImage(name);
    return [...i.history].reverse().map((h, k) => ({
      Comment: h.comment, Created: h.created, CreatedBy: h.createdBy, Id: k === 0 ? i.id : '<missing>', Size: h.size, Tags: k === 0 ? [...i.tags] : null,
    }));
  }

  async imageRemove(name: string, opts: ImageRemoveOptions): Promise<ImageDeleteItem[]> {
    const img = this.getImage(name);
    const out: ImageDeleteItem[] = [];
    const force = Boolean(opts.force);
    const users = this.containers.filter((c) => c.imageId === img.id);
    const ref = normalizeRef(name);
    const refRepo = (r: string) => (r.includes('@') ? r.slice(0, r.indexOf('@')) : repoOf(r));
    const single = () => img.tags.length <= 1 && new Set([...img.tags, ...img.digests].map(refRepo)).size <= 1;
    let removedRef = false;
    if (img.tags.includes(ref) || img.digests.includes(ref)) {
      if (!force && single() && users.length) {
        throw conflict(`conflict: unable to remove repository reference "${name}" (must force) - container ${short(users[0].id)} is using its referenced image ${short(img.id)}`);
      }
      img.tags = img.tags.filter((t) => t !== ref);
      img.digests = img.digests.filter((d) => d !== ref);
      out.push({ Untagged: ref });
      if (!ref.includes('@') && !img.tags.some((t) => repoOf(t) === repoOf(ref))) {
        for (const d of img.digests.filter((x) => refRepo(x) === repoOf(ref))) out.push({ Untagged: d });
        img.digests = img.digests.filter((x) => refRepo(x) !== repoOf(ref));
      }
      if (img.tags.length + img.digests.length > 0) return out;
      removedRef = true;
    } else if (single()) {
      const running = users.find((c) => c.proc);
      if (running) throw conflict(`conflict: unable to delete ${short(img.id)} (cannot be forced) - image is being used by running container ${short(running.id)}`);
      if (users.length && !force) throw conflict(`conflict: unable to delete ${short(img.id)} (must be forced) - image is being used by stopped container ${short(users[0].id)}`);
      for (const r of [...img.tags, ...img.digests]) out.push({ Untagged: r });
      img.tags = [];
      img.digests = [];
    }
    const running = users.find((c) => c.proc);
    if (running) {
      if (removedRef) return out;
      throw conflict(`conflict: unable to delete ${short(img.id)} (cannot be forced) - image is being used by running container ${short(running.id)}`);
    }
    if (users.length && !force) {
      if (removedRef) return out;
      throw conflict(`conflict: unable to delete ${short(img.id)} (must be forced) - image is being used by stopped container ${short(users[0].id)}`);
    }
    if (img.tags.length + img.digests.length > 0) {
      if (!force) throw conflict(`conflict: unable to delete ${short(img.id)} (must be forced) - image is referenced in multiple repositories`);
      for (const r of [...img.tags, ...img.digests]) out.push({ Untagged: r });
      img.tags = [];
      img.digests = [];
    }
    if (this.images.some((i) => i.parent === img.id)) {
      if (removedRef) return out;
      throw conflict(`conflict: unable to delete ${short(img.id)} (cannot be forced) - image has dependent child images`);
    }
    let victim: ImageRec | undefined = img;
    while (victim) {
      const v: ImageRec = victim;
      this.images = this.images.filter((i) => i !== v);
      out.push({ Deleted: v.id });
      if (opts.noprune || !v.parent) break;
      const parent = this.images.find((i) => i.id === v.parent);
      if (!parent || parent.tags.length || this.images.some((i) => i.parent === parent.id) || this.containers.some((c) => c.imageId === parent.id)) break;
      victim = parent;
    }
    return out;
  }

  async imageTag(source: string, repo: string, tag: string): Promise<void> {
    const img = this.getImage(source);
    const r = normalizeRef(repo).replace(/:latest$/, '');
    if (r === 'scratch') throw invalidParameter("'scratch' is a reserved name");
    this.setTag(img, `${r}:${tag || 'latest'}`);
  }

  async imagesPrune(filters: Filters): Promise<ImagesPruneReport> {
    const all = filters.dangling && Object.keys(filters.dangling).includes('false');
    const victims = this.images.filter((i) => (all || i.tags.length === 0) && !this.containers.some((c) => c.imageId === i.id));
    const deleted: ImageDeleteItem[] = [];
    let space = 0;
    for (const v of victims) {
      for (const t of v.tags) deleted.push({ Untagged: t });
      for (const d of v.digests) deleted.push({ Untagged: d });
      deleted.push({ Deleted: v.id });
      space += v.size;
    }
    this.images = this.images.filter((i) => !victims.includes(i));
    return { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: space };
  }

  async *imagePull(opts: ImagePullOptions): AsyncIterable<JSONMessage> {
    const repo = normalizeRef(opts.fromImage).replace(/:latest$/, '');
    const tags = REGISTRY[repo];
    if (!tags) throw notFound(`pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    const tagList = opts.tag ? [opts.tag] : Object.keys(tags);
    for (const tag of tagList) {
      const r = tags[tag];
      if (!r) throw notFound(`manifest for ${repo}:${tag} not found: manifest unknown: manifest unknown`);
    }
    for (const tag of tagList) {
      const r = tags[tag];
      const ref = `${repo}:${tag}`;
      const local = this.findImage(ref);
      yield { status: `Pulling from library/${repo}`, id: tag };
      if (local && local.id === r.id) {
        yield { status: `Digest: ${r.digest}` };
        yield { status: `Status: Image is up to date for ${ref}` };
        continue;
      }
      const layer = r.layers[0].slice(7, 19);
      const have = this.images.some((i) => i.layers.includes(r.layers[0]));
      if (have) yield { status: 'Already exists', progressDetail: {}, id: layer };
      else {
        yield { status: 'Pulling fs layer', progressDetail: {}, id: layer };
        yield { status: 'Verifying Checksum', progressDetail: {}, id: layer };
        yield { status: 'Download complete', progressDetail: {}, id: layer };
        yield { status: 'Pull complete', progressDetail: {}, id: layer };
      }
      this.addFromRemote(r, [ref], [`${repo}@${r.digest}`]);
      yield { status: `Digest: ${r.digest}` };
      yield { status: `Status: Downloaded newer image for ${ref}` };
    }
  }

  async *imagePush(name: string, opts: ImagePushOptions): AsyncIterable<JSONMessage> {
    const full = name.includes('/') && /[.:]/.test(name.split('/')[0]) ? name : name.includes('/') ? 'docker.io/' + name : 'docker.io/library/' + name;
    yield { status: `The push refers to repository [${full.replace(/^docker\.io\/(library\/)?/, (m) => m)}]` };
    const tag = opts.tag || 'latest';
    const ref = normalizeRef(`${name}:${tag}`);
    const img = this.findImage(ref);
    if (!img) throw notFound(`An image does not exist locally with the tag: ${repoOf(ref)}`);
    for (const l of img.layers) yield { status: 'Preparing', progressDetail: {}, id: l.slice(7, 19) };
    for (const l of img.layers) yield { status: 'Layer already exists', progressDetail: {}, id: l.slice(7, 19) };
    const digest = 'sha256:' + img.id.slice(7).split('').reverse().join('');
    yield { status: `${tag}: digest: ${digest} size: 856` };
    yield { progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: 856 } };
  }

  async imageSearch(opts: ImageSearchOptions): Promise<ImageSearchResult[]> {
    let r = SEARCH.filter((s) => s.name.includes(opts.term));
    if (opts.filters?.['is-official']) r = r.filter((s) => s.is_official === ('true' in opts.filters!['is-official']));
    if (opts.filters?.stars) { const min = Number(Object.keys(opts.filters.stars)[0]); r = r.filter((s) => s.star_count >= min); }
    return r.slice(0, opts.limit || 25);
  }

  async imageSave(names: string[]): Promise<Uint8Array> {
    const imgs = names.map((n) => this.getImage(n));
    const manifest = imgs.map((i, k) => ({
      Config: `blobs/sha256/${i.id.slice(7)}`,
      RepoTags: /^[0-9a-f]{4,}$/.test(names[k].replace(/^sha256:/, '')) ? null : [normalizeRef(names[k])],
      Layers: [] as string[],
    }));
    return writeTar([
      { name: 'blobs', type: 'dir', mtime: 0 },
      { name: 'blobs/sha256', type: 'dir', mtime: 0 },
      ...imgs.map((i) => ({ name: `blobs/sha256/${i.id.slice(7)}`, data: utf8(JSON.stringify(i)), mtime: 0 })),
      { name: 'manifest.json', data: utf8(JSON.stringify(manifest)), mtime: 0 },
    ]);
  }

  async *imageLoad(tar: Uint8Array, quiet: boolean): AsyncIterable<JSONMessage> {
    const entries = readTar(tar);
    const man = entries.find((e) => e.name === 'manifest.json');
    if (!man) throw invalidParameter('open /var/lib/docker/tmp/docker-import-0000/manifest.json: no such file or directory');
    const manifest = JSON.parse(fromUtf8(man.data)) as { Config: string; RepoTags: string[] | null }[];
    for (const m of manifest) {
      const blob = entries.find((e) => e.name === m.Config);
      if (!blob) throw invalidParameter(`open ${m.Config}: no such file or directory`);
      const rec = JSON.parse(fromUtf8(blob.data)) as ImageRec;
      let img = this.images.find((i) => i.id === rec.id);
      if (!img) { img = { ...rec, tags: [], digests: [] }; this.images.push(img); }
      if (m.RepoTags?.length) for (const t of m.RepoTags) { this.setTag(img, t); if (!quiet || true) yield { stream: `Loaded image: ${t}\n` }; }
      else yield { stream: `Loaded image ID: ${img.id}\n` };
    }
  }

  async *imageImport(tar: Uint8Array, opts: ImportOptions): AsyncIterable<JSONMessage> {
    if (opts.fromSrc !== '-') throw invalidParameter(`Get "${opts.fromSrc}": dial tcp: lookup ${opts.fromSrc}: no such host`);
    const files = readTar(tar);
    const id = 'sha256:' + this.newId();
    const size = files.reduce((n, f) => n + f.size, 0);
    const img: ImageRec = {
      id, tags: [], digests: [], created: this.now(), size, parent: '', comment: opts.message ?? 'Imported from -', author: '',
      config: {}, history: [{ created: this.now(), createdBy: '', size, comment: opts.message ?? 'Imported from -' }], layers: ['sha256:' + this.newId()],
    };
    this.applyChanges(img.config, opts.changes ?? []);
    this.images.push(img);
    if (opts.repo) this.setTag(img, normalizeRef(opts.repo + (opts.tag ? ':' + opts.tag : '')));
    yield { status: id };
  }

  private applyChanges(cfg: ContainerConfig, changes: string[]): void {
    for (const c of changes) {
      const m = /^\s*(\w+)\s+(.*)$/.exec(c);
      if (!m) continue;
      const arg = m[2].trim();
      const list = () => (arg.startsWith('[') ? (JSON.parse(arg) as string[]) : ['/bin/sh', '-c', arg]);
      switch (m[1].toUpperCase()) {
        case 'CMD': cfg.Cmd = list(); break;
        case 'ENTRYPOINT': cfg.Entrypoint = list(); break;
        case 'ENV': cfg.Env = [...(cfg.Env ?? []), arg.includes('=') ? arg : arg.replace(/\s+/, '=')]; break;
        case 'WORKDIR': cfg.WorkingDir = arg; break;
        case 'USER': cfg.User = arg; break;
        case 'LABEL': { const [k, v] = arg.split('='); cfg.Labels = { ...(cfg.Labels ?? {}), [k]: (v ?? '').replace(/^"|"$/g, '') }; break; }
        case 'EXPOSE': cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}), [arg.includes('/') ? arg : arg + '/tcp']: {} }; break;
        default: throw invalidParameter(`${m[1]} is not a valid change command`);
      }
    }
  }

  async *build(context: BuildContext, opts: BuildOptions): AsyncIterable<JSONMessage> {
    const dfName = opts.dockerfile || 'Dockerfile';
    const df = context.files.get(dfName);
    if (!df) throw invalidParameter(`Cannot locate specified Dockerfile: ${dfName}`);
    const lines = fromUtf8(df.data).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const steps = lines.map((l) => { const sp = l.search(/\s/); return { ins: (sp < 0 ? l : l.slice(0, sp)).toUpperCase(), arg: sp < 0 ? '' : l.slice(sp).trim(), raw: l }; });
    const known = ['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER'];
    for (let k = 0; k < steps.length; k++) {
      if (!known.includes(steps[k].ins)) throw invalidParameter(`dockerfile parse error on line ${k + 1}: unknown instruction: ${steps[k].raw.split(/\s/)[0]}`);
    }
    if (!steps.length || steps[0].ins !== 'FROM') throw invalidParameter('the Dockerfile (Dockerfile) cannot be empty');
    let cur: ImageRec | null = null;
    const quiet = Boolean(opts.quiet);
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      if (!quiet) yield { stream: `Step ${k + 1}/${steps.length} : ${s.raw}\n` };
      if (s.ins === 'FROM') {
        const base = s.arg.split(/\s+/)[0];
        let img = this.findImage(base);
        if (!img) {
          const repo = normalizeRef(base);
          const r = REGISTRY[repoOf(repo)]?.[repo.slice(repo.lastIndexOf(':') + 1)];
          if (!r) throw notFound(`pull access denied for ${repoOf(repo)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
          for await (const m of this.imagePull({ fromImage: repoOf(repo), tag: repo.slice(repo.lastIndexOf(':') + 1) })) if (!quiet) yield m;
          img = this.getImage(repo);
        }
        cur = img;
        if (!quiet) yield { stream: ` ---> ${short(img.id)}\n` };
        continue;
      }
      const prev: ImageRec = cur as ImageRec;
      const config = structuredCloneConfig(prev.config);
      let size = 0;
      let createdBy = `/bin/sh -c #(nop)  ${s.ins} ${s.arg}`;
      if (s.ins === 'RUN') { createdBy = `/bin/sh -c ${s.arg}`; size = 0; }
      else if (s.ins === 'COPY' || s.ins === 'ADD') {
        const src = s.arg.split(/\s+/).slice(0, -1);
        for (const f of src) {
          if (!context.files.has(f) && f !== '.') throw invalidParameter(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${f}: file does not exist`);
          size += context.files.get(f)?.data.length ?? 0;
        }
        createdBy = `/bin/sh -c #(nop) ${s.ins} file:${this.newId()} in ${s.arg.split(/\s+/).pop()} `;
      } else this.applyChanges(config, [`${s.ins} ${s.arg}`].filter(() => ['CMD', 'ENTRYPOINT', 'ENV', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE'].includes(s.ins)));
      const cid = this.newId().slice(0, 12);
      if (!quiet) yield { stream: ` ---> Running in ${cid}\n` };
      const img: ImageRec = {
        id: 'sha256:' + this.newId(), tags: [], digests: [], created: this.now(), size: prev.size + size, parent: prev.id, comment: '', author: '',
        config, history: [...prev.history, { created: this.now(), createdBy, size, comment: '', emptyLayer: size === 0 && s.ins !== 'RUN' }],
        layers: size || s.ins === 'RUN' ? [...prev.layers, 'sha256:' + this.newId()] : [...prev.layers],
      };
      if (opts.labels && k === steps.length - 1) img.config.Labels = { ...(img.config.Labels ?? {}), ...opts.labels };
      this.images.push(img);
      cur = img;
      if (!quiet) yield { stream: ` ---> Removed intermediate container ${cid}\n` };
      if (!quiet) yield { stream: ` ---> ${short(img.id)}\n` };
    }
    const fin = cur as ImageRec;
    yield { aux: { ID: fin.id } };
    if (quiet) yield { stream: fin.id + '\n' };
    else yield { stream: `Successfully built ${short(fin.id)}\n` };
    for (const t of opts.tags ?? []) {
      this.setTag(fin, normalizeRef(t));
      if (!quiet) yield { stream: `Successfully tagged ${normalizeRef(t)}\n` };
    }
  }

  async login(auth: AuthConfig): Promise<AuthResponse> {
    if (!auth.username || auth.password === 'wrong') {
      throw unauthorized('Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password');
    }
    return { Status: 'Login Succeeded', IdentityToken: '' };
  }

  async commit(opts: CommitOptions): Promise<{ Id: string }> {
    const c = this.getContainer(opts.container);
    const base = this.images.find((i) => i.id === c.imageId);
    const config = structuredCloneConfig(c.config);
    this.applyChanges(config, opts.changes ?? []);
    const img: ImageRec = {
      id: 'sha256:' + this.newId(), tags: [], digests: [], created: this.now(), size: (base?.size ?? 0) + 32, parent: base?.id ?? '',
      comment: opts.comment ?? '', author: opts.author ?? '', config,
      history: [...(base?.history ?? []), { created: this.now(), createdBy: [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])].join(' '), size: 32, comment: opts.comment ?? '' }],
      layers: [...(base?.layers ?? []), 'sha256:' + this.newId()],
    };
    this.images.push(img);
    if (opts.repo) this.setTag(img, normalizeRef(opts.repo + (opts.tag ? ':' + opts.tag : '')));
    return { Id: img.id };
  }

  // ---------- containers ----------
  private findContainer(idOrName: string): ContainerRec | undefined {
    const n = idOrName.replace(/^\//, '');
    return this.containers.find((c) => c.id === n) ?? this.containers.find((c) => c.name === n)
      ?? (n.length > 0 ? this.containers.find((c) => c.id.startsWith(n)) : undefined);
  }
  private getContainer(idOrName: string): ContainerRec {
    const c = this.findContainer(idOrName);
    if (!c) throw notFound(`No such container: ${idOrName}`);
    return c;
  }

  async containerList(opts: ContainerListOptions): Promise<ContainerSummary[]> {
    let list = [...this.containers].reverse();
    if (!opts.all) list = list.filter((c) => c.state === 'running' || c.state === 'paused');
    const f = opts.filters ?? {};
    if (f.status) list = list.filter((c) => c.state in f.status);
    if (f.name) list = list.filter((c) => Object.keys(f.name).some((n) => c.name.includes(n)));
    if (f.ancestor) list = list.filter((c) => Object.keys(f.ancestor).some((a) => this.findImage(a)?.id === c.imageId));
    if (opts.limit && opts.limit > 0) list = list.slice(0, opts.limit);
    return list.map((c) => ({
      Id: c.id, Names: ['/' + c.name], Image: c.image, ImageID: c.imageId,
      Command: [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])].join(' '), Created: c.created, Ports: [],
      ...(opts.size ? { SizeRw: 0, SizeRootFs: this.images.find((i) => i.id === c.imageId)?.size ?? 0 } : {}),
      Labels: c.config.Labels ?? {}, State: c.state, Status: this.statusText(c),
      HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: { bridge: {} } }, Mounts: [],
    }));
  }

  private statusText(c: ContainerRec): string {
    const ago = (iso: string) => {
      const d = Math.max(0, this.now() - Math.floor(Date.parse(iso) / 1000));
      if (d < 1) return 'Less than a second';
      if (d === 1) return '1 second';
      if (d < 60) return `${d} seconds`;
      if (d < 120) return 'About a minute';
      if (d < 3600) return `${Math.floor(d / 60)} minutes`;
      if (d < 7200) return 'About an hour';
      if (d < 48 * 3600) return `${Math.floor(d / 3600)} hours`;
      return `${Math.floor(d / 86400)} days`;
    };
    if (c.state === 'created') return 'Created';
    if (c.state === 'running') return `Up ${ago(c.startedAt)}`;
    if (c.state === 'paused') return `Up ${ago(c.startedAt)} (Paused)`;
    return `Exited (${c.exitCode}) ${ago(c.finishedAt)} ago`;
  }

  async containerCreate(req: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse> {
    const imageName = req.Image ?? '';
    const img = this.findImage(imageName);
    if (!img) throw noSuchImage(imageName);
    if (name !== undefined) {
      if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) throw invalidParameter(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
      const other = this.findContainer(name);
      if (other && other.name === name.replace(/^\//, '')) {
        throw conflict(`Conflict. The container name "/${other.name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
      }
    }
    const id = this.newId();
    const { HostConfig, NetworkingConfig: _n, ...cfg } = req;
    const config: ContainerConfig = {
      ...cfg,
      Hostname: cfg.Hostname || id.slice(0, 12),
      Env: [...(img.config.Env ?? []), ...(cfg.Env ?? [])],
      Cmd: cfg.Cmd && cfg.Cmd.length ? cfg.Cmd : cfg.Entrypoint && cfg.Entrypoint.length ? [] : img.config.Cmd ?? null,
      Entrypoint: cfg.Entrypoint && cfg.Entrypoint.length ? cfg.Entrypoint : img.config.Entrypoint ?? null,
      WorkingDir: cfg.WorkingDir || img.config.WorkingDir || '',
      Labels: { ...(img.config.Labels ?? {}), ...(cfg.Labels ?? {}) },
    };
    const cname = name?.replace(/^\//, '') ?? `${NAMES_A[this.nameSeq % 10]}_${NAMES_B[Math.floor(this.nameSeq++ / 10) % 10]}`;
    const c: ContainerRec = {
      id, name: cname, image: imageName, imageId: img.id, config, hostConfig: { ...(HostConfig ?? {}) }, created: this.now(),
      state: 'created', exitCode: 0, startedAt: '0001-01-01T00:00:00Z', finishedAt: '0001-01-01T00:00:00Z', logs: [], attached: [], attachWaiters: [],
      exitWaiters: [], removeWaiters: [], proc: null, restartCount: 0,
      files: new Map([
        ['etc', { data: new Uint8Array(0), mode: 0o755, type: 'dir' }],
        ['etc/hostname', { data: utf8(config.Hostname + '\n'), mode: 0o644, type: 'file' }],
        ['etc/os-release', { data: utf8('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n'), mode: 0o644, type: 'file' }],
        ['tmp', { data: new Uint8Array(0), mode: 0o1777, type: 'dir' }],
      ]),
    };
    this.containers.push(c);
    return { Id: id, Warnings: [] };
  }

  async containerInspect(idOrName: string, size?: boolean): Promise<ContainerInspect> {
    const c = this.getContainer(idOrName);
    const cmd = [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])];
    const r: ContainerInspect = {
      Id: c.id, Created: isoTime(c.created), Path: cmd[0] ?? '', Args: cmd.slice(1),
      State: {
        Status: c.state, Running: c.state === 'running' || c.state === 'paused', Paused: c.state === 'paused', Restarting: false,
        OOMKilled: false, Dead: false, Pid: c.state === 'running' || c.state === 'paused' ? 4242 : 0, ExitCode: c.exitCode, Error: '',
        StartedAt: c.startedAt, FinishedAt: c.finishedAt,
      },
      Image: c.imageId, ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`, HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
      HostsPath: `/var/lib/docker/containers/${c.id}/hosts`, LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
      Name: '/' + c.name, RestartCount: c.restartCount, Driver: 'overlay2', Platform: 'linux', MountLabel: '', ProcessLabel: '', AppArmorProfile: 'docker-default',
      ExecIDs: null, HostConfig: { NetworkMode: 'bridge', ...c.hostConfig }, Mounts: [],
      Config: c.config, NetworkSettings: { Bridge: '', SandboxID: '', Ports: {}, Networks: { bridge: {} } },
    };
    if (size) { r.SizeRw = 0; r.SizeRootFs = this.images.find((i) => i.id === c.imageId)?.size ?? 0; }
    return r;
  }

  private emit(c: ContainerRec, stream: 'stdout' | 'stderr', data: string): void {
    if (!data) return;
    c.logs.push({ stream, data, time: this.now() });
    for (const io of c.attached) io[stream](data);
  }

  async containerStart(idOrName: string): Promise<void> {
    const c = this.getContainer(idOrName);
    if (c.state === 'running' || c.state === 'paused') return;
    const cmd = [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])];
    if (!cmd.length) throw invalidParameter('no command specified');
    const prog = cmd[0].split('/').pop() ?? '';
    if (!PROGRAMS[prog]) {
      throw new EngineError('invalidParameter', `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${cmd[0]}": executable file not found in $PATH: unknown`);
    }
    c.state = 'running';
    c.startedAt = isoTime(this.now());
    const tty = Boolean(c.config.Tty);
    let lineBuf = '';
    let eof = false;
    let stopResolve: (code: number) => void = () => {};
    const stopped = new Promise<number>((r) => { stopResolve = r; });
    const readChunk = async (): Promise<string | null> => {
      if (!c.config.OpenStdin) return null;
      for (;;) {
        // stdin comes from the first attached client that sends it; with none, wait for one (like a detached `run -i`)
        const reader = c.attached.find((io) => io.readStdin && !io.signal?.aborted);
        if (!reader?.readStdin) {
          await new Promise<void>((r) => c.attachWaiters.push(r));
          continue;
        }
        const detached = new Promise<'detached'>((r) => reader.signal?.addEventListener('abort', () => r('detached'), { once: true }));
        const d = await Promise.race([reader.readStdin(), detached]);
        if (d === 'detached') continue;
        // (a TTY's echo and line editing are done by whoever owns the terminal: lib/api/server.ts for the daemon)
        return d;
      }
    };
    const pio: ProcIO = {
      tty,
      stopped,
      out: (d) => this.emit(c, 'stdout', tty ? d.replace(/\n/g, '\r\n') : d),
      err: (d) => this.emit(c, tty ? 'stdout' : 'stderr', tty ? d.replace(/\n/g, '\r\n') : d),
      readLine: async () => {
        for (;;) {
          const nl = lineBuf.indexOf('\n');
          if (nl >= 0) { const l = lineBuf.slice(0, nl); lineBuf = lineBuf.slice(nl + 1); return l; }
          if (eof) { if (lineBuf) { const l = lineBuf; lineBuf = ''; return l; } return null; }
          const d = await Promise.race([readChunk(), stopped.then(() => null)]);
          if (d === null) eof = true; else lineBuf += d;
        }
      },
    };
    const done = Promise.race([PROGRAMS[prog](cmd.slice(1), pio, c.config.Env ?? []), stopped]);
    c.proc = { done, stop: (code) => stopResolve(code) };
    void done.then((code) => {
      if (c.proc?.done !== done) return;
      c.proc = null;
      c.state = 'exited';
      c.exitCode = code;
      c.finishedAt = isoTime(this.now());
      const waiters = c.exitWaiters.splice(0);
      for (const w of waiters) w(code);
      if (c.hostConfig.AutoRemove) this.removeNow(c);
    });
  }

  private removeNow(c: ContainerRec): void {
    this.containers = this.containers.filter((x) => x !== c);
    for (const w of c.removeWaiters.splice(0)) w(c.exitCode);
  }

  async containerStop(idOrName: string, _opts?: { signal?: string; timeout?: number }): Promise<void> {
    const c = this.getContainer(idOrName);
    if (!c.proc) return;
    const p = c.proc;
    p.stop(c.imageId === REGISTRY.nginx.latest.id ? 0 : 137);
    await p.done;
    await Promise.resolve();
  }
  async containerRestart(idOrName: string, opts?: { signal?: string; timeout?: number }): Promise<void> {
    await this.containerStop(idOrName, opts);
    const c = this.getContainer(idOrName);
    c.restartCount = 0;
    await this.containerStart(idOrName);
  }
  async containerKill(idOrName: string, signal?: string): Promise<void> {
    const c = this.getContainer(idOrName);
    if (!c.proc) throw conflict(`cannot kill container: ${idOrName}: container ${c.id} is not running`);
    const sig = (signal ?? 'KILL').replace(/^SIG/, '');
    const nums: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15, USR1: 10, USR2: 12 };
    const p = c.proc;
    p.stop(128 + (nums[sig] ?? (Number(sig) || 9)));
    await p.done;
    await Promise.resolve();
  }
  async containerPause(idOrName: string): Promise<void> {
    const c = this.getContainer(idOrName);
    if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
    c.state = 'paused';
  }
  async containerUnpause(idOrName: string): Promise<void> {
    const c = this.getContainer(idOrName);
    if (c.state !== 'paused') throw conflict(`container ${c.id} is not paused`);
    c.state = 'running';
  }
  async containerRemove(idOrName: string, opts: { force?: boolean; volumes?: boolean }): Promise<void> {
    const c = this.getContainer(idOrName);
    if (c.proc) {
      if (!opts.force) throw conflict(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
      const p = c.proc;
      p.stop(137);
      await p.done;
      await Promise.resolve();
    }
    this.removeNow(c);
  }
  async containerRename(idOrName: string, name: string): Promise<void> {
    const c = this.getContainer(idOrName);
    const n = name.replace(/^\//, '');
    if (!n) throw invalidParameter('Neither old nor new names may be empty');
    const other = this.containers.find((x) => x.name === n);
    if (other) throw conflict(`Conflict. The container name "/${n}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    c.name = n;
  }
  /** docker update on the fake daemon: the restart policy (and resources) stored as given, as moby keeps them. */
  async containerUpdate(idOrName: string, config: ContainerUpdateConfig): Promise<ContainerUpdateResponse> {
    const c = this.getContainer(idOrName);
    const { RestartPolicy, ...resources } = config;
    for (const [k, v] of Object.entries(resources)) if (v !== 0 && v !== '' && v !== null && v !== undefined) c.hostConfig[k] = v;
    if (RestartPolicy?.Name) c.hostConfig.RestartPolicy = RestartPolicy;
    return { Warnings: null };
  }
  async containerLogs(idOrName: string, opts: LogsOptions): Promise<{ stdout: string; stderr: string }> {
    const c = this.getContainer(idOrName);
    let logs = c.logs;
    if (opts.tail && opts.tail !== 'all') logs = logs.slice(Math.max(0, logs.length - Number(opts.tail)));
    const pick = (s: 'stdout' | 'stderr') => logs.filter((l) => l.stream === s)
      .map((l) => (opts.timestamps ? isoTime(l.time) + ' ' : '') + l.data).join('');
    return { stdout: opts.stdout === false ? '' : pick('stdout'), stderr: opts.stderr === false ? '' : pick('stderr') };
  }
  async containerDiff(idOrName: string): Promise<ContainerChange[] | null> {
    const c = this.getContainer(idOrName);
    const ch: ContainerChange[] = [];
    for (const p of c.files.keys()) if (!['etc', 'etc/hostname', 'etc/os-release', 'tmp'].includes(p)) ch.push({ Path: '/' + p, Kind: 1 });
    return ch.length ? ch : null;
  }
  async containerTop(idOrName: string, _psArgs?: string): Promise<ContainerTop> {
    const c = this.getContainer(idOrName);
    if (c.state !== 'running' && c.state !== 'paused') throw conflict(`container ${c.id} is not running`);
    return { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: [['root', '4242', '4221', '0', '03:00', '?', '00:00:00', [...(c.config.Entrypoint ?? []), ...(c.config.Cmd ?? [])].join(' ')]] };
  }
  async containerWait(idOrName: string, condition?: string): Promise<ContainerWaitResponse> {
    const c = this.getContainer(idOrName);
    if (condition === 'removed') return { StatusCode: await new Promise<number>((r) => c.removeWaiters.push(r)) };
    if ((condition ?? 'not-running') === 'not-running' && !c.proc) return { StatusCode: c.exitCode };
    return { StatusCode: await new Promise<number>((r) => c.exitWaiters.push(r)) };
  }
  async containersPrune(_filters: Filters): Promise<ContainersPruneReport> {
    const victims = this.containers.filter((c) => c.state === 'exited' || c.state === 'created');
    for (const v of victims) this.removeNow(v);
    return { ContainersDeleted: victims.length ? victims.map((v) => v.id) : null, SpaceReclaimed: 0 };
  }
  async containerAttach(idOrName: string, io: AttachIO): Promise<void> {
    const c = this.getContainer(idOrName);
    c.attached.push(io);
    for (const w of c.attachWaiters.splice(0)) w();
    // Resolves at the next exit, or when the client detaches (io.signal aborted: detach keys, closed connection).
    await new Promise<void>((r) => {
      c.exitWaiters.push(() => r());
      io.signal?.addEventListener('abort', () => r(), { once: true });
    });
    c.attached = c.attached.filter((x) => x !== io);
  }
  async containerArchiveGet(idOrName: string, path: string) {
    const c = this.getContainer(idOrName);
    const p = path.replace(/^\/+/, '').replace(/\/+$/, '');
    const f = c.files.get(p);
    if (!f) throw notFound(`Could not find the file ${path} in container ${idOrName}`);
    const name = p.split('/').pop() ?? '/';
    const entries = [{ name, type: f.type, mode: f.mode, data: f.data, mtime: c.created }];
    if (f.type === 'dir') for (const [k, v] of c.files) if (k.startsWith(p + '/')) entries.push({ name: name + k.slice(p.length), type: v.type, mode: v.mode, data: v.data, mtime: c.created });
    return {
      tar: writeTar(entries),
      stat: { name, size: f.data.length, mode: f.type === 'dir' ? (0x80000000 | f.mode) >>> 0 : f.mode, mtime: new Date(c.created * 1000).toISOString(), linkTarget: '' },
    };
  }
  async containerArchivePut(idOrName: string, path: string, tar: Uint8Array): Promise<void> {
    const c = this.getContainer(idOrName);
    const dir = path.replace(/^\/+/, '').replace(/\/+$/, '');
    if (dir && c.files.get(dir)?.type !== 'dir') throw notFound(`Could not find the file ${path} in container ${idOrName}`);
    for (const e of readTar(tar)) {
      if (!e.name) continue;
      c.files.set(dir ? `${dir}/${e.name}` : e.name, { data: e.data, mode: e.mode, type: e.type === 'dir' ? 'dir' : 'file' });
    }
  }
  async execCreate(idOrName: string, req: ExecCreateRequest): Promise<{ Id: string }> {
    const c = this.getContainer(idOrName);
    if (c.state === 'paused') throw conflict(`Container ${c.id} is paused, unpause the container before exec`);
    if (c.state !== 'running') throw conflict(`container ${c.id} is not running`);
    const id = this.newId();
    this.execs.set(id, { id, container: c, req });
    return { Id: id };
  }
  async execStart(execId: string, io: AttachIO): Promise<number> {
    const e = this.execs.get(execId);
    if (!e) throw notFound(`No such exec instance: ${execId}`);
    const prog = PROGRAMS[e.req.Cmd[0].split('/').pop() ?? ''];
    const tty = io.tty;
    if (!prog) {
      io.stdout(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${e.req.Cmd[0]}": executable file not found in $PATH: unknown${tty ? '\r\n' : '\n'}`);
      return 126;
    }
    let lineBuf = '';
    let eof = false;
    const pio: ProcIO = {
      tty,
      stopped: new Promise<number>(() => {}),
      out: (d) => io.stdout(tty ? d.replace(/\n/g, '\r\n') : d),
      err: (d) => (tty ? io.stdout(d.replace(/\n/g, '\r\n')) : io.stderr(d)),
      readLine: async () => {
        for (;;) {
          const nl = lineBuf.indexOf('\n');
          if (nl >= 0) { const l = lineBuf.slice(0, nl); lineBuf = lineBuf.slice(nl + 1); return l; }
          if (eof || !io.readStdin) { eof = true; if (lineBuf) { const l = lineBuf; lineBuf = ''; return l; } return null; }
          const d = await io.readStdin();
          if (d === null) eof = true;
          else lineBuf += d;
        }
      },
    };
    return prog(e.req.Cmd.slice(1), pio, [...(e.container.config.Env ?? []), ...(e.req.Env ?? [])]);
  }

  async volumeList(): Promise<{ Volumes: VolumeInfo[]; Warnings: string[] | null }> {
    return { Volumes: [], Warnings: null };
  }
  // Volumes and stats are served by lib/engine; the fake knows none.
  async volumeCreate(): Promise<VolumeInfo> { throw new EngineError('system', 'the fake client has no volumes'); }
  async volumeInspect(name: string): Promise<VolumeInfo> { throw notFound(`get ${name}: no such volume`); }
  async volumeRemove(name: string): Promise<void> { throw notFound(`get ${name}: no such volume`); }
  async volumesPrune(): Promise<VolumesPruneReport> { return { VolumesDeleted: null, SpaceReclaimed: 0 }; }
  async containerStats(id: string): Promise<ContainerStats> { throw notFound(`No such container: ${id}`); }

  // ---------- networks, events, build cache (lib/api/fake-networks.ts) ----------
  private nets?: FakeNetworks;
  private networks(): FakeNetworks { return (this.nets ??= new FakeNetworks(() => isoTime(this.now()))); }
  networkList(filters?: Filters) { return this.networks().networkList(filters); }
  networkInspect(id: string) { return this.networks().networkInspect(id); }
  networkCreate(req: import('./types').NetworkCreateRequest) { return this.networks().networkCreate(req); }
  networkRemove(id: string) { return this.networks().networkRemove(id); }
  networksPrune() { return this.networks().networksPrune(); }
  networkConnect(network: string, container: string) { return this.networks().networkConnect(network, container); }
  networkDisconnect(network: string) { return this.networks().networkDisconnect(network); }
  events(opts: import('./types').EventsOptions, signal?: AbortSignal) { return fakeEvents(opts, signal); }
  buildPrune(opts: import('./types').BuildCachePruneOptions) { return fakeBuildPrune(opts); }
}

function structuredCloneConfig(c: ContainerConfig): ContainerConfig {
  return JSON.parse(JSON.stringify(c)) as ContainerConfig;
}

// ---------- fake programs ----------

type Program = (args: string[], io: ProcIO, env: string[]) => Promise<number>;

async function runShellLine(line: string, io: ProcIO, env: string[]): Promise<number | { exit: number }> {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  const [cmd, ...args] = words;
  switch (cmd) {
    case 'exit': return { exit: Number(args[0] ?? 0) || 0 };
    case 'echo': io.out(args.join(' ').replace(/^"(.*)"$/, '$1') + '\n'); return 0;
    case 'true': return 0;
    case 'false': return 1;
    case 'pwd': io.out('/\n'); return 0;
    case 'hostname': io.out('playground\n'); return 0;
    case 'whoami': io.out('root\n'); return 0;
    case 'env': io.out(env.join('\n') + '\n'); return 0;
    case 'sleep': return 0;
    default:
      io.err(`sh: ${cmd}: not found\n`);
      return 127;
  }
}

const PROGRAMS: Record<string, Program> = {
  echo: async (args, io) => { io.out(args.join(' ') + '\n'); return 0; },
  true: async () => 0,
  false: async () => 1,
  hostname: async (_a, io) => { io.out('playground\n'); return 0; },
  cat: async (_a, io) => {
    for (;;) {
      const l = await io.readLine();
      if (l === null) return 0;
      io.out(l + '\n');
    }
  },
  sleep: async (_a, io) => io.stopped,
  nginx: async (_a, io) => io.stopped,
  'docker-entrypoint.sh': async (_a, io) => io.stopped,
  top: async (_a, io) => io.stopped,
  hello: async (_a, io) => { io.out('\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n'); return 0; },
  sh: shell,
  bash: shell,
};

async function shell(args: string[], io: ProcIO, env: string[]): Promise<number> {
  if (args[0] === '-c') {
    let last = 0;
    for (const part of (args[1] ?? '').split(/;|&&/)) {
      const r = await runShellLine(part, io, env);
      if (typeof r === 'object') return r.exit;
      last = r;
    }
    return last;
  }
  let last = 0;
  for (;;) {
    if (io.tty) io.out('/ # ');
    const line = await io.readLine();
    if (line === null) return last;
    const r = await runShellLine(line, io, env);
    if (typeof r === 'object') return r.exit;
    last = r;
  }
}

/** A fake client with the default images. */
export function createFakeClient(opts: FakeClientOptions = {}): EngineClient {
  return new FakeEngineClient(opts);
}
