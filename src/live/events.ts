/**
 * Changes to the record as they are committed, for live updates (GraphQL subscriptions).
 *
 * Database triggers on meeting, agenda_item, decision and action_item call pg_notify() (migration
 * LiveUpdates). PostgreSQL delivers a notification only when its transaction commits, so subscribers
 * never see a change that was rolled back, and every server process that LISTENs gets every change,
 * whichever process wrote it. The notification carries ids only; each subscriber loads the row
 * with its own access rights.
 *
 * A process holds one LISTEN connection, opened at the first subscription, reconnected after a drop
 * (changes during the gap are not replayed: live updates are a convenience, the record is the truth).
 */
import type { PoolClient, Pool, Notification } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export const CHANNEL = 'record_change';

export type ChangedTable = 'meeting' | 'agenda_item' | 'decision' | 'action_item';

export interface RecordChange {
  table: ChangedTable;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  id: string;
  /** The meeting the row belongs to (the meeting itself for meeting rows). */
  meetingId: string | null;
  /** Action items: the assignee organisation, and the previous one after a reassignment. */
  organisationIds: string[];
}

type Listener = (change: RecordChange) => void;

export class RecordEvents {
  private listeners = new Set<Listener>();
  private client: PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private ds: DataSource,
    private log: (m: string, e?: unknown) => void = (m, e) => console.error(m, e ?? ''),
  ) {}

  /** Start listening (once) and call `fn` for every committed change until the returned function is called. */
  async subscribe(fn: Listener): Promise<() => void> {
    this.listeners.add(fn);
    await this.connect();
    return () => {
      this.listeners.delete(fn);
    };
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const pool = (this.ds.driver as PostgresDriver).master as Pool;
      const client = await pool.connect();
      client.on('notification', (n: Notification) => this.dispatch(n));
      client.on('error', (e) => this.dropped(client, e));
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private dropped(client: PoolClient, e: unknown) {
    this.log('live updates: LISTEN connection lost; reconnecting', e);
    if (this.client === client) this.client = null;
    client.release(true);
    if (this.closed || !this.listeners.size) return;
    this.retry = setTimeout(() => void this.connect().catch((err) => this.dropped(client, err)), 1000);
  }

  private dispatch(n: Notification) {
    if (n.channel !== CHANNEL || !n.payload) return;
    let change: RecordChange;
    try {
      const p = JSON.parse(n.payload) as { t: ChangedTable; op: RecordChange['op']; id: string; m: string | null; o: string[] | null };
      change = { table: p.t, op: p.op, id: p.id, meetingId: p.m, organisationIds: p.o ?? [] };
    } catch (e) {
      this.log('live updates: unreadable notification', e);
      return;
    }
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (e) {
        this.log('live updates: listener failed', e);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.listeners.clear();
    await this.connecting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    if (c) {
      try {
        await c.query(`UNLISTEN ${CHANNEL}`);
      } catch {
        /* closing anyway */
      }
      c.release();
    }
  }
}

/** An async iterator fed by pushes; ends when the consumer returns (unsubscribes). */
export class Feed<T> implements AsyncIterableIterator<T> {
  private queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(private onClose: () => void) {}

  push(v: T) {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: v, done: false });
    } else if (this.queue.length < 1000) this.queue.push(v);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined as never, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue = [];
      this.onClose();
      this.waiting?.({ value: undefined as never, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined as never, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
