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
  GraphQLOutputType,
  GraphQLResolveInfo,
  Kind,
  SelectionSetNode,
  getNamedType,
  isObjectType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import { Ctx } from '../context';
import { ListGuard, aliasOf, filterGuard, impliedByParent, listGuard } from '../auth/scope';
import { ConnectionArgs, IdPage, SortKey, Sql, arrayPage, bounds, orderBy, pageWindow } from './pagination';
import { ColumnSet, shapeOf } from './rows';
import type { ChildListSpec } from './children';

/**
 * A registered nested list: what children() takes (`from` a single table with its alias, e.g.
 * `agenda_item a`; `parent` ties a row to its parent, whose id is `p.parent_id`), not fanned out.
 */
export interface NestedSpec<T = any> extends Omit<ChildListSpec, 'fanOut'> {
  cls: { new (): T; name: string };
  /**
   * The rows share their parent row's forum and partnership, as the database enforces (composite
   * foreign keys, migration SameForum): the read guard may be implied by the parent's (impliedByParent).
   */
  sameForum?: boolean;
}

/**
 * A to-one relation read through the entity loader by a foreign key on the parent's row (an action
 * item's assignee organisation, a meeting's forum): fetched as one JSON object per row.
 */
export interface ToOneSpec<T = any> {
  cls: { new (): T; name: string };
  /** The foreign-key column on the parent's table. */
  fk: string;
  /**
   * The object is the parent row's own forum, whose id and partnership the row carries (composite
   * foreign keys, migration SameForum): its read guard may be implied by the parent's (impliedByParent).
   */
  sameForum?: boolean;
}

const registry = new Map<string, (ctx: Ctx) => NestedSpec>();
/** Nested and to-one fields answered from what came with their parent by their fast path (fast-path.ts). */
const fastPaths = new Set<string>();

/** fast-path.ts: `Type.field` reads its prefetched pages (Loaders.prefetchedPage) or objects (prefetchedObject). */
export function answeredFromPrefetch(typeField: string): void {
  fastPaths.add(typeField);
}
const toOneRegistry = new Map<string, ToOneSpec>();
let enabled = process.env.PREFETCH !== '0';

/** Tests compare results with and without prefetching. */
export function setPrefetch(on: boolean): void {
  enabled = on;
}

/** Columns read by field resolvers (`Type.field` → database columns), beside their plain fields. */
const fieldColumns = new Map<string, readonly string[]>();

/**
 * Declare the database columns the resolver of `Type.field` reads from its object (e.g. a title shown
 * or redacted: the title, `confidential`, `forum_id`). Nested pages then carry only the columns their
 * selection reads; a selected field resolver without a declaration makes its level carry every column.
 */
export function registerFieldColumns(typeField: string, columns: readonly string[]): void {
  fieldColumns.set(typeField, columns);
}

/** GraphQL field → column, for the plain (resolver-less) fields of an entity type that are columns. */
const plainColumnsCache = new Map<string, Map<string, string>>();

function plainColumns(typeName: string, cls: { new (): unknown; name: string }): Map<string, string> {
  let out = plainColumnsCache.get(typeName);
  if (out) return out;
  out = new Map();
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.filter((f) => f.getObjectType?.()?.name === typeName).map((f) => f.schemaName));
  const shape = shapeOf(cls);
  for (const f of storage.fields) {
    // Fields declared on the class or a class it extends (RecordEntity's id, timestamps, version).
    if (!(f.target === cls || cls.prototype instanceof (f.target as never))) continue;
    if (resolved.has(f.schemaName) || f.params?.length) continue;
    const column = shape.columnOf(f.name);
    if (column) out.set(f.schemaName, column);
  }
  plainColumnsCache.set(typeName, out);
  return out;
}

/**
 * The columns a selection on nodes of `typeName` reads: the id, each plain field's column, the foreign
 * key of each registered to-one field, the declared columns of field resolvers; nested lists read
 * nothing from their parent's row but its id. null (every column) when any field is not accounted for.
 */
function neededColumns(typeName: string, cls: { new (): unknown; name: string }, fields: readonly FieldNode[]): Set<string> | null {
  const plain = plainColumns(typeName, cls);
  const need = new Set(['id']);
  for (const field of fields) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const key = `${typeName}.${name}`;
    if (registry.has(key)) continue;
    const one = toOneRegistry.get(key);
    const declared = fieldColumns.get(key);
    if (declared) checkColumns(key, cls, declared);
    const columns = one ? [one.fk] : (declared ?? (plain.has(name) ? [plain.get(name)!] : null));
    if (!columns) return null;
    for (const c of columns) need.add(c);
  }
  return need;
}

