/**
 * docker system df output (cli/command/formatter/disk_usage.go and buildcache.go, docker CLI 28.2.2).
 */
import type { BuildCacheRecord, ContainerSummary, DiskUsage, ImageSummary, VolumeInfo } from '../../api/types';
import { GO_TYPE, MARSHAL_JSON, goJSON, marshalContext } from '../gotemplate';
import { ContainerContext, CONTAINER_HEADERS, newContainerFormat } from './container';
import {
  CREATED_AT_HEADER, CREATED_SINCE_HEADER, FormatError, RAW_FORMAT_KEY, SIZE_HEADER, TABLE_FORMAT_KEY, goTimeString,
  isTableFormat, parseFormat, preFormat, truncateID, writeFormat,
} from './context';
import { IMAGE_HEADERS, ImageContext, newImageFormat } from './image';
import { familiarName, parseNormalizedNamed } from '../../reference/reference';
import { humanDuration, humanSize, humanSizeWithPrecision } from './units';
import { VOLUME_HEADERS, VolumeContext, newVolumeFormat } from './volume';
import { ellipsis } from './width';
import { TemplateError } from '../gotemplate';

export const DEFAULT_DISK_USAGE_TABLE_FORMAT = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
export const DEFAULT_DISK_USAGE_IMAGE_TABLE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
export const DEFAULT_DISK_USAGE_CONTAINER_TABLE_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
export const DEFAULT_DISK_USAGE_VOLUME_TABLE_FORMAT = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
export const DEFAULT_DISK_USAGE_BUILD_CACHE_TABLE_FORMAT = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';
export const DEFAULT_BUILD_CACHE_TABLE_FORMAT = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

export const DISK_USAGE_HEADERS: Record<string, string> = {
  Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: SIZE_HEADER, Reclaimable: 'RECLAIMABLE',
};
export const BUILD_CACHE_HEADERS: Record<string, string> = {
  ID: 'CACHE ID', Parent: 'PARENT', CacheType: 'CACHE TYPE', Size: SIZE_HEADER, CreatedSince: CREATED_SINCE_HEADER,
  LastUsedSince: 'LAST USED', UsageCount: 'USAGE', InUse: 'IN USE', Shared: 'SHARED', Description: 'DESCRIPTION',
  CreatedAt: CREATED_AT_HEADER, LastUsedAt: 'LAST USED AT',
};

const SUMMARY_FIELDS = ['Active', 'Reclaimable', 'Size', 'TotalCount', 'Type'];
const BUILD_CACHE_FIELDS = ['CacheType', 'CreatedAt', 'CreatedSince', 'Description', 'ID', 'InUse', 'LastUsedAt', 'LastUsedSince', 'Parent', 'Shared', 'Size', 'UsageCount'];

const pct = (reclaimable: number, total: number) => `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)`;
const unixOf = (rfc3339: string) => Math.floor(Date.parse(rfc3339) / 1000);

abstract class SummaryContext {
  [MARSHAL_JSON](): string { return marshalContext(this, SUMMARY_FIELDS); }
  abstract Type(): string;
  abstract TotalCount(): string;
  abstract Active(): string;
  abstract Size(): string;
  abstract Reclaimable(): string;
}

class ImagesSummary extends SummaryContext {
  readonly [GO_TYPE] = '*formatter.diskUsageImagesContext';
  constructor(private readonly totalSize: number, private readonly images: readonly ImageSummary[]) { super(); }
  Type(): string { return 'Images'; }
  TotalCount(): string { return String(this.images.length); }
  Active(): string { return String(this.images.filter((i) => i.Containers > 0).length); }
  Size(): string { return humanSize(this.totalSize); }
  Reclaimable(): string {
    let used = 0;
    for (const i of this.images) {
      if (i.Containers !== 0) {
        if (i.Size === -1 || i.SharedSize === -1) continue;
        used += i.Size - i.SharedSize;
      }
    }
    const reclaimable = this.totalSize - used;
    return this.totalSize > 0 ? pct(reclaimable, this.totalSize) : humanSize(reclaimable);
  }
}

const isActiveContainer = (c: ContainerSummary) => /running|paused|restarting/.test(c.State);

class ContainersSummary extends SummaryContext {
  readonly [GO_TYPE] = '*formatter.diskUsageContainersContext';
  constructor(private readonly containers: readonly ContainerSummary[]) { super(); }
  Type(): string { return 'Containers'; }
  TotalCount(): string { return String(this.containers.length); }
  Active(): string { return String(this.containers.filter(isActiveContainer).length); }
  Size(): string { return humanSize(this.containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0)); }
  Reclaimable(): string {
    let reclaimable = 0;
    let total = 0;
    for (const c of this.containers) {
      if (!isActiveContainer(c)) reclaimable += c.SizeRw ?? 0;
      total += c.SizeRw ?? 0;
    }
    return total > 0 ? pct(reclaimable, total) : humanSize(reclaimable);
  }
}

