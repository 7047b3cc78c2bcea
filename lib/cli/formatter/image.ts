/**
 * docker image ls output (cli/command/formatter/image.go): one row per repository:tag, `<none>` for dangling images.
 */
import type { ImageSummary } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, marshalContext } from '../gotemplate';
import {
  CONTAINERS_HEADER, CREATED_AT_HEADER, CREATED_SINCE_HEADER, DEFAULT_QUIET_FORMAT, RAW_FORMAT_KEY, SHARED_SIZE_HEADER,
  SIZE_HEADER, TABLE_FORMAT_KEY, UNIQUE_SIZE_HEADER, goTimeString, isTableFormat, truncateID, writeFormat,
} from './context';
import { familiarName, parseNormalizedNamed } from '../../reference/reference';
import { humanDuration, humanSize, humanSizeWithPrecision } from './units';

export const DEFAULT_IMAGE_TABLE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: CREATED_SINCE_HEADER,
  CreatedAt: CREATED_AT_HEADER,
  Size: SIZE_HEADER,
  Containers: CONTAINERS_HEADER,
  VirtualSize: SIZE_HEADER,
  SharedSize: SHARED_SIZE_HEADER,
  UniqueSize: UNIQUE_SIZE_HEADER,
};

const IMAGE_FIELDS = ['Containers', 'CreatedAt', 'CreatedSince', 'Digest', 'ID', 'Repository', 'SharedSize', 'Size', 'Tag', 'UniqueSize', 'VirtualSize'];

/** formatter.NewImageFormat */
export function newImageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === TABLE_FORMAT_KEY) {
    if (quiet) return DEFAULT_QUIET_FORMAT;
    return digest ? DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST : DEFAULT_IMAGE_TABLE_FORMAT;
  }
  if (source === RAW_FORMAT_KEY) {
    if (quiet) return 'image_id: {{.ID}}';
    if (digest) return 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
    return 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
  }
  if (isTableFormat(source) && digest && !source.includes('{{.Digest}}')) return source + '\t{{.Digest}}';
  return source;
}

/** The template context of one image row (formatter.imageContext). */
export class ImageContext {
  readonly [GO_TYPE] = '*formatter.imageContext';
  constructor(
    private readonly i: ImageSummary,
    private readonly trunc: boolean,
    private readonly repo: string,
    private readonly tag: string,
    private readonly digest: string,
    private readonly now: number,
  ) {}
  [MARSHAL_JSON](): string { return marshalContext(this, IMAGE_FIELDS); }
  ID(): string { return this.trunc ? truncateID(this.i.Id) : this.i.Id; }
  Repository(): string { return this.repo; }
  Tag(): string { return this.tag; }
  Digest(): string { return this.digest; }
  CreatedSince(): string {
    // time.Unix(created, 0).IsZero() is never true for unix times the API sends
    return humanDuration(this.now - this.i.Created * 1000) + ' ago';
  }
  CreatedAt(): string { return goTimeString(this.i.Created); }
  Size(): string { return humanSizeWithPrecision(this.i.Size, 3); }
  Containers(): string { return this.i.Containers === -1 ? 'N/A' : String(this.i.Containers); }
  VirtualSize(): string { return humanSize(this.i.Size); }
  SharedSize(): string { return this.i.SharedSize === -1 ? 'N/A' : humanSize(this.i.SharedSize); }
  UniqueSize(): string {
    if (this.i.Size === -1 || this.i.SharedSize === -1) return 'N/A';
    return humanSize(this.i.Size - this.i.SharedSize);
  }
}

function isDangling(img: ImageSummary): boolean {
  const tags = img.RepoTags ?? [];
  const digests = img.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

export interface ImageFormatOptions { format?: string; quiet?: boolean; noTrunc?: boolean; digests?: boolean; now: number }

/** A reference as the CLI splits it: familiar name + tag or digest. */
export interface SplitRef { name: string; tag?: string; digest?: string }

// The common shapes of what the engine sends: lowercase path components, no port, a tag or a sha256 digest.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const SIMPLE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const SIMPLE_TAGGED = new RegExp(`^(${SIMPLE_NAME}):([\\w][\\w.-]{0,127})$`);
const SIMPLE_DIGESTED = new RegExp(`^(${SIMPLE_NAME})@(sha256:[a-f0-9]{64})$`);
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/**
 * The familiar name of an already-validated simple name, as ParseNormalizedNamed + FamiliarName give it, or
 * undefined when the name needs the full parser (docker.io/ or library/ prefixes, an invalid domain, too long).
 */
function simpleFamiliarName(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash < 0) return 18 + name.length <= 255 ? name : undefined; // docker.io/library/NAME
  const first = name.slice(0, slash);
  if (first.includes('.') || first === 'localhost') {
    if (first === 'docker.io' || first === 'index.docker.io' || !DOMAIN.test(first)) return undefined;
    return name.length <= 255 ? name : undefined;
  }
  if (first === 'library' && name.indexOf('/', slash + 1) < 0) return undefined;
  return 10 + name.length <= 255 ? name : undefined; // docker.io/NAME
}

