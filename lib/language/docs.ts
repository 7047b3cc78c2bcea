// Hover documentation for Dockerfile instructions and their flags, written for this project.

export interface FlagDoc {
  /** flag name without dashes, e.g. "chown" */
  name: string;
  /** how it is written, e.g. "--chown=<user>:<group>" */
  syntax: string;
  doc: string;
  example: string;
  /** snippet inserted by completion (Monaco snippet syntax), without the leading dashes */
  snippet: string;
  /** values offered after `--name=` */
  values?: string[];
}

export interface InstructionDoc {
  name: string;
  syntax: string[];
  doc: string;
  example: string;
  /** completion snippet after the keyword */
  snippet: string;
  flags: FlagDoc[];
}

const REF = 'https://docs.docker.com/reference/dockerfile/#';

const chown: FlagDoc = {
  name: 'chown', syntax: '--chown=<user>[:<group>]',
  doc: 'Owner of the copied files inside the image (by default root:root). Names are looked up in the image\'s /etc/passwd and /etc/group; numbers are used as they are.',
  example: 'COPY --chown=node:node package.json /app/', snippet: 'chown=${1:user}:${2:group}',
};
const chmod: FlagDoc = {
  name: 'chmod', syntax: '--chmod=<perms>',
  doc: 'Permission bits of the copied files, in octal (or symbolic since Dockerfile 1.14), instead of those of the source.',
  example: 'COPY --chmod=755 entrypoint.sh /usr/local/bin/', snippet: 'chmod=${1:755}',
};
const link: FlagDoc = {
  name: 'link', syntax: '--link[=<bool>]',
  doc: 'Copy into a fresh, independent layer instead of on top of the previous one, so the layer can be reused even when earlier layers change.',
  example: 'COPY --link --from=build /out/app /app', snippet: 'link',
};
const exclude: FlagDoc = {
  name: 'exclude', syntax: '--exclude=<pattern>',
  doc: 'Skip source files matching this pattern (same syntax as .dockerignore). Can be repeated.',
  example: 'COPY --exclude=*.md . /src', snippet: 'exclude=${1:pattern}',
};
const platformFlag: FlagDoc = {
  name: 'platform', syntax: '--platform=<os>/<arch>[/<variant>]',
  doc: 'Pick the platform variant of a multi-platform base image. Usually `$BUILDPLATFORM` for a build stage that cross-compiles; a constant value is discouraged.',
  example: 'FROM --platform=$BUILDPLATFORM golang:1.24 AS build', snippet: 'platform=${1:\\$BUILDPLATFORM}',
  values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7'],
};

function duration(name: string, what: string, def: string, ex: string): FlagDoc {
  return { name, syntax: `--${name}=<duration>`, doc: `${what} Default: ${def}. Durations look like 30s, 1m30s, 500ms.`, example: `HEALTHCHECK --${name}=${ex} CMD curl -f http://localhost/ || exit 1`, snippet: `${name}=\${1:${ex}}` };
}

