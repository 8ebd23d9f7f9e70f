import { type ApplianceConfig } from './config.js';

/**
 * A subcommand of `npm run appliance -- <name> ...` (see cli/commands.ts). Declared here, next to
 * the context, so a feature's command does not import the command line that lists it.
 */
export interface Command {
  summary: string;
  /** Returns the exit code. */
  run(config: ApplianceConfig, args: string[]): Promise<number>;
}
