'use client';

/**
 * The xterm.js console. Load it with next/dynamic({ ssr: false }): xterm touches `window`.
 * The page that uses it imports '@xterm/xterm/css/xterm.css' (so that this chunk has no stylesheet to wait for).
 * Padding belongs to the wrapper, never to the host element that FitAddon measures.
 */
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { Console } from '@/lib/console/types';
import { ShellSession } from './session';

export interface XTerminalProps {
  console: Console;
  history?: string[];
  banner?: string;
  screenReaderMode?: boolean;
  fontSize?: number;
  onHistoryChange?(entries: readonly string[]): void;
  onBusyChange?(busy: boolean): void;
  onCommand?(line: string, code: number): void;
  onSession?(session: ShellSession | null): void;
  /** Keys the page handles (Ctrl/Cmd+Enter = Build). Return true when handled. */
  onShortcut?(ev: KeyboardEvent): boolean;
  className?: string;
}

const THEME = {
  background: '#0b0e14',
  foreground: '#d7dde8',
  cursor: '#8cc8ff',
  cursorAccent: '#0b0e14',
  selectionBackground: '#2496ed55',
  black: '#1c2331',
  red: '#ff6b7a',
  green: '#7ee2a8',
  yellow: '#f5d76e',
  blue: '#6cb6ff',
  magenta: '#d2a8ff',
  cyan: '#76e3ea',
  white: '#d7dde8',
  brightBlack: '#5c6a82',
  brightRed: '#ff8d99',
  brightGreen: '#9ef0bf',
  brightYellow: '#ffe58f',
  brightBlue: '#8cc8ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#a3f0f5',
  brightWhite: '#ffffff',
};

export default function XTerminal(props: XTerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace',
      fontSize: propsRef.current.fontSize ?? 13,
      lineHeight: 1.25,
      cursorBlink: true,
      cursorStyle: 'bar',
      convertEol: true,
      scrollback: 5000,
      allowTransparency: false,
      screenReaderMode: propsRef.current.screenReaderMode ?? false,
      theme: THEME,
    });
    termRef.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon((_ev, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(host);
    try {
      fit.fit();
    } catch {
      /* not laid out yet */
    }

    const session = new ShellSession(term, propsRef.current.console, {
      history: propsRef.current.history,
      onHistoryChange: (h) => propsRef.current.onHistoryChange?.(h),
      onBusyChange: (b) => propsRef.current.onBusyChange?.(b),
      onCommand: (line, code) => propsRef.current.onCommand?.(line, code),
    });

    term.attachCustomKeyEventHandler((ev) => {
      if (ev.type !== 'keydown') return true;
      const mod = ev.ctrlKey || ev.metaKey;
      if (propsRef.current.onShortcut?.(ev)) {
        ev.preventDefault();
        return false;
      }
      // Copy: Ctrl+C with a selection, Ctrl+Shift+C, Cmd+C.
      if (mod && (ev.key === 'c' || ev.key === 'C') && (term.hasSelection() && (ev.shiftKey || ev.metaKey || ev.ctrlKey))) {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        ev.preventDefault();
        return false;
      }
      // Paste: let the browser fire its paste event (xterm turns it into input).
      if (mod && (ev.key === 'v' || ev.key === 'V')) return false;
      return true;
    });

    const dataSub = term.onData((data) => session.input(data));
    propsRef.current.onSession?.(session);
    void session.start(propsRef.current.banner);

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        try {
          fit.fit();
        } catch {
          /* hidden */
        }
      });
    });
    observer.observe(host);

    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      dataSub.dispose();
      propsRef.current.onSession?.(null);
      term.dispose();
      termRef.current = null;
    };
    // The console is fixed for the lifetime of the terminal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.console]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = !!props.screenReaderMode;
  }, [props.screenReaderMode]);

  return (
    <div className={`h-full w-full bg-[#0b0e14] py-2 pl-3 pr-1 ${props.className ?? ''}`}>
      <div ref={hostRef} className="xterm-host" />
    </div>
  );
}
