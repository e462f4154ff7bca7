/**
 * Relay cursor pagination through GraphQL against real PostgreSQL: forward and backward walks over
 * enough rows, page-size and cursor validation, nested connections, and node(id:).
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { NOW, world } from './support/factory';

type World = Awaited<ReturnType<typeof world>>;

const RANDOM_UUID = '6f1c2a4e-8b3d-4c7a-9e21-0d5f3b8a7c64';
const N = 45;
const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const ORGS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount edges { cursor node { id name } } ${PAGE_INFO} } }`;
const MEETINGS = `query($forumId: ID, $first: Int, $after: String, $last: Int, $before: String) {
  meetings(forumId: $forumId, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id startsAt } } ${PAGE_INFO} } }`;
const FORUM_MEETINGS = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  forum(id: $id) { meetings(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id startsAt forum { id } } } ${PAGE_INFO} } } }`;
const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const idsOf = (p: Page) => p.edges.map((e) => e.node.id);

/** Walk forward with `first: size` until hasNextPage is false. */
async function walkForward(fetch: (vars: Record<string, unknown>) => Promise<Page>, size: number) {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p = await fetch({ first: size, after });
    pages.push(p);
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  return pages;
}

/** Walk backward with `last: size` until hasPreviousPage is false. */
async function walkBackward(fetch: (vars: Record<string, unknown>) => Promise<Page>, size: number) {
  const pages: Page[] = [];
  let before: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p = await fetch({ last: size, before });
    pages.push(p);
    if (!p.pageInfo.hasPreviousPage) break;
    before = p.pageInfo.startCursor;
  }
  return pages;
}

function checkCursors(p: Page) {
  if (!p.edges.length) return;
  assert.equal(p.pageInfo.startCursor, p.edges[0].cursor);
  assert.equal(p.pageInfo.endCursor, p.edges[p.edges.length - 1].cursor);
}

