import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { ctxAt, world } from './support/factory';
import { meetingService } from '../src/meeting/meeting.service';
import { agendaService } from '../src/agenda/agenda.service';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { setPrefetch } from '../src/common/prefetch';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { personService } from '../src/person/person.service';
import { randomUUID } from 'node:crypto';
import { ApiScope } from '../src/api-key/api-key.entity';
import { forumService } from '../src/forum/forum.service';
import { ForumLevel } from '../src/forum/forum.entity';
import { partnershipService } from '../src/partnership/partnership.service';

const HISTORY = `query History($forumId: ID!, $first: Int!, $search: String) {
  forum(id: $forumId) {
    name
    meetings(first: $first, filter: { search: $search }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id title startsAt status
        agendaItems { edges { node {
          position title
          decisions { edges { node {
            text status
            actionItems { edges { node { title dueDate status assigneeOrganisation { name } } } }
          } } }
        } } }
      } }
    }
  }
}`;

describe('meeting history', function () {
  this.timeout(120_000);
  let db: TestDb;
  let client: Client;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    const orgs = [w.unit, w.police, w.school, w.dept];
    // 60 earlier meetings of the forum, each with 2 agenda items, a decision and an action item under each.
    for (let i = 0; i < 60; i++) {
      const startsAt = new Date(Date.UTC(2025, 0, 6 + i * 7, 13));
      const ctx = ctxAt(db.ds, new Date(startsAt.getTime() + 3 * 3600_000));
      const m = await meetingService.schedule(ctx, { forumId: w.forum.id, startsAt, title: `Møde nr. ${i + 1}` });
      for (let k = 0; k < 2; k++) {
        const item = await agendaService.add(ctx, m.id, {
          title: k === 0 && i === 7 ? 'Skudepisode ved Ruten: fælles tryghedsvandring' : `Punkt ${k + 1}`,
          kind: AgendaItemKind.DECISION,
        });
        const d = await decisionService.record(ctx, { agendaItemId: item.id, text: `Beslutning ${i}.${k}`, responsibleOrganisationIds: [orgs[(i + k) % 4].id] });
        await actionItemService.create(ctx, {
          title: `Opfølgning ${i}.${k}`,
          decisionId: d.id,
          assigneeOrganisationId: orgs[(i + k) % 4].id,
          dueDate: '2026-01-31',
        });
      }
    }
    client = await Client.create(db.ds);
  });
  after(async () => {
    await client.stop();
    await db.close();
  });

  async function statementsFor(first: number) {
    db.sql.reset();
    const data = await client.ok(HISTORY, { forumId: w.forum.id, first });
    return { count: db.sql.count, data };
  }

  it('issues the same number of SQL statements for 5 meetings as for 50 (no N+1)', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    assert.equal(small.data.forum.meetings.edges.length, 5);
    assert.equal(large.data.forum.meetings.edges.length, 50);
    const firstMeeting = large.data.forum.meetings.edges[10].node;
    assert.equal(firstMeeting.agendaItems.edges.length, 2);
    const action = firstMeeting.agendaItems.edges[0].node.decisions.edges[0].node.actionItems.edges[0].node;
    assert.ok(action.assigneeOrganisation.name.length > 0);
    assert.equal(small.count, large.count, `5 meetings: ${small.count} statements, 50 meetings: ${large.count}`);
    console.log(`      statements per history page: ${large.count}`);
    // The forum, the meetings with everything nested (assignee organisations included), the total count.
    assert.ok(large.count <= 3, `expected 3 statements, got ${large.count}:\n${db.sql.statements.join('\n')}`);
  });

  it('stays constant in statements for a coordinator whose reads are scoped and checked', async () => {
    await accessService.grant(ctxAt(db.ds), { partnershipId: w.partnership.id, personId: w.bo.id, role: AccessRole.COORDINATOR });
    const asCoordinator = await Client.create(db.ds, { principal: { kind: 'person', personId: w.bo.id, via: 'dev' } });
    const counts: number[] = [];
    for (const first of [5, 50]) {
      db.sql.reset();
      const data = await asCoordinator.ok(HISTORY, { forumId: w.forum.id, first });
      assert.equal(data.forum.meetings.edges.length, first);
      counts.push(db.sql.count);
    }
    await asCoordinator.stop();
    console.log(`      statements per history page as a coordinator: ${counts.join(', ')}`);
    assert.equal(counts[0], counts[1]);
    assert.ok(counts[1] <= 20, `${counts[1]} statements`);
  });

  it('returns exactly the same history whether nested lists are prefetched in one statement or fetched per level', async () => {
    const big = HISTORY.replace('agendaItems {', 'agendaItems(first: 1) {').replace('actionItems {', 'actionItems(last: 1) {');
    for (const query of [HISTORY, big]) {
      const withPrefetch = await client.ok(query, { forumId: w.forum.id, first: 30 });
      setPrefetch(false);
      try {
        db.sql.reset();
        const perLevel = await client.ok(query, { forumId: w.forum.id, first: 30 });
        assert.ok(db.sql.count > 4, 'per-level fetching really ran');
        assert.deepEqual(withPrefetch, perLevel);
      } finally {
        setPrefetch(true);
      }
    }
  });

  it('prefetches to-one objects (forum, assignee organisation) with top-level and nested pages, scoped like their loaders', async () => {
    const SEARCH = `query($q: String!) { meetings(first: 10, filter: { search: $q }) {
      totalCount boundedCount { count exact }
      edges { node { title forum { name } agendaItems { edges { node { title actionItems { edges { node { title forum { name } assigneeOrganisation { name } } } } } } } } }
    } }`;
    const HIST = HISTORY.replace('text status', 'text status forum { name }');
    await accessService.grant(ctxAt(db.ds), { partnershipId: w.partnership.id, personId: w.anna.id, role: AccessRole.MEMBER });
    const member = await Client.create(db.ds, { principal: { kind: 'person', personId: w.anna.id, via: 'dev' } });
    try {
      for (const reader of [client, member]) {
        for (const [query, vars] of [
          [SEARCH, { q: 'Opfølgning' }],
          [HIST, { forumId: w.forum.id, first: 10 }],
        ] as const) {
          db.sql.reset();
          const prefetched = await reader.ok(query, vars);
          const withPrefetch = db.sql.count;
          const loads = (table: string) => db.sql.statements.filter((x) => x.includes(`FROM "${table}" t WHERE t.id = `)).length;
          assert.equal(loads('organisation'), 0, 'assignee organisations come with their action items');
          assert.equal(loads('forum'), query === HIST ? 1 : 0, 'forums come with their rows (the history reads its root forum by id)');
          setPrefetch(false);
          try {
            db.sql.reset();
            const perLevel = await reader.ok(query, vars);
            assert.ok(db.sql.count > withPrefetch, `per level: ${db.sql.count}, prefetched: ${withPrefetch}`);
            assert.deepEqual(prefetched, perLevel);
          } finally {
            setPrefetch(true);
          }
        }
      }
      const found = await member.ok(SEARCH, { q: 'Opfølgning' });
      assert.ok(found.meetings.edges.length > 0 && found.meetings.edges[0].node.forum.name.length > 0);
    } finally {
      await member.stop();
    }
  });

  it('reads a forum and its history down to the assignees in one statement, as the per-level resolvers would', async () => {
    // The front end's history page (bench scenario 1): no filter, no counts.
    const PAGE = `query($forumId: ID!) { forum(id: $forumId) { name meetings(first: 10) { edges { node { id title startsAt
      agendaItems { edges { node { id position title decisions { edges { node { id text status
        actionItems { edges { node { id title dueDate status assigneeOrganisation { name } } } } } } } } } } } } } } }`;
    await accessService.grant(ctxAt(db.ds), { partnershipId: w.partnership.id, personId: w.bo.id, role: AccessRole.COORDINATOR });
    const coordinator = await Client.create(db.ds, { principal: { kind: 'person', personId: w.bo.id, via: 'dev' } });
    try {
      for (const reader of [client, coordinator]) {
        db.sql.reset();
        const one = await reader.ok(PAGE, { forumId: w.forum.id });
        const statements = db.sql.statements.filter((x) => !/partnership_access|FROM person|api_key/.test(x));
        assert.equal(statements.length, 1, statements.join('\n'));
        assert.equal(one.forum.meetings.edges.length, 10);
        assert.ok(one.forum.meetings.edges.some((e: any) => e.node.agendaItems.edges[0]?.node.decisions.edges[0]?.node.actionItems.edges[0]?.node.assigneeOrganisation.name));
        setPrefetch(false);
        try {
          assert.deepEqual(await reader.ok(PAGE, { forumId: w.forum.id }), one);
        } finally {
          setPrefetch(true);
        }
      }
      // A forum the reader may not see is null either way.
      const stranger = await personService.create(ctxAt(db.ds), { name: 'Uden Adgang' });
      const outsider = await Client.create(db.ds, { principal: { kind: 'person', personId: stranger.id, via: 'dev' } });
      try {
        const res = await outsider.run(PAGE, { forumId: w.forum.id });
        assert.equal(res.data?.forum ?? null, null);
        setPrefetch(false);
        try {
          assert.deepEqual(await outsider.run(PAGE, { forumId: w.forum.id }), res);
        } finally {
          setPrefetch(true);
        }
      } finally {
        await outsider.stop();
      }
    } finally {
      await coordinator.stop();
    }
  });

  it("leaves a nested list's read guard out of the statement only where the parent row's readability implies it", async () => {
    const PAGE = `query($forumId: ID!) { forum(id: $forumId) { meetings(first: 10) { edges { node { id
      agendaItems { edges { node { id decisions { edges { node { id actionItems { edges { node { id title } } } } } } } } } } } } } }`;
    const guards = (reader: Client) => async () => {
      db.sql.reset();
      const data = await reader.ok(PAGE, { forumId: w.forum.id });
      const [statement] = db.sql.statements.filter((x) => /FROM "forum" t/.test(x));
      setPrefetch(false);
      try {
        assert.deepEqual(await reader.ok(PAGE, { forumId: w.forum.id }), data, 'the same rows as the per-level resolvers, each under its own guard');
      } finally {
        setPrefetch(true);
      }
      return { data, statement, guards: (statement.match(/= ANY\(/g) ?? []).length };
    };
    const key = (scopes: ApiScope[]) =>
      Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: randomUUID(), scopes, partnershipIds: Object.freeze([w.partnership.id]) as string[] } });
    const everything = await key([ApiScope.READ_MEETINGS, ApiScope.READ_DECISIONS, ApiScope.READ_ACTION_ITEMS]);
    const meetingsOnly = await key([ApiScope.READ_MEETINGS]);
    const member = await Client.create(db.ds, { principal: { kind: 'person', personId: w.anna.id, via: 'dev' } });
    try {
      // A key reading every record of the partnership: only the forum itself is checked (by the read
      // policy, once its row is read: no partnership list in the statement); its meetings, their agenda
      // items, decisions and action items are in the same forum and partnership.
      const all = await guards(everything)();
      assert.equal(all.guards, 0);
      assert.ok(all.data.forum.meetings.edges.some((e: any) => e.node.agendaItems.edges.some((a: any) => a.node.decisions.edges.some((d: any) => d.node.actionItems.edges.length))));
      // Meetings but not decisions: the decisions' guard stays (it admits none: `false`); the action
      // items under them are not reached.
      const some = await guards(meetingsOnly)();
      assert.equal(some.guards, 0);
      assert.match(some.statement, /FROM decision d_n\d WHERE d_n\d\.agenda_item_id = a_n\d\.id AND false\b/);
      assert.ok(some.data.forum.meetings.edges.some((e: any) => e.node.agendaItems.edges.length));
      for (const e of some.data.forum.meetings.edges) for (const a of e.node.agendaItems.edges) assert.deepEqual(a.node.decisions.edges, []);
      // A forum member reads the forum (of a partnership they take part in) but only this forum's
      // records: the meetings' guard stays, the levels below them are implied.
      const seat = await guards(member)();
      assert.equal(seat.guards, 1);
      assert.match(seat.statement, /FROM meeting m_n1 WHERE m_n1\.forum_id = t\.id AND coalesce\(\(m_n1\.forum_id = ANY/);
      assert.ok(seat.data.forum.meetings.edges.length);
    } finally {
      await Promise.all([everything.stop(), meetingsOnly.stop(), member.stop()]);
    }
  });

  it("reads a meeting's forum without its own guard where the meeting's readability implies it", async () => {
    const Q = `query($p: ID!) { meetings(first: 5, partnershipId: $p) { edges { node { id forum { name } } } } }`;
    const read = async (reader: Client) => {
      db.sql.reset();
      const data = await reader.ok(Q, { p: w.partnership.id });
      const [statement] = db.sql.statements.filter((x) => /FROM "forum" m_o0/.test(x));
      assert.ok(statement, db.sql.statements.join('\n'));
      setPrefetch(false);
      try {
        assert.deepEqual(await reader.ok(Q, { p: w.partnership.id }), data);
      } finally {
        setPrefetch(true);
      }
      assert.equal(data.meetings.edges.length, 5);
      for (const e of data.meetings.edges) assert.equal(e.node.forum.name, w.forum.name);
      return statement;
    };
    const key = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: randomUUID(), scopes: [ApiScope.READ_MEETINGS], partnershipIds: Object.freeze([w.partnership.id]) as string[] },
    });
    const member = await Client.create(db.ds, { principal: { kind: 'person', personId: w.anna.id, via: 'dev' } });
    try {
      // The key reads every meeting of its partnership and the partnership's forums: the forum of a
      // meeting it reads is readable, no test needed.
      assert.match(await read(key), /WHERE m_o0\.id = m\.forum_id\)/);
      // A member reads the meetings of their forum only: their forums' partnerships are tested.
      assert.match(await read(member), /WHERE m_o0\.id = m\.forum_id AND coalesce\(m_o0\.partnership_id = ANY/);
    } finally {
      await Promise.all([key.stop(), member.stop()]);
    }
  });

  it('keeps every meeting, agenda item, decision and action item in its parent\'s forum and partnership (the database refuses otherwise)', async () => {
    const other = await forumService.create(ctxAt(db.ds), { partnershipId: w.partnership.id, name: 'Andet forum', level: ForumLevel.OPERATIONAL });
    const elsewhere = await partnershipService.create(ctxAt(db.ds), { name: 'Andet partnerskab', area: 'Andetsteds' });
    const [item] = await db.ds.query('SELECT id FROM agenda_item WHERE forum_id = $1 LIMIT 1', [w.forum.id]);
    const [decision] = await db.ds.query('SELECT id FROM decision WHERE forum_id = $1 LIMIT 1', [w.forum.id]);
    const [action] = await db.ds.query('SELECT id FROM action_item WHERE forum_id = $1 AND decision_id IS NOT NULL LIMIT 1', [w.forum.id]);
    // A row breaking several of the ties is refused by whichever is checked first.
    const refused = async (sql: string, params: unknown[], constraint: RegExp) =>
      assert.rejects(db.ds.query(sql, params), (e: any) => e.code === '23503' && constraint.test(e.constraint));
    await refused('UPDATE meeting SET partnership_id = $1 WHERE forum_id = $2', [elsewhere.id, w.forum.id], /^meeting_forum_partnership$/);
    await refused('UPDATE agenda_item SET forum_id = $1 WHERE id = $2', [other.id, item.id], /^(agenda_item_meeting_forum|decision_agenda_item_forum|action_item_agenda_item_forum)$/);
    await refused('UPDATE decision SET forum_id = $1 WHERE id = $2', [other.id, decision.id], /^(decision_(agenda_item|meeting)_forum|action_item_decision_forum)$/);
    await refused('UPDATE decision SET partnership_id = $1 WHERE id = $2', [elsewhere.id, decision.id], /^decision_forum_partnership$/);
    await refused('UPDATE action_item SET forum_id = $1 WHERE id = $2', [other.id, action.id], /^action_item_(decision|agenda_item|meeting)_forum$/);
    await refused('UPDATE action_item SET partnership_id = $1 WHERE id = $2', [elsewhere.id, action.id], /^action_item_forum_partnership$/);
  });

  it('lists meetings newest first and pages by cursor without OFFSET', async () => {
    const p1 = await client.ok(HISTORY, { forumId: w.forum.id, first: 20 });
    const starts = p1.forum.meetings.edges.map((e: any) => e.node.startsAt);
    assert.deepEqual(starts, [...starts].sort().reverse());
    assert.equal(p1.forum.meetings.totalCount, 61);
    assert.ok(!db.sql.statements.some((s) => /\bOFFSET\b/i.test(s)));
  });

  it('finds meetings by Danish full-text search over agenda items, decisions and action items', async () => {
    // "skudepisoder" stems to the same lexeme as "Skudepisode" in the Danish configuration.
    const byAgenda = await client.ok(HISTORY, { forumId: w.forum.id, first: 10, search: 'skudepisoder' });
    assert.deepEqual(byAgenda.forum.meetings.edges.map((e: any) => e.node.title), ['Møde nr. 8']);
    const byDecision = await client.ok(HISTORY, { forumId: w.forum.id, first: 10, search: '"Beslutning 12.1"' });
    assert.ok(byDecision.forum.meetings.edges.some((e: any) => e.node.title === 'Møde nr. 13'));
    const none = await client.ok(HISTORY, { forumId: w.forum.id, first: 10, search: 'zzzyyyxxx' });
    assert.equal(none.forum.meetings.totalCount, 0);
    const [plan] = await db.ds.query(
      `EXPLAIN SELECT 1 FROM agenda_item WHERE search_vector @@ websearch_to_tsquery('danish', 'skud')`,
    );
    assert.ok(plan, 'search has a plan');
  });

  it("shows an organisation's responsibilities including its sub-organisations", async () => {
    const q = `query($id: ID!) { organisation(id: $id) {
      name subOrganisations { edges { node { name } } }
      actionItems(first: 100, filter: { overdue: true }) { totalCount edges { node { title overdue assigneeOrganisation { name } } } }
      own: actionItems(first: 100, filter: { includeSubOrganisations: false }) { totalCount }
      decisions { totalCount }
    } }`;
    const client2 = await Client.create(db.ds, { now: () => new Date('2026-03-01T12:00:00Z') });
    const data = await client2.ok(q, { id: w.dept.id });
    await client2.stop();
    const org = data.organisation;
    assert.deepEqual(org.subOrganisations.edges.map((e: any) => e.node.name), ['SSP København']);
    const names = new Set(org.actionItems.edges.map((e: any) => e.node.assigneeOrganisation.name));
    assert.deepEqual([...names].sort(), ['SSP København', 'Socialforvaltningen']);
    assert.ok(org.actionItems.edges.every((e: any) => e.node.overdue));
    assert.equal(org.actionItems.totalCount, 60);
    assert.equal(org.own.totalCount, 30);
    assert.equal(org.decisions.totalCount, 30);
  });
  it('pages every nested level as the per-level resolvers do when each list runs past its page (the row past a page carries no subtree)', async () => {
    // A meeting after all the others, whose every level runs past a page of one: two agenda items, two
    // decisions under the first, two action items under its first decision.
    const at = new Date('2030-03-04T13:00:00Z');
    const ctx = ctxAt(db.ds, new Date(at.getTime() + 3 * 3600_000));
    const m = await meetingService.schedule(ctx, { forumId: w.forum.id, startsAt: at, title: 'Ekstraordinært møde' });
    const items = [];
    for (const title of ['Første punkt', 'Andet punkt']) items.push(await agendaService.add(ctx, m.id, { title, kind: AgendaItemKind.DECISION }));
    const decisions = [];
    for (const [i, text] of ['Første beslutning', 'Anden beslutning'].entries()) {
      // Decided a minute apart: decisions are listed in the order they were made.
      const decidedAt = new Date(at.getTime() + i * 60_000);
      decisions.push(await decisionService.record(ctx, { agendaItemId: items[0].id, text, decidedAt, responsibleOrganisationIds: [w.unit.id] }));
    }
    for (const [i, title] of ['Første opfølgning', 'Anden opfølgning'].entries()) {
      await actionItemService.create(ctx, { title, decisionId: decisions[0].id, assigneeOrganisationId: [w.police, w.school][i].id, dueDate: `2030-04-0${i + 1}` });
    }
    const PAGE = `query($forumId: ID!) { forum(id: $forumId) { meetings(first: 2) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id title
        agendaItems(first: 1) { pageInfo { hasNextPage endCursor } edges { cursor node { id title
          decisions(first: 1) { pageInfo { hasNextPage endCursor } edges { node { id text
            actionItems(last: 1) { pageInfo { hasPreviousPage hasNextPage startCursor } edges { node { id title assigneeOrganisation { name } } } } } } }
          } } } } } } } }`;
    db.sql.reset();
    const one = await client.ok(PAGE, { forumId: w.forum.id });
    const statements = db.sql.statements.filter((x) => !/partnership_access|FROM person|api_key/.test(x));
    assert.equal(statements.length, 1, statements.join('\n'));
    const meetings = one.forum.meetings;
    assert.equal(meetings.edges.length, 2);
    assert.equal(meetings.pageInfo.hasNextPage, true);
    assert.equal(meetings.edges[0].node.id, m.id);
    const agenda = meetings.edges[0].node.agendaItems;
    assert.deepEqual([agenda.edges.length, agenda.pageInfo.hasNextPage, agenda.edges[0].node.title], [1, true, 'Første punkt']);
    const decided = agenda.edges[0].node.decisions;
    assert.deepEqual([decided.edges.length, decided.pageInfo.hasNextPage, decided.edges[0].node.text], [1, true, 'Første beslutning']);
    const actions = decided.edges[0].node.actionItems;
    assert.deepEqual([actions.edges.length, actions.pageInfo.hasPreviousPage, actions.edges[0].node.title], [1, true, 'Anden opfølgning']);
    assert.equal(actions.edges[0].node.assigneeOrganisation.name, w.school.name, 'the last row of a page keeps its subtree');
    // The second meeting (the row past the page when the page holds one meeting) is read with its subtree here.
    assert.ok(meetings.edges[1].node.agendaItems.edges.length > 0);
    // pageInfo inside fragments, and not selected at all (then no row past a page is read).
    const inFragments = PAGE.replace(/pageInfo \{([^}]*)\}/g, '... { pageInfo {$1} }');
    const without = PAGE.replace(/pageInfo \{[^}]*\}/g, '');
    assert.notEqual(inFragments, PAGE);
    const variants = [PAGE, inFragments, without];
    const prefetched = [];
    for (const query of variants) prefetched.push(await client.ok(query, { forumId: w.forum.id }));
    assert.deepEqual(prefetched[1], one);
    assert.equal(prefetched[2].forum.meetings.edges[0].node.agendaItems.edges[0].node.decisions.edges[0].node.actionItems.edges[0].node.title, 'Anden opfølgning');
    setPrefetch(false);
    try {
      for (const [i, query] of variants.entries()) assert.deepEqual(await client.ok(query, { forumId: w.forum.id }), prefetched[i]);
    } finally {
      setPrefetch(true);
    }
  });
});
