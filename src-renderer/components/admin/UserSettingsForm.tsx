/**
 * The open user's settings, saved together: display names, email address and the flags. Only
 * what changed is sent. The last enabled administrator's Administrator box is not changeable, and
 * says why before anyone tries (the appliance refuses it too).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type AdminUserPatch } from '../../../src-shared/api/admin.js';
import { Button } from '../ui/Button.js';
import { CheckField, Field } from '../ui/Field.js';

const FLAGS = ['is_admin', 'two_factor_required', 'extended_availability_allowed', 'password_change_required'] as const;
type Form = Pick<AdminUser, (typeof FLAGS)[number] | 'private_display_name' | 'public_display_name'> & {
  email_address: string;
};

const formOf = (user: AdminUser): Form => ({
  ...(Object.fromEntries(FLAGS.map((f) => [f, user[f]])) as Pick<AdminUser, (typeof FLAGS)[number]>),
  private_display_name: user.private_display_name,
  public_display_name: user.public_display_name,
  email_address: user.email_address ?? '',
});

/** What the form changes, as the appliance's patch (an emptied email address removes it). */
function patchOf(user: AdminUser, form: Form): AdminUserPatch {
  const patch: AdminUserPatch = {};
  for (const f of FLAGS) if (form[f] !== user[f]) patch[f] = form[f];
  for (const f of ['private_display_name', 'public_display_name'] as const)
    if (form[f].trim() !== user[f]) patch[f] = form[f].trim();
  const email = form.email_address.trim();
  if (email !== (user.email_address ?? '')) patch.email_address = email === '' ? null : email;
  return patch;
}

export function UserSettingsForm({
  user,
  busy,
  onSave,
}: {
  user: AdminUser;
  busy: boolean;
  /** An empty patch means nothing changed. */
  onSave(patch: AdminUserPatch): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => formOf(user));
  const save = (e: FormEvent) => {
    e.preventDefault();
    onSave(patchOf(user, form));
  };
  const text = (key: 'private_display_name' | 'public_display_name' | 'email_address') => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });
  const keepsAdmin = user.last_admin && user.is_admin;
  return (
    <form onSubmit={save} className="form-grid">
      <fieldset className="plain-fieldset">
        <legend>{t('users.settings')}</legend>
        <Field label={t('users.privateName')} required maxLength={64} {...text('private_display_name')} />
        <Field
          label={t('users.publicName')}
          hint={t('users.publicNameHint')}
          required
          maxLength={64}
          {...text('public_display_name')}
        />
        <Field
          label={t('users.email')}
          type="email"
          maxLength={254}
          hint={t('users.emailHint')}
          {...text('email_address')}
        />
        {FLAGS.map((flag) => (
          <CheckField
            key={flag}
            label={t(`users.flags.${flag}`)}
            checked={form[flag]}
            onChange={(v) => setForm({ ...form, [flag]: v })}
            disabled={flag === 'is_admin' && keepsAdmin}
            hint={flag === 'is_admin' && keepsAdmin ? t('users.lastAdmin') : undefined}
          />
        ))}
      </fieldset>
      <div>
        <Button type="submit" variant="primary" busy={busy}>
          {t('users.save')}
        </Button>
      </div>
    </form>
  );
}
