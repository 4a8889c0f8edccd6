/**
 * The Docker-relevant rules of the host's `nat` table, as parsed from `iptables-save -t nat`.
 *
 * Raw rule data only: `buildTopology` ties them to containers and networks.
 */

export type NatProtocol = 'tcp' | 'udp' | 'sctp';

/** `-A DOCKER [-d HOSTIP/32] [! -i BRIDGE] -p PROTO -m PROTO --dport HOSTPORT -j DNAT --to-destination IP:PORT`. */
export interface IptablesDnatRule {
  chain: string;
  /** Without the `/32`; null when the rule matches every local address (`0.0.0.0` publish). */
  hostIp: string | null;
  hostPort: number;
  protocol: NatProtocol;
  /** Interface named by `-i`; with `inInterfaceNegated` the rule applies to traffic NOT from it. */
  inInterface: string | null;
  inInterfaceNegated: boolean;
  toIp: string;
  /** Equal to `hostPort` when `--to-destination` carries no port. */
  toPort: number;
  /** The line as iptables-save printed it, for tooltips. */
  raw: string;
}

/** `-A POSTROUTING -s SRC [-d DST] [! -o DEV] [-p P --dport N] -j MASQUERADE`. */
export interface IptablesMasqueradeRule {
  chain: string;
  source: string | null;
  destination: string | null;
  outInterface: string | null;
  outInterfaceNegated: boolean;
  protocol: NatProtocol | null;
  dport: number | null;
  raw: string;
}

export interface NatTable {
  /** False when the table has no `DOCKER` chain: Docker's rules are elsewhere (other backend) or off. */
  hasDockerChain: boolean;
  dnat: IptablesDnatRule[];
  masquerade: IptablesMasqueradeRule[];
}
