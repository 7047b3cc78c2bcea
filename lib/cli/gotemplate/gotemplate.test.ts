// Unit tests of the text/template subset. Expected texts follow Go's text/template (1.24) as the docker CLI shows it;
// the big differential suite is docker-differential.test.ts.
import { describe, expect, it } from 'vitest';
import { GO_TYPE, MARSHAL_JSON, Template, TemplateError, goJSON, sprintf } from './index';

const run = (src: string, data: unknown): string => {
  try {
    return Template.parse(src).execute(data);
  } catch (e) {
    if (e instanceof TemplateError) return 'ERR ' + e.message;
    throw e;
  }
};

describe('maps (plain objects and Map)', () => {
  const inspect = { Id: 'sha256:abc', Size: 72812345, RepoTags: ['a:1', 'b:2'], Config: { Env: ['A=1'], Labels: { b: '2', a: '1' }, Cmd: null }, Metadata: {} };
  const cases: [string, unknown, string][] = [
    ['{{.Id}} {{.Size}}', inspect, 'sha256:abc 72812345'],
    ['{{.Config.Env}}', inspect, '[A=1]'],
    ['{{.Config.Labels}}', inspect, 'map[a:1 b:2]'],
    ['{{json .Config.Labels}}', inspect, '{"b":"2","a":"1"}'],
    ['{{json .Config}}', inspect, '{"Env":["A=1"],"Labels":{"b":"2","a":"1"},"Cmd":null}'],
    ['{{.Config.Cmd}}', inspect, '<nil>'],
    ['{{.Nope}}|{{.Config.Nope}}|{{.Nope.Deeper}}', inspect, '<no value>|<no value>|<no value>'],
    ['{{index .Config.Labels "a"}}{{index .Config.Labels "zz"}}', inspect, '1'],
    ['[{{index .Config.Cmd "k"}}][{{index .Metadata "k"}}]', inspect, '[][]'],
    ['{{index .Config.Cmd 0}}', inspect, 'ERR template: :1:2: executing "" at <index .Config.Cmd 0>: error calling index: index out of range: 0'],
    ['{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}', inspect, 'a=1;b=2;'],
    ['{{len .RepoTags}} {{len .Config.Labels}} {{len .Id}}', inspect, '2 2 10'],
    ['{{range .Metadata}}x{{else}}empty{{end}}', inspect, 'empty'],
    ['{{.a}}', new Map([['a', 1]]), '1'],
    ['{{.}}', new Map<string, unknown>([['b', [1, 2]], ['a', 'x']]), 'map[a:x b:[1 2]]'],
    ['{{.Config.Cmd.X}}', inspect, 'ERR template: :1:9: executing "" at <.Config.Cmd.X>: nil pointer evaluating interface {}.X'],
    ['{{.Id.X}}', inspect, 'ERR template: :1:5: executing "" at <.Id.X>: can\'t evaluate field X in type string'],
  ];
  for (const [src, data, want] of cases) it(src, () => expect(run(src, data)).toBe(want));
});

describe('missingkey=error (docker inspect raw fallback)', () => {
  it('missing key', () => {
    const t = Template.parse('{{.Config.Nope}}').withMissingKey('error');
    expect(() => t.execute({ Config: {} })).toThrow('template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"');
  });
  it('nil data', () => {
    const t = Template.parse('{{.A.B}}').withMissingKey('error');
    expect(() => t.execute({})).toThrow('map has no entry for key "A"');
  });
  it('zero', () => expect(Template.parse('[{{.A}}]').withMissingKey('zero').execute({ B: 'x' })).toBe('[]'));
});

describe('structs (GO_TYPE) and methods', () => {
  class Ctx {
    readonly [GO_TYPE] = '*formatter.demoContext';
    private readonly secret = 's';
    Name(): string { return 'web'; }
    Label(k: string): string { return k === 'a' ? 'A' : ''; }
    get Field(): string { return 'f'; }
    [MARSHAL_JSON](): string { return '{"Name":"web"}'; }
  }
  const c = new Ctx();
  const cases: [string, string][] = [
    ['{{.Name}} {{.Label "a"}} {{.Field}}', 'web A f'],
    ['{{json .}}', '{"Name":"web"}'],
    ['{{.secret}}', 'ERR template: :1:2: executing "" at <.secret>: can\'t evaluate field secret in type *formatter.demoContext'],
    ['{{.toString}}', 'ERR template: :1:2: executing "" at <.toString>: can\'t evaluate field toString in type *formatter.demoContext'],
    ['{{.Label}}', 'ERR template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0'],
    ['{{.Field "x"}}', 'ERR template: :1:2: executing "" at <.Field>: Field has arguments but cannot be invoked as function'],
    ['{{"a" | .Label}}', 'A'],
  ];
  for (const [src, want] of cases) it(src, () => expect(run(src, c)).toBe(want));
});

