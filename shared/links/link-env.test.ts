import { describe, expect, it } from 'vitest';
import { envFixture, inspectFixture } from '../../test/fixtures/links/load-fixtures';
import { composeContainerEnv, computeLinkEnv, matchLinkVar } from './link-env';
import { bridgeIpOf, linksOf, nameOf } from './recreate-plan';

/** The full environment the engine gives a client, computed from the captured inspects. */
function computedEnvOf(client: 'app' | 'multi'): string[] {
  const inspect = inspectFixture(client);
  const targets = { 'lp-db': inspectFixture('db'), 'lp-web': inspectFixture('web') } as Record<string, ReturnType<typeof inspectFixture>>;
  const linkEnv = linksOf(inspect).flatMap((link) => {
    const t = targets[link.target];
    return computeLinkEnv({ alias: link.alias, client: nameOf(inspect), targetIp: bridgeIpOf(t)!, exposedPorts: Object.keys(t.Config.ExposedPorts ?? {}), targetEnv: t.Config.Env ?? [] });
  });
  return composeContainerEnv({ hostname: inspect.Config.Hostname, tty: inspect.Config.Tty, linkEnv, configEnv: inspect.Config.Env ?? [] });
}

describe('computeLinkEnv', () => {
  it('gives exactly what docker exec env showed for --link lp-db:db-server', () => {
    expect(computedEnvOf('app')).toEqual(envFixture('app'));
  });
  it('gives exactly what docker exec env showed for two links, a port range, udp and an override', () => {
    expect(computedEnvOf('multi')).toEqual(envFixture('multi'));
  });
  it('names the variables of one link', () => {
    const env = computeLinkEnv({ alias: 'db-server', client: 'app', targetIp: '172.17.0.5', exposedPorts: ['3306/tcp'], targetEnv: ['PATH=/bin', 'HOME=/', 'DB_ROOT_PASSWORD=x'] });
    expect(env).toEqual([
      'DB_SERVER_PORT=tcp://172.17.0.5:3306',
      'DB_SERVER_PORT_3306_TCP=tcp://172.17.0.5:3306',
      'DB_SERVER_PORT_3306_TCP_ADDR=172.17.0.5',
      'DB_SERVER_PORT_3306_TCP_PORT=3306',
      'DB_SERVER_PORT_3306_TCP_PROTO=tcp',
      'DB_SERVER_NAME=/app/db-server',
      'DB_SERVER_ENV_DB_ROOT_PASSWORD=x',
    ]);
  });
  it('gives only the name when the target exposes nothing', () => {
    expect(computeLinkEnv({ alias: 'x', client: 'c', targetIp: '1.2.3.4', exposedPorts: [], targetEnv: [] })).toEqual(['X_NAME=/c/x']);
  });
});

describe('matchLinkVar', () => {
  const links = [
    { alias: 'db', target: 'lp-db' },
    { alias: 'lp-web', target: 'lp-web' },
  ];
  it('matches every injected variable of the captured env to its link, and nothing else', () => {
    const matched = envFixture('multi').map((line) => [line.split('=')[0], matchLinkVar(line, links)?.alias ?? null]);
    const own = matched.filter(([, alias]) => alias === null).map(([name]) => name);
    expect(own).toEqual(['PATH', 'HOSTNAME', 'HOME']);
    expect(matched.filter(([, a]) => a === 'lp-web')).toHaveLength(24);
    // The user's own DB_ENV_OVERRIDE looks like a link variable: the engine's env cannot tell them apart either.
    expect(matchLinkVar('DB_ENV_OVERRIDE=mine', links)).toMatchObject({ alias: 'db', kind: 'env' });
  });
  it('says what each kind means', () => {
    const l = [{ alias: 'db-server', target: 'db' }];
    expect(matchLinkVar('DB_SERVER_PORT_3306_TCP_ADDR=172.17.0.5', l)).toMatchObject({ kind: 'port-addr', meaning: expect.stringMatching(/db's IP address/) });
    expect(matchLinkVar('DB_SERVER_NAME=/app/db-server', l)).toMatchObject({ kind: 'name', meaning: expect.stringMatching(/\/app\/db-server/) });
    expect(matchLinkVar('DB_SERVER_PORT=tcp://x:1', l)).toMatchObject({ kind: 'default-port' });
    expect(matchLinkVar('DB_SERVER_PORT_8000_TCP_START=tcp://x:1', l)).toMatchObject({ kind: 'range' });
    expect(matchLinkVar('DB_SERVER_ENV_A=1', l)).toMatchObject({ kind: 'env', meaning: expect.stringMatching(/variable A/) });
    expect(matchLinkVar('DB_SERVER_OTHER=1', l)).toBeNull();
  });
  it('gives a variable to the longest matching alias', () => {
    const l = [
      { alias: 'db', target: 'a' },
      { alias: 'db-server', target: 'b' },
    ];
    expect(matchLinkVar('DB_SERVER_NAME=/c/db-server', l)?.alias).toBe('db-server');
    expect(matchLinkVar('DB_NAME=/c/db', l)?.alias).toBe('db');
  });
});
