// Lint warnings for Dockerfiles, in the spirit of BuildKit's build checks
// (https://docs.docker.com/reference/build-checks/, rule names and messages as BuildKit prints them)
// plus a few common hadolint-style best practices. Written for this project.

import type { SourceRange } from './errors';
import { DockerfileParseError } from './errors';
import { DockerignoreError, PatternMatcher } from './dockerignore';
import {
  parseDockerfile,
  type Command,
  type DockerfileParseResult,
  type Stage,
} from './instructions';
import { ShellLexError } from './errors';
import { ShellLex, type EnvGetter } from './shell-lex';
import { suggest } from './suggest';

export type LintSeverity = 'warning' | 'info';

export interface LintWarning {
  /** BuildKit's check name where one exists (e.g. "JSONArgsRecommended"), else our own */
  ruleId: string;
  message: string;
  range: SourceRange;
  /** one-line hint */
  fix: string;
  severity: LintSeverity;
  /** documentation page, for BuildKit rules */
  url?: string;
}

const DOCS = 'https://docs.docker.com/go/dockerfile/rule/';
const BUILDKIT_RULES = new Set([
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName',
  'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath',
  'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'CopyIgnoredFile',
  'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
]);

/** Build args that BuildKit defines without an ARG instruction being needed in FROM or stages. */
const PREDEFINED_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH',
  'BUILDVARIANT', 'TARGETSTAGE', 'BUILDKIT_SYNTAX',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);
/** Variables commonly present in base images' environment; BuildKit knows the real base env, we do not. */
const COMMON_BASE_ENV = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'USER', 'PWD', 'SHELL']);

const SECRETS_RE = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRETS_ALLOW_RE = /(?:_|^)public(?:_|$)/i;

function kindOf(c: Command | Stage): string {
  return c.kind;
}

/** Columns of `needle` inside an instruction written on one line; else the whole instruction. */
function subRange(c: { range: SourceRange; node: { original: string } }, needle: string, from = 0): SourceRange {
  const r = c.range;
  if (r.startLine !== r.endLine || needle === '') return { ...r };
  const i = c.node.original.indexOf(needle, from);
  if (i < 0 || r.startCol === undefined) return { ...r };
  return { startLine: r.startLine, endLine: r.startLine, startCol: r.startCol + i, endCol: r.startCol + i + needle.length };
}

function parseCheckDirective(value: string | undefined): { skip: Set<string>; all: boolean } {
  const skip = new Set<string>();
  let all = false;
  if (!value) return { skip, all };
  for (const part of value.split(';')) {
    const [k, v] = part.split('=', 2).map((s) => s.trim());
    if (k?.toLowerCase() !== 'skip' || !v) continue;
    for (const r of v.split(',')) {
      const name = r.trim();
      if (name.toLowerCase() === 'all') all = true;
      else if (name) skip.add(name);
    }
  }
  return { skip, all };
}

function envGetter(names: Set<string>): EnvGetter {
  return { get: (k) => (names.has(k) ? '' : undefined), keys: () => [...names] };
}

/** `apt-get ... install` within one command (between ; & |), checked in linear time. */
function hasAptInstall(text: string): boolean {
  if (text.indexOf('apt-get') < 0) return false;
  for (const seg of text.split(/[;&|]/)) {
    const i = seg.search(/\bapt-get\b/);
    if (i >= 0 && /\binstall\b/.test(seg.slice(i + 7))) return true;
  }
  return false;
}
const APT_CLEAN = /rm\s+(-[a-zA-Z]+\s+)*\/var\/lib\/apt\/lists/;

function runText(c: Command): string {
  return 'cmdLine' in c ? c.cmdLine.join(' ') : '';
}

/**
 * Lint a Dockerfile. Accepts the source or an already parsed result. A Dockerfile that does not parse
 * gives no lint warnings (show the parse error instead).
 */
export interface LintOptions {
  /**
   * The environment variable names of a base image's config (e.g. ["PATH", "JAVA_HOME"]), so that
   * UndefinedVar knows them like BuildKit does. Return undefined when the image is unknown. Without this
   * option a few common names (PATH, HOME, ...) are assumed.
   */
  baseImageEnv?: (baseName: string) => readonly string[] | undefined;
  /** .dockerignore patterns of the build context, for CopyIgnoredFile */
  dockerignore?: readonly string[];
}

