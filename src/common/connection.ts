/** Turning id pages into Relay connections, for top-level lists and per-parent (nested) lists. */
import { ObjectLiteral } from 'typeorm';
import { aliasOf, listGuard } from '../auth/scope';
import { Ctx } from '../context';
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

async function materialise<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  page: IdPage,
): Promise<{ cursor: string; node: T }[]> {
  const nodes = await ctx.loaders.entity(cls).loadMany(page.items.map((i) => i.id));
  return page.items.flatMap((item, i) => {
    const node = nodes[i];
    return node && !(node instanceof Error) ? [{ cursor: item.cursor, node }] : [];
  });
}

export async function connection<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: EntityClass<T>,
  unguarded: ListQuery,
  args: ConnectionArgs,
): Promise<ConnectionResult<T>> {
  // Every list is scoped to what the request may read, so pages and counts only ever hold visible rows.
  const guard = await listGuard(ctx, cls);
  const query = { ...unguarded, where: [...unguarded.where, guard(aliasOf(unguarded.from), unguarded.sql)] };
  const page = await fetchIdPage(ctx.manager, query, args);
  let count: Promise<number> | null = null;
  return new ConnectionResult(await materialise(ctx, cls, page), page.pageInfo, () => (count ??= countRows(ctx.manager, query)));
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
    return { ...q, where: [...q.where, guard(alias, q.sql)] };
  };
  const argKey = `${spec.key}|${JSON.stringify([args.first, args.after, args.last, args.before])}`;
  const page = await ctx.loaders
    .page(argKey, (ids) => fetchIdPagesForParents(ctx.manager, ids, spec.parent, guarded(), args))
    .load(spec.parentId);
  const counter = ctx.loaders.count(spec.key, (ids) => countRowsForParents(ctx.manager, ids, spec.parent, guarded()));
  return new ConnectionResult(await materialise(ctx, cls, page), page.pageInfo, () => counter.load(spec.parentId));
}
