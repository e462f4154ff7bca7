/**
 * The judged criteria of the network issue, on the demo partnership, over GraphQL as the demo's coordinator:
 * counts equal the data, centrality matches a second computation on the exported GraphML, the gaps are
 * real organisations, whom-to-contact returns current contacts with reasons, overlaps are flagged only
 * between uncoordinated activities, and the demo incidents are on the dashboard with their timelines.
 * Registered inside test/demo.test.ts, which loads the demo once.
 */
import assert from 'node:assert/strict';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { TestDb } from './db';
import { Client } from './gql';
import { brandes } from './brandes';
import { DemoResult } from '../../src/seed/demo';

const CURRENT = (a: string) => `${a}.starts_on <= current_date AND (${a}.ends_on IS NULL OR ${a}.ends_on >= current_date)`;

export function networkDemoChecks(getDb: () => TestDb, getDemo: () => DemoResult) {
describe('network, contacts, overlaps and incidents on the demo partnership', function () {
  this.timeout(60_000);
  let db: TestDb;
  let demo: DemoResult;
  let gql: Client;
  let map: any;

  before(async () => {
    db = getDb();
    demo = getDemo();
    gql = await Client.create(db.ds, { principal: { kind: 'person', personId: demo.coordinatorId, via: 'dev' } });
    map = (
      await gql.ok(
        `query($p: ID!) { networkMap(partnershipId: $p) {
           asOf counts { organisations forums activities memberships seats participations reportingLines edges organisationsInForums organisationsInActivities }
           organisations(first: 100) { totalCount edges { node { graphNodeId degree betweenness betweennessNormalized bridgesStrategicAndOperational forumCount activityCount organisation { id name } } } }
           gaps {
             activeWithoutForum(first: 100) { edges { node { id name } } }
             forumsWithoutActivityOrganisations { edges { node { forum { id name } activities { edges { node { id name } } } } } }
             fallenOutOfForums { edges { node { lastSeatEndedOn organisation { id name } forums { edges { node { name } } } } } }
           }
           graph graphml } }`,
        { p: demo.partnershipId },
      )
    ).networkMap;
  });
  after(async () => {
    await gql?.stop();
  });

  const one = async (sql: string, params: unknown[] = []) => (await db.ds.query(sql, params))[0];

  it('counts what the data holds: 60 organisations, 37 activities, 7 forums, and their connections', async () => {
    assert.equal(map.counts.organisations, 60);
    assert.equal(map.counts.activities, 37);
    assert.equal(map.counts.forums, 7);
    const p = [demo.partnershipId];
    assert.equal((await one('SELECT count(*)::int AS n FROM organisation')).n, 60);
    assert.equal((await one('SELECT count(*)::int AS n FROM joint_activity WHERE partnership_id = $1', p)).n, 37);
    const seats = await one(
      `SELECT count(*)::int AS seats, count(DISTINCT (fm.forum_id, fm.organisation_id))::int AS memberships, count(DISTINCT fm.organisation_id)::int AS orgs
         FROM forum_member fm JOIN forum f ON f.id = fm.forum_id WHERE f.partnership_id = $1 AND ${CURRENT('fm')}`,
      p,
    );
    assert.equal(map.counts.seats, seats.seats);
    assert.equal(map.counts.memberships, seats.memberships);
    assert.equal(map.counts.organisationsInForums, seats.orgs);
    const part = await one(`SELECT count(*)::int AS n FROM activity_participant ap JOIN joint_activity ja ON ja.id = ap.activity_id WHERE ja.partnership_id = $1`, p);
    assert.equal(map.counts.participations, 37 + part.n);
    assert.equal(map.counts.reportingLines, (await one('SELECT count(*)::int AS n FROM joint_activity WHERE partnership_id = $1 AND forum_id IS NOT NULL', p)).n);
    assert.equal(map.counts.edges, map.counts.memberships + map.counts.participations + map.counts.reportingLines);
    assert.equal(map.organisations.totalCount, 60);
  });

  it("centrality values match a second computation on the exported GraphML (and the graph JSON is the same graph)", () => {
    const g = parseGraphml(Graph, map.graphml);
    assert.equal(g.order, 60 + 37 + 7);
    assert.equal(g.size, map.counts.edges);
    assert.equal(g.type, 'undirected');
    const nodes = g.nodes();
    const edges = g.mapEdges((_e, _a, s, t) => [s, t] as [string, string]);
    const second = brandes(nodes, edges);
    const n = nodes.length;
    for (const e of map.organisations.edges) {
      const o = e.node;
      const ref = second.get(o.graphNodeId)!;
      assert.ok(Math.abs(o.betweenness - ref) < 1e-6, `${o.organisation.name}: ${o.betweenness} vs ${ref}`);
      assert.ok(Math.abs(o.betweennessNormalized - (2 * ref) / ((n - 1) * (n - 2))) < 1e-9);
      assert.ok(Math.abs(g.getNodeAttribute(o.graphNodeId, 'betweenness') - ref) < 1e-6, 'the GraphML carries the same value');
      assert.equal(g.degree(o.graphNodeId), o.degree);
      assert.equal(o.degree, o.forumCount + o.activityCount);
    }
    // Highest betweenness first.
    const values = map.organisations.edges.map((e: any) => e.node.betweenness);
    assert.deepEqual(values, [...values].sort((a: number, b: number) => b - a));
    assert.ok(values[0] > 0);
    // The JSON graph: graphology's serialisation of the same nodes and edges.
    assert.equal(map.graph.nodes.length, g.order);
    assert.equal(map.graph.edges.length, g.size);
    // Bridges: the secretariat sits in the steering group (strategic) and the acute group (operational).
    const sek = map.organisations.edges.find((e: any) => e.node.organisation.name.startsWith('Sekretariatet'));
    assert.equal(sek.node.bridgesStrategicAndOperational, true);
  });

  it('lists gaps that are real organisations of the data', async () => {
    const p = demo.partnershipId;
    const active = map.gaps.activeWithoutForum.edges.map((e: any) => e.node);
    assert.ok(active.length >= 5);
    assert.ok(active.some((o: any) => o.name === 'Tingbjerg Apotek'), 'the pharmacy left the partnership and its forums but still takes part in an activity');
    for (const o of active) {
      const r = await one(
        `SELECT EXISTS (SELECT 1 FROM joint_activity ja WHERE ja.partnership_id = $1 AND ${CURRENT('ja')} AND (ja.lead_organisation_id = $2
                  OR EXISTS (SELECT 1 FROM activity_participant ap WHERE ap.activity_id = ja.id AND ap.organisation_id = $2))) AS active,
                EXISTS (SELECT 1 FROM forum_member fm JOIN forum f ON f.id = fm.forum_id WHERE f.partnership_id = $1 AND fm.organisation_id = $2 AND ${CURRENT('fm')}) AS seated`,
        [p, o.id],
      );
      assert.deepEqual(r, { active: true, seated: false }, o.name);
    }
    const forumGaps = map.gaps.forumsWithoutActivityOrganisations.edges.map((e: any) => e.node);
    assert.ok(forumGaps.some((f: any) => f.forum.name.startsWith('Styregruppen') && f.activities.edges.some((a: any) => a.node.name === 'Tryghedsmåling Tingbjerg-Husum')));
    for (const f of forumGaps) {
      for (const { node: a } of f.activities.edges) {
        const r = await one(
          `SELECT ja.forum_id = $2 AS reports, EXISTS (SELECT 1 FROM forum_member fm WHERE fm.forum_id = $2 AND ${CURRENT('fm')}
                    AND (fm.organisation_id = ja.lead_organisation_id OR fm.organisation_id IN (SELECT organisation_id FROM activity_participant WHERE activity_id = ja.id))) AS present
             FROM joint_activity ja WHERE ja.id = $1`,
          [a.id, f.forum.id],
        );
        assert.deepEqual(r, { reports: true, present: false }, `${f.forum.name} / ${a.name}`);
      }
    }
    const fallen = map.gaps.fallenOutOfForums.edges.map((e: any) => e.node);
    assert.deepEqual(fallen.map((f: any) => f.organisation.name).sort(), ['Handelsforeningen Ruten', 'Securitas – vagtordning Tingbjerg']);
    for (const f of fallen) {
      const r = await one(
        `SELECT max(fm.ends_on)::text AS last, bool_or(${CURRENT('fm')}) AS seated FROM forum_member fm JOIN forum x ON x.id = fm.forum_id WHERE x.partnership_id = $1 AND fm.organisation_id = $2`,
        [p, f.organisation.id],
      );
      assert.deepEqual(r, { last: f.lastSeatEndedOn, seated: false });
      assert.deepEqual(f.forums.edges.map((e: any) => e.node.name), ['Driftsmøde tryghed']);
    }
  });

  it('a network map as of an earlier date holds what ran and who sat then', async () => {
    const d = await gql.ok(`query($p: ID!) { networkMap(partnershipId: $p, asOf: "2026-01-01") { counts { activities } gaps { fallenOutOfForums { totalCount } } } }`, { p: demo.partnershipId });
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM joint_activity WHERE partnership_id = $1 AND starts_on <= '2026-01-01' AND (ends_on IS NULL OR ends_on >= '2026-01-01')`, [demo.partnershipId]);
    assert.equal(d.networkMap.counts.activities, n);
  });

  it('whom to contact for a topic returns current contacts, ranked, with reasons', async () => {
    const d = await gql.ok(
      `query($p: ID!) { whomToContact(partnershipId: $p, topic: "lektiehjælp", first: 10) { totalCount edges { node { score isContact role person { id name email } organisation { id name } reasons { kind text weight activity { name } } } } } }`,
      { p: demo.partnershipId },
    );
    const list = d.whomToContact.edges.map((e: any) => e.node);
    assert.ok(list.length >= 3);
    assert.equal(list[0].organisation.name, 'Ungdommens Røde Kors – Lektiecafé Tingbjerg');
    assert.ok(list[0].reasons.some((r: any) => r.kind === 'LEADS_ACTIVITY' && r.activity.name === 'Lektiecafé Tingbjerg'));
    const scores = list.map((c: any) => c.score);
    assert.deepEqual(scores, [...scores].sort((a: number, b: number) => b - a));
    for (const c of list) {
      assert.ok(c.reasons.length > 0);
      const r = await one(`SELECT count(*)::int AS n FROM affiliation af WHERE af.person_id = $1 AND af.organisation_id = $2 AND ${CURRENT('af')}`, [c.person.id, c.organisation.id]);
      assert.equal(r.n, 1, `${c.person.name} is affiliated with ${c.organisation.name} today`);
    }
  });

  it('flags an overlap between two uncoordinated activities, not one within a shared forum', async () => {
    const d = await gql.ok(`query($p: ID!) { overlaps(partnershipId: $p, first: 100) { totalCount edges { node { key area targetGroup handled activityA { name } activityB { name } } } } }`, {
      p: demo.partnershipId,
    });
    const pairs = d.overlaps.edges.map((e: any) => [e.node.activityA.name, e.node.activityB.name].sort().join(' / '));
    assert.ok(pairs.includes('Lektiecafé Husum / Lektiehjælp på Husum Skole'), pairs.join('\n'));
    // Same area, target group and time, but the library and the Red Cross both sit in the network meeting.
    assert.ok(!pairs.includes('Lektiecafé Tingbjerg / Lektiehjælp i biblioteket'));
    const [both] = await db.ds.query(`SELECT count(*)::int AS n FROM joint_activity WHERE name IN ('Lektiecafé Tingbjerg', 'Lektiehjælp i biblioteket') AND area = 'Tingbjerg' AND target_group = 'Skolebørn 6–12 år'`);
    assert.equal(both.n, 2);
  });

  it('shows the open incident on the dashboard and the closed one with its whole timeline', async () => {
    const d = await gql.ok(
      `query($p: ID!) {
         incidentDashboard(partnershipId: $p) { openCount withoutActionCount openActionItemCount medianMinutesToFirstAction
           openIncidents { edges { node { kind status area minutesToFirstAction actionItems(open: true) { totalCount } meetings { edges { node { kind agendaItems { edges { node { title } } } } } } } } } }
         incidents(filter: { partnershipId: $p, status: [CLOSED] }) { edges { node { kind status minutesToFirstAction timeline(first: 50) { edges { node { kind text } } } meetings { edges { node { kind title } } } } } } }`,
      { p: demo.partnershipId },
    );
    const dash = d.incidentDashboard;
    assert.equal(dash.openCount, 1);
    assert.equal(dash.openActionItemCount, 4);
    assert.ok(dash.medianMinutesToFirstAction > 0);
    const fire = dash.openIncidents.edges[0].node;
    assert.equal(fire.kind, 'ARSON');
    assert.equal(fire.actionItems.totalCount, 4);
    assert.deepEqual(fire.meetings.edges[0].node.agendaItems.edges.map((e: any) => e.node.title), ['Hvad er der sket?', 'Hvem gør hvad?', 'Skal vi sætte noget ekstra i gang?']);
    const shooting = d.incidents.edges[0].node;
    assert.equal(shooting.kind, 'SHOOTING');
    assert.equal(shooting.meetings.edges[0].node.kind, 'EXTRAORDINARY');
    const kinds = shooting.timeline.edges.map((e: any) => e.node.kind);
    assert.equal(kinds[0], 'REGISTERED');
    assert.equal(kinds[1], 'MEETING_CONVENED');
    assert.ok(kinds.filter((k: string) => k === 'ACTION_ASSIGNED').length >= 3);
    assert.ok(kinds.includes('NOTE'));
    assert.equal(kinds[kinds.length - 1], 'STATUS_CHANGED');
    assert.ok(shooting.minutesToFirstAction > 0);
  });
});
}
