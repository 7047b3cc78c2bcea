// Shell patterns of ${var#pattern}, ${var%pattern} and ${var/pattern/repl}: `*`, `?` and `\` escapes,
// matched with Go regexp's leftmost-first semantics by a small Pike VM, so matching is O(pattern x value)
// with no backtracking blowups (BuildKit compiles them to Go regexps, which are linear too).

export class GlobPatternError extends Error {
  override readonly name = 'GlobPatternError';
}

type Op = { op: 'char'; c: string } | { op: 'any' } | { op: 'split'; x: number; y: number } | { op: 'jmp'; x: number } | { op: 'match' };

/** A compiled pattern. */
export class Glob {
  private readonly prog: Op[] = [];

  /** Throws GlobPatternError("invalid escape '\\x'") like BuildKit's convertShellPatternToRegex. */
  constructor(pattern: string, greedy: boolean) {
    const p = Array.from(pattern);
    const prog = this.prog;
    for (let i = 0; i < p.length; i++) {
      const tok = p[i]!;
      if (tok === '*') {
        const l1 = prog.length;
        // l1: split; l1+1: any; l1+2: jmp l1; l1+3: next
        prog.push(greedy ? { op: 'split', x: l1 + 1, y: l1 + 3 } : { op: 'split', x: l1 + 3, y: l1 + 1 });
        prog.push({ op: 'any' });
        prog.push({ op: 'jmp', x: l1 });
      } else if (tok === '?') {
        prog.push({ op: 'any' });
      } else if (tok === '\\') {
        const pk = p[i + 1];
        if (pk === '}' || pk === '/') continue;
        i++;
        const t = p[i] ?? '\ufffd';
        if (t !== '*' && t !== '?' && t !== '\\') throw new GlobPatternError(`invalid escape '\\${t}'`);
        prog.push({ op: 'char', c: t });
      } else {
        prog.push({ op: 'char', c: tok });
      }
    }
    prog.push({ op: 'match' });
  }

  /**
   * Leftmost-first match in `input` (code points) starting the search at `from`; anchored: only at `from`.
   * Returns [start, end] in code point indexes, or null.
   */
  exec(input: readonly string[], from: number, anchored: boolean): [number, number] | null {
    const prog = this.prog;
    const n = input.length;
    let clist: { pc: number; start: number }[] = [];
    let nlist: { pc: number; start: number }[] = [];
    const mark = new Int32Array(prog.length).fill(-1);
    let gen = 0;
    let matched: [number, number] | null = null;

    const add = (list: { pc: number; start: number }[], pc: number, start: number): void => {
      // iterative epsilon closure, preserving priority order
      const stack: number[] = [pc];
      while (stack.length) {
        const q = stack.pop()!;
        if (mark[q] === gen) continue;
        mark[q] = gen;
        const ins = prog[q]!;
        if (ins.op === 'jmp') stack.push(ins.x);
        else if (ins.op === 'split') {
          stack.push(ins.y);
          stack.push(ins.x);
        } else list.push({ pc: q, start });
      }
    };

    gen++;
    for (let pos = from; pos <= n; pos++) {
      if (!matched && (!anchored || pos === from)) add(clist, 0, pos);
      if (clist.length === 0) {
        if (matched || anchored) break;
        continue;
      }
      gen++;
      nlist.length = 0;
      const ch = pos < n ? input[pos]! : null;
      for (const t of clist) {
        const ins = prog[t.pc]!;
        if (ins.op === 'match') {
          matched = [t.start, pos];
          break; // lower-priority threads are cut
        }
        if (ch === null) continue;
        if ((ins.op === 'char' && ins.c === ch) || (ins.op === 'any' && ch !== '\n')) add(nlist, t.pc + 1, t.start);
      }
      [clist, nlist] = [nlist, clist];
    }
    return matched;
  }
}

/** Go regexp ReplaceAllString template expansion ($0 is the match; there are no other groups). */
function expandTemplate(template: string, match: string): string {
  if (template.indexOf('$') < 0) return template;
  let out = '';
  let i = 0;
  let close = -1;
  while (i < template.length) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const nx = template[i + 1];
    if (nx === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string;
    let end: number;
    if (nx === '{') {
      if (close < i + 2 && close !== -2) {
        close = template.indexOf('}', i + 2);
        if (close < 0) close = -2;
      }
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(inner)) {
        out += '$';
        i++;
        continue;
      }
      name = inner;
      end = close + 1;
    } else {
      let j = i + 1;
      while (j < template.length && /[A-Za-z0-9_]/.test(template[j]!)) j++;
      if (j === i + 1) {
        out += '$';
        i++;
        continue;
      }
      name = template.slice(i + 1, j);
      end = j;
    }
    if (/^\d+$/.test(name) && Number(name) === 0) out += match;
    i = end;
  }
  return out;
}

/** ${value#pattern} / ${value##pattern} */
function compile(pattern: string, greedy: boolean): Glob {
  try {
    return new Glob(pattern, greedy);
  } catch (e) {
    if (e instanceof GlobPatternError) throw new GlobPatternError(`invalid pattern (${pattern}) in substitution: ${e.message}`);
    throw e;
  }
}

export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const g = compile(pattern, greedy);
  const v = Array.from(value);
  const m = g.exec(v, 0, true);
  return m ? v.slice(m[1]).join('') : value;
}

function reversePattern(pattern: string): string {
  const p = Array.from(pattern);
  const out: string[] = new Array<string>(p.length);
  const last = p.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = p[i]!;
    const o = last - i;
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok;
      out[o] = p[i + 1]!;
      i += 2;
    } else {
      out[o] = tok;
      i++;
    }
  }
  return out.join('');
}

/** ${value%pattern} / ${value%%pattern}: reversed pattern on the reversed value, like BuildKit. */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const rev = (s: string): string => Array.from(s).reverse().join('');
  return rev(trimPrefix(reversePattern(pattern), rev(value), greedy));
}

/** ${value/pattern/repl} (first match) and ${value//pattern/repl} (all, Go ReplaceAllString semantics). */
export function replacePattern(pattern: string, value: string, replacement: string, all: boolean): string {
  const g = compile(pattern, true);
  const v = Array.from(value);
  if (!all) {
    const m = g.exec(v, 0, false);
    return m ? v.slice(0, m[0]).join('') + replacement + v.slice(m[1]).join('') : value;
  }
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= v.length) {
    const a = g.exec(v, searchPos, false);
    if (!a) break;
    out += v.slice(lastMatchEnd, a[0]).join('');
    if (a[1] > lastMatchEnd || a[0] === 0) out += expandTemplate(replacement, v.slice(a[0], a[1]).join(''));
    lastMatchEnd = a[1];
    if (searchPos + 1 > a[1]) searchPos++;
    else searchPos = a[1];
  }
  return out + v.slice(lastMatchEnd).join('');
}
