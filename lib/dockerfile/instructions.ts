// Typed Dockerfile instructions, like BuildKit's frontend/dockerfile/instructions (parse.go, commands.go,
// bflag.go, commands_runmount.go, commands_runnetwork.go, commands_runsecurity.go).

import { DockerfileParseError, type SourceRange } from './errors';
import { goQuote } from './gotext';
import { GoDurationError, parseGoDuration } from './gotime';
import { nodeArgs, nodeRange, parse, parseHeredoc, chompHeredocContent, type Directive, type Heredoc, type Node, type ParseWarning } from './parser';
import { ShellLex } from './shell-lex';
import { withSuggestion } from './suggest';

// ---------------------------------------------------------------------------------------------
// types

export type InstructionKind =
  | 'ADD' | 'ARG' | 'CMD' | 'COPY' | 'ENTRYPOINT' | 'ENV' | 'EXPOSE' | 'FROM' | 'HEALTHCHECK' | 'LABEL'
  | 'MAINTAINER' | 'ONBUILD' | 'RUN' | 'SHELL' | 'STOPSIGNAL' | 'USER' | 'VOLUME' | 'WORKDIR';

/** All instruction names, lower case (BuildKit's command.Commands). */
export const INSTRUCTION_NAMES: readonly string[] = [
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label',
  'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
];

interface Base {
  /** lower-case instruction name, e.g. "run" */
  name: string;
  /** the keyword as written, e.g. "Run" */
  keyword: string;
  /** TrimSpace(original): the logical line, e.g. `RUN echo hi` (what build output shows) */
  code: string;
  range: SourceRange;
  node: Node;
}

export interface KeyValuePair {
  key: string;
  value: string;
  /** true for the legacy `ENV key value` form */
  noDelim: boolean;
}
export interface KeyValuePairOptional {
  key: string;
  /** undefined when the ARG has no default */
  value?: string;
}

/** A shell-form or exec-form command line. */
export interface ShellDependantCmdLine {
  cmdLine: string[];
  /** heredoc files attached to the instruction */
  files: { name: string; data: string; chomp: boolean }[];
  /** true for the shell form: the stage's SHELL is prepended */
  prependShell: boolean;
}

export interface SourceContent {
  path: string;
  data: string;
  expand: boolean;
}
export interface SourcesAndDest {
  destPath: string;
  sourcePaths: string[];
  sourceContents: SourceContent[];
}

export interface EnvCommand extends Base { kind: 'ENV'; env: KeyValuePair[] }
export interface LabelCommand extends Base { kind: 'LABEL'; labels: KeyValuePair[] }
export interface MaintainerCommand extends Base { kind: 'MAINTAINER'; maintainer: string }
export interface AddCommand extends Base, SourcesAndDest {
  kind: 'ADD';
  chown: string;
  chmod: string;
  link: boolean;
  keepGitDir: boolean;
  checksum: string;
  /** undefined when --unpack was not given */
  unpack?: boolean;
  excludePatterns: string[];
}
export interface CopyCommand extends Base, SourcesAndDest {
  kind: 'COPY';
  from: string;
  chown: string;
  chmod: string;
  link: boolean;
  parents: boolean;
  excludePatterns: string[];
}
export interface OnbuildCommand extends Base { kind: 'ONBUILD'; expression: string }
export interface WorkdirCommand extends Base { kind: 'WORKDIR'; path: string }
export interface RunCommand extends Base, ShellDependantCmdLine {
  kind: 'RUN';
  /** raw --mount values; see parseRunMounts */
  mountSpecs: string[];
  /** "default", "none" or "host" */
  network: string;
  /** "sandbox" or "insecure" */
  security: string;
  flagsUsed: string[];
}
export interface CmdCommand extends Base, ShellDependantCmdLine { kind: 'CMD' }
export interface EntrypointCommand extends Base, ShellDependantCmdLine { kind: 'ENTRYPOINT' }
export interface HealthConfig {
  /** ["NONE"], ["CMD", ...args] or ["CMD-SHELL", cmd] */
  test: string[];
  /** nanoseconds, 0 = inherit/default */
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}
export interface HealthCheckCommand extends Base { kind: 'HEALTHCHECK'; health: HealthConfig }
export interface ExposeCommand extends Base { kind: 'EXPOSE'; ports: string[] }
export interface UserCommand extends Base { kind: 'USER'; user: string }
export interface VolumeCommand extends Base { kind: 'VOLUME'; volumes: string[] }
export interface StopSignalCommand extends Base { kind: 'STOPSIGNAL'; signal: string }
export interface ArgCommand extends Base { kind: 'ARG'; args: KeyValuePairOptional[] }
export interface ShellCommand extends Base { kind: 'SHELL'; shell: string[] }

