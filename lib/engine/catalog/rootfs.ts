/**
 * Root file systems of the base distributions, generated from compact descriptions: the real top-level layout,
 * /etc/os-release with the real text, users and groups, the package database, the binaries the shell offers (as
 * lazily generated files with an ELF header), and filler files that bring the layer to its real size.
 */
import { type Entry, dir, file, lazy, symlink } from '../fs/entry';
import type { LayerChange } from '../tar';
import { sha256Hex } from '../digest';

export type Files = Map<string, LayerChange>;
const ELF = '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00';

/** Adds a path and any missing parent directories (0755 root). */
export function put(m: Files, path: string, e: Entry): void {
  const parts = path.split('/').filter(Boolean);
  let cur = '';
  for (let i = 0; i < parts.length - 1; i++) {
    cur += '/' + parts[i];
    if (!m.has(cur)) m.set(cur, dir(0o755, 0, 0, (e as Entry).mtime));
  }
  m.set(path, e);
}
/** A binary of `size` bytes (ELF header, zeros) — or a symlink when `to` is given. */
export function bin(m: Files, path: string, size: number, mtime: number, mode = 0o755): void {
  put(m, path, file(lazy(size, ELF), mode, 0, 0, mtime));
}
export function text(m: Files, path: string, s: string, mtime: number, mode = 0o644): void {
  put(m, path, file(s, mode, 0, 0, mtime));
}
export function link(m: Files, path: string, target: string, mtime: number): void {
  put(m, path, symlink(target, 0, 0, mtime));
}
export function mkdirs(m: Files, paths: string[], mtime: number, mode = 0o755): void {
  for (const p of paths) put(m, p, dir(mode, 0, 0, mtime));
}
/** Sum of file and symlink sizes (moby DiffSize). */
export function filesSize(m: Files): number {
  let n = 0;
  const seen = new Set<number>();
  for (const e of m.values()) {
    // Hard links share their inode's bytes (counted once, as moby's DiffSize and layerSize do).
    if (e.type === 'file' && e.ino !== undefined) {
      if (seen.has(e.ino)) continue;
      seen.add(e.ino);
    }
    if (e.type === 'file') n += e.data instanceof Uint8Array ? e.data.length : e.data.size;
    else if (e.type === 'symlink') n += e.target.length;
  }
  return n;
}
/** Fills `dirPath` with lazily generated files so that the layer reaches `target` bytes exactly. */
export function fill(m: Files, dirPath: string, target: number, mtime: number, prefix = 'lib', count = 24): void {
  let left = target - filesSize(m);
  if (left <= 0) return;
  const n = Math.max(1, Math.min(count, Math.floor(left / 4096)));
  for (let i = 0; i < n; i++) {
    const size = i === n - 1 ? left : Math.floor(left / (n - i));
    const name = `${prefix}${sha256Hex(dirPath + i).slice(0, 6)}.so.${(i % 5) + 1}`;
    bin(m, `${dirPath}/${name}`, size, mtime, 0o644);
    left -= size;
  }
}

export interface Pkg { name: string; version: string; kb: number; desc: string; section?: string; priority?: string; essential?: boolean; source?: string }

function dpkgStatus(pkgs: Pkg[], arch = 'amd64', maint = 'Debian'): string {
  return pkgs.map((p) => [
    `Package: ${p.name}`,
    ...(p.essential ? ['Essential: yes'] : []),
    'Status: install ok installed',
    `Priority: ${p.priority ?? (p.essential ? 'required' : 'optional')}`,
    `Section: ${p.section ?? 'admin'}`,
    `Installed-Size: ${p.kb}`,
    `Maintainer: ${maint === 'Ubuntu' ? 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>' : 'Debian Developers <debian-devel@lists.debian.org>'}`,
    `Architecture: ${arch}`,
    ...(p.source ? [`Source: ${p.source}`] : []),
    `Version: ${p.version}`,
    `Description: ${p.desc}`,
    '',
  ].join('\n')).join('\n');
}
function apkInstalled(pkgs: Pkg[]): string {
  return pkgs.map((p) => [
    `C:Q1${sha256Hex(p.name + p.version).slice(0, 27)}=`, `P:${p.name}`, `V:${p.version}`, 'A:x86_64', `S:${p.kb * 400}`, `I:${p.kb * 1024}`,
    `T:${p.desc}`, 'U:https://alpinelinux.org', 'L:GPL-2.0-only', `o:${p.name}`, 'm:Natanael Copa <ncopa@alpinelinux.org>', `t:1700000000`, `c:${sha256Hex(p.name).slice(0, 40)}`, '',
  ].join('\n')).join('\n') + '\n';
}

