import { describe, expect, it } from 'vitest';
import { PatchbayFailure } from '../errors';
import { parseRunCommand } from './parse-run-command';
import { emptyRunForm, type RunForm } from './run-form';
import { toCreateBody } from './to-create-body';

function bodyOf(command: string) {
  const parsed = parseRunCommand(command);
  expect(parsed.errors).toEqual([]);
  return toCreateBody(parsed.form);
}

const detachedDefaults = {
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
};

describe('toCreateBody', () => {
  it('builds the smallest body for a detached image', () => {
    expect(bodyOf('docker run -d nginx')).toEqual({
      Image: 'nginx',
      ...detachedDefaults,
      HostConfig: {
        PublishAllPorts: false,
        NetworkMode: 'bridge',
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        AutoRemove: false,
      },
    });
  });

  it('attaches like the CLI: stdout/stderr without -d, stdin once with -i, nothing with -d', () => {
    expect(bodyOf('docker run -it fedora /bin/bash')).toMatchObject({
      Tty: true,
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Cmd: ['/bin/bash'],
    });
    expect(bodyOf('docker run alpine')).toMatchObject({ OpenStdin: false, StdinOnce: false, AttachStdin: false, AttachStdout: true });
    expect(bodyOf('docker run -itd fedora')).toMatchObject({ Tty: true, OpenStdin: true, ...{ StdinOnce: false, AttachStdin: false, AttachStdout: false } });
  });

  it('sends ports as ExposedPorts and PortBindings, with --expose and -P', () => {
    const body = bodyOf('docker run -d -P -p 192.168.1.10::22 -p 8000-8001:80-81/udp --expose 9000 fedora');
    expect(body.ExposedPorts).toEqual({ '22/tcp': {}, '80/udp': {}, '81/udp': {}, '9000/tcp': {} });
    expect(body.HostConfig.PortBindings).toEqual({
      '22/tcp': [{ HostIp: '192.168.1.10', HostPort: '' }],
      '80/udp': [{ HostIp: '', HostPort: '8000' }],
      '81/udp': [{ HostIp: '', HostPort: '8001' }],
    });
    expect(body.HostConfig.PublishAllPorts).toBe(true);
  });

  it('puts anonymous volumes in Volumes and named/bind volumes in Binds as written', () => {
    const body = bodyOf('docker run -v /data -v /logs -v vol:/v -v /srv:/mnt/code:ro,z --volumes-from data:ro fedora');
    expect(body.Volumes).toEqual({ '/data': {}, '/logs': {} });
    expect(body.HostConfig.Binds).toEqual(['vol:/v', '/srv:/mnt/code:ro,z']);
    expect(body.HostConfig.VolumesFrom).toEqual(['data:ro']);
  });

  it('sends links, extra hosts (normalised) and DNS', () => {
    const body = bodyOf('docker run --link centos_server:server --link db --add-host a=1.2.3.4 --add-host v6:[::1] --dns 8.8.8.8 fedora');
    expect(body.HostConfig).toMatchObject({
      Links: ['centos_server:server', 'db'],
      ExtraHosts: ['a:1.2.3.4', 'v6:::1'],
      Dns: ['8.8.8.8'],
    });
  });

  it('sends env (env file first), labels, entrypoint, workdir, user, hostname, restart and --rm', () => {
    const form: RunForm = {
      ...parseRunCommand(
        `docker run -e "A=b c" -l tier=web -l flag --entrypoint /bin/sh -w /app -u 1000 -h box --restart on-failure:3 alpine -c 'echo hi'`,
      ).form,
      envFile: 'A=from-file\nB=2',
    };
    expect(toCreateBody(form)).toMatchObject({
      Env: ['A=from-file', 'B=2', 'A=b c'],
      Labels: { tier: 'web', flag: '' },
      Entrypoint: ['/bin/sh'],
      Cmd: ['-c', 'echo hi'],
      WorkingDir: '/app',
      User: '1000',
      Hostname: 'box',
      HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } },
    });
    expect(bodyOf('docker run --rm alpine').HostConfig.AutoRemove).toBe(true);
  });

  it("sends [''] to clear the image's entrypoint", () => {
    expect(bodyOf(`docker run --entrypoint '' alpine`).Entrypoint).toEqual(['']);
    expect(bodyOf('docker run alpine')).not.toHaveProperty('Entrypoint');
  });

  it('uses the network mode as is and adds endpoint settings only when there are some', () => {
    expect(bodyOf('docker run --net=container:centos ubuntu').HostConfig.NetworkMode).toBe('container:centos');
    expect(bodyOf('docker run --network mynet x')).not.toHaveProperty('NetworkingConfig');
    expect(bodyOf('docker run --network mynet --network-alias api --network-alias web --ip 172.20.0.5 x').NetworkingConfig).toEqual({
      EndpointsConfig: { mynet: { Aliases: ['api', 'web'], IPAMConfig: { IPv4Address: '172.20.0.5' } } },
    });
  });

  it('refuses an invalid form with the first problem', () => {
    const bad: RunForm = { ...emptyRunForm(), image: 'nginx', ports: ['99999:80', 'x'] };
    expect(() => toCreateBody(bad)).toThrow(PatchbayFailure);
    try {
      toCreateBody(bad);
    } catch (error) {
      expect((error as PatchbayFailure).toJSON()).toMatchObject({
        code: 'invalid-input',
        message: 'Host port 99999 is out of range: ports go from 1 to 65535. (and 1 more problem)',
      });
    }
  });
});