describe('parse errors', () => {
  const cases: [string, string][] = [
    ['{{.ID', 'template: :1: unclosed action'],
    ['a\n{{.ID', 'template: :2: unclosed action'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{(.A}}', 'template: :1: unclosed left paren'],
    ['{{.A)}}', 'template: :1: unexpected right paren'],
    ['{{if .A}}x', 'template: :1: unexpected EOF'],
    ['{{range .A}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{"a" | "b"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{.A.}}', 'template: :1: unexpected <.> in operand'],
    ['{{3.x}}', 'template: :1: bad number syntax: "3.x"'],
    ['{{`raw}}', 'template: :1: unterminated raw quoted string'],
    ["{{'ab'}}", "template: :1: malformed character constant: 'ab'"],
    ['{{.A.B.}}', 'template: :1: unexpected <.> in operand'],
    ['x\n\n{{end}}', 'template: :3: unexpected {{end}}'],
  ];
  for (const [src, want] of cases) it(JSON.stringify(src), () => expect(run(src, {})).toBe('ERR ' + want));
});

describe('json function and encoding/json', () => {
  it('no HTML escaping in the template function, U+2028 always escaped', () => {
    expect(run('{{json .}}', { a: '<&>', b: '\u2028', c: 'é\n\t"\\', d: '\b\f\x01' })).toBe('{"a":"<&>","b":"\\u2028","c":"é\\n\\t\\"\\\\","d":"\\b\\f\\u0001"}');
  });
  it('Map keys sorted, numbers like Go', () => {
    expect(goJSON(new Map<string, unknown>([['z', 1.5], ['a', 1e21], ['m', 1e-7]]), true)).toBe('{"a":1e+21,"m":1e-7,"z":1.5}');
    expect(goJSON({ x: undefined, y: null, b: new Uint8Array([104, 105]) }, true)).toBe('{"y":null,"b":"aGk="}');
  });
  it('lone surrogates become U+FFFD', () => expect(goJSON('a\ud800b', false)).toBe('"a\\ufffdb"'));
});

describe('printf', () => {
  const cases: [string, unknown[], string][] = [
    ['%s|%10s|%-4s|', ['a', 'b', 'c'], 'a|         b|c   |'],
    ['%d %5d %-5d| %05d %+d %x %X %o %b', [1, 2, 3, -4, 5, 255, 255, 8, 5], '1     2 3    | -0004 +5 ff FF 10 101'],
    ['%v %v %v %v', [[1, 'a'], { b: 1, a: 2 }, null, true], '[1 a] map[a:2 b:1] <nil> true'],
    ['%q %q', ['a"b', ['x', 'y']], '"a\\"b" ["x" "y"]'],
    ['%.2f %8.3f %e %g', [3.14159, 2.5, 1234.5678, 0.5], '3.14    2.500 1.234568e+03 0.5'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s %s', ['a'], 'a %!s(MISSING)'],
    ['%s', ['a', 2, 'b'], 'a%!(EXTRA int=2, string=b)'],
    ['100%%', [], '100%'],
    ['%T %T %T %T', ['a', 1, 1.5, [1]], 'string int float64 []interface {}'],
    ['%5.1s|', ['abc'], '    a|'],
    ['%c%c', [72, 0x1f433], 'H🐳'],
    ['%t', [1], '%!t(int=1)'],
  ];
  for (const [f, args, want] of cases) it(`${f}`, () => expect(sprintf(f, args)).toBe(want));
});

describe('control flow and variables', () => {
  const cases: [string, unknown, string][] = [
    ['{{$x := "a"}}{{if true}}{{$x = "b"}}{{end}}{{$x}}', {}, 'b'],
    ['{{if true}}{{$y := 1}}{{end}}{{$y}}', {}, 'ERR template: :1: undefined variable "$y"'],
    ['{{range $i, $e := .}}{{$i}}{{$e}}{{end}}', ['a', 'b'], '0a1b'],
    ['{{range $e := .}}{{$e}}{{end}}', ['a', 'b'], 'ab'],
    ['{{$i := 0}}{{range $i = .}}{{end}}{{$i}}', ['x', 'y'], 'y'],
    ['{{with $v := .A}}{{$v}}{{else with .B}}{{.}}{{else}}none{{end}}', { B: 'b' }, 'b'],
    ['{{if and 1 0}}t{{else}}f{{end}} {{or 0 "" "x"}} {{and 1 2}} {{or 0 ""}}', {}, 'f x 2 '],
    ['{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', [1, 2, 3, 4, 5], '13'],
    ['{{define "T"}}[{{.}}]{{end}}{{template "T" .A}}{{template "T" "x"}}', { A: 1 }, '[1][x]'],
    ['{{/* c */}}{{- " a " -}} b', {}, ' a b'],
    ['{{block "B" .A}}<{{.}}>{{end}}|{{template "B" 2}}', { A: 1 }, '<1>|<2>'],
    // real CLI: template parsing error: template: :1:16: executing "x" at <.Nope>: ...
    ['{{define "x"}}{{.A.Nope}}{{end}}{{template "x" .}}', { A: 's' }, 'ERR template: :1:18: executing "x" at <.A.Nope>: can\'t evaluate field Nope in type string'],
    ['{{eq .A .B}} {{eq .A "x" "y"}} {{ne 1 2}} {{lt 1.5 2.5}} {{le "a" "a"}} {{gt 2 1}} {{ge 1 2}}', { A: 'y', B: 'y' }, 'true true true true true true false'],
    ['{{eq .Missing "x"}}', {}, 'false'],
    ['{{lt 1.5 2}}', {}, 'ERR template: :1:2: executing "" at <lt 1.5 2>: error calling lt: incompatible types for comparison'],
    ['{{1e6}} {{1.0}} {{json 1e6}} {{printf "%T %v %.1f" 2.0 2.0 2.0}}', {}, '1e+06 1 1000000 float64 2 2.0'],
    ['{{not .A}} {{not ""}}', { A: [1] }, 'false true'],
    ['{{slice "abcdef" 1 3}} {{slice .L 1}} {{index .L 0}}', { L: [1, 2, 3] }, 'bc [2 3] 1'],
    ['{{html "<a href=\'x\'>"}} {{urlquery "a/b c"}}', {}, '&lt;a href=&#39;x&#39;&gt; a%2Fb+c'],
    ['{{print nil 1 "a" 2}}', {}, '<nil> 1a2'],
    ['{{nil}}', {}, 'ERR template: :1:2: executing "" at <nil>: nil is not a command'],
  ];
  for (const [src, data, want] of cases) it(src, () => expect(run(src, data)).toBe(want));
});
