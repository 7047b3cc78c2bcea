// Quick fixes for diagnostics: text edits computed from the current text.

import type { Diagnostic } from './diagnostics';
import { createImageCatalog, splitImageRef, type ImageCatalog } from './catalog';
import { instructionAt, scanDockerfile, type Range, type Scan, type ScannedInstruction } from './scan';

export interface TextEdit {
  range: Range;
  text: string;
}

export interface CodeAction {
  title: string;
  /** the diagnostic code it fixes */
  code: string;
  edits: TextEdit[];
  preferred?: boolean;
}

let defaultCatalog: ImageCatalog | undefined;

function at(line: number, col: number, endCol = col): Range {
  return { startLine: line, startCol: col, endLine: line, endCol };
}

/** Match the case of `like` (all lower → lower, else upper). */
function caseLike(word: string, like: string): string {
  return like === like.toLowerCase() ? word.toLowerCase() : word.toUpperCase();
}

/** Raw text of a single-line instruction after its keyword (undefined when it spans lines). */
function restOfLine(scan: Scan, ins: ScannedInstruction): string | undefined {
  if (ins.range.startLine !== ins.range.endLine || ins.heredocs.length > 0) return undefined;
  return (scan.lines[ins.range.startLine - 1] ?? '').replace(/\r$/, '').slice(ins.keyword.endCol).trim();
}

