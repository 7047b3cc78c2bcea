'use client';

import { useEffect, useRef, type AnchorHTMLAttributes } from 'react';
import type { Workspace } from '@/lib/console/types';

type Links = typeof import('./links');

/**
 * A link into the playground carrying a workspace's files (and commands). The share codec (lib/share and its deflate
 * library) loads after the link is on screen, not with the lesson page; the address is made when the link is
 * pointed at, focused or clicked, from the files as they are then. Before the codec has loaded it opens /play/.
 */
export function PlaygroundLink({
  workspace,
  commands,
  ...rest
}: { workspace: Pick<Workspace, 'list'>; commands: () => string[] } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const links = useRef<Links | null>(null);
  useEffect(() => {
    let live = true;
    void import('./links').then((m) => {
      if (live) links.current = m;
    });
    return () => {
      live = false;
    };
  }, []);
  const update = (a: HTMLAnchorElement) => {
    const m = links.current;
    if (m) a.href = m.playgroundHref(m.workspaceFiles(workspace.list()), commands());
  };
  return (
    <a
      href="/play/"
      {...rest}
      onPointerEnter={(e) => update(e.currentTarget)}
      onFocus={(e) => update(e.currentTarget)}
      onClick={(e) => update(e.currentTarget)}
    />
  );
}
