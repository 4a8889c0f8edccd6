import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emptyRunForm } from '../../../../shared/run-command/run-form';
import { composeYaml, serviceName } from './compose-yaml';

describe('composeYaml', () => {
  it('writes one service named after the container, with an external user network', () => {
    const form = {
      ...emptyRunForm(),
      image: 'nginx:1.27',
      name: 'web',
      ports: ['8080:80', '127.0.0.1::443'],
      networkMode: 'backend',
      networkAliases: ['api'],
      env: [{ key: 'A', value: 'b: c' }],
    };
    const doc = parse(composeYaml(form));
    expect(doc).toEqual({
      services: {
        web: {
          image: 'nginx:1.27',
          container_name: 'web',
          environment: { A: 'b: c' },
          networks: { backend: { aliases: ['api'] } },
          ports: ['8080:80', '127.0.0.1::443'],
        },
      },
      networks: { backend: { external: true } },
    });
  });

  it('keeps bridge as network_mode and names a nameless service after the image', () => {
    const form = { ...emptyRunForm(), image: 'ghcr.io/owner/app:2' };
    expect(serviceName(form)).toBe('app');
    expect(parse(composeYaml(form))).toEqual({ services: { app: { image: 'ghcr.io/owner/app:2', network_mode: 'bridge' } } });
  });
});
