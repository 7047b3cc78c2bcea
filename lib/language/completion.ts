// Completion at a position (1-based line, 0-based column): instructions, flags, flag values, base images and
// tags, stage names and variables.

import { INSTRUCTION_DOCS, instructionDoc, MOUNT_TYPES, PREDEFINED_ARGS } from './docs';
import type { ImageCatalog } from './catalog';
import type { LanguageContext } from './hover';
import { inHeredoc, instructionAt, scanDockerfile, type Range, type Scan, type ScannedInstruction } from './scan';
import { visibleVariables } from './symbols';

export type CompletionKind = 'keyword' | 'flag' | 'value' | 'image' | 'tag' | 'stage' | 'variable';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** text to insert; Monaco snippet syntax when `snippet` is true */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  /** Markdown */
  documentation?: string;
  sortText?: string;
  filterText?: string;
  /** ask the editor to open completion again after inserting (e.g. after `image:`) */
  retrigger?: boolean;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** the text the items replace */
  range: Range;
}

const NOT_IN_ONBUILD = new Set(['FROM', 'ONBUILD', 'MAINTAINER']);

function instructionItems(prefix: string, onbuild: boolean): CompletionItem[] {
  const lower = prefix !== '' && prefix === prefix.toLowerCase();
  return Object.values(INSTRUCTION_DOCS)
    .filter((d) => !(onbuild && NOT_IN_ONBUILD.has(d.name)))
    .map((d, i) => {
      const kw = lower ? d.name.toLowerCase() : d.name;
      return {
        label: kw,
        kind: 'keyword' as const,
        // FROM: insert the keyword only and open the image list right away
        insertText: d.name === 'FROM' ? `${kw} ` : `${kw} ${d.snippet}`,
        snippet: d.name !== 'FROM',
        detail: d.syntax[0],
        documentation: d.doc + '\n\nExample: `' + d.example + '`',
        sortText: (d.name === 'MAINTAINER' ? 'z' : 'a') + String(i).padStart(2, '0'),
        retrigger: d.name === 'FROM',
      };
    });
}

function imageItems(catalog: ImageCatalog | undefined, scan: Scan, line: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of scan.stages) {
    if (s.name && s.from.range.startLine < line) out.push({ label: s.name, kind: 'stage', insertText: s.name, detail: `stage ${s.index}: FROM ${s.image?.text ?? ''}`, sortText: '0' + s.name });
  }
  out.push({ label: 'scratch', kind: 'image', insertText: 'scratch', detail: 'the empty image', sortText: '2scratch' });
  for (const r of catalog?.repos() ?? []) {
    out.push({
      label: r.name,
      kind: 'image',
      insertText: r.name + ':',
      detail: `${r.description.slice(0, 60)}${r.description.length > 60 ? '...' : ''}`,
      documentation: `**${r.name}** — ${r.description}\n\nTags: ${r.tags.map((t) => '`' + t + '`').join(' ')}`,
      sortText: '1' + String(100000 - Math.min(99999, Math.floor(r.stars / 10))).padStart(6, '0'),
      filterText: r.name,
      retrigger: true,
    });
  }
  return out;
}

function tagItems(catalog: ImageCatalog | undefined, image: string): CompletionItem[] {
  const repo = catalog?.repo(image);
  if (!repo) return [];
  return repo.tags.map((t, i) => ({
    label: t,
    kind: 'tag' as const,
    insertText: t,
    detail: `${repo.name}:${t}`,
    sortText: String(i).padStart(3, '0'),
  }));
}

function variableItems(scan: Scan, line: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const d of visibleVariables(scan, line).reverse()) {
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    out.push({ label: d.name, kind: 'variable', insertText: d.name, detail: `${d.kind} ${d.name}${d.value !== undefined ? '=' + d.value : ''} (line ${d.range.startLine})`, sortText: '0' + d.name });
  }
  for (const [name, doc] of Object.entries(PREDEFINED_ARGS)) {
    if (!seen.has(name)) out.push({ label: name, kind: 'variable', insertText: name, detail: 'predefined build argument', documentation: doc, sortText: '1' + name });
  }
  return out;
}

function flagItems(ins: ScannedInstruction): CompletionItem[] {
  const d = instructionDoc(ins.name);
  if (!d) return [];
  const used = new Set(ins.flags.map((f) => /^--([a-z-]+)/.exec(f.text)?.[1]));
  return d.flags
    .filter((f) => !used.has(f.name) || f.name === 'mount' || f.name === 'exclude')
    .map((f) => ({
      label: '--' + f.name,
      kind: 'flag' as const,
      insertText: '--' + f.snippet,
      snippet: true,
      detail: f.syntax,
      documentation: f.doc + '\n\nExample: `' + f.example + '`',
      filterText: '--' + f.name,
      retrigger: f.name === 'from' || f.name === 'platform',
    }));
}

