/** Typed configuration from the environment, with defaults that make `npm start` work on a bare machine. */
import path from 'node:path';

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Code always runs compiled from dist/src, two levels below the project root. */
export const projectRoot = path.resolve(__dirname, '../..');

export interface Config {
  /** External PostgreSQL; when unset an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** Data directory of the embedded PostgreSQL. */
  embeddedDataDir: string;
  embeddedPort: number;
  /** Time zone used for due dates and "today" (overdue). */
  timeZone: string;
  logSql: boolean;
  production: boolean;
}

export function loadConfig(): Config {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    port: int('PORT', 4000),
    host: process.env.HOST || '0.0.0.0',
    embeddedDataDir: path.resolve(projectRoot, process.env.EMBEDDED_PG_DIR || '.data/postgres'),
    embeddedPort: int('EMBEDDED_PG_PORT', 54329),
    timeZone: process.env.TZ_RECORD || 'Europe/Copenhagen',
    logSql: process.env.LOG_SQL === '1',
    production: process.env.NODE_ENV === 'production',
  };
}
