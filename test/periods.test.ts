import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client, snapshot } from './support/gql';
import { NOW, world } from './support/factory';
import { localDate } from '../src/context';

describe('periods and responsibilities over time', () => {
  let db: TestDb;
  let c: Client;
  let w: Awaited<ReturnType<typeof world>>;
  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    c = await Client.create(db.ds, { now: () => NOW });
  });
  after(async () => {
    await c.stop();
    await db.close();
  });

  const ADD_AFFILIATION = `mutation($input: AddAffiliationInput!) { addAffiliation(input: $input) { id } }`;

  it('refuses an affiliation overlapping an existing one of the same person and organisation', async () => {
    const before = await snapshot(db.ds);
    const e = await c.fails(ADD_AFFILIATION, { input: { personId: w.anna.id, organisationId: w.unit.id, startsOn: '2026-01-01' } }, 'CONFLICT');
    assert.equal(e.extensions?.reason, 'OVERLAPPING_PERIOD');
    assert.deepEqual(await snapshot(db.ds), before);
    // A second affiliation with another organisation is fine.
    await c.ok(ADD_AFFILIATION, { input: { personId: w.anna.id, organisationId: w.school.id, startsOn: '2026-01-01' } });
  });

  it('refuses overlapping memberships of the same organisation in a partnership', async () => {
    const before = await snapshot(db.ds);
    await c.fails(
      `mutation($input: AddPartnershipMemberInput!) { addPartnershipMember(input: $input) { id } }`,
      { input: { partnershipId: w.partnership.id, organisationId: w.police.id, role: 'LEAD', startsOn: '2026-03-01' } },
      'CONFLICT',
    );
    assert.deepEqual(await snapshot(db.ds), before);
  });

  it('refuses a second seat for the same person, forum and organisation in the same period', async () => {
    await c.fails(
      `mutation($input: AddForumMemberInput!) { addForumMember(input: $input) { id } }`,
      { input: { forumId: w.forum.id, personId: w.anna.id, organisationId: w.unit.id, role: 'MEMBER', startsOn: '2026-02-01' } },
      'CONFLICT',
    );
  });

  it('ending an affiliation ends the seats held for that organisation and hands open actions back to the organisation', async () => {
    const held = await c.ok(`mutation($item: ID!, $org: ID!, $p: ID!) {
      a: createActionItem(input: { title: "Indkalde til tryghedsvandring", agendaItemId: $item, assigneeOrganisationId: $org, assigneePersonId: $p, dueDate: "2026-08-01" }) { id }
    }`, { item: w.item.id, org: w.unit.id, p: w.anna.id });
    const affiliation = await c.ok(`query($p: ID!) { person(id: $p) { affiliations { edges { node { id organisation { id } } } } } }`, { p: w.anna.id });
    const affId = affiliation.person.affiliations.edges.find((e: any) => e.node.organisation.id === w.unit.id).node.id;
    await c.ok(`mutation($id: ID!) { updateAffiliation(id: $id, input: { endsOn: "2026-06-01" }) { endsOn } }`, { id: affId });

    const forum = await c.ok(`query($f: ID!) { forum(id: $f) { current: members { totalCount } all: members(includeEnded: true) { edges { node { endsOn person { name } } } } } }`, { f: w.forum.id });
    assert.equal(forum.forum.current.totalCount, 0);
    assert.equal(forum.forum.all.edges[0].node.endsOn, '2026-06-01');

    const item = await c.ok(`query($id: ID!) { actionItem(id: $id) { assigneePerson { name } assigneeOrganisation { name }
      history { edges { node { kind fromValue toValue comment } } } } }`, { id: held.a.id });
    assert.equal(item.actionItem.assigneePerson, null);
    assert.equal(item.actionItem.assigneeOrganisation.name, 'SSP København');
    const last = item.actionItem.history.edges.at(-1).node;
    assert.equal(last.kind, 'REASSIGNED');
    assert.match(last.comment, /affiliation .* ended on 2026-06-01/);
  });

  it('refuses actions from a superseded decision and decisions under a deferred agenda item', async () => {
    const d1 = await c.ok(`mutation($i: ID!) { recordDecision(input: { agendaItemId: $i, text: "Første beslutning" }) { id } }`, { i: w.item.id });
    await c.ok(`mutation($id: ID!, $i: ID!) { supersedeDecision(id: $id, input: { agendaItemId: $i, text: "Ny beslutning" }) { id } }`, { id: d1.recordDecision.id, i: w.item.id });
    const before = await snapshot(db.ds);
    const e = await c.fails(
      `mutation($d: ID!, $o: ID!) { createActionItem(input: { title: "x", decisionId: $d, assigneeOrganisationId: $o, dueDate: "2026-08-01" }) { id } }`,
      { d: d1.recordDecision.id, o: w.police.id },
      'CONFLICT',
    );
    assert.equal(e.extensions?.field, 'decisionId');
    const item2 = await c.ok(`mutation($m: ID!) { addAgendaItem(input: { meetingId: $m, title: "Udskudt punkt", kind: DISCUSSION }) { id } }`, { m: w.meeting.id });
    await c.ok(`mutation($id: ID!) { deferAgendaItem(id: $id) { status } }`, { id: item2.addAgendaItem.id });
    const mid = await snapshot(db.ds);
    await c.fails(`mutation($i: ID!) { recordDecision(input: { agendaItemId: $i, text: "Nej" }) { id } }`, { i: item2.addAgendaItem.id }, 'CONFLICT');
    assert.deepEqual(await snapshot(db.ds), mid);
    assert.notDeepEqual(before, mid);
  });
});

describe('the local date', () => {
  it('changes at local midnight, whatever the order of the times asked (whole-hour and 45-minute offsets)', () => {
    const cases: [string, string, string][] = [
      ['2026-06-14T21:59:59.999Z', 'Europe/Copenhagen', '2026-06-14'],
      ['2026-06-14T22:00:00.000Z', 'Europe/Copenhagen', '2026-06-15'],
      ['2026-12-31T22:59:59.000Z', 'Europe/Copenhagen', '2026-12-31'],
      ['2026-12-31T23:00:00.000Z', 'Europe/Copenhagen', '2027-01-01'],
      ['2026-06-14T18:14:59.000Z', 'Asia/Kathmandu', '2026-06-14'],
      ['2026-06-14T18:15:00.000Z', 'Asia/Kathmandu', '2026-06-15'],
    ];
    // Forwards, backwards and interleaved: a remembered answer never serves another minute or zone.
    for (const order of [cases, [...cases].reverse(), [cases[1], cases[4], cases[0], cases[5], cases[3], cases[2]]]) {
      for (const [at, zone, day] of order) assert.equal(localDate(new Date(at), zone), day, `${at} in ${zone}`);
    }
    assert.throws(() => localDate(new Date('nonsense'), 'Europe/Copenhagen'), RangeError);
  });
});
