/**
 * The MSI command as the technician chooses its options (seed: INSTALLDIR, RUNATSTARTUP, ALLUSERS,
 * SHOULDAUTOUPDATE, QUIET), built by the shared `buildMsiCommand`, with the seed's notes and a copy
 * button.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildMsiCommand, msiCommandNotes, type MsiCommandOptions } from '../../../../src-shared/msi-command.js';
import { UPDATE_FAILURE_MESSAGE } from '../../../../src-shared/api/updates.js';
import { copyText } from '../../../lib/clipboard.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckField, Field } from '../../ui/Field.js';

export function MsiCommandBuilder({ fileName, siteUrl }: { fileName: string; siteUrl: string }) {
  const { t, i18n } = useTranslation();
  const [opts, setOpts] = useState<Omit<MsiCommandOptions, 'fileName' | 'siteUrl'>>({
    installDir: '',
    runAtStartup: false,
    allUsers: false,
    shouldAutoUpdate: false,
    quiet: false,
  });
  const [copied, setCopied] = useState<boolean>();
  const full = { ...opts, fileName, siteUrl };
  const command = buildMsiCommand(full);
  const notes = msiCommandNotes(full);
  const set = (patch: Partial<typeof opts>) => {
    setOpts((o) => ({ ...o, ...patch }));
    setCopied(undefined);
  };

  return (
    <div className="msi">
      <h4 className="card__subtitle">{t('downloads.msi.title')}</h4>
      <p className="muted">{t('downloads.msi.intro')}</p>
      <div className="msi__options">
        <Field
          label={t('downloads.msi.installDir')}
          hint={t('downloads.msi.installDirHint')}
          name="installdir"
          spellCheck={false}
          placeholder="C:\Program Files\Support Console\"
          value={opts.installDir}
          onChange={(e) => set({ installDir: e.target.value })}
        />
        <CheckField
          label={t('downloads.msi.runAtStartup')}
          hint={t('downloads.msi.runAtStartupHint')}
          checked={!!opts.runAtStartup}
          onChange={(v) => set({ runAtStartup: v })}
        />
        <CheckField
          label={t('downloads.msi.allUsers')}
          hint={t('downloads.msi.allUsersHint')}
          checked={!!opts.allUsers}
          onChange={(v) => set({ allUsers: v })}
        />
        <CheckField
          label={t('downloads.msi.autoUpdate')}
          hint={t('downloads.msi.autoUpdateHint')}
          checked={!!opts.shouldAutoUpdate}
          onChange={(v) => set({ shouldAutoUpdate: v })}
        />
        <CheckField
          label={t('downloads.msi.quiet')}
          hint={t('downloads.msi.quietHint')}
          checked={!!opts.quiet}
          onChange={(v) => set({ quiet: v })}
        />
      </div>
      <label htmlFor="msi-command" className="msi__label">
        {t('downloads.msi.command')}
      </label>
      <div className="msi__command">
        <output id="msi-command" className="code" data-testid="msi-command">
          {command}
        </output>
        <Button variant="primary" onClick={() => void copyText(command).then(setCopied)}>
          {t('downloads.msi.copy')}
        </Button>
      </div>
      {copied !== undefined && (
        <Alert kind={copied ? 'success' : 'error'}>{copied ? t('common.copied') : t('common.copyFailed')}</Alert>
      )}
      <ul className="notes">
        {notes.map((n) => (
          <li key={n} className={`note note--${n}`} data-note={n}>
            {t(`downloads.msi.notes.${n}`)}
            {n === 'log_in_before_update' && (
              <q className="note__quote" lang={i18n.language === 'de' ? 'de' : 'en'}>
                {UPDATE_FAILURE_MESSAGE[i18n.language === 'de' ? 'de' : 'en']}
              </q>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
