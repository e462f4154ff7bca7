/** Organisations and their hierarchy. */
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { InputError } from '../common/errors';
import { optionalText, requireFound, requireText } from '../common/validate';
import { Organisation, OrganisationKind } from './organisation.entity';

export interface OrganisationInput {
  name?: string;
  shortName?: string | null;
  kind?: OrganisationKind;
  parentId?: string | null;
  topics?: string[] | null;
  active?: boolean | null;
  email?: string | null;
  phone?: string | null;
  /** The version the edit was based on; a stale one is refused with CONFLICT. */
  version?: number | null;
}

export interface OrganisationFilter {
  search?: string | null;
  kind?: OrganisationKind | null;
  parentId?: string | null;
  active?: boolean | null;
  topic?: string | null;
}

/** SQL for the ids of an organisation and all its descendants; `orgParam` is a placeholder. */
/**
 * `column = ANY(ARRAY(subtree))`: the ids go to the index as one array (an index scan per
 * organisation of the subtree) instead of a semi-join the planner may answer by walking a whole
 * table in sort order.
 */
export function inSubtreeSql(column: string, orgParam: string): string {
  return `${column} = ANY(ARRAY${subtreeSql(orgParam)})`;
}

export function subtreeSql(orgParam: string): string {
  return `(WITH RECURSIVE sub(id) AS (SELECT ${orgParam}::uuid UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)`;
}

function cleanTopics(topics: string[]): string[] {
  return [...new Set(topics.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

export const organisationService = {
  async create(ctx: Ctx, input: OrganisationInput & { name: string; kind: OrganisationKind }): Promise<Organisation> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      const org = tx.manager.create(Organisation, {
        name: requireText('name', input.name, 300),
        shortName: optionalText('shortName', input.shortName, 50),
        kind: input.kind,
        parentId: null,
        topics: cleanTopics(input.topics ?? []),
        active: input.active ?? true,
        email: optionalText('email', input.email, 300),
        phone: optionalText('phone', input.phone, 50),
      });
      if (input.parentId) org.parentId = (await requireFound(tx.manager, Organisation, input.parentId, 'parentId')).id;
      return tx.manager.save(org);
    });
  },

  async update(ctx: Ctx, id: string, input: OrganisationInput): Promise<Organisation> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      const org = await requireFound(tx.manager, Organisation, id, 'id', { lock: true });
      expectVersion(org, input.version);
      if (input.name !== undefined) org.name = requireText('name', input.name, 300);
      if (input.shortName !== undefined) org.shortName = optionalText('shortName', input.shortName, 50);
      if (input.kind != null) org.kind = input.kind;
      if (input.topics != null) org.topics = cleanTopics(input.topics);
      if (input.active != null) org.active = input.active;
      if (input.email !== undefined) org.email = optionalText('email', input.email, 300);
      if (input.phone !== undefined) org.phone = optionalText('phone', input.phone, 50);
      if (input.parentId !== undefined) {
        if (input.parentId === null) org.parentId = null;
        else {
          await requireFound(tx.manager, Organisation, input.parentId, 'parentId');
          const sql = new Sql();
          const rows = await tx.manager.query(`SELECT 1 FROM ${subtreeSql(sql.p(id))} s WHERE s.id = ${sql.p(input.parentId)}`, sql.params);
          if (rows.length) throw new InputError('parentId', 'would make the organisation its own ancestor');
          org.parentId = input.parentId;
        }
      }
      return saveVersioned(tx.manager, org, input.version);
    });
  },

  list(ctx: Ctx, filter: OrganisationFilter, args: ConnectionArgs) {
    const sql = new Sql();
    const where: string[] = [];
    if (filter.search) where.push(`(o.name ILIKE ${sql.p('%' + filter.search + '%')} OR o.short_name ILIKE ${sql.p('%' + filter.search + '%')})`);
    if (filter.kind) where.push(`o.kind = ${sql.p(filter.kind)}`);
    if (filter.parentId) where.push(`o.parent_id = ${sql.id(filter.parentId, 'parentId')}`);
    if (filter.active != null) where.push(`o.active = ${sql.p(filter.active)}`);
    if (filter.topic) where.push(`${sql.p(filter.topic.trim().toLowerCase())} = ANY(o.topics)`);
    return connection(ctx, Organisation, {
      from: 'organisation o',
      where,
      sql,
      sort: [
        { expr: 'o.name', dir: 'ASC', type: 'text' },
        { expr: 'o.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  },
};
