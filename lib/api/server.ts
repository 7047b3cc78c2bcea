/**
 * The Docker Engine API v1.50 served from any EngineClient: one transport-free request handler.
 *
 * `handleRequest(client, req)` maps an HTTP request to EngineClient calls and answers what moby 28.2.2 answers:
 * the same routes, status codes, headers, JSON bytes (Go encoding), `{"message":...}` errors, `\r\n`-separated
 * jsonmessage streams and stdcopy-multiplexed log/attach streams. scripts/daemon.ts puts it behind node:http;
 * a browser could put it behind a fetch mock. DOM-free and node-free.
 *
 * Hijacked connections (POST /containers/{id}/attach, POST /exec/{id}/start without Detach): the response has
 * `hijack: true`; the transport writes `HTTP/1.1 <status> <text>` + headers itself, then the body chunks raw
 * (no chunked encoding), feeds the client's bytes after the request as `req.body` (stdin), and closes the
 * connection when the body ends.
 */
import { EngineError, invalidParameter, notFound } from './errors';
import type {
  AttachIO, BuildOptions, ContainerCreateRequest, EngineClient, ExecCreateRequest, JSONMessage, JSONProgress,
  VolumeCreateRequest,
} from './types';
import type { EndpointSettings, NetworkCreateRequest } from './types';
import type { ContainerUpdateConfig } from './types';
import { tarToBuildContext } from './tar-read';
import { Channel } from './routes/channel';
import {
  type QueryParams, STDERR, STDOUT, base64Decode, base64Encode, boolValue, boolValueOrDefault, compareVersions,
  fromUtf8, goJsonEscaped, goJsonLine, intValue, muxFrame, parseFilters, parseJsonMap, readAll, utf8,
} from './routes/wire';

export type { QueryParams } from './routes/wire';

export interface ApiRequest {
  method: string;
  /** URL path, possibly percent-encoded, with or without a `/vX.Y` prefix. */
  path: string;
  query: QueryParams;
  /** Header names in any case. */
  headers: Record<string, string>;
  /** The request body (Content-Length bytes, or a chunked stream). */
  body: Uint8Array | AsyncIterable<Uint8Array>;
  /** Hijacked requests (attach, exec start): the bytes the client sends after the request (its stdin). */
  stdin?: AsyncIterable<Uint8Array>;
}

export type ApiBody = Uint8Array | string | AsyncIterable<string | Uint8Array>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A string/bytes body, or a stream the transport writes (and flushes) chunk by chunk. */
  body: ApiBody;
  /** Connection hijacked (attach / exec start): see the module comment. */
  hijack?: boolean;
}

export interface ServerOptions {
  /** Defaults: 1.50 / 1.24 / 28.2.2 / "2" (moby's defaults on Linux). */
  apiVersion?: string;
  minApiVersion?: string;
  serverVersion?: string;
  builderVersion?: string;
}

export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';
export const SERVER_VERSION = '28.2.2';

const MEDIA_RAW = 'application/vnd.docker.raw-stream';
const MEDIA_MUX = 'application/vnd.docker.multiplexed-stream';

interface ExecRecord {
  id: string;
  containerId: string;
  req: ExecCreateRequest;
  running: boolean;
  exitCode: number | null;
  started: boolean;
}
/** Exec instances per client: EngineClient has no exec inspect, so the server remembers what it created. */
const execs = new WeakMap<EngineClient, Map<string, ExecRecord>>();
function execTable(client: EngineClient): Map<string, ExecRecord> {
  let t = execs.get(client);
  if (!t) execs.set(client, (t = new Map()));
  return t;
}

interface Ctx {
  client: EngineClient;
  req: ApiRequest;
  q: QueryParams;
  version: string;
  base: Record<string, string>;
  header(name: string): string | undefined;
}

/** Serves one Engine API request. Never throws: errors become moby's JSON error responses. */
export async function handleRequest(client: EngineClient, req: ApiRequest, opts: ServerOptions = {}): Promise<ApiResponse> {
  const apiVersion = opts.apiVersion ?? API_VERSION;
  const minVersion = opts.minApiVersion ?? MIN_API_VERSION;
  const base: Record<string, string> = {
    'Api-Version': apiVersion,
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Server: `Docker/${opts.serverVersion ?? SERVER_VERSION} (linux)`,
  };
  let path = req.path;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    /* keep raw */
  }
  let version = apiVersion;
  const vm = /^\/v([0-9][0-9.]*)(\/.*)$/.exec(path);
  if (vm) {
    version = vm[1];
    path = vm[2];
  }
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) lower[k.toLowerCase()] = v;
  const ctx: Ctx = { client, req, q: req.query, version, base, header: (n) => lower[n.toLowerCase()] };
  try {
    if (compareVersions(version, minVersion) < 0) {
      throw invalidParameter(`client version ${version} is too old. Minimum supported API version is ${minVersion}, please upgrade your client to a newer version`);
    }
    if (compareVersions(version, apiVersion) > 0) {
      throw invalidParameter(`client version ${version} is too new. Maximum supported API version is ${apiVersion}`);
    }
    if (path === '/_ping' && (req.method === 'GET' || req.method === 'HEAD')) {
      return {
        status: 200,
        headers: {
          'Api-Version': apiVersion,
          'Builder-Version': opts.builderVersion ?? '2',
          'Cache-Control': 'no-cache, no-store, must-revalidate',
          'Content-Type': 'text/plain; charset=utf-8',
          'Docker-Experimental': 'false',
          Ostype: 'linux',
          Pragma: 'no-cache',
          Server: base.Server,
          Swarm: 'inactive',
        },
        body: req.method === 'HEAD' ? '' : 'OK',
      };
    }
    const res = await route(ctx, req.method.toUpperCase(), path);
    if (res) return res;
    return errorResponse(base, notFound('page not found'));
  } catch (e) {
    return errorResponse(base, e);
  }
}

