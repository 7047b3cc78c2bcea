/**
 * The simulated Docker Hub: official repositories, their tags, and compact image specs (base rootfs + steps that
 * add layers or metadata, like the real Dockerfiles of the official images). Sizes, layer counts and history rows
 * follow the real images (2025); IDs are ours but stable (sha256 of the config we generate).
 */
import type { ImageRuntimeConfig } from '../store';
import { type Files, alpineRootfs, bin, busyboxRootfs, debianRootfs, fill, link, mkdirs, put, text } from './rootfs';
import { ALPINE_OS_RELEASE, ALPINE_PACKAGES, BOOKWORM_PACKAGES, DEBIAN_OS_RELEASE, UBUNTU_CODENAMES, UBUNTU_DEBIAN_VERSION, UBUNTU_OS_RELEASE, UBUNTU_PACKAGES } from './distros';
import { dir, file, lazy } from '../fs/entry';

export const HELLO_MESSAGE = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

export interface Step {
  /** created_by */
  by: string;
  comment?: string;
  /** Adds a layer of this DiffSize; absent = metadata only (empty_layer). */
  size?: number;
  files?: (m: Files, t: number) => void;
  /** Where filler files go (default /usr/local/lib). */
  fillDir?: string;
}
export interface ImageSpec {
  key: string;
  /** Spec key of the base image (its layers and history come first). */
  from?: string;
  /** A base rootfs (first layer). */
  rootfs?: (t: number) => Files;
  rootfsBy?: string;
  rootfsComment?: string;
  /** Metadata rows older than the rootfs row (Ubuntu's ARG/LABEL rows). */
  before?: Step[];
  created: string;
  steps: Step[];
  config: ImageRuntimeConfig;
}
export interface RepoSpec { name: string; description: string; stars: number; tags: Record<string, string> }

const PATH_STD = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BK = 'buildkit.dockerfile.v0';
const ts = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const meta = (by: string): Step => ({ by, comment: BK });
const run = (by: string, size: number, files?: Step['files'], fillDir?: string): Step => ({ by: `RUN /bin/sh -c ${by} # buildkit`, comment: BK, size, files, fillDir });

// ---------- base distributions ----------

function debianSpec(key: string, n: string, code: string, ver: string, size: number, created: string, slim: boolean): ImageSpec {
  const epoch = ts(created);
  return {
    key, created,
    rootfs: (t) => debianRootfs({
      kind: 'debian', osRelease: DEBIAN_OS_RELEASE(n, code), debianVersion: ver, usrMerged: code !== 'bullseye', size, mtime: t,
      packages: BOOKWORM_PACKAGES, issue: `Debian GNU/Linux ${n}`,
      sources: code === 'bullseye'
        ? ['/etc/apt/sources.list', `# deb http://snapshot.debian.org/archive/debian/20250224T000000Z ${code} main\ndeb http://deb.debian.org/debian ${code} main\n# deb http://snapshot.debian.org/archive/debian-security/20250224T000000Z ${code}-security main\ndeb http://deb.debian.org/debian-security ${code}-security main\n# deb http://snapshot.debian.org/archive/debian/20250224T000000Z ${code}-updates main\ndeb http://deb.debian.org/debian ${code}-updates main\n`]
        : ['/etc/apt/sources.list.d/debian.sources', `Types: deb\n# http://snapshot.debian.org/archive/debian/20250224T000000Z\nURIs: http://deb.debian.org/debian\nSuites: ${code} ${code}-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\n# http://snapshot.debian.org/archive/debian-security/20250224T000000Z\nURIs: http://deb.debian.org/debian-security\nSuites: ${code}-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`],
    }),
    rootfsBy: `# debian.sh --arch 'amd64' out/ '${code}' '@${epoch}'`,
    rootfsComment: 'debuerreotype 0.15',
    steps: [meta('CMD ["bash"]')],
    config: { Env: [PATH_STD], Cmd: ['bash'] },
  };
  void slim;
}

