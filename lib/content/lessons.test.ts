import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseList, exercises } from '../exercises';
import { LESSONS } from './lessons';

const root = path.resolve(__dirname, '../..');
const file = (slug: string) => path.join(root, 'content/lessons', `${slug}.mdx`);
const page = readFileSync(path.join(root, 'app/learn/[slug]/page.tsx'), 'utf8');

describe('lessons', () => {
  it('has at least 12 lessons and 30 exercises', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(12);
    expect(exerciseList.length).toBeGreaterThanOrEqual(30);
    expect(new Set(LESSONS.map((l) => l.slug)).size).toBe(LESSONS.length);
  });

  for (const lesson of LESSONS) {
    describe(lesson.slug, () => {
      const exists = existsSync(file(lesson.slug));
      const text = exists ? readFileSync(file(lesson.slug), 'utf8') : '';

      it('has its MDX file and is in the static import map of the route', () => {
        expect(exists).toBe(true);
        expect(page).toContain(`import('@/content/lessons/${lesson.slug}.mdx')`);
      });

      it('exports metadata whose title matches the course list', () => {
        const m = /export const metadata = \{\s*title: '([^']+)',\s*description: '([^']+)'/.exec(text);
        expect(m, 'export const metadata = { title, description }').not.toBeNull();
        expect(m![1]).toBe(lesson.title);
        expect(m![2]!.length).toBeGreaterThan(20);
        expect(text).not.toMatch(/^---\n/); // no front matter
      });

      it('has at least two exercises, all in the registry and belonging to this lesson', () => {
        const ids = [...text.matchAll(/<Exercise id="([^"]+)" \/>/g)].map((m) => m[1]!);
        expect(ids.length).toBeGreaterThanOrEqual(2);
        for (const id of ids) {
          expect(exercises[id], `exercise ${id}`).toBeDefined();
          expect(exercises[id]!.lesson).toBe(lesson.slug);
        }
        const own = exerciseList.filter((e) => e.lesson === lesson.slug).map((e) => e.id);
        expect(ids.sort()).toEqual(own.sort());
      });

      it('has the parts of a lesson: what you will learn, runnable snippets, a recap', () => {
        expect(text).toContain('<Learn>');
        expect(text).toMatch(/<Run cmd=|<OpenInPlayground/);
        expect(text).toContain('<Recap>');
      });
    });
  }

  it('places every registered exercise in some lesson', () => {
    const all = LESSONS.map((l) => (existsSync(file(l.slug)) ? readFileSync(file(l.slug), 'utf8') : '')).join('\n');
    for (const e of exerciseList) expect(all, e.id).toContain(`<Exercise id="${e.id}" />`);
  });
});
