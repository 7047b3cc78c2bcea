/**
 * `npm run daemon -- [--listen 127.0.0.1:2375] [--fake] [--state FILE] [--verbose]`
 *
 * Serves an EngineClient as the Docker Engine API v1.50 over HTTP (lib/api/server.ts behind node:http), so that the
 * real docker CLI can drive the simulated engine: `DOCKER_HOST=tcp://127.0.0.1:2375 docker image ls`.
 * Engine: lib/engine's createEngine() when it exists, else (or with --fake) the in-memory fake of lib/api/fake-client.ts.
 * SOURCE_DATE_EPOCH fixes the engine clock. --state FILE loads/saves engine state when the engine has toJSON/fromJSON.
 *
 * Hijacked connections: `POST /containers/{id}/attach` and `POST /exec/{id}/start` arrive with `Connection: Upgrade`,
 * `Upgrade: tcp` (node's 'upgrade' event); the request body (Content-Length bytes) is read first, what follows is stdin.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EngineError } from '../lib/api/errors';
import { handleRequest, type ApiResponse, type ServerOptions } from '../lib/api/server';
import { createFakeClient } from '../lib/api/fake-client';
import type { EngineClient } from '../lib/api/types';

export interface DaemonOptions {
  client: EngineClient;
  /** "127.0.0.1:2375", "tcp://127.0.0.1:2375", ":0" (any free port). */
  listen?: string;
  server?: ServerOptions;
  /** Called after each request that may have changed state (not GET/HEAD). */
  onChange?: () => void;
  log?: (line: string) => void;
}

export interface RunningDaemon {
  host: string;
  port: number;
  /** tcp://host:port, for DOCKER_HOST */
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const s = listen.replace(/^tcp:\/\//, '').replace(/\/$/, '');
  const i = s.lastIndexOf(':');
  if (i < 0) return { host: s || '127.0.0.1', port: 2375 };
  const host = s.slice(0, i).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(s.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --listen address: ${listen}`);
  return { host, port };
}

const STATUS_TEXT: Record<number, string> = { 101: 'UPGRADED', 200: 'OK' };

function headerRecord(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function isAsyncIterable(b: unknown): b is AsyncIterable<string | Uint8Array> {
  return typeof b === 'object' && b !== null && Symbol.asyncIterator in b;
}

/** Writes a hijacked response on a raw socket: status line, headers, then the raw stream; closes at the end. */
async function writeHijacked(socket: Duplex, res: ApiResponse): Promise<void> {
  let head = `HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? http.STATUS_CODES[res.status] ?? ''}\r\n`;
  for (const [k, v] of Object.entries(res.headers)) head += `${k}: ${v}\r\n`;
  socket.write(head + '\r\n');
  try {
    if (isAsyncIterable(res.body)) {
      for await (const chunk of res.body) {
        if (socket.destroyed) break;
        socket.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk));
      }
    } else if (res.body.length) socket.write(typeof res.body === 'string' ? res.body : Buffer.from(res.body));
  } finally {
    socket.end();
  }
}

/** Writes a plain (non-hijacked) HTTP response on a raw socket (errors answered to an upgrade request). */
async function writePlainOnSocket(socket: Duplex, res: ApiResponse): Promise<void> {
  const chunks: Buffer[] = [];
  if (isAsyncIterable(res.body)) for await (const c of res.body) chunks.push(Buffer.from(c));
  else chunks.push(Buffer.from(res.body));
  const body = Buffer.concat(chunks);
  let head = `HTTP/1.1 ${res.status} ${http.STATUS_CODES[res.status] ?? ''}\r\n`;
  for (const [k, v] of Object.entries(res.headers)) head += `${k}: ${v}\r\n`;
  head += `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  socket.end(Buffer.concat([Buffer.from(head), body]));
}

/** An async iterable over a socket's remaining bytes, starting with `first`. */
function socketStream(socket: Duplex, first: Buffer): AsyncIterable<Uint8Array> {
  const queue: Uint8Array[] = first.length ? [new Uint8Array(first)] : [];
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };
  socket.on('data', (d: Buffer) => { queue.push(new Uint8Array(d)); notify(); });
  socket.on('end', () => { ended = true; notify(); });
  socket.on('close', () => { ended = true; notify(); });
  socket.on('error', () => { ended = true; notify(); });
  return {
    [Symbol.asyncIterator]() {
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          for (;;) {
            if (queue.length) return { value: queue.shift() as Uint8Array, done: false };
            if (ended) return { value: undefined, done: true };
            await new Promise<void>((r) => { wake = r; });
          }
        },
      };
    },
  };
}

