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

describe('assignment submissions replay in the engine', () => {
  it('a submission of the solution, sent through a link, replays to all checks passing; an empty one fails', async () => {
    const { assignmentFromExercise, decodeSubmission, encodeSubmission, replaySubmission } = await import('./assignment');
    const ex = exerciseList.find((e) => e.id === 'two-names')!;
    const assignment = assignmentFromExercise(ex);
    const steps = ex.solution.commands.map((line) => ({ line }));
    const link = encodeSubmission({ assignment, student: 'Grace', submittedAt: '2026-11-27T03:00:00.000Z', steps });
    const sub = decodeSubmission('#' + link);
    const sb = createSandbox({ deterministic: true });
    const transcript = await replaySubmission(sb, sub);
    expect(transcript.map((s) => s.line)).toEqual([...startCommands(ex.start), ...ex.solution.commands]);
    expect((await runChecks(sb.client, sub.assignment)).every((r) => r.pass)).toBe(true);

    const empty = decodeSubmission(encodeSubmission({ ...sub, steps: [] }));
    const sb2 = createSandbox({ deterministic: true });
    await replaySubmission(sb2, empty);
    const results = await runChecks(sb2.client, empty.assignment);
    expect(results.find((r) => r.id === 'v1')).toMatchObject({ pass: false, detail: 'there is no image mytools:1.0' });
  });

  it('replays are deterministic: two replays of the same submission give the same transcript', async () => {
    const { assignmentFromExercise, replaySubmission } = await import('./assignment');
    const ex = exerciseList.find((e) => e.id === 'two-tags-one-repo')!;
    const sub = { assignment: assignmentFromExercise(ex), student: 'a', submittedAt: 'x', steps: ex.solution.commands.map((line) => ({ line })) };
    const a = await replaySubmission(createSandbox({ deterministic: true }), sub);
    const b = await replaySubmission(createSandbox({ deterministic: true }), sub);
    expect(a.map((s) => s.stdout + s.stderr)).toEqual(b.map((s) => s.stdout + s.stderr));
    expect(a.some((s) => s.stdout.includes('alpine'))).toBe(true);
  });
});
