import { describe, expect, it } from 'vitest';
import { inspectFixture } from '../../test/fixtures/links/load-fixtures';
import type { EngineContainerInspect } from '../containers/engine-inspect';
import { asideName, buildLinkPlan, buildRecreateBody, volumesToCarry, type FullInspect, type PlanInput } from './recreate-plan';

const NOW = Date.UTC(2025, 0, 1);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  const app = inspectFixture('app');
  const db = inspectFixture('db');
  const web = inspectFixture('web');
  return {
    action: 'add',
    client: app,
    target: web,
    targetRef: 'lp-web',
    alias: 'web',
    containers: [app, db, web, inspectFixture('multi')],
    volumesFromMounts: [],
    userNetworks: [],
    now: NOW,
    ...overrides,
  };
}

describe('buildLinkPlan', () => {
  it('lists the steps of adding a link to a running client, with its anonymous volume kept', () => {
    const plan = buildLinkPlan(planInput());
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual(['stop', 'rename', 'create', 'start', 'remove-old']);
    expect(plan.steps[1].title).toBe(`Rename it to ${asideName('lp-app', NOW)}`);
    expect(plan.steps[2].title).toBe('Create a new lp-app with the same settings and the link lp-app → lp-web as web');
    expect(plan.steps[2].detail).toMatch(/its anonymous volume is mounted again by name/);
    expect(plan.steps[4].detail).toMatch(/Without -v/);
    expect(plan.linksAfter).toEqual(['lp-db:db-server', 'lp-web:web']);
    expect(plan.keeps).toEqual(['volume 6c02f0c54781… (anonymous) at /data', 'network bridge']);
    expect(plan.alternative).toMatchObject({ network: 'lp-app-lp-web', networkExists: false, alias: 'web' });
  });
  it('uses the target name when no alias is given', () => {
    expect(buildLinkPlan(planInput({ alias: '' })).linksAfter).toEqual(['lp-db:db-server', 'lp-web:lp-web']);
  });
  it('removes a link by alias, keeping the others', () => {
    const plan = buildLinkPlan(planInput({ action: 'remove', client: inspectFixture('multi'), target: inspectFixture('db'), targetRef: 'lp-db', alias: 'db' }));
    expect(plan.blockers).toEqual([]);
    expect(plan.linksAfter).toEqual(['lp-web:lp-web']);
    expect(plan.steps[2].title).toMatch(/without the link lp-multi → lp-db as db/);
  });
  it('refuses a missing or stopped target, a bad alias and a taken alias, with clear messages', () => {
    expect(buildLinkPlan(planInput({ target: null, targetRef: 'gone' })).blockers).toEqual([expect.stringMatching(/There is no container called gone/)]);
    const stopped = clone(inspectFixture('web')) as EngineContainerInspect;
    stopped.State.Running = false;
    stopped.State.Status = 'exited';
    expect(buildLinkPlan(planInput({ target: stopped })).blockers).toEqual([expect.stringMatching(/lp-web is exited: a link needs its target running/)]);
    expect(buildLinkPlan(planInput({ alias: 'my db' })).blockers).toEqual([expect.stringMatching(/contains a space/)]);
    expect(buildLinkPlan(planInput({ alias: 'db-server' })).blockers).toEqual([expect.stringMatching(/already has a link called db-server \(to lp-db\)/)]);
    expect(buildLinkPlan(planInput({ target: inspectFixture('db'), targetRef: 'lp-db', alias: 'db-server' })).blockers).toEqual([expect.stringMatching(/already linked to lp-db as db-server/)]);
    expect(buildLinkPlan(planInput({ action: 'remove', alias: 'nope' })).blockers).toEqual([expect.stringMatching(/has no link called nope/)]);
  });
  it('refuses --rm clients, user-network clients and a link to itself', () => {
    const rm = clone(inspectFixture('app'));
    rm.HostConfig.AutoRemove = true;
    expect(buildLinkPlan(planInput({ client: rm })).blockers).toEqual([expect.stringMatching(/--rm/)]);
    const user = clone(inspectFixture('app'));
    user.HostConfig.NetworkMode = 'backend';
    expect(buildLinkPlan(planInput({ client: user })).blockers).toEqual([expect.stringMatching(/user network backend/)]);
    expect(buildLinkPlan(planInput({ target: inspectFixture('app'), targetRef: 'lp-app', alias: 'me' })).blockers).toContain('A container cannot link to itself.');
  });
  it('refuses when another link of a running client points to a stopped container', () => {
    const db = clone(inspectFixture('db'));
    db.State.Running = false;
    db.State.Status = 'exited';
    const plan = buildLinkPlan(planInput({ containers: [inspectFixture('app'), db, inspectFixture('web')] }));
    expect(plan.blockers).toEqual([expect.stringMatching(/other link db-server points to lp-db, which is exited/)]);
  });
  it('does not stop or start a client that is not running', () => {
    const app = clone(inspectFixture('app'));
    app.State.Running = false;
    app.State.Status = 'exited';
    expect(buildLinkPlan(planInput({ client: app })).steps.map((s) => s.id)).toEqual(['rename', 'create', 'remove-old']);
  });
});

