import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { docker, waitFor } from './engine';

const run = promisify(execFile);
const PID_FILE = '/var/run/docker.pid';

async function engineAnswers(): Promise<boolean> {
  return docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 3_000 }).then(
    () => true,
    () => false,
  );
}

/**
 * Stops the real engine (SIGTERM to dockerd, as `systemctl stop docker` does) and waits until it
 * no longer answers. Needs root, like starting it does.
 */
export async function stopEngine(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('Stopping the Docker engine needs root: run the outage tests as root (CI does).');
  if (!existsSync(PID_FILE)) throw new Error(`${PID_FILE} is missing: is dockerd running on this machine?`);
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  await waitFor(async () => !(await engineAnswers()), { timeoutMs: 60_000, intervalMs: 100, description: 'the engine to stop answering' });
}

/** Starts the engine again with the same script CI uses, and waits until it answers. */
export async function startEngine(): Promise<void> {
  await run('bash', ['scripts/start-dockerd.sh'], { timeout: 90_000 });
  await waitFor(engineAnswers, { timeoutMs: 60_000, intervalMs: 100, description: 'the engine to answer' });
}
