/** tonistiigi/units.Bytes printed with `%.2f`, as progressui shows transfer sizes. */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * Below 1000 the value is printed as an integer with Go's big.Int precision rule (at least 2 digits: `02B`, `245B`);
 * above, as a decimal number with 2 decimals and an SI unit (`1.23kB`, `26.70MB`).
 */
export function bytes2f(n: number): string {
  let i = 0;
  let base = 1;
  while (i < UNITS.length - 1 && n >= base * 1000) {
    base *= 1000;
    i++;
  }
  if (i === 0) return String(Math.trunc(n)).padStart(2, '0') + 'B';
  return (n / base).toFixed(2) + UNITS[i];
}

/** Go's `%.Nf` for a duration in seconds. */
export const secs = (ms: number, prec = 1): string => (ms / 1000).toFixed(prec);