function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (e && typeof e === 'object' && 'status' in e && 'message' in e && typeof (e as { status: unknown }).status === 'number') {
    return EngineError.fromStatus((e as { status: number }).status, String((e as { message: unknown }).message));
  }
  return new EngineError('system', e instanceof Error ? e.message : String(e));
}

function errorResponse(base: Record<string, string>, e: unknown): ApiResponse {
  const err = toEngineError(e);
  return { status: err.status, headers: { ...base, 'Content-Type': 'application/json' }, body: goJsonLine({ message: err.message }) };
}

const json = (ctx: Ctx, status: number, v: unknown): ApiResponse =>
  ({ status, headers: { ...ctx.base, 'Content-Type': 'application/json' }, body: goJsonLine(v) });
const jsonEscaped = (ctx: Ctx, status: number, v: unknown): ApiResponse =>
  ({ status, headers: { ...ctx.base, 'Content-Type': 'application/json' }, body: goJsonEscaped(v) + '\n' });
const empty = (ctx: Ctx, status: number): ApiResponse => ({ status, headers: { ...ctx.base }, body: '' });

// ---------- jsonmessage streams ----------

function progressObject(p: JSONProgress): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (p.current) o.current = p.current;
  if (p.total) o.total = p.total;
  if (p.start) o.start = p.start;
  if (p.hidecounts) o.hidecounts = p.hidecounts;
  if (p.units) o.units = p.units;
  return o;
}

/** A jsonmessage.JSONMessage in Go's field order with its omitempty rules, HTML-escaped, plus "\r\n". */
export function encodeJSONMessage(m: JSONMessage): string {
  const o: Record<string, unknown> = {};
  if (m.stream) o.stream = m.stream;
  if (m.status) o.status = m.status;
  if (m.progressDetail) o.progressDetail = progressObject(m.progressDetail);
  if (m.progress) o.progress = m.progress;
  if (m.id) o.id = m.id;
  if (m.from) o.from = m.from;
  if (m.time) o.time = m.time;
  if (m.timeNano) o.timeNano = m.timeNano;
  if (m.errorDetail) {
    const d: Record<string, unknown> = {};
    if (m.errorDetail.code) d.code = m.errorDetail.code;
    if (m.errorDetail.message) d.message = m.errorDetail.message;
    o.errorDetail = d;
  }
  if (m.error) o.error = m.error;
  if (m.aux !== undefined && m.aux !== null) o.aux = m.aux;
  return goJsonEscaped(o) + '\r\n';
}

/** streamformatter.FormatError: an in-band error line. */
function formatError(e: unknown): string {
  const err = toEngineError(e);
  return encodeJSONMessage({ errorDetail: { message: err.message }, error: err.message });
}

/**
 * Answers a jsonmessage stream. Like moby, an error before the first message becomes an HTTP error response;
 * later errors are written in the stream.
 */
async function streamResponse(ctx: Ctx, messages: AsyncIterable<JSONMessage>): Promise<ApiResponse> {
  const it = messages[Symbol.asyncIterator]();
  const first = await it.next();
  async function* body(): AsyncGenerator<string> {
    if (first.done) return;
    yield encodeJSONMessage(first.value);
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield encodeJSONMessage(r.value);
      }
    } catch (e) {
      yield formatError(e);
    }
  }
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/json' }, body: body() };
}

// ---------- routing ----------

type Handler = (ctx: Ctx, m: RegExpExecArray) => Promise<ApiResponse>;
const routes: [string, RegExp, Handler][] = [];
const on = (method: string, re: RegExp, h: Handler) => routes.push([method, re, h]);

async function route(ctx: Ctx, method: string, path: string): Promise<ApiResponse | null> {
  for (const [m, re, h] of routes) {
    if (m !== method) continue;
    const match = re.exec(path);
    if (match) return h(ctx, match);
  }
  return null;
}

