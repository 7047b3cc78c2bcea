/**
 * `docker image ls --tree` (docker CLI 28.2.2, experimental): images newest first, each with its names (all but the
 * last on lines of their own), then per platform manifest a `├─`/`└─` row. Reconstructed from the real CLI's output
 * (captures image-ls-tree*) and docker/cli's cli/command/image/tree.go: columns IMAGE (what is left of the width),
 * ID 12, DISK USAGE 10 (right), CONTENT SIZE 12 (right), EXTRA 5 ("U" = in use), 3 spaces apart; names longer than
 * the IMAGE column end in "…". The header is bold even when stdout is not a terminal (as 28.2.2 prints it).
 */
import type { ImageSummary } from '../../api/types';
import { size as humanSize3 } from './units';

interface Details { id: string; diskUsage: string; contentSize: string; used: boolean }
interface Row { names: string[]; details: Details; children: { platform: string; available: boolean; details: Details }[]; created: number }

const SPACING = 3;
const runes = (s: string) => [...s].length;
const byteLen = (s: string) => new TextEncoder().encode(s).length;
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function platformString(p: { architecture: string; os: string; variant?: string }): string {
  return [p.os || 'unknown', p.architecture || 'unknown', p.variant].filter(Boolean).join('/');
}

function cell(s: string, width: number, align: 'left' | 'right'): string {
  const n = runes(s);
  if (n > width) return [...s].slice(0, width - 1).join('') + '…';
  return align === 'left' ? s + ' '.repeat(width - n) : ' '.repeat(width - n) + s;
}

export function formatImageTree(images: ImageSummary[], o: { all: boolean; width?: number }): string {
  const rows: Row[] = [];
  for (const img of images) {
    const tags = img.RepoTags ?? [];
    if (!o.all && tags.length === 0 && (img.RepoDigests ?? []).length === 0) continue;
    // In use: only through a platform manifest's containers (28.2.2 does not show img.Containers here).
    const details: Details = { id: img.Id, diskUsage: humanSize3(img.Size), contentSize: '', used: false };
    let content = 0;
    const children: Row['children'] = [];
    for (const m of img.Manifests ?? []) {
      if (m.Kind !== 'image') continue;
      const used = (m.ImageData?.Containers ?? []).length > 0;
      if (used) details.used = true;
      content += m.Size.Content;
      children.push({
        platform: platformString(m.ImageData?.Platform ?? { architecture: '', os: '' }), available: m.Available,
        details: { id: m.ID, diskUsage: humanSize3(m.Size.Total), contentSize: humanSize3(m.Size.Content), used },
      });
    }
    details.contentSize = humanSize3(content);
    rows.push({ names: [...tags].sort().reverse(), details, children, created: img.Created });
  }
  rows.sort((a, b) => b.created - a.created);

  const width = Math.max(20, o.width || 80);
  const cols: { title: string; width: number; align: 'left' | 'right'; value?: (d: Details) => string }[] = [
    { title: 'IMAGE', width: 0, align: 'left' },
    { title: 'ID', width: 12, align: 'left', value: (d) => shortId(d.id) },
    { title: 'DISK USAGE', width: 10, align: 'right', value: (d) => d.diskUsage },
    { title: 'CONTENT SIZE', width: 12, align: 'right', value: (d) => d.contentSize },
    { title: 'EXTRA', width: 5, align: 'left', value: (d) => (d.used ? 'U' : '') },
  ];
  let nameWidth = width;
  for (let i = 1; i < cols.length; i++) {
    const d = cols[i].width + SPACING;
    if (nameWidth - d < 12) { cols.length = i; break; }
    nameWidth -= d;
  }
  let widest = cols[0].title.length;
  for (const r of rows) {
    for (const n of r.names.length ? r.names : ['<untagged>']) widest = Math.max(widest, byteLen(n));
    for (const c of r.children) widest = Math.max(widest, byteLen('└─ ' + c.platform));
  }
  cols[0].width = Math.min(nameWidth, widest);

  const bold = (s: string) => `\x1b[39m\x1b[1m${s}\x1b[0m`;
  const legend = 'Info ->  U In Use ';
  let out = "WARNING: This is an experimental feature. The output may change and shouldn't be depended on.\n";
  out += ' '.repeat(Math.max(0, width - legend.length)) + legend + '\n\n';
  out += cols.map((c, i) => (i ? ' '.repeat(SPACING) : '') + (i === cols.length - 1 ? bold(c.title) : bold(c.title) + ' '.repeat(Math.max(0, c.width - c.title.length)))).join('') + '\n';
  const details = (d: Details) => cols.slice(1).map((c) => ' '.repeat(SPACING) + cell(c.value!(d), c.width, c.align)).join('');
  for (const r of rows) {
    const names = r.names.length ? r.names : ['<untagged>'];
    for (const n of names.slice(0, -1)) out += n + '\n';
    out += cell(names[names.length - 1], cols[0].width, 'left') + details(r.details) + '\n';
    r.children.forEach((c, i) => {
      out += cell((i === r.children.length - 1 ? '└─ ' : '├─ ') + c.platform, cols[0].width, 'left') + details(c.details) + '\n';
    });
    if (r.children.length) out += '\n';
  }
  return out;
}
