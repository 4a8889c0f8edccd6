import { describe, expect, it } from 'vitest';
import { toComposeService } from './compose-service';
import { parseRunCommand } from './parse-run-command';

function serviceOf(command: string, envFile = '') {
  const parsed = parseRunCommand(command);
  expect(parsed.errors).toEqual([]);
  return toComposeService({ ...parsed.form, envFile });
}

describe('toComposeService', () => {
  it('maps a typical command', () => {
    expect(
      serviceOf(
        `docker run -d -i -t --name /web -h web -u 1000 -w /app --entrypoint /bin/sh --restart unless-stopped ` +
          `-e A=1 -l tier=web --add-host db:10.0.0.2 --dns 1.1.1.1 --expose 9000 -p 8080:80 -v vol:/data ` +
          `--volumes-from data:ro --link db:database nginx -c 'echo hi'`,
        'B=2',
      ),
    ).toEqual({
      image: 'nginx',
      container_name: 'web',
      command: ['-c', 'echo hi'],
      entrypoint: ['/bin/sh'],
      working_dir: '/app',
      user: '1000',
      environment: { B: '2', A: '1' },
      labels: { tier: 'web' },
      restart: 'unless-stopped',
      stdin_open: true,
      tty: true,
      network_mode: 'bridge',
      hostname: 'web',
      extra_hosts: ['db:10.0.0.2'],
      dns: ['1.1.1.1'],
      expose: ['9000'],
      ports: ['8080:80'],
      volumes: ['vol:/data'],
      volumes_from: ['container:data:ro'],
      external_links: ['db:database'],
    });
  });

  it('keeps only the image for a bare command, with bridge made explicit', () => {
    expect(serviceOf('docker run --rm -P alpine')).toEqual({ image: 'alpine', network_mode: 'bridge' });
  });

  it('uses network_mode for host, none and container:, and networks for a user network', () => {
    expect(serviceOf('docker run --net=container:centos ubuntu').network_mode).toBe('container:centos');
    expect(serviceOf('docker run --network host x').network_mode).toBe('host');
    const service = serviceOf('docker run --network mynet --network-alias api --ip 172.20.0.5 x');
    expect(service).not.toHaveProperty('network_mode');
    expect(service.networks).toEqual({ mynet: { aliases: ['api'], ipv4_address: '172.20.0.5' } });
    expect(serviceOf('docker run --network mynet x').networks).toEqual({ mynet: {} });
  });

  it('writes on-failure retries and a cleared entrypoint', () => {
    expect(serviceOf(`docker run --restart on-failure:5 --entrypoint '' x`)).toMatchObject({
      restart: 'on-failure:5',
      entrypoint: [''],
    });
  });
});
