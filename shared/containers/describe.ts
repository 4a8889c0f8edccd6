import type { EngineContainerInspect } from './engine-inspect';
import { formatPorts, summarizeContainer } from './summarize';

/** The inspect's main facts as sentences, for the details panel next to the raw JSON. */
export function describeContainer(inspect: EngineContainerInspect): Array<{ label: string; value: string }> {
  const summary = summarizeContainer(inspect);
  const facts: Array<{ label: string; value: string }> = [
    { label: 'State', value: describeState(inspect) },
    { label: 'Image', value: `${summary.image} (${inspect.Image.replace('sha256:', '').slice(0, 12)})` },
    { label: 'Command', value: summary.command || '(none)' },
    { label: 'Network mode', value: describeNetworkMode(inspect.HostConfig.NetworkMode) },
  ];
  for (const network of summary.networks) {
    facts.push({
      label: `Network ${network.name}`,
      value: network.ipAddress ? `IP ${network.ipAddress}, MAC ${network.macAddress}` : 'attached, no address while stopped',
    });
  }
  facts.push({ label: 'Ports', value: summary.ports.length ? formatPorts(summary.ports) : 'none published or exposed' });
  for (const mount of inspect.Mounts) {
    const access = mount.RW ? 'read-write' : 'read-only';
    const what =
      mount.Type === 'volume'
        ? `${summary.anonymousVolumes.includes(mount.Name ?? '') ? 'anonymous' : 'named'} volume ${mount.Name}`
        : mount.Type === 'bind'
          ? `host path ${mount.Source}`
          : `${mount.Type} mount`;
    facts.push({ label: `Mount ${mount.Destination}`, value: `${what}, ${access}` });
  }
  const restart = inspect.HostConfig.RestartPolicy?.Name;
  facts.push({ label: 'Restart policy', value: restart ? restart : 'never restarted automatically' });
  if (inspect.HostConfig.AutoRemove) facts.push({ label: 'Auto-remove', value: 'removed by the engine when it stops (--rm)' });
  return facts;
}

function describeState(inspect: EngineContainerInspect): string {
  const s = inspect.State;
  if (s.Paused) return `paused (started ${readableTime(s.StartedAt)})`;
  if (s.Running) return `running since ${readableTime(s.StartedAt)}, main process pid ${s.Pid} on the host`;
  if (s.Status === 'created') return 'created, never started';
  const oom = s.OOMKilled ? ', killed for lack of memory' : '';
  return `${s.Status} with exit code ${s.ExitCode}${oom} at ${readableTime(s.FinishedAt)}`;
}

/** `2026-11-27 20:13:45 UTC`: the engine's nanosecond ISO time, cut to what a person reads. */
export function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

export function describeNetworkMode(mode: string): string {
  if (mode === 'host') return "host: shares the host's network stack, no isolation";
  if (mode === 'none') return 'none: only a loopback interface';
  if (mode.startsWith('container:')) return `${mode}: shares that container's network namespace and IP`;
  if (mode === 'default' || mode === 'bridge') return 'bridge: its own namespace on docker0, through a veth pair';
  return `${mode}: a user-defined network`;
}
