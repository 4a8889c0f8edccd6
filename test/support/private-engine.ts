import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { TEST_IMAGE, waitFor } from './docker-cli';

const run = promisify(execFile);

/**
 * A second, private dockerd on its own socket and data root, for tests that stop and restart
 * an engine: the real thing goes down and comes back, while the machine's main engine — and
 * every other suite using it — is untouched. It writes no iptables rules, and its containers
 * run with `--network none`. Needs root, like any dockerd.
 *
 * It gets a bridge of its own: started with `--bridge=none`, dockerd deletes the host's
 * docker0 (the main engine's default bridge) at start-up.
 */
export class PrivateEngine {
  private readonly id = randomBytes(3).toString('hex');
  readonly root = `/tmp/patchbay-engine-${this.id}`;
  /** At most 15 characters, as every interface name. */
  readonly bridge = `pbtest${this.id}`;
  readonly socket = `${this.root}/docker.sock`;
  readonly dockerHost = `unix://${this.socket}`;
  private readonly pidFile = `${this.root}/docker.pid`;

  async start(): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('A private dockerd needs root: run the outage tests as root (CI does).');
    mkdirSync(this.root, { recursive: true });
    await this.ensureBridge();
    const child = spawn(
      'dockerd',
      [
        '--host', this.dockerHost,
        '--data-root', `${this.root}/data`,
        '--exec-root', `${this.root}/exec`,
        '--pidfile', this.pidFile,
        `--bridge=${this.bridge}`,
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

  /** Stops it and deletes its data root and bridge. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
    await run('ip', ['link', 'del', this.bridge]).catch(() => undefined);
  }

  private async ensureBridge(): Promise<void> {
    const exists = await run('ip', ['link', 'show', this.bridge]).then(
      () => true,
      () => false,
    );
    if (exists) return;
    await run('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
    // An address dockerd can take as the bridge's; nothing is ever sent to it.
    await run('ip', ['addr', 'add', '172.31.254.1/24', 'dev', this.bridge]);
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
