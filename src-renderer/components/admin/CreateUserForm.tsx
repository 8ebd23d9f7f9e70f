/** Creating a technician with an initial password, which the site's policy checks on the appliance. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message.js';
import { useAdminUsersStore } from '../../stores/admin-users-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card } from '../ui/Section.js';
import { Field } from '../ui/Field.js';

export function CreateUserForm({ onDone }: { onDone(message: string): void }) {
  const { t, i18n } = useTranslation();
  const create = useAdminUsersStore((s) => s.create);
  const [form, setForm] = useState({ username: '', password: '', name: '', email: '' });
  const [flags, setFlags] = useState({ is_admin: false, two_factor_required: false, password_change_required: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await create({
        username: form.username.trim(),
        password: form.password,
        ...(form.name.trim() ? { private_display_name: form.name.trim() } : {}),
        ...(form.email.trim() ? { email_address: form.email.trim() } : {}),
        ...flags,
      });
      onDone(t('users.created.initial', { username: created.username }));
    } catch (err) {
      setError(errorMessage(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  const text = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });
  return (
    <Card title={t('users.createTitle')}>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field label={t('users.username')} required autoComplete="off" maxLength={64} {...text('username')} />
        <Field
          label={t('users.initialPassword')}
          type="password"
          required
          autoComplete="new-password"
          hint={t('users.initialPasswordHint')}
          {...text('password')}
        />
        <Field label={t('users.name')} maxLength={64} {...text('name')} />
        <Field label={t('users.email')} type="email" maxLength={254} {...text('email')} />
        {(['is_admin', 'two_factor_required', 'password_change_required'] as const).map((flag) => (
          <label key={flag} className="check">
            <input
              type="checkbox"
              checked={flags[flag]}
              onChange={(e) => setFlags({ ...flags, [flag]: e.target.checked })}
            />
            {t(`users.flags.${flag}`)}
          </label>
        ))}
        {error && <Alert kind="error">{error}</Alert>}
        <div>
          <Button type="submit" variant="primary" busy={busy}>
            {t('users.createSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
