'use client';

import { useEffect, useState } from 'react';
import type { ImageSummary } from '@/lib/api/types';
import { LayerExplorer } from '@/components/layers/LayerExplorer';
import type { EngineHost } from './engine-host';
import { humanSize, shortId, timeAgo } from './format';

interface Props {
  host: EngineHost | null;
  /** Bumped after every command: the engine's state may have changed. */
  version: number;
  engine: 'real' | 'loading';
  onRun(line: string): void;
  /** Opens the Dockerfile at a 1-based line (a layer's instruction). */
  onRevealLine?: (line: number) => void;
}

interface Row { key: string; ref: string; repo: string; tag: string; image: ImageSummary }

function rowsOf(images: ImageSummary[]): Row[] {
  const rows: Row[] = [];
  for (const image of images) {
    const tags = image.RepoTags?.length ? image.RepoTags : ['<none>:<none>'];
    for (const t of tags) {
      const i = t.lastIndexOf(':');
      const repo = t.slice(0, i);
      const tag = t.slice(i + 1);
      rows.push({ key: `${image.Id}|${t}`, ref: repo === '<none>' ? shortId(image.Id) : t, repo, tag, image });
    }
  }
  return rows;
}

export function ImagePanel({ host, version, engine, onRun, onRevealLine }: Props) {
  const [images, setImages] = useState<ImageSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (!host) return;
    let live = true;
    void host.query({ kind: 'images' }).then((r) => {
      if (!live) return;
      if (r.kind === 'images') setImages(r.images);
    });
    return () => {
      live = false;
    };
  }, [host, version]);

  const rows = rowsOf(images ?? []);
  const current = rows.find((r) => r.key === selected) ?? rows[0] ?? null;

  return (
    <div className="grid h-full min-h-0 grid-cols-1 grid-rows-[fit-content(32%)_minmax(0,1fr)] gap-px bg-ink-700 md:grid-rows-1 md:grid-cols-[minmax(11rem,0.55fr)_minmax(0,1.45fr)]">
      <section className="@container flex min-h-0 flex-col bg-ink-900" aria-label="Images">
        <PanelTitle title="Images" count={rows.length} />
        <ul data-testid="image-list" className="scroll-thin min-h-0 flex-1 overflow-auto py-1" role="listbox" aria-label="Images">
          {rows.length === 0 && (
            <li className="px-4 py-3 text-sm leading-relaxed text-slate-500">
              {engine === 'loading' ? 'The engine is loading…' : 'No images yet.'}{' '}
              {engine === 'real' && (
                <>
                  Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to build, or try{' '}
                  <button type="button" className="font-mono text-whale-300 hover:underline" onClick={() => onRun('docker pull alpine')}>
                    docker pull alpine
                  </button>
                  .
                </>
              )}
            </li>
          )}
          {rows.map((r) => {
            const active = current?.key === r.key;
            return (
              <li key={r.key} role="option" aria-selected={active}>
                <button
                  type="button"
                  onClick={() => setSelected(r.key)}
                  title={`${r.ref} · ${shortId(r.image.Id)} · ${timeAgo(r.image.Created)}`}
                  className={`group flex w-full items-center gap-3 px-4 py-1.5 text-left text-[13px] ${active ? 'bg-whale-500/12 text-white' : 'text-slate-300 hover:bg-ink-800'}`}
                >
                  <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${active ? 'bg-whale-400' : 'bg-ink-600'}`} aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate font-mono">
                    {r.repo}
                    <span className="text-slate-500">:{r.tag}</span>
                  </span>
                  <span className="hidden font-mono text-xs text-slate-500 @sm:inline">{shortId(r.image.Id)}</span>
                  <span className="w-14 text-right font-mono text-xs text-slate-400">{humanSize(r.image.Size)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      {current ? (
        <LayerExplorer host={host} imageRef={current.image.Id} title={current.ref} version={version} onRevealLine={onRevealLine} />
      ) : (
        <section data-testid="layer-explorer" aria-label="Layer explorer" className="flex min-h-0 flex-col bg-ink-900">
          <PanelTitle title="Layers" />
          <p className="px-4 py-3 text-sm leading-relaxed text-slate-500">Select an image to see how it was built, layer by layer: the files each step added, changed and removed, and the space wasted.</p>
        </section>
      )}
    </div>
  );
}

function PanelTitle({ title, count, detail }: { title: string; count?: number; detail?: string }) {
  return (
    <div className="flex h-8 shrink-0 items-center gap-2 border-b border-ink-700 px-4 text-[11px] font-semibold uppercase tracking-wider text-slate-500">
      <span className="truncate normal-case tracking-normal text-slate-400">{title}</span>
      {count !== undefined && <span className="rounded bg-ink-800 px-1.5 font-mono text-[10px] text-slate-500">{count}</span>}
      {detail && <span className="ml-auto font-mono text-[11px] normal-case tracking-normal text-slate-600">{detail}</span>}
    </div>
  );
}
