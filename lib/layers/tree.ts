/**
 * File rows (explain.ts layerFiles) -> a directory tree with sizes summed up and change marks counted per directory,
 * plus the flattening a tree view needs (visible rows for a set of expanded directories). DOM-free.
 */
import type { ChangeCounts, ChangeKind, FileRow, FileType } from './explain';

export interface TreeNode {
  name: string;
  path: string;
  type: FileType;
  /** the file's bytes; for a directory, the sum of the files below it */
  size: number;
  kind?: ChangeKind;
  target?: string;
  /** sorted by name (byte order, as ls) */
  children: TreeNode[];
  /** marks at or below this node */
  marks: ChangeCounts;
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const parentOf = (p: string) => {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
};

export function buildTree(rows: readonly FileRow[]): TreeNode {
  const root: TreeNode = { name: '/', path: '/', type: 'dir', size: 0, children: [], marks: { added: 0, modified: 0, removed: 0 } };
  const byPath = new Map<string, TreeNode>([['/', root]]);
  const node = (p: string): TreeNode => {
    let n = byPath.get(p);
    if (n) return n;
    n = { name: baseName(p), path: p, type: 'dir', size: 0, children: [], marks: { added: 0, modified: 0, removed: 0 } };
    byPath.set(p, n);
    node(parentOf(p)).children.push(n);
    return n;
  };
  for (const r of rows) {
    if (r.path === '/') continue;
    const n = node(r.path);
    n.type = r.type;
    if (r.type !== 'dir') n.size = r.size;
    else if (r.kind === 'D') n.size = r.size; // a removed directory: what it held
    if (r.kind) n.kind = r.kind;
    if (r.target !== undefined) n.target = r.target;
  }
  const finish = (n: TreeNode): void => {
    n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of n.children) {
      finish(c);
      if (c.kind !== 'D') n.size += c.size;
      n.marks.added += c.marks.added;
      n.marks.modified += c.marks.modified;
      n.marks.removed += c.marks.removed;
    }
    if (n.kind === 'A') n.marks.added++;
    else if (n.kind === 'D') n.marks.removed++;
    else if (n.kind === 'M' && n.type !== 'dir') n.marks.modified++;
  };
  finish(root);
  return root;
}

/** A visible row of a tree view. */
export interface VisibleRow { node: TreeNode; depth: number; expandable: boolean; expanded: boolean; setSize: number; posInSet: number }

/** The rows shown when the directories in `expanded` are open (the root's children at depth 1). */
export function visibleRows(root: TreeNode, expanded: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const walk = (n: TreeNode, depth: number) => {
    n.children.forEach((c, i) => {
      const expandable = c.children.length > 0;
      const open = expandable && expanded.has(c.path);
      out.push({ node: c, depth, expandable, expanded: open, setSize: n.children.length, posInSet: i + 1 });
      if (open) walk(c, depth + 1);
    });
  };
  walk(root, 1);
  return out;
}

/** Directories to open at first: those holding marks, down to `maxOpen` of them (breadth first). */
export function initialExpanded(root: TreeNode, maxOpen = 40): Set<string> {
  const out = new Set<string>();
  const queue: TreeNode[] = [root];
  while (queue.length && out.size < maxOpen) {
    const n = queue.shift()!;
    for (const c of n.children) {
      const m = c.marks;
      if (c.children.length && c.kind !== 'D' && m.added + m.modified + m.removed > 0) {
        out.add(c.path);
        queue.push(c);
        if (out.size >= maxOpen) break;
      }
    }
  }
  return out;
}

/** Every file row with a mark, for "show only changes" filters. */
export function onlyChanged(rows: readonly FileRow[]): FileRow[] {
  return rows.filter((r) => r.kind !== undefined);
}
