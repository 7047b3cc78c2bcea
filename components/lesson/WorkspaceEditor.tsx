'use client';

import { useEffect, useState } from 'react';
import type { Workspace } from '@/lib/console/types';

const dec = new TextDecoder();

/** A small file editor over a Workspace: a tab per file, a textarea, and "new file". Changes are written at once. */
export function WorkspaceEditor({ workspace, label }: { workspace: Workspace; label: string }) {
  const [, force] = useState(0);
  const files = workspace.list().filter((f) => !f.path.endsWith('/.keep'));
  const [active, setActive] = useState<string>(() => (files.find((f) => f.path === 'Dockerfile') ?? files[0])?.path ?? '');
  useEffect(() => workspace.onChange(() => force((n) => n + 1)), [workspace]);
  const current = workspace.read(active);
  const addFile = () => {
    const name = window.prompt('New file name (for example .dockerignore):')?.trim();
    if (!name) return;
    if (!/^[^/\\][^\\]*$/.test(name) || name.split('/').some((s) => s === '..' || s === '.' || s === '')) return;
    if (!workspace.read(name)) workspace.write(name, '');
    setActive(name);
  };
  return (
    <div className="overflow-hidden rounded-lg border border-ink-700 bg-ink-900">
      <div className="scroll-thin flex items-center gap-1 overflow-x-auto border-b border-ink-700 bg-ink-850 px-2 py-1.5" role="tablist" aria-label={`${label} files`}>
        {files.map((f) => (
          <button
            key={f.path}
            type="button"
            role="tab"
            aria-selected={f.path === active}
            onClick={() => setActive(f.path)}
            className={`shrink-0 rounded px-2.5 py-1 font-mono text-xs ${f.path === active ? 'bg-ink-700 text-white' : 'text-slate-400 hover:bg-ink-800 hover:text-slate-200'}`}
          >
            {f.path}
          </button>
        ))}
        <button type="button" onClick={addFile} className="ml-auto shrink-0 rounded px-2 py-1 text-xs text-slate-400 hover:bg-ink-800 hover:text-slate-200">
          + New file
        </button>
      </div>
      {current ? (
        <textarea
          aria-label={`Contents of ${active}`}
          spellCheck={false}
          value={dec.decode(current.data)}
          onChange={(e) => workspace.write(active, e.target.value)}
          className="block h-48 w-full resize-y bg-transparent p-3 font-mono text-[13px] leading-relaxed text-slate-100 outline-none"
        />
      ) : (
        <p className="p-3 text-sm text-slate-500">No files yet: add one with “+ New file”.</p>
      )}
    </div>
  );
}