/** Reads exactly `n` bytes of request body from `head` + socket; returns them and the leftover. */
async function readBodyPrefix(socket: Duplex, head: Buffer, n: number): Promise<{ body: Buffer; rest: Buffer }> {
  let buf = head;
  while (buf.length < n) {
    const chunk = await new Promise<Buffer | null>((resolve) => {
      const onData = (d: Buffer) => { cleanup(); resolve(d); };
      const onEnd = () => { cleanup(); resolve(null); };
      const cleanup = () => { socket.off('data', onData); socket.off('end', onEnd); socket.off('close', onEnd); };
      socket.on('data', onData);
      socket.on('end', onEnd);
      socket.on('close', onEnd);
    });
    if (!chunk) break;
    buf = Buffer.concat([buf, chunk]);
  }
  return { body: buf.subarray(0, n), rest: buf.subarray(n) };
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const { host, port } = parseListen(opts.listen ?? '127.0.0.1:2375');
  const log = opts.log;
  const sockets = new Set<Duplex>();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://daemon');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = new Uint8Array(Buffer.concat(chunks));
    const apiRes = await handleRequest(opts.client, {
      method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: headerRecord(req.headers), body,
    }, opts.server);
    log?.(`${req.method} ${req.url} -> ${apiRes.status}`);
    if (apiRes.hijack) {
      // A hijack without Upgrade (old clients): take over the socket.
      const socket = req.socket;
      res.detachSocket(socket);
      await writeHijacked(socket, apiRes);
    } else {
      const headers: Record<string, string> = { ...apiRes.headers };
      if (isAsyncIterable(apiRes.body)) {
        res.writeHead(apiRes.status, headers);
        res.flushHeaders();
        try {
          for await (const chunk of apiRes.body) {
            if (res.destroyed) break;
            res.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk));
          }
        } finally {
          res.end();
        }
      } else {
        const b = typeof apiRes.body === 'string' ? Buffer.from(apiRes.body) : Buffer.from(apiRes.body);
        if (apiRes.status !== 204 && apiRes.status !== 304) headers['Content-Length'] = String(b.length);
        res.writeHead(apiRes.status, headers);
        res.end(req.method === 'HEAD' || apiRes.status === 204 ? undefined : b);
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') opts.onChange?.();
  });

  server.on('upgrade', async (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const url = new URL(req.url ?? '/', 'http://daemon');
    const len = Number(req.headers['content-length'] ?? 0) || 0;
    const { body, rest } = await readBodyPrefix(socket, head, len);
    const stdin = socketStream(socket, rest);
    const apiRes = await handleRequest(opts.client, {
      method: req.method ?? 'POST', path: url.pathname, query: url.searchParams, headers: headerRecord(req.headers),
      body: new Uint8Array(body), stdin,
    }, opts.server);
    log?.(`${req.method} ${req.url} (upgrade) -> ${apiRes.status}`);
    if (apiRes.hijack) await writeHijacked(socket, apiRes);
    else await writePlainOnSocket(socket, apiRes);
    opts.onChange?.();
  });

  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  return {
    host, port: actualPort, url: `tcp://${host}:${actualPort}`, server,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

// ---------- engine selection ----------

export interface EngineChoice { client: EngineClient; kind: 'engine' | 'fake'; save?: () => unknown }

/** Every EngineClient method, so that a partial engine answers "not implemented" instead of a TypeError. */
const CLIENT_METHODS = [
  'ping', 'version', 'info', 'diskUsage', 'imageList', 'imageInspect', 'imageHistory', 'imageRemove', 'imageTag', 'imagesPrune',
  'imagePull', 'imagePush', 'imageSearch', 'imageSave', 'imageLoad', 'imageImport', 'build', 'login', 'commit', 'containerList',
  'containerCreate', 'containerInspect', 'containerStart', 'containerStop', 'containerRestart', 'containerKill', 'containerPause',
  'containerUnpause', 'containerRemove', 'containerRename', 'containerUpdate', 'containerLogs', 'containerDiff', 'containerTop', 'containerWait',
  'containersPrune', 'containerAttach', 'containerArchiveGet', 'containerArchivePut', 'execCreate', 'execStart', 'volumeList',
  'networkList', 'networkInspect', 'networkCreate', 'networkRemove', 'networksPrune', 'networkConnect', 'networkDisconnect', 'events', 'buildPrune',
  'volumeCreate', 'volumeInspect', 'volumeRemove', 'volumesPrune', 'containerStats',
] as const;

/** What an engine without a containers/volumes area answers: no containers, no volumes. */
const EMPTY_AREA: Partial<Record<(typeof CLIENT_METHODS)[number], (...a: never[]) => unknown>> = {
  containerList: async () => [],
  containerInspect: async (id: string) => { throw new EngineError('notFound', `No such container: ${id}`); },
  volumeList: async () => ({ Volumes: [], Warnings: null }),
};

/**
 * Wraps an engine that implements only part of EngineClient (lib/engine grows area by area): missing list/inspect
 * methods answer as an engine without containers would, other missing methods throw a 500 EngineError.
 */
export function completeClient(engine: object): EngineClient {
  const out: Record<string, unknown> = {};
  const e = engine as Record<string, unknown>;
  for (const m of CLIENT_METHODS) {
    const f = e[m];
    out[m] = typeof f === 'function'
      ? (f as (...a: unknown[]) => unknown).bind(engine)
      : EMPTY_AREA[m] ?? (() => { throw new EngineError('system', `${m} is not implemented by the simulated engine yet`); });
  }
  return out as unknown as EngineClient;
}

interface EngineModule {
  createEngine?: (o?: Record<string, unknown>) => object;
  Engine?: { fromJSON?: (saved: unknown, o?: Record<string, unknown>) => object };
}

/**
 * lib/engine's createEngine() when present (and not --fake), else the fake client. With `statePath`, a saved state is
 * loaded through Engine.fromJSON and `save()` returns engine.toJSON().
 */
export async function chooseEngine(opts: { fake?: boolean; sourceDateEpoch?: number; statePath?: string }): Promise<EngineChoice> {
  if (!opts.fake) {
    const enginePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../lib/engine/index.ts');
    if (fs.existsSync(enginePath)) {
      const mod = (await import(pathToFileURL(enginePath).href)) as EngineModule;
      if (typeof mod.createEngine === 'function') {
        const engineOpts: Record<string, unknown> = opts.sourceDateEpoch !== undefined ? { sourceDateEpoch: opts.sourceDateEpoch } : {};
        let engine: object;
        if (opts.statePath && fs.existsSync(opts.statePath) && typeof mod.Engine?.fromJSON === 'function') {
          engine = mod.Engine.fromJSON(JSON.parse(fs.readFileSync(opts.statePath, 'utf8')), engineOpts);
        } else engine = mod.createEngine(engineOpts);
        const toJSON = (engine as { toJSON?: () => unknown }).toJSON;
        return { client: completeClient(engine), kind: 'engine', save: typeof toJSON === 'function' ? () => toJSON.call(engine) : undefined };
      }
    }
  }
  const epoch = opts.sourceDateEpoch;
  return { client: createFakeClient(epoch !== undefined ? { now: () => epoch } : {}), kind: 'fake' };
}

async function main(argv: string[]): Promise<void> {
  let listen = '127.0.0.1:2375';
  let fake = false;
  let statePath: string | undefined;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
    if (a === '--listen' || a === '-H' || a === '--host') listen = val();
    else if (a.startsWith('--listen=')) listen = a.slice(9);
    else if (a === '--fake') fake = true;
    else if (a === '--state') statePath = val();
    else if (a.startsWith('--state=')) statePath = a.slice(8);
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('Usage: npm run daemon -- [--listen 127.0.0.1:2375] [--fake] [--state FILE] [--verbose]\n');
      return;
    } else throw new Error(`unknown option: ${a}`);
  }
  const epoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : undefined;
  const choice = await chooseEngine({ fake, sourceDateEpoch: epoch, statePath });
  const { client, kind } = choice;
  const save = statePath && choice.save ? () => fs.writeFileSync(statePath!, JSON.stringify(choice.save!())) : undefined;
  if (statePath && !save) process.stderr.write(`note: this engine (${kind}) cannot persist state; --state ignored\n`);
  const d = await startDaemon({ client, listen, onChange: save, log: verbose ? (l) => process.stderr.write(l + '\n') : undefined });
  process.stderr.write(`docker-playground daemon (${kind} engine) listening on ${d.url}\n  export DOCKER_HOST=${d.url}\n`);
  const stop = () => { void d.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invoked = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (invoked === import.meta.url) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`daemon: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