describe('pagination', function () {
  this.timeout(60_000);
  let db: TestDb;
  let c: Client;
  let w: World;
  /** The associations in the documented order: by name, then id. */
  let expected: string[];
  const filter = { kind: 'ASSOCIATION' };
  const orgs = async (vars: Record<string, unknown>, f: unknown = filter): Promise<Page> =>
    (await c.ok(ORGS, { filter: f, ...vars })).organisations;

  before(async () => {
    db = await freshDatabase();
    c = await Client.create(db.ds, { now: () => NOW });
    w = await world(db.ds);
    const made: { id: string; name: string }[] = [];
    // Names repeat (i % 40), so the id must break ties; created in shuffled order.
    const order = Array.from({ length: N }, (_, i) => (i * 17) % N);
    for (const i of order) {
      const r = await c.ok(`mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`, {
        input: { name: `Forening ${String(i % 40).padStart(2, '0')}`, kind: 'ASSOCIATION' },
      });
      made.push(r.createOrganisation);
    }
    expected = made
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((o) => o.id);
  });
  after(async () => {
    await c?.stop();
    await db?.close();
  });

  describe('a top-level connection (organisations by name)', () => {
    it('first: 10 + after: endCursor visits every row exactly once, in order, and ends with hasNextPage false', async () => {
      const pages = await walkForward(orgs, 10);
      assert.deepEqual(pages.map((p) => p.edges.length), [10, 10, 10, 10, 5]);
      assert.deepEqual(pages.map((p) => p.pageInfo.hasNextPage), [true, true, true, true, false]);
      assert.deepEqual(pages.map((p) => p.pageInfo.hasPreviousPage), [false, true, true, true, true]);
      pages.forEach(checkCursors);
      const seen = pages.flatMap(idsOf);
      assert.equal(new Set(seen).size, N, 'no row twice');
      assert.deepEqual(seen, expected);
      for (const p of pages) assert.equal(p.totalCount, N);
    });

    it('after the last cursor there is an empty page', async () => {
      const pages = await walkForward(orgs, 10);
      const p = await orgs({ first: 10, after: pages[pages.length - 1].pageInfo.endCursor });
      assert.deepEqual(p.edges, []);
      assert.equal(p.pageInfo.hasNextPage, false);
      assert.equal(p.pageInfo.endCursor, null);
    });

    it('last: 10 + before: startCursor walks backwards through the same rows in reverse', async () => {
      const pages = await walkBackward(orgs, 10);
      assert.deepEqual(pages.map((p) => p.edges.length), [10, 10, 10, 10, 5]);
      assert.deepEqual(pages.map((p) => p.pageInfo.hasPreviousPage), [true, true, true, true, false]);
      pages.forEach(checkCursors);
      // each page is in list order; the pages come from the end
      assert.deepEqual(pages.flatMap((p) => idsOf(p).reverse()), [...expected].reverse());
      assert.deepEqual(idsOf(pages[0]), expected.slice(N - 10));
    });

    it('forward and backward cursors agree: before the start of a middle page are exactly the rows before it', async () => {
      const first = await orgs({ first: 20 });
      const middle = await orgs({ first: 5, after: first.pageInfo.endCursor });
      assert.deepEqual(idsOf(middle), expected.slice(20, 25));
      const back = await orgs({ last: 5, before: middle.pageInfo.startCursor });
      assert.deepEqual(idsOf(back), expected.slice(15, 20));
      assert.equal(back.pageInfo.hasPreviousPage, true);
      const fwd = await orgs({ first: 3, after: back.pageInfo.endCursor });
      assert.deepEqual(idsOf(fwd), expected.slice(20, 23));
    });

    it('totalCount counts all rows matching the filter, on every page', async () => {
      assert.equal((await orgs({ first: 1 })).totalCount, N);
      assert.equal((await orgs({ first: 1 }, null)).totalCount, N + 4, 'plus the four organisations of the world');
      assert.equal((await orgs({ first: 1 }, { kind: 'ASSOCIATION', search: 'Forening 0' })).totalCount, 10 + 5);
    });

    it('boundedCount counts up to its bound in one statement that stops there, top-level and nested', async () => {
      const Q = `query($f: OrganisationFilter, $upTo: Int) { organisations(first: 1, filter: $f) {
        totalCount boundedCount(upTo: $upTo) { count exact } b: boundedCount { count exact } } }`;
      db.sql.reset();
      const r = JSON.parse(JSON.stringify((await c.ok(Q, { f: filter, upTo: 10 })).organisations));
      assert.deepEqual(r.boundedCount, { count: 10, exact: false });
      assert.deepEqual(r.b, { count: N, exact: true }, 'default bound 1000');
      assert.equal(r.totalCount, N);
      const bounded = db.sql.statements.filter((q) => /LIMIT 11\) b/.test(q));
      assert.equal(bounded.length, 1, 'the bounded count reads at most upTo + 1 rows');
      assert.deepEqual({ ...(await c.ok(Q, { f: filter, upTo: N })).organisations.boundedCount }, { count: N, exact: true });
      assert.deepEqual({ ...(await c.ok(Q, { f: filter, upTo: N - 1 })).organisations.boundedCount }, { count: N - 1, exact: false });
      const bad = await c.run(Q, { f: filter, upTo: 0 });
      assert.equal(bad.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.match(bad.errors![0].message, /upTo/);
      // Nested: every parent's bounded count in one statement.
      const nested = (await c.ok(`query($id: ID!) { forum(id: $id) { meetings(first: 1) { boundedCount(upTo: 1) { count exact } totalCount } } }`, { id: w.forum.id })).forum.meetings;
      assert.deepEqual({ ...nested.boundedCount }, { count: Math.min(1, nested.totalCount), exact: nested.totalCount <= 1 });
    });

    it('the default page size is 20', async () => {
      const p = await orgs({});
      assert.deepEqual(idsOf(p), expected.slice(0, 20));
      assert.equal(p.pageInfo.hasNextPage, true);
      const q = await orgs({ after: p.pageInfo.endCursor });
      assert.deepEqual(idsOf(q), expected.slice(20, 40));
      // `before` alone pages backwards by the default size too
      const last = await orgs({ last: 1 });
      const r = await orgs({ before: last.pageInfo.startCursor });
      assert.deepEqual(idsOf(r), expected.slice(N - 21, N - 1));
    });

    it('first: 100 is allowed and returns everything', async () => {
      const p = await orgs({ first: 100 });
      assert.deepEqual(idsOf(p), expected);
      assert.equal(p.pageInfo.hasNextPage, false);
    });

    it('page sizes outside 1..100 → BAD_USER_INPUT naming the argument', async () => {
      for (const [vars, field] of [
        [{ first: 0 }, 'first'],
        [{ first: -1 }, 'first'],
        [{ first: 101 }, 'first'],
        [{ last: 0 }, 'last'],
        [{ last: 101 }, 'last'],
      ] as const) {
        const err = await c.fails(ORGS, { filter, ...vars }, 'BAD_USER_INPUT');
        assert.equal(err.extensions?.field, field, JSON.stringify(err));
      }
    });

    it('first with last, or after with before → BAD_USER_INPUT', async () => {
      const p = await orgs({ first: 2 });
      const e1 = await c.fails(ORGS, { filter, first: 2, last: 2 }, 'BAD_USER_INPUT');
      assert.equal(e1.extensions?.field, 'last');
      const e2 = await c.fails(ORGS, { filter, first: 2, after: p.pageInfo.endCursor, before: p.pageInfo.startCursor }, 'BAD_USER_INPUT');
      assert.equal(e2.extensions?.field, 'before');
    });

    it('first with before, or last with after, is honoured (Relay) or refused, never silently ignored', async () => {
      const page = await orgs({ first: 10 });
      const row3 = page.edges[3].cursor;
      const r1 = await c.run(ORGS, { filter, first: 5, before: row3 });
      if (r1.errors) assert.equal(r1.errors[0].extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r1.errors));
      else assert.deepEqual(idsOf(r1.data.organisations), expected.slice(0, 3), 'first: 5 of the rows before row 3');
      const all = await orgs({ first: 100 });
      const row42 = all.edges[42].cursor;
      const r2 = await c.run(ORGS, { filter, last: 5, after: row42 });
      if (r2.errors) assert.equal(r2.errors[0].extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r2.errors));
      else assert.deepEqual(idsOf(r2.data.organisations), expected.slice(43), 'last: 5 of the rows after row 42');
    });

    it('a garbage cursor → BAD_USER_INPUT field after (or before)', async () => {
      for (const garbage of ['garbage', '%%%', cursorOf({ a: 1 }), cursorOf(['Forening 00']), cursorOf([1, 2]), cursorOf(['a', 'b', 'c'])]) {
        const e = await c.fails(ORGS, { filter, first: 5, after: garbage }, 'BAD_USER_INPUT');
        assert.equal(e.extensions?.field, 'after', `${JSON.stringify(garbage)}: ${JSON.stringify(e)}`);
      }
      const e = await c.fails(ORGS, { filter, last: 5, before: 'zzz' }, 'BAD_USER_INPUT');
      assert.equal(e.extensions?.field, 'before');
    });

    it('a cursor of the right shape holding a value that is not a uuid → BAD_USER_INPUT, not an internal error', async () => {
      const e1 = await c.fails(ORGS, { filter, first: 5, after: cursorOf(['Forening 10', 'not-a-uuid']) }, 'BAD_USER_INPUT');
      assert.equal(e1.extensions?.field, 'after');
    });

    it('a cursor of the right shape holding a value that is not a time (meetings) → BAD_USER_INPUT, not an internal error', async () => {
      const e2 = await c.fails(MEETINGS, { forumId: w.forum.id, first: 5, after: cursorOf(['not-a-time', RANDOM_UUID]) }, 'BAD_USER_INPUT');
      assert.equal(e2.extensions?.field, 'after');
    });
  });

  describe('meetings (newest first) and nested connections', () => {
    let meetingsNewestFirst: string[];
    let forum2: string;
    let forum3: string;
    let forum2Meetings: string[];

    before(async () => {
      const r = await c.ok(`mutation($input: ScheduleMeetingSeriesInput!) { scheduleMeetingSeries(input: $input) { id } }`, {
        input: { forumId: w.forum.id, from: '2026-01-01T00:00:00Z', to: '2026-12-31T23:59:59Z' },
      });
      assert.equal(r.scheduleMeetingSeries.length, 12);
      const rows: { id: string }[] = await db.ds.query('SELECT id::text FROM meeting WHERE forum_id = $1 ORDER BY starts_at DESC, id DESC', [w.forum.id]);
      meetingsNewestFirst = rows.map((x) => x.id);
      assert.equal(meetingsNewestFirst.length, 13);

      const mk = async (name: string, recurrence?: string) =>
        (await c.ok(`mutation($input: CreateForumInput!) { createForum(input: $input) { id } }`, {
          input: { partnershipId: w.partnership.id, name, level: 'OPERATIONAL', recurrence },
        })).createForum.id as string;
      forum2 = await mk('Netværksmøde', 'DTSTART;TZID=Europe/Copenhagen:20260902T090000\nRRULE:FREQ=WEEKLY;BYDAY=WE');
      forum3 = await mk('Styregruppen');
      const s = await c.ok(`mutation($input: ScheduleMeetingSeriesInput!) { scheduleMeetingSeries(input: $input) { id startsAt } }`, {
        input: { forumId: forum2, from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' },
      });
      forum2Meetings = s.scheduleMeetingSeries
        .sort((a: any, b: any) => (a.startsAt < b.startsAt ? 1 : -1))
        .map((m: any) => m.id);
      assert.equal(forum2Meetings.length, 5);
    });

    it('a top-level meetings list walks newest first, forwards and backwards', async () => {
      const fetch = async (vars: Record<string, unknown>) => (await c.ok(MEETINGS, { forumId: w.forum.id, ...vars })).meetings as Page;
      const fwd = await walkForward(fetch, 4);
      assert.deepEqual(fwd.map((p) => p.edges.length), [4, 4, 4, 1]);
      assert.deepEqual(fwd.flatMap(idsOf), meetingsNewestFirst);
      const back = await walkBackward(fetch, 4);
      assert.deepEqual(back.flatMap((p) => idsOf(p).reverse()), [...meetingsNewestFirst].reverse());
      assert.equal(fwd[0].totalCount, 13);
    });

    it('forum.meetings(first: 3) pages through the forum meetings with after: endCursor', async () => {
      const fetch = async (vars: Record<string, unknown>) => (await c.ok(FORUM_MEETINGS, { id: w.forum.id, ...vars })).forum.meetings as Page;
      const pages = await walkForward(fetch, 3);
      assert.deepEqual(pages.map((p) => p.edges.length), [3, 3, 3, 3, 1]);
      assert.deepEqual(pages.map((p) => p.pageInfo.hasNextPage), [true, true, true, true, false]);
      pages.forEach(checkCursors);
      assert.deepEqual(pages.flatMap(idsOf), meetingsNewestFirst);
      for (const p of pages) assert.equal(p.totalCount, 13);
      const back = await walkBackward(fetch, 3);
      assert.deepEqual(back.flatMap((p) => idsOf(p).reverse()), [...meetingsNewestFirst].reverse());
    });

    it('nested pages of several parents in one query each hold only their own rows', async () => {
      const r = await c.ok(
        `query($id: ID!) { partnership(id: $id) { forums(first: 10) { edges { node { id
           meetings(first: 3) { totalCount edges { node { id forum { id } } } pageInfo { hasNextPage hasPreviousPage } } } } } } }`,
        { id: w.partnership.id },
      );
      const byForum = new Map<string, any>(r.partnership.forums.edges.map((e: any) => [e.node.id, e.node.meetings]));
      assert.equal(byForum.size, 3);
      const one = byForum.get(w.forum.id);
      assert.deepEqual(idsOf(one), meetingsNewestFirst.slice(0, 3));
      assert.equal(one.totalCount, 13);
      assert.equal(one.pageInfo.hasNextPage, true);
      const two = byForum.get(forum2);
      assert.deepEqual(idsOf(two), forum2Meetings.slice(0, 3));
      assert.ok(two.edges.every((e: any) => e.node.forum.id === forum2));
      assert.equal(two.totalCount, 5);
      assert.equal(two.pageInfo.hasNextPage, true);
      const three = byForum.get(forum3);
      assert.deepEqual(three.edges, []);
      assert.equal(three.totalCount, 0);
      assert.deepEqual({ ...three.pageInfo }, { hasNextPage: false, hasPreviousPage: false });
    });

    it('nested connections validate their arguments the same way', async () => {
      for (const [vars, field] of [
        [{ first: 0 }, 'first'],
        [{ first: 101 }, 'first'],
        [{ last: 101 }, 'last'],
        [{ first: 3, after: 'garbage' }, 'after'],
      ] as const) {
        const err = await c.fails(FORUM_MEETINGS, { id: w.forum.id, ...vars }, 'BAD_USER_INPUT');
        assert.equal(err.extensions?.field, field, JSON.stringify(err));
      }
    });
  });

  describe('node(id:)', () => {
    let actionItemId: string;
    let decisionId: string;
    before(async () => {
      const a = await c.ok(`mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`, {
        input: { title: 'Opfølgning', meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, dueDate: '2026-07-10' },
      });
      actionItemId = a.createActionItem.id;
      const d = await c.ok(`mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`, {
        input: { agendaItemId: w.item.id, text: 'Vandring hver fredag' },
      });
      decisionId = d.recordDecision.id;
    });

    it('returns the right type for an organisation, a meeting, an action item and more', async () => {
      for (const [id, type] of [
        [w.unit.id, 'Organisation'],
        [w.meeting.id, 'Meeting'],
        [actionItemId, 'ActionItem'],
        [w.item.id, 'AgendaItem'],
        [decisionId, 'Decision'],
        [w.anna.id, 'Person'],
        [w.forum.id, 'Forum'],
        [w.partnership.id, 'Partnership'],
      ] as const) {
        const r = await c.ok(NODE, { id });
        assert.deepEqual({ ...r.node }, { __typename: type, id }, `${type} ${id}`);
      }
    });

    it('an upper-case UUID finds the same object', async () => {
      const r = await c.ok(NODE, { id: w.meeting.id.toUpperCase() });
      assert.equal(r.node.__typename, 'Meeting');
      assert.equal(r.node.id, w.meeting.id);
    });

    it('null for an unknown UUID and for a malformed id, without an error', async () => {
      assert.equal((await c.ok(NODE, { id: RANDOM_UUID })).node, null);
      assert.equal((await c.ok(NODE, { id: 'abc' })).node, null);
      assert.equal((await c.ok(NODE, { id: '' })).node, null);
    });

    it('nodes(ids:) answers in the order asked, null where none exists', async () => {
      const r = await c.ok(NODES, { ids: [w.meeting.id, 'abc', RANDOM_UUID, w.unit.id, actionItemId] });
      assert.deepEqual(
        r.nodes.map((n: any) => n && n.__typename),
        ['Meeting', null, null, 'Organisation', 'ActionItem'],
      );
    });
  });

  describe('malformed ids in lookups and list filters', () => {
    // A malformed id is a client mistake: null / an empty list, or BAD_USER_INPUT / NOT_FOUND, never an internal error.
    const cases: [string, string, Record<string, unknown>][] = [
      ['meeting(id:)', `query($id: ID!) { meeting(id: $id) { id } }`, { id: 'abc' }],
      ['organisation(id:)', `query($id: ID!) { organisation(id: $id) { id } }`, { id: 'abc' }],
      ['actionItem(id:)', `query($id: ID!) { actionItem(id: $id) { id } }`, { id: 'abc' }],
      ['meetings(forumId:)', `query($id: ID) { meetings(forumId: $id) { totalCount } }`, { id: 'abc' }],
      ['organisations(filter: {parentId})', `query($id: ID) { organisations(filter: { parentId: $id }) { totalCount } }`, { id: 'abc' }],
      ['actionItems(filter: {assigneeOrganisationId})', `query($id: ID) { actionItems(filter: { assigneeOrganisationId: $id }) { totalCount } }`, { id: 'abc' }],
    ];
    for (const [name, query, vars] of cases) {
      it(`${name} with 'abc' is not an internal error`, async () => {
        const r = await c.run(query, vars);
        if (r.errors) assert.ok(['BAD_USER_INPUT', 'NOT_FOUND'].includes(r.errors[0].extensions?.code), `${name}: ${JSON.stringify(r.errors)}`);
      });
    }
  });

  describe('keyset pages stay stable while rows are added', () => {
    it('rows added before the cursor are not seen, rows after it are seen once, nothing is repeated or skipped', async () => {
      const first = await orgs({ first: 10 });
      assert.deepEqual(idsOf(first), expected.slice(0, 10));
      const mk = async (name: string) =>
        (await c.ok(`mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, { input: { name, kind: 'ASSOCIATION' } }))
          .createOrganisation.id as string;
      const early = await mk('Forening 00 A'); // sorts inside the first page
      const late = await mk('Forening 99'); // sorts after everything
      const rest: string[] = [];
      let after = first.pageInfo.endCursor;
      for (;;) {
        const p = await orgs({ first: 10, after });
        rest.push(...idsOf(p));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      assert.deepEqual(rest, [...expected.slice(10), late]);
      assert.ok(!rest.includes(early));
      assert.equal((await orgs({ first: 1 })).totalCount, N + 2);
    });
  });
});
