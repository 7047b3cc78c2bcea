import type { Metadata } from 'next';
import { AssignmentsApp } from '@/components/lesson/Assignments';

export const metadata: Metadata = {
  title: 'Classroom assignments',
  description: 'Build an assignment link, work on it as a student, and replay a submission as a teacher. No server: everything is in the link.',
};

export default function AssignmentsPage() {
  return (
    <main className="mx-auto w-full max-w-4xl px-5 py-10 sm:px-8">
      <h1 className="text-3xl font-semibold tracking-tight text-white">Classroom assignments</h1>
      <p className="mb-8 mt-3 text-slate-400">
        Teachers compose a task, a start state and the checks that grade it into a link. Students open the link, work in the
        simulated engine and send back a submission link; opening it replays their commands in a fresh engine and runs the checks.
        Nothing is stored on a server: everything travels in the link.
      </p>
      <AssignmentsApp />
    </main>
  );
}