describe('buildRecreateBody', () => {
  it('keeps the config, swaps the links and binds the anonymous volume by name', () => {
    const app = inspectFixture('app');
    const { body, extraNetworks, carried, notes } = buildRecreateBody(app, ['lp-db:db-server', 'lp-web:web'], { image: app.Config.Image, volumesFromMounts: [] });
    const host = body.HostConfig as Record<string, unknown>;
    expect(host.Links).toEqual(['lp-db:db-server', 'lp-web:web']);
    expect(host.Binds).toEqual(['6c02f0c54781e0a6819424930f1e471df716a62a6e99619c2ed0b12a487c83f5:/data']);
    expect(carried).toEqual([{ name: '6c02f0c54781e0a6819424930f1e471df716a62a6e99619c2ed0b12a487c83f5', destination: '/data', readWrite: true }]);
    expect(body.Cmd).toEqual(app.Config.Cmd);
    expect(body.Labels).toEqual(app.Config.Labels);
    expect(body.Volumes).toEqual({ '/data': {} });
    expect(body.Hostname).toBeUndefined();
    expect(notes[0]).toMatch(/short id/);
    expect(host.RestartPolicy).toEqual(app.HostConfig.RestartPolicy);
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { bridge: {} } });
    expect(extraNetworks).toEqual([]);
  });
  it('does not bind again what binds, --mount or --volumes-from already bring', () => {
    const app = clone(inspectFixture('app'));
    const mount = app.Mounts[0];
    expect(volumesToCarry(app, [mount])).toEqual([]);
    app.HostConfig.Binds = ['keep:/data:ro'];
    expect(volumesToCarry(app, [])).toEqual([]);
    const withMounts = clone(inspectFixture('app'));
    withMounts.HostConfig.Mounts = [{ Target: '/data' }];
    expect(volumesToCarry(withMounts, [])).toEqual([]);
  });
  it('keeps a chosen host name, user-network aliases and static addresses, and joins extra networks after create', () => {
    const app = clone(inspectFixture('app')) as FullInspect;
    app.Config.Hostname = 'app.local';
    app.HostConfig.NetworkMode = 'backend';
    const shortId = app.Id.slice(0, 12);
    app.NetworkSettings.Networks = {
      backend: { ...app.NetworkSettings.Networks!.bridge, Aliases: ['api', shortId], IPAMConfig: { IPv4Address: '172.30.0.10' } },
      front: { ...app.NetworkSettings.Networks!.bridge, Aliases: [shortId], IPAMConfig: null },
    };
    const { body, extraNetworks } = buildRecreateBody(app, [], { image: 'x', volumesFromMounts: [] });
    expect(body.Hostname).toBe('app.local');
    expect(body.Image).toBe('x');
    expect((body.HostConfig as Record<string, unknown>).Links).toBeNull();
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { backend: { Aliases: ['api'], IPAMConfig: { IPv4Address: '172.30.0.10' } } } });
    expect(extraNetworks).toEqual([{ network: 'front', endpoint: {} }]);
  });
});
