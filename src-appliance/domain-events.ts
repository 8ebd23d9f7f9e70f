/**
 * Things that happened inside the appliance, for the features that react to them (security-notice
 * mails, live events). Emitters do not know who listens, so account code stays free of mail code.
 */
import { EventEmitter } from 'node:events';
import { type LiveEventMap } from '../src-shared/api/events.js';
import { type FailedMethod, type SignInMethod } from '../src-shared/api/activity.js';
import { type SecondFactorMethod } from '../src-shared/api/passkeys.js';

export interface DomainEventMap {
  'password.changed': { userId: number; via: 'account' | 'reset' | 'admin' };
  'email.changed': { userId: number; oldEmail: string | null; newEmail: string };
  'account.changed': { userId: number };
  'two_factor.changed': {
    userId: number;
    change: 'enabled' | 'disabled' | 'switched' | 'recovery_codes_regenerated' | 'reset_by_admin';
  };
  'site.changed': Record<string, never>;
  /** A passkey was added, renamed or deleted by its owner, or flagged after its counter went backwards. */
  'passkey.changed': {
    userId: number;
    change: 'registered' | 'renamed' | 'deleted' | 'flagged';
    passkeyId: string;
    name: string;
  };
  /** A session was made for the user: what proved them, and where the request came from. */
  signed_in: {
    userId: number;
    sessionId: string;
    client: 'web' | 'console';
    consoleVersion: string | null;
    ip: string;
    userAgent: string;
    method: SignInMethod;
    secondFactor: SecondFactorMethod | null;
  };
  /** A credential presented for the user was wrong (counted toward lockout), and where it came from. */
  'credential.failed': {
    userId: number;
    method: FailedMethod;
    client: 'web' | 'console';
    consoleVersion: string | null;
    ip: string;
    userAgent: string;
  };
  /** Failed attempts locked the account; `until` null: until an administrator unlocks it. */
  'account.locked': { userId: number; until: string | null };
  /** An administrator unlocked the account. */
  'account.unlocked': { userId: number };
  /** Sessions of the user were ended (deleted) at once, `count` of them, for `reason`. */
  'sessions.ended': { userId: number; reason: LiveEventMap['session.revoked']['reason']; count: number };
}

export class DomainEvents {
  private readonly emitter = new EventEmitter();
  private readonly running = new Set<Promise<void>>();

  emit<K extends keyof DomainEventMap>(type: K, data: DomainEventMap[K]): void {
    this.emitter.emit(type, data);
  }

  on<K extends keyof DomainEventMap>(type: K, listener: (data: DomainEventMap[K]) => void | Promise<void>): void {
    this.emitter.on(type, (data: DomainEventMap[K]) => {
      const run: Promise<void> = Promise.resolve()
        .then(() => listener(data))
        .catch((err: unknown) => void this.emitter.emit('error', err))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    });
  }

  /**
   * Resolves when the listeners of every event emitted so far have finished, so a reader of what
   * they write (the security timeline) sees the effects of the requests answered before it.
   */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  onError(listener: (err: unknown) => void): void {
    this.emitter.on('error', listener);
  }
}
