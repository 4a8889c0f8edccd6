import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { TEST_IMAGE, waitFor } from './engine';

const run = promisify(execFile);

/**
 * A second, private dockerd on its own socket and data root, for tests that stop and restart
 * an engine: the real thing goes down and comes back, while the machine's main engine — and
 * every other suite using it — is untouched. It has no bridge and no iptables rules, so its
 * containers run with `--network none`. Needs root, like any dockerd.
 */
export class PrivateEngine {
  readonly root = `/tmp/patchbay-engine-${randomBytes(4).toString('hex')}`;
  readonly socket = `${this.root}/docker.sock`;
  readonly dockerHost = `unix://${this.socket}`;
  private readonly pidFile = `${this.root}/docker.pid`;

  async start(): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('A private dockerd needs root: run the outage tests as root (CI does).');
    mkdirSync(this.root, { recursive: true });
    const child = spawn(
      'dockerd',
      [
        '--host', this.dockerHost,
        '--data-root', `${this.root}/data`,
        '--exec-root', `${this.root}/exec`,
        '--pidfile', this.pidFile,
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { detached: true, stdio: 'ignore' },
    );
    child.unref();
    await waitFor(() => this.answers(), { timeoutMs: 60_000, intervalMs: 100, description: 'the private dockerd to answer' });
  }

  /** Stops it the way `systemctl stop docker` does (SIGTERM) and waits until it is gone. */
  async stop(): Promise<void> {
    if (!existsSync(this.pidFile)) return;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    await waitFor(() => !isAlive(pid), { timeoutMs: 60_000, intervalMs: 100, description: 'the private dockerd to exit' });
  }

  /** Copies the main engine's test image into this one (no registry to pull from). */
  async loadTestImage(): Promise<void> {
    await run('sh', ['-c', `docker save ${TEST_IMAGE} | docker -H ${this.dockerHost} load`], { timeout: 60_000 });
  }

  docker(args: string[]): Promise<string> {
    return run('docker', ['-H', this.dockerHost, ...args], { timeout: 60_000 }).then((r) => r.stdout.trim());
  }

  async answers(): Promise<boolean> {
    return this.docker(['version', '--format', '{{.Server.Version}}']).then(
      () => true,
      () => false,
    );
  }

  /** Stops it and deletes its data root. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
