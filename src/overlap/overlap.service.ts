/**
 * Overlaps: activities of different lead organisations for the same target group in the same area, in
 * overlapping periods (not yet over), whose lead organisations share no forum today — candidates for
 * coordination. Computed on demand in one SQL statement (so they follow every change of activities and
 * seats); coordinators mark a pair as handled with a note, which is stored.
 */
import { Permission } from '../auth/access';
import { Ctx, inTransaction, today } from '../context';
import { ConflictError, InputError } from '../common/errors';
import { ConnectionArgs, ListQuery, Sql, countRows, fetchIdPage } from '../common/pagination';
import { requireFound, requireText } from '../common/validate';
import { JointActivity } from '../activity/activity.entity';
import { requireNetworkReader } from '../network/network.service';
import { OverlapHandling } from './overlap.entity';

export interface OverlapRow {
  activityAId: string;
  activityBId: string;
  area: string;
  targetGroup: string;
  overlapFrom: string;
  overlapTo: string | null;
  handlingId: string | null;
  note: string | null;
  handledAt: Date | null;
  handledById: string | null;
}

const norm = (col: string) => `lower(regexp_replace(btrim(${col}), '\\s+', ' ', 'g'))`;

/** The overlap condition between activities `a` and `b` (a.id < b.id) on day `$day`. */
function overlapWhere(sql: Sql, partnershipId: string, day: string): string[] {
  const d = sql.p(day, 'date');
  const cur = (x: string) => `${x}.starts_on <= ${d} AND (${x}.ends_on IS NULL OR ${x}.ends_on >= ${d})`;
  return [
    `a.partnership_id = ${sql.id(partnershipId, 'partnershipId')}`,
    `a.status <> 'ended'`,
    `b.status <> 'ended'`,
    `(a.ends_on IS NULL OR a.ends_on >= ${d})`,
    `(b.ends_on IS NULL OR b.ends_on >= ${d})`,
    `daterange(a.starts_on, a.ends_on, '[]') && daterange(b.starts_on, b.ends_on, '[]')`,
    `NOT EXISTS (SELECT 1 FROM forum_member sa JOIN forum sf ON sf.id = sa.forum_id JOIN forum_member sb ON sb.forum_id = sa.forum_id
                  WHERE sf.partnership_id = a.partnership_id AND sa.organisation_id = a.lead_organisation_id AND sb.organisation_id = b.lead_organisation_id
                    AND ${cur('sa')} AND ${cur('sb')})`,
  ];
}

const FROM = `joint_activity a JOIN joint_activity b ON b.partnership_id = a.partnership_id AND a.id < b.id
  AND a.lead_organisation_id <> b.lead_organisation_id
  AND ${norm('a.area')} = ${norm('b.area')} AND ${norm('a.target_group')} = ${norm('b.target_group')}
  LEFT JOIN overlap_handling h ON h.activity_a_id = a.id AND h.activity_b_id = b.id`;

const SELECT = `a.id::text AS a_id, b.id::text AS b_id, a.area, a.target_group,
  greatest(a.starts_on, b.starts_on)::text AS overlap_from,
  CASE WHEN a.ends_on IS NULL THEN b.ends_on::text WHEN b.ends_on IS NULL THEN a.ends_on::text ELSE least(a.ends_on, b.ends_on)::text END AS overlap_to,
  h.id::text AS handling_id, h.note, h.handled_at, h.handled_by_id::text AS handled_by_id`;

export const overlapService = {
  async list(ctx: Ctx, filter: { partnershipId: string; handled?: boolean | null; activityId?: string | null }, args: ConnectionArgs) {
    await requireNetworkReader(ctx, filter.partnershipId);
    const sql = new Sql();
    const where = overlapWhere(sql, filter.partnershipId, today(ctx));
    if (filter.handled != null) where.push(filter.handled ? 'h.id IS NOT NULL' : 'h.id IS NULL');
    if (filter.activityId) {
      const a = sql.id(filter.activityId, 'activityId');
      where.push(`(a.id = ${a} OR b.id = ${a})`);
    }
    const q: ListQuery = {
      from: FROM,
      select: SELECT,
      where,
      sql,
      sort: [
        { expr: 'a.id', dir: 'ASC', type: 'uuid' },
        { expr: 'b.id', dir: 'ASC', type: 'uuid' },
      ],
    };
    const page = await fetchIdPage(ctx.manager, q, args);
    return {
      edges: page.items.map((i) => ({ cursor: i.cursor, row: toRow(i.row) })),
      pageInfo: page.pageInfo,
      count: () => countRows(ctx.manager, q),
    };
  },

  /** Mark the overlap of two activities as handled with a note (they must currently overlap). */
  async markHandled(ctx: Ctx, input: { activityAId: string; activityBId: string; note: string }): Promise<{ row: OverlapRow; partnershipId: string }> {
    return inTransaction(ctx, async (tx) => {
      const a1 = await requireFound(tx.manager, JointActivity, input.activityAId, 'activityAId');
      const b1 = await requireFound(tx.manager, JointActivity, input.activityBId, 'activityBId');
      if (a1.id === b1.id) throw new InputError('activityBId', 'must be another activity');
      await tx.access.require(Permission.RECORD, a1.partnershipId, 'handling overlaps');
      const [a, b] = a1.id < b1.id ? [a1, b1] : [b1, a1];
      const note = requireText('note', input.note, 5000);
      const sql = new Sql();
      const where = [...overlapWhere(sql, a.partnershipId, today(tx)), `a.id = ${sql.p(a.id, 'uuid')}`, `b.id = ${sql.p(b.id, 'uuid')}`];
      const found: unknown[] = await tx.manager.query(`SELECT 1 FROM ${FROM} WHERE ${where.join(' AND ')}`, sql.params);
      if (!found.length) throw new ConflictError('These activities are not flagged as overlapping', { field: 'activityBId', reason: 'NOT_AN_OVERLAP' });
      const existing = await tx.manager.findOneBy(OverlapHandling, { activityAId: a.id, activityBId: b.id });
      if (existing) throw new ConflictError('The overlap is already marked handled', { handledAt: existing.handledAt, reason: 'ALREADY_HANDLED' });
      const h = await tx.manager.save(
        tx.manager.create(OverlapHandling, { partnershipId: a.partnershipId, activityAId: a.id, activityBId: b.id, note, handledAt: tx.now(), handledById: tx.actorId }),
      );
      const [row] = await tx.manager.query(`SELECT ${SELECT} FROM ${FROM} WHERE h.id = $1`, [h.id]);
      return { row: toRow(row), partnershipId: a.partnershipId };
    });
  },
};

function toRow(r: Record<string, any>): OverlapRow {
  return {
    activityAId: r.a_id,
    activityBId: r.b_id,
    area: r.area,
    targetGroup: r.target_group,
    overlapFrom: r.overlap_from,
    overlapTo: r.overlap_to ?? null,
    handlingId: r.handling_id ?? null,
    note: r.note ?? null,
    handledAt: r.handled_at ? new Date(r.handled_at) : null,
    handledById: r.handled_by_id ?? null,
  };
}
