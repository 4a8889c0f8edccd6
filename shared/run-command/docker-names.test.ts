import { describe, expect, it } from 'vitest';
import { CONTAINER_NAME_PATTERN, isHostname, isImageReference, isUserNetworkMode } from './docker-names';

describe('docker names', () => {
  it('accepts image references docker accepts', () => {
    for (const ref of [
      'nginx',
      'nginx:1.27-alpine',
      'library/nginx',
      'ghcr.io/owner/app:v1.2',
      'localhost:5000/app',
      'registry.example.com:443/a/b/c:latest',
      'fedora@sha256:' + 'a'.repeat(64),
      'my_app__x',
    ]) {
      expect(isImageReference(ref), ref).toBe(true);
    }
  });

  it('refuses malformed image references', () => {
    for (const ref of ['', 'Nginx', 'nginx:', 'nginx: 1', 'a b', '-x', 'nginx@sha256:xyz', ':tag', 'a//b']) {
      expect(isImageReference(ref), ref).toBe(false);
    }
  });

  it('has the container-name rule', () => {
    expect(CONTAINER_NAME_PATTERN.test('f20')).toBe(true);
    expect(CONTAINER_NAME_PATTERN.test('/web_1.a-b')).toBe(true);
    expect(CONTAINER_NAME_PATTERN.test('_x')).toBe(false);
    expect(CONTAINER_NAME_PATTERN.test('a b')).toBe(false);
  });

  it('checks host names', () => {
    expect(isHostname('db')).toBe(true);
    expect(isHostname('my-host.example.com')).toBe(true);
    expect(isHostname('-bad')).toBe(false);
    expect(isHostname('under_score')).toBe(false);
  });

  it('tells user networks from built-in modes', () => {
    expect(isUserNetworkMode('mynet')).toBe(true);
    for (const mode of ['bridge', 'host', 'none', 'default', 'container:db']) expect(isUserNetworkMode(mode)).toBe(false);
  });
});
