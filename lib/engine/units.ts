/** go-units sizes and Go's %g formatting, as the daemon uses them in progress strings. */

/** Go's strconv 'g' formatting with `prec` significant digits (%.{prec}g). */
export function goG(x: number, prec: number): string {
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  let s = x.toPrecision(prec);
  // toPrecision may switch to exponent form differently from Go: Go uses %e when exp < -4 || exp >= prec.
  const realExp = Number(Number(s).toExponential().split('e')[1]);
  if (realExp < -4 || realExp >= prec) {
    let [m, e] = Number(s).toExponential(prec - 1).split('e');
    if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  void exp;
  if (s.includes('e')) s = Number(s).toString();
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
/** units.HumanSizeWithPrecision (decimal, 1000-based). */
export function humanSizeWithPrecision(size: number, prec: number): string {
  let i = 0;
  while (size >= 1000 && i < DECIMAL.length - 1) {
    size /= 1000;
    i++;
  }
  return goG(size, prec) + DECIMAL[i];
}
/** units.HumanSize: 4 significant digits ("28.23MB"). */
export const humanSize = (n: number): string => humanSizeWithPrecision(n, 4);

/** jsonmessage.JSONProgress.String() as the daemon renders it (width 200, no time left). */
export function progressString(current: number, total: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  let pct = Math.floor((current / total) * 100) / 2;
  pct = Math.floor(pct);
  if (pct > 50) pct = 50;
  const bar = `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}] `;
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}
