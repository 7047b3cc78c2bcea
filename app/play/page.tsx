import type { Metadata } from 'next';
import Playground from '@/components/playground/Playground';

export const metadata: Metadata = {
  title: 'Playground',
  description: 'Write a Dockerfile, build it and run docker commands in a simulated Docker engine in your browser.',
};

export default function PlayPage() {
  return (
    <main className="flex flex-1 flex-col">
      <h1 className="sr-only">Docker playground</h1>
      <Playground mode="play" />
    </main>
  );
}
