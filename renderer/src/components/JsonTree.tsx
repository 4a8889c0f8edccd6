import { ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';

/** A collapsible view of any JSON value: objects and arrays fold, the first levels start open. */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < 1);
  const label = name !== undefined ? <span className="text-accent">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="whitespace-pre-wrap break-all pl-4">
        {label}
        <span className={typeof value === 'string' ? 'text-ok' : 'text-warn'}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div>
      <button type="button" className="flex items-center text-left hover:bg-hover" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? <ChevronDown size={12} /> : <ChevronRight size={12} />}
        {label}
        <span className="text-muted">{summary}</span>
      </button>
      {open ? (
        <div className="border-l border-line pl-2">
          {entries.map(([key, child]) => (
            <JsonTree key={key} name={key} value={child} depth={depth + 1} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
