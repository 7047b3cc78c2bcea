/** The editable line under the prompt: a buffer, a cursor and readline's editing commands. No DOM, no terminal. */
export class LineBuffer {
  text = '';
  pos = 0;
  private killed = '';

  set(text: string, pos = text.length) {
    this.text = text;
    this.pos = Math.max(0, Math.min(pos, text.length));
  }
  insert(s: string) {
    this.text = this.text.slice(0, this.pos) + s + this.text.slice(this.pos);
    this.pos += s.length;
  }
  backspace(): boolean {
    if (this.pos === 0) return false;
    this.text = this.text.slice(0, this.pos - 1) + this.text.slice(this.pos);
    this.pos--;
    return true;
  }
  del(): boolean {
    if (this.pos >= this.text.length) return false;
    this.text = this.text.slice(0, this.pos) + this.text.slice(this.pos + 1);
    return true;
  }
  left() {
    if (this.pos > 0) this.pos--;
  }
  right() {
    if (this.pos < this.text.length) this.pos++;
  }
  home() {
    this.pos = 0;
  }
  end() {
    this.pos = this.text.length;
  }
  /** Ctrl+K */
  killToEnd() {
    this.killed = this.text.slice(this.pos);
    this.text = this.text.slice(0, this.pos);
  }
  /** Ctrl+U */
  killToStart() {
    this.killed = this.text.slice(0, this.pos);
    this.text = this.text.slice(this.pos);
    this.pos = 0;
  }
  /** Ctrl+W: the whitespace-delimited word before the cursor (readline's unix-word-rubout). */
  killWordBack() {
    let i = this.pos;
    while (i > 0 && this.text[i - 1] === ' ') i--;
    while (i > 0 && this.text[i - 1] !== ' ') i--;
    this.killed = this.text.slice(i, this.pos);
    this.text = this.text.slice(0, i) + this.text.slice(this.pos);
    this.pos = i;
  }
  /** Ctrl+Y */
  yank() {
    if (this.killed) this.insert(this.killed);
  }
  /** Alt+B / Ctrl+Left */
  wordLeft() {
    let i = this.pos;
    while (i > 0 && !isWordChar(this.text[i - 1]!)) i--;
    while (i > 0 && isWordChar(this.text[i - 1]!)) i--;
    this.pos = i;
  }
  /** Alt+F / Ctrl+Right */
  wordRight() {
    let i = this.pos;
    while (i < this.text.length && !isWordChar(this.text[i]!)) i++;
    while (i < this.text.length && isWordChar(this.text[i]!)) i++;
    this.pos = i;
  }
}

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Command history with a draft: Up/Down walk it, editing a recalled line does not change the history. */
export class History {
  private entries: string[];
  private index: number;
  private draft = '';

  constructor(entries: string[] = [], private max = 1000) {
    this.entries = entries.slice(-max);
    this.index = this.entries.length;
  }
  get all(): readonly string[] {
    return this.entries;
  }
  add(line: string) {
    if (line.trim() === '') return;
    if (this.entries[this.entries.length - 1] !== line) this.entries.push(line);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    this.index = this.entries.length;
    this.draft = '';
  }
  resetCursor() {
    this.index = this.entries.length;
    this.draft = '';
  }
  /** Returns the older entry, or undefined at the oldest. `current` is saved as the draft when leaving it. */
  prev(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    this.index--;
    return this.entries[this.index];
  }
  next(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }
  /** Reverse search: the newest entry before `before` that contains `query`. */
  search(query: string, before = this.entries.length): { index: number; line: string } | undefined {
    for (let i = Math.min(before, this.entries.length) - 1; i >= 0; i--) {
      if (this.entries[i]!.includes(query)) return { index: i, line: this.entries[i]! };
    }
    return undefined;
  }
}

/** Longest common prefix of completion candidates. */
export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0]!;
  for (const s of items) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** Lays out completion candidates in columns like bash does. */
export function formatColumns(items: string[], width: number): string {
  const colWidth = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / colWidth));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      line += c === perRow - 1 ? item : item.padEnd(colWidth);
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\r\n');
}

/** Splits terminal input into keys: escape sequences stay whole, everything else is one character. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === '\x1b') {
      const m = /^\x1b(\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|[\s\S])?/.exec(data.slice(i))!;
      keys.push(m[0]);
      i += m[0].length;
    } else {
      const cp = data.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      keys.push(ch);
      i += ch.length;
    }
  }
  return keys;
}
