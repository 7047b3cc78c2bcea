import { describe, expect, it } from 'vitest';
import {
  DockerignoreError,
  PatternMatcher,
  cleanPath,
  filterContextPaths,
  matchesOrParentMatches,
  parseDockerignore,
  trimBuildFilesFromExcludes,
} from './dockerignore';

// Cases transcribed from moby/patternmatcher's patternmatcher_test.go (TestMatches), Unix.
// 'exact' = the path itself matches; 'inexact' = only a parent directory matches; 'fail' = no match.
type Pass = 'fail' | 'exact' | 'inexact';
const MATCHES: [string, string, Pass][] = [
  ['**', 'file', 'exact'],
  ['**', 'file/', 'exact'],
  ['**/', 'file', 'exact'],
  ['**/', 'file/', 'exact'],
  ['**', '/', 'exact'],
  ['**/', '/', 'exact'],
  ['**', 'dir/file', 'exact'],
  ['**/', 'dir/file', 'exact'],
  ['**', 'dir/file/', 'exact'],
  ['**/', 'dir/file/', 'exact'],
  ['**/**', 'dir/file', 'exact'],
  ['**/**', 'dir/file/', 'exact'],
  ['dir/**', 'dir/file', 'exact'],
  ['dir/**', 'dir/file/', 'exact'],
  ['dir/**', 'dir/dir2/file', 'exact'],
  ['dir/**', 'dir/dir2/file/', 'exact'],
  ['**/dir', 'dir', 'exact'],
  ['**/dir', 'dir/file', 'inexact'],
  ['**/dir2/*', 'dir/dir2/file', 'exact'],
  ['**/dir2/*', 'dir/dir2/file/', 'inexact'],
  ['**/dir2/**', 'dir/dir2/dir3/file', 'exact'],
  ['**/dir2/**', 'dir/dir2/dir3/file/', 'exact'],
  ['**file', 'file', 'exact'],
  ['**file', 'dir/file', 'exact'],
  ['**/file', 'dir/file', 'exact'],
  ['**file', 'dir/dir/file', 'exact'],
  ['**/file', 'dir/dir/file', 'exact'],
  ['**/file*', 'dir/dir/file', 'exact'],
  ['**/file*', 'dir/dir/file.txt', 'exact'],
  ['**/file*txt', 'dir/dir/file.txt', 'exact'],
  ['**/file*.txt', 'dir/dir/file.txt', 'exact'],
  ['**/file*.txt*', 'dir/dir/file.txt', 'exact'],
  ['**/**/*.txt', 'dir/dir/file.txt', 'exact'],
  ['**/**/*.txt2', 'dir/dir/file.txt', 'fail'],
  ['**/*.txt', 'file.txt', 'exact'],
  ['**/**/*.txt', 'file.txt', 'exact'],
  ['a**/*.txt', 'a/file.txt', 'exact'],
  ['a**/*.txt', 'a/dir/file.txt', 'exact'],
  ['a**/*.txt', 'a/dir/dir/file.txt', 'exact'],
  ['a/*.txt', 'a/dir/file.txt', 'fail'],
  ['a/*.txt', 'a/file.txt', 'exact'],
  ['a/*.txt**', 'a/file.txt', 'exact'],
  ['a[b-d]e', 'ae', 'fail'],
  ['a[b-d]e', 'ace', 'exact'],
  ['a[b-d]e', 'aae', 'fail'],
  ['a[^b-d]e', 'aze', 'exact'],
  ['.*', '.foo', 'exact'],
  ['.*', 'foo', 'fail'],
  ['abc.def', 'abcdef', 'fail'],
  ['abc.def', 'abc.def', 'exact'],
  ['abc.def', 'abcZdef', 'fail'],
  ['abc?def', 'abcZdef', 'exact'],
  ['abc?def', 'abcdef', 'fail'],
  ['**/foo/bar', 'foo/bar', 'exact'],
  ['**/foo/bar', 'dir/foo/bar', 'exact'],
  ['**/foo/bar', 'dir/dir2/foo/bar', 'exact'],
  ['abc/**', 'abc', 'fail'],
  ['abc/**', 'abc/def', 'exact'],
  ['abc/**', 'abc/def/ghi', 'exact'],
  ['**/.foo', '.foo', 'exact'],
  ['**/.foo', 'bar.foo', 'fail'],
  ['a(b)c/def', 'a(b)c/def', 'exact'],
  ['a(b)c/def', 'a(b)c/xyz', 'fail'],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', 'exact'],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
  ['a\\\\', 'a\\', 'exact'],
  ['a\\*b', 'a*b', 'exact'],
];

const MULTI: [string[], string, boolean][] = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', false],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
  [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
];

// Go filepath.Match cases used by patternmatcher's TestMatch.
const GLOB: [string, string, boolean | 'bad'][] = [
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true],
  ['a*', 'ab/c', true], ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true], ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true], ['a*b?c*x', 'abxbbxdbxebxczzy', false], ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false], ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true], ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false], ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true], ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true], ['[\\-x]', 'a', false],
  ['[]a]', ']', 'bad'], ['[-]', '-', 'bad'], ['[x-]', 'x', 'bad'], ['[x-]', '-', 'bad'], ['[x-]', 'z', 'bad'],
  ['[-x]', 'x', 'bad'], ['[-x]', '-', 'bad'], ['[-x]', 'a', 'bad'], ['\\', 'a', 'bad'], ['[a-b-c]', 'a', 'bad'],
  ['[', 'a', 'bad'], ['[^', 'a', 'bad'], ['[^bc', 'a', 'bad'], ['a[', 'a', 'bad'], ['a[', 'ab', 'bad'], ['*x', 'xxx', true],
];

