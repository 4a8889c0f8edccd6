import { describe, expect, it } from 'vitest';
import { parseExtraHost, parseLink, parseVolumesFrom } from './link-spec';

describe('parseLink', () => {
  it('reads name:alias and name alone', () => {
    expect(parseLink('centos_server:server')).toEqual({ ok: true, name: 'centos_server', alias: 'server' });
    expect(parseLink('db')).toEqual({ ok: true, name: 'db', alias: 'db' });
    expect(parseLink('/db')).toEqual({ ok: true, name: '/db', alias: 'db' });
  });

  it('refuses bad names, aliases and formats', () => {
    expect(parseLink('db:my alias')).toMatchObject({ ok: false, error: expect.stringMatching(/alias "my alias" becomes a host name/) });
    expect(parseLink('db:-x')).toMatchObject({ ok: false });
    expect(parseLink('d b')).toMatchObject({ ok: false, error: expect.stringMatching(/not a container name/) });
    expect(parseLink('a:b:c')).toMatchObject({ ok: false, error: expect.stringMatching(/not a link/) });
    expect(parseLink('')).toMatchObject({ ok: false });
  });
});

describe('parseVolumesFrom', () => {
  it('reads name and a mode', () => {
    expect(parseVolumesFrom('data')).toEqual({ ok: true, container: 'data' });
    expect(parseVolumesFrom('data:ro')).toEqual({ ok: true, container: 'data', mode: 'ro' });
    expect(parseVolumesFrom('data:rw')).toEqual({ ok: true, container: 'data', mode: 'rw' });
  });

  it('refuses other modes and names', () => {
    expect(parseVolumesFrom('data:z')).toMatchObject({ ok: false });
    expect(parseVolumesFrom('data:ro:x')).toMatchObject({ ok: false });
    expect(parseVolumesFrom('')).toMatchObject({ ok: false });
  });
});

describe('parseExtraHost', () => {
  it('reads host:ip, host=ip, IPv6 and host-gateway', () => {
    expect(parseExtraHost('db:10.0.0.5')).toEqual({ ok: true, host: 'db', ip: '10.0.0.5' });
    expect(parseExtraHost('db=10.0.0.5')).toEqual({ ok: true, host: 'db', ip: '10.0.0.5' });
    expect(parseExtraHost('v6:::1')).toEqual({ ok: true, host: 'v6', ip: '::1' });
    expect(parseExtraHost('v6=[2001:db8::1]')).toEqual({ ok: true, host: 'v6', ip: '2001:db8::1' });
    expect(parseExtraHost('host.docker.internal:host-gateway')).toEqual({ ok: true, host: 'host.docker.internal', ip: 'host-gateway' });
  });

  it('refuses missing separators, bad hosts and bad IPs', () => {
    expect(parseExtraHost('db')).toMatchObject({ ok: false, error: expect.stringMatching(/write name:ip/) });
    expect(parseExtraHost('d b:1.2.3.4')).toMatchObject({ ok: false });
    expect(parseExtraHost('db:10.0.0')).toMatchObject({ ok: false, error: expect.stringMatching(/not an IP address/) });
  });
});
