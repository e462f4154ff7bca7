/**
 * Relay cursor connections with keyset pagination (never OFFSET).
 *
 * A page is fetched in two statements: one that returns the ids (and sort keys) of the page, then the
 * entities by id through the request's entity loader. Nested connections (a meeting's agenda items)
 * are fetched for all parents of a level at once with a LATERAL join, so the number of statements
 * does not grow with the number of parents.
 */
import { Arg, ArgsType, Field, Int, ObjectType, ClassType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { EntityManager } from 'typeorm';
import { InputError } from './errors';
import { prepared } from '../db/prepared';
import { countKey, countRead } from './count-cache';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Page size from the end, 1 to ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field(() => String, { nullable: true })
  before?: string;
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;
  @Field()
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true })
  startCursor: string | null;
  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export const MAX_BOUNDED_COUNT = 10_000;
export const DEFAULT_BOUNDED_COUNT = 1_000;

@ObjectType({ simpleResolvers: true, description: 'A count that stops at a bound: what a page needs to show "1000+" without counting a long list to its end.' })
export class BoundedCount {
  @Field(() => Int, { description: 'The number of matching items, or the bound when there are more.' })
  count: number;
  @Field({ description: 'False when there are more items than `count`.' })
  exact: boolean;
}

/** What resolvers return; counts are computed only when asked for. */
export class ConnectionResult<T> {
  constructor(
    public edges: Edge<T>[],
    public pageInfo: PageInfo,
    /** Every matching row. */
    readonly countAll: () => Promise<number>,
    /** At most `limit` matching rows (one SQL statement that stops at the limit); absent: countAll. */
    readonly countUpTo?: (limit: number) => Promise<number>,
  ) {}
  get totalCount(): Promise<number> {
    return this.countAll();
  }
}

async function boundedCountOf(c: Pick<ConnectionResult<unknown>, 'countAll' | 'countUpTo'>, upTo: number): Promise<BoundedCount> {
  if (!Number.isInteger(upTo) || upTo < 1 || upTo > MAX_BOUNDED_COUNT) throw new InputError('upTo', `must be an integer from 1 to ${MAX_BOUNDED_COUNT}`);
  const n = c.countUpTo ? await c.countUpTo(upTo + 1) : await c.countAll();
  return { count: Math.min(n, upTo), exact: n <= upTo };
}

const connectionTypes = new Map<string, ClassType>();

/** The GraphQL `XConnection` and `XEdge` types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name): ClassType<ConnectionResult<T>> {
  const existing = connectionTypes.get(name);
  if (existing) return existing as ClassType<ConnectionResult<T>>;

  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field({ description: 'Opaque cursor for after/before.' })
    cursor: string;
    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionTypeClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];
    @Field(() => PageInfo)
    pageInfo: PageInfo;
    // type-graphql builds this object from the resolver's ConnectionResult (its fields copied over).
    countAll: () => Promise<number>;
    // A resolver, not a property holding a promise: compiled execution (graphql-jit) awaits only resolvers.
    @Field(() => Int, { description: 'Number of items matching the filter, over all pages (counts the whole list; see boundedCount for long lists).' })
    totalCount(): Promise<number> {
      return this.countAll();
    }
    countUpTo?: (limit: number) => Promise<number>;
    @Field(() => BoundedCount, { description: `Number of items matching the filter, counting at most \`upTo\` (1 to ${MAX_BOUNDED_COUNT}, default ${DEFAULT_BOUNDED_COUNT}); its cost does not grow with the list.` })
    boundedCount(@Arg('upTo', () => Int, { defaultValue: DEFAULT_BOUNDED_COUNT }) upTo: number): Promise<BoundedCount> {
      return boundedCountOf(this, upTo);
    }
  }
  connectionTypes.set(name, ConnectionTypeClass);
  return ConnectionTypeClass as unknown as ClassType<ConnectionResult<T>>;
}

// ---------------------------------------------------------------- SQL side

/** A uuid as text (client input, cursor keys, guard arrays). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid[] parameter in PostgreSQL's binary array format: pg sends a Buffer as a binary parameter,
 * which PostgreSQL copies (array_recv, 16 bytes per uuid) where it parses a text literal element by
 * element (array_in, uuid_in): an API key's 294 partnership ids cost ~0.15 ms of the database's time
 * as text in every statement that carries the read guard, nothing measurable in binary. pg's own array
 * serialisation (text) also quotes and escapes every element. Anything that is not plainly a list of
 * uuids is left to pg. Logged (LOG_SQL, JSON) as the list of ids.
 */
