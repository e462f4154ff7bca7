/** Partnerships and their member organisations. */
import { Permission } from '../auth/access';
import { AccessRole, PartnershipAccess } from '../auth/partnership-access.entity';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { assertNoOverlap, checkDate, checkPeriod, requireFound, requireText } from '../common/validate';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership, PartnershipMember, PartnershipRole } from './partnership.entity';

export interface PartnershipInput {
  name?: string;
  area?: string;
  purpose?: string | null;
  oparlPublic?: boolean | null;
  version?: number | null;
}

export const partnershipService = {
  async create(ctx: Ctx, input: PartnershipInput & { name: string; area: string }): Promise<Partnership> {
    return inTransaction(ctx, async (tx) => {
      // Creating a partnership is for administrators (of any partnership, or the system); the creator administers it.
      await tx.access.require(Permission.ADMINISTER, null, 'creating a partnership');
      const p = await tx.manager.save(
        tx.manager.create(Partnership, {
          name: requireText('name', input.name, 300),
          area: requireText('area', input.area, 300),
          purpose: (input.purpose ?? '').trim(),
          oparlPublic: input.oparlPublic ?? false,
        }),
      );
      if (tx.access.personId) {
        await tx.manager.save(tx.manager.create(PartnershipAccess, { partnershipId: p.id, personId: tx.access.personId, role: AccessRole.ADMIN }));
      }
      return p;
    });
  },

  async update(ctx: Ctx, id: string, input: PartnershipInput): Promise<Partnership> {
    return inTransaction(ctx, async (tx) => {
      const p = await requireFound(tx.manager, Partnership, id, 'id', { lock: true });
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, p.id, 'editing the partnership');
      expectVersion(p, input.version);
      if (input.name !== undefined) p.name = requireText('name', input.name, 300);
      if (input.area !== undefined) p.area = requireText('area', input.area, 300);
      if (input.purpose !== undefined) p.purpose = (input.purpose ?? '').trim();
      if (input.oparlPublic != null && input.oparlPublic !== p.oparlPublic) {
        await tx.access.require(Permission.ADMINISTER, p.id, 'publishing the partnership in the public OParl export');
        p.oparlPublic = input.oparlPublic;
      }
      return saveVersioned(tx.manager, p, input.version);
    });
  },

  async addMember(
    ctx: Ctx,
    input: { partnershipId: string; organisationId: string; role: PartnershipRole; startsOn?: string | null; endsOn?: string | null },
  ): Promise<PartnershipMember> {
    return inTransaction(ctx, async (tx) => {
      await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, input.partnershipId, 'adding a member organisation');
      await requireFound(tx.manager, Organisation, input.organisationId, 'organisationId');
      const startsOn = checkDate('startsOn', input.startsOn ?? today(tx));
      if (input.endsOn != null) checkDate('endsOn', input.endsOn);
      checkPeriod(startsOn, input.endsOn);
      await assertNoOverlap(
        tx.manager,
        'partnership_member',
        { partnership_id: input.partnershipId, organisation_id: input.organisationId },
        { startsOn, endsOn: input.endsOn ?? null },
        null,
        'The membership',
      );
      return tx.manager.save(
        tx.manager.create(PartnershipMember, {
          partnershipId: input.partnershipId,
          organisationId: input.organisationId,
          role: input.role,
          startsOn,
          endsOn: input.endsOn ?? null,
        }),
      );
    });
  },

  async updateMember(
    ctx: Ctx,
    id: string,
    input: { role?: PartnershipRole | null; startsOn?: string | null; endsOn?: string | null; version?: number | null },
  ): Promise<PartnershipMember> {
    return inTransaction(ctx, async (tx) => {
      const m = await requireFound(tx.manager, PartnershipMember, id, 'id', { lock: true });
      await tx.access.require(Permission.MANAGE_PARTNERSHIP, m.partnershipId, 'editing a member organisation');
      if (input.role != null) m.role = input.role;
      if (input.startsOn != null) m.startsOn = checkDate('startsOn', input.startsOn);
      if (input.endsOn !== undefined) m.endsOn = input.endsOn === null ? null : checkDate('endsOn', input.endsOn);
      checkPeriod(m.startsOn, m.endsOn);
      await assertNoOverlap(tx.manager, 'partnership_member', { partnership_id: m.partnershipId, organisation_id: m.organisationId }, m, m.id, 'The membership');
      return saveVersioned(tx.manager, m, input.version);
    });
  },

  list(ctx: Ctx, filter: { search?: string | null }, args: ConnectionArgs) {
    const sql = new Sql();
    const where: string[] = [];
    if (filter.search) where.push(`(p.name ILIKE ${sql.p('%' + filter.search + '%')} OR p.area ILIKE ${sql.p('%' + filter.search + '%')})`);
    return connection(ctx, Partnership, {
      from: 'partnership p',
      where,
      sql,
      sort: [
        { expr: 'p.name', dir: 'ASC', type: 'text' },
        { expr: 'p.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  },
};
