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

function ensureStyle(): void {
  if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `
.monaco-editor .${STEP_LINE_CLASS} { background: rgba(36, 150, 237, 0.16); }
.monaco-editor .${STEP_LINE_CLASS}-glyph { background: #2496ed; width: 3px !important; margin-left: 3px; }
@keyframes dockerfile-build-step-pulse { from { background: rgba(36, 150, 237, 0.28); } to { background: rgba(36, 150, 237, 0.12); } }
.monaco-editor .${STEP_LINE_CLASS}-first { animation: dockerfile-build-step-pulse 0.6s ease-out; }
`;
  document.head.appendChild(style);
}

/** Highlight the lines of the step being run (null clears). Scrolls the step into view when it is off screen. */
export function highlightStep(editor: Monaco.editor.ICodeEditor, range: StepRange | null): void {
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
  coll.set([
    {
      range: { startLineNumber: start, startColumn: 1, endLineNumber: end, endColumn: 1 },
      options: { isWholeLine: true, className: STEP_LINE_CLASS, linesDecorationsClassName: `${STEP_LINE_CLASS}-glyph` },
    },
    {
      range: { startLineNumber: start, startColumn: 1, endLineNumber: start, endColumn: 1 },
      options: { isWholeLine: true, className: `${STEP_LINE_CLASS}-first` },
    },
  ]);
  editor.revealLinesInCenterIfOutsideViewport(start, end);
}
