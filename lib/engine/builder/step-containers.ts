/**
 * The classic builder's step containers (moby builder/dockerfile containerbackend.go + internals.go `create`):
 * every step that commits through a container (RUN, WORKDIR and the metadata instructions; not COPY/ADD, not a cache
 * hit) creates a real container in the containers area, announced as ` ---> Running in <id12>`. RUN starts it;
 * the others are committed without being started (they stay `Created`).
 *
 * Removal is moby's dispatch() defer: with `forcerm` every step removes the containers created so far, even when it
 * failed; with `rm` (the default) only a step that succeeded does; each removal prints
 * ` ---> Removed intermediate container <id12>`. So a failed RUN leaves its container behind (`Exited (N)`, the image
 * of the previous step, command `/bin/sh -c '...'`) unless --force-rm, and `--rm=false` keeps them all.
 *
 * The containers carry moby's builder HostConfig (hostConfigFromOptions): LogConfig type "none" (so `docker logs` on
 * them answers `configured logging driver does not support reading`, as in Docker) and the default network.
 */
import type { ContainerConfig } from '../../api/types';
import { containerCreate, containerRemove, containersOf, type ContainerRecord } from '../containers/area';
import { containerEvent } from '../events';
import { rfc3339Nano } from '../clock';
import type { EngineState } from '../state';

export class StepContainers {
  /** moby's tmpContainers: created by this build and not removed yet, in creation order */
  private readonly tmp: ContainerRecord[] = [];

  constructor(private readonly state: EngineState, private readonly opts: { rm: boolean; forceRm: boolean }) {}

  /** Creates a step's container from its run config (image: the current image ID, '' after FROM scratch). */
  create(config: ContainerConfig, imageId: string): ContainerRecord {
    const r = containerCreate(this.state, {
      ...config, Image: imageId,
      HostConfig: { NetworkMode: 'default', LogConfig: { Type: 'none', Config: {} } },
    }, undefined, { noImage: true });
    const c = containersOf(this.state).containers.get(r.Id)!;
    containerEvent(this.state, c, 'create');
    this.tmp.push(c);
    return c;
  }

  /** Marks the container running while `body` runs the step's command in it; then exited with the code. */
  async run(c: ContainerRecord, body: () => Promise<{ exitCode: number; startError?: string }>): Promise<{ exitCode: number; startError?: string }> {
    const a = containersOf(this.state);
    const t0 = this.state.clock.now();
    c.status = 'running';
    c.pid = a.nextPid += 37;
    c.startedAt = rfc3339Nano(t0);
    containerEvent(this.state, c, 'start');
    let out: { exitCode: number; startError?: string };
    try {
      out = await body();
    } catch (e) {
      this.end(c, 1, t0);
      throw e;
    }
    if (out.startError) {
      // runc could not start the process: the container stays Created, with the error and exit code (moby's start failure)
      c.status = 'created';
      c.pid = 0;
      c.startedAt = '0001-01-01T00:00:00Z';
      c.exitCode = out.exitCode;
      c.error = out.startError;
      return out;
    }
    this.end(c, out.exitCode, t0);
    return out;
  }

  private end(c: ContainerRecord, code: number, t0: number): void {
    c.status = 'exited';
    c.exitCode = code;
    c.pid = 0;
    c.finishedMs = this.state.clock.now();
    c.finishedAt = rfc3339Nano(c.finishedMs);
    containerEvent(this.state, c, 'die', { execDuration: String(Math.max(0, Math.floor((c.finishedMs - t0) / 1000))), exitCode: String(code) });
  }

  /**
   * moby's dispatch() defer after a step: RemoveAll when --force-rm, or when --rm and the step succeeded (with their
   * anonymous volumes). Returns the IDs removed, for the ` ---> Removed intermediate container <id12>` lines.
   */
  async afterStep(failed: boolean): Promise<string[]> {
    if (!(this.opts.forceRm || (this.opts.rm && !failed))) return [];
    const ids: string[] = [];
    for (const c of this.tmp.splice(0)) {
      try {
        await containerRemove(this.state, c.id, { force: true, volumes: true });
      } catch {
        /* removed by the user meanwhile (moby ignores not-found) */
      }
      ids.push(c.id);
    }
    return ids;
  }
}
