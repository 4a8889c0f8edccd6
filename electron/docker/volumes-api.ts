import type Dockerode from 'dockerode';
import { PassThrough } from 'node:stream';
import type { EngineVolume } from '../../shared/volumes/engine-volume';

/** Volume calls, and the helper containers the file browser uses; dockerode stays behind this file. */

export async function listVolumes(docker: Dockerode): Promise<EngineVolume[]> {
  const answer = (await docker.listVolumes()) as { Volumes: EngineVolume[] | null };
  return answer.Volumes ?? [];
}

export async function inspectVolume(docker: Dockerode, name: string): Promise<EngineVolume> {
  return (await docker.getVolume(name).inspect()) as unknown as EngineVolume;
}

export async function createVolume(
  docker: Dockerode,
  spec: { name?: string; driver: string; driverOptions: Record<string, string>; labels: Record<string, string> },
): Promise<EngineVolume> {
  // dockerode answers with its own Volume handle, not the engine's JSON: read the volume back.
  const volume = await docker.createVolume({
    ...(spec.name ? { Name: spec.name } : {}),
    Driver: spec.driver,
    DriverOpts: spec.driverOptions,
    Labels: spec.labels,
  });
  return (await volume.inspect()) as EngineVolume;
}

export async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  await docker.getVolume(name).remove();
}

/** Sizes from `GET /system/df` (what `docker system df -v` shows); the engine may take a while. */
export async function volumeSizes(docker: Dockerode, timeoutMs: number): Promise<Map<string, number> | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const df = (await (docker.df as unknown as (opts: object) => Promise<unknown>).call(docker, { abortSignal: controller.signal })) as { Volumes?: EngineVolume[] | null };
    const sizes = new Map<string, number>();
    for (const v of df.Volumes ?? []) if (v.UsageData && v.UsageData.Size >= 0) sizes.set(v.Name, v.UsageData.Size);
    return sizes;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export interface EngineImageConfig {
  Id: string;
  RepoTags: string[] | null;
  Config: { Volumes?: Record<string, object> | null; Cmd?: string[] | null; Entrypoint?: string[] | null; Env?: string[] | null } | null;
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<EngineImageConfig> {
  return (await docker.getImage(ref).inspect()) as unknown as EngineImageConfig;
}

export async function listImageIds(docker: Dockerode): Promise<Array<{ Id: string; RepoTags: string[] | null; Size: number }>> {
  return (await docker.listImages({ all: false })) as Array<{ Id: string; RepoTags: string[] | null; Size: number }>;
}

export interface HelperSpec {
  image: string;
  /** `volume:/dest:ro` or `volume:/dest` */
  binds: string[];
  /** The command for a started-once run; omitted for a created-never-started helper. */
  cmd?: string[];
  labels: Record<string, string>;
}

/**
 * A helper container: NetworkMode none, no restart, the given binds; never published anywhere.
 * Returns its id; the caller removes it (try/finally).
 */
export async function createHelper(docker: Dockerode, spec: HelperSpec): Promise<string> {
  const container = await docker.createContainer({
    Image: spec.image,
    Cmd: spec.cmd ?? ['true'],
    Entrypoint: [],
    Labels: spec.labels,
    WorkingDir: '/',
    User: '0:0',
    AttachStdout: Boolean(spec.cmd),
    AttachStderr: Boolean(spec.cmd),
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', Binds: spec.binds, AutoRemove: false, ReadonlyRootfs: false },
  } as Dockerode.ContainerCreateOptions);
  return container.id;
}

export async function removeContainerQuietly(docker: Dockerode, id: string): Promise<void> {
  await docker
    .getContainer(id)
    .remove({ force: true, v: false })
    .catch(() => undefined);
}

/**
 * Starts a created helper and collects its output until it exits. Attaching before the start
 * streams the output as it comes (no separate logs call after the exit).
 */
export async function runToEnd(docker: Dockerode, id: string, timeoutMs: number): Promise<{ exitCode: number; stdout: Buffer; stderr: Buffer }> {
  const container = docker.getContainer(id);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const output = collectDemuxed(docker, stream);
  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  const timer = setTimeout(() => void container.kill().catch(() => undefined), timeoutMs);
  try {
    await container.start();
    const result = (await container.wait()) as { StatusCode: number };
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    return { exitCode: result.StatusCode, ...output.take() };
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}

/** Runs `cmd` in a running container (docker exec) and collects its output. */
export async function execToEnd(docker: Dockerode, id: string, cmd: string[], timeoutMs: number): Promise<{ exitCode: number; stdout: Buffer; stderr: Buffer }> {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, User: '0:0' });
  const stream = await exec.start({ hijack: true, stdin: false });
  const output = collectDemuxed(docker, stream);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`The command in the container did not finish within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    stream.on('end', () => (clearTimeout(timer), resolve()));
    stream.on('close', () => (clearTimeout(timer), resolve()));
    stream.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
  const info = (await exec.inspect()) as { ExitCode: number | null };
  return { exitCode: info.ExitCode ?? -1, ...output.take() };
}

/** Splits a multiplexed (non-TTY) stream into stdout and stderr and keeps both until asked. */
function collectDemuxed(docker: Dockerode, stream: NodeJS.ReadableStream): { take(): { stdout: Buffer; stderr: Buffer } } {
  const out = new PassThrough();
  const err = new PassThrough();
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  out.on('data', (c: Buffer) => stdout.push(c));
  err.on('data', (c: Buffer) => stderr.push(c));
  docker.modem.demuxStream(stream, out, err);
  return { take: () => ({ stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }) };
}