export type Command =
  | EnvCommand | LabelCommand | MaintainerCommand | AddCommand | CopyCommand | OnbuildCommand | WorkdirCommand
  | RunCommand | CmdCommand | EntrypointCommand | HealthCheckCommand | ExposeCommand | UserCommand
  | VolumeCommand | StopSignalCommand | ArgCommand | ShellCommand;

/** A FROM instruction and the commands that follow it. */
export interface Stage {
  kind: 'FROM';
  /** lower-cased stage name from `AS name`, or "" */
  name: string;
  /** the stage name as written (for lint), or "" */
  nameAsWritten: string;
  /** the FROM keyword as written */
  keyword: string;
  baseName: string;
  platform: string;
  commands: Command[];
  /** TrimSpace(original) of the FROM line */
  sourceCode: string;
  range: SourceRange;
  node: Node;
  /** position among the stages, from 0 */
  index: number;
}

export type Instruction = Stage | Command;

export interface DockerfileParseResult {
  stages: Stage[];
  /** ARGs before the first FROM */
  metaArgs: ArgCommand[];
  warnings: ParseWarning[];
  directives: Directive[];
  escapeToken: string;
  ast: Node;
}

// ---------------------------------------------------------------------------------------------
// errors

/** An instruction error before it gets its "dockerfile parse error on line N: " prefix. */
class InstrError extends Error {}

const errAtLeastOneArgument = (c: string): InstrError => new InstrError(`${c} requires at least one argument`);
const errExactlyOneArgument = (c: string): InstrError => new InstrError(`${c} requires exactly one argument`);
const errNoDestinationArgument = (c: string): InstrError =>
  new InstrError(`${c} requires at least two arguments, but only one was provided. Destination could not be determined`);
const errBlankCommandNames = (c: string): InstrError => new InstrError(`${c} names can not be blank`);
const errTooManyArguments = (c: string): InstrError => new InstrError(`Bad input to ${c}, too many arguments`);
const errBadHeredoc = (c: string, option: string): InstrError => new InstrError(`${c} cannot accept a heredoc as ${option}`);

function errNotJSON(command: string, original: string): InstrError {
  let extra = '';
  const o = original.toLowerCase();
  if (/"[a-z]:\\/.test(o) && !o.includes('\\\\') && o.includes('[') && o.includes(']')) {
    extra = `. It looks like '${o}' includes a file path without an escaped back-slash. JSON requires back-slashes to be escaped such as ["c:\\\\path\\\\to\\\\file.exe", "/parameter"]`;
  }
  return new InstrError(`${command} requires the arguments to be in JSON form${extra}`);
}

// ---------------------------------------------------------------------------------------------
// BFlags

type FlagType = 'bool' | 'string' | 'strings';
interface Flag {
  name: string;
  type: FlagType;
  value: string;
  values: string[];
}

class BFlags {
  private readonly flags: Flag[] = [];
  /** flags given on the instruction, by name (null until one is used) */
  used: Map<string, Flag> | null = null;
  constructor(readonly args: readonly string[]) {}

  private add(name: string, type: FlagType, value: string): Flag {
    const f: Flag = { name, type, value, values: [] };
    this.flags.push(f);
    return f;
  }
  addBool(name: string, def: boolean): Flag {
    return this.add(name, 'bool', def ? 'true' : 'false');
  }
  addString(name: string, def: string): Flag {
    return this.add(name, 'string', def);
  }
  addStrings(name: string): Flag {
    return this.add(name, 'strings', '');
  }
  isUsed(name: string): boolean {
    return this.used !== null && this.used.has(name);
  }
  usedNames(): string[] {
    return this.used === null ? [] : [...this.used.keys()];
  }

