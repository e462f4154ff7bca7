/** Forums of a partnership, their recurrence and their members (a person on behalf of an organisation). */
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { InputError } from '../common/errors';
import { assertNoOverlap, checkDate, checkPeriod, optionalText, requireFound, requireText } from '../common/validate';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { isAffiliated } from '../person/person.service';
import { Forum, ForumLevel, ForumMember, ForumRole } from './forum.entity';
import { parseRecurrence } from './recurrence';

export interface ForumInput {
  name?: string;
  level?: ForumLevel;
  mandate?: string | null;
  recurrence?: string | null;
  meetingDurationMinutes?: number | null;
  defaultLocation?: string | null;
  version?: number | null;
}

function checkDuration(v: number): number {
  if (!Number.isInteger(v) || v < 5 || v > 24 * 60) throw new InputError('meetingDurationMinutes', 'must be between 5 and 1440');
  return v;
}

function normaliseRecurrence(v: string | null | undefined): string | null {
  if (v == null || !v.trim()) return null;
  parseRecurrence(v, 'recurrence');
  return v.trim().replace(/\\n/g, '\n');
}

export const forumService = {
  async create(ctx: Ctx, input: ForumInput & { partnershipId: string; name: string; level: ForumLevel }): Promise<Forum> {
    return inTransaction(ctx, async (tx) => {
      await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, input.partnershipId, 'creating a forum');
      const name = requireText('name', input.name, 300);
      return tx.manager.save(
        tx.manager.create(Forum, {
          partnershipId: input.partnershipId,
          name,
          level: input.level,
          mandate: (input.mandate ?? '').trim(),
          recurrence: normaliseRecurrence(input.recurrence),
          meetingDurationMinutes: checkDuration(input.meetingDurationMinutes ?? 120),
          defaultLocation: optionalText('defaultLocation', input.defaultLocation, 300),
        }),
      );
    });
  },

  async update(ctx: Ctx, id: string, input: ForumInput): Promise<Forum> {
    return inTransaction(ctx, async (tx) => {
      const f = await requireFound(tx.manager, Forum, id, 'id', { lock: true });
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, f.partnershipId, 'editing a forum');
      expectVersion(f, input.version);
      if (input.name !== undefined) f.name = requireText('name', input.name, 300);
      if (input.level != null) f.level = input.level;
      if (input.mandate !== undefined) f.mandate = (input.mandate ?? '').trim();
      if (input.recurrence !== undefined) f.recurrence = normaliseRecurrence(input.recurrence);
      if (input.meetingDurationMinutes != null) f.meetingDurationMinutes = checkDuration(input.meetingDurationMinutes);
      if (input.defaultLocation !== undefined) f.defaultLocation = optionalText('defaultLocation', input.defaultLocation, 300);
      return saveVersioned(tx.manager, f, input.version);
    });
  },

  /** A person joins on behalf of an organisation they are affiliated with when the membership starts. */
  async addMember(
    ctx: Ctx,
    input: {
      forumId: string;
      personId: string;
      organisationId: string;
      role: ForumRole;
      legalBasis?: string | null;
      startsOn?: string | null;
      endsOn?: string | null;
    },
  ): Promise<ForumMember> {
    return inTransaction(ctx, async (tx) => {
      const forum = await requireFound(tx.manager, Forum, input.forumId, 'forumId');
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, forum.partnershipId, 'adding a forum member');
      await requireFound(tx.manager, Person, input.personId, 'personId');
      await requireFound(tx.manager, Organisation, input.organisationId, 'organisationId');
      const startsOn = checkDate('startsOn', input.startsOn ?? today(tx));
      if (input.endsOn != null) checkDate('endsOn', input.endsOn);
      checkPeriod(startsOn, input.endsOn);
      if (!(await isAffiliated(tx.manager, input.personId, input.organisationId, startsOn))) {
        throw new InputError('personId', `is not affiliated with organisation ${input.organisationId} on ${startsOn}`);
      }
      await assertNoOverlap(
        tx.manager,
        'forum_member',
        { forum_id: input.forumId, person_id: input.personId, organisation_id: input.organisationId },
        { startsOn, endsOn: input.endsOn ?? null },
        null,
        'The forum membership',
      );
      return tx.manager.save(
        tx.manager.create(ForumMember, {
          forumId: input.forumId,
          personId: input.personId,
          organisationId: input.organisationId,
          role: input.role,
          legalBasis: optionalText('legalBasis', input.legalBasis, 300),
          startsOn,
          endsOn: input.endsOn ?? null,
        }),
      );
    });
  },

  async updateMember(
    ctx: Ctx,
    id: string,
    input: { role?: ForumRole | null; legalBasis?: string | null; startsOn?: string | null; endsOn?: string | null; version?: number | null },
  ): Promise<ForumMember> {
    return inTransaction(ctx, async (tx) => {
      const m = await requireFound(tx.manager, ForumMember, id, 'id', { lock: true });
      const forum = await requireFound(tx.manager, Forum, m.forumId, 'id');
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, forum.partnershipId, 'editing a forum member');
      if (input.role != null) m.role = input.role;
      if (input.legalBasis !== undefined) m.legalBasis = optionalText('legalBasis', input.legalBasis, 300);
      if (input.startsOn != null) m.startsOn = checkDate('startsOn', input.startsOn);
      if (input.endsOn !== undefined) m.endsOn = input.endsOn === null ? null : checkDate('endsOn', input.endsOn);
      checkPeriod(m.startsOn, m.endsOn);
      await assertNoOverlap(
        tx.manager,
        'forum_member',
        { forum_id: m.forumId, person_id: m.personId, organisation_id: m.organisationId },
        m,
        m.id,
        'The forum membership',
      );
      return saveVersioned(tx.manager, m, input.version);
    });
  },

  list(ctx: Ctx, filter: { partnershipId?: string | null; level?: ForumLevel | null }, args: ConnectionArgs) {
    const sql = new Sql();
    const where: string[] = [];
    if (filter.partnershipId) where.push(`f.partnership_id = ${sql.id(filter.partnershipId, 'partnershipId')}`);
    if (filter.level) where.push(`f.level = ${sql.p(filter.level)}`);
    return connection(ctx, Forum, {
      from: 'forum f',
      where,
      sql,
      sort: [
        { expr: 'f.name', dir: 'ASC', type: 'text' },
        { expr: 'f.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  },
};
