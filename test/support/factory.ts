/** Fixtures built through the services, so they obey the same rules as real data. */
import { DataSource } from 'typeorm';
import { Ctx, createContext } from '../../src/context';
import { SYSTEM } from '../../src/auth/principal';
import { organisationService } from '../../src/organisation/organisation.service';
import { OrganisationKind } from '../../src/organisation/organisation.entity';
import { personService } from '../../src/person/person.service';
import { partnershipService } from '../../src/partnership/partnership.service';
import { PartnershipRole } from '../../src/partnership/partnership.entity';
import { forumService } from '../../src/forum/forum.service';
import { ForumLevel, ForumRole } from '../../src/forum/forum.entity';
import { meetingService } from '../../src/meeting/meeting.service';
import { agendaService } from '../../src/agenda/agenda.service';
import { AgendaItemKind } from '../../src/agenda/agenda-item.entity';

export const NOW = new Date('2026-06-15T10:00:00Z');

export function ctxAt(ds: DataSource, now: Date = NOW, actorId: string | null = null): Ctx {
  return createContext(ds, { principal: SYSTEM, now: () => now, actorId });
}

export async function world(ds: DataSource) {
  const ctx = ctxAt(ds);
  const dept = await organisationService.create(ctx, { name: 'Socialforvaltningen', kind: OrganisationKind.MUNICIPAL_DEPARTMENT, topics: ['udsatte unge'] });
  const unit = await organisationService.create(ctx, { name: 'SSP København', kind: OrganisationKind.SSP, parentId: dept.id });
  const police = await organisationService.create(ctx, { name: 'Københavns Politi', kind: OrganisationKind.POLICE });
  const school = await organisationService.create(ctx, { name: 'Tingbjergskolen', kind: OrganisationKind.SCHOOL });
  const anna = await personService.create(ctx, { name: 'Anna Sørensen', title: 'SSP-konsulent', email: 'anna@example.dk' });
  const bo = await personService.create(ctx, { name: 'Bo Ærø', title: 'Lokalbetjent' });
  await personService.addAffiliation(ctx, { personId: anna.id, organisationId: unit.id, startsOn: '2025-01-01' });
  await personService.addAffiliation(ctx, { personId: bo.id, organisationId: police.id, startsOn: '2025-01-01' });
  const partnership = await partnershipService.create(ctx, { name: 'Tryghedspartnerskabet', area: 'Tingbjerg-Husum' });
  for (const o of [dept, police, school]) {
    await partnershipService.addMember(ctx, { partnershipId: partnership.id, organisationId: o.id, role: PartnershipRole.PARTNER, startsOn: '2025-01-01' });
  }
  const forum = await forumService.create(ctx, {
    partnershipId: partnership.id,
    name: 'Koordinationsgruppen',
    level: ForumLevel.TACTICAL,
    recurrence: 'DTSTART;TZID=Europe/Copenhagen:20260105T140000\nRRULE:FREQ=MONTHLY;BYDAY=1MO',
  });
  await forumService.addMember(ctx, { forumId: forum.id, personId: anna.id, organisationId: unit.id, role: ForumRole.CHAIR, startsOn: '2025-01-01' });
  const meeting = await meetingService.schedule(ctx, { forumId: forum.id, startsAt: new Date('2026-07-01T12:00:00Z') });
  const item = await agendaService.add(ctx, meeting.id, { title: 'Tryghedsvandring', kind: AgendaItemKind.DECISION });
  return { ctx, dept, unit, police, school, anna, bo, partnership, forum, meeting, item };
}
