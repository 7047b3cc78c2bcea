/**
 * Monaco adapters for the Dockerfile language service in lib/language: markers (debounced), quick fixes,
 * hovers, completion, folding, outline and go-to-definition. Call once after Monaco is loaded:
 *
 *   registerDockerfileLanguage(monaco, (model) => ({ dockerignore: [...] }))
 */
import type * as Monaco from 'monaco-editor/editor';
import {
  codeActions,
  completeAt,
  computeDiagnostics,
  createImageCatalog,
  definitionAt,
  documentSymbols,
  foldingRanges,
  hoverAt,
  scanDockerfile,
  type CompletionKind,
  type Diagnostic,
  type DocumentSymbol,
  type ImageCatalog,
  type Range,
} from '@/lib/language';

type MonacoApi = typeof Monaco;
type Model = Monaco.editor.ITextModel;

export interface DockerfileLanguageContext {
  /** the simulated registry (default: lib/engine's catalog) */
  catalog?: ImageCatalog;
  /** .dockerignore patterns of the build context, for CopyIgnoredFile */
  dockerignore?: readonly string[];
}

export const LANGUAGE_ID = 'dockerfile';
export const MARKER_OWNER = 'dockerfile-language';
const DEBOUNCE_MS = 200;

let registered: Monaco.IDisposable | null = null;
let defaultCatalog: ImageCatalog | undefined;

/** lib/language ranges (1-based lines, 0-based columns) to Monaco ranges (both 1-based). */
export function toMonacoRange(monaco: MonacoApi, r: Range): Monaco.Range {
  return new monaco.Range(r.startLine, r.startCol + 1, r.endLine, r.endCol + 1);
}

function severity(monaco: MonacoApi, d: Diagnostic): Monaco.MarkerSeverity {
  if (d.severity === 'error') return monaco.MarkerSeverity.Error;
  if (d.severity === 'warning') return monaco.MarkerSeverity.Warning;
  return monaco.MarkerSeverity.Info;
}

function completionKind(monaco: MonacoApi, k: CompletionKind): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  switch (k) {
    case 'keyword': return K.Keyword;
    case 'flag': return K.Property;
    case 'value': return K.EnumMember;
    case 'image': return K.Module;
    case 'tag': return K.Constant;
    case 'stage': return K.Class;
    case 'variable': return K.Variable;
  }
}

/**
 * Register the Dockerfile providers (idempotent: a second call returns the first registration).
 * `getContext` is asked for the model's build context each time diagnostics or completions are computed.
 */