  parse(): void {
    for (const a of this.args) {
      if (a === '--') return;
      if (!a.startsWith('--')) throw new InstrError(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const hasValue = eq >= 0;
      const flagName = hasValue ? a.slice(0, eq) : a;
      const value = hasValue ? a.slice(eq + 1) : '';
      const arg = flagName.slice(2);
      const flag = this.flags.find((f) => f.name === arg);
      if (!flag) {
        throw new InstrError(withSuggestion(`unknown flag: ${flagName}`, arg, this.flags.map((f) => f.name).sort(), true));
      }
      this.used ??= new Map();
      if (this.used.has(arg) && flag.type !== 'strings') throw new InstrError(`duplicate flag specified: ${flagName}`);
      this.used.set(arg, flag);
      if (flag.type === 'bool') {
        if (hasValue && value === '') throw new InstrError(`missing a value on flag: ${flagName}`);
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === '') flag.value = 'true';
        else if (lower === 'false') flag.value = 'false';
        else throw new InstrError(`expecting boolean value for flag ${flagName}, not: ${value}`);
      } else {
        if (!hasValue) throw new InstrError(`missing a value on flag: ${flagName}`);
        if (flag.type === 'string') flag.value = value;
        else flag.values.push(value);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// request

interface Req {
  node: Node;
  command: string;
  args: string[];
  heredocs: Heredoc[];
  json: boolean;
  original: string;
  flags: BFlags;
  base: Base;
}

function newReq(node: Node): Req {
  return {
    node,
    command: node.value,
    args: nodeArgs(node),
    heredocs: node.heredocs,
    json: node.json,
    original: node.original,
    flags: new BFlags(node.flags),
    base: {
      name: node.value.toLowerCase(),
      keyword: node.value,
      code: node.original.trim(),
      range: nodeRange(node),
      node,
    },
  };
}

function parseKvps(args: string[], cmdName: string): KeyValuePair[] {
  if (args.length === 0) throw errAtLeastOneArgument(cmdName);
  if (args.length % 3 !== 0) throw errTooManyArguments(cmdName);
  const res: KeyValuePair[] = [];
  for (let j = 0; j < args.length; j += 3) {
    if (args[j]!.length === 0) throw errBlankCommandNames(cmdName);
    res.push({ key: args[j]!, value: args[j + 1]!, noDelim: args[j + 2] === '' });
  }
  return res;
}

function handleJSONArgs(args: string[], json: boolean): string[] {
  if (args.length === 0) return [];
  if (json) return args;
  return [args.join(' ')];
}

function shellDependent(req: Req, args: string[]): ShellDependantCmdLine {
  return {
    cmdLine: handleJSONArgs(args, req.json),
    files: req.heredocs.map((h) => ({ name: h.name, data: h.content, chomp: h.chomp })),
    prependShell: !req.json,
  };
}

function parseSourcesAndDest(req: Req, command: string): SourcesAndDest {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1]!;
  if (safeHeredoc(dest)) throw errBadHeredoc(command, 'a destination');
  const lookup = new Map<string, Heredoc>();
  for (const h of req.heredocs) lookup.set(h.name, h);
  const sourcePaths: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const src of srcs) {
    const h = safeHeredoc(src);
    if (h) {
      let content = lookup.get(h.name)?.content ?? '';
      if (h.chomp) content = chompHeredocContent(content);
      sourceContents.push({ data: content, path: h.name, expand: h.expand });
    } else sourcePaths.push(src);
  }
  return { destPath: dest, sourcePaths, sourceContents };
}

/** MustParseHeredoc: errors count as "not a heredoc". */
function safeHeredoc(word: string): Heredoc | null {
  try {
    return parseHeredoc(word);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// per instruction

function parseEnv(req: Req): EnvCommand {
  req.flags.parse();
  return { ...req.base, kind: 'ENV', env: parseKvps(req.args, 'ENV') };
}

function parseMaintainer(req: Req): MaintainerCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('MAINTAINER');
  req.flags.parse();
  return { ...req.base, kind: 'MAINTAINER', maintainer: req.args[0]! };
}

function parseLabel(req: Req): LabelCommand {
  req.flags.parse();
  return { ...req.base, kind: 'LABEL', labels: parseKvps(req.args, 'LABEL') };
}

function parseAdd(req: Req): AddCommand {
  if (req.args.length < 2) throw errNoDestinationArgument('ADD');
  const flExcludes = req.flags.addStrings('exclude');
  const flChown = req.flags.addString('chown', '');
  const flChmod = req.flags.addString('chmod', '');
  const flLink = req.flags.addBool('link', false);
  const flKeepGitDir = req.flags.addBool('keep-git-dir', false);
  const flChecksum = req.flags.addString('checksum', '');
  const flUnpack = req.flags.addBool('unpack', false);
  req.flags.parse();
  const sd = parseSourcesAndDest(req, 'ADD');
  return {
    ...req.base,
    kind: 'ADD',
    destPath: sd.destPath,
    sourcePaths: sd.sourcePaths,
    sourceContents: sd.sourceContents,
    chown: flChown.value,
    chmod: flChmod.value,
    link: flLink.value === 'true',
    keepGitDir: flKeepGitDir.value === 'true',
    checksum: flChecksum.value,
    unpack: req.flags.isUsed('unpack') ? flUnpack.value === 'true' : undefined,
    excludePatterns: flExcludes.values,
  };
}

function parseCopy(req: Req): CopyCommand {
  if (req.args.length < 2) throw errNoDestinationArgument('COPY');
  const flExcludes = req.flags.addStrings('exclude');
  const flParents = req.flags.addBool('parents', false);
  const flChown = req.flags.addString('chown', '');
  const flFrom = req.flags.addString('from', '');
  const flChmod = req.flags.addString('chmod', '');
  const flLink = req.flags.addBool('link', false);
  req.flags.parse();
  const sd = parseSourcesAndDest(req, 'COPY');
  return {
    ...req.base,
    kind: 'COPY',
    destPath: sd.destPath,
    sourcePaths: sd.sourcePaths,
    sourceContents: sd.sourceContents,
    from: flFrom.value,
    chown: flChown.value,
    chmod: flChmod.value,
    link: flLink.value === 'true',
    parents: flParents.value === 'true',
    excludePatterns: flExcludes.values,
  };
}

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function parseFrom(req: Req, index: number): Stage {
  const args = req.args;
  let name = '';
  let nameAsWritten = '';
  if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
    nameAsWritten = args[2]!;
    name = args[2]!.toLowerCase();
    if (!VALID_STAGE_NAME.test(name)) {
      throw new InstrError(`invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`);
    }
  } else if (args.length !== 1) {
    throw new InstrError('FROM requires either one or three arguments');
  }
  const flPlatform = req.flags.addString('platform', '');
  req.flags.parse();
  return {
    kind: 'FROM',
    name,
    nameAsWritten,
    keyword: req.command,
    baseName: args[0]!,
    platform: flPlatform.value,
    commands: [],
    sourceCode: req.original.trim(),
    range: req.base.range,
    node: req.node,
    index,
  };
}

function parseOnBuild(req: Req): OnbuildCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('ONBUILD');
  req.flags.parse();
  const trigger = req.args[0]!.trim().toUpperCase();
  if (trigger === 'ONBUILD') throw new InstrError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InstrError(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = req.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '');
  for (const h of req.heredocs) expression += '\n' + h.content + h.name;
  return { ...req.base, kind: 'ONBUILD', expression };
}

function parseWorkdir(req: Req): WorkdirCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('WORKDIR');
  req.flags.parse();
  return { ...req.base, kind: 'WORKDIR', path: req.args[0]! };
}

