/**
 * Synchronous answers for what a request already holds. graphql-js completes a field without a
 * promise when its resolver returns a plain value; type-graphql's resolver wrapper always returns a
 * promise for fields with arguments (argument validation is async), and loaders answer with promises
 * even when primed. The meeting history's nested levels (meetings → agenda items → decisions →
 * action items → assignee) all come with the forum's row (prefetch.ts), so the resolvers of the
 * registered fields are wrapped once, at schema build:
 * - a registered nested connection returns the page fetched with its parent for this very selection
 *   (the document's field node: same arguments, and nodes carrying the columns it reads); its counts
 *   are batched per level as the field's own resolver batches them;
 * - a registered to-one field returns the object read for this selection with its parent's row (only
 *   the columns the selection reads), else the row the entity loader already holds for the key.
 * Anything else falls through to the type-graphql resolver, so the answers are the same (the tests
 * compare with and without prefetching). Only fields without authorization roles or middlewares are
 * wrapped: the fast path must not skip a check.
 */
import { GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { Ctx } from '../context';
import { entities } from '../entities';
import { childCounts, materialise } from './connection';
import { ConnectionResult } from './pagination';
import { NestedSpec, answeredFromPrefetch, registeredFields } from './prefetch';
import { childSpec } from './children';
import { shapeOf } from './rows';

type Resolver = GraphQLFieldResolver<any, Ctx, Record<string, unknown>>;

/** Fields that type-graphql wraps with checks (roles, middlewares): never answered past them. */
function guardedFields(): Set<string> {
  const out = new Set<string>();
  const m = getMetadataStorage();
  for (const f of m.fieldResolvers) {
    const type = f.getObjectType?.();
    if (type && (f.roles !== undefined || f.middlewares?.length)) out.add(`${type.name}.${f.schemaName}`);
  }
  for (const f of m.fields) if (f.roles !== undefined || f.middlewares?.length) out.add(`${f.target.name}.${f.schemaName}`);
  return out;
}

const installedOn = new WeakSet<GraphQLSchema>();

/** Wrap the registered fields' resolvers of the schema (once); returns the fields wrapped. */
export function installFastPaths(schema: GraphQLSchema): string[] {
  if (installedOn.has(schema)) return [];
  installedOn.add(schema);
  const { nested, toOne } = registeredFields();
  const guarded = guardedFields();
  const installed: string[] = [];
  const fieldOf = (typeField: string) => {
    if (guarded.has(typeField)) return null;
    const [typeName, fieldName] = typeField.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    return field?.resolve ? field : null;
  };
  for (const typeField of nested) {
    const field = fieldOf(typeField);
    if (!field) continue;
    const original = field.resolve as Resolver;
    field.resolve = (root, args, ctx, info) => {
      const hit = root && typeof root.id === 'string' ? ctx.loaders.prefetchedPage(info.fieldNodes[0], root.id) : undefined;
      if (!hit) return original(root, args, ctx, info);
      // Counts only when selected (one statement per level, as the field's own resolver counts).
      let counts: ReturnType<typeof childCounts> | null = null;
      const counter = () => (counts ??= childCounts(ctx, hit.cls, childSpec(hit.spec as NestedSpec, root.id)));
      return new ConnectionResult(
        materialise(ctx, hit.cls as never, hit.page),
        hit.page.pageInfo,
        () => counter().countAll(),
        (limit) => counter().countUpTo(limit),
      );
    };
    answeredFromPrefetch(typeField);
    installed.push(typeField);
  }
  for (const [typeField, spec] of toOne) {
    const field = fieldOf(typeField);
    const parent = entities.find((e) => e.name === typeField.split('.')[0]);
    if (!field || !parent) continue;
    const original = field.resolve as Resolver;
    // The foreign key's property on the parent entity, from TypeORM's metadata (known once connected).
    let prop: string | null | undefined;
    field.resolve = (root, args, ctx, info) => {
      prop ??= shapeOf(parent as never, ctx.dataSource).propOf(spec.fk) ?? null;
      const key = prop ? root?.[prop] : undefined;
      if (typeof key !== 'string') return original(root, args, ctx, info);
      // The object read for this selection (some columns), else the whole row the entity loader holds.
      let held: unknown = ctx.loaders.prefetchedObject(info.fieldNodes[0], key);
      if (held === undefined) held = ctx.loaders.peekEntity(spec.cls.name, key);
      return held !== undefined ? held : original(root, args, ctx, info);
    };
    answeredFromPrefetch(typeField);
    installed.push(typeField);
  }
  return installed;
}
