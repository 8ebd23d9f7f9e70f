import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDisplayName } from '../../../../src-shared/display-names.js';
import { errorMessage } from '../../../lib/error-message.js';
import { initialNames, typePrivateName, typePublicName } from '../../../lib/name-sync.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { Section } from '../../ui/Section.js';

export function DisplayNamesSection() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const update = useAccountStore((s) => s.update);
  const [names, setNames] = useState(() => initialNames(account.private_display_name, account.public_display_name));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [touched, setTouched] = useState(false);

  const privateCheck = checkDisplayName(names.privateName);
  const publicCheck = checkDisplayName(names.publicName);
  const privateError = touched && privateCheck.problem ? t(`names.problems.${privateCheck.problem}`) : undefined;
  const publicError = touched && publicCheck.problem ? t(`names.problems.${publicCheck.problem}`) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setResult(undefined);
    if (privateCheck.problem || publicCheck.problem) return;
    setBusy(true);
    try {
      const saved = await update({ private_display_name: privateCheck.value, public_display_name: publicCheck.value });
      setNames(initialNames(saved.private_display_name, saved.public_display_name));
      setResult({ ok: true, text: t('names.saved') });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="names" title={t('nav.names')} intro={t('names.intro')}>
      <form className="form card" onSubmit={submit} noValidate>
        <Field
          label={t('names.private')}
          hint={t('names.privateHint')}
          name="private_display_name"
          autoComplete="name"
          maxLength={64}
          value={names.privateName}
          error={privateError}
          onChange={(e) => setNames((s) => typePrivateName(s, e.target.value))}
        />
        <Field
          label={t('names.public')}
          hint={t('names.publicHint')}
          name="public_display_name"
          autoComplete="off"
          maxLength={64}
          value={names.publicName}
          error={publicError}
          onChange={(e) => setNames((s) => typePublicName(s, e.target.value))}
        />
        <p
          className={`sync-state ${names.synced ? 'sync-state--on' : 'sync-state--off'}`}
          aria-live="polite"
          data-testid="sync-state"
        >
          {names.synced ? t('names.synced') : t('names.unsynced')}
        </p>
        {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('names.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
