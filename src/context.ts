/**
 * The per-request context: the EntityManager to use (swapped for a transactional one inside
 * mutations), fresh loaders, the acting person, a request id and the clock.
 */
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Loaders } from './common/loaders';
import { countCacheOf } from './common/count-cache';
import { useMetadataOf } from './common/rows';
import { Access } from './auth/access';
import { Principal } from './auth/principal';
import { canReadRows } from './auth/scope';

export interface Ctx {
  dataSource: DataSource;
  manager: EntityManager;
  loaders: Loaders;
  /** Who is asking; every read and write is checked against it through `access`. */
  principal: Principal;
  access: Access;
  /** The person acting (recorded in histories); null for API keys and the system. */
  actorId: string | null;
  /** Reads of confidential content in this request, written to the access log before the response. */
  confidentialReads: Set<string>;
  requestId: string;
  /**
   * Facts about the response, shared by reference (Apollo may copy the context object):
   * `hasSecret`: it carries a secret (a new API key) and must not be stored for idempotent replay.
   */
  response: { hasSecret: boolean };
  /** Runs inside each mutation's transaction just before it commits (idempotency bookkeeping). */
  onMutationCommit?: (manager: EntityManager) => Promise<void>;
  now(): Date;
  timeZone: string;
  /** The HTTP request being served (logging and metrics, src/ops/); absent outside the HTTP server. */
  request?: RequestInfo;
}

/** Facts about the HTTP request, shared by reference between the server and Apollo plugins. */
export interface RequestInfo {
  /** Logs with the request id on every line. */
  log: (msg: string, extra?: unknown) => void;
  /** Name and type of the GraphQL operation, once resolved. */
  operation: string | null;
  type: string | null;
  /** `extensions.code` of every error in the response. */
  errorCodes: string[];
}

export interface ContextOptions {
  /** Required: the server passes the authenticated principal; seed and scripts pass SYSTEM. */
  principal: Principal;
  /** Person recorded as the actor; defaults to the principal's person. */
  actorId?: string | null;
  requestId?: string;
  now?: () => Date;
  timeZone?: string;
}

export function createContext(dataSource: DataSource, opts: ContextOptions): Ctx {
  useMetadataOf(dataSource);
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? 'Europe/Copenhagen';
  const access = new Access(dataSource.manager, opts.principal, () => localDate(now(), timeZone));
  const ctx: Ctx = {
    dataSource,
    manager: dataSource.manager,
    loaders: new Loaders(dataSource.manager),
    principal: opts.principal,
    access,
    actorId: opts.actorId !== undefined ? opts.actorId : opts.principal.kind === 'person' ? opts.principal.personId : null,
    confidentialReads: new Set(),
    response: { hasSecret: false },
    requestId: opts.requestId ?? randomUUID(),
    now,
    timeZone,
  };
  ctx.loaders.setFilter((cls, rows) => canReadRows(ctx, cls, rows));
  return ctx;
}

/**
 * Run `fn` in one transaction. Nested calls join the outer transaction, so a service method that
 * calls another still commits or rolls back as one. Loaders are cleared afterwards so the response
 * reads what was written.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.manager.queryRunner?.isTransactionActive) return fn(ctx);
  try {
    return await ctx.manager.transaction(async (manager) => {
      const tx: Ctx = { ...ctx, manager, loaders: new Loaders(manager) };
      tx.loaders.setFilter((cls, rows) => canReadRows(tx, cls, rows));
      return fn(tx);
    });
  } finally {
    ctx.loaders.clear();
    // Counts kept from before the transaction are dropped before the response goes out (count-cache.ts).
    countCacheOf(ctx.dataSource).changed();
  }
}

/**
 * Run `fn` with the context bound to `manager` (a transaction), then restore it. Used by the
 * mutation middleware: the services' inTransaction() joins the open transaction.
 */
export async function withManager<T>(ctx: Ctx, manager: EntityManager, fn: () => Promise<T>): Promise<T> {
  const outer = ctx.manager;
  ctx.manager = manager;
  ctx.loaders = new Loaders(manager);
  ctx.loaders.setFilter((cls, rows) => canReadRows(ctx, cls, rows));
  try {
    return await fn();
  } finally {
    ctx.manager = outer;
    ctx.loaders = new Loaders(outer);
    ctx.loaders.setFilter((cls, rows) => canReadRows(ctx, cls, rows));
    ctx.access.reset();
  }
}

/** Today's calendar date in the record's time zone, `YYYY-MM-DD`. */
export function today(ctx: Pick<Ctx, 'now' | 'timeZone'>): string {
  return localDate(ctx.now(), ctx.timeZone);
}

const dayFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

/**
 * The date at `at` in `timeZone` (YYYY-MM-DD). Formatting costs a few microseconds and a page asks for
 * it per row (`overdue`), so the last answer per zone is kept for its minute: every zone's offset is a
 * whole number of minutes, so a date never changes within one.
 */
export function localDate(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: NaN, day: '' };
    dayFormats.set(timeZone, f);
  }
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== f.minute) {
    f.day = f.format.format(at);
    f.minute = minute;
  }
  return f.day;
}