function uuidArrayParam(values: unknown[]): unknown {
  const frozen = Object.isFrozen(values);
  const known = frozen ? encoded.get(values) : undefined;
  if (known !== undefined) return known;
  const param = values.every((v) => typeof v === 'string' && UUID.test(v)) ? uuidArrayBinary(values as string[]) : values;
  if (frozen) encoded.set(values, param);
  return param;
}
/** Encoded parameters of frozen arrays (an API key's partnerships: the same array every request), made once. */
const encoded = new WeakMap<readonly unknown[], unknown>();

/** PostgreSQL's type oid of uuid (pg_type), the element type a binary uuid[] declares. */
const UUID_OID = 2950;

/** The binary (send/recv) form of a one-dimensional uuid[] without nulls. */
export function uuidArrayBinary(ids: readonly string[]): Buffer {
  const header = ids.length ? 20 : 12;
  const buf = Buffer.alloc(header + ids.length * 20);
  buf.writeInt32BE(ids.length ? 1 : 0, 0); // dimensions
  buf.writeInt32BE(0, 4); // no nulls
  buf.writeInt32BE(UUID_OID, 8);
  if (ids.length) {
    buf.writeInt32BE(ids.length, 12);
    buf.writeInt32BE(1, 16); // lower bound
  }
  let at = header;
  for (const id of ids) {
    buf.writeInt32BE(16, at);
    buf.write(id.replace(/-/g, ''), at + 4, 16, 'hex');
    at += 20;
  }
  const list = [...ids];
  Object.defineProperty(buf, 'toJSON', { value: () => list });
  return buf;
}

/** Collects positional parameters while building SQL. */
export class Sql {
  params: unknown[] = [];
  constructor(params: unknown[] = []) {
    this.params = [...params];
  }
  /** A UUID parameter from client input; a malformed one is the client's error, not a database error. */
  id(value: string, field: string): string {
    if (!UUID.test(value)) throw new InputError(field, 'is not an id');
    return this.p(value, 'uuid');
  }
  p(value: unknown, cast?: string): string {
    // The same array (a read guard's partnership ids, used at every level of a nested statement) is
    // sent once: an API key for 294 partnerships would otherwise send and parse them per level.
    if (Array.isArray(value)) {
      const known = this.arrays.get(value);
      if (known && known.cast === cast) return known.ref;
    }
    this.params.push(cast === 'uuid[]' && Array.isArray(value) ? uuidArrayParam(value) : value);
    const ref = `$${this.params.length}${cast ? '::' + cast : ''}`;
    if (Array.isArray(value)) this.arrays.set(value, { cast, ref });
    return ref;
  }
  private arrays = new Map<unknown, { cast: string | undefined; ref: string }>();
}

export interface SortKey {
  /** SQL expression, e.g. `m.starts_at`. */
  expr: string;
  dir: 'ASC' | 'DESC';
  /** PostgreSQL type to cast cursor values back to. */
  type: 'timestamptz' | 'date' | 'int' | 'bigint' | 'text' | 'uuid';
}

