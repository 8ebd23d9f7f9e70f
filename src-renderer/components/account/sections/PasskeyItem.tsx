/** One passkey in the list: what it is, and renaming or deleting it in place. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PasskeyInfo } from '../../../../src-shared/api/passkeys.js';
import { checkDisplayName } from '../../../../src-shared/display-names.js';
import { formatDateTime } from '../../../i18n/format.js';
import { usePasskeysStore } from '../../../stores/passkeys-store.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { PasskeyPasswordField } from './PasskeyPasswordField.js';
import { needsPassword, type Result, usePasskeyErrorText } from './passkey-feedback.js';

export function PasskeyItem({ passkey, onResult }: { passkey: PasskeyInfo; onResult(r: Result | undefined): void }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const details = [
    passkey.authenticator ?? t('passkeys.unknownAuthenticator'),
    t('passkeys.created', { time: when(passkey.created_at) }),
    passkey.last_used_at ? t('passkeys.lastUsed', { time: when(passkey.last_used_at) }) : t('passkeys.neverUsed'),
  ];
  return (
    <li className="passkey" data-passkey-id={passkey.id}>
      <div className="passkey__row">
        <div className="passkey__main">
          <p className="passkey__name">
            <span>{passkey.name}</span>
            <span className={`badge ${passkey.synced ? 'badge--on' : 'badge--off'}`}>
              {passkey.synced ? t('passkeys.synced') : t('passkeys.deviceBound')}
            </span>
            {passkey.flagged && <span className="badge badge--danger">{t('passkeys.flagged')}</span>}
          </p>
          <p className="muted passkey__details">{details.join(' · ')}</p>
          {passkey.flagged && <p className="passkey__warning">{t('passkeys.flaggedHelp')}</p>}
        </div>
        {mode === 'view' && (
          <div className="form__actions">
            <Button onClick={() => setMode('rename')} aria-label={t('passkeys.renameLabel', { name: passkey.name })}>
              {t('passkeys.rename')}
            </Button>
            <Button
              variant="danger"
              onClick={() => setMode('delete')}
              aria-label={t('passkeys.deleteLabel', { name: passkey.name })}
            >
              {t('passkeys.delete')}
            </Button>
          </div>
        )}
      </div>
      {mode === 'rename' && <RenameForm passkey={passkey} onDone={() => setMode('view')} onResult={onResult} />}
      {mode === 'delete' && <DeleteForm passkey={passkey} onDone={() => setMode('view')} onResult={onResult} />}
    </li>
  );
}

interface FormProps {
  passkey: PasskeyInfo;
  onDone(): void;
  onResult(r: Result | undefined): void;
}

function RenameForm({ passkey, onDone, onResult }: FormProps) {
  const { t } = useTranslation();
  const rename = usePasskeysStore((s) => s.rename);
  const errorText = usePasskeyErrorText();
  const [name, setName] = useState(passkey.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { value, problem } = checkDisplayName(name);
    setError(problem ? t(`names.problems.${problem}`) : undefined);
    if (problem) return;
    setBusy(true);
    onResult(undefined);
    try {
      await rename(passkey.id, value);
      onResult({ ok: true, text: t('passkeys.renamed', { name: value }) });
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form className="form passkey__form" onSubmit={submit} noValidate>
      <Field
        label={t('passkeys.newName')}
        name="passkey_name"
        autoComplete="off"
        autoFocus
        maxLength={64}
        value={name}
        error={error}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('passkeys.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

function DeleteForm({ passkey, onDone, onResult }: FormProps) {
  const { t } = useTranslation();
  const remove = usePasskeysStore((s) => s.remove);
  const errorText = usePasskeyErrorText();
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password === '') return setError(t('common.required'));
    setBusy(true);
    onResult(undefined);
    try {
      await remove(passkey.id, password ?? undefined);
      onResult({ ok: true, text: t('passkeys.deleted', { name: passkey.name }) });
    } catch (err) {
      if (needsPassword(err) && password === null) setPassword('');
      else setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form className="form passkey__form" onSubmit={submit} noValidate>
      <p>{t('passkeys.deleteConfirm', { name: passkey.name })}</p>
      {password !== null && <PasskeyPasswordField value={password} onChange={setPassword} error={error} />}
      {password === null && error && <p className="field__error">{error}</p>}
      <div className="form__actions">
        <Button type="submit" variant="danger" busy={busy}>
          {t('passkeys.delete')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
