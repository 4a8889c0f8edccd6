import { Pencil } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { client } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';

/** `docker rename`: the engine checks the name (characters, in use) and its words are shown. */
export function RenameContainerButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(name);
  const { busy, error, clearError, run } = useSubmit();

  useEffect(() => {
    if (!open) return;
    setValue(name);
    clearError();
  }, [open, name, clearError]);

  const submit = () =>
    run(async () => {
      await client.request('containers:rename', { id, name: value.trim() });
      toast.success(`Renamed ${name} to ${value.trim()}`);
      setOpen(false);
    });

  return (
    <>
      <IconButton label={`Rename ${name}`} icon={<Pencil size={14} />} onClick={() => setOpen(true)} />
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Rename ${name}`}
        description="Links and the container: network mode of other containers keep pointing at it by id."
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="primary" disabled={busy || !value.trim() || value.trim() === name} onClick={() => void submit()}>
              Rename
            </Button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="block text-[13px]">
            <span className="mb-1 block text-muted">New name</span>
            <input
              autoFocus
              aria-label="New name"
              className="h-8 w-full rounded-md border border-line bg-canvas px-2 font-mono outline-none focus:border-accent"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
          {error ? (
            <p role="alert" className="mt-2 text-[12px] text-bad">
              {error}
            </p>
          ) : null}
        </form>
      </Dialog>
    </>
  );
}