const NETWORK_MODES = new Set(['default', 'none', 'host']);
const SECURITY_MODES = new Set(['sandbox', 'insecure']);

function parseRun(req: Req): RunCommand {
  const flMount = req.flags.addStrings('mount');
  const flNetwork = req.flags.addString('network', 'default');
  const flSecurity = req.flags.addString('security', 'sandbox');
  req.flags.parse();
  const sd = shellDependent(req, req.args);
  const cmd: RunCommand = {
    ...req.base,
    kind: 'RUN',
    cmdLine: sd.cmdLine,
    files: sd.files,
    prependShell: sd.prependShell,
    mountSpecs: flMount.values,
    network: flNetwork.value,
    security: flSecurity.value,
    flagsUsed: req.flags.usedNames(),
  };
  // post hooks: mounts are checked now, expanded later (parseRunMounts)
  for (const spec of cmd.mountSpecs) {
    try {
      parseMount(spec, null);
    } catch (e) {
      if (e instanceof MountParseError) throw new InstrError(e.message);
      throw e;
    }
  }
  if (!NETWORK_MODES.has(cmd.network)) throw new InstrError(`invalid network mode ${goQuote(cmd.network)}`);
  if (!SECURITY_MODES.has(cmd.security)) throw new InstrError(`security ${goQuote(cmd.security)} is not valid`);
  return cmd;
}

