import { describe, expect, it } from 'vitest';
import { longRunFlag, shortRunFlag } from './run-flags';

describe('run flag table', () => {
  it('finds options by long name and shorthand', () => {
    expect(longRunFlag('cpus')).toEqual({ name: 'cpus', takesValue: true });
    expect(longRunFlag('publish')).toEqual({ name: 'publish', short: 'p', takesValue: true });
    expect(shortRunFlag('m')).toEqual({ name: 'memory', short: 'm', takesValue: true });
    expect(shortRunFlag('P')).toEqual({ name: 'publish-all', short: 'P', takesValue: false });
    expect(longRunFlag('privileged')?.takesValue).toBe(false);
    expect(longRunFlag('nope')).toBeUndefined();
    expect(shortRunFlag('x')).toBeUndefined();
  });

  it('knows the value-taking options people often paste', () => {
    for (const name of ['mount', 'tmpfs', 'shm-size', 'cidfile', 'gpus', 'ulimit', 'platform', 'pull', 'device', 'log-driver', 'cap-add']) {
      expect(longRunFlag(name)?.takesValue, name).toBe(true);
    }
  });
});
