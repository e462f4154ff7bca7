/** Turning id pages into Relay connections, for top-level lists and per-parent (nested) lists. */
import { ObjectLiteral } from 'typeorm';
import { ListGuard, admitsPartnership, aliasOf, canReadRows, filterGuard, indexedGuard, listGuard } from '../auth/scope';
import { Ctx } from '../context';
import { ColumnSet, shapeOf } from './rows';
import { GraphQLResolveInfo, Kind, SelectionSetNode, getArgumentValues, getNamedType, isObjectType } from 'graphql';
import { Plan, connectionColumns, isEmpty, levelColumns, pageKey, planNested, planObject, primeNested } from './prefetch';
import { prepared } from '../db/prepared';
import { isUuid } from './validate';
import {
  ConnectionArgs,
  ConnectionResult,
  IdPage,
  ListQuery,
  MAX_BOUNDED_COUNT,
  Sql,
  countRows,
  countRowsForParents,
  fetchIdPage,
  fetchIdPagesForParents,
} from './pagination';

type EntityClass<T> = { new (): T; name: string };

/**
 * The page's rows came with the entity's columns (the list query is scoped by the same read policy
 * as the loaders), so nodes are built from them directly and primed into the entity loader.
 */
export function materialise<T extends ObjectLiteral & { id: string }>(ctx: Ctx, cls: EntityClass<T>, page: IdPage): { cursor: string; node: T }[] {
  const shape = shapeOf(cls, ctx.dataSource);
  return page.items.map((item) => {
    if (item.node) {
      // Built with the page (prefetch.ts): the item itself is the edge (cursor encoded when read).
      if (!page.partial) ctx.loaders.primeEntity(cls, item.id, item.node as T);
      return item as unknown as { cursor: string; node: T };
    }
    const node = shape.hydrate<T>(item.row);
    // Some columns only (connectionColumns): the node serves this selection, not the entity loader.
    if (!page.partial) ctx.loaders.primeEntity(cls, node.id, node);
    return {
      get cursor() {
        return item.cursor;
      },
      node,
    };
  });
}

/** Put a prefetched page where the nested resolver will look for it (same key, same loader). */
function primePage(ctx: Ctx, plan: Plan, parentId: string, page: IdPage): void {
  const { spec, args, guard } = plan;
  const alias = aliasOf(spec.from);
  const query = (): ListQuery => {
    const sql = new Sql();
    const where = [...(spec.where?.(sql) ?? []), guard(alias, sql)];
    return withColumns(ctx, spec.cls, { from: spec.from, where, sort: spec.sort, sql });
  };
  ctx.loaders.page(pageKey(spec, args), (ids) => fetchIdPagesForParents(ctx.manager, ids, spec.parent, query(), args)).prime(parentId, page);
}

/**
 * The columns a connection field's page carries when its selection reads only some of the entity's
 * (prefetch.ts connectionColumns); null: every column (no selection known, or it reads them all).
 */
function prunedColumns(ctx: Ctx, cls: { new (): unknown; name: string }, info: GraphQLResolveInfo | undefined): ColumnSet | null {
  const picked = info ? connectionColumns(info, cls) : null;
  const set = picked ? shapeOf(cls, ctx.dataSource).pick(picked) : null;
  return set && !set.whole ? set : null;
}

function withColumns(ctx: Ctx, cls: { new (): unknown; name: string }, q: ListQuery): ListQuery {
  return { ...q, select: shapeOf(cls, ctx.dataSource).select(q.entityAlias ?? aliasOf(q.from)) };
}

