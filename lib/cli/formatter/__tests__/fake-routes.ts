// Test helper: calls the conformance fake Engine API's route handler in-process at a chosen clock.
import { createRequire } from 'node:module';
import { vi } from 'vitest';

export const CONFORMANCE = '/work/shared/conformance/docker-cli';
const require = createRequire(import.meta.url);

interface FakeRes { status: number; headers: Record<string, string>; body: string }

export function callRoute(method: string, url: string, nowSec: number): FakeRes {
  const routesPath = `${CONFORMANCE}/fake/routes.js`;
  delete require.cache[require.resolve(routesPath)];
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowSec * 1000);
  try {
    const routes = require(routesPath) as { handle: (req: unknown, res: unknown, body: Uint8Array) => void };
    const res: FakeRes & { writeHead: (s: number, h?: Record<string, string>) => void; end: (b?: string) => void; write: (b: string) => void } = {
      status: 0, headers: {}, body: '',
      writeHead(s, h) { this.status = s; this.headers = h ?? {}; },
      end(b) { if (b) this.body += b; },
      write(b) { this.body += b; },
    };
    routes.handle({ method, url, headers: {} }, res, new Uint8Array());
    return res;
  } finally {
    vi.useRealTimers();
  }
}

export function getJSON<T>(url: string, nowSec: number): T {
  return JSON.parse(callRoute('GET', url, nowSec).body) as T;
}

/** For streaming routes (pull, push, build): resolves with the whole body once the handler ends the response. */
export function callRouteStream(method: string, url: string, nowSec: number): Promise<string> {
  const routesPath = `${CONFORMANCE}/fake/routes.js`;
  delete require.cache[require.resolve(routesPath)];
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowSec * 1000);
  let routes: { handle: (req: unknown, res: unknown, body: Uint8Array) => void };
  try {
    routes = require(routesPath) as typeof routes;
  } finally {
    vi.useRealTimers();
  }
  return new Promise((resolve) => {
    let body = '';
    const res = {
      writeHead() { /* headers are not needed */ },
      write(b: string) { body += b; },
      end(b?: string) { if (b) body += b; resolve(body); },
    };
    routes.handle({ method, url, headers: {} }, res, new Uint8Array());
  });
}
