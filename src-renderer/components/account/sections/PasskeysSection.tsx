/**
 * My Account → Passkeys ("Passkeys"): the list (name, added, last used, the authenticator's model,
 * synced or on one device, blocked after a counter went backwards), "Add a passkey" with a name,
 * rename and delete. Adding and deleting ask for the password when the appliance wants it (no
 * sign-in within the last five minutes). The desktop console cannot run a ceremony on its own page:
 * it lists, renames and deletes, and says where to add one.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PasskeyList } from '../../../../src-shared/api/passkeys.js';
import { host } from '../../../host/host.js';
import { usePasskeysStore } from '../../../stores/passkeys-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { Card, Section } from '../../ui/Section.js';
import { PasskeyItem } from './PasskeyItem.js';
import { PasskeyPasswordField } from './PasskeyPasswordField.js';
import { needsPassword, type Result, usePasskeyErrorText } from './passkey-feedback.js';
import './passkeys.css';

export default function PasskeysSection() {
  const { t } = useTranslation();
  const { list, load } = usePasskeysStore();
  const errorText = usePasskeyErrorText();
  const [result, setResult] = useState<Result>();

  useEffect(() => {
    load().catch((err: unknown) => setResult({ ok: false, text: errorText(err) }));
  }, [load]);

  return (
    <Section id="passkeys" title={t('nav.passkeys')} intro={t('passkeys.intro')}>
      {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      {list === null ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : (
        <>
          <AddPasskey list={list} onResult={setResult} />
          <Card title={t('passkeys.listTitle')}>
            {list.passkeys.length === 0 ? (
              <p className="muted">{t('passkeys.none')}</p>
            ) : (
              <ul className="passkey-list" aria-label={t('passkeys.listTitle')}>
                {list.passkeys.map((p) => (
                  <PasskeyItem key={p.id} passkey={p} onResult={setResult} />
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </Section>
  );
}

function AddPasskey({ list, onResult }: { list: PasskeyList; onResult(r: Result | undefined): void }) {
  const { t } = useTranslation();
  const add = usePasskeysStore((s) => s.add);
  const errorText = usePasskeyErrorText();
  const [name, setName] = useState('');
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [passwordError, setPasswordError] = useState<string>();
  const count = list.passkeys.length;
  const full = count >= list.limit;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = name.trim();
    setNameError(clean ? undefined : t('common.required'));
    setPasswordError(password === '' ? t('common.required') : undefined);
    if (!clean || password === '') return;
    setBusy(true);
    onResult(undefined);
    try {
      await add(clean, password ?? undefined);
      onResult({ ok: true, text: t('passkeys.added', { name: clean }) });
      setName('');
      setPassword(null);
    } catch (err) {
      if (needsPassword(err) && password === null) setPassword('');
      else onResult({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const counter = <p className="muted">{t('passkeys.count', { count, limit: list.limit })}</p>;
  if (!host().passkeys)
    return (
      <Card title={t('passkeys.addTitle')}>
        <p>{t('passkeys.desktop')}</p>
        {counter}
      </Card>
    );
  if (!list.registration_allowed)
    return (
      <Card title={t('passkeys.addTitle')}>
        <p>{t('passkeys.notAllowed')}</p>
      </Card>
    );
  return (
    <Card title={t('passkeys.addTitle')}>
      {full ? (
        <p id="passkeys-limit">{t('passkeys.limitReached', { limit: list.limit })}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <Field
            label={t('passkeys.name')}
            hint={t('passkeys.nameHint')}
            name="passkey_name"
            autoComplete="off"
            maxLength={64}
            value={name}
            error={nameError}
            onChange={(e) => setName(e.target.value)}
          />
          {password !== null && <PasskeyPasswordField value={password} onChange={setPassword} error={passwordError} />}
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={busy}>
              {busy ? t('passkeys.adding') : t('passkeys.add')}
            </Button>
          </div>
        </form>
      )}
      {counter}
    </Card>
  );
}