export async function connection<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  unguarded: ListQuery,
  args: ConnectionArgs,
  info?: GraphQLResolveInfo,
): Promise<ConnectionResult<T>> {
  // Every list is scoped to what the request may read, so pages and counts only ever hold visible rows.
  const guard = await listGuard(ctx, cls);
  const alias = aliasOf(unguarded.from);
  const admitted = !!unguarded.partnershipId && (await admitsPartnership(ctx, cls, unguarded.partnershipId));
  // Fanned out, or reached through the parent's index, the rows are only filtered by the guard (see
  // guardAsFilter); a short guard may drive an index that holds its column (shortGuardDrives).
  const indexed = !admitted && unguarded.shortGuardDrives && !unguarded.fanOut ? indexedGuard(guard, alias, unguarded.sql) : null;
  const g = admitted
    ? 'true'
    : indexed
      ? indexed.sql
      : unguarded.fanOut || unguarded.guardIsFilter
        ? filterGuard(guard, alias, unguarded.sql)
        : guard(alias, unguarded.sql);
  // Counting period by period pays only when the reader's matches fill the periods (see shortGuardDrives).
  const walk = unguarded.walk && indexed && !indexed.wide ? { ...unguarded.walk, countByPeriods: undefined } : unguarded.walk;
  const query = withColumns(ctx, cls, { ...unguarded, walk, where: [...unguarded.where, g] });
  const plans = info ? await planNested(ctx, info, cls.name, info.fieldNodes) : null;
  // The page carries the columns its selection reads (as a nested list's page does: childConnection).
  const pruned = prunedColumns(ctx, cls, info);
  // The page statement carries the nested columns (and their parameters); counts use the plain query.
  let pageQuery = pruned ? { ...query, select: pruned.select(unguarded.entityAlias ?? alias) } : query;
  if (plans && !isEmpty(plans)) {
    const sql = new Sql(query.sql.params);
    const nested = levelColumns(plans, unguarded.entityAlias ?? alias, sql, 1);
    pageQuery = { ...pageQuery, sql, select: [pageQuery.select, ...nested].join(', ') };
  }
  const page = await fetchIdPage(ctx.manager, pageQuery, args, info && pageQuery.walk ? largestBound(selectedCounts(info)) : null);
  if (pruned) page.partial = true;
  if (plans) for (const item of page.items) primeNested(ctx, plans, item.id, item.row, (plan, parentId, p) => primePage(ctx, plan, parentId, p));
  // Counted with the page (ListQuery.keysFirst without a cursor), or by their own statements when asked.
  const { total, atLeast } = page;
  let count: Promise<number> | null = total === undefined ? null : Promise.resolve(total);
  return new ConnectionResult(
    materialise(ctx, cls, page),
    page.pageInfo,
    () => (count ??= countRows(ctx.manager, query)),
    (limit) =>
      total !== undefined ? Promise.resolve(Math.min(total, limit)) : atLeast !== undefined && atLeast >= limit ? Promise.resolve(limit) : countRows(ctx.manager, query, limit),
  );
}

/** The most rows the selected counts read (selectedCounts); null when the exact count is selected. */
function largestBound(counts: (number | null)[]): number | null {
  return counts.includes(null) ? null : Math.max(0, ...(counts as number[]));
}

/** A list under one parent (see childSpec in children.ts): its loader key, parent condition and query. */
export interface ChildSpec {
  key: string;
  parentId: string;
  parent: string;
  query: () => ListQuery;
}

/** The list's query under the request's read guard (see guardAsFilter for fanned-out and indexed lists). */
function guardedQuery(ctx: Ctx, cls: EntityClass<unknown>, spec: ChildSpec, guard: ListGuard): () => ListQuery {
  const alias = aliasOf(spec.query().from);
  return () => {
    const q = spec.query();
    // Fanned out, or reached through the parent's index, the rows are only filtered by the guard (see guardAsFilter).
    const g = q.fanOut || q.guardIsFilter ? filterGuard(guard, alias, q.sql) : guard(alias, q.sql);
    return withColumns(ctx, cls, { ...q, where: [...q.where, g] });
  };
}

/**
 * totalCount and boundedCount of a nested list for one parent: one statement per level (all parents
 * batched). `guarded`: the list's guarded query when the caller has it already.
 */
export function childCounts<T>(
  ctx: Ctx,
  cls: EntityClass<T>,
  spec: ChildSpec,
  guarded?: () => ListQuery,
): { countAll: () => Promise<number>; countUpTo: (limit: number) => Promise<number> } {
  let made: Promise<() => ListQuery> | null = guarded ? Promise.resolve(guarded) : null;
  const query = () => (made ??= listGuard(ctx, cls).then((guard) => guardedQuery(ctx, cls as EntityClass<unknown>, spec, guard)));
  return {
    countAll: async () => countLoader(ctx, spec, await query(), null).load(spec.parentId),
    countUpTo: async (limit: number) => countLoader(ctx, spec, await query(), limit).load(spec.parentId),
  };
}

/** The loader of one count of a nested list, all parents of a level batched: null counts all rows, a number at most that many. */
function countLoader(ctx: Ctx, spec: ChildSpec, q: () => ListQuery, limit: number | null) {
  return ctx.loaders.count(limit === null ? spec.key : `${spec.key}|upTo=${limit}`, (ids) => countRowsForParents(ctx.manager, ids, spec.parent, q(), limit ?? undefined));
}

/**
 * The counts a connection field's selection reads, as countLoader takes them: totalCount as null,
 * boundedCount(upTo) as upTo + 1 (the rows it reads to tell whether there are more than upTo). The
 * page's statement then carries them (fetchIdPagesForParents' counts): the organisation page's open
 * and overdue lists with their bounded counts are two statements, not four.
 */