export interface ListQuery {
  /** FROM clause, e.g. `meeting m`. */
  from: string;
  /**
   * The alias of the listed entity's table when it is not the first one of `from` (e.g. `meeting_search s
   * LEFT JOIN meeting m …`: the read guard applies to `s`, the entity's columns come from `m`).
   */
  entityAlias?: string;
  /** Extra columns to return with each row (the entity's columns), so no second statement is needed. */
  select?: string;
  /** Filters, using parameters of `sql`. */
  where: string[];
  /** Sort keys; the last one must be unique (the id). */
  sort: SortKey[];
  sql: Sql;
  /**
   * Rows taken per value of `column`, one index range each, instead of one condition
   * `column = ANY(values)` (an organisation's action items over its sub-organisations); top-level
   * lists leave that condition out of `where` (it is implied), nested ones state it in `parent`. Each value's
   * range is read in sort order up to the page size and the ranges are merged, so a page costs at most
   * (values × page size) index entries however many rows match; a bounded count stops at its bound the
   * same way. `values` is an SQL array expression (nested: it may use p.parent_id); the last sort key must be
   * the listed table's id, by which the page's rows are read back.
   */
  fanOut?: { column: string; values: string };
  /**
   * The list is restricted to one partnership by a top-level condition `<alias>.partnership_id = …`
   * in `where` (alias: the guarded table's). A read guard that admits that whole partnership is then
   * true for every row left and is dropped (see scope.ts admitsPartnership).
   */
  partnershipId?: string;
  /**
   * Find the page by its sort keys first and read the rows' columns for those rows only (top-level
   * lists): for a list whose FROM joins the entity's table to a driving table only for its columns
   * (`meeting_search s LEFT JOIN meeting m`), the join is left out of the search for the page (PostgreSQL
   * removes an unused LEFT JOIN) instead of being made for every match before the sort. Such a list's
   * matches are all read to be sorted (full-text search), so a first or last page also counts them, in
   * the same statement (IdPage.total): totalCount and boundedCount then cost nothing more.
   */
  keysFirst?: boolean;
  /**
   * Its counts (bounded counts, totalCount, a walk's gate) may be kept between requests until the
   * record changes (count-cache.ts): only for lists over what notifies every change (meetings, agenda
   * items, decisions, action items, and the open-work table and search documents derived from them).
   */
  countsCached?: boolean;
  /**
   * A list whose rows are always reached through the index of its parent condition (a forum's
   * meetings by forum_id) or of a top-level key condition (an organisation's open work): the read
   * guard only filters them (see scope.ts guardAsFilter).
   */
  guardIsFilter?: boolean;
  /**
   * With guardIsFilter: a read guard whose id lists are all short stays an index condition instead
   * (scope.ts indexedGuard), for a list whose index also holds the guard's column (search documents).
   * Only a wide guard leaves `walk.countByPeriods` in force: a narrow reader's matches are few in each
   * period, so counting period by period would read every period's matches of every partnership.
   */
  shortGuardDrives?: boolean;
  /**
   * A keysFirst list whose first sort key (descending) is grouped into periods by an indexed column
   * (search documents by 30-day period, migration SearchNewestFirstByPeriod). A page of a list with at
   * least `from` rows is read period by period, newest first, and stops when it is full, instead of
   * reading and sorting every row; a shorter list is read whole and sorted as before. The statement
   * decides between the two by a bounded count, which also serves the page's counts (IdPage.atLeast).
   */
  walk?: {
    /** The period column on the driving table, e.g. `s.period`. */
    column: string;
    /** The SQL function from the first sort key's value to its period. */
    periodOf: string;
    /** SQL returning one row (hi, lo): the newest and oldest periods holding rows. */
    span: string;
    /** Lists with at least this many rows are walked. */
    from: number;
    /**
     * SQL of a period after which rows are few and spread thin (meetings scheduled ahead, mostly without
     * text yet): the rows of later periods are read as one chunk (one index scan from that period on),
     * sorted, before the walk goes on period by period from it. Nationally the periods ahead of today
     * are ~26 reads that find little; as one chunk they cost what ~2 periods do.
     */
    chunkAfter?: string;
    /**
     * Count by walking the periods too (newest first, the chunk first, stopping at the gate) instead of
     * counting the matches in index order: asked per statement, for a term estimated to match many rows.
     * A GIN index hands a bitmap scan every match before the count can stop (nationally a word in
     * every meeting: 92,256 matches, ~7 ms), while the walk reads a period or two of them (~1.2 ms);
     * for a term with few matches, the ~170 reads of empty periods cost more than the one bitmap.
     */
    countByPeriods?: (manager: EntityManager) => Promise<boolean>;
  };
}

export interface PageWindow {
  limit: number;
  /** Read from the end (`last`): the SQL order is reversed and the rows flipped back afterwards. */
  reverse: boolean;
  after: string[] | null;
  before: string[] | null;
}

export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const VALUE_CHECKS: Record<SortKey['type'], (v: string) => boolean> = {
  uuid: (v) => UUID.test(v),
  timestamptz: (v) => !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  int: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  text: () => true,
};

/** A cursor is the sort-key values of a row; each is checked against its key's type before it reaches SQL. */
export function decodeCursor(cursor: string, field: string, sort: SortKey[]): string[] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  if (
    Array.isArray(v) &&
    v.length === sort.length &&
    v.every((x, i) => typeof x === 'string' && x.length <= 1000 && VALUE_CHECKS[sort[i].type](x))
  ) {
    return v as string[];
  }
  throw new InputError(field, 'is not a cursor of this list');
}

/**
 * Relay's rules: `after` and `before` bound the list, then `first` takes from the start or `last`
 * from the end. first+last and after+before together are refused as ambiguous.
 */
export function pageWindow(args: ConnectionArgs, sort: SortKey[]): PageWindow {
  if (args.first != null && args.last != null) throw new InputError('last', 'cannot be combined with first');
  if (args.after != null && args.before != null) throw new InputError('before', 'cannot be combined with after');
  for (const f of ['first', 'last'] as const) {
    const n = args[f];
    if (n != null && (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)) {
      throw new InputError(f, `must be between 1 and ${MAX_PAGE_SIZE}`);
    }
  }
  const after = args.after ? decodeCursor(args.after, 'after', sort) : null;
  const before = args.before ? decodeCursor(args.before, 'before', sort) : null;
  const reverse = args.last != null || (before != null && args.first == null);
  return { limit: (reverse ? args.last : args.first) ?? DEFAULT_PAGE_SIZE, reverse, after, before };
}