const checked = new Set<string>();

/** A declaration naming a column the entity does not have is a bug: refuse it (the tests run every declared field). */
function checkColumns(key: string, cls: { new (): unknown; name: string }, columns: readonly string[]): void {
  if (checked.has(key)) return;
  const missing = columns.filter((c) => !shapeOf(cls).columns.includes(c));
  if (missing.length) throw new Error(`registerFieldColumns('${key}'): ${cls.name} has no column ${missing.join(', ')}`);
  checked.add(key);
}

let pruning = process.env.PRUNE_COLUMNS !== '0';

/** Tests compare nested pages with every column and with only the selected ones. */
export function setColumnPruning(on: boolean): void {
  pruning = on;
}

/** Declare the nested connection `Type.field` (paging arguments only) so it can be fetched with its parent. */
export function registerNested(typeField: string, spec: (ctx: Ctx) => NestedSpec): (ctx: Ctx) => NestedSpec {
  registry.set(typeField, spec);
  return spec;
}

/**
 * Declare the to-one field `Type.field` (no arguments) whose resolver is exactly
 * `ctx.loaders.entity(cls).load(parent[fk])`: it is fetched with the parent's row and primed into that loader.
 */
export function registerToOne(typeField: string, spec: ToOneSpec): void {
  toOneRegistry.set(typeField, spec);
}

export interface ToOnePlan {
  spec: ToOneSpec;
  guard: ListGuard;
  /** The guard holds for the object of every parent row the request reads (see Plan.implied). */
  implied: boolean;
  /** The columns the selection of the object reads (null: all); see neededColumns. */
  columns: Set<string> | null;
  /** The document's field nodes this object serves (the field, and the same field selected again). */
  nodes: FieldNode[];
  /** `columns` of the entity, made once (see columnSet). */
  set?: ColumnSet;
}

/** What to fetch along with each row of a level: nested pages and to-one objects. */
export interface Level {
  lists: Plan[];
  toOne: ToOnePlan[];
}

export interface Plan {
  /** `Type.field` of the nested connection. */
  field: string;
  spec: NestedSpec;
  args: ConnectionArgs;
  /** The columns the selection of the nodes reads (null: all); see neededColumns. */
  columns: Set<string> | null;
  /** The document's field nodes this plan serves (the field, and the same list selected again). */
  nodes: FieldNode[];
  /** `columns` of the entity, made once (see columnSet). */
  set?: ColumnSet;
  guard: ListGuard;
  /**
   * The guard holds for every row under a parent row the request reads (impliedByParent), so the
   * nested statement leaves it out. `guard` still scopes the list's own loader and counts.
   */
  implied: boolean;
  /**
   * The row past the page is read, to tell whether there are more: the selection reads `pageInfo`, or
   * the page may serve more than this selection (a field without a fast path: its page loader is primed).
   */
  lookAhead: boolean;
  children: Level;
}

const EMPTY: Level = { lists: [], toOne: [] };