function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Words of a simple shell command, or undefined when the shell is needed (operators, variables, globs...). */
export function simpleShellWords(cmd: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let q = '';
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (q === "'") {
      if (c === "'") q = '';
      else cur += c;
      continue;
    }
    if (q === '"') {
      if (c === '"') q = '';
      else if (c === '$' || c === '`') return undefined;
      else if (c === '\\' && i + 1 < cmd.length && '"\\'.includes(cmd[i + 1]!)) cur += cmd[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else if ('|&;<>()$`*?[]{}~#=\\!'.includes(c) && !(c === '=' && has)) return undefined;
    else {
      cur += c;
      has = true;
    }
  }
  if (q) return undefined;
  if (has) words.push(cur);
  return words.length > 0 ? words : undefined;
}

/** Quick fixes for one diagnostic. */
export function codeActionsFor(text: string, d: Diagnostic, catalog?: ImageCatalog, scan: Scan = scanDockerfile(text)): CodeAction[] {
  const ins = instructionAt(scan, d.range.startLine);
  if (!ins) return [];
  const kw = ins.keyword;
  const kwRange = at(kw.line, kw.col, kw.endCol);
  const whole: Range = { ...ins.range };
  const out: CodeAction[] = [];
  const push = (title: string, edits: TextEdit[], preferred = true): void => {
    out.push({ title, code: d.code, edits, preferred });
  };

  switch (d.code) {
    case 'unknown-instruction': {
      const m = /\(did you mean (\w+)\?\)$/.exec(d.message);
      if (m) push(`Replace with ${caseLike(m[1]!, kw.text)}`, [{ range: kwRange, text: caseLike(m[1]!, kw.text) }]);
      break;
    }
    case 'MaintainerDeprecated': {
      const rest = restOfLine(scan, ins);
      if (rest === undefined) break;
      const value = /^".*"$/.test(rest) ? rest : jsonString(rest);
      const label = caseLike('LABEL', kw.text);
      push('Replace with LABEL maintainer=...', [{ range: whole, text: `${label} maintainer=${value}` }]);
      push('Replace with LABEL org.opencontainers.image.authors=...', [{ range: whole, text: `${label} org.opencontainers.image.authors=${value}` }], false);
      break;
    }
    case 'LegacyKeyValueFormat': {
      const rest = restOfLine(scan, ins);
      if (rest === undefined) break;
      const m = /^(\S+)\s+(.*)$/.exec(rest);
      if (!m || m[1]!.includes('=')) break;
      let value = m[2]!.trim();
      if (/\s/.test(value) && !/^"[^"]*"$|^'[^']*'$/.test(value)) value = jsonString(value);
      push(`Use ${kw.text.toUpperCase()} ${m[1]}=value`, [{ range: whole, text: `${kw.text} ${m[1]}=${value}` }]);
      break;
    }
    case 'JSONArgsRecommended': {
      if (ins.json || ins.range.startLine !== ins.range.endLine) break;
      const rest = restOfLine(scan, ins);
      if (!rest) break;
      const words = simpleShellWords(rest);
      const json = words ? words : ['/bin/sh', '-c', rest];
      push(`Use the JSON form: ${kw.text} [${json.map(jsonString).join(', ')}]`, [{ range: whole, text: `${kw.text} [${json.map(jsonString).join(', ')}]` }]);
      break;
    }
    case 'AptGetMissingYes': {
      for (const w of ins.words) {
        if (w.text !== 'install') continue;
        const before = ins.words.slice(0, ins.words.indexOf(w));
        if (!before.some((b) => b.text === 'apt-get')) continue;
        push('Add -y to apt-get install', [{ range: at(w.line, w.endCol), text: ' -y' }]);
        break;
      }
      break;
    }
    case 'AptListsNotCleaned': {
      if (ins.json || ins.heredocs.length > 0) break;
      const line = scan.lines[ins.range.endLine - 1]!.replace(/\r$/, '');
      const end = line.trimEnd().length;
      push('Append && rm -rf /var/lib/apt/lists/*', [{ range: at(ins.range.endLine, end), text: ' && rm -rf /var/lib/apt/lists/*' }]);
      break;
    }
    case 'FromAsCasing': {
      const asWord = ins.args[1];
      if (asWord && asWord.text.toLowerCase() === 'as') {
        const want = caseLike('AS', kw.text);
        push(`Write ${want}`, [{ range: at(asWord.line, asWord.col, asWord.endCol), text: want }]);
      }
      break;
    }
    case 'ConsistentInstructionCasing': {
      const want = /lowercase/.test(d.message) ? kw.text.toLowerCase() : kw.text.toUpperCase();
      push(`Write ${want}`, [{ range: kwRange, text: want }]);
      break;
    }
    case 'AddInsteadOfCopy':
      push('Replace ADD with COPY', [{ range: kwRange, text: caseLike('COPY', kw.text) }]);
      break;
    case 'UntaggedImage':
    case 'LatestTag': {
      const image = ins.args[0];
      if (!image) break;
      const ref = splitImageRef(image.text);
      const repo = (catalog ?? (defaultCatalog ??= createImageCatalog())).repo(ref.name);
      const tag = repo?.pinnedTag;
      if (!tag) break;
      if (d.code === 'UntaggedImage') push(`Pin the tag: ${image.text}:${tag}`, [{ range: at(image.line, image.endCol), text: ':' + tag }]);
      else push(`Replace latest with ${tag}`, [{ range: at(image.line, image.endCol - 'latest'.length, image.endCol), text: tag }]);
      break;
    }
    case 'StageNameCasing':
    case 'ExposeProtoCasing': {
      if (d.range.startLine !== d.range.endLine) break;
      const line = scan.lines[d.range.startLine - 1] ?? '';
      const word = line.slice(d.range.startCol, d.range.endCol);
      push(`Write ${word.toLowerCase()}`, [{ range: { ...d.range }, text: word.toLowerCase() }]);
      break;
    }
    case 'WorkdirRelativePath': {
      if (d.range.startLine !== d.range.endLine) break;
      push('Make the path absolute', [{ range: at(d.range.startLine, d.range.startCol), text: '/' }]);
      break;
    }
  }
  return out;
}

/** Quick fixes for the diagnostics that touch a range (lines). */
export function codeActions(text: string, diagnostics: Diagnostic[], range: Range, catalog?: ImageCatalog): CodeAction[] {
  const scan = scanDockerfile(text);
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.range.endLine < range.startLine || d.range.startLine > range.endLine) continue;
    out.push(...codeActionsFor(text, d, catalog, scan));
  }
  return out;
}

/** Apply edits to a text (for tests and for hosts without an editor). Edits must not overlap. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, col: number): number => {
    let o = 0;
    for (let i = 0; i < line - 1; i++) o += lines[i]!.length + 1;
    return o + col;
  };
  const sorted = edits.map((e) => ({ s: offsetOf(e.range.startLine, e.range.startCol), e: offsetOf(e.range.endLine, e.range.endCol), t: e.text })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
