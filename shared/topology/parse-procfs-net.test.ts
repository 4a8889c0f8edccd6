import { describe, expect, it } from 'vitest';
import { parseDevMcast, parseIgmp, parseNetDevNames, parseRouteSubnets } from './parse-procfs-net';

// Texts copied from /proc/<pid>/net/* of a container on docker0 (read as uid 65534).
const DEV_MCAST = '8    eth0            1     0     333300000001\n8    eth0            1     0     01005e000001\n';
const IGMP = 'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n8\teth0      :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n';
const ROUTE =
  'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
  'eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n' +
  'eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n' +
  'eth1\t00001EAC\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n';
const DEV =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
  '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n' +
  '  eth0:     806       9    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n';

describe('procfs net parsers', () => {
  it('reads ifindexes from dev_mcast and igmp', () => {
    expect([...parseDevMcast(DEV_MCAST)]).toEqual([['eth0', 8]]);
    expect([...parseIgmp(IGMP)]).toEqual([['lo', 1], ['eth0', 8]]);
  });

  it('reads interface names from net/dev', () => {
    expect(parseNetDevNames(DEV)).toEqual(['lo', 'eth0']);
  });

  it('keeps only directly connected subnets from net/route', () => {
    expect([...parseRouteSubnets(ROUTE)]).toEqual([['eth0', ['172.17.0.0/16']], ['eth1', ['172.30.0.0/24']]]);
  });
});
