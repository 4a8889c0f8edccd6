import { describe, expect, it } from 'vitest';
import { inspectFixture, textFixture } from '../../test/fixtures/links/load-fixtures';
import { diffLines, explainHostsFile, hasChanges } from './hosts-file';
import { linksOf } from './recreate-plan';

describe('explainHostsFile', () => {
  it('explains every line of a captured /etc/hosts with two links and --add-host', () => {
    const multi = inspectFixture('multi');
    const lines = explainHostsFile(textFixture('multi-hosts'), {
      hostname: multi.Config.Hostname,
      links: linksOf(multi),
      extraHosts: (multi.HostConfig.ExtraHosts as string[]) ?? [],
    });
    expect(lines.map((l) => l.kind)).toEqual(['localhost', 'localhost', 'ipv6', 'ipv6', 'ipv6', 'ipv6', 'extra-host', 'link', 'link', 'self']);
    expect(lines[7]).toMatchObject({ ip: '172.17.0.2', link: { alias: 'db', target: 'lp-db' } });
    expect(lines[7].explanation).toMatch(/^db resolves to 172\.17\.0\.2 because of the link to lp-db \(so do its host name and name: aa6196e7e8f6, lp-db\)/);
    expect(lines[8].explanation).toMatch(/^lp-web resolves to 172\.17\.0\.4 because of the link to lp-web/);
    expect(lines[6].explanation).toBe('Added by --add-host extra.local:10.1.2.3.');
    expect(lines[9].explanation).toMatch(/own address/);
  });
  it('the db-server line of the app fixture', () => {
    const app = inspectFixture('app');
    const lines = explainHostsFile(textFixture('app-hosts'), { hostname: app.Config.Hostname, links: linksOf(app), extraHosts: [] });
    const link = lines.find((l) => l.kind === 'link')!;
    expect(link.line).toBe('172.17.0.2\tdb-server aa6196e7e8f6 lp-db');
    expect(link.explanation.startsWith('db-server resolves to 172.17.0.2 because of the link to lp-db')).toBe(true);
  });
  it('marks hand-made lines and comments', () => {
    const lines = explainHostsFile('# mine\n10.0.0.9 cache\n\n', { hostname: 'h', links: [], extraHosts: [] });
    expect(lines.map((l) => l.kind)).toEqual(['comment', 'other', 'blank']);
  });
});

describe('diffLines', () => {
  it('shows added and removed lines in order', () => {
    const ops = diffLines('a\nb\nc\n', 'a\nc\nd\n');
    expect(ops).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(hasChanges(ops)).toBe(true);
  });
  it('sees no change in an equal file, and handles empty ones', () => {
    expect(hasChanges(diffLines('x\n', 'x\n'))).toBe(false);
    expect(diffLines('', 'x')).toEqual([{ kind: 'added', text: 'x' }]);
    expect(diffLines('x\n', '')).toEqual([{ kind: 'removed', text: 'x' }]);
  });
});
