import type { ReactNode } from 'react';

const STYLES = {
  note: { box: 'border-whale-500/40 bg-whale-500/5', title: 'text-whale-300', label: 'Note' },
  tip: { box: 'border-emerald-500/40 bg-emerald-500/5', title: 'text-emerald-300', label: 'Tip' },
  warning: { box: 'border-amber-500/40 bg-amber-500/5', title: 'text-amber-300', label: 'Watch out' },
  correction: { box: 'border-rose-500/40 bg-rose-500/5', title: 'text-rose-300', label: 'Common mistake' },
} as const;

/** A highlighted aside. `type`: note, tip, warning or correction (a frequent misconception, set right). */
export function Callout({ type = 'note', title, children }: { type?: keyof typeof STYLES; title?: string; children: ReactNode }) {
  const s = STYLES[type];
  return (
    <aside className={`my-6 rounded-lg border-l-4 px-4 py-3 ${s.box}`} aria-label={title ?? s.label}>
      <p className={`mb-1 text-sm font-semibold ${s.title}`}>{title ?? s.label}</p>
      <div className="text-[15px] leading-relaxed text-slate-300 [&>p]:my-1.5">{children}</div>
    </aside>
  );
}

/** "What you will learn" at the top of a lesson. */
export function Learn({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="learn-heading" className="my-6 rounded-lg border border-ink-700 bg-ink-900/60 px-5 py-4">
      <h2 id="learn-heading" className="!mt-0 mb-2 text-sm font-semibold uppercase tracking-wide text-slate-400">
        What you will learn
      </h2>
      <div className="text-[15px] text-slate-300 [&_ul]:my-0 [&_li]:my-1">{children}</div>
    </section>
  );
}

/** The summary at the end of a lesson. */
export function Recap({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="recap-heading" className="my-8 rounded-lg border border-emerald-500/30 bg-emerald-500/5 px-5 py-4">
      <h2 id="recap-heading" className="!mt-0 mb-2 text-sm font-semibold uppercase tracking-wide text-emerald-300">
        Recap
      </h2>
      <div className="text-[15px] text-slate-300 [&_ul]:my-0 [&_li]:my-1">{children}</div>
    </section>
  );
}
