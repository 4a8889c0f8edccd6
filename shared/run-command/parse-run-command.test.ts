import { describe, expect, it } from 'vitest';
import { parseRunCommand } from './parse-run-command';
import { emptyRunForm, type RunForm } from './run-form';

function form(text: string): RunForm {
  const parsed = parseRunCommand(text);
  expect(parsed.errors).toEqual([]);
  return parsed.form;
}

describe('parseRunCommand', () => {
  it('reads the image and the command after it', () => {
    expect(form('docker run -i -d -p 192.168.1.10::22 --name f20 fedora /bin/bash')).toEqual({
      ...emptyRunForm(),
      interactive: true,
      detach: true,
      ports: ['192.168.1.10::22'],
      name: 'f20',
      image: 'fedora',
      command: ['/bin/bash'],
    });
  });

  it('accepts docker container run, sudo, a path to docker, and no prefix', () => {
    for (const text of ['docker container run -d nginx', 'sudo docker run -d nginx', '/usr/bin/docker run -d nginx', '-d nginx']) {
      expect(form(text), text).toEqual({ ...emptyRunForm(), detach: true, image: 'nginx' });
    }
  });

  it('refuses other docker commands', () => {
    expect(parseRunCommand('docker ps -a').errors).toEqual(['Only docker run commands can be read, and this one is "docker ps".']);
    expect(parseRunCommand('docker container ls').errors[0]).toMatch(/"docker container ls"/);
  });

  it('reads --flag=value, --flag value and attached short values', () => {
    const f = form('docker run --name=web -p80:80 -p 81:81 --publish=82:82 -e=A=1 -w/app nginx');
    expect(f.name).toBe('web');
    expect(f.ports).toEqual(['80:80', '81:81', '82:82']);
    expect(f.env).toEqual([{ key: 'A', value: '1' }]);
    expect(f.workdir).toBe('/app');
  });

  it('reads short clusters, ending with a value-taking letter', () => {
    expect(form('docker run -itd nginx')).toMatchObject({ interactive: true, tty: true, detach: true, image: 'nginx' });
    expect(form('docker run -itp 8080:80 nginx')).toMatchObject({ interactive: true, tty: true, ports: ['8080:80'], image: 'nginx' });
    expect(form('docker run -dP nginx')).toMatchObject({ detach: true, publishAll: true });
  });

  it('reads explicit boolean values', () => {
    expect(form('docker run --rm=false -d=true --tty=true nginx')).toMatchObject({ autoRemove: false, detach: true, tty: true });
    expect(parseRunCommand('docker run --rm=maybe nginx').errors).toEqual(['--rm=maybe is not understood: --rm takes true or false.']);
  });

  it('treats --net and --network alike, and keeps the last single-valued option', () => {
    expect(form('docker run -i -t --net=container:centos ubuntu bash')).toMatchObject({ networkMode: 'container:centos', command: ['bash'] });
    expect(form('docker run --network mynet --net-alias a --network-alias b --ip 172.20.0.5 x')).toMatchObject({
      networkMode: 'mynet',
      networkAliases: ['a', 'b'],
      ipv4Address: '172.20.0.5',
    });
    expect(form('docker run --name a --name b x').name).toBe('b');
  });

  it('collects repeated list options in order', () => {
    const f = form(
      'docker run -v /data -v vol:/v --volumes-from a --volumes-from b:ro --link db:database --link cache ' +
        '--add-host h:1.2.3.4 --dns 8.8.8.8 --expose 80 --expose 53/udp -l a=1 -l flag x',
    );
    expect(f).toMatchObject({
      volumes: ['/data', 'vol:/v'],
      volumesFrom: ['a', 'b:ro'],
      links: ['db:database', 'cache'],
      addHosts: ['h:1.2.3.4'],
      dns: ['8.8.8.8'],
      expose: ['80', '53/udp'],
      labels: [
        { key: 'a', value: '1' },
        { key: 'flag', value: '' },
      ],
    });
  });

  it('reads env, restart, entrypoint, user and hostname', () => {
    expect(
      form(`docker run -e "A=b c" -e EMPTY= --restart on-failure:3 --entrypoint '' -u 1000:1000 -h box alpine`),
    ).toMatchObject({
      env: [
        { key: 'A', value: 'b c' },
        { key: 'EMPTY', value: '' },
      ],
      restart: { name: 'on-failure', maxRetries: 3 },
      entrypoint: '',
      user: '1000:1000',
      hostname: 'box',
    });
  });

  it('keeps everything after the image as the command, options included', () => {
    expect(form(`docker run --rm alpine sh -c 'echo hi' -d --name x`)).toMatchObject({
      autoRemove: true,
      detach: false,
      name: '',
      image: 'alpine',
      command: ['sh', '-c', 'echo hi', '-d', '--name', 'x'],
    });
  });

  it('ends options at --', () => {
    expect(form('docker run -d -- nginx -g daemon')).toMatchObject({ detach: true, image: 'nginx', command: ['-g', 'daemon'] });
  });

  it('reads multi-line commands with continuations', () => {
    const text = 'docker run \\\n  -d \\\n  --name web \\\n  -p 8080:80 \\\n  nginx:alpine';
    expect(form(text)).toMatchObject({ detach: true, name: 'web', ports: ['8080:80'], image: 'nginx:alpine' });
  });

  it('lists unsupported options verbatim and still finds the image after their values', () => {
    const parsed = parseRunCommand(
      'docker run --cpus 2 -m 512m --memory-swap=1g --cap-add NET_ADMIN --log-opt max-size=10m --privileged ' +
        `--health-cmd 'curl -f localhost' --env-file .env -e HOME --network a --network b --network name=c,alias=d -d nginx`,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.unsupported).toEqual([
      '--cpus 2',
      '-m 512m',
      '--memory-swap=1g',
      '--cap-add NET_ADMIN',
      '--log-opt max-size=10m',
      '--privileged',
      `--health-cmd 'curl -f localhost'`,
      '--env-file .env',
      '-e HOME',
      '--network b',
      '--network name=c,alias=d',
    ]);
    expect(parsed.form).toMatchObject({ image: 'nginx', detach: true, networkMode: 'a', command: [] });
  });

  it('reports unknown options, missing values and bad restart values', () => {
    expect(parseRunCommand('docker run --bogus nginx').errors).toEqual([
      'Unknown option --bogus: it is not a docker run option, so it was skipped.',
    ]);
    expect(parseRunCommand('docker run -dX nginx').errors).toEqual([
      'Unknown option -X in -dX: it is not a docker run option, so it was skipped.',
    ]);
    expect(parseRunCommand('docker run nginx --name').errors).toEqual([]);
    expect(parseRunCommand('docker run --name').errors).toEqual([
      '--name needs a value.',
      'The command has no image: put the image name after the options.',
    ]);
    expect(parseRunCommand('docker run -p').errors[0]).toBe('-p needs a value.');
    expect(parseRunCommand('docker run --restart=sometimes x').errors[0]).toMatch(/Unknown restart policy/);
    expect(parseRunCommand('docker run -e =x x').errors).toEqual(['-e =x has no name before the "=".']);
  });

  it('reports a missing image, an empty command and tokenizer errors', () => {
    expect(parseRunCommand('docker run -d').errors).toEqual(['The command has no image: put the image name after the options.']);
    expect(parseRunCommand('  ').errors[0]).toMatch(/Paste a docker run command/);
    expect(parseRunCommand(`docker run -e 'A=b nginx`).errors[0]).toMatch(/Unterminated single quote/);
  });
});
