/**
 * The Management screens (admins only): their own lazily loaded chunk with their own texts, so
 * neither the login screen nor a technician's My Account carries them.
 */
import { type ManagementId } from './management-ids.js';
import { registerAdminTexts } from '../../i18n/admin-texts.js';
import { AuditLogScreen } from './AuditLogScreen.js';
import { UsersScreen } from './UsersScreen.js';
import { ConsoleSoftwareScreen } from './software/ConsoleSoftwareScreen.js';
import { SecurityScreen } from './SecurityScreen.js';
import { CustomerClientScreen } from './CustomerClientScreen.js';
import './admin.css';

registerAdminTexts();

const SCREENS: Record<ManagementId, () => React.JSX.Element> = {
  security: SecurityScreen,
  users: UsersScreen,
  software: ConsoleSoftwareScreen,
  'customer-client': CustomerClientScreen,
  audit: AuditLogScreen,
};

export default function Management({ screen }: { screen: ManagementId }) {
  const Screen = SCREENS[screen];
  return <Screen key={screen} />;
}
