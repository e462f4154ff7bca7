/**
 * A small two-partnership world for authorization tests, built through the services with the SYSTEM
 * principal (no audit rows), plus API keys. Dates are relative to the real clock, because the HTTP
 * server uses it.
 *
 * P1 (forums F1 "SSP-lokaludvalg", F2 "Netværksmødet") and P2 (forum G1):
 * - admin1 ADMIN in P1; coord1 COORDINATOR in P1 with a seat in F1 without legal basis;
 * - legal1 MEMBER in P1, seat in F1 with legal basis (for orgSSP, which they are affiliated with);
 * - member1 MEMBER in P1, seat in F1 without legal basis; member2 MEMBER in P1, seat only in F2;
 * - observer1 OBSERVER in P1 without seat; outsider COORDINATOR in P2 only; admin2 ADMIN in P2 only;
 * - nobody: no role, no seat; subject1: the person a confidential item concerns; newbie: for grants;
 * - adminLegal ADMIN in P1 with a seat in F1 with legal basis; former: no role, a seat in P2's G1 that ended in 2025.
 * F1 meeting m1 (held, minutes approved, amended) holds confidential item `conf` (word SECRET in its
 * title, description, outcome notes, its decision, action item, their history comments and the
 * minutes amendment) and a non-confidential item `open1` with decision `dOpen` and action items.
 */
import { DataSource } from 'typeorm';
import { createContext, Ctx } from '../../src/context';
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
import { decisionService } from '../../src/decision/decision.service';
import { actionItemService } from '../../src/action-item/action-item.service';
import { ActionItemStatus } from '../../src/action-item/action-item.entity';
import { accessService } from '../../src/auth/access.service';
import { AccessRole } from '../../src/auth/partnership-access.entity';
import { apiKeyService } from '../../src/api-key/api-key.service';
import { ApiScope } from '../../src/api-key/api-key.entity';

/** The unique word of the confidential content. */
export const SECRET = 'Zanzibarsag';
/** Words only in non-confidential F1 content (readable by P1 coordinators, not by F2-only members or P2). */
export const F1_WORD = 'Kilimanjaro';
export const F1_SCHOOL_WORD = 'Mombasaopgave';
export const F1_KEY_WORD = 'Timbuktu';
/** The unique word of a second confidential item (on the upcoming F1 meeting, deferred in a test). */
export const SECRET2 = 'Madagaskarsag';
/** The unique word of a confidential item in F2 (where nobody has a legal basis). */
export const SECRET_F2 = 'Tasmaniasag';
export const LEGAL_BASIS = 'retsplejeloven § 115';

