// Go-typed inspect values: fmt's %v of moby's structs in Go field order, json re-encoding with Go's tags/omitempty.
// Expected bytes are what docker CLI 28.2.2 printed (tests/differential/golden/containers.json, captures
// inspect-raw-format) or follow directly from Go's fmt rules for the same types.
import { describe, expect, it } from 'vitest';
import { Template } from './index';
import { typedInspect } from '../inspect-types';

const run = (tmpl: string, v: unknown) => Template.parse(tmpl).execute(v);

const container = {
  Id: '5e1f9eaf148f210ae56d32fd2564dfe46d9815a88a8965fe60e82a45d1b7aa35', Created: '2026-11-27T07:00:00.5Z', Path: '/docker-entrypoint.sh',
  Args: ['nginx', '-g', 'daemon off;'],
  State: { Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 4242, ExitCode: 0, Error: '', StartedAt: '2026-11-27T07:00:01Z', FinishedAt: '0001-01-01T00:00:00Z' },
  Image: 'sha256:a596', Name: '/web', RestartCount: 0, Driver: 'overlay2', Platform: 'linux',
  HostConfig: { NetworkMode: 'bridge', PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, LogConfig: { Type: 'json-file', Config: {} }, OomKillDisable: false },
  GraphDriver: { Data: null, Name: 'overlay2' },
  Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' }],
  Config: {
    Hostname: '5e1f9eaf148f', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, ExposedPorts: { '80/tcp': {} },
    Tty: false, OpenStdin: false, StdinOnce: false, Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Cmd: ['nginx', '-g', 'daemon off;'], Image: 'nginx', Volumes: null, WorkingDir: '', Entrypoint: ['/docker-entrypoint.sh'], OnBuild: null,
    Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' }, StopSignal: 'SIGQUIT',
  },
  NetworkSettings: {
    Bridge: '', SandboxID: 'abc', SandboxKey: '', Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }] },
    IPAddress: '172.17.0.2', IPPrefixLen: 16, Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02',
    Networks: { bridge: { IPAMConfig: null, NetworkID: 'n1', IPAddress: '172.17.0.2', IPPrefixLen: 16 } },
  },
  Unknown: 'dropped by the typed decode',
};

