/**
 * Topology and network channels: the live graph, and networks list/create/remove/connect/disconnect.
 *
 * Inputs are checked here with messages a person can act on ("subnet 10.1.2.3/16 has host bits
 * set: use 10.1.0.0/16"), before the engine sees them; the engine's own refusals are passed on.
 */
import { z } from 'zod';
import { channel } from '../contract-kit';
import { containerName, engineRef, noInput } from '../ids';
import { isIPv4, isIPv6 } from '../ports/ip-address';
import type { EngineNetworkInspect } from './engine-network';
import { ipv4ToNumber, normalizeIpv4Cidr } from './ipv4';
import type { Topology } from './model';

/** A topology as the core built it; `revision` grows with each build that differs from the last. */
export interface TopologySnapshot extends Topology {
  revision: number;
  /** ISO time of the build. */
  builtAt: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  subnets: { subnet: string; gateway: string | null; ipRange: string | null }[];
  labels: Record<string, string>;
  /** Names of the containers with an endpoint on it (running ones). */
  containers: string[];
  created: string | null;
}

export interface NetworkCreated {
  id: string;
  name: string;
  /** The engine's warning, e.g. about a name used twice. */
  warning: string | null;
}

/** Docker's rule for network names. */
export const networkName = z
  .string()
  .min(1, 'A network name is required.')
  .max(128, 'A network name can have at most 128 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A network name must start with a letter or digit and contain only letters, digits, _ . and -.');

/** A Linux interface name: at most 15 bytes, no slash, colon or whitespace. */
const bridgeDeviceName = z
  .string()
  .min(1, 'The bridge name cannot be empty.')
  .max(15, 'A bridge (interface) name can have at most 15 characters: Linux limits interface names to 15.')
  .regex(/^[a-zA-Z0-9_.-]+$/, 'A bridge name can contain only letters, digits, _ . and - (it becomes a Linux interface name).');

const labelKey = z.string().min(1, 'A label key cannot be empty.').max(256).regex(/^[^\s=]+$/, 'A label key cannot contain spaces or "=".');

interface Cidr {
  version: 4 | 6;
  address: string;
  prefix: number;
}

function parseCidr(text: string): Cidr | null {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined || prefixText === undefined || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (isIPv4(address) && prefix <= 32) return { version: 4, address, prefix };
  if (isIPv6(address) && prefix <= 128) return { version: 6, address, prefix };
  return null;
}

function ipv4Within(ip: string, cidr: Cidr): boolean {
  const network = normalizeIpv4Cidr(`${cidr.address}/${cidr.prefix}`);
  const value = ipv4ToNumber(ip);
  if (!network || value === null) return false;
  const mask = cidr.prefix === 0 ? 0 : (0xffffffff << (32 - cidr.prefix)) >>> 0;
  return ((value & mask) >>> 0) === ipv4ToNumber(network.split('/')[0]);
}

/** A text field a form may send blank: trimmed, and `''` is turned into "not set". */
const optionalText = (schema: z.ZodType<string, string> = z.string()) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(schema.optional());

export const networkCreateInput = z
  .object({
    name: networkName,
    driver: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'The driver must be a name such as bridge, macvlan, ipvlan or overlay.')
      .default('bridge'),
    subnet: optionalText(),
    gateway: optionalText(),
    ipRange: optionalText(),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    /** `com.docker.network.bridge.name`: the Linux bridge device's name (bridge driver only). */
    bridgeName: optionalText(bridgeDeviceName),
    labels: z.record(labelKey, z.string().max(4096)).default({}),
  })
  .strict()
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (input.bridgeName && input.driver !== 'bridge') issue('bridgeName', `A bridge name only applies to the bridge driver, not ${input.driver}.`);
    if (input.driver === 'host' || input.driver === 'null') {
      issue('driver', `The ${input.driver} driver has exactly one network, which Docker creates itself; pick bridge, macvlan, ipvlan or overlay.`);
    }
    if (!input.subnet) {
      if (input.gateway) issue('gateway', 'A gateway needs a subnet: set the subnet too.');
      if (input.ipRange) issue('ipRange', 'An IP range needs a subnet: set the subnet too.');
      return;
    }
    const subnet = parseCidr(input.subnet);
    if (!subnet) {
      issue('subnet', `"${input.subnet}" is not a subnet: write it in CIDR form, such as 172.30.0.0/16.`);
      return;
    }
    if (subnet.version === 4) {
      const normal = normalizeIpv4Cidr(input.subnet)!;
      if (normal !== input.subnet) issue('subnet', `The subnet ${input.subnet} has host bits set: use ${normal} instead.`);
    }
    if (input.gateway) {
      if (subnet.version === 4 ? !isIPv4(input.gateway) : !isIPv6(input.gateway)) {
        issue('gateway', `"${input.gateway}" is not an IPv${subnet.version} address like the subnet.`);
      } else if (subnet.version === 4 && !ipv4Within(input.gateway, subnet)) {
        issue('gateway', `The gateway ${input.gateway} is outside the subnet ${input.subnet}.`);
      }
    }
    if (input.ipRange) {
      const range = parseCidr(input.ipRange);
      if (!range || range.version !== subnet.version) {
        issue('ipRange', `"${input.ipRange}" is not an IPv${subnet.version} range in CIDR form, such as 172.30.5.0/24.`);
      } else if (subnet.version === 4 && (range.prefix < subnet.prefix || !ipv4Within(range.address, subnet))) {
        issue('ipRange', `The IP range ${input.ipRange} is not inside the subnet ${input.subnet}.`);
      }
    }
  });

const connection = z
  .object({
    network: engineRef,
    container: engineRef,
  })
  .strict();

export const topologyChannels = {
  'topology:get': channel<TopologySnapshot>()(noInput),
  'networks:list': channel<NetworkSummary[]>()(noInput),
  'networks:inspect': channel<EngineNetworkInspect>()(z.object({ id: engineRef }).strict()),
  'networks:create': channel<NetworkCreated>()(networkCreateInput),
  /** Refused with code `in-use`, naming the containers, while the network has endpoints. */
  'networks:remove': channel<void>()(z.object({ id: engineRef }).strict()),
  'networks:connect': channel<void>()(
    connection.extend({
      /** Extra DNS names of the container on this network (`--alias`). */
      aliases: z.array(containerName.min(1, 'An alias cannot be empty.')).max(32, 'At most 32 aliases.').default([]),
      /** A fixed address (`--ip`); the network must have a user-set subnet. */
      ipv4: optionalText(z.string().refine(isIPv4, 'The IPv4 address must be a dotted quad such as 172.30.0.10.')),
    }),
  ),
  'networks:disconnect': channel<void>()(connection.extend({ force: z.boolean().default(false) })),
};

export interface TopologyEvents {
  /** The whole rebuilt topology, at most a few per second and only when something changed. */
  'topology:changed': TopologySnapshot;
}
