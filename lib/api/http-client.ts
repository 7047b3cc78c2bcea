/**
 * EngineClient over HTTP/1.1 to a Docker Engine API (tcp://host:port), with the global `fetch` (Node 20, browsers).
 * Requests are the ones docker CLI 28.2.2 sends (paths, query parameters sorted like Go's url.Values.Encode,
 * X-Registry-Auth), after API version negotiation: HEAD /_ping, then /v{min(server, 1.50)}/...
 *
 * Attach and exec start: with a `hijack` dialer (HttpEngineClientOptions; scripts/hijack.ts gives one over node:net) the
 * request carries `Connection: Upgrade`, `Upgrade: tcp` like the CLI's, the daemon answers 101, and stdin is written on the
 * same connection (half-closed at end of input, as the CLI's CloseWrite). Without one (browsers: fetch cannot upgrade),
 * attach/exec use plain responses: output streams, stdin is not forwarded.
 * `containerStart` waits until a pending `containerAttach` of the same container has its response headers (the CLI
 * attaches before it starts; over HTTP the start could otherwise reach the daemon first and a fast process exit unseen).
 */
import { utf8Decode, utf8Encode } from '../cli/gotemplate/utf8';
import { EngineError } from './errors';
import type {
  AttachIO, AuthConfig, AuthResponse, BuildContext, BuildOptions, CommitOptions, ContainerChange, ContainerCreateRequest,
  ContainerCreateResponse, ContainerInspect, ContainerListOptions, ContainerSummary, ContainerTop, ContainerWaitResponse,
  ContainersPruneReport, DiskUsage, EngineClient, ExecCreateRequest, Filters, HistoryItem, ImageDeleteItem, ImageInspect,
  ImageListOptions, ImagePullOptions, ImagePushOptions, ImageRemoveOptions, ImageSearchOptions, ImageSearchResult,
  ImagesPruneReport, ImageSummary, ImportOptions, JSONMessage, LogsOptions, PingResult, SystemInfo, VersionInfo, VolumeInfo, VolumeCreateRequest, VolumesPruneReport, ContainerStats,
} from './types';
import type { ContainerUpdateConfig, ContainerUpdateResponse } from './types';
import type { BuildCachePruneOptions, BuildCachePruneReport, EndpointSettings, EventMessage, EventsOptions, NetworkCreateRequest, NetworkCreateResponse, NetworkInspectOptions, NetworkResource, NetworksPruneReport } from './types';

/** The daemon's exact JSON text of an inspect answer, on the decoded object (lib/cli/inspect.ts prints it as is). */
export const RAW_JSON: unique symbol = Symbol.for('dockerPlayground.rawJSON');

/** The API version docker CLI 28.2.2 speaks by default. */
export const DEFAULT_API_VERSION = '1.50';
export const USER_AGENT = 'Docker-Client/28.2.2 (linux)';

/** The daemon could not be reached: the CLI prints this message as is (no "Error response from daemon: "). */
export class DaemonUnreachableError extends Error {
  constructor(host: string) {
    super(`Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`);
    this.name = 'DaemonUnreachableError';
  }
}

// ---- the parts of fetch we use (lib/ has no DOM types) ----
interface StreamReader { read(): Promise<{ done: boolean; value?: Uint8Array }>; releaseLock(): void; cancel(): Promise<void> }
interface FetchResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: { getReader(): StreamReader } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface FetchInit { method: string; headers: Record<string, string>; body?: Uint8Array | string; signal?: unknown }
type FetchFn = (url: string, init: FetchInit) => Promise<FetchResponse>;

type QueryValue = string | string[] | undefined;

