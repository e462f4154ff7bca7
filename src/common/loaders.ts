/**
 * DataLoaders, created per request (never shared across users or requests).
 * - entity(Class): rows by id, batched into one `WHERE id = ANY(...)` per class and tick.
 * - page(key, …) / count(key, …): per-parent connection pages and counts, batched per level.
 * - custom(key, batch): any other keyed batch.
 */
import DataLoader from 'dataloader';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { shapeOf } from './rows';
import { IdPage } from './pagination';
import { isUuid } from './validate';
import { prepared } from '../db/prepared';

type EntityClass<T> = { new (): T; name: string };

/** Drops rows the request may not see (see auth/scope.ts); a safety net behind the SQL scoping of lists. */
export type RowFilter = (cls: { name: string }, rows: any[]) => Promise<any[]>;

export class Loaders {
  private loaders = new Map<string, DataLoader<any, any>>();
  private filter: RowFilter = async (_c, rows) => rows;

  setFilter(filter: RowFilter): void {
    this.filter = filter;
  }

  constructor(private manager: EntityManager) {}

  entity<T extends ObjectLiteral & { id: string }>(cls: EntityClass<T>): DataLoader<string, T | null> {
    return this.get(`entity:${cls.name}`, async (ids: readonly string[]) => {
      // A malformed id finds nothing; it must not fail the valid ids batched with it.
      const valid = ids.filter(isUuid);
      const shape = shapeOf(cls, this.manager.connection);
      const found: T[] = valid.length
        ? (await this.manager.query(prepared(`SELECT ${shape.select('t')} FROM "${shape.table}" t WHERE t.id = ANY($1::uuid[])`), [valid])).map(
            (r: Record<string, unknown>) => shape.hydrate<T>(r),
          )
        : [];
      const rows = await this.filter(cls, found);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    });
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
