// A tolerant, position-keeping scan of a Dockerfile for editor features (hover, completion, symbols, folding).
// It splits the text into instructions the way BuildKit's parser does (continuations, comments, heredocs,
// the escape directive) but never throws, so that it works on half-typed text. Diagnostics use the real parser.

/** 1-based lines, 0-based UTF-16 columns, end exclusive (like lib/dockerfile's SourceRange). */
export interface Range {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** A word of an instruction, on one physical line. */
export interface Word {
  text: string;
  line: number;
  col: number;
  endCol: number;
}

export interface HeredocSpan {
  name: string;
  /** line of the first body line .. line of the terminator (or the last line when unterminated) */
  startLine: number;
  endLine: number;
  terminated: boolean;
}

export interface ScannedInstruction {
  /** the keyword as written */
  keyword: Word;
  /** lower-case keyword */
  name: string;
  /** words after the keyword (continuation lines included, comment lines skipped) */
  words: Word[];
  /** leading `--flag` words */
  flags: Word[];
  /** words after the flags */
  args: Word[];
  /** exec (JSON) form: the arguments start with `[` */
  json: boolean;
  heredocs: HeredocSpan[];
  range: Range;
  /** for ONBUILD: the nested instruction */
  inner?: ScannedInstruction;
}

export interface ScannedStage {
  from: ScannedInstruction;
  /** lower-cased `AS` name, or "" */
  name: string;
  nameWord?: Word;
  image?: Word;
  /** instructions after FROM, up to the next FROM */
  instructions: ScannedInstruction[];
  index: number;
  range: Range;
}

export interface Scan {
  lines: string[];
  escape: string;
  instructions: ScannedInstruction[];
  /** ARG instructions before the first FROM */
  metaArgs: ScannedInstruction[];
  stages: ScannedStage[];
  /** comment lines (1-based) */
  comments: number[];
}

const HEREDOC_INSTR = new Set(['run', 'copy', 'add']);
const DIRECTIVE_RE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** Split a physical line segment into words: whitespace separated, quotes keep spaces. */
function splitWords(text: string, line: number, offset: number, escape: string, out: Word[]): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n) break;
    const start = i;
    let quote = '';
    while (i < n) {
      const c = text[i]!;
      if (quote) {
        if (c === escape && quote === '"' && i + 1 < n) i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === escape && i + 1 < n) i++;
      else if (c === ' ' || c === '\t') break;
      i++;
    }
    out.push({ text: text.slice(start, i), line, col: offset + start, endCol: offset + i });
  }
}

/** The content of a line without a trailing continuation escape, and whether it continues. */
function trimContinuation(line: string, escape: string): [string, boolean] {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  if (end > 0 && line[end - 1] === escape && !(end > 1 && line[end - 2] === escape)) return [line.slice(0, end - 1), true];
  return [line.slice(0, end), false];
}

