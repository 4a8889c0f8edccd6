/**
 * The pre-flight rules with a faked host and engine: which problem each situation gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { emptyRunForm, type RunForm } from '../../../shared/run-command/run-form';
import type { ProbeResult } from './port-probe';
import { findContainer, preflight, type PreflightDeps } from './preflight';

const fixtures = join(__dirname, '../../../test/fixtures/run');
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, `${name}.inspect.json`), 'utf8')) as EngineContainerInspect;
// pbfix-pub runs with 0.0.0.0:8090->80 and -P 7000; pbfix-web is created (not running) and asks for 8080 and more.
const containers = [load('pbfix-pub'), load('pbfix-web'), load('pbfix-srv')];

function deps(patch: Partial<PreflightDeps> = {}, busy: string[] = []): PreflightDeps {
  return {
    containers,
    isLocalEngine: true,
    endpoint: 'unix:///var/run/docker.sock',
    imagePresent: async (image) => image.startsWith('patchbay-test/busybox'),
    networkNames: async () => ['bridge', 'host', 'none', 'backend'],
    probe: async (ip, port, protocol): Promise<ProbeResult> => (busy.includes(`${ip}:${port}/${protocol}`) ? 'in-use' : 'free'),
    pathExists: async (path) => path === '/srv',
    ...patch,
  };
}

const form = (patch: Partial<RunForm>): RunForm => ({ ...emptyRunForm(), image: 'patchbay-test/busybox', ...patch });

describe('preflight', () => {
  it('passes a plain form', async () => {
    expect(await preflight(form({ ports: ['18080:80'] }), deps())).toEqual([]);
  });

  it('names the running container that publishes a host port, and warns about a stopped one', async () => {
    const problems = await preflight(form({ ports: ['8090:80', '127.0.0.1:8080:80'] }), deps());
    expect(problems).toEqual([
      expect.objectContaining({ field: 'ports', index: 0, severity: 'error', message: expect.stringContaining('already published by container "pbfix-pub" (0.0.0.0:8090 → 80/tcp)') }),
      expect.objectContaining({ field: 'ports', index: 1, severity: 'warning', message: expect.stringContaining('Stopped container "pbfix-web" also publishes host port 8080/tcp') }),
    ]);
  });

  it('ignores another container on another address, and another protocol', async () => {
    // pbfix-web asks for 127.0.0.1:8081 only; 10.1.2.3 does not overlap it. 8090/udp is not 8090/tcp.
    expect(await preflight(form({ ports: ['10.1.2.3:8081:80', '8090:80/udp'] }), deps())).toEqual([]);
  });

  it('probes 0.0.0.0 and :: for a row without an IP, the IP for a row with one, tcp and udp', async () => {
    const seen: string[] = [];
    const probe = async (ip: string, port: number, protocol: string): Promise<ProbeResult> => {
      seen.push(`${ip}:${port}/${protocol}`);
      return ip === '127.0.0.1' && port === 9001 ? 'in-use' : 'free';
    };
    const problems = await preflight(form({ ports: ['9000:80', '127.0.0.1:9001:81', '127.0.0.1:5353:53/udp', '127.0.0.1::82', '9100-9110:80'] }), deps({ probe }));
    expect(seen.sort()).toEqual(['0.0.0.0:9000/tcp', ':::9000/tcp', '127.0.0.1:9001/tcp', '127.0.0.1:5353/udp'].sort());
    expect(problems).toEqual([
      expect.objectContaining({ index: 1, severity: 'error', message: expect.stringMatching(/^Host port 9001\/tcp on 127\.0\.0\.1 is already in use by a program on the host/) }),
    ]);
  });

  it('says host ports were not checked on a remote engine', async () => {
    const probe = async (): Promise<ProbeResult> => {
      throw new Error('must not probe');
    };
    const problems = await preflight(form({ ports: ['9000:80'], volumes: ['/nope:/x'] }), deps({ isLocalEngine: false, endpoint: 'tcp://10.0.0.9:2375', probe }));
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ['ports', 'info'],
      ['volumes', 'info'],
    ]);
    expect(problems[0].message).toContain('not checked');
  });

  it('reports an address the host does not have', async () => {
    const probe = async (): Promise<ProbeResult> => 'no-such-address';
    const problems = await preflight(form({ ports: ['10.9.9.9:9000:80'] }), deps({ probe }));
    expect(problems[0].message).toContain('10.9.9.9 is not an address of the engine');
  });

  it('checks the name, image, network, container: target, links, volumes-from and bind sources', async () => {
    const problems = await preflight(
      form({
        name: 'pbfix-pub',
        image: 'nginx:1.27',
        volumes: ['/srv:/a', '/missing/dir:/b:ro', 'named:/c'],
        links: ['pbfix-web:web', 'ghost'],
        volumesFrom: ['ghost:ro', 'pbfix-web'],
      }),
      deps(),
    );
    const byField = (field: string) => problems.filter((p) => p.field === field);
    expect(byField('name')[0].message).toContain('"pbfix-pub" is already used by another container (running');
    expect(byField('image')[0]).toMatchObject({ severity: 'warning' });
    expect(byField('volumes')).toEqual([
      expect.objectContaining({ index: 1, severity: 'error', fix: { kind: 'create-bind-source', path: '/missing/dir' } }),
    ]);
    expect(byField('links').map((p) => [p.index, p.message])).toEqual([
      [0, expect.stringContaining('"pbfix-web" is created: a link needs its target running')],
      [1, 'There is no container "ghost" to link to.'],
    ]);
    expect(byField('volumesFrom')).toEqual([expect.objectContaining({ index: 0, message: 'There is no container "ghost" to take volumes from.' })]);

    expect((await preflight(form({ networkMode: 'nonet' }), deps()))[0].message).toContain('There is no network called "nonet"');
    expect(await preflight(form({ networkMode: 'backend' }), deps())).toEqual([]);
    expect((await preflight(form({ networkMode: 'container:pbfix-web' }), deps()))[0].message).toContain('is created, not running');
    expect(await preflight(form({ networkMode: 'container:pbfix-srv' }), deps())).toEqual([]);
  });

  it('includes the form\'s own syntax problems, and only warns in host mode', async () => {
    expect((await preflight(form({ ports: ['99999:80'] }), deps()))[0]).toMatchObject({ field: 'ports', index: 0, severity: 'error' });
    expect(await preflight(form({ networkMode: 'host', ports: ['8090:80'] }), deps())).toEqual([
      expect.objectContaining({ field: 'ports', severity: 'warning', message: expect.stringContaining('published ports are ignored') }),
    ]);
  });

  it('finds containers by name, full id or unique id prefix', () => {
    const pub = containers[0];
    expect(findContainer(containers, 'pbfix-pub')).toBe(pub);
    expect(findContainer(containers, `/${pub.Name.slice(1)}`)).toBe(pub);
    expect(findContainer(containers, pub.Id.slice(0, 12))).toBe(pub);
    expect(findContainer(containers, 'nope')).toBeUndefined();
  });
});
