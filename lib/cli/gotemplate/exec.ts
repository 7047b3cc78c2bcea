/**
 * Execution of parsed templates with text/template's semantics and error texts.
 */
import { utf8Encode } from './utf8';
import type { ArgNode, CommandNode, ListNode, Node, ParsedTemplate, PipeNode } from './parse';
import { nodeString } from './parse';
import { GO_TYPE, GoFloat, TemplateError, goTypeName, isStruct, isTrue, printValue } from './values';

/** The value of a number literal: float syntax with an integral value stays a float64. */
function numberValue(n: { isInt: boolean; value: number }): unknown {
  return !n.isInt && Number.isInteger(n.value) ? new GoFloat(n.value) : n.value;
}

/** Parameter kinds a template function declares (Go's reflect types, as far as the CLI needs them). */
export type ParamKind = 'any' | 'string' | 'int' | 'bool' | 'float' | '[]string' | 'value';

export interface FuncDef {
  params: ParamKind[];
  /** Kind of the variadic tail, if any. */
  variadic?: ParamKind;
  fn: (...args: unknown[]) => unknown;
}

/** Builtins with special evaluation (short-circuit and/or). */
export type Funcs = Record<string, FuncDef>;

/** Go's Option("missingkey=..."): what a missing map key gives. */
export type MissingKey = 'default' | 'zero' | 'error';

const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

class BreakSignal { }
class ContinueSignal { }

const KIND_NAMES: Record<ParamKind, string> = {
  any: 'interface {}', string: 'string', int: 'int', bool: 'bool', float: 'float64', '[]string': '[]string', value: 'reflect.Value',
};

function utf8Offset(text: string, pos: number): number {
  return utf8Encode(text.slice(0, pos)).length;
}

export class State {
  private vars: { name: string; value: unknown }[];
  private node: Node | null = null;
  private out = '';
  private depth = 0;
  /** Name of the template being executed ({{template "x"}} switches it; locations keep the parse name). */
  private execName: string;

  constructor(private readonly tmpl: ParsedTemplate, private readonly funcs: Funcs, data: unknown, private readonly missingKey: MissingKey = 'default') {
    this.vars = [{ name: '$', value: data }];
    this.execName = tmpl.name;
  }

  run(data: unknown): string {
    this.walk(data, this.tmpl.root);
    return this.out;
  }

  /** Partial output written so far (text/template streams; the CLI's table header keeps it on error). */
  partial(): string { return this.out; }

  // ----- errors -----
  private location(node: Node): string {
    const text = this.tmpl.text;
    const pos = node.pos;
    const before = text.slice(0, pos);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const nl = before.lastIndexOf('\n');
    const col = utf8Offset(text, pos) - (nl >= 0 ? utf8Offset(text, nl + 1) : 0);
    return `${this.tmpl.name}:${line}:${col}`;
  }
  errorf(msg: string): never {
    const name = this.execName;
    if (!this.node) throw new TemplateError(`template: ${name}: ${msg}`);
    const ctx = nodeString(this.node);
    throw new TemplateError(`template: ${this.location(this.node)}: executing "${name}" at <${ctx}>: ${msg}`);
  }
  private at(node: Node): void { this.node = node; }

