/**
 * Whether a host process already holds a port: tries to bind it, the way docker-proxy will.
 *
 * Only meaningful when the engine runs on this machine; the caller checks that.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

export type ProbeResult = 'free' | 'in-use' | 'no-such-address' | 'unsupported' | 'denied';

export type ProbeProtocol = 'tcp' | 'udp';

/**
 * Binds `ip:port` for `protocol` and releases it at once.
 *
 * `''` means every address (`0.0.0.0`); IPv6 wildcard probes are IPv6-only so they test the
 * v6 side on its own. Node's TCP server sets SO_REUSEADDR like docker-proxy does, so a port
 * still in TIME_WAIT counts as free, as it does for the engine.
 */
export function probePort(ip: string, port: number, protocol: ProbeProtocol): Promise<ProbeResult> {
  const host = ip === '' ? '0.0.0.0' : ip;
  const v6 = host.includes(':');
  return protocol === 'tcp' ? probeTcp(host, port, v6) : probeUdp(host, port, v6);
}

function classify(error: NodeJS.ErrnoException): ProbeResult {
  switch (error.code) {
    case 'EADDRINUSE':
      return 'in-use';
    case 'EADDRNOTAVAIL':
      return 'no-such-address';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    default:
      return 'unsupported';
  }
}

function probeTcp(host: string, port: number, v6: boolean): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(classify(error)));
    server.listen({ host, port, exclusive: true, ipv6Only: v6 }, () => {
      server.close(() => resolve('free'));
    });
  });
}

function probeUdp(host: string, port: number, v6: boolean): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 });
    socket.unref();
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      resolve(classify(error));
    });
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.close(() => resolve('free'));
    });
  });
}
