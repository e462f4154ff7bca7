/**
 * Counts of lists kept between requests until the record changes.
 *
 * An organisation's page counts its open and overdue action items (`boundedCount`: up to 1,001 index
 * entries for a municipal department nationally), a search counts its matches (and decides by that
 * count between sorting them all and walking periods, ListQuery.walk). The same counts are asked again
 * and again between two changes: every reader of the page, every refresh, the next pages of a search.
 * A list that allows it (ListQuery.countsCached) has its counts kept here, keyed by the count's SQL and
 * the values of the parameters it reads (the reader's read guard, the filter, the date for "overdue"),
 * and read again only after a change.
 *
 * What counts as a change: any committed change to meetings, agenda items, decisions or action items
 * (their triggers notify `record_change`, the live updates' channel, src/live/events.ts), and any
 * statement changing the open-work table or the search documents (`count_change`, migration
 * CountChangeNotifications: an organisation moved, a rebuild). PostgreSQL delivers a notification only
 * when its transaction commits, to every process listening, so every server process drops its counts
 * on every change, whichever process made it. This process's own writes drop them as they commit
 * (the mutation middleware and inTransaction call `changed()`), before the response is sent, so a
 * client never reads a count from before its own write. Another process's write reaches this one
 * when the notification does, within milliseconds: a count read in between may be that old, as a
 * count read just before the write would be.
 *
 * Kept only while the LISTEN connection is up (its own connection, not one of the pool's): without
 * it changes could go unseen, so counts are read every time until it is back, and everything kept
 * before is dropped. A count read while a change arrives is not kept (`begin()`/`set()` compare a
 * generation), nor one read inside a transaction (it may see the transaction's own writes).
 * `COUNT_CACHE=0` turns it off; `COUNT_CACHE_ENTRIES` (default 10,000) bounds it, least recently
 * used first out.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { CHANNEL as RECORD_CHANNEL } from '../live/events';

export const COUNT_CHANNEL = 'count_change';

export class CountCache {
  private generation = 0;
  private live = false;
  private readonly entries = new Map<string, number>();
  /** Counts served from the cache and counts looked up but not there, since the process started (/metrics). */
  hits = 0;
  misses = 0;

  constructor(private readonly max = Math.max(0, Number(process.env.COUNT_CACHE_ENTRIES ?? 10_000))) {}

  /** Counts are kept (the LISTEN connection is up). */
  get enabled(): boolean {
    return this.live && this.max > 0;
  }

  /** The generation a read starts under: `set` keeps its counts only if nothing changed meanwhile. */
  begin(): number {
    return this.generation;
  }

  get(key: string): number | undefined {
    if (!this.enabled) return undefined;
    const n = this.entries.get(key);
    if (n === undefined) {
      this.misses++;
      return n;
    }
    this.hits++;
    // Least recently used goes first: a hit moves to the end.
    this.entries.delete(key);
    this.entries.set(key, n);
    return n;
  }

  set(key: string, generation: number, n: number): void {
    if (!this.enabled || generation !== this.generation) return;
    this.entries.set(key, n);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Something in the record changed: any count may have. */
  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The LISTEN connection came up or went down: either way nothing kept so far can be trusted. */
  setLive(live: boolean): void {
    this.changed();
    this.live = live;
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<DataSource, CountCache>();

/** The count cache of a database (off until `listenForCountChanges` runs for it). */
export function countCacheOf(ds: DataSource): CountCache {
  let c = caches.get(ds);
  if (!c) caches.set(ds, (c = new CountCache()));
  return c;
}

/** One read's use of the cache: counts looked up, and what it counted kept unless a change arrived since it began. */
export interface CountRead {
  get(key: string): number | undefined;
  keep(key: string, n: number): void;
}

/**
 * The cache as a read through `manager`, beginning now, may use it: null while counts are not kept,
 * or inside a transaction (the read may see the transaction's own writes).
 */
export function countRead(manager: EntityManager): CountRead | null {
  if (manager.queryRunner?.isTransactionActive) return null;
  const cache = countCacheOf(manager.connection);
  if (!cache.enabled) return null;
  const generation = cache.begin();
  return { get: (key) => cache.get(key), keep: (key, n) => cache.set(key, generation, n) };
}

/**
 * A count's key: its SQL, the values of the parameters it reads (`$n`), and `extra` (what else sets
 * two counts of the same SQL apart: a walk's gate), hashed. Binary parameters (uuid lists) are hashed
 * as their bytes.
 */
export function countKey(text: string, params: readonly unknown[], ...extra: string[]): string {
  const h = createHash('sha1').update(text);
  for (const ref of new Set(text.match(/\$\d+/g) ?? [])) {
    const v = params[Number(ref.slice(1)) - 1];
    h.update(`\0${ref}=`);
    h.update(Buffer.isBuffer(v) ? v : (JSON.stringify(v) ?? 'undefined'));
  }
  for (const e of extra) h.update(`\0${e}`);
  return h.digest('base64url');
}

/**
 * Keep counts for `ds` while a connection of its own LISTENs to every change (reconnecting after a
 * drop, a second later). Resolves once the first attempt to connect is over (a failed one keeps
 * retrying in the background), with the function that stops it.
 */
export async function listenForCountChanges(ds: DataSource, log: (m: string, e?: unknown) => void): Promise<() => Promise<void>> {
  const cache = countCacheOf(ds);
  if (process.env.COUNT_CACHE === '0') return async () => undefined;
  const options = ((ds.driver as PostgresDriver).master as pg.Pool).options;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const drop = (c: pg.Client, e: unknown) => {
    if (client === c) {
      client = null;
      cache.setLive(false);
      if (!stopped) log('count cache: LISTEN connection lost; counts are read every time until it is back', e);
    }
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (!stopped && !retry) retry = setTimeout(() => void connect(), 1000).unref();
  };

  const connect = async () => {
    retry = null;
    if (stopped) return;
    const c = new pg.Client(options);
    c.on('notification', () => cache.changed());
    c.on('error', (e) => drop(c, e));
    c.on('end', () => drop(c, new Error('connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${RECORD_CHANNEL}; LISTEN ${COUNT_CHANNEL}`);
    } catch (e) {
      drop(c, e);
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    cache.setLive(true);
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    cache.setLive(false);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}
