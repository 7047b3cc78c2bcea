// Stages, variables, folding ranges, document symbols and definitions from the tolerant scan.

import { instructionAt, stageAt, type Range, type Scan, type ScannedInstruction, type ScannedStage, type Word } from './scan';

export interface VariableDef {
  name: string;
  kind: 'ARG' | 'ENV';
  /** default / value as written, if any */
  value?: string;
  /** the key's position */
  range: Range;
  /** true for ARGs declared before the first FROM */
  meta: boolean;
  /** the stage that declares it (undefined for meta args) */
  stage?: ScannedStage;
}

function wordRange(w: Word, len = w.endCol - w.col): Range {
  return { startLine: w.line, startCol: w.col, endLine: w.line, endCol: w.col + len };
}

/** ARG/ENV definitions of an instruction. */
export function definitionsOf(ins: ScannedInstruction, meta: boolean, stage?: ScannedStage): VariableDef[] {
  const out: VariableDef[] = [];
  if (ins.name !== 'arg' && ins.name !== 'env') return out;
  const kind = ins.name === 'arg' ? 'ARG' : 'ENV';
  const args = ins.args;
  if (kind === 'ENV' && args.length >= 2 && !args[0]!.text.includes('=')) {
    // legacy ENV key value
    out.push({ name: args[0]!.text, kind, value: args.slice(1).map((w) => w.text).join(' '), range: wordRange(args[0]!), meta, stage });
    return out;
  }
  for (const w of args) {
    const eq = w.text.indexOf('=');
    const name = eq >= 0 ? w.text.slice(0, eq) : w.text;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    out.push({ name, kind, value: eq >= 0 ? w.text.slice(eq + 1) : undefined, range: wordRange(w, name.length), meta, stage });
  }
  return out;
}

/** All variable definitions of the file, in order. */
export function allDefinitions(scan: Scan): VariableDef[] {
  const out: VariableDef[] = [];
  for (const a of scan.metaArgs) out.push(...definitionsOf(a, true));
  for (const s of scan.stages) for (const ins of s.instructions) out.push(...definitionsOf(ins, false, s));
  return out;
}

/**
 * Variables usable on a line: in a FROM line the meta ARGs; inside a stage the ARG/ENV declared earlier in
 * the stage, plus the ENV of the parent stage when it is built FROM another stage.
 */
export function visibleVariables(scan: Scan, line: number): VariableDef[] {
  const ins = instructionAt(scan, line);
  const stage = stageAt(scan, line);
  if (!stage || (ins && ins.name === 'from') || (ins && scan.metaArgs.includes(ins))) {
    return scan.metaArgs.flatMap((a) => definitionsOf(a, true)).filter((d) => !ins || d.range.startLine < ins.range.startLine || ins.name === 'from');
  }
  const seen = new Map<string, VariableDef>();
  const parentChain = (s: ScannedStage, depth: number): void => {
    if (depth > 10 || !s.image) return;
    const parent = scan.stages.find((p) => p.index < s.index && p.name !== '' && p.name === s.image!.text.toLowerCase());
    if (!parent) return;
    parentChain(parent, depth + 1);
    for (const i of parent.instructions) for (const d of definitionsOf(i, false, parent)) if (d.kind === 'ENV') seen.set(d.name, d);
  };
  parentChain(stage, 0);
  for (const i of stage.instructions) {
    if (ins && i.range.startLine >= ins.range.startLine) break;
    for (const d of definitionsOf(i, false, stage)) {
      if (d.kind === 'ARG' && d.value === undefined) {
        // `ARG NAME` inside a stage re-declares a meta arg (keeps its default)
        const meta = scan.metaArgs.flatMap((a) => definitionsOf(a, true)).find((m) => m.name === d.name);
        seen.set(d.name, meta && meta.value !== undefined ? { ...d, value: meta.value } : d);
      } else seen.set(d.name, d);
    }
  }
  return [...seen.values()];
}

/** The stage a name refers to (`FROM name`, `COPY --from=name`), defined before `beforeLine`. */
export function findStage(scan: Scan, name: string, beforeLine = Infinity): ScannedStage | undefined {
  const n = name.toLowerCase();
  if (/^\d+$/.test(n)) return scan.stages[Number(n)];
  return scan.stages.find((s) => s.name === n && s.from.range.startLine < beforeLine);
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** Folding: multi-line instructions, heredoc bodies, stages and comment blocks. */
export function foldingRanges(scan: Scan): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const ins of scan.instructions) {
    if (ins.range.endLine > ins.range.startLine) out.push({ startLine: ins.range.startLine, endLine: ins.range.endLine });
    for (const h of ins.heredocs) if (h.endLine > h.startLine) out.push({ startLine: h.startLine - 1, endLine: h.endLine });
  }
  for (const s of scan.stages) if (s.range.endLine > s.range.startLine && scan.stages.length > 1) out.push({ startLine: s.range.startLine, endLine: s.range.endLine, kind: 'region' });
  let start = -1;
  let prev = -1;
  for (const c of [...scan.comments, Infinity]) {
    if (c !== prev + 1) {
      if (start > 0 && prev > start) out.push({ startLine: start, endLine: prev, kind: 'comment' });
      start = c;
    }
    prev = c;
  }
  // unique (an instruction and its heredoc can both start on the same line)
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = `${f.startLine}:${f.endLine}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: 'stage' | 'instruction' | 'variable';
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}

function instrSymbol(ins: ScannedInstruction, scan: Scan): DocumentSymbol {
  const line = (scan.lines[ins.range.startLine - 1] ?? '').replace(/\r$/, '');
  const text = line.slice(ins.keyword.endCol).trim();
  return {
    name: ins.keyword.text.toUpperCase(),
    detail: text.length > 60 ? text.slice(0, 57) + '...' : text,
    kind: ins.name === 'arg' || ins.name === 'env' ? 'variable' : 'instruction',
    range: { ...ins.range },
    selectionRange: wordRange(ins.keyword),
    children: [],
  };
}

/** Outline: meta ARGs, then one symbol per stage with its instructions. */
export function documentSymbols(scan: Scan): DocumentSymbol[] {
  const out: DocumentSymbol[] = scan.metaArgs.map((a) => instrSymbol(a, scan));
  for (const s of scan.stages) {
    const image = s.image?.text ?? '';
    out.push({
      name: s.name ? s.name : `stage ${s.index}`,
      detail: `FROM ${image}`,
      kind: 'stage',
      range: { ...s.range },
      selectionRange: wordRange(s.nameWord ?? s.image ?? s.from.keyword),
      children: s.instructions.map((i) => instrSymbol(i, scan)),
    });
  }
  return out;
}
