// go-units behaviour (expected values from docker/go-units size_test.go and duration_test.go) and Go's %g.
import { describe, expect, it } from 'vitest';
import { bytesSize, formatFloat, fromHumanSize, ramInBytes, goFormatFloat, humanDuration, humanSize, humanSizeWithPrecision, size, timeAgo } from './units';

const KB = 1000, MB = 1000 * KB, GB = 1000 * MB, TB = 1000 * GB, PB = 1000 * TB;
const KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB, TiB = 1024 * GiB, PiB = 1024 * TiB;

describe('humanSize', () => {
  const cases: [number, string][] = [
    [1000, '1kB'], [1024, '1.024kB'], [1000000, '1MB'], [1048576, '1.049MB'], [2 * MB, '2MB'], [3.42 * GB, '3.42GB'],
    [5.372 * TB, '5.372TB'], [2.22 * PB, '2.22PB'], [10000000000000 * PB, '1e+04YB'], [0, '0B'], [999, '999B'],
    [999999, '1000kB'], [72812345, '72.81MB'], [1234, '1.234kB'], [-1, '-1B'],
  ];
  for (const [n, want] of cases) it(`${n} -> ${want}`, () => expect(humanSize(n)).toBe(want));
});

describe('size (3 significant digits, image/history tables)', () => {
  const cases: [number, string][] = [
    [72812345, '72.8MB'], [192004455, '192MB'], [1234, '1.23kB'], [999999, '1e+03kB'], [7800000, '7.8MB'],
    [4270000, '4.27MB'], [1500000000, '1.5GB'], [0, '0B'], [52428800, '52.4MB'],
    // exact ties round half to even like Go's strconv (1.125 -> 1.12, 1.135 is not exact in binary)
    [1125, '1.12kB'], [1135, '1.14kB'], [999500, '1e+03kB'], [99950, '100kB'],
  ];
  for (const [n, want] of cases) it(`${n} -> ${want}`, () => expect(size(n)).toBe(want));
  it('precision argument', () => {
    expect(humanSizeWithPrecision(123456789, 2)).toBe('1.2e+02MB');
    expect(humanSizeWithPrecision(123456789, 5)).toBe('123.46MB');
  });
});

describe('bytesSize', () => {
  const cases: [number, string][] = [
    [1024, '1KiB'], [1024 * 1024, '1MiB'], [1048576, '1MiB'], [2 * MiB, '2MiB'], [3.42 * GiB, '3.42GiB'],
    [5.372 * TiB, '5.372TiB'], [2.22 * PiB, '2.22PiB'], [KiB * KiB * KiB * KiB * KiB * PiB, '1.049e+06YiB'],
  ];
  for (const [n, want] of cases) it(`${n} -> ${want}`, () => expect(bytesSize(n)).toBe(want));
});

describe('humanDuration', () => {
  const s = 1000, m = 60 * s, h = 60 * m, day = 24 * h, week = 7 * day, month = 30 * day, year = 365 * day;
  const cases: [number, string][] = [
    [450, 'Less than a second'], [1 * s, '1 second'], [45 * s, '45 seconds'], [59 * s, '59 seconds'], [60 * s, 'About a minute'],
    [3 * m, '3 minutes'], [35 * m + 40 * s, '35 minutes'], [59 * m, '59 minutes'], [1 * h, 'About an hour'], [h + 29 * m, 'About an hour'],
    [h + 31 * m, '2 hours'], [3 * h + 29 * m, '3 hours'], [3 * h + 31 * m, '4 hours'], [24 * h, '24 hours'], [day + 12 * h, '36 hours'],
    [2 * day, '2 days'], [7 * day, '7 days'], [13 * day + 5 * h, '13 days'], [2 * week, '2 weeks'], [2 * week + 4 * day, '2 weeks'],
    [4 * week + 3 * day, '4 weeks'], [month, '4 weeks'], [month + 2 * week, '6 weeks'], [2 * month, '2 months'],
    [5 * month + 2 * week, '5 months'], [13 * month, '13 months'], [24 * month, '24 months'], [24 * month + 2 * week, '2 years'],
    [3 * year + 2 * month, '3 years'], [-5 * s, 'Less than a second'],
  ];
  for (const [ms, want] of cases) it(`${ms}ms -> ${want}`, () => expect(humanDuration(ms)).toBe(want));
  it('timeAgo', () => expect(timeAgo(1000, 1090_500)).toBe('About a minute ago'));
});

describe("Go's %g / strconv.FormatFloat", () => {
  const cases: [number, number | undefined, string][] = [
    [1000000, undefined, '1e+06'], [100000, undefined, '100000'], [123456789, undefined, '1.23456789e+08'], [0.0001, undefined, '0.0001'],
    [0.00001, undefined, '1e-05'], [1.5, undefined, '1.5'], [0, undefined, '0'], [-2.5, undefined, '-2.5'], [1e21, undefined, '1e+21'],
    [0.1 + 0.2, undefined, '0.30000000000000004'], [999.999, 3, '1e+03'], [72.812345, 3, '72.8'], [7.8, 3, '7.8'], [1, 3, '1'],
    [0, 3, '0'], [1000, 4, '1000'], [10000, 4, '1e+04'], [0.000012345, 3, '1.23e-05'], [123.456, 0, '1e+02'],
    [NaN, undefined, 'NaN'], [Infinity, undefined, '+Inf'], [-Infinity, 3, '-Inf'],
  ];
  for (const [f, p, want] of cases) it(`%.${p ?? ''}g of ${f} -> ${want}`, () => expect(goFormatFloat(f, p)).toBe(want));
  it('e and f formats', () => {
    expect(formatFloat(123456.789, 'e', 6)).toBe('1.234568e+05');
    expect(formatFloat(3.14159, 'f', 2)).toBe('3.14');
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(3.5, 'f', 0)).toBe('4');
    expect(formatFloat(0.000001234, 'g', -1)).toBe('1.234e-06');
    expect(formatFloat(1e-7, 'f', -1)).toBe('0.0000001');
    expect(formatFloat(5e-324, 'e', -1)).toBe('5e-324');
  });
});

describe('fromHumanSize / ramInBytes (go-units size_test.go)', () => {
  const dec: [string, number][] = [['32', 32], ['32b', 32], ['32B', 32], ['32k', 32 * KB], ['32K', 32 * KB], ['32kb', 32 * KB], ['32Kb', 32 * KB],
    ['32Mb', 32 * MB], ['32Gb', 32 * GB], ['32Tb', 32 * TB], ['32Pb', 32 * PB], ['32.5kB', 32.5 * KB], ['32.5 kB', 32.5 * KB], ['32.5 B', 32], ['0.3 K', 300]];
  for (const [s, n] of dec) it(`fromHumanSize(${s})`, () => expect(fromHumanSize(s)).toBe(n));
  for (const bad of ['', 'hello', '-32', '.3kB', ' 32 ', '32m b', '32bm']) it(`fromHumanSize(${JSON.stringify(bad)}) fails`, () => expect(() => fromHumanSize(bad)).toThrow(`invalid size: '${bad}'`));
  const bin: [string, number][] = [['32', 32], ['32k', 32 * KiB], ['32Kib', 32 * KiB], ['32KIB', 32 * KiB], ['32Mb', 32 * MiB], ['32PB', 32 * PiB], ['32P', 32 * PiB],
    ['32.3', 32], ['32.3 mb', Math.trunc(32.3 * MiB)], ['0.3MB', Math.trunc(0.3 * MiB)]];
  for (const [s, n] of bin) it(`ramInBytes(${s})`, () => expect(ramInBytes(s)).toBe(n));
});
