import { describe, expect, it } from 'vitest';
import { MemoryWorkspace } from '../console';
import type { Console } from '../console/types';
import { applySolution, applyStartState, expandSubstitutions, replay } from './index';

/** A console that records what it is asked and reads stdin like a prompt, then like `cat`. */
function fakeConsole(log: string[]): Console {
  return {
    prompt: () => '$ ',
    complete: async () => ({ items: [], start: 0 }),
    async run(line, io) {
      log.push(line);
      if (line === 'docker image ls -q --filter dangling=true') io.stdout('0123456789ab\n');
      if (line === 'prompt') {
        const first = await io.readLine();
        const second = await io.readLine();
        io.stdout(`${first} ${second}\n`);
      }
      if (line === 'fail') throw new Error('boom');
      return line === 'false' ? 1 : 0;
    },
  };
}

describe('replay', () => {
  it('answers a prompt once, then gives end of input', async () => {
    const log: string[] = [];
    const [step] = await replay({ console: fakeConsole(log), workspace: new MemoryWorkspace() }, ['prompt']);
    expect(step!.stdout).toBe('y null\n');
  });
  it('keeps going after a failing or throwing line and records exit codes', async () => {
    const log: string[] = [];
    const steps = await replay({ console: fakeConsole(log), workspace: new MemoryWorkspace() }, ['false', 'fail', 'true']);
    expect(steps.map((s) => s.code)).toEqual([1, 1, 0]);
    expect(steps[1]!.stderr).toBe('boom\n');
    expect(log).toEqual(['false', 'fail', 'true']);
  });
  it('expands $(...) by running the inner command first', async () => {
    const log: string[] = [];
    const target = { console: fakeConsole(log), workspace: new MemoryWorkspace() };
    expect(await expandSubstitutions(target, 'docker image tag $(docker image ls -q --filter dangling=true) rescued:1.0')).toBe('docker image tag 0123456789ab rescued:1.0');
    await replay(target, ['docker image tag $(docker image ls -q --filter dangling=true) rescued:1.0']);
    expect(log.at(-1)).toBe('docker image tag 0123456789ab rescued:1.0');
  });
  it('writes start files, pulls, then replays commands; the solution overwrites files', async () => {
    const log: string[] = [];
    const target = { console: fakeConsole(log), workspace: new MemoryWorkspace() };
    await applyStartState(target, { start: { files: { Dockerfile: 'FROM a\n' }, pull: ['alpine:3.20'], commands: ['docker build -t x .'] } });
    await applySolution(target, { files: { Dockerfile: 'FROM b\n' }, commands: ['docker image ls'] });
    expect(log).toEqual(['docker pull alpine:3.20', 'docker build -t x .', 'docker image ls']);
    expect(new TextDecoder().decode(target.workspace.read('Dockerfile')!.data)).toBe('FROM b\n');
  });
});
