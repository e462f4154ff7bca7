/**
 * Reading the change feed without gaps. Change rows carry their transaction's id (xid) and a
 * sequence number. A reader returns only rows whose xid is below the visibility horizon
 * `pg_snapshot_xmin(pg_current_snapshot())`: every transaction with a smaller xid has ended, and
 * every new transaction gets a larger one, so no change can ever appear before the cursor later.
 * Rows are ordered by (xid, seq); the cursor is that pair. A long-running writing transaction holds
 * the horizon back (the feed waits for it), never makes the reader skip it.
 *
 * Order: changes of one transaction stay together, in write order. Two transactions that write the
 * same object are listed in commit order when the waiting one gets its xid only after the wait: the
 * services lock an object first through requireFound({ lock: true }), which queues on an advisory
 * lock (no xid) before the row lock. A multi-object transaction that reaches an object late may, in a
 * rare race, be listed before a concurrent change it waited for; every change carries the object's
 * version, so a consumer can always keep the newest.
 */
import { EntityManager } from 'typeorm';
import { Ctx } from '../context';
import { Sql } from '../common/pagination';
import { InputError } from '../common/errors';
import { ForbiddenError, RecordKind } from '../auth/access';
import { ApiScope } from '../api-key/api-key.entity';
import { REDACTED } from '../auth/confidential';

export interface ChangeRow {
  seq: string;
  xid: string;
  occurred_at: Date;
  entity: string;
  entity_id: string;
  op: 'created' | 'updated' | 'deleted';
  version: number | null;
  partnership_id: string;
  forum_id: string | null;
  confidential: boolean;
  changed_fields: string[] | null;
  data: Record<string, unknown> | null;
}

export interface FeedPosition {
  xid: string;
  seq: string;
}

export const CHANGE_ENTITIES = ['Partnership', 'Forum', 'Meeting', 'AgendaItem', 'Decision', 'ActionItem'] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

/** The record kind whose read rule covers each type (null: the partnership's readers). */
const KIND_OF: Record<ChangeEntity, RecordKind | null> = {
  Partnership: null,
  Forum: null,
  Meeting: 'meetings',
  AgendaItem: 'meetings',
  Decision: 'decisions',
  ActionItem: 'actionItems',
};

/** Text columns (snake_case, as stored) shown only to readers with a legal basis when the object is confidential. */
export const CONFIDENTIAL_COLUMNS: Record<string, string[]> = {
  AgendaItem: ['title', 'description', 'outcome_notes'],
  Decision: ['text'],
  ActionItem: ['title', 'description'],
};

const CURSOR_PREFIX = 'chg1:';

