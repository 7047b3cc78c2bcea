/**
 * The course: lesson slugs in order, with the title and summary the course map shows. The lesson bodies are MDX files in
 * content/lessons/<slug>.mdx (each exports its own `metadata`, which the tests compare with this list); the route
 * app/learn/[slug]/page.tsx imports them through a static map so the static export knows every page.
 */
export interface LessonInfo {
  slug: string;
  title: string;
  summary: string;
  /** Part of the course the map groups it under. */
  part: 'Images' | 'Building' | 'Dockerfile';
}

export const LESSONS: readonly LessonInfo[] = [
  { slug: 'images-and-containers', title: 'Images and containers', part: 'Images', summary: 'A read-only template, and the writable layer a container adds on top.' },
  { slug: 'registries-and-repositories', title: 'Registries and repositories', part: 'Images', summary: 'Where images live: registries hold repositories, repositories hold tagged images.' },
  { slug: 'layered-file-system', title: 'The layered file system', part: 'Images', summary: 'How stacked layers become one file system, and why deleting a file does not shrink an image.' },
  { slug: 'listing-images', title: 'Listing images', part: 'Images', summary: 'docker image ls, --no-trunc, one repository, filters and --format templates.' },
  { slug: 'removing-images', title: 'Removing and pruning images', part: 'Images', summary: 'docker image rm, dangling images and docker image prune (with and without --all).' },
  { slug: 'inspecting-images', title: 'Inspecting images', part: 'Images', summary: 'Read an image’s configuration with docker image inspect and --format.' },
  { slug: 'tagging-images', title: 'Tagging images', part: 'Images', summary: 'Several names for one image, and what removing one of them really does.' },
  { slug: 'search-and-pull', title: 'Searching and pulling', part: 'Images', summary: 'docker search, docker pull, official images and user repositories.' },
  { slug: 'building-images', title: 'Building an image from a Dockerfile', part: 'Building', summary: 'A first Dockerfile, the build context, who does the build, and the image history.' },
  { slug: 'docker-commit', title: 'Creating an image with docker commit', part: 'Building', summary: 'Snapshot a container: --pause, --message, --author and --change.' },
  { slug: 'login-and-push', title: 'Logging in and pushing', part: 'Building', summary: 'Publish your images to a registry with docker login and docker push.' },
  { slug: 'dockerfile-base-and-commands', title: 'Dockerfile: FROM, ARG, RUN, CMD and ENTRYPOINT', part: 'Dockerfile', summary: 'Pick a base, run build steps, and decide what a container runs.' },
  { slug: 'dockerfile-environment-and-files', title: 'Dockerfile: ENV, WORKDIR, COPY/ADD, EXPOSE, USER, VOLUME', part: 'Dockerfile', summary: 'Environment, files and the runtime settings an image carries.' },
  { slug: 'dockerfile-metadata', title: 'Dockerfile: LABEL, HEALTHCHECK, SHELL, STOPSIGNAL, ONBUILD', part: 'Dockerfile', summary: 'Metadata, health, shells, signals and triggers (and why MAINTAINER is gone).' },
  { slug: 'dockerignore', title: 'The .dockerignore file', part: 'Dockerfile', summary: 'Keep files out of the build context with patterns and exceptions.' },
  { slug: 'parser-directives', title: 'Parser directives', part: 'Dockerfile', summary: 'syntax, escape and check: special comments at the very top of a Dockerfile.' },
];

export function lessonBySlug(slug: string): LessonInfo | undefined {
  return LESSONS.find((l) => l.slug === slug);
}

export function neighbours(slug: string): { prev?: LessonInfo; next?: LessonInfo } {
  const i = LESSONS.findIndex((l) => l.slug === slug);
  return { prev: i > 0 ? LESSONS[i - 1] : undefined, next: i >= 0 && i < LESSONS.length - 1 ? LESSONS[i + 1] : undefined };
}
