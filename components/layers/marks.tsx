import type { CacheStatus, ChangeCounts, ChangeKind } from '@/lib/layers';
import { cacheReasonText } from '@/lib/layers';

export const KIND_WORD: Record<ChangeKind, string> = { A: 'added', M: 'modified', D: 'removed' };

const KIND_CLASS: Record<ChangeKind, string> = {
  A: 'bg-emerald-500/15 text-emerald-300',
  M: 'bg-amber-400/15 text-amber-200',
  D: 'bg-rose-500/15 text-rose-300',
};

/** The A/M/D letter of a changed path (a blank of the same width for unchanged ones). */
export function KindMark({ kind, dim }: { kind?: ChangeKind; dim?: boolean }) {
  if (!kind) return <span className="w-4 shrink-0" aria-hidden="true" />;
  return (
    <span
      className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-[3px] text-[10px] font-bold leading-none ${KIND_CLASS[kind]} ${dim ? 'opacity-45' : ''}`}
      title={KIND_WORD[kind]}
      aria-hidden="true"
    >
      {kind}
    </span>
  );
}

/** +3 ~1 −2 (added, modified, removed) */
export function CountChips({ counts }: { counts: ChangeCounts }) {
  const { added, modified, removed } = counts;
  if (!added && !modified && !removed) return null;
  return (
    <span className="flex shrink-0 items-center gap-1.5 font-mono text-[10.5px]" aria-hidden="true">
      {added > 0 && <span className="text-emerald-400">+{added}</span>}
      {modified > 0 && <span className="text-amber-300">~{modified}</span>}
      {removed > 0 && <span className="text-rose-400">−{removed}</span>}
    </span>
  );
}

/** CACHED / REBUILT badge with the miss reason in its title. */
export function CacheBadge({ cache }: { cache?: CacheStatus }) {
  if (!cache) return null;
  return (
    <>
      <span
        className={`h-1.5 w-1.5 shrink-0 rounded-full @3xl:hidden ${cache.hit ? 'bg-emerald-400' : 'bg-amber-300'}`}
        title={cacheReasonText(cache)}
        aria-hidden="true"
      />
      <span
      className={`hidden shrink-0 rounded px-1 py-px font-mono text-[9.5px] font-semibold tracking-wide @3xl:inline ${cache.hit ? 'bg-emerald-500/10 text-emerald-400' : 'bg-amber-400/10 text-amber-300'}`}
      title={cacheReasonText(cache)}
      aria-hidden="true"
    >
      {cache.hit ? 'CACHED' : 'REBUILT'}
      </span>
    </>
  );
}
