/**
 * The behaviour of docker's fork of Go's text/tabwriter (cli/command/formatter/tabwriter): elastic tabstops over
 * tab-terminated cells, widths measured in display columns (go-runewidth). Our own implementation.
 * Escape (\xff) and FilterHTML sequences are not interpreted.
 */
import { stringWidth } from './width';

/** Printable ASCII only: one column per character (fast path before stringWidth). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export const FilterHTML = 1;
export const StripEscape = 2;
export const AlignRight = 4;
export const DiscardEmptyColumns = 8;
export const TabIndent = 16;
export const Debug = 32;

interface Cell { text: string; width: number; htab: boolean }

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out = '';

  constructor(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number) {
    if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    this.flags = padchar === '\t' ? flags & ~AlignRight : flags;
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \t 9, \n 10, \v 11, \f 12
      if (c < 9 || c > 12) continue;
      const ch = text[i];
      this.cell += text.slice(start, i);
      start = i + 1;
      const line = this.lines[this.lines.length - 1];
      line.push({ text: this.cell, width: PRINTABLE_ASCII.test(this.cell) ? this.cell.length : stringWidth(this.cell), htab: ch === '\t' });
      this.cell = '';
      if (ch === '\n' || ch === '\f') {
        const ncells = line.length;
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) {
          this.flushInternal();
          if (ch === '\f' && this.flags & Debug) this.out += '---\n';
        }
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats everything buffered and returns all output produced since the last flush. */
  flush(): string {
    this.flushInternal();
    const out = this.out;
    this.out = '';
    return out;
  }

  private flushInternal(): void {
    if (this.cell.length > 0) {
      this.lines[this.lines.length - 1].push({ text: this.cell, width: stringWidth(this.cell), htab: false });
      this.cell = '';
    }
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      cellw = Math.floor((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error('internal error');
      this.out += '\t'.repeat(Math.floor((n + this.tabwidth - 1) / this.tabwidth));
      return;
    }
    if (cellw > textw) this.out += this.padchar.repeat(cellw - textw);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && this.flags & Debug) this.out += '|';
        if (c.text.length === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out += c.text;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out += c.text;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line: no newline; the incomplete cell was already terminated by flush
      } else this.out += '\n';
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= this.lines[t].length - 1) continue;
      this.writeLines(line0, t);
      line0 = t;
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        const line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & DiscardEmptyColumns) width = 0;
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t;
      t--; // the outer loop's t++ must re-examine line t (Go's loop continues from `this` without skipping)
    }
    this.writeLines(line0, line1);
  }
}

/**
 * What `new TabWriter(minwidth, tabwidth, padding, ' ', 0)`, one write of `text` and flush give, for the common table:
 * every line ends with '\n', has the same number (at least two) of tab-separated cells and no \v or \f. Then every
 * column spans all lines, so each is max(minwidth, widest cell + padding) wide and the last cell is not padded.
 * Undefined for any other text (the TabWriter handles it). Listings of thousands of rows take this path.
 */
export function tabulateUniform(text: string, minwidth: number, padding: number): string | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== 10 || text.includes('\v') || text.includes('\f')) return undefined;
  const lines = text.split('\n');
  lines.pop(); // after the final '\n'
  const rows: string[][] = new Array(lines.length);
  let ncells = -1;
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i].split('\t');
    if (ncells === -1) ncells = cells.length;
    else if (cells.length !== ncells) return undefined;
    rows[i] = cells;
  }
  if (ncells < 2) return undefined;
  const ncols = ncells - 1;
  const widths: number[] = new Array(ncols).fill(minwidth);
  const cellWidths: number[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i], w: number[] = new Array(ncols);
    for (let j = 0; j < ncols; j++) {
      const c = r[j];
      w[j] = PRINTABLE_ASCII.test(c) ? c.length : stringWidth(c);
      if (w[j] + padding > widths[j]) widths[j] = w[j] + padding;
    }
    cellWidths[i] = w;
  }
  const out: string[] = new Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i], w = cellWidths[i];
    let line = '';
    for (let j = 0; j < ncols; j++) line += r[j] + spaces(widths[j] - w[j]);
    out[i] = line + r[ncols];
  }
  out[rows.length] = '';
  return out.join('\n');
}

const SPACES: string[] = [''];
/** n spaces (n >= 0), from a table that grows on demand. */
export function spaces(n: number): string {
  if (n <= 0) return '';
  while (SPACES.length <= n) SPACES.push(SPACES[SPACES.length - 1] + ' ');
  return SPACES[n];
}
