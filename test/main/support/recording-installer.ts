/**
 * A console "build" that is a tiny installer: a shell script that writes the arguments it was
 * started with to a file. electron-updater runs the downloaded installer itself (NsisUpdater's
 * doInstall: `--updated`, `/S` when silent, `--force-run` to start the console again), so the
 * recorded arguments show what the installer was told, on this Linux machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/appliance.js';

export interface RecordingInstaller {
  file: string;
  /** The arguments the installer was started with, or null until it has run. */
  args(): string[] | null;
}

export function recordingInstaller(name: string, dir = tempDir('installer-')): RecordingInstaller {
  const argsFile = path.join(dir, 'installer-args.txt');
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}.tmp' && mv '${argsFile}.tmp' '${argsFile}'\n`);
  return {
    file,
    args: () => (fs.existsSync(argsFile) ? fs.readFileSync(argsFile, 'utf8').split('\n').filter(Boolean) : null),
  };
}
