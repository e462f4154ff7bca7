/**
 * Idempotency-Key for mutations: a request sent again with the same key (by the same principal)
 * is executed once; retries get the stored response, even when they arrive while the first is still
 * running. The same key with a different request is refused. Keys are kept 48 hours.
 *
 * Exactly-once rests on one flag written inside the mutation's own transaction (state = committed):
 * if the process dies before the response is stored, a retry can tell whether the effect happened.
 * Each attempt owns the key through a token (the row's created_at, renewed on takeover): an attempt
 * that was presumed dead and taken over cannot set the flag any more, so its transaction rolls back
 * instead of taking effect a second time, and it cannot release or overwrite its successor's key.
 */
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '../common/errors';

export const KEY_TTL_HOURS = 48;
/** How long a retry waits for the first attempt with its key to finish before answering 409. */
const WAIT_MS = Number(process.env.IDEMPOTENCY_WAIT_MS || 30_000);
/**
 * A key still pending after this long belongs to an attempt that died (its process was killed)
 * before its mutation committed: a retry takes it over. Must stay above the request timeout.
 */
const STALE_PENDING_MS = Number(process.env.IDEMPOTENCY_STALE_MS || 60_000);

export type Begin =
  | { kind: 'execute'; token: string }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'refuse'; status: number; code: string; message: string };

export function requestHash(body: unknown): string {
  const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  return createHash('sha256').update(JSON.stringify([b.query ?? null, b.variables ?? null, b.operationName ?? null])).digest('hex');
}

export function validKey(key: string): boolean {
  return key.length >= 1 && key.length <= 200 && /^[\x21-\x7e]+$/.test(key);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** TypeORM's query() gives [rows, count] for UPDATE/DELETE … RETURNING, and rows for INSERT/SELECT. */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return result as unknown[];
}

export class Idempotency {
  private lastSweep = 0;

  constructor(private ds: DataSource) {}

  async begin(principal: string, key: string, hash: string): Promise<Begin> {
    await this.sweep();
    const inserted: { token: string }[] = await this.ds.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, state) VALUES ($1, $2, $3, 'pending')
       ON CONFLICT DO NOTHING RETURNING created_at::text AS token`,
      [principal, key, hash],
    );
    if (inserted.length) return { kind: 'execute', token: inserted[0].token };
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const [row]: { request_hash: string; state: string; status: number | null; response: string | null; age_ms: number }[] = await this.ds.query(
        `SELECT request_hash, state, status, response, (extract(epoch FROM now() - created_at) * 1000)::int AS age_ms
           FROM idempotency_key WHERE principal = $1 AND key = $2`,
        [principal, key],
      );
      if (!row) {
        // The first attempt had no effect and released the key: this one executes.
        const again: { token: string }[] = await this.ds.query(
          `INSERT INTO idempotency_key (principal, key, request_hash, state) VALUES ($1, $2, $3, 'pending') ON CONFLICT DO NOTHING RETURNING created_at::text AS token`,
          [principal, key, hash],
        );
        if (again.length) return { kind: 'execute', token: again[0].token };
        continue;
      }
      if (row.request_hash !== hash) {
        return { kind: 'refuse', status: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used for a different request' };
      }
      if (row.state === 'done') return { kind: 'replay', status: row.status ?? 200, body: row.response ?? '' };
      if (row.state === 'pending' && row.age_ms > STALE_PENDING_MS) {
        // The first attempt died before its mutation committed (else the state would say so): take over.
        const taken = rowsOf(await this.ds.query(
          `UPDATE idempotency_key SET created_at = clock_timestamp() WHERE principal = $1 AND key = $2 AND state = 'pending' AND created_at < now() - make_interval(secs => $3)
           RETURNING created_at::text AS token`,
          [principal, key, STALE_PENDING_MS / 1000],
        )) as { token: string }[];
        if (taken.length) return { kind: 'execute', token: taken[0].token };
      }
      if (Date.now() > deadline) {
        return row.state === 'committed'
          ? { kind: 'refuse', status: 409, code: 'IDEMPOTENT_REQUEST_DONE', message: 'The request was executed, but its response is not available; read the current state instead' }
          : { kind: 'refuse', status: 409, code: 'IDEMPOTENT_REQUEST_IN_PROGRESS', message: 'A request with this Idempotency-Key is still being executed; retry later' };
      }
      await sleep(50);
    }
  }

  /** Inside the mutation's transaction: the effect and this flag commit together. */
  async markCommitted(manager: EntityManager, principal: string, key: string, token: string): Promise<void> {
    const marked = rowsOf(await manager.query(
      `UPDATE idempotency_key SET state = 'committed' WHERE principal = $1 AND key = $2 AND created_at = $3::timestamptz AND state = 'pending' RETURNING key`,
      [principal, key, token],
    ));
    if (!marked.length) {
      // A retry presumed this attempt dead and took the key over: this attempt must not take effect too.
      throw new ConflictError('A retry with this Idempotency-Key took over while this attempt was running; this attempt was rolled back');
    }
  }

  /** After the response: store it when the mutation took effect, else release the key for a retry. */
  async finish(principal: string, key: string, token: string, status: number, body: string): Promise<void> {
    const stored = rowsOf(await this.ds.query(
      `UPDATE idempotency_key SET state = 'done', status = $4, response = $5
        WHERE principal = $1 AND key = $2 AND created_at = $3::timestamptz AND state = 'committed' RETURNING key`,
      [principal, key, token, status, body],
    ));
    if (!stored.length) await this.release(principal, key, token);
  }

  /** Give the key back when this attempt had no effect (only while this attempt still owns it). */
  async release(principal: string, key: string, token: string): Promise<void> {
    await this.ds.query(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2 AND created_at = $3::timestamptz AND state = 'pending'`, [principal, key, token]);
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 3600_000) return;
    this.lastSweep = Date.now();
    await this.ds.query(`DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`, [KEY_TTL_HOURS]);
  }
}
