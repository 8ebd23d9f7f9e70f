/**
 * Linux "run at startup": an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<id>.desktop`
 * (default `~/.config/autostart`), as desktop environments read it. Exec arguments are quoted by
 * the Desktop Entry rules, so install paths with spaces or quotes work.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const AUTOSTART_ID = 'support-console';

export function autostartFile(env: NodeJS.ProcessEnv, homedir: string): string {
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir, '.config');
  return path.join(base, 'autostart', `${AUTOSTART_ID}.desktop`);
}

/** Quotes one Exec argument (Desktop Entry Specification, "The Exec key"). */
export function quoteExecArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`=]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(opts: { name: string; exec: string; args: string[] }): string {
  const exec = [opts.exec, ...opts.args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${opts.name.replace(/[\r\n]/g, ' ')}`,
    `Exec=${exec}`,
    'Terminal=false',
    'Hidden=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setXdgAutostart(file: string, enabled: boolean, entry: string): Promise<void> {
  if (!enabled) {
    await fs.rm(file, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, entry, { mode: 0o644 });
  await fs.rename(tmp, file);
}
