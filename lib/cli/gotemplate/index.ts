/**
 * A subset of Go's text/template, with docker's template functions: parse once, execute many times.
 *
 *   const t = Template.parse('{{.Name | upper}}');   // throws TemplateError("template: :1: ...")
 *   t.execute({ Name: 'x' });                         // throws TemplateError("template: :1:2: executing ...")
 */
import { State } from './exec';
import type { Funcs, MissingKey } from './exec';
import { BUILTINS, DOCKER_FUNCS } from './funcs';
import { ParseError, parseTemplate } from './parse';
import type { ParsedTemplate } from './parse';
import { TemplateError, isStruct } from './values';

export { GO_TYPE, MARSHAL_JSON, TemplateError, goJSON, jsonString, marshalContext, printValue, sprint, sprintf, sprintln, formatV, goTypeName, isTrue } from './values';
export type { GoStruct, JSONMarshaler } from './values';
export { BUILTINS, DOCKER_FUNCS, HEADER_FUNCS, goTitle } from './funcs';
export type { FuncDef, Funcs, MissingKey, ParamKind } from './exec';
export { goFormatFloat, formatFloat } from './strconv';
export { goQuote, goUnquote } from './parse';

export interface ExecResult { output: string; error: TemplateError | null }

export class Template {
  private constructor(private readonly parsed: ParsedTemplate, private funcs: Funcs, private readonly missingKey: MissingKey = 'default') {}

  /** Parses `text` (template name `name`, "" for the CLI's templates) with the builtins plus docker's functions. */
  static parse(text: string, opts: { name?: string; funcs?: Funcs } = {}): Template {
    const funcs: Funcs = { ...BUILTINS, ...DOCKER_FUNCS, ...(opts.funcs ?? {}) };
    try {
      return new Template(parseTemplate(opts.name ?? '', text, (n) => n in funcs), funcs);
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(e.message);
      throw e;
    }
  }

  /** Go's Template.Funcs: replace functions by name (used for table headers). */
  withFuncs(funcs: Funcs): Template {
    return new Template(this.parsed, { ...this.funcs, ...funcs }, this.missingKey);
  }

  /** Go's Template.Option("missingkey=error") etc.: returns a copy with that behaviour. */
  withMissingKey(missingKey: MissingKey): Template {
    return new Template(this.parsed, this.funcs, missingKey);
  }

  execute(data: unknown): string {
    if (isStruct(data)) {
      const out = this.runFieldsOnly(data);
      if (out !== undefined) return out;
    }
    return new State(this.parsed, this.funcs, data, this.missingKey).run(data);
  }

  /** Text and `{{.Method}}` actions only (every default table of the CLI), or null; computed on first use. */
  private fieldsOnly: (string | { method: string })[] | null | undefined;

  /**
   * A template of text and `{{.Method}}` actions on a struct whose methods take no argument and return strings: the
   * output is the text and those strings, as the interpreter would write them. Undefined whenever anything else is
   * met (the interpreter then runs, with its errors): listings of thousands of rows take this path.
   */
  private runFieldsOnly(data: Record<string, unknown>): string | undefined {
    if (this.fieldsOnly === undefined) {
      const parts: (string | { method: string })[] = [];
      for (const n of this.parsed.root.nodes) {
        if (n.type === 'text') parts.push(n.text);
        else if (n.type === 'action' && !n.pipe.isAssign && n.pipe.decl.length === 0 && n.pipe.cmds.length === 1 && n.pipe.cmds[0].args.length === 1) {
          const arg = n.pipe.cmds[0].args[0];
          if (arg.type !== 'field' || arg.ident.length !== 1 || !/^\p{Lu}/u.test(arg.ident[0])) { this.fieldsOnly = null; break; }
          parts.push({ method: arg.ident[0] });
        } else { this.fieldsOnly = null; break; }
      }
      if (this.fieldsOnly === undefined) this.fieldsOnly = this.parsed.defines.size === 0 ? parts : null;
    }
    const parts = this.fieldsOnly;
    if (parts === null) return undefined;
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') { out += p; continue; }
      const m = data[p.method];
      if (typeof m !== 'function' || m.length !== 0 || !(p.method in data) || p.method in Object.prototype) return undefined;
      const v: unknown = (m as () => unknown).call(data);
      if (typeof v !== 'string') return undefined;
      out += v;
    }
    return out;
  }

  /** Like execute, but returns the output written before an error too (text/template writes as it goes). */
  executePartial(data: unknown): ExecResult {
    const state = new State(this.parsed, this.funcs, data, this.missingKey);
    try {
      return { output: state.run(data), error: null };
    } catch (e) {
      if (e instanceof TemplateError) return { output: state.partial(), error: e };
      throw e;
    }
  }
}
