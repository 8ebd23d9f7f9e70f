/**
 * The console's check of the publisher's signature (src-shared/release-signature.ts), run by the
 * download executor on the bytes it just wrote, after their sha512 matched the feed and before the
 * file is handed to electron-updater. A file that fails never reaches electron-updater's cache, so
 * neither `quitAndInstall` nor the install-at-quit handler can run it.
 *
 * The feed is the appliance's, and the appliance may be the attacker: the sha512, the version and
 * the signature in `latest.yml` are all claims. The signature is checked over the version the
 * feed offers and the SHA-512 of the bytes actually received, against keys the console pins
 * (built in, or IT's RELEASEKEY), never against anything the feed says.
 */
import { newError } from 'builder-util-runtime';
import { type UpdateInfo } from 'electron-updater';
import { verifyReleaseSignature } from '../../src-shared/release-signature.js';

export const ERR_RELEASE_UNTRUSTED = 'ERR_RELEASE_UNTRUSTED';

export interface DownloadedFile {
  /** base64 SHA-512 of the bytes received. */
  sha512: string;
}

export class ReleaseVerifier {
  private offered: UpdateInfo | null = null;

  constructor(private readonly keys: readonly string[]) {}

  /** The update the feed offered (checkForUpdates' answer), whose download comes next. */
  expect(info: UpdateInfo | null): void {
    this.offered = info;
  }

  /** Resolves when the publisher signed this file as the offered version; else throws ERR_RELEASE_UNTRUSTED. */
  async verify(file: DownloadedFile): Promise<void> {
    const info = this.offered;
    if (!info) throw newError('A download arrived without an update offer to check it against', ERR_RELEASE_UNTRUSTED);
    const entry = info.files.find((f) => f.sha512 === file.sha512) as { signature?: unknown } | undefined;
    const signature = typeof entry?.signature === 'string' ? entry.signature : null;
    if (!signature)
      throw newError(
        `Version ${info.version} offered by the server carries no publisher signature: not installed`,
        ERR_RELEASE_UNTRUSTED,
      );
    if (!(await verifyReleaseSignature(this.keys, { version: info.version, sha512: file.sha512 }, signature)))
      throw newError(
        `Version ${info.version} offered by the server is not signed by the publisher's release key (sha512 ${file.sha512}): not installed`,
        ERR_RELEASE_UNTRUSTED,
      );
  }
}
