/**
 * Management > Customer client ("Kunden-Client :: Sonstige Optionen"): the site's elevation rules.
 * The elevation service on a customer's computer holds the site's hash; when a session from this
 * site starts and the hashes match, these rules decide whether the customer client elevates:
 *   - `elevate_automatically`: at once, at the start of the session;
 *   - `elevate_on_request`: otherwise, still when the representative clicks Elevate in the console
 *     (neither the representative nor the customer is asked for credentials).
 */
import Type, { type Static } from 'typebox';
import { Nullable } from './common.js';

export const CustomerClientSettings = Type.Object({
  elevate_automatically: Type.Boolean(),
  elevate_on_request: Type.Boolean(),
  /** When an administrator last changed a rule; null while the defaults stand. */
  updated_at: Nullable(Type.String()),
});
export type CustomerClientSettings = Static<typeof CustomerClientSettings>;

/** `PUT /api/admin/customer-client`: one rule or both. */
export const CustomerClientPatch = Type.Object(
  {
    elevate_automatically: Type.Optional(Type.Boolean()),
    elevate_on_request: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CustomerClientPatch = Static<typeof CustomerClientPatch>;

/** The rules of a new site: no elevation without the representative's click. */
export const DEFAULT_CUSTOMER_CLIENT = { elevate_automatically: false, elevate_on_request: true } as const;
