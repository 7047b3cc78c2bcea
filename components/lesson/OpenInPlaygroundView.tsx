'use client';

import { useState } from 'react';
import type { FileMap } from '@/lib/exercises';

/** OpenInPlayground's interactive part; the links are made on the server (OpenInPlayground.tsx). */
export function OpenInPlaygroundView({ files, commands, title, href, embedSrc }: { files: FileMap; commands: string[]; title?: string; href: string; embedSrc: string }) {
  const paths = Object.keys(files);
  const [active, setActive] = useState(paths.includes('Dockerfile') ? 'Dockerfile' : (paths[0] ?? ''));
  const [embedded, setEmbedded] = useState(false);
  return (
    <figure className="my-6 overflow-hidden rounded-xl border border-ink-700 bg-ink-900">
      <div className="flex flex-wrap items-center gap-1 border-b border-ink-700 bg-ink-850 px-2 py-1.5" role="tablist" aria-label={title ?? 'Files'}>
        {paths.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === active}
            onClick={() => setActive(p)}
            className={`rounded px-2.5 py-1 font-mono text-xs ${p === active ? 'bg-ink-700 text-white' : 'text-slate-400 hover:bg-ink-800 hover:text-slate-200'}`}
          >
            {p}
          </button>
        ))}
        <span className="ml-auto flex gap-1">
          <button type="button" onClick={() => setEmbedded((v) => !v)} className="rounded px-2.5 py-1 text-xs text-slate-300 hover:bg-ink-800">
            {embedded ? 'Hide console' : 'Try it here'}
          </button>
          <a href={href} target="_blank" rel="noopener" className="rounded bg-whale-500 px-2.5 py-1 text-xs font-semibold text-white hover:bg-whale-400">
            Open in playground ↗
          </a>
        </span>
      </div>
      <pre role="tabpanel" className="scroll-thin max-h-96 overflow-auto p-4 font-mono text-[13px] leading-relaxed text-slate-200">{files[active]}</pre>
      {commands.length > 0 && (
        <figcaption className="border-t border-ink-700 px-4 py-2 text-xs text-slate-400">
          Then run:{' '}
          {commands.map((c, i) => (
            <code key={i} className="mr-2 rounded bg-ink-800 px-1.5 py-0.5 font-mono text-slate-200">
              {c}
            </code>
          ))}
        </figcaption>
      )}
      {embedded && (
        <iframe
          title={`${title ?? 'Example'} in the playground`}
          src={embedSrc}
          className="h-[28rem] w-full border-t border-ink-700 bg-ink-950"
          sandbox="allow-scripts allow-same-origin"
        />
      )}
    </figure>
  );
}