export const INSTRUCTION_DOCS: Record<string, InstructionDoc> = {
  FROM: {
    name: 'FROM', syntax: ['FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]'],
    doc: 'Starts a new build stage from a base image (or from an earlier stage, or from `scratch`, the empty image). Every Dockerfile starts with FROM; `AS name` lets later stages and `COPY --from` refer to this one.',
    example: 'FROM node:22-alpine AS build', snippet: '${1:image}:${2:tag}', flags: [platformFlag],
  },
  RUN: {
    name: 'RUN', syntax: ['RUN [--mount=...] [--network=...] <command>', 'RUN ["executable", "arg"...]'],
    doc: 'Runs a command in the image being built and saves the files it changed as a new layer. The shell form runs `/bin/sh -c` (or the SHELL); the JSON form runs the program directly.',
    example: 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', snippet: '${1:command}',
    flags: [
      { name: 'mount', syntax: '--mount=type=<bind|cache|tmpfs|secret|ssh>[,option=value...]', doc: 'Attach a mount for this RUN only: a cache directory kept between builds (`type=cache`), files from the context or another stage (`type=bind`), a tmpfs, a secret or the SSH agent. Nothing from the mount ends up in the layer.', example: 'RUN --mount=type=cache,target=/root/.npm npm ci', snippet: 'mount=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:/path}', values: ['type=cache,target=', 'type=bind,source=,target=', 'type=tmpfs,target=', 'type=secret,id=', 'type=ssh'] },
      { name: 'network', syntax: '--network=<default|none|host>', doc: 'Network for this RUN: `none` runs it without network access, `host` uses the host\'s network (needs an entitlement).', example: 'RUN --network=none make test', snippet: 'network=${1|none,default,host|}', values: ['default', 'none', 'host'] },
      { name: 'security', syntax: '--security=<sandbox|insecure>', doc: 'Run with elevated privileges (`insecure`, needs an entitlement) or in the default sandbox.', example: 'RUN --security=insecure mount -t tmpfs none /mnt', snippet: 'security=${1|sandbox,insecure|}', values: ['sandbox', 'insecure'] },
    ],
  },
  CMD: {
    name: 'CMD', syntax: ['CMD ["executable", "arg"...]', 'CMD ["arg"...]  (default arguments for ENTRYPOINT)', 'CMD command arg...'],
    doc: 'The default command of a container, replaced by whatever you pass after the image name in `docker run`. Only the last CMD of the stage counts. Prefer the JSON form so the program gets signals directly.',
    example: 'CMD ["nginx", "-g", "daemon off;"]', snippet: '["${1:executable}", "${2:arg}"]', flags: [],
  },
  LABEL: {
    name: 'LABEL', syntax: ['LABEL <key>=<value> [<key>=<value>...]'],
    doc: 'Adds metadata to the image as key/value pairs; see them with `docker inspect`. Quote values with spaces.',
    example: 'LABEL org.opencontainers.image.authors="me@example.com" version="1.0"', snippet: '${1:key}="${2:value}"', flags: [],
  },
  MAINTAINER: {
    name: 'MAINTAINER', syntax: ['MAINTAINER <name>'],
    doc: 'Deprecated: sets the author field of the image. Use a LABEL instead.',
    example: 'LABEL org.opencontainers.image.authors="me@example.com"', snippet: '${1:name}', flags: [],
  },
  EXPOSE: {
    name: 'EXPOSE', syntax: ['EXPOSE <port>[/<tcp|udp>] ...'],
    doc: 'Documents the ports the application listens on. It does not publish them: use `docker run -p` (or `-P` to publish all exposed ports).',
    example: 'EXPOSE 80/tcp 443', snippet: '${1:80}', flags: [],
  },
  ENV: {
    name: 'ENV', syntax: ['ENV <key>=<value> ...'],
    doc: 'Sets environment variables for the rest of the build and for containers run from the image. Later instructions can use them as `$KEY`.',
    example: 'ENV NODE_ENV=production PORT=3000', snippet: '${1:KEY}=${2:value}', flags: [],
  },
  ADD: {
    name: 'ADD', syntax: ['ADD [--chown=...] [--chmod=...] <src>... <dest>', 'ADD <url> <dest>'],
    doc: 'Like COPY, but also downloads URLs, clones Git repositories and unpacks local tar archives. Use COPY for plain files so the behaviour is obvious.',
    example: 'ADD https://example.com/app.tar.gz /opt/', snippet: '${1:src} ${2:dest}',
    flags: [chown, chmod, link, exclude,
      { name: 'checksum', syntax: '--checksum=<sha256:...>', doc: 'Verify a downloaded file against this digest.', example: 'ADD --checksum=sha256:24454f83... https://example.com/f.tgz /', snippet: 'checksum=sha256:${1:digest}' },
      { name: 'keep-git-dir', syntax: '--keep-git-dir[=<bool>]', doc: 'Keep the `.git` directory when adding a Git repository.', example: 'ADD --keep-git-dir https://github.com/moby/buildkit.git /src', snippet: 'keep-git-dir' },
      { name: 'unpack', syntax: '--unpack[=<bool>]', doc: 'Force (or prevent) unpacking of an archive source.', example: 'ADD --unpack=false app.tar.gz /opt/', snippet: 'unpack=${1|true,false|}', values: ['true', 'false'] },
    ],
  },
  COPY: {
    name: 'COPY', syntax: ['COPY [--from=<stage|image>] [--chown=...] [--chmod=...] <src>... <dest>'],
    doc: 'Copies files from the build context (or from another stage or image with `--from`) into the image. A destination ending in `/` is a directory.',
    example: 'COPY --from=build /app/dist /usr/share/nginx/html', snippet: '${1:src} ${2:dest}',
    flags: [
      { name: 'from', syntax: '--from=<stage|image|context>', doc: 'Copy from an earlier build stage (by name or index) or from an image instead of the build context. This is how multi-stage builds keep the final image small.', example: 'COPY --from=build /out/app /usr/local/bin/app', snippet: 'from=${1:stage}' },
      chown, chmod, link, exclude,
      { name: 'parents', syntax: '--parents[=<bool>]', doc: 'Keep the parent directories of the sources in the destination.', example: 'COPY --parents ./src/*/package.json /app/', snippet: 'parents' },
    ],
  },
  ENTRYPOINT: {
    name: 'ENTRYPOINT', syntax: ['ENTRYPOINT ["executable", "arg"...]', 'ENTRYPOINT command arg...'],
    doc: 'The program a container always runs; CMD and the `docker run` arguments are passed to it as arguments. Override it with `docker run --entrypoint`.',
    example: 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]', snippet: '["${1:executable}"]', flags: [],
  },
  VOLUME: {
    name: 'VOLUME', syntax: ['VOLUME ["/path", ...]', 'VOLUME /path ...'],
    doc: 'Declares a mount point: each container gets an anonymous volume there unless you mount one. Changes to that path after the VOLUME line in the Dockerfile are discarded.',
    example: 'VOLUME /var/lib/postgresql/data', snippet: '${1:/data}', flags: [],
  },
  USER: {
    name: 'USER', syntax: ['USER <user>[:<group>]', 'USER <uid>[:<gid>]'],
    doc: 'The user (and group) that runs the following RUN, CMD and ENTRYPOINT instructions and the container. The user must exist in the image.',
    example: 'USER node', snippet: '${1:user}', flags: [],
  },
  WORKDIR: {
    name: 'WORKDIR', syntax: ['WORKDIR /path'],
    doc: 'Sets the working directory for the following instructions and the container, creating it if needed. Use absolute paths instead of `RUN cd ...`.',
    example: 'WORKDIR /app', snippet: '${1:/app}', flags: [],
  },
  ARG: {
    name: 'ARG', syntax: ['ARG <name>[=<default>] ...'],
    doc: 'Declares a build argument, set with `docker build --build-arg name=value`. An ARG before the first FROM can be used in FROM lines; inside a stage it must be declared (again) to be used. Not kept in the image\'s environment.',
    example: 'ARG NODE_VERSION=22', snippet: '${1:NAME}=${2:default}', flags: [],
  },
  ONBUILD: {
    name: 'ONBUILD', syntax: ['ONBUILD <instruction>'],
    doc: 'Stores an instruction in the image that runs later, when another Dockerfile uses this image in its FROM.',
    example: 'ONBUILD COPY . /app/src', snippet: '${1:INSTRUCTION}', flags: [],
  },
  STOPSIGNAL: {
    name: 'STOPSIGNAL', syntax: ['STOPSIGNAL <signal>'],
    doc: 'The signal `docker stop` sends to ask the container to exit (default SIGTERM), by name or number.',
    example: 'STOPSIGNAL SIGQUIT', snippet: '${1:SIGTERM}', flags: [],
  },
  HEALTHCHECK: {
    name: 'HEALTHCHECK', syntax: ['HEALTHCHECK [--interval=...] [--timeout=...] [--start-period=...] [--retries=N] CMD <command>', 'HEALTHCHECK NONE'],
    doc: 'A command Docker runs inside the container to test that it still works; its exit code (0 healthy, 1 unhealthy) shows as the health status in `docker ps`. `NONE` disables a check inherited from the base image.',
    example: 'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1', snippet: 'CMD ${1:curl -f http://localhost/ || exit 1}',
    flags: [
      duration('interval', 'Time between two checks.', '30s', '30s'),
      duration('timeout', 'A check that takes longer counts as failed.', '30s', '3s'),
      duration('start-period', 'Grace period after start: failures do not count yet.', '0s', '10s'),
      duration('start-interval', 'Time between checks during the start period.', '5s', '5s'),
      { name: 'retries', syntax: '--retries=<N>', doc: 'Consecutive failures needed to mark the container unhealthy. Default: 3.', example: 'HEALTHCHECK --retries=5 CMD pg_isready', snippet: 'retries=${1:3}' },
    ],
  },
  SHELL: {
    name: 'SHELL', syntax: ['SHELL ["executable", "arg"...]'],
    doc: 'Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT (default `["/bin/sh", "-c"]`). Must be JSON.',
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', snippet: '["${1:/bin/bash}", "-c"]', flags: [],
  },
};

