/** Shorthand for nested connections: rows of `from` tied to the parent by `parent` (uses p.parent_id). */
import { ObjectLiteral } from 'typeorm';
import { GraphQLResolveInfo } from 'graphql';
import { Ctx } from '../context';
import { ChildSpec, childConnection } from './connection';
import { ConnectionArgs, ConnectionResult, ListQuery, SortKey, Sql } from './pagination';

/** What a nested list is (see children()): from, parent condition, sort, filters. */
export interface ChildListSpec {
  key: string;
  from: string;
  parent: string;
  sort: SortKey[];
  /** Extra filters; built fresh per batch so parameters stay consistent. */
  where?: (sql: Sql) => string[];
  /** Identifies the filter values in the loader key. */
  filterKey?: unknown;
  /** Read per value of a column and merge (see ListQuery.fanOut); `parent` must say the same. */
  fanOut?: ListQuery['fanOut'];
  /** The parent condition's index reaches every row; the guard only filters (ListQuery.guardIsFilter). */
  guardIsFilter?: boolean;
  /** See ListQuery.entityAlias. */
  entityAlias?: string;
  /** See ListQuery.countsCached. */
  countsCached?: boolean;
}

/** The list under one parent, as childConnection and childCounts take it (loader keys shared by all parents). */
export function childSpec(spec: ChildListSpec, parentId: string): ChildSpec {
  return {
    key: `${spec.key}|${JSON.stringify(spec.filterKey ?? null)}`,
    parentId,
    parent: spec.parent,
    query: () => {
      const sql = new Sql();
      return { from: spec.from, entityAlias: spec.entityAlias, where: spec.where?.(sql) ?? [], sort: spec.sort, sql, fanOut: spec.fanOut, guardIsFilter: spec.guardIsFilter, countsCached: spec.countsCached };
    },
  };
}

export function children<T extends ObjectLiteral & { id: string }>(
  ctx: Ctx,
  cls: { new (): T; name: string },
  parentId: string,
  spec: ChildListSpec,
  args: ConnectionArgs,
  /** Pass the field's info to fetch registered nested lists in the same statement (prefetch.ts). */
  info?: GraphQLResolveInfo,
): Promise<ConnectionResult<T>> {
  return childConnection(ctx, cls, childSpec(spec, parentId), args, info);
}

export const byName = (alias: string): SortKey[] => [
  { expr: `${alias}.name`, dir: 'ASC', type: 'text' },
  { expr: `${alias}.id`, dir: 'ASC', type: 'uuid' },
];

export const byCreated = (alias: string): SortKey[] => [
  { expr: `${alias}.created_at`, dir: 'ASC', type: 'timestamptz' },
  { expr: `${alias}.id`, dir: 'ASC', type: 'uuid' },
];

/** A period (starts_on, ends_on) that includes the given date parameter. */
export const current = (alias: string, dateParam: string) =>
  `${alias}.starts_on <= ${dateParam} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on >= ${dateParam})`;

/** Filter for a list of periods (affiliations, seats, memberships): current ones on `day` unless `includeEnded`. */
export function periodFilter(alias: string, includeEnded: boolean, day: string) {
  return {
    where: (sql: Sql) => (includeEnded ? [] : [current(alias, sql.p(day, 'date'))]),
    filterKey: [includeEnded, day],
  };
}
