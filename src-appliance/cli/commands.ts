import { type ApplianceConfig } from '../config.js';
import { publishConsoleCommand } from '../console-releases/publish-command.js';
import { addDownloadCommand } from '../downloads/add-download-command.js';

export interface Command {
  summary: string;
  /** Returns the exit code. */
  run(config: ApplianceConfig, args: string[]): Promise<number>;
}

/** Subcommands of `npm run appliance -- <command>`; features add theirs here. */
export const commands: Record<string, Command> = {
  'publish-console': publishConsoleCommand,
  'add-download': addDownloadCommand,
};
