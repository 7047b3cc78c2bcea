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
import { durationText, humanDuration, humanDurationKey, humanSize, humanSizeWithPrecision } from './units';
import { spaces } from './tabwriter';

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

/** The fixed cells of one image's rows (repository, tag, digest per row, and the ID) for one way of listing. */
interface ImageCells {
  digest: boolean; trunc: boolean; repos: string[]; tags: string[]; digests: string[]; id: string;
  /** Each row's padded cells before CREATED as ASCII bytes, for the column widths in `widths` (rarely changing). */
  widths?: string; prefixes?: Uint8Array[];
}
/**
 * Cells of frozen summaries (the in-process engine keeps its summaries frozen and hands out the same objects until an
 * image changes), so a repeated `docker image ls` does not split references again.
 */
const cellMemo = new WeakMap<ImageSummary, ImageCells>();

function imageCells(img: ImageSummary, digest: boolean, trunc: boolean): ImageCells {
  const memo = cellMemo.get(img);
  if (memo && memo.digest === digest && memo.trunc === trunc) return memo;
  const c: ImageCells = { digest, trunc, repos: [], tags: [], digests: [], id: trunc ? truncateID(img.Id) : img.Id };
  eachImageRow([img], digest, digest, (_, repo, tag, d) => { c.repos.push(repo); c.tags.push(tag); c.digests.push(d); });
  if (Object.isFrozen(img)) cellMemo.set(img, c);
  return c;
}

/**
 * The default table (with or without DIGEST) and `-q`, written directly: the bytes the template + tabwriter path
 * gives for them (every line has the same cells, so each column's width is max(10, widest cell + 3) and the last
 * column is not padded). Undefined when a cell is not printable ASCII (display widths then need the tabwriter).
 */