export function lintDockerfile(input: string | Uint8Array | DockerfileParseResult, options: LintOptions = {}): LintWarning[] {
  let df: DockerfileParseResult;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    try {
      df = parseDockerfile(input);
    } catch (e) {
      if (e instanceof DockerfileParseError) return [];
      throw e;
    }
  } else df = input;

  const out: LintWarning[] = [];
  const check = parseCheckDirective(df.directives.find((d) => d.name === 'check')?.value);
  const add = (ruleId: string, message: string, range: SourceRange, fix: string, severity: LintSeverity = 'warning'): void => {
    if (check.all || check.skip.has(ruleId)) return;
    const w: LintWarning = { ruleId, message, range, fix, severity };
    if (BUILDKIT_RULES.has(ruleId)) w.url = DOCS + ruleId.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase() + '/';
    out.push(w);
  };

  for (const w of df.warnings) {
    add('NoEmptyContinuation', 'Empty continuation line', { startLine: w.line, endLine: w.line }, 'Remove the empty line, or put a comment on it');
  }

  // ConsistentInstructionCasing
  const all: (Command | Stage)[] = [...df.metaArgs];
  for (const s of df.stages) all.push(s, ...s.commands);
  all.sort((a, b) => a.range.startLine - b.range.startLine);
  let lower = 0;
  let upper = 0;
  for (const c of all) {
    if (c.keyword === c.keyword.toLowerCase()) lower++;
    else if (c.keyword === c.keyword.toUpperCase()) upper++;
  }
  const majorityLower = lower > upper;
  for (const c of all) {
    const ok = majorityLower ? c.keyword === c.keyword.toLowerCase() : c.keyword === c.keyword.toUpperCase();
    if (!ok) {
      add(
        'ConsistentInstructionCasing',
        `Command '${c.keyword}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        subRange(c, c.keyword),
        `Write ${majorityLower ? c.keyword.toLowerCase() : c.keyword.toUpperCase()}`,
      );
    }
  }

  // meta args
  const metaArgNames = new Set<string>();
  for (const a of df.metaArgs) {
    for (const kv of a.args) {
      metaArgNames.add(kv.key);
      checkSecret(a, 'ARG', kv.key);
    }
  }

  function checkSecret(c: Command, kind: 'ARG' | 'ENV', key: string): void {
    if (SECRETS_RE.test(key) && !SECRETS_ALLOW_RE.test(key)) {
      add('SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (${kind} ${JSON.stringify(key)})`, subRange(c, key), 'Pass secrets with RUN --mount=type=secret instead');
    }
  }

  const lex = new ShellLex({ escapeToken: df.escapeToken });
  let ignore: PatternMatcher | null = null;
  try {
    if (options.dockerignore?.length) ignore = new PatternMatcher(options.dockerignore);
  } catch (e) {
    if (!(e instanceof DockerignoreError)) throw e;
  }
  function undefinedVars(c: Command | Stage, word: string, defined: Set<string>): void {
    let unmatched: Set<string>;
    try {
      unmatched = lex.processWordWithMatches(word, envGetter(defined)).unmatched;
    } catch (e) {
      if (e instanceof ShellLexError) return;
      throw e;
    }
    for (const name of unmatched) {
      if (defined.has(name) || PREDEFINED_ARGS.has(name) || (!options.baseImageEnv && COMMON_BASE_ENV.has(name)) || /^\d+$|^[@*#?$!-]$/.test(name)) continue;
      const hint = suggest(name, [...defined], true);
      add(
        'UndefinedVar',
        `Usage of undefined variable '$${name}'` + (hint ? ` (did you mean $${hint}?)` : ''),
        subRange(c, '$'),
        hint ? `Did you mean $${hint}?` : `Declare it first with ARG ${name} or ENV ${name}=...`,
      );
    }
  }

  const stageNames = new Map<string, Stage>();
  const stageDefined = new Map<string, Set<string>>();
  for (const stage of df.stages) {
    // FROM checks
    if (stage.nameAsWritten && stage.nameAsWritten !== stage.nameAsWritten.toLowerCase()) {
      add('StageNameCasing', `Stage name '${stage.nameAsWritten}' should be lowercase`, subRange(stage, stage.nameAsWritten, stage.node.original.lastIndexOf(stage.nameAsWritten)), `Use ${stage.nameAsWritten.toLowerCase()}`);
    }
    const fromArgs = stage.node.original.trim().split(/\s+/).filter((a) => !a.startsWith('--'));
    if (stage.nameAsWritten) {
      const asWord = fromArgs[2] ?? 'AS';
      const kw = stage.keyword;
      const fromLower = kw === kw.toLowerCase();
      const fromUpper = kw === kw.toUpperCase();
      if ((fromLower && asWord !== asWord.toLowerCase()) || (fromUpper && !fromLower && asWord !== asWord.toUpperCase())) {
        add('FromAsCasing', `'${asWord}' and '${kw}' keywords' casing do not match`, subRange(stage, asWord, stage.node.original.indexOf(' ' + asWord + ' ') + 1), fromLower ? 'Write "as"' : 'Write "AS"');
      }
      if (stageNames.has(stage.name)) {
        add('DuplicateStageName', `Duplicate stage name ${JSON.stringify(stage.name)}, stage names should be unique`, subRange(stage, stage.nameAsWritten, stage.node.original.lastIndexOf(stage.nameAsWritten)), 'Rename one of the stages');
      } else stageNames.set(stage.name, stage);
      if (stage.name === 'scratch' || stage.name === 'context') {
        add('ReservedStageName', `Stage name should not use the same name as reserved stage ${JSON.stringify(stage.name)}`, subRange(stage, stage.nameAsWritten), 'Pick another stage name');
      }
    }
    if (stage.platform === '$BUILDPLATFORM' || stage.platform === '${BUILDPLATFORM}') {
      // fine: cross-compilation pattern
    } else if (stage.platform === '$TARGETPLATFORM' || stage.platform === '${TARGETPLATFORM}') {
      add('RedundantTargetPlatform', `Setting platform to predefined ${stage.platform} in FROM is redundant as this is the default behavior`, subRange(stage, stage.platform), 'Remove --platform');
    } else if (stage.platform !== '' && !stage.platform.includes('$')) {
      add('FromPlatformFlagConstDisallowed', `FROM --platform flag should not use constant value ${JSON.stringify(stage.platform)}`, subRange(stage, stage.platform), 'Use $BUILDPLATFORM or drop the flag');
    }
    // undefined args in FROM
    let unmatchedFrom: Set<string> = new Set();
    try {
      unmatchedFrom = lex.processWordWithMatches(stage.baseName, envGetter(metaArgNames)).unmatched;
    } catch (e) {
      if (!(e instanceof ShellLexError)) throw e;
    }
    for (const name of unmatchedFrom) {
      if (PREDEFINED_ARGS.has(name)) continue;
      const hint = suggest(name, [...metaArgNames], true);
      add('UndefinedArgInFrom', `FROM argument '${name}' is not declared` + (hint ? ` (did you mean ${hint}?)` : ''), subRange(stage, stage.baseName), `Add ARG ${name} before the first FROM`);
    }
    // base image tag
    const base = stage.baseName;
    if (!base.includes('$') && base !== 'scratch' && !stageNames.has(base.toLowerCase()) && !base.includes('@')) {
      const lastSeg = base.slice(base.lastIndexOf('/') + 1);
      if (!lastSeg.includes(':')) {
        add('UntaggedImage', `Always tag the version of an image explicitly (${base})`, subRange(stage, base), `Use FROM ${base}:<version>`);
      } else if (lastSeg.endsWith(':latest')) {
        add('LatestTag', `Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag (${base})`, subRange(stage, base), `Replace :latest with a version tag`);
      }
    }

    // commands: variables known in this stage (a parent stage's, or the base image's env)
    const inherited = stageDefined.get(stage.baseName.toLowerCase());
    const defined = new Set<string>(inherited ?? options.baseImageEnv?.(stage.baseName) ?? []);
    if (stage.name) stageDefined.set(stage.name, defined);
    let hasShell = false;
    let absWorkdir = false;
    let prevRun: Command | null = null;
    const lastOf = new Map<string, Command[]>();
    for (const c of stage.commands) {
      const kind = kindOf(c);
      if (kind === 'CMD' || kind === 'ENTRYPOINT' || kind === 'HEALTHCHECK') {
        const list = lastOf.get(kind) ?? [];
        list.push(c);
        lastOf.set(kind, list);
      }
      switch (c.kind) {
        case 'MAINTAINER':
          add('MaintainerDeprecated', 'Maintainer instruction is deprecated in favor of using label', subRange(c, c.keyword), `Use LABEL org.opencontainers.image.authors=${JSON.stringify(c.maintainer)}`);
          break;
        case 'SHELL':
          hasShell = true;
          break;
        case 'CMD':
        case 'ENTRYPOINT':
          if (c.prependShell && !hasShell && c.cmdLine.length > 0) {
            add('JSONArgsRecommended', `JSON arguments recommended for ${c.kind} to prevent unintended behavior related to OS signals`, { ...c.range }, `Use ${c.kind} ["executable", "param1"]`, 'info');
          }
          break;
        case 'ARG':
          for (const kv of c.args) {
            if (kv.value !== undefined) undefinedVars(c, kv.value, defined);
            defined.add(kv.key);
            checkSecret(c, 'ARG', kv.key);
          }
          break;
        case 'ENV':
          for (const kv of c.env) {
            undefinedVars(c, kv.value, defined);
            checkSecret(c, 'ENV', kv.key);
            if (kv.noDelim) {
              add('LegacyKeyValueFormat', `"ENV key=value" should be used instead of legacy "ENV key value" format`, { ...c.range }, `Write ENV ${kv.key}=${kv.value.includes(' ') && !/^["']/.test(kv.value) ? JSON.stringify(kv.value) : kv.value}`);
            }
          }
          for (const kv of c.env) defined.add(kv.key);
          break;
        case 'LABEL':
          for (const kv of c.labels) {
            if (kv.noDelim) add('LegacyKeyValueFormat', `"LABEL key=value" should be used instead of legacy "LABEL key value" format`, { ...c.range }, `Write LABEL ${kv.key}=${JSON.stringify(kv.value)}`);
          }
          break;
        case 'WORKDIR':
          undefinedVars(c, c.path, defined);
          if (c.path.startsWith('/') || c.path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(c.path)) absWorkdir = true;
          else if (!absWorkdir) {
            add('WorkdirRelativePath', `Relative workdir ${JSON.stringify(c.path)} can have unexpected results if the base image changes`, subRange(c, c.path), `Use an absolute path, e.g. WORKDIR /${c.path}`);
          }
          break;
        case 'EXPOSE':
          for (const p of c.ports) {
            const proto = p.includes('/') ? p.slice(p.lastIndexOf('/') + 1) : '';
            if (proto !== proto.toLowerCase()) {
              add('ExposeProtoCasing', `Defined protocol '${p}' in EXPOSE instruction should be lowercase`, subRange(c, p), `Write ${p.toLowerCase()}`);
            }
            if (/^[^$]*:/.test(p)) {
              add('ExposeInvalidFormat', `EXPOSE instruction should not define an IP address or host-port mapping, found '${p}'`, subRange(c, p), 'Publish ports with docker run -p instead');
            }
          }
          break;
        case 'COPY':
        case 'ADD':
          for (const s of c.sourcePaths) undefinedVars(c, s, defined);
          if (ignore && !(c.kind === 'COPY' && c.from)) {
            for (const s of c.sourcePaths) {
              const rel = s.replace(/^(\.\/|\/)+/, '');
              if (rel && !/^[a-z]+:\/\//i.test(s) && !/[*?[$]/.test(rel) && ignore.matches(rel)) {
                add('CopyIgnoredFile', `Attempting to ${c.kind === 'COPY' ? 'Copy' : 'Add'} file ${JSON.stringify(s)} that is excluded by .dockerignore`, subRange(c, s), 'Remove it from .dockerignore or from the instruction');
              }
            }
          }
          undefinedVars(c, c.destPath, defined);
          if (c.kind === 'ADD' && c.sourcePaths.length > 0 && c.checksum === '' &&
            c.sourcePaths.every((s) => !/^(https?:\/\/|git@|git:\/\/)/.test(s) && !/\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i.test(s))) {
            add('AddInsteadOfCopy', 'Use COPY instead of ADD for files and folders', subRange(c, c.keyword), 'Replace ADD with COPY');
          }
          break;
        case 'USER':
          undefinedVars(c, c.user, defined);
          break;
        case 'RUN': {
          const text = runText(c) + c.files.map((f) => '\n' + f.data).join('');
          if (hasAptInstall(text)) {
            if (!/\s-(y|[a-zA-Z]*y[a-zA-Z]*)\b|--yes\b|--assume-yes\b|-qq\b/.test(text)) {
              add('AptGetMissingYes', 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`', subRange(c, 'apt-get'), 'Add -y: apt-get install -y ...');
            }
            if (!APT_CLEAN.test(text)) {
              add('AptListsNotCleaned', 'Delete the apt-get lists after installing something', { ...c.range }, 'End the RUN with && rm -rf /var/lib/apt/lists/*');
            }
          }
          if (c.prependShell && /(^|[;&|]\s*)cd\s+\S/.test(text)) {
            add('CdInRun', 'Use WORKDIR to switch to a directory', subRange(c, 'cd '), 'Use WORKDIR /path instead of cd /path &&');
          }
          if (prevRun && c.mountSpecs.length === 0 && prevRun.kind === 'RUN' && prevRun.mountSpecs.length === 0) {
            add('ConsecutiveRun', 'Multiple consecutive `RUN` instructions. Consider consolidation.', { ...c.range }, 'Join the commands with && in one RUN', 'info');
          }
          break;
        }
      }
      prevRun = c.kind === 'RUN' ? c : null;
    }
    for (const [kind, list] of lastOf) {
      for (const c of list.slice(0, -1)) {
        add('MultipleInstructionsDisallowed', `Multiple ${kind} instructions should not be used in the same stage because only the last one will be used`, { ...c.range }, `Remove this ${kind}; the last one wins`);
      }
    }
  }

  out.sort((a, b) => a.range.startLine - b.range.startLine || (a.range.startCol ?? 0) - (b.range.startCol ?? 0));
  return out;
}
