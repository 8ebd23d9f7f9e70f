import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message.js';
import { useSessionsStore } from '../../../stores/sessions-store.js';
import { Alert } from '../../ui/Alert.js';
import { Section } from '../../ui/Section.js';
import { SessionsTable } from './SessionsTable.js';

/** Where the technician is logged in; any session but this one can be ended. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const { sessions, load, end } = useSessionsStore();
  const [busyId, setBusyId] = useState<string>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    load().catch((err: unknown) => setResult({ ok: false, text: errorMessage(t, err, i18n.language) }));
  }, [load, t, i18n.language]);

  async function endSession(id: string) {
    setBusyId(id);
    setResult(undefined);
    try {
      await end(id);
      setResult({ ok: true, text: t('sessions.ended') });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusyId(undefined);
    }
  }

  return (
    <Section id="sessions" title={t('nav.sessions')} intro={t('sessions.intro')}>
      {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      <SessionsTable
        caption={t('sessions.caption')}
        sessions={sessions}
        busyId={busyId}
        onEnd={(id) => void endSession(id)}
      />
    </Section>
  );
}
