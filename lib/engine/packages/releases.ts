/**
 * Per-release package versions for the simulated apt and apk. data.ts holds one full set (Debian bookworm, Alpine
 * 3.21: names, sizes, dependencies, files); each release here overrides versions (and sizes or dependencies where
 * they differ a lot) with what that release's archive shipped at the date of our catalog image. Only versions seen in
 * public sources (image manifests, pinned Dockerfiles, security notices) are listed; a package a release does not list
 * takes the version of the nearest release that does (`near`), so no version here is made up.
 *
 * Sources and dates per release:
 * - bionic (18.04): bionic-updates/-security, 2023 (the last ubuntu:18.04 image, 2023-05-30): the image's package
 *   manifest (docker-brew-ubuntu-core) and Dockerfiles pinning bionic versions.
 * - cosmic (18.10): cosmic-updates/-security at end of life (2019-07; the last ubuntu:18.10 image, 2019-07-03): its
 *   package manifest, USN-3812-1 (nginx) and Dockerfiles pinning cosmic versions.
 * - focal (20.04), jammy (22.04), noble (24.04): -updates/-security of late 2024 / early 2025 (images of 2025-01/02).
 * - bookworm (12): the point release 12.10 with -security (2025-03); bullseye has no table yet and uses bookworm's.
 */
import { APT, type PkgDef } from './data';

/** A release's override: a version, or [version, download kB, installed kB], or a whole definition; null = absent. */
export type Over = string | [string, number, number] | (Partial<PkgDef> & { version: string }) | null;

export interface Release {
  /** apt's own version (its usage line: `apt 2.6.1 (amd64)`). */
  apt: string;
  /** libc-bin of the base image (apt's trigger line), when the image's own package database lacks it. */
  libc: string;
  /** Releases to take a version from when this one has none, nearest first. */
  near: string[];
  pkgs: Record<string, Over>;
  /** Packages of the base set that have another name in this release (dependencies follow the new name). */
  renames?: Record<string, string>;
}

const same = (version: string, names: string): Record<string, string> => Object.fromEntries(names.split(' ').map((n) => [n, version]));

/** Ubuntu's nginx before 24.04: `nginx` is a tiny metapackage over nginx-core (which has the binary). */
const nginxCore = (v: string, dl: number): Record<string, Over> => ({
  nginx: { version: v, dl, kb: 43, deps: ['nginx-core'], bins: {}, files: {} },
  'nginx-core': { version: v, dl: 530, kb: 1210, deps: ['nginx-common', 'libpcre3'], bins: { '/usr/sbin/nginx': 1_300_000 }, files: { '/var/www/html/index.nginx-debian.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n', '/etc/nginx/sites-enabled/default': 'server {\n\tlisten 80 default_server;\n\troot /var/www/html;\n}\n' } },
  'nginx-common': v,
});

