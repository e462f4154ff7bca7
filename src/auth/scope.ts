/**
 * Read scoping, one policy per object type: which rows a request may see.
 * - listGuard(): a SQL predicate added to every list query (so pages and totalCount are right);
 * - canReadRows(): the same rule applied to every object loaded by id (node(id:), lookups, pages).
 * A type missing here is invisible to everyone but the system; a test checks every type has a policy.
 */
import { Ctx } from '../context';
import { Sql } from '../common/pagination';
import { Permission, RecordKind } from './access';
import { NETWORK_READ_POLICY } from '../network/read-policy';

type Rule =
  | { kind: 'directory' }
  | { kind: 'partnership'; column: string }
  | { kind: 'partnershipOfForum'; column: string }
  /** `ownOrganisation`: also rows assigned to the reader's own organisations (action items). */
  | { kind: 'forum'; record: RecordKind; column: string; partnershipColumn?: string; ownOrganisation?: boolean }
  | { kind: 'via'; record: RecordKind; column: string; table: string; prop: string; ownOrganisation?: boolean }
  /** Administrators of the row's partnership; `array`: the row names several partnerships; `orNull`: rows without one are for every administrator. */
  | { kind: 'admin'; column: string; array?: boolean; orNull?: boolean }
  /**
   * Holders of a permission in the row's partnership: `column` names the partnership, or, with `table`
   * (a table or subquery with id and partnership_id), the row's parent in it.
   */
  | { kind: 'permission'; permission: Permission; column: string; table?: string }
  /** Only the person in `column` (their own calendar feeds). */
  | { kind: 'owner'; column: string };

/** The visibility rule of every object type, keyed by class name. Columns are on the type's own table. */
export const READ_POLICY: Record<string, Rule> = {
  Organisation: { kind: 'directory' },
  Person: { kind: 'directory' },
  Affiliation: { kind: 'directory' },
  Partnership: { kind: 'partnership', column: 'id' },
  PartnershipMember: { kind: 'partnership', column: 'partnership_id' },
  Forum: { kind: 'partnership', column: 'partnership_id' },
  ForumMember: { kind: 'partnershipOfForum', column: 'forum_id' },
  Meeting: { kind: 'forum', record: 'meetings', column: 'forum_id', partnershipColumn: 'partnership_id' },
  AgendaItem: { kind: 'forum', record: 'meetings', column: 'forum_id' },
  Attendance: { kind: 'via', record: 'meetings', column: 'meeting_id', table: 'meeting', prop: 'meetingId' },
  MinutesAmendment: { kind: 'via', record: 'meetings', column: 'meeting_id', table: 'meeting', prop: 'meetingId' },
  Decision: { kind: 'forum', record: 'decisions', column: 'forum_id', partnershipColumn: 'partnership_id' },
  DecisionStatusChange: { kind: 'via', record: 'decisions', column: 'decision_id', table: 'decision', prop: 'decisionId' },
  ActionItem: { kind: 'forum', record: 'actionItems', column: 'forum_id', partnershipColumn: 'partnership_id', ownOrganisation: true },
  ActionItemEvent: { kind: 'via', record: 'actionItems', column: 'action_item_id', table: 'action_item', prop: 'actionItemId', ownOrganisation: true },
  PartnershipAccess: { kind: 'admin', column: 'partnership_id' },
  ApiKey: { kind: 'admin', column: 'partnership_ids', array: true },
  AuditEntry: { kind: 'admin', column: 'partnership_id', orNull: true },
  ConfidentialRead: { kind: 'admin', column: 'partnership_id' },
  /** Not loaded by id: the feed applies the rule of each change's object type (change-feed.service.ts). */
  Change: { kind: 'partnership', column: 'partnership_id' },
  WebhookSubscription: { kind: 'permission', permission: Permission.MANAGE_WEBHOOKS, column: 'partnership_id' },
  WebhookSecret: { kind: 'permission', permission: Permission.MANAGE_WEBHOOKS, column: 'subscription_id', table: 'webhook_subscription' },
  WebhookDelivery: { kind: 'permission', permission: Permission.MANAGE_WEBHOOKS, column: 'subscription_id', table: 'webhook_subscription' },
  WebhookAttempt: {
    kind: 'permission',
    permission: Permission.MANAGE_WEBHOOKS,
    column: 'delivery_id',
    table: '(SELECT d.id, s.partnership_id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id)',
  },
  CalendarFeed: { kind: 'owner', column: 'owner_id' },
  ...NETWORK_READ_POLICY,
};