export function registerDockerfileLanguage(
  monaco: MonacoApi,
  getContext: (model: Model) => DockerfileLanguageContext = () => ({}),
): Monaco.IDisposable {
  if (registered) return registered;
  const disposables: Monaco.IDisposable[] = [];
  const ctxOf = (model: Model) => {
    const c = getContext(model);
    return { ...c, catalog: c.catalog ?? (defaultCatalog ??= createImageCatalog()) };
  };
  const diagnosticsOf = (model: Model): Diagnostic[] => {
    const c = ctxOf(model);
    return computeDiagnostics(model.getValue(), { dockerignore: c.dockerignore });
  };

  // ---- markers, debounced per model
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const validate = (model: Model): void => {
    if (model.isDisposed()) return;
    if (model.getLanguageId() !== LANGUAGE_ID) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const markers: Monaco.editor.IMarkerData[] = diagnosticsOf(model).map((d) => {
      const r = toMonacoRange(monaco, d.range);
      return {
        severity: severity(monaco, d),
        message: d.message + (d.hint && d.severity !== 'error' ? `\n${d.hint}` : ''),
        source: 'dockerfile',
        code: d.url ? { value: d.code, target: monaco.Uri.parse(d.url) } : d.code === 'parse-error' || d.code === 'instruction-error' ? undefined : d.code,
        startLineNumber: r.startLineNumber,
        startColumn: r.startColumn,
        endLineNumber: r.endLineNumber,
        endColumn: r.endColumn,
      };
    });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  };
  const schedule = (model: Model, delay = DEBOUNCE_MS): void => {
    const key = model.uri.toString();
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      validate(model);
    }, delay));
  };
  const watch = (model: Model): void => {
    const subs = [
      model.onDidChangeContent(() => schedule(model)),
      model.onDidChangeLanguage(() => schedule(model, 0)),
      model.onWillDispose(() => {
        const key = model.uri.toString();
        const t = timers.get(key);
        if (t) clearTimeout(t);
        timers.delete(key);
        for (const s of subs) s.dispose();
      }),
    ];
    schedule(model, 0);
  };
  for (const m of monaco.editor.getModels()) watch(m);
  disposables.push(monaco.editor.onDidCreateModel(watch));

  const L = monaco.languages;
  const isDockerfile = (model: Model) => model.getLanguageId() === LANGUAGE_ID;

  disposables.push(L.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, pos) {
      const h = hoverAt(model.getValue(), pos.lineNumber, pos.column - 1, ctxOf(model));
      if (!h) return null;
      return { range: toMonacoRange(monaco, h.range), contents: [{ value: h.contents, isTrusted: false }] };
    },
  }));

  disposables.push(L.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' ', '-', '=', '$', '{', ':', ','],
    provideCompletionItems(model, pos) {
      if (!isDockerfile(model)) return { suggestions: [] };
      const r = completeAt(model.getValue(), pos.lineNumber, pos.column - 1, ctxOf(model));
      const range = toMonacoRange(monaco, r.range);
      return {
        suggestions: r.items.map((it) => ({
          label: it.label,
          kind: completionKind(monaco, it.kind),
          insertText: it.insertText,
          insertTextRules: it.snippet ? L.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          detail: it.detail,
          documentation: it.documentation ? { value: it.documentation } : undefined,
          sortText: it.sortText,
          filterText: it.filterText,
          range,
          command: it.retrigger ? { id: 'editor.action.triggerSuggest', title: 'Suggest' } : undefined,
        })),
      };
    },
  }));

  disposables.push(L.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions(model, range) {
      const text = model.getValue();
      const diags = diagnosticsOf(model);
      const acts = codeActions(text, diags, { startLine: range.startLineNumber, startCol: range.startColumn - 1, endLine: range.endLineNumber, endCol: range.endColumn - 1 }, ctxOf(model).catalog);
      const markers = monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: model.uri });
      return {
        actions: acts.map((a) => ({
          title: a.title,
          kind: 'quickfix',
          isPreferred: a.preferred,
          diagnostics: markers.filter((m) => (typeof m.code === 'string' ? m.code : m.code?.value) === a.code),
          edit: { edits: a.edits.map((e) => ({ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: toMonacoRange(monaco, e.range), text: e.text } })) },
        })),
        dispose() {},
      };
    },
  }, { providedCodeActionKinds: ['quickfix'] }));

  disposables.push(L.registerFoldingRangeProvider(LANGUAGE_ID, {
    provideFoldingRanges(model) {
      return foldingRanges(scanDockerfile(model.getValue())).map((f) => ({
        start: f.startLine,
        end: f.endLine,
        kind: f.kind === 'comment' ? L.FoldingRangeKind.Comment : f.kind === 'region' ? L.FoldingRangeKind.Region : undefined,
      }));
    },
  }));

  const symbolOf = (s: DocumentSymbol): Monaco.languages.DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'stage' ? L.SymbolKind.Class : s.kind === 'variable' ? L.SymbolKind.Variable : L.SymbolKind.Function,
    tags: [],
    range: toMonacoRange(monaco, s.range),
    selectionRange: toMonacoRange(monaco, s.selectionRange),
    children: s.children.map(symbolOf),
  });
  disposables.push(L.registerDocumentSymbolProvider(LANGUAGE_ID, {
    displayName: 'Dockerfile stages',
    provideDocumentSymbols(model) {
      return documentSymbols(scanDockerfile(model.getValue())).map(symbolOf);
    },
  }));

  disposables.push(L.registerDefinitionProvider(LANGUAGE_ID, {
    provideDefinition(model, pos) {
      const r = definitionAt(model.getValue(), pos.lineNumber, pos.column - 1);
      return r ? { uri: model.uri, range: toMonacoRange(monaco, r) } : null;
    },
  }));

  const all: Monaco.IDisposable = {
    dispose() {
      for (const d of disposables) d.dispose();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const m of monaco.editor.getModels()) monaco.editor.setModelMarkers(m, MARKER_OWNER, []);
      registered = null;
    },
  };
  registered = all;
  return all;
}
