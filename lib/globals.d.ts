/**
 * The few host globals that exist in every place lib/ runs: browsers, Web Workers and Node 20.
 * lib/ compiles without the `dom` lib and without Node's types (lib/tsconfig.json), so these are declared here,
 * narrowly, with only the members we use. Anything DOM- or Node-specific does not belong in lib/.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: { prototype: AbortSignal; abort(reason?: unknown): AbortSignal; timeout(ms: number): AbortSignal };
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  append(name: string, value: string): void;
  set(name: string, value: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  delete(name: string): void;
  toString(): string;
  forEach(cb: (value: string, key: string) => void): void;
  entries(): IterableIterator<[string, string]>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}
declare class URL {
  constructor(url: string, base?: string);
  hash: string; host: string; hostname: string; href: string; origin: string; pathname: string; port: string;
  protocol: string; search: string; readonly searchParams: URLSearchParams;
  toString(): string;
}
interface ReadableStreamReadResult<T> { done: boolean; value?: T }
interface ReadableStreamDefaultReader<T> { read(): Promise<ReadableStreamReadResult<T>>; releaseLock(): void; cancel(reason?: unknown): Promise<void> }
interface ReadableStream<T> { getReader(): ReadableStreamDefaultReader<T> }
interface Headers { get(name: string): string | null; has(name: string): boolean; forEach(cb: (value: string, key: string) => void): void }
interface Response {
  readonly status: number; readonly ok: boolean; readonly headers: Headers; readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>; json(): Promise<unknown>; arrayBuffer(): Promise<ArrayBuffer>;
}
interface RequestInit {
  method?: string; headers?: Record<string, string>; body?: Uint8Array | string | null; signal?: AbortSignal; duplex?: 'half';
}
declare function fetch(input: string | URL, init?: RequestInit): Promise<Response>;
declare function setTimeout(handler: (...args: unknown[]) => void, timeout?: number, ...args: unknown[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: (...args: unknown[]) => void, timeout?: number): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(cb: () => void): void;
declare function structuredClone<T>(value: T): T;
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare var performance: { now(): number };
declare var console: {
  log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void; info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
};
