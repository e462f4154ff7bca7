/**
 * Demo data for the partnership as a network: its 37 joint activities (with lead and participating
 * organisations, target group, area, period and the forum each reports to), two organisations that
 * have left every forum, and two incidents: last year's shooting at Ruten (linked to the extraordinary
 * meeting the demo already holds, closed) and a car fire two days ago (active, meeting convened, actions
 * assigned). Written through the services, so every rule holds.
 */
import { Ctx, localDate } from '../context';
import { ForumMember } from '../forum/forum.entity';
import { forumService } from '../forum/forum.service';
import { activityService } from '../activity/activity.service';
import { ActivityStatus, ParticipantRole } from '../activity/activity.entity';
import { incidentService } from '../incident/incident.service';
import { IncidentKind, IncidentMeeting, IncidentStatus, IncidentUpdate, IncidentUpdateKind } from '../incident/incident.entity';

const R = ParticipantRole;

export interface ActivitySpec {
  name: string;
  description: string;
  lead: string;
  with?: [string, ParticipantRole][];
  targetGroup: string;
  area: string;
  topics: string[];
  forum: string | null;
  startedDaysAgo: number;
  endsInDays?: number;
  status?: ActivityStatus;
}

/** The 37 joint activities (CFBU's mapping counted 37 in Tingbjerg-Husum). */
export const ACTIVITIES: ActivitySpec[] = [
  { name: 'Natteravne i Tingbjerg', description: 'Frivillige voksne går i området fredag og lørdag aften og er synlige, rolige voksne for børn og unge.', lead: 'natte', with: [['helhed', R.FUNDER], ['lokalpol', R.PARTNER]], targetGroup: 'Unge 13–17 år', area: 'Tingbjerg', topics: ['nattevandring', 'tryghed', 'frivillige'], forum: 'drift', startedDaysAgo: 2400 },
  { name: 'Tryghedsvandringer med beboerne', description: 'Fire årlige vandringer med beboere, politi og boligafdelinger, hvor utrygge steder registreres og følges op.', lead: 'sek', with: [['lokalpol', R.PARTNER], ['ejdk', R.PARTNER], ['sabtb', R.PARTNER], ['fsbtb', R.PARTNER], ['omraade', R.CONTRIBUTOR]], targetGroup: 'Beboere', area: 'Tingbjerg-Husum', topics: ['tryghed', 'byrum', 'belysning'], forum: 'koord', startedDaysAgo: 1800 },
  { name: 'Lektiecafé Tingbjerg', description: 'Frivillige lektiehjælpere fra Ungdommens Røde Kors tre eftermiddage om ugen.', lead: 'lektie', with: [['bibl', R.CONTRIBUTOR], ['tingskole', R.REFERRER]], targetGroup: 'Skolebørn 6–12 år', area: 'Tingbjerg', topics: ['lektiehjælp', 'skole', 'frivillige'], forum: 'netvaerk', startedDaysAgo: 2100 },
  { name: 'Lektiehjælp i biblioteket', description: 'Bibliotekets egen lektiehjælp lørdag formiddag med frivillige fra kirken.', lead: 'bibl', with: [['kirke', R.CONTRIBUTOR]], targetGroup: 'Skolebørn 6–12 år', area: 'Tingbjerg', topics: ['lektiehjælp', 'skole', 'læsning'], forum: 'netvaerk', startedDaysAgo: 400 },
  { name: 'Lektiehjælp på Husum Skole', description: 'Skolens lærere tilbyder lektiehjælp efter skoletid to dage om ugen.', lead: 'husumskole', with: [['ppr', R.CONTRIBUTOR]], targetGroup: 'Skolebørn 6–12 år', area: 'Husum', topics: ['lektiehjælp', 'skole'], forum: 'koord', startedDaysAgo: 300 },
  { name: 'Lektiecafé Husum', description: 'Ungdommens Røde Kors åbner en lektiecafé i Husum med frivillige hjælpere.', lead: 'lektie', targetGroup: 'Skolebørn 6–12 år', area: 'Husum', topics: ['lektiehjælp', 'frivillige'], forum: 'netvaerk', startedDaysAgo: 120 },
  { name: 'Jobcafé Tingbjerg', description: 'Drop-in jobvejledning hver tirsdag i kulturhuset: cv, ansøgninger og kontakt til virksomheder.', lead: 'jobtb', with: [['helhed', R.PARTNER], ['bibl', R.CONTRIBUTOR]], targetGroup: 'Ledige voksne', area: 'Tingbjerg', topics: ['beskæftigelse', 'jobvejledning'], forum: 'koord', startedDaysAgo: 1500 },
  { name: 'Fritidsjobindsatsen', description: 'Unge hjælpes i deres første fritidsjob hos lokale butikker og virksomheder.', lead: 'helhed', with: [['jobtb', R.PARTNER], ['ungei', R.PARTNER], ['handel', R.CONTRIBUTOR], ['netto', R.CONTRIBUTOR]], targetGroup: 'Unge 14–17 år', area: 'Tingbjerg-Husum', topics: ['fritidsjob', 'beskæftigelse', 'unge'], forum: 'unge', startedDaysAgo: 1300 },
  { name: 'Uddannelsesvejledning i boligområdet', description: 'UU-vejledere har fast træffetid i Tingbjerg for unge uden uddannelse.', lead: 'uu', with: [['ungei', R.PARTNER]], targetGroup: 'Unge 18–25 år', area: 'Tingbjerg-Husum', topics: ['uddannelse', 'vejledning', 'unge'], forum: 'unge', startedDaysAgo: 900 },
  { name: 'Mentorordning for unge i risiko', description: 'En fast mentor i op til et år for unge, der er på vej ud af kriminalitet.', lead: 'ungei', with: [['ssppl', R.CO_LEAD], ['krimfors', R.REFERRER]], targetGroup: 'Unge 18–25 år', area: 'Tingbjerg-Husum', topics: ['mentor', 'exit', 'kriminalitetsforebyggelse'], forum: 'unge', startedDaysAgo: 1100 },
  { name: 'Exit-forløb', description: 'Samtaleforløb og praktisk hjælp til unge, der vil ud af banderelaterede miljøer.', lead: 'fbafd', with: [['ssppl', R.PARTNER], ['krimfors', R.PARTNER], ['bcv', R.CONTRIBUTOR]], targetGroup: 'Unge 18–25 år', area: 'Tingbjerg-Husum', topics: ['exit', 'kriminalitetsforebyggelse', 'bander'], forum: 'unge', startedDaysAgo: 1000 },
  { name: 'Gadeplan om aftenen', description: 'Gadeplansteamet er på gaden fire aftener om ugen og tager kontakt til grupper af unge.', lead: 'gade', with: [['fritc', R.PARTNER], ['lokalpol', R.PARTNER]], targetGroup: 'Unge 13–17 år', area: 'Tingbjerg', topics: ['gadeplan', 'unge', 'konfliktmægling'], forum: 'drift', startedDaysAgo: 2000 },
  { name: 'Åben hal fredag aften', description: 'Idrætshallen holder åbent fredag aften med fodbold, basket og boksning.', lead: 'idraet', with: [['fritc', R.PARTNER], ['tbk', R.CONTRIBUTOR], ['boks', R.CONTRIBUTOR]], targetGroup: 'Unge 13–17 år', area: 'Tingbjerg', topics: ['idræt', 'fritid', 'unge'], forum: 'netvaerk', startedDaysAgo: 700 },
  { name: 'Pigeklub', description: 'Fast aften for piger med aktiviteter, samtaler og ture ud af området.', lead: 'fritc', with: [['bydm', R.PARTNER]], targetGroup: 'Piger 12–17 år', area: 'Tingbjerg', topics: ['fritid', 'piger', 'trivsel'], forum: 'netvaerk', startedDaysAgo: 800 },
  { name: 'Bokseklub for drenge', description: 'Træning tre gange om ugen med trænere, der også er rollemodeller.', lead: 'boks', with: [['helhed', R.FUNDER]], targetGroup: 'Drenge 10–16 år', area: 'Tingbjerg', topics: ['idræt', 'boksning', 'rollemodeller'], forum: 'netvaerk', startedDaysAgo: 1600 },
  { name: 'Fodboldskole i sommerferien', description: 'En uges fodboldskole for børn fra Tingbjerg og Husum.', lead: 'tbk', with: [['husbk', R.CO_LEAD], ['kff', R.FUNDER]], targetGroup: 'Børn 7–12 år', area: 'Tingbjerg-Husum', topics: ['idræt', 'fodbold', 'sommerferie'], forum: 'netvaerk', startedDaysAgo: 1200 },
  { name: 'Forældrecafé', description: 'Bydelsmødre inviterer forældre til samtaler om skole, opdragelse og sundhed.', lead: 'bydm', with: [['tingskole', R.PARTNER], ['sundpl', R.CONTRIBUTOR]], targetGroup: 'Forældre', area: 'Tingbjerg', topics: ['forældre', 'opdragelse', 'skole'], forum: 'netvaerk', startedDaysAgo: 1400 },
  { name: 'Sundhedscafé for forældre', description: 'Forebyggelsescentret tilbyder samtaler om kost, søvn og skærmtid for forældre.', lead: 'forebyg', with: [['sundpl', R.PARTNER], ['apotek', R.CONTRIBUTOR]], targetGroup: 'Forældre', area: 'Tingbjerg', topics: ['sundhed', 'forebyggelse', 'forældre'], forum: 'netvaerk', startedDaysAgo: 250 },
  { name: 'Forældrenetværk på Tingbjergskolen', description: 'Forældre i udskolingen mødes om fravær, sociale medier og fritid.', lead: 'tingskole', with: [['sspbht', R.PARTNER], ['helhed', R.PARTNER]], targetGroup: 'Forældre til unge i udskolingen', area: 'Tingbjerg', topics: ['forældresamarbejde', 'skolefravær', 'sociale medier'], forum: 'ssp', startedDaysAgo: 900 },
  { name: 'SSP-undervisning i udskolingen', description: 'SSP og lokalbetjente underviser 7.–9. klasse i digital dannelse, rusmidler og grupperes pres.', lead: 'sspbht', with: [['lokalpol', R.PARTNER], ['tingskole', R.PARTNER], ['husumvold', R.PARTNER], ['bronskole', R.PARTNER], ['husumskole', R.PARTNER]], targetGroup: 'Elever 7.–9. klasse', area: 'Tingbjerg-Husum', topics: ['ssp', 'undervisning', 'rusmidler', 'digital dannelse'], forum: 'ssp', startedDaysAgo: 2500 },
  { name: 'Fraværsindsats', description: 'Tidlig opfølgning på bekymrende skolefravær med skolesocialrådgiver og PPR.', lead: 'husumvold', with: [['ppr', R.PARTNER], ['fc', R.REFERRER]], targetGroup: 'Elever med bekymrende fravær', area: 'Husum', topics: ['skolefravær', 'trivsel'], forum: 'ssp', startedDaysAgo: 600 },
  { name: 'Rusmiddelrådgivning på gaden', description: 'U-turn har træffetid i fritidscentret og går med gadeplansteamet en aften om ugen.', lead: 'uturn', with: [['gade', R.PARTNER], ['fritc', R.CONTRIBUTOR]], targetGroup: 'Unge 15–25 år med rusmiddelforbrug', area: 'Tingbjerg', topics: ['rusmidler', 'misbrug', 'unge'], forum: 'unge', startedDaysAgo: 500 },
  { name: 'Lokalbetjente i skolegården', description: 'Lokalbetjentene kommer fast i skolegårdene og til forældremøder.', lead: 'lokalpol', with: [['tingskole', R.PARTNER], ['husumvold', R.PARTNER]], targetGroup: 'Skolebørn 10–16 år', area: 'Tingbjerg-Husum', topics: ['lokalbetjente', 'tryghed', 'skole'], forum: 'ssp', startedDaysAgo: 1700 },
  { name: 'Vagtordning om natten', description: 'Vagter patruljerer p-pladser og kældre i boligafdelingerne mellem kl. 22 og 5.', lead: 'securitas', with: [['ejdk', R.PARTNER], ['sabtb', R.FUNDER], ['fsbtb', R.FUNDER]], targetGroup: 'Beboere', area: 'Tingbjerg', topics: ['vagt', 'tryghed', 'nattevagt'], forum: 'drift', startedDaysAgo: 700 },
  { name: 'Belysning og beskæring', description: 'Mørke stier og buske registreres ved vandringerne og udbedres inden for to uger.', lead: 'driftnv', with: [['ejdk', R.PARTNER], ['byensdrift', R.FUNDER]], targetGroup: 'Beboere', area: 'Tingbjerg-Husum', topics: ['belysning', 'byrum', 'renhold'], forum: 'drift', startedDaysAgo: 1000 },
  { name: 'Graffiti- og hærværksberedskab', description: 'Hærværk og graffiti fjernes inden for 24 timer.', lead: 'ejdk', with: [['driftnv', R.PARTNER], ['fsbtb', R.PARTNER]], targetGroup: 'Beboere', area: 'Tingbjerg', topics: ['hærværk', 'graffiti', 'renhold'], forum: 'drift', startedDaysAgo: 1900 },
  { name: 'Tryghedsmåling Tingbjerg-Husum', description: 'Årlig måling af beboernes tryghed, med resultater pr. boligafdeling.', lead: 'sikkerby', with: [['omraade', R.PARTNER]], targetGroup: 'Beboere over 15 år', area: 'Tingbjerg-Husum', topics: ['tryghedsmåling', 'analyse', 'tryghed'], forum: 'styre', startedDaysAgo: 1500 },
  { name: 'Byrumsforbedringer ved Ruten', description: 'Områdefornyelsen omdanner pladsen ved Ruten med lys, bænke og aktiviteter.', lead: 'omraade', with: [['tmf', R.FUNDER], ['sabtb', R.PARTNER], ['handel', R.CONTRIBUTOR]], targetGroup: 'Beboere og handlende', area: 'Ruten, Tingbjerg', topics: ['byrum', 'byudvikling', 'tryghed'], forum: 'koord', startedDaysAgo: 900, endsInDays: 400 },
  { name: 'Butikstryghed på Ruten', description: 'Butikkerne på Ruten deler erfaringer om tyveri og uro og har en fast kontakt hos politiet.', lead: 'handel', with: [['netto', R.PARTNER], ['lokalpol', R.PARTNER]], targetGroup: 'Butiksdrivende', area: 'Ruten, Tingbjerg', topics: ['handel', 'tryghed', 'butik'], forum: 'drift', startedDaysAgo: 600 },
  { name: 'Familiebehandling i lokalområdet', description: 'Familiebehandlere holder samtaler i Tingbjerg i stedet for på centret.', lead: 'fc', with: [['bbu', R.FUNDER], ['sundpl', R.REFERRER]], targetGroup: 'Familier med børn under 18', area: 'Tingbjerg', topics: ['familiebehandling', 'udsatte børn og unge'], forum: 'ssp', startedDaysAgo: 1200 },
  { name: 'Sommerferieaktiviteter', description: 'Ture, lejr og aktiviteter i sommerferien for børn og unge, der ikke kommer på ferie.', lead: 'helhed', with: [['fritc', R.PARTNER], ['kff', R.FUNDER], ['tbk', R.CONTRIBUTOR], ['bibl', R.CONTRIBUTOR]], targetGroup: 'Børn og unge 8–17 år', area: 'Tingbjerg-Husum', topics: ['sommerferie', 'fritid', 'ture'], forum: 'netvaerk', startedDaysAgo: 2200 },
  { name: 'Knallertkørekort og værksted', description: 'Ungdomsskolen tilbyder knallertkørekort og et åbent værksted.', lead: 'ungdskole', with: [['lokalpol', R.CONTRIBUTOR]], targetGroup: 'Unge 15–17 år', area: 'Tingbjerg-Husum', topics: ['knallert', 'færdsel', 'fritid'], forum: 'ssp', startedDaysAgo: 1000 },
  { name: 'Beskæftigelsesrettet integrationsforløb', description: 'Sprog, praktik og job for nyankomne familier.', lead: 'bif', with: [['jobtb', R.PARTNER], ['bydm', R.REFERRER]], targetGroup: 'Nyankomne voksne', area: 'Tingbjerg-Husum', topics: ['integration', 'beskæftigelse', 'sprog'], forum: 'koord', startedDaysAgo: 800 },
  { name: 'Sorg- og krisegruppe', description: 'Kirken og helhedsplanen tilbyder samtaler til børn og forældre efter voldsomme hændelser.', lead: 'kirke', with: [['helhed', R.PARTNER]], targetGroup: 'Børn og forældre efter kriser', area: 'Tingbjerg', topics: ['sorg og krise', 'trivsel'], forum: 'netvaerk', startedDaysAgo: 400 },
  { name: 'Boligsocial vicevært', description: 'En vicevært med boligsocial opgave griber naboproblemer og uro tidligt.', lead: 'sabtb', with: [['ejdk', R.PARTNER], ['helhed', R.PARTNER]], targetGroup: 'Beboere med naboproblemer', area: 'Tingbjerg', topics: ['naboproblemer', 'boligsocial indsats'], forum: 'drift', startedDaysAgo: 900 },
  { name: 'Opsøgende indsats for hjemløse', description: 'Borgercenter Voksne går ud til hjemløse og udsatte voksne omkring Ruten og i kældrene.', lead: 'bcv', with: [['ejdk', R.CONTRIBUTOR]], targetGroup: 'Hjemløse og udsatte voksne', area: 'Tingbjerg', topics: ['hjemløshed', 'misbrug', 'voksne'], forum: 'drift', startedDaysAgo: 450, status: ActivityStatus.PAUSED },
  { name: 'Ungeråd i Tingbjerg-Husum', description: 'Unge mødes med partnerskabet to gange om året og giver deres bud på tryghed.', lead: 'voldparken', with: [['fritc', R.PARTNER], ['sek', R.PARTNER]], targetGroup: 'Unge 15–22 år', area: 'Tingbjerg-Husum', topics: ['borgerinddragelse', 'unge', 'tryghed'], forum: 'styre', startedDaysAgo: 350 },
];

