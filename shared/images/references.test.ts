import { describe, expect, it } from 'vitest';
import { asRepoTag } from './references';

describe('asRepoTag', () => {
  it('adds :latest as the engine does, and only where no tag is given', () => {
    expect(asRepoTag('busybox')).toBe('busybox:latest');
    expect(asRepoTag('patchbay-test/busybox')).toBe('patchbay-test/busybox:latest');
    expect(asRepoTag('patchbay-test/busybox:1.36')).toBe('patchbay-test/busybox:1.36');
    expect(asRepoTag('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(asRepoTag('localhost:5000/app:v2')).toBe('localhost:5000/app:v2');
  });

  it('leaves ids and digests alone', () => {
    expect(asRepoTag('sha256:' + 'a'.repeat(64))).toBe('sha256:' + 'a'.repeat(64));
    expect(asRepoTag('26c0e9b93ae7')).toBe('26c0e9b93ae7');
    expect(asRepoTag('busybox@sha256:' + 'b'.repeat(64))).toBe('busybox@sha256:' + 'b'.repeat(64));
  });
});
