/**
 * Property test: random and hostile argv thrown at `docker` (with the in-memory fake engine). Every run must resolve
 * (no hang once Ctrl+C is pressed), never throw, exit with a sane status, and only ever print Docker's own wording: no JavaScript error texts,
 * and no escape sequences that were not in the input (Docker quotes bad flag values with %q).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runDocker } from './cli';
import { captureCtx } from './test-helpers';
import { createFakeClient } from '../api/fake-client';
import type { EngineClient } from '../api/types';

const WORDS = ['image', 'images', 'ls', 'list', 'container', 'ps', 'run', 'create', 'exec', 'start', 'stop', 'rm', 'rmi', 'tag', 'pull', 'push',
  'build', 'builder', 'history', 'inspect', 'prune', 'search', 'login', 'logout', 'commit', 'logs', 'kill', 'pause', 'unpause', 'port', 'rename',
  'top', 'wait', 'diff', 'cp', 'attach', 'save', 'load', 'import', 'version', 'info', 'system', 'df', 'volume', 'help', 'network', 'stats'];
const FLAGS = ['-a', '-q', '-f', '-aq', '-qa', '-d', '-it', '-p', '-p80:80', '-e', '-v', '-t', '-n', '-s', '-h', '-H', '-D', '-l', '-x', '--all', '--quiet',
  '--format', '--filter', '--no-trunc', '--digests', '--force', '--rm', '--name', '--help', '--help=false', '--all=false', '--all=maybe', '--last',
  '--last=0x10', '--timeout', '--tail', '--', '-', '---x', '--=x', '--format=json', '--format=table', '--filter=dangling=true', '--filter=x',
  '--memory=1g', '--memory=abc', '--cpus=1.5', '--cpus=x', '-H=tcp://x', '--config', '--bogus', '--tree', '--platform'];
const HOSTILE = ['\x1b[31mred\x1b[0m', '\x1b]0;title\x07', 'a\rb', 'é漢字🐳', '\u202e', '{{.ID}}', '{{', '{{.Nope}}', '{{json .}}', 'table {{.Repository}}\\t{{.Tag}}',
  'MyApp', 'nginx:latest', 'nginx', 'alpine:3.20', 'myapp:dev', 'a=b', 'dangling=true', '', ' ', '0', '-1', '99999999999999999999', 'sha256:abc',
  '3f2e1d0c9b8a', 'docker.io/library/nginx', 'x@sha256:' + 'a'.repeat(64), '../../etc/passwd', '.', 'web', '\0', '\\', "'", '"'];

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);
const argvArb = fc.tuple(fc.constantFrom(...WORDS), fc.array(token, { maxLength: 7 })).map(([w, rest]) => [w, ...rest]);

const JS_ERRORS = /TypeError|RangeError|SyntaxError|ReferenceError|Cannot read prop|is not a function|is not iterable|\[object Object\]|undefined|NaN|at .*\.ts:\d+/;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
}

describe('random argv (fast-check)', () => {
  let client: EngineClient = createFakeClient({ now: () => 1_790_000_000 });
  let runs = 0;
  it('10,000 argv: no crash, no hang, Docker wording only', async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        if (++runs % 200 === 0) client = createFakeClient({ now: () => 1_790_000_000 });
        const { ctx, out, err } = captureCtx(client, ['n']);
        // Long-running containers (`run nginx`) run until Ctrl+C, as in a real terminal: press it after 200 ms.
        const ctrlC = new AbortController();
        const timer = setTimeout(() => ctrlC.abort(), 200);
        ctx.io = { ...ctx.io, signal: ctrlC.signal };
        const code = await withTimeout(runDocker(argv, ctx), 3000);
        clearTimeout(timer);
        expect(code, `hang: docker ${JSON.stringify(argv)}`).not.toBe('timeout');
        expect(Number.isInteger(code) && (code as number) >= 0 && (code as number) <= 255).toBe(true);
        const input = argv.join(' ');
        expect(err(), `JS error text for docker ${JSON.stringify(argv)}`).not.toMatch(JS_ERRORS);
        // No escape/control sequences out of nowhere: raw ESC/CR/BEL only when the input had them (help on a TTY aside).
        for (const ch of ['\x1b', '\r', '\x07']) {
          if (!input.includes(ch)) {
            expect(err().includes(ch), `stderr invented ${JSON.stringify(ch)} for ${JSON.stringify(argv)}`).toBe(false);
          }
        }
        // pflag quotes invalid flag values and shorthand characters (%q): never raw control characters there.
        for (const line of err().split('\n')) {
          const m = /^invalid argument (".*") for "/.exec(line);
          if (m) expect(/[\x00-\x1f\x7f]/.test(m[1]), line).toBe(false);
        }
        // Flag errors with a usage line exit 125 (cobra's FlagErrorFunc); flags placed before a sub-command's name are
        // parsed by the parent during cobra's Traverse and fail with a plain error (exit 1), as in the real CLI.
        if (/^(unknown flag|unknown shorthand flag|flag needs an argument|invalid argument|bad flag syntax)[^\n]*\n\nUsage:/.test(err())) expect(code).toBe(125);
        void out;
      }),
      { numRuns: 10_000, seed: 20261127 },
    );
    expect(runs).toBeGreaterThanOrEqual(10_000);
  }, 600_000);
});
