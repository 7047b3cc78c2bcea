// Hover documentation and go-to-definition at a position (1-based line, 0-based column).

import { flagDoc, flagMarkdown, instructionDoc, instructionMarkdown, MOUNT_TYPES, PREDEFINED_ARGS } from './docs';
import { humanSize, splitImageRef, type ImageCatalog } from './catalog';
import { inHeredoc, instructionAt, scanDockerfile, wordAt, type Range, type Scan, type ScannedInstruction, type Word } from './scan';
import { findStage, visibleVariables, type VariableDef } from './symbols';

export interface Hover {
  /** Markdown */
  contents: string;
  range: Range;
}

export interface LanguageContext {
  catalog?: ImageCatalog;
}

const VAR_RE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The `$NAME` / `${NAME...}` reference around a column of a line. */
export function variableAt(lineText: string, line: number, col: number): { name: string; range: Range } | undefined {
  VAR_RE.lastIndex = 0;
  for (let m = VAR_RE.exec(lineText); m; m = VAR_RE.exec(lineText)) {
    if (m.index > 0 && lineText[m.index - 1] === '\\') continue;
    const end = m.index + m[0].length;
    if (col >= m.index && col <= end) return { name: (m[1] ?? m[2])!, range: { startLine: line, startCol: m.index, endLine: line, endCol: end } };
  }
  return undefined;
}

function wr(w: Word): Range {
  return { startLine: w.line, startCol: w.col, endLine: w.line, endCol: w.endCol };
}

function variableMarkdown(name: string, defs: VariableDef[], scan: Scan, line: number): string {
  const def = defs.filter((d) => d.name === name).pop();
  if (def) {
    const value = def.value !== undefined ? `=${def.value}` : '';
    const where = def.meta ? 'a build argument declared before the first FROM' : def.kind === 'ARG' ? 'a build argument' : 'an environment variable';
    return `\`${def.kind} ${def.name}${value}\`\n\n${name} is ${where}, defined on line ${def.range.startLine}.` +
      (def.kind === 'ARG' ? ' Override it with `docker build --build-arg ' + name + '=...`.' : '');
  }
  if (PREDEFINED_ARGS[name]) return `\`${name}\` — predefined build argument: ${PREDEFINED_ARGS[name]}`;
  const meta = scan.metaArgs.some((a) => a.args.some((w) => w.text.split('=')[0] === name));
  if (meta && instructionAt(scan, line)?.name !== 'from') {
    return `\`${name}\` is declared before the first FROM, so it is only visible in FROM lines. Add \`ARG ${name}\` in this stage to use it here.`;
  }
  return `\`${name}\` is not defined by an ARG or ENV above; it may come from the base image's environment, or be empty.`;
}

function imageMarkdown(ref: string, catalog: ImageCatalog | undefined): string | undefined {
  if (ref === 'scratch') return '`scratch` — the empty image: the stage starts with no files at all (for static binaries).';
  if (!catalog || ref.includes('$')) return undefined;
  const { name, tag } = splitImageRef(ref);
  const repo = catalog.repo(name);
  if (!repo) return `\`${name}\` is not in the playground's registry (it has ${catalog.repos().length} official images). \`docker search\` lists them.`;
  const parts = [`**${repo.name}** (official image) — ${repo.description}`];
  if (repo.tags.includes(tag)) {
    const size = catalog.size(repo.name, tag);
    parts.push(`Tag \`${tag}\`` + (size !== undefined ? `: ${humanSize(size)}` : ''));
  } else parts.push(`Tag \`${tag}\` does not exist in the playground's registry.`);
  parts.push('Tags: ' + repo.tags.map((t) => '`' + t + '`').join(' '));
  return parts.join('\n\n');
}

function stageMarkdown(scan: Scan, name: string, line: number): string | undefined {
  const s = findStage(scan, name, line);
  if (!s) return undefined;
  return `Build stage **${s.name || s.index}** (stage ${s.index}, line ${s.from.range.startLine}): \`FROM ${s.image?.text ?? ''}\``;
}

