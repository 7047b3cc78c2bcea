/**
 * Parser for Go's text/template (our own implementation of its grammar, node printing and error texts).
 */
import { Item, Lexer, T } from './lex';

export type Node =
  | { type: 'list'; pos: number; nodes: Node[] }
  | { type: 'text'; pos: number; text: string }
  | { type: 'comment'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | { type: 'if' | 'range' | 'with'; pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
  | { type: 'break' | 'continue'; pos: number; line: number }
  | { type: 'template'; pos: number; line: number; name: string; pipe: PipeNode | null }
  | PipeNode
  | CommandNode
  | ArgNode
  | { type: 'end' | 'else'; pos: number; line: number };

export type ListNode = Extract<Node, { type: 'list' }>;
export interface PipeNode { type: 'pipe'; pos: number; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode { type: 'command'; pos: number; args: ArgNode[] }
export interface VariableNode { type: 'variable'; pos: number; ident: string[] }
export type ArgNode =
  | { type: 'field'; pos: number; ident: string[] }
  | VariableNode
  | { type: 'chain'; pos: number; node: ArgNode; field: string[] }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; isInt: boolean; value: number; isChar: boolean }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

/** Go's Node.String() */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return JSON.stringify(n.text);
    case 'comment': return '{{' + n.text + '}}';
    case 'action': return '{{' + nodeString(n.pipe) + '}}';
    case 'if': case 'range': case 'with': {
      let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'end': return '{{end}}';
    case 'else': return '{{else}}';
    case 'template': return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'field': return n.ident.map((i) => '.' + i).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': {
      const inner = n.node.type === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node);
      return inner + n.field.map((f) => '.' + f).join('');
    }
    case 'identifier': return n.name;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.value ? 'true' : 'false';
    case 'number': return n.text;
    case 'string': return n.quoted;
  }
}

export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  if (i.val.length > 10) return goQuote(i.val.slice(0, 10)) + '...';
  return goQuote(i.val);
}

/** strconv.Quote for the ASCII-ish strings the parser reports. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0x80 && cp < 0xa0) out += '\\u' + cp.toString(16).padStart(4, '0');
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** strconv.Unquote for "..." and `...` literals (and '...' char constants). */
export function goUnquote(q: string): string | null {
  if (q.startsWith('`')) return q.slice(1, -1).replace(/\r/g, '');
  const body = q.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { out += c; continue; }
    const e = body[++i];
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': if (q[0] !== '"') return null; out += '"'; break;
      case "'": if (q[0] !== "'") return null; out += "'"; break;
      case 'x': {
        const h = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
        out += String.fromCharCode(parseInt(h, 16)); i += 2; break;
      }
      case 'u': case 'U': {
        const n = e === 'u' ? 4 : 8;
        const h = body.slice(i + 1, i + 1 + n);
        if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return null;
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return null;
        out += String.fromCodePoint(cp); i += n; break;
      }
      default:
        if (e >= '0' && e <= '7') {
          const o = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(o)) return null;
          const v = parseInt(o, 8);
          if (v > 255) return null;
          out += String.fromCharCode(v); i += 2; break;
        }
        return null;
    }
  }
  return out;
}

export interface ParsedTemplate { root: ListNode; text: string; name: string; defines: Map<string, ListNode> }

export class Parser {
  private items: Item[] = [];
  private idx = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private lastLine = 1;
  private readonly defines = new Map<string, ListNode>();

  constructor(private readonly name: string, private readonly text: string, private readonly hasFunc: (name: string) => boolean) {}

