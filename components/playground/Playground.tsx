'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import type { SharePayload } from '@/lib/share';
import type { ShellSession } from '@/components/terminal/session';
import { Dialog } from './Dialog';
import { EngineHost, prestartEngineWorker } from './engine-host';
import { EditorPreview } from './EditorPreview';
import { FileIcon, FileTree } from './FileTree';
import { kv } from './idb';
import { WELCOME, defaultFiles } from './defaults';
import type { BuildStepUpdate, PublishedPort, WireFile } from './protocol';
import type { CodeEditorHandle, CodeEditorProps } from './CodeEditor';

// The terminal's stylesheet is the page's (4 KB), so that the terminal's chunk has no stylesheet of its own to wait for.
import '@xterm/xterm/css/xterm.css';

// What the first prompt needs starts loading when this module is evaluated, before React hydrates the page: the engine
// worker (its code loads in parallel with the page's), the terminal, and /play's saved console history, command log and
// tabs (IndexedDB can be slow to open on a busy machine). Monaco waits until the prompt is on screen.
let earlyPlayState: Promise<[string[] | undefined, string[] | undefined, UiState | undefined]> | null = null;
if (typeof window !== 'undefined') {
  prestartEngineWorker();
  void import('@/components/terminal/XTerminal');
  if (window.location.pathname.startsWith('/play')) earlyPlayState = readSaved('play');
}

function readSaved(namespace: string): Promise<[string[] | undefined, string[] | undefined, UiState | undefined]> {
  return Promise.all([kv.get<string[]>(`${namespace}:history`), kv.get<string[]>(`${namespace}:log`), kv.get<UiState>(`${namespace}:ui`)]);
}

const XTerminal = dynamic(() => import('@/components/terminal/XTerminal'), {
  ssr: false,
  loading: () => <TerminalPlaceholder />,
});
// The images/layers panel and the preview are below the fold of the first prompt: their code (lib/layers, the
// Dockerfile parser, the CLI's formatters) loads after the page is interactive. The placeholders keep the panel's size.
const ImagePanel = dynamic(() => import('./ImagePanel').then((m) => m.ImagePanel), {
  ssr: false,
  loading: () => <PanelPlaceholder label="Loading images and layers" />,
});
const PreviewPanel = dynamic(() => import('@/components/preview/PreviewPanel').then((m) => m.PreviewPanel), {
  ssr: false,
  loading: () => <PanelPlaceholder label="Loading the preview" />,
});
/** Share links' codec (and its deflate library): loaded only for a link to open or one to make. */
const loadShare = () => import('@/lib/share');
type ShareModule = Awaited<ReturnType<typeof loadShare>>;

const enc = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The engine clock's reading for each logged command, matched from the newest back against what this page ran.
 * Undefined when some command ran before this page (an earlier visit): a replay then uses its own clock.
 */
function commandTimes(host: EngineHost, log: readonly string[]): number[] | undefined {
  const ran = host.ran;
  if (ran.length < log.length) return undefined;
  const times: number[] = [];
  for (let i = log.length - 1, j = ran.length - 1; i >= 0; i--, j--) {
    if (ran[j]!.line !== log[i]) return undefined;
    times.unshift(ran[j]!.at);
  }
  return times;
}

function textOf(f: WireFile): string | null {
  try {
    return strictDecoder.decode(f.data);
  } catch {
    return null;
  }
}

