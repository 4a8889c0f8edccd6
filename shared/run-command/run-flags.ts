/**
 * The options of `docker run` (docker CLI 27/28), by long name, with shorthand and whether
 * each takes a value.
 *
 * Even unsupported options must be known here: a value-taking option that is not, would make
 * its value look like the image name.
 */

export interface RunFlag {
  /** Long name without dashes. */
  name: string;
  short?: string;
  takesValue: boolean;
}

const BOOLEAN = ['detach:d', 'interactive:i', 'tty:t', 'rm', 'publish-all:P', 'init', 'privileged', 'read-only',
  'sig-proxy', 'oom-kill-disable', 'no-healthcheck', 'disable-content-trust', 'quiet:q', 'help', 'use-api-socket'];

const VALUED = ['attach:a', 'add-host', 'annotation', 'blkio-weight', 'blkio-weight-device', 'cap-add', 'cap-drop',
  'cgroup-parent', 'cgroupns', 'cidfile', 'cpu-count', 'cpu-percent', 'cpu-period', 'cpu-quota', 'cpu-rt-period',
  'cpu-rt-runtime', 'cpu-shares:c', 'cpus', 'cpuset-cpus', 'cpuset-mems', 'detach-keys', 'device',
  'device-cgroup-rule', 'device-read-bps', 'device-read-iops', 'device-write-bps', 'device-write-iops', 'dns',
  'dns-option', 'dns-opt', 'dns-search', 'domainname', 'entrypoint', 'env:e', 'env-file', 'expose', 'gpus',
  'group-add', 'health-cmd', 'health-interval', 'health-retries', 'health-start-interval', 'health-start-period',
  'health-timeout', 'hostname:h', 'io-maxbandwidth', 'io-maxiops', 'ip', 'ip6', 'ipc', 'isolation', 'kernel-memory',
  'label:l', 'label-file', 'link', 'link-local-ip', 'log-driver', 'log-opt', 'mac-address', 'memory:m',
  'memory-reservation', 'memory-swap', 'memory-swappiness', 'mount', 'name', 'network', 'net', 'network-alias',
  'net-alias', 'oom-score-adj', 'pid', 'pids-limit', 'platform', 'publish:p', 'pull', 'restart', 'runtime',
  'security-opt', 'shm-size', 'stop-signal', 'stop-timeout', 'storage-opt', 'sysctl', 'tmpfs', 'ulimit', 'user:u',
  'userns', 'uts', 'volume:v', 'volume-driver', 'volumes-from', 'workdir:w'];

function table(entries: string[], takesValue: boolean): RunFlag[] {
  return entries.map((entry) => {
    const [name, short] = entry.split(':');
    return short === undefined ? { name, takesValue } : { name, short, takesValue };
  });
}

const ALL = [...table(BOOLEAN, false), ...table(VALUED, true)];
const BY_LONG = new Map(ALL.map((flag) => [flag.name, flag]));
const BY_SHORT = new Map(ALL.filter((f) => f.short).map((flag) => [flag.short as string, flag]));

/** Finds an option by long name (`cpus`, no dashes). */
export function longRunFlag(name: string): RunFlag | undefined {
  return BY_LONG.get(name);
}

/** Finds an option by its one-letter shorthand (`p`). */
export function shortRunFlag(letter: string): RunFlag | undefined {
  return BY_SHORT.get(letter);
}
