import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../api/fake-client';
import { createConsole, loadWorkspaceFromFiles, MemoryWorkspace } from './index';
import { parseLine, ShellSyntaxError, splitCommands } from './shell';
import type { ConsoleIO } from './types';

function io(input: string[] = []): ConsoleIO & { out: string; err: string } {
  const lines = [...input];
  const o = { out: '', err: '', stdout(s: string) { o.out += s; }, stderr(s: string) { o.err += s; }, readLine: async () => lines.shift() ?? null, isTTY: false, columns: 80 };
  return o;
}
function setup() {
  const now = () => Date.UTC(2026, 10, 26, 12, 0, 0);
  const ws = loadWorkspaceFromFiles({ Dockerfile: 'FROM alpine\n', 'app/main.py': 'print(1)\n', '.dockerignore': '*.log\n' }, now);
  const con = createConsole({ client: createFakeClient({ now: () => Math.floor(now() / 1000) }), workspace: ws, env: { NAME: 'web', DOCKER_BUILDKIT: '0' }, now });
  return { ws, con };
}

describe('shell parsing', () => {
  it('quotes, escapes, variables and operators', () => {
    const env = { A: 'x y', EMPTY: '' };
    expect(parseLine(`docker run --name "$A" 'it''s' a\\ b \${A}z`, env)).toEqual([{ op: ';', cmd: { argv: ['docker', 'run', '--name', 'x y', 'its', 'a b', 'x yz'], redirect: undefined } }]);
    expect(parseLine('false && echo no || echo yes; echo $?', {}, 3).map((p) => [p.op, p.cmd.argv])).toEqual([[';', ['false']], ['&&', ['echo', 'no']], ['||', ['echo', 'yes']], [';', ['echo', '3']]]);
    expect(parseLine('echo hi > out.txt', {})[0].cmd.redirect).toEqual({ path: 'out.txt', append: false });
    expect(parseLine('echo "" $EMPTY x', env)[0].cmd.argv).toEqual(['echo', '', 'x']);
    expect(parseLine('echo a # comment', {})[0].cmd.argv).toEqual(['echo', 'a']);
    expect(() => parseLine('echo "open', {})).toThrow(ShellSyntaxError);
    expect(() => parseLine('&& ls', {})).toThrow(ShellSyntaxError);
    expect(splitCommands(`echo 'a;b' && x || y; z # c;d`)).toEqual([{ op: ';', text: "echo 'a;b' " }, { op: '&&', text: ' x ' }, { op: '||', text: ' y' }, { op: ';', text: ' z ' }]);
  });
});

