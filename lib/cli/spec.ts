/** Help-text facts of one docker CLI command (see spec.generated.ts). */
export interface FlagSpec {
  name: string;
  short?: string;
  /** pflag's type name shown in help (`string`, `list`, `int`...); '' for bool flags. */
  type: string;
  /** The help text exactly as displayed after the type column, including `(default ...)`; `\n` for explicit line breaks. */
  help: string;
}
export interface CommandSpec {
  /** Usage line as printed by `--help` (`docker image ls [OPTIONS] [REPOSITORY[:TAG]]`). */
  usage: string;
  /** Long (or short) description, as printed. */
  description: string;
  /** The `Aliases:` line, when the command has aliases. */
  aliases?: string;
  flags: FlagSpec[];
  children: { name: string; short: string; section: string }[];
}