function parseCmd(req: Req): CmdCommand {
  req.flags.parse();
  const sd = shellDependent(req, req.args);
  return { ...req.base, kind: 'CMD', cmdLine: sd.cmdLine, files: sd.files, prependShell: sd.prependShell };
}

function parseEntrypoint(req: Req): EntrypointCommand {
  req.flags.parse();
  const sd = shellDependent(req, req.args);
  return { ...req.base, kind: 'ENTRYPOINT', cmdLine: sd.cmdLine, files: sd.files, prependShell: sd.prependShell };
}

function parseOptInterval(f: Flag): number {
  if (f.value === '') return 0;
  let d: number;
  try {
    d = parseGoDuration(f.value);
  } catch (e) {
    if (e instanceof GoDurationError) throw new InstrError(e.message);
    throw e;
  }
  if (d === 0) return 0;
  if (d < 1e6) throw new InstrError(`Interval ${goQuote(f.name)} cannot be less than 1ms`);
  return d;
}

function parseHealthcheck(req: Req): HealthCheckCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('HEALTHCHECK');
  let typ = req.args[0]!.toUpperCase();
  const args = req.args.slice(1);
  const health: HealthConfig = { test: [], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
  if (typ === 'NONE') {
    if (args.length !== 0) throw new InstrError('HEALTHCHECK NONE takes no arguments');
    health.test = [typ];
    return { ...req.base, kind: 'HEALTHCHECK', health };
  }
  const flInterval = req.flags.addString('interval', '');
  const flTimeout = req.flags.addString('timeout', '');
  const flStartPeriod = req.flags.addString('start-period', '');
  const flStartInterval = req.flags.addString('start-interval', '');
  const flRetries = req.flags.addString('retries', '');
  req.flags.parse();
  if (typ !== 'CMD') throw new InstrError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmdSlice = handleJSONArgs(args, req.json);
  if (cmdSlice.length === 0) throw new InstrError('Missing command after HEALTHCHECK CMD');
  if (!req.json) typ = 'CMD-SHELL';
  health.test = [typ, ...cmdSlice];
  health.interval = parseOptInterval(flInterval);
  health.timeout = parseOptInterval(flTimeout);
  health.startPeriod = parseOptInterval(flStartPeriod);
  health.startInterval = parseOptInterval(flStartInterval);
  if (flRetries.value !== '') {
    const v = flRetries.value;
    if (!/^[+-]?\d+$/.test(v)) throw new InstrError(`strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax`);
    const n = Number(v);
    if (n > 2147483647 || n < -2147483648) throw new InstrError(`strconv.ParseInt: parsing ${goQuote(v)}: value out of range`);
    if (n < 0) throw new InstrError(`--retries cannot be negative (${n})`);
    health.retries = n;
  }
  return { ...req.base, kind: 'HEALTHCHECK', health };
}

function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseExpose(req: Req): ExposeCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('EXPOSE');
  req.flags.parse();
  return { ...req.base, kind: 'EXPOSE', ports: [...req.args].sort(goStringLess) };
}

function parseUser(req: Req): UserCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('USER');
  req.flags.parse();
  return { ...req.base, kind: 'USER', user: req.args[0]! };
}

