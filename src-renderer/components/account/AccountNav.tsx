import { useTranslation } from 'react-i18next';
import { type SectionId } from './section-ids.js';

/** The section list: plain links (#/id), so Tab/Enter and the browser's history just work. */
export function AccountNav({ sections, current }: { sections: readonly SectionId[]; current: SectionId | null }) {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul>
        {sections.map((id) => (
          <li key={id}>
            <a href={`#/${id}`} className="side-nav__link" aria-current={id === current ? 'page' : undefined}>
              <span className={`side-nav__icon icon-${id}`} aria-hidden="true" />
              {t(`nav.${id}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