describe('console', () => {
  it('runs docker commands and builtins with exit statuses', async () => {
    const { con } = setup();
    const a = io();
    expect(await con.run('docker image ls -q', a)).toBe(0);
    expect(a.out.split('\n').filter(Boolean).length).toBeGreaterThan(2);
    const b = io();
    expect(await con.run('docker tag x', b)).toBe(1);
    expect(b.err).toBe("docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n");
    const c = io();
    expect(await con.run('nosuchcmd', c)).toBe(127);
    expect(c.err).toBe('nosuchcmd: command not found\n');
    const d = io();
    expect(await con.run('docker tag x; echo $?', d)).toBe(0);
    expect(d.out).toBe('1\n');
  });

  it('workspace builtins: ls, cat, cd, pwd, echo > file, mkdir, touch, rm, clear, export', async () => {
    const { con, ws } = setup();
    const a = io();
    await con.run('ls; ls -a; cat Dockerfile; cd app; pwd; ls; cd ..; pwd', a);
    expect(a.out).toBe('Dockerfile  app\n.dockerignore  Dockerfile  app\nFROM alpine\n/app\nmain.py\n/\n');
    const b = io();
    expect(await con.run('echo hello > notes.txt && echo more >> notes.txt && cat notes.txt', b)).toBe(0);
    expect(b.out).toBe('hello\nmore\n');
    expect(new TextDecoder().decode(ws.read('notes.txt')!.data)).toBe('hello\nmore\n');
    const c = io();
    expect(await con.run('cat nope', c)).toBe(1);
    expect(c.err).toBe('cat: nope: No such file or directory\n');
    const d = io();
    await con.run('mkdir src && touch src/a.txt && ls src && rm src/a.txt && rm app', d);
    expect(d.out).toBe('a.txt\n');
    expect(d.err).toBe("rm: cannot remove 'app': Is a directory\n");
    const e = io();
    await con.run('clear', e);
    expect(e.out).toBe('\x1b[H\x1b[2J\x1b[3J');
    const f = io();
    await con.run('export TAG=v2; echo $TAG $NAME', f);
    expect(f.out).toBe('v2 web\n');
    const g = io();
    await con.run('history', g);
    expect(g.out).toContain('    1  ls; ls -a; cat Dockerfile');
  });

  it('prompts read the next input line', async () => {
    const { con } = setup();
    const a = io(['n']);
    expect(await con.run('docker image prune', a)).toBe(0);
    expect(a.out).toBe('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ');
  });

  it('legacy build reads the workspace as the context', async () => {
    const { con } = setup();
    const a = io();
    expect(await con.run('docker build -t demo .', a)).toBe(0);
    expect(a.out).toMatch(/^Sending build context to Docker daemon {2}\d/);
    expect(a.err).toContain('BuildKit is currently disabled');
  });

  it('tab completion of commands, sub-commands, flags, images, containers and files', async () => {
    const { con } = setup();
    expect((await con.complete('doc', 3)).items).toEqual(['docker']);
    expect((await con.complete('docker im', 9)).items).toEqual(['image', 'images', 'import']);
    expect((await con.complete('docker image l', 14)).items).toEqual(['list', 'load', 'ls']);
    expect((await con.complete('docker image ls --d', 19)).items).toEqual(['--digests']);
    expect((await con.complete('docker rmi al', 13)).items).toEqual(['alpine:3.20']);
    expect((await con.complete('cat Doc', 7))).toEqual({ items: ['Dockerfile'], start: 4 });
    expect((await con.complete('cat app/m', 9)).items).toEqual(['app/main.py']);
    await con.run('docker run -d --name webby nginx', io());
    expect((await con.complete('docker stop we', 14)).items).toEqual(['webby']);
    expect((await con.complete('docker rm we', 12)).items).toEqual(['webby']);
    expect((await con.complete('docker rm -f we', 15)).items).toEqual(['webby']);
    expect((await con.complete('docker rm al', 12)).items).toEqual([]);
    expect((await con.complete('docker inspect ', 15)).items).toEqual(['alpine:3.20', 'myapp:dev', 'myapp:latest', 'nginx:latest', 'webby']);
  });

  it('MemoryWorkspace notifies listeners and renames', () => {
    const ws = new MemoryWorkspace(() => 0);
    const seen: string[] = [];
    const off = ws.onChange((p) => seen.push(p));
    ws.write('a/b.txt', 'x');
    ws.rename('a/b.txt', 'c.txt');
    off();
    ws.remove('c.txt');
    expect(seen).toEqual(['a/b.txt', 'a/b.txt', 'c.txt']);
    expect(ws.list()).toEqual([]);
  });
});

describe('docker cp', () => {
  it('copies a workspace file into a container and back out', async () => {
    const { con, ws } = setup();
    const a = io();
    expect(await con.run('docker run -d --name box alpine sleep 1000', a)).toBe(0);
    const b = io();
    expect(await con.run('docker cp app/main.py box:/tmp/main.py && docker cp box:/tmp/main.py copy.py && cat copy.py', b)).toBe(0);
    expect(b.err).toBe('');
    expect(b.out).toBe('print(1)\n');
    expect(ws.read('copy.py')).toBeDefined();
    const c = io();
    expect(await con.run('docker cp nope.txt box:/tmp/', c)).toBe(1);
    expect(c.err).toBe('lstat /nope.txt: no such file or directory\n');
    const d = io();
    expect(await con.run('docker cp a b', d)).toBe(1);
    expect(d.err).toBe('must specify at least one container source\n');
  });
});