function flagValueItems(ins: ScannedInstruction, flag: string, value: string, scan: Scan, ctx: LanguageContext): { items: CompletionItem[]; start: number } {
  if (flag === 'from') {
    const items: CompletionItem[] = scan.stages
      .filter((s) => s.from.range.startLine < ins.range.startLine)
      .map((s) => ({ label: s.name || String(s.index), kind: 'stage' as const, insertText: s.name || String(s.index), detail: `stage ${s.index}: FROM ${s.image?.text ?? ''}`, sortText: '0' + s.index }));
    for (const r of ctx.catalog?.repos() ?? []) items.push({ label: r.name, kind: 'image', insertText: r.name, detail: 'image', sortText: '1' + r.name });
    return { items, start: 0 };
  }
  if (flag === 'mount') {
    const m = /(^|,)type=([a-z]*)$/.exec(value);
    if (m || value === '' || value === 'type') {
      const start = m ? value.length - m[2]!.length - 'type='.length : 0;
      return {
        items: Object.entries(MOUNT_TYPES).map(([t, d]) => ({ label: 'type=' + t, kind: 'value' as const, insertText: 'type=' + d.snippet, snippet: true, documentation: d.doc })),
        start,
      };
    }
    return { items: [], start: value.length };
  }
  const f = instructionDoc(ins.name)?.flags.find((x) => x.name === flag);
  return { items: (f?.values ?? []).map((v) => ({ label: v, kind: 'value' as const, insertText: v })), start: 0 };
}

/** Completion items at a position. */
export function completeAt(text: string, line: number, col: number, ctx: LanguageContext = {}, scan: Scan = scanDockerfile(text)): CompletionResult {
  const lineText = (scan.lines[line - 1] ?? '').replace(/\r$/, '');
  const before = lineText.slice(0, col);
  const empty = (startCol: number): Range => ({ startLine: line, startCol, endLine: line, endCol: col });
  const ins = instructionAt(scan, line);

  if (before.trimStart().startsWith('#')) return { items: [], range: empty(col) };
  if (ins && inHeredoc(ins, line)) return variableCompletion(before, scan, line, col) ?? { items: [], range: empty(col) };

  // first word of a new instruction
  const startsHere = !ins || (ins.keyword.line === line && col <= ins.keyword.endCol);
  if (startsHere && /^\s*[A-Za-z]*$/.test(before)) {
    const prefix = before.trim();
    return { items: instructionItems(prefix, false), range: empty(col - prefix.length) };
  }
  if (!ins) return { items: [], range: empty(col) };

  const vars = variableCompletion(before, scan, line, col);
  if (vars) return vars;

  // ONBUILD: the nested keyword, then the nested instruction
  let target = ins;
  if (ins.name === 'onbuild') {
    const first = ins.words[0];
    if (!first || (first.line === line && col <= first.endCol && col >= first.col) || (first.line === line && col < first.col)) {
      const prefix = /[A-Za-z]*$/.exec(before)![0];
      return { items: instructionItems(prefix, true), range: empty(col - prefix.length) };
    }
    if (ins.inner) target = ins.inner;
  }

  const curWord = /\S*$/.exec(before)![0];
  const wordStart = col - curWord.length;
  // words of the instruction entirely before the cursor
  const wordsBefore = target.words.filter((w) => w.line < line || (w.line === line && w.endCol < wordStart + 1 && w.col < wordStart));
  const onlyFlagsBefore = wordsBefore.every((w) => w.text.startsWith('--'));

  const fm = /^--([a-z-]+)=(.*)$/.exec(curWord);
  if (fm) {
    const { items, start } = flagValueItems(target, fm[1]!, fm[2]!, scan, ctx);
    return { items, range: empty(wordStart + 2 + fm[1]!.length + 1 + start) };
  }
  if (onlyFlagsBefore && (curWord.startsWith('-') || (curWord === '' && target.name !== 'from'))) {
    const items = flagItems(target);
    if (curWord.startsWith('-') || items.length > 0) {
      if (target.name === 'healthcheck' && curWord === '') items.push({ label: 'CMD', kind: 'keyword', insertText: 'CMD ${1:command}', snippet: true, detail: 'the check command' }, { label: 'NONE', kind: 'keyword', insertText: 'NONE', detail: 'disable the inherited check' });
      if (curWord.startsWith('-') || target.name === 'healthcheck') return { items, range: empty(wordStart) };
    }
  }

  if (target.name === 'from') {
    const args = wordsBefore.filter((w) => !w.text.startsWith('--'));
    if (args.length === 0) {
      const colon = curWord.lastIndexOf(':');
      if (colon >= 0) return { items: tagItems(ctx.catalog, curWord.slice(0, colon)), range: empty(wordStart + colon + 1) };
      const items = imageItems(ctx.catalog, scan, line);
      if (curWord === '' || curWord.startsWith('-')) items.push(...flagItems(target));
      return { items, range: empty(wordStart) };
    }
    if (args.length === 1) {
      const as = target.keyword.text === target.keyword.text.toLowerCase() ? 'as' : 'AS';
      return { items: [{ label: as, kind: 'keyword', insertText: `${as} \${1:name}`, snippet: true, detail: 'name this stage' }], range: empty(wordStart) };
    }
  }
  return { items: [], range: empty(col) };
}

function variableCompletion(before: string, scan: Scan, line: number, col: number): CompletionResult | undefined {
  const m = /\$(\{?)([A-Za-z0-9_]*)$/.exec(before);
  if (!m || (m.index > 0 && before[m.index - 1] === '\\')) return undefined;
  const braced = m[1] === '{';
  const items = variableItems(scan, line);
  const lineText = (scan.lines[line - 1] ?? '').replace(/\r$/, '');
  if (braced && lineText[col] !== '}') for (const it of items) it.insertText = it.insertText + '}';
  return { items, range: { startLine: line, startCol: col - m[2]!.length, endLine: line, endCol: col } };
}
