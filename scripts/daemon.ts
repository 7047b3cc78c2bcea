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
import { pathToFileURL } from 'node:url';
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

interface Persistable { toJSON?: () => unknown; fromJSON?: (state: unknown) => void }

export interface EngineChoice { client: EngineClient; kind: 'engine' | 'fake' }

/** lib/engine's createEngine() when present (and not --fake), else the fake client. */
export async function chooseEngine(opts: { fake?: boolean; now?: () => number; statePath?: string }): Promise<EngineChoice> {
  if (!opts.fake) {
    const enginePath = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../lib/engine/index.ts');
    if (fs.existsSync(enginePath)) {
      const mod = (await import(pathToFileURL(enginePath).href)) as { createEngine?: (o?: Record<string, unknown>) => EngineClient | Promise<EngineClient> };
      if (typeof mod.createEngine === 'function') {
        const engine = await mod.createEngine(opts.now ? { now: () => opts.now!() * 1000, clock: { now: () => opts.now!() * 1000 } } : {});
        return { client: engine, kind: 'engine' };
      }
    }
  }
  return { client: createFakeClient(opts.now ? { now: opts.now } : {}), kind: 'fake' };
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
  const { client, kind } = await chooseEngine({ fake, now: epoch !== undefined ? () => epoch : undefined, statePath });
  const persist = client as unknown as Persistable;
  if (statePath && fs.existsSync(statePath) && typeof persist.fromJSON === 'function') {
    persist.fromJSON(JSON.parse(fs.readFileSync(statePath, 'utf8')));
  }
  const save = statePath && typeof persist.toJSON === 'function'
    ? () => fs.writeFileSync(statePath!, JSON.stringify(persist.toJSON!()))
    : undefined;
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
