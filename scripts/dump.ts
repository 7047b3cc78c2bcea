// `npm run -s dump -- FILE`: prints BuildKit's AST dump of a Dockerfile (the format of the parser `result` files).
// A parse error goes to stderr with BuildKit's wording and exit status 1.
import fs from 'node:fs';
import { dumpRoot } from '../lib/dockerfile/dump';
import { DockerfileParseError } from '../lib/dockerfile/errors';
import { parse } from '../lib/dockerfile/parser';

const file = process.argv.slice(2).find((a) => a !== '--');
if (!file) {
  process.stderr.write('usage: npm run -s dump -- FILE\n');
  process.exit(2);
}
let bytes: Buffer;
try {
  bytes = fs.readFileSync(file);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
try {
  const r = parse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  process.stdout.write(dumpRoot(r.ast));
} catch (e) {
  if (e instanceof DockerfileParseError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
