/**
 * docker update against lib/engine: the CLI's client-side errors (docker CLI 28.2.2, captured offline), the daemon's
 * checks in moby's order (verifyContainerSettings, then the container, then UpdateContainer's conflicts), names
 * printed as given, errors joined, HostConfig in inspect, the memory limit in stats, the restart policy applied.
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../../session/testing';
import { parseNanoCpus } from './update';

function setup() {
  return testConsole({ seed: 'update-test' });
}

const usage = (msg: string) => `${msg}\n\nUsage:  docker update [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'docker update --help' for more information\n`;

describe('docker update', () => {
  it('client-side errors as docker CLI 28.2.2 prints them', async () => {
    const { run } = setup();
    expect(await run('docker update')).toEqual({ out: '', err: "docker: 'docker update' requires at least 1 argument\n\nUsage:  docker update [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker update --help' for more information\n", code: 1 });
    expect(await run('docker update web')).toEqual({ out: '', err: 'you must provide one or more flags when using this command\n', code: 1 });
    expect(await run('docker update --cpus 0.0000000001 web')).toEqual({ out: '', err: usage('invalid argument "0.0000000001" for "--cpus" flag: value is too precise'), code: 125 });
    expect(await run('docker update --memory abc web')).toEqual({ out: '', err: usage('invalid argument "abc" for "-m, --memory" flag: invalid size: \'abc\''), code: 125 });
    expect(await run('docker update --pids-limit x web')).toEqual({ out: '', err: usage('invalid argument "x" for "--pids-limit" flag: strconv.ParseInt: parsing "x": invalid syntax'), code: 125 });
    expect(await run('docker update --blkio-weight 70000 web')).toEqual({ out: '', err: usage('invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range'), code: 125 });
    expect(await run('docker update --restart always:x web')).toEqual({ out: '', err: 'invalid restart policy format: maximum retry count must be an integer\n', code: 1 });
    expect(await run('docker update --restart :3 web')).toEqual({ out: '', err: 'invalid restart policy format: no policy provided before colon\n', code: 1 });
  });

  it('resources: HostConfig in inspect, the memory limit in stats, moby conflicts with the container id', async () => {
    const { run, engine } = setup();
    await run('docker run -d --name web nginx');
    const id = (await run('docker inspect -f "{{.Id}}" web')).out.trim();
    const HC = "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{json .HostConfig.PidsLimit}} {{.HostConfig.CpusetCpus}}' web";
    expect((await run(HC)).out).toBe('0 0 0 0 0 null \n');
    // moby: a memory limit above the container's (unset) swap limit needs --memory-swap too
    expect(await run('docker update -m 256m web')).toEqual({
      out: '', code: 1,
      err: `Error response from daemon: Cannot update container ${id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time\n`,
    });
    expect(await run('docker update -m 256m --memory-swap 512m --memory-reservation 128m --cpus 1.5 -c 512 --pids-limit 100 --cpuset-cpus 0-1 web')).toEqual({ out: 'web\n', err: '', code: 0 });
    expect((await run(HC)).out).toBe('268435456 536870912 134217728 1500000000 512 100 0-1\n');
    const stats = await engine.containerStats('web');
    expect((stats.memory_stats as { limit: number }).limit).toBe(268_435_456);
    expect((await run('docker stats --no-stream --format "{{.Name}} {{.MemUsage}}" web')).out).toMatch(/^web [\d.]+MiB \/ 256MiB\n$/);
    expect(await run('docker update --cpu-period 100000 web')).toEqual({
      out: '', code: 1, err: `Error response from daemon: Cannot update container ${id}: Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set\n`,
    });
    // verifyPlatformContainerResources (before the container is looked up)
    expect((await run('docker update --cpus 8 nosuch')).err).toBe('Error response from daemon: range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available\n');
    expect((await run('docker update -m 4m web')).err).toBe('Error response from daemon: Minimum memory limit allowed is 6MB\n');
    expect((await run('docker update -m 64m --memory-swap 32m web')).err).toBe('Error response from daemon: Minimum memoryswap limit should be larger than memory limit, see usage\n');
    expect((await run('docker update --memory-reservation 300m -m 200m --memory-swap -1 web')).err).toBe('Error response from daemon: Minimum memory limit can not be less than memory reservation limit, see usage\n');
    expect((await run('docker update --cpu-quota 500 web')).err).toBe('Error response from daemon: CPU cfs quota can not be less than 1ms (i.e. 1000)\n');
    expect((await run('docker update --cpuset-cpus 0-7 web')).err).toBe('Error response from daemon: Requested CPUs are not available - requested 0-7, available: 0-3\n');
    expect((await run('docker update --cpuset-cpus 3-1 web')).err).toBe('Error response from daemon: Invalid value 3-1 for cpuset cpus: invalid format: 3-1\n');
    expect((await run('docker update --blkio-weight 5 web')).err).toBe('Error response from daemon: Range of blkio weight is from 10 to 1000\n');
    // --pids-limit -1: unlimited, stored as 0 by an update
    expect((await run('docker update --pids-limit -1 web')).out).toBe('web\n');
    expect((await run('docker inspect -f "{{.HostConfig.PidsLimit}}" web')).out).toBe('0\n');
  }, 60_000);

  it('--restart: moby ValidateRestartPolicy, AutoRemove, names as given, errors joined after the successes', async () => {
    const { run, clock } = setup();
    await run('docker run -d --name web nginx');
    await run('docker run -d --rm --name tmp alpine sleep infinity');
    const tmpId = (await run('docker inspect -f "{{.Id}}" tmp')).out.trim();
    expect(await run('docker update --restart unless-stopped web')).toEqual({ out: 'web\n', err: '', code: 0 });
    expect((await run('docker inspect -f "{{json .HostConfig.RestartPolicy}}" web')).out).toBe('{"Name":"unless-stopped","MaximumRetryCount":0}\n');
    expect(await run('docker update --restart on-failure:3 web')).toEqual({ out: 'web\n', err: '', code: 0 });
    expect((await run('docker inspect -f "{{json .HostConfig.RestartPolicy}}" web')).out).toBe('{"Name":"on-failure","MaximumRetryCount":3}\n');
    expect(await run('docker update --restart always tmp')).toEqual({
      out: '', code: 1, err: `Error response from daemon: Cannot update container ${tmpId}: Restart policy cannot be updated because AutoRemove is enabled for the container\n`,
    });
    expect(await run('docker update --restart no tmp')).toEqual({ out: 'tmp\n', err: '', code: 0 });
    expect(await run('docker update --restart bogus web')).toEqual({
      out: '', code: 1, err: "Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n",
    });
    expect(await run('docker update --restart always:2 web')).toEqual({
      out: '', code: 1, err: "Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'\n",
    });
    expect(await run('docker update -c 100 web nosuch tmp nope')).toEqual({
      out: 'web\ntmp\n', code: 1, err: 'Error response from daemon: No such container: nosuch\nError response from daemon: No such container: nope\n',
    });
    // a shortened ID is printed as given
    expect((await run(`docker update -c 200 ${tmpId.slice(0, 5)}`)).out).toBe(`${tmpId.slice(0, 5)}\n`);
    // the new policy applies at the next exit
    await run('docker run -d --name once alpine sleep 1');
    expect((await run('docker update --restart always once')).out).toBe('once\n');
    clock.advance(1200);
    expect((await run('docker inspect -f "{{.RestartCount}} {{.State.Status}}" once')).out).toBe('1 running\n');
    expect((await run('docker container update --restart no once')).out).toBe('once\n');
    clock.advance(1200);
    expect((await run('docker inspect -f "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}" once')).out).toBe('1 exited 0\n');
  }, 60_000);

  it('run/create take the same resource flags; moby sets MemorySwap to twice Memory; update checks against them', async () => {
    const { run } = setup();
    const help = "\n\nRun 'docker run --help' for more information\n";
    expect((await run('docker run -d --name lim -m 256m --cpus 0.5 -c 256 --pids-limit 50 nginx')).code).toBe(0);
    expect((await run("docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}}' lim")).out)
      .toBe('268435456 536870912 500000000 256 50\n');
    expect((await run('docker stats --no-stream --format "{{.MemUsage}}" lim')).out).toMatch(/ \/ 256MiB\n$/);
    expect((await run('docker update -m 300m lim')).out).toBe('lim\n');
    const id = (await run("docker inspect -f '{{.Id}}' lim")).out.trim();
    expect((await run('docker update -m 600m lim')).err)
      .toBe(`Error response from daemon: Cannot update container ${id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time\n`);
    expect((await run('docker update --cpu-quota 50000 lim')).err)
      .toBe(`Error response from daemon: Cannot update container ${id}: Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set\n`);
    expect((await run('docker run --memory-swap 1g alpine true')).err).toBe('docker: Error response from daemon: You should always set the Memory limit when using Memoryswap limit, see usage' + help);
    expect((await run('docker run --cpus 0.5 --cpu-period 50000 alpine true')).err).toBe('docker: Error response from daemon: Conflicting options: Nano CPUs and CPU Period cannot both be set' + help);
    expect((await run('docker run -m 1m alpine true')).err).toBe('docker: Error response from daemon: Minimum memory limit allowed is 6MB' + help);
    expect((await run('docker run --cpus 0.0000000001 alpine true')).err)
      .toBe('invalid argument "0.0000000001" for "--cpus" flag: value is too precise\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker run --help\' for more information\n');
  }, 60_000);

  it('opts.ParseCPUs', () => {
    expect(['1.5', '0.5', '2', '.25', '0.000000001', '0.0000000001', 'x', '1.0000000000'].map(parseNanoCpus))
      .toEqual([1_500_000_000, 500_000_000, 2_000_000_000, 250_000_000, 1, 'value is too precise', 'failed to parse x as a rational number', 1_000_000_000]);
  });
});
