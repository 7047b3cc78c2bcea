'use client';

/**
 * The preview of published web servers: the running containers' published ports (`localhost:8080 → nginx`), and the
 * page a simulated server answers for one of them, fetched through the engine worker (like `curl localhost:PORT/path`)
 * and shown in a sandboxed iframe: no scripts, no same-origin, nothing loaded from elsewhere.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EngineHost } from '@/components/playground/engine-host';
import type { PublishedPort } from '@/components/playground/protocol';
import { parseAddress, previewDocument } from './srcdoc';

interface Props {
  host: EngineHost | null;
  /** The published ports of running containers (the host's `ports` query, refreshed after every command). */
  ports: PublishedPort[] | null;
}

type Page =
  | { state: 'loading' }
  | { state: 'ok'; status: number; doc: string; contentType: string; at: number }
  | { state: 'refused' }
  | { state: 'error'; message: string };

const REASON: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

export function PreviewPanel({ host, ports }: Props) {
  const [port, setPort] = useState<number | null>(null);
  const [path, setPath] = useState('/');
  const [address, setAddress] = useState('');
  const [page, setPage] = useState<Page | null>(null);
  const [nonce, setNonce] = useState(0);

  // Keep the selected port while it is published; otherwise take the first one.
  const current = useMemo(() => {
    if (!ports || ports.length === 0) return null;
    return ports.find((p) => p.hostPort === port) ?? ports[0]!;
  }, [ports, port]);
  const currentPort = current?.hostPort ?? null;
  /** A new container on the same port is another server: fetch again. */
  const serverKey = current ? `${current.container}|${current.image}` : '';

  useEffect(() => {
    if (currentPort !== null) setAddress(`localhost:${currentPort}${path}`);
  }, [currentPort, path]);

  useEffect(() => {
    if (!host || currentPort === null) {
      setPage(null);
      return;
    }
    let live = true;
    setPage({ state: 'loading' });
    void host.query({ kind: 'http', port: currentPort, path }).then((r) => {
      if (!live) return;
      if (r.kind === 'error') setPage({ state: 'error', message: r.message });
      else if (r.kind === 'http') {
        if (!r.response) setPage({ state: 'refused' });
        else setPage({ state: 'ok', status: r.response.status, contentType: r.response.contentType, doc: previewDocument(r.response), at: Date.now() });
      }
    });
    return () => {
      live = false;
    };
    // `nonce` is the reload button. Commands do not refetch (each fetch is a request in the server's access log).
  }, [host, currentPort, serverKey, path, nonce]);

  const go = useCallback(() => {
    const a = parseAddress(address);
    if (a.port !== undefined && a.port !== currentPort) setPort(a.port);
    setPath(a.path);
    setNonce((n) => n + 1);
  }, [address, currentPort]);

  if (!ports) return <Empty>Looking for published ports…</Empty>;
  if (ports.length === 0 || !current) {
    return (
      <Empty>
        <p>No container publishes a port yet.</p>
        <p className="mt-2">
          Try <code className="rounded bg-ink-800 px-1.5 py-0.5 font-mono text-[12px] text-slate-200">docker run -d -p 8080:80 nginx</code>, then look here.
        </p>
      </Empty>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview">
      <div className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-ink-700 bg-ink-900 px-2 py-1.5">
        <div className="flex max-w-full items-center gap-1 overflow-x-auto scroll-thin" role="tablist" aria-label="Published ports">
          {ports.map((p) => (
            <button
              key={p.hostPort}
              type="button"
              role="tab"
              aria-selected={p.hostPort === current.hostPort}
              onClick={() => {
                setPort(p.hostPort);
                setPath('/');
              }}
              title={`${p.container} (${p.image}): host port ${p.hostPort} → container port ${p.containerPort}/${p.protocol}`}
              className={`shrink-0 whitespace-nowrap rounded-md px-2 py-1 font-mono text-[12px] ${p.hostPort === current.hostPort ? 'bg-whale-500/20 text-whale-200' : 'text-slate-400 hover:bg-ink-800 hover:text-slate-200'}`}
            >
              localhost:{p.hostPort} <span className="text-slate-500">→</span> {p.image}
            </button>
          ))}
        </div>
        <form
          className="flex min-w-[14rem] flex-1 items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            go();
          }}
        >
          <button
            type="button"
            onClick={() => setNonce((n) => n + 1)}
            aria-label="Reload"
            title="Reload"
            data-testid="preview-reload"
            className="rounded p-1 text-slate-400 hover:bg-ink-800 hover:text-white"
          >
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
              <path d="M13 8a5 5 0 11-1.5-3.55M13 2.5v2.5h-2.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <label className="flex min-w-0 flex-1 items-center rounded-md border border-ink-700 bg-ink-950 px-2 focus-within:border-whale-500">
            <span className="font-mono text-[12px] text-slate-600">http://</span>
            <input
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              aria-label="Address"
              data-testid="preview-address"
              spellCheck={false}
              className="min-w-0 flex-1 bg-transparent py-1 font-mono text-[12px] text-slate-200 outline-none"
            />
          </label>
          <span
            className={`shrink-0 rounded px-1.5 py-0.5 font-mono text-[11px] ${page?.state === 'ok' && page.status >= 400 ? 'bg-amber-500/15 text-amber-300' : 'text-slate-500'}`}
            data-testid="preview-status"
          >
            {page?.state === 'ok' ? `${page.status} ${REASON[page.status] ?? ''}` : page?.state === 'loading' ? '…' : ''}
          </span>
        </form>
      </div>
      <div className="relative min-h-0 flex-1 bg-white">
        {page?.state === 'ok' ? (
          <iframe
            key={page.at}
            title={`Preview of localhost:${current.hostPort}${path}`}
            sandbox=""
            srcDoc={page.doc}
            referrerPolicy="no-referrer"
            className="h-full w-full border-0"
            data-testid="preview-frame"
          />
        ) : page?.state === 'refused' ? (
          <Notice>
            Nothing answers HTTP on localhost:{current.hostPort}: {current.image} (container {current.container}) listens on{' '}
            {current.containerPort}/{current.protocol}, but it is not a web server. Try{' '}
            <code className="font-mono">docker exec</code> with its client instead.
          </Notice>
        ) : page?.state === 'error' ? (
          <Notice>{page.message}</Notice>
        ) : null}
      </div>
      <p
        className="shrink-0 truncate border-t border-ink-700 px-3 py-1 text-[11px] text-slate-500"
        title="The page is shown in a sandboxed frame: it cannot run script or reach this site, and nothing it links to is fetched. Type a path in the address bar to open another page."
      >
        Sandboxed: scripts do not run, and relative links (styles, images, pages) do not load.
      </p>
    </div>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-full items-center justify-center p-6 text-center text-sm text-slate-500" data-testid="preview">
      <div>{children}</div>
    </div>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return <div className="h-full bg-ink-950 p-6 text-sm text-slate-400">{children}</div>;
}
