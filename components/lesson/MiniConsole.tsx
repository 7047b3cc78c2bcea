'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ConsoleSession } from './session';

/** A compact terminal for lessons: transcript, prompt, input with history (↑/↓), Ctrl+C to interrupt. */
export function MiniConsole({ session, label, height = 'h-64' }: { session: ConsoleSession; label: string; height?: string }) {
  useSyncExternalStore(
    (fn) => session.subscribe(fn),
    () => session.version,
    () => 0,
  );
  const [input, setInput] = useState('');
  const history = useRef<string[]>([]);
  const pos = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  });

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const line = input;
      setInput('');
      if (!session.waitingForInput && line.trim()) {
        history.current.push(line);
        pos.current = history.current.length;
      }
      if (session.waitingForInput || line.trim()) session.submit(line);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (pos.current > 0) {
        pos.current--;
        setInput(history.current[pos.current] ?? '');
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (pos.current < history.current.length) {
        pos.current++;
        setInput(history.current[pos.current] ?? '');
      }
    } else if (e.key === 'c' && e.ctrlKey) {
      e.preventDefault();
      session.interrupt();
      setInput('');
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      session.clear();
    }
  };

  return (
    <div className="overflow-hidden rounded-lg border border-ink-700 bg-ink-900" onClick={() => inputRef.current?.focus()}>
      <div
        ref={scroller}
        role="log"
        aria-live="polite"
        aria-label={label}
        className={`scroll-thin overflow-auto px-3 pt-2 font-mono text-[12.5px] leading-[1.55] ${height}`}
      >
        {session.chunks.length === 0 && <p className="text-slate-600">Type a command, or press a Run button in the lesson.</p>}
        {session.chunks.map((c, i) =>
          c.kind === 'cmd' ? (
            <div key={i} className="mt-1 whitespace-pre-wrap break-all first:mt-0">
              <span className="select-none text-emerald-400">{c.prompt ?? '$ '}</span>
              <span className="text-slate-100">{c.text}</span>
            </div>
          ) : (
            <pre key={i} className={`whitespace-pre-wrap break-words font-mono ${c.kind === 'err' ? 'text-rose-300' : c.kind === 'info' ? 'text-whale-300' : 'text-slate-300'}`}>
              {c.text}
            </pre>
          ),
        )}
        <div className="flex items-center pb-2">
          <label className="sr-only" htmlFor={`${label}-input`}>
            {session.waitingForInput ? 'Answer the prompt' : 'Command'}
          </label>
          <span className="select-none font-mono text-emerald-400" aria-hidden="true">
            {session.waitingForInput ? '' : session.busy ? '' : session.prompt()}
          </span>
          <input
            ref={inputRef}
            id={`${label}-input`}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKey}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            className="min-w-0 flex-1 bg-transparent font-mono text-[12.5px] text-slate-100 outline-none placeholder:text-slate-600"
            placeholder={session.busy && !session.waitingForInput ? 'running… (Ctrl+C to stop)' : ''}
          />
        </div>
      </div>
    </div>
  );
}
