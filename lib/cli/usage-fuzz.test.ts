/**
 * Differential fuzz against the real docker CLI 28.2.2 (skipped when it is not installed): random argv are run by the
 * real CLI with an unreachable daemon and by ours; whenever the real CLI answers without needing the daemon (usage,
 * flag and validation errors, help), our stdout, stderr and exit status must be identical.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { runDocker } from './cli';
import { captureCtx } from './test-helpers';
import type { EngineClient } from '../api/types';
import { DaemonUnreachableError } from '../api/http-client';

const haveDocker = spawnSync('docker', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('Docker version 28.2.2') ?? false;

const WORDS = ['image', 'images', 'ls', 'container', 'ps', 'run', 'create', 'exec', 'start', 'stop', 'rm', 'rmi', 'tag', 'pull', 'push', 'history',
  'inspect', 'prune', 'search', 'commit', 'logs', 'kill', 'pause', 'port', 'rename', 'top', 'wait', 'diff', 'cp', 'attach', 'save', 'load',
  'import', 'version', 'info', 'system', 'df', 'volume', 'help', 'builder', 'restart', 'unpause', 'list', 'remove'];
const FLAGS = ['-a', '-q', '-f', '-aq', '-qaf', '-d', '-it', '-n', '-nx', '-n5', '-s', '-h', '-x', '-t', '-p', '--all', '--all=false', '--all=2',
  '--quiet', '--format', '--format=', '--filter', '--filter=a', '--filter=a=b', '--no-trunc', '--digests', '--force', '--rm', '--name', '--last',
  '--last=x', '--time=5', '--time=x', '--timeout=x', '--signal', '--tail', '--', '-', '---', '---x', '--=x', '--bogus', '-é', '--é', '--limit=x',
  '--limit', '-H', '--memory=x', '--cpus=x', '--shm-size=1x', '--publish', '-e', '--platform', '--tree', '--help=x', '--pause=maybe'];
const VALUES = ['x', 'nginx', 'MyApp', 'a:b:c', '\x1b[1mB', 'é', '{{.ID}}', '', '0', '-1', '5', 'a=b', 'name=web'];

const token = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 4, arbitrary: fc.constantFrom(...FLAGS) }, { weight: 2, arbitrary: fc.constantFrom(...VALUES) });
const argvArb = fc.tuple(fc.constantFrom(...WORDS), fc.array(token, { maxLength: 5 })).map(([w, r]) => [w, ...r]);

/** Every call fails like an unreachable daemon, as in the real CLI's run. */
const downClient = new Proxy({}, { get: () => () => { throw new DaemonUnreachableError('tcp://127.0.0.1:9'); } }) as EngineClient;

describe.skipIf(!haveDocker)('differential fuzz vs the real docker CLI (daemon down)', () => {
  it('random argv: identical answers whenever the real CLI does not need the daemon', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        const real = spawnSync('docker', argv, { env: { PATH: process.env.PATH, HOME: '/root', DOCKER_HOST: 'tcp://127.0.0.1:9' } as unknown as NodeJS.ProcessEnv, input: '', encoding: 'utf8' });
        const { ctx, out, err } = captureCtx(downClient);
        ctx.env.HOME = '/root';
        const code = await runDocker(argv, ctx);
        if (/Cannot connect to the Docker daemon/.test(real.stderr + out() + err()) || real.stderr.includes('panic:')) return;
        compared++;
        expect({ argv, stdout: out(), stderr: err(), code }).toEqual({ argv, stdout: real.stdout, stderr: real.stderr, code: real.status });
      }),
      { numRuns: 400, seed: 424242 },
    );
    console.log(`usage fuzz: ${compared} of 400 random argv answered without the daemon, all identical`);
    expect(compared).toBeGreaterThan(100);
  }, 600_000);
});
