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

/** The rows docker image ls prints for these summaries (imageFormat + imageFormatTaggedAndDigest). */
export function imageRows(images: readonly ImageSummary[], opts: { trunc: boolean; digest: boolean; format: string; now: number }): ImageContext[] {
  const needDigest = opts.digest || opts.format.includes('{{.Digest}}');
  const out: ImageContext[] = [];
  for (const img of images) {
    if (isDangling(img)) {
      out.push(new ImageContext(img, opts.trunc, '<none>', '<none>', '<none>', opts.now));
      continue;
    }
    // Go iterates maps here (random order); we keep the order of first appearance.
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const ref of img.RepoTags ?? []) {
      try {
        const r = parseNormalizedNamed(ref);
        if (r.tag !== undefined && r.digest === undefined) {
          const name = familiarName(r);
          repoTags.set(name, [...(repoTags.get(name) ?? []), r.tag]);
        }
      } catch { /* skipped like the CLI */ }
    }
    for (const ref of img.RepoDigests ?? []) {
      try {
        const r = parseNormalizedNamed(ref);
        if (r.digest !== undefined) {
          const name = familiarName(r);
          repoDigests.set(name, [...(repoDigests.get(name) ?? []), r.digest]);
        }
      } catch { /* skipped like the CLI */ }
    }
    for (const [repo, tags] of repoTags) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!needDigest) digests = [];
      for (const tag of tags) {
        if (digests.length === 0) { out.push(new ImageContext(img, opts.trunc, repo, tag, '<none>', opts.now)); continue; }
        for (const d of digests) out.push(new ImageContext(img, opts.trunc, repo, tag, d, opts.now));
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (opts.digest) for (const d of digests) out.push(new ImageContext(img, opts.trunc, repo, '<none>', d, opts.now));
      else out.push(new ImageContext(img, opts.trunc, repo, '<none>', '', opts.now));
    }
  }
  return out;
}

/** What `docker image ls` prints on stdout (final newline included). Throws FormatError. */
export function formatImages(summaries: readonly ImageSummary[], opts: ImageFormatOptions): string {
  const source = opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY;
  const format = newImageFormat(source, opts.quiet ?? false, opts.digests ?? false);
  const rows = imageRows(summaries, { trunc: !opts.noTrunc, digest: opts.digests ?? false, format, now: opts.now });
  return writeFormat(format, IMAGE_HEADERS, rows);
}
