import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110 border-transparent',
  secondary: 'bg-panel text-fg border-line hover:bg-hover',
  ghost: 'bg-transparent text-fg border-transparent hover:bg-hover',
  danger: 'bg-bad text-white border-transparent hover:brightness-110',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: ReactNode;
  size?: 'sm' | 'md';
}

export function Button({ variant = 'secondary', icon, size = 'md', className = '', children, ...rest }: ButtonProps) {
  const sizing = size === 'sm' ? 'h-7 px-2 text-xs gap-1' : 'h-8 px-3 text-[13px] gap-1.5';
  return (
    <button
      type="button"
      className={`inline-flex items-center justify-center rounded-md border font-medium transition disabled:opacity-45 disabled:pointer-events-none ${sizing} ${VARIANTS[variant]} ${className}`}
      {...rest}
    >
      {icon}
      {children}
    </button>
  );
}

/** A square icon button; `label` is read by screen readers and shown as a tooltip. */
export function IconButton({ label, icon, className = '', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string; icon: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`inline-flex h-7 w-7 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-fg disabled:opacity-40 disabled:pointer-events-none ${className}`}
      {...rest}
    >
      {icon}
    </button>
  );
}
