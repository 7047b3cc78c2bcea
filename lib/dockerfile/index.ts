// Public API of the Dockerfile front end (DOM-free). See the report in the commit history for details.
export { DockerfileParseError, ShellLexError, type DockerfileErrorKind, type SourceRange } from './errors';
export {
  parse,
  parseHeredoc,
  chompHeredocContent,
  nodeArgs,
  nodeRange,
  MAX_LINE_BYTES,
  type Directive,
  type Heredoc,
  type Node,
  type ParseResult,
  type ParseWarning,
} from './parser';
export { dumpNode, dumpRoot } from './dump';
export {
  ShellLex,
  processWord,
  processWords,
  processWordWithMatches,
  toEnvGetter,
  type EnvGetter,
  type EnvInput,
  type LexOptions,
  type ProcessWordResult,
} from './shell-lex';
export * from './instructions';
export {
  DockerignoreError,
  Pattern,
  PatternMatcher,
  cleanPath,
  filterContextPaths,
  matchesOrParentMatches,
  parseDockerignore,
  trimBuildFilesFromExcludes,
  type FilterResult,
} from './dockerignore';
export { lintDockerfile, type LintSeverity, type LintWarning } from './lint';
export { goQuote, goQuoteSlice, decodeUtf8, encodeUtf8 } from './gotext';
export { suggest, levenshtein } from './suggest';
export { parseGoDuration, GoDurationError } from './gotime';
export { generateDockerfile, SEED_NGINX_DOCKERFILE } from './gen';
