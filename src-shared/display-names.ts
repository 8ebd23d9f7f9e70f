/**
 * Display names (seed: "Ändern Sie Ihre Anzeigenamen"). The private name is what colleagues see,
 * the public name what customers see. They are synced while equal: changing only the private name
 * then changes the public one too; giving a different public name unsyncs them; making them equal
 * again re-syncs. "Synced" is therefore simply "equal" — no separate flag to drift.
 */
import { hasControlCharacters, hasInvisibleFormatCharacters } from './text.js';

export const DISPLAY_NAME_MAX = 64;

export type DisplayNameProblem = 'empty' | 'too_long' | 'control_characters';

/**
 * Trimmed and NFC-normalised (one way to write "Jörg", so two names that look alike are alike);
 * refused with C0/C1 controls and with invisible format characters (bidi embeddings, overrides and
 * isolates, zero-width characters, BOM: they can make a name read as something else).
 */
export function checkDisplayName(raw: string): { value: string; problem: DisplayNameProblem | null } {
  const value = raw.trim().normalize('NFC');
  if (value.length === 0) return { value, problem: 'empty' };
  if ([...value].length > DISPLAY_NAME_MAX) return { value, problem: 'too_long' };
  if (hasControlCharacters(value) || hasInvisibleFormatCharacters(value))
    return { value, problem: 'control_characters' };
  return { value, problem: null };
}

export interface DisplayNames {
  private_display_name: string;
  public_display_name: string;
}

/** Applies a change to the names with the sync rule. Inputs are already trimmed and valid. */
export function applyDisplayNameChange(
  current: DisplayNames,
  change: { private_display_name?: string; public_display_name?: string },
): DisplayNames {
  const synced = current.private_display_name === current.public_display_name;
  const nextPrivate = change.private_display_name ?? current.private_display_name;
  let nextPublic = change.public_display_name ?? current.public_display_name;
  if (change.public_display_name === undefined && synced) nextPublic = nextPrivate;
  return { private_display_name: nextPrivate, public_display_name: nextPublic };
}

export function displayNamesSynced(names: DisplayNames): boolean {
  return names.private_display_name === names.public_display_name;
}