/** Results of splitRef (a pure function of the string), so a repeated `docker image ls` does not split again. */
const splitMemo = new Map<string, SplitRef | null>();
const SPLIT_MEMO_MAX = 50_000;

/** reference.ParseNormalizedNamed + FamiliarName, with a fast path for the shapes the engine sends. */
export function splitRef(ref: string): SplitRef | undefined {
  let r = splitMemo.get(ref);
  if (r === undefined) {
    if (splitMemo.size >= SPLIT_MEMO_MAX) splitMemo.clear();
    splitMemo.set(ref, (r = splitRefUncached(ref) ?? null));
  }
  return r ?? undefined;
}
function splitRefUncached(ref: string): SplitRef | undefined {
  const tagged = SIMPLE_TAGGED.exec(ref);
  const m = tagged ?? SIMPLE_DIGESTED.exec(ref);
  if (m) {
    const name = simpleFamiliarName(m[1]);
    if (name !== undefined) return tagged ? { name, tag: m[2] } : { name, digest: m[2] };
  }
  try {
    const r = parseNormalizedNamed(ref);
    return { name: familiarName(r), tag: r.tag, digest: r.digest };
  } catch {
    return undefined; // skipped like the CLI
  }
}

type RowSink = (img: ImageSummary, repo: string, tag: string, digest: string) => void;

/** Calls `row` for each line docker image ls prints, in order (imageFormat + imageFormatTaggedAndDigest). */
function eachImageRow(images: readonly ImageSummary[], digest: boolean, needDigest: boolean, row: RowSink): void {
  for (const img of images) {
    if (isDangling(img)) {
      row(img, '<none>', '<none>', '<none>');
      continue;
    }
    const tags = img.RepoTags ?? [], digests = img.RepoDigests ?? [];
    if (tags.length === 1 && digests.length === 0) {
      // The common case, without the maps below: one repo:tag.
      const r = splitRef(tags[0]);
      if (r && r.tag !== undefined && r.digest === undefined) row(img, r.name, r.tag, '<none>');
      continue;
    }
    // Go iterates maps here (random order); we keep the order of first appearance.
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const ref of tags) {
      const r = splitRef(ref);
      if (r && r.tag !== undefined && r.digest === undefined) {
        const l = repoTags.get(r.name);
        if (l) l.push(r.tag);
        else repoTags.set(r.name, [r.tag]);
      }
    }
    for (const ref of digests) {
      const r = splitRef(ref);
      if (r && r.digest !== undefined) {
        const l = repoDigests.get(r.name);
        if (l) l.push(r.digest);
        else repoDigests.set(r.name, [r.digest]);
      }
    }
    for (const [repo, tags] of repoTags) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!needDigest) digests = [];
      for (const tag of tags) {
        if (digests.length === 0) { row(img, repo, tag, '<none>'); continue; }
        for (const d of digests) row(img, repo, tag, d);
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (digest) for (const d of digests) row(img, repo, '<none>', d);
      else row(img, repo, '<none>', '');
    }
  }
}

/** The rows docker image ls prints for these summaries (imageFormat + imageFormatTaggedAndDigest). */
export function imageRows(images: readonly ImageSummary[], opts: { trunc: boolean; digest: boolean; format: string; now: number }): ImageContext[] {
  const out: ImageContext[] = [];
  eachImageRow(images, opts.digest, opts.digest || opts.format.includes('{{.Digest}}'), (img, repo, tag, digest) => {
    out.push(new ImageContext(img, opts.trunc, repo, tag, digest, opts.now));
  });
  return out;
}

/** What `docker image ls` prints on stdout (final newline included). Throws FormatError. */
export function formatImages(summaries: readonly ImageSummary[], opts: ImageFormatOptions): string {
  const source = opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY;
  const format = newImageFormat(source, opts.quiet ?? false, opts.digests ?? false);
  const trunc = !opts.noTrunc;
  const digest = opts.digests ?? false;
  if (format === DEFAULT_QUIET_FORMAT || format === DEFAULT_IMAGE_TABLE_FORMAT || format === DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST) {
    const fast = fastImageFormat(summaries, format, trunc, digest, opts.now);
    if (fast !== undefined) return fast;
  }
  return formatImagesTemplate(summaries, opts);
}

