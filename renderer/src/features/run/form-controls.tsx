/**
 * Small building blocks of the run form: labelled inputs, repeatable rows, sections.
 * Every input has a visible label or an aria-label, and row problems are tied to their
 * input with aria-describedby.
 */
import { Plus, X } from 'lucide-react';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { IconButton } from '../../components/Button';

export const inputClass =
  'h-8 w-full min-w-0 rounded-md border border-line bg-canvas px-2 text-[13px] text-fg outline-none placeholder:text-muted/70 focus:border-accent disabled:opacity-50 aria-[invalid=true]:border-bad';
export const monoInput = `${inputClass} font-mono text-[12.5px]`;

export function Section({ id, title, hint, children, aside }: { id: string; title: string; hint?: ReactNode; children: ReactNode; aside?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-line bg-panel">
      <header className="flex items-baseline gap-3 border-b border-line px-4 py-2.5">
        <h3 id={`${id}-title`} className="text-[13px] font-semibold">{title}</h3>
        {hint ? <p className="min-w-0 flex-1 truncate text-xs text-muted">{hint}</p> : <span className="flex-1" />}
        {aside}
      </header>
      <div className="space-y-3 p-4">{children}</div>
    </section>
  );
}

/** A problem under a field; `id` is what the field's aria-describedby points at. */
export function FieldMessage({ id, message, tone = 'bad' }: { id?: string; message?: string; tone?: 'bad' | 'warn' | 'muted' }) {
  if (!message) return null;
  const colour = tone === 'bad' ? 'text-bad' : tone === 'warn' ? 'text-warn' : 'text-muted';
  return (
    <p id={id} className={`mt-1 text-xs leading-snug ${colour}`}>
      {message}
    </p>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: ReactNode;
  mono?: boolean;
}

export function TextField({ label, value, onChange, error, hint, mono, className = '', ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-muted">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-msg` : undefined}
        className={mono ? monoInput : inputClass}
        spellCheck={false}
        autoComplete="off"
        {...rest}
      />
      {error ? <FieldMessage id={`${id}-msg`} message={error} /> : hint ? <p className="mt-1 text-xs text-muted">{hint}</p> : null}
    </div>
  );
}

export function CheckField({ label, flag, checked, onChange, hint, disabled }: { label: string; flag: string; checked: boolean; onChange(v: boolean): void; hint: string; disabled?: boolean }) {
  const id = useId();
  return (
    <label htmlFor={id} title={hint} className={`flex cursor-pointer items-start gap-2 rounded-md border border-line bg-canvas px-2.5 py-2 hover:bg-hover ${disabled ? 'opacity-50' : ''}`}>
      <input id={id} type="checkbox" className="mt-0.5 accent-[var(--pb-accent)]" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="min-w-0">
        <span className="block text-[13px]">
          {label} <code className="font-mono text-[11px] text-muted">{flag}</code>
        </span>
        <span className="block text-[11px] leading-snug text-muted">{hint}</span>
      </span>
    </label>
  );
}

/** Row problems keyed by row index, for list fields. */
export type RowErrors = ReadonlyMap<number, string>;

/** A list of one-line text rows (`--dns`, `--add-host`, `-v`…) with add and remove. */
export function TextRows({
  label,
  addLabel,
  rows,
  onChange,
  placeholder,
  errors,
  hint,
  disabled,
  renderExtra,
}: {
  label: string;
  addLabel: string;
  rows: string[];
  onChange(rows: string[]): void;
  placeholder?: string;
  errors?: RowErrors;
  hint?: ReactNode;
  disabled?: boolean;
  renderExtra?: (row: string, index: number, set: (value: string) => void) => ReactNode;
}) {
  const id = useId();
  const set = (index: number, value: string) => onChange(rows.map((r, i) => (i === index ? value : r)));
  return (
    <fieldset disabled={disabled} className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-muted">{label}</legend>
      {hint ? <p className="-mt-0.5 mb-1.5 text-xs text-muted">{hint}</p> : null}
      <div className="space-y-1.5">
        {rows.map((row, index) => {
          const error = errors?.get(index);
          return (
            <div key={index}>
              <div className="flex items-center gap-1.5">
                <input
                  aria-label={`${label} ${index + 1}`}
                  value={row}
                  onChange={(e) => set(index, e.target.value)}
                  placeholder={placeholder}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-${index}` : undefined}
                  className={monoInput}
                  spellCheck={false}
                  autoComplete="off"
                />
                {renderExtra?.(row, index, (value) => set(index, value))}
                <IconButton label={`Remove ${label} ${index + 1}`} icon={<X size={14} />} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
              </div>
              <FieldMessage id={`${id}-${index}`} message={error} />
            </div>
          );
        })}
      </div>
      <AddButton label={addLabel} onClick={() => onChange([...rows, ''])} />
    </fieldset>
  );
}

export function AddButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" onClick={onClick} className="mt-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs text-accent hover:bg-hover">
      <Plus size={13} aria-hidden />
      {label}
    </button>
  );
}

export interface KeyValueRow {
  key: string;
  value: string;
}

/** KEY = value rows for `-e` and `-l`. */
export function KeyValueRows({ label, addLabel, rows, onChange, errors, keyPlaceholder, valuePlaceholder }: { label: string; addLabel: string; rows: KeyValueRow[]; onChange(rows: KeyValueRow[]): void; errors?: RowErrors; keyPlaceholder: string; valuePlaceholder: string }) {
  const id = useId();
  const set = (index: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-muted">{label}</legend>
      <div className="space-y-1.5">
        {rows.map((row, index) => {
          const error = errors?.get(index);
          return (
            <div key={index}>
              <div className="flex items-center gap-1.5">
                <input aria-label={`${label} ${index + 1} name`} value={row.key} placeholder={keyPlaceholder} onChange={(e) => set(index, { key: e.target.value })} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-${index}` : undefined} className={`${monoInput} max-w-[40%]`} spellCheck={false} />
                <span className="text-muted" aria-hidden>=</span>
                <input aria-label={`${label} ${index + 1} value`} value={row.value} placeholder={valuePlaceholder} onChange={(e) => set(index, { value: e.target.value })} className={monoInput} spellCheck={false} />
                <IconButton label={`Remove ${label} ${index + 1}`} icon={<X size={14} />} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
              </div>
              <FieldMessage id={`${id}-${index}`} message={error} />
            </div>
          );
        })}
      </div>
      <AddButton label={addLabel} onClick={() => onChange([...rows, { key: '', value: '' }])} />
    </fieldset>
  );
}
