// Conformance with BuildKit's own parser and shell-lexer test data (read from ../shared at test time).
// See /work/shared/conformance/buildkit/FORMAT.md for the rules of each file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dumpRoot } from './dump';
import { DockerfileParseError, ShellLexError } from './errors';
import { parse } from './parser';
import { processWord, processWords } from './shell-lex';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(repoRoot, '../shared/conformance/buildkit');

if (!fs.existsSync(DATA)) {
  throw new Error(`BuildKit conformance data not found at ${DATA} (expected ../shared/conformance/buildkit next to the repo)`);
}

const bytes = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(p));
const counts = { positive: 0, negative: 0, envVar: 0, words: 0 };

const POS = path.join(DATA, 'parser/testfiles');
const NEG = path.join(DATA, 'parser/testfiles-negative');
const positiveCases = fs.readdirSync(POS).sort();
const negativeCases = fs.readdirSync(NEG).sort();

describe('parser/testfiles: dump equals result byte for byte', () => {
  for (const c of positiveCases) {
    it(c, () => {
      const got = Buffer.from(dumpRoot(parse(bytes(path.join(POS, c, 'Dockerfile'))).ast), 'utf8');
      const want = fs.readFileSync(path.join(POS, c, 'result'));
      expect(got.toString('utf8')).toBe(want.toString('utf8'));
      expect(Buffer.compare(got, want)).toBe(0);
      counts.positive++;
    });
  }
});

describe('parser/testfiles-negative: parse fails', () => {
  for (const c of negativeCases) {
    it(c, () => {
      expect(() => parse(bytes(path.join(NEG, c, 'Dockerfile')))).toThrow(DockerfileParseError);
      counts.negative++;
    });
  }
});

describe('parser/testfile-line', () => {
  it('line spans: root 5..31, instructions (5,5) (11,12) (17,31)', () => {
    const r = parse(bytes(path.join(DATA, 'parser/testfile-line/Dockerfile')));
    expect([r.ast.startLine, r.ast.endLine]).toEqual([5, 31]);
    expect(r.ast.children.map((c) => [c.startLine, c.endLine])).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});

interface EnvRow { input: string; expected: string; line: number }
function envVarRows(): EnvRow[] {
  const rows: EnvRow[] = [];
  const lines = fs.readFileSync(path.join(DATA, 'shell/envVarTest'), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.startsWith('#') || line.trim() === '') return;
    const f = line.split('|');
    if (f.length !== 3) throw new Error(`envVarTest line ${i + 1}: expected 3 fields`);
    const [platform, input, expected] = f.map((x) => x.trim()) as [string, string, string];
    if (platform === 'W') return;
    if (platform !== 'A' && platform !== 'U') throw new Error(`envVarTest line ${i + 1}: bad platform ${platform}`);
    rows.push({ input, expected, line: i + 1 });
  });
  return rows;
}

describe('shell/envVarTest (ProcessWord)', () => {
  const env = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  for (const row of envVarRows()) {
    it(`line ${row.line}: ${row.input}`, () => {
      if (row.expected === 'error') {
        expect(() => processWord(row.input, env)).toThrow(ShellLexError);
      } else {
        expect(processWord(row.input, env)).toBe(row.expected);
      }
      counts.envVar++;
    });
  }
});

interface WordsRow { input: string; expected: string; env: string[]; line: number }
function wordsRows(): WordsRow[] {
  const rows: WordsRow[] = [];
  const env: string[] = [];
  const lines = fs.readFileSync(path.join(DATA, 'shell/wordsTest'), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    if (line.startsWith('#')) return;
    if (line.startsWith('ENV ')) {
      env.push(line.slice(4).replace(/^ +/, ''));
      return;
    }
    const f = line.split('|');
    if (f.length !== 2) throw new Error(`wordsTest line ${i + 1}: expected one |`);
    rows.push({ input: f[0]!.trim(), expected: f[1]!.replace(/^ +/, ''), env: [...env], line: i + 1 });
  });
  return rows;
}

describe('shell/wordsTest (ProcessWords)', () => {
  for (const row of wordsRows()) {
    it(`line ${row.line}: ${row.input}`, () => {
      if (row.expected === 'error') {
        expect(() => processWords(row.input, row.env)).toThrow(ShellLexError);
      } else {
        expect(processWords(row.input, row.env)).toEqual(row.expected.split(','));
      }
      counts.words++;
    });
  }
});

describe('conformance summary', () => {
  it('covers exactly 33 positive, 4 negative, 228 envVarTest and 24 wordsTest cases, all passing', () => {
    expect(positiveCases.length).toBe(33);
    expect(negativeCases.length).toBe(4);
    expect(envVarRows().length).toBe(228);
    expect(wordsRows().length).toBe(24);
    // the per-case tests above ran first (same file, declaration order) and each counted a pass
    expect(counts).toEqual({ positive: 33, negative: 4, envVar: 228, words: 24 });
    console.log(`buildkit conformance: parser ${counts.positive}/33, negative ${counts.negative}/4, envVarTest ${counts.envVar}/228, wordsTest ${counts.words}/24`);
  });
});
