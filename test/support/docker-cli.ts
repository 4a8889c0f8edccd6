/**
 * Helpers the integration and e2e tests (and the bench scripts) share: the real engine through the docker CLI.
 *
 * Everything a test creates carries TEST_LABEL so `removeTestResources` can clean up after it,
 * even when the test failed half-way.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const ENGINE_SOCKET = '/var/run/docker.sock';
export const TEST_IMAGE = 'patchbay-test/busybox:latest';
export const TEST_LABEL = 'patchbay.test=1';
/**
 * Tells this test file's resources from those of other runs on the same engine, so cleanup
 * in one file never removes what a concurrent run still uses. Each test file gets its own.
 */
export const RUN_LABEL = `patchbay.test.run=${randomBytes(6).toString('hex')}`;

/** `--label` arguments every resource a test creates must carry. */
export function labelArgs(): string[] {
  return ['--label', TEST_LABEL, '--label', RUN_LABEL];
}

const NO_ENGINE = `No Docker engine answers at ${ENGINE_SOCKET}: run scripts/start-dockerd.sh`;

export class DockerCliError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | string | null,
  ) {
    super(`docker ${args.join(' ')} failed (${String(exitCode)}): ${stderr.trim() || '(no output on stderr)'}`);
    this.name = 'DockerCliError';
  }
}

/** Runs the docker CLI against the local engine and returns its stdout, trimmed of the final newline. */
export function docker(args: string[], options: { timeoutMs?: number; input?: Buffer | string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'docker',
      args,
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        // The CLI must talk to the same engine as the core under test, whatever the shell says.
        env: { ...process.env, DOCKER_HOST: `unix://${ENGINE_SOCKET}` },
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code ?? null;
          reject(new DockerCliError(args, String(stderr || error.message), code));
          return;
        }
        resolve(String(stdout).replace(/\n$/, ''));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Throws a clear error when no engine answers. Tests call it in `beforeAll`: in CI a missing
 * engine must fail the run, never skip it.
 */
export async function requireEngine(): Promise<void> {
  try {
    await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 });
  } catch (error) {
    throw new Error(`${NO_ENGINE}\n(${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', TEST_IMAGE], { timeoutMs: 15_000 });
  } catch {
    throw new Error(`The test image ${TEST_IMAGE} is missing: run scripts/make-test-image.sh`);
  }
}

/** A name no other test run uses: `<prefix>-<random hex>`, valid for containers, volumes, networks and image repos. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** `docker run -d` of the test image with the test label; returns the full container id. */
/**
 * A main process that exits on SIGTERM: plain `sleep` as pid 1 ignores it, so every stop would
 * wait out the engine's 10 s grace period.
 */
export const IDLE_COMMAND = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

export async function runTestContainer(name: string, extraArgs: string[] = [], command: string[] = IDLE_COMMAND): Promise<string> {
  return docker(['run', '-d', ...labelArgs(), '--name', name, ...extraArgs, TEST_IMAGE, ...command]);
}

/** `docker create` of the test image with the test label; returns the full container id. */
export async function createTestContainer(name: string, extraArgs: string[] = [], command: string[] = IDLE_COMMAND): Promise<string> {
  return docker(['create', ...labelArgs(), '--name', name, ...extraArgs, TEST_IMAGE, ...command]);
}

/** `docker inspect -f '{{.State.Status}}'`, or null when the container does not exist. */
export async function containerStatus(ref: string): Promise<string | null> {
  try {
    return await docker(['inspect', '-f', '{{.State.Status}}', ref]);
  } catch (error) {
    if (error instanceof DockerCliError && /no such (object|container)/i.test(error.stderr)) return null;
    throw error;
  }
}

/**
 * Removes every container (with its anonymous volumes), then network and volume, labelled
 * `patchbay.test=1` — or, with `thisRunOnly`, only those this test file created (RUN_LABEL).
 * Best effort: it never throws, so it can run in `afterAll` after any failure.
 */
export async function removeTestResources(options: { thisRunOnly?: boolean } = {}): Promise<void> {
  const label = options.thisRunOnly ? RUN_LABEL : TEST_LABEL;
  const list = (args: string[]) => docker(args).then((out) => out.split('\n').filter(Boolean), () => [] as string[]);
  const containers = await list(['ps', '-aq', '--filter', `label=${label}`]);
  if (containers.length) await docker(['rm', '-f', '-v', ...containers]).catch(() => undefined);
  const networks = await list(['network', 'ls', '-q', '--filter', `label=${label}`]);
  if (networks.length) await docker(['network', 'rm', ...networks]).catch(() => undefined);
  const volumes = await list(['volume', 'ls', '-q', '--filter', `label=${label}`]);
  if (volumes.length) await docker(['volume', 'rm', '-f', ...volumes]).catch(() => undefined);
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the timeout error, e.g. "container web to be running". */
  description?: string;
}

/**
 * Polls `fn` until it returns without throwing and with a value other than `false`, `null` or
 * `undefined`; returns that value. On timeout it throws the last error (so a failed `expect`
 * inside `fn` shows what was last seen).
 */
export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, false | null | undefined>> {
  const { timeoutMs = 5_000, intervalMs = 50, description } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await fn();
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = description ? ` for ${description}` : '';
      if (lastError instanceof Error) {
        lastError.message = `Timed out after ${timeoutMs} ms waiting${what}: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(`Timed out after ${timeoutMs} ms waiting${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
