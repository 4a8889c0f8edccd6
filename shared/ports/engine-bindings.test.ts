import { describe, expect, it } from 'vitest';
import { toEngineBindings } from './engine-bindings';
import { parseExposeSpec, type ExposeSpec } from './expose-spec';
import { parsePortSpec, type PortSpec } from './port-spec';

function specs(...texts: string[]): PortSpec[] {
  return texts.map((t) => {
    const r = parsePortSpec(t);
    if (!r.ok) throw new Error(r.error);
    return r.spec;
  });
}

function exposes(...texts: string[]): ExposeSpec[] {
  return texts.map((t) => {
    const r = parseExposeSpec(t);
    if (!r.ok) throw new Error(r.error);
    return r.spec;
  });
}

describe('toEngineBindings', () => {
  it('maps a plain binding', () => {
    expect(toEngineBindings(specs('8080:80'), [])).toEqual({
      ExposedPorts: { '80/tcp': {} },
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
    });
  });

  it('leaves host IP and port empty for a bare container port, and the port empty for ip::port', () => {
    expect(toEngineBindings(specs('80', '192.168.1.10::22'), [])).toEqual({
      ExposedPorts: { '80/tcp': {}, '22/tcp': {} },
      PortBindings: {
        '80/tcp': [{ HostIp: '', HostPort: '' }],
        '22/tcp': [{ HostIp: '192.168.1.10', HostPort: '' }],
      },
    });
  });

  it('expands paired ranges into one key per port', () => {
    expect(toEngineBindings(specs('127.0.0.1:8000-8002:80-82/udp'), []).PortBindings).toEqual({
      '80/udp': [{ HostIp: '127.0.0.1', HostPort: '8000' }],
      '81/udp': [{ HostIp: '127.0.0.1', HostPort: '8001' }],
      '82/udp': [{ HostIp: '127.0.0.1', HostPort: '8002' }],
    });
  });

  it('expands a container range alone with empty host ports', () => {
    expect(toEngineBindings(specs('7000-7001'), [])).toEqual({
      ExposedPorts: { '7000/tcp': {}, '7001/tcp': {} },
      PortBindings: { '7000/tcp': [{ HostIp: '', HostPort: '' }], '7001/tcp': [{ HostIp: '', HostPort: '' }] },
    });
  });

  it('keeps a host pool for a single container port as a range string', () => {
    expect(toEngineBindings(specs('8000-8010:80'), []).PortBindings).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }],
    });
  });

  it('adds several bindings of one container port to the same key, IPv6 without brackets', () => {
    expect(toEngineBindings(specs('8080:80', '[::1]:8081:80'), []).PortBindings).toEqual({
      '80/tcp': [
        { HostIp: '', HostPort: '8080' },
        { HostIp: '::1', HostPort: '8081' },
      ],
    });
  });

  it('adds --expose ports to ExposedPorts only', () => {
    expect(toEngineBindings(specs('80'), exposes('80', '53/udp', '9000-9001'))).toEqual({
      ExposedPorts: { '80/tcp': {}, '53/udp': {}, '9000/tcp': {}, '9001/tcp': {} },
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '' }] },
    });
  });

  it('gives empty maps for nothing', () => {
    expect(toEngineBindings([], [])).toEqual({ ExposedPorts: {}, PortBindings: {} });
  });
});