function selectedCounts(info: GraphQLResolveInfo): (number | null)[] {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return [];
  const bounded = type.getFields().boundedCount;
  const out = new Set<number | null>();
  const visit = (set: SelectionSetNode | undefined, depth = 0) => {
    if (depth > 5) return;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === 'totalCount') out.add(null);
        else if (s.name.value === 'boundedCount' && bounded) {
          const upTo = getArgumentValues(bounded, s, info.variableValues).upTo;
          // An invalid bound is refused by the field's resolver; nothing to read for it.
          if (Number.isInteger(upTo) && (upTo as number) >= 1 && (upTo as number) <= MAX_BOUNDED_COUNT) out.add((upTo as number) + 1);
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, depth + 1);
      else visit(info.fragments[s.name.value]?.selectionSet, depth + 1);
    }
  };
  for (const f of info.fieldNodes) visit(f.selectionSet);
  return [...out];
}

/**
 * A connection under a parent object. `key` must identify the list and its filters (not the parent),
 * so all parents of one level share one loader and one statement.
 */
export async function childConnection<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  spec: ChildSpec,
  args: ConnectionArgs,
  info?: GraphQLResolveInfo,
): Promise<ConnectionResult<T>> {
  const q0 = spec.query();
  const alias = q0.entityAlias ?? aliasOf(q0.from);
  const guarded = guardedQuery(ctx, cls, spec, await listGuard(ctx, cls));
  // The page carries the columns its selection reads; the same list selected for other fields is another page.
  const pruned = prunedColumns(ctx, cls, info);
  const pageQuery = pruned ? () => ({ ...guarded(), select: pruned.select(alias) }) : guarded;
  const argKey = `${spec.key}|${JSON.stringify([args.first, args.after, args.last, args.before])}${pruned ? `|${pruned.columns.join(',')}` : ''}`;
  const found = info ? await planNested(ctx, info, cls.name, info.fieldNodes) : null;
  const plans = found && !isEmpty(found) ? found : null;
  const wanted = info ? selectedCounts(info) : [];
  const page = await ctx.loaders
    .page(argKey, async (ids) => {
      const pages = await fetchIdPagesForParents(
        ctx.manager,
        ids,
        spec.parent,
        pageQuery(),
        args,
        plans ? (sql) => levelColumns(plans, alias, sql, 1) : undefined,
        plans
          ? (rows) => {
              const last = `k${guarded().sort.length - 1}`;
              for (const r of rows) primeNested(ctx, plans, String(r[last]), r, (plan, parentId, p) => primePage(ctx, plan, parentId, p));
            }
          : undefined,
        wanted,
      );
      // Every parent's counts, where totalCount and boundedCount will look for them (childCounts).
      for (const [parentId, p] of pages) {
        p.counts?.forEach((n, i) => countLoader(ctx, spec, guarded, wanted[i]).prime(parentId, n));
        if (pruned) p.partial = true;
      }
      return pages;
    })
    .load(spec.parentId);
  const counts = childCounts(ctx, cls, spec, guarded);
  return new ConnectionResult(materialise(ctx, cls, page), page.pageInfo, counts.countAll, counts.countUpTo);
}

/**
 * One object by id (a root field such as `forum(id:)`) through the entity loader; when the selection
 * holds registered nested lists or to-one objects (prefetch.ts), they come in the same statement as the
 * object's row, so e.g. the meeting history is one statement from the forum down to the assignees.
 * The row is read by its primary key and kept only if the type's read policy admits it (canReadRows, the
 * rule the loader applies to rows by id and the list guard states in SQL): an API key's whole partnership
 * list (294 ids nationally, ~0.3 ms of parsing in the database) need not travel with every request.
 * Nothing of an unreadable row is kept, nor of its nested lists, whose guards may rest on its
 * readability (impliedByParent); the loader then answers null.
 */
export async function objectById<T extends ObjectLiteral & { id: string }>(ctx: Ctx, cls: EntityClass<T>, id: string, info?: GraphQLResolveInfo): Promise<T | null> {
  const loader = ctx.loaders.entity(cls);
  const level = info && isUuid(id) ? await planObject(ctx, info, cls.name) : null;
  if (level && !isEmpty(level)) {
    const shape = shapeOf(cls, ctx.dataSource);
    const sql = new Sql();
    const where = `t.id = ${sql.p(id.toLowerCase(), 'uuid')}`;
    const text = `SELECT ${shape.select('t')}, ${levelColumns(level, 't', sql, 1).join(', ')} FROM "${shape.table}" t WHERE ${where}`;
    const [row]: Record<string, unknown>[] = await ctx.manager.query(prepared(text), sql.params);
    const node = row ? shape.hydrate<T>(row) : null;
    if (node && (await canReadRows(ctx, cls, [node])).length) {
      ctx.loaders.primeEntity(cls, id, node);
      primeNested(ctx, level, node.id, row, (plan, parentId, page) => primePage(ctx, plan, parentId, page));
    }
  }
  return loader.load(id);
}
