/** Joint activities: create, edit, end; lists by partnership, organisation, forum, area and target group. */
import { In } from 'typeorm';
import { Permission } from '../auth/access';
import { Ctx, inTransaction, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { checkDate, checkPeriod, optionalText, requireFound, requireText } from '../common/validate';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { ActivityParticipant, ActivityStatus, JointActivity, ParticipantRole } from './activity.entity';

export interface ActivityInput {
  name?: string | null;
  description?: string | null;
  leadOrganisationId?: string | null;
  participants?: { organisationId: string; role: ParticipantRole }[] | null;
  targetGroup?: string | null;
  area?: string | null;
  topics?: string[] | null;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: ActivityStatus | null;
  forumId?: string | null;
  version?: number | null;
}

export interface ActivityFilter {
  partnershipId?: string | null;
  organisationId?: string | null;
  forumId?: string | null;
  status?: ActivityStatus[] | null;
  runningOn?: string | null;
  area?: string | null;
  targetGroup?: string | null;
  search?: string | null;
}

/** Lower-case, trimmed, one space: how areas and target groups are compared. */
export const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function topicsOf(list: string[] | null | undefined): string[] {
  return [...new Set((list ?? []).map(norm).filter(Boolean))];
}

async function checkLead(ctx: Ctx, id: string, field: string) {
  const org = await requireFound(ctx.manager, Organisation, id, field);
  if (!org.active) throw new InputError(field, 'is not an active organisation');
}

async function checkForum(ctx: Ctx, forumId: string, partnershipId: string) {
  const forum = await requireFound(ctx.manager, Forum, forumId, 'forumId');
  if (forum.partnershipId !== partnershipId) throw new InputError('forumId', 'is a forum of another partnership');
}

async function setParticipants(ctx: Ctx, a: JointActivity, list: { organisationId: string; role: ParticipantRole }[]) {
  const seen = new Set<string>();
  for (const [i, p] of list.entries()) {
    if (p.organisationId === a.leadOrganisationId) throw new InputError(`participants.${i}.organisationId`, 'is the lead organisation');
    if (seen.has(p.organisationId)) throw new InputError(`participants.${i}.organisationId`, 'is listed twice');
    seen.add(p.organisationId);
    await requireFound(ctx.manager, Organisation, p.organisationId, `participants.${i}.organisationId`);
  }
  const existing = await ctx.manager.findBy(ActivityParticipant, { activityId: a.id });
  const gone = existing.filter((e) => !seen.has(e.organisationId));
  if (gone.length) await ctx.manager.remove(gone);
  for (const p of list) {
    const e = existing.find((x) => x.organisationId === p.organisationId);
    if (e && e.role !== p.role) {
      e.role = p.role;
      await ctx.manager.save(e);
    } else if (!e) {
      await ctx.manager.save(ctx.manager.create(ActivityParticipant, { activityId: a.id, partnershipId: a.partnershipId, organisationId: p.organisationId, role: p.role }));
    }
  }
}

export const ACTIVITY_SORT = [
  { expr: 'ja.name', dir: 'ASC' as const, type: 'text' as const },
  { expr: 'ja.id', dir: 'ASC' as const, type: 'uuid' as const },
];

export function activityWhere(filter: ActivityFilter, sql: Sql, alias = 'ja'): string[] {
  const where: string[] = [];
  const c = (x: string) => `${alias}.${x}`;
  if (filter.partnershipId) where.push(`${c('partnership_id')} = ${sql.id(filter.partnershipId, 'partnershipId')}`);
  if (filter.organisationId) {
    const o = sql.id(filter.organisationId, 'organisationId');
    where.push(`(${c('lead_organisation_id')} = ${o} OR EXISTS (SELECT 1 FROM activity_participant ap WHERE ap.activity_id = ${c('id')} AND ap.organisation_id = ${o}))`);
  }
  if (filter.forumId) where.push(`${c('forum_id')} = ${sql.id(filter.forumId, 'forumId')}`);
  if (filter.status?.length) where.push(`${c('status')} = ANY(${sql.p(filter.status, 'activity_status[]')})`);
  if (filter.runningOn) {
    const d = sql.p(checkDate('runningOn', filter.runningOn), 'date');
    where.push(`${c('starts_on')} <= ${d} AND (${c('ends_on')} IS NULL OR ${c('ends_on')} >= ${d})`);
  }
  if (filter.area?.trim()) where.push(`lower(${c('area')}) = ${sql.p(norm(filter.area))}`);
  if (filter.targetGroup?.trim()) where.push(`lower(${c('target_group')}) = ${sql.p(norm(filter.targetGroup))}`);
  if (filter.search?.trim()) {
    const q = sql.p(`%${norm(filter.search).replace(/[\\%_]/g, (m) => '\\' + m)}%`);
    where.push(`(lower(${c('name')}) LIKE ${q} OR lower(${c('description')}) LIKE ${q} OR array_to_string(${c('topics')}, ' ') LIKE ${q})`);
  }
  return where;
}

export const activityService = {
  async create(ctx: Ctx, input: ActivityInput & { partnershipId: string; name: string; leadOrganisationId: string; targetGroup: string; area: string; startsOn: string }): Promise<JointActivity> {
    return inTransaction(ctx, async (tx) => {
      const p = await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      await tx.access.require(Permission.RECORD, p.id, 'recording joint activities');
      await checkLead(tx, input.leadOrganisationId, 'leadOrganisationId');
      if (input.forumId) await checkForum(tx, input.forumId, p.id);
      const startsOn = checkDate('startsOn', input.startsOn);
      if (input.endsOn != null) checkDate('endsOn', input.endsOn);
      checkPeriod(startsOn, input.endsOn);
      if (input.status === ActivityStatus.ENDED) throw new InputError('status', 'use endActivity to end an activity');
      const a = await tx.manager.save(
        tx.manager.create(JointActivity, {
          partnershipId: p.id,
          name: requireText('name', input.name, 300),
          description: (input.description ?? '').trim(),
          leadOrganisationId: input.leadOrganisationId,
          targetGroup: requireText('targetGroup', input.targetGroup, 200),
          area: requireText('area', input.area, 200),
          topics: topicsOf(input.topics),
          startsOn,
          endsOn: input.endsOn ?? null,
          status: input.status ?? (startsOn <= today(tx) ? ActivityStatus.ACTIVE : ActivityStatus.PLANNED),
          forumId: input.forumId ?? null,
          endReason: null,
        }),
      );
      if (input.participants?.length) await setParticipants(tx, a, input.participants);
      return a;
    });
  },

  async update(ctx: Ctx, id: string, input: ActivityInput): Promise<JointActivity> {
    return inTransaction(ctx, async (tx) => {
      const a = await requireFound(tx.manager, JointActivity, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, a.partnershipId, 'editing joint activities');
      expectVersion(a, input.version);
      if (a.status === ActivityStatus.ENDED) throw new ConflictError('An ended activity is kept as it was', { status: a.status });
      if (input.name !== undefined) a.name = requireText('name', input.name, 300);
      if (input.description !== undefined) a.description = (input.description ?? '').trim();
      if (input.leadOrganisationId != null) {
        await checkLead(tx, input.leadOrganisationId, 'leadOrganisationId');
        a.leadOrganisationId = input.leadOrganisationId;
      }
      if (input.targetGroup !== undefined) a.targetGroup = requireText('targetGroup', input.targetGroup, 200);
      if (input.area !== undefined) a.area = requireText('area', input.area, 200);
      if (input.topics != null) a.topics = topicsOf(input.topics);
      if (input.startsOn != null) a.startsOn = checkDate('startsOn', input.startsOn);
      if (input.endsOn !== undefined) a.endsOn = input.endsOn === null ? null : checkDate('endsOn', input.endsOn);
      checkPeriod(a.startsOn, a.endsOn);
      if (input.status != null) {
        if (input.status === ActivityStatus.ENDED) throw new InputError('status', 'use endActivity to end an activity');
        a.status = input.status;
      }
      if (input.forumId !== undefined) {
        if (input.forumId) await checkForum(tx, input.forumId, a.partnershipId);
        a.forumId = input.forumId;
      }
      if (input.participants != null) await setParticipants(tx, a, input.participants);
      else if (input.leadOrganisationId != null) {
        // The new lead may not stay listed as a participant.
        const dup = await tx.manager.findBy(ActivityParticipant, { activityId: a.id, organisationId: a.leadOrganisationId });
        if (dup.length) await tx.manager.remove(dup);
      }
      return saveVersioned(tx.manager, a, input.version);
    });
  },

  /** End an activity: its last day (default today) and why. It stays in the record and in maps as of earlier dates. */
  async end(ctx: Ctx, id: string, input: { endsOn?: string | null; reason?: string | null; version?: number | null }): Promise<JointActivity> {
    return inTransaction(ctx, async (tx) => {
      const a = await requireFound(tx.manager, JointActivity, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, a.partnershipId, 'ending joint activities');
      expectVersion(a, input.version);
      if (a.status === ActivityStatus.ENDED) throw new ConflictError('The activity has already ended', { status: a.status });
      const endsOn = checkDate('endsOn', input.endsOn ?? today(tx));
      if (endsOn < a.startsOn) throw new InputError('endsOn', 'must not be before startsOn');
      a.endsOn = endsOn;
      a.status = ActivityStatus.ENDED;
      a.endReason = optionalText('reason', input.reason, 2000);
      return saveVersioned(tx.manager, a, input.version);
    });
  },

  list(ctx: Ctx, filter: ActivityFilter, args: ConnectionArgs) {
    const sql = new Sql();
    return connection(ctx, JointActivity, { from: 'joint_activity ja', where: activityWhere(filter, sql), sql, sort: ACTIVITY_SORT }, args);
  },

  async participantsOf(ctx: Ctx, ids: string[]) {
    return ids.length ? ctx.manager.findBy(ActivityParticipant, { activityId: In(ids) }) : [];
  },
};
