/**
 * The MSI install command as My Account shows it, built from the options the technician picks
 * (seed: INSTALLDIR, RUNATSTARTUP, ALLUSERS, SHOULDAUTOUPDATE, QUIET). Defaults are left out, so
 * the command carries only what differs from the seed's defaults. One function for the page and
 * the tests.
 */
export interface MsiCommandOptions {
  /** The downloaded MSI's file name. */
  fileName: string;
  /** The appliance URL the console is bound to (public property SITEURL). */
  siteUrl: string;
  installDir?: string;
  runAtStartup?: boolean;
  allUsers?: boolean;
  shouldAutoUpdate?: boolean;
  quiet?: boolean;
}

export type MsiCommandNote = 'all_users_no_auto_update' | 'per_user_auto_update' | 'log_in_before_update';

/** Quotes a property value for msiexec: always in double quotes, inner quotes doubled. */
export function quoteMsiValue(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function buildMsiCommand(o: MsiCommandOptions): string {
  const parts = ['msiexec', '/i', quoteMsiValue(o.fileName), `SITEURL=${quoteMsiValue(o.siteUrl)}`];
  const dir = o.installDir?.trim();
  if (dir) parts.push(`INSTALLDIR=${quoteMsiValue(dir)}`);
  if (o.runAtStartup) parts.push('RUNATSTARTUP=1');
  if (o.allUsers) parts.push('ALLUSERS=1');
  if (o.shouldAutoUpdate) parts.push('SHOULDAUTOUPDATE=1');
  if (o.quiet) parts.push('/quiet');
  return parts.join(' ');
}

/** The seed's notes that apply to these options (the page shows each). */
export function msiCommandNotes(o: MsiCommandOptions): MsiCommandNote[] {
  const notes: MsiCommandNote[] = [];
  if (o.shouldAutoUpdate && o.allUsers) notes.push('all_users_no_auto_update');
  if (o.shouldAutoUpdate && !o.allUsers) notes.push('per_user_auto_update');
  notes.push('log_in_before_update');
  return notes;
}