/** Go's url.QueryEscape */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's url.Values.Encode: keys sorted, values in order. */
export function encodeQuery(q: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const k of Object.keys(q).sort()) {
    const v = q[k];
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${queryEscape(k)}=${queryEscape(x)}`);
  }
  return parts.join('&');
}

/** Escapes a URL path like Go's url.URL.EscapedPath (keeps / : @ and the sub-delims). */
export function escapePath(p: string): string {
  let out = '';
  for (const b of utf8Encode(p)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~!$&'()*+,;=:@/]/.test(c)) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** filters.ToJSON: {"dangling":{"true":true}} with keys sorted (Go maps). */
export function filtersJSON(f: Filters): string {
  const keys = Object.keys(f).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':{' + Object.keys(f[k]).sort().map((v) => JSON.stringify(v) + ':' + (f[k][v] ? 'true' : 'false')).join(',') + '}').join(',') + '}';
}

function hasFilters(f: Filters | undefined): f is Filters {
  return !!f && Object.keys(f).length > 0;
}

function base64Url(s: string): string {
  const bytes = utf8Encode(s);
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < bytes.length ? A[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? A[n & 63] : '=');
  }
  return out;
}

function base64Decode(s: string): Uint8Array {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = s.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const n = (A.indexOf(clean[i]) << 18) | (A.indexOf(clean[i + 1]) << 12) | ((A.indexOf(clean[i + 2] ?? 'A') & 63) << 6) | (A.indexOf(clean[i + 3] ?? 'A') & 63);
    out.push((n >> 16) & 255);
    if (clean[i + 2] !== undefined) out.push((n >> 8) & 255);
    if (clean[i + 3] !== undefined) out.push(n & 255);
  }
  return Uint8Array.from(out);
}

/** The X-Registry-Auth value of an empty auth config ("{}"), which the CLI sends when it has no credentials. */
export const EMPTY_AUTH = base64Url('{}');
export const encodeAuthConfig = (auth: AuthConfig): string => base64Url(JSON.stringify(auth));

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// ---- tar (ustar) for build contexts ----
function octal(n: number, len: number): string {
  return n.toString(8).padStart(len - 1, '0') + '\0';
}

/** Writes an uncompressed ustar archive of a build context. */
export function tarBuildContext(ctx: BuildContext): Uint8Array {
  const chunks: Uint8Array[] = [];
  const paths = [...ctx.files.keys()].sort();
  for (const path of paths) {
    const f = ctx.files.get(path)!;
    const type = f.type ?? 'file';
    const data = type === 'file' ? f.data : new Uint8Array(0);
    const header = new Uint8Array(512);
    let name = type === 'dir' && !path.endsWith('/') ? path + '/' : path;
    let prefix = '';
    if (utf8Encode(name).length > 100) {
      const cut = name.lastIndexOf('/', name.length - 2);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
      if (utf8Encode(name).length > 100 || utf8Encode(prefix).length > 155) throw new Error(`tar: path too long: ${path}`);
    }
    const put = (s: string, off: number, len: number) => { header.set(utf8Encode(s).slice(0, len), off); };
    put(name, 0, 100);
    put(octal(f.mode & 0o7777, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(data.length, 12), 124, 12);
    put(octal(Math.floor(f.mtime ?? 0), 12), 136, 12);
    put('        ', 148, 8);
    put(type === 'dir' ? '5' : type === 'symlink' ? '2' : '0', 156, 1);
    if (f.linkname) put(f.linkname, 157, 100);
    put('ustar\0' + '00', 257, 8);
    put(prefix, 345, 155);
    let sum = 0;
    for (const b of header) sum += b;
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    chunks.push(header, data);
    if (data.length % 512) chunks.push(new Uint8Array(512 - (data.length % 512)));
  }
  chunks.push(new Uint8Array(1024));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

/** Splits a multiplexed stdout/stderr stream (8-byte frame headers) as the daemon sends for non-TTY containers. */
export function demux(bytes: Uint8Array): { stdout: string; stderr: string; raw: boolean } {
  const looksMux = bytes.length >= 8 && bytes[0] <= 2 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0;
  if (!looksMux) return { stdout: utf8Decode(bytes), stderr: '', raw: true };
  const out: number[] = [];
  const err: number[] = [];
  let i = 0;
  while (i + 8 <= bytes.length) {
    const kind = bytes[i];
    const size = ((bytes[i + 4] << 24) >>> 0) + (bytes[i + 5] << 16) + (bytes[i + 6] << 8) + bytes[i + 7];
    const frame = bytes.subarray(i + 8, i + 8 + size);
    (kind === 2 ? err : out).push(...frame);
    i += 8 + size;
  }
  return { stdout: utf8Decode(Uint8Array.from(out)), stderr: utf8Decode(Uint8Array.from(err)), raw: false };
}

/** A connection taken over after the response headers of an upgraded request (attach, exec start). */
export interface HijackedConnection {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  /** The next bytes the daemon sent after the headers; null once it closed the connection. */
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array): void;
  /** Half-close (the CLI's CloseWrite): the daemon sees the end of stdin, output keeps coming. */
  closeWrite(): void;
  close(): void;
}
export interface HijackRequest { method: string; url: string; headers: Record<string, string>; body?: string }
/** Opens a raw connection, sends the request, resolves once the response status line and headers are read. */
export type HijackDialer = (req: HijackRequest) => Promise<HijackedConnection>;

export interface HttpEngineClientOptions {
  /** Force an API version (DOCKER_API_VERSION): no negotiation. */
  apiVersion?: string;
  /** The fetch implementation (default: globalThis.fetch). */
  fetch?: FetchFn;
  /** Raw connections for attach/exec with stdin (default: none, stdin is not forwarded). */
  hijack?: HijackDialer;
}

export class HttpEngineClient implements EngineClient {
  private readonly base: string;
  private readonly host: string;
  private apiVer: string | null;
  private negotiated = false;
  private readonly fetchFn: FetchFn;
  private readonly hijackFn: HijackDialer | undefined;
  /** Attach requests whose response headers have not arrived yet, by container (see containerStart). */
  private readonly attaching = new Map<string, Promise<unknown>>();

  /** host: "tcp://127.0.0.1:2375" (or http://...). */
  constructor(host: string, opts: HttpEngineClientOptions = {}) {
    this.host = host;
    this.base = host.replace(/^tcp:\/\//, 'http://').replace(/\/+$/, '');
    this.apiVer = opts.apiVersion ?? null;
    this.negotiated = opts.apiVersion !== undefined;
    this.fetchFn = opts.fetch ?? (globalThis as unknown as { fetch: FetchFn }).fetch.bind(globalThis);
    this.hijackFn = opts.hijack;
  }

  /** The negotiated (or forced) API version. */
  apiVersion(): string { return this.apiVer ?? DEFAULT_API_VERSION; }

  // ---------- transport ----------
  private async rawFetch(method: string, url: string, headers: Record<string, string>, body?: Uint8Array | string): Promise<FetchResponse> {
    try {
      return await this.fetchFn(url, { method, headers: { 'User-Agent': USER_AGENT, ...headers }, body });
    } catch {
      throw new DaemonUnreachableError(this.host);
    }
  }

  private async ensureVersion(): Promise<void> {
    if (!this.negotiated) await this.ping();
  }

  private url(path: string, query: Record<string, QueryValue> = {}): string {
    const q = encodeQuery(query);
    return `${this.base}/v${this.apiVersion()}${escapePath(path)}${q ? '?' + q : ''}`;
  }

  private async request(method: string, path: string, query: Record<string, QueryValue> = {}, opts: { json?: unknown; body?: Uint8Array; contentType?: string; headers?: Record<string, string> } = {}): Promise<FetchResponse> {
    await this.ensureVersion();
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: Uint8Array | string | undefined;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/x-tar';
      body = opts.body;
    }
    const url = this.url(path, query);
    const res = await this.rawFetch(method, url, headers, body);
    if (res.status >= 400) throw await this.errorFrom(res, url);
    return res;
  }

  private async errorFrom(res: FetchResponse, url: string): Promise<EngineError> {
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = utf8Decode(bytes);
    if (text.trim() === '') {
      return EngineError.fromStatus(res.status, `request returned ${res.statusText || String(res.status)} for API route and version ${url}, check if the server supports the requested API version`);
    }
    try {
      const parsed = JSON.parse(text) as { message?: string };
      if (typeof parsed.message === 'string') return EngineError.fromStatus(res.status, parsed.message);
    } catch { /* not JSON */ }
    return EngineError.fromStatus(res.status, text.trim());
  }

  private async json<T>(method: string, path: string, query: Record<string, QueryValue> = {}, opts: { json?: unknown; body?: Uint8Array; headers?: Record<string, string> } = {}): Promise<T> {
    const res = await this.request(method, path, query, opts);
    const text = utf8Decode(new Uint8Array(await res.arrayBuffer()));
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Like json(), keeping the body's exact text on the object (RAW_JSON, non-enumerable) for `inspect`'s output. */
  private async jsonWithRaw<T>(method: string, path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    const res = await this.request(method, path, query);
    const text = utf8Decode(new Uint8Array(await res.arrayBuffer()));
    const v = JSON.parse(text) as T;
    if (typeof v === 'object' && v !== null) Object.defineProperty(v, RAW_JSON, { value: text.replace(/\s+$/, ''), configurable: true });
    return v;
  }

  private async bytes(method: string, path: string, query: Record<string, QueryValue> = {}, opts: { json?: unknown; body?: Uint8Array } = {}): Promise<{ res: FetchResponse; data: Uint8Array }> {
    const res = await this.request(method, path, query, opts);
    return { res, data: new Uint8Array(await res.arrayBuffer()) };
  }

  private async *lines(res: FetchResponse): AsyncGenerator<Uint8Array> {
    if (!res.body) {
      const all = new Uint8Array(await res.arrayBuffer());
      let start = 0;
      for (let i = 0; i < all.length; i++) if (all[i] === 10) { yield all.subarray(start, i); start = i + 1; }
      if (start < all.length) yield all.subarray(start);
      return;
    }
    const reader = res.body.getReader();
    let pending = new Uint8Array(0);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!value) continue;
        const merged = new Uint8Array(pending.length + value.length);
        merged.set(pending);
        merged.set(value, pending.length);
        let start = 0;
        for (let i = 0; i < merged.length; i++) if (merged[i] === 10) { yield merged.subarray(start, i); start = i + 1; }
        pending = merged.slice(start);
      }
      if (pending.length) yield pending;
    } finally {
      reader.releaseLock();
    }
  }

  private async *messages(res: FetchResponse): AsyncGenerator<JSONMessage> {
    for await (const line of this.lines(res)) {
      const t = utf8Decode(line).trim();
      if (t) yield JSON.parse(t) as JSONMessage;
    }
  }

  private stream(method: string, path: string, query: Record<string, QueryValue>, opts: { json?: unknown; body?: Uint8Array; contentType?: string; headers?: Record<string, string> } = {}): AsyncIterable<JSONMessage> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        const res = await self.request(method, path, query, opts);
        yield* self.messages(res);
      },
    };
  }

  // ---------- system ----------
  async ping(): Promise<PingResult> {
    let res = await this.rawFetch('HEAD', `${this.base}/_ping`, {});
    if (res.status >= 400 && res.status !== 500) res = await this.rawFetch('GET', `${this.base}/_ping`, {});
    const result: PingResult = {
      apiVersion: res.headers.get('Api-Version') ?? '',
      osType: res.headers.get('Ostype') ?? '',
      experimental: res.headers.get('Docker-Experimental') === 'true',
      builderVersion: res.headers.get('Builder-Version') ?? '',
      swarm: res.headers.get('Swarm') ?? '',
    };
    if (!this.negotiated) {
      const server = result.apiVersion || '1.24';
      this.apiVer = compareVersions(server, DEFAULT_API_VERSION) < 0 ? server : DEFAULT_API_VERSION;
      this.negotiated = true;
    }
    return result;
  }
  version(): Promise<VersionInfo> { return this.json('GET', '/version'); }
  info(): Promise<SystemInfo> { return this.json('GET', '/info'); }
  diskUsage(): Promise<DiskUsage> { return this.json('GET', '/system/df'); }

  // ---------- images ----------
  async imageList(opts: ImageListOptions): Promise<ImageSummary[]> {
    return this.json('GET', '/images/json', {
      all: opts.all ? '1' : undefined,
      filters: hasFilters(opts.filters) ? filtersJSON(opts.filters) : undefined,
      manifests: opts.manifests ? '1' : undefined,
      'shared-size': opts.sharedSize ? '1' : undefined,
    });
  }
  imageInspect(name: string): Promise<ImageInspect> { return this.jsonWithRaw('GET', `/images/${name}/json`); }
  imageHistory(name: string): Promise<HistoryItem[]> { return this.json('GET', `/images/${name}/history`); }
  imageRemove(name: string, opts: ImageRemoveOptions): Promise<ImageDeleteItem[]> {
    return this.json('DELETE', `/images/${name}`, { force: opts.force ? '1' : undefined, noprune: opts.noprune ? '1' : undefined });
  }
  async imageTag(source: string, repo: string, tag: string): Promise<void> {
    await this.bytes('POST', `/images/${source}/tag`, { repo, tag: tag !== '' ? tag : undefined });
  }
  imagesPrune(filters: Filters): Promise<ImagesPruneReport> {
    return this.json('POST', '/images/prune', { filters: hasFilters(filters) ? filtersJSON(filters) : undefined });
  }
  imagePull(opts: ImagePullOptions): AsyncIterable<JSONMessage> {
    return this.stream('POST', '/images/create', { fromImage: opts.fromImage, tag: opts.tag, platform: opts.platform || undefined }, {
      headers: { 'X-Registry-Auth': opts.registryAuth ?? EMPTY_AUTH },
    });
  }
  imagePush(name: string, opts: ImagePushOptions): AsyncIterable<JSONMessage> {
    return this.stream('POST', `/images/${name}/push`, { tag: opts.tag || undefined }, {
      headers: { 'X-Registry-Auth': opts.registryAuth ?? EMPTY_AUTH },
    });
  }
  imageSearch(opts: ImageSearchOptions): Promise<ImageSearchResult[]> {
    return this.json('GET', '/images/search', {
      term: opts.term,
      limit: opts.limit ? String(opts.limit) : undefined,
      filters: hasFilters(opts.filters) ? filtersJSON(opts.filters) : undefined,
    }, { headers: { 'X-Registry-Auth': EMPTY_AUTH } });
  }
  async imageSave(names: string[]): Promise<Uint8Array> {
    return (await this.bytes('GET', '/images/get', { names })).data;
  }
  imageLoad(tar: Uint8Array, quiet: boolean): AsyncIterable<JSONMessage> {
    return this.stream('POST', '/images/load', { quiet: quiet ? '1' : undefined }, { body: tar });
  }
  imageImport(tar: Uint8Array, opts: ImportOptions): AsyncIterable<JSONMessage> {
    // the CLI streams the archive as text/plain (fromSrc=-)
    return this.stream('POST', '/images/create', {
      fromSrc: opts.fromSrc, repo: opts.repo || undefined, tag: opts.tag || undefined, message: opts.message || undefined,
      changes: opts.changes && opts.changes.length > 0 ? opts.changes : undefined,
    }, { body: tar, contentType: 'text/plain' });
  }
  build(context: BuildContext, opts: BuildOptions): AsyncIterable<JSONMessage> {
    const q: Record<string, QueryValue> = {
      t: opts.tags && opts.tags.length > 0 ? opts.tags : undefined,
      q: opts.quiet ? '1' : undefined,
      nocache: opts.noCache ? '1' : undefined,
      rm: opts.rm === false ? '0' : undefined,
      forcerm: opts.forceRm ? '1' : undefined,
      pull: opts.pull ? '1' : undefined,
      dockerfile: opts.dockerfile ?? 'Dockerfile',
      buildargs: opts.buildArgs && Object.keys(opts.buildArgs).length > 0 ? JSON.stringify(sortObject(opts.buildArgs)) : undefined,
      labels: opts.labels && Object.keys(opts.labels).length > 0 ? JSON.stringify(sortObject(opts.labels)) : undefined,
      platform: opts.platform || undefined,
      target: opts.target || undefined,
      cachefrom: opts.cacheFrom && opts.cacheFrom.length > 0 ? JSON.stringify(opts.cacheFrom) : undefined,
      version: opts.version ?? '1',
    };
    return this.stream('POST', '/build', q, { body: tarBuildContext(context), headers: { 'X-Registry-Config': EMPTY_AUTH } });
  }
  login(auth: AuthConfig): Promise<AuthResponse> {
    return this.json('POST', '/auth', {}, { json: auth });
  }
  commit(opts: CommitOptions): Promise<{ Id: string }> {
    return this.json('POST', '/commit', {
      author: opts.author ?? '', changes: opts.changes && opts.changes.length > 0 ? opts.changes : undefined, comment: opts.comment ?? '',
      container: opts.container, pause: opts.pause === false ? '0' : undefined, repo: opts.repo ?? '', tag: opts.tag ?? '',
    });
  }

  // ---------- containers ----------
  containerList(opts: ContainerListOptions): Promise<ContainerSummary[]> {
    return this.json('GET', '/containers/json', {
      all: opts.all ? '1' : undefined,
      limit: opts.limit !== undefined && opts.limit > 0 ? String(opts.limit) : undefined,
      size: opts.size ? '1' : undefined,
      filters: hasFilters(opts.filters) ? filtersJSON(opts.filters) : undefined,
    });
  }
  containerCreate(req: ContainerCreateRequest, name?: string): Promise<ContainerCreateResponse> {
    return this.json('POST', '/containers/create', { name: name || undefined }, { json: req });
  }
  containerInspect(id: string, size?: boolean): Promise<ContainerInspect> {
    return this.jsonWithRaw('GET', `/containers/${id}/json`, { size: size ? '1' : undefined });
  }
  async containerStart(id: string): Promise<void> {
    const pending = this.attaching.get(id);
    if (pending) await pending.catch(() => {});
    await this.bytes('POST', `/containers/${id}/start`);
  }
  async containerStop(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    await this.bytes('POST', `/containers/${id}/stop`, { signal: opts.signal || undefined, t: opts.timeout !== undefined ? String(opts.timeout) : undefined });
  }
  async containerRestart(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    await this.bytes('POST', `/containers/${id}/restart`, { signal: opts.signal || undefined, t: opts.timeout !== undefined ? String(opts.timeout) : undefined });
  }
  async containerKill(id: string, signal?: string): Promise<void> {
    await this.bytes('POST', `/containers/${id}/kill`, { signal: signal || undefined });
  }
  async containerPause(id: string): Promise<void> { await this.bytes('POST', `/containers/${id}/pause`); }
  async containerUnpause(id: string): Promise<void> { await this.bytes('POST', `/containers/${id}/unpause`); }
  async containerRemove(id: string, opts: { force?: boolean; volumes?: boolean }): Promise<void> {
    await this.bytes('DELETE', `/containers/${id}`, { force: opts.force ? '1' : undefined, v: opts.volumes ? '1' : undefined });
  }
  async containerRename(id: string, name: string): Promise<void> {
    await this.bytes('POST', `/containers/${id}/rename`, { name });
  }
  containerUpdate(id: string, config: ContainerUpdateConfig): Promise<ContainerUpdateResponse> {
    return this.json('POST', `/containers/${id}/update`, {}, { json: config });
  }
  async containerLogs(id: string, opts: LogsOptions): Promise<{ stdout: string; stderr: string }> {
    const { data } = await this.bytes('GET', `/containers/${id}/logs`, {
      stdout: opts.stdout ? '1' : undefined, stderr: opts.stderr ? '1' : undefined, since: opts.since || undefined,
      until: opts.until || undefined, timestamps: opts.timestamps ? '1' : undefined, follow: opts.follow ? '1' : undefined,
      tail: opts.tail || undefined,
    });
    const { stdout, stderr } = demux(data);
    return { stdout, stderr };
  }
  containerDiff(id: string): Promise<ContainerChange[] | null> { return this.json('GET', `/containers/${id}/changes`); }
  containerTop(id: string, psArgs?: string): Promise<ContainerTop> {
    return this.json('GET', `/containers/${id}/top`, { ps_args: psArgs || undefined });
  }
  containerWait(id: string, condition?: string): Promise<ContainerWaitResponse> {
    return this.json('POST', `/containers/${id}/wait`, { condition: condition || undefined });
  }
  containersPrune(filters: Filters): Promise<ContainersPruneReport> {
    return this.json('POST', '/containers/prune', { filters: hasFilters(filters) ? filtersJSON(filters) : undefined });
  }
  async containerAttach(id: string, io: AttachIO): Promise<void> {
    const query = { stderr: '1', stdin: io.readStdin && this.hijackFn ? '1' : undefined, stdout: '1', stream: '1' };
    if (this.hijackFn) {
      const conn = this.hijacked('POST', `/containers/${id}/attach`, query, undefined);
      this.holdUntilAttached(id, conn);
      await this.holdHijacked(await conn, io);
      return;
    }
    const res = this.request('POST', `/containers/${id}/attach`, query);
    this.holdUntilAttached(id, res);
    await this.pump(await res, io);
  }

  private holdUntilAttached(id: string, p: Promise<unknown>): void {
    this.attaching.set(id, p);
    const done = () => { if (this.attaching.get(id) === p) this.attaching.delete(id); };
    p.then(done, done);
  }

  /** An upgraded request (the CLI's postHijacked): error statuses become EngineErrors like plain requests. */
  private async hijacked(method: string, path: string, query: Record<string, QueryValue>, json: unknown): Promise<HijackedConnection> {
    await this.ensureVersion();
    const url = this.url(path, query);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Connection: 'Upgrade', Upgrade: 'tcp' };
    headers['Content-Type'] = json === undefined ? 'text/plain' : 'application/json';
    let conn: HijackedConnection;
    try {
      conn = await (this.hijackFn as HijackDialer)({ method, url, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    } catch {
      throw new DaemonUnreachableError(this.host);
    }
    if (conn.status >= 400) {
      const parts: Uint8Array[] = [];
      for (let c = await conn.read(); c; c = await conn.read()) parts.push(c);
      conn.close();
      const all = concat(parts);
      throw await this.errorFrom({
        status: conn.status, statusText: conn.statusText, headers: conn.headers, body: null,
        arrayBuffer: async () => all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
      }, url);
    }
    return conn;
  }

  /**
   * The CLI's holdHijackedConnection: stdin is copied to the connection (then half-closed) while the output is
   * demultiplexed to io; it returns when the output ends (whether or not stdin did).
   */
  private async holdHijacked(conn: HijackedConnection, io: AttachIO): Promise<void> {
    let outputDone = false;
    if (io.readStdin) {
      const read = io.readStdin.bind(io);
      void (async () => {
        try {
          for (;;) {
            const s = await read();
            if (outputDone) return;
            if (s === null) { conn.closeWrite(); return; }
            if (s) conn.write(utf8Encode(s));
          }
        } catch {
          /* the connection is gone */
        }
      })();
    }
    const contentType = conn.headers.get('Content-Type') ?? '';
    const mux = io.tty ? false : contentType.includes('multiplexed') ? true : contentType.includes('raw-stream') ? false : null;
    try {
      await this.pumpChunks(() => conn.read(), io, mux);
    } finally {
      outputDone = true;
      conn.close();
    }
  }

  async containerArchiveGet(id: string, path: string): Promise<{ tar: Uint8Array; stat: { name: string; size: number; mode: number; mtime: string; linkTarget: string } }> {
    const { res, data } = await this.bytes('GET', `/containers/${id}/archive`, { path });
    const header = res.headers.get('X-Docker-Container-Path-Stat');
    const stat = header ? JSON.parse(utf8Decode(base64Decode(header))) : { name: '', size: 0, mode: 0, mtime: '', linkTarget: '' };
    return { tar: data, stat };
  }
  async containerArchivePut(id: string, path: string, tar: Uint8Array): Promise<void> {
    await this.bytes('PUT', `/containers/${id}/archive`, { path, noOverwriteDirNonDir: 'true' }, { body: tar });
  }
  execCreate(id: string, req: ExecCreateRequest): Promise<{ Id: string }> {
    return this.json('POST', `/containers/${id}/exec`, {}, { json: req });
  }
  async execStart(execId: string, io: AttachIO): Promise<number> {
    const body = { Detach: false, Tty: io.tty };
    if (this.hijackFn) {
      const conn = await this.hijacked('POST', `/exec/${execId}/start`, {}, body);
      await this.holdHijacked(conn, io);
    } else {
      const res = await this.request('POST', `/exec/${execId}/start`, {}, { json: body });
      await this.pump(res, io);
    }
    const inspect = await this.json<{ ExitCode: number | null }>('GET', `/exec/${execId}/json`);
    return inspect.ExitCode ?? 0;
  }

  /** Forwards an attached stream (raw for TTY, multiplexed otherwise) to io as it arrives. */
  private async pump(res: FetchResponse, io: AttachIO): Promise<void> {
    if (!res.body) {
      const all = demux(new Uint8Array(await res.arrayBuffer()));
      if (all.stdout) io.stdout(all.stdout);
      if (all.stderr) io.stderr(all.stderr);
      return;
    }
    const reader = res.body.getReader();
    try {
      await this.pumpChunks(async () => { const r = await reader.read(); return r.done ? null : r.value ?? new Uint8Array(0); }, io, io.tty ? false : null);
    } finally {
      reader.releaseLock();
    }
  }

  /** mux: true (8-byte stdcopy frames), false (raw), null (guess from the first bytes). */
  private async pumpChunks(next: () => Promise<Uint8Array | null>, io: AttachIO, mux: boolean | null): Promise<void> {
    let buf: Uint8Array = new Uint8Array(0);
    // UTF-8 sequences split across raw chunks are kept for the next one.
    let carry: Uint8Array = new Uint8Array(0);
    for (;;) {
      const value = await next();
      if (value === null) break;
      if (!value.length) continue;
      buf = concat([buf, value]);
      if (mux === null && buf.length >= 4) mux = buf[0] <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
      if (mux === false) {
        const all = concat([carry, buf]);
        const cut = utf8Cut(all);
        carry = all.slice(cut);
        if (cut) io.stdout(utf8Decode(all.subarray(0, cut)));
        buf = new Uint8Array(0);
        continue;
      }
      while (buf.length >= 8) {
        const size = ((buf[4] << 24) >>> 0) + (buf[5] << 16) + (buf[6] << 8) + buf[7];
        if (buf.length < 8 + size) break;
        const text = utf8Decode(buf.subarray(8, 8 + size));
        if (buf[0] === 2 || buf[0] === 3) io.stderr(text); else io.stdout(text);
        buf = buf.slice(8 + size);
      }
    }
    if (carry.length) io.stdout(utf8Decode(carry));
    if (mux === null && buf.length) io.stdout(utf8Decode(buf));
  }

  // ---------- volumes ----------
  volumeList(filters: Filters = {}): Promise<{ Volumes: VolumeInfo[]; Warnings: string[] | null }> {
    return this.json('GET', '/volumes', { filters: hasFilters(filters) ? filtersJSON(filters) : undefined });
  }
  volumeCreate(req: VolumeCreateRequest): Promise<VolumeInfo> {
    // volume.CreateOptions: DriverOpts and Labels are omitempty.
    const some = (m?: Record<string, string>) => (m && Object.keys(m).length ? m : undefined);
    return this.json('POST', '/volumes/create', {}, { json: { Driver: req.Driver ?? '', DriverOpts: some(req.DriverOpts), Labels: some(req.Labels), Name: req.Name ?? '' } });
  }
  volumeInspect(name: string): Promise<VolumeInfo> { return this.json('GET', `/volumes/${encodeURIComponent(name)}`); }
  async volumeRemove(name: string, force = false): Promise<void> {
    await this.bytes('DELETE', `/volumes/${encodeURIComponent(name)}`, { force: force ? '1' : undefined });
  }
  volumesPrune(filters: Filters): Promise<VolumesPruneReport> {
    return this.json('POST', '/volumes/prune', { filters: hasFilters(filters) ? filtersJSON(filters) : undefined });
  }

  // ---------- stats ----------
  containerStats(id: string): Promise<ContainerStats> { return this.json('GET', `/containers/${id}/stats`, { stream: '0' }); }

  // ---------- networks, events, build cache ----------
  networkList(filters?: Filters): Promise<NetworkResource[]> {
    return this.json('GET', '/networks', { filters: filters && hasFilters(filters) ? filtersJSON(filters) : undefined });
  }
  networkInspect(id: string, opts: NetworkInspectOptions = {}): Promise<NetworkResource> {
    return this.json('GET', `/networks/${id}`, { scope: opts.scope || undefined, verbose: opts.verbose ? 'true' : undefined });
  }
  networkCreate(req: NetworkCreateRequest): Promise<NetworkCreateResponse> { return this.json('POST', '/networks/create', {}, { json: req }); }
  async networkRemove(id: string): Promise<void> { await this.bytes('DELETE', `/networks/${id}`); }
  networksPrune(filters?: Filters): Promise<NetworksPruneReport> {
    return this.json('POST', '/networks/prune', { filters: filters && hasFilters(filters) ? filtersJSON(filters) : undefined });
  }
  async networkConnect(network: string, container: string, config?: EndpointSettings | null): Promise<void> {
    await this.bytes('POST', `/networks/${network}/connect`, {}, { json: { Container: container, EndpointConfig: config ?? null } });
  }
  async networkDisconnect(network: string, container: string, force = false): Promise<void> {
    await this.bytes('POST', `/networks/${network}/disconnect`, {}, { json: { Container: container, Force: force } });
  }
  events(opts: EventsOptions, signal?: AbortSignal): AsyncIterable<EventMessage> {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        await self.ensureVersion();
        const url = self.url('/events', { since: opts.since || undefined, until: opts.until || undefined, filters: opts.filters && hasFilters(opts.filters) ? filtersJSON(opts.filters) : undefined });
        let res: FetchResponse;
        try {
          res = await self.fetchFn(url, { method: 'GET', headers: { 'User-Agent': USER_AGENT }, signal });
        } catch (e) {
          if (signal?.aborted) return;
          throw e instanceof Error && e.name === 'AbortError' ? e : new DaemonUnreachableError(self.host);
        }
        if (res.status >= 400) throw await self.errorFrom(res, url);
        try {
          for await (const line of self.lines(res)) {
            const t = utf8Decode(line).trim();
            if (!t) continue;
            const m = JSON.parse(t) as EventMessage;
            // timeNano has 19 digits: keep them exactly (a double would round the last ones)
            const exact = /"timeNano":(\d{16,})/.exec(t);
            if (exact) m.timeNano = BigInt(exact[1]);
            yield m;
          }
        } catch (e) {
          if (signal?.aborted) return;
          throw e;
        }
      },
    };
  }
  buildPrune(opts: BuildCachePruneOptions): Promise<BuildCachePruneReport> {
    const n = (v?: number) => (v ? String(v) : undefined);
    return this.json('POST', '/build/prune', {
      all: opts.all ? '1' : undefined, 'keep-storage': n(opts.keepStorage), 'reserved-space': n(opts.reservedSpace),
      'max-used-space': n(opts.maxUsedSpace), 'min-free-space': n(opts.minFreeSpace),
      filters: opts.filters && hasFilters(opts.filters) ? filtersJSON(opts.filters) : undefined,
    });
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Length of the longest prefix of `b` that does not end inside a UTF-8 sequence. */
function utf8Cut(b: Uint8Array): number {
  for (let k = Math.max(0, b.length - 3); k < b.length; k++) {
    const c = b[k];
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (need && k + need > b.length) return k;
  }
  return b.length;
}

function sortObject<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}