/** The same output through the Go template engine and the tabwriter (every format; the reference for the fast path). */
export function formatImagesTemplate(summaries: readonly ImageSummary[], opts: ImageFormatOptions): string {
  const source = opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY;
  const format = newImageFormat(source, opts.quiet ?? false, opts.digests ?? false);
  const rows = imageRows(summaries, { trunc: !opts.noTrunc, digest: opts.digests ?? false, format, now: opts.now });
  return writeFormat(format, IMAGE_HEADERS, rows);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const TAB_MINWIDTH = 10, TAB_PADDING = 3;

/**
 * The default table (with or without DIGEST) and `-q`, written directly: the bytes the template + tabwriter path
 * gives for them (every line has the same cells, so each column's width is max(10, widest cell + 3) and the last
 * column is not padded). Undefined when a cell is not printable ASCII (display widths then need the tabwriter).
 */
function fastImageFormat(images: readonly ImageSummary[], format: string, trunc: boolean, digest: boolean, now: number): string | undefined {
  let ok = true;
  // Consecutive rows mostly repeat an image (one row per tag), a creation time or a size: reuse the last strings.
  let lastId = '', id = '', lastCreated = NaN, age = '', lastSize = NaN, size = '';
  const idOf = (img: ImageSummary): string => {
    if (img.Id !== lastId) {
      lastId = img.Id;
      id = trunc ? truncateID(img.Id) : img.Id;
      if (!PRINTABLE_ASCII.test(id)) ok = false;
    }
    return id;
  };
  if (format === DEFAULT_QUIET_FORMAT) {
    const out: string[] = [];
    eachImageRow(images, digest, digest, (img) => { out.push(idOf(img)); });
    out.push('');
    return ok ? out.join('\n') : undefined;
  }
  // Columns before the last (the last one is not padded): cells and widest cell.
  const repos: string[] = ['REPOSITORY'], tags: string[] = ['TAG'], digests: string[] = ['DIGEST'], ids: string[] = ['IMAGE ID'];
  const ages: string[] = [CREATED_SINCE_HEADER], sizes: string[] = [SIZE_HEADER];
  let wRepo = 10, wTag = 3, wDigest = 6, wId = 8, wAge = CREATED_SINCE_HEADER.length;
  eachImageRow(images, digest, digest, (img, repo, tag, d) => {
    const i = idOf(img);
    if (img.Created !== lastCreated) {
      lastCreated = img.Created;
      age = humanDuration(now - img.Created * 1000) + ' ago';
    }
    if (img.Size !== lastSize) {
      lastSize = img.Size;
      size = humanSizeWithPrecision(img.Size, 3);
    }
    repos.push(repo);
    tags.push(tag);
    ids.push(i);
    ages.push(age);
    sizes.push(size);
    if (repo.length > wRepo) wRepo = repo.length;
    if (tag.length > wTag) wTag = tag.length;
    if (i.length > wId) wId = i.length;
    if (age.length > wAge) wAge = age.length;
    if (digest) {
      digests.push(d);
      if (d.length > wDigest) wDigest = d.length;
    }
  });
  if (!ok) return undefined;
  // Every cell is printable ASCII (one column per character): repository, tag and digest passed the reference grammar,
  // IDs were checked above, ages and sizes are ASCII by construction.
  const cell = (w: number): number => Math.max(TAB_MINWIDTH, w + TAB_PADDING);
  const cw = digest ? [cell(wRepo), cell(wTag), cell(wDigest), cell(wId), cell(wAge)] : [cell(wRepo), cell(wTag), cell(wId), cell(wAge)];
  const columns = digest ? [repos, tags, digests, ids, ages] : [repos, tags, ids, ages];
  // The text is ASCII with known widths: write its bytes once and decode them (joining ~100,000 pieces cost more).
  let rowWidth = 1;
  for (const w of cw) rowWidth += w;
  let total = repos.length * rowWidth;
  for (const v of sizes) total += v.length;
  const buf = new Uint8Array(total);
  let o = 0;
  for (let r = 0; r < repos.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c][r];
      for (let k = 0; k < v.length; k++) buf[o++] = v.charCodeAt(k);
      const end = o + cw[c] - v.length;
      buf.fill(32, o, end);
      o = end;
    }
    const v = sizes[r];
    for (let k = 0; k < v.length; k++) buf[o++] = v.charCodeAt(k);
    buf[o++] = 10;
  }
  return ASCII.decode(buf);
}
const ASCII = new TextDecoder();
