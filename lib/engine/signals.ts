/** Linux signals as moby/sys/signal knows them (SignalMap), for STOPSIGNAL, docker kill -s and docker stop -s. */

const BASE: Record<string, number> = {
  ABRT: 6, ALRM: 14, BUS: 7, CHLD: 17, CLD: 17, CONT: 18, FPE: 8, HUP: 1, ILL: 4, INT: 2, IO: 29, IOT: 6, KILL: 9, PIPE: 13, POLL: 29,
  PROF: 27, PWR: 30, QUIT: 3, SEGV: 11, STKFLT: 16, STOP: 19, SYS: 31, TERM: 15, TRAP: 5, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, USR1: 10,
  USR2: 12, VTALRM: 26, WINCH: 28, XCPU: 24, XFSZ: 25, RTMIN: 34, RTMAX: 64,
};
/** Name (without SIG) -> number, RTMIN+1..15 and RTMAX-1..14 included. */
export const SIGNAL_MAP: Readonly<Record<string, number>> = (() => {
  const m: Record<string, number> = { ...BASE };
  for (let i = 1; i <= 15; i++) m[`RTMIN+${i}`] = 34 + i;
  for (let i = 1; i <= 14; i++) m[`RTMAX-${i}`] = 64 - i;
  return m;
})();

/**
 * moby/sys/signal.ParseSignal: a number Go's strconv.Atoi accepts (optional sign, fits in int64) other than 0, or a
 * SignalMap name after upper-casing and dropping one leading "SIG". Undefined when invalid: moby then answers
 * `invalid signal: <as given>`.
 */
export function parseSignal(s: string): number | undefined {
  if (/^[+-]?\d+$/.test(s)) {
    const digits = s.replace(/^[+-]/, '').replace(/^0+/, '');
    const fits = digits.length <= 18 || (digits.length === 19 && digits <= (s.startsWith('-') ? '9223372036854775808' : '9223372036854775807'));
    if (fits) return digits === '' ? undefined : Number(s);
  }
  const up = s.toUpperCase();
  return SIGNAL_MAP[up.startsWith('SIG') ? up.slice(3) : up];
}