export function encodeFeedCursor(p: FeedPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${p.xid}:${p.seq}`, 'utf8').toString('base64url');
}

export function decodeFeedCursor(cursor: string, field = 'after'): FeedPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^chg1:(\d{1,19}):(\d{1,19})$/.exec(text);
  if (!m) throw new InputError(field, 'is not a change-feed cursor');
  return { xid: m[1], seq: m[2] };
}

export const HORIZON_SQL = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

/** Changes after `after` below the horizon, in feed order; `limit` rows at most. */
export async function readChanges(
  manager: EntityManager,
  opts: { after: FeedPosition | null; limit: number; entities?: string[] | null; partnershipIds?: string[] | null; guard?: (sql: Sql) => string },
): Promise<ChangeRow[]> {
  const sql = new Sql();
  const where = [`c.xid < ${HORIZON_SQL}`];
  if (opts.after) where.push(`(c.xid, c.seq) > (${sql.p(opts.after.xid, 'bigint')}, ${sql.p(opts.after.seq, 'bigint')})`);
  if (opts.entities?.length) where.push(`c.entity = ANY(${sql.p(opts.entities, 'text[]')})`);
  if (opts.partnershipIds) where.push(`c.partnership_id = ANY(${sql.p(opts.partnershipIds, 'uuid[]')})`);
  if (opts.guard) where.push(opts.guard(sql));
  return manager.query(
    `SELECT c.seq::text, c.xid::text, c.occurred_at, c.entity, c.entity_id::text, c.op, c.version, c.partnership_id::text,
            c.forum_id::text, c.confidential, c.changed_fields, c.data
       FROM change_event c WHERE ${where.join(' AND ')} ORDER BY c.xid, c.seq LIMIT ${Number(opts.limit)}`,
    sql.params,
  );
}

/** What the request may read of the feed, as a predicate on change_event `c`. */
export async function feedGuard(ctx: Ctx): Promise<(sql: Sql) => string> {
  const a = ctx.access;
  if (a.isSystem) return () => 'true';
  const p = ctx.principal;
  if (p.kind === 'apiKey' && !p.scopes.includes(ApiScope.READ_CHANGES)) {
    throw new ForbiddenError('Not allowed: reading the change feed needs an API key with the scope read:changes');
  }
  const partnerships = (await a.readablePartnerships()) ?? [];
  const scopes = new Map<RecordKind, { partnerships: string[]; forums: string[] }>();
  for (const kind of ['meetings', 'decisions', 'actionItems'] as RecordKind[]) scopes.set(kind, (await a.readScope(kind)) ?? { partnerships: [], forums: [] });
  return (sql) => {
    const parts: string[] = [];
    const byKind = new Map<RecordKind | null, string[]>();
    for (const e of CHANGE_ENTITIES) byKind.set(KIND_OF[e], [...(byKind.get(KIND_OF[e]) ?? []), e]);
    for (const [kind, entities] of byKind) {
      const s = kind === null ? { partnerships, forums: [] } : scopes.get(kind)!;
      if (!s.partnerships.length && !s.forums.length) continue;
      const where: string[] = [];
      if (s.partnerships.length) where.push(`c.partnership_id = ANY(${sql.p(s.partnerships, 'uuid[]')})`);
      if (s.forums.length) where.push(`c.forum_id = ANY(${sql.p(s.forums, 'uuid[]')})`);
      parts.push(`(c.entity = ANY(${sql.p(entities, 'text[]')}) AND (${where.join(' OR ')}))`);
    }
    return parts.length ? `(${parts.join(' OR ')})` : 'false';
  };
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The stored snapshot with camelCase keys, confidential text replaced unless `reveal`. */
export function presentData(row: ChangeRow, reveal: boolean): Record<string, unknown> | null {
  if (!row.data) return null;
  const hidden = row.confidential && !reveal ? new Set(CONFIDENTIAL_COLUMNS[row.entity] ?? []) : new Set<string>();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row.data)) out[camel(k)] = hidden.has(k) && v !== null ? REDACTED : v;
  return out;
}

export function eventType(row: Pick<ChangeRow, 'entity' | 'op'>): string {
  return `${row.entity.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}.${row.op}`;
}

/** Ids among the rows' objects that are confidential now. */
export async function currentlyConfidential(manager: EntityManager, rows: ChangeRow[]): Promise<Set<string>> {
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && !r.confidential).map((r) => r.entity_id))];
  const [a, d, ai] = [ids('AgendaItem'), ids('Decision'), ids('ActionItem')];
  if (!a.length && !d.length && !ai.length) return new Set();
  const found: { id: string }[] = await manager.query(
    `SELECT id::text FROM agenda_item WHERE id = ANY($1::uuid[]) AND confidential
     UNION ALL SELECT id::text FROM decision WHERE id = ANY($2::uuid[]) AND confidential
     UNION ALL SELECT id::text FROM action_item WHERE id = ANY($3::uuid[]) AND confidential`,
    [a, d, ai],
  );
  return new Set(found.map((f) => f.id));
}

export const changeFeedService = {
  async page(ctx: Ctx, args: { after?: string | null; first?: number | null; types?: string[] | null; partnershipId?: string | null }) {
    ctx.access.requireAuthenticated();
    const first = args.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > 1000) throw new InputError('first', 'must be between 1 and 1000');
    const after = args.after ? decodeFeedCursor(args.after) : null;
    if (args.partnershipId && !/^[0-9a-f-]{36}$/i.test(args.partnershipId)) throw new InputError('partnershipId', 'is not an id');
    const guard = await feedGuard(ctx);
    const rows = await readChanges(ctx.manager, {
      after,
      limit: first + 1,
      entities: args.types,
      partnershipIds: args.partnershipId ? [args.partnershipId.toLowerCase()] : null,
      guard,
    });
    const page = rows.slice(0, first);
    const revealForums = await ctx.access.confidentialForums();
    // An object marked confidential later hides its earlier, then public, text too.
    const nowConfidential = await currentlyConfidential(ctx.manager, page);
    for (const r of page) if (nowConfidential.has(r.entity_id)) r.confidential = true;
    return {
      rows: page,
      hasNextPage: rows.length > first,
      reveal: (r: ChangeRow) => !r.confidential || revealForums === null || (!!r.forum_id && revealForums.includes(r.forum_id)),
      after,
    };
  },
};
