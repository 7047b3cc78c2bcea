/** Facts about the base distributions: os-release texts (verbatim), versions and base package sets. */
import type { Pkg } from './rootfs';

export const DEBIAN_OS_RELEASE = (n: string, code: string): string => `PRETTY_NAME="Debian GNU/Linux ${n} (${code})"
NAME="Debian GNU/Linux"
VERSION_ID="${n}"
VERSION="${n} (${code})"
VERSION_CODENAME=${code}
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const UBUNTU_OS_RELEASE: Record<string, string> = {
  '18.04': `NAME="Ubuntu"
VERSION="18.04.6 LTS (Bionic Beaver)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 18.04.6 LTS"
VERSION_ID="18.04"
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
VERSION_CODENAME=bionic
UBUNTU_CODENAME=bionic
`,
  '18.10': `NAME="Ubuntu"
VERSION="18.10 (Cosmic Cuttlefish)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 18.10"
VERSION_ID="18.10"
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
VERSION_CODENAME=cosmic
UBUNTU_CODENAME=cosmic
`,
  '20.04': `NAME="Ubuntu"
VERSION="20.04.6 LTS (Focal Fossa)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 20.04.6 LTS"
VERSION_ID="20.04"
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
VERSION_CODENAME=focal
UBUNTU_CODENAME=focal
`,
  '22.04': `PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`,
  '24.04': `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`,
};
export const UBUNTU_CODENAMES: Record<string, string> = { '18.04': 'bionic', '18.10': 'cosmic', '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' };
export const UBUNTU_DEBIAN_VERSION: Record<string, string> = { '18.04': 'buster/sid', '18.10': 'buster/sid', '20.04': 'bullseye/sid', '22.04': 'bookworm/sid', '24.04': 'trixie/sid' };

export const ALPINE_OS_RELEASE = (v: string): string => `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${v}
PRETTY_NAME="Alpine Linux v${v.split('.').slice(0, 2).join('.')}"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

type Row = [string, string, number, string, boolean?];
const pk = (rows: Row[]): Pkg[] => rows.map(([name, version, kb, desc, essential]) => ({ name, version, kb, desc, essential, section: essential ? 'utils' : 'libs' }));

