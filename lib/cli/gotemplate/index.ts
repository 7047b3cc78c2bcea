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
import { TemplateError } from './values';

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
    return new State(this.parsed, this.funcs, data, this.missingKey).run(data);
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
