/**
 * Joint activities, the network map, whom to contact, overlaps and the incident flow, on a small world
 * whose answers can be worked out by hand; everything through GraphQL (and the GraphML route over HTTP).
 */
import assert from 'node:assert/strict';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { freshDatabase, TestDb } from './support/db';
import { Client, snapshot } from './support/gql';
import { ctxAt } from './support/factory';
import { Principal, ANONYMOUS } from '../src/auth/principal';
import { organisationService } from '../src/organisation/organisation.service';
import { OrganisationKind } from '../src/organisation/organisation.entity';
import { personService } from '../src/person/person.service';
import { partnershipService } from '../src/partnership/partnership.service';
import { PartnershipRole } from '../src/partnership/partnership.entity';
import { forumService } from '../src/forum/forum.service';
import { ForumLevel, ForumRole } from '../src/forum/forum.entity';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { activityService } from '../src/activity/activity.service';
import { ParticipantRole } from '../src/activity/activity.entity';
import { startServer, RunningServer } from '../src/server';
import { networkGraphRoute } from '../src/network/network.route';

const NOW = new Date('2026-06-15T10:00:00Z');
/** Deep equality on plain JSON (GraphQL results are null-prototype objects). */
const eq = (actual: unknown, expected: unknown, message?: string) => assert.deepEqual(JSON.parse(JSON.stringify(actual)), expected, message);
const person = (personId: string): Principal => ({ kind: 'person', personId, via: 'dev' });

