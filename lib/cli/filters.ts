/** opts.FilterOpt: `-f name=value` flags to the Engine API filters map. */
import type { Filters } from '../api/types';

export function validateFilter(v: string): string | null {
  return v.includes('=') ? null : 'bad format of filter (expected name=value)';
}

export function buildFilters(values: string[], base?: Filters): Filters {
  const f: Filters = {};
  for (const [k, v] of Object.entries(base ?? {})) f[k] = { ...v };
  for (const raw of values) {
    const i = raw.indexOf('=');
    if (i < 0) continue;
    const name = raw.slice(0, i).trim().toLowerCase();
    const val = raw.slice(i + 1).trim();
    (f[name] ??= {})[val] = true;
  }
  return f;
}
