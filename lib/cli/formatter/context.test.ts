// formatter.Context behaviour: format resolution, header rendering, tabwriter settings, errors.
import { describe, expect, it } from 'vitest';
import { GO_TYPE } from '../gotemplate';
import { FormatError, SubHeaderContext, goRFC3339, goTimeString, preFormat, renderFormat, truncateID, writeFormat } from './context';

class Row {
  readonly [GO_TYPE] = '*formatter.rowContext';
  constructor(private readonly id: string, private readonly name: string) {}
  ID(): string { return this.id; }
  Name(): string { return this.name; }
}
const rows = [new Row('abc', 'first'), new Row('defghijklmnop', 'second')];
const headers = { ID: 'ID', Name: 'NAME' };
const opts = { defaultTable: 'table {{.ID}}\t{{.Name}}', headers, rows };

describe('preFormat', () => {
  const cases: [string, string][] = [
    ['table {{.ID}}\\t{{.Name}}', '{{.ID}}\t{{.Name}}'], ['json', '{{json .}}'], ['  {{.ID}}  ', '{{.ID}}'], ['\\n{{.ID}}\\t', '\n{{.ID}}\t'],
    ['table', ''], ['tablex', 'x'], ['\t{{.ID}}', '\t{{.ID}}'],
  ];
  for (const [f, want] of cases) it(JSON.stringify(f), () => expect(preFormat(f)).toBe(want));
});

describe('renderFormat', () => {
  it('default table: header + rows, columns of max(10, width+3), last column unpadded', () => {
    expect(renderFormat('', opts)).toBe('ID              NAME\nabc             first\ndefghijklmnop   second\n');
    expect(renderFormat('table', opts)).toBe(renderFormat('', opts));
  });
  it('quiet', () => expect(renderFormat('', { ...opts, quiet: true })).toBe('abc\ndefghijklmnop\n'));
  it('custom template: no header', () => expect(renderFormat('{{.Name}}:{{.ID}}', opts)).toBe('first:abc\nsecond:defghijklmnop\n'));
  it('custom table with functions (header keeps its text)', () => {
    expect(renderFormat('table {{.Name | upper}}\\t{{truncate .ID 2}}', opts)).toBe('NAME      ID\nFIRST     ab\nSECOND    de\n');
  });
  it('unknown header key prints <no value>, Label derives a header', () => {
    expect(writeFormat('table {{.ID}}\t{{.Name}}', { ID: 'ID' }, rows).split('\n')[0]).toBe('ID              <no value>');
    expect(new SubHeaderContext({}).Label('com.example.my-label_x')).toBe('my label x');
  });
  it('empty list: header only for tables, nothing otherwise', () => {
    expect(renderFormat('', { ...opts, rows: [] })).toBe('ID        NAME\n');
    expect(renderFormat('{{.ID}}', { ...opts, rows: [] })).toBe('');
  });
  it('errors carry the CLI text', () => {
    expect(() => renderFormat('{{.ID', opts)).toThrow(new FormatError('template parsing error: template: :1: unclosed action'));
    expect(() => renderFormat('{{.Nope}}', opts)).toThrow('template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.rowContext');
  });
});

describe('helpers', () => {
  it('truncateID', () => {
    expect(truncateID('sha256:0123456789abcdef')).toBe('0123456789ab');
    expect(truncateID('abc')).toBe('abc');
    expect(truncateID('<missing>')).toBe('<missing>');
  });
  it('Go time strings (UTC)', () => {
    expect(goTimeString(0)).toBe('1970-01-01 00:00:00 +0000 UTC');
    expect(goTimeString(1795000000)).toBe('2026-11-18 11:06:40 +0000 UTC');
    expect(goRFC3339(946684800)).toBe('2000-01-01T00:00:00Z');
  });
});
