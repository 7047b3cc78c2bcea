/**
 * A deliberately small stand-in for lib/shell, used by the builder only when the host provides no `run`
 * (tests and the bench while the real shell lands): `a && b`, `a; b`, echo (with > and >>), true, false, exit,
 * mkdir [-p], touch, rm [-rf], cat, and a few package-manager lines. Anything else: `/bin/sh: 1: x: not found` (127).
 */
import type { RunRequest } from './types';

function words(s: string, env: Map<string, string>): string[] {
  const out: string[] = [];
  let cur = '', inS = false, inD = false, any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inS) { if (c === "'") inS = false; else cur += c; continue; }
    if (c === "'" && !inD) { inS = true; any = true; continue; }
    if (c === '"') { inD = !inD; any = true; continue; }
    if (c === '$' && /[A-Za-z_{]/.test(s[i + 1] ?? '')) {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(s.slice(i))!;
      cur += env.get(m[1] ?? m[2]) ?? '';
      i += m[0].length - 1;
      any = true;
      continue;
    }
    if (!inD && /\s/.test(c)) { if (cur || any) out.push(cur); cur = ''; any = false; continue; }
    cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

export async function miniShellRun(req: RunRequest): Promise<number> {
  const env = new Map(req.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
  const script = req.argv.length >= 3 && /(^|\/)(ba)?sh$/.test(req.argv[0]) && req.argv[1] === '-c' ? req.argv[2] : null;
  const abs = (p: string) => (p.startsWith('/') ? p : (req.cwd === '/' ? '' : req.cwd) + '/' + p);
  const fs = req.fs;
  const one = async (argv: string[]): Promise<number> => {
    let redirect: { path: string; append: boolean } | undefined;
    const i = argv.findIndex((a) => a === '>' || a === '>>');
    if (i >= 0) { redirect = { path: abs(argv[i + 1] ?? ''), append: argv[i] === '>>' }; argv = argv.slice(0, i); }
    const out = async (s: string) => {
      if (!redirect) return req.stdout(s);
      if (redirect.append) await fs.appendFile(redirect.path, s);
      else await fs.writeFile(redirect.path, s);
    };
    const [cmd, ...args] = argv;
    switch (cmd) {
      case undefined: return 0;
      case 'true': case ':': return 0;
      case 'false': return 1;
      case 'exit': return Number(args[0] ?? 0) | 0;
      case 'echo': await out(args.join(' ') + '\n'); return 0;
      case 'mkdir': for (const a of args.filter((x) => !x.startsWith('-'))) await fs.mkdir(abs(a), { recursive: true }); return 0;
      case 'touch': for (const a of args) if (!(await fs.exists(abs(a)))) await fs.writeFile(abs(a), ''); return 0;
      case 'rm': for (const a of args.filter((x) => !x.startsWith('-'))) await fs.rm(abs(a), { recursive: true, force: true }); return 0;
      case 'cat': for (const a of args) await out(await fs.readFile(abs(a))); return 0;
      case 'apt-get': case 'apt':
        if (args[0] === 'update') { req.stdout('Get:1 http://archive.ubuntu.com/ubuntu cosmic InRelease [242 kB]\nReading package lists...\n'); return 0; }
        if (args[0] === 'install') {
          for (const p of args.slice(1).filter((x) => !x.startsWith('-'))) await fs.writeFile(`/usr/share/doc/${p}/copyright`, `${p}\n`).catch(async () => {
            await fs.mkdir(`/usr/share/doc/${p}`, { recursive: true });
            await fs.writeFile(`/usr/share/doc/${p}/copyright`, `${p}\n`);
          });
          req.stdout('Reading package lists...\nBuilding dependency tree...\n');
          return 0;
        }
        return 0;
      default:
        req.stderr(`/bin/sh: 1: ${cmd}: not found\n`);
        return 127;
    }
  };
  if (script === null) return one(req.argv);
  let code = 0;
  for (const part of script.split(/\s*(?:;|\n)\s*/)) {
    for (const seg of part.split(/\s*&&\s*/)) {
      const w = words(seg, env);
      code = await one(w);
      if (w[0] === 'exit') return code;
      if (code !== 0) break;
    }
  }
  return code;
}
