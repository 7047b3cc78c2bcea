/**
 * Image references with the grammar and error wording of github.com/distribution/reference (as used by docker CLI
 * 28.2.2 and moby 28.2.2): ParseNormalizedNamed, familiar names, TagNameOnly, digests.
 * Shared by the CLI (client-side validation, API parameters) and the engine.
 */

export class ReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceError';
  }
}

export const DEFAULT_DOMAIN = 'docker.io';
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const host = `(?:${domainName}|${ipv6})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRe = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRe = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTagRe = new RegExp(`^${tagPat}$`);
const anchoredIdentifierRe = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** A parsed reference: domain + path, optional tag and digest. */
export interface Reference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** Full name: `docker.io/library/nginx`. */
export function fullName(r: Reference): string {
  return r.domain ? `${r.domain}/${r.path}` : r.path;
}

/** String form: `docker.io/library/nginx:latest@sha256:...`. */
export function referenceString(r: Reference): string {
  return fullName(r) + (r.tag !== undefined ? ':' + r.tag : '') + (r.digest !== undefined ? '@' + r.digest : '');
}

/** reference.FamiliarName: `nginx`, `myrepo/app`, `registry.example.com:5000/x/y`. */
export function familiarName(r: Reference): string {
  if (r.domain === DEFAULT_DOMAIN) {
    return r.path.startsWith(OFFICIAL_REPO_PREFIX) && r.path.split('/').length === 2 ? r.path.slice(OFFICIAL_REPO_PREFIX.length) : r.path;
  }
  return fullName(r);
}

/** reference.FamiliarString: familiar name plus tag/digest. */
export function familiarString(r: Reference): string {
  return familiarName(r) + (r.tag !== undefined ? ':' + r.tag : '') + (r.digest !== undefined ? '@' + r.digest : '');
}

function validateDigest(d: string): void {
  const i = d.indexOf(':');
  if (i < 0 || i + 1 === d.length) throw new ReferenceError('invalid checksum digest format');
  const alg = d.slice(0, i);
  const hex = d.slice(i + 1);
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  if (!(alg in lengths)) throw new ReferenceError('unsupported digest algorithm');
  if (hex.length !== lengths[alg]) throw new ReferenceError('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(hex)) throw new ReferenceError('invalid checksum digest format');
}

/** reference.Parse: no normalisation. */
export function parse(s: string): Reference {
  const m = referenceRe.exec(s);
  if (!m) {
    if (s === '') throw new ReferenceError('repository name must have at least one component');
    if (referenceRe.exec(s.toLowerCase())) throw new ReferenceError('repository name must be lowercase');
    throw new ReferenceError('invalid reference format');
  }
  const name = m[1];
  if (name.length > NAME_TOTAL_LENGTH_MAX) throw new ReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  const nm = anchoredNameRe.exec(name)!;
  const r: Reference = { domain: nm[1] ?? '', path: nm[2] };
  if (m[2] !== undefined) r.tag = m[2];
  if (m[3] !== undefined) {
    validateDigest(m[3]);
    r.digest = m[3];
  }
  return r;
}

function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== 'localhost' && name.slice(0, i).toLowerCase() === name.slice(0, i))) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

/** reference.ParseNormalizedNamed: `nginx` -> docker.io/library/nginx (no default tag added). */
export function parseNormalizedNamed(s: string): Reference {
  if (anchoredIdentifierRe.test(s)) {
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  // Only the name part (before a tag or digest) must be lowercase.
  let remoteNamePart = remainder;
  const tagSep = remainder.indexOf(':');
  if (tagSep > -1) remoteNamePart = remainder.slice(0, tagSep);
  if (remoteNamePart.toLowerCase() !== remoteNamePart) {
    throw new ReferenceError(`invalid reference format: repository name (${remoteNamePart}) must be lowercase`);
  }
  const r = parse(domain + '/' + remainder);
  return r;
}

/** reference.TagNameOnly: adds `:latest` when there is neither tag nor digest. */
export function tagNameOnly(r: Reference): Reference {
  if (r.tag === undefined && r.digest === undefined) return { ...r, tag: DEFAULT_TAG };
  return r;
}

/** ParseDockerRef: normalised, with the default tag; a tag is dropped when a digest is present. */
export function parseDockerRef(s: string): Reference {
  const r = tagNameOnly(parseNormalizedNamed(s));
  if (r.tag !== undefined && r.digest !== undefined) return { domain: r.domain, path: r.path, digest: r.digest };
  return r;
}

export function isValidTag(tag: string): boolean {
  return anchoredTagRe.test(tag);
}

/** True for a (possibly short) image ID such as `a59677401208` or `sha256:a596...`. */
export function looksLikeId(s: string): boolean {
  return /^(sha256:)?[a-f0-9]{1,64}$/.test(s);
}
