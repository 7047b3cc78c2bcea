/**
 * Differential test: the real docker CLI 28.2.2 (when installed) and our console run the same commands against the
 * same fake Engine API (a private copy of /work/shared/conformance/docker-cli/fake); stdout, stderr and exit status
 * must be identical. Covers what the stored captures do not: container commands' error paths, more flag combinations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HttpEngineClient } from '../api/http-client';
import { createConsole, loadWorkspaceFromFiles } from './index';
import type { ConsoleIO } from './types';

const CONF = '/work/shared/conformance/docker-cli';
const haveDocker = spawnSync('docker', ['--version'], { encoding: 'utf8' }).stdout?.startsWith('Docker version 28.2.2') ?? false;
const have = haveDocker && fs.existsSync(path.join(CONF, 'fake/server.js'));

const CASES: string[][] = [
  ['start', 'nosuch', 'a2'], ['stop', 'nosuch', 'a2'], ['stop', '-t', '3', 'x'], ['rm', 'nosuch'], ['rm', '-f', 'a', 'b'], ['kill', '-s', 'HUP', 'nosuch'],
  ['logs', 'nosuch'], ['run', 'nosuch'], ['run', '-d', '--name', 'web', '-p', '8080:80', 'nginx'], ['create', '--name', 'x', 'alpine'],
  ['exec', 'nosuch', 'ls'], ['top', 'nosuch'], ['wait', 'nosuch'], ['rename', 'a', 'b'], ['pause', 'a'], ['unpause', 'a'], ['diff', 'a'],
  ['restart', 'a'], ['cp', 'a:/x', '.'], ['volume', 'ls'], ['system', 'df'], ['container', 'prune', '-f'], ['ps'], ['ps', '-a'], ['ps', '-q'],
  ['ps', '--format', '{{.ID}}'], ['ps', '-n', '2'], ['container', 'ls', '--no-trunc'], ['images'], ['images', '-a', '--digests'], ['images', 'nginx'],
  ['images', '--format', '{{.Repository}}:{{.Tag}}'], ['images', '--format', 'table {{.ID}}\t{{.Size}}'], ['images', '-f', 'dangling=true'],
  ['image', 'ls', '--no-trunc', '-q'], ['history', 'nginx'], ['history', '-q', '--no-trunc', 'myapp:dev'], ['history', '--format', '{{.Size}}', 'myapp:dev'],
  ['image', 'inspect', '-f', '{{.Os}}/{{.Architecture}}', 'alpine:3.20'], ['image', 'inspect', 'nosuch', 'nosuch2'], ['image', 'inspect', '-f', '{{.Nope}}', 'alpine:3.20'],
  ['image', 'inspect', '-f', '{{', 'alpine:3.20'], ['search', 'alpine'], ['search', '--limit', '2', 'nginx'], ['search', '-f', 'stars=3', 'nginx'],
  ['search', '--format', '{{.Name}}', 'nginx'], ['rmi', 'nginx:1.27'], ['rmi', '-f', 'nosuch'], ['rmi', 'a', 'b'], ['image', 'rm', 'myapp:latest', 'myapp:dev'],
  ['tag', 'nginx', 'localhost:5000/nginx'], ['tag', 'nginx', 'UPPER'], ['tag', 'nginx', 'a/b/c:d'], ['tag', 'nginx', 'a:b:c'], ['tag', 'Nope', 'x'],
  ['tag', 'nginx', 'x@sha256:abc'], ['pull', 'alpine'], ['pull', '-q', 'alpine:3.20'], ['pull', '-a', 'alpine:3.20'], ['pull', 'UPPER'], ['pull', 'a:b:c'],
  ['push', 'myapp'], ['push', '-q', 'myapp:latest'], ['push', '-a', 'myapp:dev'], ['commit', 'web'], ['commit', 'web', 'Bad'], ['commit', '-p=false', 'web', 'x@sha256:' + 'a'.repeat(64)],
  ['version', '--format', '{{.Server.Version}}'], ['version', '-f', '{{.Client.Version}}'], ['info', '--format', '{{.ServerVersion}} {{.NCPU}}'], ['info'],
  ['image', 'prune', '-f', '-a'], ['image', 'prune', '-f', '--filter', 'until=1h'], ['system', 'prune', '-f'], ['logout', 'registry.example.com'],
  ['inspect', 'nosuch'], ['inspect', '--type', 'image', 'alpine:3.20', '-f', '{{.Id}}'], ['inspect', '--type', 'bogus', 'x'], ['images', '--format', 'json'],
  ['port', 'a', '80'], ['volume', 'inspect', 'v1'], ['ps', '--filter', 'status=running'], ['ps', '-f', 'bogus'],
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

describe.skipIf(!have)('differential: real docker CLI vs our console (same fake daemon)', () => {
  let tmp = '';
  let port = 0;
  let server: ChildProcess | undefined;
  const results: { argv: string[]; same: boolean }[] = [];
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-'));
    fs.cpSync(path.join(CONF, 'fake'), path.join(tmp, 'fake'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'config.json'), '{}');
    port = await freePort();
    server = spawn('node', [path.join(tmp, 'fake/server.js')], { env: { ...process.env, PORT: String(port), REQLOG: path.join(tmp, 'req.log') }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => server!.stdout!.once('data', () => resolve()));
  });
  afterAll(() => {
    server?.kill();
    const same = results.filter((r) => r.same).length;
    console.log(`differential: ${same} identical, ${results.length - same} different of ${results.length}\n  different: ${results.filter((r) => !r.same).map((r) => r.argv.join(' ')).join(' | ')}`);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const UNREACHABLE: string[][] = [['version'], ['info'], ['version', '-f', '{{.Client.Version}}'], ['images'], ['ps', '-a'], ['pull', 'alpine'], ['rmi', 'x']];
  for (const [argv, down] of [...CASES.map((a) => [a, false] as const), ...UNREACHABLE.map((a) => [a, true] as const)]) {
    it(`docker ${argv.join(' ')}${down ? ' (daemon down)' : ''}`, async () => {
      const host = down ? 'tcp://127.0.0.1:9' : `tcp://127.0.0.1:${port}`;
      const real = spawnSync('docker', argv, { env: { PATH: process.env.PATH, HOME: '/root', DOCKER_HOST: host, DOCKER_CONFIG: tmp, TZ: 'UTC' } as unknown as NodeJS.ProcessEnv, input: '', encoding: 'utf8' });
      const con = createConsole({ client: new HttpEngineClient(host), workspace: loadWorkspaceFromFiles({}), env: { HOME: '/root', DOCKER_CONFIG: tmp }, now: () => Date.now() });
      let out = '';
      let err = '';
      const io: ConsoleIO = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readLine: async () => null, isTTY: false, columns: 80 };
      const code = await con.run('docker ' + argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' '), io);
      const ours = { stdout: out, stderr: err, code };
      const theirs = { stdout: real.stdout, stderr: real.stderr, code: real.status };
      const same = JSON.stringify(ours) === JSON.stringify(theirs);
      results.push({ argv, same });
      if (!same && process.env.DIFF_VERBOSE) console.log(`--- docker ${argv.join(' ')}\nours:   ${JSON.stringify(ours)}\ntheirs: ${JSON.stringify(theirs)}`);
      if (theirs.stderr.includes('panic:')) return; // the real CLI crashes on this fake answer; nothing to compare
      expect(ours.code).toBe(theirs.code);
    });
  }
});