/** Rows after the cursor in the list's order, or before it when `beforeCursor`. */
function keysetPredicate(sort: SortKey[], cursor: string[], beforeCursor: boolean, sql: Sql): string {
  const dirOf = (k: SortKey) => ((k.dir === 'ASC') !== beforeCursor ? '>' : '<');
  const vals = cursor.map((v, i) => sql.p(v, sort[i].type));
  if (sort.every((k) => k.dir === sort[0].dir)) {
    // One row comparison: PostgreSQL walks a matching composite index straight to the cursor.
    return `(${sort.map((k) => k.expr).join(', ')}) ${dirOf(sort[0])} (${vals.join(', ')})`;
  }
  const ors = sort.map((k, i) => {
    const eqs = sort.slice(0, i).map((e, j) => `${e.expr} = ${vals[j]}`);
    return `(${[...eqs, `${k.expr} ${dirOf(k)} ${vals[i]}`].join(' AND ')})`;
  });
  return `(${ors.join(' OR ')})`;
}

export function bounds(sort: SortKey[], w: PageWindow, sql: Sql): string[] {
  const out: string[] = [];
  if (w.after) out.push(keysetPredicate(sort, w.after, false, sql));
  if (w.before) out.push(keysetPredicate(sort, w.before, true, sql));
  return out;
}

export function orderBy(sort: SortKey[], reverse: boolean): string {
  return sort.map((k) => `${k.expr} ${(k.dir === 'ASC') !== reverse ? 'ASC' : 'DESC'}`).join(', ');
}

export function selectKeys(sort: SortKey[]): string {
  return sort.map((k, i) => `(${k.expr})::text AS k${i}`).join(', ');
}

interface KeyRow {
  [k: string]: any;
}

/** A page's item; its cursor is encoded when first read (most pages never show their items' cursors). */
class PageItem {
  private encoded: string | null = null;
  /** The entity, when it was built along with the page (nested pages, prefetch.ts). */
  node?: object;
  constructor(
    readonly id: string,
    private readonly keys: string[],
    public row: Record<string, unknown>,
  ) {}
  get cursor(): string {
    return (this.encoded ??= encodeCursor(this.keys));
  }
}

/** Page info whose start and end cursors are encoded when read. */
class LazyPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly first: PageItem | undefined,
    private readonly last: PageItem | undefined,
  ) {}
  get startCursor(): string | null {
    return this.first?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.last?.cursor ?? null;
  }
}

export function toPage(rows: KeyRow[], w: PageWindow, arity: number): IdPage {
  return windowPage(rows, w, (r) => {
    const keys: string[] = new Array(arity);
    for (let i = 0; i < arity; i++) keys[i] = r[`k${i}`];
    return new PageItem(keys[arity - 1], keys, r as Record<string, unknown>);
  });
}

/** The page of a window from its rows in list order (one past the page when there are more), as items. */
function windowPage<R>(rows: R[], w: PageWindow, item: (row: R) => PageItem): IdPage {
  const more = rows.length > w.limit;
  let page = more ? rows.slice(0, w.limit) : rows;
  if (w.reverse) page = page.slice().reverse();
  const items = page.map(item);
  const pageInfo = new LazyPageInfo(w.reverse ? w.before != null : more, w.reverse ? more : w.after != null, items[0], items[items.length - 1]);
  return { items, pageInfo };
}

/**
 * A page of rows that came as JSON arrays (sort keys as text first): `make` builds each item's entity
 * from its array. Same window rules as toPage.
 */
export function arrayPage(rows: unknown[][], w: PageWindow, arity: number, make: (values: unknown[]) => object): IdPage {
  return windowPage(rows, w, (v) => {
    const keys = v.slice(0, arity) as string[];
    const item = new PageItem(keys[arity - 1], keys, NO_ROW);
    item.node = make(v);
    return item;
  });
}

const NO_ROW: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export interface IdPage {
  items: { id: string; cursor: string; row: Record<string, unknown>; node?: object }[];
  /** The nodes hold only the columns their selection reads (prefetch.ts): not for the entity loader. */
  partial?: boolean;
  pageInfo: PageInfo;
  /** Rows of the whole list, when the page's statement counted them (a first or last page of a keysFirst list). */
  total?: number;
  /** The whole list has at least this many rows (a walked first page's bounded count, ListQuery.walk). */
  atLeast?: number;
  /** The counts fetchIdPagesForParents was asked to carry (`counts`), in that order. */
  counts?: number[];
}