export function instructionUrl(name: string): string {
  return REF + name.toLowerCase();
}

export function instructionDoc(name: string): InstructionDoc | undefined {
  return INSTRUCTION_DOCS[name.toUpperCase()];
}

export function flagDoc(instruction: string, flag: string): FlagDoc | undefined {
  return instructionDoc(instruction)?.flags.find((f) => f.name === flag);
}

/** Markdown for an instruction hover. */
export function instructionMarkdown(d: InstructionDoc): string {
  return [
    '```dockerfile\n' + d.syntax.join('\n') + '\n```',
    d.doc,
    'Example: `' + d.example + '`',
    `[Dockerfile reference: ${d.name}](${instructionUrl(d.name)})`,
  ].join('\n\n');
}

export function flagMarkdown(instruction: string, f: FlagDoc): string {
  return [`**${instruction.toUpperCase()} ${f.syntax}**`, f.doc, 'Example: `' + f.example + '`'].join('\n\n');
}

/** RUN --mount types and their options, for completion after `--mount=type=`. */
export const MOUNT_TYPES: Record<string, { doc: string; snippet: string }> = {
  cache: { doc: 'A directory kept between builds (package manager caches).', snippet: 'cache,target=${1:/root/.cache}' },
  bind: { doc: 'Files from the build context or another stage, read-only by default.', snippet: 'bind,source=${1:.},target=${2:/src}' },
  tmpfs: { doc: 'An empty in-memory file system.', snippet: 'tmpfs,target=${1:/tmp}' },
  secret: { doc: 'A secret passed with `docker build --secret`, readable at /run/secrets/<id>.', snippet: 'secret,id=${1:mysecret}' },
  ssh: { doc: 'The SSH agent socket of the client (`docker build --ssh`).', snippet: 'ssh' },
};

/** Build args BuildKit defines for every build. */
export const PREDEFINED_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'Platform of the build result, e.g. linux/amd64.',
  TARGETOS: 'OS part of TARGETPLATFORM, e.g. linux.',
  TARGETARCH: 'Architecture part of TARGETPLATFORM, e.g. amd64.',
  TARGETVARIANT: 'Variant part of TARGETPLATFORM, e.g. v7.',
  BUILDPLATFORM: 'Platform of the machine running the build.',
  BUILDOS: 'OS part of BUILDPLATFORM.',
  BUILDARCH: 'Architecture part of BUILDPLATFORM.',
  BUILDVARIANT: 'Variant part of BUILDPLATFORM.',
  TARGETSTAGE: 'Name of the stage being built (--target).',
  HTTP_PROXY: 'Proxy for HTTP requests during the build (not kept in the image).',
  HTTPS_PROXY: 'Proxy for HTTPS requests during the build (not kept in the image).',
  NO_PROXY: 'Hosts that bypass the proxy.',
};
