// Generators of Dockerfiles for benchmarks and tests.

/** A realistic multi-stage Dockerfile of at least `bytes` characters (continuations, heredocs, JSON, flags). */
export function generateDockerfile(bytes: number): string {
  const block = [
    'FROM golang:1.22 AS build-STAGE',
    'ARG VERSION=1.0.0',
    'ENV CGO_ENABLED=0 GOOS=linux \\',
    '    GOFLAGS="-mod=vendor -trimpath"',
    'WORKDIR /src',
    'COPY --chown=1000:1000 go.mod go.sum ./',
    'RUN --mount=type=cache,target=/root/.cache/go-build \\',
    '    go build -ldflags "-X main.version=${VERSION}" -o /out/app ./cmd/app && \\',
    '    echo "built $VERSION"',
    'RUN <<EOF',
    'set -e',
    'echo "heredoc body line"',
    'EOF',
    'LABEL org.opencontainers.image.title="app" org.opencontainers.image.version="${VERSION}"',
    'EXPOSE 8080/tcp 9090',
    'HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-qO-", "http://localhost:8080/health"]',
    'CMD ["/out/app", "--serve"]',
    '',
  ].join('\n');
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const b = block.replace('STAGE', String(i));
    parts.push(b);
    n += b.length;
  }
  return parts.join('');
}

/** The Dockerfile of the seed lesson (nginx on Ubuntu), as written there. */
export const SEED_NGINX_DOCKERFILE = [
  'FROM ubuntu:18.10',
  'LABEL maintainer="asahicantu@mail.com"',
  'RUN apt-get update',
  'RUN apt-get upgrade',
  'RUN apt-get install -y nginx',
  'COPY index.html /usr/share/nginx/html/index.html',
  'ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]',
  'EXPOSE 80',
  '',
].join('\n');