export function isEmpty(level: Level): boolean {
  return !level.lists.length && !level.toOne.length;
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
 * Per field node of a list (the parsed document is shared by every request of the same query text):
 * the fields selected on its nodes, and the columns they read.
 */
const nodeFieldsCache = new WeakMap<FieldNode, FieldNode[]>();
const columnsCache = new WeakMap<FieldNode, Map<string, Set<string> | null>>();

function nodeFieldsOf(field: FieldNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  let fields = nodeFieldsCache.get(field);
  if (!fields) nodeFieldsCache.set(field, (fields = nodeFields([field], fragments)));
  return fields;
}

/** The fields selected on the object of a to-one field (`assigneeOrganisation { name }`). */
const objectFieldsCache = new WeakMap<FieldNode, FieldNode[]>();

function objectFieldsOf(field: FieldNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  let fields = objectFieldsCache.get(field);
  if (!fields) objectFieldsCache.set(field, (fields = collectFields(field.selectionSet, fragments)));
  return fields;
}

/** The columns the selection of `field` reads from each of its objects (a list's nodes, or a to-one object). */
function columnsOfField(
  field: FieldNode,
  typeName: string,
  cls: { new (): unknown; name: string },
  fragments: Record<string, FragmentDefinitionNode>,
  fieldsOf: (field: FieldNode, fragments: Record<string, FragmentDefinitionNode>) => FieldNode[] = nodeFieldsOf,
): Set<string> | null {
  if (!pruning) return null;
  let byType = columnsCache.get(field);
  if (!byType) columnsCache.set(field, (byType = new Map()));
  let columns = byType.get(typeName);
  if (columns === undefined) byType.set(typeName, (columns = neededColumns(typeName, cls, fieldsOf(field, fragments))));
  return columns;
}

/**
 * Plans per request and selection: graphql-js hands every item of a list the same field nodes, so the
 * agenda items of ten meetings (or the decisions of forty items) share one plan instead of walking the
 * document and resolving read guards again for each parent.
 */
const planCache = new WeakMap<Ctx, WeakMap<readonly FieldNode[], Map<string, Promise<Level>>>>();

/** The plan for (request, field nodes, key), made once. */
function cachedPlan(ctx: Ctx, fieldNodes: readonly FieldNode[], key: string, make: () => Promise<Level>): Promise<Level> {
  if (!enabled) return Promise.resolve(EMPTY);
  let byNodes = planCache.get(ctx);
  if (!byNodes) planCache.set(ctx, (byNodes = new WeakMap()));
  let byKey = byNodes.get(fieldNodes);
  if (!byKey) byNodes.set(fieldNodes, (byKey = new Map()));
  let plans = byKey.get(key);
  if (!plans) byKey.set(key, (plans = make()));
  return plans;
}

/** What nested lists and to-one objects to fetch along with a page of `typeName` nodes. */
export function planNested(ctx: Ctx, info: GraphQLResolveInfo, typeName: string, connectionFields: readonly FieldNode[]): Promise<Level> {
  return cachedPlan(ctx, connectionFields, typeName, () => planLevel(ctx, info, typeName, nodeFields(connectionFields, info.fragments), 0));
}

/** What to fetch along with one object of `typeName` selected by the field (e.g. the root `forum(id:)`). */
export function planObject(ctx: Ctx, info: GraphQLResolveInfo, typeName: string): Promise<Level> {
  return cachedPlan(ctx, info.fieldNodes, `${typeName}#object`, () =>
    planLevel(ctx, info, typeName, info.fieldNodes.flatMap((f) => collectFields(f.selectionSet, info.fragments)), 0),
  );
}

async function planLevel(ctx: Ctx, info: GraphQLResolveInfo, typeName: string, fields: readonly FieldNode[], depth: number): Promise<Level> {
  if (!enabled || depth > 4) return EMPTY;
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return EMPTY;
  const plans: Plan[] = [];
  const toOne: ToOnePlan[] = [];
  const byKey = new Map<string, Plan>();
  for (const field of fields) {
    const name = field.name.value;
    const one = toOneRegistry.get(`${typeName}.${name}`);
    if (one) {
      if (field.arguments?.length) continue;
      const target = getNamedType((type as GraphQLObjectType).getFields()[name].type);
      // Some columns only where the field's fast path answers from them; else the whole row, for its loader.
      const columns = fastPaths.has(`${typeName}.${name}`)
        ? columnsOfField(field, isObjectType(target) ? target.name : one.cls.name, one.cls, info.fragments, objectFieldsOf)
        : null;
      const same = toOne.find((o) => o.spec === one);
      if (same) {
        // The same object selected again (an alias): one read serves both selections.
        same.columns = columns && same.columns ? new Set([...same.columns, ...columns]) : null;
        same.nodes.push(field);
        continue;
      }
      toOne.push({
        spec: one,
        columns,
        nodes: [field],
        guard: await listGuard(ctx, one.cls),
        implied: !!one.sameForum && (await impliedByParent(ctx, { name: typeName }, one.cls)),
      });
      continue;
    }
    const make = registry.get(`${typeName}.${name}`);
    if (!make) continue;
    const def = (type as GraphQLObjectType).getFields()[name];
    const args = getArgumentValues(def, field, info.variableValues) as ConnectionArgs & Record<string, unknown>;
    if (Object.keys(args).some((a) => !PAGING.has(a))) continue;
    const key = `${name}|${pagingKey(args)}`;
    const spec = make(ctx);
    const childType = nodeTypeOf(def.type, spec.cls);
    const columns = columnsOfField(field, childType, spec.cls, info.fragments);
    const same = byKey.get(key);
    if (same) {
      // The same list selected again (an alias, a fragment): one page serves both, so its nodes carry
      // the columns either selection reads.
      same.columns = columns && same.columns ? new Set([...same.columns, ...columns]) : null;
      same.nodes.push(field);
      same.lookAhead ||= readsPageInfo(field, info.fragments);
      continue;
    }
    const plan: Plan = {
      field: `${typeName}.${name}`,
      columns,
      nodes: [field],
      spec,
      args,
      guard: await listGuard(ctx, spec.cls),
      implied: !!spec.sameForum && (await impliedByParent(ctx, { name: typeName }, spec.cls)),
      lookAhead: !fastPaths.has(`${typeName}.${name}`) || readsPageInfo(field, info.fragments),
      children: EMPTY,
    };
    byKey.set(key, plan);
    plans.push(plan);
    plan.children = await planLevel(ctx, info, childType, nodeFieldsOf(field, info.fragments), depth + 1);
  }
  return { lists: plans, toOne };
}

/** Does the selection of a connection field read its `pageInfo` (directly, or in a fragment)? */
function readsPageInfo(field: FieldNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  return collectFields(field.selectionSet, fragments).some((f) => f.name.value === 'pageInfo');
}

/** The GraphQL type of a connection field's nodes (`ActionItemConnection` → `ActionItem`), else the entity's. */
function nodeTypeOf(fieldType: GraphQLOutputType, cls: { name: string }): string {
  const type = getNamedType(fieldType);
  return isObjectType(type) ? type.name.replace(/Connection$/, '') : cls.name;
}

/**
 * The columns the nodes of a connection field read (its selection: see neededColumns), so that the
 * field's own page carries only those; null: every column (a field not accounted for, or pruning off).
 */
export function connectionColumns(info: GraphQLResolveInfo, cls: { new (): unknown; name: string }): Set<string> | null {
  const typeName = nodeTypeOf(info.returnType, cls);
  const out = new Set<string>();
  for (const field of info.fieldNodes) {
    const columns = columnsOfField(field, typeName, cls, info.fragments);
    if (!columns) return null;
    for (const c of columns) out.add(c);
  }
  return out;
}

/** The columns a plan's rows (or to-one objects) carry (after planning: the union of its selections is known). */
function columnSet(plan: Plan | ToOnePlan): ColumnSet {
  return (plan.set ??= shapeOf(plan.spec.cls).pick(plan.columns));
}

/** `alias.` → `renamed.` outside other identifiers. */
function realias(text: string, alias: string, renamed: string): string {
  return text.replace(new RegExp(`(?<![\\w.])${alias}\\.`, 'g'), `${renamed}.`);
}

/**
 * Columns to add to the rows of alias `rowAlias`: `__n<i>` nested pages, `__o<i>` to-one objects. Nested
 * rows and to-one objects travel as JSON arrays (positions: see unpackRow/unpackObject), not objects: the history's
 * JSON is about half as long without the column names repeated in every row.
 */
export function levelColumns(level: Level, rowAlias: string, sql: Sql, depth: number): string[] {
  const names = levelNames(level);
  return levelExprs(level, rowAlias, sql, depth).map((e, i) => `${e} AS "${names[i]}"`);
}

function levelNames(level: Level): string[] {
  return [...level.lists.map((_, i) => `__n${i}`), ...level.toOne.map((_, i) => `__o${i}`)];
}

function levelExprs(level: Level, rowAlias: string, sql: Sql, depth: number): string[] {
  return [
    ...level.lists.map((c) => nestedJson(c, rowAlias, sql, depth)),
    ...level.toOne.map((o, i) => {
      const t = `${rowAlias}_o${i}`;
      const guard = o.implied ? '' : ` AND ${filterGuard(o.guard, t, sql)}`;
      return `(SELECT json_build_array(${columnSet(o).select(t)}) FROM "${shapeOf(o.spec.cls).table}" ${t}
          WHERE ${t}.id = ${rowAlias}.${o.spec.fk}${guard})`;
    }),
  ];
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
    ...(plan.implied ? [] : [realias(filterGuard(plan.guard, alias, sql), alias, na)]),
    ...bounds(sort, w, sql),
  ];
  const order = orderBy(sort, w.reverse);
  const rows = `FROM ${table} ${na} WHERE ${where.join(' AND ')}
       ORDER BY ${order} LIMIT ${plan.lookAhead ? w.limit + 1 : w.limit}`;
  // Without pageInfo in the selection no row past the page is read at all (the history page: its
  // eleventh meeting was about a tenth of the statement). Where it is read, only to tell whether there
  // are more, it carries no nested pages: rows are numbered in the page's own order, and the nested
  // lists (levelExprs puts them first) are built for the page's rows alone.
  const lists = plan.children.lists.length;
  const numbered = plan.lookAhead && lists > 0;
  const nested = levelExprs(plan.children, na, sql, depth + 1).map((e, i) => (numbered && i < lists ? `CASE WHEN ${na}.__i <= ${w.limit} THEN ${e} END` : e));
  // One JSON array per row: the sort keys as text, the entity's columns, then the nested columns.
  const values = [...sort.map((k) => `(${k.expr})::text`), columnSet(plan).select(na), ...nested];
  // The aggregate takes its rows in the order of the sorted subquery it alone reads (no join or
  // grouping in between), the form PostgreSQL's manual gives for ordered aggregate input ("Aggregate
  // Expressions"). `json_agg(… ORDER BY …)` sorted them again, setting up a sort per parent row:
  // about 40% of the history statement's time.
  const source = numbered ? `FROM (SELECT ${na}.*, row_number() OVER (ORDER BY ${order}) AS __i ${rows}) ${na}` : rows;
  return `(SELECT coalesce(json_agg(y.r), '[]'::json) FROM (
      SELECT json_build_array(${values.join(', ')}) AS r
        ${source}) y)`;
}

