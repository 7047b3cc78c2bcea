'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/** A modal built on <dialog>: focus trap, Escape and backdrop click close it. */
export function Dialog({ open, onClose, title, children, labelledBy = 'dialog-title' }: {
  open: boolean;
  onClose(): void;
  title: string;
  children: ReactNode;
  labelledBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className="m-auto w-[min(92vw,30rem)] rounded-xl border border-ink-600 bg-ink-850 p-0 text-slate-200 shadow-2xl shadow-black/60 backdrop:bg-black/60 backdrop:backdrop-blur-sm"
    >
      {open && (
        <div className="p-5">
          <h2 id={labelledBy} className="text-base font-semibold text-white">
            {title}
          </h2>
          <div className="mt-3 text-sm leading-relaxed text-slate-400">{children}</div>
        </div>
      )}
    </dialog>
  );
}
