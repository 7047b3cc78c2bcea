import type { Metadata } from 'next';
import Playground from '@/components/playground/Playground';

export const metadata: Metadata = {
  title: 'Embedded playground',
  robots: { index: false },
};

/**
 * Editor + console for lesson pages and docs: /embed/#v1/<share payload> (files and commands, see lib/share), or
 * /embed/?cmd=docker%20image%20ls&cmd=... (commands replayed over the example files). Nothing is persisted.
 */
export default function EmbedPage() {
  return (
    <main className="flex flex-1 flex-col">
      <h1 className="sr-only">Docker playground (embedded)</h1>
      <Playground mode="embed" />
    </main>
  );
}
