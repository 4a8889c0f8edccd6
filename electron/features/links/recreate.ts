/**
 * Recreating a client container with other links: the engine sets links only at create time.
 *
 * stop → rename the old one aside → create the new one from the old inspect (same Config,
 * HostConfig and endpoints; anonymous volumes bound again by name) → connect its other networks →
 * start → remove the old one without -v. Any failure rolls back: the half-made container is
 * removed (without -v), the original gets its name back and is started again if it was running.
 */
import type { EngineContainerInspect, EngineMount } from '../../../shared/containers/engine-inspect';
import { PatchbayFailure } from '../../../shared/errors';
import type { RecreateResult, RecreateStepId, StepReport } from '../../../shared/links/model';
import { asideName, buildRecreateBody, nameOf, type FullInspect } from '../../../shared/links/recreate-plan';
import type { EngineCreateBody } from '../../../shared/run-command/create-body';
import type { CoreContext } from '../../core/context';
import { inspectContainer, removeContainer, renameContainer, runLifecycleAction } from '../../docker/containers-api';
import { engineMessage } from '../../docker/engine-errors';
import { connectEndpoint } from '../../docker/links-api';
import { createContainer, inspectImage, startContainer } from '../../docker/run-api';
import { plainStartReason } from '../run/handlers';

export interface RecreateRequest {
  client: FullInspect;
  /** The links of the new container, `target:alias`. */
  links: string[];
  now?: number;
}

/** The image to create from: the name the user gave while it still means the same image, else the exact id. */
async function imageFor(ctx: CoreContext, old: EngineContainerInspect): Promise<{ image: string; note: string | null }> {
  try {
    const named = await inspectImage(ctx.docker, old.Config.Image);
    if (named.Id === old.Image) return { image: old.Config.Image, note: null };
  } catch {
    // Gone or renamed: fall through to the id.
  }
  return { image: old.Image, note: `${old.Config.Image} now names another image (or none): the new container uses the exact image of the old one, ${old.Image.slice(7, 19)}.` };
}

/** Mounts the client gets from `--volumes-from`, so they are not bound a second time. */
async function volumesFromMounts(ctx: CoreContext, old: EngineContainerInspect): Promise<EngineMount[]> {
  const mounts: EngineMount[] = [];
  for (const entry of old.HostConfig.VolumesFrom ?? []) {
    const ref = entry.split(':')[0];
    const source = ctx.containers.find(ref) ?? (await inspectContainer(ctx.docker, ref).catch(() => null));
    if (source) mounts.push(...source.Mounts);
  }
  return mounts;
}

const TITLES: Record<RecreateStepId | 'rollback', string> = {
  stop: 'Stop the container',
  rename: 'Rename it aside',
  create: 'Create the new container',
  connect: 'Connect its other networks',
  start: 'Start the new container',
  'remove-old': 'Remove the old container',
  rollback: 'Roll back',
};

export async function recreateWithLinks(ctx: CoreContext, request: RecreateRequest): Promise<RecreateResult> {
  const old = request.client;
  const name = nameOf(old);
  const aside = asideName(name, request.now ?? Date.now());
  const wasRunning = old.State.Running;
  const steps: StepReport[] = [];
  const warnings: string[] = [];
  const report = (id: StepReport['id'], state: StepReport['state'], message?: string, title = TITLES[id]) => {
    const step: StepReport = message === undefined ? { id, title, state } : { id, title, state, message };
    const at = steps.findIndex((s) => s.id === id && s.title === title);
    if (at === -1) steps.push(step);
    else steps[at] = step;
    ctx.emit('links:progress', { client: name, step });
  };

  const { image, note } = await imageFor(ctx, old);
  if (note) warnings.push(note);
  const built = buildRecreateBody(old, request.links, { image, volumesFromMounts: await volumesFromMounts(ctx, old) });
  warnings.push(...built.notes);

  let current: { id: StepReport['id']; title: string } | null = null;
  const run = async <T>(id: RecreateStepId, call: () => Promise<T>, title = TITLES[id]): Promise<T> => {
    current = { id, title };
    report(id, 'running', undefined, title);
    const value = await call();
    report(id, 'done', undefined, title);
    return value;
  };

  let stopped = false;
  let renamed = false;
  let newId: string | null = null;
  try {
    if (wasRunning) {
      await run('stop', () => runLifecycleAction(ctx.docker, old.Id, 'stop'));
      stopped = true;
    }
    await run('rename', () => renameContainer(ctx.docker, old.Id, aside), `Rename it to ${aside}`);
    renamed = true;
    const created = await run('create', () => createContainer(ctx.docker, name, built.body as unknown as EngineCreateBody));
    newId = created.id;
    warnings.push(...created.warnings);
    for (const extra of built.extraNetworks) {
      await run('connect', () => connectEndpoint(ctx.docker, extra.network, created.id, extra.endpoint), `Connect it to ${extra.network}`);
    }
    if (wasRunning) await run('start', () => startContainer(ctx.docker, created.id));
    await run('remove-old', () => removeContainer(ctx.docker, old.Id, { volumes: false, force: false }), `Remove ${aside}`);
  } catch (error) {
    const failed = current as { id: StepReport['id']; title: string } | null;
    const detail = engineMessage(error);
    const reason = failed?.id === 'start' ? plainStartReason(detail) : detail.replace(/\.$/, '');
    if (failed) report(failed.id, 'failed', reason, failed.title);
    const problems: string[] = [];
    const undo = async (what: string, call: () => Promise<void>) => {
      try {
        await call();
      } catch (undoError) {
        problems.push(`${what}: ${engineMessage(undoError)}`);
      }
    };
    report('rollback', 'running');
    if (newId) await undo('removing the new container', () => removeContainer(ctx.docker, newId!, { volumes: false, force: true }));
    let nameBack = !renamed;
    if (renamed) await undo(`renaming ${aside} back to ${name}`, async () => {
      await renameContainer(ctx.docker, old.Id, name);
      nameBack = true;
    });
    if (stopped) await undo(`starting ${name} again`, () => startContainer(ctx.docker, old.Id));
    report('rollback', problems.length ? 'failed' : 'rolled-back', problems.length ? problems.join('; ') : undefined);
    ctx.containers.refresh(old.Id);
    const where = failed ? `"${failed.title}"` : 'preparing the new container';
    const after = problems.length
      ? ` Rolling back did not fully work (${problems.join('; ')}): the original container is ${nameBack ? `${name} again` : `still called ${aside}`}${stopped ? ', not running' : ''}.`
      : ` Patchbay rolled back: ${name} is the original container again${wasRunning ? ', running' : ''}, with its volumes untouched.`;
    throw new PatchbayFailure('engine-error', `Recreating ${name} failed at ${where}: ${reason}.${after}`, JSON.stringify({ steps, detail }));
  }
  ctx.containers.refresh(newId);
  return { id: newId, name, replacedId: old.Id, steps, warnings };
}
