import { type ReactNode } from 'react';

/** A message: errors are announced at once (role=alert), other kinds politely (role=status). */
export function Alert({
  kind,
  children,
  id,
}: {
  kind: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  id?: string;
}) {
  return (
    <div id={id} className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