class VolumesSummary extends SummaryContext {
  readonly [GO_TYPE] = '*formatter.diskUsageVolumesContext';
  constructor(private readonly volumes: readonly VolumeInfo[]) { super(); }
  Type(): string { return 'Local Volumes'; }
  TotalCount(): string { return String(this.volumes.length); }
  Active(): string { return String(this.volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length); }
  Size(): string {
    let size = 0;
    for (const v of this.volumes) if (v.UsageData && v.UsageData.Size !== -1) size += v.UsageData.Size;
    return humanSize(size);
  }
  Reclaimable(): string {
    let reclaimable = 0;
    let total = 0;
    for (const v of this.volumes) {
      if (!v.UsageData || v.UsageData.Size === -1) continue;
      if (v.UsageData.RefCount === 0) reclaimable += v.UsageData.Size;
      total += v.UsageData.Size;
    }
    return total > 0 ? pct(reclaimable, total) : humanSize(reclaimable);
  }
}

class BuilderSummary extends SummaryContext {
  readonly [GO_TYPE] = '*formatter.diskUsageBuilderContext';
  constructor(private readonly records: readonly BuildCacheRecord[]) { super(); }
  Type(): string { return 'Build Cache'; }
  TotalCount(): string { return String(this.records.length); }
  Active(): string { return String(this.records.filter((r) => r.InUse).length); }
  Size(): string { return humanSize(builderSize(this.records)); }
  Reclaimable(): string {
    return humanSize(this.records.filter((r) => !r.InUse && !r.Shared).reduce((n, r) => n + r.Size, 0));
  }
}

function builderSize(records: readonly BuildCacheRecord[]): number {
  return records.filter((r) => !r.Shared).reduce((n, r) => n + r.Size, 0);
}

/** The template context of one build cache record (formatter.buildCacheContext). */
export class BuildCacheContext {
  readonly [GO_TYPE] = '*formatter.buildCacheContext';
  constructor(private readonly v: BuildCacheRecord, private readonly trunc: boolean, private readonly now: number) {}
  [MARSHAL_JSON](): string { return marshalContext(this, BUILD_CACHE_FIELDS); }
  ID(): string {
    const id = this.trunc ? truncateID(this.v.ID) : this.v.ID;
    return this.v.InUse ? id + '*' : id;
  }
  Parent(): string {
    const parent = (this.v as { Parent?: string }).Parent ?? '';
    return this.trunc ? truncateID(parent) : parent;
  }
  CacheType(): string { return this.v.Type; }
  Description(): string { return this.trunc ? ellipsis(this.v.Description, 45) : this.v.Description; }
  Size(): string { return humanSizeWithPrecision(this.v.Size, 3); }
  CreatedAt(): string { return goTimeString(unixOf(this.v.CreatedAt)); }
  CreatedSince(): string { return humanDuration(this.now - Date.parse(this.v.CreatedAt)) + ' ago'; }
  LastUsedAt(): string { return this.v.LastUsedAt ? goTimeString(unixOf(this.v.LastUsedAt)) : ''; }
  LastUsedSince(): string { return this.v.LastUsedAt ? humanDuration(this.now - Date.parse(this.v.LastUsedAt)) + ' ago' : ''; }
  UsageCount(): string { return String(this.v.UsageCount); }
  InUse(): string { return this.v.InUse ? 'true' : 'false'; }
  Shared(): string { return this.v.Shared ? 'true' : 'false'; }
}

/** buildCacheSort: never-used first, then by last use, ties by ID. */
export function sortBuildCache(records: readonly BuildCacheRecord[]): BuildCacheRecord[] {
  return [...records].sort((a, b) => {
    const la = a.LastUsedAt;
    const lb = b.LastUsedAt;
    if (!la && !lb) return a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;
    if (!la) return -1;
    if (!lb) return 1;
    const ta = Date.parse(la);
    const tb = Date.parse(lb);
    if (ta === tb) return a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;
    return ta - tb;
  });
}

