import type { MDXComponents } from 'mdx/types';
import type { ComponentPropsWithoutRef } from 'react';
import { Callout, Learn, Recap } from '@/components/lesson/Callout';
import { Exercise } from '@/components/lesson/Exercise';
import { Run } from '@/components/lesson/LessonConsole';
import { OpenInPlayground } from '@/components/lesson/OpenInPlayground';
import { LayersDiagram, RegistryDiagram } from '@/components/lesson/diagrams';

/** The element styles and components every lesson (content/lessons/*.mdx) can use. */
const components: MDXComponents = {
  h1: (p: ComponentPropsWithoutRef<'h1'>) => <h1 className="mb-4 text-3xl font-semibold tracking-tight text-white sm:text-4xl" {...p} />,
  h2: (p: ComponentPropsWithoutRef<'h2'>) => <h2 className="mb-3 mt-10 scroll-mt-20 text-2xl font-semibold tracking-tight text-white" {...p} />,
  h3: (p: ComponentPropsWithoutRef<'h3'>) => <h3 className="mb-2 mt-8 scroll-mt-20 text-lg font-semibold text-slate-100" {...p} />,
  p: (p: ComponentPropsWithoutRef<'p'>) => <p className="my-4 leading-relaxed text-slate-300" {...p} />,
  ul: (p: ComponentPropsWithoutRef<'ul'>) => <ul className="my-4 list-disc space-y-1.5 pl-6 text-slate-300 marker:text-slate-600" {...p} />,
  ol: (p: ComponentPropsWithoutRef<'ol'>) => <ol className="my-4 list-decimal space-y-1.5 pl-6 text-slate-300 marker:text-slate-500" {...p} />,
  li: (p: ComponentPropsWithoutRef<'li'>) => <li className="leading-relaxed" {...p} />,
  a: (p: ComponentPropsWithoutRef<'a'>) => <a className="text-whale-300 underline decoration-whale-500/40 underline-offset-2 hover:decoration-whale-300" {...p} />,
  strong: (p: ComponentPropsWithoutRef<'strong'>) => <strong className="font-semibold text-slate-100" {...p} />,
  blockquote: (p: ComponentPropsWithoutRef<'blockquote'>) => <blockquote className="my-4 border-l-2 border-ink-600 pl-4 text-slate-400" {...p} />,
  code: (p: ComponentPropsWithoutRef<'code'>) => <code className="rounded bg-ink-800 px-1.5 py-0.5 font-mono text-[0.88em] text-slate-100 [pre_&]:bg-transparent [pre_&]:p-0 [pre_&]:text-[13px]" {...p} />,
  pre: (p: ComponentPropsWithoutRef<'pre'>) => (
    <pre className="scroll-thin my-4 overflow-x-auto rounded-lg border border-ink-700 bg-ink-900 p-4 font-mono text-[13px] leading-relaxed text-slate-200" tabIndex={0} {...p} />
  ),
  table: (p: ComponentPropsWithoutRef<'table'>) => (
    <div className="scroll-thin my-5 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm text-slate-300" {...p} />
    </div>
  ),
  th: (p: ComponentPropsWithoutRef<'th'>) => <th className="border-b border-ink-600 px-3 py-2 font-semibold text-slate-100" {...p} />,
  td: (p: ComponentPropsWithoutRef<'td'>) => <td className="border-b border-ink-800 px-3 py-2 align-top" {...p} />,
  hr: () => <hr className="my-8 border-ink-700" />,
  Callout,
  Learn,
  Recap,
  Run,
  Exercise,
  OpenInPlayground,
  RegistryDiagram,
  LayersDiagram,
};

export function useMDXComponents(inherited?: MDXComponents): MDXComponents {
  return { ...inherited, ...components };
}
