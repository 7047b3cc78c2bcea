/**
 * The console's command-line language: words with single/double quotes, backslashes and `$VAR`/`${VAR}`/`$?`
 * expansion, commands joined by `;`, `&&`, `||`, `> file` / `>> file` redirection of stdout and `< file` of stdin.
 */

export interface SimpleCommand { argv: string[]; redirect?: { path: string; append: boolean }; input?: string }
export interface Pipeline { op: ';' | '&&' | '||'; cmd: SimpleCommand }
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** Splits a line into commands. `env` supplies variables; `status` is `$?`. */
export function parseLine(line: string, env: Record<string, string>, status = 0): Pipeline[] {
  const out: Pipeline[] = [];
  let argv: string[] = [];
  let word = '';
  let inWord = false;
  let redirect: { path: string; append: boolean } | undefined;
  let pendingRedirect: { append: boolean } | null = null;
  let input: string | undefined;
  let pendingInput = false;
  let op: Pipeline['op'] = ';';
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect) { redirect = { path: word, append: pendingRedirect.append }; pendingRedirect = null; }
    else if (pendingInput) { input = word; pendingInput = false; }
    else argv.push(word);
    word = '';
    inWord = false;
  };
  const endCmd = (next: Pipeline['op']) => {
    endWord();
    if (pendingRedirect || pendingInput) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
    if (argv.length === 0 && !redirect && input === undefined) {
      if (next !== ';' || out.length > 0 && line.trim() !== '') throw new ShellSyntaxError(`syntax error near unexpected token \`${next}'`);
    } else {
      out.push({ op, cmd: { argv, redirect, ...(input !== undefined ? { input } : {}) } });
    }
    argv = [];
    redirect = undefined;
    input = undefined;
    op = next;
  };
  const expandVar = (s: string, i: number): [string, number] => {
    // s[i] === '$'
    const rest = s.slice(i + 1);
    if (rest.startsWith('?')) return [String(status), i + 2];
    if (rest.startsWith('{')) {
      const j = rest.indexOf('}');
      if (j < 0) throw new ShellSyntaxError('bad substitution');
      return [env[rest.slice(1, j)] ?? '', i + j + 2];
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (!m) return ['$', i + 1];
    return [env[m[0]] ?? '', i + 1 + m[0].length];
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') { endWord(); i++; continue; }
    if (c === '#' && !inWord) break;
    if (c === ';') { endCmd(';'); i++; continue; }
    if (c === '&' && line[i + 1] === '&') { endCmd('&&'); i += 2; continue; }
    if (c === '|' && line[i + 1] === '|') { endCmd('||'); i += 2; continue; }
    if (c === '|') throw new ShellSyntaxError('pipes are not supported in this console');
    if (c === '<') {
      endWord();
      pendingInput = true;
      i++;
      continue;
    }
    if (c === '>') {
      endWord();
      const append = line[i + 1] === '>';
      pendingRedirect = { append };
      i += append ? 2 : 1;
      continue;
    }
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, j);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '"') {
      inWord = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') { closed = true; i++; break; }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) { word += line[i + 1]; i += 2; continue; }
        if (d === '$') { const [v, n] = expandVar(line, i); word += v; i = n; continue; }
        word += d;
        i++;
      }
      if (!closed) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) word += line[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (c === '$') {
      const [v, n] = expandVar(line, i);
      word += v;
      inWord = inWord || v !== '' || n === i + 1;
      i = n;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endWord();
  if (pendingRedirect || pendingInput) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
  if (argv.length > 0 || redirect || input !== undefined) out.push({ op, cmd: { argv, redirect, ...(input !== undefined ? { input } : {}) } });
  else if (op !== ';') throw new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
  return out;
}

/**
 * Splits a line at `;`, `&&`, `||` outside quotes, without expanding anything: each segment is parsed (and its
 * variables expanded) only when it runs, so `false; echo $?` and `export A=1; echo $A` see the effects before them.
 */
export function splitCommands(line: string): { op: Pipeline['op']; text: string }[] {
  const out: { op: Pipeline['op']; text: string }[] = [];
  let op: Pipeline['op'] = ';';
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') { i++; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    const two = line.slice(i, i + 2);
    if (c === ';' || two === '&&' || two === '||') {
      out.push({ op, text: line.slice(start, i) });
      op = c === ';' ? ';' : (two as Pipeline['op']);
      i += c === ';' ? 0 : 1;
      start = i + 1;
    }
  }
  const tail = line.slice(start);
  const end = line.indexOf('#', start);
  out.push({ op, text: end >= 0 && !quote && (end === 0 || /\s/.test(line[end - 1])) ? line.slice(start, end) : tail });
  return out;
}
