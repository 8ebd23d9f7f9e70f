/** A labelled file picker (the browser's own control: keyboard and screen readers know it). */
import { useId } from 'react';

export function FileField({
  label,
  accept,
  onChange,
}: {
  label: string;
  accept?: string;
  onChange(file: File | null): void;
}) {
  const id = `file${useId()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
    </div>
  );
}
