/**
 * The part of github.com/distribution/reference the formatters need: ParseNormalizedNamed, FamiliarName,
 * FamiliarString (our own implementation of its grammar).
 */

const ALNUM = '[a-z0-9]+';
const SEP = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEP}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;

export interface Reference { domain: string; path: string; tag?: string; digest?: string }

export class ReferenceError extends Error {}

function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== 'localhost' && name.slice(0, i).toLowerCase() === name.slice(0, i))) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  return [domain, remainder];
}

/** reference.ParseNormalizedNamed; throws ReferenceError with the library's message. */
export function parseNormalizedNamed(s: string): Reference {
  if (ANCHORED_ID.test(s)) throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  let namePart = s;
  let suffix = '';
  const at = s.indexOf('@');
  const beforeDigest = at >= 0 ? s.slice(0, at) : s;
  const colon = beforeDigest.lastIndexOf(':');
  if (colon > beforeDigest.lastIndexOf('/')) {
    namePart = beforeDigest.slice(0, colon);
    suffix = s.slice(colon);
  } else if (at >= 0) {
    namePart = s.slice(0, at);
    suffix = s.slice(at);
  }
  const [domain, remainder] = splitDockerDomain(namePart);
  if (remainder.toLowerCase() !== remainder) throw new ReferenceError(`invalid reference format: repository name (${remainder}) must be lowercase`);
  const full = `${domain}/${remainder}${suffix}`;
  const m = REFERENCE.exec(full);
  if (!m) throw new ReferenceError('invalid reference format');
  if (m[1].length > 255) throw new ReferenceError('repository name must not be more than 255 characters');
  const slash = m[1].indexOf('/');
  return { domain: m[1].slice(0, slash), path: m[1].slice(slash + 1), tag: m[2], digest: m[3] };
}

export function familiarName(r: Reference): string {
  if (r.domain !== 'docker.io') return `${r.domain}/${r.path}`;
  if (r.path.startsWith('library/') && !r.path.slice(8).includes('/')) return r.path.slice(8);
  return r.path;
}

export function familiarString(r: Reference): string {
  let s = familiarName(r);
  if (r.tag !== undefined) s += ':' + r.tag;
  if (r.digest !== undefined) s += '@' + r.digest;
  return s;
}
