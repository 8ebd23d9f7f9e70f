/**
 * Where each event on the host's channel goes: the appliance's live events and, in the desktop
 * console, main's own (the update's status, the progress of a file being saved). App subscribes
 * this to `host().onEvent`.
 */
import { type ConsoleEvent } from '../../src-shared/desktop-events.js';
import { useAccountStore } from './account-store.js';
import { useAuthStore } from './auth-store.js';
import { useDownloadsStore } from './downloads-store.js';
import { useInvitationsStore } from './invitations-store.js';
import { useSessionsStore } from './sessions-store.js';
import { useSiteStore } from './site-store.js';
import { useUpdateStore } from './update-store.js';

export function applyConsoleEvent(event: ConsoleEvent): void {
  switch (event.type) {
    case 'account.updated':
      useAccountStore.getState().set(event.data.account);
      if (useSessionsStore.getState().sessions)
        void useSessionsStore
          .getState()
          .load()
          .catch(() => undefined);
      break;
    case 'session.revoked':
      useAuthStore.getState().revoked(event.data.reason);
      break;
    case 'site.updated':
      useSiteStore.getState().set(event.data.site);
      break;
    case 'invitation':
      useInvitationsStore.getState().add(event.data);
      break;
    case 'update.status':
      useUpdateStore.getState().apply(event.data);
      break;
    case 'download.progress':
      useDownloadsStore.getState().progressed(event.data.id, event.data.progress);
      break;
    default:
      break;
  }
}
