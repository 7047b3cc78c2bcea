'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  cacheReasonText, countsText, describeImage, describeLayer, formatBytes, percent,
  type FileRow, type ImageExplanation, type LayerInfo,
} from '@/lib/layers';
import type { EngineHost } from '@/components/playground/engine-host';
import { FileTreeView } from './FileTreeView';
import { CacheBadge, CountChips } from './marks';

interface Props {
  host: EngineHost | null;
  /** image ID (or reference) to explain */
  imageRef: string;
  /** what to call it ("app:latest") */
  title: string;
  /** bumped after every command: the engine may have changed */
  version: number;
  /** called with a 1-based Dockerfile line when the user asks to see a layer's instruction */
  onRevealLine?: (line: number) => void;
}

/** A row of the stack: an image layer, or the container's writable layer on top (`container`). */
interface StackRow {
  key: string;
  /** layerFiles index (history row; rows.length for the container layer) */
  index: number;
  container: boolean;
  layer?: LayerInfo;
  label: string;
  size: number;
  description: string;
}

type Mode = 'layer' | 'cumulative';
type Tab = 'files' | 'wasted';

const displayCommand = (l: LayerInfo): string => {
  if (l.instruction && !l.fromBase) return l.instruction;
  return l.createdBy.replace(/ # buildkit$/, '').replace(/^\/bin\/sh -c #\(nop\) +/, '') || '(no command recorded)';
};

function efficiencyTone(e: number): string {
  if (e >= 0.95) return 'text-emerald-300 bg-emerald-500/10';
  if (e >= 0.8) return 'text-amber-200 bg-amber-400/10';
  return 'text-rose-300 bg-rose-500/10';
}

export function LayerExplorer({ host, imageRef, title, version, onRevealLine }: Props) {
  const [data, setData] = useState<{ ref: string; x: ImageExplanation } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [container, setContainer] = useState<string | undefined>(undefined);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('layer');
  const [tab, setTab] = useState<Tab>('files');
  const [files, setFiles] = useState<{ key: string; rows: FileRow[] } | null>(null);
  const [wide, setWide] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const treeBoxRef = useRef<HTMLDivElement>(null);
  /** The row to focus once it is rendered selected (keyboard moves); cleared when focus got there. */
  const focusKey = useRef<string | null>(null);

  // The explanation: after every command, for the image and container chosen.
  useEffect(() => {
    if (!host) return;
    let live = true;
    void host.query({ kind: 'layers', ref: imageRef, ...(container !== undefined ? { container } : {}) }).then((r) => {
      if (!live) return;
      if (r.kind === 'layers') {
        setData({ ref: imageRef, x: r.explanation });
        setError(null);
      } else if (r.kind === 'error') setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [host, imageRef, version, container]);

  // Another image: start again from its top layer.
  useEffect(() => {
    setSelectedKey(null);
    setContainer(undefined);
  }, [imageRef]);

  const x = data?.ref === imageRef ? data.x : null;

  const stack: StackRow[] = useMemo(() => {
    if (!x) return [];
    const n = x.layers.length;
    const rows: StackRow[] = [];
    if (x.container) {
      const c = x.container;
      rows.push({
        key: `c:${c.id}`, index: n, container: true, label: `${c.name} (container, ${c.status})`, size: c.size,
        description: `Writable layer of container ${c.name}, ${c.status}, on top of the image: ${formatBytes(c.size)}, ${countsText(c.counts)}.`,
      });
    }
    for (let i = n - 1; i >= 0; i--) {
      const l = x.layers[i]!;
      rows.push({ key: `l:${i}:${l.id}`, index: i, container: false, layer: l, label: displayCommand(l), size: l.size, description: describeLayer(l, n) });
    }
    return rows;
  }, [x]);

  const selected = stack.find((r) => r.key === selectedKey) ?? stack.find((r) => r.layer && !r.layer.emptyLayer) ?? stack[0] ?? null;
  const selIndex = selected ? stack.indexOf(selected) : -1;
  const filesKey = selected ? `${imageRef}|${selected.key}|${mode}|${x?.container?.id ?? ''}` : '';

  // The selected layer's files (its changes, or the union at that layer).
  useEffect(() => {
    if (!host || !selected || !x) return;
    let live = true;
    const key = filesKey;
    void host
      .query({ kind: 'layerFiles', ref: imageRef, layer: selected.index, cumulative: mode === 'cumulative', ...(selected.container && x.container ? { container: x.container.id } : {}) })
      .then((r) => {
        if (live && r.kind === 'layerFiles') setFiles({ key, rows: r.files });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host, filesKey, version]);

  useEffect(() => {
    const key = focusKey.current;
    if (key === null) return;
    // By key, not "the row with tabindex 0": a render for another reason (files arriving) can come before the
    // selection's, and must not move focus to the previous row.
    const el = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-key]') ?? [])].find((e) => e.dataset.key === key);
    if (!el || el.tabIndex !== 0) return;
    el.focus();
    focusKey.current = null;
  });

  useEffect(() => {
    if (!wide) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setWide(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wide]);

  const select = (i: number) => {
    const r = stack[Math.max(0, Math.min(stack.length - 1, i))];
    if (!r) return;
    focusKey.current = r.key;
    setSelectedKey(r.key);
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    switch (e.key) {
      case 'ArrowDown': select(selIndex + 1); break;
      case 'ArrowUp': select(selIndex - 1); break;
      case 'Home': select(0); break;
      case 'End': select(stack.length - 1); break;
      case 'Enter':
      case 'ArrowRight':
        treeBoxRef.current?.querySelector<HTMLElement>('[role="tree"] [tabindex="0"]')?.focus();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const maxSize = Math.max(1, ...stack.map((r) => r.size));
  const sel = selected?.layer;
  const rows = files?.key === filesKey ? files.rows : null;

  return (
    <section
      data-testid="layer-explorer"
      aria-label={`Layer explorer: ${title}`}
      className={`@container flex min-h-0 flex-col bg-ink-900 ${wide ? 'fixed inset-0 z-40 shadow-2xl' : 'h-full'}`}
      role={wide ? 'dialog' : undefined}
      aria-modal={wide ? true : undefined}
    >
      {/* header: what the image is, how efficient */}
      <div className="flex h-8 shrink-0 items-center gap-2 border-b border-ink-700 px-3 text-[11px] text-slate-500">
        <h3 className="min-w-0 truncate text-[11px] font-semibold text-slate-300">
          <span className="text-slate-500">Layers of </span>
          <span className="font-mono">{title}</span>
        </h3>
        {x && (
          <>
            <span
              data-testid="layer-efficiency"
              className={`shrink-0 rounded px-1.5 py-px font-mono text-[10.5px] font-semibold ${efficiencyTone(x.efficiency)}`}
              title="Efficiency: the share of the image's bytes that are still visible in its file system"
            >
              {percent(x.efficiency)}
              <span className="hidden font-normal @lg:inline"> efficient</span>
            </span>
            <button
              type="button"
              data-testid="layer-wasted"
              onClick={() => setTab((t) => (t === 'wasted' ? 'files' : 'wasted'))}
              className={`shrink-0 rounded px-1.5 py-px font-mono text-[10.5px] hover:bg-ink-800 ${x.wasted.bytes ? 'text-rose-300' : 'text-slate-500'}`}
              aria-pressed={tab === 'wasted'}
              title="Bytes of files that a later layer overwrites or removes: they still ship in the layer that wrote them"
            >
              {formatBytes(x.wasted.bytes)} wasted
            </button>
            <span className="hidden shrink-0 font-mono text-[10.5px] text-slate-500 @lg:inline">{formatBytes(x.size)}</span>
          </>
        )}
        <span className="ml-auto" />
        <span className="hidden items-center gap-2 text-[10px] text-slate-500 @3xl:flex" aria-hidden="true">
          <span><b className="text-emerald-400">A</b> added</span>
          <span><b className="text-amber-300">M</b> modified</span>
          <span><b className="text-rose-400">D</b> removed</span>
        </span>
        {x && x.containers.length > 0 && (
          <label className="flex shrink-0 items-center gap-1 text-[10.5px]">
            <span className="hidden @xl:inline">Container</span>
            <select
              value={container ?? x.container?.id ?? ''}
              onChange={(e) => setContainer(e.target.value)}
              className="max-w-[8.5rem] rounded border border-ink-600 bg-ink-850 px-1 py-px font-mono text-[10.5px] text-slate-300"
              aria-label="Container whose writable layer is shown on top"
            >
              <option value="">none</option>
              {x.containers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          onClick={() => setWide((w) => !w)}
          className="shrink-0 rounded px-1.5 py-0.5 text-[13px] leading-none text-slate-400 hover:bg-ink-800 hover:text-white"
          aria-label={wide ? 'Close the full-screen layer explorer' : 'Open the layer explorer full screen'}
          title={wide ? 'Close (Esc)' : 'Full screen'}
          data-testid="layer-explorer-expand"
        >
          {wide ? '✕' : '⤢'}
          {!wide && <span className="ml-1 hidden text-[11px] @sm:inline">Expand</span>}
        </button>
      </div>
      {x && (
        <p className="sr-only" aria-live="polite">
          {describeImage(x)}
        </p>
      )}
      {error && <p className="px-3 py-3 font-mono text-xs text-rose-300">{error}</p>}
      {!x && !error && <p className="px-3 py-3 text-xs text-slate-500">Reading the layers…</p>}

      {x && (
        <div className="flex min-h-0 flex-1 flex-col @md:flex-row">
          {/* the stack: container layer on top, base at the bottom */}
          <div className="flex max-h-[45%] min-h-0 shrink-0 flex-col border-ink-700 @md:max-h-none @md:w-[52%] @md:border-r @3xl:w-[44%]">
            <ul
              ref={listRef}
              role="listbox"
              aria-label={`Layers of ${title}, newest first`}
              className="scroll-thin min-h-0 flex-1 overflow-auto py-1"
              onKeyDown={onListKey}
              data-testid="layer-list"
            >
              {stack.map((r, i) => {
                const active = i === selIndex;
                const l = r.layer;
                const empty = !!l?.emptyLayer;
                return (
                  <li
                    key={r.key}
                    data-key={r.key}
                    role="option"
                    aria-selected={active}
                    aria-label={r.description}
                    tabIndex={active ? 0 : -1}
                    data-testid={r.container ? 'layer-row-container' : 'layer-row'}
                    onClick={() => setSelectedKey(r.key)}
                    className={`group cursor-default px-2 outline-none ${empty ? 'py-px' : 'py-[3px]'} ${
                      active ? 'bg-whale-500/12 focus-visible:shadow-[inset_2px_0_0_0_var(--color-whale-400)]' : 'hover:bg-ink-800'
                    } ${r.container ? 'mx-1.5 mb-1 rounded border border-dashed border-whale-500/40' : ''}`}
                  >
                    <div className="flex items-center gap-2 text-[12px]">
                      <span className="w-5 shrink-0 text-right font-mono text-[10.5px] text-slate-600" aria-hidden="true">
                        {r.container ? 'RW' : r.index + 1}
                      </span>
                      {l?.cache && <CacheBadge cache={l.cache} />}
                      <span className={`min-w-0 flex-1 truncate font-mono ${empty ? 'text-slate-500' : r.container ? 'text-whale-300' : 'text-slate-200'}`} title={l?.createdBy ?? r.label} aria-hidden="true">
                        {r.label}
                      </span>
                      {l?.line !== undefined && !l.fromBase && onRevealLine && (
                        <button
                          type="button"
                          tabIndex={-1}
                          aria-hidden="true"
                          onClick={(e) => {
                            e.stopPropagation();
                            onRevealLine(l.line!);
                          }}
                          className="shrink-0 rounded px-1 font-mono text-[10px] text-slate-500 hover:bg-ink-700 hover:text-whale-300 @md:hidden @2xl:inline-block"
                          title={`Show line ${l.line} in the Dockerfile`}
                        >
                          L{l.line}
                        </button>
                      )}
                      {!empty && (
                        <span className="flex @md:hidden @2xl:flex">
                          <CountChips counts={l ? l.counts : x.container!.counts} />
                        </span>
                      )}
                      <span className={`w-14 shrink-0 text-right font-mono text-[11px] ${r.size > 0 ? 'text-slate-300' : 'text-slate-600'}`} aria-hidden="true">
                        {empty ? '' : formatBytes(r.size)}
                      </span>
                    </div>
                    {!empty && (
                      <div className="ml-7 mt-0.5 h-[3px] rounded-full bg-ink-800" aria-hidden="true">
                        <div className="flex h-[3px] overflow-hidden rounded-full" style={{ width: `${Math.max(r.size > 0 ? 1.5 : 0, (r.size / maxSize) * 100)}%` }}>
                          <div className={`h-full ${r.container ? 'bg-whale-300/70' : 'bg-whale-500/70'}`} style={{ width: `${100 - (l && l.size ? (l.wasted / l.size) * 100 : 0)}%` }} />
                          {l && l.wasted > 0 && <div className="h-full flex-1 bg-rose-400/80" />}
                        </div>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
            <ImageSummary x={x} />
          </div>

          {/* the selected layer */}
          <div className="flex min-h-0 min-w-0 flex-1 flex-col border-t border-ink-700 @md:border-t-0">
            {selected && (
              <div className="shrink-0 border-b border-ink-700 px-3 py-1.5">
                <div className="flex items-center gap-2">
                  <p className="min-w-0 flex-1 truncate font-mono text-[11.5px] text-slate-200" title={sel?.createdBy ?? selected.label} data-testid="layer-detail-command">
                    {selected.container ? `Writable layer of ${selected.label}` : selected.label}
                  </p>
                  {sel?.line !== undefined && onRevealLine && (
                    <button
                      type="button"
                      onClick={() => onRevealLine(sel.line!)}
                      className="shrink-0 rounded px-1 text-[11px] text-whale-300 hover:bg-ink-800 hover:underline"
                      data-testid="layer-reveal-line"
                      aria-label={`Show Dockerfile line ${sel.line} in the editor`}
                    >
                      Line {sel.line} →
                    </button>
                  )}
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-x-2.5 gap-y-1 text-[11px] text-slate-500">
                  <span className="font-mono text-slate-400">{formatBytes(selected.size)}</span>
                  <span data-testid="layer-detail-counts">{countsText(sel ? sel.counts : x.container!.counts)}</span>
                  {sel && sel.wasted > 0 && <span className="text-rose-300">{formatBytes(sel.wasted)} wasted by later layers</span>}
                  {sel?.cache && (
                    <span className={sel.cache.hit ? 'text-emerald-400' : 'text-amber-300'} data-testid="layer-detail-cache">
                      {cacheReasonText(sel.cache)}
                    </span>
                  )}
                  {sel?.fromBase && <span>from the base image</span>}
                  <div role="tablist" aria-label="Show" className="ml-auto flex gap-0.5 rounded-md bg-ink-850 p-0.5 text-[11px]">
                    {(['layer', 'cumulative', 'wasted'] as const).map((v) => {
                      const on = v === 'wasted' ? tab === 'wasted' : tab === 'files' && mode === v;
                      return (
                        <button
                          key={v}
                          type="button"
                          role="tab"
                          aria-selected={on}
                          onClick={() => {
                            if (v === 'wasted') setTab('wasted');
                            else {
                              setTab('files');
                              setMode(v);
                            }
                          }}
                          title={
                            v === 'layer'
                              ? 'What this layer adds, changes and removes'
                              : v === 'cumulative'
                                ? 'The whole file system at this layer: it and every layer below'
                                : 'Files that a later layer overwrites or removes, in the whole image'
                          }
                          className={`whitespace-nowrap rounded px-1 py-px @2xl:px-1.5 ${on ? 'bg-ink-700 text-white' : 'text-slate-400 hover:text-slate-200'}`}
                        >
                          {v === 'layer' ? 'Changes' : v === 'cumulative' ? 'Cumulative' : 'Wasted'}
                          {v === 'wasted' && <span className="hidden @2xl:inline"> ({x.wasted.count})</span>}
                        </button>
                      );
                    })}
                  </div>
                </div>
              </div>
            )}
            <div ref={treeBoxRef} className="scroll-thin min-h-0 flex-1 overflow-auto">
              {tab === 'files' && selected && (
                <FileTreeView
                  rows={rows}
                  listingKey={filesKey}
                  label={`${mode === 'cumulative' ? 'File system at' : 'Changes of'} ${selected.container ? 'the writable layer' : `layer ${selected.index + 1}`}`}
                  empty={sel?.emptyLayer ? 'This step only changed the image’s configuration: no files.' : 'No file changes.'}
                />
              )}
              {tab === 'wasted' && <WastedList x={x} />}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/** Wide screens: the image at a glance under the stack (what dive shows as "Image details"). */
function ImageSummary({ x }: { x: ImageExplanation }) {
  const withFiles = x.layers.filter((l) => !l.emptyLayer).length;
  return (
    <div className="hidden shrink-0 border-t border-ink-700 px-3 py-2.5 text-[11.5px] text-slate-400 @3xl:block" aria-hidden="true">
      <div className="flex items-baseline justify-between">
        <span className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Image</span>
        <span className="font-mono text-slate-500">
          {withFiles} layer{withFiles === 1 ? '' : 's'} with files · {formatBytes(x.size)}
        </span>
      </div>
      <div className="mt-2 flex h-1.5 overflow-hidden rounded-full bg-ink-800">
        <div className="h-full bg-emerald-400/70" style={{ width: `${x.efficiency * 100}%` }} />
        <div className="h-full flex-1 bg-rose-400/70" />
      </div>
      <p className="mt-1.5">
        <span className="text-slate-200">{percent(x.efficiency)}</span> of the bytes are in the final file system;{' '}
        <span className={x.wasted.bytes ? 'text-rose-300' : 'text-slate-200'}>{formatBytes(x.wasted.bytes)}</span> ship in layers although a later layer
        overwrites or removes them.
      </p>
      {x.wasted.files.length > 0 && (
        <ul className="mt-1.5 space-y-0.5 font-mono text-[11px]">
          {x.wasted.files.slice(0, 4).map((f) => (
            <li key={f.path} className="flex gap-2">
              <span className="min-w-0 flex-1 truncate text-slate-300">{f.path}</span>
              <span className="text-slate-500">{f.removed ? 'removed later' : `written ${f.occurrences}×`}</span>
              <span className="w-16 text-right text-rose-300">{formatBytes(f.bytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function WastedList({ x }: { x: ImageExplanation }) {
  if (!x.wasted.files.length)
    return <p className="px-3 py-3 text-xs leading-relaxed text-slate-500">Nothing wasted: no layer overwrites or removes a file that an earlier layer wrote.</p>;
  return (
    <div className="px-3 py-2">
      <p className="mb-2 text-[11px] leading-snug text-slate-500">
        A file that a later layer overwrites or removes still ships in the layer that wrote it<span className="hidden @2xl:inline">: remove it in the same <code className="text-slate-300">RUN</code> that created it</span>.
      </p>
      <table className="w-full font-mono text-[11.5px]" data-testid="wasted-files">
        <caption className="sr-only">Top wasted files</caption>
        <thead>
          <tr className="text-left text-[10px] uppercase tracking-wider text-slate-500">
            <th className="pb-1 font-medium">Path</th>
            <th className="hidden pb-1 font-medium @2xl:table-cell">Why</th>
            <th className="pb-1 text-right font-medium">Wasted</th>
          </tr>
        </thead>
        <tbody>
          {x.wasted.files.map((f) => (
            <tr key={f.path} className="border-t border-ink-800">
              <td className="max-w-0 truncate py-1 pr-2 text-slate-300" title={`${f.path}: ${f.removed ? 'removed later' : `written ${f.occurrences}×`}`}>
                {f.path}
              </td>
              <td className="hidden whitespace-nowrap py-1 pr-2 text-[10.5px] text-slate-500 @2xl:table-cell">{f.removed ? 'removed later' : `written ${f.occurrences}×`}</td>
              <td className="py-1 text-right text-rose-300">{formatBytes(f.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
