import { useState } from 'react';
import { toast } from 'sonner';
import { client } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode below the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `docker import FILE NAME:TAG`: a root filesystem tar becomes an image. */
export function ImportImageDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [tag, setTag] = useState('');
  const [command, setCommand] = useState('/bin/sh');
  const { busy, run } = useSubmit({ failureToast: 'Import failed' });
  const submit = () =>
    run(async () => {
      if (!file) return;
      const imported = await client.request('images:import', { tag: tag.trim(), tarBase64: await toBase64(file), command: command.trim() || undefined });
      toast.success(`Imported ${imported.tag}`);
      onClose();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && !busy && onClose()}
      title="Import an image from a tar file"
      description={<span>The same as <code className="font-mono">docker import FILE NAME:TAG</code>: a tar of a root filesystem becomes a one-layer image.</span>}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="primary" onClick={() => void submit()} disabled={busy || !file || !tag.trim()}>
            {busy ? 'Importing…' : 'Import'}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-[13px]">
        <label className="block">
          <span className="mb-1 block text-muted">Tar file</span>
          <input type="file" accept=".tar,.tar.gz,.tgz,application/x-tar" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="block">
          <span className="mb-1 block text-muted">Name:tag</span>
          <input className="h-8 w-full rounded-md border border-line bg-panel px-2 font-mono" placeholder="myimage:latest" value={tag} onChange={(e) => setTag(e.target.value)} />
        </label>
        <label className="block">
          <span className="mb-1 block text-muted">Default command (CMD)</span>
          <input className="h-8 w-full rounded-md border border-line bg-panel px-2 font-mono" value={command} onChange={(e) => setCommand(e.target.value)} />
        </label>
      </div>
    </Dialog>
  );
}
