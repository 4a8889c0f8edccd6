import { describe, expect, it } from 'vitest';
import { formatRestartPolicy, parseRestartPolicy } from './restart-policy';

describe('restart policy', () => {
  it('reads every policy', () => {
    expect(parseRestartPolicy('no')).toEqual({ ok: true, policy: { name: 'no', maxRetries: 0 } });
    expect(parseRestartPolicy('always')).toEqual({ ok: true, policy: { name: 'always', maxRetries: 0 } });
    expect(parseRestartPolicy('unless-stopped')).toEqual({ ok: true, policy: { name: 'unless-stopped', maxRetries: 0 } });
    expect(parseRestartPolicy('on-failure')).toEqual({ ok: true, policy: { name: 'on-failure', maxRetries: 0 } });
    expect(parseRestartPolicy('on-failure:5')).toEqual({ ok: true, policy: { name: 'on-failure', maxRetries: 5 } });
  });

  it('explains bad values', () => {
    expect(parseRestartPolicy('sometimes')).toEqual({
      ok: false,
      error: 'Unknown restart policy "sometimes": use no, always, unless-stopped or on-failure[:N].',
    });
    expect(parseRestartPolicy('always:3')).toMatchObject({ ok: false, error: expect.stringMatching(/Only on-failure/) });
    expect(parseRestartPolicy('on-failure:x')).toMatchObject({ ok: false });
    expect(parseRestartPolicy('on-failure:-1')).toMatchObject({ ok: false });
  });

  it('formats back', () => {
    expect(formatRestartPolicy({ name: 'on-failure', maxRetries: 3 })).toBe('on-failure:3');
    expect(formatRestartPolicy({ name: 'on-failure', maxRetries: 0 })).toBe('on-failure');
    expect(formatRestartPolicy({ name: 'unless-stopped', maxRetries: 0 })).toBe('unless-stopped');
  });
});
