/**
 * Structured logs (pino): JSON lines on stdout, one child logger per request carrying its request
 * id (`reqId`), so every line a request causes can be found by that id. On a terminal (`npm start`
 * by hand) the same lines are printed readably by pino-pretty; LOG_FORMAT=json|pretty overrides.
 */
import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  format?: 'json' | 'pretty';
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const envFormat = process.env.LOG_FORMAT;
  const format = opts.format ?? (envFormat === 'json' || envFormat === 'pretty' ? envFormat : process.stdout.isTTY ? 'pretty' : 'json');
  const base = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'pretty') {
    // Synchronous, in-process (no worker thread): only for people reading a terminal.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: Record<string, unknown>) => NodeJS.WritableStream;
    return pino(base, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) as any);
  }
  return pino(base);
}

/** A logger that writes nothing (tests, scripts). */
export const silentLogger: Logger = pino({ level: 'silent' });

/** The `(message, error)` callback shape the rest of the code uses, writing to `logger`. */
export function logFn(logger: Logger, level: 'error' | 'warn' | 'info' = 'error') {
  return (msg: string, extra?: unknown) => {
    if (extra instanceof Error) logger[level]({ err: extra }, msg);
    else if (extra !== undefined && extra !== '') logger[level]({ extra }, msg);
    else logger[level](msg);
  };
}
