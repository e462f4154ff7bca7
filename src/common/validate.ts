/** Small checks shared by services; each failure names the input field. */
import { EntityManager, ObjectLiteral } from 'typeorm';
import { prepared } from '../db/prepared';
import { ConflictError, InputError, NotFoundError } from './errors';
import { track } from './versioned';
import { shapeOf } from './rows';

export function requireText(field: string, value: string | null | undefined, max = 10_000): string {
  const v = (value ?? '').trim();
  if (!v) throw new InputError(field, 'must not be empty');
  if (v.length > max) throw new InputError(field, `must be at most ${max} characters`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max = 10_000): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (v.length > max) throw new InputError(field, `must be at most ${max} characters`);
  return v || null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/** Load a row that an input refers to; unknown or malformed ids are NOT_FOUND naming the field. */
export async function requireFound<T extends ObjectLiteral>(
  manager: EntityManager,
  cls: { new (): T; name: string },
  id: string,
  field: string,
  opts: { lock?: boolean } = {},
): Promise<T> {
  if (!isUuid(id)) throw new NotFoundError(cls.name, id, field);
  // Queue on an advisory lock first: waiting for it assigns no transaction id, whereas waiting for a
  // row another transaction has updated does (PostgreSQL takes the xid before that wait). So writers
  // of one object get their xids in the order they get the object, and the change feed, ordered by
  // xid, lists each object's changes in commit order (src/change-feed/change-feed.service.ts).
  // Both locks in one statement: the MATERIALIZED CTE runs first (the join needs its row) and only then
  // does FOR UPDATE lock the row (and take the xid), so the order above holds with one round trip.
  const row = opts.lock
    ? await lockRow(manager, cls, id)
    : await manager.findOne(cls, { where: { id } as never });
  if (!row) throw new NotFoundError(cls.name, id, field);
  return track(row);
}

/** Entities whose rows `pg` returns as TypeORM would (no array or JSON-as-text columns): read with plain SQL. */
const plainRows = new Map<string, boolean>();

/** The advisory lock, then the row locked FOR UPDATE, in one statement (see requireFound). */
async function lockRow<T extends ObjectLiteral>(manager: EntityManager, cls: { new (): T; name: string }, id: string): Promise<T | null> {
  let plain = plainRows.get(cls.name);
  if (plain === undefined) {
    const meta = manager.connection.getMetadata(cls);
    plain =
      meta.primaryColumns.length === 1 &&
      meta.columns.every((c) => !c.isArray && !c.embeddedMetadata && !String(c.type).startsWith('simple-') && !c.transformer);
    plainRows.set(cls.name, plain);
  }
  if (plain) {
    // Hot path (every edit): no query builder, rows copied onto the entity's prototype (src/common/rows.ts).
    const shape = shapeOf(cls, manager.connection);
    const rows: Record<string, unknown>[] = await manager.query(
      prepared(`WITH object_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtextextended($1, 0)))
       SELECT ${shape.select('t')} FROM "${shape.table}" t, object_lock WHERE t.id = $2 FOR UPDATE OF t`),
      [id.toLowerCase(), id],
    );
    return rows.length ? shape.hydrate<T>(rows[0]) : null;
  }
  return manager
    .createQueryBuilder(cls, 't')
    .addCommonTableExpression('SELECT pg_advisory_xact_lock(hashtextextended(:objectLockKey, 0))', 'object_lock', { materialized: true })
    .innerJoin('object_lock', 'object_lock', 'true')
    .where('t.id = :id', { id, objectLockKey: id.toLowerCase() })
    .setLock('pessimistic_write', undefined, ['t'])
    .getOne();
}

export function checkPeriod(startsOn: string, endsOn: string | null | undefined, endField = 'endsOn'): void {
  if (endsOn != null && endsOn < startsOn) throw new InputError(endField, 'must not be before startsOn');
}

/** `YYYY-MM-DD` validity (the LocalDate scalar checks format; this also guards service callers). */
export function checkDate(field: string, v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z'))) {
    throw new InputError(field, 'must be a date YYYY-MM-DD');
  }
  return v;
}

/**
 * Periods of the same kind (a person's affiliation with one organisation, an organisation's membership
 * of one partnership…) must not overlap: overlapping rows would make "who was responsible when" ambiguous.
 */
export async function assertNoOverlap(
  manager: EntityManager,
  table: string,
  match: Record<string, string>,
  period: { startsOn: string; endsOn: string | null },
  excludeId: string | null,
  what: string,
): Promise<void> {
  const params: unknown[] = [period.startsOn, period.endsOn];
  const conds = Object.entries(match).map(([col, v]) => {
    params.push(v);
    return `"${col}" = $${params.length}`;
  });
  if (excludeId) {
    params.push(excludeId);
    conds.push(`id <> $${params.length}`);
  }
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM "${table}" WHERE ${conds.join(' AND ')}
       AND daterange(starts_on, ends_on, '[]') && daterange($1::date, $2::date, '[]') LIMIT 1`,
    params,
  );
  if (rows.length) {
    throw new ConflictError(`${what} overlaps an existing one (${rows[0].id}) in that period`, { existingId: rows[0].id, reason: 'OVERLAPPING_PERIOD' });
  }
}
