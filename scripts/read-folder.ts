/** A folder on disk as workspace files (relative slash paths, bytes, permission bits): `--context DIR` and the differential tests. */
import fs from 'node:fs';
import path from 'node:path';

export function readFolder(dir: string): { path: string; data: Uint8Array; mode: number }[] {
  const out: { path: string; data: Uint8Array; mode: number }[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(full, r);
      else if (e.isFile()) out.push({ path: r, data: fs.readFileSync(full), mode: fs.statSync(full).mode & 0o777 });
    }
  };
  walk(dir, '');
  return out;
}
