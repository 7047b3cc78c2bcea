// The console's shell (lib/console/shell.ts) through a whole session: the lines learners paste from tutorials, with
// the exact output a POSIX shell + docker would print here (the workspace is the host's `/`).
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock';
import { createSession } from '../session';
import type { ConsoleIO } from './types';
import { parseScript, ShellSyntaxError } from './shell';

const T0 = 1_764_000_000_000;

function newSession() {
  const s = createSession({
    clock: new ManualClock(T0, 1000),
    files: [{ path: 'index.html', data: '<h1>hi</h1>\n' }, { path: 'site/a.txt', data: 'A\n' }, { path: 'Dockerfile', data: 'FROM alpine:3.20\nCOPY site /site\n' }],
  });
  const run = async (line: string, input: string[] = []) => {
    let out = '';
    let err = '';
    const io: ConsoleIO = { stdout: (x) => { out += x; }, stderr: (x) => { err += x; }, readLine: async () => input.shift() ?? null, isTTY: false, columns: 80 };
    const code = await s.console.run(line, io);
    return { out, err, code };
  };
  return { s, run };
}
const ok = (out: string) => ({ out, err: '', code: 0 });

describe('tutorial lines', () => {
  let run: ReturnType<typeof newSession>['run'];
  beforeAll(async () => {
    ({ run } = newSession());
    expect((await run('docker pull -q nginx && docker pull -q alpine')).code).toBe(0);
  }, 60_000);

  it('pwd, $PWD and $(pwd) at the workspace root', async () => {
    expect(await run('pwd; echo $PWD; echo "$(pwd)"; echo `pwd`')).toEqual(ok('/\n/\n/\n/\n'));
  });

  it('docker run -d -p 8080:80 -v "$(pwd)":/usr/share/nginx/html nginx serves the workspace', async () => {
    const r = await run('docker run -d -p 8080:80 -v "$(pwd)":/usr/share/nginx/html --name web nginx');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await run('curl -s localhost:8080')).toEqual(ok('<h1>hi</h1>\n'));
    expect(await run("docker inspect -f '{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}}{{end}}' web")).toEqual(ok('bind / /usr/share/nginx/html\n'));
  });

  it('docker run --rm -v $PWD/site:/app alpine ls /app', async () => {
    expect(await run('docker run --rm -v $PWD/site:/app alpine ls /app')).toEqual(ok('a.txt\n'));
  });

  it('cd updates $PWD and $OLDPWD; `cd -` goes back and prints the directory', async () => {
    expect(await run('cd site && pwd && echo $OLDPWD $PWD && docker run --rm -v "$(pwd)":/app alpine cat /app/a.txt; cd -; pwd')).toEqual(ok('/site\n/ /site\nA\n/\n/\n'));
    expect(await run('cd nope')).toEqual({ out: '', err: 'bash: cd: nope: No such file or directory\n', code: 1 });
    expect(await run('cd index.html')).toEqual({ out: '', err: 'bash: cd: index.html: Not a directory\n', code: 1 });
    expect(await run('echo $PWD')).toEqual(ok('/\n'));
  });

  it('docker build -t app:$(date +%s) . (the console clock)', async () => {
    const d = await run('date +%s; date -u; date +%F');
    expect(d.out).toMatch(/^17640000\d\d\nMon Nov 24 16:0\d:\d\d UTC 2025\n2025-11-24\n$/);
    const r = await run('docker build -q -t app:$(date +%s) .');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const tag = (await run('docker images --format "{{.Tag}}" app')).out;
    expect(tag).toMatch(/^17640000\d\d\n$/);
    expect(Number(tag)).toBeGreaterThan(Number(d.out.split('\n')[0]));
    expect(await run(`docker images --format "{{.Repository}}:{{.Tag}}" app:$(echo ${tag.trim()})`)).toEqual(ok(`app:${tag}`));
  });

  it('export TAG=1.0; docker build -t app:$TAG .', async () => {
    const r = await run('export TAG=1.0; docker build -q -t app:$TAG .');
    expect(r).toEqual({ out: expect.stringMatching(/^sha256:[0-9a-f]{64}\n$/), err: '', code: 0 });
    expect(await run('docker images --format "{{.Repository}}:{{.Tag}}" app:$TAG')).toEqual(ok('app:1.0\n'));
    expect(await run('echo "tag=$TAG" \'$TAG\' \\$TAG')).toEqual(ok('tag=1.0 $TAG $TAG\n'));
  });

  it("docker inspect -f '{{.State.Status}}' web && echo ok || echo failed", async () => {
    expect(await run("docker inspect -f '{{.State.Status}}' web && echo ok || echo failed")).toEqual(ok('running\nok\n'));
    expect(await run("docker inspect -f '{{.State.Status}}' nosuch && echo ok || echo failed")).toEqual({ out: '\nfailed\n', err: 'Error: No such object: nosuch\n', code: 0 });
    expect(await run("docker inspect nosuch >/dev/null 2>&1 && echo ok || echo failed")).toEqual(ok('failed\n'));
  });

  it('docker rmi $(docker images -q -f dangling=true): with none, docker says it needs an argument', async () => {
    expect(await run('docker images -q -f dangling=true')).toEqual(ok(''));
    expect(await run('docker rmi $(docker images -q -f dangling=true)')).toEqual({
      out: '', code: 1,
      err: "docker: 'docker rmi' requires at least 1 argument\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nSee 'docker rmi --help' for more information\n",
    });
  });

  it('docker rmi $(docker images -q -f dangling=true) removes the dangling images (word-split ids)', async () => {
    // rebuilding dang:1 from a changed Dockerfile leaves the old image dangling
    await run('echo FROM alpine:3.20 > D2 && echo "RUN echo one" >> D2 && docker build -q -t dang:1 -f D2 .');
    const before = (await run('docker images -q dang:1')).out.trim();
    expect(before).toMatch(/^[0-9a-f]{12}$/);
    expect((await run('echo "RUN echo two" >> D2 && docker build -q -t dang:1 -f D2 .')).code).toBe(0);
    expect((await run('docker images -q -f dangling=true')).out.trim().split('\n')).toContain(before);
    const r = await run('docker rmi $(docker images -q -f dangling=true)');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Deleted: sha256:${before}`);
    expect(await run('docker images -q -f dangling=true')).toEqual(ok(''));
  });

  it('docker rm -f $(docker ps -aq) removes every container, then has nothing to remove', async () => {
    await run('docker run -d --name second alpine sleep 1000');
    const ids = (await run('docker ps -aq')).out;
    expect(ids.split('\n').filter(Boolean)).toHaveLength(2);
    expect(await run('docker rm -f $(docker ps -aq)')).toEqual(ok(ids));
    expect(await run('docker rm -f $(docker ps -aq)')).toEqual({
      out: '', code: 1,
      err: "docker: 'docker rm' requires at least 1 argument\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker rm --help' for more information\n",
    });
  });
});

describe('shell language', () => {
  it('variables: $VAR ${VAR} $? unset, VAR=x cmd, ${VAR:-default} forms', async () => {
    const { run } = newSession();
    expect(await run('A=1 B="two words"; echo $A ${B}x "$B"; unset A; echo "[$A]" ${A:-dflt} ${B:+set} ${#B}')).toEqual(ok('1 two wordsx two words\n[] dflt set 9\n'));
    expect(await run('false; echo $?; true; echo $?; nosuch; echo $?')).toEqual({ out: '1\n0\n127\n', err: 'nosuch: command not found\n', code: 0 });
    expect(await run('echo ${C:=init}; echo $C')).toEqual(ok('init\ninit\n'));
    expect(await run('echo "${U:-a  b}" ${U:-a  b} ${U:-"a  b"} ${U:-$HOME/x} ${HOME:+\'$q\'}')).toEqual(ok('a  b a b a  b /root/x $q\n'));
    expect((await run('docker pull -q alpine:3.20')).code).toBe(0);
    // VAR=x cmd: the command's environment only; the line was expanded before the assignment
    expect(await run('X=in docker run --rm -e X alpine:3.20 printenv X; echo "[$X]"')).toEqual(ok('in\n[]\n'));
    // unexported variables do not reach docker; exported ones do
    expect(await run('Y=local; docker run --rm -e Y alpine:3.20 printenv Y; echo $?; export Y; docker run --rm -e Y alpine:3.20 printenv Y')).toEqual(ok('1\nlocal\n'));
    expect(await run('export 1A=x')).toEqual({ out: '', err: "bash: export: `1A=x': not a valid identifier\n", code: 1 });
  });

  it('command substitution: nesting, quoting, word splitting, trailing newlines, $? of the substitution', async () => {
    const { run } = newSession();
    expect(await run('echo "$(echo "a  b")" $(echo "a  b") `echo x\\`echo y\\``')).toEqual(ok('a  b a b xy\n'));
    expect(await run('echo "[$(printf_missing 2>/dev/null)]"; X=$(false); echo $?')).toEqual(ok('[]\n1\n'));
    expect(await run('echo "<$(cat site/a.txt; echo; echo)>"')).toEqual(ok('<A>\n'));
    expect(await run('echo $(echo "$(echo inner)-outer")')).toEqual(ok('inner-outer\n'));
    expect(await run('for_x=$(cd site; pwd); echo $for_x; pwd; echo $PWD')).toEqual(ok('/site\n/\n/\n'));
    expect(await run('echo $(export Z=1); echo "[$Z]"')).toEqual(ok('\n[]\n'));
    expect(await run('echo "$(docker inspect nosuch 2>&1)"')).toEqual(ok('[]\nError: No such object: nosuch\n'));
  });

  it('quoting: single, double, backslash; comments; operators', async () => {
    const { run } = newSession();
    expect(await run(`echo 'a "b" $HOME' "c 'd' \\"e\\" \\$HOME $HOME" f\\ g\\\\h # comment`)).toEqual(ok('a "b" $HOME c \'d\' "e" $HOME /root f g\\h\n'));
    expect(await run('echo a;echo b&&echo c||echo d; false || echo e && echo f')).toEqual(ok('a\nb\nc\ne\nf\n'));
    expect(await run('echo "a#b" a#b \'#\'')).toEqual(ok('a#b a#b #\n'));
    expect(await run("echo ''x\"\" '' | true".replace(' | true', ''))).toEqual(ok('x \n'));
  });

  it('redirections: > >> < 2>/dev/null 2>&1 >&2', async () => {
    const { run } = newSession();
    expect(await run('echo $(pwd) > p.txt; echo more >> p.txt; cat < p.txt')).toEqual(ok('/\nmore\n'));
    expect(await run('cat nope 2>/dev/null; echo $?')).toEqual(ok('1\n'));
    expect(await run('echo to-err >&2')).toEqual({ out: '', err: 'to-err\n', code: 0 });
    expect(await run('cat nope 2>&1')).toEqual({ out: 'cat: nope: No such file or directory\n', err: '', code: 1 });
    expect(await run('cat nope &>/dev/null || echo quiet')).toEqual(ok('quiet\n'));
  });

  it('syntax errors are sh-like, stop the whole line before anything runs, and never crash', async () => {
    const { run } = newSession();
    const cases: [string, string][] = [
      ['echo hi; echo "open', 'bash: unexpected EOF while looking for matching `"\'\n'],
      ["echo hi; echo 'open", "bash: unexpected EOF while looking for matching `''\n"],
      ['echo hi; echo $(pwd', "bash: unexpected EOF while looking for matching `)'\n"],
      ['echo hi; echo `pwd', "bash: unexpected EOF while looking for matching ``'\n"],
      ['echo hi; echo ${PWD', "bash: unexpected EOF while looking for matching `}'\n"],
      ['echo hi; echo ${P WD}', 'bash: ${P WD}: bad substitution\n'],
      ['echo hi && && ls', "bash: syntax error near unexpected token `&&'\n"],
      ['; ls', "bash: syntax error near unexpected token `;'\n"],
      ['echo hi &&', 'bash: syntax error: unexpected end of file\n'],
      ['echo hi )', "bash: syntax error near unexpected token `)'\n"],
      ['echo hi >', "bash: syntax error near unexpected token `newline'\n"],
      ['echo hi > ;', "bash: syntax error near unexpected token `;'\n"],
      ['docker run -d nginx &', 'bash: background jobs (&) are not supported in this console\n'],
    ];
    for (const [line, err] of cases) expect(await run(line), line).toEqual({ out: '', err, code: 2 });
    expect(await run('echo ${NOPE:?is required}')).toEqual({ out: '', err: 'bash: NOPE: is required\n', code: 1 });
    // pipes, subshells and $((...)) run in just-bash (full-shell.ts, pipes.test.ts)
    expect(await run('echo hi; echo $((1+2))')).toEqual(ok('hi\n3\n'));
    expect(await run('(cd /; echo sub) | wc -l')).toEqual(ok('1\n'));
    expect(await run('echo fine')).toEqual(ok('fine\n'));
  });

  it('Ctrl+C (an aborted signal) stops the rest of the line with status 130', async () => {
    const { s } = newSession();
    const ac = new AbortController();
    let out = '';
    const io: ConsoleIO = { stdout: (x) => { out += x; if (x === 'one\n') ac.abort(); }, stderr: () => {}, readLine: async () => null, isTTY: true, columns: 80, signal: ac.signal };
    expect(await s.console.run('echo one; echo two', io)).toBe(130);
    expect(out).toBe('one\n');
  });

  it('parseScript: assignments, redirect words and expansions parsed once for the whole line', () => {
    expect(parseScript('A=1 B=$X docker run $(echo x) > out').map((i) => [i.op, i.cmd.assigns.map((a) => a.name), i.cmd.words.length, i.cmd.redirs.length])).toEqual([[';', ['A', 'B'], 3, 1]]);
    expect(parseScript('echo a\necho b # c\n\n').length).toBe(2);
    expect(() => parseScript('echo "x')).toThrow(ShellSyntaxError);
  });
});
