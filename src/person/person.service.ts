/** People and their affiliations to organisations over periods. */
import { EntityManager } from 'typeorm';
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { InputError } from '../common/errors';
import { assertNoOverlap, checkDate, checkPeriod, optionalText, requireFound, requireText } from '../common/validate';
import { ActionItem, ActionItemEvent, ActionItemEventKind, OPEN_STATUSES } from '../action-item/action-item.entity';
import { ForumMember } from '../forum/forum.entity';
import { In } from 'typeorm';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from './person.entity';
import { Affiliation } from './affiliation.entity';

export interface PersonInput {
  name?: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  version?: number | null;
}

export interface AffiliationInput {
  personId: string;
  organisationId: string;
  role?: string | null;
  isContact?: boolean;
  startsOn?: string | null;
  endsOn?: string | null;
}

function checkEmail(v: string | null): string | null {
  if (v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
    throw new InputError('email', 'is not an e-mail address');
  }
  return v;
}

/** Is the person affiliated with the organisation on the given date? */
export async function isAffiliated(manager: EntityManager, personId: string, organisationId: string, on: string): Promise<boolean> {
  const rows = await manager.query(
    `SELECT 1 FROM affiliation WHERE person_id = $1 AND organisation_id = $2
       AND starts_on <= $3::date AND (ends_on IS NULL OR ends_on >= $3::date) LIMIT 1`,
    [personId, organisationId, on],
  );
  return rows.length > 0;
}

/**
 * A person sits in forums and holds action items on behalf of an organisation only while affiliated
 * with it. When the affiliation ends, their seats for that organisation end with it, and if it has
 * already ended their open action items for it fall back to the organisation (responsibility stays
 * with the organisation; the history records why).
 */
async function onAffiliationEnded(ctx: Ctx, personId: string, organisationId: string, endsOn: string): Promise<void> {
  const m = ctx.manager;
  // Another affiliation with the same organisation continuing past endsOn keeps the seats.
  const continued: unknown[] = await m.query(
    `SELECT 1 FROM affiliation a WHERE a.person_id = $1 AND a.organisation_id = $2
       AND a.starts_on <= $3::date + 1 AND (a.ends_on IS NULL OR a.ends_on > $3::date) LIMIT 1`,
    [personId, organisationId, endsOn],
  );
  if (!continued.length) {
    const seats = await m
      .createQueryBuilder(ForumMember, 'fm')
      .where('fm.personId = :personId AND fm.organisationId = :organisationId', { personId, organisationId })
      .andWhere('fm.startsOn <= :endsOn AND (fm.endsOn IS NULL OR fm.endsOn > :endsOn)', { endsOn })
      .setLock('pessimistic_write')
      .getMany();
    for (const seat of seats) {
      seat.endsOn = endsOn;
      await m.save(seat);
    }
  }
  const day = today(ctx);
  if (endsOn >= day || (await isAffiliated(m, personId, organisationId, day))) return;
  const items = await m.find(ActionItem, {
    where: { assigneePersonId: personId, assigneeOrganisationId: organisationId, status: In(OPEN_STATUSES) },
    lock: { mode: 'pessimistic_write' },
  });
  for (const item of items) {
    item.assigneePersonId = null;
    await m.save(item);
    await m.save(
      m.create(ActionItemEvent, {
        actionItemId: item.id,
        at: ctx.now(),
        actorId: ctx.actorId,
        kind: ActionItemEventKind.REASSIGNED,
        fromStatus: item.status,
        toStatus: item.status,
        fromValue: `${organisationId}/${personId}`,
        toValue: organisationId,
        comment: `The person's affiliation with the organisation ended on ${endsOn}`,
      }),
    );
  }
}