describe('patternmatcher (moby/patternmatcher tests)', () => {
  for (const [pattern, text, pass] of MATCHES) {
    it(`MatchesOrParentMatches ${pattern} ~ ${text} -> ${pass}`, () => {
      expect(matchesOrParentMatches(text, [pattern])).toBe(pass !== 'fail');
    });
  }
  for (const [patterns, text, want] of MULTI) {
    it(`multi ${patterns.join(' ')} ~ ${text}`, () => {
      expect(matchesOrParentMatches(text, patterns)).toBe(want);
    });
  }
  for (const [pattern, text, want] of GLOB) {
    it(`Match(${pattern}, ${text}) = ${want}`, () => {
      if (want === 'bad') expect(() => matchesOrParentMatches(text, [pattern])).toThrow(new DockerignoreError('syntax error in pattern'));
      else expect(matchesOrParentMatches(text, [pattern])).toBe(want);
    });
  }
  it('basic semantics', () => {
    expect(matchesOrParentMatches('fileutils.go', ['*'])).toBe(true);
    expect(matchesOrParentMatches('fileutils.go', ['*.go'])).toBe(true);
    expect(matchesOrParentMatches('fileutils.go', ['!fileutils.go', '*.go'])).toBe(true);
    expect(matchesOrParentMatches('docs/README.md', ['docs', '!docs/README.md'])).toBe(false);
    expect(matchesOrParentMatches('docs/README.md', ['docs/', '!docs/README.md'])).toBe(false);
    expect(matchesOrParentMatches('docs/README.md', ['docs/*', '!docs/README.md'])).toBe(false);
    expect(matchesOrParentMatches('fileutils.go', ['*.go', '!fileutils.go'])).toBe(false);
    expect(matchesOrParentMatches('.', ['*.go'])).toBe(false);
    expect(matchesOrParentMatches('/any/path/there', [])).toBe(false);
    expect(() => matchesOrParentMatches('fileutils.go', ['!'])).toThrow(new DockerignoreError('illegal exclusion pattern: "!"'));
  });
  it('patterns are trimmed, empty ones dropped, exclusions detected', () => {
    expect(new PatternMatcher(['docs', 'config', '']).patterns.length).toBe(2);
    expect(new PatternMatcher(['docs', '  !docs/README.md']).hasExclusions).toBe(true);
    expect(new PatternMatcher(['docs', '!docs/README.md  ']).hasExclusions).toBe(true);
  });
});

describe('.dockerignore file reading (ignorefile.ReadAll)', () => {
  it('comments, blank lines, trimming, cleaning, leading slash, exceptions', () => {
    const text = '\ufeff# comment\n\n  node_modules  \n/build/\n./tmp/../out\n! /keep/me \n  # not a comment\n*.log\r\n!**/important.log\n/\n';
    expect(parseDockerignore(text)).toEqual(['node_modules', 'build', 'out', '!keep/me', '# not a comment', '*.log', '!**/important.log', '/']);
  });
  it('bytes input', () => {
    expect(parseDockerignore(new TextEncoder().encode('a\nb/c/\n'))).toEqual(['a', 'b/c']);
  });
  it('path.Clean', () => {
    expect(cleanPath('')).toBe('.');
    expect(cleanPath('a//b/./c/..')).toBe('a/b');
    expect(cleanPath('../../a')).toBe('../../a');
    expect(cleanPath('/../a/')).toBe('/a');
    expect(cleanPath('a/..')).toBe('.');
  });
});

describe('filtering context paths', () => {
  const paths = ['Dockerfile', '.dockerignore', 'src/app.js', 'src/app.test.js', 'node_modules/x/index.js', 'README.md', 'docs/a.md', 'docs/keep.md', '.git/HEAD'];
  it('excludes, with exceptions, last match wins', () => {
    const patterns = parseDockerignore('node_modules\n.git\n*.md\ndocs\n!docs/keep.md\n**/*.test.js\n');
    expect(filterContextPaths(paths, patterns)).toEqual({
      included: ['Dockerfile', '.dockerignore', 'src/app.js', 'docs/keep.md'],
      excluded: ['src/app.test.js', 'node_modules/x/index.js', 'README.md', 'docs/a.md', '.git/HEAD'],
    });
  });
  it('always keeps the Dockerfile and .dockerignore', () => {
    const r = filterContextPaths(paths, ['*', '.*']);
    expect(r.included).toEqual(['Dockerfile', '.dockerignore']);
    expect(filterContextPaths(['build/Dockerfile.dev', 'build/x'], ['build'], { dockerfile: 'build/Dockerfile.dev' }).included).toEqual(['build/Dockerfile.dev']);
    expect(filterContextPaths(['Dockerfile'], ['Dockerfile'], { dockerfileFromStdin: true }).included).toEqual([]);
  });
  it('TrimBuildFilesFromExcludes appends exceptions only when needed', () => {
    expect(trimBuildFilesFromExcludes(['*.md'])).toEqual(['*.md']);
    expect(trimBuildFilesFromExcludes(['*'])).toEqual(['*', '!.dockerignore', '!Dockerfile']);
  });
});