function fastImageFormat(images: readonly ImageSummary[], format: string, trunc: boolean, digest: boolean, now: number): string | undefined {
  const cells: ImageCells[] = new Array(images.length);
  let rows = 0;
  for (let i = 0; i < images.length; i++) {
    const c = imageCells(images[i], digest, trunc);
    if (!PRINTABLE_ASCII.test(c.id)) return undefined;
    cells[i] = c;
    rows += c.repos.length;
  }
  if (format === DEFAULT_QUIET_FORMAT) {
    const out: string[] = new Array(rows + 1);
    let r = 0;
    for (const c of cells) for (let k = 0; k < c.repos.length; k++) out[r++] = c.id;
    out[r] = '';
    return out.join('\n');
  }
  // Every cell is printable ASCII (one column per character): repository, tag and digest passed the reference grammar,
  // IDs were checked above, ages and sizes are ASCII by construction. Widths of the padded columns first.
  let wRepo = 10, wTag = 3, wDigest = 6, wId = 8, wAge = CREATED_SINCE_HEADER.length;
  // Ages and sizes repeat (rows come newest first; many images share a size): numbers per row, one text per value.
  const ageKeys = new Float64Array(images.length);
  let lastCreated = NaN, lastKey = NaN;
  for (let i = 0; i < images.length; i++) {
    const img = images[i], c = cells[i];
    if (c.repos.length === 0) continue;
    for (let k = 0; k < c.repos.length; k++) {
      if (c.repos[k].length > wRepo) wRepo = c.repos[k].length;
      if (c.tags[k].length > wTag) wTag = c.tags[k].length;
      if (digest && c.digests[k].length > wDigest) wDigest = c.digests[k].length;
    }
    if (c.id.length > wId) wId = c.id.length;
    if (img.Created !== lastCreated) {
      lastCreated = img.Created;
      const key = humanDurationKey(now - img.Created * 1000);
      if (key !== lastKey) {
        lastKey = key;
        const w = ageText(key).length;
        if (w > wAge) wAge = w;
      }
    }
    ageKeys[i] = lastKey;
  }
  const cell = (w: number): number => Math.max(TAB_MINWIDTH, w + TAB_PADDING);
  const cRepo = cell(wRepo), cTag = cell(wTag), cDigest = cell(wDigest), cId = cell(wId), cAge = cell(wAge);
  const header = 'REPOSITORY' + spaces(cRepo - 10) + 'TAG' + spaces(cTag - 3) + (digest ? 'DIGEST' + spaces(cDigest - 6) : '') +
    'IMAGE ID' + spaces(cId - 8) + CREATED_SINCE_HEADER + spaces(cAge - CREATED_SINCE_HEADER.length) + SIZE_HEADER + '\n';
  const widths = `${cRepo} ${cTag} ${digest ? cDigest : 0} ${cId}`;
  // The rows are copied as bytes into one buffer kept between calls and decoded once: the only new large object per
  // listing is the text itself (fewer allocations, fewer collections of a big heap).
  const agePad = new Map<number, Uint8Array>();
  let buf = writeBuffer(header.length * (rows + 1) + 64);
  let o = writeAscii(buf, 0, header);
  for (let i = 0; i < images.length; i++) {
    const c = cells[i];
    if (c.repos.length === 0) continue;
    if (c.widths !== widths || !c.prefixes) {
      const idCell = c.id + spaces(cId - c.id.length);
      c.prefixes = c.repos.map((repo, k) => {
        const tag = c.tags[k];
        let line = repo + spaces(cRepo - repo.length) + tag + spaces(cTag - tag.length);
        if (digest) line += c.digests[k] + spaces(cDigest - c.digests[k].length);
        line += idCell;
        const b = new Uint8Array(line.length);
        writeAscii(b, 0, line);
        return b;
      });
      c.widths = widths;
    }
    let age = agePad.get(ageKeys[i]);
    if (!age) {
      const text = ageText(ageKeys[i]);
      agePad.set(ageKeys[i], (age = asciiBytes(text + spaces(cAge - text.length))));
    }
    const bytes = images[i].Size;
    let size = SIZE_BYTES.get(bytes);
    if (!size) {
      if (SIZE_BYTES.size > 10_000) SIZE_BYTES.clear();
      SIZE_BYTES.set(bytes, (size = asciiBytes(humanSizeWithPrecision(bytes, 3) + '\n')));
    }
    for (const p of c.prefixes) {
      const need = o + p.length + age.length + size.length;
      if (need > buf.length) buf = writeBuffer(need * 2, buf.subarray(0, o));
      buf.set(p, o);
      buf.set(age, o + p.length);
      buf.set(size, o + p.length + age.length);
      o = need;
    }
  }
  return ASCII.decode(buf.subarray(0, o));
}

const ASCII = new TextDecoder();
/** SIZE cells (+ newline) by byte count. */
const SIZE_BYTES = new Map<number, Uint8Array>();
/** CREATED cells by humanDurationKey. */
const AGE_TEXTS = new Map<number, string>();
function ageText(key: number): string {
  let t = AGE_TEXTS.get(key);
  if (t === undefined) {
    if (AGE_TEXTS.size > 10_000) AGE_TEXTS.clear();
    AGE_TEXTS.set(key, (t = durationText(key) + ' ago'));
  }
  return t;
}
/** The output buffer, kept between listings (grows, never shrinks below what the largest listing needed). */
let outBuf = new Uint8Array(1 << 16);
function writeBuffer(min: number, keep?: Uint8Array): Uint8Array {
  if (outBuf.length < min) {
    const next = new Uint8Array(Math.max(min, outBuf.length * 2));
    if (keep) next.set(keep);
    outBuf = next;
  }
  return outBuf;
}
function writeAscii(b: Uint8Array, at: number, s: string): number {
  for (let k = 0; k < s.length; k++) b[at + k] = s.charCodeAt(k);
  return at + s.length;
}
function asciiBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  writeAscii(b, 0, s);
  return b;
}
