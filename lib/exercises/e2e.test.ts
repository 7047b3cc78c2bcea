/**
 * End to end, per exercise, in the real simulated engine (lib/engine) driven through the real console (lib/console):
 *   start state + solution  -> every check passes;
 *   start state + wrong answer -> the check named by `wrong.fails` fails.
 * While the engine lacks an endpoint an exercise needs, that exercise is skipped with the list of what is missing.
 */
import { describe, expect, it } from 'vitest';
import { applySolution, applyStartState, exerciseList, runChecks, startCommands, type ExerciseDef, type ReplayStep } from './index';
import { createSandbox } from './sandbox';

const COMMAND_NEEDS: [RegExp, string[]][] = [
  [/^docker (image )?pull\b/, ['imagePull']],
  [/^docker (image )?build\b/, ['build']],
  [/^docker (container )?run\b/, ['containerCreate', 'containerStart', 'containerWait', 'containerAttach']],
  [/^docker (container )?create\b/, ['containerCreate']],
  [/^docker (container )?commit\b/, ['commit']],
  [/^docker (image )?push\b/, ['imagePush']],
  [/^docker login\b/, ['login']],
  [/^docker search\b/, ['imageSearch']],
  [/^docker (image rm|rmi)\b/, ['imageRemove']],
  [/^docker image prune\b/, ['imagesPrune']],
  [/^docker (image )?tag\b/, ['imageTag']],
  [/^docker container diff\b/, ['containerDiff']],
];
const CHECK_NEEDS: Record<string, string[]> = {
  fileInImage: ['imageSave'], fileNotInImage: ['imageSave'], container: ['containerInspect'], publishes: ['containerInspect'],
  containerChanged: ['containerInspect', 'containerDiff'], historyMatches: ['imageHistory'], historyLacks: ['imageHistory'],
};

function needs(ex: ExerciseDef): string[] {
  const lines = [...startCommands(ex.start), ...ex.solution.commands, ...ex.wrong.commands];
  const out = new Set<string>(['imageInspect', 'imageList']);
  for (const l of lines) for (const [re, ms] of COMMAND_NEEDS) if (re.test(l)) ms.forEach((m) => out.add(m));
  for (const c of ex.checks) (CHECK_NEEDS[c.spec.kind] ?? []).forEach((m) => out.add(m));
  return [...out];
}

const probe = createSandbox();
const failures = (steps: ReplayStep[]) => steps.filter((s) => s.code !== 0).map((s) => `$ ${s.line}\n${s.stderr}`).join('\n');

describe('exercises end to end in the simulated engine', () => {
  for (const ex of exerciseList) {
    const absent = needs(ex).filter((m) => probe.missing.includes(m));
    const title = absent.length ? `${ex.id} (waits for the engine: ${absent.join(', ')})` : ex.id;
    describe(title, () => {
      it.skipIf(absent.length > 0)('solution: every check passes', async () => {
        const sb = createSandbox({ deterministic: true });
        const start = await applyStartState(sb, ex);
        expect(failures(start), 'start state commands').toBe('');
        const sol = await applySolution(sb, ex.solution);
        const results = await runChecks(sb.client, ex);
        const failed = results.filter((r) => !r.pass);
        expect(failed.map((r) => `${r.id}: ${r.detail}`), failures(sol)).toEqual([]);
      });
      it.skipIf(absent.length > 0)(`wrong answer: "${ex.wrong.fails}" fails`, async () => {
        const sb = createSandbox({ deterministic: true });
        await applyStartState(sb, ex);
        await applySolution(sb, ex.wrong);
        const results = await runChecks(sb.client, ex);
        const r = results.find((x) => x.id === ex.wrong.fails)!;
        expect(r.pass, r.detail).toBe(false);
        expect(r.detail).not.toMatch(/could not be checked/);
      });
    });
  }
});