const HEREDOC_RE = /<<(-?)\s*(["']?)([A-Za-z0-9_./-]+)\2/g;

function heredocNames(words: Word[]): { name: string; chomp: boolean }[] {
  const out: { name: string; chomp: boolean }[] = [];
  for (const w of words) {
    HEREDOC_RE.lastIndex = 0;
    for (let m = HEREDOC_RE.exec(w.text); m; m = HEREDOC_RE.exec(w.text)) out.push({ name: m[3]!, chomp: m[1] === '-' });
  }
  return out;
}

function lineLength(lines: string[], line: number): number {
  return (lines[line - 1] ?? '').replace(/\r$/, '').length;
}

function buildInstruction(lines: string[], keyword: Word, words: Word[], endLine: number, endCol: number): ScannedInstruction {
  const flags: Word[] = [];
  let k = 0;
  while (k < words.length && words[k]!.text.startsWith('--')) flags.push(words[k++]!);
  const args = words.slice(k);
  const instr: ScannedInstruction = {
    keyword,
    name: keyword.text.toLowerCase(),
    words,
    flags,
    args,
    json: args.length > 0 && args[0]!.text.startsWith('['),
    heredocs: [],
    range: { startLine: keyword.line, startCol: keyword.col, endLine, endCol },
  };
  if (instr.name === 'onbuild' && words.length > 0) {
    instr.inner = buildInstruction(lines, words[0]!, words.slice(1), endLine, endCol);
  }
  return instr;
}

/** Scan a Dockerfile (never throws). */
export function scanDockerfile(text: string): Scan {
  const lines = text.split('\n');
  let escape = '\\';
  const instructions: ScannedInstruction[] = [];
  const comments: number[] = [];
  let directivesOpen = true;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!.replace(/\r$/, '');
    const lineNo = i + 1;
    const trimmed = raw.trimStart();
    if (trimmed.startsWith('#')) {
      comments.push(lineNo);
      if (directivesOpen) {
        const m = DIRECTIVE_RE.exec(trimmed);
        if (m) {
          if (m[1]!.toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
        } else directivesOpen = false;
      }
      i++;
      continue;
    }
    directivesOpen = false;
    if (trimmed === '') {
      i++;
      continue;
    }
    // an instruction starts here
    const startCol = raw.length - trimmed.length;
    const words: Word[] = [];
    let [content, cont] = trimContinuation(raw, escape);
    splitWords(content.slice(startCol), lineNo, startCol, escape, words);
    let endLine = lineNo;
    let endCol = raw.length;
    i++;
    while (cont && i < lines.length) {
      const next = lines[i]!.replace(/\r$/, '');
      const nt = next.trimStart();
      i++;
      if (nt.startsWith('#')) {
        comments.push(i);
        continue;
      }
      if (nt === '') continue;
      [content, cont] = trimContinuation(next, escape);
      splitWords(content, i, 0, escape, words);
      endLine = i;
      endCol = next.length;
    }
    const keyword = words.shift()!;
    const instr = buildInstruction(lines, keyword, words, endLine, endCol);
    if (HEREDOC_INSTR.has(instr.name) || (instr.inner && HEREDOC_INSTR.has(instr.inner.name))) {
      for (const doc of heredocNames(words)) {
        const start = i + 1;
        let terminated = false;
        while (i < lines.length) {
          let l = lines[i]!.replace(/\r$/, '');
          i++;
          if (doc.chomp) l = l.replace(/^\t+/, '');
          if (l === doc.name) {
            terminated = true;
            break;
          }
        }
        instr.heredocs.push({ name: doc.name, startLine: start, endLine: Math.max(start - 1, i), terminated });
        instr.range.endLine = Math.max(instr.range.endLine, i);
        instr.range.endCol = lineLength(lines, instr.range.endLine);
      }
    }
    instructions.push(instr);
  }

  const metaArgs: ScannedInstruction[] = [];
  const stages: ScannedStage[] = [];
  for (const ins of instructions) {
    if (ins.name === 'from') {
      const image = ins.args[0];
      const asWord = ins.args[1];
      const nameWord = asWord && asWord.text.toLowerCase() === 'as' ? ins.args[2] : undefined;
      const prev = stages[stages.length - 1];
      if (prev) prev.range = { ...prev.range, endLine: prevEnd(prev), endCol: lineLength(lines, prevEnd(prev)) };
      stages.push({ from: ins, name: nameWord ? nameWord.text.toLowerCase() : '', nameWord, image, instructions: [], index: stages.length, range: { ...ins.range } });
    } else if (stages.length === 0) {
      if (ins.name === 'arg') metaArgs.push(ins);
    } else stages[stages.length - 1]!.instructions.push(ins);
  }
  const last = stages[stages.length - 1];
  if (last) last.range = { ...last.range, endLine: prevEnd(last), endCol: lineLength(lines, prevEnd(last)) };
  return { lines, escape, instructions, metaArgs, stages, comments };
}

function prevEnd(s: ScannedStage): number {
  const last = s.instructions[s.instructions.length - 1];
  return last ? last.range.endLine : s.from.range.endLine;
}

/** The instruction whose lines contain `line`, or undefined. */
export function instructionAt(scan: Scan, line: number): ScannedInstruction | undefined {
  for (const ins of scan.instructions) {
    if (line >= ins.range.startLine && line <= ins.range.endLine) return ins;
    if (ins.range.startLine > line) break;
  }
  return undefined;
}

/** The stage an instruction (or line) belongs to. */
export function stageAt(scan: Scan, line: number): ScannedStage | undefined {
  let found: ScannedStage | undefined;
  for (const s of scan.stages) if (s.from.range.startLine <= line) found = s;
  return found;
}

/** Whether `line` is inside a heredoc body of `ins`. */
export function inHeredoc(ins: ScannedInstruction, line: number): HeredocSpan | undefined {
  return ins.heredocs.find((h) => line >= h.startLine && line <= h.endLine);
}

/** The word containing the position (col inside or at its end), if any. */
export function wordAt(ins: ScannedInstruction, line: number, col: number): Word | undefined {
  if (ins.keyword.line === line && col >= ins.keyword.col && col <= ins.keyword.endCol) return ins.keyword;
  return ins.words.find((w) => w.line === line && col >= w.col && col <= w.endCol);
}
