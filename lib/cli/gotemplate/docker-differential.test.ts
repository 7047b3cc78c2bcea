// Differential test: `docker image ls --format T` from the real docker CLI 28.2.2 (testdata/docker-image-ls.json,
// generated with /work/notes/captures-formatter/gen-templates.mjs against a fake Engine API) vs our formatter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../api/types';
import { FormatError } from '../formatter/context';
import { formatImages } from '../formatter/image';

interface Golden { images: ImageSummary[]; cases: { template: string; stdout: string; stderr: string; rc: number }[] }
const golden = JSON.parse(readFileSync(new URL('./testdata/docker-image-ls.json', import.meta.url), 'utf8')) as Golden;

// Go-internal renderings we do not reproduce: the imageContext struct printed with %v/%s, and `call`'s node text.
const SKIP = new Set(['{{printf "%s" .}}', '{{.}}', '{{printf "%v" .}}', '{{call .ID}}', 'table {{range .}}x{{end}}', '{{range $x := .}}{{end}}', '{{html .}}']);
// The CLI computed relative times at capture time (the images are years old: "N years ago" is stable for a while).
const NOW = Date.parse('2026-11-27T03:00:00Z');

describe('docker image ls --format (real CLI vs ours)', () => {
  for (const c of golden.cases) {
    if (SKIP.has(c.template)) continue;
    it(c.template, () => {
      let stdout = '';
      let stderr = '';
      try {
        stdout = formatImages(golden.images, { format: c.template, now: NOW });
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        stderr = e.message + '\n';
      }
      expect({ stdout, stderr }).toEqual({ stdout: c.stdout, stderr: c.stderr });
    });
  }
});