export const APT_RELEASES: Record<string, Release> = {
  bookworm: { apt: '2.6.1', libc: '2.36-9+deb12u10', near: [], pkgs: {} },
  bionic: {
    apt: '1.6.14', libc: '2.27-3ubuntu1.6', near: ['cosmic', 'focal'],
    renames: { libssl3: 'libssl1.1', 'python3.11': 'python3.6', 'perl-modules-5.36': 'perl-modules-5.26', 'libperl5.36': 'libperl5.26' },
    pkgs: {
      ...nginxCore('1.14.0-0ubuntu1.11', 3.596),
      libpcre3: ['2:8.39-9ubuntu0.1', 233, 680],
      ...same('7.58.0-2ubuntu3.24', 'curl libcurl4 libcurl3-gnutls'),
      wget: '1.19.4-1ubuntu2.2',
      ...same('1:2.17.1-1ubuntu0.18', 'git git-man'),
      ...same('2:8.0.1453-1ubuntu1.11', 'vim vim-runtime'),
      python3: { version: '3.6.7-1~18.04', dl: 47, kb: 189, deps: ['python3.6', 'libpython3-stdlib', 'python3-minimal'], bins: { '/usr/bin/python3': 4_526_456 } },
      ...same('3.6.7-1~18.04', 'libpython3-stdlib python3-minimal'),
      'python3.6': { version: '3.6.9-1~18.04ubuntu1.12', dl: 203, kb: 596, deps: ['python3.6-minimal', 'libpython3.6-stdlib'], bins: { '/usr/bin/python3.6': 4_526_456 } },
      'python3.6-minimal': { version: '3.6.9-1~18.04ubuntu1.12', dl: 1609, kb: 5119, deps: ['libpython3.6-minimal', 'libexpat1'] },
      'libpython3.6-minimal': { version: '3.6.9-1~18.04ubuntu1.12', dl: 533, kb: 3345 },
      'libpython3.6-stdlib': { version: '3.6.9-1~18.04ubuntu1.12', dl: 1713, kb: 7400, deps: ['libsqlite3-0', 'libffi6'] },
      libffi6: ['3.2.1-8', 18, 55],
      'python3.11-minimal': null, 'libpython3.11-minimal': null, 'libpython3.11-stdlib': null,
      'python3-pip': '9.0.1-2.3~ubuntu1.18.04.8',
      'build-essential': { version: '12.4ubuntu1', dl: 5, kb: 20, deps: ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev'] },
      ...same('4:7.4.0-1ubuntu2.3', 'gcc g++ cpp'),
      make: '4.1-9.1ubuntu1',
      ...same('2.27-3ubuntu1.6', 'libc6-dev locales'),
      'ca-certificates': '20211016ubuntu0.18.04.1',
      openssl: { version: '1.1.1-1ubuntu2.1~18.04.23', dl: 614, kb: 1145, deps: ['libssl1.1'], bins: { '/usr/bin/openssl': 723_008 } },
      'libssl1.1': { version: '1.1.1-1ubuntu2.1~18.04.23', dl: 1302, kb: 3996 },
      perl: { version: '5.26.1-6ubuntu0.6', deps: ['perl-modules-5.26', 'libperl5.26'] },
      ...same('5.26.1-6ubuntu0.6', 'perl-modules-5.26 libperl5.26'),
      ...same('2.4.29-1ubuntu4.27', 'apache2 apache2-bin apache2-data apache2-utils'),
      unzip: '6.0-21ubuntu1.2',
      'software-properties-common': '0.96.24.32.20',
      ...same('2.2.4-1ubuntu1.6', 'gnupg gpg dirmngr'),
      ...same('1.6.14', 'apt-utils apt-transport-https'),
    },
  },
  cosmic: {
    apt: '1.7.4', libc: '2.28-0ubuntu1', near: ['bionic', 'focal'],
    pkgs: {
      ...nginxCore('1.15.5-0ubuntu2.1', 3.596),
      libpcre3: ['2:8.39-12~18.10', 233, 680],
      ...same('7.61.0-1ubuntu2.3', 'curl libcurl4 libcurl3-gnutls'),
      wget: '1.19.5-1ubuntu1.1',
      'build-essential': { version: '12.5ubuntu2', dl: 5, kb: 20, deps: ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev'] },
      make: '4.2.1-1.2',
      ...same('2.28-0ubuntu1', 'libc6-dev locales'),
      unzip: '6.0-21ubuntu1',
      perl: '5.26.2-7ubuntu0.1',
      'openjdk-11-jre-headless': { version: '11.0.2+9-3ubuntu1~18.10.3', dl: 37_400, kb: 171_000, deps: ['ca-certificates'], bins: { '/usr/lib/jvm/java-11-openjdk-amd64/bin/java': 10_352, '/usr/lib/jvm/java-11-openjdk-amd64/lib/modules': 128_000_000, '/usr/bin/java': 10_352 } },
      ...same('1.7.4', 'apt-utils apt-transport-https'),
    },
  },
  focal: {
    apt: '2.0.9', libc: '2.31-0ubuntu9.18', near: ['jammy', 'bionic'],
    pkgs: {
      ...same('7.68.0-1ubuntu2.25', 'curl libcurl4 libcurl3-gnutls'),
      wget: '1.20.3-1ubuntu2.1',
      ...same('1:2.25.1-1ubuntu3.14', 'git git-man'),
      ...same('3.8.2-0ubuntu2', 'python3 libpython3-stdlib python3-minimal'),
      'build-essential': { version: '12.8ubuntu1.1', dl: 5, kb: 20, deps: ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev'] },
      ...same('4:9.3.0-1ubuntu2', 'gcc g++ cpp'),
      make: '4.2.1-1.2',
      ...same('2.31-0ubuntu9.18', 'libc6-dev locales'),
      'ca-certificates': '20230311ubuntu0.20.04.1',
      less: '551-1ubuntu0.1',
      ...same('1.6-1ubuntu0.20.04.1', 'jq libjq1'),
      'net-tools': '1.60+git20180626.aebd88e-1ubuntu1',
      ...same('2.2.19-3ubuntu2.2', 'gnupg gpg dirmngr'),
      ...same('2.0.9', 'apt-utils apt-transport-https'),
    },
  },
  jammy: {
    apt: '2.4.13', libc: '2.35-0ubuntu3.8', near: ['noble', 'focal'],
    pkgs: {
      ...nginxCore('1.18.0-6ubuntu14.5', 3.596),
      libpcre3: ['2:8.39-13ubuntu0.22.04.1', 248, 711],
      ...same('7.81.0-1ubuntu1.20', 'curl libcurl4 libcurl3-gnutls'),
      ...same('1:2.34.1-1ubuntu1.12', 'git git-man'),
      ...same('3.10.6-1~22.04.1', 'python3 libpython3-stdlib python3-minimal'),
      'build-essential': { version: '12.9ubuntu3', dl: 5, kb: 21, deps: ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev'] },
      ...same('4:11.2.0-1ubuntu1', 'gcc g++ cpp'),
      make: '4.3-4.1build1',
      'ca-certificates': '20240203~22.04.1',
      unzip: '6.0-26ubuntu3.2',
      zip: '3.0-12build2',
      ...same('2.2.27-3ubuntu2.1', 'gnupg gpg dirmngr'),
      ...same('2.4.13', 'apt-utils apt-transport-https'),
    },
  },
  noble: {
    apt: '2.7.14build2', libc: '2.39-0ubuntu8.3', near: ['jammy'],
    renames: { libcurl4: 'libcurl4t64', 'libcurl3-gnutls': 'libcurl3t64-gnutls', libreadline8: 'libreadline8t64', 'python3.11': 'python3.12' },
    pkgs: {
      nginx: { ...APT.nginx, version: '1.24.0-2ubuntu7' },
      'nginx-common': '1.24.0-2ubuntu7',
      'nginx-core': null, libpcre3: null,
      curl: '8.5.0-2ubuntu10.6',
      libcurl4t64: { ...APT.libcurl4, version: '8.5.0-2ubuntu10.6' },
      'libcurl3t64-gnutls': { ...APT['libcurl3-gnutls'], version: '8.5.0-2ubuntu10.6' },
      git: '1:2.43.0-1ubuntu7.2',
      'git-man': '1:2.43.0-1ubuntu7.2',
      python3: { version: '3.12.3-0ubuntu2', dl: 23, kb: 91, deps: ['python3.12', 'libpython3-stdlib', 'python3-minimal'], bins: { '/usr/bin/python3': 8_019_136 } },
      ...same('3.12.3-0ubuntu2', 'libpython3-stdlib python3-minimal python3-venv'),
      'python3.12': { version: '3.12.3-1ubuntu0.3', dl: 651, kb: 695, deps: ['python3.12-minimal', 'libpython3.12-stdlib'], bins: { '/usr/bin/python3.12': 8_019_136 } },
      'python3.12-minimal': { version: '3.12.3-1ubuntu0.3', dl: 2342, kb: 6422, deps: ['libpython3.12-minimal', 'libexpat1'] },
      'libpython3.12-minimal': { version: '3.12.3-1ubuntu0.3', dl: 832, kb: 5226 },
      'libpython3.12-stdlib': { version: '3.12.3-1ubuntu0.3', dl: 2068, kb: 8464, deps: ['libsqlite3-0', 'libreadline8t64', 'libffi8', 'media-types'] },
      libreadline8t64: { version: '8.2-4build1', dl: 153, kb: 475, deps: ['readline-common'] },
      'readline-common': '8.2-4build1',
      'python3.11-minimal': null, 'libpython3.11-minimal': null, 'libpython3.11-stdlib': null,
      ...same('4:13.2.0-7ubuntu1', 'gcc g++ cpp'),
      bash: '5.2.21-2ubuntu4',
      tzdata: '2024a-3ubuntu1.1',
      wget: '1.21.4-1ubuntu4',
      'python3-pip': '24.0+dfsg-1ubuntu1.1',
      'build-essential': { version: '12.10ubuntu1', dl: 5, kb: 21, deps: ['gcc', 'g++', 'make', 'libc6-dev', 'dpkg-dev'] },
      'ca-certificates': '20240203',
      unzip: '6.0-28ubuntu4',
      ...same('1.7.1-3build1', 'jq libjq1'),
      ...same('2.7.14build2', 'apt-utils apt-transport-https'),
    },
  },
};

/** The Ubuntu codename of a release key (for the fallback rewrite of versions no Ubuntu release lists). */
const UBUNTU = new Set(['bionic', 'cosmic', 'focal', 'jammy', 'noble']);

function toDef(base: PkgDef | undefined, o: Exclude<Over, null>): PkgDef {
  if (typeof o === 'string') return { ...(base ?? { dl: 10, kb: 40 }), version: o };
  if (Array.isArray(o)) return { ...(base ?? {}), version: o[0], dl: o[1], kb: o[2] };
  return { ...(base ?? { dl: 10, kb: 40 }), ...o } as PkgDef;
}

/** Bookworm's version as Ubuntu would spell it: the last resort for a package no Ubuntu release lists. */
function ubuntuSpelling(v: string): string {
  return v.replace(/[+~]deb12u\d+/, '').replace(/-(\d+)(\+b\d+)?$/, '-$1ubuntu1');
}

const cache = new Map<string, Record<string, PkgDef>>();
/**
 * The package database of a release (its code name): the base set, then the tables of the nearest releases (farthest
 * first), then the release's own table; a package no Ubuntu table lists keeps bookworm's version in Ubuntu's spelling.
 * Unknown releases get the base set.
 */
export function aptDb(base: Record<string, PkgDef>, code: string): Record<string, PkgDef> {
  const hit = cache.get(code);
  if (hit) return hit;
  const rel = APT_RELEASES[code];
  if (!rel || code === 'bookworm') { cache.set(code, base); return base; }
  const out: Record<string, PkgDef> = {};
  for (const [n, b] of Object.entries(base)) out[n] = UBUNTU.has(code) ? { ...b, version: ubuntuSpelling(b.version) } : b;
  for (const c of [...rel.near].reverse().concat(code)) {
    for (const [n, o] of Object.entries(APT_RELEASES[c]?.pkgs ?? {})) {
      if (o === null) delete out[n];
      else out[n] = toDef(out[n] ?? base[n], o);
    }
  }
  const renames: Record<string, string> = {};
  for (const c of [...rel.near].reverse().concat(code)) Object.assign(renames, APT_RELEASES[c]?.renames);
  for (const [from, to] of Object.entries(renames)) if (out[to]) delete out[from];
  for (const [n, p] of Object.entries(out)) {
    if (p.deps?.some((d) => renames[d] && out[renames[d]])) out[n] = { ...p, deps: p.deps.map((d) => (renames[d] && out[renames[d]] ? renames[d] : d)) };
  }
  cache.set(code, out);
  return out;
}

/** apt's version and the base libc of a release (bookworm's for unknown code names). */
export function aptRelease(code: string): Release {
  return APT_RELEASES[code] ?? APT_RELEASES.bookworm;
}

/**
 * Alpine branches (the base set in data.ts is v3.21): versions from each branch's main/community index at the date
 * of our catalog images (2025-02), same rules as above.
 */
export const APK_RELEASES: Record<string, { near: string[]; pkgs: Record<string, Over> }> = {
  'v3.21': { near: [], pkgs: {} },
  'v3.20': { near: [], pkgs: { ...same('8.12.1-r0', 'curl libcurl'), bash: '5.2.26-r0', git: '2.45.3-r0', jq: '1.7.1-r0', 'ca-certificates': '20240705-r0', 'musl-dev': '1.2.5-r1' } },
  'v3.19': { near: ['v3.20'], pkgs: { ...same('8.12.1-r0', 'curl libcurl'), bash: '5.2.21-r0', jq: '1.7.1-r0' } },
  'v3.18': { near: ['v3.19', 'v3.20'], pkgs: {} },
};

const apkCache = new Map<string, Record<string, PkgDef>>();
/** The apk package database of a branch (`v3.20`); unknown branches get the base set. */
export function apkDb(base: Record<string, PkgDef>, branch: string): Record<string, PkgDef> {
  const hit = apkCache.get(branch);
  if (hit) return hit;
  const rel = APK_RELEASES[branch];
  if (!rel || !Object.keys(rel.pkgs).length && !rel.near.length) { apkCache.set(branch, base); return base; }
  const out: Record<string, PkgDef> = { ...base };
  for (const c of [...rel.near].reverse().concat(branch)) {
    for (const [n, o] of Object.entries(APK_RELEASES[c]?.pkgs ?? {})) {
      if (o === null) delete out[n];
      else out[n] = toDef(out[n] ?? base[n], o);
    }
  }
  apkCache.set(branch, out);
  return out;
}