const DAY = 24 * 3600_000;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function buildAuthzWorld(ds: DataSource) {
  const sys: Ctx = createContext(ds, { principal: SYSTEM });
  const as = (personId: string) => createContext(ds, { principal: SYSTEM, actorId: personId });
  const now = Date.now();

  const org = async (name: string, kind: OrganisationKind) => organisationService.create(sys, { name, kind });
  const orgSSP = await org('SSP Tingbjerg', OrganisationKind.SSP);
  const orgPolice = await org('Station Bellahøj', OrganisationKind.POLICE);
  const orgSchool = await org('Tingbjerg Skole', OrganisationKind.SCHOOL);
  const orgMunicipal = await org('Socialforvaltningen', OrganisationKind.MUNICIPAL_DEPARTMENT);
  const orgP2 = await org('Boligselskabet Vest', OrganisationKind.HOUSING_ASSOCIATION);

  const person = async (name: string, affiliatedWith: { id: string } | null) => {
    const p = await personService.create(sys, { name, email: `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.dk` });
    if (affiliatedWith) await personService.addAffiliation(sys, { personId: p.id, organisationId: affiliatedWith.id, startsOn: '2025-01-01' });
    return p;
  };
  const admin1 = await person('Admin Et', orgMunicipal);
  const coord1 = await person('Koordinator Et', orgPolice);
  const legal1 = await person('Jurist Lovlig', orgSSP);
  const member1 = await person('Medlem Uden Hjemmel', orgSSP);
  const member2 = await person('Medlem To', orgSchool);
  const observer1 = await person('Observatør Et', orgMunicipal);
  const outsider = await person('Udenfor Koordinator', orgP2);
  const admin2 = await person('Admin To', orgP2);
  const nobody = await person('Ingen Rolle', null);
  const subject1 = await person('Borger Omtalt', null);
  const newbie = await person('Ny Person', null);
  const adminLegal = await person('Admin Med Hjemmel', orgMunicipal);
  // Sat in P2's forum G1 in the first half of 2025 only (affiliation and seat ended); no role anywhere.
  const former = await personService.create(sys, { name: 'Tidligere Medlem' });
  await personService.addAffiliation(sys, { personId: former.id, organisationId: orgP2.id, startsOn: '2025-01-01', endsOn: '2025-06-30' });

  const p1 = await partnershipService.create(sys, { name: 'Tryghedspartnerskabet P1', area: 'Tingbjerg-Husum' });
  const p2 = await partnershipService.create(sys, { name: 'Partnerskabet P2', area: 'Vest' });
  for (const o of [orgSSP, orgPolice, orgSchool, orgMunicipal]) {
    await partnershipService.addMember(sys, { partnershipId: p1.id, organisationId: o.id, role: PartnershipRole.PARTNER, startsOn: '2025-01-01' });
  }
  await partnershipService.addMember(sys, { partnershipId: p2.id, organisationId: orgP2.id, role: PartnershipRole.LEAD, startsOn: '2025-01-01' });

  const f1 = await forumService.create(sys, { partnershipId: p1.id, name: 'SSP-lokaludvalg', level: ForumLevel.OPERATIONAL });
  const f2 = await forumService.create(sys, { partnershipId: p1.id, name: 'Netværksmødet', level: ForumLevel.TACTICAL });
  const g1 = await forumService.create(sys, { partnershipId: p2.id, name: 'Styregruppen Vest', level: ForumLevel.STRATEGIC });

  const grant = (partnershipId: string, personId: string, role: AccessRole) => accessService.grant(sys, { partnershipId, personId, role });
  await grant(p1.id, admin1.id, AccessRole.ADMIN);
  await grant(p1.id, coord1.id, AccessRole.COORDINATOR);
  await grant(p1.id, legal1.id, AccessRole.MEMBER);
  await grant(p1.id, member1.id, AccessRole.MEMBER);
  await grant(p1.id, member2.id, AccessRole.MEMBER);
  await grant(p1.id, observer1.id, AccessRole.OBSERVER);
  await grant(p2.id, outsider.id, AccessRole.COORDINATOR);
  await grant(p2.id, admin2.id, AccessRole.ADMIN);
  await grant(p1.id, adminLegal.id, AccessRole.ADMIN);

  const seat = (forumId: string, personId: string, organisationId: string, legalBasis: string | null = null) =>
    forumService.addMember(sys, { forumId, personId, organisationId, role: ForumRole.MEMBER, legalBasis, startsOn: '2025-01-01' });
  await seat(f1.id, coord1.id, orgPolice.id);
  await seat(f1.id, legal1.id, orgSSP.id, LEGAL_BASIS);
  await seat(f1.id, member1.id, orgSSP.id);
  await seat(f2.id, member2.id, orgSchool.id);
  await seat(f1.id, adminLegal.id, orgMunicipal.id, LEGAL_BASIS);
  await forumService.addMember(sys, { forumId: g1.id, personId: former.id, organisationId: orgP2.id, role: ForumRole.MEMBER, startsOn: '2025-01-01', endsOn: '2025-06-30' });

  // Meetings: m1 in F1 (past; held and approved below), next1 in F1 (future), m2 in F2 (past), mg in G1 (P2).
  const m1 = await meetingService.schedule(sys, { forumId: f1.id, title: 'SSP-lokaludvalg, møde 1', startsAt: new Date(now - 30 * DAY) });
  const next1 = await meetingService.schedule(sys, { forumId: f1.id, title: 'SSP-lokaludvalg, møde 2', startsAt: new Date(now + 30 * DAY) });
  const m2 = await meetingService.schedule(sys, { forumId: f2.id, title: 'Netværksmøde, efterår', startsAt: new Date(now - 20 * DAY) });
  const mg = await meetingService.schedule(sys, { forumId: g1.id, title: 'Styregruppe Vest, efterår', startsAt: new Date(now - 10 * DAY) });

  const conf = await agendaService.add(sys, m1.id, {
    title: `Bekymring for ung: ${SECRET}`,
    description: `Baggrund for ${SECRET} fra skolen`,
    outcomeNotes: `Aftalt indsats i ${SECRET}`,
    kind: AgendaItemKind.DECISION,
    confidential: true,
    concernedPersonIds: [subject1.id],
  });
  const open1 = await agendaService.add(sys, m1.id, { title: `Tryghedsvandring ved ${F1_WORD}pladsen`, kind: AgendaItemKind.DECISION });
  const conf2 = await agendaService.add(sys, next1.id, {
    title: `Ny bekymring: ${SECRET2}`,
    description: `Baggrund ${SECRET2}`,
    kind: AgendaItemKind.DISCUSSION,
    confidential: true,
    concernedPersonIds: [subject1.id],
  });
  const nextItem = await agendaService.add(sys, next1.id, { title: 'Status på indsatser', kind: AgendaItemKind.DISCUSSION });
  const a2 = await agendaService.add(sys, m2.id, { title: 'Lektiecafé status', kind: AgendaItemKind.DECISION });
  const confF2 = await agendaService.add(sys, m2.id, { title: `Sag om ${SECRET_F2}`, kind: AgendaItemKind.DISCUSSION, confidential: true, concernedPersonIds: [subject1.id] });
  const ag = await agendaService.add(sys, mg.id, { title: 'Vestlig boligsocial plan', kind: AgendaItemKind.DECISION });

  const dConf = await decisionService.record(sys, { agendaItemId: conf.id, text: `Vi følger op på ${SECRET}`, responsibleOrganisationIds: [orgSSP.id] });
  const dOpen = await decisionService.record(sys, { agendaItemId: open1.id, text: `${F1_WORD}-vandringen gennemføres`, responsibleOrganisationIds: [orgSSP.id] });
  const d2 = await decisionService.record(sys, { agendaItemId: a2.id, text: 'Lektiecaféen fortsætter' });
  const dg = await decisionService.record(sys, { agendaItemId: ag.id, text: 'Planen vedtages' });

  const due = isoDate(new Date(now + 60 * DAY));
  const act = (input: Parameters<typeof actionItemService.create>[1]) => actionItemService.create(sys, input);
  const aConf = await act({
    decisionId: dConf.id,
    title: `Samtale om ${SECRET}`,
    description: `Detaljer om ${SECRET}`,
    assigneeOrganisationId: orgSSP.id,
    assigneePersonId: legal1.id,
    dueDate: due,
  });
  // F1, non-confidential: assigned to legal1 (P1 content seen in a DSAR), to the police, to the school, and one for the write key.
  const aOpenLegal = await act({ decisionId: dOpen.id, title: `Planlæg ${F1_WORD}-ruten`, assigneeOrganisationId: orgSSP.id, assigneePersonId: legal1.id, dueDate: due });
  const aOpenPolice = await act({ decisionId: dOpen.id, title: 'Politiets deltagelse', assigneeOrganisationId: orgPolice.id, dueDate: due });
  const aOpenSchool = await act({ agendaItemId: open1.id, title: `Skolens ${F1_SCHOOL_WORD}`, assigneeOrganisationId: orgSchool.id, dueDate: due });
  const aOpenKey = await act({ decisionId: dOpen.id, title: `Registrering i ${F1_KEY_WORD}`, assigneeOrganisationId: orgPolice.id, dueDate: due });
  // F2: one for member2's school, one for the police.
  const a2Own = await act({ decisionId: d2.id, title: 'Skolen melder tilbage', assigneeOrganisationId: orgSchool.id, dueDate: due });
  const a2Other = await act({ decisionId: d2.id, title: 'Politiet melder tilbage', assigneeOrganisationId: orgPolice.id, dueDate: due });
  // P2.
  const aG = await act({ decisionId: dg.id, title: 'Vest følger op', assigneeOrganisationId: orgP2.id, dueDate: due });

  // History with the secret word: an action item comment and a decision status comment.
  await actionItemService.changeStatus(as(legal1.id), aConf.id, ActionItemStatus.IN_PROGRESS, `I gang med ${SECRET}`);
  await decisionService.markImplemented(as(coord1.id), dConf.id, `Gennemført for ${SECRET}`);

  // m1 is held, its minutes approved, and the confidential item's outcome amended.
  await meetingService.markHeld(sys, m1.id);
  await meetingService.approveMinutes(as(coord1.id), m1.id);
  const amendment = await agendaService.amendOutcome(as(coord1.id), conf.id, `Revideret indsats i ${SECRET}`, 'Rettelse efter godkendelse');

  // API keys.
  const key = (name: string, scopes: ApiScope[], partnershipIds: string[], expiresAt: Date | null = null) =>
    apiKeyService.create(sys, { name, scopes, partnershipIds, expiresAt });
  const kMeetingsP1 = await key('Mødekalender', [ApiScope.READ_MEETINGS], [p1.id]);
  const kDecisionsP2 = await key('ESDH Vest', [ApiScope.READ_DECISIONS], [p2.id]);
  const kWriteP1 = await key('Opgavestatus', [ApiScope.WRITE_ACTION_ITEM_STATUS], [p1.id]);
  const kAllP1 = await key('Alt læs', [ApiScope.READ_DIRECTORY, ApiScope.READ_MEETINGS, ApiScope.READ_DECISIONS, ApiScope.READ_ACTION_ITEMS], [p1.id]);
  const kExpired = await key('Udløbet', [ApiScope.READ_MEETINGS], [p1.id], new Date(now + 3600_000));
  await ds.query(`UPDATE api_key SET expires_at = now() - interval '1 hour' WHERE id = $1`, [kExpired.apiKey.id]);
  const kRevoked = await key('Tilbagekaldt', [ApiScope.READ_MEETINGS], [p1.id]);
  await apiKeyService.revoke(sys, kRevoked.apiKey.id);

  return {
    orgs: { orgSSP, orgPolice, orgSchool, orgMunicipal, orgP2 },
    people: { admin1, coord1, legal1, member1, member2, observer1, outsider, admin2, nobody, subject1, newbie, adminLegal, former },
    p1,
    p2,
    forums: { f1, f2, g1 },
    meetings: { m1, next1, m2, mg },
    items: { conf, conf2, confF2, open1, nextItem, a2, ag },
    decisions: { dConf, dOpen, d2, dg },
    actions: { aConf, aOpenLegal, aOpenPolice, aOpenSchool, aOpenKey, a2Own, a2Other, aG },
    amendment,
    keys: {
      meetingsP1: kMeetingsP1.key,
      decisionsP2: kDecisionsP2.key,
      writeP1: kWriteP1.key,
      allP1: kAllP1.key,
      expired: kExpired.key,
      revoked: kRevoked.key,
    },
  };
}

export type AuthzWorld = Awaited<ReturnType<typeof buildAuthzWorld>>;
