import { describe, expect, it } from 'vitest';
import type { Console, ConsoleIO } from '@/lib/console/types';
import { ShellSession, type TerminalSurface } from '@/components/terminal/session';

function fakeTerm(): TerminalSurface & { out: string } {
  const t = {
    cols: 80,
    out: '',
    write(data: string, cb?: () => void) {
      t.out += data;
      cb?.();
    },
    buffer: { active: { cursorX: 0 } },
  };
  return t;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A console whose `sh` reads lines after a `/ # ` prompt until exit, and whose `ask` reads one answer after `[y/N] `. */
function fakeConsole(seen: string[]): Console {
  return {
    prompt: () => '$ ',
    complete: async (_line, cursor) => ({ items: [], start: cursor }),
    async run(line: string, io: ConsoleIO) {
      if (line === 'sh') {
        for (;;) {
          io.stdout('/ # ');
          const l = await io.readLine();
          if (l === null || l === 'exit') return 0;
          seen.push(l);
        }
      }
      if (line === 'ask') {
        io.stdout('Continue? [y/N] ');
        seen.push(`answer:${await io.readLine()}`);
      }
      return 0;
    },
  };
}

async function type(s: ShellSession, keys: string) {
  for (const k of keys.match(/\x1b\[[A-D]|[\s\S]/g)!) {
    s.input(k);
    await tick();
  }
  await tick();
}

describe('ShellSession in an interactive container shell', () => {
  it('arrow keys recall the lines typed to the container shell, not the host history', async () => {
    const seen: string[] = [];
    const s = new ShellSession(fakeTerm(), fakeConsole(seen), { history: ['docker ps'] });
    await s.start();
    await type(s, 'sh\r');
    await type(s, 'echo one\r');
    await type(s, 'echo two\r');
    await type(s, '\x1b[A\x1b[A\r'); // two lines back: echo one
    await type(s, '\x1b[A\x1b[A\x1b[A\x1b[B\r'); // up three (stops at the oldest), down one: echo two
    await type(s, 'exit\r');
    expect(seen).toEqual(['echo one', 'echo two', 'echo one', 'echo two']);
    // Back on the host, Up is the host history again.
    await type(s, '\x1b[A');
    await type(s, '\r');
    expect(seen).toEqual(['echo one', 'echo two', 'echo one', 'echo two']);
  });

  it('a question ([y/N]) gets no history', async () => {
    const seen: string[] = [];
    const s = new ShellSession(fakeTerm(), fakeConsole(seen));
    await s.start();
    await type(s, 'sh\r');
    await type(s, 'secret-ish\r');
    await type(s, 'exit\r');
    await type(s, 'ask\r');
    await type(s, '\x1b[Ay\r');
    expect(seen).toEqual(['secret-ish', 'answer:y']);
  });
});
