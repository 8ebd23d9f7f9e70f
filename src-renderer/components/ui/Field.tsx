/**
 * A labelled form field. The hint and the error are tied to the input with aria-describedby, and
 * aria-invalid marks the field while it has an error, so screen readers announce both.
 */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  id?: string;
}

export function Field({ label, hint, error, id, className, ...input }: FieldProps) {
  const auto = useId();
  const inputId = id ?? `f${auto}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export interface SelectFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  id?: string;
  name?: string;
}

export function SelectField({ label, hint, value, onChange, options, id, name }: SelectFieldProps) {
  const auto = useId();
  const selectId = id ?? `s${auto}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select
        id={selectId}
        name={name}
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export function CheckField({
  label,
  hint,
  checked,
  onChange,
  id,
  disabled,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange(v: boolean): void;
  id?: string;
  /** Not changeable; `hint` says why. */
  disabled?: boolean;
}) {
  const auto = useId();
  const boxId = id ?? `c${auto}`;
  const hintId = hint ? `${boxId}-hint` : undefined;
  return (
    <div className="check">
      <input
        type="checkbox"
        id={boxId}
        checked={checked}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={boxId}>{label}</label>
        {hint && (
          <p id={hintId} className="field__hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
