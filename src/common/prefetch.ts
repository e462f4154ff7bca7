/**
 * One statement for a page and everything nested in it. When a connection's page is fetched, the
 * query's selection is read ahead: nested connections registered here (a meeting's agenda items,
 * their decisions, their action items…) are fetched in the same statement as JSON arrays, ordered
 * and capped like their own pages, and primed into the loaders their resolvers read. The meeting
 * history (forum → meetings → agenda items → decisions → action items) thus costs one statement
 * instead of one per level. Anything not registered, or with arguments other than paging, is left
 * to its resolver, which fetches it per level as before.
 */
import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLObjectType,
  GraphQLResolveInfo,
  Kind,
  SelectionSetNode,
  getNamedType,
  isObjectType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { Ctx } from '../context';
import { ListGuard, aliasOf, guardAsFilter, listGuard } from '../auth/scope';
import { ConnectionArgs, IdPage, SortKey, Sql, bounds, orderBy, pageWindow, selectKeys, toPage } from './pagination';
import { shapeOf } from './rows';

export interface NestedSpec<T = any> {
  cls: { new (): T; name: string };
  key: string;
  /** A single table with its alias, e.g. `agenda_item a`. */
  from: string;
  /** Ties a row to its parent, whose id is `p.parent_id`. */
  parent: string;
  sort: SortKey[];
  where?: (sql: Sql) => string[];
  filterKey?: unknown;
}

const registry = new Map<string, (ctx: Ctx) => NestedSpec>();
let enabled = process.env.PREFETCH !== '0';

/** Tests compare results with and without prefetching. */
export function setPrefetch(on: boolean): void {
  enabled = on;
}

/** Declare the nested connection `Type.field` (paging arguments only) so it can be fetched with its parent. */
export function registerNested(typeField: string, spec: (ctx: Ctx) => NestedSpec): (ctx: Ctx) => NestedSpec {
  registry.set(typeField, spec);
  return spec;
}

export interface Plan {
  spec: NestedSpec;
  args: ConnectionArgs;
  guard: ListGuard;
  children: Plan[];
}

const PAGING = new Set(['first', 'after', 'last', 'before']);

function collectFields(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) collectFields(sel.selectionSet, fragments, out);
    else if (sel.kind === Kind.FRAGMENT_SPREAD && fragments[sel.name.value]) collectFields(fragments[sel.name.value].selectionSet, fragments, out);
  }
  return out;
}

/** The fields selected on `edges { node { … } }` of a connection field. */
function nodeFields(connectionFields: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const edges = connectionFields.flatMap((f) => collectFields(f.selectionSet, fragments)).filter((f) => f.name.value === 'edges');
  const nodes = edges.flatMap((e) => collectFields(e.selectionSet, fragments)).filter((f) => f.name.value === 'node');
  return nodes.flatMap((n) => collectFields(n.selectionSet, fragments));
}

/**
 * Plans per request and selection: graphql-js hands every item of a list the same field nodes, so the
 * agenda items of ten meetings (or the decisions of forty items) share one plan instead of walking the
 * document and resolving read guards again for each parent.
 */
const planCache = new WeakMap<Ctx, WeakMap<readonly FieldNode[], Map<string, Promise<Plan[]>>>>();

/** What nested lists to fetch along with a page of `typeName` nodes. */
export function planNested(ctx: Ctx, info: GraphQLResolveInfo, typeName: string, connectionFields: readonly FieldNode[]): Promise<Plan[]> {
  if (!enabled) return Promise.resolve([]);
  let byNodes = planCache.get(ctx);
  if (!byNodes) planCache.set(ctx, (byNodes = new WeakMap()));
  let byType = byNodes.get(connectionFields);
  if (!byType) byNodes.set(connectionFields, (byType = new Map()));
  let plans = byType.get(typeName);
  if (!plans) byType.set(typeName, (plans = planLevel(ctx, info, typeName, connectionFields, 0)));
  return plans;
}