function sortPaths(paths: string[]): string[] {
  const rank = (p: string) => (/^dockerfile$/i.test(p) ? 0 : p === '.dockerignore' ? 1 : 2);
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function validatePath(path: string, existing: string[], from?: string): string | null {
  if (path.startsWith('/')) return 'Use a path relative to the build context.';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'That is not a valid path.';
  if (/[\u0000-\u001f\\]/.test(path)) return 'That name has characters a path cannot hold.';
  if (path.length > 255) return 'That name is too long.';
  if (path !== from && existing.includes(path)) return `${path} already exists.`;
  return null;
}

type Pane = 'editor' | 'terminal' | 'images' | 'preview';
type Panel = 'images' | 'preview';

interface UiState { tabs: string[]; active: string | null }

export interface PlaygroundProps {
  /** `play`: the full playground, persisted. `embed`: editor + console for lesson pages, not persisted. */
  mode: 'play' | 'embed';
}

interface Boot {
  host: EngineHost;
  history: string[];
  replay: string[];
  log: string[];
}

export default function Playground({ mode }: PlaygroundProps) {
  const namespace = mode === 'play' ? 'play' : null;
  const [generation, setGeneration] = useState(0);
  const [boot, setBoot] = useState<Boot | null>(null);
  const [files, setFiles] = useState<WireFile[]>([]);
  const [ui, setUi] = useState<UiState>({ tabs: [], active: null });
  const [engine, setEngine] = useState<'real' | 'loading'>('loading');
  const [ready, setReady] = useState(false);
  const [haveFiles, setHaveFiles] = useState(false);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [pane, setPane] = useState<Pane>('editor');
  /** The lower panel on wide screens: images and layers, or the preview of published ports. */
  const [panel, setPanel] = useState<Panel>('images');
  const [ports, setPorts] = useState<PublishedPort[] | null>(null);
  const portsRef = useRef<PublishedPort[] | null>(null);
  /** Ports published since the preview was last looked at (the tab's dot). */
  const [newPorts, setNewPorts] = useState(false);
  const [tag, setTag] = useState('app');
  const [shareOpen, setShareOpen] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  /** Phones: the file tree in a dialog (the side bar is for wide screens). */
  const [filesOpen, setFilesOpen] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [screenReader, setScreenReader] = useState(false);
  const sessionRef = useRef<ShellSession | null>(null);
  const editorRef = useRef<CodeEditorHandle | null>(null);
  /** The last build step event: replayed to an editor that mounts later; its path is the Dockerfile last built. */
  const buildStepRef = useRef<BuildStepUpdate | null>(null);
  /** A Dockerfile line to reveal (the layer explorer's link) once the editor has loaded. */
  const editorReveal = useRef<{ path: string; line: number } | null>(null);
  const logRef = useRef<string[]>([]);
  const uiLoaded = useRef<UiState | null>(null);
  const fresh = useRef(false);

  const onBuildStep = (u: BuildStepUpdate) => {
    buildStepRef.current = u;
    editorRef.current?.buildStep(u);
  };
  const onEditorReady = useCallback((h: CodeEditorHandle | null) => {
    editorRef.current = h;
    if (h && buildStepRef.current) h.buildStep(buildStepRef.current);
    // The user clicked or typed in the read-only preview: the editor takes the focus (and the line clicked).
    const focus = editorFocus.current;
    editorFocus.current = null;
    const reveal = editorReveal.current;
    editorReveal.current = null;
    if (h && reveal) h.revealLine(reveal.path, reveal.line);
    // (unless the focus has moved on to something else, the console say, while the editor loaded)
    const active = document.activeElement;
    if (h && focus && !reveal && (!active || active === document.body)) h.focus(focus.line);
  }, []);

  // ---------- boot: saved state, a share link, or the defaults ----------
  useEffect(() => {
    let cancelled = false;
    let host: EngineHost | null = null;
    (async () => {
      let shared: SharePayload | null = null;
      let shareError: string | null = null;
      const hash = window.location.hash;
      if (hash.length > 1) {
        const share = await loadShare();
        if (share.isShareHash(hash)) {
          try {
            shared = share.decodeShare(hash);
          } catch (e) {
            shareError = e instanceof share.ShareError ? e.message : 'share link: could not be read';
          }
        }
        if (cancelled) return;
      }
      if (!shared && mode === 'embed') {
        const q = new URLSearchParams(window.location.search);
        const cmds = q.getAll('cmd');
        if (cmds.length) shared = { files: defaultFiles().map((f) => ({ path: f.path, data: f.data })), commands: cmds };
      }
      const isFresh = fresh.current;
      fresh.current = false;
      const startFiles: WireFile[] | undefined = shared
        ? shared.files.map((f) => ({ path: f.path, data: f.data, mode: f.mode ?? 0o644, ...(f.mtime !== undefined ? { mtime: f.mtime } : {}) }))
        : isFresh || mode === 'embed'
          ? defaultFiles()
          : undefined;
      host = new EngineHost(
        { namespace, files: startFiles, fresh: isFresh },
        {
          onReady: (info) => {
            if (cancelled) return;
            setFiles(info.files);
            setHaveFiles(true);
            setEngine(info.engine);
            setReady(true);
            setVersion((v) => v + 1);
          },
          onFiles: (f) => {
            if (cancelled) return;
            setFiles(f);
            setHaveFiles(true);
          },
          onChanged: () => setVersion((v) => v + 1),
          onRestart: (reason) => {
            setToast(`Engine restarted (${reason}); restored the last saved state.`);
            const last = buildStepRef.current;
            if (last && (last.state === 'start' || last.state === 'running')) onBuildStep({ path: last.path, state: 'done', range: null });
          },
          onBuildStep: (u) => {
            if (!cancelled) onBuildStep(u);
          },
        },
      );
      // A link that carries the sharer's clock readings replays with them: same image and container IDs.
      if (shared?.times) host.setReplayTimes(shared.times);
      // The engine boots meanwhile (the worker was told to start above, before these reads).
      const early = namespace === 'play' ? earlyPlayState : null;
      earlyPlayState = null; // read once: after a reset, or a second mount, read afresh
      const [history, log, savedUi] = namespace && !isFresh ? await (early ?? readSaved(namespace)) : [undefined, undefined, undefined];
      if (cancelled) return;
      uiLoaded.current = shared ? (shared.active ? { tabs: [shared.active], active: shared.active } : null) : savedUi ?? null;
      const replay = shared?.commands ?? [];
      logRef.current = shared ? [] : log ?? [];
      if (shared && namespace) {
        void kv.set(`${namespace}:log`, []);
        history_replace();
      }
      if (shareError) setToast(`${shareError}. Opened your saved playground instead.`);
      setBoot({ host, history: history ?? [], replay, log: logRef.current });
    })();
    return () => {
      cancelled = true;
      host?.dispose();
      setBoot(null);
      setReady(false);
      setHaveFiles(false);
    };
  }, [generation, mode, namespace]);

  // ---------- the editor (Monaco) loads once the console's prompt is up, or at once when the user reaches for it ----------
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  const editorLoad = useRef<Promise<void> | null>(null);
  /** A line the user clicked in the preview, or a Dockerfile line to reveal, waiting for the editor. */
  const editorFocus = useRef<{ line?: number } | null>(null);
  /** The user asked for the editor (clicked or typed in the preview, followed a layer's line): no more waiting. */
  const editorUrgent = useRef(false);
  const lastInput = useRef(-Infinity);
  const busyRef = useRef(false);
  busyRef.current = busy;
  useEffect(() => {
    const note = () => {
      lastInput.current = performance.now();
    };
    window.addEventListener('keydown', note, true);
    window.addEventListener('pointerdown', note, true);
    return () => {
      window.removeEventListener('keydown', note, true);
      window.removeEventListener('pointerdown', note, true);
    };
  }, []);
  const loadEditor = useCallback((urgent = false) => {
    if (urgent) editorUrgent.current = true;
    const deadline = performance.now() + 12_000;
    editorLoad.current ??= import('./load-editor').then((m) =>
      m.loadCodeEditor(() => m.whenQuiet({ lastInput: () => lastInput.current, busy: () => busyRef.current, urgent: () => editorUrgent.current, deadline })),
    ).then(
      (component) => setEditor(() => component),
      (e: unknown) => {
        editorLoad.current = null; // a failed fetch may be retried by the next click
        console.error('the editor could not be loaded', e);
      },
    );
  }, []);
  const wakeEditor = useCallback(
    (line?: number) => {
      // (a click is pointerdown, then focus: the focus must not drop the line the pointer chose)
      editorFocus.current = { line: line ?? editorFocus.current?.line };
      loadEditor(true);
    },
    [loadEditor],
  );
  const [promptShown, setPromptShown] = useState(false);
  const onPromptShown = useCallback(() => setPromptShown(true), []);
  useEffect(() => {
    // Once the prompt is on screen and the engine is up (its start in the worker needs the CPU too); each stage then
    // waits for a quiet moment (see load-editor.ts), counted from now: a first command typed at once goes first.
    if (!promptShown || !ready) return;
    lastInput.current = Math.max(lastInput.current, performance.now());
    loadEditor();
  }, [promptShown, ready, loadEditor]);
  useEffect(() => {
    // Should the console or the engine never come up, the editor loads anyway.
    const t = setTimeout(() => loadEditor(), 15_000);
    return () => clearTimeout(t);
  }, [loadEditor]);

  // Replays a share link's commands once the terminal is up.
  const replayed = useRef<Boot | null>(null);
  const onSession = useCallback(
    (s: ShellSession | null) => {
      sessionRef.current = s;
      if (s) onPromptShown();
      if (s && boot && replayed.current !== boot && boot.replay.length) {
        replayed.current = boot;
        void (async () => {
          for (const line of boot.replay) await s.runCommand(line);
        })();
      }
    },
    [boot, onPromptShown],
  );

  // ---------- open tabs ----------
  const paths = useMemo(() => sortPaths(files.map((f) => f.path)), [files]);
  const booted = boot !== null;
  useEffect(() => {
    // Waits for boot too: the saved tabs are read while the engine starts, and its files may come first.
    if (!haveFiles || !booted) return;
    setUi((prev) => {
      const base = uiLoaded.current ?? prev;
      uiLoaded.current = null;
      let tabs = base.tabs.filter((t) => paths.includes(t));
      let active = base.active && paths.includes(base.active) ? base.active : null;
      if (!active) active = tabs[0] ?? paths.find((p) => /^dockerfile$/i.test(p)) ?? paths[0] ?? null;
      if (active && !tabs.includes(active)) tabs = [...tabs, active];
      if (tabs.length === prev.tabs.length && tabs.every((t, i) => t === prev.tabs[i]) && active === prev.active) return prev;
      return { tabs, active };
    });
  }, [paths, haveFiles, booted]);

  useEffect(() => {
    if (namespace && haveFiles && booted) void kv.set(`${namespace}:ui`, ui);
  }, [ui, namespace, haveFiles, booted]);

  const textFiles = useMemo(() => {
    const out: Record<string, string> = {};
    for (const f of files) {
      const t = textOf(f);
      if (t !== null) out[f.path] = t;
    }
    return out;
  }, [files]);

  const openFile = (path: string) => {
    setUi((u) => ({ tabs: u.tabs.includes(path) ? u.tabs : [...u.tabs, path], active: path }));
    setPane('editor');
  };
  const closeTab = (path: string) => {
    setUi((u) => {
      const i = u.tabs.indexOf(path);
      const tabs = u.tabs.filter((t) => t !== path);
      const active = u.active === path ? tabs[Math.min(i, tabs.length - 1)] ?? null : u.active;
      return { tabs, active };
    });
  };

  // ---------- workspace edits ----------
  const host = boot?.host ?? null;

  // Published ports of running containers, after every command (the preview's list and its tab's dot).
  const previewOpen = pane === 'preview' || panel === 'preview';
  useEffect(() => {
    if (!host || !ready) return;
    let live = true;
    void host.query({ kind: 'ports' }).then((r) => {
      if (!live || r.kind !== 'ports') return;
      const before = new Set((portsRef.current ?? []).map((p) => p.hostPort));
      if (r.ports.some((p) => !before.has(p.hostPort))) setNewPorts(true);
      portsRef.current = r.ports;
      setPorts(r.ports);
    });
    return () => {
      live = false;
    };
  }, [host, ready, version]);
  useEffect(() => {
    if (previewOpen) setNewPorts(false);
  }, [previewOpen, ports]);
  const onEdit = useCallback(
    (path: string, text: string) => {
      const data = enc.encode(text);
      setFiles((fs) => fs.map((f) => (f.path === path ? { ...f, data } : f)));
      host?.write(path, data);
    },
    [host],
  );
  const createFile = (path: string) => {
    const data = new Uint8Array();
    setFiles((fs) => [...fs, { path, data, mode: 0o644 }]);
    host?.write(path, data, 0o644);
    openFile(path);
  };
  const renameFile = (from: string, to: string) => {
    setFiles((fs) => fs.map((f) => (f.path === from ? { ...f, path: to } : f)));
    setUi((u) => ({ tabs: u.tabs.map((t) => (t === from ? to : t)), active: u.active === from ? to : u.active }));
    host?.rename(from, to);
  };
  const uploadFiles = (list: { path: string; data: Uint8Array }[]) => {
    const names = new Set(list.map((f) => f.path));
    setFiles((fs) => [...fs.filter((f) => !names.has(f.path)), ...list.map((f) => ({ path: f.path, data: f.data, mode: 0o644 }))]);
    for (const f of list) host?.write(f.path, f.data, 0o644);
    if (list[0]) openFile(list[0].path);
    setToast(`Uploaded ${list.length === 1 ? list[0]!.path : `${list.length} files`} into the build context.`);
  };
  const deleteFile = (path: string) => {
    setFiles((fs) => fs.filter((f) => f.path !== path));
    closeTab(path);
    host?.remove(path);
  };

  /** Layer explorer -> Dockerfile: open the Dockerfile last built (or the open one) at that line and flash it. */
  const revealLine = useCallback(
    (line: number) => {
      const path = buildStepRef.current?.path ?? (ui.active && /dockerfile/i.test(ui.active) ? ui.active : paths.find((p) => /^dockerfile$/i.test(p)));
      if (!path || !paths.includes(path)) return;
      setUi((u) => ({ tabs: u.tabs.includes(path) ? u.tabs : [...u.tabs, path], active: path }));
      setPane('editor');
      if (editorRef.current) editorRef.current.revealLine(path, line);
      else {
        editorReveal.current = { path, line };
        loadEditor(true);
      }
    },
    [paths, ui.active, loadEditor],
  );

  // ---------- actions ----------
  const run = useCallback((line: string) => {
    setPane('terminal');
    void sessionRef.current?.runCommand(line);
  }, []);

  const build = useCallback(() => {
    const name = tag.trim() || 'app';
    run(`docker build -t ${name} .`);
  }, [run, tag]);

  // Files' modification times (COPY keeps them in layers): asked of the worker when the share dialog opens.
  const [shareMtimes, setShareMtimes] = useState<Record<string, number> | null>(null);
  useEffect(() => {
    if (!shareOpen) {
      setShareMtimes(null);
      return;
    }
    if (!host) return;
    let live = true;
    void host
      .query({ kind: 'mtimes' })
      .then((r) => { if (live) setShareMtimes(r.kind === 'mtimes' ? r.mtimes : {}); })
      .catch(() => { if (live) setShareMtimes({}); });
    return () => {
      live = false;
    };
  }, [shareOpen, host, files]);

  // The share codec: loaded when the dialog opens (or, in an embed, once the engine is up, for "Open in playground").
  const [share, setShare] = useState<ShareModule | null>(null);
  useEffect(() => {
    if (share || !(shareOpen || (mode === 'embed' && ready))) return;
    let live = true;
    void loadShare().then((m) => { if (live) setShare(m); });
    return () => {
      live = false;
    };
  }, [share, shareOpen, mode, ready]);

  const shareUrl = useMemo(() => {
    if (!shareOpen || !shareMtimes || !share) return null;
    try {
      const link = share.encodeShare({
        files: files.map((f) => ({ path: f.path, data: f.data, mode: f.mode, ...(shareMtimes[f.path] !== undefined ? { mtime: shareMtimes[f.path] } : {}) })),
        commands: logRef.current,
        active: ui.active ?? undefined,
        times: host ? commandTimes(host, logRef.current) : undefined,
      });
      return { url: `${window.location.origin}/play/#${link}`, embed: `${window.location.origin}/embed/#${link}`, error: null };
    } catch (e) {
      return { url: '', embed: '', error: e instanceof Error ? e.message : String(e) };
    }
  }, [shareOpen, shareMtimes, share, files, ui.active, host]);

  const doReset = async () => {
    setResetOpen(false);
    if (namespace) {
      await Promise.all([kv.del(`${namespace}:history`), kv.del(`${namespace}:log`), kv.del(`${namespace}:ui`)]);
    }
    logRef.current = [];
    fresh.current = true;
    setFiles([]);
    setUi({ tabs: [], active: null });
    setGeneration((g) => g + 1);
    setToast('Started clean: default files, no images, no containers.');
  };

  // Global shortcuts: Ctrl/Cmd+Enter builds; Ctrl+S is a no-op (everything saves itself); Ctrl+` focuses the console.
  const shortcut = useCallback(
    (ev: KeyboardEvent): boolean => {
      const mod = ev.ctrlKey || ev.metaKey;
      if (mod && ev.key === 'Enter') {
        build();
        return true;
      }
      if (mod && (ev.key === 's' || ev.key === 'S')) return true;
      return false;
    },
    [build],
  );
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (shortcut(ev)) ev.preventDefault();
      else if (ev.ctrlKey && ev.key === '`') {
        ev.preventDefault();
        setPane('terminal');
        (document.querySelector('[data-testid="terminal"] textarea') as HTMLTextAreaElement | null)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(t);
  }, [toast]);

  const onHistoryChange = useCallback(
    (entries: readonly string[]) => {
      if (namespace) void kv.set(`${namespace}:history`, [...entries]);
    },
    [namespace],
  );
  const onCommand = useCallback(
    (line: string) => {
      logRef.current = [...logRef.current, line].slice(-200);
      if (namespace) void kv.set(`${namespace}:log`, logRef.current);
    },
    [namespace],
  );

  const activeText = ui.active !== null ? textFiles[ui.active] : undefined;
  const activeIsBinary = ui.active !== null && activeText === undefined && files.some((f) => f.path === ui.active);
  const embed = mode === 'embed';

  // ---------- layout ----------
  const paneClass = (p: Pane) => (pane === p ? 'flex' : 'hidden lg:flex');

  const editorPane = (
    <section aria-label="Editor" className={`${paneClass('editor')} min-h-0 min-w-0 flex-1 flex-col bg-ink-900`}>
      <div className="flex h-9 shrink-0 items-stretch overflow-x-auto border-b border-ink-700 bg-ink-900 scroll-thin" role="tablist" aria-label="Open files">
        {ui.tabs.map((t) => (
          <div
            key={t}
            role="tab"
            aria-selected={ui.active === t}
            className={`group flex shrink-0 items-center gap-2 border-r border-ink-700 pl-3 pr-1.5 font-mono text-[12.5px] ${ui.active === t ? 'bg-ink-850 text-white shadow-[inset_0_2px_0_0_var(--color-whale-500)]' : 'text-slate-500 hover:text-slate-300'}`}
          >
            <button
              type="button"
              className="flex items-center gap-2 py-2"
              onClick={() => setUi((u) => ({ ...u, active: t }))}
              onAuxClick={(e) => {
                if (e.button === 1) closeTab(t);
              }}
            >
              <FileIcon path={t} />
              {t}
            </button>
            <button
              type="button"
              aria-label={`Close ${t}`}
              onClick={() => closeTab(t)}
              className={`rounded p-0.5 text-slate-500 hover:bg-ink-700 hover:text-white ${ui.active === t ? 'opacity-100' : 'opacity-0 group-hover:opacity-100'}`}
            >
              <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
              </svg>
            </button>
          </div>
        ))}
        {!embed && (
          <button
            type="button"
            onClick={() => setFilesOpen(true)}
            className="ml-auto mr-2 flex shrink-0 items-center gap-1.5 self-center rounded border border-ink-700 bg-ink-850 px-2 py-0.5 text-xs text-slate-300 lg:hidden"
            aria-label="Files of the build context"
          >
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
              <path d="M1.5 3.5h5l1.5 1.5h6.5v8h-13z" />
            </svg>
            Files
          </button>
        )}
      </div>
      <div className="relative min-h-0 flex-1" data-testid="dockerfile-editor">
        {haveFiles && booted ? (
          activeIsBinary ? (
            <div className="p-6 text-sm text-slate-500">{ui.active} is a binary file; it is part of the build context but cannot be edited here.</div>
          ) : ui.active === null ? (
            <div className="p-6 text-sm text-slate-500">No file open. Create one with + in the file list.</div>
          ) : Editor ? (
            <Editor files={textFiles} active={ui.active} onChange={onEdit} onBuild={build} onReady={onEditorReady} />
          ) : (
            <EditorPreview path={ui.active} text={activeText ?? ''} onWake={wakeEditor} />
          )
        ) : (
          <EditorPlaceholder />
        )}
      </div>
    </section>
  );

  const terminalPane = (
    <section aria-label="Console" className={`${paneClass('terminal')} min-h-0 min-w-0 flex-1 flex-col border-ink-700 bg-[#0b0e14] lg:border-l`}>
      <div className="flex h-9 shrink-0 items-center gap-2 border-b border-ink-700 px-3 text-[11px] font-semibold uppercase tracking-wider text-slate-500">
        <span>Console</span>
        {busy && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-whale-400" aria-label="running" />}
        <span className="ml-auto flex items-center gap-1 normal-case tracking-normal">
          <button
            type="button"
            onClick={() => setScreenReader((v) => !v)}
            aria-pressed={screenReader}
            title="Screen reader mode"
            className={`rounded px-1.5 py-0.5 text-[11px] ${screenReader ? 'bg-whale-500/20 text-whale-300' : 'text-slate-500 hover:bg-ink-800 hover:text-slate-300'}`}
          >
            Screen reader
          </button>
          <button
            type="button"
            onClick={() => sessionRef.current?.clearScreen()}
            title="Clear (Ctrl+L)"
            className="rounded px-1.5 py-0.5 text-[11px] text-slate-500 hover:bg-ink-800 hover:text-slate-300"
          >
            Clear
          </button>
        </span>
      </div>
      <div className="min-h-0 flex-1" data-testid="terminal">
        {boot ? (
          <XTerminal
            key={generation}
            console={boot.host}
            history={boot.history}
            banner={WELCOME}
            screenReaderMode={screenReader}
            onHistoryChange={onHistoryChange}
            onBusyChange={setBusy}
            onCommand={onCommand}
            onSession={onSession}
            onShortcut={shortcut}
          />
        ) : (
          <TerminalPlaceholder />
        )}
      </div>
    </section>
  );

  const lower: Panel = pane === 'preview' ? 'preview' : pane === 'images' ? 'images' : panel;
  const showPanel = (p: Panel) => {
    setPanel(p);
    if (pane === 'images' || pane === 'preview') setPane(p);
  };
  const portCount = ports?.length ?? 0;
  const imagesPane = (
    <section
      aria-label={lower === 'preview' ? 'Preview' : 'Images and layers'}
      className={`${pane === 'images' || pane === 'preview' ? 'flex' : 'hidden lg:flex'} min-h-0 flex-1 flex-col border-ink-700 ${lower === 'preview' ? 'lg:h-[55%]' : 'lg:h-[46%]'} lg:flex-none lg:shrink-0 lg:border-t`}
    >
      <div className="hidden h-8 shrink-0 items-stretch gap-1 border-b border-ink-700 bg-ink-950 px-2 lg:flex" role="tablist" aria-label="Panels">
        {(['images', 'preview'] as Panel[]).map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={lower === p}
            data-testid={p === 'preview' ? 'preview-tab' : 'images-tab'}
            onClick={() => showPanel(p)}
            className={`flex items-center gap-1.5 px-2.5 text-[12px] font-medium ${lower === p ? 'text-white shadow-[inset_0_-2px_0_0_var(--color-whale-500)]' : 'text-slate-500 hover:text-slate-300'}`}
          >
            {p === 'images' ? 'Images & layers' : 'Preview'}
            {p === 'preview' && portCount > 0 && (
              <span className={`rounded px-1 font-mono text-[10px] ${newPorts ? 'bg-emerald-500/20 text-emerald-300' : 'bg-ink-800 text-slate-400'}`} aria-label={`${portCount} published port${portCount === 1 ? '' : 's'}`}>
                {portCount}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1">
        {lower === 'preview' ? (
          <PreviewPanel host={host} ports={ports} />
        ) : promptShown ? (
          <ImagePanel host={host} version={version} engine={engine} onRun={run} onRevealLine={revealLine} />
        ) : (
          // Its code (lib/layers, the Dockerfile parser) waits until the console's prompt is up: no image to show before.
          <PanelPlaceholder label="Loading images and layers" />
        )}
      </div>
    </section>
  );

  return (
    <div className={`flex min-h-0 flex-col ${embed ? 'h-dvh' : 'h-[calc(100dvh-3rem)]'}`}>
      {/* toolbar */}
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-ink-700 bg-ink-950 px-3 sm:px-4">
        <div className="flex items-center overflow-hidden rounded-lg border border-ink-600 bg-ink-900">
          <button
            type="button"
            data-testid="build-button"
            onClick={build}
            disabled={!boot}
            title="Build (Ctrl+Enter)"
            className="flex items-center gap-2 bg-whale-500 px-3 py-1.5 text-sm font-semibold text-white hover:bg-whale-400 disabled:opacity-60"
          >
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="currentColor" aria-hidden="true">
              <path d="M4 2.5v11l9-5.5z" />
            </svg>
            Build
            <span className="hidden font-normal text-white/70 xl:inline">Ctrl+↵</span>
          </button>
          <label className="flex items-center py-1.5 pl-2.5 pr-1 font-mono text-xs text-slate-500" title="Tag for the image">
            <span className="hidden sm:inline">-t&nbsp;</span>
            <input
              value={tag}
              onChange={(e) => setTag(e.target.value.replace(/\s/g, ''))}
              aria-label="Image tag"
              spellCheck={false}
              className="w-16 bg-transparent text-slate-200 outline-none sm:w-24"
            />
          </label>
        </div>
        {!embed && (
          <>
            <button
              type="button"
              data-testid="share-button"
              onClick={() => setShareOpen(true)}
              className="flex items-center gap-1.5 rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-slate-300 hover:border-ink-500 hover:bg-ink-850 hover:text-white"
            >
              <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 014 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 01-4-4L5 7.5" />
              </svg>
              Share
            </button>
            <button
              type="button"
              data-testid="reset-button"
              onClick={() => setResetOpen(true)}
              className="rounded-lg px-3 py-1.5 text-sm text-slate-400 hover:bg-ink-850 hover:text-white"
            >
              Reset
            </button>
          </>
        )}
        {embed && host && (
          <a
            href="/play/"
            onClick={(e) => {
              if (!share) return; // not loaded yet: open the plain playground
              try {
                const link = share.encodeShare({ files: files.map((f) => ({ path: f.path, data: f.data, mode: f.mode })), commands: logRef.current, times: commandTimes(host, logRef.current) });
                e.currentTarget.href = `/play/#${link}`;
              } catch {
                /* too large: open the plain playground */
              }
            }}
            target="_blank"
            rel="noopener"
            className="rounded-lg px-3 py-1.5 text-sm text-slate-400 hover:bg-ink-850 hover:text-white"
          >
            Open in playground ↗
          </a>
        )}
        <div className="ml-auto flex items-center gap-2 text-xs text-slate-500">
          <span className="hidden items-center gap-1.5 sm:flex" data-testid="engine-status">
            <span className={`h-1.5 w-1.5 rounded-full ${!ready ? 'animate-pulse bg-slate-500' : engine === 'real' ? 'bg-emerald-400' : 'bg-amber-400'}`} aria-hidden="true" />
            {!ready ? 'Starting…' : engine === 'real' ? 'Engine ready' : 'Engine loading'}
          </span>
        </div>
      </div>

      {/* phone: pane switcher */}
      <div className="flex shrink-0 gap-1 border-b border-ink-700 bg-ink-950 p-1.5 lg:hidden" role="tablist" aria-label="Panes">
        {(['editor', 'terminal', ...(embed ? [] : ['images', 'preview'])] as Pane[]).map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={pane === p}
            onClick={() => {
              setPane(p);
              if (p === 'images' || p === 'preview') setPanel(p);
            }}
            className={`flex flex-1 items-center justify-center gap-1 rounded-md py-1.5 text-sm capitalize ${pane === p ? 'bg-ink-800 text-white' : 'text-slate-400'}`}
          >
            {p === 'terminal' ? 'Console' : p}
            {p === 'preview' && newPorts && <span className="h-1.5 w-1.5 rounded-full bg-emerald-400" aria-label="new published port" />}
          </button>
        ))}
      </div>

      <div className="flex min-h-0 flex-1">
        {!embed && (
          <aside className="hidden w-56 shrink-0 flex-col border-r border-ink-700 bg-ink-950 lg:flex">
            <div className="min-h-0 flex-1">
            <FileTree
              paths={paths}
              active={ui.active}
              onOpen={openFile}
              onCreate={createFile}
              onRename={renameFile}
              onDelete={deleteFile}
              onUpload={uploadFiles}
              validate={(p, from) => validatePath(p, paths, from)}
            />
            </div>
            <Shortcuts />
          </aside>
        )}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col lg:flex-row">
          <div className={`${pane === 'terminal' ? 'hidden lg:flex' : 'flex'} min-h-0 min-w-0 flex-1 flex-col`}>
            {editorPane}
            {!embed && imagesPane}
          </div>
          <div className={`${pane === 'terminal' ? 'flex' : 'hidden lg:flex'} min-h-0 min-w-0 flex-1 flex-col lg:max-w-[48%] lg:basis-[46%]`}>
            {terminalPane}
          </div>
        </div>
      </div>

      {toast && (
        <div role="status" className="fixed bottom-4 left-1/2 z-40 -translate-x-1/2 rounded-lg border border-ink-600 bg-ink-800 px-4 py-2 text-sm text-slate-200 shadow-xl">
          {toast}
        </div>
      )}

      <Dialog open={shareOpen} onClose={() => setShareOpen(false)} title="Share this playground">
        {shareUrl?.error ? (
          <p className="text-rose-300">{shareUrl.error}</p>
        ) : (
          <>
            <p>
              The link holds your {files.length} file{files.length === 1 ? '' : 's'} and replays the {logRef.current.length} command
              {logRef.current.length === 1 ? '' : 's'} you ran, so whoever opens it gets the same images. Nothing is uploaded.
            </p>
            {shareUrl ? (
              <>
                <CopyField label="Link" value={shareUrl.url} testId="share-url" />
                <CopyField label="Embed (for lessons and docs)" value={`<iframe src="${shareUrl.embed}" width="100%" height="480"></iframe>`} />
              </>
            ) : (
              <p className="text-ink-300" role="status">Preparing the link…</p>
            )}
          </>
        )}
        <div className="mt-5 flex justify-end">
          <button type="button" onClick={() => setShareOpen(false)} className="rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-slate-200 hover:bg-ink-800">
            Done
          </button>
        </div>
      </Dialog>

      <Dialog open={filesOpen} onClose={() => setFilesOpen(false)} title="Files" labelledBy="files-dialog-title">
        <div className="-mx-5 h-[min(60vh,26rem)]">
          <FileTree
            paths={paths}
            active={ui.active}
            onOpen={(p) => {
              openFile(p);
              setFilesOpen(false);
            }}
            onCreate={(p) => {
              createFile(p);
              setFilesOpen(false);
            }}
            onRename={renameFile}
            onDelete={deleteFile}
            onUpload={(list) => {
              uploadFiles(list);
              setFilesOpen(false);
            }}
            validate={(p, from) => validatePath(p, paths, from)}
          />
        </div>
      </Dialog>

      <Dialog open={resetOpen} onClose={() => setResetOpen(false)} title="Reset the playground?">
        <p>This deletes your files, images, containers and command history in this browser, and starts again from the example.</p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" onClick={() => setResetOpen(false)} className="rounded-lg px-3 py-1.5 text-sm text-slate-300 hover:bg-ink-800" autoFocus>
            Cancel
          </button>
          <button type="button" data-testid="confirm-reset" onClick={() => void doReset()} className="rounded-lg bg-rose-500/90 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-500">
            Reset everything
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function history_replace() {
  // A share link is applied once: drop it from the address bar so a reload shows the (now saved) playground.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <label className="mt-4 block">
      <span className="text-xs font-medium text-slate-400">{label}</span>
      <span className="mt-1 flex gap-2">
        <input
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-ink-600 bg-ink-950 px-2 py-1.5 font-mono text-xs text-slate-300"
        />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
          className="shrink-0 rounded-md bg-whale-500 px-3 text-xs font-semibold text-white hover:bg-whale-400"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </label>
  );
}

const SHORTCUTS: [string[], string][] = [
  [['Ctrl', '↵'], 'Build'],
  [['Ctrl', '`'], 'Focus the console'],
  [['Tab'], 'Complete'],
  [['↑', '↓'], 'History'],
  [['Ctrl', 'R'], 'Search history'],
  [['Ctrl', 'C'], 'Stop a command'],
  [['Ctrl', 'L'], 'Clear'],
];

function Shortcuts() {
  return (
    <section aria-label="Keyboard shortcuts" className="border-t border-ink-700 px-4 py-3">
      <h2 className="mb-2 text-[11px] font-semibold uppercase tracking-wider text-slate-500">Keyboard</h2>
      <dl className="space-y-1.5 text-[12px]">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label} className="flex items-center justify-between gap-2">
            <dt className="text-slate-500">{label}</dt>
            <dd className="flex gap-1">
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function EditorPlaceholder() {
  return (
    <div className="h-full w-full animate-pulse space-y-2.5 bg-ink-900 p-5" aria-label="Loading the editor">
      {[62, 40, 55, 30, 70, 45].map((w, i) => (
        <div key={i} className="flex items-center gap-4">
          <span className="w-4 text-right font-mono text-xs text-ink-600">{i + 1}</span>
          <span className="h-3 rounded bg-ink-800" style={{ width: `${w}%` }} />
        </div>
      ))}
    </div>
  );
}

/** The lower panel while its code loads: the panel's own background, so nothing moves when it arrives. */
function PanelPlaceholder({ label }: { label: string }) {
  return (
    <div className="flex h-full w-full items-center justify-center bg-ink-900 text-xs text-slate-600" aria-busy="true" aria-label={label}>
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-slate-600" aria-hidden="true" />
    </div>
  );
}

function TerminalPlaceholder() {
  return (
    <div className="h-full w-full bg-[#0b0e14] px-4 py-3 font-mono text-[13px] text-slate-500" aria-label="Loading the console">
      <span className="text-emerald-400">$</span> <span className="inline-block h-4 w-2 translate-y-0.5 animate-pulse bg-slate-500" />
    </div>
  );
}