/** Forum seats that ended: these organisations have fallen out of every forum. */
export const ENDED_SEATS: { org: string; forum: string; daysAgo: number }[] = [
  { org: 'handel', forum: 'drift', daysAgo: 40 },
  { org: 'securitas', forum: 'drift', daysAgo: 25 },
];

const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

export async function loadDemoNetwork(opts: {
  ctxAt: (at: Date) => Ctx;
  now: Date;
  today: string;
  partnershipId: string;
  oid: (key: string) => string;
  forumId: (key: string) => string;
  /** The demo's extraordinary meeting after the shooting, and when it was called. */
  shooting: { meetingId: string | null; calledAt: Date; meetingEndsAt: Date };
}): Promise<{ activities: number; incidents: number }> {
  const { ctxAt, now, today, partnershipId, oid, forumId } = opts;
  for (const a of ACTIVITIES) {
    const startsOn = addDays(today, -a.startedDaysAgo);
    await activityService.create(ctxAt(new Date(Date.parse(startsOn + 'T09:00:00Z'))), {
      partnershipId,
      name: a.name,
      description: a.description,
      leadOrganisationId: oid(a.lead),
      participants: (a.with ?? []).map(([org, role]) => ({ organisationId: oid(org), role })),
      targetGroup: a.targetGroup,
      area: a.area,
      topics: a.topics,
      startsOn,
      endsOn: a.endsInDays != null ? addDays(today, a.endsInDays) : null,
      status: a.status ?? ActivityStatus.ACTIVE,
      forumId: a.forum ? forumId(a.forum) : null,
    });
  }

  const ctx = ctxAt(now);
  for (const s of ENDED_SEATS) {
    const seats = await ctx.manager.find(ForumMember, { where: { forumId: forumId(s.forum), organisationId: oid(s.org) } });
    for (const seat of seats) {
      const end = addDays(today, -s.daysAgo);
      if (seat.startsOn <= end && (seat.endsOn == null || seat.endsOn > end)) await forumService.updateMember(ctx, seat.id, { endsOn: end });
    }
  }

  let incidents = 0;
  // The shooting at Ruten: registered by the coordinator just before the acute group was called.
  const sh = opts.shooting;
  if (sh.meetingId) {
    const registeredAt = new Date(sh.calledAt.getTime() - 20 * 60_000);
    const occurredAt = new Date(sh.calledAt.getTime() - 11 * 3600_000);
    const reg = ctxAt(registeredAt);
    const incident = await incidentService.register(reg, {
      partnershipId,
      kind: IncidentKind.SHOOTING,
      occurredAt,
      area: 'Ruten, Tingbjerg',
      summary: 'Skud affyret ved butikkerne på Ruten om aftenen. Ingen beboere kom til skade. Politiet efterforsker; der er uro blandt unge i området.',
    });
    const called = ctxAt(sh.calledAt);
    await called.manager.insert(IncidentMeeting, { incidentId: incident.id, meetingId: sh.meetingId });
    await called.manager.save(
      called.manager.create(IncidentUpdate, {
        incidentId: incident.id,
        partnershipId,
        at: sh.calledAt,
        kind: IncidentUpdateKind.MEETING_CONVENED,
        text: 'Ekstraordinært møde indkaldt i Akutgruppen',
        actorId: called.actorId,
        meetingId: sh.meetingId,
      }),
    );
    const actions: { id: string; title: string; due: string; at: Date }[] = await called.manager.query(
      `SELECT ai.id::text, o.name AS title, ai.due_date::text AS due, e.at FROM action_item ai JOIN organisation o ON o.id = ai.assignee_organisation_id
         JOIN action_item_event e ON e.action_item_id = ai.id AND e.kind = 'created'
        WHERE ai.meeting_id = $1 ORDER BY e.at, ai.title`,
      [sh.meetingId],
    );
    for (const a of actions) {
      await called.manager.save(
        called.manager.create(IncidentUpdate, { incidentId: incident.id, partnershipId, at: a.at, kind: IncidentUpdateKind.ACTION_ASSIGNED, text: `Opgave til ${a.title}, frist ${a.due}`, actorId: called.actorId, actionItemId: a.id, meetingId: sh.meetingId }),
      );
    }
    const after = new Date(sh.meetingEndsAt.getTime() + 30 * 3600_000);
    if (after < now) {
      await incidentService.addUpdate(ctxAt(after), incident.id, 'Tryghedsvandringen blev gennemført med 40 deltagere. Ingen nye episoder siden.');
      await incidentService.changeStatus(ctxAt(new Date(after.getTime() + 60_000)), incident.id, IncidentStatus.STABILISED, 'Situationen er rolig.');
      const closeAt = new Date(after.getTime() + 14 * 24 * 3600_000);
      if (closeAt < now) await incidentService.changeStatus(ctxAt(closeAt), incident.id, IncidentStatus.CLOSED, 'Indsatsen er afsluttet; erfaringer samlet i Koordinationsgruppen.');
    }
    incidents++;
  }

  // A car fire two days ago: still active, the acute group met, actions are open.
  {
    const occurredAt = new Date(now.getTime() - 2 * 24 * 3600_000);
    const registeredAt = new Date(occurredAt.getTime() + 50 * 60_000);
    const incident = await incidentService.register(ctxAt(registeredAt), {
      partnershipId,
      kind: IncidentKind.ARSON,
      occurredAt,
      area: 'P-pladsen ved Ruten, Tingbjerg',
      summary: 'To biler brændt af på p-pladsen ved Ruten om natten. Ingen personskade. Beboere er utrygge ved at parkere der.',
    });
    const conveneAt = new Date(registeredAt.getTime() + 25 * 60_000);
    const meeting = await incidentService.convene(ctxAt(conveneAt), {
      incidentId: incident.id,
      forumId: forumId('akut'),
      startsAt: new Date(Math.ceil((conveneAt.getTime() + 3 * 3600_000) / 900_000) * 900_000),
      organisationIds: ['lokalpol', 'ejdk', 'securitas', 'helhed', 'gade'].map(oid),
    });
    const assignAt = new Date(meeting.endsAt.getTime() + 10 * 60_000);
    const day = localDate(assignAt, 'Europe/Copenhagen');
    await incidentService.assignActions(ctxAt(assignAt), {
      incidentId: incident.id,
      actions: [
        { title: 'Ekstra vagtrunder på p-pladsen ved Ruten i en uge', assigneeOrganisationId: oid('securitas'), dueDate: addDays(day, 2) },
        { title: 'Fjerne udbrændte biler og rydde op', assigneeOrganisationId: oid('ejdk'), dueDate: addDays(day, 1) },
        { title: 'Opsætte midlertidig belysning på p-pladsen', assigneeOrganisationId: oid('driftnv'), dueDate: addDays(day, 3) },
        { title: 'Informere beboerne og invitere til tryghedsvandring', assigneeOrganisationId: oid('helhed'), dueDate: addDays(day, 2) },
      ],
    });
    incidents++;
  }
  return { activities: ACTIVITIES.length, incidents };
}