/**
 * One page of ids of a top-level list. `countUpTo`: the largest bounded count the caller will ask of
 * the list (null: its exact count, so a walk, which counts only so far, is not worth it; see ListQuery.walk).
 */
export async function fetchIdPage(manager: EntityManager, q: ListQuery, args: ConnectionArgs, countUpTo?: number | null): Promise<IdPage> {
  const w = pageWindow(args, q.sort);
  const sql = new Sql(q.sql.params);
  const where = [...q.where, ...bounds(q.sort, w, sql)];
  // Walked forward only (first/after), and not when the caller needs the exact count of a first page.
  if (q.walk && q.keysFirst && !q.fanOut && !w.reverse && w.before === null && q.sort[0].dir === 'DESC' && (countUpTo !== null || w.after !== null)) {
    const gate = Math.max(q.walk.from, countUpTo ?? 0);
    // The gate's count kept from an earlier request (count-cache.ts) spares the statement its count.
    const kept = q.countsCached ? countRead(manager) : null;
    const key = kept ? countKey(`${q.from} WHERE ${where.join(' AND ')}`, sql.params, `gate ${gate}`) : '';
    const known = kept?.get(key);
    const byPeriods = known === undefined && ((await q.walk.countByPeriods?.(manager)) ?? false);
    const rows: KeyRow[] = await manager.query(prepared(walkedPage(q, q.walk, where, w, sql, gate, byPeriods, known)), sql.params);
    const page = toPage(rows, w, q.sort.length);
    // The bounded count read up to `gate` rows: all of them when fewer (then the list's exact count).
    const n = known ?? (rows.length ? Number(rows[0].__gate) : 0);
    if (known === undefined) kept?.keep(key, n);
    if (w.after === null) {
      if (n < gate) page.total = n;
      else page.atLeast = n;
    }
    return page;
  }
  // A keysFirst list's page reads every match to sort them: without a cursor, the same scan counts the list.
  const counted = !!q.keysFirst && !q.fanOut && w.after === null && w.before === null;
  const text = q.fanOut ? fannedOutPage(q, q.fanOut, where, w) : q.keysFirst ? keysFirstPage(q, where, w, counted) : pageSql(q, where, w);
  // A search (keysFirst) is prepared: its plan is the same for any term (the documents' GIN index,
  // then the page's meetings), so PostgreSQL keeps a generic one instead of planning a statement
  // with the key's partnership list on every request (~1 ms nationally). Other top-level lists, whose
  // filters may call for different plans, are planned for their values each time.
  const rows: KeyRow[] = await manager.query(q.keysFirst ? prepared(text) : text, sql.params);
  const page = toPage(rows, w, q.sort.length);
  if (counted) page.total = rows.length ? Number(rows[0].__total) : 0;
  return page;
}

/**
 * The page's sort keys first, from `q` alone (ListQuery.keysFirst), then those rows read back by id with
 * their columns. `counted`: every row also carries `__total`, the rows of the whole list, counted over
 * the matches the keys' sort reads anyway (a window count), which spares the count its own statement.
 */
function keysFirstPage(q: ListQuery, where: string[], w: PageWindow, counted: boolean): string {
  const id = q.sort[q.sort.length - 1].expr;
  const filter = where.length ? 'WHERE ' + where.join(' AND ') : '';
  if (!counted) {
    const ids = `SELECT ${id} FROM ${q.from} ${filter} ORDER BY ${orderBy(q.sort, w.reverse)} LIMIT ${w.limit + 1}`;
    return pageSql(q, [`${id} = ANY(ARRAY(${ids}))`], w, false);
  }
  const keys = `SELECT ${id} AS id, count(*) OVER () AS total FROM ${q.from} ${filter} ORDER BY ${orderBy(q.sort, w.reverse)} LIMIT ${w.limit + 1}`;
  const select = [q.select, '(SELECT max(total) FROM page_keys)::int AS __total'].filter(Boolean).join(', ');
  return `WITH page_keys AS MATERIALIZED (${keys})
      ${pageSql({ ...q, select }, [`${id} = ANY(ARRAY(SELECT id FROM page_keys))`], w, false)}`;
}

/**
 * A keysFirst page of a list grouped into periods (ListQuery.walk), in one statement: `gate` counts the
 * list's rows up to `gateRows` (a bitmap scan that stops there; with `countByPeriods`, the periods walked
 * newest first as the page walks them, stopping there). Fewer: the rows are read whole and
 * sorted (keysFirstPage). Else the periods are walked newest first from the cursor's, each one's rows
 * read through the period's index entries and sorted, until the page is full (after the chunk of
 * periods after `chunkAfter`, read at once). The branch not taken is
 * never executed (its condition on `gate` is a one-time filter). Every row carries `__gate`.
 */
