/**
 * Optimistic concurrency. Every editable row carries a `version`. An edit is written with one
 * conditional statement — UPDATE … WHERE id = $id AND version = $expected — so a concurrent edit can
 * never be silently overwritten: the loser gets CONFLICT with the current version and writes nothing.
 * The expected version is the one the client names (`version` argument), else the one just read.
 */
import { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { ConflictError } from './errors';
import { recordChange } from '../audit/audit';

const snapshots = new WeakMap<object, Record<string, unknown>>();

/** Remember a row as read, so the edit can be written as the difference. */
export function track<T extends object>(row: T): T {
  snapshots.set(row, { ...(row as Record<string, unknown>) });
  return row;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function stale(cls: string, id: string, expected: number, currentVersion: number | null): ConflictError {
  return new ConflictError(
    `${cls} ${id} was changed by someone else: you edited version ${expected}, the current version is ${currentVersion}. Reload and try again.`,
    { reason: 'STALE_VERSION', currentVersion, expectedVersion: expected, field: 'version' },
  );
}

/**
 * Refuse an edit based on an old version before any other rule is checked, so the client learns
 * that it must reload (the conditional UPDATE in saveVersioned still guards the write itself).
 */
export function expectVersion(row: { id: string; version: number; constructor: { name: string } }, expected: number | null | undefined): void {
  if (expected != null && expected !== row.version) throw stale(row.constructor.name, row.id, expected, row.version);
}

/** What saveVersioned would write: the changed columns (property → new and old value) and the version expected. */
export function pendingChanges<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  row: T,
  expectedVersion?: number | null,
): { meta: EntityMetadata; set: Record<string, unknown>; was: Record<string, unknown>; expected: number } {
  const cls = row.constructor as { new (): T; name: string };
  const meta = manager.connection.getMetadata(cls);
  const before = snapshots.get(row) ?? {};
  const expected = expectedVersion ?? (before.version as number | undefined) ?? row.version;
  const set: Record<string, unknown> = {};
  const was: Record<string, unknown> = {};
  for (const col of meta.columns) {
    const p = col.propertyName;
    if (col.isPrimary || col.isVersion || col.isUpdateDate || col.isCreateDate || col.isGenerated || p === 'searchVector') continue;
    if (!same(before[p], row[p])) {
      set[p] = row[p];
      was[p] = before[p];
    }
  }
  return { meta, set, was, expected };
}

/** The conflict for a conditional update that matched no row: the row's current version (null when gone). */
export async function staleError(manager: EntityManager, meta: EntityMetadata, id: string, expected: number): Promise<ConflictError> {
  const current: { version: number }[] = await manager.query(`SELECT version FROM "${meta.tableName}" WHERE id = $1`, [id]);
  return stale(meta.name, id, expected, current[0]?.version ?? null);
}

/** After a conditional update wrote `set`: the row carries the new version, its audit entry is recorded, and it is tracked again. */
export function afterVersionedWrite<T extends ObjectLiteral>(row: T, meta: EntityMetadata, set: Record<string, unknown>, was: Record<string, unknown>, raw: { version: number; updated_at: Date }): T {
  (row as Record<string, unknown>).version = raw.version;
  (row as Record<string, unknown>).updatedAt = raw.updated_at;
  if (Object.keys(set).length) recordChange({ entity: meta.name, id: row.id, op: 'update', before: was, after: set });
  track(row);
  return row;
}

export async function saveVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  row: T,
  expectedVersion?: number | null,
): Promise<T> {
  const cls = row.constructor as { new (): T; name: string };
  const { meta, set, was, expected } = pendingChanges(manager, row, expectedVersion);
  const result = await manager
    .createQueryBuilder()
    .update(cls)
    .set(set as never)
    .where('id = :id AND version = :expected', { id: row.id, expected })
    .returning('version, updated_at')
    .execute();
  if (!result.affected) throw await staleError(manager, meta, row.id, expected);
  return afterVersionedWrite(row, meta, set, was, (result.raw as { version: number; updated_at: Date }[])[0]);
}