function parseVolume(req: Req): VolumeCommand {
  if (req.args.length === 0) throw errAtLeastOneArgument('VOLUME');
  req.flags.parse();
  const volumes: string[] = [];
  for (const v0 of req.args) {
    const v = v0.trim();
    if (v === '') throw new InstrError('VOLUME specified can not be an empty string');
    volumes.push(v);
  }
  return { ...req.base, kind: 'VOLUME', volumes };
}

function parseStopSignal(req: Req): StopSignalCommand {
  if (req.args.length !== 1) throw errExactlyOneArgument('STOPSIGNAL');
  return { ...req.base, kind: 'STOPSIGNAL', signal: req.args[0]! };
}

function parseArg(req: Req): ArgCommand {
  if (req.args.length < 1) throw errAtLeastOneArgument('ARG');
  const args: KeyValuePairOptional[] = [];
  for (const a of req.args) {
    const i = a.indexOf('=');
    if (i >= 0) {
      if (i === 0) throw errBlankCommandNames('ARG');
      args.push({ key: a.slice(0, i), value: a.slice(i + 1) });
    } else args.push({ key: a });
  }
  return { ...req.base, kind: 'ARG', args };
}

function parseShell(req: Req): ShellCommand {
  req.flags.parse();
  const shell = handleJSONArgs(req.args, req.json);
  if (shell.length === 0) throw errAtLeastOneArgument('SHELL');
  if (!req.json) throw errNotJSON('SHELL', req.original);
  return { ...req.base, kind: 'SHELL', shell };
}

function unknownInstruction(node: Node): InstrError {
  return new InstrError(
    withSuggestion(`unknown instruction: ${node.value}`, node.value, INSTRUCTION_NAMES.map((n) => n.toUpperCase()), false),
  );
}

function dispatchInstruction(node: Node, stageIndex: number): Instruction {
  const req = newReq(node);
  switch (node.value.toLowerCase()) {
    case 'env': return parseEnv(req);
    case 'maintainer': return parseMaintainer(req);
    case 'label': return parseLabel(req);
    case 'add': return parseAdd(req);
    case 'copy': return parseCopy(req);
    case 'from': return parseFrom(req, stageIndex);
    case 'onbuild': return parseOnBuild(req);
    case 'workdir': return parseWorkdir(req);
    case 'run': return parseRun(req);
    case 'cmd': return parseCmd(req);
    case 'healthcheck': return parseHealthcheck(req);
    case 'entrypoint': return parseEntrypoint(req);
    case 'expose': return parseExpose(req);
    case 'user': return parseUser(req);
    case 'volume': return parseVolume(req);
    case 'stopsignal': return parseStopSignal(req);
    case 'arg': return parseArg(req);
    case 'shell': return parseShell(req);
  }
  throw unknownInstruction(node);
}

/**
 * ParseInstruction for one node. Throws DockerfileParseError (kind 'instruction'):
 * "dockerfile parse error on line N: <reason>".
 */
export function parseInstruction(node: Node, stageIndex = 0): Instruction {
  try {
    return dispatchInstruction(node, stageIndex);
  } catch (e) {
    if (e instanceof InstrError) throw new DockerfileParseError(e.message, nodeRange(node), 'instruction');
    throw e;
  }
}

