/**
 * One timeline entry in the reader's language, from its kind and data only (the appliance stores
 * no prose): a title, detail lines, and whether it was a sign-in from a new device.
 */
import { type TFunction } from 'i18next';
import { type ActivityItem } from '../../../../src-shared/api/activity.js';
import { formatDateTime } from '../../../i18n/format.js';

export interface DescribedEntry {
  title: string;
  details: string[];
  newDevice: boolean;
}

/** A text for `key.value`, or for `key.other` when this console does not know the value yet. */
function oneOf(t: TFunction, key: string, value: string): string {
  return t(`${key}.${value}`, { defaultValue: t(`${key}.other`) });
}

function origin(
  t: TFunction,
  d: { client: string; console_version: string | null; ip: string; browser: string | null; os: string | null },
): string[] {
  const client =
    d.client === 'console' && d.console_version
      ? t('activity.client.consoleVersion', { version: d.console_version })
      : t(`activity.client.${d.client === 'console' ? 'console' : 'web'}`);
  const device = [d.browser, d.os].filter(Boolean).join(', ');
  return [[client, device].filter(Boolean).join(' · '), t('activity.ip', { ip: d.ip })];
}

export function describeActivity(t: TFunction, item: ActivityItem, language: string): DescribedEntry {
  const plain = (title: string, ...details: string[]): DescribedEntry => ({ title, details, newDevice: false });
  switch (item.kind) {
    case 'sign_in': {
      const d = item.data;
      const how = [
        t(`activity.method.${d.method}`),
        d.second_factor ? t(`activity.secondFactor.${d.second_factor}`) : '',
      ]
        .filter(Boolean)
        .join(' ');
      return { title: t('activity.kinds.sign_in'), details: [how, ...origin(t, d)], newDevice: d.new_device };
    }
    case 'sign_in_failed': {
      const d = item.data;
      const details = [t(`activity.failedMethod.${d.method}`), ...origin(t, d)];
      if (d.count > 1)
        details.push(
          t('activity.between', {
            from: formatDateTime(item.at, language),
            to: formatDateTime(d.last_at, language),
          }),
        );
      return plain(t('activity.kinds.sign_in_failed', { count: d.count }), ...details);
    }
    case 'locked':
      return plain(
        t('activity.kinds.locked'),
        item.data.until
          ? t('activity.lockedUntil', { time: formatDateTime(item.data.until, language) })
          : t('activity.lockedByAdmin'),
      );
    case 'unlocked':
      return plain(t('activity.kinds.unlocked'), t('activity.unlockedByAdmin'));
    case 'password_changed':
      return plain(t('activity.kinds.password_changed'), t(`activity.passwordVia.${item.data.via}`));
    case 'email_changed':
      return plain(t('activity.kinds.email_changed'));
    case 'two_factor_changed':
      return plain(t('activity.kinds.two_factor_changed'), t(`activity.twoFactor.${item.data.change}`));
    case 'passkey_changed':
      return plain(
        t('activity.kinds.passkey_changed'),
        t(`activity.passkey.${item.data.change}`, { name: item.data.name }),
      );
    case 'sessions_ended':
      return plain(
        t('activity.kinds.sessions_ended'),
        `${t('activity.sessions', { count: item.data.count })} ${oneOf(t, 'activity.endedBy', item.data.reason)}`,
      );
    case 'update_token_issued':
      return plain(
        t('activity.kinds.update_token_issued'),
        ...(item.data.install_id ? [t('activity.installation', { id: item.data.install_id })] : []),
      );
    case 'update_token_revoked':
      return plain(
        t('activity.kinds.update_token_revoked'),
        oneOf(t, 'activity.revokedBy', item.data.reason),
        ...(item.data.install_id ? [t('activity.installation', { id: item.data.install_id })] : []),
      );
    default:
      // A kind added on the appliance after this console was built.
      return plain(t('activity.kinds.unknown'));
  }
}
