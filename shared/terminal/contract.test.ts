import { describe, expect, it } from 'vitest';
import { execInput, logsInput } from './contract';
import { sinceToUnixSeconds } from './since';

describe('terminal stream inputs', () => {
  it('defaults exec to the auto shell and checks user, workdir and env', () => {
    expect(execInput.parse({ container: 'web' })).toEqual({ container: 'web', cmd: 'auto' });
    expect(execInput.safeParse({ container: 'web', user: '1000:1000', workdir: '/srv/app', env: ['A=1'] }).success).toBe(true);
    expect(execInput.safeParse({ container: 'web', workdir: 'srv' }).success).toBe(false);
    expect(execInput.safeParse({ container: 'web', user: 'bad user' }).success).toBe(false);
    expect(execInput.safeParse({ container: 'web', env: ['=x'] }).success).toBe(false);
    expect(execInput.safeParse({ container: 'web', cmd: [] }).success).toBe(false);
    expect(execInput.safeParse({ container: 'web', cols: 0, rows: 10 }).success).toBe(false);
    expect(execInput.safeParse({ container: '../etc' }).success).toBe(false);
  });

  it('defaults logs to follow both streams, last 1000 lines', () => {
    expect(logsInput.parse({ container: 'web' })).toEqual({ container: 'web', follow: true, stdout: true, stderr: true, timestamps: false, tail: 1000 });
    for (const since of ['10m', '2h', '1d', '1714564800', '2024-05-01', '2024-05-01T12:00:00Z']) {
      expect(logsInput.safeParse({ container: 'web', since }).success, since).toBe(true);
    }
    for (const since of ['yesterday', '10 minutes', '--rm']) expect(logsInput.safeParse({ container: 'web', since }).success, since).toBe(false);
  });

  it('turns since into unix seconds', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(sinceToUnixSeconds('10m', now)).toBe(now / 1000 - 600);
    expect(sinceToUnixSeconds('1d', now)).toBe(now / 1000 - 86_400);
    expect(sinceToUnixSeconds('1714564800', now)).toBe(1_714_564_800);
    expect(sinceToUnixSeconds('2024-05-01', now)).toBe(Date.parse('2024-05-01T00:00:00Z') / 1000);
    expect(sinceToUnixSeconds('2024-05-01T11:00:00Z', now)).toBe(now / 1000 - 3600);
    expect(sinceToUnixSeconds('2024-99-99', now)).toBeNull();
  });
});
