/**
 * The password a passkey change asks for when the last sign-in is older than five minutes
 * (`recent_sign_in_required`): the same field when adding a passkey and when deleting one.
 */
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';

export function PasskeyPasswordField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('passkeys.password')}
      hint={t('passkeys.passwordNeeded')}
      name="current_password"
      type="password"
      autoComplete="current-password"
      autoFocus
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