function walkedPage(
  q: ListQuery,
  walk: NonNullable<ListQuery['walk']>,
  where: string[],
  w: PageWindow,
  sql: Sql,
  gateRows: number,
  countByPeriods = false,
  /** The gate's count known already (count-cache.ts): the statement takes it as a parameter. */
  knownGate?: number,
): string {
  const id = q.sort[q.sort.length - 1].expr;
  const filter = where.join(' AND ') || 'true';
  const g = sql.p(gateRows, 'int');
  const order = orderBy(q.sort, false);
  const cursor = w.after ? `${walk.periodOf}(${sql.p(w.after[0], q.sort[0].type)})` : null;
  const start = `LEAST(${['span.hi', walk.chunkAfter, cursor].filter(Boolean).join(', ')})`;
  // The periods from `start` down, each one's rows read by its own scan (`v`: the series' alias).
  const byPeriod = (v: string, columns: string, tail: string) => `(${walk.span}) AS span CROSS JOIN generate_series(${start}, span.lo, -1) AS ${v}(v)
        CROSS JOIN LATERAL (SELECT ${columns} FROM ${q.from} WHERE ${walk.column} = ${v}.v AND ${filter} ${tail}) f`;
  // The rows of the periods after `chunkAfter`, in one read (not when the cursor lies before it).
  const ahead = walk.chunkAfter ? `${walk.column} > ${walk.chunkAfter}${cursor ? ` AND ${cursor} > ${walk.chunkAfter}` : ''}` : null;
  const aheadRows = (columns: string, tail: string) => (ahead ? `(SELECT ${columns} FROM ${q.from} WHERE ${ahead} AND ${filter} ${tail}) UNION ALL ` : '');
  // The chunk, then the periods from there down: UNION ALL appends its parts in order, and the LIMIT
  // stops reading once the page is full. No period gives the page more than its rows and one: each
  // is cut there (a top-N sort of a common word's ~1,400 matches in a period, instead of sorting them all).
  const top = `ORDER BY ${order} LIMIT ${w.limit + 1}`;
  const sorted = `SELECT ${id} AS id FROM ${q.from} WHERE ${filter} AND (SELECT n FROM gate) < ${g} ${top}`;
  const walked = `SELECT u.id FROM (${aheadRows(`${id} AS id`, top)}(SELECT f.id FROM ${byPeriod('period', `${id} AS id`, top)})) u WHERE (SELECT n FROM gate) >= ${g} LIMIT ${w.limit + 1}`;
  const select = [q.select, '(SELECT n FROM gate) AS __gate'].filter(Boolean).join(', ');
  // Counted over the same periods in the same order as the walk; `OFFSET 0` keeps each period's read
  // a scan of its own (else PostgreSQL may join the series to one scan of every match).
  const counted = countByPeriods ? `${aheadRows('1', '')}(SELECT 1 FROM ${byPeriod('gate_period', '1', 'OFFSET 0')})` : `SELECT 1 FROM ${q.from} WHERE ${filter}`;
  const gate = knownGate === undefined ? `SELECT count(*)::int AS n FROM (${counted} LIMIT ${g}) b` : `SELECT ${sql.p(knownGate, 'int')} AS n`;
  return `WITH gate AS MATERIALIZED (${gate}),
      page_keys AS MATERIALIZED ((${sorted}) UNION ALL (${walked}))
      ${pageSql({ ...q, select }, [`${id} = ANY(ARRAY(SELECT id FROM page_keys))`], w, false)}`;
}

/** Rows matching `q`; with `limit`, at most that many (the scan stops there). */
export async function countRows(manager: EntityManager, q: ListQuery, limit?: number): Promise<number> {
  const where = q.where.length ? 'WHERE ' + q.where.join(' AND ') : '';
  const text = !limit
    ? `SELECT count(*)::int AS n FROM ${q.from} ${q.fanOut ? `WHERE ${[`${q.fanOut.column} = ANY(${q.fanOut.values})`, ...q.where].join(' AND ')}` : where}`
    : `SELECT count(*)::int AS n FROM (${boundedRowsSql(q, q.where, limit)}) b`;
  const kept = q.countsCached ? countRead(manager) : null;
  const key = kept ? countKey(text, q.sql.params) : '';
  const known = kept?.get(key);
  if (known !== undefined) return known;
  const rows = await manager.query(text, q.sql.params);
  kept?.keep(key, rows[0].n);
  return rows[0].n;
}

