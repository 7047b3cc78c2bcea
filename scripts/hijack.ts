/**
 * A HijackDialer (lib/api/http-client.ts) over node:net: sends the upgraded request itself, parses the status line and
 * headers, then hands over the raw connection (daemon output to read(), stdin to write(), closeWrite() = half-close).
 * Used by `npm run console -- --host`, the differential harness and the captures replay.
 */
import net from 'node:net';
import type { HijackDialer, HijackedConnection } from '../lib/api/http-client';

export const nodeHijack: HijackDialer = (req) => new Promise<HijackedConnection>((resolve, reject) => {
  const u = new URL(req.url);
  const socket = net.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80), allowHalfOpen: true });
  const queue: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };
  let head: Buffer | null = Buffer.alloc(0);
  let settled = false;
  const fail = (e: Error) => { if (!settled) { settled = true; reject(e); } ended = true; notify(); };
  socket.on('error', fail);
  socket.on('end', () => { ended = true; notify(); if (!settled) fail(new Error('connection closed before the response')); });
  socket.on('close', () => { ended = true; notify(); if (!settled) fail(new Error('connection closed before the response')); });
  socket.on('connect', () => {
    const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
    let text = `${req.method} ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n`;
    for (const [k, v] of Object.entries(req.headers)) text += `${k}: ${v}\r\n`;
    text += `Content-Length: ${body.length}\r\n\r\n`;
    socket.write(Buffer.concat([Buffer.from(text), body]));
  });
  socket.on('data', (d: Buffer) => {
    if (head === null) { queue.push(new Uint8Array(d)); notify(); return; }
    head = Buffer.concat([head, d]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = head.subarray(0, end).toString('latin1').split('\r\n');
    const rest = head.subarray(end + 4);
    head = null;
    const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0]);
    if (!m) { fail(new Error(`bad response: ${lines[0]}`)); socket.destroy(); return; }
    const headers = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
    }
    if (rest.length) queue.push(new Uint8Array(rest));
    settled = true;
    resolve({
      status: Number(m[1]),
      statusText: m[2],
      headers: { get: (n) => headers.get(n.toLowerCase()) ?? null },
      async read() {
        for (;;) {
          if (queue.length) return queue.shift() as Uint8Array;
          if (ended) return null;
          await new Promise<void>((r) => { wake = r; });
        }
      },
      write(data) { if (!socket.destroyed) socket.write(data); },
      closeWrite() { if (!socket.destroyed) socket.end(); },
      close() { socket.destroy(); ended = true; notify(); },
    });
  });
});
