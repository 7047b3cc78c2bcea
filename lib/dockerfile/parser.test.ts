import { describe, expect, it } from 'vitest';
import { dumpRoot } from './dump';
import { DockerfileParseError, ShellLexError } from './errors';
import { goQuote } from './gotext';
import { chompHeredocContent, parse, parseHeredoc, type Heredoc } from './parser';

const dump = (src: string | Uint8Array): string => dumpRoot(parse(src).ast);

function parseError(src: string | Uint8Array): DockerfileParseError {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof DockerfileParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

// Facts transcribed from BuildKit's parser_heredoc_test.go (TestParseExtractsHeredoc).
describe('heredocs (parser_heredoc_test.go)', () => {
  const dockerfile = `
FROM alpine:3.6

ENV NAME=me

RUN ls

USER <<INVALID
INVALID

RUN <<EMPTY
EMPTY

RUN 3<<EMPTY2
EMPTY2

RUN "<<NOHEREDOC"

RUN <<INDENT
\tfoo
\tbar
INDENT

RUN <<-UNINDENT
\tbaz
\tquux
UNINDENT

RUN <<-UNINDENT2
\tbaz
\tquux
\tUNINDENT2

RUN <<-EXPAND
\texpand $NAME
EXPAND

RUN <<-'NOEXPAND'
\tdon't expand $NAME
NOEXPAND

RUN <<COPY
echo hello world
echo foo bar
COPY

RUN <<COMMENT
# internal comment
echo hello world
echo foo bar # trailing comment
COMMENT

RUN --mount=type=cache,target=/foo <<MOUNT
echo hello
MOUNT

COPY <<FILE1 <<FILE2 /dest
content 1
FILE1
content 2
FILE2

COPY <<EOF /quotes
"foo"
'bar'
EOF

COPY <<X <<Y /dest
Y
X
X
Y

RUN <<COMPLEX python3
print('hello world')
COMPLEX

COPY <<file.txt /dest
hello world
file.txt

RUN <<eo'f'
echo foo
eof

RUN <<eo\\'f
echo foo
eo'f

RUN <<'e'o\\'f
echo foo
eo'f

RUN <<'one two'
echo bar
one two

RUN <<$EOF
$EOF

RUN <<  EOF
EOF

RUN <<  EOF  > foo
EOF
\t`;
  const h = (name: string, content: string, expand = true, chomp = false, fileDescriptor = 0): Heredoc => ({
    name,
    content,
    expand,
    chomp,
    fileDescriptor,
  });
  const expected: Heredoc[][] = [
    [], // ENV
    [], // RUN ls
    [], // USER <<INVALID
    [], // INVALID
    [h('EMPTY', '')],
    [h('EMPTY2', '', true, false, 3)],
    [], // RUN "<<NOHEREDOC"
    [h('INDENT', '\tfoo\n\tbar\n')],
    [h('UNINDENT', '\tbaz\n\tquux\n', true, true)],
    [h('UNINDENT2', '\tbaz\n\tquux\n', true, true)],
    [h('EXPAND', '\texpand $NAME\n', true, true)],
    [h('NOEXPAND', "\tdon't expand $NAME\n", false, true)],
    [h('COPY', 'echo hello world\necho foo bar\n')],
    [h('COMMENT', '# internal comment\necho hello world\necho foo bar # trailing comment\n')],
    [h('MOUNT', 'echo hello\n')],
    [h('FILE1', 'content 1\n'), h('FILE2', 'content 2\n')],
    [h('EOF', '"foo"\n\'bar\'\n')],
    [h('X', 'Y\n'), h('Y', 'X\n')],
    [h('COMPLEX', "print('hello world')\n")],
    [h('file.txt', 'hello world\n')],
    [h('eof', 'echo foo\n', false)],
    [h("eo'f", 'echo foo\n')],
    [h("eo'f", 'echo foo\n', false)],
    [h('one two', 'echo bar\n', false)],
    [h('$EOF', '')],
    [h('EOF', '')],
    [h('EOF', '')],
  ];
  const result = parse(dockerfile);
  expected.forEach((want, i) => {
    const child = result.ast.children[i + 1]!;
    it(`instruction ${i + 2}: ${child.original}`, () => {
      expect(child.heredocs).toEqual(want);
    });
  });
  it('has exactly the expected instructions', () => {
    expect(result.ast.children.length).toBe(expected.length + 1);
    expect(result.ast.children[4]!.value).toBe('INVALID');
  });

  it('JSON form never has heredocs (TestParseJSONHeredoc)', () => {
    const r = parse('\nFROM alpine:3.6\n\nRUN ["whoami"]\nRUN ["<<EOF"]\nRUN ["<<\'EOF\'"]\n\t');
    for (let i = 1; i <= 3; i++) expect(r.ast.children[i]!.heredocs).toEqual([]);
  });

  it('ChompHeredocContent removes leading tabs', () => {
    expect(chompHeredocContent('\thello\n\tworld\n')).toBe('hello\nworld\n');
  });

  it('ParseHeredoc helpers', () => {
    for (const src of ['<<EOF', "<<'EOF'", '<<"EOF"', '<<-EOF', "<<-'EOF'", '<<-"EOF"', '<<EO"F"', '<< EOF', '<<- EOF']) {
      expect(parseHeredoc(src)?.name, src).toBe('EOF');
    }
    for (const src of ["<<'EOF", '<<"EOF', "<<EOF'", '<<EOF"']) {
      expect(() => parseHeredoc(src), src).toThrow(ShellLexError);
    }
    for (const src of ['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF', '<<EOF sh']) {
      expect(parseHeredoc(src), src).toBeNull();
    }
  });

  it('heredocs from a line (TestHeredocsFromLine)', () => {
    const names = (line: string): string[] => parse(`${line}\nEOF\nEOF2\n`).ast.children[0]!.heredocs.map((d) => d.name);
    expect(names('RUN <<EOF')).toEqual(['EOF']);
    expect(names('RUN <<-EOF')).toEqual(['EOF']);
    expect(names('RUN <<- EOF')).toEqual(['EOF']);
    expect(names('RUN 4<<EOF')).toEqual(['EOF']);
    expect(names('RUN <<EOF <<EOF2')).toEqual(['EOF', 'EOF2']);
    expect(names("RUN '<<EOF'")).toEqual([]);
    expect(names('RUN "<<EOF"')).toEqual([]);
    expect(parse('RUN << -EOF\n-EOF\n').ast.children[0]!.heredocs.map((d) => d.name)).toEqual(['-EOF']);
    expect(parse("RUN <<'EOF'\nEOF\n").ast.children[0]!.heredocs[0]!.expand).toBe(false);
  });

  it('dump hides the bodies', () => {
    expect(dump('FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<A <<B /d\nx\nA\ny\nB\n')).toBe('(from "a")\n(run "<<EOF")\n(copy "<<A" "<<B" "/d")\n');
  });

  it('ONBUILD wrapping RUN/COPY takes heredocs; other instructions do not', () => {
    const r = parse('FROM a\nONBUILD RUN <<EOF\necho\nEOF\nUSER <<X\nX\n');
    expect(r.ast.children[1]!.heredocs.map((d) => d.name)).toEqual(['EOF']);
    expect(r.ast.children[1]!.endLine).toBe(4);
    expect(r.ast.children.map((c) => c.value)).toEqual(['FROM', 'ONBUILD', 'USER', 'X']);
  });

  it('unterminated heredoc is an error spanning to EOF', () => {
    const e = parseError('FROM a\nRUN <<EOF\necho hi\n');
    expect(e.message).toBe('unterminated heredoc');
    expect(e.range).toEqual({ startLine: 2, endLine: 3 });
  });

  it('<<- terminator may be tab-indented, body keeps its tabs', () => {
    const r = parse('RUN <<-EOF\n\t\techo\n\tEOF\n');
    expect(r.ast.children[0]!.heredocs[0]).toEqual({ name: 'EOF', content: '\t\techo\n', expand: true, chomp: true, fileDescriptor: 0 });
  });

  it('CRLF heredoc terminators', () => {
    const r = parse('RUN <<EOF\r\necho\r\nEOF\r\nRUN x\r\n');
    expect(r.ast.children[0]!.heredocs[0]!.content).toBe('echo\r\n');
    expect(r.ast.children.length).toBe(2);
  });
});

describe('directives', () => {
  it('escape, syntax and check, case-insensitive keys', () => {
    const r = parse('# syntax=docker/dockerfile:1\n# ESCAPE=`\n#Check = skip=JSONArgsRecommended \nFROM a\nRUN a `\n  b\n');
    expect(r.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'escape', value: '`', line: 2 },
      { name: 'check', value: 'skip=JSONArgsRecommended', line: 3 },
    ]);
    expect(r.escapeToken).toBe('`');
    expect(dumpRoot(r.ast)).toBe('(from "a")\n(run "a   b")\n');
  });
  it('only in the first block: after a comment, an empty line or an instruction they are comments', () => {
    expect(parse('# hello\n# escape=`\nFROM a\n').directives).toEqual([]);
    expect(parse('\n# escape=`\nFROM a\n').escapeToken).toBe('\\');
    expect(parse('FROM a\n# escape=`\nRUN b\n').directives).toEqual([]);
    expect(parse('# unknown=1\n# escape=`\nFROM a\n').escapeToken).toBe('\\');
  });
  it('repeated directive is an error', () => {
    const e = parseError('# escape=\\\n# escape=`\nFROM a\n');
    expect(e.message).toBe('only one escape parser directive can be used');
    expect(e.range.startLine).toBe(2);
    expect(parseError('# syntax=a\n# SYNTAX=b\nFROM a\n').message).toBe('only one syntax parser directive can be used');
  });
  it('invalid escape value is an error', () => {
    expect(parseError('# escape=x\nFROM a\n').message).toBe("invalid escape token 'x' does not match ` or \\");
  });
  it('directive values are trimmed; BOM is ignored', () => {
    const r = parse(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('#  escape =  `  \nFROM a\n')]));
    expect(r.escapeToken).toBe('`');
  });
});

