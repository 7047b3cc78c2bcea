// Templates of text and {{.Method}} actions take a direct path; it must print what the interpreter prints and leave
// everything else (other values, arguments, missing or unexported fields) to the interpreter and its errors.
import { describe, expect, it } from 'vitest';
import { GO_TYPE, Template, TemplateError } from './index';

class Row {
  readonly [GO_TYPE] = '*formatter.testContext';
  constructor(private readonly n: number) {}
  ID(): string { return 'id' + this.n; }
  Name(): string { return this.n % 2 ? 'odd\tname' : ''; }
  Count(): number { return this.n; }
  Maybe(): string | null { return this.n % 3 ? 'x' : null; }
  Label(name: string): string { return name; }
  Plain = 'field';
  private hidden(): string { return 'no'; }
  touch(): string { return this.hidden(); }
}

/** The same template through the interpreter: `with .` keeps dot and is never the direct path. */
function interpreted(text: string, data: unknown): string {
  return Template.parse(`{{with .}}${text}{{end}}`).execute(data);
}
function errorOf(f: () => unknown): string {
  try { f(); return 'no error'; } catch (e) { if (e instanceof TemplateError) return 'error'; throw e; }
}

describe('fields-only templates', () => {
  const templates = [
    '{{.ID}}\t{{.Name}}', 'table {{.ID}}', '{{.ID}} and {{.Name}}!', '{{.Count}}', '{{.ID}}\t{{.Count}}', '{{.Maybe}}', '{{.Plain}}',
    '{{.ID}}{{.Maybe}}{{.Name}}', '', 'text only', '{{ .ID }}',
  ];
  it('print what the interpreter prints, on every row', () => {
    for (const text of templates) {
      const t = Template.parse(text);
      for (let n = 0; n < 7; n++) expect(t.execute(new Row(n)), `${text} row ${n}`).toBe(interpreted(text, new Row(n)));
    }
  });
  it('leave errors to the interpreter', () => {
    for (const text of ['{{.Label}}', '{{.Missing}}', '{{.touch}}', '{{.hidden}}', '{{.ID}}{{.Nope}}']) {
      expect(errorOf(() => Template.parse(text).execute(new Row(1))), text).toBe('error');
    }
    expect(() => Template.parse('{{.ID}}{{.Nope}}').execute(new Row(1))).toThrow(/can't evaluate field Nope in type \*formatter.testContext/);
  });
  it('maps and plain objects go through the interpreter', () => {
    expect(Template.parse('{{.A}}|{{.B}}').execute({ A: 'a' })).toBe('a|<no value>');
    expect(Template.parse('{{.A}}').execute(new Map([['A', 1]]))).toBe('1');
  });
});
