import type { ReactNode } from 'react';

export interface ListColumn {
  /** Empty for a column of row actions. */
  label: string;
  align?: 'right';
}

/**
 * A scrolling list table with a sticky header (images, volumes): one look and one scroller for
 * every list that is short enough not to need virtualising. `children` are its rows.
 */
export function ListTable({ label, columns, children }: { label: string; columns: readonly ListColumn[]; children: ReactNode }) {
  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <table className="w-full text-left text-[13px]" aria-label={label}>
        <thead className="sticky top-0 z-10 bg-canvas text-[11px] uppercase tracking-wide text-muted">
          <tr>
            {columns.map((column, index) => {
              const edge = index === 0 || index === columns.length - 1;
              return (
                <th key={`${index}:${column.label}`} className={`${edge ? 'px-4' : 'px-2'} py-2 font-semibold${column.align === 'right' ? ' text-right' : ''}`}>
                  {column.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
