import type { ExerciseDef } from '../types';

/** The notes' nginx example, corrected: one RUN for update + install (with -y), no interactive upgrade. */
export const NGINX_DOCKERFILE = `FROM ubuntu:18.10
LABEL maintainer="asahicantu@mail.com"
RUN apt-get update && apt-get install -y nginx
COPY index.html /usr/share/nginx/html/index.html
ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]
EXPOSE 80
`;
export const NGINX_INDEX = `<!doctype html>
<html>
  <body><h1>Hello from my own nginx image</h1></body>
</html>
`;

export const buildingImages: ExerciseDef[] = [
  {
    id: 'build-nginx',
    lesson: 'building-images',
    title: 'Build and run your own nginx',
    task: 'Build the Dockerfile in the workspace as `asahicantu/nginx:1.0`, then start a detached container named `web` from it that publishes host port 800 to container port 80.',
    start: { pull: ['ubuntu:18.10'], files: { Dockerfile: NGINX_DOCKERFILE, 'index.html': NGINX_INDEX } },
    hints: [
      '`docker build -t NAME:TAG .` builds with the current directory as the build context.',
      '`docker run -d --name web -p 800:80 IMAGE` runs it in the background with the port published.',
    ],
    solution: { commands: ['docker build -t asahicantu/nginx:1.0 .', 'docker run -d --name web -p 800:80 asahicantu/nginx:1.0', 'docker image history asahicantu/nginx:1.0'] },
    checks: [
      { id: 'exists', label: 'asahicantu/nginx:1.0 exists', spec: { kind: 'imageExists', ref: 'asahicantu/nginx:1.0' } },
      { id: 'installs', label: 'Its history has a RUN that installs nginx', spec: { kind: 'historyMatches', ref: 'asahicantu/nginx:1.0', pattern: 'apt-get install -y nginx', what: 'RUN that installs nginx' } },
      { id: 'page', label: 'It serves our index.html', spec: { kind: 'fileInImage', ref: 'asahicantu/nginx:1.0', path: '/usr/share/nginx/html/index.html', contains: 'Hello from my own nginx image' } },
      { id: 'expose', label: 'Its config exposes port 80', spec: { kind: 'exposes', ref: 'asahicantu/nginx:1.0', port: '80/tcp' } },
      { id: 'container', label: 'A container named web was created from it', spec: { kind: 'container', name: 'web', image: 'asahicantu/nginx:1.0' } },
      { id: 'publish', label: 'web publishes host port 800 to container port 80', spec: { kind: 'publishes', name: 'web', hostPort: '800', containerPort: '80/tcp' } },
    ],
    wrong: { commands: ['docker build -t asahicantu/nginx:1.0 .', 'docker run -d --name web -p 80:800 asahicantu/nginx:1.0'], fails: 'publish' },
  },
  {
    id: 'build-context',
    lesson: 'building-images',
    title: 'Dockerfile here, context there',
    task: 'The Dockerfile lives in `docker/Dockerfile`, but the files it copies are in `site/` at the top of the workspace. Build the image `site:1` so that `/srv/site/index.html` ends up in it.',
    start: {
      pull: ['alpine:3.20'],
      files: { 'docker/Dockerfile': 'FROM alpine:3.20\nCOPY site/ /srv/site/\n', 'site/index.html': '<h1>site</h1>\n' },
    },
    hints: [
      'The last argument of `docker build` is the build context: only files inside it can be copied.',
      '`-f` names a Dockerfile that is not at the top of the context.',
      '`docker build -t site:1 -f docker/Dockerfile .`',
    ],
    solution: { commands: ['docker build -t site:1 -f docker/Dockerfile .'] },
    checks: [
      { id: 'exists', label: 'site:1 exists', spec: { kind: 'imageExists', ref: 'site:1' } },
      { id: 'file', label: 'site:1 contains /srv/site/index.html', spec: { kind: 'fileInImage', ref: 'site:1', path: '/srv/site/index.html', contains: 'site' } },
    ],
    wrong: { commands: ['docker build -t site:1 docker'], fails: 'exists' },
  },
];
