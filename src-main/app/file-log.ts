/**
 * The console's log file, `<userData>/logs/console.log`: one line per entry, appended
 * synchronously so the last lines are on disk even when the process exits right after (silent
 * mode reports its outcome here).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ConsoleLog {
  readonly file: string;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function createFileLog(file: string, echo?: (line: string) => void): ConsoleLog {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const write = (level: string, msg: string) => {
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${msg.replace(/\r?\n/g, '\n    ')}\n`;
    fs.appendFileSync(file, line, { mode: 0o600 });
    echo?.(line.trimEnd());
  };
  return {
    file,
    info: (msg) => write('INFO', msg),
    warn: (msg) => write('WARN', msg),
    error: (msg) => write('ERROR', msg),
  };
}