/**
 * A page of `q` under one parent read per fan-out value (see ListQuery.fanOut): per value, the sort keys
 * of the first `limit + 1` rows in list order (an index range), merged and cut to `limit + 1`, then
 * those rows read back by id.
 */
function fannedOutPage(q: ListQuery, fanOut: NonNullable<ListQuery['fanOut']>, where: string[], w: PageWindow): string {
  const n = q.sort.length;
  const keys = q.sort.map((k, i) => `${k.expr} AS s${i}`).join(', ');
  const merged = q.sort.map((k, i) => ({ ...k, expr: `f.s${i}` }));
  const inner = `SELECT ${keys} FROM ${q.from} WHERE ${[`${fanOut.column} = fo.v`, ...where].join(' AND ')}
        ORDER BY ${orderBy(q.sort, w.reverse)} LIMIT ${w.limit + 1}`;
  const ids = `SELECT f.s${n - 1} FROM unnest(${fanOut.values}) AS fo(v) CROSS JOIN LATERAL (${inner}) f
        ORDER BY ${orderBy(merged, w.reverse)} LIMIT ${w.limit + 1}`;
  return pageSql(q, [`${q.sort[n - 1].expr} = ANY(ARRAY(${ids}))`], w, false);
}

/** The sort keys and columns of the rows of `q` matching `where`, in list order; `limited`: one row past the page. */
function pageSql(q: ListQuery, where: string[], w: PageWindow, limited = true): string {
  return `SELECT ${selectKeys(q.sort)}${q.select ? ', ' + q.select : ''} FROM ${q.from}
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY ${orderBy(q.sort, w.reverse)}${limited ? ` LIMIT ${w.limit + 1}` : ''}`;
}

/**
 * At most `limit` rows of `q` matching `where`, for a bounded count. Fanned out (ListQuery.fanOut, whose
 * values imply the condition on its column): at most the bound per value, and the whole stops there too.
 */
function boundedRowsSql(q: ListQuery, where: string[], limit: number): string {
  const bound = Math.trunc(limit);
  return q.fanOut
    ? `SELECT 1 FROM unnest(${q.fanOut.values}) AS fo(v) CROSS JOIN LATERAL (
         SELECT 1 FROM ${q.from} WHERE ${[`${q.fanOut.column} = fo.v`, ...q.where].join(' AND ')} LIMIT ${bound}) f LIMIT ${bound}`
    : `SELECT 1 FROM ${q.from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} LIMIT ${bound}`;
}

/**
 * Pages of ids for many parents in one statement. `parent` is the condition tying a row to the parent
 * whose id is in the SQL expression `p.parent_id`, e.g. `a.meeting_id = p.parent_id`.
 */
