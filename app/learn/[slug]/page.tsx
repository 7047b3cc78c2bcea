import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ComponentType } from 'react';
import { LessonNav, MarkRead } from '@/components/lesson/CourseMap';
import { LessonConsoleProvider } from '@/components/lesson/LessonConsole';
import { LESSONS, lessonBySlug, neighbours } from '@/lib/content/lessons';
import type { StartState } from '@/lib/exercises';

interface LessonModule {
  default: ComponentType;
  metadata?: { title?: string; description?: string };
  /** The lesson console's start state (images pulled, files written) for its Run snippets. */
  sandbox?: StartState;
}

/** Static map: the export knows every lesson at build time. */
const MODULES: Record<string, () => Promise<unknown>> = {
  'images-and-containers': () => import('@/content/lessons/images-and-containers.mdx'),
  'registries-and-repositories': () => import('@/content/lessons/registries-and-repositories.mdx'),
  'layered-file-system': () => import('@/content/lessons/layered-file-system.mdx'),
  'listing-images': () => import('@/content/lessons/listing-images.mdx'),
  'removing-images': () => import('@/content/lessons/removing-images.mdx'),
  'inspecting-images': () => import('@/content/lessons/inspecting-images.mdx'),
  'tagging-images': () => import('@/content/lessons/tagging-images.mdx'),
  'search-and-pull': () => import('@/content/lessons/search-and-pull.mdx'),
  'building-images': () => import('@/content/lessons/building-images.mdx'),
  'docker-commit': () => import('@/content/lessons/docker-commit.mdx'),
  'login-and-push': () => import('@/content/lessons/login-and-push.mdx'),
  'dockerfile-base-and-commands': () => import('@/content/lessons/dockerfile-base-and-commands.mdx'),
  'dockerfile-environment-and-files': () => import('@/content/lessons/dockerfile-environment-and-files.mdx'),
  'dockerfile-metadata': () => import('@/content/lessons/dockerfile-metadata.mdx'),
  'dockerignore': () => import('@/content/lessons/dockerignore.mdx'),
  'parser-directives': () => import('@/content/lessons/parser-directives.mdx'),
};

async function load(slug: string): Promise<LessonModule | null> {
  const loader = MODULES[slug];
  return loader ? ((await loader()) as LessonModule) : null;
}

export const dynamicParams = false;

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const mod = await load(slug);
  const info = lessonBySlug(slug);
  return { title: mod?.metadata?.title ?? info?.title, description: mod?.metadata?.description ?? info?.summary };
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const info = lessonBySlug(slug);
  const mod = await load(slug);
  if (!info || !mod) notFound();
  const Content = mod.default;
  const { prev, next } = neighbours(slug);
  const n = LESSONS.indexOf(info) + 1;
  return (
    <LessonConsoleProvider sandbox={mod.sandbox}>
      <div className="mx-auto flex w-full max-w-6xl gap-10 px-5 pb-32 pt-8 sm:px-8">
        <aside className="scroll-thin sticky top-16 hidden max-h-[calc(100dvh-5rem)] w-64 shrink-0 overflow-y-auto lg:block">
          <LessonNav current={slug} />
        </aside>
        <main className="min-w-0 max-w-3xl flex-1">
          <p className="text-sm text-slate-500">
            Lesson {n} of {LESSONS.length} · {info.part}
          </p>
          <article>
            <Content />
          </article>
          <MarkRead slug={slug} />
          <nav aria-label="Next and previous lessons" className="mt-10 flex justify-between gap-4 border-t border-ink-700 pt-6 text-sm">
            {prev ? (
              <Link href={`/learn/${prev.slug}/`} className="text-slate-400 hover:text-white">
                ← {prev.title}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link href={`/learn/${next.slug}/`} className="text-right text-whale-300 hover:text-white">
                {next.title} →
              </Link>
            ) : (
              <Link href="/learn/" className="text-right text-whale-300 hover:text-white">
                Back to the course map →
              </Link>
            )}
          </nav>
        </main>
      </div>
    </LessonConsoleProvider>
  );
}
