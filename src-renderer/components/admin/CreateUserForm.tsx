/**
 * Creating a technician, who gets a password one of two ways: an initial password the admin
 * types (checked by the site's policy on the appliance), or a single-use link mailed to the new
 * address with which they set their own.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SET_PASSWORD_LINK_VALID_HOURS } from '../../../src-shared/api/admin.js';
import { errorMessage } from '../../lib/error-message.js';
import { useAdminUsersStore } from '../../stores/admin-users-store.js';
import { useSiteStore } from '../../stores/site-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Card } from '../ui/Section.js';
import { CheckField, Field } from '../ui/Field.js';

type PasswordWay = 'link' | 'initial';

export function CreateUserForm({ onDone }: { onDone(message: string): void }) {
  const { t, i18n } = useTranslation();
  const create = useAdminUsersStore((s) => s.create);
  // The link is a password-reset link: while the site turns reset off, only an initial password.
  const linkAllowed = useSiteStore((s) => s.site?.password_reset_enabled ?? false);
  const [form, setForm] = useState({ username: '', password: '', name: '', email: '' });
  const [way, setWay] = useState<PasswordWay>(linkAllowed ? 'link' : 'initial');
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
        ...(way === 'initial' ? { password: form.password } : { set_password_link: true }),
        ...(form.name.trim() ? { private_display_name: form.name.trim() } : {}),
        ...(form.email.trim() ? { email_address: form.email.trim() } : {}),
        ...flags,
        // Whoever sets their own password from the link has nothing to change at the first login.
        ...(way === 'link' ? { password_change_required: false } : {}),
      });
      onDone(
        way === 'link'
          ? t('users.created.link', { username: created.username, email: created.email_address })
          : t('users.created.initial', { username: created.username }),
      );
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
        <Field label={t('users.name')} maxLength={64} {...text('name')} />
        <Field
          label={t('users.email')}
          type="email"
          maxLength={254}
          required={way === 'link'}
          hint={way === 'link' ? t('users.linkEmailHint', { hours: SET_PASSWORD_LINK_VALID_HOURS }) : undefined}
          {...text('email')}
        />
        <fieldset className="plain-fieldset">
          <legend>{t('users.passwordWay')}</legend>
          {(['link', 'initial'] as const).map((w) => (
            <label key={w} className="check">
              <input
                type="radio"
                name="password-way"
                checked={way === w}
                disabled={w === 'link' && !linkAllowed}
                aria-describedby={w === 'link' && !linkAllowed ? 'password-way-link-off' : undefined}
                onChange={() => setWay(w)}
              />
              {t(`users.passwordWays.${w}`)}
            </label>
          ))}
          {!linkAllowed && (
            <p id="password-way-link-off" className="field__hint">
              {t('users.linkNeedsReset')}
            </p>
          )}
        </fieldset>
        {way === 'initial' && (
          <Field
            label={t('users.initialPassword')}
            type="password"
            required
            autoComplete="new-password"
            hint={t('users.initialPasswordHint')}
            {...text('password')}
          />
        )}
        {(['is_admin', 'two_factor_required', 'password_change_required'] as const)
          .filter((flag) => way === 'initial' || flag !== 'password_change_required')
          .map((flag) => (
            <CheckField
              key={flag}
              label={t(`users.flags.${flag}`)}
              checked={flags[flag]}
              onChange={(v) => setFlags({ ...flags, [flag]: v })}
            />
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