// ---------- commands in the images ----------

export const COREUTILS = ('[ arch b2sum base32 base64 basename basenc cat chcon chgrp chmod chown cksum comm cp csplit cut date dd df dir dircolors dirname du ' +
  'echo env expand expr factor false fmt fold groups head hostid id install join link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nice nl nohup ' +
  'nproc numfmt od paste pathchk pinky pr printenv printf ptx pwd readlink realpath rm rmdir runcon seq sha1sum sha224sum sha256sum sha384sum ' +
  'sha512sum shred shuf sleep sort split stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate tsort tty uname unexpand uniq ' +
  'unlink users vdir wc who whoami yes').split(' ');
/** Where a Debian-family binary lives (bin = /bin in non-merged layouts). */
const DEB_BIN = ('bash cat chgrp chmod chown cp date dd df dir echo false ln ls mkdir mknod mktemp mv pwd readlink rm rmdir sleep stty sync touch true ' +
  'uname vdir dash sh rbash grep egrep fgrep sed tar gzip gunzip zcat hostname mount umount login su more dmesg findmnt lsblk mountpoint ' +
  'run-parts tempfile wdctl uncompress zcmp zdiff zegrep zfgrep zforce zgrep zless zmore znew').split(' ');
const DEB_USRBIN = ('find xargs diff cmp diff3 sdiff mawk perl getent ldd locale iconv which tput clear reset tic toe infocmp ' +
  'apt apt-get apt-cache apt-config apt-mark apt-key dpkg dpkg-query dpkg-deb dpkg-divert dpkg-split dpkg-statoverride dpkg-trigger dpkg-maintscript-helper ' +
  'chage chfn chsh expiry gpasswd newgrp passwd savelog script scriptreplay setsid flock getopt ionice ipcs lscpu namei nsenter prlimit rename.ul rev ' +
  'setarch unshare whereis logger mesg mcookie lastlog faillog').split(' ');
const DEB_SBIN = ('agetty blkid chroot ctrlaltdel fsck getty installkernel ldconfig mkfs mkswap pivot_root runuser shadowconfig start-stop-daemon ' +
  'swapoff swapon switch_root wipefs').split(' ');
const DEB_USRSBIN = ('useradd userdel usermod groupadd groupdel groupmod grpck pwck chpasswd newusers vipw vigr nologin pam-auth-update ' +
  'invoke-rc.d update-rc.d policy-rc.d add-shell remove-shell update-passwd chgpasswd cpgr cppw grpconv grpunconv pwconv pwunconv').split(' ');

export const BUSYBOX_APPLETS = ('[ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ash awk base64 basename bbconfig bc beep blkdiscard blkid ' +
  'blockdev brctl bunzip2 bzcat bzip2 cal cat chattr chgrp chmod chown chpasswd chroot chvt cksum clear cmp comm cp cpio crond crontab cryptpw cut date dc dd ' +
  'deallocvt delgroup deluser depmod df diff dirname dmesg dnsdomainname dos2unix du dumpkmap echo ed egrep eject env ether-wake expand expr factor ' +
  'fallocate false fatattr fbset fbsplash fdflush fdisk fgrep find findfs flock fold free fsck fstrim fsync fuser getopt getty grep groups gunzip gzip ' +
  'halt hd head hexdump hostid hostname hwclock id ifconfig ifdown ifenslave ifup init inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs ' +
  'iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 ln loadfont loadkmap logger login logread ' +
  'losetup ls lsattr lsmod lsof lsusb lzcat lzma lzop lzopcat makemime md5sum mdev mesg microcom mkdir mkdosfs mkfifo mkfs.vfat mknod mkpasswd mkswap ' +
  'mktemp modinfo modprobe more mount mountpoint mpstat mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter ' +
  'nslookup ntpd od openvt partprobe passwd paste pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap poweroff printenv printf ps pscan pstree pwd ' +
  'pwdx raidautorun rdate rdev readahead readlink realpath reboot reformime remove-shell renice reset resize rev rfkill rm rmdir rmmod route run-parts ' +
  'sed sendmail seq setconsole setfont setkeycodes setlogcons setpriv setserial setsid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf slattach ' +
  'sleep sort split stat strings stty su sum swapoff swapon switch_root sync sysctl syslogd tac tail tar tee test time timeout top touch tr traceroute ' +
  'traceroute6 tree true truncate tty ttysize tunctl udhcpc udhcpc6 umount uname unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime ' +
  'usleep uudecode uuencode vconfig vi vlock volname watch watchdog wc wget which who whoami whois xargs xxd xzcat yes zcat zcip').split(' ');
