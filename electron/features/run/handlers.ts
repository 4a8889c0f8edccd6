import { mkdir, stat } from 'node:fs/promises';
import type { EngineContainerInspect } from '../../../shared/containers/engine-inspect';
import { PatchbayFailure, type ErrorCode } from '../../../shared/errors';
import { toCreateBody } from '../../../shared/run-command/to-create-body';
import type { RunForm } from '../../../shared/run-command/run-form';
import { runChannels } from '../../../shared/run/contract';
import type { PreflightProblem, RunNetworkChoice } from '../../../shared/run/model';
import type { CoreContext, HandlersFor } from '../../core/context';
import { inspectContainer } from '../../docker/containers-api';
import { engineMessage } from '../../docker/engine-errors';
import { pullImageWithProgress } from '../../docker/images-api';
import {
  createContainer,
  discardContainer,
  inspectImage,
  listNetworks,
  startContainer,
  type EngineImageInspect,
} from '../../docker/run-api';
import { inspectToForm, type FullContainerInspect } from './inspect-to-form';
import { probePort } from './port-probe';
import { findContainer, preflight, type PreflightDeps } from './preflight';

/** How long a pull may take before `run:create` gives up on it. */
const PULL_TIMEOUT_MS = 120_000;

export function runHandlers(ctx: CoreContext): HandlersFor<typeof runChannels> {
  const deps = (): PreflightDeps => ({
    containers: ctx.containers.snapshot().inspects,
    isLocalEngine: ctx.isLocalEngine,
    endpoint: ctx.endpoint,
    imagePresent: async (image) => (await findImage(ctx, image)) !== null,
    networkNames: async () => (await ctx.engine('network list', () => listNetworks(ctx.docker))).map((n) => n.Name),
    probe: probePort,
    pathExists: async (path) => {
      try {
        await stat(path);
        return true;
      } catch {
        return false;
      }
    },
  });

  return {
    'run:preflight': ({ form }) => preflight(form, deps()),

    'run:create': async ({ form, createMissingBindSources = false, createOnly = false }) => {
      const problems = await preflight(form, deps());
      const blocking = problems.filter(
        (p) => p.severity === 'error' && !(createMissingBindSources && p.fix?.kind === 'create-bind-source'),
      );
      if (blocking.length) throw refusal(blocking);

      const warnings: string[] = [];
      if (!(await findImage(ctx, form.image))) {
        await pull(ctx, form.image);
        warnings.push(`Pulled ${form.image}.`);
      }
      if (createMissingBindSources) {
        for (const problem of problems) {
          if (problem.fix?.kind !== 'create-bind-source') continue;
          await mkdir(problem.fix.path, { recursive: true });
          warnings.push(`Created the host folder ${problem.fix.path}.`);
        }
      }

      const body = toCreateBody(form);
      const label = form.name ? `container ${form.name}` : `a container from ${form.image}`;
      let created: { id: string; warnings: string[] };
      try {
        created = await createContainer(ctx.docker, form.name, body);
      } catch (error) {
        throw createFailure(error, form, ctx, label);
      }
      warnings.push(...created.warnings);
      if (!createOnly) {
        try {
          await startContainer(ctx.docker, created.id);
        } catch (error) {
          await discardContainer(ctx.docker, created.id).catch(() => undefined);
          const detail = engineMessage(error);
          throw new PatchbayFailure(
            'engine-error',
            `The engine created ${label} but could not start it: ${plainStartReason(detail)}. Patchbay removed the half-made container, so nothing is left behind.`,
            detail,
          );
        }
        if (!form.detach) {
          warnings.push('Patchbay does not attach your terminal: the container runs in the background, as with -d.');
        }
      }
      const name = await inspectContainer(ctx.docker, created.id).then(
        (inspect) => inspect.Name.replace(/^\//, ''),
        () => form.name || created.id.slice(0, 12),
      );
      return { id: created.id, name, started: !createOnly, warnings };
    },

    'run:image-info': async ({ image }) => {
      const found = await findImage(ctx, image);
      if (!found) throw new PatchbayFailure('not-found', `The image "${image}" is not present locally.`);
      const config = found.Config ?? {};
      return {
        id: found.Id,
        tags: found.RepoTags ?? [],
        exposedPorts: Object.keys(config.ExposedPorts ?? {}),
        volumes: Object.keys(config.Volumes ?? {}),
        cmd: config.Cmd ?? null,
        entrypoint: config.Entrypoint ?? null,
        workingDir: config.WorkingDir ?? '',
        env: config.Env ?? [],
        user: config.User ?? '',
      };
    },

    'run:container-as-form': async ({ id }) => {
      const subject = `container ${ctx.containers.find(id)?.Name.replace(/^\//, '') ?? id}`;
      const inspect = (await ctx.engine(subject, () => inspectContainer(ctx.docker, id))) as FullContainerInspect;
      const image = await findImage(ctx, inspect.Image);
      const all = ctx.containers.snapshot().inspects;
      return inspectToForm(inspect, image?.Config ?? null, {
        containerName: (ref) => findContainer(all, ref)?.Name.replace(/^\//, ''),
      });
    },

    'run:networks': async () => {
      const networks = await ctx.engine('network list', () => listNetworks(ctx.docker));
      const builtIn = ['bridge', 'host', 'none'];
      return networks
        .map(
          (n): RunNetworkChoice => ({
            name: n.Name,
            driver: n.Driver,
            subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
            userDefined: !builtIn.includes(n.Name),
          }),
        )
        .sort((a, b) => Number(a.userDefined) - Number(b.userDefined) || a.name.localeCompare(b.name));
    },
  };
}

/** The image's inspect, or null when the engine does not have it. */
async function findImage(ctx: CoreContext, image: string): Promise<EngineImageInspect | null> {
  try {
    return await inspectImage(ctx.docker, image);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw await ctx.engine(`image ${image}`, () => Promise.reject(error)).catch((e: unknown) => e);
  }
}

async function pull(ctx: CoreContext, image: string): Promise<void> {
  try {
    // The same pull as the Pull dialog's, without anyone watching the progress.
    await pullImageWithProgress(ctx.docker, image, { idleTimeoutMs: PULL_TIMEOUT_MS, onProgress: () => undefined }).done;
  } catch (error) {
    const detail = engineMessage(error);
    const offline = /lookup|dial tcp|no such host|timeout|no progress|connection refused|network is unreachable|i\/o timeout/i.test(detail);
    const why = offline
      ? 'and this engine has no registry to pull from'
      : /not found|manifest unknown|pull access denied|does not exist/i.test(detail)
        ? 'and the registry has no such image (or needs a login)'
        : 'and pulling it failed';
    throw new PatchbayFailure('not-found', `The image "${image}" is not present locally, ${why}. Import or build it first (see the Images page).`, detail);
  }
}

/** One failure for the blocking pre-flight problems: the first in full, and how many more. */
function refusal(blocking: PreflightProblem[]): PatchbayFailure {
  const first = blocking[0];
  const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more problem${blocking.length > 2 ? 's' : ''})` : '';
  const code: ErrorCode =
    first.field === 'ports' || first.field === 'name' ? 'conflict' : first.fix || first.field === 'networkMode' || first.field === 'links' || first.field === 'volumesFrom' ? 'not-found' : 'invalid-input';
  return new PatchbayFailure(code, `Nothing was created: ${first.message}${more}`, JSON.stringify(blocking));
}

function createFailure(error: unknown, form: RunForm, ctx: CoreContext, label: string): PatchbayFailure {
  const detail = engineMessage(error);
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 409 && form.name) {
    const holder = findContainer(ctx.containers.snapshot().inspects as EngineContainerInspect[], form.name);
    return new PatchbayFailure(
      'conflict',
      `The name "${form.name}" is already used by another container${holder ? ` (${holder.State.Status})` : ''}. Choose another name, or remove that container first.`,
      detail,
    );
  }
  if (status === 404) return new PatchbayFailure('not-found', `The engine could not create ${label}: ${detail}.`, detail);
  return new PatchbayFailure(status === 400 ? 'invalid-input' : 'engine-error', `The engine refused to create ${label}: ${detail}`, detail);
}

/** The engine's start failures, in words that say what to change. */
export function plainStartReason(detail: string): string {
  const listen = /listen (tcp|udp)[46]? (\S+):(\d+): bind: address already in use/i.exec(detail);
  if (listen) return `host port ${listen[3]}/${listen[1]} on ${listen[2]} is already in use by another program`;
  const allocated = /Bind for (\S+):(\d+) failed: port is already allocated/i.exec(detail);
  if (allocated) return `host port ${allocated[2]} on ${allocated[1]} is already published by another container`;
  const noAddress = /listen (tcp|udp)[46]? (\S+):(\d+): bind: cannot assign requested address/i.exec(detail);
  if (noAddress) return `${noAddress[2]} is not an address of the engine's host, so port ${noAddress[3]} cannot be published on it`;
  const exec = /exec: "([^"]+)": (executable file not found in \$PATH|stat [^:]+: no such file or directory)/i.exec(detail);
  if (exec) return `the command "${exec[1]}" does not exist in the image`;
  if (/Cannot link to a non running container/i.test(detail)) return 'a linked container is not running';
  if (/network .* not found/i.test(detail)) return 'its network does not exist';
  return detail.replace(/\.$/, '');
}
