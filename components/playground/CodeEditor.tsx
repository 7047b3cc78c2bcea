'use client';

/**
 * The Monaco editor, from the installed package (never a CDN): slim entry, all editor features, a few
 * Monarch languages. Load it with next/dynamic({ ssr: false }).
 */
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/ini/register';
import { highlightStep, registerDockerfileLanguage, revealAndFlashLine } from '@/components/editor/language';
import type { BuildStepUpdate } from './protocol';
import { parseDockerignore } from '@/lib/dockerfile/dockerignore';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

if (typeof window !== 'undefined' && !window.MonacoEnvironment) {
  window.MonacoEnvironment = {
    getWorker: () => new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), { type: 'module' }),
  };
}

// Dockerfile diagnostics, quick fixes, hovers and completion (lib/language via components/editor/language).
// The build context's .dockerignore feeds the CopyIgnoredFile lint (COPY of a file the build would not receive).
function dockerignorePatterns(): string[] | undefined {
  const model = monaco.editor.getModel(monaco.Uri.from({ scheme: 'workspace', path: '/.dockerignore' }));
  if (!model) return undefined;
  try {
    return parseDockerignore(model.getValue());
  } catch {
    return undefined; // a bad pattern is the build's error to report, not the editor's
  }
}
if (typeof window !== 'undefined') registerDockerfileLanguage(monaco, () => ({ dockerignore: dockerignorePatterns() }));

let themeDefined = false;
function defineTheme() {
  if (themeDefined) return;
  themeDefined = true;
  monaco.editor.defineTheme('playground-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '6cb6ff', fontStyle: 'bold' },
      { token: 'comment', foreground: '5c6a82', fontStyle: 'italic' },
      { token: 'string', foreground: '9ef0bf' },
      { token: 'variable', foreground: 'f5d76e' },
    ],
    colors: {
      'editor.background': '#0b0e14',
      'editor.foreground': '#d7dde8',
      'editorLineNumber.foreground': '#3a4559',
      'editorLineNumber.activeForeground': '#8b98ad',
      'editor.lineHighlightBackground': '#131824',
      'editor.lineHighlightBorder': '#00000000',
      'editorCursor.foreground': '#8cc8ff',
      'editor.selectionBackground': '#2496ed40',
      'editorIndentGuide.background1': '#1c2331',
      'editorWidget.background': '#131824',
      'editorWidget.border': '#283142',
      'scrollbarSlider.background': '#28314280',
      'scrollbarSlider.hoverBackground': '#3a4559a0',
      'editorGutter.background': '#0b0e14',
    },
  });
}

export function languageFor(path: string): string {
  const base = path.split('/').pop() ?? path;
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile') return 'dockerfile';
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  const map: Record<string, string> = {
    html: 'html', htm: 'html', sh: 'shell', bash: 'shell', js: 'javascript', mjs: 'javascript', cjs: 'javascript', json: 'javascript',
    py: 'python', yml: 'yaml', yaml: 'yaml', css: 'css', md: 'markdown', ini: 'ini', conf: 'ini', toml: 'ini', env: 'ini',
  };
  return map[ext] ?? 'plaintext';
}

/** What the page can ask of the editor once it is up. */
export interface CodeEditorHandle {
  /** A build's step: highlight it when its Dockerfile is open; a failure stays marked (red, with the error as a marker). */
  buildStep(u: BuildStepUpdate): void;
  /** Scroll to a line of a file (opened by the page), put the cursor there and flash it. */
  revealLine(path: string, line: number, endLine?: number): void;
  /** Focus the editor, with the cursor at the start of a 1-based line of the open file when given. */
  focus(line?: number): void;
}

/** Marker owner of build failures (cleared when the next build starts). */
export const BUILD_MARKER_OWNER = 'docker-build';

export interface CodeEditorProps {
  /** Text files by path (binary files are not given to the editor). */
  files: Record<string, string>;
  active: string | null;
  onChange(path: string, text: string): void;
  onBuild(): void;
  fontSize?: number;
  readOnly?: boolean;
  /** Called with the editor's handle when it is created, and null when it goes. */
  onReady?(handle: CodeEditorHandle | null): void;
}

const uriFor = (path: string) => monaco.Uri.from({ scheme: 'workspace', path: '/' + path });

