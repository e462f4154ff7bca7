/**
 * "The database is unreachable" as one recognisable condition. While PostgreSQL is down, restarting
 * or refusing connections, requests fail fast with HTTP 503 and `DATABASE_UNAVAILABLE` (and
 * `Retry-After`), instead of a masked 500 or a hang; the pool reconnects by itself once it is back.
 */
import { QueryFailedError } from 'typeorm';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

/** Node socket errors of a connection that cannot be made or was cut. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception) except 08P01 (protocol violation: a bug in
 * the statement sent, e.g. a parameter count that does not match, not an outage), 57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up / shutting down), 53300 too
 * many connections.
 */
const PG_CODES = /^(08(?!P01)...|57P0[123]|53300)$/;
/** Errors node-postgres raises without a code. */
const PG_MESSAGES = [
  /Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pool checkout timed out (connectionTimeoutMillis)
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (NET_CODES.has(code) || PG_CODES.test(code)) return true;
  const message = typeof err.message === 'string' ? err.message : '';
  if (PG_MESSAGES.some((re) => re.test(message))) return true;
  if (e instanceof QueryFailedError || err.driverError) return isDatabaseUnavailable(err.driverError, depth + 1);
  return isDatabaseUnavailable(err.originalError, depth + 1) || isDatabaseUnavailable(err.cause, depth + 1);
}

export const databaseUnavailableBody = {
  errors: [
    {
      message: 'The database is unavailable right now; retry shortly',
      extensions: { code: DATABASE_UNAVAILABLE },
    },
  ],
};
