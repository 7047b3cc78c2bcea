/**
 * Every command a lesson shows in <Run cmd="..."> must be a valid command line for the docker CLI we emulate
 * (right subcommand, known flags, right number of arguments): run it through lib/console with an engine that
 * refuses every call, and look for usage errors (which the CLI reports before calling the engine).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsole, MemoryWorkspace } from '../console';
import type { ConsoleIO } from '../console/types';
import type { EngineClient } from '../api/types';
import { LESSONS } from './lessons';

const root = path.resolve(__dirname, '../..');
const refusing = new Proxy({}, { get: () => () => { throw new Error('offline'); } }) as EngineClient;

function snippets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<Run cmd=(?:"([^"]*)"|'([^']*)'|\{`([^`]*)`\})/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  // the commands of <OpenInPlayground ... commands={['...', '...']} />
  for (const m of text.matchAll(/commands=\{\[([^\]]*)\]\}/g)) for (const c of m[1]!.matchAll(/'([^']*)'/g)) out.push(c[1]!);
  return out;
}

const USAGE = /unknown flag|unknown shorthand|unknown command|is not a docker command|requires [^\n]*argument|accepts (at most|no)|invalid argument|flag needs an argument|syntax error/i;

describe('lesson snippets are valid docker command lines', () => {
  for (const l of LESSONS) {
    const cmds = snippets(readFileSync(path.join(root, 'content/lessons', `${l.slug}.mdx`), 'utf8'));
    it(`${l.slug} (${cmds.length} snippets)`, async () => {
      expect(cmds.length).toBeGreaterThan(0);
      const ws = new MemoryWorkspace(() => 0);
      ws.write('Dockerfile', 'FROM alpine:3.20\n');
      const con = createConsole({ client: refusing, workspace: ws, now: () => Date.UTC(2026, 0, 1) });
      for (const cmd of cmds) {
        let err = '';
        const io: ConsoleIO = { stdout: () => {}, stderr: (d) => void (err += d), readLine: async () => null, isTTY: false, columns: 100 };
        await con.run(cmd, io).catch((e: unknown) => void (err += String(e)));
        expect(err, cmd).not.toMatch(USAGE);
      }
    });
  }
});
