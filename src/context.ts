/**
 * The per-request context: the EntityManager to use (swapped for a transactional one inside
 * mutations), fresh loaders, the acting person, a request id and the clock.
 */
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Loaders } from './common/loaders';

export interface Ctx {
  dataSource: DataSource;
  manager: EntityManager;
  loaders: Loaders;
  /** The person acting; null for the system (seed, scripts) until authentication exists. */
  actorId: string | null;
  requestId: string;
  now(): Date;
  timeZone: string;
}

export interface ContextOptions {
  actorId?: string | null;
  requestId?: string;
  now?: () => Date;
  timeZone?: string;
}

export function createContext(dataSource: DataSource, opts: ContextOptions = {}): Ctx {
  return {
    dataSource,
    manager: dataSource.manager,
    loaders: new Loaders(dataSource.manager),
    actorId: opts.actorId ?? null,
    requestId: opts.requestId ?? randomUUID(),
    now: opts.now ?? (() => new Date()),
    timeZone: opts.timeZone ?? 'Europe/Copenhagen',
  };
}

/**
 * Run `fn` in one transaction. Nested calls join the outer transaction, so a service method that
 * calls another still commits or rolls back as one. Loaders are cleared afterwards so the response
 * reads what was written.
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.manager.queryRunner?.isTransactionActive) return fn(ctx);
  try {
    return await ctx.manager.transaction(async (manager) => fn({ ...ctx, manager, loaders: new Loaders(manager) }));
  } finally {
    ctx.loaders.clear();
  }
}

/** Today's calendar date in the record's time zone, `YYYY-MM-DD`. */
export function today(ctx: Pick<Ctx, 'now' | 'timeZone'>): string {
  return localDate(ctx.now(), ctx.timeZone);
}

export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
