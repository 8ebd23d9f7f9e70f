/**
 * A console "build" that is a tiny installer: a shell script that writes the arguments it was
 * started with to a file. electron-updater runs the downloaded installer itself (NsisUpdater's
 * doInstall: `--updated`, `/S` when silent, `--force-run` to start the console again), so the
 * recorded arguments show what the installer was told, on this Linux machine. `size` pads it
 * after its `exit` (the shell never reads that far), so its download takes many chunks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/appliance.js';

export interface RecordingInstaller {
  file: string;
  /** The arguments the installer was started with, or null until it has run. */
  args(): string[] | null;
}

export function recordingInstaller(name: string, dir = tempDir('installer-'), size = 0): RecordingInstaller {
  const argsFile = path.join(dir, 'installer-args.txt');
  const file = path.join(dir, name);
  const script = Buffer.from(
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}.tmp' && mv '${argsFile}.tmp' '${argsFile}'\nexit 0\n`,
  );
  const padding = crypto
    .randomBytes(Math.max(0, size - script.length))
    .toString('base64')
    .slice(0, size - script.length);
  fs.writeFileSync(file, Buffer.concat([script, Buffer.from(padding)]));
  return {
    file,
    args: () => (fs.existsSync(argsFile) ? fs.readFileSync(argsFile, 'utf8').split('\n').filter(Boolean) : null),
  };
}
