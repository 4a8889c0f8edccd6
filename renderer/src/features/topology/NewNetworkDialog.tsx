import { useState } from 'react';
import { toast } from 'sonner';
import { client } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useSubmit } from '../../components/use-submit';

const EMPTY = { name: '', driver: 'bridge', subnet: '', gateway: '', ipRange: '', bridgeName: '', labels: '', internal: false, attachable: false };

/** `docker network create` as a form; the core checks the values and says what is wrong in plain words. */
export function NewNetworkDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form, setForm] = useState(EMPTY);
  const { busy, error, clearError, run } = useSubmit();
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const close = () => {
    setForm(EMPTY);
    clearError();
    onClose();
  };
  const submit = () =>
    run(async () => {
      const labels: Record<string, string> = {};
      for (const line of form.labels.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean)) {
        const at = line.indexOf('=');
        labels[at < 0 ? line : line.slice(0, at)] = at < 0 ? '' : line.slice(at + 1);
      }
      const created = await client.request('networks:create', {
        name: form.name.trim(),
        driver: form.driver.trim() || 'bridge',
        subnet: form.subnet,
        gateway: form.gateway,
        ipRange: form.ipRange,
        bridgeName: form.driver === 'bridge' ? form.bridgeName : '',
        internal: form.internal,
        attachable: form.attachable,
        labels,
      });
      toast.success(`Created network ${created.name}`, created.warning ? { description: created.warning } : undefined);
      close();
    });
  const field = 'h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] outline-none focus:border-accent';
  const row = (label: string, input: React.ReactNode, hint?: string) => (
    <label className="block">
      <span className="mb-1 block text-[11px] font-semibold uppercase tracking-wide text-muted">{label}</span>
      {input}
      {hint ? <span className="mt-0.5 block text-[11px] text-muted">{hint}</span> : null}
    </label>
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && close()}
      title="New network"
      description="Like docker network create. Leave the addresses empty to let Docker pick a free subnet."
      footer={
        <>
          <Button onClick={close} disabled={busy}>Cancel</Button>
          <Button variant="primary" onClick={() => void submit()} disabled={busy || !form.name.trim()}>
            Create network
          </Button>
        </>
      }
    >
      <form
        className="grid grid-cols-2 gap-3"
        aria-label="New network"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {row('Name', <input aria-label="Name" className={field} value={form.name} onChange={(e) => set('name', e.target.value)} autoFocus />)}
        {row(
          'Driver',
          <select aria-label="Driver" className={field} value={form.driver} onChange={(e) => set('driver', e.target.value)}>
            {['bridge', 'macvlan', 'ipvlan', 'overlay'].map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>,
        )}
        {row('Subnet', <input aria-label="Subnet" placeholder="172.30.0.0/16" className={field} value={form.subnet} onChange={(e) => set('subnet', e.target.value)} />)}
        {row('Gateway', <input aria-label="Gateway" placeholder="172.30.0.1" className={field} value={form.gateway} onChange={(e) => set('gateway', e.target.value)} />)}
        {row('IP range', <input aria-label="IP range" placeholder="172.30.5.0/24" className={field} value={form.ipRange} onChange={(e) => set('ipRange', e.target.value)} />, 'Addresses Docker hands out.')}
        {row(
          'Bridge name',
          <input aria-label="Bridge name" placeholder="br-<id> by default" className={field} value={form.bridgeName} disabled={form.driver !== 'bridge'} onChange={(e) => set('bridgeName', e.target.value)} />,
          'The Linux device, at most 15 characters.',
        )}
        <div className="col-span-2">
          {row('Labels', <textarea aria-label="Labels" placeholder="key=value, one per line" className={`${field} h-14 py-1`} value={form.labels} onChange={(e) => set('labels', e.target.value)} />)}
        </div>
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" checked={form.internal} onChange={(e) => set('internal', e.target.checked)} /> Internal (no route out)
        </label>
        <label className="flex items-center gap-2 text-[13px]">
          <input type="checkbox" checked={form.attachable} onChange={(e) => set('attachable', e.target.checked)} /> Attachable
        </label>
        {error ? (
          <p role="alert" className="col-span-2 rounded-md bg-bad/10 p-2.5 text-[13px] text-bad">
            {error}
          </p>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
