import * as Tabs from '@radix-ui/react-tabs';
import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ContainerDetails } from '../../../../shared/containers/model';
import { client, messageOf } from '../../api';
import { IconButton } from '../../components/Button';
import { JsonTree } from '../../components/JsonTree';
import { StateBadge } from '../../components/StateBadge';
import { useStore } from '../../store';
import { ContainerPortsTab } from '../run/ContainerPortsTab';
import { ExportContainerButton } from '../run/ExportContainerDialog';
import { MountsTab } from '../volumes/MountsTab';
import { OpenTerminalButton } from '../terminal/OpenTerminalButton';
import { RenameContainerButton } from './RenameContainerButton';

/** The side panel: plain-words facts and the full inspect of the container being looked at. */
export function ContainerDetailsPanel() {
  const detailsId = useStore((s) => s.detailsId);
  const summary = useStore((s) => (s.detailsId ? s.containers[s.detailsId] : undefined));
  const openDetails = useStore((s) => s.openDetails);
  const [details, setDetails] = useState<ContainerDetails | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Re-read the inspect whenever the live summary changes (an event touched this container).
  useEffect(() => {
    if (!detailsId || !summary) return;
    let cancelled = false;
    client
      .request('containers:details', { id: detailsId })
      .then((d) => !cancelled && (setDetails(d), setError(null)))
      .catch((e: unknown) => !cancelled && setError(messageOf(e)));
    return () => {
      cancelled = true;
    };
  }, [detailsId, summary]);

  if (!detailsId) return null;
  return (
    <aside aria-label="Container details" data-testid="details-panel" className="flex w-[380px] shrink-0 flex-col border-l border-line bg-panel">
      <header className="flex items-center gap-2 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold">{summary?.name ?? details?.summary.name ?? 'Container'}</h2>
          <p className="truncate font-mono text-[11px] text-muted">{detailsId.slice(0, 12)}</p>
        </div>
        {summary ? <StateBadge state={summary.state} /> : null}
        {summary ? <RenameContainerButton id={detailsId} name={summary.name} /> : null}
        {summary ? <OpenTerminalButton id={detailsId} name={summary.name} /> : null}
        {summary ? <ExportContainerButton id={detailsId} name={summary.name} /> : null}
        <IconButton label="Close details" icon={<X size={15} />} onClick={() => openDetails(null)} />
      </header>
      {!summary ? (
        <div role="status" className="m-4 rounded-md bg-warn/10 p-3 text-[13px] text-warn">
          This container no longer exists: it was removed (perhaps outside Patchbay).
        </div>
      ) : error ? (
        <div role="alert" className="m-4 rounded-md bg-bad/10 p-3 text-[13px] text-bad">{error}</div>
      ) : !details ? (
        <p className="p-4 text-muted">Loading…</p>
      ) : (
        <Tabs.Root defaultValue="overview" className="flex min-h-0 flex-1 flex-col">
          <Tabs.List className="flex gap-1 border-b border-line px-3" aria-label="Details">
            {['overview', 'ports', 'mounts', 'inspect'].map((tab) => (
              <Tabs.Trigger key={tab} value={tab} className="border-b-2 border-transparent px-2 py-2 text-xs capitalize text-muted data-[state=active]:border-accent data-[state=active]:text-fg">
                {tab}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value="overview" className="min-h-0 flex-1 overflow-auto p-4">
            <dl className="space-y-2.5">
              {details.facts.map((fact) => (
                <div key={fact.label}>
                  <dt className="text-[11px] font-semibold uppercase tracking-wide text-muted">{fact.label}</dt>
                  <dd className="break-words text-[13px]">{fact.value}</dd>
                </div>
              ))}
            </dl>
          </Tabs.Content>
          <Tabs.Content value="ports" className="min-h-0 flex-1 overflow-auto p-4">
            <ContainerPortsTab inspect={details.inspect} />
          </Tabs.Content>
          <Tabs.Content value="mounts" className="min-h-0 flex-1 overflow-auto p-4">
            <MountsTab containerId={detailsId} containerName={summary.name} revision={summary} />
          </Tabs.Content>
          <Tabs.Content value="inspect" className="min-h-0 flex-1 overflow-auto p-3 font-mono text-[11.5px] leading-5">
            <JsonTree value={details.inspect} />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </aside>
  );
}