async function readJson<T>(ctx: Ctx, allowEmpty = false): Promise<T | undefined> {
  const bytes = await readAll(ctx.req.body);
  const text = fromUtf8(bytes).trim();
  if (!text) {
    if (allowEmpty) return undefined;
    throw invalidParameter('invalid JSON: got EOF while reading request body');
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw invalidParameter(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// System
on('GET', /^\/version$/, async (ctx) => json(ctx, 200, await ctx.client.version()));
on('GET', /^\/info$/, async (ctx) => json(ctx, 200, await ctx.client.info()));
on('GET', /^\/system\/df$/, async (ctx) => json(ctx, 200, await ctx.client.diskUsage()));
on('POST', /^\/auth$/, async (ctx) => {
  const auth = (await readJson<Record<string, string>>(ctx, true)) ?? {};
  const r = await ctx.client.login(auth);
  return json(ctx, 200, { IdentityToken: r.IdentityToken ?? '', Status: r.Status });
});

// Images
on('GET', /^\/images\/json$/, async (ctx) => {
  const list = await ctx.client.imageList({
    all: boolValue(ctx.q, 'all'),
    filters: parseFilters(ctx.q.get('filters')),
    sharedSize: boolValue(ctx.q, 'shared-size'),
    digests: boolValue(ctx.q, 'digests'),
  });
  // moby's router: RepoTags/RepoDigests are never null (API >= 1.43); Containers is -1 below API 1.51.
  return json(ctx, 200, list.map((img) => ({
    ...img,
    RepoTags: img.RepoTags ?? [],
    RepoDigests: img.RepoDigests ?? [],
    ...(compareVersions(ctx.version, '1.51') < 0 ? { Containers: -1 } : {}),
  })));
});
on('POST', /^\/images\/prune$/, async (ctx) => json(ctx, 200, await ctx.client.imagesPrune(parseFilters(ctx.q.get('filters')))));
on('GET', /^\/images\/search$/, async (ctx) => {
  const limitRaw = ctx.q.get('limit');
  let limit: number | undefined;
  if (limitRaw) {
    limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw)) throw invalidParameter(`invalid limit specified: strconv.Atoi: parsing ${JSON.stringify(limitRaw)}: invalid syntax`);
  }
  return json(ctx, 200, await ctx.client.imageSearch({ term: ctx.q.get('term') ?? '', limit, filters: parseFilters(ctx.q.get('filters')) }));
});
on('GET', /^\/images\/get$/, async (ctx) => tarResponse(ctx, await ctx.client.imageSave(ctx.q.getAll('names'))));
on('GET', /^\/images\/(.+)\/get$/, async (ctx, m) => tarResponse(ctx, await ctx.client.imageSave([m[1]])));
on('POST', /^\/images\/load$/, async (ctx) => {
  const tar = await readAll(ctx.req.body);
  return streamResponse(ctx, ctx.client.imageLoad(tar, boolValue(ctx.q, 'quiet')));
});
on('POST', /^\/images\/create$/, async (ctx) => {
  const fromImage = ctx.q.get('fromImage') ?? '';
  const fromSrc = ctx.q.get('fromSrc') ?? '';
  if (fromImage) {
    return streamResponse(ctx, ctx.client.imagePull({
      fromImage,
      tag: ctx.q.get('tag') ?? undefined,
      platform: ctx.q.get('platform') || undefined,
      registryAuth: ctx.header('X-Registry-Auth'),
    }));
  }
  const tar = fromSrc === '-' ? await readAll(ctx.req.body) : new Uint8Array(0);
  return streamResponse(ctx, ctx.client.imageImport(tar, {
    fromSrc,
    repo: ctx.q.get('repo') || undefined,
    tag: ctx.q.get('tag') || undefined,
    message: ctx.q.get('message') || undefined,
    changes: ctx.q.getAll('changes'),
  }));
});
on('GET', /^\/images\/(.+)\/json$/, async (ctx, m) => jsonEscaped(ctx, 200, await ctx.client.imageInspect(m[1])));
on('GET', /^\/images\/(.+)\/history$/, async (ctx, m) => json(ctx, 200, await ctx.client.imageHistory(m[1])));
on('POST', /^\/images\/(.+)\/tag$/, async (ctx, m) => {
  const repo = ctx.q.get('repo') ?? '';
  if (!repo) throw invalidParameter('repository name must have at least one component');
  await ctx.client.imageTag(m[1], repo, ctx.q.get('tag') || 'latest');
  return empty(ctx, 201);
});
on('POST', /^\/images\/(.+)\/push$/, async (ctx, m) => streamResponse(ctx, ctx.client.imagePush(m[1], {
  tag: ctx.q.get('tag') || undefined,
  registryAuth: ctx.header('X-Registry-Auth'),
})));
on('DELETE', /^\/images\/(.+)$/, async (ctx, m) => {
  if (!m[1].trim()) throw invalidParameter('image name cannot be blank');
  return json(ctx, 200, await ctx.client.imageRemove(m[1], { force: boolValue(ctx.q, 'force'), noprune: boolValue(ctx.q, 'noprune') }));
});
on('POST', /^\/build$/, async (ctx) => {
  const tar = await readAll(ctx.req.body);
  const context = tarToBuildContext(tar);
  const version = ctx.q.get('version');
  const opts: BuildOptions = {
    dockerfile: ctx.q.get('dockerfile') || undefined,
    tags: ctx.q.getAll('t'),
    buildArgs: parseJsonMap<string | null>(ctx.q, 'buildargs'),
    labels: parseJsonMap<string>(ctx.q, 'labels'),
    noCache: boolValue(ctx.q, 'nocache'),
    pull: boolValue(ctx.q, 'pull'),
    quiet: boolValue(ctx.q, 'q'),
    rm: boolValueOrDefault(ctx.q, 'rm', true),
    forceRm: boolValue(ctx.q, 'forcerm'),
    target: ctx.q.get('target') || undefined,
    platform: ctx.q.get('platform') || undefined,
  };
  // moby build_routes.go: cachefrom is a JSON array of image references
  const cacheFrom = ctx.q.get('cachefrom');
  if (cacheFrom) {
    let list: unknown;
    try { list = JSON.parse(cacheFrom); } catch (e) { throw invalidParameter(e instanceof Error ? e.message : String(e)); }
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) throw invalidParameter('json: cannot unmarshal cachefrom into Go value of type []string');
    opts.cacheFrom = list as string[];
  }
  if (version === '1' || version === '2') opts.version = version;
  else if (version) throw invalidParameter(`unsupported build version: ${version}`);
  return streamResponse(ctx, ctx.client.build(context, opts));
});
on('POST', /^\/commit$/, async (ctx) => {
  await readAll(ctx.req.body);
  const r = await ctx.client.commit({
    container: ctx.q.get('container') ?? '',
    repo: ctx.q.get('repo') || undefined,
    tag: ctx.q.get('tag') || undefined,
    comment: ctx.q.get('comment') || undefined,
    author: ctx.q.get('author') || undefined,
    pause: boolValueOrDefault(ctx.q, 'pause', true),
    changes: ctx.q.getAll('changes'),
  });
  return json(ctx, 201, { Id: r.Id });
});

