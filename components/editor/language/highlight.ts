/**
 * Build-step highlighting: decorate the lines of the Dockerfile instruction being built.
 * The builder emits events with the instruction's source range (lib/dockerfile SourceRange, 1-based lines);
 * the playground calls highlightStep(editor, range) on each step and highlightStep(editor, null) at the end.
 */
import type * as Monaco from 'monaco-editor/editor';

export interface StepRange {
  startLine: number;
  endLine: number;
}

const collections = new WeakMap<Monaco.editor.ICodeEditor, Monaco.editor.IEditorDecorationsCollection>();
const STYLE_ID = 'dockerfile-build-step-style';
export const STEP_LINE_CLASS = 'dockerfile-build-step';
/** The failing step: STEP_LINE_CLASS + '-error'. */
export const STEP_ERROR_CLASS = `${STEP_LINE_CLASS}-error`;
export const FLASH_LINE_CLASS = 'dockerfile-line-flash';
const flashes = new WeakMap<Monaco.editor.ICodeEditor, Monaco.editor.IEditorDecorationsCollection>();
const flashTokens = new WeakMap<Monaco.editor.ICodeEditor, number>();

function ensureStyle(): void {
  if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `
.monaco-editor .${STEP_LINE_CLASS} { background: rgba(36, 150, 237, 0.16); }
.monaco-editor .${STEP_LINE_CLASS}-glyph { background: #2496ed; width: 3px !important; margin-left: 3px; }
@keyframes dockerfile-build-step-pulse { from { background: rgba(36, 150, 237, 0.28); } to { background: rgba(36, 150, 237, 0.12); } }
.monaco-editor .${STEP_LINE_CLASS}-first { animation: dockerfile-build-step-pulse 0.6s ease-out; }
.monaco-editor .${STEP_LINE_CLASS}-error { background: rgba(255, 107, 122, 0.16); }
.monaco-editor .${STEP_LINE_CLASS}-error-glyph { background: #ff6b7a; width: 3px !important; margin-left: 3px; }
@keyframes dockerfile-line-flash { 0%, 40% { background: rgba(245, 215, 110, 0.30); } 100% { background: rgba(245, 215, 110, 0); } }
.monaco-editor .${FLASH_LINE_CLASS} { animation: dockerfile-line-flash 1.6s ease-out forwards; }
`;
  document.head.appendChild(style);
}

/**
 * Highlight the lines of the step being run (null clears). Scrolls the step into view when it is off screen.
 * `error` marks the failing step in red (it stays until the next call).
 */
export function highlightStep(editor: Monaco.editor.ICodeEditor, range: StepRange | null, kind: 'running' | 'error' = 'running'): void {
  let coll = collections.get(editor);
  if (!coll) {
    coll = editor.createDecorationsCollection();
    collections.set(editor, coll);
  }
  if (!range) {
    coll.clear();
    return;
  }
  ensureStyle();
  const model = editor.getModel();
  const max = model ? model.getLineCount() : range.endLine;
  const start = Math.max(1, Math.min(range.startLine, max));
  const end = Math.max(start, Math.min(range.endLine, max));
  const cls = kind === 'error' ? STEP_ERROR_CLASS : STEP_LINE_CLASS;
  coll.set([
    {
      range: { startLineNumber: start, startColumn: 1, endLineNumber: end, endColumn: 1 },
      options: { isWholeLine: true, className: cls, linesDecorationsClassName: `${cls}-glyph`, stickiness: 1 },
    },
    ...(kind === 'running'
      ? [{
          range: { startLineNumber: start, startColumn: 1, endLineNumber: start, endColumn: 1 },
          options: { isWholeLine: true, className: `${STEP_LINE_CLASS}-first` },
        }]
      : []),
  ]);
  editor.revealLinesInCenterIfOutsideViewport(start, end);
}

/** Scrolls a line into view, puts the cursor there and flashes it (layer explorer -> Dockerfile line). */
export function revealAndFlashLine(editor: Monaco.editor.ICodeEditor, line: number, endLine = line): void {
  ensureStyle();
  const model = editor.getModel();
  if (!model) return;
  const max = model.getLineCount();
  const start = Math.max(1, Math.min(line, max));
  const end = Math.max(start, Math.min(endLine, max));
  editor.revealLinesInCenter(start, end);
  editor.setPosition({ lineNumber: start, column: model.getLineFirstNonWhitespaceColumn(start) || 1 });
  let coll = flashes.get(editor);
  if (!coll) {
    coll = editor.createDecorationsCollection();
    flashes.set(editor, coll);
  }
  coll.clear(); // restart the animation
  coll.set([{ range: { startLineNumber: start, startColumn: 1, endLineNumber: end, endColumn: 1 }, options: { isWholeLine: true, className: FLASH_LINE_CLASS } }]);
  const token = (flashTokens.get(editor) ?? 0) + 1;
  flashTokens.set(editor, token);
  setTimeout(() => {
    if (flashTokens.get(editor) === token) coll.clear();
  }, 1800);
  editor.focus();
}
