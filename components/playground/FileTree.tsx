'use client';

import { useEffect, useRef, useState } from 'react';

interface Props {
  paths: string[];
  active: string | null;
  onOpen(path: string): void;
  onCreate(path: string): void;
  onRename(from: string, to: string): void;
  onDelete(path: string): void;
  /** Returns an error message for an invalid new name, or null. */
  validate(path: string, from?: string): string | null;
  /** Files chosen with Upload or dropped on the list (an existing path is replaced). */
  onUpload?(files: { path: string; data: Uint8Array }[]): void;
}

/** Largest file accepted by Upload: the workspace lives in memory and in IndexedDB. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

type Editing = { kind: 'new' } | { kind: 'rename'; path: string } | null;

export function FileIcon({ path }: { path: string }) {
  const base = path.split('/').pop() ?? path;
  const docker = /^(dockerfile|containerfile)(\..*)?$/i.test(base) || base.endsWith('.dockerfile');
  const color = docker ? 'text-whale-400' : base.startsWith('.') ? 'text-slate-500' : base.endsWith('.html') ? 'text-orange-300' : base.endsWith('.sh') ? 'text-emerald-300' : 'text-slate-400';
  return (
    <svg viewBox="0 0 16 16" className={`h-3.5 w-3.5 shrink-0 ${color}`} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.3">
      {docker ? (
        <path d="M1.5 8.5h11c.6-1 1.4-1.3 2-1.2-.2.8-.8 1.3-1.5 1.4C11.8 12 9.3 13.5 6.2 13.5 3.5 13.5 2 11.8 1.5 8.5zM3.5 6.5h2v2M6 6.5h2v2M8.5 6.5h2v2M6 4h2v2.5M8.5 4h2v2.5" />
      ) : (
        <path d="M4 1.5h5.5L13 5v9.5H4zM9.5 1.5V5H13" />
      )}
    </svg>
  );
}

export function FileTree({ paths, active, onOpen, onCreate, onRename, onDelete, validate, onUpload }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const uploadRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const upload = async (list: FileList | null) => {
    if (!list || !onUpload) return;
    const out: { path: string; data: Uint8Array }[] = [];
    const problems: string[] = [];
    for (const f of Array.from(list)) {
      const name = f.name;
      if (f.size > MAX_UPLOAD_BYTES) {
        problems.push(`${name} is larger than 2 MB.`);
        continue;
      }
      const err = validate(name, paths.includes(name) ? name : undefined);
      if (err) {
        problems.push(err);
        continue;
      }
      out.push({ path: name, data: new Uint8Array(await f.arrayBuffer()) });
    }
    if (out.length) onUpload(out);
    setError(problems.length ? problems.join(' ') : null);
  };

  useEffect(() => {
    if (editing) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [editing]);

  const commit = () => {
    const name = draft.trim();
    if (!editing) return;
    if (!name || (editing.kind === 'rename' && name === editing.path)) {
      setEditing(null);
      return;
    }
    const err = validate(name, editing.kind === 'rename' ? editing.path : undefined);
    if (err) {
      setError(err);
      return;
    }
    if (editing.kind === 'new') onCreate(name);
    else onRename(editing.path, name);
    setEditing(null);
    setError(null);
  };

  const input = (
    <div className="px-2 py-1">
      <input
        ref={inputRef}
        value={draft}
        aria-label={editing?.kind === 'new' ? 'New file name' : 'Rename file'}
        aria-invalid={!!error}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setEditing(null);
            setError(null);
          }
        }}
        onBlur={() => {
          if (!error) commit();
        }}
        className="w-full rounded border border-whale-500/60 bg-ink-950 px-2 py-1 font-mono text-[12.5px] text-slate-100 outline-none"
        spellCheck={false}
      />
      {error && <p className="mt-1 text-[11px] text-rose-300">{error}</p>}
    </div>
  );

  return (
    <nav aria-label="Workspace files" className="flex h-full min-h-0 flex-col">
      <div className="flex h-9 shrink-0 items-center justify-between border-b border-ink-700 pl-4 pr-2">
        <span className="text-[11px] font-semibold uppercase tracking-wider text-slate-500">Build context</span>
        <span className="flex items-center">
        {onUpload && (
          <>
            <button
              type="button"
              title="Upload files"
              aria-label="Upload files"
              onClick={() => uploadRef.current?.click()}
              className="rounded p-1 text-slate-400 hover:bg-ink-800 hover:text-white"
            >
              <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <path d="M8 10.5V3M5 6l3-3 3 3M3 11v2h10v-2" />
              </svg>
            </button>
            <input
              ref={uploadRef}
              type="file"
              multiple
              hidden
              data-testid="upload-input"
              onChange={(e) => {
                void upload(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </>
        )}
        <button
          type="button"
          title="New file"
          aria-label="New file"
          onClick={() => {
            setDraft('');
            setEditing({ kind: 'new' });
          }}
          className="rounded p-1 text-slate-400 hover:bg-ink-800 hover:text-white"
        >
          <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
            <path d="M8 3v10M3 8h10" />
          </svg>
        </button>
        </span>
      </div>
      {!editing && error && <p role="alert" className="px-4 pt-2 text-[11px] text-rose-300">{error}</p>}
      <ul
        className={`scroll-thin min-h-0 flex-1 overflow-auto py-1 ${dragging ? 'bg-whale-500/10 outline-dashed outline-1 -outline-offset-4 outline-whale-500/60' : ''}`}
        data-testid="file-tree"
        onDragOver={(e) => {
          if (!onUpload || !e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          if (!onUpload) return;
          e.preventDefault();
          setDragging(false);
          void upload(e.dataTransfer.files);
        }}
      >
        {paths.map((p) =>
          editing?.kind === 'rename' && editing.path === p ? (
            <li key={p}>{input}</li>
          ) : (
            <li key={p} className="group relative">
              <button
                type="button"
                onClick={() => onOpen(p)}
                onDoubleClick={() => {
                  setDraft(p);
                  setEditing({ kind: 'rename', path: p });
                }}
                onKeyDown={(e) => {
                  if (e.key === 'F2') {
                    setDraft(p);
                    setEditing({ kind: 'rename', path: p });
                  }
                  if (e.key === 'Delete') setConfirmDelete(p);
                }}
                aria-current={active === p ? 'true' : undefined}
                className={`flex w-full items-center gap-2 py-1 pl-4 pr-14 text-left font-mono text-[12.5px] ${active === p ? 'bg-ink-800 text-white' : 'text-slate-400 hover:bg-ink-850 hover:text-slate-200'}`}
              >
                <FileIcon path={p} />
                <span className="truncate">
                  {p.includes('/') && <span className="text-slate-600">{p.slice(0, p.lastIndexOf('/') + 1)}</span>}
                  {p.slice(p.lastIndexOf('/') + 1)}
                </span>
              </button>
              <span className="absolute right-1.5 top-1/2 hidden -translate-y-1/2 gap-0.5 group-focus-within:flex group-hover:flex">
                <button
                  type="button"
                  title="Rename (F2)"
                  aria-label={`Rename ${p}`}
                  onClick={() => {
                    setDraft(p);
                    setEditing({ kind: 'rename', path: p });
                  }}
                  className="rounded p-0.5 text-slate-500 hover:bg-ink-700 hover:text-white"
                >
                  <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
                    <path d="M10.5 2.5l3 3-8 8H2.5v-3z" />
                  </svg>
                </button>
                <button
                  type="button"
                  title="Delete"
                  aria-label={`Delete ${p}`}
                  onClick={() => setConfirmDelete(p)}
                  className="rounded p-0.5 text-slate-500 hover:bg-ink-700 hover:text-rose-300"
                >
                  <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
                    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 9h5.8l.6-9" />
                  </svg>
                </button>
              </span>
              {confirmDelete === p && (
                <div className="mx-2 mb-1 flex items-center gap-2 rounded border border-rose-400/30 bg-rose-500/10 px-2 py-1.5 text-[12px] text-rose-200" role="alert">
                  <span className="flex-1">Delete {p}?</span>
                  <button type="button" className="rounded bg-rose-500/80 px-2 py-0.5 text-white hover:bg-rose-500" onClick={() => { onDelete(p); setConfirmDelete(null); }}>
                    Delete
                  </button>
                  <button type="button" className="rounded px-2 py-0.5 text-slate-300 hover:bg-ink-700" onClick={() => setConfirmDelete(null)}>
                    Cancel
                  </button>
                </div>
              )}
            </li>
          ),
        )}
        {editing?.kind === 'new' && <li>{input}</li>}
      </ul>
    </nav>
  );
}
