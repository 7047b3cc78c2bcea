// Diagnostics for the editor: parser and instruction errors (all of them, not only the first) and lint warnings.

import {
  DockerfileParseError,
  lintDockerfile,
  parse,
  parseDockerfile,
  parseInstruction,
  type DockerfileParseResult,
  type Node,
  type ParseResult,
  type SourceRange,
} from '../dockerfile';
import type { LintOptions } from '../dockerfile/lint';
import type { Range } from './scan';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  message: string;
  range: Range;
  /** lint rule id (e.g. "JSONArgsRecommended"), "unknown-instruction" or "parse-error" */
  code: string;
  /** documentation page (BuildKit build checks) */
  url?: string;
  /** one-line hint */
  hint?: string;
}

export interface DiagnosticsOptions extends LintOptions {}

function lineLen(lines: string[], line: number): number {
  return (lines[line - 1] ?? '').replace(/\r$/, '').length;
}

/** A SourceRange (optional columns) as a full Range; without columns: the text of the lines. */
export function toRange(lines: string[], r: SourceRange): Range {
  const startLine = Math.max(1, Math.min(r.startLine, lines.length));
  const endLine = Math.max(startLine, Math.min(r.endLine, lines.length));
  let startCol = r.startCol;
  if (startCol === undefined) {
    const l = lines[startLine - 1] ?? '';
    startCol = l.length - l.trimStart().length;
  }
  let endCol = r.endCol ?? lineLen(lines, endLine);
  if (endLine === startLine && endCol <= startCol) endCol = Math.max(startCol + 1, lineLen(lines, endLine));
  return { startLine, startCol, endLine, endCol };
}

const UNKNOWN_RE = /^unknown instruction: /;

/** Compute all diagnostics for a Dockerfile. Never throws for bad input. */
export function computeDiagnostics(text: string, options: DiagnosticsOptions = {}): Diagnostic[] {
  const lines = text.split('\n');
  const out: Diagnostic[] = [];
  let parsed: ParseResult;
  try {
    parsed = parse(text);
  } catch (e) {
    if (!(e instanceof DockerfileParseError)) throw e;
    // "file with no instructions" on an empty editor is not worth a red squiggle
    if (e.reason === 'file with no instructions') return [];
    out.push({ severity: 'error', message: e.reason, range: toRange(lines, e.range), code: 'parse-error' });
    return out;
  }

  const failed: Node[] = [];
  let stages = 0;
  let noStageReported = false;
  // the same assembly as parseInstructions, so that a clean file is parsed once
  const df: DockerfileParseResult = { stages: [], metaArgs: [], warnings: parsed.warnings, directives: parsed.directives, escapeToken: parsed.escapeToken, ast: parsed.ast };
  for (const node of parsed.ast.children) {
    try {
      const ins = parseInstruction(node, stages);
      if (ins.kind === 'FROM') {
        stages++;
        df.stages.push(ins);
      } else if (df.stages.length > 0) df.stages[df.stages.length - 1]!.commands.push(ins);
      else if (ins.kind === 'ARG') df.metaArgs.push(ins);
      if (ins.kind === 'FROM' || ins.kind === 'ARG') {
        // nothing else to check
      } else if (stages === 0 && !noStageReported && failed.length === 0) {
        noStageReported = true;
        out.push({ severity: 'error', message: 'no build stage in current context', range: keywordRange(node), code: 'parse-error', hint: 'Start the Dockerfile with FROM <image>' });
      }
    } catch (e) {
      if (!(e instanceof DockerfileParseError)) throw e;
      failed.push(node);
      if (node.value.toLowerCase() === 'from') stages++; // a broken FROM still starts a stage for what follows
      if (UNKNOWN_RE.test(e.reason)) {
        const m = /\(did you mean (\w+)\?\)$/.exec(e.reason);
        out.push({ severity: 'error', message: e.reason, range: keywordRange(node), code: 'unknown-instruction', hint: m ? `Replace with ${m[1]}` : undefined });
      } else {
        out.push({ severity: 'error', message: e.reason, range: toRange(lines, e.range), code: 'instruction-error' });
      }
    }
  }

  // Lint what parses: blank the failed instructions' lines so that line numbers stay.
  if (!noStageReported) {
    try {
      let lintInput = df;
      if (failed.length > 0) {
        const copy = lines.slice();
        for (const n of failed) for (let l = n.startLine; l <= n.endLine; l++) copy[l - 1] = '';
        lintInput = parseDockerfile(copy.join('\n'));
      }
      for (const w of lintDockerfile(lintInput, options)) {
        const d: Diagnostic = { severity: w.severity, message: w.message, range: toRange(lines, w.range), code: w.ruleId, hint: w.fix };
        if (w.url) d.url = w.url;
        out.push(d);
      }
    } catch (e) {
      if (!(e instanceof DockerfileParseError)) throw e;
    }
  }
  out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
  return out;
}

function keywordRange(node: Node): Range {
  return { startLine: node.startLine, startCol: node.startCol, endLine: node.startLine, endCol: node.startCol + node.value.length };
}