/** The packages of debian:bookworm (a representative subset of the 78 real ones, with real versions). */
export const BOOKWORM_PACKAGES = pk([
  ['adduser', '3.134', 849, 'add and remove users and groups'],
  ['apt', '2.6.1', 4120, "commandline package manager"],
  ['base-files', '12.4+deb12u10', 342, 'Debian base system miscellaneous files', true],
  ['base-passwd', '3.6.1', 235, 'Debian base system master password and group files', true],
  ['bash', '5.2.15-2+b7', 7164, 'GNU Bourne Again SHell', true],
  ['bsdutils', '1:2.38.1-5+deb12u3', 355, 'basic utilities from 4.4BSD-Lite', true],
  ['coreutils', '9.1-1', 18062, 'GNU core utilities', true],
  ['dash', '0.5.12-2', 200, 'POSIX-compliant shell', true],
  ['debconf', '1.5.82', 521, 'Debian configuration management system'],
  ['debian-archive-keyring', '2023.3+deb12u1', 239, 'GnuPG archive keys of the Debian archive'],
  ['debianutils', '5.7-0.5~deb12u1', 224, 'Miscellaneous utilities specific to Debian', true],
  ['diffutils', '1:3.8-4', 1592, 'File comparison utilities', true],
  ['dpkg', '1.21.22', 6449, 'Debian package management system', true],
  ['e2fsprogs', '1.47.0-2', 1519, 'ext2/ext3/ext4 file system utilities'],
  ['findutils', '4.9.0-4', 1663, 'utilities for finding files--find, xargs', true],
  ['gcc-12-base', '12.2.0-14+deb12u1', 70, 'GCC, the GNU Compiler Collection (base package)'],
  ['gpgv', '2.2.40-1.1', 923, 'GNU privacy guard - signature verification tool'],
  ['grep', '3.8-5', 1176, 'GNU grep, egrep and fgrep', true],
  ['gzip', '1.12-1', 241, 'GNU compression utilities', true],
  ['hostname', '3.23+nmu1', 49, 'utility to set/show the host name or domain name of the system', true],
  ['init-system-helpers', '1.65.2', 160, 'helper tools for all init systems', true],
  ['libacl1', '2.3.1-3', 52, 'access control list - shared library'],
  ['libapt-pkg6.0', '2.6.1', 3298, "package management runtime library"],
  ['libattr1', '1:2.5.1-4', 41, 'extended attribute handling - shared library'],
  ['libaudit1', '1:3.0.9-1', 152, 'Dynamic library for security auditing'],
  ['libc-bin', '2.36-9+deb12u10', 2615, 'GNU C Library: Binaries', true],
  ['libc6', '2.36-9+deb12u10', 12987, 'GNU C Library: Shared libraries'],
  ['libcap-ng0', '0.8.3-1+b3', 38, 'alternate POSIX capabilities library'],
  ['libcrypt1', '1:4.4.33-2', 233, 'libcrypt shared library'],
  ['libgcc-s1', '12.2.0-14+deb12u1', 140, 'GCC support library'],
  ['libgcrypt20', '1.10.1-3', 1624, 'LGPL Crypto library - runtime library'],
  ['liblz4-1', '1.9.4-1', 161, 'Fast LZ compression algorithm library - runtime'],
  ['liblzma5', '5.4.1-1', 354, 'XZ-format compression library'],
  ['libpam-modules', '1.5.2-6+deb12u1', 1030, 'Pluggable Authentication Modules for PAM'],
  ['libpam-runtime', '1.5.2-6+deb12u1', 1016, 'Runtime support for the PAM library'],
  ['libpam0g', '1.5.2-6+deb12u1', 213, 'Pluggable Authentication Modules library'],
  ['libpcre2-8-0', '10.42-1', 653, 'New Perl Compatible Regular Expression Library- 8 bit runtime files'],
  ['libselinux1', '3.4-1+b6', 217, 'SELinux runtime shared libraries'],
  ['libstdc++6', '12.2.0-14+deb12u1', 2787, 'GNU Standard C++ Library v3'],
  ['libsystemd0', '252.36-1~deb12u1', 947, 'systemd utility library'],
  ['libtinfo6', '6.4-4', 541, 'shared low-level terminfo library for terminal handling'],
  ['libudev1', '252.36-1~deb12u1', 311, 'libudev shared library'],
  ['libzstd1', '1.5.4+dfsg2-5', 858, 'fast lossless compression algorithm'],
  ['login', '1:4.13+dfsg1-1+b1', 2648, 'system login tools', true],
  ['mawk', '1.3.4.20200120-3.1', 263, 'Pattern scanning and text processing language'],
  ['mount', '2.38.1-5+deb12u3', 460, 'tools for mounting and manipulating filesystems'],
  ['ncurses-base', '6.4-4', 384, 'basic terminal type definitions', true],
  ['ncurses-bin', '6.4-4', 646, 'terminal-related programs and man pages', true],
  ['passwd', '1:4.13+dfsg1-1+b1', 2916, 'change and administer password and group data'],
  ['perl-base', '5.36.0-7+deb12u1', 7618, 'minimal Perl system', true],
  ['sed', '4.9-1', 940, 'GNU stream editor for filtering/transforming text', true],
  ['sysvinit-utils', '3.06-4', 106, 'System-V-like utilities', true],
  ['tar', '1.34+dfsg-1.2+deb12u1', 3144, 'GNU version of the tar archiving utility', true],
  ['tzdata', '2025b-0+deb12u1', 2658, 'time zone and daylight-saving time data'],
  ['usr-is-merged', '37~deb12u1', 22, 'Transitional package to assert a merged-/usr system'],
  ['util-linux', '2.38.1-5+deb12u3', 3681, 'miscellaneous system utilities', true],
  ['zlib1g', '1:1.2.13.dfsg-1', 168, 'compression library - runtime'],
]);