function hoverInInstruction(scan: Scan, ins: ScannedInstruction, line: number, col: number, ctx: LanguageContext): Hover | undefined {
  const w = wordAt(ins, line, col);
  if (!w) return undefined;
  if (w === ins.keyword) {
    const d = instructionDoc(ins.name);
    return d ? { contents: instructionMarkdown(d), range: wr(w) } : undefined;
  }
  if (ins.inner && w === ins.inner.keyword) {
    const d = instructionDoc(ins.inner.name);
    return d ? { contents: instructionMarkdown(d), range: wr(w) } : undefined;
  }
  const target = ins.inner && ins.inner.words.includes(w) ? ins.inner : ins;
  // variables win inside any word
  const lineText = (scan.lines[line - 1] ?? '').replace(/\r$/, '');
  const v = variableAt(lineText, line, col);
  if (v) return { contents: variableMarkdown(v.name, visibleVariables(scan, line), scan, line), range: v.range };
  if (target.flags.includes(w)) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(w.text);
    if (!m) return undefined;
    const f = flagDoc(target.name, m[1]!);
    if (!f) return { contents: `\`--${m[1]}\` is not a flag of ${target.name.toUpperCase()}.`, range: wr(w) };
    let md = flagMarkdown(target.name, f);
    const eq = w.text.indexOf('=');
    if (m[1] === 'from' && m[2] && col > w.col + eq) {
      md = stageMarkdown(scan, m[2], line) ?? imageMarkdown(m[2], ctx.catalog) ?? md;
    } else if (m[1] === 'mount' && m[2]) {
      const type = /(?:^|,)type=(\w+)/.exec(m[2])?.[1] ?? 'bind';
      if (MOUNT_TYPES[type]) md += `\n\n\`type=${type}\`: ${MOUNT_TYPES[type].doc}`;
    }
    return { contents: md, range: wr(w) };
  }
  if (target.name === 'from') {
    if (w === target.args[0]) {
      const md = stageMarkdown(scan, w.text, line) ?? imageMarkdown(w.text, ctx.catalog);
      return md ? { contents: md, range: wr(w) } : undefined;
    }
    if (w === target.args[1] && w.text.toLowerCase() === 'as') return { contents: '`AS name` names this stage, so that `FROM name` and `COPY --from=name` can use it.', range: wr(w) };
    if (w === target.args[2]) return { contents: `Stage name \`${w.text.toLowerCase()}\`: use it in \`COPY --from=${w.text.toLowerCase()}\` or \`docker build --target ${w.text.toLowerCase()}\`.`, range: wr(w) };
  }
  return undefined;
}

/** Hover at a position, or undefined. */
export function hoverAt(text: string, line: number, col: number, ctx: LanguageContext = {}, scan: Scan = scanDockerfile(text)): Hover | undefined {
  const ins = instructionAt(scan, line);
  if (!ins) return undefined;
  const doc = inHeredoc(ins, line);
  if (doc) {
    if (ins.name !== 'run' || (scan.lines[line - 1] ?? '').replace(/\r$/, '') === doc.name) return undefined;
    const lineText = (scan.lines[line - 1] ?? '').replace(/\r$/, '');
    const v = variableAt(lineText, line, col);
    if (v) return { contents: variableMarkdown(v.name, visibleVariables(scan, line), scan, line), range: v.range };
    return undefined;
  }
  return hoverInInstruction(scan, ins, line, col, ctx);
}

/** Where the stage name or variable at a position is defined. */
export function definitionAt(text: string, line: number, col: number, scan: Scan = scanDockerfile(text)): Range | undefined {
  const ins = instructionAt(scan, line);
  if (!ins) return undefined;
  const lineText = (scan.lines[line - 1] ?? '').replace(/\r$/, '');
  const v = variableAt(lineText, line, col);
  if (v) {
    const def = visibleVariables(scan, line).filter((d) => d.name === v.name).pop();
    return def ? { ...def.range } : undefined;
  }
  const w = wordAt(ins, line, col);
  if (!w) return undefined;
  let name: string | undefined;
  if (ins.name === 'from' && w === ins.args[0]) name = w.text;
  const m = /^--from=(.+)$/.exec(w.text);
  if (m && (ins.flags.includes(w) || ins.inner?.flags.includes(w))) name = m[1];
  if (!name) return undefined;
  const s = findStage(scan, name, ins.range.startLine);
  if (!s) return undefined;
  const target = s.nameWord ?? s.from.keyword;
  return wr(target);
}
