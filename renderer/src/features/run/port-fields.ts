/**
 * A `-p` row as separate fields (host IP, host port, container port, protocol) and back, so the
 * form can show it typed in docker syntax and field by field, both in sync.
 *
 * Splitting is lenient: half-typed text still lands in the fields the person meant, and the
 * shared parser (`parsePortSpec`) says what is wrong with it.
 */
export interface PortFields {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: string;
}

/** Splits `ip:host:container/proto` text into fields without judging it. */
export function splitPortText(text: string): PortFields {
  let rest = text.trim();
  let hostIp = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close !== -1) {
      hostIp = rest.slice(1, close);
      rest = rest.slice(close + 1).replace(/^:/, '');
      const [hostPort = '', ...container] = splitLast(rest);
      return { hostIp, ...withProtocol(container.join('') || hostPort, container.length ? hostPort : '') };
    }
  }
  const parts = rest.split(':');
  if (parts.length >= 3) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    return { hostIp, ...withProtocol(parts[parts.length - 1], parts[parts.length - 2]) };
  }
  if (parts.length === 2) return { hostIp, ...withProtocol(parts[1], parts[0]) };
  return { hostIp, ...withProtocol(parts[0], '') };
}

function splitLast(text: string): string[] {
  const colon = text.lastIndexOf(':');
  return colon === -1 ? [text] : [text.slice(0, colon), text.slice(colon + 1)];
}

function withProtocol(containerText: string, hostPort: string): Omit<PortFields, 'hostIp'> {
  const slash = containerText.indexOf('/');
  if (slash === -1) return { hostPort, containerPort: containerText, protocol: 'tcp' };
  return { hostPort, containerPort: containerText.slice(0, slash), protocol: containerText.slice(slash + 1).toLowerCase() || 'tcp' };
}

/** Writes fields as `-p` text: `80`, `8080:80`, `127.0.0.1::80`, `[::1]:8080:80/udp`. */
export function joinPortFields(fields: PortFields): string {
  const ip = fields.hostIp.trim();
  const host = fields.hostPort.trim();
  const container = fields.containerPort.trim() + (fields.protocol && fields.protocol !== 'tcp' ? `/${fields.protocol}` : '');
  if (ip) return `${ip.includes(':') ? `[${ip}]` : ip}:${host}:${container}`;
  return host ? `${host}:${container}` : container;
}
