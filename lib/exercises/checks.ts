/**
 * The predicate library: evaluates a CheckSpec against an engine through the EngineClient interface. Read-only:
 * it calls imageList, imageInspect, imageHistory, imageSave, containerList and containerInspect, nothing that changes state.
 * Every result names the condition in plain words, whether it passes or not.
 */
import { readTar } from '../api/tar-read';
import type { ContainerInspect, EngineClient, ImageInspect, ImageSummary } from '../api/types';
import type { Check, CheckResult, CheckSpec } from './types';

/** `nginx` -> `nginx:latest`, `docker.io/library/nginx:1` -> `nginx:1`, digests and IDs unchanged. */
export function normalizeRef(ref: string): string {
  let r = ref.trim();
  for (const prefix of ['docker.io/library/', 'index.docker.io/library/', 'docker.io/', 'index.docker.io/']) {
    if (r.startsWith(prefix)) {
      r = r.slice(prefix.length);
      break;
    }
  }
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(r)) return r;
  const last = r.slice(r.lastIndexOf('/') + 1);
  if (!last.includes(':') && !r.includes('@')) r += ':latest';
  return r;
}

/** The repository part of a familiar tagged reference (`asahicantu/nginx:1.0` -> `asahicantu/nginx`). */
export function repoOf(ref: string): string {
  const n = normalizeRef(ref);
  const at = n.indexOf('@');
  if (at >= 0) return n.slice(0, at);
  const slash = n.lastIndexOf('/');
  const colon = n.lastIndexOf(':');
  return colon > slash ? n.slice(0, colon) : n;
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const isUntagged = (img: ImageSummary) => img.RepoTags.length === 0 || img.RepoTags.every((t) => t === '<none>:<none>');

type Outcome = { pass: boolean; detail: string };
const ok = (detail: string): Outcome => ({ pass: true, detail });
const no = (detail: string): Outcome => ({ pass: false, detail });

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 404;
}

