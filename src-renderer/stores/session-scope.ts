/**
 * What belongs to the signed-in person (their account, sessions, two-factor setup and recovery
 * codes, downloads, invitations, a chosen photo) lives in stores made with `createUserStore`.
 * `leaveSession()` is the one place that forgets it all: every such store goes back to its
 * initial state (zustand's "reset all stores" pattern), so nothing of one person is ever shown to
 * the next who signs in on the same console. It runs on logout, on revocation and after a reset
 * link has been used.
 *
 * An answer that arrives after its session was left must not refill a store: actions take a
 * `sessionScope()` before they await and write only while `scope.current()` still holds.
 */
import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';

const resets = new Set<() => void>();
let generation = 0;

/**
 * `create` for per-user state. `onLeave` releases what the state holds outside the store (object
 * URLs) before it is reset.
 */
export function createUserStore<T>(
  initializer: StateCreator<T>,
  onLeave?: (state: T) => void,
): UseBoundStore<StoreApi<T>> {
  const store = create<T>()(initializer);
  resets.add(() => {
    onLeave?.(store.getState());
    store.setState(store.getInitialState(), true);
  });
  return store;
}

export interface SessionScope {
  /** False once the session this scope was taken in has been left. */
  current(): boolean;
}

export function sessionScope(): SessionScope {
  const taken = generation;
  return { current: () => taken === generation };
}

/** Forgets everything of the person who was signed in: every per-user store from its initial state. */
export function leaveSession(): void {
  generation++;
  for (const reset of resets) reset();
}
