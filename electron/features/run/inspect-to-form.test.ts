/**
 * inspect → form against real inspects captured from docker 20.10 (test/fixtures/run/), made
 * with the docker CLI commands quoted in each test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRunCommand } from '../../../shared/run-command/format-run-command';
import { parseRunCommand } from '../../../shared/run-command/parse-run-command';
import { toComposeService } from '../../../shared/run-command/compose-service';
import { validateRunForm } from '../../../shared/run-command/validate-run-form';
import { inspectToForm, type FullContainerInspect } from './inspect-to-form';

const fixtures = join(__dirname, '../../../test/fixtures/run');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;
const image = load<{ Config: Record<string, unknown> }>('busybox.image.json').Config;
const inspect = (name: string) => load<FullContainerInspect>(`${name}.inspect.json`);
const TEST_LABELS = ['-l patchbay.test=1', '-l patchbay.test.run=fixture-capture'];

describe('inspectToForm', () => {
  it('reads back every flag of a busy docker create (ports, ranges, udp, IPv6, volumes, env, labels)', () => {
    // docker create --name pbfix-web -h webhost -u 1000:1000 -w /srv --entrypoint /bin/sh --restart on-failure:3 -i -t
    //   -e GREETING='hello world' -e MODE=prod -l app=web -l tier=front --expose 7000 --expose 5353/udp
    //   -p 8080:80 -p 127.0.0.1:8081:81 -p 127.0.0.1::82 -p 83 -p 127.0.0.1:18000-18002:8000-8002 -p 9053:53/udp
    //   -p '[::1]:8443:443' -v /tmp/pbfix-src:/mnt/code:ro,z -v pbfix-vol:/var/lib/data -v /cache
    //   --volumes-from pbfix-data:ro --add-host db:10.0.0.5 --dns 10.0.0.2 patchbay-test/busybox -c 'httpd -f -p 80'
    const { form, notes } = inspectToForm(inspect('pbfix-web'), image);
    expect(notes).toEqual([]);
    expect(form).toMatchObject({
      image: 'patchbay-test/busybox',
      name: 'pbfix-web',
      hostname: 'webhost',
      user: '1000:1000',
      workdir: '/srv',
      entrypoint: '/bin/sh',
      command: ['-c', 'httpd -f -p 80'],
      restart: { name: 'on-failure', maxRetries: 3 },
      interactive: true,
      tty: true,
      detach: false,
      autoRemove: false,
      networkMode: 'bridge',
      env: [
        { key: 'GREETING', value: 'hello world' },
        { key: 'MODE', value: 'prod' },
      ],
      expose: ['5353/udp', '7000'],
      volumes: ['/tmp/pbfix-src:/mnt/code:ro,z', 'pbfix-vol:/var/lib/data', '/cache'],
      volumesFrom: ['pbfix-data:ro'],
      addHosts: ['db:10.0.0.5'],
      dns: ['10.0.0.2'],
    });
    // The image's own label is left out; the run's labels stay.
    expect(form.labels.map((l) => l.key)).toEqual(['app', 'patchbay.test', 'patchbay.test.run', 'tier']);
    expect([...form.ports].sort()).toEqual(
      ['8080:80', '127.0.0.1:8081:81', '127.0.0.1::82', '83', '127.0.0.1:18000-18002:8000-8002', '9053:53/udp', '[::1]:8443:443'].sort(),
    );
    expect(validateRunForm(form)).toEqual([]);
  });

  it('round-trips through formatRunCommand and parseRunCommand', () => {
    const { form } = inspectToForm(inspect('pbfix-web'), image);
    const command = formatRunCommand(form);
    expect(command).toContain("-e 'GREETING=hello world'");
    expect(command).toContain('-p 127.0.0.1:18000-18002:8000-8002');
    expect(command).toContain("--entrypoint /bin/sh");
    for (const label of TEST_LABELS) expect(command).toContain(label);
    const parsed = parseRunCommand(command);
    expect(parsed.errors).toEqual([]);
    expect(parsed.unsupported).toEqual([]);
    expect(parsed.form).toEqual(form);
  });

  it('keeps the user network, its aliases, fixed IP and links (stored on the endpoint)', () => {
    // docker create --name pbfix-user --network pbfix-net --network-alias api --network-alias backend
    //   --ip 172.29.0.50 --link pbfix-srv:server patchbay-test/busybox sleep 3600
    const { form } = inspectToForm(inspect('pbfix-user'), image);
    expect(form).toMatchObject({
      networkMode: 'pbfix-net',
      networkAliases: ['api', 'backend'],
      ipv4Address: '172.29.0.50',
      links: ['pbfix-srv:server'],
      hostname: '',
      command: ['sleep', '3600'],
    });
    expect(toComposeService(form).networks).toEqual({ 'pbfix-net': { aliases: ['api', 'backend'], ipv4_address: '172.29.0.50' } });
  });

  it('drops the short-id alias the engine adds once a container runs', () => {
    // docker run -d --name pbfix-alias --network pbfix-net --network-alias api2 patchbay-test/busybox sleep 3600
    const { form } = inspectToForm(inspect('pbfix-alias'), image);
    expect(form.networkAliases).toEqual(['api2']);
    expect(form.detach).toBe(true);
  });

  it('turns legacy links on the default bridge back into name:alias', () => {
    // docker create --name pbfix-linked --link pbfix-srv:server --link pbfix-pub ...
    const { form } = inspectToForm(inspect('pbfix-linked'), image);
    expect(form.links).toEqual(['pbfix-srv:server', 'pbfix-pub']);
  });

  it('names the container a container: network points at, and keeps --rm', () => {
    // docker create --name pbfix-shared --network container:pbfix-srv --rm patchbay-test/busybox sleep 3600
    const srv = inspect('pbfix-srv');
    const { form } = inspectToForm(inspect('pbfix-shared'), image, {
      containerName: (id) => (srv.Id.startsWith(id) ? 'pbfix-srv' : undefined),
    });
    expect(form.networkMode).toBe('container:pbfix-srv');
    expect(form.autoRemove).toBe(true);
    expect(form.hostname).toBe('');
    expect(validateRunForm(form)).toEqual([]);
  });

  it('keeps -P and --expose apart from -p', () => {
    // docker run -d --name pbfix-pub -P --expose 7000 -p 8090:80 patchbay-test/busybox sleep 3600
    const { form } = inspectToForm(inspect('pbfix-pub'), image);
    expect(form).toMatchObject({ publishAll: true, expose: ['7000'], ports: ['8090:80'], detach: true });
    expect(formatRunCommand(form)).toBe(
      'docker run -d --name pbfix-pub -l patchbay.test=1 -l patchbay.test.run=fixture-capture --expose 7000 -P -p 8090:80 patchbay-test/busybox sleep 3600',
    );
  });

  it('writes everything out, with a note, when the image is gone', () => {
    const { form, notes } = inspectToForm(inspect('pbfix-pub'), null);
    expect(notes[0]).toMatch(/image is no longer present/);
    expect(form.env.map((e) => e.key)).toContain('PATH');
  });

  it('lists settings the form cannot hold instead of dropping them silently', () => {
    const raw = inspect('pbfix-pub');
    raw.HostConfig.Privileged = true;
    raw.HostConfig.CapAdd = ['NET_ADMIN'];
    raw.HostConfig.Memory = 268435456;
    const { notes } = inspectToForm(raw, image);
    expect(notes.join(' ')).toMatch(/--privileged; --cap-add NET_ADMIN; --memory 268435456/);
  });
});
