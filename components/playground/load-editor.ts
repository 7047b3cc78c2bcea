/**
 * Loads the editor (Monaco, ~3.7 MB of script) in stages. Evaluating it is seconds of main-thread work on a slow
 * machine, during which the console takes no keys and shows no output; so each stage (the core, the editor features,
 * then the languages and our component) waits until `quiet()` says the user is not typing and no command is running.
 */
import type { ComponentType } from 'react';
import type { CodeEditorProps } from './CodeEditor';

export async function loadCodeEditor(quiet: () => Promise<void>): Promise<ComponentType<CodeEditorProps>> {
  await quiet();
  await import('monaco-editor/editor');
  await quiet();
  await import('monaco-editor/features/register.all');
  await quiet();
  return (await import('./CodeEditor')).default;
}

export interface QuietOptions {
  /** performance.now() of the user's last key or click. */
  lastInput(): number;
  /** A console command is running (its output needs the main thread). */
  busy(): boolean;
  /** The user asked for the editor: stop waiting. */
  urgent(): boolean;
  /** No waiting after this performance.now() (the editor must come eventually). */
  deadline: number;
  /** How long the user must have been still. */
  stillMs?: number;
}

/** Resolves once the page is quiet: no input for a while, no command running (or urgent, or past the deadline). */
export function whenQuiet(o: QuietOptions): Promise<void> {
  const still = o.stillMs ?? 1200;
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if (o.urgent() || now >= o.deadline || (now - o.lastInput() >= still && !o.busy())) {
        // One more macrotask: the paint of what just happened goes first.
        setTimeout(resolve, 0);
        return;
      }
      setTimeout(check, 200);
    };
    check();
  });
}
