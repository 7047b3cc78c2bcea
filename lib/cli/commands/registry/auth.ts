/** X-Registry-Auth as the CLI sends it: base64url(JSON of the stored credentials), `e30=` ({}) when none. */
import type { CliContext } from '../../command';

export const INDEX_SERVER = 'https://index.docker.io/v1/';

export function registryKey(domain: string): string {
  return domain === 'docker.io' || domain === '' ? INDEX_SERVER : domain;
}

function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_');
}

export function registryAuthFor(ctx: CliContext, domain: string): string {
  const a = ctx.auths?.get(registryKey(domain));
  if (!a) return 'e30=';
  return b64(JSON.stringify({ username: a.username, password: a.password, serveraddress: a.serveraddress }));
}
