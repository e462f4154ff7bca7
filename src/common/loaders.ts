/**
 * DataLoaders, created per request (never shared across users or requests).
 * - entity(Class): rows by id, batched into one `WHERE id = ANY(...)` per class and tick.
 * - page(key, …) / count(key, …): per-parent connection pages and counts, batched per level.
 * - custom(key, batch): any other keyed batch.
 * Besides the loaders' promises, what a request already holds (rows by id, prefetched pages) is kept
 * as plain values, so resolvers can answer synchronously (see common/fast-path.ts).
 */
import DataLoader from 'dataloader';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { shapeOf } from './rows';
import { IdPage, uuidArrayBinary } from './pagination';
import { isUuid } from './validate';
import { prepared } from '../db/prepared';

/** A nested page that came with its parent's row (prefetch.ts), for the parent's resolver to answer from. */
export interface PrefetchedPage {
  cls: { new (): unknown; name: string };
  page: IdPage;
  /** The registered list (prefetch.ts NestedSpec), for its counts. */
  spec: unknown;
}

type EntityClass<T> = { new (): T; name: string };

/** Drops rows the request may not see (see auth/scope.ts); a safety net behind the SQL scoping of lists. */
export type RowFilter = (cls: { name: string }, rows: any[]) => Promise<any[]>;

export class Loaders {
  private loaders = new Map<string, DataLoader<any, any>>();
  private filter: RowFilter = async (_c, rows) => rows;
  /** Entity name → id → the row (or null) the entity loader holds for it. */
  private known = new Map<string, Map<string, unknown>>();
  /** The selection's field node → parent id → the page fetched with that parent. */
  private pages = new Map<object, Map<string, PrefetchedPage>>();
  /** The selection's field node → id → a to-one object with the columns that selection reads. */
  private objects = new Map<object, Map<string, object | null>>();

  setFilter(filter: RowFilter): void {
    this.filter = filter;
  }

  constructor(private manager: EntityManager) {}

  entity<T extends ObjectLiteral & { id: string }>(cls: EntityClass<T>): DataLoader<string, T | null> {
    return this.get(`entity:${cls.name}`, async (ids: readonly string[]) => {
      // Rows the request already holds (primed from pages) need no statement.
      const known = this.knownOf(cls.name);
      // A malformed id finds nothing; it must not fail the valid ids batched with it.
      const valid = ids.filter((id) => !known.has(id) && isUuid(id));
      const shape = shapeOf(cls, this.manager.connection);
      // One id (an object page's root) as a plain key: PostgreSQL then keeps one generic plan for the
      // statement instead of planning an array lookup on every request.
      const found: T[] = valid.length
        ? (
            await this.manager.query(
              prepared(`SELECT ${shape.select('t')} FROM "${shape.table}" t WHERE ${valid.length === 1 ? 't.id = $1::uuid' : 't.id = ANY($1::uuid[])'}`),
              [valid.length === 1 ? valid[0] : uuidArrayBinary(valid)],
            )
          ).map((r: Record<string, unknown>) => shape.hydrate<T>(r))
        : [];
      const rows = found.length ? await this.filter(cls, found) : found;
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => {
        if (known.has(id)) return known.get(id) as T | null;
        const row = byId.get(id.toLowerCase()) ?? null;
        known.set(id, row);
        return row;
      });
    });
  }

  /**
   * Hold a row (or null: none the request may read) for the entity loader, unless it holds one already:
   * later loads of the id answer with it (in the same tick's batch, without a statement).
   */
  primeEntity<T extends ObjectLiteral & { id: string }>(cls: EntityClass<T>, id: string, value: T | null): void {
    const known = this.knownOf(cls.name);
    if (!known.has(id)) known.set(id, value);
  }

  /** The row the entity loader holds for `id` (null: none readable), or undefined when it must still be loaded. */
  peekEntity(clsName: string, id: string): unknown {
    return this.known.get(clsName)?.get(id);
  }

  /**
   * Keep a page fetched with its parent for the selection `fieldNode` (an AST node of the document:
   * the same object the field's resolver receives in info.fieldNodes).
   */
  rememberPage(fieldNode: object, parentId: string, value: PrefetchedPage): void {
    let byParent = this.pages.get(fieldNode);
    if (!byParent) this.pages.set(fieldNode, (byParent = new Map()));
    if (!byParent.has(parentId)) byParent.set(parentId, value);
  }

  prefetchedPage(fieldNode: object, parentId: string): PrefetchedPage | undefined {
    return this.pages.get(fieldNode)?.get(parentId);
  }

  /**
   * Keep a to-one object fetched with its parent's row with only the columns the selection `fieldNode`
   * reads (null: none the request may read). Such an object never reaches the entity loader.
   */
  rememberObject(fieldNode: object, id: string, value: object | null): void {
    let byId = this.objects.get(fieldNode);
    if (!byId) this.objects.set(fieldNode, (byId = new Map()));
    if (!byId.has(id)) byId.set(id, value);
  }

  /** The object kept for the selection `fieldNode` and `id` (null: none readable), or undefined. */
  prefetchedObject(fieldNode: object, id: string): object | null | undefined {
    return this.objects.get(fieldNode)?.get(id);
  }

  private knownOf(name: string): Map<string, unknown> {
    let m = this.known.get(name);
    if (!m) this.known.set(name, (m = new Map()));
    return m;
  }

  page(key: string, batch: (parentIds: readonly string[]) => Promise<Map<string, IdPage>>): DataLoader<string, IdPage> {
    return this.get(`page:${key}`, async (ids: readonly string[]) => {
      const pages = await batch(ids);
      return ids.map((id) => pages.get(id)!);
    });
  }

  count(key: string, batch: (parentIds: readonly string[]) => Promise<Map<string, number>>): DataLoader<string, number> {
    return this.get(`count:${key}`, async (ids: readonly string[]) => {
      const counts = await batch(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }

  custom<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKeyFn?: (k: K) => unknown): DataLoader<K, V> {
    return this.get(`custom:${key}`, batch, cacheKeyFn);
  }

  /** After a write, later reads in the same request must see it. */
  clear(): void {
    this.loaders.clear();
    this.known.clear();
    this.pages.clear();
    this.objects.clear();
  }

  private get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKeyFn?: (k: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch as DataLoader.BatchLoadFn<K, V>, { maxBatchSize: 1000, cacheKeyFn: cacheKeyFn as ((k: K) => K) | undefined });
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
