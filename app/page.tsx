import Link from 'next/link';

const FEATURES = [
  {
    title: 'Instant',
    body: 'No VM, no daemon, no sign-up. The engine is TypeScript running in your tab: a build finishes before you blink.',
  },
  {
    title: 'Offline',
    body: 'Everything ships with the page. Pull, build, run, tag and push against a simulated registry without a network.',
  },
  {
    title: 'Byte-for-byte',
    body: 'Tables, errors, IDs and progress lines match what Docker 28.2.2 prints, checked against captured real output.',
  },
];

type Line = { kind: 'cmd' | 'out' | 'err' | 'ok'; text: string };

const DEMO: Line[] = [
  { kind: 'cmd', text: 'docker build -t hello .' },
  { kind: 'out', text: 'Sending build context to Docker daemon  3.072kB' },
  { kind: 'out', text: 'Step 1/3 : FROM alpine:3.20' },
  { kind: 'out', text: ' ---> 91ef0af61f39' },
  { kind: 'out', text: 'Step 2/3 : COPY index.html /srv/' },
  { kind: 'out', text: ' ---> 5e6f7a8b9c0d' },
  { kind: 'out', text: 'Step 3/3 : CMD ["cat", "/srv/index.html"]' },
  { kind: 'out', text: ' ---> Running in 7f8e9d0c1b2a' },
  { kind: 'out', text: ' ---> Removed intermediate container 7f8e9d0c1b2a' },
  { kind: 'out', text: ' ---> 3f2e1d0c9b8a' },
  { kind: 'ok', text: 'Successfully built 3f2e1d0c9b8a' },
  { kind: 'ok', text: 'Successfully tagged hello:latest' },
  { kind: 'cmd', text: 'docker image ls' },
  { kind: 'out', text: 'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE' },
  { kind: 'out', text: 'hello        latest    3f2e1d0c9b8a   2 seconds ago   7.8MB' },
  { kind: 'out', text: 'alpine       3.20      91ef0af61f39   3 months ago    7.8MB' },
  { kind: 'cmd', text: 'docker rmi alpine:3.21' },
  { kind: 'err', text: 'Error response from daemon: No such image: alpine:3.21' },
];

function Transcript() {
  return (
    <div className="overflow-hidden rounded-xl border border-ink-700 bg-ink-900 shadow-2xl shadow-black/40">
      <div className="flex items-center gap-2 border-b border-ink-700 bg-ink-850 px-4 py-2.5">
        <span className="h-3 w-3 rounded-full bg-[#ff5f57]" aria-hidden="true" />
        <span className="h-3 w-3 rounded-full bg-[#febc2e]" aria-hidden="true" />
        <span className="h-3 w-3 rounded-full bg-[#28c840]" aria-hidden="true" />
        <span className="ml-2 font-mono text-xs text-slate-500">~/hello — docker</span>
      </div>
      <pre
        className="scroll-thin overflow-x-auto p-4 font-mono text-[12.5px] leading-[1.6] sm:text-[13px]"
        aria-label="Example terminal session"
      >
        {DEMO.map((line, i) => (
          <div key={i} className={lineClass(line.kind)}>
            {line.kind === 'cmd' ? (
              <>
                <span className="select-none text-emerald-400">$ </span>
                <span className="text-slate-100">{line.text}</span>
              </>
            ) : (
              line.text
            )}
          </div>
        ))}
        <div>
          <span className="select-none text-emerald-400">$ </span>
          <span className="inline-block h-[1.1em] w-[0.6em] translate-y-[0.2em] animate-pulse bg-slate-300" aria-hidden="true" />
        </div>
      </pre>
    </div>
  );
}

function lineClass(kind: Line['kind']): string {
  switch (kind) {
    case 'cmd':
      return 'mt-2 first:mt-0';
    case 'err':
      return 'text-rose-300';
    case 'ok':
      return 'text-slate-200';
    default:
      return 'text-slate-400';
  }
}

export default function HomePage() {
  return (
    <main className="relative flex flex-1 items-center overflow-hidden">
      <div
        className="pointer-events-none absolute inset-0 -z-10 bg-[radial-gradient(60rem_30rem_at_20%_-10%,rgba(36,150,237,0.18),transparent_60%),radial-gradient(40rem_30rem_at_110%_110%,rgba(36,150,237,0.10),transparent_60%)]"
        aria-hidden="true"
      />
      <div className="mx-auto grid w-full max-w-6xl grid-cols-1 items-center gap-10 px-5 py-12 sm:px-8 lg:grid-cols-[1fr_1.1fr] lg:gap-14 lg:py-16">
        <section className="min-w-0">
          <p className="mb-4 inline-flex items-center gap-2 rounded-full border border-whale-500/30 bg-whale-500/10 px-3 py-1 text-xs font-medium text-whale-300">
            Docker, in your browser tab
          </p>
          <h1 className="text-[2.1rem] font-semibold leading-[1.1] tracking-tight text-white sm:text-5xl">
            Learn Docker by&nbsp;using it.
            <span className="block text-slate-400">Nothing to install.</span>
          </h1>
          <p className="mt-5 max-w-xl text-base leading-relaxed text-slate-400 sm:text-lg">
            Write a Dockerfile, build it, inspect its layers, run containers. A simulated engine answers every{' '}
            <code className="rounded bg-ink-800 px-1.5 py-0.5 font-mono text-[0.9em] text-slate-200">docker</code> command
            with exactly what real Docker prints.
          </p>
          <div className="mt-8 flex flex-wrap items-center gap-3">
            <Link
              href="/play/"
              className="inline-flex items-center gap-2 rounded-lg bg-whale-500 px-5 py-2.5 text-sm font-semibold text-white shadow-lg shadow-whale-500/20 transition hover:bg-whale-400"
            >
              Open the playground
              <span aria-hidden="true">→</span>
            </Link>
            <Link
              href="/learn/"
              className="inline-flex items-center gap-2 rounded-lg border border-ink-600 bg-ink-850 px-5 py-2.5 text-sm font-semibold text-slate-200 transition hover:border-ink-500 hover:bg-ink-800"
            >
              Start the lessons
            </Link>
          </div>
          <ul className="mt-10 grid gap-5 sm:grid-cols-3">
            {FEATURES.map((f) => (
              <li key={f.title}>
                <h2 className="text-sm font-semibold text-slate-100">{f.title}</h2>
                <p className="mt-1 text-sm leading-relaxed text-slate-500">{f.body}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Demo" className="min-w-0">
          <Transcript />
          <p className="mt-3 text-center text-xs text-slate-600">
            Press <kbd>Ctrl</kbd> + <kbd>Enter</kbd> in the playground to build.
          </p>
        </section>
      </div>
    </main>
  );
}
