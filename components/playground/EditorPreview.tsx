'use client';

/**
 * The open file as plain text while Monaco loads (Monaco's code is ~3.7 MB and evaluating it blocks the page for
 * seconds on a slow machine, so it loads after the console's prompt). Read-only, with the same font, line height,
 * gutter and padding as the editor, so the text does not move when Monaco takes over. Any click, focus or key asks
 * for the editor at once; the line clicked gets the cursor.
 */
import { memo, type ReactNode } from 'react';

export interface EditorPreviewProps {
  path: string;
  text: string;
  /** The user wants the editor now (clicked, focused or typed here); `line` is the 1-based line clicked. */
  onWake(line?: number): void;
}

const INSTRUCTION = /^(\s*)([A-Za-z]+)(?=\s|$)/;
const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL',
  'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'AS',
]);

/** A rough Dockerfile colouring in the editor theme's colours (comments, instructions, strings); other files stay plain. */
function colour(line: string, dockerfile: boolean): ReactNode {
  if (!dockerfile) return line;
  if (/^\s*#/.test(line)) return <span className="italic text-[#5c6a82]">{line}</span>;
  const parts: ReactNode[] = [];
  let rest = line;
  const m = INSTRUCTION.exec(rest);
  if (m && KEYWORDS.has(m[2]!.toUpperCase())) {
    parts.push(m[1], <b key="k" className="font-bold text-[#6cb6ff]">{m[2]}</b>);
    rest = rest.slice(m[0].length);
  }
  let i = 0;
  for (const s of rest.matchAll(/"(?:[^"\\]|\\.)*"?/g)) {
    parts.push(rest.slice(i, s.index), <span key={s.index} className="text-[#9ef0bf]">{s[0]}</span>);
    i = s.index + s[0].length;
  }
  parts.push(rest.slice(i));
  return parts;
}

/** Monaco's font (CodeEditor.tsx). */
const FONT = 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

export const EditorPreview = memo(function EditorPreview({ path, text, onWake }: EditorPreviewProps) {
  const lines = text.split('\n');
  const base = path.split('/').pop()?.toLowerCase() ?? '';
  const dockerfile = base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile';
  return (
    <div className="absolute inset-0 bg-[#0b0e14]" data-testid="editor-preview">
      <div
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={`${path} (read-only while the editor loads)`}
        aria-busy="true"
        tabIndex={0}
        onFocus={() => onWake()}
        onKeyDown={() => onWake()}
        onPointerDown={(e) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
          onWake(row ? Number(row.dataset.line) : undefined);
        }}
        className="scroll-thin h-full cursor-text overflow-auto py-3 pr-3 text-[13.5px] leading-[21px] text-[#d7dde8] outline-none"
        style={{ fontFamily: FONT }}
      >
        {lines.map((line, i) => (
          <div key={i} data-line={i + 1} className="flex">
            <span className="w-[41px] shrink-0 select-none text-right text-[#3a4559]" aria-hidden="true">
              {i + 1}
            </span>
            <span className="ml-[26px] min-w-0 flex-1 whitespace-pre-wrap break-words">{colour(line, dockerfile) || '\u200b'}</span>
          </div>
        ))}
      </div>
      <span aria-hidden="true" className="pointer-events-none absolute bottom-3 right-4 rounded border border-ink-700 bg-ink-850/90 px-2 py-0.5 font-sans text-[11px] text-slate-400">
        Loading the editor… (read-only)
      </span>
    </div>
  );
});