describe('Go-typed container inspect', () => {
  const c = typedInspect('container', container);
  it('{{.Config}}: container.Config fields in Go order, nil pointer <nil>, sorted maps', () => {
    expect(run('{{.Config}}', c)).toBe('{5e1f9eaf148f   false false false map[80/tcp:{}] false false false [PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin] [nginx -g daemon off;] <nil> false nginx map[]  [/docker-entrypoint.sh] false  [] map[maintainer:NGINX Docker Maintainers <docker-maint@nginx.com>] SIGQUIT <nil> []}');
  });
  it('{{.State}}, {{.Config.Env}}, {{.Mounts}}, {{.NetworkSettings.Ports}}', () => {
    expect(run('{{.State}}', c)).toBe('{running true false false false false 4242 0  2026-11-27T07:00:01Z 0001-01-01T00:00:00Z <nil>}');
    expect(run('{{.Config.Env}}', c)).toBe('[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin]');
    expect(run('{{.Mounts}}', c)).toBe('[{volume data /var/lib/docker/volumes/data/_data /data local z true }]');
    expect(run('{{.NetworkSettings.Ports}}', c)).toBe('map[80/tcp:[{0.0.0.0 8080} {:: 8080}]]');
    expect(run('{{.HostConfig.PortBindings}} {{.HostConfig.LogConfig}} {{.GraphDriver}}', c)).toBe('map[80/tcp:[{ 8080}]] {json-file map[]} {map[] overlay2}');
  });
  it('pointers nested in a struct print as (made-up, stable) addresses; at the top they are dereferenced', () => {
    const top = run('{{.}}', c);
    expect(top).toMatch(/^\{0xc[0-9a-f]{9} \[\{volume data \/var\/lib\/docker\/volumes\/data\/_data \/data local z true \}\] 0xc[0-9a-f]{9} 0xc[0-9a-f]{9} <nil>\}$/);
    expect(run('{{.}}', c)).toBe(top);
    expect(run('{{.NetworkSettings.Networks}}', c)).toMatch(/^map\[bridge:0xc[0-9a-f]{9}\]$/);
    expect(run('{{.HostConfig.OomKillDisable}}', c)).toBe('false');
    expect(run('{{printf "%v" .HostConfig.OomKillDisable}}', c)).toMatch(/^0xc[0-9a-f]{9}$/);
  });
  it('embedded structs: promoted fields, nested {} in %v', () => {
    expect(run('{{.Name}} {{.ID}} {{.NetworkSettings.IPAddress}} {{.NetworkSettings.SandboxID}}', c)).toBe('/web 5e1f9eaf148f210ae56d32fd2564dfe46d9815a88a8965fe60e82a45d1b7aa35 172.17.0.2 abc');
    expect(run('{{.NetworkSettings}}', c)).toMatch(/^\{\{ abc  map\[80\/tcp:\[\{0\.0\.0\.0 8080\} \{:: 8080\}\]\] false  0 \[\] \[\]\} \{ 172\.17\.0\.1  0 172\.17\.0\.2 16  02:42:ac:11:00:02\} map\[bridge:0xc[0-9a-f]{9}\]\}$/);
  });
  it('{{json}}: Go tags and order, unknown keys dropped, omitempty, no HTML escaping in the template func', () => {
    expect(run('{{json .State}}', c)).toBe('{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":4242,"ExitCode":0,"Error":"","StartedAt":"2026-11-27T07:00:01Z","FinishedAt":"0001-01-01T00:00:00Z"}');
    expect(run('{{json .Config.Labels}} {{json .Config.Volumes}} {{json .HostConfig.PortBindings}}', c)).toBe('{"maintainer":"NGINX Docker Maintainers <docker-maint@nginx.com>"} null {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}');
    expect(run('{{json .}}', c)).not.toContain('Unknown');
    expect(run('{{json .NetworkSettings.Networks.bridge}}', c)).toBe('{"IPAMConfig":null,"Links":null,"Aliases":null,"MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"n1","EndpointID":"","Gateway":"","IPAddress":"172.17.0.2","IPPrefixLen":16,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":null}');
  });
  it('missing fields are Go errors on the typed value', () => {
    expect(() => run('{{.Nope}}', c)).toThrow("can't evaluate field Nope in type container.InspectResponse");
  });
});

describe('Go-typed image inspect', () => {
  it('{{json .}} of an odd daemon answer (capture inspect-raw-format)', () => {
    const i = typedInspect('image', { Size: 1, Id: 'sha256:3f2e1d0c9b8a7968574635241302f1e0d9c8b7a6958473625140312f2e1d0c9b', Weird: '<a&b> é é', Empty: {}, EmptyArr: [], Num: 1500 });
    expect(run('{{json .}}', i)).toBe('{"Id":"sha256:3f2e1d0c9b8a7968574635241302f1e0d9c8b7a6958473625140312f2e1d0c9b","RepoTags":null,"RepoDigests":null,"Parent":"","Comment":"","DockerVersion":"","Author":"","Config":null,"Architecture":"","Os":"","Size":1,"GraphDriver":{"Data":null,"Name":""},"RootFS":{},"Metadata":{"LastTagTime":"0001-01-01T00:00:00Z"}}');
  });
  it('{{.Config}} (DockerOCIImageConfig: two embedded structs), {{.RootFS}}, {{.Metadata}} (time.Time)', () => {
    const i = typedInspect('image', {
      Id: 'sha256:91ef', Config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], WorkingDir: '/' }, RootFS: { Type: 'layers', Layers: ['sha256:a0'] },
      Metadata: { LastTagTime: '2026-11-27T07:00:00.25Z' },
    });
    expect(run('{{.Config}}', i)).toBe('{{ map[] [PATH=/bin] [] [/bin/sh] map[] / map[]  false} {<nil> [] []}}');
    expect(run('{{.RootFS}} {{.Metadata}} {{.Metadata.LastTagTime}}', i)).toBe('{layers [sha256:a0]} {2026-11-27 07:00:00.25 +0000 UTC} 2026-11-27 07:00:00.25 +0000 UTC');
    expect(run('{{json .Config}}', i)).toBe('{"Env":["PATH=/bin"],"Cmd":["/bin/sh"],"WorkingDir":"/"}');
  });
});
