// .dockerignore reading and matching with Docker's semantics (moby/patternmatcher and its ignorefile
// package, plus the docker CLI's TrimBuildFilesFromExcludes).

import { decodeUtf8, goTrimSpace } from './gotext';

/** A bad pattern; message as patternmatcher's. */
export class DockerignoreError extends Error {
  override readonly name = 'DockerignoreError';
}

/** Go path.Clean for slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const el of p.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(el);
  }
  const s = out.join('/');
  if (rooted) return '/' + s;
  return s === '' ? '.' : s;
}

/** Go path.Dir. */
function dirPath(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(i < 0 ? '' : p.slice(0, i + 1));
}

/**
 * ignorefile.ReadAll: the patterns of a .dockerignore file. Comments (`#` in column 0) and blank lines are
 * skipped, patterns are trimmed and cleaned, a leading `/` is removed, `!` is kept.
 */
export function parseDockerignore(content: string | Uint8Array): string[] {
  let text = typeof content === 'string' ? content : decodeUtf8(content);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: string[] = [];
  // bufio.ScanLines: split at \n and drop one trailing \r
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let raw of lines) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.startsWith('#')) continue;
    let pattern = goTrimSpace(raw);
    if (pattern === '') continue;
    const invert = pattern[0] === '!';
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern[0] === '/') pattern = pattern.slice(1);
    }
    out.push(invert ? '!' + pattern : pattern);
  }
  return out;
}

/** filepath.Match's syntax check (ErrBadPattern). */
function isValidGlob(p: string): boolean {
  let i = 0;
  const esc = (): boolean => {
    // getEsc: a class member; '-' and ']' must be escaped
    if (i >= p.length || p[i] === '-' || p[i] === ']') return false;
    if (p[i] === '\\') {
      i++;
      if (i >= p.length) return false;
    }
    i++;
    return true;
  };
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      if (i + 1 >= p.length) return false;
      i += 2;
    } else if (c === '[') {
      i++;
      if (p[i] === '^') i++;
      let n = 0;
      for (;;) {
        if (i < p.length && p[i] === ']' && n > 0) {
          i++;
          break;
        }
        if (!esc()) return false;
        if (p[i] === '-') {
          i++;
          if (!esc()) return false;
        }
        n++;
      }
    } else i++;
  }
  return true;
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

const SHOULD_ESCAPE = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** One compiled pattern. */
export class Pattern {
  readonly exclusion: boolean;
  readonly cleanedPattern: string;
  private matchType: MatchType = 'exact';
  private re: RegExp | null = null;

  constructor(pattern: string) {
    let p = cleanPath(pattern);
    this.exclusion = p[0] === '!';
    if (this.exclusion) {
      p = p.slice(1);
      if (p.length === 0) throw new DockerignoreError('illegal exclusion pattern: "!"');
    }
    if (!isValidGlob(p)) throw new DockerignoreError('syntax error in pattern');
    this.cleanedPattern = p;
    this.compile();
  }

  private compile(): void {
    const cps = Array.from(this.cleanedPattern);
    let re = '^';
    let type: MatchType = 'exact';
    let i = 0;
    let inBracket = false;
    for (let k = 0; k < cps.length; i++) {
      const ch = cps[k++]!;
      if (ch === '*') {
        if (cps[k] === '*') {
          k++;
          if (cps[k] === '/') k++;
          if (k >= cps.length) {
            if (type === 'exact') type = 'prefix';
            else {
              re += '[^\\n]*';
              type = 'regexp';
            }
          } else {
            re += '([^\\n]*/)?';
            type = 'regexp';
          }
          if (i === 0) type = 'suffix';
        } else {
          re += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        re += '[^/]';
        type = 'regexp';
      } else if (SHOULD_ESCAPE.has(ch)) {
        re += '\\' + ch;
      } else if (ch === '\\') {
        if (k < cps.length) {
          const nx = cps[k++]!;
          re += /[A-Za-z0-9]/.test(nx) ? nx : '\\' + nx;
          type = 'regexp';
        } else re += '\\\\';
      } else if (ch === '[' || ch === ']') {
        re += ch;
        inBracket = ch === '[';
        type = 'regexp';
      } else if (ch === '^' && !inBracket) {
        re += '\\^';
      } else {
        re += ch;
      }
    }
    this.matchType = type;
    if (type === 'regexp') {
      try {
        this.re = new RegExp(re + '$');
      } catch {
        throw new DockerignoreError('syntax error in pattern');
      }
    }
  }

  /** Does `path` (cleaned, slash-separated, relative) match this pattern itself (no parent check)? */
  match(path: string): boolean {
    switch (this.matchType) {
      case 'exact':
        return path === this.cleanedPattern;
      case 'prefix':
        return path.startsWith(this.cleanedPattern.slice(0, -2));
      case 'suffix': {
        const suffix = this.cleanedPattern.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix[0] === '/' && path === suffix.slice(1);
      }
      default:
        return this.re!.test(path);
    }
  }
}

/** patternmatcher.PatternMatcher. */
export class PatternMatcher {
  readonly patterns: Pattern[] = [];
  readonly hasExclusions: boolean;

  /** Throws DockerignoreError for a bad pattern. */
  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const p = goTrimSpace(raw);
      if (p === '') continue;
      this.patterns.push(new Pattern(p));
    }
    this.hasExclusions = this.patterns.some((p) => p.exclusion);
  }

  /** MatchesOrParentMatches: is `file` (or one of its parent directories) excluded? Last match wins. */
  matches(file: string): boolean {
    let matched = false;
    const parentPath = dirPath(file);
    const parentDirs = parentPath.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(file);
      if (!match && parentPath !== '.') {
        for (let i = 0; i < parentDirs.length; i++) {
          if (pattern.match(parentDirs.slice(0, i + 1).join('/'))) {
            match = true;
            break;
          }
        }
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}

/** patternmatcher.MatchesOrParentMatches(file, patterns). */
export function matchesOrParentMatches(file: string, patterns: readonly string[]): boolean {
  return new PatternMatcher(patterns).matches(file);
}

/**
 * The docker CLI's TrimBuildFilesFromExcludes: .dockerignore and the Dockerfile are always sent, so
 * exceptions for them are appended when the patterns would exclude them.
 */
export function trimBuildFilesFromExcludes(excludes: readonly string[], dockerfile = 'Dockerfile', dockerfileFromStdin = false): string[] {
  const out = [...excludes];
  if (matchesOrParentMatches('.dockerignore', out)) out.push('!.dockerignore');
  if (dockerfileFromStdin) return out;
  const df = dockerfile.replace(/\\/g, '/');
  if (matchesOrParentMatches(df, out)) out.push('!' + df);
  return out;
}

export interface FilterResult {
  included: string[];
  excluded: string[];
}

/**
 * Split build-context paths (relative, slash-separated) into sent and ignored ones, with the
 * Dockerfile and .dockerignore always kept. Throws DockerignoreError for a bad pattern.
 */
export function filterContextPaths(
  paths: readonly string[],
  patterns: readonly string[],
  options: { dockerfile?: string; dockerfileFromStdin?: boolean } = {},
): FilterResult {
  const pm = new PatternMatcher(trimBuildFilesFromExcludes(patterns, options.dockerfile ?? 'Dockerfile', options.dockerfileFromStdin ?? false));
  const included: string[] = [];
  const excluded: string[] = [];
  for (const p of paths) (pm.matches(p) ? excluded : included).push(p);
  return { included, excluded };
}
