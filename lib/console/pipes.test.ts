// Lines with pipes, loops, globs... run in just-bash (full-shell.ts) with the console's commands; exact output as
// bash + the docker CLI print it, state ($VAR, cwd, $?) shared with the console's own shell, Ctrl+C and limits.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleIO } from './types';
import { ManualClock } from '../engine/clock';
import { createSession, type Session } from '../session';
import { needsFullShell, translateBashErrors } from './full-shell';

interface Run { out: string; err: string; code: number }

function runner(s: Session) {
  return async (line: string, opts: { signal?: AbortSignal; input?: string[]; tty?: boolean } = {}): Promise<Run> => {
    const r: Run = { out: '', err: '', code: -1 };
    const input = [...(opts.input ?? [])];
    const io: ConsoleIO = { stdout: (x) => { r.out += x; }, stderr: (x) => { r.err += x; }, readLine: async () => input.shift() ?? null, isTTY: opts.tty ?? false, columns: 80, signal: opts.signal };
    r.code = await s.console.run(line, io);
    return r;
  };
}

function session(): Session {
  return createSession({
    clock: new ManualClock(1_764_000_000_000, 0), seed: 'pipes',
    files: [{ path: 'Dockerfile', data: 'FROM alpine:3.20\nCMD ["echo", "hi"]\n' }, { path: 'a.txt', data: 'A\n' }, { path: 'b.txt', data: 'B\n' }, { path: 'notes.md', data: 'n\n' }, { path: 'app/main.py', data: 'print(1)\n' }],
  });
}