/** The paging arguments as a key; null when other arguments are given (such lists are not prefetched). */
function pagingKey(args: Record<string, unknown>): string | null {
  for (const k in args) if (!PAGING.has(k) && args[k] !== undefined) return null;
  return JSON.stringify([args.first, args.after, args.last, args.before]);
}

/** The registered nested connections (`Type.field`) and to-one fields with their specs. */
export function registeredFields(): { nested: string[]; toOne: Map<string, ToOneSpec> } {
  return { nested: [...registry.keys()], toOne: new Map(toOneRegistry) };
}

/** Loader key of a nested page: the same as the resolver's (see childConnection). */
export function pageKey(spec: { key: string; filterKey?: unknown }, args: ConnectionArgs): string {
  return `${spec.key}|${JSON.stringify(spec.filterKey ?? null)}|${JSON.stringify([args.first, args.after, args.last, args.before])}`;
}

/**
 * Unpack the JSON pages of a fetched row (for the parent `parentId`) into the request's loaders,
 * recursively: each nested page is kept for its field's fast path (fast-path.ts) and, for a field
 * without one, `prime(plan, parentId, page)` stores a whole page where the field's own resolver looks;
 * to-one objects go into the entity loader. Nested rows are JSON arrays (sort keys as
 * text, the entity's columns, then the row's own nested columns: see levelExprs), built into entities
 * directly.
 */
