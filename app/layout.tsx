import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter, SiteHeader } from '@/components/site/SiteHeader';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Docker Playground', template: '%s · Docker Playground' },
  description:
    'Learn Docker in your browser: a simulated Docker engine that prints the same bytes as Docker 28.2.2. Instant, offline, nothing to install.',
};

export const viewport: Viewport = {
  themeColor: '#07090d',
  colorScheme: 'dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="flex min-h-dvh flex-col bg-ink-950 font-sans text-slate-200">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded focus:bg-whale-500 focus:px-3 focus:py-2 focus:text-white"
        >
          Skip to content
        </a>
        <SiteHeader />
        <div id="main" className="flex flex-1 flex-col">
          {children}
        </div>
        <SiteFooter />
      </body>
    </html>
  );
}
