/**
 * Reading rows without TypeORM's entity hydration on hot paths: one column map per entity class,
 * built once from TypeORM's metadata; rows from `pg` (already typed: Date, number, arrays) are copied
 * onto an object with the entity's prototype, so resolvers and `instanceof`/type resolution still work.
 */
import { DataSource } from 'typeorm';

export interface RowShape {
  table: string;
  /** Database column names, in the order of `select`. */
  columns: string[];
  /** `alias.col AS "col"` list for SELECT, excluding columns never selected (search vectors). */
  select(alias: string): string;
  hydrate<T>(row: Record<string, unknown>): T;
  /** The entity property of a database column. */
  propOf(column: string): string | undefined;
  /** The database column of an entity property (undefined: not a column). */
  columnOf(prop: string): string | undefined;
  /** An entity from a JSON array holding its columns (in `columns` order) from position `offset`. */
  fromValues<T>(values: readonly unknown[], offset: number): T;
  /** Some of the columns (null: all), in `columns` order: what a nested page reads (prefetch.ts). */
  pick(columns: ReadonlySet<string> | null): ColumnSet;
}

/** A subset of an entity's columns, selected and read back as a JSON array. */
export interface ColumnSet {
  columns: string[];
  /** All of the entity's columns? (Then its rows are whole entities.) */
  whole: boolean;
  select(alias: string): string;
  fromValues<T>(values: readonly unknown[], offset: number): T;
}

const shapes = new Map<string, RowShape>();
const TIMESTAMP = 1;
const BIGINT = 2;
let dataSource: DataSource | null = null;

/** Called once with the app's DataSource (its metadata is the same for every DataSource of the app). */
export function useMetadataOf(ds: DataSource): void {
  dataSource ??= ds;
}

export function shapeOf(cls: { new (): unknown; name: string }, ds?: DataSource): RowShape {
  let shape = shapes.get(cls.name);
  if (shape) return shape;
  const source = ds ?? dataSource;
  if (!source) throw new Error('rows.ts: no DataSource registered');
  const meta = source.getMetadata(cls);
  const columns = meta.columns
    .filter((c) => c.isSelect !== false)
    .map((c) => ({ db: c.databaseName, prop: c.propertyName, type: String(c.type).toLowerCase() }));
  const proto = cls.prototype as object;
  const picks = new Map<string, ColumnSet>();
  let whole: ColumnSet | undefined;
  const makePick = (keep: (typeof columns)[number][]): ColumnSet => {
    const kProps = keep.map((c) => c.prop);
    const kKinds = keep.map((c) => (c.type.includes('timestamp') ? TIMESTAMP : c.type === 'bigint' ? BIGINT : 0));
    return {
      columns: keep.map((c) => c.db),
      whole: keep.length === columns.length,
      select: (alias) => keep.map((c) => `${alias}."${c.db}"`).join(', '),
      fromValues<T>(values: readonly unknown[], offset: number): T {
        const obj = Object.create(proto) as Record<string, unknown>;
        for (let j = 0; j < kProps.length; j++) {
          const v = values[offset + j];
          obj[kProps[j]] = kKinds[j] === TIMESTAMP && typeof v === 'string' ? new Date(v) : kKinds[j] === BIGINT && typeof v === 'number' ? String(v) : v;
        }
        return obj as T;
      },
    };
  };
  shape = {
    pick(wanted) {
      if (!wanted) return (whole ??= makePick(columns));
      const keep = columns.filter((c) => wanted.has(c.db));
      const key = keep.map((c) => c.db).join(',');
      let set = picks.get(key);
      if (!set) picks.set(key, (set = makePick(keep)));
      return set;
    },
    table: meta.tableName,
    columns: columns.map((c) => c.db),
    select: (alias) => columns.map((c) => `${alias}."${c.db}"`).join(', '),
    propOf: (column) => columns.find((c) => c.db === column)?.prop,
    columnOf: (prop) => columns.find((c) => c.prop === prop)?.db,
    hydrate<T>(row: Record<string, unknown>): T {
      const obj = Object.create(proto) as Record<string, unknown>;
      for (const c of columns) obj[c.prop] = row[c.db];
      return obj as T;
    },
    fromValues<T>(values: readonly unknown[], offset: number): T {
      return this.pick(null).fromValues<T>(values, offset);
    },
  };
  shapes.set(cls.name, shape);
  return shape;
}
