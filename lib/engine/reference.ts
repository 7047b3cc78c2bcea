/**
 * Engine-side additions to lib/reference (distribution/reference): Go's path.Match and reference.FamiliarMatch,
 * used by `image ls --filter reference=PATTERN`.
 */
import { type Reference, familiarName, familiarString, parseNormalizedNamed } from '../reference/reference';

export * from '../reference/reference';

/** Go's path.Match: "*" and "?" do not cross "/", "[...]" classes with "^" negation, "\\" escapes. */
const compiled = new Map<string, RegExp>();
export function pathMatch(pattern: string, name: string): boolean {
  let rx = compiled.get(pattern);
  if (!rx) {
    rx = compileGlob(pattern);
    if (compiled.size > 256) compiled.clear();
    compiled.set(pattern, rx);
  }
  return rx.test(name);
}
function compileGlob(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= pattern.length) throw new Error('syntax error in pattern');
      re += escapeRe(pattern[i]);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error('syntax error in pattern');
      let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('^')) body = '^' + body.slice(1);
      re += '[' + body + ']';
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$');
}
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** reference.FamiliarMatch: the pattern against the familiar string, else against the familiar name. */
export function familiarMatch(pattern: string, r: Reference): boolean {
  return pathMatch(pattern, familiarString(r)) || pathMatch(pattern, familiarName(r));
}

export function tryParseNamed(s: string): Reference | undefined {
  try { return parseNormalizedNamed(s); } catch { return undefined; }
}
