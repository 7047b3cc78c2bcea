/** An in-memory Workspace (the editor's files), with change notifications. */
import type { Workspace, WorkspaceFile } from './types';

const enc = new TextEncoder();

export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export class MemoryWorkspace implements Workspace {
  private readonly files = new Map<string, WorkspaceFile>();
  private readonly listeners = new Set<(path: string) => void>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  list(): WorkspaceFile[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  read(path: string): WorkspaceFile | undefined {
    return this.files.get(normalizePath(path));
  }
  write(path: string, data: Uint8Array | string, mode = 0o644, mtime?: number): void {
    const p = normalizePath(path);
    if (p === '') throw new Error('invalid path');
    const prev = this.files.get(p);
    this.files.set(p, { path: p, data: typeof data === 'string' ? enc.encode(data) : data, mode: prev && mode === 0o644 ? prev.mode : mode, mtime: mtime ?? this.now() });
    this.emit(p);
  }
  remove(path: string): boolean {
    const p = normalizePath(path);
    const ok = this.files.delete(p);
    if (ok) this.emit(p);
    return ok;
  }
  rename(from: string, to: string): boolean {
    const f = this.files.get(normalizePath(from));
    if (!f) return false;
    this.files.delete(f.path);
    const p = normalizePath(to);
    this.files.set(p, { ...f, path: p });
    this.emit(f.path);
    this.emit(p);
    return true;
  }
  onChange(listener: (path: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Directories implied by file paths (the workspace stores files only). */
  dirs(): Set<string> {
    const out = new Set<string>();
    for (const p of this.files.keys()) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
    }
    return out;
  }
  private emit(p: string): void {
    for (const l of this.listeners) l(p);
  }
}

/** Builds a workspace from `{path: content}` (lesson files, share links, a folder read by scripts/console.ts). */
export function loadWorkspaceFromFiles(files: Record<string, string | Uint8Array> | Iterable<{ path: string; data: string | Uint8Array; mode?: number }>, now?: () => number): MemoryWorkspace {
  const ws = new MemoryWorkspace(now);
  const entries = Symbol.iterator in Object(files)
    ? [...(files as Iterable<{ path: string; data: string | Uint8Array; mode?: number }>)]
    : Object.entries(files as Record<string, string | Uint8Array>).map(([path, data]) => ({ path, data, mode: undefined }));
  for (const e of entries) ws.write(e.path, e.data, e.mode ?? 0o644);
  return ws;
}
