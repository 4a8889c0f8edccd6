import { describe, expect, it } from 'vitest';
import { emptyRunForm, type RunForm } from './run-form';
import { checkedRunFormSchema, validateRunForm } from './validate-run-form';

const form = (patch: Partial<RunForm>): RunForm => ({ ...emptyRunForm(), image: 'nginx', ...patch });

describe('validateRunForm', () => {
  it('passes a sound form', () => {
    expect(
      validateRunForm(
        form({
          name: 'web',
          ports: ['8080:80', '127.0.0.1:8443:443'],
          volumes: ['/data', 'vol:/v', '/srv:/mnt:ro,z'],
          links: ['db:database'],
          addHosts: ['h:1.2.3.4'],
          dns: ['8.8.8.8'],
          expose: ['9000'],
          env: [{ key: 'A', value: '1' }],
          envFile: 'B=2',
          workdir: '/app',
          hostname: 'web',
        }),
      ),
    ).toEqual([]);
  });

  it('asks for an image and a valid one', () => {
    expect(validateRunForm(form({ image: '' }))).toEqual([{ field: 'image', message: 'Choose an image.' }]);
    expect(validateRunForm(form({ image: 'UPPER' }))[0].field).toBe('image');
  });

  it('reports bad port rows with the parser message and row index', () => {
    expect(validateRunForm(form({ ports: ['80:80', '99999:80', 'abc'] }))).toEqual([
      { field: 'ports', index: 1, message: 'Host port 99999 is out of range: ports go from 1 to 65535.' },
      { field: 'ports', index: 2, message: 'Container port "abc" is not a number or a range like 8000-8010.' },
    ]);
  });

  it('reports duplicate host ports on the later row', () => {
    const issues = validateRunForm(form({ ports: ['8080:80', '9090:90', '0.0.0.0:8080:81'] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'ports', index: 2, message: expect.stringMatching(/^Rows 1 .* and 3 /) });
  });

  it('refuses published ports and -P in container: mode', () => {
    const message =
      "The engine refuses published ports in container: mode, because the container uses the other container's network stack — publish them on that container instead.";
    expect(validateRunForm(form({ networkMode: 'container:db', ports: ['80:80'] }))).toEqual([{ field: 'ports', message }]);
    expect(validateRunForm(form({ networkMode: 'container:db', publishAll: true }))).toEqual([{ field: 'publishAll', message }]);
  });

  it('refuses the other options the engine refuses in container: mode', () => {
    const issues = validateRunForm(
      form({ networkMode: 'container:db', expose: ['80'], hostname: 'x', dns: ['1.1.1.1'], addHosts: ['a:1.2.3.4'], links: ['b'] }),
    );
    expect(issues.map((i) => i.field)).toEqual(['expose', 'hostname', 'dns', 'addHosts', 'links']);
    expect(validateRunForm(form({ networkMode: 'container:' }))[0].field).toBe('networkMode');
  });

  it('allows aliases and a fixed IP only on a user network', () => {
    expect(validateRunForm(form({ networkMode: 'mynet', networkAliases: ['api'], ipv4Address: '172.20.0.5' }))).toEqual([]);
    expect(validateRunForm(form({ networkAliases: ['api'], ipv4Address: '172.17.0.9' }))).toEqual([
      { field: 'networkAliases', message: 'Network aliases work only on a user-defined network, not in bridge mode.' },
      { field: 'ipv4Address', message: 'A fixed IP address works only on a user-defined network, not in bridge mode.' },
    ]);
    expect(validateRunForm(form({ networkMode: 'mynet', ipv4Address: '::1' }))[0].field).toBe('ipv4Address');
    expect(validateRunForm(form({ networkMode: 'mynet', networkAliases: ['a b'] }))[0]).toMatchObject({ field: 'networkAliases', index: 0 });
  });

  it('refuses links with host networking', () => {
    expect(validateRunForm(form({ networkMode: 'host', links: ['db'] }))[0].field).toBe('links');
  });

  it('reports bad volume rows and two mounts on one path', () => {
    expect(validateRunForm(form({ volumes: ['data', './x:/y', '/a:/b', 'vol:/b/'] }))).toEqual([
      { field: 'volumes', index: 0, message: 'Container path "data" must be absolute, starting with /.' },
      { field: 'volumes', index: 1, message: expect.stringMatching(/relative/) },
      { field: 'volumes', index: 3, message: 'Rows 3 and 4 both mount onto /b; a container path can hold one mount.' },
    ]);
    expect(validateRunForm(form({ volumesFrom: ['data:zz'] }))[0]).toMatchObject({ field: 'volumesFrom', index: 0 });
  });

  it('reports bad links, hosts, DNS, expose and env rows', () => {
    const issues = validateRunForm(
      form({
        links: ['db:bad alias'],
        addHosts: ['nohost'],
        dns: ['dns.google'],
        expose: ['80:80'],
        env: [{ key: '', value: 'x' }],
        labels: [{ key: 'a=b', value: '' }],
        envFile: 'NOEQUALS',
      }),
    );
    expect(issues.map((i) => [i.field, i.index])).toEqual([
      ['env', 0],
      ['envFile', undefined],
      ['labels', 0],
      ['addHosts', 0],
      ['dns', 0],
      ['links', 0],
      ['expose', 0],
    ]);
  });

  it('checks workdir, hostname, name, restart and --rm', () => {
    expect(validateRunForm(form({ workdir: 'app' }))[0]).toEqual({
      field: 'workdir',
      message: 'The working directory "app" must be an absolute path, like /app.',
    });
    expect(validateRunForm(form({ hostname: 'bad_host' }))[0].field).toBe('hostname');
    expect(validateRunForm(form({ name: '.x' }))[0].field).toBe('name');
    expect(validateRunForm(form({ restart: { name: 'always', maxRetries: 2 } }))[0].field).toBe('restart');
    expect(validateRunForm(form({ autoRemove: true, restart: { name: 'always', maxRetries: 0 } }))[0].field).toBe('autoRemove');
    expect(validateRunForm(form({ autoRemove: true }))).toEqual([]);
  });
});

describe('checkedRunFormSchema', () => {
  it('adds the validation issues with paths', () => {
    const result = checkedRunFormSchema.safeParse(form({ ports: ['80:80', 'x'] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['ports', 1], 'Container port "x" is not a number or a range like 8000-8010.'],
    ]);
  });

  it('passes a good form through', () => {
    expect(checkedRunFormSchema.parse(form({ ports: ['80:80'] })).ports).toEqual(['80:80']);
  });
});