  parse(): ParsedTemplate {
    this.items = new Lexer(this.text).all();
    this.idx = 0;
    const root: ListNode = { type: 'list', pos: 0, nodes: [] };
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const save = this.idx;
        this.next();
        if (this.nextNonSpace().typ === T.Define) {
          this.parseDefinition();
          continue;
        }
        this.idx = save;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      else root.nodes.push(n);
    }
    return { root, text: this.text, name: this.name, defines: this.defines };
  }

  // ----- token stream -----
  private next(): Item {
    const it = this.items[Math.min(this.idx, this.items.length - 1)];
    this.idx++;
    this.lastLine = it.line;
    if (it.typ === T.Error) this.errorf(it.val);
    return it;
  }
  private backup(): void { this.idx--; }
  private peek(): Item {
    const it = this.items[Math.min(this.idx, this.items.length - 1)];
    return it;
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next(); while (t.typ === T.Space);
    return t;
  }
  private peekNonSpace(): Item {
    const save = this.idx;
    let t: Item;
    for (;;) {
      t = this.items[Math.min(this.idx, this.items.length - 1)];
      if (t.typ !== T.Space) break;
      this.idx++;
    }
    this.idx = save;
    // Go's peekNonSpace consumes spaces; positions are equivalent for our use.
    while (this.items[this.idx]?.typ === T.Space) this.idx++;
    return t;
  }
  private errorf(msg: string): never {
    throw new ParseError(`template: ${this.name}:${this.lastLine}: ${msg}`);
  }
  private expect(typ: T, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === T.Error) {
      const extra = t.val === 'unclosed action' || t.val === 'unclosed left paren' ? '' : '';
      this.errorf(t.val + extra);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  private parseDefinition(): void {
    const nameTok = this.expectOneOf([T.String, T.RawString], 'define clause');
    const name = goUnquote(nameTok.val);
    if (name === null) this.errorf('bad define name');
    this.expect(T.RightDelim, 'define clause');
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in define clause`);
    this.defines.set(name, list);
  }
  private expectOneOf(types: T[], context: string): Item {
    const t = this.nextNonSpace();
    if (!types.includes(t.typ)) this.unexpected(t, context);
    return t;
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Text: return { type: 'text', pos: t.pos, text: t.val };
      case T.LeftDelim: return this.action();
      case T.Comment: return { type: 'comment', pos: t.pos, text: t.val };
      default: this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Block: return this.blockControl();
      case T.Break: return this.breakControl(t);
      case T.Continue: return this.continueControl(t);
      case T.Else: return this.elseControl();
      case T.End: return this.endControl();
      case T.If: return this.control('if');
      case T.Range: return this.control('range');
      case T.Template: return this.templateControl();
      case T.With: return this.control('with');
      default: break;
    }
    this.backup();
    const tok = this.peek();
    return { type: 'action', pos: tok.pos, line: tok.line, pipe: this.pipeline('command', T.RightDelim) };
  }

  private breakControl(t: Item): Node {
    const tok = this.nextNonSpace();
    if (tok.typ !== T.RightDelim) this.unexpected(tok, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return { type: 'break', pos: t.pos, line: t.line };
  }
  private continueControl(t: Item): Node {
    const tok = this.nextNonSpace();
    if (tok.typ !== T.RightDelim) this.unexpected(tok, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return { type: 'continue', pos: t.pos, line: t.line };
  }
  private endControl(): Node {
    const t = this.expect(T.RightDelim, 'end');
    return { type: 'end', pos: t.pos, line: t.line };
  }
  private elseControl(): Node {
    const p = this.peekNonSpace();
    if (p.typ === T.If || p.typ === T.With) return { type: 'else', pos: p.pos, line: p.line };
    const t = this.expect(T.RightDelim, 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }
  /** {{block "name" pipeline}} T {{end}}: defines "name" as T and invokes it. */
  private blockControl(): Node {
    const tok = this.nextNonSpace();
    const name = tok.typ === T.String || tok.typ === T.RawString ? goUnquote(tok.val) : null;
    if (name === null) this.unexpected(tok, 'block clause');
    const pipe = this.pipeline('block clause', T.RightDelim);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in block clause`);
    if (!this.defines.has(name)) this.defines.set(name, list);
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  private templateControl(): Node {
    const tok = this.nextNonSpace();
    const name = tok.typ === T.String || tok.typ === T.RawString ? goUnquote(tok.val) : null;
    if (name === null) this.unexpected(tok, 'template clause');
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline('template clause', T.RightDelim);
    }
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if ((context === 'if' && this.peek().typ === T.If) || (context === 'with' && this.peek().typ === T.With)) {
          const kw = this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.control(kw.typ === T.If ? 'if' : 'with')] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = nvars;
    }
  }

  private pipeline(context: string, end: T): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: tok.pos, line: tok.line, isAssign: false, decl: [], cmds: [] };
    // declarations
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) break;
      const save = this.idx;
      this.next();
      const nxt = this.peekNonSpace();
      if (nxt.typ === T.Assign || nxt.typ === T.Declare) {
        pipe.isAssign = nxt.typ === T.Assign;
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        break;
      }
      if (nxt.typ === T.Char && nxt.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.typ === T.Variable || p.typ === T.RightDelim || p.typ === T.RightParen) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.idx = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case T.Bool: case T.CharConstant: case T.Complex: case T.Dot: case T.Field: case T.Identifier: case T.Number:
        case T.Nil: case T.RawString: case T.String: case T.Variable: case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === T.Space) continue;
      if (t.typ === T.RightDelim || t.typ === T.RightParen) this.backup();
      else if (t.typ !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().typ === T.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field': return { type: 'field', pos, ident: [...node.ident, ...fields] };
        case 'variable': return { type: 'variable', pos, ident: [...node.ident, ...fields] };
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        // falls through (unreachable)
        default: return { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case T.Identifier:
        if (!this.hasFunc(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case T.Dot: return { type: 'dot', pos: t.pos };
      case T.Nil: return { type: 'nil', pos: t.pos };
      case T.Variable: {
        const parts = t.val.split('.');
        if (!this.vars.includes(parts[0])) this.errorf(`undefined variable ${goQuote(parts[0])}`);
        return { type: 'variable', pos: t.pos, ident: parts };
      }
      case T.Field: return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case T.Bool: return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case T.CharConstant: case T.Complex: case T.Number: return this.number(t);
      case T.LeftParen: return this.pipeline('parenthesized pipeline', T.RightParen);
      case T.String: case T.RawString: {
        const s = goUnquote(t.val);
        if (s === null) this.errorf('invalid syntax');
        return { type: 'string', pos: t.pos, quoted: t.val, text: s };
      }
      default:
        this.backup();
        return null;
    }
  }

  private number(t: Item): ArgNode {
    if (t.typ === T.CharConstant) {
      const s = goUnquote(t.val);
      if (s === null || Array.from(s).length !== 1) this.errorf(`malformed character constant: ${t.val}`);
      const cp = s.codePointAt(0) as number;
      return { type: 'number', pos: t.pos, text: t.val, isInt: true, value: cp, isChar: true };
    }
    if (t.typ === T.Complex) this.errorf(`complex constants are not supported: ${t.val}`);
    const clean = t.val.replace(/_/g, '');
    let value: number;
    let isInt = false;
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(clean)) { value = parseInt(clean, 16); isInt = true; }
    else if (/^[+-]?0[bB][01]+$/.test(clean)) { value = parseInt(clean.replace(/0[bB]/, ''), 2); isInt = true; }
    else if (/^[+-]?0[oO]?[0-7]+$/.test(clean) && clean.replace(/^[+-]/, '').length > 1) {
      value = parseInt(clean.replace(/0[oO]?/, ''), 8); isInt = true;
    } else if (/^[+-]?\d+$/.test(clean)) { value = parseInt(clean, 10); isInt = true; }
    else {
      value = Number(clean);
      if (Number.isNaN(value) || clean === '' || clean === '+' || clean === '-') this.errorf(`illegal number syntax: ${goQuote(t.val)}`);
      isInt = false;
    }
    return { type: 'number', pos: t.pos, text: t.val, isInt, value, isChar: false };
  }
}

export function parseTemplate(name: string, text: string, hasFunc: (name: string) => boolean): ParsedTemplate {
  return new Parser(name, text, hasFunc).parse();
}