describe('joint activities, network map, whom to contact, overlaps and incidents', function () {
  this.timeout(60_000);
  let db: TestDb;
  let clock = NOW.getTime();
  const w: Record<string, any> = {};
  let coord: Client;
  let member: Client;
  let observer: Client;

  before(async () => {
    db = await freshDatabase();
    const ctx = ctxAt(db.ds, NOW);
    const org = (name: string, kind: OrganisationKind, topics: string[]) => organisationService.create(ctx, { name, kind, topics });
    w.police = await org('Politiet', OrganisationKind.POLICE, ['tryghed', 'efterforskning']);
    w.sek = await org('Sekretariatet', OrganisationKind.MUNICIPAL_UNIT, ['koordination']);
    w.housing = await org('Boligselskabet', OrganisationKind.HOUSING_ASSOCIATION, ['bolig', 'drift']);
    w.lektie = await org('Lektiecaféen', OrganisationKind.ASSOCIATION, ['lektiehjælp']);
    w.shop = await org('Butikken', OrganisationKind.BUSINESS, ['handel']);
    w.school = await org('Skolen', OrganisationKind.SCHOOL, ['skole']);
    const mk = async (name: string, o: any, opts: { role?: string; isContact?: boolean; startsOn?: string; endsOn?: string | null } = {}) => {
      const p = await personService.create(ctx, { name, title: opts.role ?? null });
      await personService.addAffiliation(ctx, { personId: p.id, organisationId: o.id, role: opts.role ?? null, isContact: opts.isContact ?? false, startsOn: opts.startsOn ?? '2024-01-01', endsOn: opts.endsOn ?? null });
      return p;
    };
    w.pPolice = await mk('Bo Betjent', w.police, { role: 'Lokalbetjent', isContact: true });
    w.pSek = await mk('Sara Sekretær', w.sek, { role: 'Tryghedskoordinator', isContact: true });
    w.pSek2 = await mk('Søren Sekretariat', w.sek, { role: 'Studentermedhjælper' });
    w.pHousing = await mk('Hanne Bolig', w.housing, { role: 'Driftsleder', isContact: true });
    w.pLektie = await mk('Lise Lektie', w.lektie, { role: 'Aktivitetsleder', isContact: true });
    w.pLektieOld = await mk('Lars Tidligere', w.lektie, { role: 'Lektiehjælper', isContact: true, startsOn: '2023-01-01', endsOn: '2026-01-31' });
    w.pShop = await mk('Sune Butik', w.shop, { role: 'Butikschef', isContact: true });
    w.pSchool = await mk('Sofie Skole', w.school, { role: 'Skoleleder', isContact: true });
    w.pSchool2 = await mk('Simon Lektiehjælper', w.school, { role: 'Lektiehjælper' });
    w.outsider = await personService.create(ctx, { name: 'Otto Udefra' });
    w.p = await partnershipService.create(ctx, { name: 'Tryghedspartnerskabet', area: 'Tingbjerg' });
    w.other = await partnershipService.create(ctx, { name: 'Et andet partnerskab', area: 'Husum' });
    for (const o of [w.police, w.sek, w.housing, w.lektie, w.shop, w.school]) {
      await partnershipService.addMember(ctx, { partnershipId: w.p.id, organisationId: o.id, role: PartnershipRole.PARTNER, startsOn: '2025-01-01' });
    }
    w.f1 = await forumService.create(ctx, { partnershipId: w.p.id, name: 'Styregruppen', level: ForumLevel.STRATEGIC });
    w.f2 = await forumService.create(ctx, { partnershipId: w.p.id, name: 'Driftsmødet', level: ForumLevel.OPERATIONAL, mandate: 'Hændelser, drift og vagtplaner' });
    w.g1 = await forumService.create(ctx, { partnershipId: w.other.id, name: 'Husumgruppen', level: ForumLevel.TACTICAL });
    const seat = (f: any, p: any, o: any, role: ForumRole, startsOn = '2025-01-01', endsOn: string | null = null) =>
      forumService.addMember(ctx, { forumId: f.id, personId: p.id, organisationId: o.id, role, startsOn, endsOn });
    await seat(w.f1, w.pPolice, w.police, ForumRole.CHAIR);
    await seat(w.f1, w.pSek, w.sek, ForumRole.SECRETARY);
    await seat(w.f2, w.pSek, w.sek, ForumRole.CHAIR);
    await seat(w.f2, w.pHousing, w.housing, ForumRole.MEMBER);
    await seat(w.f2, w.pShop, w.shop, ForumRole.MEMBER, '2026-02-01', '2026-05-01');
    // Forums are created "now" (DB clock); the as-of map below needs them to exist earlier.
    await db.ds.query(`UPDATE forum SET created_at = '2025-01-01'`);
    await accessService.grant(ctx, { partnershipId: w.p.id, personId: w.pSek.id, role: AccessRole.COORDINATOR });
    await accessService.grant(ctx, { partnershipId: w.p.id, personId: w.pPolice.id, role: AccessRole.MEMBER });
    await accessService.grant(ctx, { partnershipId: w.p.id, personId: w.pShop.id, role: AccessRole.OBSERVER });
    const act = (input: any) => activityService.create(ctx, { partnershipId: w.p.id, ...input });
    w.a1 = await act({ name: 'Lektiecafé', leadOrganisationId: w.lektie.id, participants: [{ organisationId: w.school.id, role: ParticipantRole.REFERRER }], targetGroup: 'Skolebørn', area: 'Tingbjerg', topics: ['Lektiehjælp'], startsOn: '2026-03-01', forumId: w.f1.id });
    w.a2 = await act({ name: 'Lektiehjælp på skolen', leadOrganisationId: w.school.id, targetGroup: ' skolebørn ', area: 'tingbjerg', startsOn: '2026-04-01', forumId: w.f2.id });
    w.a3 = await act({ name: 'Tryghedsvandring', leadOrganisationId: w.sek.id, participants: [{ organisationId: w.police.id, role: ParticipantRole.PARTNER }, { organisationId: w.housing.id, role: ParticipantRole.PARTNER }], targetGroup: 'Beboere', area: 'Tingbjerg', startsOn: '2026-02-01', forumId: w.f2.id });
    w.a4 = await act({ name: 'Nattevagt', leadOrganisationId: w.housing.id, targetGroup: 'Beboere', area: 'Tingbjerg', startsOn: '2026-05-01', forumId: w.f2.id });
    w.a5 = await act({ name: 'Gammel butiksindsats', leadOrganisationId: w.shop.id, targetGroup: 'Beboere', area: 'Tingbjerg', startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const now = () => new Date(clock);
    coord = await Client.create(db.ds, { principal: person(w.pSek.id), now });
    member = await Client.create(db.ds, { principal: person(w.pPolice.id), now });
    observer = await Client.create(db.ds, { principal: person(w.pShop.id), now });
  });

  after(async () => {
    await coord?.stop();
    await member?.stop();
    await observer?.stop();
    await db?.close();
  });

  // ------------------------------------------------------------------------------ network map

  const MAP = `query($p: ID!, $asOf: LocalDate) { networkMap(partnershipId: $p, asOf: $asOf) {
    asOf counts { organisations forums activities memberships seats participations reportingLines edges }
    organisations(first: 100, orderBy: NAME) { edges { node { graphNodeId degree betweenness betweennessNormalized bridgesStrategicAndOperational organisation { name } forums { edges { node { name } } } activities { totalCount } } } }
    gaps { activeWithoutForum { edges { node { name } } }
           forumsWithoutActivityOrganisations { edges { node { forum { name } activities { edges { node { name } } } } } }
           fallenOutOfForums { edges { node { organisation { name } lastSeatEndedOn } } } }
    graph graphml } }`;

  it('measures a path graph as worked out by hand (betweenness, degree, bridges) as of a date before the activities', async () => {
    // On 2026-01-15: Politiet – Styregruppen – Sekretariatet – Driftsmødet – Boligselskabet, and three organisations without edges.
    const m = (await coord.ok(MAP, { p: w.p.id, asOf: '2026-01-15' })).networkMap;
    eq(m.counts, { organisations: 6, forums: 2, activities: 0, memberships: 4, seats: 4, participations: 0, reportingLines: 0, edges: 4 });
    const by = Object.fromEntries(m.organisations.edges.map((e: any) => [e.node.organisation.name, e.node]));
    assert.equal(by.Politiet.betweenness, 0);
    assert.equal(by.Sekretariatet.betweenness, 4); // the middle of a 5-path: pairs (1,4), (1,5), (2,4), (2,5)
    assert.equal(by.Boligselskabet.betweenness, 0);
    assert.equal(by.Sekretariatet.degree, 2);
    // Normalised by (n−1)(n−2)/2 with n = 8 nodes.
    assert.ok(Math.abs(by.Sekretariatet.betweennessNormalized - 4 / 21) < 1e-12);
    assert.equal(by.Sekretariatet.bridgesStrategicAndOperational, true);
    assert.equal(by.Politiet.bridgesStrategicAndOperational, false);
    const g = parseGraphml(Graph, m.graphml);
    assert.equal(g.getNodeAttribute(`forum:${w.f1.id}`, 'betweenness'), 3);
    assert.equal(g.getNodeAttribute(`forum:${w.f2.id}`, 'betweenness'), 3);
    assert.equal(g.getNodeAttribute(`organisation:${w.sek.id}`, 'type'), 'organisation');
    assert.equal(g.getNodeAttribute(`forum:${w.f1.id}`, 'level'), 'strategic');
  });

  it('today: activities, participation and reporting edges, and the three kinds of gap', async () => {
    const m = (await coord.ok(MAP, { p: w.p.id })).networkMap;
    assert.equal(m.asOf, '2026-06-15');
    // a5 ended in 2025; the shop's seat ended on 2026-05-01.
    eq(m.counts, { organisations: 6, forums: 2, activities: 4, memberships: 4, seats: 4, participations: 7, reportingLines: 4, edges: 15 });
    eq(m.gaps.activeWithoutForum.edges.map((e: any) => e.node.name), ['Lektiecaféen', 'Skolen']);
    eq(
      m.gaps.forumsWithoutActivityOrganisations.edges.map((e: any) => [e.node.forum.name, e.node.activities.edges.map((a: any) => a.node.name)]),
      [
        ['Driftsmødet', ['Lektiehjælp på skolen']],
        ['Styregruppen', ['Lektiecafé']],
      ],
    );
    eq(m.gaps.fallenOutOfForums.edges.map((e: any) => [e.node.organisation.name, e.node.lastSeatEndedOn]), [['Butikken', '2026-05-01']]);
    // The JSON graph holds the same nodes and edges.
    assert.equal(m.graph.nodes.length, 6 + 2 + 4);
    assert.equal(m.graph.edges.length, 15);
    assert.equal(m.graph.options.type, 'undirected');
  });

  const WHOM_Q = 'query($p: ID!) { whomToContact(partnershipId: $p, topic: "x") { totalCount } }';

  it('is scoped: other partnerships\' people and anonymous callers get nothing', async () => {
    const outsider = await Client.create(db.ds, { principal: person(w.outsider.id) });
    try {
      await outsider.fails(MAP, { p: w.p.id }, 'NOT_FOUND'); // no role in it: as if it did not exist
      await outsider.fails(WHOM_Q, { p: w.p.id }, 'NOT_FOUND');
      await outsider.fails('query($p: ID!) { overlaps(partnershipId: $p) { totalCount } }', { p: w.p.id }, 'NOT_FOUND');
      await outsider.fails('query($p: ID!) { incidentDashboard(partnershipId: $p) { openCount } }', { p: w.p.id }, 'NOT_FOUND');
      eq(await outsider.ok('{ incidents { totalCount } activities { totalCount } }'), { incidents: { totalCount: 0 }, activities: { totalCount: 0 } });
      await coord.fails(MAP, { p: w.other.id }, 'NOT_FOUND');
      await coord.fails(MAP, { p: w.p.id, asOf: '2026-02-30' }, 'BAD_USER_INPUT');
    } finally {
      await outsider.stop();
    }
    // Integrations: any key of the partnership reads activities and incidents; the map and contacts name
    // organisations and people, so they also need read:directory.
    const key = (scopes: string[]) => Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000001', scopes: scopes as never, partnershipIds: [w.p.id] } });
    const meetingsKey = await key(['read:meetings']);
    const directoryKey = await key(['read:directory']);
    try {
      await meetingsKey.fails(MAP, { p: w.p.id }, 'FORBIDDEN');
      eq((await meetingsKey.ok('{ activities { totalCount } }')).activities.totalCount, 5);
      eq((await directoryKey.ok(MAP, { p: w.p.id })).networkMap.counts.organisations, 6);
      await directoryKey.fails('mutation($a: ID!, $b: ID!) { markOverlapHandled(activityAId: $a, activityBId: $b, note: "x") { key } }', { a: w.a1.id, b: w.a2.id }, 'FORBIDDEN');
    } finally {
      await meetingsKey.stop();
      await directoryKey.stop();
    }
  });

  it('costs a fixed number of statements whatever the number of organisations', async () => {
    db.sql.reset();
    await coord.ok(MAP, { p: w.p.id });
    assert.ok(db.sql.count <= 16, `${db.sql.count} statements:\n${db.sql.statements.join('\n')}`);
  });

  it('serves the graph as GraphML and JSON over HTTP to authenticated readers', async () => {
    const auth = async (h: Record<string, unknown>): Promise<Principal> => (h.authorization === 'Bearer coord' ? person(w.pSek.id) : h.authorization === 'Bearer out' ? person(w.outsider.id) : ANONYMOUS);
    const server: RunningServer = await startServer({ dataSource: db.ds, port: 0, host: '127.0.0.1', authenticate: auth as never, routes: [networkGraphRoute(db.ds, auth as never)], log: () => undefined });
    try {
      const base = server.url.replace('/graphql', '').replace('localhost', '127.0.0.1');
      const get = (path: string, token?: string) => fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const r = await get(`/network/${w.p.id}.graphml?asOf=2026-01-15`, 'coord');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /graphml/);
      const g = parseGraphml(Graph, await r.text());
      assert.equal(g.order, 8);
      assert.equal(g.getNodeAttribute(`organisation:${w.sek.id}`, 'betweenness'), 4);
      const j = await get(`/network/${w.p.id}.json`, 'coord');
      assert.equal(j.status, 200);
      assert.equal(((await j.json()) as any).edges.length, 15);
      assert.equal((await get(`/network/${w.p.id}.graphml`)).status, 401);
      assert.equal((await get(`/network/${w.p.id}.graphml`, 'out')).status, 404);
      assert.equal((await get(`/network/${w.p.id}.graphml?asOf=nope`, 'coord')).status, 400);
      assert.equal((await get(`/network/nothing.graphml`, 'coord')).status, 404);
    } finally {
      await server.stop();
    }
  });

  // ------------------------------------------------------------------------------ whom to contact

  const WHOM = `query($p: ID!, $topic: String, $tg: String, $area: String) { whomToContact(partnershipId: $p, topic: $topic, targetGroup: $tg, area: $area, first: 50) {
    totalCount edges { cursor node { score isContact role person { name } organisation { name } reasons { kind weight text activity { name } forum { name } } } } } }`;
  const names = (d: any) => d.whomToContact.edges.map((e: any) => `${e.node.person.name} (${e.node.score})`);

  it('ranks current contacts for a topic with their reasons; ended affiliations never appear', async () => {
    const d = await coord.ok(WHOM, { p: w.p.id, topic: 'lektiehjælp' });
    // Lise: leads the homework café (5) + her organisation's topic (4) + contact person (1).
    // Sofie: her school leads "Lektiehjælp på skolen" (5) and refers to the café (3) + contact person (1).
    // Simon: his role is "Lektiehjælper" (3). Lars was a homework helper until January: not current.
    eq(names(d), ['Lise Lektie (10)', 'Sofie Skole (9)', 'Simon Lektiehjælper (3)']);
    const lise = d.whomToContact.edges[0].node;
    eq(lise.reasons.map((r: any) => r.kind), ['LEADS_ACTIVITY', 'ORGANISATION_TOPIC']);
    assert.equal(lise.reasons[0].activity.name, 'Lektiecafé');
    // Pages follow the ranking.
    const first = await coord.ok(WHOM.replace('first: 50', 'first: 1'), { p: w.p.id, topic: 'lektiehjælp' });
    const next = await coord.ok(WHOM.replace('first: 50', `first: 2, after: "${first.whomToContact.edges[0].cursor}"`), { p: w.p.id, topic: 'lektiehjælp' });
    eq([...names(first), ...names(next)], names(d));
  });

  it('finds contacts by target group and area through the activities running now, and forum seats only while they last', async () => {
    const d = await coord.ok(WHOM, { p: w.p.id, tg: 'beboere', area: 'tingbjerg' });
    // Sekretariatet leads the safety walk; Boligselskabet leads the night watch and walks; Politiet walks.
    // The shop's old activity ended in 2025. Søren is affiliated but neither contact person nor seated.
    eq(names(d), ['Hanne Bolig (9)', 'Sara Sekretær (6)', 'Bo Betjent (4)']);
    const seats = await coord.ok(WHOM, { p: w.p.id, topic: 'vagtplaner' });
    // The mandate of Driftsmødet mentions vagtplaner: its chair (3) and member (2); the shop's seat has ended.
    eq(names(seats), ['Sara Sekretær (4)', 'Hanne Bolig (3)']);
    assert.equal(seats.whomToContact.edges[0].node.reasons[0].forum.name, 'Driftsmødet');
    await coord.fails(WHOM, { p: w.p.id }, 'BAD_USER_INPUT');
  });

  // ------------------------------------------------------------------------------ activities

  const CREATE = 'mutation($input: CreateActivityInput!) { createActivity(input: $input) { id version status name topics participants { edges { node { role organisation { name } } } } leadOrganisation { name } forum { name } } }';

  it('creates, updates and ends activities with their rules; members cannot; refusals write nothing', async () => {
    const base = { partnershipId: w.p.id, name: 'Fodboldskole', leadOrganisationId: w.school.id, targetGroup: 'Børn 7–12 år', area: 'Husum', startsOn: '2026-07-01', forumId: w.f2.id, topics: ['Idræt', 'idræt '] };
    const before = await snapshot(db.ds);
    await member.fails(CREATE, { input: base }, 'FORBIDDEN');
    const e1 = await coord.fails(CREATE, { input: { ...base, forumId: w.g1.id } }, 'BAD_USER_INPUT');
    assert.equal(e1.extensions!.field, 'forumId');
    const e2 = await coord.fails(CREATE, { input: { ...base, participants: [{ organisationId: w.school.id, role: 'PARTNER' }] } }, 'BAD_USER_INPUT');
    assert.equal(e2.extensions!.field, 'participants.0.organisationId');
    const e3 = await coord.fails(CREATE, { input: { ...base, endsOn: '2026-06-01' } }, 'BAD_USER_INPUT');
    assert.equal(e3.extensions!.field, 'endsOn');
    eq(await snapshot(db.ds), before);

    const a = (await coord.ok(CREATE, { input: { ...base, participants: [{ organisationId: w.lektie.id, role: 'CONTRIBUTOR' }] } })).createActivity;
    assert.equal(a.status, 'PLANNED'); // starts after today
    eq(a.topics, ['idræt']);
    eq(a.participants.edges.map((e: any) => [e.node.role, e.node.organisation.name]), [['CONTRIBUTOR', 'Lektiecaféen']]);
    const UPDATE = 'mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { version status participants { edges { node { role organisation { name } } } } } }';
    const u = (await coord.ok(UPDATE, { id: a.id, input: { status: 'ACTIVE', participants: [{ organisationId: w.police.id, role: 'PARTNER' }, { organisationId: w.housing.id, role: 'FUNDER' }], version: a.version } })).updateActivity;
    eq(u.participants.edges.map((e: any) => e.node.organisation.name).sort(), ['Boligselskabet', 'Politiet']);
    await coord.fails(UPDATE, { id: a.id, input: { name: 'X', version: a.version } }, 'CONFLICT');
    const END = 'mutation($id: ID!) { endActivity(id: $id, endsOn: "2026-08-31", reason: "Sæsonen er slut") { status endsOn endReason } }';
    eq((await coord.ok(END, { id: a.id })).endActivity, { status: 'ENDED', endsOn: '2026-08-31', endReason: 'Sæsonen er slut' });
    await coord.fails(UPDATE, { id: a.id, input: { name: 'Igen' } }, 'CONFLICT');
    await coord.fails(END, { id: a.id }, 'CONFLICT');

    const list = await member.ok(
      `query($o: ID!) { activities(filter: { organisationId: $o }) { totalCount edges { node { name } } } organisation(id: $o) { activities { totalCount } } }`,
      { o: w.police.id },
    );
    eq(list.activities.edges.map((e: any) => e.node.name), ['Fodboldskole', 'Tryghedsvandring']);
    assert.equal(list.organisation.activities.totalCount, 2);
    const forum = await member.ok(`query($f: ID!) { forum(id: $f) { activities { edges { node { name } } } } }`, { f: w.f1.id });
    eq(forum.forum.activities.edges.map((e: any) => e.node.name), ['Lektiecafé']);
    const search = await observer.ok(`{ activities(filter: { area: "TINGBJERG", targetGroup: "beboere", runningOn: "2026-06-15" }) { edges { node { name } } } }`);
    eq(search.activities.edges.map((e: any) => e.node.name), ['Nattevagt', 'Tryghedsvandring']);
  });

  // ------------------------------------------------------------------------------ overlaps

  const OVERLAPS = `query($p: ID!, $handled: Boolean) { overlaps(partnershipId: $p, handled: $handled) { totalCount edges { node { key area targetGroup overlapFrom overlapTo handled note handledBy { name } activityA { name } activityB { name } } } } }`;

  it('flags uncoordinated overlaps only, and coordinators mark them handled with a note', async () => {
    const d = await member.ok(OVERLAPS, { p: w.p.id });
    // Lektiecafé and Lektiehjælp på skolen: same target group and area (case and spaces aside), overlapping
    // periods, leads sharing no forum. Tryghedsvandring and Nattevagt overlap too, but their leads both sit in
    // Driftsmødet; the shop's activity ended in 2025.
    assert.equal(d.overlaps.totalCount, 1);
    const f = d.overlaps.edges[0].node;
    eq([f.activityA.name, f.activityB.name].sort(), ['Lektiecafé', 'Lektiehjælp på skolen']);
    assert.equal(f.overlapFrom, '2026-04-01');
    assert.equal(f.overlapTo, null);
    assert.equal(f.handled, false);
    const MARK = 'mutation($a: ID!, $b: ID!, $note: String!) { markOverlapHandled(activityAId: $a, activityBId: $b, note: $note) { key handled note handledAt handledBy { name } } }';
    await member.fails(MARK, { a: w.a1.id, b: w.a2.id, note: 'Aftalt' }, 'FORBIDDEN');
    await coord.fails(MARK, { a: w.a3.id, b: w.a4.id, note: 'Aftalt' }, 'CONFLICT');
    const e = await coord.fails(MARK, { a: w.a1.id, b: w.a2.id, note: '  ' }, 'BAD_USER_INPUT');
    assert.equal(e.extensions!.field, 'note');
    const h = (await coord.ok(MARK, { a: w.a2.id, b: w.a1.id, note: 'Skolen og caféen deler ugedagene imellem sig.' })).markOverlapHandled;
    assert.equal(h.key, f.key);
    eq([h.handled, h.note, h.handledBy.name], [true, 'Skolen og caféen deler ugedagene imellem sig.', 'Sara Sekretær']);
    assert.equal((await coord.ok(OVERLAPS, { p: w.p.id, handled: false })).overlaps.totalCount, 0);
    assert.equal((await coord.ok(OVERLAPS, { p: w.p.id, handled: true })).overlaps.edges[0].node.note, 'Skolen og caféen deler ugedagene imellem sig.');
    await coord.fails(MARK, { a: w.a1.id, b: w.a2.id, note: 'Igen' }, 'CONFLICT');
  });

  // ------------------------------------------------------------------------------ incidents

  it('takes an incident from registration to an extraordinary meeting with agenda and assigned actions, through the API alone', async () => {
    const t0 = NOW.getTime() + 3600_000;
    clock = t0;
    const REGISTER = 'mutation($input: RegisterIncidentInput!) { registerIncident(input: $input) { id version status kind area registeredAt registeredBy { name } } }';
    const input = { partnershipId: w.p.id, kind: 'SHOOTING', occurredAt: new Date(t0 - 2 * 3600_000).toISOString(), area: 'Ruten, Tingbjerg', summary: 'Skud affyret ved Ruten. Ingen tilskadekomne.' };
    const cpr = await member.fails(REGISTER, { input: { ...input, summary: 'Skud mod beboer 010190-1234 ved Ruten.' } }, 'BAD_USER_INPUT');
    assert.equal(cpr.extensions!.field, 'summary');
    await observer.fails(REGISTER, { input }, 'FORBIDDEN');
    await member.fails(REGISTER, { input: { ...input, occurredAt: new Date(t0 + 3600_000).toISOString() } }, 'BAD_USER_INPUT');
    // A member of the partnership (here the police) registers it.
    const inc = (await member.ok(REGISTER, { input })).registerIncident;
    eq([inc.status, inc.registeredBy.name], ['ACTIVE', 'Bo Betjent']);

    const proposed = (await coord.ok(
      `query($id: ID!) { incident(id: $id) { proposedActors(first: 10) { edges { node { score reasons organisation { name } contacts { edges { node { name } } } } } } } }`,
      { id: inc.id },
    )).incident.proposedActors.edges.map((e: any) => e.node);
    assert.equal(proposed[0].organisation.name, 'Politiet');
    eq(proposed[0].contacts.edges.map((e: any) => e.node.name), ['Bo Betjent']);
    assert.ok(proposed.some((p: any) => p.organisation.name === 'Boligselskabet'));
    for (const p of proposed) assert.ok(!p.contacts.edges.some((e: any) => e.node.name === 'Lars Tidligere'));

    clock = t0 + 10 * 60_000;
    const CONVENE = 'mutation($input: ConveneIncidentMeetingInput!) { conveneIncidentMeeting(input: $input) { id kind startsAt forum { name } agendaItems { edges { node { id position title kind } } } } }';
    const before = await snapshot(db.ds);
    await member.fails(CONVENE, { input: { incidentId: inc.id, forumId: w.f2.id } }, 'FORBIDDEN');
    const late = await coord.fails(CONVENE, { input: { incidentId: inc.id, forumId: w.f2.id, startsAt: new Date(clock + 100 * 3600_000).toISOString() } }, 'BAD_USER_INPUT');
    assert.equal(late.extensions!.field, 'startsAt');
    const wrong = await coord.fails(CONVENE, { input: { incidentId: inc.id, forumId: w.g1.id } }, 'BAD_USER_INPUT');
    assert.equal(wrong.extensions!.field, 'forumId');
    eq(await snapshot(db.ds), before, 'refused mutations write nothing');
    const meeting = (await coord.ok(CONVENE, { input: { incidentId: inc.id, forumId: w.f2.id, organisationIds: [w.police.id, w.housing.id] } })).conveneIncidentMeeting;
    assert.equal(meeting.kind, 'EXTRAORDINARY');
    const hours = (Date.parse(meeting.startsAt) - clock) / 3600_000;
    assert.ok(hours >= 2 && hours <= 2.25, `within hours: ${hours}`);
    eq(meeting.agendaItems.edges.map((e: any) => e.node.title), ['Hvad er der sket?', 'Hvem gør hvad?', 'Skal vi sætte noget ekstra i gang?']);

    clock = t0 + 40 * 60_000;
    const ASSIGN = 'mutation($input: AssignIncidentActionsInput!) { assignIncidentActions(input: $input) { id title dueDate status origin agendaItem { title } assigneeOrganisation { name } assigneePerson { name } meeting { id } } }';
    const far = await coord.fails(ASSIGN, { input: { incidentId: inc.id, actions: [{ title: 'Vandring', assigneeOrganisationId: w.sek.id, dueDate: '2026-07-30' }] } }, 'BAD_USER_INPUT');
    assert.equal(far.extensions!.field, 'actions.0.dueDate');
    const notAff = await coord.fails(ASSIGN, { input: { incidentId: inc.id, actions: [{ title: 'Ok', assigneeOrganisationId: w.sek.id }, { title: 'Patrulje', assigneeOrganisationId: w.police.id, assigneePersonId: w.pHousing.id }] } }, 'BAD_USER_INPUT');
    assert.equal(notAff.extensions!.field, 'actions.1.assigneePersonId');
    const actions = (await coord.ok(ASSIGN, {
      input: {
        incidentId: inc.id,
        actions: [
          { title: 'Øget patruljering på Ruten i 72 timer', assigneeOrganisationId: w.police.id, assigneePersonId: w.pPolice.id },
          { title: 'Fælles tryghedsvandring i morgen kl. 17', assigneeOrganisationId: w.sek.id, dueDate: '2026-06-16' },
        ],
      },
    })).assignIncidentActions;
    eq(actions.map((a: any) => [a.dueDate, a.origin, a.agendaItem.title, a.meeting.id]), [
      ['2026-06-16', 'AGENDA_ITEM', 'Hvem gør hvad?', meeting.id],
      ['2026-06-16', 'AGENDA_ITEM', 'Hvem gør hvad?', meeting.id],
    ]);

    const dash = (await coord.ok(`query($p: ID!) { incidentDashboard(partnershipId: $p) { openCount withoutActionCount openActionItemCount overdueActionItemCount medianMinutesToFirstAction openIncidents { edges { node { id minutesToFirstAction firstActionAt actionItems(open: true) { totalCount } } } } } }`, { p: w.p.id })).incidentDashboard;
    eq(
      { ...dash, openIncidents: dash.openIncidents.edges.map((e: any) => e.node) },
      {
        openCount: 1,
        withoutActionCount: 0,
        openActionItemCount: 2,
        overdueActionItemCount: 0,
        medianMinutesToFirstAction: 40,
        openIncidents: [{ id: inc.id, minutesToFirstAction: 40, firstActionAt: new Date(t0 + 40 * 60_000).toISOString(), actionItems: { totalCount: 2 } }],
      },
    );

    clock = t0 + 26 * 3600_000;
    const UPDATE = 'mutation($id: ID!, $text: String!) { addIncidentUpdate(incidentId: $id, text: $text) { kind text actor { name } } }';
    assert.equal((await member.fails(UPDATE, { id: inc.id, text: 'Mistænkt: 2404851234' }, 'BAD_USER_INPUT')).extensions!.field, 'text');
    await member.ok(UPDATE, { id: inc.id, text: 'Rolig nat. Vandringen havde 30 deltagere.' });
    const STATUS = 'mutation($id: ID!, $s: IncidentStatus!, $c: String) { changeIncidentStatus(id: $id, status: $s, comment: $c) { status closedAt } }';
    await member.fails(STATUS, { id: inc.id, s: 'CLOSED' }, 'FORBIDDEN');
    await coord.ok(STATUS, { id: inc.id, s: 'STABILISED', c: 'Roligt i området' });
    clock = t0 + 72 * 3600_000;
    const closed = (await coord.ok(STATUS, { id: inc.id, s: 'CLOSED' })).changeIncidentStatus;
    assert.equal(closed.closedAt, new Date(clock).toISOString());
    await coord.fails(STATUS, { id: inc.id, s: 'STABILISED' }, 'CONFLICT');
    assert.equal((await coord.fails(STATUS, { id: inc.id, s: 'ACTIVE' }, 'BAD_USER_INPUT')).extensions!.field, 'comment');
    await coord.fails(ASSIGN, { input: { incidentId: inc.id, actions: [{ title: 'For sent', assigneeOrganisationId: w.sek.id }] } }, 'CONFLICT');

    const tl = (await observer.ok(`query($id: ID!) { incident(id: $id) { status involvedOrganisations { edges { node { name } } } timeline { totalCount edges { node { kind text fromStatus toStatus actor { name } meeting { id } } } } } }`, { id: inc.id })).incident;
    eq(tl.timeline.edges.map((e: any) => e.node.kind), ['REGISTERED', 'MEETING_CONVENED', 'ACTION_ASSIGNED', 'ACTION_ASSIGNED', 'NOTE', 'STATUS_CHANGED', 'STATUS_CHANGED']);
    eq(tl.involvedOrganisations.edges.map((e: any) => e.node.name).sort(), ['Boligselskabet', 'Politiet']);
    assert.equal(tl.timeline.edges[1].node.meeting, null, 'the observer has no seat in Driftsmødet: the meeting is hidden from them');
    assert.equal(tl.timeline.edges[6].node.toStatus, 'CLOSED');
    const dash2 = (await coord.ok(`query($p: ID!) { incidentDashboard(partnershipId: $p) { openCount openActionItemCount } }`, { p: w.p.id })).incidentDashboard;
    eq(dash2, { openCount: 0, openActionItemCount: 0 });
    await assert.rejects(db.ds.query(`UPDATE incident_update SET text = 'x'`), /append-only/);
    await assert.rejects(db.ds.query(`DELETE FROM incident_update`), /append-only/);
  });
});
