'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LogoMark } from './Logo';

const NAV = [
  { href: '/learn/', label: 'Learn' },
  { href: '/play/', label: 'Playground' },
];

/** The site header. Hidden on /embed, which lesson pages frame. */
export function SiteHeader() {
  const pathname = usePathname() ?? '/';
  if (pathname.startsWith('/embed')) return null;
  return (
    <header className="sticky top-0 z-30 border-b border-ink-700/80 bg-ink-950/85 backdrop-blur supports-[backdrop-filter]:bg-ink-950/70">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-3 px-3 sm:gap-6 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2.5 whitespace-nowrap text-[15px] font-semibold tracking-tight text-slate-100 hover:text-white sm:text-base">
          <LogoMark className="h-7 w-7" />
          <span>Docker Playground</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-0.5 text-sm sm:gap-1">
          {NAV.map((item) => {
            const active = pathname === item.href || pathname.startsWith(item.href) || pathname + '/' === item.href;
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`rounded-md px-2.5 py-1.5 transition-colors sm:px-3 ${active ? 'bg-ink-800 text-white' : 'text-slate-400 hover:bg-ink-850 hover:text-slate-100'}`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto hidden items-center gap-2 text-xs text-slate-500 md:flex">
          <span className="inline-flex items-center gap-1.5 rounded-full border border-ink-700 px-2.5 py-1">
            <span className="h-1.5 w-1.5 rounded-full bg-emerald-400" aria-hidden="true" />
            Runs in your browser · Docker 28.2.2
          </span>
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const pathname = usePathname() ?? '/';
  if (pathname.startsWith('/embed')) return null;
  return (
    <footer className="border-t border-ink-700/80 bg-ink-950">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          Docker Playground · open source (Apache-2.0) · a simulated engine; no containers run on any server.
        </p>
        <p className="text-slate-600">
          Not affiliated with Docker, Inc. “Docker” is a trademark of Docker, Inc.
        </p>
      </div>
    </footer>
  );
}