function tarResponse(ctx: Ctx, tar: Uint8Array): ApiResponse {
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/x-tar' }, body: tar };
}

// Containers
on('GET', /^\/containers\/json$/, async (ctx) => json(ctx, 200, await ctx.client.containerList({
  all: boolValue(ctx.q, 'all'),
  limit: intValue(ctx.q, 'limit'),
  size: boolValue(ctx.q, 'size'),
  filters: parseFilters(ctx.q.get('filters')),
})));
on('POST', /^\/containers\/create$/, async (ctx) => {
  const body = await readJson<ContainerCreateRequest>(ctx);
  if (!body || typeof body !== 'object') throw invalidParameter('config cannot be empty in order to create a container');
  const r = await ctx.client.containerCreate(body, ctx.q.get('name') || undefined);
  return json(ctx, 201, { Id: r.Id, Warnings: r.Warnings ?? [] });
});
on('POST', /^\/containers\/prune$/, async (ctx) => json(ctx, 200, await ctx.client.containersPrune(parseFilters(ctx.q.get('filters')))));
on('GET', /^\/containers\/([^/]+)\/json$/, async (ctx, m) => json(ctx, 200, await ctx.client.containerInspect(m[1], boolValue(ctx.q, 'size'))));
on('POST', /^\/containers\/([^/]+)\/start$/, async (ctx, m) => { await ctx.client.containerStart(m[1]); return empty(ctx, 204); });
on('POST', /^\/containers\/([^/]+)\/stop$/, async (ctx, m) => {
  await ctx.client.containerStop(m[1], { signal: ctx.q.get('signal') || undefined, timeout: intValue(ctx.q, 't') });
  return empty(ctx, 204);
});
on('POST', /^\/containers\/([^/]+)\/restart$/, async (ctx, m) => {
  await ctx.client.containerRestart(m[1], { signal: ctx.q.get('signal') || undefined, timeout: intValue(ctx.q, 't') });
  return empty(ctx, 204);
});
on('POST', /^\/containers\/([^/]+)\/kill$/, async (ctx, m) => { await ctx.client.containerKill(m[1], ctx.q.get('signal') || undefined); return empty(ctx, 204); });
on('POST', /^\/containers\/([^/]+)\/pause$/, async (ctx, m) => { await ctx.client.containerPause(m[1]); return empty(ctx, 204); });
on('POST', /^\/containers\/([^/]+)\/unpause$/, async (ctx, m) => { await ctx.client.containerUnpause(m[1]); return empty(ctx, 204); });
on('POST', /^\/containers\/([^/]+)\/rename$/, async (ctx, m) => { await ctx.client.containerRename(m[1], ctx.q.get('name') ?? ''); return empty(ctx, 204); });
on('POST', /^\/containers\/([^/]+)\/update$/, async (ctx, m) => {
  const body = (await readJson<ContainerUpdateConfig>(ctx, true)) ?? {};
  return json(ctx, 200, await ctx.client.containerUpdate(m[1], body));
});
on('DELETE', /^\/containers\/([^/]+)$/, async (ctx, m) => {
  await ctx.client.containerRemove(m[1], { force: boolValue(ctx.q, 'force'), volumes: boolValue(ctx.q, 'v') });
  return empty(ctx, 204);
});
on('GET', /^\/containers\/([^/]+)\/changes$/, async (ctx, m) => json(ctx, 200, await ctx.client.containerDiff(m[1])));
on('GET', /^\/containers\/([^/]+)\/top$/, async (ctx, m) => json(ctx, 200, await ctx.client.containerTop(m[1], ctx.q.get('ps_args') || undefined)));
on('POST', /^\/containers\/([^/]+)\/resize$/, async (ctx, m) => {
  intOrBad(ctx.q, 'h');
  intOrBad(ctx.q, 'w');
  await ctx.client.containerInspect(m[1]);
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'text/plain; charset=utf-8' }, body: '' };
});
on('POST', /^\/containers\/([^/]+)\/wait$/, async (ctx, m) => {
  const cond = ctx.q.get('condition') || 'not-running';
  if (!['not-running', 'next-exit', 'removed'].includes(cond)) throw invalidParameter(`invalid condition: ${JSON.stringify(cond)}`);
  // Register the wait before anything else: a `start` racing this request must not slip its exit past us.
  const pending = ctx.client.containerWait(m[1], cond);
  // Errors the wait reports at once (no such container) are HTTP errors, as in moby; an engine that remembers the
  // exit code of an already removed container (`run --rm` racing) may answer instead.
  const early = await Promise.race([
    pending.then(() => null, (e: unknown) => ({ e })),
    new Promise<null>((r) => setTimeout(() => r(null), 0)),
  ]);
  if (early) throw early.e;
  async function* body(): AsyncGenerator<string> {
    try {
      const r = await pending;
      const out: Record<string, unknown> = {};
      if (r.Error) out.Error = r.Error;
      out.StatusCode = r.StatusCode;
      yield goJsonLine(out);
    } catch (e) {
      yield goJsonLine({ Error: { Message: toEngineError(e).message }, StatusCode: -1 });
    }
  }
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/json' }, body: body() };
});
on('GET', /^\/containers\/([^/]+)\/logs$/, async (ctx, m) => {
  const stdout = boolValue(ctx.q, 'stdout');
  const stderr = boolValue(ctx.q, 'stderr');
  if (!stdout && !stderr) throw invalidParameter('Bad parameters: you must choose at least one stream');
  const info = await ctx.client.containerInspect(m[1]);
  const tty = Boolean(info.Config?.Tty);
  const logs = await ctx.client.containerLogs(m[1], {
    stdout, stderr,
    since: ctx.q.get('since') || undefined,
    until: ctx.q.get('until') || undefined,
    timestamps: boolValue(ctx.q, 'timestamps'),
    follow: boolValue(ctx.q, 'follow'),
    tail: ctx.q.get('tail') || undefined,
  });
  const chunks: Uint8Array[] = [];
  const add = (stream: number, text: string) => {
    if (!text) return;
    for (const line of splitLines(text)) chunks.push(tty ? utf8(line) : muxFrame(stream, utf8(line)));
  };
  if (stdout) add(STDOUT, logs.stdout);
  if (stderr) add(STDERR, logs.stderr);
  async function* body(): AsyncGenerator<Uint8Array> { for (const c of chunks) yield c; }
  return {
    status: 200,
    headers: { ...ctx.base, 'Content-Type': tty || compareVersions(ctx.version, '1.42') < 0 ? MEDIA_RAW : MEDIA_MUX },
    body: body(),
  };
});
on('HEAD', /^\/containers\/([^/]+)\/archive$/, async (ctx, m) => {
  const r = await archiveGet(ctx, m[1]);
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': statHeader(r.stat) }, body: '' };
});
on('GET', /^\/containers\/([^/]+)\/archive$/, async (ctx, m) => {
  const r = await archiveGet(ctx, m[1]);
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': statHeader(r.stat) }, body: r.tar };
});
on('PUT', /^\/containers\/([^/]+)\/archive$/, async (ctx, m) => {
  const path = ctx.q.get('path') ?? '';
  if (!path) throw invalidParameter('bad parameter: pathcannot be empty');
  const tar = await readAll(ctx.req.body);
  await ctx.client.containerArchivePut(m[1], path, tar);
  return empty(ctx, 200);
});
on('POST', /^\/containers\/([^/]+)\/attach$/, async (ctx, m) => attach(ctx, m[1]));
on('POST', /^\/containers\/([^/]+)\/exec$/, async (ctx, m) => {
  const body = await readJson<ExecCreateRequest>(ctx);
  if (!body || !Array.isArray(body.Cmd) || body.Cmd.length === 0) throw invalidParameter('No exec command specified');
  const r = await ctx.client.execCreate(m[1], body);
  execTable(ctx.client).set(r.Id, { id: r.Id, containerId: m[1], req: body, running: false, exitCode: null, started: false });
  return json(ctx, 201, { Id: r.Id });
});
on('POST', /^\/exec\/([^/]+)\/start$/, async (ctx, m) => execStart(ctx, m[1]));
on('POST', /^\/exec\/([^/]+)\/resize$/, async (ctx, m) => {
  intOrBad(ctx.q, 'h');
  intOrBad(ctx.q, 'w');
  findExec(ctx, m[1]);
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'text/plain; charset=utf-8' }, body: '' };
});
on('GET', /^\/exec\/([^/]+)\/json$/, async (ctx, m) => {
  const e = findExec(ctx, m[1]);
  let containerId = e.containerId;
  try {
    containerId = (await ctx.client.containerInspect(e.containerId)).Id;
  } catch {
    /* keep the name */
  }
  const [entrypoint, ...args] = e.req.Cmd;
  const pc: Record<string, unknown> = { tty: Boolean(e.req.Tty), entrypoint, arguments: args };
  if (e.req.Privileged) pc.privileged = true;
  if (e.req.User) pc.user = e.req.User;
  return json(ctx, 200, {
    ID: e.id, Running: e.running, ExitCode: e.exitCode, ProcessConfig: pc,
    OpenStdin: Boolean(e.req.AttachStdin), OpenStderr: Boolean(e.req.AttachStderr), OpenStdout: Boolean(e.req.AttachStdout),
    CanRemove: false, ContainerID: containerId, DetachKeys: e.req.DetachKeys ?? '', Pid: e.running ? 4242 : 0,
  });
});