export default function CodeEditor(props: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const applying = useRef(false);
  /** Texts this editor reported and the page may still echo back (stale renders must not undo typing). */
  const echoes = useRef(new Map<string, string[]>());
  /** The last build step (shown whenever its file is the open one). */
  const step = useRef<BuildStepUpdate | null>(null);
  const pendingReveal = useRef<{ path: string; line: number; endLine: number } | null>(null);
  /** A focus asked for before the open file's model is in the editor (the handle comes before the models). */
  const pendingFocus = useRef<{ line?: number } | null>(null);

  /** Puts the build step's highlight on the open file, or takes it off. */
  const applyStep = () => {
    const editor = editorRef.current;
    if (!editor) return;
    const s = step.current;
    const path = editor.getModel()?.uri.path.slice(1);
    if (!s || !s.range || s.path !== path || (s.state !== 'running' && s.state !== 'failed')) highlightStep(editor, null);
    else highlightStep(editor, s.range, s.state === 'failed' ? 'error' : 'running');
  };
  const applyFocus = () => {
    const editor = editorRef.current;
    const f = pendingFocus.current;
    const model = editor?.getModel();
    if (!editor || !f || !model) return;
    pendingFocus.current = null;
    if (f.line !== undefined) {
      const line = Math.max(1, Math.min(f.line, model.getLineCount()));
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.revealLineInCenterIfOutsideViewport(line);
    }
    editor.focus();
  };
  const applyReveal = () => {
    const editor = editorRef.current;
    const r = pendingReveal.current;
    if (!editor || !r || editor.getModel()?.uri.path.slice(1) !== r.path) return;
    pendingReveal.current = null;
    revealAndFlashLine(editor, r.line, r.endLine);
  };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    defineTheme();
    const editor = monaco.editor.create(host, {
      model: null,
      theme: 'playground-dark',
      automaticLayout: true,
      fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace',
      fontSize: propsRef.current.fontSize ?? 13.5,
      lineHeight: 21,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'all',
      padding: { top: 12, bottom: 12 },
      smoothScrolling: true,
      tabSize: 4,
      insertSpaces: true,
      wordWrap: 'on',
      fixedOverflowWidgets: true,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      accessibilitySupport: 'auto',
      ariaLabel: 'Dockerfile editor',
      readOnly: propsRef.current.readOnly ?? false,
    });
    editorRef.current = editor;
    propsRef.current.onReady?.({
      buildStep(u) {
        if (u.state === 'start') {
          for (const m of monaco.editor.getModels()) if (m.uri.scheme === 'workspace') monaco.editor.setModelMarkers(m, BUILD_MARKER_OWNER, []);
        }
        if (u.state === 'failed' && u.range) {
          const model = monaco.editor.getModel(uriFor(u.path));
          if (model) {
            const end = Math.min(u.range.endLine, model.getLineCount());
            monaco.editor.setModelMarkers(model, BUILD_MARKER_OWNER, [{
              severity: monaco.MarkerSeverity.Error,
              message: `docker build: ${u.message ?? 'this step failed'}`,
              source: 'docker build',
              startLineNumber: Math.min(u.range.startLine, end),
              startColumn: 1,
              endLineNumber: end,
              endColumn: model.getLineMaxColumn(end),
            }]);
          }
        }
        step.current = u;
        applyStep();
      },
      revealLine(path, line, endLine = line) {
        pendingReveal.current = { path, line, endLine };
        applyReveal();
      },
      focus(line) {
        pendingFocus.current = { line };
        applyFocus();
      },
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => propsRef.current.onBuild());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => undefined);
    const sub = editor.onDidChangeModelContent(() => {
      if (applying.current) return;
      const model = editor.getModel();
      if (!model) return;
      const path = model.uri.path.slice(1);
      const text = model.getValue();
      const list = echoes.current.get(path) ?? [];
      list.push(text);
      if (list.length > 500) list.splice(0, list.length - 500);
      echoes.current.set(path, list);
      propsRef.current.onChange(path, text);
    });
    return () => {
      propsRef.current.onReady?.(null);
      sub.dispose();
      editor.dispose();
      for (const m of monaco.editor.getModels()) if (m.uri.scheme === 'workspace') m.dispose();
      editorRef.current = null;
    };
  }, []);

  // Keep models in sync with the workspace (the console can change files too).
  useEffect(() => {
    const wanted = new Set(Object.keys(props.files));
    for (const m of monaco.editor.getModels()) {
      if (m.uri.scheme === 'workspace' && !wanted.has(m.uri.path.slice(1))) m.dispose();
    }
    for (const [path, text] of Object.entries(props.files)) {
      const uri = uriFor(path);
      const model = monaco.editor.getModel(uri);
      if (!model) {
        monaco.editor.createModel(text, languageFor(path), uri);
        continue;
      }
      const pending = echoes.current.get(path);
      const echo = pending ? pending.lastIndexOf(text) : -1;
      if (pending && echo >= 0) {
        // Our own edit coming back (possibly an older one): keep what is in the editor.
        pending.splice(0, echo + 1);
        continue;
      }
      echoes.current.delete(path);
      if (model.getValue() !== text) {
        applying.current = true;
        try {
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        } finally {
          applying.current = false;
        }
      }
    }
  }, [props.files]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const current = editor.getModel();
    if (current) viewStates.current.set(current.uri.path.slice(1), editor.saveViewState());
    const model = props.active ? monaco.editor.getModel(uriFor(props.active)) : null;
    if (model !== current) {
      editor.setModel(model);
      if (model && props.active) {
        const vs = viewStates.current.get(props.active);
        if (vs) editor.restoreViewState(vs);
      }
      applyStep();
    }
    applyReveal();
    applyFocus();
    // applyStep/applyReveal/applyFocus read refs only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.active, props.files]);

  return <div ref={hostRef} className="h-full w-full" data-testid="monaco-host" />;
}