/** instructions.Parse: stages and meta ARGs from a parsed tree. */
export function parseInstructions(ast: Node): { stages: Stage[]; metaArgs: ArgCommand[] } {
  const stages: Stage[] = [];
  const metaArgs: ArgCommand[] = [];
  for (const n of ast.children) {
    const cmd = parseInstruction(n, stages.length);
    if (stages.length === 0 && cmd.kind === 'ARG') {
      metaArgs.push(cmd);
      continue;
    }
    if (cmd.kind === 'FROM') {
      stages.push(cmd);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new DockerfileParseError('no build stage in current context', nodeRange(n), 'parse');
    stage.commands.push(cmd);
  }
  return { stages, metaArgs };
}

/**
 * Parse a Dockerfile into stages of typed instructions. Throws DockerfileParseError:
 * parser errors (kind 'parse') or instruction errors (kind 'instruction').
 */
export function parseDockerfile(source: string | Uint8Array): DockerfileParseResult {
  const r = parse(source);
  const { stages, metaArgs } = parseInstructions(r.ast);
  return { stages, metaArgs, warnings: r.warnings, directives: r.directives, escapeToken: r.escapeToken, ast: r.ast };
}

// ---------------------------------------------------------------------------------------------
// RUN --mount

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type ShareMode = 'shared' | 'private' | 'locked';

export interface Mount {
  type: MountType;
  from: string;
  source: string;
  target: string;
  readOnly: boolean;
  sizeLimit: number;
  cacheId: string;
  cacheSharing: ShareMode | '';
  required: boolean;
  /** type=secret: also (or only, without target) expose the secret as this environment variable */
  env?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** Thrown by parseMount / parseRunMounts with BuildKit's message. */
export class MountParseError extends Error {
  override readonly name = 'MountParseError';
}

const MOUNT_TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARE_MODES: readonly ShareMode[] = ['shared', 'private', 'locked'];

/** encoding/csv: one record of a --mount value. */
function readCsvRecord(s: string): string[] {
  if (s === '') throw new MountParseError('failed to parse csv mounts: EOF');
  const line = s.split('\n')[0]!.replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let f = '';
      let j = i + 1;
      for (;;) {
        if (j >= line.length) throw new MountParseError(`failed to parse csv mounts: record on line 1; parse error on line 1, column ${j + 1}: extraneous or missing " in quoted-field`);
        if (line[j] === '"') {
          if (line[j + 1] === '"') {
            f += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        f += line[j];
        j++;
      }
      if (j < line.length && line[j] !== ',') throw new MountParseError(`failed to parse csv mounts: parse error on line 1, column ${j + 1}: extraneous or missing " in quoted-field`);
      fields.push(f);
      if (j >= line.length) break;
      i = j + 1;
    } else {
      const c = line.indexOf(',', i);
      const f = c < 0 ? line.slice(i) : line.slice(i, c);
      const q = f.indexOf('"');
      if (q >= 0) throw new MountParseError(`failed to parse csv mounts: parse error on line 1, column ${i + q + 1}: bare " in non-quoted field`);
      fields.push(f);
      if (c < 0) break;
      i = c + 1;
    }
  }
  return fields;
}

function parseBool(key: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new MountParseError(`invalid value for ${key}: ${value}`);
}

/** go-units RAMInBytes */
function ramInBytes(key: string, value: string): number {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!m) throw new MountParseError(`invalid value for ${key}: ${value}`);
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  const n = Number.parseFloat(m[1]!);
  return Math.trunc(n * (m[2] ? mult[m[2].toLowerCase()]! : 1));
}

/**
 * Parse one --mount value. With expander null (instruction parse time) only the checks BuildKit does
 * before expansion run; pass an expander (e.g. (s) => processWord(s, env)) to get the full mount.
 */
export function parseMount(val: string, expander: ((s: string) => string) | null): Mount {
  const fields = readCsvRecord(val);
  const m: Mount = { type: 'bind', from: '', source: '', target: '', readOnly: false, sizeLimit: 0, cacheId: '', cacheSharing: '', required: false };
  let roAuto = true;
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    let value = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (!expander) continue;
      if (key === 'readonly' || key === 'ro') {
        m.readOnly = true;
        roAuto = false;
        continue;
      }
      if (key === 'readwrite' || key === 'rw') {
        m.readOnly = false;
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (m.type === 'secret' || m.type === 'ssh') {
          m.required = true;
          continue;
        }
        throw new MountParseError(`unexpected key '${key}' for mount type '${m.type}'`);
      }
      throw new MountParseError(`invalid field '${field}' must be a key=value pair`);
    }
    if (expander) value = expander(value);
    else if (key === 'from') {
      if (/\$[^\n]/u.test(value)) throw new MountParseError(`'${key}' doesn't support variable expansion, define alias stage instead`);
    } else continue;
    switch (key) {
      case 'type': {
        const v = value.toLowerCase() as MountType;
        if (!MOUNT_TYPES.includes(v)) throw new MountParseError(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, MOUNT_TYPES, true));
        m.type = v;
        break;
      }
      case 'from': m.from = value; break;
      case 'source': case 'src': m.source = value; break;
      case 'target': case 'dst': case 'destination': m.target = value; break;
      case 'readonly': case 'ro': m.readOnly = parseBool(key, value); roAuto = false; break;
      case 'readwrite': case 'rw': m.readOnly = !parseBool(key, value); roAuto = false; break;
      case 'required':
        if (m.type !== 'secret' && m.type !== 'ssh') throw new MountParseError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = parseBool(key, value);
        break;
      case 'size':
        if (m.type !== 'tmpfs') throw new MountParseError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.sizeLimit = ramInBytes(key, value);
        break;
      case 'id': m.cacheId = value; break;
      case 'env': m.env = value; break;
      case 'sharing': {
        const v = value.toLowerCase() as ShareMode;
        if (!SHARE_MODES.includes(v)) throw new MountParseError(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, SHARE_MODES, true));
        m.cacheSharing = v;
        break;
      }
      case 'mode':
        if (!/^[0-7]+$/.test(value) || Number.parseInt(value, 8) > 0xffffffff) throw new MountParseError(`invalid value ${value} for mode`);
        m.mode = Number.parseInt(value, 8);
        break;
      case 'uid':
      case 'gid': {
        if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new MountParseError(`invalid value ${value} for ${key}`);
        m[key] = Number(value);
        break;
      }
      default:
        throw new MountParseError(
          withSuggestion(`unexpected key '${key}' in '${field}'`, key, ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'mode', 'uid', 'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'size', 'env'], true),
        );
    }
  }
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  if (!fileInfoAllowed) {
    if (m.mode !== undefined) throw new MountParseError(`mode not allowed for ${goQuote(m.type)} type mounts`);
    if (m.uid !== undefined) throw new MountParseError(`uid not allowed for ${goQuote(m.type)} type mounts`);
    if (m.gid !== undefined) throw new MountParseError(`gid not allowed for ${goQuote(m.type)} type mounts`);
  }
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.type === 'secret') {
    if (m.from !== '') throw new MountParseError('secret mount should not have a from');
    if (m.cacheSharing !== '') throw new MountParseError('secret mount should not define sharing');
    if (m.source === '' && m.target === '' && m.cacheId === '') throw new MountParseError('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.cacheId !== '') throw new MountParseError("both source and id can't be set");
  }
  if (m.cacheSharing !== '' && m.type !== 'cache') throw new MountParseError(`invalid cache sharing set for ${m.type} mount`);
  return m;
}

