import * as Tabs from '@radix-ui/react-tabs';
import { Copy, FileCode2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { formatRunCommand } from '../../../../shared/run-command/format-run-command';
import type { ContainerAsForm } from '../../../../shared/run/model';
import { client, messageOf } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { composeYaml } from './compose-yaml';
import { copyText } from './copy-text';

/** "Copy as docker run" / "Export as Compose" for an existing container, rebuilt from its inspect. */
export function ExportContainerDialog({ id, name, open, onClose }: { id: string; name: string; open: boolean; onClose(): void }) {
  const [result, setResult] = useState<ContainerAsForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setResult(null);
    setError(null);
    client.request('run:container-as-form', { id }).then(
      (r) => !cancelled && setResult(r),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [id, open]);
  const command = result ? formatRunCommand(result.form) : '';
  const yaml = result ? composeYaml(result.form) : '';
  const copy = (text: string, what: string) => void copyText(text).then(() => toast.success(`Copied the ${what}`), (e: unknown) => toast.error('Could not copy', { description: messageOf(e) }));
  const block = 'max-h-[50vh] overflow-auto rounded-md border border-line bg-canvas px-3 py-2 font-mono text-[12px] leading-5';
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={`Export ${name}`}
      width="max-w-3xl"
      description="Rebuilt from the container's settings, leaving out what its image already sets."
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {error ? <p role="alert" className="rounded-md bg-bad/10 p-3 text-[13px] text-bad">{error}</p> : null}
      {!result && !error ? <p className="text-muted">Reading the container…</p> : null}
      {result ? (
        <Tabs.Root defaultValue="run">
          <Tabs.List aria-label="Format" className="mb-2 flex gap-1 border-b border-line">
            <Tabs.Trigger value="run" className="border-b-2 border-transparent px-2 py-1.5 text-xs text-muted data-[state=active]:border-accent data-[state=active]:text-fg">docker run</Tabs.Trigger>
            <Tabs.Trigger value="compose" className="border-b-2 border-transparent px-2 py-1.5 text-xs text-muted data-[state=active]:border-accent data-[state=active]:text-fg">Compose</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="run" className="flex items-start gap-2">
            <pre data-testid="export-run" className={`${block} min-w-0 flex-1 whitespace-pre-wrap break-all`}>{command}</pre>
            <IconButton label="Copy the docker run command" icon={<Copy size={14} />} onClick={() => copy(command, 'docker run command')} />
          </Tabs.Content>
          <Tabs.Content value="compose" className="flex items-start gap-2">
            <pre data-testid="export-compose" className={`${block} min-w-0 flex-1`}>{yaml}</pre>
            <IconButton label="Copy the compose file" icon={<Copy size={14} />} onClick={() => copy(yaml, 'compose file')} />
          </Tabs.Content>
          {result.notes.length ? (
            <ul className="mt-3 space-y-1 text-xs text-warn">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </Tabs.Root>
      ) : null}
    </Dialog>
  );
}

/** The header button of the details panel that opens the export dialog. */
export function ExportContainerButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton label="Copy as docker run / export as Compose" icon={<FileCode2 size={15} />} onClick={() => setOpen(true)} />
      <ExportContainerDialog id={id} name={name} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
