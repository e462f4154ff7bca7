/** Turning id pages into Relay connections, for top-level lists and per-parent (nested) lists. */
import { ObjectLiteral } from 'typeorm';
import { aliasOf, listGuard } from '../auth/scope';
import { Ctx } from '../context';
import { shapeOf } from './rows';
import {
  ConnectionArgs,
  ConnectionResult,
  IdPage,
  ListQuery,
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
function materialise<T extends ObjectLiteral & { id: string }>(ctx: Ctx, cls: EntityClass<T>, page: IdPage): { cursor: string; node: T }[] {
  const shape = shapeOf(cls, ctx.dataSource);
  const loader = ctx.loaders.entity(cls);
  return page.items.map((item) => {
    const node = shape.hydrate<T>(item.row);
    loader.prime(node.id, node);
    return { cursor: item.cursor, node };
  });
}

function withColumns(ctx: Ctx, cls: { new (): unknown; name: string }, q: ListQuery): ListQuery {
  return { ...q, select: shapeOf(cls, ctx.dataSource).select(aliasOf(q.from)) };
}

export async function connection<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  unguarded: ListQuery,
  args: ConnectionArgs,
): Promise<ConnectionResult<T>> {
  // Every list is scoped to what the request may read, so pages and counts only ever hold visible rows.
  const guard = await listGuard(ctx, cls);
  const query = withColumns(ctx, cls, { ...unguarded, where: [...unguarded.where, guard(aliasOf(unguarded.from), unguarded.sql)] });
  const page = await fetchIdPage(ctx.manager, query, args);
  let count: Promise<number> | null = null;
  return new ConnectionResult(materialise(ctx, cls, page), page.pageInfo, () => (count ??= countRows(ctx.manager, query)));
}

/**
 * A connection under a parent object. `key` must identify the list and its filters (not the parent),
 * so all parents of one level share one loader and one statement.
 */
export async function childConnection<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  spec: { key: string; parentId: string; parent: string; query: () => ListQuery },
  args: ConnectionArgs,
): Promise<ConnectionResult<T>> {
  const guard = await listGuard(ctx, cls);
  const alias = aliasOf(spec.query().from);
  const guarded = () => {
    const q = spec.query();
    return withColumns(ctx, cls, { ...q, where: [...q.where, guard(alias, q.sql)] });
  };
  const argKey = `${spec.key}|${JSON.stringify([args.first, args.after, args.last, args.before])}`;
  const page = await ctx.loaders
    .page(argKey, (ids) => fetchIdPagesForParents(ctx.manager, ids, spec.parent, guarded(), args))
    .load(spec.parentId);
  const counter = ctx.loaders.count(spec.key, (ids) => countRowsForParents(ctx.manager, ids, spec.parent, guarded()));
  return new ConnectionResult(materialise(ctx, cls, page), page.pageInfo, () => counter.load(spec.parentId));
}