/** The mounts of a RUN, with variables expanded by `expander`. Throws MountParseError. */
export function parseRunMounts(cmd: RunCommand, expander: (s: string) => string): Mount[] {
  return cmd.mountSpecs.map((s) => parseMount(s, expander));
}

// ---------------------------------------------------------------------------------------------
// meta args

/**
 * The values of the ARGs declared before the first FROM, as BuildKit computes them for FROM lines:
 * a --build-arg value wins, else the default (expanded with the meta args before it). A declared ARG
 * with neither is left out (it expands to ""). `predefined` (e.g. BUILDPLATFORM, TARGETARCH) are
 * visible to the defaults and included in the result. Throws ShellLexError.
 */
export function resolveMetaArgs(
  metaArgs: readonly ArgCommand[],
  buildArgs: Readonly<Record<string, string>> = {},
  predefined: Readonly<Record<string, string>> = {},
  escapeToken = '\\',
): Map<string, string> {
  const env = new Map<string, string>(Object.entries(predefined));
  const lex = new ShellLex({ escapeToken });
  for (const a of metaArgs) {
    for (const kv of a.args) {
      if (Object.prototype.hasOwnProperty.call(buildArgs, kv.key)) env.set(kv.key, buildArgs[kv.key]!);
      else if (kv.value !== undefined) env.set(kv.key, lex.processWord(kv.value, env));
    }
  }
  return env;
}

/** The base image of a stage with meta args expanded (`FROM alpine:$V`). Throws ShellLexError. */
export function expandBaseName(stage: Stage, metaEnv: ReadonlyMap<string, string>, escapeToken = '\\'): string {
  return new ShellLex({ escapeToken }).processWord(stage.baseName, metaEnv);
}

export type { Directive, Heredoc, Node, ParseWarning, SourceRange };
