/**
 * Invitations from colleagues that reached this console live. The appliance delivers an invitation
 * over the event socket of a technician's desktop console (else by mail, when extended
 * availability is on) and tells the sender "delivered by console", so the console must show it.
 * Kept until dismissed or until the session ends (per user: see session-scope.ts); the same
 * invitation is kept once.
 */
import { type LiveEventMap } from '../../src-shared/api/events.js';
import { createUserStore } from './session-scope.js';

export type Invitation = LiveEventMap['invitation'] & { received_at: string };
const MAX_KEPT = 20;

interface InvitationsState {
  /** Newest first. */
  received: Invitation[];
  add(invitation: LiveEventMap['invitation']): void;
  dismiss(id: string): void;
}

export const useInvitationsStore = createUserStore<InvitationsState>((set, get) => ({
  received: [],
  add(invitation) {
    if (get().received.some((i) => i.id === invitation.id)) return;
    set({ received: [{ ...invitation, received_at: new Date().toISOString() }, ...get().received].slice(0, MAX_KEPT) });
  },
  dismiss: (id) => set({ received: get().received.filter((i) => i.id !== id) }),
}));
