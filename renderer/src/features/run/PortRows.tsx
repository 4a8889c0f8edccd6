import { ArrowLeftRight, X } from 'lucide-react';
import { useId } from 'react';
import { IconButton } from '../../components/Button';
import { AddButton, FieldMessage, monoInput, type RowErrors } from './form-controls';
import { joinPortFields, splitPortText, type PortFields } from './port-fields';

const GRID = 'grid grid-cols-[minmax(150px,1.5fr)_16px_minmax(90px,1fr)_minmax(70px,0.8fr)_minmax(70px,0.8fr)_64px_28px] items-center gap-1.5';

/**
 * `-p` rows: each can be typed in docker syntax (left) or filled field by field (right);
 * editing either side rewrites the other, and the shared parser's message shows under it.
 */
export function PortRows({ rows, onChange, errors, warnings, disabled }: { rows: string[]; onChange(rows: string[]): void; errors?: RowErrors; warnings?: RowErrors; disabled?: boolean }) {
  const id = useId();
  const set = (index: number, value: string) => onChange(rows.map((r, i) => (i === index ? value : r)));
  const setField = (index: number, patch: Partial<PortFields>) => set(index, joinPortFields({ ...splitPortText(rows[index]), ...patch }));
  return (
    <fieldset disabled={disabled} className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-muted">
        Published ports <code className="font-mono text-[11px]">-p</code>
      </legend>
      {rows.length > 0 ? (
        <div className={`${GRID} mb-1 text-[11px] text-muted`} aria-hidden>
          <span>Docker syntax</span>
          <span />
          <span>Host IP</span>
          <span>Host port</span>
          <span>Container</span>
          <span>Proto</span>
          <span />
        </div>
      ) : null}
      <div className="space-y-1.5">
        {rows.map((row, index) => {
          const fields = splitPortText(row);
          const error = errors?.get(index);
          const warning = warnings?.get(index);
          const n = index + 1;
          const describedBy = error || warning ? `${id}-${index}` : undefined;
          return (
            <div key={index} data-testid={`port-row-${index}`}>
              <div className={GRID}>
                <input aria-label={`Port ${n} in docker syntax`} value={row} placeholder="8080:80" onChange={(e) => set(index, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={monoInput} spellCheck={false} autoComplete="off" />
                <ArrowLeftRight size={12} className="text-muted" aria-hidden />
                <input aria-label={`Port ${n} host IP`} value={fields.hostIp} placeholder="all" onChange={(e) => setField(index, { hostIp: e.target.value })} className={monoInput} spellCheck={false} />
                <input aria-label={`Port ${n} host port`} value={fields.hostPort} placeholder="random" onChange={(e) => setField(index, { hostPort: e.target.value })} className={monoInput} spellCheck={false} />
                <input aria-label={`Port ${n} container port`} value={fields.containerPort} placeholder="80" onChange={(e) => setField(index, { containerPort: e.target.value })} className={monoInput} spellCheck={false} />
                <select aria-label={`Port ${n} protocol`} value={['tcp', 'udp', 'sctp'].includes(fields.protocol) ? fields.protocol : 'tcp'} onChange={(e) => setField(index, { protocol: e.target.value })} className={`${monoInput} px-1`}>
                  <option value="tcp">tcp</option>
                  <option value="udp">udp</option>
                  <option value="sctp">sctp</option>
                </select>
                <IconButton label={`Remove port ${n}`} icon={<X size={14} />} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
              </div>
              {error ? <FieldMessage id={describedBy} message={error} /> : <FieldMessage id={describedBy} message={warning} tone="warn" />}
            </div>
          );
        })}
      </div>
      <AddButton label="Add a published port" onClick={() => onChange([...rows, ''])} />
    </fieldset>
  );
}