const BUSYBOX_SBIN = new Set(('acpid adjtimex arp blkid blockdev brctl chroot crond depmod fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ' +
  'ifenslave ifup init insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap ' +
  'modinfo modprobe nameif poweroff reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog ' +
  'addgroup adduser delgroup deluser chpasswd ntpd partprobe rdate readahead setlogcons').split(' '));

// ---------- users ----------

const DEB_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const DEB_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;
const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;
const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;
const shadowOf = (passwd: string, days: number): string =>
  passwd.trim().split('\n').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '*'}:${days}:0:99999:7:::`).join('\n') + '\n';

// ---------- distributions ----------

export interface DebianLike {
  kind: 'debian' | 'ubuntu';
  osRelease: string;
  /** /etc/debian_version */
  debianVersion: string;
  usrMerged: boolean;
  /** Size of the layer (moby DiffSize) in bytes. */
  size: number;
  mtime: number;
  packages: Pkg[];
  /** apt sources file path and text */
  sources: [string, string];
  hostnameFile?: boolean;
  issue: string;
  extraUsers?: string;
}

/** Builds a Debian or Ubuntu root file system layer. */
export function debianRootfs(d: DebianLike): Files {
  const m: Files = new Map();
  const t = d.mtime;
  mkdirs(m, ['/boot', '/dev', '/etc', '/home', '/media', '/mnt', '/opt', '/proc', '/run', '/run/lock', '/srv', '/sys', '/usr', '/usr/bin', '/usr/sbin',
    '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/local/share', '/usr/local/include', '/usr/local/etc',
    '/usr/local/games', '/usr/local/src', '/usr/share', '/usr/share/doc', '/usr/share/man', '/usr/include', '/usr/games', '/usr/src', '/var', '/var/backups',
    '/var/cache', '/var/cache/apt', '/var/cache/apt/archives', '/var/cache/apt/archives/partial', '/var/cache/debconf', '/var/lib', '/var/lib/apt',
    '/var/lib/apt/lists', '/var/lib/apt/lists/partial', '/var/lib/dpkg', '/var/lib/dpkg/info', '/var/lib/dpkg/updates', '/var/lib/dpkg/alternatives',
    '/var/lib/misc', '/var/local', '/var/log', '/var/log/apt', '/var/mail', '/var/opt', '/var/spool', '/var/tmp', '/etc/apt', '/etc/apt/apt.conf.d',
    '/etc/apt/preferences.d', '/etc/apt/sources.list.d', '/etc/apt/trusted.gpg.d', '/etc/default', '/etc/dpkg', '/etc/skel', '/etc/profile.d',
    '/etc/security', '/etc/pam.d', '/etc/update-motd.d', '/etc/systemd', '/etc/cron.daily', '/etc/logrotate.d', '/etc/ld.so.conf.d', '/etc/alternatives',
    '/etc/init.d', '/etc/opt', '/etc/selinux', '/etc/terminfo', '/usr/lib/x86_64-linux-gnu', '/usr/lib/apt', '/usr/lib/apt/methods', '/usr/share/zoneinfo',
    '/usr/share/common-licenses', '/usr/share/perl5', '/usr/lib/locale', '/usr/libexec'], t);
  put(m, '/tmp', dir(0o1777, 0, 0, t));
  put(m, '/var/tmp', dir(0o1777, 0, 0, t));
  put(m, '/root', dir(0o700, 0, 0, t));
  put(m, '/var/mail', dir(0o2775, 0, 8, t));
  put(m, '/var/local', dir(0o2775, 0, 50, t));
  link(m, '/var/run', '/run', t);
  link(m, '/var/lock', '/run/lock', t);
  const binDir = d.usrMerged ? '/usr/bin' : '/bin';
  const sbinDir = d.usrMerged ? '/usr/sbin' : '/sbin';
  if (d.usrMerged) {
    link(m, '/bin', 'usr/bin', t);
    link(m, '/sbin', 'usr/sbin', t);
    link(m, '/lib', 'usr/lib', t);
    link(m, '/lib64', 'usr/lib64', t);
    mkdirs(m, ['/usr/lib64'], t);
    link(m, '/usr/lib64/ld-linux-x86-64.so.2', '../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', t);
  } else {
    mkdirs(m, ['/bin', '/sbin', '/lib', '/lib64', '/lib/x86_64-linux-gnu'], t);
    link(m, '/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/ld-2.31.so', t);
  }
  const sizes: Record<string, number> = { bash: 1265648, dash: 125560, perl: 3963856, apt: 18824, 'apt-get': 22920, dpkg: 318608, tar: 531984, grep: 203152, sed: 121888, ls: 151344, find: 224848 };
  for (const b of DEB_BIN) {
    if (b === 'sh') link(m, `${binDir}/sh`, 'dash', t);
    else if (b === 'rbash') link(m, `${binDir}/rbash`, 'bash', t);
    else bin(m, `${binDir}/${b}`, sizes[b] ?? 35000 + (b.length * 7919) % 60000, t);
  }
  for (const b of COREUTILS) if (!m.has(`${binDir}/${b}`)) bin(m, `/usr/bin/${b}`, sizes[b] ?? 30000 + (b.length * 4099) % 50000, t);
  for (const b of DEB_USRBIN) {
    if (b === 'mawk') bin(m, '/usr/bin/mawk', 129528, t);
    else bin(m, `/usr/bin/${b}`, sizes[b] ?? 20000 + (b.length * 6007) % 70000, t);
  }
  link(m, '/usr/bin/awk', '/etc/alternatives/awk', t);
  link(m, '/etc/alternatives/awk', '/usr/bin/mawk', t);
  link(m, '/usr/bin/pager', '/etc/alternatives/pager', t);
  link(m, '/etc/alternatives/pager', '/bin/more', t);
  if (d.kind === 'ubuntu') { bin(m, '/usr/sbin/adduser', 40000, t); bin(m, '/usr/sbin/addgroup', 40000, t); bin(m, '/usr/sbin/deluser', 20000, t); bin(m, '/usr/sbin/delgroup', 20000, t); }
  for (const b of DEB_SBIN) bin(m, `${sbinDir}/${b}`, 20000 + (b.length * 3001) % 40000, t);
  for (const b of DEB_USRSBIN) bin(m, `/usr/sbin/${b}`, 30000 + (b.length * 3001) % 90000, t);
  const libc = d.usrMerged ? '/usr/lib/x86_64-linux-gnu' : '/lib/x86_64-linux-gnu';
  bin(m, `${libc}/libc.so.6`, 1922136, t);
  bin(m, `${libc}/ld-linux-x86-64.so.2`, 210968, t);
  bin(m, `${libc}/libm.so.6`, 907784, t);
  bin(m, `${libc}/libselinux.so.1`, 166280, t);
  bin(m, `${libc}/libtinfo.so.6`, 200136, t);
  bin(m, '/usr/lib/x86_64-linux-gnu/libapt-pkg.so.6.0', 2150000, t);
  bin(m, '/usr/lib/apt/methods/http', 100000, t);
  text(m, '/etc/os-release', d.osRelease, t);
  link(m, '/usr/lib/os-release', '../../etc/os-release', t);
  m.delete('/usr/lib/os-release');
  text(m, '/usr/lib/os-release', d.osRelease, t);
  m.delete('/etc/os-release');
  link(m, '/etc/os-release', '../usr/lib/os-release', t);
  text(m, '/etc/debian_version', d.debianVersion + '\n', t);
  text(m, '/etc/issue', d.issue + ' \\n \\l\n\n', t);
  text(m, '/etc/issue.net', d.issue + '\n', t);
  text(m, '/etc/passwd', DEB_PASSWD + (d.extraUsers ?? ''), t);
  text(m, '/etc/group', DEB_GROUP + (d.kind === 'ubuntu' ? 'ubuntu:x:1000:\n' : ''), t);
  put(m, '/etc/shadow', file(shadowOf(DEB_PASSWD + (d.extraUsers ?? ''), 19000), 0o640, 0, 42, t));
  put(m, '/etc/gshadow', file(DEB_GROUP.trim().split('\n').map((l) => `${l.split(':')[0]}:*::`).join('\n') + '\n', 0o640, 0, 42, t));
  text(m, '/etc/hostname', '', t);
  text(m, '/etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n', t);
  text(m, '/etc/resolv.conf', '', t);
  text(m, '/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/usr/bin/dash\n', t);
  text(m, '/etc/profile', 'if [ "$(id -u)" -eq 0 ]; then\n  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nelse\n  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"\nfi\nexport PATH\n', t);
  text(m, '/etc/bash.bashrc', '# System-wide .bashrc file for interactive bash(1) shells.\n[ -z "$PS1" ] && return\nshopt -s checkwinsize\n', t);
  text(m, '/etc/skel/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n', t);
  text(m, '/etc/skel/.profile', '# ~/.profile: executed by the command interpreter for login shells.\n', t);
  text(m, '/etc/skel/.bash_logout', '# ~/.bash_logout: executed by bash(1) when login shell exits.\n', t);
  text(m, '/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\nexport PS1=\'\\h:\\w\\$ \'\numask 022\n', t);
  text(m, '/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\nmesg n 2> /dev/null || true\n', t);
  text(m, '/etc/login.defs', 'MAIL_DIR        /var/mail\nUID_MIN                  1000\nUID_MAX                 60000\nSYS_UID_MIN               100\nSYS_UID_MAX               999\nGID_MIN                  1000\nGID_MAX                 60000\nSYS_GID_MIN               100\nSYS_GID_MAX               999\nUMASK           022\n', t);
  text(m, '/etc/nsswitch.conf', 'passwd:         files\ngroup:          files\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n', t);
  text(m, '/etc/default/useradd', '# Default values for useradd(8)\nSHELL=/bin/sh\n', t);
  text(m, '/etc/adduser.conf', 'DSHELL=/bin/bash\nDHOME=/home\nFIRST_UID=1000\nLAST_UID=59999\nFIRST_GID=1000\nLAST_GID=59999\nUSERGROUPS=yes\n', t);
  text(m, '/etc/apt/apt.conf.d/docker-clean', 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nAPT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n', t);
  text(m, '/etc/apt/apt.conf.d/docker-autoremove-suggests', 'Apt::AutoRemove::SuggestsImportant "false";\n', t);
  text(m, '/etc/apt/apt.conf.d/docker-no-languages', 'Acquire::Languages "none";\n', t);
  text(m, '/etc/dpkg/dpkg.cfg.d/docker-apt-speedup', 'force-unsafe-io\n', t);
  text(m, d.sources[0], d.sources[1], t);
  text(m, '/var/lib/dpkg/status', dpkgStatus(d.packages, 'amd64', d.kind === 'ubuntu' ? 'Ubuntu' : 'Debian'), t);
  text(m, '/var/lib/dpkg/available', '', t);
  for (const p of d.packages) text(m, `/var/lib/dpkg/info/${p.name}.list`, `/.\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/${p.name}\n`, t);
  text(m, '/usr/share/zoneinfo/UTC', 'TZif2\0', t);
  link(m, '/etc/localtime', '/usr/share/zoneinfo/Etc/UTC', t);
  fill(m, '/usr/lib/x86_64-linux-gnu', d.size - 6_000_000, t);
  fill(m, '/usr/share/locale', d.size, t, 'mo', 8);
  return m;
}

export interface AlpineLike { version: string; osRelease: string; size: number; mtime: number; packages: Pkg[] }
export function alpineRootfs(a: AlpineLike): Files {
  const m: Files = new Map();
  const t = a.mtime;
  mkdirs(m, ['/bin', '/dev', '/etc', '/home', '/lib', '/media', '/media/cdrom', '/media/floppy', '/media/usb', '/mnt', '/opt', '/proc', '/run', '/sbin', '/srv',
    '/sys', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/usr/share', '/usr/share/apk',
    '/usr/share/apk/keys', '/var', '/var/cache', '/var/cache/apk', '/var/cache/misc', '/var/empty', '/var/lib', '/var/lib/misc', '/var/local', '/var/log',
    '/var/mail', '/var/opt', '/var/spool', '/var/spool/cron', '/etc/apk', '/etc/apk/keys', '/etc/apk/protected_paths.d', '/etc/conf.d', '/etc/crontabs',
    '/etc/init.d', '/etc/logrotate.d', '/etc/modprobe.d', '/etc/modules-load.d', '/etc/network', '/etc/network/if-up.d', '/etc/opt', '/etc/periodic',
    '/etc/periodic/15min', '/etc/periodic/daily', '/etc/periodic/hourly', '/etc/periodic/monthly', '/etc/periodic/weekly', '/etc/profile.d',
    '/etc/secfixes.d', '/etc/ssl', '/etc/ssl/certs', '/etc/ssl/private', '/etc/sysctl.d', '/lib/apk', '/lib/apk/db', '/lib/apk/exec', '/lib/firmware',
    '/lib/modules-load.d', '/lib/sysctl.d'], t);
  put(m, '/tmp', dir(0o1777, 0, 0, t));
  put(m, '/var/tmp', dir(0o1777, 0, 0, t));
  put(m, '/root', dir(0o700, 0, 0, t));
  link(m, '/var/run', '../run', t);
  link(m, '/var/spool/mail', '../mail', t);
  bin(m, '/bin/busybox', 808712, t);
  for (const a2 of BUSYBOX_APPLETS) {
    if (a2 === '[[') continue;
    const p = BUSYBOX_SBIN.has(a2) ? `/sbin/${a2}` : ['[', 'awk', 'basename', 'cksum', 'clear', 'cmp', 'comm', 'cut', 'diff', 'dirname', 'du', 'env', 'expand', 'expr',
      'factor', 'find', 'flock', 'fold', 'free', 'fuser', 'groups', 'head', 'hexdump', 'id', 'install', 'killall', 'less', 'logger', 'md5sum', 'mkfifo',
      'mktemp', 'nc', 'nl', 'nohup', 'nproc', 'nslookup', 'od', 'paste', 'pgrep', 'pkill', 'printf', 'pstree', 'realpath', 'reset', 'seq', 'sha1sum',
      'sha256sum', 'sha512sum', 'shuf', 'sort', 'split', 'strings', 'sum', 'tac', 'tail', 'tee', 'test', 'time', 'timeout', 'top', 'tr', 'traceroute',
      'tree', 'truncate', 'tty', 'uniq', 'unlink', 'unxz', 'unzip', 'uptime', 'uudecode', 'uuencode', 'vi', 'wc', 'wget', 'which', 'who', 'whoami', 'whois',
      'xargs', 'xxd', 'xzcat', 'yes', 'bc', 'dc', 'cal', 'hd', 'lsof', 'lsusb', 'pmap', 'pwdx', 'renice', 'resize', 'setsid', 'ttysize', 'volname',
      'dos2unix', 'unix2dos', 'cryptpw', 'mkpasswd', 'getconf', 'passwd', 'crontab', 'beep', 'blkdiscard', 'chvt', 'deallocvt', 'eject', 'ipcrm', 'ipcs',
      'microcom', 'mesg', 'nmeter', 'openvt', 'readahead', 'showkey', 'sha3sum', 'ssl_client', 'tftp', 'traceroute6', 'vlock', 'lzcat', 'lzma', 'lzopcat',
      'unlzma', 'unlzop', 'bunzip2', 'bzcat', 'bzip2', 'pscan'].includes(a2) ? `/usr/bin/${a2}` : `/bin/${a2}`;
    if (!m.has(p)) link(m, p, '/bin/busybox', t);
  }
  bin(m, '/lib/ld-musl-x86_64.so.1', 653560, t);
  link(m, '/lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1', t);
  bin(m, '/lib/libz.so.1.3.1', 100416, t);
  link(m, '/lib/libz.so.1', 'libz.so.1.3.1', t);
  bin(m, '/lib/libcrypto.so.3', 4734760, t);
  bin(m, '/lib/libssl.so.3', 676864, t);
  bin(m, '/lib/libapk.so.2.14.0', 200000, t);
  bin(m, '/sbin/apk', 68928, t);
  bin(m, '/sbin/ldconfig', 393, t);
  bin(m, '/usr/bin/getent', 1000, t);
  bin(m, '/usr/bin/iconv', 20000, t);
  bin(m, '/usr/bin/scanelf', 80000, t);
  bin(m, '/usr/bin/ssl_client', 14000, t);
  text(m, '/etc/alpine-release', a.version + '\n', t);
  text(m, '/etc/os-release', a.osRelease, t);
  m.delete('/etc/os-release');
  text(m, '/usr/lib/os-release', a.osRelease, t);
  link(m, '/etc/os-release', '../usr/lib/os-release', t);
  text(m, '/etc/issue', `Welcome to Alpine Linux ${a.version.split('.').slice(0, 2).join('.')}\nKernel \\r on \\m (\\l)\n\n`, t);
  text(m, '/etc/motd', 'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n', t);
  text(m, '/etc/passwd', ALPINE_PASSWD, t);
  text(m, '/etc/group', ALPINE_GROUP, t);
  put(m, '/etc/shadow', file(ALPINE_PASSWD.trim().split('\n').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n', 0o640, 0, 42, t));
  text(m, '/etc/hostname', 'localhost\n', t);
  text(m, '/etc/hosts', '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n', t);
  text(m, '/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n', t);
  text(m, '/etc/profile', 'export CHARSET=UTF-8\nexport LANG=C.UTF-8\nexport LC_COLLATE=C\nexport PAGER=less\nexport PS1=\'\\h:\\w\\$ \'\numask 022\n\nfor script in /etc/profile.d/*.sh ; do\n\tif [ -r "$script" ] ; then\n\t\t. "$script"\n\tfi\ndone\nunset script\n', t);
  text(m, '/etc/apk/world', a.packages.filter((p) => ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'libc-utils', 'ca-certificates-bundle', 'alpine-release'].includes(p.name)).map((p) => p.name).sort().join('\n') + '\n', t);
  text(m, '/etc/apk/arch', 'x86_64\n', t);
  const branch = 'v' + a.version.split('.').slice(0, 2).join('.');
  text(m, '/etc/apk/repositories', `https://dl-cdn.alpinelinux.org/alpine/${branch}/main\nhttps://dl-cdn.alpinelinux.org/alpine/${branch}/community\n`, t);
  text(m, '/lib/apk/db/installed', apkInstalled(a.packages), t);
  text(m, '/lib/apk/db/triggers', '', t);
  text(m, '/lib/apk/db/scripts.tar', '', t);
  text(m, '/etc/ssl/certs/ca-certificates.crt', '-----BEGIN CERTIFICATE-----\n' + 'MIIFazCCA1OgAwIBAgIRAIIQz7DSQONZRGPgu2OCiwAwDQYJKoZIhvcNAQELBQAw\n'.repeat(3) + '-----END CERTIFICATE-----\n', t);
  fill(m, '/usr/lib', a.size, t, 'lib', 6);
  return m;
}

