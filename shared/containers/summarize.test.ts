import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeContainer, describeNetworkMode, readableTime } from './describe';
import type { EngineContainerInspect } from './engine-inspect';
import { countByState, filterContainers } from './filter';
import { humanDuration, statusText } from './status-text';
import { formatPorts, summarizeContainer } from './summarize';

// Captured from a real engine: `docker inspect` of a running and of a created container.
const [running, created] = JSON.parse(
  readFileSync(join(process.cwd(), 'test/fixtures/containers/inspects.json'), 'utf8'),
) as EngineContainerInspect[];

describe('summarizeContainer', () => {
  const web = summarizeContainer(running);

  it('reads name, image, state and network from the inspect', () => {
    expect(web.name).toBe('fixture-web');
    expect(web.image).toBe('patchbay-test/busybox');
    expect(web.state).toBe('running');
    expect(web.networks).toEqual([
      { name: 'bridge', ipAddress: running.NetworkSettings.Networks!.bridge.IPAddress, macAddress: running.NetworkSettings.Networks!.bridge.MacAddress },
    ]);
  });

  it('lists live port bindings, random ones resolved, and exposed-only ports', () => {
    expect(web.ports).toEqual([
      { containerPort: 53, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 32768 },
      { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 5081 },
      { containerPort: 9000, protocol: 'tcp' },
    ]);
    expect(formatPorts(web.ports)).toBe('127.0.0.1:32768->53/udp, 127.0.0.1:5081->80/tcp, 9000/tcp');
  });

  it('tells anonymous volumes (deleted by rm -v) from named volumes and binds (kept)', () => {
    const anonymous = running.Mounts.find((m) => m.Destination === '/data')!.Name!;
    expect(web.anonymousVolumes).toEqual([anonymous]);
    expect(web.keptMounts.sort()).toEqual(['/tmp:/host-tmp', 'fixture-named:/named']);
  });

  it('falls back to the requested bindings of a container that never ran', () => {
    const summary = summarizeContainer(created);
    expect(summary.state).toBe('created');
    expect(summary.startedAt).toBe('');
    expect(summary.ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }]);
  });

  it('brackets IPv6 host addresses the way docker ps does', () => {
    expect(formatPorts([{ containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 }])).toBe('[::]:8080->80/tcp');
  });
});

describe('describeContainer', () => {
  it('states the facts in words', () => {
    const facts = Object.fromEntries(describeContainer(running).map((f) => [f.label, f.value]));
    expect(facts['State']).toMatch(/^running since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, main process pid \d+/);
    expect(facts['Network bridge']).toContain(running.NetworkSettings.Networks!.bridge.IPAddress);
    expect(facts['Mount /host-tmp']).toBe('host path /tmp, read-only');
    expect(facts['Mount /named']).toBe('named volume fixture-named, read-write');
    expect(facts['Mount /data']).toMatch(/^anonymous volume [0-9a-f]{64}, read-write$/);
    expect(facts['Restart policy']).toBe('unless-stopped');
  });

  it('explains every network mode', () => {
    expect(describeNetworkMode('host')).toContain("host's network stack");
    expect(describeNetworkMode('none')).toContain('loopback');
    expect(describeNetworkMode('container:db')).toContain("shares that container's network namespace");
    expect(describeNetworkMode('default')).toContain('veth pair');
    expect(describeNetworkMode('backend')).toContain('user-defined');
  });

  it('cuts the engine time to seconds', () => {
    expect(readableTime('2026-11-27T20:13:45.173738293Z')).toBe('2026-11-27 20:13:45 UTC');
  });
});

describe('status text', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('words durations like docker ps', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(45_000)).toBe('45 seconds');
    expect(humanDuration(60_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3_600_000)).toBe('About an hour');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
  });
  it('writes the STATUS column for each state', () => {
    const base = { startedAt: '2026-11-27T11:55:00Z', finishedAt: '2026-11-27T09:00:00Z', exitCode: 137 };
    expect(statusText({ ...base, state: 'running' }, now)).toBe('Up 5 minutes');
    expect(statusText({ ...base, state: 'running', health: 'healthy' }, now)).toBe('Up 5 minutes (healthy)');
    expect(statusText({ ...base, state: 'paused' }, now)).toBe('Up 5 minutes (Paused)');
    expect(statusText({ ...base, state: 'exited' }, now)).toBe('Exited (137) 3 hours ago');
    expect(statusText({ ...base, state: 'created' }, now)).toBe('Created');
  });
});

describe('filterContainers', () => {
  const rows = [summarizeContainer(running), summarizeContainer(created)];
  it('matches every word against name, image, ports and networks', () => {
    expect(filterContainers(rows, 'fixture 5081', 'all').map((c) => c.name)).toEqual(['fixture-web']);
    expect(filterContainers(rows, 'FIXTURE', 'all').map((c) => c.name)).toEqual(['fixture-created', 'fixture-web']);
    expect(filterContainers(rows, 'nothing-like-this', 'all')).toEqual([]);
  });
  it('filters by state group and counts each group', () => {
    expect(filterContainers(rows, '', 'running').map((c) => c.name)).toEqual(['fixture-web']);
    expect(filterContainers(rows, '', 'created').map((c) => c.name)).toEqual(['fixture-created']);
    expect(countByState(rows)).toEqual({ all: 2, running: 1, paused: 0, stopped: 0, created: 1 });
  });
});
