import { useTranslation } from 'react-i18next';
import { isSupported, setLanguage } from '../i18n/i18n.js';
import { useSiteStore } from '../stores/site-store.js';

/** The language switch in the header: the site's enabled languages this console has texts for. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site);
  const languages = (site?.languages ?? ['en', 'de']).filter(isSupported);
  if (languages.length < 2) return null;
  return (
    <div className="lang-picker">
      <label htmlFor="language-picker" className="lang-picker__label">
        {t('app.language')}
      </label>
      <select id="language-picker" value={i18n.language} onChange={(e) => setLanguage(e.target.value, true)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