describe('pipes, loops and globs: the examples learners paste', () => {
  let s: Session;
  let run: ReturnType<typeof runner>;
  beforeAll(async () => {
    s = session();
    run = runner(s);
    expect((await run('docker pull -q nginx:1.27')).out).toBe('docker.io/library/nginx:1.27\n');
    expect((await run('docker pull -q alpine:3.20')).out).toBe('docker.io/library/alpine:3.20\n');
    expect((await run('docker run -d --name web nginx:1.27')).code).toBe(0);
    expect((await run('docker run -d --name db alpine:3.20 sleep 1000')).code).toBe(0);
  }, 30_000);

  it('docker images | grep nginx', async () => {
    expect(await run('docker images | grep nginx')).toEqual({ out: 'nginx        1.27      0f869df1be2e   8 months ago   192MB\n', err: '', code: 0 });
    expect(await run('docker images | grep nosuch')).toEqual({ out: '', err: '', code: 1 });
  });
  it("docker ps --format '{{.Names}}' | sort", async () => {
    expect(await run("docker ps --format '{{.Names}}' | sort")).toEqual({ out: 'db\nweb\n', err: '', code: 0 });
  });
  it('docker history nginx | wc -l', async () => {
    expect(await run('docker history nginx:1.27 | wc -l')).toEqual({ out: '19\n', err: '', code: 0 });
    // one header line + one line per history entry
    expect((await run('docker history -q nginx:1.27')).out.split('\n').length - 1).toBe(18);
  });
  it('docker inspect web | grep IPAddress', async () => {
    expect(await run('docker inspect web | grep IPAddress')).toEqual({
      out: '            "SecondaryIPAddresses": null,\n            "IPAddress": "172.17.0.2",\n                    "IPAddress": "172.17.0.2",\n', err: '', code: 0,
    });
  });
  it('docker image ls | head -3', async () => {
    expect(await run('docker image ls | head -3')).toEqual({
      out: 'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\nnginx        1.27      0f869df1be2e   8 months ago   192MB\nalpine       3.20      71e427a66fd7   9 months ago   7.8MB\n', err: '', code: 0,
    });
  });
  it('for i in 1 2 3; do docker run --rm alpine echo $i; done', async () => {
    expect(await run('for i in 1 2 3; do docker run --rm alpine:3.20 echo $i; done')).toEqual({ out: '1\n2\n3\n', err: '', code: 0 });
    expect((await run('docker ps -a --format "{{.Names}}" | wc -l')).out).toBe('2\n');
  });
  it("echo 'FROM alpine' | docker build -t x -", async () => {
    const r = await run("echo 'FROM alpine:3.20' | docker build -t x -");
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^#0 building with "default" instance using docker driver\n\n#1 \[internal\] load build definition from Dockerfile\n#1 transferring dockerfile: 17B done\n#1 DONE 0\.0s\n/);
    expect(r.err).toContain('\n#5 naming to docker.io/library/x:latest done\n#5 DONE 0.0s\n');
    expect((await run('docker image ls x --format "{{.Repository}}:{{.Tag}}"')).out).toBe('x:latest\n');
  });
  it('cat Dockerfile | docker build -', async () => {
    const piped = await run('cat Dockerfile | docker build -q -');
    expect(piped.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    // the same Dockerfile from the workspace builds the same image
    expect((await run('docker build -q .')).out).toBe(piped.out);
    expect(await run('docker build -')).toEqual({ out: '', err: 'building from STDIN or a URL is not supported in this playground\n', code: 1 });
  });
  it('ls *.txt, and ls in a pipe prints a name a line', async () => {
    expect(await run('ls *.txt')).toEqual({ out: 'a.txt  b.txt\n', err: '', code: 0 });
    expect(await run('ls a.txt b.txt')).toEqual({ out: 'a.txt  b.txt\n', err: '', code: 0 });
    expect(await run('ls | wc -l')).toEqual({ out: '5\n', err: '', code: 0 });
    expect(await run('ls *.md app | cat')).toEqual({ out: 'notes.md\n\napp:\nmain.py\n', err: '', code: 0 });
    expect(await run('ls *.nope')).toEqual({ out: '', err: "ls: cannot access '*.nope': No such file or directory\n", code: 2 });
    expect(await run('cat *.txt')).toEqual({ out: 'A\nB\n', err: '', code: 0 });
  });
  it('docker ps -aq | xargs docker rm -f', async () => {
    const ids = (await run('docker ps -aq')).out;
    expect(ids.split('\n').length - 1).toBe(2);
    expect(await run('docker ps -aq | xargs docker rm -f')).toEqual({ out: ids, err: '', code: 0 });
    expect((await run('docker ps -aq | wc -l')).out).toBe('0\n');
  });
  it('docker save | docker load carries the bytes', async () => {
    expect(await run('docker save alpine:3.20 | docker load')).toEqual({ out: 'Loaded image: alpine:3.20\n', err: '', code: 0 });
  });
});

describe("commands only just-bash has, without a pipe", () => {
  it('grep, wc, head, sleep and unknown commands', async () => {
    const run = runner(session());
    expect(await run('grep -n CMD Dockerfile')).toEqual({ out: '2:CMD ["echo", "hi"]\n', err: '', code: 0 });
    expect(await run('wc -l Dockerfile')).toEqual({ out: '2 Dockerfile\n', err: '', code: 0 });
    expect(await run('head -1 Dockerfile && sleep 0')).toEqual({ out: 'FROM alpine:3.20\n', err: '', code: 0 });
    expect(await run('nosuchcmd arg')).toEqual({ out: '', err: 'nosuchcmd: command not found\n', code: 127 });
  });
});

describe('state shared with the console shell', () => {
  it('exported and shell variables, both ways', async () => {
    const run = runner(session());
    await run('export X=1; Y=2');
    expect((await run('echo $X $Y | cat')).out).toBe('1 2\n');
    expect((await run('export Z=3; W=4; echo ok | cat')).out).toBe('ok\n');
    expect((await run('echo $Z $W')).out).toBe('3 4\n');
    // W is a shell variable, Z exported
    const exported = (await run('export -p')).out;
    expect(exported).toContain('declare -x Z="3"\n');
    expect(exported).not.toContain(' W=');
    expect((await run('unset X; echo "[$X]" | cat')).out).toBe('[]\n');
    expect((await run('echo "[$X]"')).out).toBe('[]\n');
  });
  it('the working directory: cd persists, except inside a pipeline or a subshell', async () => {
    const run = runner(session());
    expect(await run('cd app | cat; pwd | cat')).toEqual({ out: '/\n', err: '', code: 0 });
    expect(await run('(cd app); pwd')).toEqual({ out: '/\n', err: '', code: 0 });
    expect(await run('cd app && ls | cat')).toEqual({ out: 'main.py\n', err: '', code: 0 });
    expect((await run('pwd')).out).toBe('/app\n');
    expect((await run('cd ..; ls -d app | cat; echo $OLDPWD')).out).toBe('app\n/app\n');
    expect((await run('cd - >/dev/null; echo $PWD | cat')).out).toBe('/app\n');
    expect((await run('ls')).out).toBe('main.py\n');
    // `cd` alone: back to the workspace's root, as the console's own cd
    expect(await run('for d in x; do cd; done; pwd')).toEqual({ out: '/\n', err: '', code: 0 });
  });
  it('$? after either shell', async () => {
    const run = runner(session());
    await run('false');
    expect((await run('echo $? | cat')).out).toBe('1\n');
    expect((await run('true | false')).code).toBe(1);
    expect((await run('echo $?')).out).toBe('1\n');
    expect((await run('false | true')).code).toBe(0);
    expect((await run('echo $?')).out).toBe('0\n');
    expect(await run('nosuch | cat; echo $?')).toEqual({ out: '0\n', err: 'nosuch: command not found\n', code: 0 });
    expect(await run('nosuch 2>&1 | cat')).toEqual({ out: 'nosuch: command not found\n', err: '', code: 0 });
    expect(await run('docker tag x | cat')).toEqual({ out: '', err: "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n", code: 0 });
    expect((await run('docker tag x; echo $? | cat')).out).toBe('1\n');
  });
  it('output shows command by command, in order, stdout and stderr interleaved', async () => {
    const s = session();
    const seen: string[] = [];
    const io: ConsoleIO = { stdout: (x) => seen.push('1:' + x), stderr: (x) => seen.push('2:' + x), readLine: async () => null, isTTY: false, columns: 80 };
    await s.console.run('for f in a.txt nope b.txt; do cat $f | tr A-Z a-z; done', io);
    expect(seen).toEqual(['1:a\n', '2:cat: nope: No such file or directory\n', '1:b\n']);
  });
  it('a console command on the terminal reads the terminal (prompts), in a pipe it reads the pipe', async () => {
    const run = runner(session());
    expect(await run('for i in 1; do docker image prune; done', { input: ['n'] })).toEqual({ out: 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ', err: '', code: 0 });
        // the prompt goes down the pipe too, and the answer read from it is not echoed (docker/cli prompt.go)
    expect(await run('echo y | docker image prune | tail -1')).toEqual({ out: 'Are you sure you want to continue? [y/N] Total reclaimed space: 0B\n', err: '', code: 0 });
  });
  it('syntax errors and help', async () => {
    const run = runner(session());
    expect(await run('for i in 1 2; do echo $i')).toEqual({ out: '', err: 'bash: syntax error: unexpected end of file\n', code: 2 });
    expect((await run('help | head -3')).out).toBe('This console runs docker commands against a simulated Docker engine.\nTry:  docker run hello-world    docker images    docker build -t myapp .\nOther commands: ls, cat FILE, cd DIR, pwd, echo, mkdir, touch, rm, export NAME=VALUE, history, clear.\n');
    expect((await run('date +%F | cat')).out).toBe('2025-11-24\n');
  });
});

describe('console commands on the terminal inside a loop are terminal commands', () => {
  it('docker pull in a for loop prints what it prints on the terminal (TTY progress), curl and $(...) pipes', async () => {
    const direct = runner(session());
    const looped = runner(session());
    const a = await direct('docker pull alpine:3.19', { tty: true });
    const b = await looped('for t in 3.19; do docker pull alpine:$t; done', { tty: true });
    expect(b).toEqual(a);
    expect(a.out).toContain('\x1b[1A'); // the TTY form redraws lines
    const piped = await direct('docker pull alpine:3.20 | cat', { tty: true });
    expect(piped.out).not.toContain('\x1b[');
    expect((await direct('echo "$(docker images -q | wc -l) images"')).out).toBe('2 images\n');
  });
  it('curl reaches a published port from a pipe', async () => {
    const s = createSession({ clock: new ManualClock(1_764_000_000_000, 0), seed: 'pipes', files: [{ path: 'Dockerfile', data: 'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/index.html\n' }, { path: 'index.html', data: '<h1>hi</h1>\n<p>there</p>\n' }] });
    const run = runner(s);
    expect((await run('docker build -q -t site . && docker run -d -p 8080:80 site')).code).toBe(0);
    expect(await run('curl -s localhost:8080 | grep h1')).toEqual({ out: '<h1>hi</h1>\n', err: '', code: 0 });
  });
  it('runs the same pipe line again and again (its cost is a benchmark figure, not a test)', async () => {
    const run = runner(session());
    for (let i = 0; i < 20; i++) expect((await run('echo a | cat')).out).toBe('a\n');
  });
});

describe('tab completion after a pipe, in a loop, after xargs', () => {
  it('completes the command after | ; do and xargs', async () => {
    const s = session();
    expect((await s.console.complete('docker images | do', 18)).items).toEqual(['docker']);
    expect((await s.console.complete('docker images|do', 16)).items).toEqual(['docker']);
    expect((await s.console.complete('for i in 1 2; do docker ima', 27)).items).toEqual(['image', 'images']);
    expect((await s.console.complete('docker ps -aq | xargs -r docker st', 34)).items).toEqual(['stack', 'start', 'stats', 'stop']);
    expect((await s.console.complete('cat a.txt | grep x > no', 23)).items).toEqual(['notes.md']);
  });
});

describe('Ctrl+C and runaway loops', () => {
  it('Ctrl+C stops `while true; do docker ps; done` (status 130), keeping what it printed', async () => {
    const s = session();
    const ac = new AbortController();
    // Ctrl+C once the loop has printed (not on a timer: loading just-bash may take long on a busy machine)
    const r: Run = { out: '', err: '', code: -1 };
    const io: ConsoleIO = { stdout: (x) => { r.out += x; if (!ac.signal.aborted) ac.abort(); }, stderr: (x) => { r.err += x; }, readLine: async () => null, isTTY: false, columns: 80, signal: ac.signal };
    r.code = await s.console.run('while true; do docker ps; done', io);
    expect(r.code).toBe(130);
    expect(r.out.startsWith('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n')).toBe(true);
    expect(r.err).toBe('');
    expect((await runner(s)('echo $?')).out).toBe('130\n');
  });
  it('a loop that never ends stops with a clear error', async () => {
    const run = runner(session());
    const r = await run('while true; do :; done');
    expect(r.err).toBe('bash: stopped after 10000 commands: the playground limits how long a line may run (a loop that never ends?)\n');
    expect(r.code).not.toBe(0);
  }, 20_000);
});

describe("just-bash's browser build", () => {
  it('full-shell.ts uses only what the browser build exports (the page bundles it; no parse, no encoding helpers)', () => {
    const dts = readFileSync(new URL('../../node_modules/just-bash/dist/browser.d.ts', import.meta.url), 'utf8');
    const exported = new Set([...dts.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/).pop()!)).filter(Boolean));
    const src = readFileSync(new URL('./full-shell.ts', import.meta.url), 'utf8');
    const used = new Set([...src.matchAll(/\bjb\.(\w+)/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(0);
    for (const u of used) expect(exported.has(u), u).toBe(true);
  });
});

describe('needsFullShell', () => {
  it.each([
    ['docker images | grep nginx', true], ['docker ps -aq | xargs docker rm -f', true], ['for i in 1 2 3; do echo $i; done', true],
    ['ls *.txt', true], ['(cd app)', true], ['{ echo a; }', true], ['echo {a,b}', true], ['cat <<EOF', true],
    ['echo $((1+2))', true], ['if true; then echo y; fi', true], ['[ -f Dockerfile ] && echo y', true], ['echo x 2> err.txt', true],
    ['echo "$(docker ps | wc -l)"', true], ['X=1 while', true], ['grep FROM Dockerfile', true], ['sleep 1; docker ps', true], ['docker ps && wc -l a', true],
    ['nosuchcmd', true], ['echo $(head -1 Dockerfile)', true], ['X=1 docker ps', false], ['$CMD ps', false], ['"docker" ps', false], ['export A=1; unset A; true', false],
    ['docker ps', false], ['docker ps -a && echo ok || echo no', false], ["docker ps --format '{{.Names}}'", false], ['echo "a|b" \'*\' \\*', false],
    ['docker run -it alpine sh', false], ['echo $? $HOME ${X:-y}', false], ['echo hi > out.txt 2>/dev/null', false], ['docker logs web 2>&1', false],
    ['echo $(docker ps -q)', false], ['docker ps # a | comment', false], ['echo done', false], ['docker ps --format {{.Names}}', false], ['echo a &>/dev/null', false], ['docker run -d nginx &', false],
  ])('%s -> %s', (line, want) => {
    expect(needsFullShell(line)).toBe(want);
  });
  it('translates just-bash wording', () => {
    expect(translateBashErrors('bash: foo: command not found\nbash: syntax error: Parse error at 1:3: syntax error near unexpected token `)\'\n')).toBe("foo: command not found\nbash: syntax error near unexpected token `)'\n");
  });
});