const camel = (col: string) => col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The alias of the first table in a FROM clause: `meeting m JOIN …` → `m`. */
export function aliasOf(from: string): string {
  const m = /^\s*"?(\w+)"?\s+(?:AS\s+)?(\w+)/i.exec(from);
  return m && !/^(JOIN|LEFT|INNER|WHERE)$/i.test(m[2]) ? m[2] : (m?.[1] ?? from.trim());
}

/**
 * The row's forum belongs to one of the partnerships `p`: the forum's partnership looked up by primary
 * key and tested as a filter. (`forum_id IN (SELECT id FROM forum WHERE partnership_id = ANY(p))` lets
 * the planner probe forum's (id, partnership_id) key with the whole array for every row: ~50 µs per
 * row for 294 partnerships.)
 */
function forumInPartnerships(forumColumn: string, ids: readonly string[], sql: Sql, asFilter: boolean): string {
  return `coalesce(${oneOf(`(SELECT sf.partnership_id FROM forum sf WHERE sf.id = ${forumColumn})`, ids, sql, asFilter)}, false)`;
}

/**
 * Longer id arrays are matched in a filter through a hash table. `col = ANY($n)` tests the array's
 * elements one by one: PostgreSQL hashes a constant array, but not a parameter, and the nested pages
 * and counts are prepared statements whose generic plans see a parameter. An organisation page counting
 * ~1,000 action items under an API key for all 294 partnerships spent ~1 ms per count on that.
 */
const LINEAR_MAX = 8;

/**
 * `col` is one of `ids` (a uuid[] parameter). In a filter (`asFilter`, see guardAsFilter) an array of
 * more than LINEAR_MAX ids becomes an uncorrelated `IN (SELECT unnest(...))` under coalesce: a hashed
 * subplan, built once per statement and probed once per row. Elsewhere, `= ANY`, which can drive an
 * index.
 */
function oneOf(col: string, ids: readonly string[], sql: Sql, asFilter: boolean): string {
  const p = sql.p(ids, 'uuid[]');
  return asFilter && ids.length > LINEAR_MAX ? `coalesce(${col} ${HASHED}${p})), false)` : `${col} = ANY(${p})`;
}

/** How oneOf tests a long id list in a filter (a hashed subplan). */
const HASHED = 'IN (SELECT unnest(';

