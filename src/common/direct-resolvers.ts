/**
 * Field resolvers called directly, without type-graphql's per-call wrapper.
 *
 * type-graphql calls a `@FieldResolver` method through a wrapper that, on every call, builds a
 * resolver-data object, asks the container for the resolver instance, sorts the method's parameter
 * metadata and maps it to values, and runs the (here empty) middleware chain. For a field such as
 * `AgendaItem.title` (the confidentiality check, `reveal(ctx, row, …)`) that wrapper is most of the
 * field's cost, paid for every item of a page.
 *
 * At schema build, a field resolver whose parameters are only `@Root()`, `@Ctx()` and `@Info()` and
 * that has no authorization roles or middlewares (schema.ts passes no global ones) is replaced by a
 * function that calls the method with those values in their order. A root that is not an instance of
 * the parameter's declared class (which the wrapper would convert) goes to the original resolver.
 */
import { GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Resolver = GraphQLFieldResolver<any, any, Record<string, unknown>>;

interface ParamMeta {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}

type Direct = 'root' | 'context' | 'info';

/** What decides whether a field resolver may be called directly (type-graphql's FieldResolverMetadata). */
export interface FieldResolverMeta {
  kind: 'internal' | 'external';
  target: Function;
  roles?: unknown[];
  middlewares?: unknown[];
  params?: readonly ParamMeta[];
}

/**
 * How each parameter of the method is filled (root, context, info), in call order; null when the
 * resolver must keep type-graphql's wrapper: authorization roles (even an empty list), middlewares,
 * arguments (validated by the wrapper), a root or context property, a resolver class that takes
 * constructor arguments, or a resolver defined on the object type itself.
 */
export function directParams(meta: FieldResolverMeta): Direct[] | null {
  if (meta.kind !== 'external' || meta.roles !== undefined || meta.middlewares?.length) return null;
  if (meta.target.length !== 0) return null;
  const sorted = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
  const out: Direct[] = [];
  for (const [i, p] of sorted.entries()) {
    if (p.index !== i) return null;
    if ((p.kind === 'root' || p.kind === 'context') && !p.propertyName) out.push(p.kind);
    else if (p.kind === 'info') out.push('info');
    else return null;
  }
  return out;
}

const installedOn = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** The fields (`Type.field`) of the schema whose resolvers are called directly. */
export function directlyResolved(schema: GraphQLSchema): ReadonlySet<string> {
  return installedOn.get(schema) ?? new Set();
}

/** Replace the eligible field resolvers of the schema (once); returns the fields replaced (`Type.field`). */
export function installDirectResolvers(schema: GraphQLSchema): string[] {
  if (installedOn.has(schema)) return [];
  const installed: string[] = [];
  const instances = new Map<Function, Record<string, unknown>>();
  for (const meta of getMetadataStorage().fieldResolvers) {
    const params = directParams(meta as unknown as FieldResolverMeta);
    // type-graphql's default container makes each resolver class once, with `new` and no arguments.
    const resolverClass = meta.target as new () => Record<string, unknown>;
    const objectType = meta.getObjectType?.();
    const type = objectType ? schema.getType(objectType.name) : undefined;
    const field = isObjectType(type) ? type.getFields()[meta.schemaName] : undefined;
    if (!params || !field?.resolve) continue;
    let instance = instances.get(resolverClass);
    if (!instance) instances.set(resolverClass, (instance = new resolverClass()));
    const method = instance[meta.methodName];
    if (typeof method !== 'function') continue;
    const rootType = (meta.params as ParamMeta[]).find((p) => p.kind === 'root')?.getType;
    field.resolve = directResolver(instance, method as (...a: unknown[]) => unknown, params, rootType, field.resolve as Resolver);
    installed.push(`${type!.name}.${meta.schemaName}`);
  }
  installedOn.set(schema, new Set(installed));
  return installed;
}

function directResolver(
  instance: object,
  method: (...a: unknown[]) => unknown,
  params: Direct[],
  rootType: (() => unknown) | undefined,
  original: Resolver,
): Resolver {
  // The root parameter's declared class, read at the first call (type thunks may name classes defined later).
  let rootClass: unknown;
  const asDeclared = (root: unknown): boolean => {
    if (!rootType) return true;
    rootClass ??= rootType();
    return typeof rootClass !== 'function' || (root !== null && typeof root === 'object' && root instanceof (rootClass as Function));
  };
  const pick = (p: Direct, root: unknown, ctx: unknown, info: unknown) => (p === 'root' ? root : p === 'context' ? ctx : info);
  const [a, b] = params;
  if (params.length === 2) {
    return (root, args, ctx, info) => (asDeclared(root) ? method.call(instance, pick(a, root, ctx, info), pick(b, root, ctx, info)) : original(root, args, ctx, info));
  }
  return (root, args, ctx, info) => (asDeclared(root) ? method.apply(instance, params.map((p) => pick(p, root, ctx, info))) : original(root, args, ctx, info));
}