async function planLevel(ctx: Ctx, info: GraphQLResolveInfo, typeName: string, connectionFields: readonly FieldNode[], depth: number): Promise<Plan[]> {
  if (!enabled || depth > 4) return [];
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return [];
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const field of nodeFields(connectionFields, info.fragments)) {
    const name = field.name.value;
    const make = registry.get(`${typeName}.${name}`);
    if (!make) continue;
    const def = (type as GraphQLObjectType).getFields()[name];
    const args = getArgumentValues(def, field, info.variableValues) as ConnectionArgs & Record<string, unknown>;
    if (Object.keys(args).some((a) => !PAGING.has(a))) continue;
    const key = `${name}|${JSON.stringify(args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spec = make(ctx);
    const nodeType = getNamedType(def.type);
    const childType = isObjectType(nodeType) ? nodeType.name.replace(/Connection$/, '') : spec.cls.name;
    plans.push({
      spec,
      args,
      guard: await listGuard(ctx, spec.cls),
      children: await planLevel(ctx, info, childType, [field], depth + 1),
    });
  }
  return plans;
}

/** `alias.` → `renamed.` outside other identifiers. */
function realias(text: string, alias: string, renamed: string): string {
  return text.replace(new RegExp(`(?<![\\w.])${alias}\\.`, 'g'), `${renamed}.`);
}

/** A JSON array with the page of rows under the parent row `parentAlias` (and their own nested pages). */
export function nestedJson(plan: Plan, parentAlias: string, sql: Sql, depth: number): string {
  const { spec } = plan;
  const alias = aliasOf(spec.from);
  const na = `${alias}_n${depth}`;
  const table = spec.from.trim().split(/\s+/)[0];
  const sort = spec.sort.map((k) => ({ ...k, expr: realias(k.expr, alias, na) }));
  const w = pageWindow(plan.args, spec.sort);
  const where = [
    realias(spec.parent, alias, na).replace(/p\.parent_id/g, `${parentAlias}.id`),
    ...(spec.where?.(sql) ?? []).map((x) => realias(x, alias, na)),
    guardAsFilter(realias(plan.guard(alias, sql), alias, na)),
    ...bounds(sort, w, sql),
  ];
  const nested = plan.children.map((c, i) => `${nestedJson(c, na, sql, depth + 1)} AS "__n${i}"`);
  const cols = [selectKeys(sort), shapeOf(spec.cls).select(na), ...nested].join(', ');
  return `(SELECT coalesce(json_agg(y ORDER BY y.__ord), '[]'::json) FROM (
      SELECT ${cols}, row_number() OVER (ORDER BY ${orderBy(sort, w.reverse)}) AS __ord
        FROM ${table} ${na} WHERE ${where.join(' AND ')}
       ORDER BY ${orderBy(sort, w.reverse)} LIMIT ${w.limit + 1}) y)`;
}

/** Loader key of a nested page: the same as the resolver's (see childConnection). */
export function pageKey(spec: { key: string; filterKey?: unknown }, args: ConnectionArgs): string {
  return `${spec.key}|${JSON.stringify(spec.filterKey ?? null)}|${JSON.stringify([args.first, args.after, args.last, args.before])}`;
}

/**
 * Unpack the JSON pages of a fetched row (for the parent `parentId`) into the loaders, recursively.
 * `prime(key, parentId, page)` stores a page where the nested resolver will look for it.
 */
export function primeNested(
  ctx: Ctx,
  plans: Plan[],
  parentId: string,
  row: Record<string, unknown>,
  prime: (plan: Plan, parentId: string, page: IdPage) => void,
): void {
  plans.forEach((plan, i) => {
    const rows = (row[`__n${i}`] as Record<string, unknown>[] | undefined) ?? [];
    const w = pageWindow(plan.args, plan.spec.sort);
    const shape = shapeOf(plan.spec.cls);
    const page = toPage(rows as never, w, plan.spec.sort.length);
    for (const item of page.items) item.row = shape.fromJson(item.row);
    prime(plan, parentId, page);
    for (const item of page.items) primeNested(ctx, plan.children, item.id, item.row, prime);
  });
}

