/**
 * Captures real engine and host data for the topology unit tests into `test/fixtures/topology/`.
 *
 * Creates labelled (`patchbay.test=1`) containers and networks covering every situation the
 * builder handles, reads them the way the app does, then removes exactly what it created.
 * Run as root on a machine with a local engine: `npx tsx scripts/capture-topology-fixtures.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHostInterfaces, type NetnsTarget } from '../electron/features/topology/host-interfaces';
import { readIpForward } from '../electron/features/topology/ip-forward';
import { readHostAsNobody } from '../test/fixtures/topology/run-as-nobody';

// Run from the repository root (tsx compiles this file as CommonJS, so import.meta is empty).
const OUT = join(process.cwd(), 'test', 'fixtures', 'topology');
const IMAGE = 'patchbay-test/busybox:latest';
const LABEL = ['--label', 'patchbay.test=1'];
const NETWORKS = ['pbt-front', 'pbt-back'];
const CONTAINERS = ['pbt-web', 'pbt-peer', 'pbt-hostmode', 'pbt-isolated', 'pbt-sidecar', 'pbt-multi', 'pbt-backend', 'pbt-stopped'];

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

function run(name: string, ...args: string[]): void {
  docker('run', '-d', ...LABEL, '--name', name, ...args, IMAGE, 'sleep', '3600');
}

/** Removes exactly what this script creates; spawnSync because "not found" is fine here. */
function cleanup(): void {
  spawnSync('docker', ['rm', '-f', ...CONTAINERS], { stdio: 'ignore' });
  spawnSync('docker', ['network', 'rm', ...NETWORKS], { stdio: 'ignore' });
}

async function main(): Promise<void> {
  cleanup();
  try {
    docker('network', 'create', ...LABEL, '--driver', 'bridge', '--subnet', '172.30.0.0/24', '--gateway', '172.30.0.1', 'pbt-front');
    docker('network', 'create', ...LABEL, '--driver', 'bridge', '-o', 'com.docker.network.bridge.enable_icc=false', '-o', 'com.docker.network.bridge.name=pbt-back0', 'pbt-back');
    run('pbt-web', '-p', '127.0.0.1:5080:80');
    run('pbt-peer');
    run('pbt-hostmode', '--net=host');
    run('pbt-isolated', '--net=none');
    run('pbt-sidecar', '--net=container:pbt-web');
    run('pbt-multi', '--net=pbt-front');
    docker('network', 'connect', 'bridge', 'pbt-multi');
    run('pbt-backend', '--net=pbt-back');
    run('pbt-stopped');
    docker('stop', '-t', '1', 'pbt-stopped');

    const containers = JSON.parse(docker('inspect', ...CONTAINERS)) as { Id: string; State: { Pid: number; Running: boolean }; NetworkSettings: { SandboxKey?: string } }[];
    const networks = JSON.parse(docker('network', 'inspect', 'bridge', 'host', 'none', ...NETWORKS)) as unknown[];
    const targets: NetnsTarget[] = containers
      .filter((c) => c.State.Running)
      .map((c) => ({ id: c.Id, pid: c.State.Pid, sandboxKey: c.NetworkSettings.SandboxKey }));
    // As root the reader takes the sysfs path; as `nobody` it must fall back to procfs on its own.
    const sysfs = await readHostInterfaces(targets);
    const nonRoot = readHostAsNobody(process.cwd(), targets);
    if (nonRoot.uid !== 65534 || nonRoot.hostInterfaces?.privileged !== false) throw new Error('The non-root read did not run unprivileged.');

    mkdirSync(OUT, { recursive: true });
    const write = (file: string, data: unknown): void =>
      writeFileSync(join(OUT, file), typeof data === 'string' ? data : `${JSON.stringify(data, null, 2)}\n`);
    write('containers.json', containers);
    write('networks.json', networks);
    write('host-interfaces.sysfs.json', sysfs);
    write('host-interfaces.nonroot.json', nonRoot.hostInterfaces);
    write('iptables-nat.txt', execFileSync('iptables-save', ['-t', 'nat'], { encoding: 'utf8' }));
    write('ip-link.json', JSON.parse(execFileSync('ip', ['-j', 'link'], { encoding: 'utf8' })));
    write('meta.json', { ipForward: await readIpForward(), engine: docker('version', '--format', '{{.Server.Version}} API {{.Server.APIVersion}}') });
    console.log(`Wrote fixtures to ${OUT}`);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
