'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildTree, formatBytes, initialExpanded, visibleRows, type ChangeKind, type FileRow, type TreeNode } from '@/lib/layers';
import { KindMark, KIND_WORD } from './marks';

interface Props {
  rows: FileRow[] | null;
  /** a key that changes when the listing is another one (layer, mode): resets the open directories */
  listingKey: string;
  label: string;
  empty: string;
}

function itemLabel(n: TreeNode): string {
  const what = n.type === 'dir' ? 'folder' : n.type === 'symlink' ? `link to ${n.target ?? ''}` : 'file';
  const parts = [n.name, what, formatBytes(n.size)];
  if (n.kind) parts.push(KIND_WORD[n.kind]);
  if (n.type === 'dir') {
    const m = n.marks;
    const inside = [m.added && `${m.added} added`, m.modified && `${m.modified} modified`, m.removed && `${m.removed} removed`].filter(Boolean);
    if (inside.length && n.kind !== 'D') parts.push(`inside: ${inside.join(', ')}`);
  }
  return parts.join(', ');
}

/**
 * A file tree as an ARIA tree (flat rows with aria-level): one tab stop (roving tabindex), arrows move, Right/Left
 * open and close folders or step in and out, Home/End, Enter/Space toggles, type-ahead by first letter.
 */
export function FileTreeView({ rows, listingKey, label, empty }: Props) {
  const tree = useMemo(() => (rows ? buildTree(rows) : null), [rows]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const lastKey = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusWanted = useRef(false);

  useEffect(() => {
    if (!tree || lastKey.current === listingKey) return;
    lastKey.current = listingKey;
    const open = initialExpanded(tree);
    setExpanded(open);
    const first = visibleRows(tree, open).find((r) => r.node.kind) ?? visibleRows(tree, open)[0];
    setActive(first?.node.path ?? null);
  }, [tree, listingKey]);

  const visible = useMemo(() => (tree ? visibleRows(tree, expanded) : []), [tree, expanded]);
  const index = Math.max(0, visible.findIndex((r) => r.node.path === active));

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    const el = listRef.current?.querySelector<HTMLElement>('[tabindex="0"]');
    el?.focus();
  });

  if (!tree) return <p className="px-3 py-3 text-xs text-slate-500">Loading files…</p>;
  if (!visible.length) return <p className="px-3 py-3 text-xs text-slate-500">{empty}</p>;

  const moveTo = (i: number) => {
    const r = visible[Math.max(0, Math.min(visible.length - 1, i))];
    if (!r) return;
    focusWanted.current = true;
    setActive(r.node.path);
  };
  const toggle = (path: string, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      const want = open ?? !next.has(path);
      if (want) next.add(path);
      else next.delete(path);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const cur = visible[index];
    if (!cur) return;
    const n = cur.node;
    switch (e.key) {
      case 'ArrowDown': moveTo(index + 1); break;
      case 'ArrowUp': moveTo(index - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(visible.length - 1); break;
      case 'PageDown': moveTo(index + 10); break;
      case 'PageUp': moveTo(index - 10); break;
      case 'ArrowRight':
        if (cur.expandable && !cur.expanded) toggle(n.path, true);
        else if (cur.expanded) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (cur.expanded) toggle(n.path, false);
        else if (cur.depth > 1) {
          const parent = n.path.slice(0, n.path.lastIndexOf('/'));
          moveTo(visible.findIndex((r) => r.node.path === parent));
        }
        break;
      case 'Enter':
      case ' ':
        if (cur.expandable) toggle(n.path);
        break;
      default:
        if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const k = e.key.toLowerCase();
          for (let j = 1; j <= visible.length; j++) {
            const r = visible[(index + j) % visible.length]!;
            if (r.node.name.toLowerCase().startsWith(k)) {
              moveTo((index + j) % visible.length);
              break;
            }
          }
          break;
        }
        return;
    }
    e.preventDefault();
  };

  return (
    <ul ref={listRef} role="tree" aria-label={label} className="py-1 font-mono text-[12px]" onKeyDown={onKeyDown} data-testid="layer-tree">
      {visible.map((r, i) => {
        const n = r.node;
        const isActive = i === index;
        return (
          <li
            key={n.path}
            role="treeitem"
            aria-level={r.depth}
            aria-setsize={r.setSize}
            aria-posinset={r.posInSet}
            aria-expanded={r.expandable ? r.expanded : undefined}
            aria-selected={isActive}
            aria-label={itemLabel(n)}
            tabIndex={isActive ? 0 : -1}
            data-path={n.path}
            data-kind={n.kind ?? ''}
            onClick={() => {
              setActive(n.path);
              if (r.expandable) toggle(n.path);
            }}
            className={`flex cursor-default items-center gap-1.5 py-[3px] pr-3 outline-none ${isActive ? 'bg-whale-500/12 focus-visible:shadow-[inset_2px_0_0_0_var(--color-whale-400)]' : 'hover:bg-ink-800'}`}
            style={{ paddingLeft: `${0.5 + (r.depth - 1) * 0.9}rem` }}
          >
            <span className="w-3 shrink-0 text-center text-[10px] text-slate-500" aria-hidden="true">
              {r.expandable ? (r.expanded ? '▾' : '▸') : ''}
            </span>
            <KindMark kind={n.kind} dim={n.type === 'dir' && n.kind === 'M'} />
            <span className={`min-w-0 flex-1 truncate ${nameClass(n.kind, n.type)}`}>
              {n.name}
              {n.type === 'dir' ? '/' : ''}
              {n.type === 'symlink' && <span className="text-slate-500"> → {n.target}</span>}
            </span>
            {n.type === 'dir' && n.kind !== 'D' && n.marks.added + n.marks.modified + n.marks.removed > 0 && (
              <span className="hidden shrink-0 gap-1 text-[10px] sm:flex" aria-hidden="true">
                {n.marks.added > 0 && <span className="text-emerald-400/80">+{n.marks.added}</span>}
                {n.marks.modified > 0 && <span className="text-amber-300/80">~{n.marks.modified}</span>}
                {n.marks.removed > 0 && <span className="text-rose-400/80">−{n.marks.removed}</span>}
              </span>
            )}
            <span className={`w-16 shrink-0 text-right text-[11px] ${n.size ? 'text-slate-400' : 'text-slate-600'}`} aria-hidden="true">
              {n.type === 'dir' && !n.size ? '' : formatBytes(n.size)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function nameClass(kind: ChangeKind | undefined, type: string): string {
  if (kind === 'A') return 'text-emerald-300';
  if (kind === 'D') return 'text-rose-300 line-through decoration-rose-400/60';
  if (kind === 'M' && type !== 'dir') return 'text-amber-200';
  return type === 'dir' ? 'text-slate-200' : 'text-slate-400';
}
