export function LogoMark({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" className={className} aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#131824" />
      <g fill="#2496ed">
        <rect x="12" y="26" width="8" height="7" rx="1.2" />
        <rect x="21.5" y="26" width="8" height="7" rx="1.2" />
        <rect x="31" y="26" width="8" height="7" rx="1.2" />
        <rect x="21.5" y="17.5" width="8" height="7" rx="1.2" />
        <rect x="31" y="17.5" width="8" height="7" rx="1.2" />
        <rect x="31" y="9" width="8" height="7" rx="1.2" />
      </g>
      <path d="M8 36.5h42.5c1.8-3.6 5-5 8-4.6-.6 3-2.8 5-5.6 5.4C49 48 39.5 54 27 54 16 54 9.5 47 8 36.5z" fill="#2496ed" />
      <path d="M17 44l5 3.5-5 3.5" stroke="#131824" strokeWidth="2.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
