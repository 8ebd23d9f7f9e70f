/** The fields of Management > Security, grouped as the seed's page groups them. */
import { useTranslation } from 'react-i18next';
import { type SecuritySettings } from '../../../src-shared/api/site.js';
import { CheckField, SelectField } from '../ui/Field.js';
import { Card } from '../ui/Section.js';
import { PasswordRulesPreview } from './PasswordRulesPreview.js';
import { type DraftProps, NumberSetting, problemText, SwitchSetting } from './SecurityFields.js';

/** The languages the console has texts for; any other the site lists is shown as its code. */
const CONSOLE_LANGUAGES = ['en', 'de'];

export function SecurityForm(props: DraftProps & { stored: SecuritySettings }) {
  const { t } = useTranslation();
  const { draft, set, stored } = props;
  const adminOnly = draft.lockout_duration_minutes.trim() === '0';
  const languages = [...new Set([...CONSOLE_LANGUAGES, ...stored.languages, ...draft.languages])];
  const languageName = (l: string) => t(`security.languageNames.${l}`, { defaultValue: l });
  return (
    <>
      <Card title={t('security.groups.passwords')}>
        <div className="settings-grid">
          <NumberSetting {...props} field="min_password_length" />
          <NumberSetting {...props} field="password_history" />
          <NumberSetting {...props} field="password_expiration_days" />
        </div>
        <SwitchSetting {...props} field="require_complex_passwords" />
        <SwitchSetting {...props} field="block_common_passwords" />
        <SelectField
          id="security-min_password_strength"
          label={t('security.fields.min_password_strength')}
          hint={t('security.hints.min_password_strength')}
          value={draft.min_password_strength}
          onChange={(v) => set({ min_password_strength: v })}
          options={['0', '1', '2', '3', '4'].map((v) => ({ value: v, label: t(`security.strength.${v}`) }))}
        />
        <PasswordRulesPreview draft={draft} stored={stored} />
      </Card>

      <Card title={t('security.groups.lockout')}>
        <div className="settings-grid">
          <NumberSetting {...props} field="lockout_after_failures" />
          <NumberSetting {...props} field="lockout_duration_minutes" disabled={adminOnly} />
        </div>
        <CheckField
          id="security-unlock_by_admin_only"
          label={t('security.fields.unlock_by_admin_only')}
          checked={adminOnly}
          onChange={(on) =>
            set({
              lockout_duration_minutes: on
                ? '0'
                : stored.lockout_duration_minutes > 0
                  ? String(stored.lockout_duration_minutes)
                  : '15',
            })
          }
        />
      </Card>

      <Card title={t('security.groups.sessions')}>
        <NumberSetting {...props} field="session_idle_timeout_minutes" />
        <SwitchSetting {...props} field="two_factor_required" />
      </Card>

      <Card title={t('security.groups.passkeys')}>
        <SwitchSetting {...props} field="passkeys_allowed" />
        <SwitchSetting {...props} field="passwordless_allowed" />
        <SelectField
          id="security-passkey_user_verification"
          label={t('security.fields.passkey_user_verification')}
          value={draft.passkey_user_verification}
          onChange={(v) => set({ passkey_user_verification: v as SecuritySettings['passkey_user_verification'] })}
          options={(['preferred', 'required'] as const).map((v) => ({
            value: v,
            label: t(`security.verification.${v}`),
          }))}
        />
      </Card>

      <Card title={t('security.groups.sso')}>
        <SwitchSetting {...props} field="sso_required_for_non_admins" />
      </Card>

      <Card title={t('security.groups.languages')}>
        <fieldset
          className="plain-fieldset"
          aria-describedby={props.problems.languages ? 'security-languages-error' : undefined}
        >
          <legend>{t('security.fields.languages')}</legend>
          {languages.map((l) => (
            <CheckField
              key={l}
              id={`security-language-${l}`}
              label={languageName(l)}
              checked={draft.languages.includes(l)}
              onChange={(on) =>
                set({ languages: on ? [...draft.languages, l] : draft.languages.filter((x) => x !== l) })
              }
            />
          ))}
          {props.problems.languages && (
            <p className="field__error" id="security-languages-error">
              {problemText(t, props.problems.languages)}
            </p>
          )}
        </fieldset>
        <SelectField
          id="security-default_language"
          label={t('security.fields.default_language')}
          value={draft.default_language}
          onChange={(v) => set({ default_language: v })}
          options={languages.map((l) => ({ value: l, label: languageName(l) }))}
        />
        {props.problems.default_language && (
          <p className="field__error" id="security-default_language-error" role="alert">
            {problemText(t, props.problems.default_language)}
          </p>
        )}
        <SwitchSetting {...props} field="password_reset_enabled" />
        <SwitchSetting {...props} field="new_device_sign_in_notice" />
      </Card>
    </>
  );
}
