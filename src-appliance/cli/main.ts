/**
 * `npm run appliance [-- <command> ...]`. Without a command it starts the appliance; subcommands
 * (publish-console, add-download, ...) are registered in ./commands.ts.
 */
import { configFromEnv } from '../config.js';
import { commands } from './commands.js';
import { serve } from './serve.js';

const [name, ...args] = process.argv.slice(2);
const config = configFromEnv();
if (!name || name === 'serve') {
  await serve(config);
} else if (commands[name]) {
  process.exitCode = await commands[name].run(config, args);
} else {
  console.error(`Unknown command "${name}". Commands: serve, ${Object.keys(commands).join(', ')}`);
  process.exitCode = 2;
}
