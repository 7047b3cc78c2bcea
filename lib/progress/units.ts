/** tonistiigi/units.Bytes printed with `%.2f`, as progressui shows transfer sizes. */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/**
 * Below 1000 the value is a plain integer (`2B`, `245B`: what BuildKit in Docker 28 prints for an empty .dockerignore;
 * tonistiigi/units once padded it to the precision, `02B`, as 2019-era logs show); above, a decimal number with 2
 * decimals and an SI unit (`1.23kB`, `26.70MB`).
 */
export function bytes2f(n: number): string {
  let i = 0;
  let base = 1;
  while (i < UNITS.length - 1 && n >= base * 1000) {
    base *= 1000;
    i++;
  }
  if (i === 0) return String(Math.trunc(n)) + 'B';
  return (n / base).toFixed(2) + UNITS[i];
}

/** Go's `%.Nf` for a duration in seconds. */
export const secs = (ms: number, prec = 1): string => (ms / 1000).toFixed(prec);
