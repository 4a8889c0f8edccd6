// Lint rules that keep the layers apart (see the README's "Layout"):
// renderer/ may import only shared/ and browser packages; only electron/docker/ may import
// dockerode; shared/ may import only zod.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'zlib', 'tls', 'dns', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (npm start's launcher, configs).
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', 'electron', 'electron/*'], message: 'The renderer talks to the core only through renderer/src/api.' },
            { group: ['dockerode', 'dockerode/*', 'ws', 'tar-stream'], message: 'Node packages do not belong in the renderer.' },
            { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.{1,2}/)',
              message: 'shared/ is pure domain logic: it may import only zod and other shared/ files.',
            },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on either side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['electron/docker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'dockerode', message: 'Only electron/docker/ talks to dockerode; call its *-api.ts functions.', allowTypeImports: false }] },
      ],
    },
  },
);
