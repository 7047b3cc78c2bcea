/**
 * Adds the containers, commit, registry and volumes parts of EngineClient to the Engine class (lib/engine/index.ts
 * calls installContainers(Engine) once). Also `engineCurl(engine)` for the console's `curl` builtin.
 */
import type { DiskUsage, EngineClient, ImagePullOptions, ImageSearchOptions, ImageSearchResult, JSONMessage } from '../../api/types';
import type { EngineState } from '../state';
import * as c from './area';
import { commit } from '../commit';
import * as registry from '../registry/index';
import { parseNormalizedNamed } from '../../reference/reference';
import type { HttpResponse } from '../programs/index';
import type { HostFiles } from '../fs/mounts';
import { curlFlags } from '../../shell/run';

/** The EngineClient methods this area adds to Engine, plus the port table's HTTP entry point for `curl`. */
export type ContainersApi = Pick<EngineClient,
  | 'containerList' | 'containerCreate' | 'containerInspect' | 'containerStart' | 'containerStop' | 'containerRestart'
  | 'containerKill' | 'containerPause' | 'containerUnpause' | 'containerRemove' | 'containerRename' | 'containerUpdate' | 'containerLogs'
  | 'containerDiff' | 'containerTop' | 'containerWait' | 'containersPrune' | 'containerAttach' | 'containerArchiveGet'
  | 'containerArchivePut' | 'execCreate' | 'execStart' | 'volumeList' | 'volumeCreate' | 'volumeInspect' | 'volumeRemove' | 'volumesPrune'
  | 'containerStats' | 'commit' | 'login' | 'imagePush'> & {
  /** The host's files for bind mounts (`-v ./site:/usr/share/nginx/html`): the session's workspace. */
  setHostFiles(host: HostFiles | undefined): void;
  /** An HTTP request to a published host port; null when nothing listens there. */
  httpRequest(hostPort: number, path?: string, method?: string): HttpResponse | null;
  /** Is the host port published by a running container (whether or not anything listens behind it)? */
  hostPortBound(hostPort: number): boolean;
};

interface EngineLike {
  readonly state: EngineState;
  imagePull(opts: ImagePullOptions): AsyncIterable<JSONMessage>;
  imageSearch(opts: ImageSearchOptions): Promise<ImageSearchResult[]>;
  diskUsage(): Promise<DiskUsage>;
}
type EngineClass = { prototype: EngineLike };