/** busybox image: a static busybox with every applet as a hard link in /bin (we use symlinks to keep sizes exact). */
export function busyboxRootfs(size: number, mtime: number): Files {
  const m: Files = new Map();
  const t = mtime;
  mkdirs(m, ['/bin', '/dev', '/etc', '/etc/network', '/home', '/lib', '/lib64', '/usr', '/usr/sbin', '/var', '/var/spool', '/var/spool/mail', '/var/www'], t);
  put(m, '/tmp', dir(0o1777, 0, 0, t));
  put(m, '/root', dir(0o700, 0, 0, t));
  put(m, '/home', dir(0o755, 65534, 65534, t));
  bin(m, '/bin/busybox', 1_200_000, t);
  for (const a2 of BUSYBOX_APPLETS) if (a2 !== 'busybox' && a2 !== '[[') put(m, `/bin/${a2}`, { ...file(lazy(1_200_000, ELF), 0o755, 0, 0, t), ino: 1 });
  put(m, '/bin/busybox', { ...file(lazy(1_200_000, ELF), 0o755, 0, 0, t), ino: 1 });
  text(m, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n', t);
  text(m, '/etc/group', 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n', t);
  put(m, '/etc/shadow', file('root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n', 0o600, 0, 0, t));
  text(m, '/etc/localtime', 'TZif2\0', t);
  text(m, '/etc/nsswitch.conf', 'hosts:\t\tfiles dns\nnetworks:\tfiles\n', t);
  bin(m, '/lib/libc.so.6', 2_000_000, t);
  fill(m, '/lib', size, t, 'lib', 4);
  return m;
}
