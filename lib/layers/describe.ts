/**
 * The text equivalent of the layer explorer: one sentence per layer and one for the image, read by screen readers
 * (and usable in a console). Sizes in decimal units as Docker prints them, with a space for reading ("1.05 MB").
 */
import type { CacheStatus, ChangeCounts, ImageExplanation, LayerInfo } from './explain';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 0 B, 512 B, 1.05 kB, 12.3 MB, 105 MB (three significant digits, decimal units). */
export function formatBytes(n: number): string {
  let i = 0;
  let v = n;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  if (i === 0) return `${n} B`;
  const s = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${s.replace(/\.0+$|(\.\d*?)0+$/, '$1')} ${UNITS[i]}`;
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export function countsText(c: ChangeCounts): string {
  if (!c.added && !c.modified && !c.removed) return 'no file changes';
  return `${plural(c.added, 'file')} added, ${c.modified} modified, ${c.removed} removed`;
}

export function cacheReasonText(c: CacheStatus): string {
  if (c.hit) return 'cached';
  switch (c.reason) {
    case 'no-cache': return 'rebuilt: --no-cache';
    case 'first-build': return 'rebuilt: first build, nothing cached yet';
    case 'instruction-changed': return 'rebuilt: the instruction changed';
    case 'files-changed': return `rebuilt: files changed${c.files?.length ? ` (${c.files.join(', ')})` : ''}`;
    case 'parent-changed': return 'rebuilt: an earlier step was rebuilt';
    case 'base-changed': return 'rebuilt: the base image changed';
    default: return 'rebuilt';
  }
}

/** "Layer 3 of 5: RUN echo hi. 1.05 MB, 1 file added, 0 modified, 0 removed. Line 3, cached." */
export function describeLayer(l: LayerInfo, total: number): string {
  const what = (l.fromBase ? l.createdBy : l.instruction ?? l.createdBy) || 'no command recorded';
  const parts = [`Layer ${l.index + 1} of ${total}: ${what}.`];
  if (l.emptyLayer) parts.push('Metadata only, no files.');
  else {
    parts.push(`${formatBytes(l.size)}, ${countsText(l.counts)}.`);
    if (l.wasted > 0) parts.push(`${formatBytes(l.wasted)} of it wasted by later layers.`);
  }
  const where: string[] = [];
  if (l.fromBase) where.push(`from the base image${l.instruction ? ` (${l.instruction}, line ${l.line})` : ''}`);
  else if (l.line !== undefined) where.push(`Dockerfile line ${l.line}`);
  if (l.cache) where.push(cacheReasonText(l.cache));
  if (where.length) parts.push(where.join(', ').replace(/^./, (c) => c.toUpperCase()) + '.');
  return parts.join(' ');
}

/** "14 layers, 7.8 MB. Efficiency 87%: 1.05 MB wasted in 1 file." */
export function describeImage(x: ImageExplanation): string {
  const layers = x.layers.filter((l) => !l.emptyLayer).length;
  const eff = `Efficiency ${percent(x.efficiency)}`;
  const waste = x.wasted.bytes > 0 ? `${formatBytes(x.wasted.bytes)} wasted in ${plural(x.wasted.count, 'file')}` : 'no wasted space';
  return `${plural(layers, 'layer')} with files, ${formatBytes(x.size)}. ${eff}: ${waste}.`;
}

/** 0.8734 -> "87%", 0.9996 -> "99.9%" (never rounds up to 100% while something is wasted). */
export function percent(f: number): string {
  if (f >= 1) return '100%';
  const p = f * 100;
  if (p >= 99) return `${(Math.floor(p * 10) / 10).toFixed(1)}%`;
  return `${Math.floor(p)}%`;
}