/** Installs the methods on the Engine prototype (wrapping imagePull/imageSearch/diskUsage to add the registry and containers). */
export function installContainers(E: EngineClass): void {
  const p = E.prototype as EngineLike & ContainersApi;
  const basePull = p.imagePull;
  const baseSearch = p.imageSearch;
  const baseDf = p.diskUsage;
  const api: ContainersApi & Pick<EngineLike, 'imagePull' | 'imageSearch' | 'diskUsage'> & ThisType<EngineLike> = {
    async containerList(o = {}) { await c.settleContainers(this.state); return c.containerList(this.state, o); },
    async containerCreate(req, name) { return c.containerCreate(this.state, req, name); },
    async containerInspect(id, size) { await c.settleContainers(this.state); return c.containerInspect(this.state, id, size); },
    containerStart(id) { return c.containerStart(this.state, id); },
    containerStop(id, o) { return c.containerStop(this.state, id, o); },
    containerRestart(id, o) { return c.containerRestart(this.state, id, o); },
    containerKill(id, s) { return c.containerKill(this.state, id, s); },
    async containerPause(id) { c.containerPause(this.state, id); },
    async containerUnpause(id) { c.containerUnpause(this.state, id); },
    containerRemove(id, o = {}) { return c.containerRemove(this.state, id, o); },
    async containerRename(id, n) { c.containerRename(this.state, id, n); },
    async containerUpdate(id, cfg) { return c.containerUpdate(this.state, id, cfg); },
    async containerLogs(id, o = {}) { await c.settleContainers(this.state); return c.containerLogs(this.state, id, o); },
    async containerDiff(id) { return c.containerDiff(this.state, id); },
    async containerTop(id) { await c.settleContainers(this.state); return c.containerTop(this.state, id); },
    containerWait(id, cond) { return c.containerWait(this.state, id, cond); },
    async containersPrune(f = {}) { return c.containersPrune(this.state, f); },
    containerAttach(id, io) { return c.containerAttach(this.state, id, io); },
    async containerArchiveGet(id, path) { return c.containerArchiveGet(this.state, id, path); },
    async containerArchivePut(id, path, tar) { c.containerArchivePut(this.state, id, path, tar); },
    async execCreate(id, req) { return c.execCreate(this.state, id, req); },
    execStart(id, io) { return c.execStart(this.state, id, io); },
    async volumeList(f = {}) { return c.volumeList(this.state, f); },
    async volumeCreate(req) { return c.volumeCreate(this.state, req); },
    async volumeInspect(name) { return c.volumeInspect(this.state, name); },
    async volumeRemove(name, force = false) { c.volumeRemove(this.state, name, force); },
    async volumesPrune(f = {}) { return c.volumesPrune(this.state, f); },
    async containerStats(id) { await c.settleContainers(this.state); return c.containerStatsOf(this.state, id); },
    setHostFiles(host) { c.setHostFiles(this.state, host); },
    async commit(o) { return commit(this.state, o); },
    async login(auth) { return registry.login(this.state, auth); },
    imagePush(name, o = {}) { return registry.imagePush(this.state, name, o); },
    httpRequest(port, path = '/', method = 'GET') { return c.httpRequest(this.state, port, path, method); },
    hostPortBound(port) { return c.hostPortBound(this.state, port); },
    imagePull(o) {
      let user = false;
      try { user = registry.hasRepo(this.state, parseNormalizedNamed(o.fromImage)); } catch { user = false; }
      return user ? registry.registryPull(this.state, o) : basePull.call(this, o);
    },
    async imageSearch(o) {
      const official = await baseSearch.call(this, o);
      const limit = o.limit && o.limit > 0 ? o.limit : 25;
      return [...official, ...registry.userSearchResults(this.state, o)].slice(0, limit);
    },
    async diskUsage() {
      const d = await baseDf.call(this);
      const extra = c.containersDiskUsage(this.state);
      return { ...d, Containers: extra.Containers, Volumes: extra.Volumes };
    },
  };
  Object.assign(p, api);
}

/** The console's `curl` builtin over the engine's published ports: `curl [-s] [-i] [-I] [http://]localhost:PORT[/path]`. */
export function engineCurl(engine: { httpRequest(hostPort: number, path?: string, method?: string): HttpResponse | null; hostPortBound?(hostPort: number): boolean }) {
  return async (argv: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> => {
    const url = argv.find((a) => !a.startsWith('-'));
    const { silent, fail } = curlFlags(argv);
    const err = (s: string) => { if (!silent) io.stderr(s); };
    const head = argv.includes('-I') || argv.includes('--head');
    const include = argv.includes('-i') || argv.includes('--include');
    if (!url) { io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!m) { io.stderr(`curl: (3) URL rejected: Malformed input to a URL function\n`); return 3; }
    const [, scheme = 'http', host, portS, path = '/'] = m;
    const port = Number(portS ?? (scheme === 'https' ? 443 : 80));
    if (!['localhost', '127.0.0.1', '0.0.0.0', '[::1]'].includes(host)) { err(`curl: (6) Could not resolve host: ${host}\n`); return 6; }
    const r = engine.httpRequest(port, path, head ? 'HEAD' : 'GET');
    if (!r) {
      // A published port whose container does not listen there: docker-proxy accepts, fails to reach the container and
      // closes the connection with the request unread (a reset); a port nobody publishes refuses the connection.
      if (engine.hostPortBound?.(port)) { err('curl: (56) Recv failure: Connection reset by peer\n'); return 56; }
      err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
      return 7;
    }
    if (fail && r.status >= 400) { err(`curl: (22) The requested URL returned error: ${r.status}\n`); return 22; }
    const reason: Record<number, string> = { 200: 'OK', 404: 'Not Found', 403: 'Forbidden', 500: 'Internal Server Error' };
    const headers = `HTTP/1.1 ${r.status} ${reason[r.status] ?? ''}\r\nContent-Type: ${r.contentType ?? 'text/html'}\r\nContent-Length: ${new TextEncoder().encode(r.body).length}\r\n\r\n`;
    if (head || include) io.stdout(headers);
    if (!head) io.stdout(r.body);
    return 0;
  };
}