export const ALPINE_PACKAGES = (v: string): Pkg[] => {
  const bb = ({ '3.18': '1.36.1-r7', '3.19': '1.36.1-r20', '3.20': '1.36.1-r29', '3.21': '1.37.0-r12' } as Record<string, string>)[v.split('.').slice(0, 2).join('.')] ?? '1.37.0-r12';
  return [
    ['alpine-baselayout', '3.6.8-r1', 8, 'Alpine base dir structure and init scripts'],
    ['alpine-baselayout-data', '3.6.8-r1', 18, 'Alpine base dir structure and init scripts'],
    ['alpine-keys', '2.5-r0', 42, 'Public keys for Alpine Linux packages'],
    ['alpine-release', `${v}-r0`, 4, 'Alpine release data'],
    ['apk-tools', '2.14.6-r3', 255, 'Alpine Package Keeper - package manager for alpine'],
    ['busybox', bb, 789, 'Size optimized toolbox of many common UNIX utilities'],
    ['busybox-binsh', bb, 4, 'busybox ash /bin/sh'],
    ['ca-certificates-bundle', '20241121-r1', 213, 'Pre generated bundle of Mozilla certificates'],
    ['libcrypto3', '3.3.3-r0', 4624, 'Crypto library from openssl'],
    ['libssl3', '3.3.3-r0', 661, 'SSL shared libraries'],
    ['musl', '1.2.5-r9', 638, 'the musl c library (libc) implementation'],
    ['musl-utils', '1.2.5-r9', 105, 'the musl c library (libc) implementation'],
    ['scanelf', '1.3.8-r1', 77, 'Scan ELF binaries for stuff'],
    ['ssl_client', bb, 14, 'EXternal ssl_client for busybox wget'],
    ['zlib', '1.3.1-r2', 98, 'A compression/decompression Library'],
  ].map(([name, version, kb, desc]) => ({ name: name as string, version: version as string, kb: kb as number, desc: desc as string }));
};

/**
 * The Ubuntu images' own package versions (their dpkg database), by bookworm package name: a version, [name, version]
 * where Ubuntu's package has another name, or null where the release has no such package. From the images'
 * package manifests (docker-brew-ubuntu-core: bionic/focal/jammy oci-amd64-root, cosmic core-cloudimg) and, for the
 * 2025 images, the versions those releases' -updates carried then (libc, apt); a name a release does not list keeps
 * bookworm's version in Ubuntu's spelling.
 */
