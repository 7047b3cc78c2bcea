import type { WireFile } from './protocol';

const enc = new TextEncoder();
const file = (path: string, text: string): WireFile => ({ path, data: enc.encode(text), mode: 0o644 });

/** The workspace a new visitor (or Reset) starts with. */
export function defaultFiles(): WireFile[] {
  return [
    file(
      'Dockerfile',
      `# Edit me, then press Build (Ctrl+Enter) or type \`docker build -t app .\` in the console.
FROM alpine:3.20
WORKDIR /srv
COPY index.html .
RUN echo "Hello from a layer" > greeting.txt
CMD ["cat", "/srv/greeting.txt"]
`,
    ),
    file('.dockerignore', `# Paths the build context leaves out\n*.log\n.git\n`),
    file(
      'index.html',
      `<!doctype html>
<html>
  <head><title>Hello, Docker</title></head>
  <body><h1>Hello from a container</h1></body>
</html>
`,
    ),
  ];
}

export const WELCOME =
  '\x1b[1mDocker Playground\x1b[0m\x1b[38;5;245m · a simulated Docker 28.2.2 in your browser\x1b[0m\r\n' +
  '\x1b[38;5;245mTry\x1b[0m docker build -t app . \x1b[38;5;245mor\x1b[0m docker image ls\x1b[38;5;245m; \x1b[0mhelp\x1b[38;5;245m lists commands.\x1b[0m\r\n\r\n';
