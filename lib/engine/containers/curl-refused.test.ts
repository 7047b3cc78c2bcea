/**
 * curl/wget to a name that resolves with nothing listening: a refused connection (curl exit 7, busybox wget
 * "Connection refused"), not an unknown host; names that do not resolve keep curl's exit 6. Host side: a published
 * port without a listener behind it is reset by docker-proxy (56); an unpublished one is refused (7).
 */
import { describe, expect, it } from 'vitest';
import { testConsole } from '../../session/testing';

function setup() {
  return testConsole({ seed: 'curl-refused' });
}

describe('connections refused by resolved names', () => {
  it('curl inside containers: user-network names, aliases, addresses, localhost, the own hostname; unknown names', async () => {
    const { run } = setup();
    await run('docker network create net');
    await run('docker run -d --name web --network net nginx');
    await run('docker run -d --name quiet --network net --network-alias q alpine sleep infinity');
    let r = await run('docker exec web curl http://quiet/');
    expect([r.out, r.err, r.code]).toEqual(['', "curl: (7) Failed to connect to quiet port 80 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('docker exec web curl q:8080/x');
    expect([r.out, r.err, r.code]).toEqual(['', "curl: (7) Failed to connect to q port 8080 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('docker exec web curl -s quiet');
    expect([r.out, r.err, r.code]).toEqual(['', '', 7]);
    r = await run('docker exec web curl -sS 172.18.0.3:81');
    expect([r.out, r.err, r.code]).toEqual(['', "curl: (7) Failed to connect to 172.18.0.3 port 81 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('docker exec web curl localhost:8080');
    expect([r.err, r.code]).toEqual(["curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('docker exec web curl web:81');
    expect([r.err, r.code]).toEqual(["curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('docker exec web curl -s web');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    // --fail: HTTP errors exit 22 with curl's message (hidden by -s, shown again by -S)
    r = await run('docker exec web curl -f localhost/nope');
    expect([r.out, r.err, r.code]).toEqual(['', 'curl: (22) The requested URL returned error: 404\n', 22]);
    r = await run('docker exec web curl -sf localhost/nope');
    expect([r.out, r.err, r.code]).toEqual(['', '', 22]);
    r = await run('docker exec web curl -fsSL localhost/nope');
    expect([r.out, r.err, r.code]).toEqual(['', 'curl: (22) The requested URL returned error: 404\n', 22]);
    r = await run('docker exec web curl --silent q:81');
    expect([r.out, r.err, r.code]).toEqual(['', '', 7]);
    r = await run('docker exec web curl nosuch');
    expect([r.out, r.err, r.code]).toEqual(['', 'curl: (6) Could not resolve host: nosuch\n', 6]);
    // a stopped container has no endpoint: its name no longer resolves
    await run('docker stop quiet');
    r = await run('docker exec web curl quiet');
    expect([r.err, r.code]).toEqual(['curl: (6) Could not resolve host: quiet\n', 6]);
  }, 60_000);

  it('busybox wget: "Connecting to" then the refused connect (quiet with -q); bad address for unknown names', async () => {
    const { run } = setup();
    await run('docker network create net');
    await run('docker run -d --name web --network net nginx');
    await run('docker run -d --name box --network net alpine sleep infinity');
    let r = await run('docker exec box wget -O- http://web:81/');
    expect([r.out, r.err, r.code]).toEqual(['', "Connecting to web:81 (172.18.0.2:81)\nwget: can't connect to remote host (172.18.0.2): Connection refused\n", 1]);
    r = await run('docker exec box wget -qO- web:81');
    expect([r.out, r.err, r.code]).toEqual(['', "wget: can't connect to remote host (172.18.0.2): Connection refused\n", 1]);
    r = await run('docker exec box wget -O- localhost');
    expect([r.out, r.err, r.code]).toEqual(['', "Connecting to localhost (127.0.0.1:80)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n", 1]);
    r = await run('docker exec box wget -qO- nosuch');
    expect([r.err, r.code]).toEqual(["wget: bad address 'nosuch'\n", 1]);
  }, 60_000);

  it('the default bridge: no names (exit 6), addresses refuse (exit 7)', async () => {
    const { run } = setup();
    await run('docker run -d --name aa nginx');
    await run('docker run -d --name bb alpine sleep infinity');
    let r = await run('docker exec aa curl bb');
    expect([r.err, r.code]).toEqual(['curl: (6) Could not resolve host: bb\n', 6]);
    r = await run('docker exec aa curl 172.17.0.3');
    expect([r.err, r.code]).toEqual(["curl: (7) Failed to connect to 172.17.0.3 port 80 after 0 ms: Couldn't connect to server\n", 7]);
  }, 60_000);

  it('host curl: a published port with no listener is reset by docker-proxy; an unpublished port refuses', async () => {
    const { run } = setup();
    await run('docker run -d --name web -p 8080:81 -p 8081:80 nginx');
    let r = await run('curl localhost:8080');
    expect([r.out, r.err, r.code]).toEqual(['', 'curl: (56) Recv failure: Connection reset by peer\n', 56]);
    r = await run('curl localhost:9999');
    expect([r.out, r.err, r.code]).toEqual(['', "curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n", 7]);
    r = await run('curl -s localhost:8081');
    expect(r.code).toBe(0);
    expect(await run('curl -s localhost:9999')).toEqual({ out: '', err: '', code: 7 });
    expect(await run('curl -f localhost:8081/nope')).toEqual({ out: '', err: 'curl: (22) The requested URL returned error: 404\n', code: 22 });
    await run('docker stop web');
    r = await run('curl localhost:8080');
    expect([r.err, r.code]).toEqual(["curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", 7]);
  }, 60_000);
});
