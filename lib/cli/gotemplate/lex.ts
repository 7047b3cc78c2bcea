/**
 * Lexer for Go's text/template action syntax (our own implementation of its behaviour and error texts).
 * Positions are UTF-16 offsets into the template text; errors convert them to Go's byte offsets.
 */

export const enum T {
  Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier, LeftDelim, LeftParen,
  Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
  // keywords (after Keyword)
  Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

export interface Item { typ: T; pos: number; val: string; line: number }

const KEYWORDS: Record<string, T> = {
  '.': T.Dot, block: T.Block, break: T.Break, continue: T.Continue, define: T.Define, else: T.Else, end: T.End,
  if: T.If, range: T.Range, nil: T.Nil, template: T.Template, with: T.With,
};

const LEFT = '{{';
const RIGHT = '}}';
const TRIM = '-';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

/** Go's %q-ish rendering used in lexer messages: U+0021 '!' */
export function goRuneDesc(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
  return printable ? `U+${hex} '${c}'` : `U+${hex}`;
}

export class Lexer {
  private readonly input: string;
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;
  private readonly items: Item[] = [];
  private done = false;

  constructor(input: string) { this.input = input; }

  /** Lex everything (stops at the first error item). */
  all(): Item[] {
    let state: (() => (() => unknown) | null) | null = () => this.lexText();
    while (state && !this.done) state = state() as (() => (() => unknown) | null) | null;
    return this.items;
  }

  private next(): string {
    if (this.pos >= this.input.length) { this.pos++; return ''; }
    const cp = this.input.codePointAt(this.pos) as number;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    if (c === '\n') this.line++;
    return c;
  }
  private backup(c: string): void {
    if (c === '') { this.pos--; return; }
    this.pos -= c.length;
    if (c === '\n') this.line--;
  }
  private peek(): string {
    const c = this.next();
    this.backup(c);
    return c;
  }
  private emit(typ: T): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }
  private ignore(): void {
    this.start = this.pos;
    this.startLine = this.line;
  }
  private errorf(msg: string): null {
    this.items.push({ typ: T.Error, pos: this.start, val: msg, line: this.startLine });
    this.done = true;
    return null;
  }

  private atLeftDelim(): { delim: boolean; trim: boolean } {
    if (!this.input.startsWith(LEFT, this.pos)) return { delim: false, trim: false };
    const after = this.pos + LEFT.length;
    const trim = this.input[after] === TRIM && after + 1 < this.input.length && isSpace(this.input[after + 1]);
    return { delim: true, trim };
  }
  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (isSpace(this.input[this.pos] ?? '') && this.input[this.pos + 1] === TRIM && this.input.startsWith(RIGHT, this.pos + 2)) {
      return { delim: true, trim: true };
    }
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexText(): (() => unknown) | null {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x >= 0) {
      for (let i = this.pos; i < x; i++) if (this.input[i] === '\n') this.line++;
      this.pos = x;
      const { trim } = this.atLeftDelim();
      let end = this.pos;
      if (trim) {
        // trim trailing white space from the text
        let j = this.pos;
        while (j > this.start && isSpace(this.input[j - 1])) j--;
        end = j;
      }
      if (end > this.start) {
        this.items.push({ typ: T.Text, pos: this.start, val: this.input.slice(this.start, end), line: this.startLine });
      }
      this.start = this.pos;
      this.startLine = this.line;
      return () => this.lexLeftDelim();
    }
    for (let i = this.pos; i < this.input.length; i++) if (this.input[i] === '\n') this.line++;
    this.pos = this.input.length;
    if (this.pos > this.start) this.emit(T.Text);
    this.emit(T.EOF);
    this.done = true;
    return null;
  }

  private lexLeftDelim(): (() => unknown) | null {
    this.pos += LEFT.length;
    const trim = this.input[this.pos] === TRIM && isSpace(this.input[this.pos + 1] ?? '');
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment();
    }
    this.emit(T.LeftDelim);
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): (() => unknown) | null {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    for (let i = this.pos; i < x + RIGHT_COMMENT.length; i++) if (this.input[i] === '\n') this.line++;
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.emit(T.Comment);
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.skipLeadingSpace();
    this.ignore();
    return () => this.lexText();
  }

  private skipLeadingSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input[this.pos])) {
      if (this.input[this.pos] === '\n') this.line++;
      this.pos++;
    }
  }

  private lexRightDelim(): (() => unknown) | null {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    this.emit(T.RightDelim);
    if (trim) {
      this.skipLeadingSpace();
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): (() => unknown) | null {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === '') return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup(r);
      return this.lexSpace();
    }
    switch (r) {
      case '=': this.emit(T.Assign); return () => this.lexInsideAction();
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        this.emit(T.Declare); return () => this.lexInsideAction();
      case '|': this.emit(T.Pipe); return () => this.lexInsideAction();
      case '"': return this.lexQuote();
      case '`': return this.lexRawQuote();
      case '$': return this.lexVariable();
      case "'": return this.lexChar();
      case '.': {
        const c = this.peek();
        if (c < '0' || c > '9' || c === '') return this.lexField();
        this.backup(r);
        return this.lexNumber();
      }
      case '(':
        this.emit(T.LeftParen);
        this.parenDepth++;
        return () => this.lexInsideAction();
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        this.emit(T.RightParen);
        return () => this.lexInsideAction();
      default:
        break;
    }
    if (r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup(r);
      return this.lexNumber();
    }
    if (isAlnum(r)) {
      this.backup(r);
      return this.lexIdentifier();
    }
    if (r >= ' ' && r <= '~') {
      this.emit(T.Char);
      return () => this.lexInsideAction();
    }
    return this.errorf(`unrecognized character in action: ${goRuneDesc(r)}`);
  }

  private lexSpace(): (() => unknown) | null {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (r === '' || !isSpace(r)) break;
      this.next();
      numSpaces++;
    }
    // Be careful about a trim-marked closing delimiter, which has a minus after a space.
    if (this.input[this.pos] === TRIM && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--; // back up over the last space
      if (numSpaces === 1) return () => this.lexInsideAction();
    }
    this.emit(T.Space);
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (r !== '' && isAlnum(r)) continue;
      this.backup(r);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${goRuneDesc(this.peek() || ' ')}`);
      const kw = KEYWORDS[word];
      if (kw !== undefined && kw > T.Keyword) this.emit(kw);
      else if (word === 'true' || word === 'false') this.emit(T.Bool);
      else this.emit(T.Identifier);
      return () => this.lexInsideAction();
    }
  }

  private lexField(): (() => unknown) | null {
    return this.lexFieldOrVariable(T.Field);
  }
  private lexVariable(): (() => unknown) | null {
    return this.lexFieldOrVariable(T.Variable);
  }
  private lexFieldOrVariable(typ: T): (() => unknown) | null {
    if (this.atTerminator()) {
      if (typ === T.Variable) this.emit(T.Variable);
      else this.emit(T.Dot);
      return () => this.lexInsideAction();
    }
    let r: string;
    for (;;) {
      r = this.next();
      if (r === '' || !isAlnum(r)) { this.backup(r); break; }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneDesc(r || ' ')}`);
    this.emit(typ);
    return () => this.lexInsideAction();
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === '' || isSpace(r)) return true;
    switch (r) {
      case '.': case ',': case '|': case ':': case ')': case '(': return true;
      default: break;
    }
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexChar(): (() => unknown) | null {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== '' && r !== '\n') continue;
      }
      if (r === '' || r === '\n') return this.errorf('unterminated character constant');
      if (r === "'") break;
    }
    this.emit(T.CharConstant);
    return () => this.lexInsideAction();
  }

  private lexNumber(): (() => unknown) | null {
    const m = /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(this.input.slice(this.pos));
    const len = m ? m[0].length : 0;
    this.pos += len;
    if (len === 0 || /[\p{L}\p{Nd}_.]/u.test(this.input[this.pos] ?? '')) {
      this.pos++;
      return this.errorf(`bad number syntax: "${this.input.slice(this.start, this.pos)}"`);
    }
    this.emit(/i$/.test(this.input.slice(this.start, this.pos)) ? T.Complex : T.Number);
    return () => this.lexInsideAction();
  }

  private lexQuote(): (() => unknown) | null {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== '' && r !== '\n') continue;
      }
      if (r === '' || r === '\n') return this.errorf('unterminated quoted string');
      if (r === '"') break;
    }
    this.emit(T.String);
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): (() => unknown) | null {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) return this.errorf('unterminated raw quoted string');
    for (let i = this.pos; i < x; i++) if (this.input[i] === '\n') this.line++;
    this.pos = x + 1;
    this.emit(T.RawString);
    return () => this.lexInsideAction();
  }
}
