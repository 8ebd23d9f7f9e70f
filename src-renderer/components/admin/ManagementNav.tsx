import { useTranslation } from 'react-i18next';
import { MANAGEMENT_IDS, type ManagementId, managementHref } from './management-ids.js';

/** The Management group of the side navigation; My Account renders it for admins only. */
export function ManagementNav({ current }: { current: ManagementId | null }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="shell__nav-title" id="management-nav-title">
        {t('nav.management.title')}
      </p>
      <nav className="side-nav" aria-labelledby="management-nav-title">
        <ul>
          {MANAGEMENT_IDS.map((id) => (
            <li key={id}>
              <a
                href={managementHref(id)}
                className="side-nav__link"
                aria-current={id === current ? 'page' : undefined}
              >
                <span className="side-nav__icon" aria-hidden="true" />
                {t(`nav.management.${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