export const personService = {
  async create(ctx: Ctx, input: PersonInput & { name: string }): Promise<Person> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      return tx.manager.save(
        tx.manager.create(Person, {
          name: requireText('name', input.name, 300),
          title: optionalText('title', input.title, 300),
          email: checkEmail(optionalText('email', input.email, 300)),
          phone: optionalText('phone', input.phone, 50),
        }),
      );
    });
  },

  async update(ctx: Ctx, id: string, input: PersonInput): Promise<Person> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      const p = await requireFound(tx.manager, Person, id, 'id', { lock: true });
      expectVersion(p, input.version);
      if (input.name !== undefined) p.name = requireText('name', input.name, 300);
      if (input.title !== undefined) p.title = optionalText('title', input.title, 300);
      if (input.email !== undefined) p.email = checkEmail(optionalText('email', input.email, 300));
      if (input.phone !== undefined) p.phone = optionalText('phone', input.phone, 50);
      return saveVersioned(tx.manager, p, input.version);
    });
  },

  async addAffiliation(ctx: Ctx, input: AffiliationInput): Promise<Affiliation> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      await requireFound(tx.manager, Person, input.personId, 'personId');
      await requireFound(tx.manager, Organisation, input.organisationId, 'organisationId');
      const startsOn = checkDate('startsOn', input.startsOn ?? today(tx));
      if (input.endsOn != null) checkDate('endsOn', input.endsOn);
      checkPeriod(startsOn, input.endsOn);
      await assertNoOverlap(
        tx.manager,
        'affiliation',
        { person_id: input.personId, organisation_id: input.organisationId },
        { startsOn, endsOn: input.endsOn ?? null },
        null,
        'The affiliation',
      );
      return tx.manager.save(
        tx.manager.create(Affiliation, {
          personId: input.personId,
          organisationId: input.organisationId,
          role: optionalText('role', input.role, 300),
          isContact: input.isContact ?? false,
          startsOn,
          endsOn: input.endsOn ?? null,
        }),
      );
    });
  },

  async updateAffiliation(
    ctx: Ctx,
    id: string,
    input: { role?: string | null; isContact?: boolean | null; startsOn?: string | null; endsOn?: string | null; version?: number | null },
  ): Promise<Affiliation> {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_DIRECTORY, null, 'editing the directory');
      const a = await requireFound(tx.manager, Affiliation, id, 'id', { lock: true });
      expectVersion(a, input.version);
      if (input.role !== undefined) a.role = optionalText('role', input.role, 300);
      if (input.isContact != null) a.isContact = input.isContact;
      if (input.startsOn != null) a.startsOn = checkDate('startsOn', input.startsOn);
      if (input.endsOn !== undefined) a.endsOn = input.endsOn === null ? null : checkDate('endsOn', input.endsOn);
      checkPeriod(a.startsOn, a.endsOn);
      await assertNoOverlap(
        tx.manager,
        'affiliation',
        { person_id: a.personId, organisation_id: a.organisationId },
        a,
        a.id,
        'The affiliation',
      );
      const saved = await saveVersioned(tx.manager, a, input.version);
      if (a.endsOn) await onAffiliationEnded(tx, a.personId, a.organisationId, a.endsOn);
      return saved;
    });
  },

  list(ctx: Ctx, filter: { search?: string | null; organisationId?: string | null }, args: ConnectionArgs) {
    const sql = new Sql();
    const where: string[] = [];
    if (filter.search) where.push(`(p.name ILIKE ${sql.p('%' + filter.search + '%')} OR p.email ILIKE ${sql.p('%' + filter.search + '%')})`);
    if (filter.organisationId) {
      where.push(`EXISTS (SELECT 1 FROM affiliation a WHERE a.person_id = p.id AND a.organisation_id = ${sql.id(filter.organisationId, 'organisationId')}
        AND a.starts_on <= ${sql.p(today(ctx), 'date')} AND (a.ends_on IS NULL OR a.ends_on >= ${sql.p(today(ctx), 'date')}))`);
    }
    return connection(ctx, Person, {
      from: 'person p',
      where,
      sql,
      sort: [
        { expr: 'p.name', dir: 'ASC', type: 'text' },
        { expr: 'p.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  },
};
