/**
 * The audit trail. Every mutation runs in one transaction opened by the Audited middleware; a TypeORM
 * subscriber collects each row the mutation inserts, updates or removes (with the changed fields
 * before and after), and the middleware writes one audit row for the mutation in the same transaction.
 * A mutation that fails rolls back, audit row included: the trail holds exactly what happened.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { prepared } from '../db/prepared';
import { MiddlewareFn } from 'type-graphql';
import { EntityManager, EntitySubscriberInterface, EventSubscriber, InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';
import { Ctx, withManager } from '../context';
import { countCacheOf } from '../common/count-cache';
import { AuditEntry, ConfidentialRead, IdempotencyKey, RowChange } from './audit.entity';

const collector = new AsyncLocalStorage<RowChange[]>();

/** Tables that are bookkeeping about the record, not the record itself. */
const NOT_AUDITED = new Set<string>([AuditEntry.name, ConfidentialRead.name, IdempotencyKey.name]);

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Never copied into the trail. */
const SECRET_PROPERTIES = new Set(['secretHash', 'searchVector', 'encryptedSecret', 'unsubscribeToken']);

function columnsOf(event: { metadata: { columns: { propertyName: string; isVirtual?: boolean }[] } }, entity: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const c of event.metadata.columns) {
    if (SECRET_PROPERTIES.has(c.propertyName)) continue;
    if (c.propertyName in entity) out[c.propertyName] = plain(entity[c.propertyName]);
  }
  return out;
}

function plainRecord(r: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!r) return r;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]));
}

/** Add a change written outside TypeORM's save() (conditional updates) to the running mutation's audit row. */
export function recordChange(change: RowChange): void {
  collector.getStore()?.push({ ...change, before: plainRecord(change.before), after: plainRecord(change.after) });
}

/** Add a row inserted outside TypeORM's save() (in one statement with an update) to the running mutation's audit row, as save() would. */
export function recordInsert(metadata: { name: string; columns: { propertyName: string }[]; primaryColumns: { propertyName: string }[] }, entity: Record<string, unknown>): void {
  const changes = collector.getStore();
  if (!changes || NOT_AUDITED.has(metadata.name)) return;
  changes.push({ entity: metadata.name, id: rowId(metadata, entity), op: 'insert', before: null, after: columnsOf({ metadata }, entity) });
}

/** A row's id; for composite keys (decision_responsibility) the key columns joined, e.g. "decisionId=…,organisationId=…". */
function rowId(meta: { primaryColumns: { propertyName: string }[] }, entity: Record<string, unknown>): string {
  const cols = meta.primaryColumns;
  if (cols.length === 1) return String(entity[cols[0].propertyName] ?? '');
  return cols.map((c) => `${c.propertyName}=${String(entity[c.propertyName] ?? '')}`).join(',');
}

@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<Record<string, unknown>>) {
    const changes = collector.getStore();
    if (!changes || NOT_AUDITED.has(event.metadata.name) || !event.entity) return;
    const after = columnsOf(event, event.entity);
    changes.push({ entity: event.metadata.name, id: rowId(event.metadata, event.entity), op: 'insert', before: null, after });
  }

  afterUpdate(event: UpdateEvent<Record<string, unknown>>) {
    const changes = collector.getStore();
    if (!changes || NOT_AUDITED.has(event.metadata.name) || !event.entity) return;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const c of event.updatedColumns) {
      if (c.propertyName === 'updatedAt' || c.propertyName === 'version' || SECRET_PROPERTIES.has(c.propertyName)) continue;
      before[c.propertyName] = plain(event.databaseEntity?.[c.propertyName]);
      after[c.propertyName] = plain((event.entity as Record<string, unknown>)[c.propertyName]);
    }
    if (!Object.keys(after).length) return;
    changes.push({ entity: event.metadata.name, id: String((event.entity as Record<string, unknown>).id ?? event.databaseEntity?.id ?? ''), op: 'update', before, after });
  }

  afterRemove(event: RemoveEvent<Record<string, unknown>>) {
    const changes = collector.getStore();
    if (!changes || NOT_AUDITED.has(event.metadata.name)) return;
    const before = event.databaseEntity ? columnsOf(event, event.databaseEntity) : null;
    changes.push({ entity: event.metadata.name, id: event.databaseEntity ? rowId(event.metadata, event.databaseEntity) : String(event.entityId ?? ''), op: 'delete', before, after: null });
  }
}

