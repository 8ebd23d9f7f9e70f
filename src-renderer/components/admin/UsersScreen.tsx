/**
 * Management > Users ("Benutzer"): the technicians, searched and sorted on the appliance and read
 * a page at a time; creating one; the open user's settings and actions (./UserDetail.tsx).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_USER_SORTS, type AdminUser, type AdminUserSort } from '../../../src-shared/api/admin.js';
import { errorMessage } from '../../lib/error-message.js';
import { useAdminUsersStore } from '../../stores/admin-users-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { DataTable } from '../ui/DataTable.js';
import { Field } from '../ui/Field.js';
import { Section } from '../ui/Section.js';
import { CreateUserForm } from './CreateUserForm.js';
import { UserDetail } from './UserDetail.js';

export function UserBadges({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {user.is_admin && <span className="badge badge--on">{t('users.badges.admin')}</span>}
      {!user.enabled && <span className="badge badge--off">{t('users.badges.disabled')}</span>}
      {user.locked && <span className="badge badge--warn">{t('users.badges.locked')}</span>}
      {user.two_factor_enabled && <span className="badge badge--on">{t('users.badges.twoFactor')}</span>}
    </span>
  );
}

export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const { users, nextCursor, openId, search, more, open } = useAdminUsersStore();
  const [q, setQ] = useState(() => useAdminUsersStore.getState().q);
  const [sort, setSort] = useState<AdminUserSort>(() => useAdminUsersStore.getState().sort);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void run(() => search(useAdminUsersStore.getState().q, useAdminUsersStore.getState().sort));
    // The first page once, when the screen opens (the search is the one kept from the last visit).
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => search(q.trim(), sort));
  };
  const current = users?.find((u) => u.id === openId) ?? null;

  return (
    <Section id="users" title={t('nav.management.users')} intro={t('users.intro')}>
      <div className="card">
        <form
          className="filter-bar filter-bar--users"
          onSubmit={submit}
          role="search"
          aria-label={t('users.searchLabel')}
        >
          <Field
            label={t('users.search')}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={100}
          />
          <div className="field">
            <label htmlFor="users-sort">{t('users.sort')}</label>
            <select id="users-sort" value={sort} onChange={(e) => setSort(e.target.value as AdminUserSort)}>
              {ADMIN_USER_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`users.sorts.${s.startsWith('-') ? `${s.slice(1)}Desc` : s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-bar__actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('users.searchButton')}
            </Button>
            <Button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
              {t('users.create')}
            </Button>
          </div>
        </form>
      </div>
      {creating && (
        <CreateUserForm
          onDone={(message) => {
            setCreating(false);
            setNotice(message);
          }}
        />
      )}
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <DataTable
        caption={t('users.caption')}
        columns={[
          { label: t('users.username') },
          { label: t('users.name') },
          { label: t('users.email') },
          { label: t('users.state') },
          { label: t('users.actions'), hidden: true },
        ]}
        rows={users}
        empty={t('users.empty')}
        paging={{ hasMore: nextCursor !== null, busy, label: t('users.more'), onMore: () => void run(more) }}
      >
        {(u) => (
          <tr key={u.id} data-user={u.username} aria-selected={u.id === openId}>
            <td>{u.username}</td>
            <td>{u.private_display_name}</td>
            <td>{u.email_address ?? '—'}</td>
            <td>
              <UserBadges user={u} />
            </td>
            <td className="table__action">
              <Button onClick={() => open(u.id)} aria-label={t('users.openLabel', { name: u.username })}>
                {t('users.open')}
              </Button>
            </td>
          </tr>
        )}
      </DataTable>
      {current && <UserDetail key={current.id} user={current} />}
    </Section>
  );
}
