/** Test helpers: a CliContext that records stdout/stderr and answers prompts from a list. */
import type { EngineClient } from '../api/types';
import type { CliContext } from './command';

export function captureCtx(client: EngineClient = {} as EngineClient, input: string[] = []): { ctx: CliContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const lines = [...input];
  const ctx: CliContext = {
    client,
    io: { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => lines.shift() ?? null, isTTY: false, columns: 80 },
    env: {},
    now: () => Date.UTC(2026, 10, 26, 12, 0, 0),
  };
  return { ctx, out: () => out, err: () => err };
}