export function newDiskUsageFormat(source: string, verbose: boolean): string {
  if (verbose && source === RAW_FORMAT_KEY) {
    return `{{range .Images}}type: Image\n${newImageFormat(source, false, true)}\n{{end -}}\n{{range .Containers}}type: Container\n${newContainerFormat(source, false, true)}\n{{end -}}\n{{range .Volumes}}type: Volume\n${newVolumeFormat(source, false)}\n{{end -}}\n{{range .BuildCache}}type: Build Cache\n${newBuildCacheFormat(source, false)}\n{{end -}}`;
  }
  if (!verbose && source === TABLE_FORMAT_KEY) return DEFAULT_DISK_USAGE_TABLE_FORMAT;
  if (!verbose && source === RAW_FORMAT_KEY) return 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
  return source;
}

export function newBuildCacheFormat(source: string, quiet: boolean): string {
  if (source === TABLE_FORMAT_KEY) return quiet ? '{{.ID}}' : DEFAULT_BUILD_CACHE_TABLE_FORMAT;
  if (source === RAW_FORMAT_KEY) {
    if (quiet) return 'build_cache_id: {{.ID}}';
    return 'build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\ndescription: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\nlast_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\nin_use: {{.InUse}}\nshared: {{.Shared}}\n';
  }
  return source;
}

export interface DiskUsageFormatOptions { format?: string; verbose?: boolean; now: number }

/** What `docker system df [-v]` prints. Throws FormatError. */
export function formatDiskUsage(du: DiskUsage, opts: DiskUsageFormatOptions): string {
  const verbose = opts.verbose ?? false;
  const source = opts.format && opts.format.length > 0 ? opts.format : TABLE_FORMAT_KEY;
  const format = newDiskUsageFormat(source, verbose);
  const images = du.Images ?? [];
  const containers = du.Containers ?? [];
  const volumes = du.Volumes ?? [];
  const cache = du.BuildCache ?? [];
  if (!verbose) {
    const rows = [new ImagesSummary(du.LayersSize, images), new ContainersSummary(containers), new VolumesSummary(volumes), new BuilderSummary(cache)];
    return writeFormat(format, DISK_USAGE_HEADERS, rows);
  }
  const trunc = isTableFormat(format);
  const imageRows = images.map((i) => {
    let repo = '<none>';
    let tag = '<none>';
    const dangling = (i.RepoTags ?? []).length === 0 && (i.RepoDigests ?? []).length === 0;
    if ((i.RepoTags ?? []).length > 0 && !dangling) {
      try {
        const ref = parseNormalizedNamed(i.RepoTags[0]);
        if (ref.tag !== undefined) { repo = familiarName(ref); tag = ref.tag; }
      } catch {
        return null; // skipped like the CLI
      }
    }
    return new ImageContext(i, trunc, repo, tag, '', opts.now);
  }).filter((x): x is ImageContext => x !== null);
  const containerRows = containers.map((c) => new ContainerContext({ ...c, SizeRootFs: 0 }, trunc, opts.now));
  const volumeRows = volumes.map((v) => new VolumeContext(v));
  const cacheRows = sortBuildCache(cache).map((r) => new BuildCacheContext(r, trunc, opts.now));
  if (format === TABLE_FORMAT_KEY) {
    let out = 'Images space usage:\n\n';
    out += writeFormat(DEFAULT_DISK_USAGE_IMAGE_TABLE_FORMAT, IMAGE_HEADERS, imageRows);
    out += '\nContainers space usage:\n\n';
    out += writeFormat(DEFAULT_DISK_USAGE_CONTAINER_TABLE_FORMAT, CONTAINER_HEADERS, containerRows);
    out += '\nLocal Volumes space usage:\n\n';
    out += writeFormat(DEFAULT_DISK_USAGE_VOLUME_TABLE_FORMAT, VOLUME_HEADERS, volumeRows);
    out += `\nBuild cache usage: ${humanSize(builderSize(cache))}\n\n`;
    out += writeFormat(DEFAULT_DISK_USAGE_BUILD_CACHE_TABLE_FORMAT, BUILD_CACHE_HEADERS, cacheRows);
    return out;
  }
  const tmpl = parseFormat(preFormat(format));
  const data = {
    [GO_TYPE]: '*formatter.diskUsageContext',
    Images: imageRows, Containers: containerRows, Volumes: volumeRows, BuildCache: cacheRows,
    [MARSHAL_JSON]: () => `{"Images":${goJSON(imageRows, false)},"Containers":${goJSON(containerRows, false)},"Volumes":${goJSON(volumeRows, false)},"BuildCache":${goJSON(cacheRows, false)}}`,
  };
  try {
    return tmpl.execute(data);
  } catch (e) {
    if (e instanceof TemplateError) throw new FormatError(e.message);
    throw e;
  }
}