async function inspectOrNull(client: EngineClient, ref: string): Promise<ImageInspect | null> {
  try {
    return await client.imageInspect(ref);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

async function containerOrNull(client: EngineClient, name: string): Promise<ContainerInspect | null> {
  try {
    return await client.containerInspect(name);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

const eqArr = (a: readonly string[] | null | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && a.every((x, i) => x === b[i]);
const showArr = (a: readonly string[] | null | undefined) => (a && a.length ? JSON.stringify(a) : 'nothing');

/** Normalises a port spec: `80` -> `80/tcp`. */
function portKey(p: string): string {
  return p.includes('/') ? p : `${p}/tcp`;
}

// ---------- image file system (read from `docker save`) ----------

const dec = new TextDecoder();

/** The image's final file system: path (no leading slash) -> content, with whiteouts applied layer by layer. */
export async function imageFileSystem(client: EngineClient, ref: string): Promise<Map<string, Uint8Array | null>> {
  const tar = await client.imageSave([ref]);
  const entries = readTar(tar);
  const byName = new Map(entries.map((e) => [e.name.replace(/^\.\//, ''), e]));
  const manifestEntry = byName.get('manifest.json');
  if (!manifestEntry) throw new Error('the saved image has no manifest.json');
  const manifest = JSON.parse(dec.decode(manifestEntry.data)) as { RepoTags?: string[] | null; Layers?: string[] }[];
  const wanted = normalizeRef(ref);
  const item = manifest.find((m) => (m.RepoTags ?? []).some((t) => normalizeRef(t) === wanted)) ?? manifest[0];
  const files = new Map<string, Uint8Array | null>();
  for (const layerPath of item?.Layers ?? []) {
    const layer = byName.get(layerPath.replace(/^\.\//, ''));
    if (!layer) throw new Error(`the saved image lacks its layer ${layerPath}`);
    for (const e of readTar(layer.data)) {
      const name = e.name.replace(/^\.?\//, '').replace(/\/$/, '');
      const slash = name.lastIndexOf('/');
      const dir = slash >= 0 ? name.slice(0, slash + 1) : '';
      const base = name.slice(slash + 1);
      if (base === '.wh..wh..opq') {
        for (const k of [...files.keys()]) if (k.startsWith(dir) && k !== dir.slice(0, -1)) files.delete(k);
        continue;
      }
      if (base.startsWith('.wh.')) {
        const gone = dir + base.slice(4);
        for (const k of [...files.keys()]) if (k === gone || k.startsWith(gone + '/')) files.delete(k);
        continue;
      }
      files.set(name, e.type === 'file' || e.type === 'hardlink' ? e.data : null);
    }
  }
  return files;
}

// ---------- the predicates ----------

async function withImage(client: EngineClient, ref: string, f: (img: ImageInspect, name: string) => Outcome | Promise<Outcome>): Promise<Outcome> {
  const name = normalizeRef(ref);
  const img = await inspectOrNull(client, name);
  if (!img) return no(`there is no image ${name}`);
  return f(img, name);
}

export async function evaluate(client: EngineClient, spec: CheckSpec): Promise<Outcome> {
  switch (spec.kind) {
    case 'imageExists': {
      const name = normalizeRef(spec.ref);
      const img = await inspectOrNull(client, name);
      return img ? ok(`${name} exists (image ${short(img.Id)})`) : no(`there is no image ${name}`);
    }
    case 'imageAbsent': {
      const name = normalizeRef(spec.ref);
      const img = await inspectOrNull(client, name);
      return img ? no(`${name} still exists (image ${short(img.Id)})`) : ok(`there is no image ${name}`);
    }
    case 'repoAbsent': {
      const list = await client.imageList({ all: true });
      const tags = list.flatMap((i) => i.RepoTags).filter((t) => t !== '<none>:<none>' && repoOf(t) === spec.repo);
      return tags.length ? no(`${spec.repo} still has ${tags.length === 1 ? 'the tag' : 'the tags'} ${tags.join(', ')}`) : ok(`no image of ${spec.repo} remains`);
    }
    case 'sameImage':
    case 'differentImage': {
      const a = normalizeRef(spec.ref);
      const b = normalizeRef(spec.other);
      const [ia, ib] = await Promise.all([inspectOrNull(client, a), inspectOrNull(client, b)]);
      if (!ia) return no(`there is no image ${a}`);
      if (!ib) return no(`there is no image ${b}`);
      const same = ia.Id === ib.Id;
      if (spec.kind === 'sameImage') {
        return same ? ok(`${a} and ${b} are the same image (${short(ia.Id)})`) : no(`${a} is ${short(ia.Id)} but ${b} is ${short(ib.Id)}: they are different images`);
      }
      return same ? no(`${a} and ${b} are still the same image (${short(ia.Id)})`) : ok(`${a} (${short(ia.Id)}) and ${b} (${short(ib.Id)}) are different images`);
    }
    case 'noDangling': {
      const list = await client.imageList({});
      const dangling = list.filter(isUntagged);
      return dangling.length
        ? no(`${dangling.length} dangling ${dangling.length === 1 ? 'image remains' : 'images remain'} (${dangling.map((i) => short(i.Id)).join(', ')})`)
        : ok('no dangling images remain');
    }
    case 'imageCountAtMost': {
      const list = await client.imageList({});
      return list.length <= spec.max
        ? ok(`docker image ls lists ${list.length} ${list.length === 1 ? 'image' : 'images'} (at most ${spec.max} wanted)`)
        : no(`docker image ls lists ${list.length} images; at most ${spec.max} should remain`);
    }
    case 'historyMatches':
    case 'historyLacks': {
      const name = normalizeRef(spec.ref);
      if (!(await inspectOrNull(client, name))) return no(`there is no image ${name}`);
      const history = await client.imageHistory(name);
      const re = new RegExp(spec.pattern, 'i');
      const hit = history.find((h) => re.test(h.CreatedBy));
      if (spec.kind === 'historyMatches') {
        return hit ? ok(`the history of ${name} has ${spec.what}`) : no(`${name} exists but its history has no ${spec.what}`);
      }
      return hit ? no(`the history of ${name} still has ${spec.what}`) : ok(`the history of ${name} has no ${spec.what}`);
    }
    case 'exposes':
      return withImage(client, spec.ref, (img, name) => {
        const want = portKey(spec.port);
        const ports = Object.keys(img.Config.ExposedPorts ?? {});
        return ports.includes(want)
          ? ok(`${name} exposes ${want}`)
          : no(`${name} exists but does not expose port ${want}${ports.length ? ` (it exposes ${ports.join(', ')})` : ''}`);
      });
    case 'env':
      return withImage(client, spec.ref, (img, name) => {
        const entry = (img.Config.Env ?? []).find((e) => e.split('=')[0] === spec.name);
        if (!entry) return no(`${name} exists but has no environment variable ${spec.name}`);
        const value = entry.slice(spec.name.length + 1);
        if (spec.value !== undefined && value !== spec.value) return no(`${name} sets ${spec.name}=${value}, not ${spec.name}=${spec.value}`);
        return ok(`${name} sets ${spec.name}=${value}`);
      });
    case 'cmd':
      return withImage(client, spec.ref, (img, name) =>
        eqArr(img.Config.Cmd, spec.cmd) ? ok(`the default command of ${name} is ${showArr(spec.cmd)}`) : no(`the default command (Cmd) of ${name} is ${showArr(img.Config.Cmd)}, not ${showArr(spec.cmd)}`),
      );
    case 'entrypoint':
      return withImage(client, spec.ref, (img, name) =>
        eqArr(img.Config.Entrypoint, spec.entrypoint) ? ok(`the entrypoint of ${name} is ${showArr(spec.entrypoint)}`) : no(`the entrypoint of ${name} is ${showArr(img.Config.Entrypoint)}, not ${showArr(spec.entrypoint)}`),
      );
    case 'workdir':
      return withImage(client, spec.ref, (img, name) =>
        img.Config.WorkingDir === spec.dir ? ok(`the working directory of ${name} is ${spec.dir}`) : no(`the working directory of ${name} is ${img.Config.WorkingDir ? img.Config.WorkingDir : 'not set'}, not ${spec.dir}`),
      );
    case 'user':
      return withImage(client, spec.ref, (img, name) =>
        img.Config.User === spec.user ? ok(`${name} runs as user ${spec.user}`) : no(`${name} runs as ${img.Config.User ? `user ${img.Config.User}` : 'root (no USER set)'}, not as ${spec.user}`),
      );
    case 'label':
      return withImage(client, spec.ref, (img, name) => {
        const labels = img.Config.Labels ?? {};
        if (!(spec.key in labels)) return no(`${name} exists but has no label ${spec.key}`);
        if (spec.value !== undefined && labels[spec.key] !== spec.value) return no(`${name} has the label ${spec.key}=${labels[spec.key]}, not ${spec.key}=${spec.value}`);
        return ok(`${name} has the label ${spec.key}=${labels[spec.key]}`);
      });
    case 'volume':
      return withImage(client, spec.ref, (img, name) => {
        const vols = Object.keys(img.Config.Volumes ?? {});
        return vols.includes(spec.path) ? ok(`${name} declares the volume ${spec.path}`) : no(`${name} does not declare a volume at ${spec.path}${vols.length ? ` (it declares ${vols.join(', ')})` : ''}`);
      });
    case 'healthcheck':
      return withImage(client, spec.ref, (img, name) => {
        const test = img.Config.Healthcheck?.Test;
        if (!test || test.length === 0 || test[0] === 'NONE') return no(`${name} has no health check`);
        const text = test.join(' ');
        return text.includes(spec.contains) ? ok(`${name} has a health check that runs ${spec.contains}`) : no(`the health check of ${name} (${text}) does not run ${spec.contains}`);
      });
    case 'stopSignal':
      return withImage(client, spec.ref, (img, name) =>
        img.Config.StopSignal === spec.signal ? ok(`${name} stops with ${spec.signal}`) : no(`${name} stops with ${img.Config.StopSignal ? img.Config.StopSignal : 'the default signal (SIGTERM)'}, not ${spec.signal}`),
      );
    case 'shell':
      return withImage(client, spec.ref, (img, name) =>
        eqArr(img.Config.Shell, spec.shell) ? ok(`${name} uses the shell ${showArr(spec.shell)}`) : no(`${name} uses the shell ${img.Config.Shell ? showArr(img.Config.Shell) : 'default (["/bin/sh","-c"])'}, not ${showArr(spec.shell)}`),
      );
    case 'onbuild':
      return withImage(client, spec.ref, (img, name) => {
        const triggers = img.Config.OnBuild ?? [];
        return triggers.some((t) => t.includes(spec.contains)) ? ok(`${name} has an ONBUILD trigger with ${spec.contains}`) : no(`${name} has no ONBUILD trigger with ${spec.contains}${triggers.length ? ` (its triggers: ${triggers.join('; ')})` : ''}`);
      });
    case 'author':
      return withImage(client, spec.ref, (img, name) =>
        img.Author === spec.author ? ok(`${name} was committed with author ${spec.author}`) : no(`the author of ${name} is ${img.Author ? JSON.stringify(img.Author) : 'empty'}, not ${JSON.stringify(spec.author)}`),
      );
    case 'comment':
      return withImage(client, spec.ref, (img, name) =>
        img.Comment === spec.comment ? ok(`${name} carries the message ${JSON.stringify(spec.comment)}`) : no(`the commit message of ${name} is ${img.Comment ? JSON.stringify(img.Comment) : 'empty'}, not ${JSON.stringify(spec.comment)}`),
      );
    case 'basedOn': {
      const name = normalizeRef(spec.ref);
      const baseName = normalizeRef(spec.base);
      const [img, base] = await Promise.all([inspectOrNull(client, name), inspectOrNull(client, baseName)]);
      if (!img) return no(`there is no image ${name}`);
      if (!base) return no(`the base image ${baseName} is not in the image store`);
      const layers = img.RootFS.Layers ?? [];
      const baseLayers = base.RootFS.Layers ?? [];
      const prefix = baseLayers.every((l, i) => layers[i] === l);
      return prefix && layers.length >= baseLayers.length ? ok(`${name} is built on ${baseName}`) : no(`${name} exists but is not built on ${baseName} (its first layers differ)`);
    }
    case 'pushed':
      return withImage(client, spec.ref, (img, name) => {
        const repo = repoOf(name);
        const digests = img.RepoDigests.filter((d) => repoOf(d) === repo);
        return digests.length ? ok(`${name} was pushed (the registry knows it as ${digests[0]})`) : no(`${name} exists but has not been pushed to a registry (no digest for ${repo})`);
      });
    case 'fileInImage':
    case 'fileNotInImage': {
      const name = normalizeRef(spec.ref);
      if (!(await inspectOrNull(client, name))) return no(`there is no image ${name}`);
      const fs = await imageFileSystem(client, name);
      const path = spec.path.replace(/^\/+/, '').replace(/\/+$/, '');
      const present = fs.has(path);
      if (spec.kind === 'fileNotInImage') return present ? no(`${name} contains /${path}, which should have been left out`) : ok(`${name} does not contain /${path}`);
      if (!present) return no(`${name} exists but has no file /${path}`);
      if (spec.contains !== undefined) {
        const data = fs.get(path);
        const text = data ? dec.decode(data) : '';
        if (!text.includes(spec.contains)) return no(`/${path} in ${name} does not contain ${JSON.stringify(spec.contains)}`);
        return ok(`/${path} in ${name} contains ${JSON.stringify(spec.contains)}`);
      }
      return ok(`${name} contains /${path}`);
    }
    case 'container': {
      const c = await containerOrNull(client, spec.name);
      if (!c) return no(`there is no container named ${spec.name}`);
      if (spec.state && c.State.Status !== spec.state) return no(`the container ${spec.name} is ${c.State.Status}, not ${spec.state}`);
      if (spec.image) {
        const want = normalizeRef(spec.image);
        const img = await inspectOrNull(client, want);
        if (!img) return no(`the container ${spec.name} exists but the image ${want} does not`);
        if (c.Image !== img.Id) return no(`the container ${spec.name} was not created from ${want}`);
      }
      return ok(`the container ${spec.name} exists${spec.state ? ` and is ${spec.state}` : ''}${spec.image ? `, created from ${normalizeRef(spec.image)}` : ''}`);
    }
    case 'publishes': {
      const c = await containerOrNull(client, spec.name);
      if (!c) return no(`there is no container named ${spec.name}`);
      const key = portKey(spec.containerPort);
      const bindings = c.HostConfig.PortBindings?.[key] ?? [];
      if (bindings.some((b) => b.HostPort === spec.hostPort)) return ok(`the container ${spec.name} publishes host port ${spec.hostPort} to ${key}`);
      const all = Object.entries(c.HostConfig.PortBindings ?? {}).flatMap(([p, bs]) => (bs ?? []).map((b) => `${b.HostPort || '(random)'}->${p}`));
      return no(`the container ${spec.name} does not publish host port ${spec.hostPort} to ${key}${all.length ? ` (it publishes ${all.join(', ')})` : ' (it publishes no ports)'}`);
    }
    case 'containerChanged': {
      const c = await containerOrNull(client, spec.name);
      if (!c) return no(`there is no container named ${spec.name}`);
      const path = '/' + spec.path.replace(/^\/+/, '');
      const changes = (await client.containerDiff(spec.name)) ?? [];
      const hit = changes.find((ch) => ch.Path === path);
      if (hit && hit.Kind !== 2) return ok(`the writable layer of ${spec.name} has ${path}`);
      return no(`the container ${spec.name} exists but its writable layer has no ${path}${hit ? ' (it was deleted)' : ''}`);
    }
  }
}

/** Evaluates one check; an unexpected engine error becomes a failed result that says what went wrong. */
export async function runCheck(client: EngineClient, check: Check): Promise<CheckResult> {
  try {
    const r = await evaluate(client, check.spec);
    return { id: check.id, label: check.label, pass: r.pass, detail: r.detail };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { id: check.id, label: check.label, pass: false, detail: `could not be checked: ${message}` };
  }
}

/** Runs the checks in order (they only read, so order does not matter for the result). */
export async function runCheckList(client: EngineClient, checks: readonly Check[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks) out.push(await runCheck(client, c));
  return out;
}

/** Every kind, for validating specs that come from links. */
export const CHECK_KINDS = [
  'imageExists', 'imageAbsent', 'repoAbsent', 'sameImage', 'differentImage', 'noDangling', 'imageCountAtMost', 'historyMatches',
  'historyLacks', 'exposes', 'env', 'cmd', 'entrypoint', 'workdir', 'user', 'label', 'volume', 'healthcheck', 'stopSignal', 'shell',
  'onbuild', 'author', 'comment', 'basedOn', 'pushed', 'fileInImage', 'fileNotInImage', 'container', 'publishes', 'containerChanged',
] as const satisfies readonly CheckSpec['kind'][];
