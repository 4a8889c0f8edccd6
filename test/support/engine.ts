/**
 * The test-side helpers: everything in docker-cli.ts, plus `useEngine` for vitest files.
 *
 * docker-cli.ts imports no vitest, so the bench scripts can use it under plain tsx.
 */
import { beforeAll, beforeEach } from 'vitest';
import { requireEngine } from './docker-cli';

export * from './docker-cli';

/**
 * Checks the engine, then runs `setup`, once for the file. If either fails, every test of the
 * file FAILS with that error (a failing `beforeAll` alone would only report them as skipped).
 */
export function useEngine(setup: () => Promise<void> = async () => undefined): void {
  let failure: unknown = null;
  beforeAll(async () => {
    try {
      await requireEngine();
      await setup();
    } catch (error) {
      failure = error;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
}