export function primeNested(
  ctx: Ctx,
  level: Level,
  parentId: string,
  row: Record<string, unknown>,
  prime: (plan: Plan, parentId: string, page: IdPage) => void,
): void {
  primeLevel(ctx, level, parentId, (i) => row[`__n${i}`], (i) => row[`__o${i}`], (fk) => row[fk], prime);
}

function primeLevel(
  ctx: Ctx,
  level: Level,
  parentId: string,
  listAt: (i: number) => unknown,
  objectAt: (i: number) => unknown,
  fkValue: (fk: string) => unknown,
  prime: (plan: Plan, parentId: string, page: IdPage) => void,
): void {
  level.toOne.forEach((o, i) => {
    const key = fkValue(o.spec.fk);
    if (typeof key !== 'string') return;
    const value = objectAt(i) as unknown[] | null | undefined;
    if (value === undefined) return;
    // null: no such row, or one the request may not read (the guard is the loader's read policy in SQL).
    const set = columnSet(o);
    const object = value === null ? null : set.fromValues<object>(value, 0);
    // A whole row goes to the entity loader; one with some columns only serves this selection.
    if (set.whole) ctx.loaders.primeEntity(o.spec.cls, key, object as never);
    else for (const node of o.nodes) ctx.loaders.rememberObject(node, key, object);
  });
  level.lists.forEach((plan, i) => {
    const set = columnSet(plan);
    const arity = plan.spec.sort.length;
    const base = arity + set.columns.length;
    const lists = plan.children.lists.length;
    const page = arrayPage((listAt(i) as unknown[][] | undefined) ?? [], pageWindow(plan.args, plan.spec.sort), arity, (v) => {
      const node = set.fromValues<object>(v, arity);
      primeLevel(ctx, plan.children, v[arity - 1] as string, (j) => v[base + j], (j) => v[base + lists + j], (fk) => v[arity + set.columns.indexOf(fk)], prime);
      return node;
    });
    // Nodes with some columns only serve this selection; they are not handed to the entity loader.
    if (!set.whole) page.partial = true;
    for (const node of plan.nodes) ctx.loaders.rememberPage(node, parentId, { cls: plan.spec.cls, page, spec: plan.spec });
    // Fields without a fast path read their pages from the page loader; only whole pages go there.
    if (set.whole && !fastPaths.has(plan.field)) prime(plan, parentId, page);
  });
}
