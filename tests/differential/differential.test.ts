/**
 * Differential test: every transcript in tests/differential/transcripts/ runs through the REAL docker CLI against our
 * daemon (scripts/daemon.ts, in process) and, when scripts/console.ts exists, through our console against a second
 * daemon started from the same state; stdout, stderr and exit codes must be identical command by command.
 * The real CLI's answers are also checked against golden files (tests/differential/golden/, regenerate with
 * UPDATE_GOLDEN=1), so a change in the server or the fake engine that changes what docker prints is caught.
 * Without a docker CLI on PATH the suite says so and skips.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  type GoldenEntry, type Result, describeDiff, sameResult, dockerCliPath, loadTranscripts, normalize, ourConsoleAvailable,
  loadKnownDifferences, readGolden, runReal, startOurSession, startSide, writeGolden,
} from './harness';
import { chooseEngine } from '../../scripts/daemon';

const docker = dockerCliPath();
const transcripts = loadTranscripts();
const counts = { commands: 0, identical: 0, different: 0, known: 0, goldenMismatch: 0 };
const known = loadKnownDifferences();
const fixedKnown: string[] = [];

if (!docker) console.warn('differential: no docker CLI on PATH; skipping the real-CLI comparison suite');

describe.skipIf(!docker)('differential: real docker CLI 28.2.2 vs our console', () => {
  const consoleReady = ourConsoleAvailable() && process.env.DIFF_NO_CONSOLE !== '1';
  if (!consoleReady) console.warn('differential: scripts/console.ts not found; comparing the real CLI with golden files only');

  for (const t of transcripts) {
    it(`${t.name} (${t.commands.length} commands)`, async () => {
      if (t.engine === 'real' && (await chooseEngine({})).kind !== 'engine') {
        console.warn(`differential: ${t.name} needs lib/engine; skipped`);
        return;
      }
      const real = await startSide(t.engine);
      const ours = consoleReady ? await startSide(t.engine) : null;
      const session = ours ? await startOurSession(ours) : null;
      const entries: GoldenEntry[] = [];
      const diffs: string[] = [];
      try {
        for (const c of t.commands) {
          // The two sides have their own daemons: run them at the same time.
          const [rawReal, rawOurs] = await Promise.all([runReal(real, c), session ? session.run(c) : Promise.resolve(null)]);
          const r = normalize(rawReal, real);
          entries.push({ cmd: c.line, stdout: r.stdout, stderr: r.stderr, exit: r.exit });
          if (!ours || !rawOurs) continue;
          counts.commands++;
          const o: Result = normalize(rawOurs, ours);
          const key = `${t.name}.txt:${c.lineNo}`;
          if (sameResult(r, o)) {
            counts.identical++;
            if (known.has(key) && !/\(flaky/.test(known.get(key) ?? '')) fixedKnown.push(key);
          } else {
            counts.different++;
            if (known.has(key)) counts.known++;
            else diffs.push(`${key}\n${describeDiff(c.line, r, o)}`);
          }
        }
      } finally {
        await real.cleanup();
        await ours?.cleanup();
      }
      // Golden files pin what the real CLI prints against the fake engine; lib/engine transcripts are still moving.
      const golden = t.engine === 'fake' ? readGolden(t) : null;
      if (t.engine === 'real') { /* no golden */ } else if (process.env.UPDATE_GOLDEN === '1' || !golden) writeGolden(t, entries);
      else {
        const goldenDiffs: string[] = [];
        entries.forEach((e, k) => {
          const g = golden[k];
          if (!g || g.cmd !== e.cmd || !sameResult(g, e)) {
            counts.goldenMismatch++;
            goldenDiffs.push(describeDiff(e.cmd, g ?? { stdout: '', stderr: '', exit: -1 }, e, 'golden', 'docker'));
          }
        });
        if (golden.length !== entries.length) goldenDiffs.push(`golden has ${golden.length} entries, transcript ${entries.length}`);
        expect(goldenDiffs, `real CLI output changed (UPDATE_GOLDEN=1 to accept)\n${goldenDiffs.join('\n')}`).toEqual([]);
      }
      expect(diffs, diffs.join('\n\n')).toEqual([]);
    }, 600_000);
  }

  afterAll(() => {
    console.log(`differential: ${transcripts.reduce((n, t) => n + t.commands.length, 0)} commands in ${transcripts.length} transcripts; `
      + (counts.commands ? `console vs docker: ${counts.identical} identical, ${counts.different} different (${counts.known} of them listed in known-differences.txt)` : 'console comparison not run')
      + `; golden mismatches: ${counts.goldenMismatch}`);
    if (fixedKnown.length) console.log(`differential: now identical, remove from known-differences.txt: ${fixedKnown.join(' ')}`);
  });
});