/** Rows of readable forums: whole partnerships by their column (or through forum), plus single forums. */
function forumScopeSql(
  alias: string,
  forumColumn: string,
  partnershipColumn: string | undefined,
  scope: { partnerships: string[]; forums: string[] },
  sql: Sql,
  asFilter: boolean,
): string {
  const parts: string[] = [];
  if (scope.partnerships.length) {
    parts.push(
      partnershipColumn
        ? oneOf(`${alias}.${partnershipColumn}`, scope.partnerships, sql, asFilter)
        : forumInPartnerships(`${alias}.${forumColumn}`, scope.partnerships, sql, asFilter),
    );
  }
  if (scope.forums.length) parts.push(oneOf(`${alias}.${forumColumn}`, scope.forums, sql, asFilter));
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/** The read guard on rows of `alias`; `asFilter`: it will only filter rows found otherwise (see filterGuard). */
export type ListGuard = (alias: string, sql: Sql, asFilter?: boolean) => string;

/**
 * A read guard on rows reached through another index (a parent's key, a fan-out column) is only a
 * filter there, so it is wrapped in coalesce(…, false): the same rows pass, and the planner estimates
 * it as one opaque clause instead of once per array element (an API key for all 294 partnerships cost
 * ~0.4 ms of planning per guard). Long arrays in such a guard are probed through a hash table
 * (oneOf, via filterGuard). Not for guards that should drive an index (top-level lists), nor guards
 * with a subquery (wrapped, it could no longer become a join).
 */
export function guardAsFilter(guard: string): string {
  return /\bSELECT\b/i.test(guard) || guard === 'true' || guard === 'false' ? guard : `coalesce(${guard}, false)`;
}

/**
 * The read guard of a list found through an index the guard's column is also in (search documents:
 * a GIN index on partnership_id and the text): where every id list of the guard is short (at most
 * LINEAR_MAX), it is left as an index condition (`wide: false`), so a reader of one partnership's
 * matches are found among that partnership's documents instead of being filtered out of every
 * partnership's (nationally, a word in every meeting: 31 → 3.3 ms). Where a list is long, or the
 * guard reads everything (`true`), it only filters (`wide: true`), as filterGuard builds it.
 */
export function indexedGuard(guard: ListGuard, alias: string, sql: Sql): { sql: string; wide: boolean } {
  const text = guard(alias, sql, true);
  if (text === 'true') return { sql: text, wide: true };
  return text.includes(HASHED) ? { sql: guardAsFilter(text), wide: true } : { sql: text, wide: false };
}

/** The read guard built for filtering (long id arrays hashed: oneOf) and wrapped as guardAsFilter does. */
export function filterGuard(guard: ListGuard, alias: string, sql: Sql): string {
  return guardAsFilter(guard(alias, sql, true));
}

/** Resolve the principal's grants once, then build the predicate for a list of `cls`. */
export async function listGuard(ctx: Ctx, cls: { name: string }): Promise<ListGuard> {
  const a = ctx.access;
  if (a.isSystem) return () => 'true';
  const rule = READ_POLICY[cls.name];
  if (!rule) return () => 'false';
  switch (rule.kind) {
    case 'directory':
      return () => (a.canReadDirectory() ? 'true' : 'false');
    case 'admin': {
      const ids = (await a.adminPartnerships()) ?? [];
      if (!ids.length) return () => 'false';
      return (alias, sql, asFilter = false) => {
        const col = `${alias}.${rule.column}`;
        const match = rule.array ? `${col} && ${sql.p(ids, 'uuid[]')}` : oneOf(col, ids, sql, asFilter);
        return rule.orNull ? `(${col} IS NULL OR ${match})` : match;
      };
    }
    case 'permission': {
      const ids = (await a.partnershipsWith(rule.permission)) ?? [];
      return (alias, sql, asFilter = false) =>
        rule.table
          ? `EXISTS (SELECT 1 FROM ${rule.table} g WHERE g.id = ${alias}.${rule.column} AND ${oneOf('g.partnership_id', ids, sql, asFilter)})`
          : oneOf(`${alias}.${rule.column}`, ids, sql, asFilter);
    }
    case 'owner': {
      const me = a.personId;
      return (alias, sql) => (me ? `${alias}.${rule.column} = ${sql.p(me, 'uuid')}` : 'false');
    }
    case 'partnership': {
      const ids = (await a.readablePartnerships()) ?? [];
      return (alias, sql, asFilter = false) => oneOf(`${alias}.${rule.column}`, ids, sql, asFilter);
    }
    case 'partnershipOfForum': {
      const ids = (await a.readablePartnerships()) ?? [];
      return (alias, sql, asFilter = false) => forumInPartnerships(`${alias}.${rule.column}`, ids, sql, asFilter);
    }
    case 'forum': {
      const scope = (await a.readScope(rule.record)) ?? { partnerships: [], forums: [] };
      const own = rule.ownOrganisation ? await a.ownOrganisationScope() : null;
      return (alias, sql, asFilter = false) => {
        const forum = forumScopeSql(alias, rule.column, rule.partnershipColumn, scope, sql, asFilter);
        if (!own?.organisations.length) return forum;
        return `(${forum} OR (${oneOf(`${alias}.assignee_organisation_id`, own.organisations, sql, asFilter)} AND ${oneOf(`${alias}.partnership_id`, own.partnerships, sql, asFilter)}))`;
      };
    }
    case 'via': {
      const scope = (await a.readScope(rule.record)) ?? { partnerships: [], forums: [] };
      const own = rule.ownOrganisation ? await a.ownOrganisationScope() : null;
      return (alias, sql, asFilter = false) => {
        const ownClause = own?.organisations.length
          ? ` OR (${oneOf('g.assignee_organisation_id', own.organisations, sql, asFilter)} AND ${oneOf('g.partnership_id', own.partnerships, sql, asFilter)})`
          : '';
        return `EXISTS (SELECT 1 FROM ${rule.table} g WHERE g.id = ${alias}.${rule.column} AND (${forumScopeSql('g', 'forum_id', 'partnership_id', scope, sql, asFilter)}${ownClause}))`;
      };
    }
  }
}

/**
 * Does the read guard of `cls` admit every row of this partnership? Then, on a list whose rows all
 * have `partnership_id` = this partnership (ListQuery.partnershipId), the guard holds for each of them
 * and can be left out: the same rows, without a 294-element array to plan for an API key that covers
 * every partnership. Only rules that test the partnership column itself qualify.
 */
export async function admitsPartnership(ctx: Ctx, cls: { name: string }, partnershipId: string): Promise<boolean> {
  const a = ctx.access;
  if (a.isSystem) return true;
  const rule = READ_POLICY[cls.name];
  if (!rule) return false;
  if (rule.kind === 'partnership' && rule.column === 'partnership_id') return !!(await a.readablePartnerships())?.includes(partnershipId);
  if (rule.kind === 'forum' && rule.partnershipColumn === 'partnership_id') {
    const scope = await a.readScope(rule.record);
    return scope === null || scope.partnerships.includes(partnershipId);
  }
  return false;
}

/**
 * The rows of the forum hierarchy a type's read rule admits, as (forum, partnership) pairs: rows of
 * `partnerships`, rows of `forums`, or every row (`all`). Forum, meeting, agenda item, decision and
 * action item rows tie to their parents by forum and partnership (composite foreign keys, migration
 * SameForum), so a child row admits exactly what its parent row does under the same pairs.
 * `upper`: no row outside the set is admitted (null: no such bound, e.g. a person's own organisation's
 * action items from any forum); `lower`: every row in the set is admitted.
 */
interface Admission {
  all: boolean;
  partnerships: readonly string[];
  forums: readonly string[];
}

const NONE: readonly string[] = [];

async function hierarchyAdmission(ctx: Ctx, cls: { name: string }, bound: 'upper' | 'lower'): Promise<Admission | null> {
  const a = ctx.access;
  if (a.isSystem) return { all: true, partnerships: NONE, forums: NONE };
  const rule = READ_POLICY[cls.name];
  if (rule?.kind === 'partnership' && cls.name === 'Forum') return { all: false, partnerships: (await a.readablePartnerships()) ?? NONE, forums: NONE };
  if (rule?.kind === 'forum') {
    // Rows assigned to one's own organisation come on top of the scope: no upper bound by forum.
    if (rule.ownOrganisation && bound === 'upper' && (await a.ownOrganisationScope()).organisations.length) return null;
    const scope = await a.readScope(rule.record);
    return { all: false, partnerships: scope?.partnerships ?? NONE, forums: scope?.forums ?? NONE };
  }
  return null;
}

/** Sets of frozen id lists (an API key's partnerships, the same array every request), made once. */
const frozenSets = new WeakMap<readonly string[], Set<string>>();

function setOf(ids: readonly string[]): Set<string> {
  if (!Object.isFrozen(ids)) return new Set(ids);
  let set = frozenSets.get(ids);
  if (!set) frozenSets.set(ids, (set = new Set(ids)));
  return set;
}

function subset(a: readonly string[], b: readonly string[]): boolean {
  if (a === b || !a.length) return true;
  const in_b = setOf(b);
  for (const x of a) if (!in_b.has(x)) return false;
  return true;
}

/**
 * Is every row of `child` under a readable row of `parent` readable too, when the child rows share the
 * parent row's forum and partnership (a nested list, or the parent's own forum, declared `sameForum`)?
 * Then the child's read guard holds for each of its rows and can be left out of the nested statement: the same rows, without
 * testing each of them against, for an API key covering every partnership, a 294-element array.
 */
export async function impliedByParent(ctx: Ctx, parent: { name: string }, child: { name: string }): Promise<boolean> {
  const up = await hierarchyAdmission(ctx, parent, 'upper');
  const low = up && (await hierarchyAdmission(ctx, child, 'lower'));
  if (!up || !low) return false;
  if (low.all) return true;
  if (up.all) return false;
  return subset(up.partnerships, low.partnerships) && subset(up.forums, low.forums);
}

/** Keep only the rows the request may read. */
export async function canReadRows(ctx: Ctx, cls: { name: string }, rows: any[]): Promise<any[]> {
  const a = ctx.access;
  if (a.isSystem || !rows.length) return rows;
  const rule = READ_POLICY[cls.name];
  if (!rule) return [];
  switch (rule.kind) {
    case 'directory':
      return a.canReadDirectory() ? rows : [];
    case 'admin': {
      const ids = setOf((await a.adminPartnerships()) ?? NONE);
      const prop = camel(rule.column);
      return rows.filter((r) => {
        const v = r[prop];
        if (v == null) return !!rule.orNull && ids.size > 0;
        return Array.isArray(v) ? v.some((x) => ids.has(x)) : ids.has(v);
      });
    }
    case 'permission': {
      const ids = setOf((await a.partnershipsWith(rule.permission)) ?? NONE);
      const prop = camel(rule.column);
      if (!rule.table) return rows.filter((r) => ids.has(r[prop]));
      const parents: { id: string; partnership_id: string }[] = await ctx.manager.query(
        `SELECT g.id::text, g.partnership_id::text FROM ${rule.table} g WHERE g.id = ANY($1::uuid[])`,
        [[...new Set(rows.map((r) => r[prop]))]],
      );
      const of = new Map(parents.map((x) => [x.id, x.partnership_id]));
      return rows.filter((r) => ids.has(of.get(r[prop]) ?? ''));
    }
    case 'owner':
      return rows.filter((r) => !!a.personId && r[camel(rule.column)] === a.personId);
    case 'partnership': {
      const ids = setOf((await a.readablePartnerships()) ?? NONE);
      return rows.filter((r) => ids.has(r[camel(rule.column)]));
    }
    case 'partnershipOfForum': {
      const ids = setOf((await a.readablePartnerships()) ?? NONE);
      const of = await a.partnershipsOfForums(rows.map((r) => r[camel(rule.column)]));
      return rows.filter((r) => ids.has(of.get(r[camel(rule.column)]) ?? ''));
    }
    case 'forum': {
      const own = rule.ownOrganisation ? await a.ownOrganisationScope() : null;
      const mine = (r: any) => !!own && own.organisations.includes(r.assigneeOrganisationId) && own.partnerships.includes(r.partnershipId);
      const out = [];
      for (const r of rows) {
        const pid = rule.partnershipColumn ? r[camel(rule.partnershipColumn)] : null;
        if (mine(r) || (await a.canReadForum(r[camel(rule.column)], rule.record, pid))) out.push(r);
      }
      return out;
    }
    case 'via': {
      const own = rule.ownOrganisation ? await a.ownOrganisationScope() : null;
      // meeting, decision and action_item all carry partnership_id.
      const parents: { id: string; forum_id: string; org: string | null; partnership: string }[] = await ctx.manager.query(
        `SELECT id::text, forum_id::text, partnership_id::text AS partnership, ${rule.ownOrganisation ? 'assignee_organisation_id::text' : 'NULL'} AS org
           FROM ${rule.table} WHERE id = ANY($1::uuid[])`,
        [[...new Set(rows.map((r) => r[rule.prop]))]],
      );
      const byId = new Map(parents.map((p) => [p.id, p]));
      const out = [];
      for (const r of rows) {
        const p = byId.get(r[rule.prop]);
        if (!p) continue;
        const mine = !!own && !!p.org && own.organisations.includes(p.org) && own.partnerships.includes(p.partnership);
        if (mine || (await a.canReadForum(p.forum_id, rule.record, p.partnership))) out.push(r);
      }
      return out;
    }
  }
}
