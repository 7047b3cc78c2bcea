import type { Metadata } from 'next';
import Link from 'next/link';
import { CourseMap } from '@/components/lesson/CourseMap';

export const metadata: Metadata = {
  title: 'Learn Docker images',
  description: 'Sixteen hands-on lessons on Docker images, Dockerfiles and registries, with exercises checked against a simulated engine.',
};

export default function LearnPage() {
  return (
    <main className="mx-auto w-full max-w-5xl px-5 py-10 sm:px-8">
      <h1 className="text-3xl font-semibold tracking-tight text-white sm:text-4xl">Learn Docker images</h1>
      <p className="mt-3 max-w-2xl text-slate-400">
        From the first <code className="rounded bg-ink-800 px-1.5 py-0.5 font-mono text-[0.9em] text-slate-200">docker pull</code> to
        every Dockerfile instruction. Each lesson has commands you can run right in the page and exercises that are checked against the
        state of a simulated Docker engine, not against what you typed.
      </p>
      <p className="mt-2 text-sm text-slate-500">
        Teaching a class? Build an <Link href="/learn/assignments/" className="text-whale-300 underline underline-offset-2">assignment link</Link>.
      </p>
      <div className="mt-8">
        <CourseMap />
      </div>
    </main>
  );
}
