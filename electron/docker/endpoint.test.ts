import { describe, expect, it } from 'vitest';
import { openEndpoint } from './endpoint';

/**
 * A reference with `.`/`..`/empty path segments never leaves the process: no engine is needed,
 * the socket below does not exist, and the refusal comes before any connection attempt.
 */
describe('openEndpoint: request paths', () => {
  const { docker } = openEndpoint('unix:///nonexistent/patchbay-test.sock');

  it.each([
    ['container', () => docker.getContainer('x/../../volumes/data').remove()],
    ['image', () => docker.getImage('../../etc/passwd').inspect()],
    ['image, encoded', () => docker.getImage('%2e%2e/%2e%2e/containers').inspect()],
    ['network', () => docker.getNetwork('a//b').inspect()],
    ['volume', () => docker.getVolume('./v').inspect()],
  ])('refuses a %s reference that walks the API path, as a 400', async (_what, call) => {
    await expect(call()).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/path segments/) });
  });

  it('lets a normal reference through to the (here missing) engine', async () => {
    await expect(docker.getContainer('web-1').inspect()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(docker.getImage('library/busybox:latest').inspect()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