function targetOf(result: unknown): { entity: string; id: string | null; partnershipId: string | null } {
  let first = Array.isArray(result) ? result[0] : result;
  // A payload wrapping the object (createApiKey's { apiKey, key }): audit the object.
  if (first && typeof first === 'object' && 'apiKey' in first) first = (first as { apiKey: unknown }).apiKey;
  if (first && typeof first === 'object' && 'feed' in first && 'token' in first) first = (first as { feed: unknown }).feed;
  // Other payloads wrapping one object with a secret beside it (createWebhookSubscription, rotateWebhookSecret).
  if (first && typeof first === 'object' && !('id' in first)) {
    const inner = Object.values(first).find((v) => v && typeof v === 'object' && 'id' in (v as object));
    if (inner) first = inner;
  }
  if (first && typeof first === 'object') {
    const obj = first as { id?: unknown; partnershipId?: unknown; constructor: { name: string } };
    return {
      entity: obj.constructor.name,
      id: !Array.isArray(result) && typeof obj.id === 'string' ? obj.id : null,
      partnershipId:
        typeof obj.partnershipId === 'string'
          ? obj.partnershipId
          : obj.constructor.name === 'Partnership'
            ? (obj.id as string)
            : Array.isArray((obj as { partnershipIds?: unknown }).partnershipIds)
              ? ((obj as { partnershipIds: string[] }).partnershipIds[0] ?? null)
              : null,
    };
  }
  return { entity: 'unknown', id: null, partnershipId: null };
}

/** For objects that do not carry partnershipId themselves, find it through their forum or meeting. */
async function partnershipOfTarget(manager: EntityManager, entity: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const sql: Record<string, string> = {
    ForumMember: 'SELECT f.partnership_id FROM forum_member x JOIN forum f ON f.id = x.forum_id WHERE x.id = $1',
    AgendaItem: 'SELECT f.partnership_id FROM agenda_item x JOIN forum f ON f.id = x.forum_id WHERE x.id = $1',
    MinutesAmendment: 'SELECT m.partnership_id FROM minutes_amendment x JOIN meeting m ON m.id = x.meeting_id WHERE x.id = $1',
    Attendance: 'SELECT m.partnership_id FROM attendance x JOIN meeting m ON m.id = x.meeting_id WHERE x.id = $1',
  };
  if (!sql[entity]) return null;
  const rows: { partnership_id: string }[] = await manager.query(prepared(sql[entity]), [id]);
  return rows[0]?.partnership_id ?? null;
}

/** Runs a mutation in one transaction and writes its audit row in that same transaction. */
export const Audited: MiddlewareFn<Ctx> = async ({ context: ctx, info }, next) => {
  const changes: RowChange[] = [];
  try {
    return await ctx.dataSource.manager.transaction(async (manager) =>
      withManager(ctx, manager, async () => {
        const result = await collector.run(changes, () => next());
        const target = targetOf(result);
        // Plain SQL rather than manager.insert(AuditEntry, …): this runs for every mutation, and the
        // query builder's work (and RETURNING the generated columns nobody reads) cost more than the insert.
        await manager.query(
          prepared(`INSERT INTO audit_entry (actor_person_id, actor_api_key_id, request_id, action, entity, entity_id, partnership_id, changes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`),
          [
            ctx.access.personId,
            ctx.access.apiKeyId,
            ctx.requestId,
            info.fieldName,
            target.entity,
            target.id,
            target.partnershipId ?? (await partnershipOfTarget(manager, target.entity, target.id)),
            JSON.stringify(changes),
          ],
        );
        await ctx.onMutationCommit?.(manager);
        return result;
      }),
    );
  } finally {
    // Committed (or rolled back): counts kept from before it are dropped before the response goes out.
    countCacheOf(ctx.dataSource).changed();
  }
};
