import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { emptyRunForm, runFormSchema, type RunForm } from './run-form';

const valid = (): RunForm => ({ ...emptyRunForm(), image: 'nginx:alpine', name: 'web' });

function messages(value: unknown): string[] {
  const result = runFormSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('runFormSchema', () => {
  it('has the same shape as RunForm', () => {
    expectTypeOf<z.input<typeof runFormSchema>>().toEqualTypeOf<RunForm>();
    expectTypeOf<z.output<typeof runFormSchema>>().toEqualTypeOf<RunForm>();
  });

  it('accepts an empty form with an image, and a full one', () => {
    expect(messages(valid())).toEqual([]);
    expect(
      messages({
        ...valid(),
        name: '/f20',
        command: ['/bin/bash'],
        entrypoint: '',
        env: [{ key: 'A', value: 'b' }],
        restart: { name: 'on-failure', maxRetries: 3 },
        networkMode: 'container:db',
        ports: ['80:80'],
      }),
    ).toEqual([]);
  });

  it('refuses unknown keys and missing fields', () => {
    expect(messages({ ...valid(), privileged: true })[0]).toMatch(/privileged/);
    const { image: _image, ...withoutImage } = valid();
    expect(messages(withoutImage)[0]).toMatch(/^image:/);
  });

  it('checks image, name and network names', () => {
    expect(messages({ ...valid(), image: '' })).toEqual(['image: Choose an image.']);
    expect(messages({ ...valid(), image: 'Bad Image' })[0]).toMatch(/^image: The image must be a reference/);
    expect(messages({ ...valid(), name: '-x' })[0]).toMatch(/^name: A container name starts with/);
    expect(messages({ ...valid(), name: 'a b' })).toHaveLength(1);
    expect(messages({ ...valid(), networkMode: 'container:' })[0]).toMatch(/^networkMode:/);
    expect(messages({ ...valid(), networkMode: 'my net' })[0]).toMatch(/^networkMode:/);
    expect(messages({ ...valid(), networkMode: 'my-net.1' })).toEqual([]);
  });

  it('limits sizes and values', () => {
    expect(messages({ ...valid(), ports: Array.from({ length: 257 }, () => '80') })[0]).toMatch(/^ports:/);
    expect(messages({ ...valid(), name: 'a'.repeat(129) })[0]).toMatch(/^name:/);
    expect(messages({ ...valid(), env: [{ key: '', value: 'x' }] })[0]).toMatch(/^env.0.key: A key cannot be empty/);
    expect(messages({ ...valid(), command: ['a\0b'] })[0]).toMatch(/NUL/);
    expect(messages({ ...valid(), restart: { name: 'sometimes', maxRetries: 0 } })[0]).toMatch(/^restart.name/);
    expect(messages({ ...valid(), restart: { name: 'on-failure', maxRetries: 1.5 } })[0]).toMatch(/^restart.maxRetries/);
    expect(messages({ ...valid(), tty: 'yes' })[0]).toMatch(/^tty/);
  });

  it('gives a fresh object each time', () => {
    const a = emptyRunForm();
    a.ports.push('80');
    expect(emptyRunForm().ports).toEqual([]);
  });
});