describe('lines, continuations, warnings', () => {
  it('warns on empty continuation lines (TestParseWarnsOnEmptyContinutationLine)', () => {
    const src = `
FROM alpine:3.6

RUN something \\

    following \\

    more

RUN another \\

    thing
RUN non-indented \\
# this is a comment
   after-comment

RUN indented \\
    # this is an indented comment
    comment
\t`;
    const r = parse(src);
    expect(r.warnings.length).toBe(2);
    expect(r.warnings[0]!.message).toBe('Empty continuation line found in: RUN something     following     more');
    expect(r.warnings[1]!.message).toBe('Empty continuation line found in: RUN another     thing');
    expect(r.warnings[0]!.line).toBe(8);
  });
  it('CRLF input parses like LF', () => {
    expect(dump('FROM a\r\nRUN b \\\r\n c\r\n')).toBe('(from "a")\n(run "b  c")\n');
  });
  it('case-insensitive keywords, unknown instructions get an empty node', () => {
    expect(dump('fRoM x\nFOO bar\n')).toBe('(from "x")\n(foo "")\n');
  });
  it('flags and JSON', () => {
    expect(dump('FROM --platform=$BUILDPLATFORM a AS b\nCOPY --chown="a b" --from=x s d\n')).toBe(
      '(from ["--platform=$BUILDPLATFORM"] "a" "AS" "b")\n(copy ["--chown=a b" "--from=x"] "s" "d")\n',
    );
    expect(parseError('FROM a\nCMD ["a", 1]\n').message).toBe('when using JSON array syntax, arrays must be comprised of strings only');
    expect(parse('CMD ["a"]\n').ast.children[0]!.json).toBe(true);
    expect(parse("CMD ['a']\n").ast.children[0]!.json).toBe(false);
  });
  it('ENV/LABEL errors', () => {
    expect(parseError('ENV PATH\n').message).toBe('ENV must have two arguments');
    expect(parseError('LABEL a=b c\n').message).toBe('Syntax error - can\'t find = in "c". Must be of the form: name=value');
  });
  it('no instructions', () => {
    expect(parseError('').message).toBe('file with no instructions');
    expect(parseError('# just a comment\n\n').message).toBe('file with no instructions');
  });
  it('lines longer than 65535 bytes are an error', () => {
    expect(() => parse('FROM a\nRUN ' + 'x'.repeat(65531) + '\n')).not.toThrow();
    const e = parseError('FROM a\nRUN ' + 'x'.repeat(65532) + '\n');
    expect(e.message).toBe('dockerfile line greater than max allowed size of 65535');
    expect(parseError('RUN ' + 'é'.repeat(40000)).message).toBe('file with no instructions');
  });
  it('invalid UTF-8 bytes survive to the dump as \\x escapes', () => {
    expect(dump(new Uint8Array([...new TextEncoder().encode('RUN a'), 0xff, 0x0a]))).toBe('(run "a\\xff")\n');
  });
  it('columns of an instruction', () => {
    const r = parse('FROM a\n  RUN b \\\n   c\n');
    const run = r.ast.children[1]!;
    expect([run.startLine, run.startCol, run.endLine, run.endCol]).toEqual([2, 2, 3, 4]);
  });
});

describe('goQuote (Go strconv.Quote)', () => {
  it('escapes like Go', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x07\b\f\n\r\t\v\x00\x7f')).toBe('"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f"');
    expect(goQuote('♥☃한국어')).toBe('"♥☃한국어"');
    expect(goQuote('\u00a0\u200b\u{1f600}\u{e0001}')).toBe('"\\u00a0\\u200b😀\\U000e0001"');
  });
});

describe('JSON form limits', () => {
  it('arrays nested deeper than Go allows (10000) fall back to the shell form', () => {
    const deep = '['.repeat(10001) + ']'.repeat(10001);
    expect(parse('CMD ' + deep + '\n').ast.children[0]!.json).toBe(false);
    expect(() => parse('CMD ' + '['.repeat(100) + ']'.repeat(100) + '\n')).toThrow(DockerfileParseError);
  });
});
