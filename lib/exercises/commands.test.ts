/** Every command line of every exercise (start state, solution, wrong answer) is valid for the emulated docker CLI. */
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../api/types';
import { createConsole, MemoryWorkspace } from '../console';
import type { ConsoleIO } from '../console/types';
import { exerciseList, startCommands } from './index';

const refusing = new Proxy({}, { get: () => () => { throw new Error('offline'); } }) as EngineClient;
const USAGE = /unknown flag|unknown shorthand|unknown command|is not a docker command|requires [^\n]*argument|accepts (at most|no)|invalid argument|flag needs an argument|syntax error/i;

describe('exercise command lines', () => {
  for (const ex of exerciseList) {
    it(ex.id, async () => {
      const con = createConsole({ client: refusing, workspace: new MemoryWorkspace(() => 0), now: () => 0 });
      const all = [...startCommands(ex.start), ...ex.solution.commands, ...ex.wrong.commands].flatMap((l) => {
        const inner = /\$\(([^()]*)\)/.exec(l);
        return inner ? [inner[1]!, l.replace(inner[0], '0123456789ab')] : [l];
      });
      for (const line of all) {
        let err = '';
        const io: ConsoleIO = { stdout: () => {}, stderr: (d) => void (err += d), readLine: async () => null, isTTY: false, columns: 100 };
        await con.run(line, io).catch((e: unknown) => void (err += String(e)));
        expect(err, line).not.toMatch(USAGE);
      }
    });
  }
});