  // ----- walking -----
  private walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += printValue(val);
        return;
      }
      case 'break': throw new BreakSignal();
      case 'continue': throw new ContinueSignal();
      case 'comment': return;
      case 'if': case 'with': return this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': return this.walkRange(dot, node.pipe, node.list, node.elseList);
      case 'template': return this.walkTemplate(dot, node.name, node.pipe);
      case 'text': this.out += node.text; return;
      default: this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkTemplate(dot: unknown, name: string, pipe: PipeNode | null): void {
    const list = this.tmpl.defines.get(name);
    if (!list) this.errorf(`template ${JSON.stringify(name)} not defined`);
    if (this.depth >= 10000) this.errorf(`exceeded maximum template depth (${10000})`);
    const value = pipe ? this.evalPipeline(dot, pipe) : undefined;
    const saved = this.vars;
    const savedName = this.execName;
    this.vars = [{ name: '$', value }];
    this.execName = name;
    this.depth++;
    try { this.walk(value, list); } finally { this.depth--; this.vars = saved; this.execName = savedName; }
  }

  private withScope(fn: () => void): void {
    const mark = this.vars.length;
    try { fn(); } finally { this.vars.length = mark; }
  }

  private walkIfOrWith(kind: 'if' | 'with', dot: unknown, pipe: PipeNode, list: ListNode, elseList: ListNode | null): void {
    this.withScope(() => {
      const val = this.evalPipeline(dot, pipe);
      if (isTrue(val)) {
        this.walk(kind === 'with' ? val : dot, list);
      } else if (elseList) {
        this.walk(dot, elseList);
      }
    });
  }

  private walkRange(dot: unknown, pipe: PipeNode, list: ListNode, elseList: ListNode | null): void {
    this.withScope(() => {
      this.at(pipe);
      const val = this.evalPipeline(dot, pipe);
      const oneIteration = (index: unknown, elem: unknown): boolean => {
        if (pipe.decl.length > 0) {
          if (pipe.isAssign) {
            if (pipe.decl.length > 1) this.setVar(pipe.decl[0].ident[0], index);
            this.setVar(pipe.decl[pipe.decl.length - 1].ident[0], elem);
          } else {
            // evalPipeline pushed the declared variables: the last one gets the element, the first the index
            this.setTopVar(1, elem);
            if (pipe.decl.length > 1) this.setTopVar(2, index);
          }
        }
        const inner = this.vars.length;
        try {
          this.walk(elem, list);
        } catch (e) {
          if (e instanceof BreakSignal) return false;
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.vars.length = inner;
        }
        return true;
      };
      let any = false;
      if (Array.isArray(val) || val instanceof Uint8Array) {
        const arr = Array.from(val as ArrayLike<unknown>);
        for (let i = 0; i < arr.length; i++) { any = true; if (!oneIteration(i, arr[i])) break; }
      } else if (val instanceof Map) {
        const keys = [...val.keys()].sort(cmpKeys);
        for (const k of keys) { any = true; if (!oneIteration(k, val.get(k))) break; }
      } else if (typeof val === 'number' && Number.isInteger(val)) {
        if (pipe.decl.length > 1) this.errorf(`can't use ${val} to iterate over more than one variable`);
        for (let i = 0; i < val; i++) { any = true; if (!oneIteration(i, i)) break; }
      } else if (val === undefined || val === null) {
        // nil: not an error
      } else if (typeof val === 'object' && !isStruct(val)) {
        const rec = val as Record<string, unknown>;
        const keys = Object.keys(rec).sort(cmpKeys);
        for (const k of keys) { any = true; if (!oneIteration(k, rec[k])) break; }
      } else {
        this.errorf(`range can't iterate over ${printValue(val)}`);
      }
      if (!any && elseList) this.walk(dot, elseList);
    });
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) { this.vars[i].value = value; return; }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n].value = value;
  }
  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  // ----- evaluation -----
  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const v = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], v);
      else this.vars.push({ name: variable.ident[0], value: v });
    }
    return v;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field': this.at(first); return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain': {
        this.at(first);
        if (first.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(first)}`);
        const pipe = this.evalArg(dot, 'any', first.node);
        return this.evalFieldChain(dot, pipe, first, first.field, cmd.args, final);
      }
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe': this.notAFunction(cmd.args, final); return this.evalPipeline(dot, first);
      case 'variable': {
        this.at(first);
        const value = this.varValue(first.ident[0]);
        if (first.ident.length === 1) { this.notAFunction(cmd.args, final); return value; }
        return this.evalFieldChain(dot, value, first, first.ident.slice(1), cmd.args, final);
      }
      default: break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': this.errorf('nil is not a command');
      // falls through (unreachable)
      case 'number': return numberValue(first);
      case 'string': return first.text;
      default: this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
    }
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: ArgNode, ident: string[], args: ArgNode[] | null, final: Final): unknown {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver);
    return this.evalField(dot, ident[ident.length - 1], node, args, final, receiver);
  }

  private evalField(dot: unknown, name: string, node: ArgNode, args: ArgNode[] | null, final: Final, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (isStruct(receiver)) {
      const typ = receiver[GO_TYPE];
      if (/^\p{Lu}/u.test(name) && name in receiver && !(name in Object.prototype)) {
        const rec = receiver as Record<string, unknown>;
        const member = rec[name];
        if (typeof member === 'function') {
          return this.evalCall(dot, member as (...a: unknown[]) => unknown, receiver, node, name, args, final);
        }
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        if (member === null && typ.startsWith('*')) return null;
        return member;
      }
      this.errorf(`can't evaluate field ${name} in type ${typ}`);
    }
    if (receiver instanceof Map) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (!receiver.has(name)) return this.missing(name, receiver);
      return receiver.get(name);
    }
    if (typeof receiver === 'object' && !Array.isArray(receiver) && !(receiver instanceof Uint8Array)) {
      const rec = receiver as Record<string, unknown>;
      // A method of a map type (e.g. the CLI's SubHeaderContext.Label): defined on the prototype, not an entry.
      const proto = Object.getPrototypeOf(rec) as object | null;
      if (proto !== null && proto !== Object.prototype && /^\p{Lu}/u.test(name) && typeof rec[name] === 'function'
        && !Object.prototype.hasOwnProperty.call(rec, name)) {
        return this.evalCall(dot, rec[name] as (...a: unknown[]) => unknown, receiver, node, name, args, final);
      }
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (!Object.prototype.hasOwnProperty.call(rec, name)) return this.missing(name, rec);
      const member = rec[name];
      if (typeof member === 'function') return (member as () => unknown).call(receiver);
      return member;
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private missing(name: string, map: object): unknown {
    if (this.missingKey === 'error') this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
    if (this.missingKey === 'zero') return goTypeName(map) === 'map[string]string' ? '' : null;
    return undefined;
  }

  private evalFunction(dot: unknown, node: Extract<ArgNode, { type: 'identifier' }>, cmd: CommandNode, args: ArgNode[], final: Final): unknown {
    this.at(node);
    const name = node.name;
    if (name === 'and' || name === 'or') return this.evalAndOr(dot, name, args, final);
    const def = this.funcs[name];
    if (!def) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.callFunc(dot, def, cmd, name, args, final);
  }

  private evalAndOr(dot: unknown, name: 'and' | 'or', args: ArgNode[], final: Final): unknown {
    const rest = args.slice(1);
    const n = rest.length + (final !== MISSING ? 1 : 0);
    if (n < 1) this.errorf(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: unknown;
    for (let i = 0; i < rest.length; i++) {
      v = this.evalArg(dot, 'any', rest[i]);
      if (isTrue(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  private evalCall(dot: unknown, fn: (...a: unknown[]) => unknown, self: unknown, node: ArgNode, name: string, args: ArgNode[] | null, final: Final): unknown {
    const rest = args ? args.slice(1) : [];
    const numIn = rest.length + (final !== MISSING ? 1 : 0);
    if (numIn !== fn.length) this.errorf(`wrong number of args for ${name}: want ${fn.length} got ${numIn}`);
    const argv = rest.map((a) => this.evalArg(dot, 'any', a));
    if (final !== MISSING) argv.push(final);
    try {
      return fn.apply(self, argv);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private callFunc(dot: unknown, def: FuncDef, cmd: CommandNode, name: string, args: ArgNode[], final: Final): unknown {
    const rest = args.slice(1);
    const numIn = rest.length + (final !== MISSING ? 1 : 0);
    const numFixed = def.params.length;
    if (def.variadic !== undefined) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${rest.length}`);
    } else if (numIn !== numFixed) {
      this.errorf(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`);
    }
    const kindAt = (i: number): ParamKind => (i < numFixed ? def.params[i] : (def.variadic as ParamKind));
    const argv: unknown[] = [];
    for (let i = 0; i < rest.length; i++) argv.push(this.evalArg(dot, kindAt(i), rest[i]));
    if (final !== MISSING) argv.push(this.validateType(final, kindAt(argv.length)));
    try {
      return def.fn(...argv);
    } catch (e) {
      this.at(cmd);
      if (e instanceof TemplateError && e.message.startsWith('template: ')) throw e;
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private validateType(value: unknown, kind: ParamKind): unknown {
    if (value === undefined) {
      if (kind === 'any' || kind === '[]string') return kind === 'any' ? null : null;
      if (kind === 'value') return undefined;
      this.errorf(`invalid value; expected ${KIND_NAMES[kind]}`);
    }
    if (kind === 'any' || kind === 'value') return value;
    let ok: boolean;
    switch (kind) {
      case 'string': ok = typeof value === 'string'; break;
      case 'int': ok = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint'; break;
      case 'float': ok = typeof value === 'number' || value instanceof GoFloat; break;
      case 'bool': ok = typeof value === 'boolean'; break;
      case '[]string': ok = value === null || (Array.isArray(value) && value.every((x) => typeof x === 'string')); break;
    }
    if (!ok) this.errorf(`wrong type for value; expected ${KIND_NAMES[kind]}; got ${goTypeName(value)}`);
    if (value instanceof GoFloat) return value.value;
    return typeof value === 'bigint' && kind === 'int' ? Number(value) : value;
  }

  private evalArg(dot: unknown, kind: ParamKind, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot, kind);
      case 'nil':
        if (kind === 'value') return undefined; // a zero reflect.Value
        if (kind === 'any' || kind === '[]string') return null;
        this.errorf(`cannot assign nil to ${KIND_NAMES[kind]}`);
      // falls through (unreachable)
      case 'field': return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), kind);
      case 'variable': {
        const value = this.varValue(n.ident[0]);
        const v = n.ident.length === 1 ? value : this.evalFieldChain(dot, value, n, n.ident.slice(1), null, MISSING);
        return this.validateType(v, kind);
      }
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), kind);
      case 'identifier': {
        const cmd: CommandNode = { type: 'command', pos: n.pos, args: [n] };
        return this.validateType(this.evalFunction(dot, n, cmd, [n], MISSING), kind);
      }
      case 'chain': {
        const pipe = this.evalArg(dot, 'any', n.node);
        return this.validateType(this.evalFieldChain(dot, pipe, n, n.field, null, MISSING), kind);
      }
      default: break;
    }
    switch (kind) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // falls through (unreachable)
      case 'float':
        if (n.type === 'number') return n.value;
        this.errorf(`expected float; found ${nodeString(n)}`);
      // falls through (unreachable)
      case 'int':
        if (n.type === 'number' && n.isInt) return n.value;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // falls through (unreachable)
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // falls through (unreachable)
      default:
        break;
    }
    switch (n.type) {
      case 'bool': return n.value;
      case 'number': return numberValue(n);
      case 'string': return n.text;
      default: this.errorf(`can't handle ${nodeString(n)} for arg of type ${KIND_NAMES[kind]}`);
    }
  }
}

function cmpKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
