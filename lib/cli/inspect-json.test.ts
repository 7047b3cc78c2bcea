// json.Indent and json.Compact as docker inspect uses them on the daemon's raw JSON.
import { describe, expect, it } from 'vitest';
import { goCompact, goIndent } from './inspect';

const SRC = ' [ {"a" : "x \\" y, [z] {w}: " , "b":[ ], "c":{ },"d":[1, 2,\n{"e":null}], "f":"tab\\t"} ] ';

describe('goIndent / goCompact', () => {
  it('indent like json.Indent(dst, src, "", "    "): strings kept byte for byte, empty containers stay {} and []', () => {
    expect(goIndent(SRC)).toBe([
      '[', '    {', '        "a": "x \\" y, [z] {w}: ",', '        "b": [],', '        "c": {},', '        "d": [', '            1,', '            2,',
      '            {', '                "e": null', '            }', '        ],', '        "f": "tab\\t"', '    }', ']',
    ].join('\n'));
  });
  it('compact like json.Compact', () => {
    expect(goCompact(SRC)).toBe('[{"a":"x \\" y, [z] {w}: ","b":[],"c":{},"d":[1,2,{"e":null}],"f":"tab\\t"}]');
    expect(goCompact(goIndent(SRC))).toBe(goCompact(SRC));
    expect(JSON.parse(goIndent(SRC))).toEqual(JSON.parse(SRC));
  });
});