const UBUNTU_BASE: Record<string, Record<string, string | [string, string] | null>> = {
  '18.04': {
    adduser: '3.116ubuntu1', apt: '1.6.14', 'base-files': '10.1ubuntu2.11', 'base-passwd': '3.5.44', bash: '4.4.18-2ubuntu1.3',
    bsdutils: '1:2.31.1-0.4ubuntu3.7', coreutils: '8.28-1ubuntu1', dash: '0.5.8-2.10', debconf: '1.5.66ubuntu1',
    'debian-archive-keyring': ['ubuntu-keyring', '2018.09.18.1~18.04.2'], debianutils: '4.8.4', diffutils: '1:3.6-1', dpkg: '1.19.0.5ubuntu2.4',
    e2fsprogs: '1.44.1-1ubuntu1.4', findutils: '4.6.0+git+20170828-2', 'gcc-12-base': ['gcc-8-base', '8.4.0-1ubuntu1~18.04'], gpgv: '2.2.4-1ubuntu1.6',
    grep: '3.1-2build1', gzip: '1.6-5ubuntu1.2', hostname: '3.20', 'init-system-helpers': '1.51', libacl1: '2.2.52-3build1',
    'libapt-pkg6.0': ['libapt-pkg5.0', '1.6.14'], libattr1: '1:2.4.47-2build1', libaudit1: '1:2.8.2-1ubuntu1.1', 'libc-bin': '2.27-3ubuntu1.6',
    libc6: '2.27-3ubuntu1.6', 'libcap-ng0': '0.7.7-3.1', libcrypt1: null, 'libgcc-s1': ['libgcc1', '1:8.4.0-1ubuntu1~18.04'], libgcrypt20: '1.8.1-4ubuntu1.3',
    'liblz4-1': '0.0~r131-2ubuntu3.1', liblzma5: '5.2.2-1.3ubuntu0.1', 'libpam-modules': '1.1.8-3.6ubuntu2.18.04.3', 'libpam-runtime': '1.1.8-3.6ubuntu2.18.04.3',
    libpam0g: '1.1.8-3.6ubuntu2.18.04.3', 'libpcre2-8-0': ['libpcre3', '2:8.39-9ubuntu0.1'], libselinux1: '2.7-2build2', 'libstdc++6': '8.4.0-1ubuntu1~18.04',
    libsystemd0: '237-3ubuntu10.53', libtinfo6: ['libtinfo5', '6.1-1ubuntu1.18.04'], libudev1: '237-3ubuntu10.53', libzstd1: '1.3.3+dfsg-2ubuntu1.2',
    login: '1:4.5-1ubuntu2.3', mawk: '1.3.3-17ubuntu3', mount: '2.31.1-0.4ubuntu3.7', 'ncurses-base': '6.1-1ubuntu1.18.04', 'ncurses-bin': '6.1-1ubuntu1.18.04',
    passwd: '1:4.5-1ubuntu2.3', 'perl-base': '5.26.1-6ubuntu0.5', sed: '4.4-2', 'sysvinit-utils': '2.88dsf-59.10ubuntu1', tar: '1.29b-2ubuntu0.3',
    tzdata: null, 'usr-is-merged': null, 'util-linux': '2.31.1-0.4ubuntu3.7', zlib1g: '1:1.2.11.dfsg-0ubuntu2.1',
  },
  '18.10': {
    adduser: '3.117ubuntu1', apt: '1.7.4', 'base-files': '10.1ubuntu7', 'base-passwd': '3.5.45', bash: '4.4.18-2ubuntu3',
    bsdutils: '1:2.32-0.1ubuntu2', coreutils: '8.28-1ubuntu2', dash: '0.5.8-2.10', debconf: '1.5.69',
    'debian-archive-keyring': ['ubuntu-keyring', '2018.09.18.1'], debianutils: '4.8.6', diffutils: '1:3.6-1', dpkg: '1.19.0.5ubuntu5',
    e2fsprogs: '1.44.4-2ubuntu0.2', findutils: '4.6.0+git+20180808-2', 'gcc-12-base': ['gcc-8-base', '8.3.0-6ubuntu1~18.10'], gpgv: '2.2.8-3ubuntu1.1',
    grep: '3.1-2ubuntu1', gzip: '1.6-5ubuntu2', hostname: '3.20', 'init-system-helpers': '1.54', libacl1: '2.2.52-3build1',
    'libapt-pkg6.0': ['libapt-pkg5.0', '1.7.4'], libattr1: '1:2.4.47-2build1', libaudit1: '1:2.8.3-1ubuntu2', 'libc-bin': '2.28-0ubuntu1',
    libc6: '2.28-0ubuntu1', 'libcap-ng0': '0.7.9-1', libcrypt1: null, 'libgcc-s1': ['libgcc1', '1:8.3.0-6ubuntu1~18.10'], libgcrypt20: '1.8.3-1ubuntu1',
    'liblz4-1': '1.8.2-1ubuntu1', liblzma5: '5.2.2-1.3', 'libpam-modules': '1.1.8-3.6ubuntu3', 'libpam-runtime': '1.1.8-3.6ubuntu3',
    libpam0g: '1.1.8-3.6ubuntu3', 'libpcre2-8-0': ['libpcre3', '2:8.39-12~18.10'], libselinux1: '2.8-1build1', 'libstdc++6': '8.3.0-6ubuntu1~18.10',
    libsystemd0: '239-7ubuntu10.13', libtinfo6: '6.1+20180210-4ubuntu1', libudev1: '239-7ubuntu10.13', libzstd1: '1.3.5+dfsg-1ubuntu1',
    login: '1:4.5-1ubuntu1', mawk: '1.3.3-17ubuntu3', mount: '2.32-0.1ubuntu2', 'ncurses-base': '6.1+20180210-4ubuntu1', 'ncurses-bin': '6.1+20180210-4ubuntu1',
    passwd: '1:4.5-1ubuntu1', 'perl-base': '5.26.2-7ubuntu0.1', sed: '4.5-1', 'sysvinit-utils': '2.88dsf-59.10ubuntu2', tar: '1.30+dfsg-2',
    tzdata: null, 'usr-is-merged': null, 'util-linux': '2.32-0.1ubuntu2', zlib1g: '1:1.2.11.dfsg-0ubuntu2',
  },
  '20.04': {
    adduser: '3.118ubuntu2', apt: '2.0.9', 'base-files': '11ubuntu5.5', 'base-passwd': '3.5.47', bash: '5.0-6ubuntu1.2',
    bsdutils: '1:2.34-0.1ubuntu9.3', coreutils: '8.30-3ubuntu2', dash: '0.5.10.2-6', debconf: '1.5.73',
    'debian-archive-keyring': ['ubuntu-keyring', '2020.02.11.4'], debianutils: '4.9.1', diffutils: '1:3.7-3', dpkg: '1.19.7ubuntu3.2',
    e2fsprogs: '1.45.5-2ubuntu1.1', findutils: '4.7.0-1ubuntu1', 'gcc-12-base': ['gcc-10-base', '10.3.0-1ubuntu1~20.04'], gpgv: '2.2.19-3ubuntu2.2',
    grep: '3.4-1', gzip: '1.10-0ubuntu4.1', hostname: '3.23', 'init-system-helpers': '1.57', libacl1: '2.2.53-6',
    'libapt-pkg6.0': '2.0.9', libattr1: '1:2.4.48-5', libaudit1: '1:2.8.5-2ubuntu6', 'libc-bin': '2.31-0ubuntu9.18',
    libc6: '2.31-0ubuntu9.18', 'libcap-ng0': '0.7.9-2.1build1', libcrypt1: '1:4.4.10-10ubuntu4', 'libgcc-s1': '10.3.0-1ubuntu1~20.04', libgcrypt20: '1.8.5-5ubuntu1.1',
    'liblz4-1': '1.9.2-2ubuntu0.20.04.1', liblzma5: '5.2.4-1ubuntu1.1', 'libpam-modules': '1.3.1-5ubuntu4.3', 'libpam-runtime': '1.3.1-5ubuntu4.3',
    libpam0g: '1.3.1-5ubuntu4.3', 'libpcre2-8-0': '10.34-7', libselinux1: '3.0-1build2', 'libstdc++6': '10.3.0-1ubuntu1~20.04',
    libsystemd0: '245.4-4ubuntu3.17', libtinfo6: '6.2-0ubuntu2', libudev1: '245.4-4ubuntu3.17', libzstd1: '1.4.4+dfsg-3ubuntu0.1',
    login: '1:4.8.1-1ubuntu5.20.04.2', mawk: '1.3.4.20200120-2', mount: '2.34-0.1ubuntu9.3', 'ncurses-base': '6.2-0ubuntu2', 'ncurses-bin': '6.2-0ubuntu2',
    passwd: '1:4.8.1-1ubuntu5.20.04.2', 'perl-base': '5.30.0-9ubuntu0.2', sed: '4.7-1', 'sysvinit-utils': '2.96-2.1ubuntu1', tar: '1.30+dfsg-7ubuntu0.20.04.2',
    tzdata: null, 'usr-is-merged': null, 'util-linux': '2.34-0.1ubuntu9.3', zlib1g: '1:1.2.11.dfsg-2ubuntu1.3',
  },
  '22.04': {
    adduser: '3.118ubuntu5', apt: '2.4.13', 'base-files': '12ubuntu4.2', 'base-passwd': '3.5.52build1', bash: '5.1-6ubuntu1',
    bsdutils: '1:2.37.2-4ubuntu3', coreutils: '8.32-4.1ubuntu1.2', dash: '0.5.11+git20210903+057cd650a4ed-3build1', debconf: '1.5.79ubuntu1',
    'debian-archive-keyring': ['ubuntu-keyring', '2021.03.26'], debianutils: '5.5-1ubuntu2', diffutils: '1:3.8-0ubuntu2', dpkg: '1.21.1ubuntu2.1',
    e2fsprogs: '1.46.5-2ubuntu1.1', findutils: '4.8.0-1ubuntu3', 'gcc-12-base': '12-20220319-1ubuntu1', gpgv: '2.2.27-3ubuntu2.1',
    grep: '3.7-1build1', gzip: '1.10-4ubuntu4', hostname: '3.23ubuntu2', 'init-system-helpers': '1.62', libacl1: '2.3.1-1',
    'libapt-pkg6.0': '2.4.13', libattr1: '1:2.5.1-1build1', libaudit1: '1:3.0.7-1build1', 'libc-bin': '2.35-0ubuntu3.8',
    libc6: '2.35-0ubuntu3.8', 'libcap-ng0': '0.7.9-2.2build3', libcrypt1: '1:4.4.27-1', 'libgcc-s1': '12-20220319-1ubuntu1', libgcrypt20: '1.9.4-3ubuntu3',
    'liblz4-1': '1.9.3-2build2', liblzma5: '5.2.5-2ubuntu1', 'libpam-modules': '1.4.0-11ubuntu2', 'libpam-runtime': '1.4.0-11ubuntu2',
    libpam0g: '1.4.0-11ubuntu2', 'libpcre2-8-0': '10.39-3build1', libselinux1: '3.3-1build2', 'libstdc++6': '12-20220319-1ubuntu1',
    libsystemd0: '249.11-0ubuntu3.4', libtinfo6: '6.3-2', libudev1: '249.11-0ubuntu3.4', libzstd1: '1.4.8+dfsg-3build1',
    login: '1:4.8.1-2ubuntu2', mawk: '1.3.4.20200120-3', mount: '2.37.2-4ubuntu3', 'ncurses-base': '6.3-2', 'ncurses-bin': '6.3-2',
    passwd: '1:4.8.1-2ubuntu2', 'perl-base': '5.34.0-3ubuntu1', sed: '4.8-1ubuntu2', 'sysvinit-utils': '3.01-1ubuntu1', tar: '1.34+dfsg-1build3',
    tzdata: null, 'usr-is-merged': ['usrmerge', '25ubuntu2'], 'util-linux': '2.37.2-4ubuntu3', zlib1g: '1:1.2.11.dfsg-2ubuntu9',
  },
  '24.04': {
    apt: '2.7.14build2', 'libapt-pkg6.0': ['libapt-pkg6.0t64', '2.7.14build2'], bash: '5.2.21-2ubuntu4', 'libc-bin': '2.39-0ubuntu8.3', libc6: '2.39-0ubuntu8.3',
    'debian-archive-keyring': ['ubuntu-keyring', '2021.03.26'], tzdata: null,
  },
};

/** The packages of an ubuntu:V image. */
export const UBUNTU_PACKAGES = (v: string): Pkg[] => {
  const over = UBUNTU_BASE[v] ?? {};
  const out: Pkg[] = [];
  for (const p of BOOKWORM_PACKAGES) {
    const o = over[p.name];
    if (o === null) continue;
    if (Array.isArray(o)) out.push({ ...p, name: o[0], version: o[1] });
    else if (o !== undefined) out.push({ ...p, version: o });
    else out.push({ ...p, version: p.version.replace(/[+~]deb12u\d+/, '').replace(/-(\d+)(\+b\d+)?$/, '-$1ubuntu1') });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};