export async function fetchIdPagesForParents(
  manager: EntityManager,
  parentIds: readonly string[],
  parent: string,
  q: ListQuery,
  args: ConnectionArgs,
  /** More columns per row, built with the statement's parameters (nested lists as JSON, see prefetch.ts). */
  extra?: (sql: Sql) => string[],
  onRows?: (rows: Record<string, unknown>[]) => void,
  /**
   * Counts of each parent's whole list to read in the same statement (IdPage.counts): null for all
   * rows (totalCount), a number for at most that many (a bounded count), as countRowsForParents reads them.
   */
  requested: readonly (number | null)[] = [],
): Promise<Map<string, IdPage>> {
  const w = pageWindow(args, q.sort);
  // Counts kept from an earlier request (count-cache.ts): when every parent's are, the statement reads the pages alone.
  const kept = q.countsCached && requested.length ? countRead(manager) : null;
  // Each count's SQL and parameters hashed once, then its key per parent (parentCountKey).
  const bases = kept ? requested.map((limit) => countKey(countSql(q, parent, limit ?? undefined), q.sql.params)) : null;
  const keys = bases ? parentIds.map((id) => bases.map((base) => parentCountKey(base, id))) : null;
  const known = keys?.map((ks) => ks.map((k) => kept!.get(k)));
  const counts = known?.every((ns) => ns.every((n) => n !== undefined)) ? [] : requested;
  const sql = new Sql(q.sql.params);
  const parents = parentRows(sql, parentIds);
  const keyset = bounds(q.sort, w, sql);
  const where = [parent, ...q.where, ...keyset];
  const more = extra?.(sql) ?? [];
  if (more.length) q = { ...q, select: [q.select, ...more].filter(Boolean).join(', ') };
  // "__parent_id": the rows' own columns may include a parent_id (organisation) that must not shadow it.
  const page = q.fanOut ? fannedOutPage(q, q.fanOut, [...q.where, ...keyset], w) : pageSql(q, where, w);
  // With counts: once per parent (a LATERAL before the page, and a row for a parent without any). Its
  // LIMIT 1 (it is one row anyway) keeps PostgreSQL from pulling the counts up into the select list,
  // where they would run once per row of the page.
  const text = counts.length
    ? `SELECT p.parent_id::text AS __parent_id, c.*, x.* FROM ${parents}
    CROSS JOIN LATERAL (SELECT ${counts.map((limit, i) => `${countSql(q, parent, limit ?? undefined)} AS __c${i}`).join(', ')} LIMIT 1) c
    LEFT JOIN LATERAL (
      ${page}
    ) x ON true`
    : `SELECT p.parent_id::text AS __parent_id, x.* FROM ${parents}
    CROSS JOIN LATERAL (
      ${page}
    ) x`;
  const rows: (KeyRow & { __parent_id: string })[] = await manager.query(prepared(text), sql.params);
  // A parent without rows comes as one row of counts alone (its page's columns null, its id key too).
  const lastKey = `k${q.sort.length - 1}`;
  const found = counts.length ? rows.filter((r) => r[lastKey] != null) : rows;
  onRows?.(found);
  const byParent = new Map<string, KeyRow[]>(parentIds.map((id) => [id, []]));
  for (const r of found) byParent.get(r.__parent_id)?.push(r);
  const out = new Map<string, IdPage>();
  for (const [id, rs] of byParent) out.set(id, toPage(rs, w, q.sort.length));
  if (counts.length) {
    for (const r of rows as Record<string, unknown>[]) {
      const pg = out.get(r.__parent_id as string);
      if (pg && !pg.counts) pg.counts = counts.map((_, i) => Number(r[`__c${i}`]));
    }
    if (keys) parentIds.forEach((id, i) => out.get(id)?.counts?.forEach((n, j) => kept!.keep(keys[i][j], n)));
  } else if (known && requested.length) parentIds.forEach((id, i) => (out.get(id)!.counts = known[i] as number[]));
  return out;
}

/**
 * The parents as rows `p(parent_id)`. One parent (an organisation page, a forum's list) is a one-row
 * subquery, not an array's rows: a plan's estimates then do not hang on an array's length, so
 * PostgreSQL keeps one generic plan per connection for the prepared statement instead of planning it
 * on every request (national organisation page: ~0.4 ms less per list).
 */
function parentRows(sql: Sql, parentIds: readonly string[]): string {
  return parentIds.length === 1 ? `(SELECT ${sql.p(parentIds[0], 'uuid')} AS parent_id) p` : `unnest(${sql.p(parentIds, 'uuid[]')}) AS p(parent_id)`;
}

/**
 * A count's key under one parent: the key of its SQL and parameters (countKey, hashed once for a level
 * of many parents; with a read guard of 294 partnership ids those are kilobytes) and the parent's id.
 */
function parentCountKey(base: string, parentId: string): string {
  return `${base}:${parentId}`;
}

/** The number of rows of `q` under the parent `p.parent_id` (`parent`), at most `limit` when given: a scalar subquery. */
function countSql(q: ListQuery, parent: string, limit?: number): string {
  const where = [parent, ...q.where];
  return !limit
    ? `(SELECT count(*)::int FROM ${q.from} WHERE ${where.join(' AND ')})`
    : `(SELECT count(*)::int FROM (${boundedRowsSql(q, where, limit)}) b)`;
}

export async function countRowsForParents(
  manager: EntityManager,
  parentIds: readonly string[],
  parent: string,
  q: ListQuery,
  limit?: number,
): Promise<Map<string, number>> {
  const count = countSql(q, parent, limit);
  // Parents whose counts were kept from an earlier request (count-cache.ts) are not counted again.
  const kept = q.countsCached ? countRead(manager) : null;
  const base = kept ? countKey(count, q.sql.params) : '';
  const out = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const id of kept ? parentIds : []) {
    const key = parentCountKey(base, id);
    const n = kept!.get(key);
    if (n === undefined) keys.set(id, key);
    else out.set(id, n);
  }
  const missing = kept ? [...keys.keys()] : parentIds;
  if (!missing.length) return out;
  const sql = new Sql(q.sql.params);
  const parents = parentRows(sql, missing);
  const rows: { parent_id: string; n: number }[] = await manager.query(
    prepared(`SELECT p.parent_id::text AS parent_id, ${count} AS n FROM ${parents}`),
    sql.params,
  );
  for (const r of rows) {
    out.set(r.parent_id, r.n);
    const key = keys.get(r.parent_id);
    if (key) kept!.keep(key, r.n);
  }
  return out;
}
