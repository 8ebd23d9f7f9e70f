/**
 * A new account as every way of creating one (the first administrator, an admin's form, a first
 * single sign-on) starts it: enabled, not an admin, nothing counted or locked, no photo, names
 * from the username. Each caller states only what differs.
 */
import { type NewUser } from './user-repository.js';

type Required = Pick<NewUser, 'username' | 'password_hash'>;

export function newUser(fields: Required & Partial<NewUser>, now: string): NewUser {
  return {
    private_display_name: fields.username,
    public_display_name: fields.username,
    email_address: null,
    preferred_email_language: null,
    enabled: 1,
    is_admin: 0,
    failed_login_count: 0,
    locked_until: null,
    locked_by_admin_only: 0,
    password_changed_at: now,
    password_change_required: 0,
    two_factor_required: 0,
    extended_availability_allowed: 0,
    extended_availability_enabled: 0,
    photo_etag: null,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}
