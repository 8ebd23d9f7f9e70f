import { type Command } from '../command.js';
import { publishConsoleCommand } from '../console-releases/publish-command.js';
import { releaseKeyCommand } from '../console-releases/release-key-command.js';
import { addDownloadCommand } from '../downloads/add-download-command.js';

/** Subcommands of `npm run appliance -- <command>`; features add theirs here. */
export const commands: Record<string, Command> = {
  'publish-console': publishConsoleCommand,
  'release-key': releaseKeyCommand,
  'add-download': addDownloadCommand,
};