function ubuntuSpec(v: string, size: number, created: string, fileId: string): ImageSpec {
  const code = UBUNTU_CODENAMES[v];
  const legacy = v === '18.04' || v === '18.10';
  const steps: Step[] = legacy ? [] : [
    { by: '/bin/sh -c #(nop)  ARG RELEASE' },
    { by: '/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH' },
    { by: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu' },
    { by: `/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=${v}` },
  ];
  return {
    key: `ubuntu:${v}`, created,
    rootfs: (t) => debianRootfs({
      kind: 'ubuntu', osRelease: UBUNTU_OS_RELEASE[v], debianVersion: UBUNTU_DEBIAN_VERSION[v], usrMerged: !legacy, size, mtime: t,
      packages: UBUNTU_PACKAGES(v), issue: `Ubuntu ${v} LTS`,
      sources: v === '24.04'
        ? ['/etc/apt/sources.list.d/ubuntu.sources', `Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: ${code} ${code}-updates ${code}-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: ${code}-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n`]
        : ['/etc/apt/sources.list', `deb http://archive.ubuntu.com/ubuntu/ ${code} main restricted\ndeb http://archive.ubuntu.com/ubuntu/ ${code}-updates main restricted\ndeb http://archive.ubuntu.com/ubuntu/ ${code} universe\ndeb http://archive.ubuntu.com/ubuntu/ ${code}-updates universe\ndeb http://archive.ubuntu.com/ubuntu/ ${code} multiverse\ndeb http://archive.ubuntu.com/ubuntu/ ${code}-updates multiverse\ndeb http://archive.ubuntu.com/ubuntu/ ${code}-backports main restricted universe multiverse\ndeb http://security.ubuntu.com/ubuntu/ ${code}-security main restricted\ndeb http://security.ubuntu.com/ubuntu/ ${code}-security universe\ndeb http://security.ubuntu.com/ubuntu/ ${code}-security multiverse\n`],
      extraUsers: v === '24.04' ? 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n' : '',
    }),
    rootfsBy: `/bin/sh -c #(nop) ADD file:${fileId} in / `,
    before: steps,
    steps: [{ by: '/bin/sh -c #(nop)  CMD ["/bin/bash"]' }],
    config: { Env: [PATH_STD], Cmd: ['/bin/bash'], ...(legacy ? {} : { Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': v } }) },
  };
}

function alpineSpec(v: string, size: number, created: string): ImageSpec {
  return {
    key: `alpine:${v}`, created,
    rootfs: (t) => alpineRootfs({ version: v, osRelease: ALPINE_OS_RELEASE(v), size, mtime: t, packages: ALPINE_PACKAGES(v) }),
    rootfsBy: `ADD alpine-minirootfs-${v}-x86_64.tar.gz / # buildkit`,
    rootfsComment: BK,
    steps: [meta('CMD ["/bin/sh"]')],
    config: { Env: [PATH_STD], Cmd: ['/bin/sh'], WorkingDir: '/' },
  };
}

// ---------- application layers ----------

const binaries = (paths: Record<string, number>): Step['files'] => (m, t) => {
  for (const [p, size] of Object.entries(paths)) bin(m, p, size, t);
};

const CURL_STEP = run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/*', 24_067_000,
  binaries({ '/usr/bin/curl': 297_368, '/usr/bin/wget': 527_888, '/usr/bin/gpg': 1_147_544, '/usr/bin/sq': 9_000_000, '/etc/ssl/certs/ca-certificates.crt': 213_777 }), '/usr/lib/x86_64-linux-gnu');
const SCM_STEP = run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/*', 64_391_000,
  binaries({ '/usr/bin/git': 4_126_672, '/usr/bin/hg': 2_000, '/usr/bin/ssh': 1_170_928, '/usr/bin/svn': 300_000, '/usr/bin/ps': 137_688, '/usr/bin/top': 137_000, '/usr/bin/free': 27_000, '/usr/bin/pgrep': 31_000, '/usr/bin/kill': 31_000, '/usr/bin/watch': 27_000 }), '/usr/lib/python3/dist-packages');
const BUILD_STEP = run('set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdefault-libmysqlclient-dev \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibdb-dev \t\tlibevent-dev \t\tlibffi-dev \t\tlibgdbm-dev \t\tlibglib2.0-dev \t\tlibgmp-dev \t\tlibjpeg-dev \t\tlibkrb5-dev \t\tliblzma-dev \t\tlibmagickcore-dev \t\tlibmagickwand-dev \t\tlibmaxminddb-dev \t\tlibncurses5-dev \t\tlibncursesw5-dev \t\tlibpng-dev \t\tlibpq-dev \t\tlibreadline-dev \t\tlibsqlite3-dev \t\tlibssl-dev \t\tlibtool \t\tlibwebp-dev \t\tlibxml2-dev \t\tlibxslt-dev \t\tlibyaml-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/*', 718_412_000,
  binaries({ '/usr/bin/gcc-12': 1_000_000, '/usr/bin/g++-12': 1_000_000, '/usr/bin/make': 252_000, '/usr/bin/patch': 200_000, '/usr/bin/unzip': 190_000, '/usr/bin/xz': 80_000, '/usr/bin/bzip2': 40_000, '/usr/bin/file': 30_000, '/usr/bin/convert': 15_000 }), '/usr/lib/gcc/x86_64-linux-gnu/12');

function nginxConf(): string {
  return `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;
}
export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

function nginxFiles(alpine: boolean): Step['files'] {
  return (m, t) => {
    bin(m, '/usr/sbin/nginx', 1_521_280, t);
    text(m, '/etc/nginx/nginx.conf', nginxConf(), t);
    text(m, '/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF, t);
    text(m, '/etc/nginx/mime.types', '\ntypes {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n    image/svg+xml                                    svg svgz;\n}\n', t);
    text(m, '/usr/share/nginx/html/index.html', NGINX_INDEX, t);
    text(m, '/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n', t);
    mkdirs(m, ['/var/cache/nginx', '/etc/nginx/modules', '/docker-entrypoint.d'], t);
    link(m, '/var/log/nginx/access.log', '/dev/stdout', t);
    link(m, '/var/log/nginx/error.log', '/dev/stderr', t);
    text(m, '/etc/passwd', (alpine ? '' : '') + '', t);
    m.delete('/etc/passwd');
    if (!alpine) bin(m, '/usr/bin/envsubst', 35_000, t);
  };
}
const NGINX_ENTRY = `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
fi

exec "$@"
`;
function nginxSteps(alpine: boolean, size: number): Step[] {
  const v = '1.27.4';
  return [
    meta('LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>'),
    meta(`ENV NGINX_VERSION=${v}`),
    meta('ENV NJS_VERSION=0.8.9'),
    meta(alpine ? 'ENV NJS_RELEASE=1' : 'ENV NJS_RELEASE=1~bookworm'),
    meta(alpine ? 'ENV PKG_RELEASE=1' : 'ENV PKG_RELEASE=1~bookworm'),
    meta('ENV DYNPKG_RELEASE=1'),
    run(alpine
      ? 'set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="         nginx=${NGINX_VERSION}-r${PKG_RELEASE}     "     && apk add --no-cache --virtual .checksum-deps         openssl     && apk del --no-network .checksum-deps     && mkdir -p /var/log/nginx     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log'
      : 'set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl     && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d',
    size, (m, t) => { nginxFiles(alpine)!(m, t); if (!alpine) bin(m, '/usr/bin/curl', 297_368, t); }, alpine ? '/usr/lib' : '/usr/lib/x86_64-linux-gnu'),
    { by: 'COPY docker-entrypoint.sh / # buildkit', comment: BK, size: 1620, files: (m, t) => text(m, '/docker-entrypoint.sh', NGINX_ENTRY.padEnd(1620, '#'), t, 0o775) },
    { by: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', comment: BK, size: 2125, files: (m, t) => text(m, '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '#!/bin/sh\n'.padEnd(2125, '#'), t, 0o775) },
    { by: 'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', comment: BK, size: 389, files: (m, t) => text(m, '/docker-entrypoint.d/15-local-resolvers.envsh', '#!/bin/sh\n'.padEnd(389, '#'), t, 0o775) },
    { by: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', comment: BK, size: 3018, files: (m, t) => text(m, '/docker-entrypoint.d/20-envsubst-on-templates.sh', '#!/bin/sh\n'.padEnd(3018, '#'), t, 0o775) },
    { by: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', comment: BK, size: 4779, files: (m, t) => text(m, '/docker-entrypoint.d/30-tune-worker-processes.sh', '#!/bin/sh\n'.padEnd(4779, '#'), t, 0o775) },
    meta('ENTRYPOINT ["/docker-entrypoint.sh"]'),
    meta('EXPOSE map[80/tcp:{}]'),
    meta('STOPSIGNAL SIGQUIT'),
    meta('CMD ["nginx" "-g" "daemon off;"]'),
  ];
}
const NGINX_CONFIG = (alpine: boolean): ImageRuntimeConfig => ({
  ExposedPorts: { '80/tcp': {} },
  Env: [PATH_STD, 'NGINX_VERSION=1.27.4', 'NJS_VERSION=0.8.9', alpine ? 'NJS_RELEASE=1' : 'NJS_RELEASE=1~bookworm', alpine ? 'PKG_RELEASE=1' : 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1'],
  Entrypoint: ['/docker-entrypoint.sh'],
  Cmd: ['nginx', '-g', 'daemon off;'],
  Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
  StopSignal: 'SIGQUIT',
});

/** A language runtime on top of buildpack-deps or a slim/alpine base. */
function langSpec(key: string, from: string, created: string, env: string[], steps: Step[], cmd: string[] | null, extra: ImageRuntimeConfig = {}): ImageSpec {
  return { key, from, created, steps: [...env.map((e) => meta(`ENV ${e}`)), ...steps, ...(cmd ? [meta(`CMD ${JSON.stringify(cmd).replace(/","/g, '" "')}`)] : [])], config: { Env: [PATH_STD, ...env], ...(cmd ? { Cmd: cmd } : {}), ...extra } };
}

export const SPECS: ImageSpec[] = [
  {
    key: 'hello-world:latest', created: '2025-08-08T19:05:17Z',
    rootfs: (t) => new Map([['/hello', file(lazy(10_072, '\x7fELF' + HELLO_MESSAGE), 0o775, 0, 0, t)]]),
    rootfsBy: 'COPY hello / # buildkit', rootfsComment: BK,
    steps: [meta('CMD ["/hello"]')],
    config: { Env: [PATH_STD], Cmd: ['/hello'], WorkingDir: '/' },
  },
  {
    key: 'busybox:1.37', created: '2024-09-26T21:31:42Z',
    rootfs: (t) => busyboxRootfs(4_268_820, t), rootfsBy: '/bin/sh -c #(nop) ADD file:7e9002edaafd4e4579cc0c2ae5d0e1a8e3e1f85c2a2bb6a2d5a63e0e1f1bd5f3 in / ',
    steps: [{ by: '/bin/sh -c #(nop)  CMD ["sh"]' }],
    config: { Env: [PATH_STD], Cmd: ['sh'] },
  },
  {
    key: 'busybox:1.36', created: '2024-06-21T20:52:43Z',
    rootfs: (t) => busyboxRootfs(4_261_550, t), rootfsBy: '/bin/sh -c #(nop) ADD file:0fd7e8ecda5e3fad9fc5ab1a2cf6a0cdc0d9ea2d7b0bcc6e6f5a88d1b31d4bd0 in / ',
    steps: [{ by: '/bin/sh -c #(nop)  CMD ["sh"]' }],
    config: { Env: [PATH_STD], Cmd: ['sh'] },
  },
  alpineSpec('3.18.12', 7_358_380, '2025-02-14T03:00:00Z'),
  alpineSpec('3.19.7', 7_376_950, '2025-02-14T03:00:00Z'),
  alpineSpec('3.20.6', 7_797_760, '2025-02-14T03:00:00Z'),
  alpineSpec('3.21.3', 7_834_020, '2025-02-14T03:28:36Z'),
  debianSpec('debian:bookworm', '12', 'bookworm', '12.10', 116_539_000, '2025-03-17T00:00:00Z', false),
  debianSpec('debian:bookworm-slim', '12', 'bookworm', '12.10', 74_775_000, '2025-03-17T00:00:00Z', true),
  debianSpec('debian:bullseye', '11', 'bullseye', '11.11', 124_051_000, '2025-03-17T00:00:00Z', false),
  debianSpec('debian:bullseye-slim', '11', 'bullseye', '11.11', 80_634_000, '2025-03-17T00:00:00Z', true),
  // The bullseye-slim the last openjdk:17 images were built on (not tagged any more; keeps their history in order).
  debianSpec('debian:bullseye-slim@2022-04-20', '11', 'bullseye', '11.3', 80_390_000, '2022-04-20T04:43:12Z', true),
  ubuntuSpec('18.04', 63_148_000, '2023-05-30T09:32:09.432301537Z', '3c5c1f4a8f4f41c5c4d2e73d6d61ed5b0f4b8d3a0c3f4b8e2d0a1c9a9f6e1f00'),
  ubuntuSpec('18.10', 88_138_000, '2019-07-03T02:59:46.190138462Z', '7b8e3b0e0d1e3c1b54a1b8b9e8a0c1c63c2ae7d6b9b4d8f6e0d9c1b2a3f4e5d6'),
  ubuntuSpec('20.04', 72_812_000, '2025-02-10T17:08:51.116402208Z', '2c9e7d4e1e1b1c5a2f8d7b0c3e6a9f2d4b8c1e7a3d6f9b2c5e8a1d4f7b0c3e6a'),
  ubuntuSpec('22.04', 77_864_000, '2025-01-26T05:31:17.654375358Z', 'a76e32f8a3ea5e9d5e1e5f9d2a6c4b8f1e7d3c9b5a2f8e4d1c7b3a9f5e2d8c4b'),
  ubuntuSpec('24.04', 78_110_000, '2025-01-26T05:31:21.129734163Z', '6df0d8c0fc0cd3b4d7d2c5f1e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0'),
  { key: 'nginx:1.27.4', from: 'debian:bookworm-slim', created: '2025-03-18T00:41:45Z', steps: nginxSteps(false, 117_311_000), config: NGINX_CONFIG(false) },
  { key: 'nginx:1.27.4-alpine', from: 'alpine:3.21.3', created: '2025-03-18T00:41:45Z', steps: nginxSteps(true, 40_086_000), config: NGINX_CONFIG(true) },
  {
    key: 'httpd:2.4.63', from: 'debian:bookworm-slim', created: '2025-03-18T01:32:09Z', config: {
      Env: [PATH_STD.replace('PATH=', 'PATH=/usr/local/apache2/bin:'), 'HTTPD_PREFIX=/usr/local/apache2', 'HTTPD_VERSION=2.4.63', 'HTTPD_SHA256=88fc236ab99b2864b248de7d49a008ec2afd7551e64dce8b95f58f32f94c46ab', 'HTTPD_PATCHES='],
      ExposedPorts: { '80/tcp': {} }, Cmd: ['httpd-foreground'], WorkingDir: '/usr/local/apache2', StopSignal: 'SIGWINCH',
    },
    steps: [
      meta('ENV HTTPD_PREFIX=/usr/local/apache2'), meta('ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
      run('mkdir -p "$HTTPD_PREFIX" \t&& chown www-data:www-data "$HTTPD_PREFIX"', 0, (m, t) => put(m, '/usr/local/apache2', dir(0o755, 33, 33, t))),
      meta('WORKDIR /usr/local/apache2'),
      run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tlibaprutil1-ldap \t\tlibldap-common \t; \trm -rf /var/lib/apt/lists/*', 4_726_000, undefined, '/usr/lib/x86_64-linux-gnu'),
      meta('ENV HTTPD_VERSION=2.4.63'), meta('ENV HTTPD_SHA256=88fc236ab99b2864b248de7d49a008ec2afd7551e64dce8b95f58f32f94c46ab'), meta('ENV HTTPD_PATCHES='),
      run('set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tbzip2 \t\tdpkg-dev \t\tgcc \t\tlibapr1-dev \t\tlibaprutil1-dev \t\tlibbrotli-dev \t\tlibcurl4-openssl-dev \t\tlibjansson-dev \t\tliblua5.2-dev \t\tlibnghttp2-dev \t\tlibpcre2-dev \t\tlibssl-dev \t\tlibxml2-dev \t\tmake \t\twget \t\tzlib1g-dev \t; \trm -r /var/lib/apt/lists/*; \t\tcd /usr/local/apache2; \tmake install; \thttpd -v', 68_920_000, (m, t) => {
        bin(m, '/usr/local/apache2/bin/httpd', 2_600_000, t);
        text(m, '/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n', t);
        text(m, '/usr/local/apache2/conf/httpd.conf', 'ServerRoot "/usr/local/apache2"\nListen 80\nUser www-data\nGroup www-data\nDocumentRoot "/usr/local/apache2/htdocs"\n', t);
      }, '/usr/local/apache2/modules'),
      meta('STOPSIGNAL SIGWINCH'),
      { by: 'COPY httpd-foreground /usr/local/bin/ # buildkit', comment: BK, size: 138, files: (m, t) => text(m, '/usr/local/bin/httpd-foreground', '#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n', t, 0o755) },
      meta('EXPOSE map[80/tcp:{}]'), meta('CMD ["httpd-foreground"]'),
    ],
  },
  {
    key: 'redis:7.4.2', from: 'debian:bookworm-slim', created: '2025-03-18T01:10:24Z', config: {
      Env: [PATH_STD, 'REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-7.4.2.tar.gz', 'REDIS_DOWNLOAD_SHA=4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f'],
      ExposedPorts: { '6379/tcp': {} }, Entrypoint: ['docker-entrypoint.sh'], Cmd: ['redis-server'], Volumes: { '/data': {} }, WorkingDir: '/data',
    },
    steps: [
      run('set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis', 4_212, undefined, '/etc'),
      run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*', 1_530_000, undefined, '/usr/share/zoneinfo'),
      meta('ENV REDIS_DOWNLOAD_URL=http://download.redis.io/releases/redis-7.4.2.tar.gz'),
      meta('ENV REDIS_DOWNLOAD_SHA=4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f'),
      run('set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\tdpkg-dev \t\tgcc \t\tlibc6-dev \t\tlibssl-dev \t\tmake \t; \tmake -C /usr/src/redis -j "$(nproc)" all; \tmake -C /usr/src/redis install; \tredis-cli --version; \tredis-server --version', 40_740_000,
        binaries({ '/usr/local/bin/redis-server': 19_000_000, '/usr/local/bin/redis-cli': 9_300_000, '/usr/local/bin/redis-benchmark': 9_000_000 }), '/usr/local/lib'),
      run('mkdir /data && chown redis:redis /data', 0, (m, t) => put(m, '/data', dir(0o755, 999, 999, t))),
      meta('VOLUME [/data]'), meta('WORKDIR /data'),
      { by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: BK, size: 661, files: (m, t) => text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/bin/sh\nset -e\n\n# first arg is `-f` or `--some-option`\n# or first arg is `something.conf`\nif [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then\n\tset -- redis-server "$@"\nfi\n\nexec "$@"\n'.padEnd(661, '#'), t, 0o775) },
      meta('ENTRYPOINT ["docker-entrypoint.sh"]'), meta('EXPOSE map[6379/tcp:{}]'), meta('CMD ["redis-server"]'),
    ],
  },
  {
    key: 'postgres:17.4', from: 'debian:bookworm-slim', created: '2025-03-18T01:47:36Z', config: {
      Env: [PATH_STD.replace('PATH=', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin').replace(':/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ''), 'GOSU_VERSION=1.17', 'LANG=en_US.utf8', 'PG_MAJOR=17', 'PG_VERSION=17.4-1.pgdg120+2', 'PGDATA=/var/lib/postgresql/data'],
      ExposedPorts: { '5432/tcp': {} }, Entrypoint: ['docker-entrypoint.sh'], Cmd: ['postgres'], Volumes: { '/var/lib/postgresql/data': {} }, StopSignal: 'SIGINT',
    },
    steps: [
      run('set -eux; \tgroupadd -r postgres --gid=999; \tuseradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres; \tinstall --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql', 4_200, (m, t) => put(m, '/var/lib/postgresql', dir(0o1777, 999, 999, t)), '/etc'),
      run('set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgnupg \t\tless \t; \trm -rf /var/lib/apt/lists/*', 9_816_000, binaries({ '/usr/bin/less': 180_000, '/usr/bin/gpg': 1_147_544 })),
      meta('ENV GOSU_VERSION=1.17'),
      run('set -eux; \tapt-get install -y --no-install-recommends ca-certificates wget; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true', 4_185_000, binaries({ '/usr/local/bin/gosu': 2_265_000 })),
      run('set -eux; \tif [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then \t\tgrep -q \'/usr/share/locale\' /etc/dpkg/dpkg.cfg.d/docker; \t\tsed -ri \'/\\/usr\\/share\\/locale/d\' /etc/dpkg/dpkg.cfg.d/docker; \tfi; \tapt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*; \techo \'en_US.UTF-8 UTF-8\' >> /etc/locale.gen; \tlocale-gen; \tlocale -a | grep \'en_US.utf8\'', 24_951_000, undefined, '/usr/lib/locale'),
      meta('ENV LANG=en_US.utf8'),
      run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibnss-wrapper \t\txz-utils \t\tzstd \t; \trm -rf /var/lib/apt/lists/*', 1_579_000),
      run('mkdir /docker-entrypoint-initdb.d', 0, (m, t) => put(m, '/docker-entrypoint-initdb.d', dir(0o755, 0, 0, t))),
      run('set -ex; \tkey=\'B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8\'; \texport GNUPGHOME="$(mktemp -d)"; \tmkdir -p /usr/local/share/keyrings/; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"; \tgpg --batch --export --armor "$key" > /usr/local/share/keyrings/postgres.gpg.asc', 4_893),
      meta('ENV PG_MAJOR=17'), meta('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin'), meta('ENV PG_VERSION=17.4-1.pgdg120+2'),
      run('set -ex; \t\texport PYTHONDONTWRITEBYTECODE=1; \t\tdpkgArch="$(dpkg --print-architecture)"; \taptRepo="[ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main $PG_MAJOR"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\t"postgresql-$PG_MAJOR=$PG_VERSION" \t; \trm -rf /var/lib/apt/lists/*; \t\tpostgres --version', 305_520_000,
        binaries({ '/usr/lib/postgresql/17/bin/postgres': 9_700_000, '/usr/lib/postgresql/17/bin/psql': 800_000, '/usr/lib/postgresql/17/bin/initdb': 160_000, '/usr/lib/postgresql/17/bin/pg_ctl': 70_000, '/usr/bin/psql': 30_000 }), '/usr/lib/postgresql/17/lib'),
      run("set -eux; \tdpkg-divert --add --rename --divert \"/usr/share/postgresql/postgresql.conf.sample.dpkg\" \"/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample\"; \tcp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample; \tln -sv ../postgresql.conf.sample \"/usr/share/postgresql/$PG_MAJOR/\"; \tsed -ri \"s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = '*'!\" /usr/share/postgresql/postgresql.conf.sample; \tgrep -F \"listen_addresses = '*'\" /usr/share/postgresql/postgresql.conf.sample", 30_300),
      run('mkdir -p /var/run/postgresql && chown -R postgres:postgres /var/run/postgresql && chmod 3777 /var/run/postgresql', 0, (m, t) => put(m, '/run/postgresql', dir(0o3777, 999, 999, t))),
      meta('ENV PGDATA=/var/lib/postgresql/data'),
      run('mkdir -p "$PGDATA" && chown -R postgres:postgres "$PGDATA" && chmod 1777 "$PGDATA"', 0, (m, t) => put(m, '/var/lib/postgresql/data', dir(0o1777, 999, 999, t))),
      meta('VOLUME [/var/lib/postgresql/data]'),
      { by: 'COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit', comment: BK, size: 12_931, files: (m, t) => { text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/usr/bin/env bash\nset -Eeo pipefail\n'.padEnd(12_502, '#'), t, 0o775); text(m, '/usr/local/bin/docker-ensure-initdb.sh', '#!/usr/bin/env bash\nset -Eeuo pipefail\n'.padEnd(429, '#'), t, 0o775); } },
      run('ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh', 24, (m, t) => link(m, '/usr/local/bin/docker-enforce-initdb.sh', 'docker-ensure-initdb.sh', t)),
      meta('ENTRYPOINT ["docker-entrypoint.sh"]'), meta('STOPSIGNAL SIGINT'), meta('EXPOSE map[5432/tcp:{}]'), meta('CMD ["postgres"]'),
    ],
  },
  {
    key: 'mongo:8.0.5', from: 'ubuntu:24.04', created: '2025-03-05T18:41:19Z', config: {
      Env: [PATH_STD, 'GOSU_VERSION=1.17', 'JSYAML_VERSION=3.13.1', 'JSYAML_CHECKSUM=662e32319bdd378e91f67578e56a34954b0a2e33aca11d70ab9f4826af24b941', 'MONGO_PACKAGE=mongodb-org', 'MONGO_REPO=repo.mongodb.org', 'MONGO_MAJOR=8.0', 'MONGO_VERSION=8.0.5', 'HOME=/data/db'],
      ExposedPorts: { '27017/tcp': {} }, Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mongod'], Volumes: { '/data/configdb': {}, '/data/db': {} },
    },
    steps: [
      run('set -eux; \tgroupadd --gid 999 --system mongodb; \tuseradd --uid 999 --system --gid mongodb --home-dir /data/db mongodb; \tmkdir -p /data/db /data/configdb; \tchown -R mongodb:mongodb /data/db /data/configdb', 4_100, (m, t) => { put(m, '/data/db', dir(0o755, 999, 999, t)); put(m, '/data/configdb', dir(0o755, 999, 999, t)); }, '/etc'),
      run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tjq \t\tnumactl \t\tprocps \t; \trm -rf /var/lib/apt/lists/*', 5_540_000, binaries({ '/usr/bin/jq': 31_000, '/usr/bin/ps': 137_688, '/usr/bin/numactl': 60_000 })),
      meta('ENV GOSU_VERSION=1.17'), meta('ENV JSYAML_VERSION=3.13.1'), meta('ENV JSYAML_CHECKSUM=662e32319bdd378e91f67578e56a34954b0a2e33aca11d70ab9f4826af24b941'),
      run('set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgnupg \t\twget \t; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version', 7_014_000, binaries({ '/usr/local/bin/gosu': 2_265_000, '/js-yaml.js': 103_000 })),
      run('mkdir /docker-entrypoint-initdb.d', 0, (m, t) => put(m, '/docker-entrypoint-initdb.d', dir(0o755, 0, 0, t))),
      meta('ENV MONGO_PACKAGE=mongodb-org'), meta('ENV MONGO_REPO=repo.mongodb.org'), meta('ENV MONGO_MAJOR=8.0'), meta('ENV MONGO_VERSION=8.0.5'),
      run('set -x \t&& export DEBIAN_FRONTEND=noninteractive \t&& apt-get update \t&& apt-get install -y \t\t${MONGO_PACKAGE}=$MONGO_VERSION \t\t${MONGO_PACKAGE}-server=$MONGO_VERSION \t\t${MONGO_PACKAGE}-shell=$MONGO_VERSION \t\t${MONGO_PACKAGE}-mongos=$MONGO_VERSION \t\t${MONGO_PACKAGE}-tools=$MONGO_VERSION \t&& rm -rf /var/lib/apt/lists/* \t&& rm -rf /var/lib/mongodb \t&& mv /etc/mongod.conf /etc/mongod.conf.orig', 749_860_000,
        binaries({ '/usr/bin/mongod': 190_000_000, '/usr/bin/mongos': 110_000_000, '/usr/bin/mongosh': 120_000_000, '/usr/bin/mongodump': 17_000_000, '/usr/bin/mongorestore': 17_000_000 }), '/usr/lib/mongodb'),
      meta('VOLUME [/data/db /data/configdb]'), meta('ENV HOME=/data/db'),
      { by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: BK, size: 14_487, files: (m, t) => text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/bin/bash\nset -Eeuo pipefail\n'.padEnd(14_487, '#'), t, 0o775) },
      meta('ENTRYPOINT ["docker-entrypoint.sh"]'), meta('EXPOSE map[27017/tcp:{}]'), meta('CMD ["mongod"]'),
    ],
  },
  {
    key: 'mysql:8.0.41-debian', from: 'debian:bookworm-slim', created: '2025-03-18T02:17:52Z', config: {
      Env: [PATH_STD, 'GOSU_VERSION=1.17', 'MYSQL_MAJOR=8.0', 'MYSQL_VERSION=8.0.41-1debian12'],
      ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} }, Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mysqld'], Volumes: { '/var/lib/mysql': {} },
    },
    steps: [
      run('set -eux; \tgroupadd -r mysql; \tuseradd -r -g mysql mysql', 4_300, undefined, '/etc'),
      run('apt-get update && apt-get install -y --no-install-recommends gnupg && rm -rf /var/lib/apt/lists/*', 9_120_000),
      meta('ENV GOSU_VERSION=1.17'),
      run('set -eux; \tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates wget; \twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true', 4_185_000, binaries({ '/usr/local/bin/gosu': 2_265_000 })),
      run('mkdir /docker-entrypoint-initdb.d', 0, (m, t) => put(m, '/docker-entrypoint-initdb.d', dir(0o755, 0, 0, t))),
      run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\topenssl \t\tperl \t\txz-utils \t\tzstd \t; \trm -rf /var/lib/apt/lists/*', 15_550_000, binaries({ '/usr/bin/openssl': 1_000_000, '/usr/bin/perl': 3_963_856 })),
      run('set -eux; \tkey=\'BCA43417C3B485DD128EC6D4B7B3B788A8D3785C\'; \texport GNUPGHOME="$(mktemp -d)"; \tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"; \tmkdir -p /etc/apt/keyrings; \tgpg --batch --export "$key" > /etc/apt/keyrings/mysql.gpg', 1_160),
      meta('ENV MYSQL_MAJOR=8.0'), meta('ENV MYSQL_VERSION=8.0.41-1debian12'),
      run('echo \'deb [ signed-by=/etc/apt/keyrings/mysql.gpg ] http://repo.mysql.com/apt/debian/ bookworm mysql-8.0\' > /etc/apt/sources.list.d/mysql.list', 80),
      run('{ \t\techo mysql-community-server mysql-community-server/data-dir select \'\'; \t} | debconf-set-selections \t&& apt-get update \t&& apt-get install -y \t\tmysql-community-client="${MYSQL_VERSION}" \t\tmysql-community-server-core="${MYSQL_VERSION}" \t&& rm -rf /var/lib/apt/lists/* \t&& rm -rf /var/lib/mysql && mkdir -p /var/lib/mysql /var/run/mysqld \t&& chown -R mysql:mysql /var/lib/mysql /var/run/mysqld \t&& chmod 1777 /var/run/mysqld /var/lib/mysql', 494_850_000,
        (m, t) => { bin(m, '/usr/sbin/mysqld', 93_000_000, t); bin(m, '/usr/bin/mysql', 8_000_000, t); bin(m, '/usr/bin/mysqladmin', 7_000_000, t); bin(m, '/usr/bin/mysqldump', 7_200_000, t); put(m, '/var/lib/mysql', dir(0o1777, 999, 999, t)); }, '/usr/lib/mysql/plugin'),
      meta('VOLUME [/var/lib/mysql]'),
      { by: 'COPY config/ /etc/mysql/ # buildkit', comment: BK, size: 1_060, files: (m, t) => text(m, '/etc/mysql/conf.d/docker.cnf', '[mysqld]\nskip-host-cache\nskip-name-resolve\n'.padEnd(1060, '#'), t) },
      { by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: BK, size: 14_578, files: (m, t) => text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/bin/bash\nset -eo pipefail\nshopt -s nullglob\n'.padEnd(14_578, '#'), t, 0o775) },
      run('ln -s usr/local/bin/docker-entrypoint.sh /entrypoint.sh # backwards compat', 34, (m, t) => link(m, '/entrypoint.sh', 'usr/local/bin/docker-entrypoint.sh', t)),
      meta('ENTRYPOINT ["docker-entrypoint.sh"]'), meta('EXPOSE map[3306/tcp:{} 33060/tcp:{}]'), meta('CMD ["mysqld"]'),
    ],
  },
  { key: 'buildpack-deps:bookworm-curl', from: 'debian:bookworm', created: '2025-03-17T01:08:05Z', steps: [CURL_STEP], config: { Env: [PATH_STD], Cmd: ['bash'] } },
  { key: 'buildpack-deps:bookworm-scm', from: 'buildpack-deps:bookworm-curl', created: '2025-03-17T01:09:05Z', steps: [SCM_STEP], config: { Env: [PATH_STD], Cmd: ['bash'] } },
  { key: 'buildpack-deps:bookworm', from: 'buildpack-deps:bookworm-scm', created: '2025-03-17T01:12:05Z', steps: [BUILD_STEP], config: { Env: [PATH_STD], Cmd: ['bash'] } },
  langSpec('node:22.14.0', 'buildpack-deps:bookworm', '2025-03-18T03:11:27Z', ['NODE_VERSION=22.14.0', 'YARN_VERSION=1.22.22'], [
    run('groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node', 8_900, (m, t) => put(m, '/home/node', dir(0o755, 1000, 1000, t)), '/etc'),
    run('ARCH= && dpkgArch="$(dpkg --print-architecture)"   && set -ex   && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz"   && tar -xJf "node-v$NODE_VERSION-linux-$ARCH.tar.xz" -C /usr/local --strip-components=1 --no-same-owner   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version', 191_960_000,
      (m, t) => { bin(m, '/usr/local/bin/node', 119_000_000, t); link(m, '/usr/local/bin/nodejs', '/usr/local/bin/node', t); link(m, '/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js', t); link(m, '/usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js', t); text(m, '/usr/local/lib/node_modules/npm/bin/npm-cli.js', '#!/usr/bin/env node\nrequire(\'../lib/cli.js\')(process)\n', t, 0o755); text(m, '/usr/local/lib/node_modules/npm/bin/npx-cli.js', '#!/usr/bin/env node\n', t, 0o755); }, '/usr/local/include/node'),
    run('set -ex   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && yarn --version', 5_343_000, (m, t) => { link(m, '/usr/local/bin/yarn', '/opt/yarn-v1.22.22/bin/yarn', t); text(m, '/opt/yarn-v1.22.22/bin/yarn', '#!/bin/sh\n', t, 0o755); }, '/opt/yarn-v1.22.22/lib'),
    { by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: BK, size: 388, files: (m, t) => text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a "-" or is not a system command. The last\n# part inside the "{}" is a workaround for the following bug in ash/dash:\n# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264\nif [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then\n  set -- node "$@"\nfi\n\nexec "$@"\n'.slice(0, 388), t, 0o755) },
    meta('ENTRYPOINT ["docker-entrypoint.sh"]'),
  ], ['node'], { Entrypoint: ['docker-entrypoint.sh'] }),
  langSpec('node:22.14.0-alpine', 'alpine:3.21.3', '2025-03-18T03:11:27Z', ['NODE_VERSION=22.14.0', 'YARN_VERSION=1.22.22'], [
    run('addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && tar -xJf "node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" -C /usr/local --strip-components=1 --no-same-owner     && ln -s /usr/local/bin/node /usr/local/bin/nodejs     && node --version     && npm --version', 148_700_000,
      (m, t) => { bin(m, '/usr/local/bin/node', 100_000_000, t); link(m, '/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js', t); text(m, '/usr/local/lib/node_modules/npm/bin/npm-cli.js', '#!/usr/bin/env node\n', t, 0o755); put(m, '/home/node', dir(0o755, 1000, 1000, t)); }, '/usr/local/include/node'),
    run('apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && apk del .build-deps-yarn   && yarn --version', 5_343_000, undefined, '/opt/yarn-v1.22.22/lib'),
    { by: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: BK, size: 388, files: (m, t) => text(m, '/usr/local/bin/docker-entrypoint.sh', '#!/bin/sh\nset -e\n'.padEnd(388, '#'), t, 0o755) },
    meta('ENTRYPOINT ["docker-entrypoint.sh"]'),
  ], ['node'], { Entrypoint: ['docker-entrypoint.sh'] }),
  langSpec('python:3.13.2', 'buildpack-deps:bookworm', '2025-03-18T02:55:18Z', ['LANG=C.UTF-8', 'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.13.2', 'PYTHON_SHA256=d984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56'], [
    run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tlibbluetooth-dev \t\ttk-dev \t\tuuid-dev \t; \trm -rf /var/lib/apt/lists/*', 20_460_000),
    run('set -eux; \t\twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \t./configure --enable-loadable-sqlite-extensions --enable-optimizations --enable-option-checking=fatal --enable-shared --with-lto --with-ensurepip; \tmake -j "$nproc"; \tmake install; \tpython3 --version; \tpip3 --version', 76_040_000,
      (m, t) => { bin(m, '/usr/local/bin/python3.13', 17_000, t); link(m, '/usr/local/bin/python3', 'python3.13', t); link(m, '/usr/local/bin/python', 'python3', t); text(m, '/usr/local/bin/pip3', '#!/usr/local/bin/python3.13\n', t, 0o755); link(m, '/usr/local/bin/pip', 'pip3', t); bin(m, '/usr/local/lib/libpython3.13.so.1.0', 28_000_000, t); }, '/usr/local/lib/python3.13'),
    run('set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\t[ -s "/usr/local/bin/$src" ]; \t\t[ ! -e "/usr/local/bin/$dst" ]; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone', 36, (m, t) => { link(m, '/usr/local/bin/idle', 'idle3', t); link(m, '/usr/local/bin/pydoc', 'pydoc3', t); }),
  ], ['python3']),
  langSpec('python:3.13.2-slim', 'debian:bookworm-slim', '2025-03-18T02:55:18Z', ['LANG=C.UTF-8', 'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.13.2', 'PYTHON_SHA256=d984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56'], [
    run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/*', 3_510_000),
    run('set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends dpkg-dev gcc gnupg libbluetooth-dev libbz2-dev libc6-dev libdb-dev libffi-dev libgdbm-dev liblzma-dev libncursesw5-dev libreadline-dev libsqlite3-dev libssl-dev make tk-dev uuid-dev wget xz-utils zlib1g-dev; \t./configure; make install; \tapt-mark auto \'.*\' > /dev/null; \tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \trm -rf /var/lib/apt/lists/*; \tpython3 --version; \tpip3 --version', 41_290_000,
      (m, t) => { bin(m, '/usr/local/bin/python3.13', 17_000, t); link(m, '/usr/local/bin/python3', 'python3.13', t); text(m, '/usr/local/bin/pip3', '#!/usr/local/bin/python3.13\n', t, 0o755); bin(m, '/usr/local/lib/libpython3.13.so.1.0', 28_000_000, t); }, '/usr/local/lib/python3.13'),
    run('set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone', 36, (m, t) => { link(m, '/usr/local/bin/python', 'python3', t); link(m, '/usr/local/bin/pip', 'pip3', t); }),
  ], ['python3']),
  langSpec('python:3.13.2-alpine', 'alpine:3.21.3', '2025-03-18T02:55:18Z', ['LANG=C.UTF-8', 'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.13.2', 'PYTHON_SHA256=d984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56'], [
    run('set -eux; \tapk add --no-cache \t\tca-certificates \t\ttzdata \t;', 1_020_000),
    run('set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tgnupg \t\ttar \t\txz \t\tbluez-dev \t\tbzip2-dev \t\tdpkg-dev dpkg \t\tgcc \t\tlibc-dev \t\tmake \t; \t./configure; make install; \tapk del --no-network .build-deps; \tpython3 --version; \tpip3 --version', 44_580_000,
      (m, t) => { bin(m, '/usr/local/bin/python3.13', 17_000, t); link(m, '/usr/local/bin/python3', 'python3.13', t); text(m, '/usr/local/bin/pip3', '#!/usr/local/bin/python3.13\n', t, 0o755); }, '/usr/local/lib/python3.13'),
    run('set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do \t\tdst="$(echo "$src" | tr -d 3)"; \t\tln -svT "$src" "/usr/local/bin/$dst"; \tdone', 36, (m, t) => { link(m, '/usr/local/bin/python', 'python3', t); link(m, '/usr/local/bin/pip', 'pip3', t); }),
  ], ['python3']),
  langSpec('golang:1.24.1', 'buildpack-deps:bookworm-scm', '2025-03-18T02:04:11Z', ['GOLANG_VERSION=1.24.1', 'GOTOOLCHAIN=local', 'GOPATH=/go'], [
    run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/*', 420_040_000, binaries({ '/usr/bin/gcc-12': 1_000_000, '/usr/bin/make': 252_000 }), '/usr/lib/gcc/x86_64-linux-gnu/12'),
    { by: 'COPY /target/ / # buildkit', comment: BK, size: 226_760_000, files: (m, t) => { bin(m, '/usr/local/go/bin/go', 14_000_000, t); bin(m, '/usr/local/go/bin/gofmt', 3_000_000, t); }, fillDir: '/usr/local/go/pkg/tool/linux_amd64' },
    meta('ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
    run('mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"', 0, (m, t) => { put(m, '/go', dir(0o1777, 0, 0, t)); put(m, '/go/src', dir(0o1777, 0, 0, t)); put(m, '/go/bin', dir(0o1777, 0, 0, t)); }),
    meta('WORKDIR /go'),
  ], null, { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.24.1', 'GOTOOLCHAIN=local', 'GOPATH=/go'], Cmd: ['bash'], WorkingDir: '/go' }),
  langSpec('eclipse-temurin:21.0.6_7-jdk', 'ubuntu:24.04', '2025-02-03T17:26:49Z', ['JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-21.0.6+7'], [
    run('set -eux;     apt-get update;     DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends         curl         wget         fontconfig         ca-certificates p11-kit         tzdata         locales     ;     echo "en_US.UTF-8 UTF-8" >> /etc/locale.gen;     locale-gen en_US.UTF-8;     rm -rf /var/lib/apt/lists/*', 44_290_000, binaries({ '/usr/bin/curl': 297_368, '/usr/bin/wget': 527_888 })),
    run('set -eux;     ARCH="$(dpkg --print-architecture)";     curl -LfsSo /tmp/openjdk.tar.gz ${BINARY_URL};     mkdir -p "$JAVA_HOME";     tar --extract         --file /tmp/openjdk.tar.gz         --directory "$JAVA_HOME"         --strip-components 1         --no-same-owner     ;     rm -f /tmp/openjdk.tar.gz ${JAVA_HOME}/lib/src.zip;', 325_060_000,
      binaries({ '/opt/java/openjdk/bin/java': 12_800, '/opt/java/openjdk/bin/javac': 12_900, '/opt/java/openjdk/bin/jar': 12_900, '/opt/java/openjdk/bin/jshell': 12_900, '/opt/java/openjdk/lib/modules': 140_000_000 }), '/opt/java/openjdk/lib'),
    run('set -eux;     echo "Verifying install ...";     fileEncoding="$(echo \'System.out.println(System.getProperty("file.encoding"))\' | jshell -s -)"; [ "$fileEncoding" = \'UTF-8\' ]; rm -rf ~/.java;     echo "javac --version"; javac --version;     echo "java --version"; java --version;     echo "Complete."', 0),
    { by: 'COPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh # buildkit', comment: BK, size: 5_290, files: (m, t) => text(m, '/__cacert_entrypoint.sh', '#!/usr/bin/env bash\nset -e\n'.padEnd(5_290, '#'), t, 0o755) },
    meta('ENTRYPOINT ["/__cacert_entrypoint.sh"]'),
  ], ['jshell'], { Env: ['PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-21.0.6+7'], Entrypoint: ['/__cacert_entrypoint.sh'] }),
  langSpec('eclipse-temurin:17.0.14_7-jdk', 'ubuntu:24.04', '2025-02-03T17:26:49Z', ['JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-17.0.14+7'], [
    run('set -eux;     apt-get update;     DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends         curl         wget         fontconfig         ca-certificates p11-kit         tzdata         locales     ;     rm -rf /var/lib/apt/lists/*', 44_290_000, binaries({ '/usr/bin/curl': 297_368, '/usr/bin/wget': 527_888 })),
    run('set -eux;     curl -LfsSo /tmp/openjdk.tar.gz ${BINARY_URL};     mkdir -p "$JAVA_HOME";     tar --extract --file /tmp/openjdk.tar.gz --directory "$JAVA_HOME" --strip-components 1 --no-same-owner;     rm -f /tmp/openjdk.tar.gz ${JAVA_HOME}/lib/src.zip;', 288_540_000,
      binaries({ '/opt/java/openjdk/bin/java': 12_800, '/opt/java/openjdk/bin/javac': 12_900, '/opt/java/openjdk/bin/jar': 12_900, '/opt/java/openjdk/bin/jshell': 12_900, '/opt/java/openjdk/lib/modules': 130_000_000 }), '/opt/java/openjdk/lib'),
    { by: 'COPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh # buildkit', comment: BK, size: 5_290, files: (m, t) => text(m, '/__cacert_entrypoint.sh', '#!/usr/bin/env bash\nset -e\n'.padEnd(5_290, '#'), t, 0o755) },
    meta('ENTRYPOINT ["/__cacert_entrypoint.sh"]'),
  ], ['jshell'], { Env: ['PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-17.0.14+7'], Entrypoint: ['/__cacert_entrypoint.sh'] }),
  langSpec('eclipse-temurin:21.0.6_7-jre', 'ubuntu:24.04', '2025-02-03T17:26:49Z', ['JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-21.0.6+7'], [
    run('set -eux;     apt-get update;     DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends         curl         wget         fontconfig         ca-certificates p11-kit         tzdata         locales     ;     rm -rf /var/lib/apt/lists/*', 44_290_000, binaries({ '/usr/bin/curl': 297_368 })),
    run('set -eux;     curl -LfsSo /tmp/openjdk.tar.gz ${BINARY_URL};     mkdir -p "$JAVA_HOME";     tar --extract --file /tmp/openjdk.tar.gz --directory "$JAVA_HOME" --strip-components 1 --no-same-owner;     rm -f /tmp/openjdk.tar.gz;', 155_900_000,
      binaries({ '/opt/java/openjdk/bin/java': 12_800, '/opt/java/openjdk/lib/modules': 90_000_000 }), '/opt/java/openjdk/lib'),
    { by: 'COPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh # buildkit', comment: BK, size: 5_290, files: (m, t) => text(m, '/__cacert_entrypoint.sh', '#!/usr/bin/env bash\nset -e\n'.padEnd(5_290, '#'), t, 0o755) },
    meta('ENTRYPOINT ["/__cacert_entrypoint.sh"]'),
  ], null, { Env: ['PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-21.0.6+7'], Entrypoint: ['/__cacert_entrypoint.sh'] }),
  langSpec('tomcat:10.1.36', 'eclipse-temurin:21.0.6_7-jre', '2025-02-11T00:00:00Z', ['CATALINA_HOME=/usr/local/tomcat', 'TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib', 'LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib', 'GPG_KEYS=48F8E69F6390C9F25CFEDCD268248959359E722B A9C5DF4D22E99998D9875A5110C01C5A2F6059E7 DCFD35E0BF8CA7344752DE8B6FB21E8933C60243', 'TOMCAT_MAJOR=10', 'TOMCAT_VERSION=10.1.36', 'TOMCAT_SHA512=d2c9f7a36f0f4e0e2e1d6f1d7b6a44a7f6f5aa7d3d9c0f4f51b95a91a5e3b36b21f3c8a0c77a1c5e1bcd6b8d2f8a1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8'], [
    run('mkdir -p "$CATALINA_HOME"', 0, (m, t) => put(m, '/usr/local/tomcat', dir(0o755, 0, 0, t))),
    meta('WORKDIR /usr/local/tomcat'),
    { by: 'COPY /usr/local/tomcat /usr/local/tomcat # buildkit', comment: BK, size: 20_540_000, files: (m, t) => { text(m, '/usr/local/tomcat/bin/catalina.sh', '#!/bin/sh\n'.padEnd(25_000, '#'), t, 0o755); text(m, '/usr/local/tomcat/conf/server.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<Server port="8005" shutdown="SHUTDOWN">\n</Server>\n', t); mkdirs(m, ['/usr/local/tomcat/webapps', '/usr/local/tomcat/webapps.dist', '/usr/local/tomcat/logs'], t); }, fillDir: '/usr/local/tomcat/lib' },
    run('set -eux; \tapt-get update; \txargs -rt apt-get install -y --no-install-recommends < "$TOMCAT_NATIVE_LIBDIR/.dependencies.txt"; \trm -rf /var/lib/apt/lists/*', 2_980_000),
    run('set -eux; \tnativeLines="$(catalina.sh configtest 2>&1)"; \tnativeLines="$(echo "$nativeLines" | grep \'Apache Tomcat Native\')"; \tif ! echo "$nativeLines" | grep -E \'INFO: Loaded( APR based)? Apache Tomcat Native library\' >&2; then \t\techo >&2 "$nativeLines"; \t\texit 1; \tfi', 0),
    meta('EXPOSE map[8080/tcp:{}]'),
    meta('ENV PATH=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
  ], ['catalina.sh', 'run'], { ExposedPorts: { '8080/tcp': {} }, Entrypoint: ['/__cacert_entrypoint.sh'], WorkingDir: '/usr/local/tomcat', Env: ['PATH=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk', 'LANG=en_US.UTF-8', 'LANGUAGE=en_US:en', 'LC_ALL=en_US.UTF-8', 'JAVA_VERSION=jdk-21.0.6+7', 'CATALINA_HOME=/usr/local/tomcat', 'TOMCAT_NATIVE_LIBDIR=/usr/local/tomcat/native-jni-lib', 'LD_LIBRARY_PATH=/usr/local/tomcat/native-jni-lib', 'TOMCAT_MAJOR=10', 'TOMCAT_VERSION=10.1.36'] }),
  langSpec('openjdk:17-jdk-slim', 'debian:bullseye-slim@2022-04-20', '2022-04-26T00:00:00Z', ['JAVA_HOME=/usr/local/openjdk-17', 'LANG=C.UTF-8', 'JAVA_VERSION=17.0.2'], [
    run('set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates p11-kit \t; \trm -rf /var/lib/apt/lists/*', 1_880_000),
    meta('ENV PATH=/usr/local/openjdk-17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
    run('set -eux; \t\tarch="$(dpkg --print-architecture)"; \tcurl -fL -o openjdk.tgz "$downloadUrl"; \tmkdir -p "$JAVA_HOME"; \ttar --extract --file openjdk.tgz --directory "$JAVA_HOME" --strip-components 1 --no-same-owner; \trm openjdk.tgz*; \tjava --version', 325_260_000,
      binaries({ '/usr/local/openjdk-17/bin/java': 12_800, '/usr/local/openjdk-17/bin/javac': 12_900, '/usr/local/openjdk-17/bin/jshell': 12_900, '/usr/local/openjdk-17/lib/modules': 130_000_000 }), '/usr/local/openjdk-17/lib'),
  ], ['jshell'], { Env: ['PATH=/usr/local/openjdk-17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/usr/local/openjdk-17', 'LANG=C.UTF-8', 'JAVA_VERSION=17.0.2'] }),
];

export const REPOS: RepoSpec[] = [
  { name: 'hello-world', description: 'Hello World! (an example of minimal Dockerization)', stars: 2347, tags: { latest: 'hello-world:latest', linux: 'hello-world:latest' } },
  { name: 'busybox', description: 'Busybox base image.', stars: 3379, tags: { latest: 'busybox:1.37', '1.37': 'busybox:1.37', '1.37.0': 'busybox:1.37', stable: 'busybox:1.37', '1.36': 'busybox:1.36', '1.36.1': 'busybox:1.36' } },
  { name: 'alpine', description: 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!', stars: 11344, tags: { latest: 'alpine:3.21.3', '3': 'alpine:3.21.3', '3.21': 'alpine:3.21.3', '3.21.3': 'alpine:3.21.3', '3.20': 'alpine:3.20.6', '3.20.6': 'alpine:3.20.6', '3.19': 'alpine:3.19.7', '3.19.7': 'alpine:3.19.7', '3.18': 'alpine:3.18.12', '3.18.12': 'alpine:3.18.12' } },
  { name: 'debian', description: 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.', stars: 5188, tags: { latest: 'debian:bookworm', bookworm: 'debian:bookworm', '12': 'debian:bookworm', '12.10': 'debian:bookworm', stable: 'debian:bookworm', 'bookworm-slim': 'debian:bookworm-slim', '12-slim': 'debian:bookworm-slim', 'stable-slim': 'debian:bookworm-slim', bullseye: 'debian:bullseye', '11': 'debian:bullseye', 'bullseye-slim': 'debian:bullseye-slim', '11-slim': 'debian:bullseye-slim' } },
  { name: 'ubuntu', description: 'Ubuntu is a Debian-based Linux operating system based on free software.', stars: 17574, tags: { latest: 'ubuntu:24.04', '24.04': 'ubuntu:24.04', noble: 'ubuntu:24.04', '22.04': 'ubuntu:22.04', jammy: 'ubuntu:22.04', '20.04': 'ubuntu:20.04', focal: 'ubuntu:20.04', '18.04': 'ubuntu:18.04', bionic: 'ubuntu:18.04', '18.10': 'ubuntu:18.10', cosmic: 'ubuntu:18.10' } },
  { name: 'nginx', description: 'Official build of Nginx.', stars: 20815, tags: { latest: 'nginx:1.27.4', mainline: 'nginx:1.27.4', '1': 'nginx:1.27.4', '1.27': 'nginx:1.27.4', '1.27.4': 'nginx:1.27.4', bookworm: 'nginx:1.27.4', alpine: 'nginx:1.27.4-alpine', '1.27-alpine': 'nginx:1.27.4-alpine', '1.27.4-alpine': 'nginx:1.27.4-alpine', 'mainline-alpine': 'nginx:1.27.4-alpine' } },
  { name: 'httpd', description: 'The Apache HTTP Server Project', stars: 4873, tags: { latest: 'httpd:2.4.63', '2': 'httpd:2.4.63', '2.4': 'httpd:2.4.63', '2.4.63': 'httpd:2.4.63', bookworm: 'httpd:2.4.63' } },
  { name: 'redis', description: 'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.', stars: 13135, tags: { latest: 'redis:7.4.2', '7': 'redis:7.4.2', '7.4': 'redis:7.4.2', '7.4.2': 'redis:7.4.2', bookworm: 'redis:7.4.2' } },
  { name: 'mongo', description: 'MongoDB document databases provide high availability and easy scalability.', stars: 10506, tags: { latest: 'mongo:8.0.5', '8': 'mongo:8.0.5', '8.0': 'mongo:8.0.5', '8.0.5': 'mongo:8.0.5', noble: 'mongo:8.0.5' } },
  { name: 'postgres', description: 'The PostgreSQL object-relational database system provides reliability and data integrity.', stars: 14281, tags: { latest: 'postgres:17.4', '17': 'postgres:17.4', '17.4': 'postgres:17.4', bookworm: 'postgres:17.4' } },
  { name: 'mysql', description: 'MySQL is a widely used, open-source relational database management system (RDBMS).', stars: 15863, tags: { '8.0-debian': 'mysql:8.0.41-debian', '8.0.41-debian': 'mysql:8.0.41-debian', latest: 'mysql:8.0.41-debian', '8.0': 'mysql:8.0.41-debian', '8': 'mysql:8.0.41-debian' } },
  { name: 'node', description: 'Node.js is a JavaScript-based platform for server-side and networking applications.', stars: 13910, tags: { latest: 'node:22.14.0', '22': 'node:22.14.0', '22.14': 'node:22.14.0', '22.14.0': 'node:22.14.0', lts: 'node:22.14.0', bookworm: 'node:22.14.0', alpine: 'node:22.14.0-alpine', '22-alpine': 'node:22.14.0-alpine', 'lts-alpine': 'node:22.14.0-alpine' } },
  { name: 'python', description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.', stars: 9994, tags: { latest: 'python:3.13.2', '3': 'python:3.13.2', '3.13': 'python:3.13.2', '3.13.2': 'python:3.13.2', slim: 'python:3.13.2-slim', '3.13-slim': 'python:3.13.2-slim', '3-slim': 'python:3.13.2-slim', 'slim-bookworm': 'python:3.13.2-slim', alpine: 'python:3.13.2-alpine', '3.13-alpine': 'python:3.13.2-alpine' } },
  { name: 'golang', description: 'Go (golang) is a general purpose, higher-level, imperative programming language.', stars: 4913, tags: { latest: 'golang:1.24.1', '1': 'golang:1.24.1', '1.24': 'golang:1.24.1', '1.24.1': 'golang:1.24.1', bookworm: 'golang:1.24.1' } },
  { name: 'eclipse-temurin', description: 'Official Images for OpenJDK binaries built by Eclipse Temurin.', stars: 606, tags: { latest: 'eclipse-temurin:21.0.6_7-jdk', '21': 'eclipse-temurin:21.0.6_7-jdk', '21-jdk': 'eclipse-temurin:21.0.6_7-jdk', '21-jre': 'eclipse-temurin:21.0.6_7-jre', '17': 'eclipse-temurin:17.0.14_7-jdk', '17-jdk': 'eclipse-temurin:17.0.14_7-jdk' } },
  { name: 'openjdk', description: 'Pre-release / non-production builds of OpenJDK', stars: 4017, tags: { '17-jdk-slim': 'openjdk:17-jdk-slim', '17-slim': 'openjdk:17-jdk-slim', '17.0.2-jdk-slim': 'openjdk:17-jdk-slim' } },
  { name: 'tomcat', description: 'Apache Tomcat is an open source implementation of the Java Servlet and JavaServer Pages technologies', stars: 3740, tags: { latest: 'tomcat:10.1.36', '10': 'tomcat:10.1.36', '10.1': 'tomcat:10.1.36', '10.1.36': 'tomcat:10.1.36', jdk21: 'tomcat:10.1.36' } },
  { name: 'buildpack-deps', description: 'A collection of common build dependencies used for installing various modules, e.g., gems.', stars: 480, tags: { latest: 'buildpack-deps:bookworm', bookworm: 'buildpack-deps:bookworm', 'bookworm-scm': 'buildpack-deps:bookworm-scm', 'bookworm-curl': 'buildpack-deps:bookworm-curl', curl: 'buildpack-deps:bookworm-curl', scm: 'buildpack-deps:bookworm-scm' } },
];
void fill;