// Volumes
on('GET', /^\/volumes$/, async (ctx) => json(ctx, 200, await ctx.client.volumeList(parseFilters(ctx.q.get('filters')))));
on('POST', /^\/volumes\/create$/, async (ctx) => {
  const body = (await readJson<VolumeCreateRequest>(ctx, true)) ?? {};
  return json(ctx, 201, await ctx.client.volumeCreate(body));
});
on('POST', /^\/volumes\/prune$/, async (ctx) => json(ctx, 200, await ctx.client.volumesPrune(parseFilters(ctx.q.get('filters')))));
on('GET', /^\/volumes\/(.+)$/, async (ctx, m) => json(ctx, 200, await ctx.client.volumeInspect(m[1])));
on('DELETE', /^\/volumes\/(.+)$/, async (ctx, m) => {
  await ctx.client.volumeRemove(m[1], boolValue(ctx.q, 'force'));
  return empty(ctx, 204);
});
// Stats: one sample (stream=false), what `docker stats --no-stream` asks for.
on('GET', /^\/containers\/([^/]+)\/stats$/, async (ctx, m) => json(ctx, 200, await ctx.client.containerStats(m[1])));

function intOrBad(q: QueryParams, k: string): number {
  const s = q.get(k) ?? '';
  if (!/^[+-]?\d+$/.test(s)) throw invalidParameter(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function splitLines(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const j = text.indexOf('\n', i);
    if (j < 0) { out.push(text.slice(i)); break; }
    out.push(text.slice(i, j + 1));
    i = j + 1;
  }
  return out;
}

async function archiveGet(ctx: Ctx, id: string) {
  const path = ctx.q.get('path') ?? '';
  if (!path) throw invalidParameter('bad parameter: pathcannot be empty');
  return ctx.client.containerArchiveGet(id, path);
}

function statHeader(stat: { name: string; size: number; mode: number; mtime: string; linkTarget: string }): string {
  return base64Encode(utf8(JSON.stringify({ name: stat.name, size: stat.size, mode: stat.mode, mtime: stat.mtime, linkTarget: stat.linkTarget })));
}

function findExec(ctx: Ctx, id: string): ExecRecord {
  const e = execTable(ctx.client).get(id);
  if (!e) throw notFound(`No such exec instance: ${id}`);
  return e;
}

// ---------- hijacked streams ----------

/** Parses moby's detach keys ("ctrl-p,ctrl-q" default) into bytes. */
function parseDetachKeys(s: string): number[] {
  const keys: number[] = [];
  for (const k of (s || 'ctrl-p,ctrl-q').split(',')) {
    const t = k.trim().toLowerCase();
    if (/^ctrl-[a-z@[\\\]^_]$/.test(t)) {
      const c = t.charCodeAt(5);
      keys.push(c >= 97 ? c - 96 : c - 64);
    } else if (t.length === 1) keys.push(t.charCodeAt(0));
    else throw invalidParameter(`Invalid detach keys (${s}) provided`);
  }
  return keys;
}

/**
 * Reads stdin chunks from the hijacked connection as text, handling UTF-8 split across chunks and detach keys.
 * At the end of the client's input, moby closes the process's stdin only when `closeStdin()` (non-TTY with
 * StdinOnce, or a non-TTY exec); otherwise the client just detaches and the process keeps its stdin open.
 */
function stdinReader(body: Uint8Array | AsyncIterable<Uint8Array>, detach: number[] | null, onDetach: () => void, closeStdin: () => boolean) {
  const it: AsyncIterator<Uint8Array> = body instanceof Uint8Array
    ? (async function* () { if (body.length) yield body; })()
    : body[Symbol.asyncIterator]();
  let carry = new Uint8Array(0);
  let matched = 0;
  let closed = false;
  let detached = false;
  return async (): Promise<string | null> => {
    // After the detach keys, stdin stays open for the container (it keeps running): never answer again.
    if (detached) return new Promise<string | null>(() => {});
    while (!closed) {
      const r = await it.next();
      if (r.done) { closed = true; break; }
      let chunk: Uint8Array = r.value;
      if (detach) {
        const kept: number[] = [];
        for (const b of chunk) {
          if (b === detach[matched]) {
            matched++;
            if (matched === detach.length) { closed = true; detached = true; onDetach(); break; }
            continue;
          }
          for (let k = 0; k < matched; k++) kept.push(detach[k]);
          matched = 0;
          if (b === detach[0]) { matched = 1; continue; }
          kept.push(b);
        }
        chunk = Uint8Array.from(kept);
      }
      const all = new Uint8Array(carry.length + chunk.length);
      all.set(carry);
      all.set(chunk, carry.length);
      // keep an incomplete UTF-8 sequence for the next chunk
      let cut = all.length;
      for (let k = Math.max(0, all.length - 3); k < all.length; k++) {
        const b = all[k];
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
        if (need && k + need > all.length) { cut = k; break; }
      }
      carry = all.slice(cut);
      const text = fromUtf8(all.subarray(0, cut));
      if (text) return text;
    }
    if (!detached && !closeStdin()) { detached = true; onDetach(); }
    if (detached) return new Promise<string | null>(() => {});
    return null;
  };
}

/**
 * What the kernel's pty does for a TTY container (ICANON, ECHO, ICRNL, ONLCR): the real CLI puts its terminal in raw
 * mode and sends keystrokes as typed ("\r" for Enter, 0x7f for Backspace, 0x03 for Ctrl+C, 0x04 for Ctrl+D), and it
 * expects the echo back. The engine's readStdin wants typed text, so the server edits lines here: it echoes, turns
 * Enter into "\n", erases on Backspace/Ctrl+U, ends input on Ctrl+D at the start of a line, and on Ctrl+C echoes "^C"
 * and hands the process an empty line (a shell prints a new prompt). Escape sequences (arrow keys) are dropped.
 */
export function ttyLineDiscipline(raw: () => Promise<string | null>, echo: (s: string) => void): () => Promise<string | null> {
  let line = '';
  const ready: (string | null)[] = [];
  let esc = 0; // 0 none, 1 after ESC, 2 inside CSI
  let ended = false;
  return async () => {
    for (;;) {
      if (ready.length) return ready.shift() as string | null;
      if (ended) return null;
      const chunk = await raw();
      if (chunk === null) {
        ended = true;
        if (line) { const l = line; line = ''; return l; }
        return null;
      }
      for (const ch of chunk) {
        if (esc === 1) { esc = ch === '[' || ch === 'O' ? 2 : 0; continue; }
        if (esc === 2) { if (/[@-~]/.test(ch)) esc = 0; continue; }
        switch (ch) {
          case '\x1b': esc = 1; break;
          case '\r': case '\n': echo('\r\n'); ready.push(line + '\n'); line = ''; break;
          case '\x7f': case '\b':
            if (line) { line = [...line].slice(0, -1).join(''); echo('\b \b'); }
            break;
          case '\x15': echo('\b \b'.repeat([...line].length)); line = ''; break;
          case '\x03': echo('^C\r\n'); line = ''; ready.push('\n'); break;
          case '\x04':
            if (line) { ready.push(line); line = ''; } else ready.push(null);
            break;
          default:
            if (ch >= ' ' || ch === '\t') { line += ch; echo(ch); }
        }
      }
    }
  };
}

interface Abortable { signal: unknown; abort(): void }
function newAbort(): Abortable | undefined {
  const AC = (globalThis as { AbortController?: new () => Abortable }).AbortController;
  return AC ? new AC() : undefined;
}

function hijackResponse(ctx: Ctx, multiplexed: boolean, out: Channel<Uint8Array>): ApiResponse {
  const upgrade = ctx.header('Upgrade') !== undefined;
  const mux = multiplexed && compareVersions(ctx.version, '1.42') >= 0;
  return {
    status: upgrade ? 101 : 200,
    headers: upgrade
      ? { 'Content-Type': mux ? MEDIA_MUX : MEDIA_RAW, Connection: 'Upgrade', Upgrade: 'tcp' }
      : { 'Content-Type': MEDIA_RAW },
    body: out,
    hijack: true,
  };
}

function attachIO(out: Channel<Uint8Array>, tty: boolean, readStdin: (() => Promise<string | null>) | undefined,
  want: { stdout: boolean; stderr: boolean }, signal: unknown, columns?: number): AttachIO {
  const io: AttachIO = {
    tty,
    stdout: (d: string) => { if (want.stdout && d) out.push(tty ? utf8(d) : muxFrame(STDOUT, utf8(d))); },
    stderr: (d: string) => { if (want.stderr && d) out.push(tty ? utf8(d) : muxFrame(STDERR, utf8(d))); },
  };
  if (readStdin) io.readStdin = readStdin;
  if (columns) io.columns = columns;
  if (signal) io.signal = signal as AttachIO['signal'];
  return io;
}

async function attach(ctx: Ctx, id: string): Promise<ApiResponse> {
  const detach = parseDetachKeys(ctx.q.get('detachKeys') ?? '');
  const out = new Channel<Uint8Array>();
  const ac = newAbort();
  const useStdin = boolValue(ctx.q, 'stdin');
  const want = { stdout: boolValue(ctx.q, 'stdout'), stderr: boolValue(ctx.q, 'stderr') };
  const stream = boolValueOrDefault(ctx.q, 'stream', false);
  // Attach first, before any await: a `start` racing this request must not run the process before we listen.
  // Output is held until the container's TTY mode (raw or multiplexed framing) is known.
  let tty: boolean | undefined;
  const held: [number, string][] = [];
  const emit = (s: number, d: string) => {
    if (!d) return;
    if (tty === undefined) held.push([s, d]);
    else out.push(tty ? utf8(d) : muxFrame(s, utf8(d)));
  };
  const io: AttachIO = {
    tty: false,
    stdout: (d: string) => { if (want.stdout) emit(STDOUT, d); },
    stderr: (d: string) => { if (want.stderr) emit(STDERR, d); },
  };
  let closeStdin = true;
  if (useStdin) {
    const rawReader = stdinReader(ctx.req.stdin ?? ctx.req.body, detach, () => { ac?.abort(); out.end(); }, () => closeStdin);
    const cooked = ttyLineDiscipline(rawReader, (e) => out.push(utf8(e)));
    // TTY mode is known once the container is inspected below, before the process can read.
    io.readStdin = () => (tty ? cooked() : rawReader());
  }
  if (ac) io.signal = ac.signal as AttachIO['signal'];
  const attached = stream ? ctx.client.containerAttach(id, io) : null;
  attached?.catch(() => {});
  const info = await ctx.client.containerInspect(id);
  tty = Boolean(info.Config?.Tty);
  io.tty = tty;
  closeStdin = !tty && Boolean(info.Config?.StdinOnce);
  if (boolValue(ctx.q, 'logs')) {
    const logs = await ctx.client.containerLogs(id, { stdout: want.stdout, stderr: want.stderr });
    if (want.stdout && logs.stdout) out.push(tty ? utf8(logs.stdout) : muxFrame(STDOUT, utf8(logs.stdout)));
    if (want.stderr && logs.stderr) out.push(tty ? utf8(logs.stderr) : muxFrame(STDERR, utf8(logs.stderr)));
  }
  for (const [s, d] of held.splice(0)) emit(s, d);
  if (!attached) {
    out.end();
    return hijackResponse(ctx, !tty, out);
  }
  attached.then(() => out.end(), (e: unknown) => {
    if (!tty) out.push(muxFrame(3, utf8(toEngineError(e).message + '\n')));
    out.end();
  });
  return hijackResponse(ctx, !tty, out);
}

async function execStart(ctx: Ctx, id: string): Promise<ApiResponse> {
  const e = findExec(ctx, id);
  const body = (await readJsonPrefix(ctx)) ?? {};
  if (e.started) throw new EngineError('conflict', `Error: Exec command ${id} has already run`);
  const tty = body.Tty ?? Boolean(e.req.Tty);
  e.started = true;
  e.running = true;
  const finish = (code: number) => { e.running = false; e.exitCode = code; };
  if (body.Detach) {
    const sink: AttachIO = { tty, stdout: () => {}, stderr: () => {} };
    ctx.client.execStart(id, sink).then(finish, () => finish(126));
    return empty(ctx, 200);
  }
  const out = new Channel<Uint8Array>();
  const ac = newAbort();
  const detach = parseDetachKeys(e.req.DetachKeys ?? '');
  const rawReader = e.req.AttachStdin && ctx.req.stdin ? stdinReader(ctx.req.stdin, detach, () => { ac?.abort(); out.end(); }, () => !tty) : undefined;
  const reader = rawReader && tty ? ttyLineDiscipline(rawReader, (x) => out.push(utf8(x))) : rawReader;
  const cols = Array.isArray(body.ConsoleSize) ? body.ConsoleSize[1] : undefined;
  const io = attachIO(out, tty, reader, { stdout: e.req.AttachStdout !== false, stderr: e.req.AttachStderr !== false }, ac?.signal, cols);
  ctx.client.execStart(id, io).then((code) => { finish(code); out.end(); }, (err: unknown) => {
    finish(126);
    if (!tty) out.push(muxFrame(STDERR, utf8(toEngineError(err).message + '\n')));
    out.end();
  });
  return hijackResponse(ctx, !tty, out);
}

// Networks (moby api/server/router/network)
on('GET', /^\/networks\/?$/, async (ctx) => json(ctx, 200, await ctx.client.networkList(parseFilters(ctx.q.get('filters')))));
on('POST', /^\/networks\/create$/, async (ctx) => {
  const body = await readJson<NetworkCreateRequest>(ctx);
  if (!body || typeof body !== 'object') throw invalidParameter('invalid JSON: got EOF while reading request body');
  return json(ctx, 201, await ctx.client.networkCreate(body));
});
on('POST', /^\/networks\/prune$/, async (ctx) => {
  const r = await ctx.client.networksPrune(parseFilters(ctx.q.get('filters')));
  return json(ctx, 200, { NetworksDeleted: r.NetworksDeleted });
});
on('GET', /^\/networks\/([^/]+)$/, async (ctx, m) => json(ctx, 200, await ctx.client.networkInspect(m[1], {
  verbose: boolValue(ctx.q, 'verbose'), scope: ctx.q.get('scope') || undefined,
})));
on('DELETE', /^\/networks\/([^/]+)$/, async (ctx, m) => { await ctx.client.networkRemove(m[1]); return empty(ctx, 204); });
on('POST', /^\/networks\/([^/]+)\/connect$/, async (ctx, m) => {
  const body = await readJson<{ Container?: string; EndpointConfig?: EndpointSettings | null }>(ctx);
  await ctx.client.networkConnect(m[1], body?.Container ?? '', body?.EndpointConfig ?? null);
  return empty(ctx, 200);
});
on('POST', /^\/networks\/([^/]+)\/disconnect$/, async (ctx, m) => {
  const body = await readJson<{ Container?: string; Force?: boolean }>(ctx);
  await ctx.client.networkDisconnect(m[1], body?.Container ?? '', !!body?.Force);
  return empty(ctx, 200);
});

// Events: a JSON object per line, written as they happen (moby's router flushes after each).
on('GET', /^\/events$/, async (ctx) => {
  const it = ctx.client.events({
    since: ctx.q.get('since') || undefined, until: ctx.q.get('until') || undefined, filters: parseFilters(ctx.q.get('filters')),
  })[Symbol.asyncIterator]();
  // errors before the first event (bad filters, since after until) are HTTP errors
  const pending = it.next();
  pending.catch(() => undefined);
  const first = await Promise.race([pending.then((r) => ({ r })), new Promise<null>((r) => setTimeout(() => r(null), 0))]);
  async function* body(): AsyncGenerator<string> {
    let r = first ? first.r : await pending;
    while (!r.done) {
      yield goJsonLine(r.value);
      r = await it.next();
    }
  }
  return { status: 200, headers: { ...ctx.base, 'Content-Type': 'application/json' }, body: body() };
});

// Build cache (moby api/server/router/build postPrune)
on('POST', /^\/build\/prune$/, async (ctx) => {
  const num = (k: string): number | undefined => {
    const v = ctx.q.get(k);
    if (!v) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalidParameter(`${k} is in bytes and expects an integer, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  return json(ctx, 200, await ctx.client.buildPrune({
    all: boolValue(ctx.q, 'all'), keepStorage: num('keep-storage'), reservedSpace: num('reserved-space'), maxUsedSpace: num('max-used-space'),
    minFreeSpace: num('min-free-space'), filters: parseFilters(ctx.q.get('filters')),
  }));
});

interface ExecStartBody { Detach?: boolean; Tty?: boolean; ConsoleSize?: number[] }

async function readJsonPrefix(ctx: Ctx): Promise<ExecStartBody | undefined> {
  return readJson<ExecStartBody>(ctx, true);
}

/** Decodes an X-Registry-Auth header (base64url JSON) into an object; {} when absent or malformed. */
export function decodeRegistryAuth(header: string | undefined): Record<string, string> {
  if (!header) return {};
  try {
    return JSON.parse(fromUtf8(base64Decode(header))) as Record<string, string>;
  } catch {
    return {};
  }
}
