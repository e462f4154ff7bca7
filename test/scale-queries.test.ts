/**
 * Query shapes that keep national-scale pages cheap (issue #4), checked for the same answers as the
 * plain queries: an organisation's open work read from the open-work table (migration
 * OpenActionItemsByAncestor), its other action items per sub-organisation and merged (fan-out), with
 * keyset paging both ways, bounded counts and the read scope; search within one partnership.
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { ctxAt, world } from './support/factory';
import { organisationService } from '../src/organisation/organisation.service';
import { OrganisationKind } from '../src/organisation/organisation.entity';
import { actionItemService } from '../src/action-item/action-item.service';
import { decisionService } from '../src/decision/decision.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { partnershipService } from '../src/partnership/partnership.service';
import { forumService } from '../src/forum/forum.service';
import { Sql } from '../src/common/pagination';
import { setPrefetch } from '../src/common/prefetch';
import { ForumLevel } from '../src/forum/forum.entity';
import { meetingService } from '../src/meeting/meeting.service';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { ApiScope } from '../src/api-key/api-key.entity';

const ITEMS = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: ActionItemFilter, $upTo: Int!) {
  organisation(id: $id) {
    actionItems(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      boundedCount(upTo: $upTo) { count exact }
      edges { node { id dueDate } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

const OPEN = ['OPEN', 'IN_PROGRESS', 'BLOCKED'];

describe('national-scale query shapes', function () {
  this.timeout(120_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let client: Client;
  let otherPartnershipId: string;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    const ctx = ctxAt(db.ds);
    // dept → unit → team, dept → unit2; police outside the subtree.
    const unit2 = await organisationService.create(ctx, { name: 'Ungdomsskolen', kind: OrganisationKind.MUNICIPAL_DEPARTMENT, parentId: w.dept.id });
    const team = await organisationService.create(ctx, { name: 'Gadeteamet', kind: OrganisationKind.SSP, parentId: w.unit.id });
    // A second partnership whose items go to the same organisations (outside a key limited to the first).
    const other = await partnershipService.create(ctx, { name: 'Andet partnerskab', area: 'Vesterbro' });
    otherPartnershipId = other.id;
    const forum2 = await forumService.create(ctx, { partnershipId: other.id, name: 'Styregruppen', level: ForumLevel.STRATEGIC, recurrence: null as any });
    const meeting2 = await meetingService.schedule(ctx, { forumId: forum2.id, startsAt: new Date('2026-07-02T12:00:00Z') });
    const item2 = await agendaService.add(ctx, meeting2.id, { title: 'Opfølgning', kind: AgendaItemKind.DECISION });
    const assignees = [w.dept, w.unit, unit2, team, w.police];
    const statuses = [ActionItemStatus.IN_PROGRESS, ActionItemStatus.DONE, ActionItemStatus.BLOCKED, ActionItemStatus.CANCELLED];
    for (let i = 0; i < 48; i++) {
      // Interleaved due dates across organisations, with ties (same date in several organisations).
      const dueDate = `2026-${String(1 + (i % 9)).padStart(2, '0')}-${String(1 + ((i * 7) % 27)).padStart(2, '0')}`;
      const a = await actionItemService.create(ctx, {
        title: `Opgave ${i}`,
        agendaItemId: i % 6 === 5 ? item2.id : w.item.id,
        assigneeOrganisationId: assignees[i % assignees.length].id,
        dueDate: i % 4 === 0 ? '2026-03-03' : dueDate,
      });
      if (i % 3 === 0) await actionItemService.changeStatus(ctx, a.id, statuses[i % 4], 'test');
    }
    client = await Client.create(db.ds, { now: () => new Date('2026-06-15T10:00:00Z') });
  });

  after(async () => {
    await client?.stop();
    await db?.close();
  });

  /** What the page must hold: the plain query over the whole subtree. */
  async function expected(opts: { open: boolean; overdue?: boolean; partnerships?: string[] }): Promise<string[]> {
    const rows: { id: string }[] = await db.ds.query(
      `WITH RECURSIVE sub(id) AS (SELECT $1::uuid UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id)
       SELECT ai.id::text FROM action_item ai WHERE ai.assignee_organisation_id IN (SELECT id FROM sub)
         AND ($2::boolean IS FALSE OR ai.status IN ('open', 'in_progress', 'blocked'))
         AND ($3::boolean IS FALSE OR ai.due_date < '2026-06-15')
         AND ($4::uuid[] IS NULL OR ai.partnership_id = ANY($4::uuid[]))
       ORDER BY ai.due_date, ai.id`,
      [w.dept.id, opts.open, !!opts.overdue, opts.partnerships ?? null],
    );
    return rows.map((r) => r.id);
  }

  async function walk(c: Client, filter: unknown, size: number, backward = false) {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const vars: Record<string, unknown> = backward ? { last: size, before: cursor } : { first: size, after: cursor };
      const page: any = (await c.ok(ITEMS, { id: w.dept.id, filter, upTo: 1000, ...vars })).organisation.actionItems;
      const pageIds = page.edges.map((e: any) => e.node.id);
      if (backward) ids.unshift(...pageIds);
      else ids.push(...pageIds);
      assert.ok(pageIds.length <= size);
      if (backward ? !page.pageInfo.hasPreviousPage : !page.pageInfo.hasNextPage) break;
      cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
    }
    return ids;
  }

  it("pages an organisation's open action items across its sub-organisations in due order, forwards and backwards", async () => {
    const want = await expected({ open: true });
    assert.ok(want.length > 15, `${want.length} open items`);
    for (const size of [1, 4, 7]) {
      assert.deepEqual(await walk(client, { status: OPEN }, size), want, `first: ${size}`);
      assert.deepEqual(await walk(client, { status: OPEN }, size, true), want, `last: ${size}`);
    }
    const all = await expected({ open: false });
    assert.deepEqual(await walk(client, null, 5), all);
    const overdue = await expected({ open: true, overdue: true });
    assert.ok(overdue.length > 3 && overdue.length < want.length);
    assert.deepEqual(await walk(client, { overdue: true }, 3), overdue);
  });

  it('the top-level actionItems list with includeSubOrganisations pages and counts the same way', async () => {
    const Q = `query($first: Int, $after: String, $last: Int, $before: String, $filter: ActionItemFilter) {
      actionItems(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
        totalCount boundedCount(upTo: 5) { count exact } edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const walkTop = async (c: Client, filter: Record<string, unknown>, size: number, backward: boolean) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let total = -1;
      for (let i = 0; i < 100; i++) {
        const vars: Record<string, unknown> = backward ? { last: size, before: cursor } : { first: size, after: cursor };
        const page: any = (await c.ok(Q, { filter, ...vars })).actionItems;
        total = page.totalCount;
        assert.deepEqual({ ...page.boundedCount }, { count: Math.min(5, total), exact: total <= 5 });
        const pageIds = page.edges.map((e: any) => e.node.id);
        if (backward) ids.unshift(...pageIds);
        else ids.push(...pageIds);
        if (backward ? !page.pageInfo.hasPreviousPage : !page.pageInfo.hasNextPage) break;
        cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
      }
      return { ids, total };
    };
    const open = { assigneeOrganisationId: w.dept.id, includeSubOrganisations: true, status: OPEN };
    const want = await expected({ open: true });
    db.sql.reset();
    for (const backward of [false, true]) {
      assert.deepEqual(await walkTop(client, open, 4, backward), { ids: want, total: want.length });
    }
    assert.ok(db.sql.statements.some((s) => /FROM action_item_open_by_ancestor ai LEFT JOIN action_item a/.test(s)), 'open work read from its table');
    assert.ok(!db.sql.statements.some((s) => /AS fo\(v\) CROSS JOIN LATERAL/.test(s)), 'open work is not fanned out');
    // Every status: not open work only, so read per sub-organisation and merged.
    db.sql.reset();
    const all = await expected({ open: false });
    assert.deepEqual(await walkTop(client, { assigneeOrganisationId: w.dept.id, includeSubOrganisations: true }, 9, false), { ids: all, total: all.length });
    assert.ok(db.sql.statements.some((s) => /FROM action_item ai/.test(s) && /AS fo\(v\) CROSS JOIN LATERAL/.test(s)), 'fanned out');
    const key = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000004', scopes: [ApiScope.READ_ACTION_ITEMS], partnershipIds: [w.partnership.id] },
      now: () => new Date('2026-06-15T10:00:00Z'),
    });
    try {
      const mine = await expected({ open: true, partnerships: [w.partnership.id] });
      assert.deepEqual(await walkTop(key, open, 3, false), { ids: mine, total: mine.length });
    } finally {
      await key.stop();
    }
  });

  it('reads open work from one index range of the open-work table, other filters per sub-organisation; statements constant in page size', async () => {
    for (const [filter, table] of [
      [{ status: OPEN }, true],
      [{ overdue: true }, true],
      [{ status: ['BLOCKED'] }, false],
      [{ status: ['DONE', 'OPEN'] }, false],
      [null, false],
    ] as const) {
      const counts: number[] = [];
      for (const first of [2, 20]) {
        db.sql.reset();
        await client.ok(ITEMS, { id: w.dept.id, first, filter, upTo: 5 });
        counts.push(db.sql.count);
        const read = db.sql.statements.filter((s) => /action_item/.test(s));
        assert.equal(read.some((s) => /FROM action_item_open_by_ancestor ai/.test(s)), table, `${JSON.stringify(filter)}: open-work table`);
        assert.equal(read.some((s) => /unnest\(ARRAY\(WITH RECURSIVE sub/.test(s) && /CROSS JOIN LATERAL/.test(s)), !table, `${JSON.stringify(filter)}: fan-out`);
      }
      assert.equal(counts[0], counts[1], JSON.stringify(filter));
    }
    // A status subset the table cannot answer still gets exactly its items.
    const blocked: { id: string }[] = await db.ds.query(
      `WITH RECURSIVE sub(id) AS (SELECT $1::uuid UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id)
       SELECT ai.id::text FROM action_item ai WHERE ai.assignee_organisation_id IN (SELECT id FROM sub) AND ai.status = 'blocked' ORDER BY ai.due_date, ai.id`,
      [w.dept.id],
    );
    assert.ok(blocked.length > 0);
    assert.deepEqual(await walk(client, { status: ['BLOCKED'] }, 2), blocked.map((r) => r.id));
  });

  it("an organisation page's lists carry their counts and forums in their page statements: three statements in all", async () => {
    const PAGE = `query($id: ID!) {
      organisation(id: $id) {
        name
        actionItems(first: 5, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) {
          boundedCount { count exact } totalCount edges { node { id forum { name } } } }
        overdue: actionItems(first: 5, filter: { overdue: true }) { boundedCount(upTo: 2) { count exact } edges { node { id } } }
      }
    }`;
    const open = await expected({ open: true });
    const overdue = await expected({ open: true, overdue: true });
    assert.ok(overdue.length > 2);
    db.sql.reset();
    const page = (await client.ok(PAGE, { id: w.dept.id })).organisation;
    assert.equal(db.sql.count, 3, db.sql.statements.map((x) => x.slice(0, 140)).join('\n'));
    // Each list's counts run once per parent, not once per row of its page.
    const [statements, params] = [[...db.sql.statements], [...db.sql.parameters]];
    for (const [i, text] of statements.entries()) {
      if (!/__c0/.test(text)) continue;
      const [{ 'QUERY PLAN': [plan] }] = await db.ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params[i]);
      const counts: number[] = [];
      const tree: string[] = [];
      const walkPlan = (n: any, depth = 0) => {
        tree.push(`${' '.repeat(depth)}${n['Node Type']} ${n['Parent Relationship'] ?? ''} ${n['Relation Name'] ?? ''} loops=${n['Actual Loops']}`);
        // A count: an aggregate over the open-work table.
        if (n['Node Type'] === 'Aggregate' && JSON.stringify(n).includes('action_item_open_by_ancestor')) counts.push(n['Actual Loops']);
        for (const c of n.Plans ?? []) walkPlan(c, depth + 1);
      };
      walkPlan(plan.Plan);
      assert.ok(counts.length >= 1, tree.join("\n"));
      for (const loops of counts) assert.equal(loops, 1, `a count ran ${loops} times:\n${tree.join('\n')}`);
    }
    assert.deepEqual({ ...page.actionItems.boundedCount }, { count: open.length, exact: true });
    assert.equal(page.actionItems.totalCount, open.length);
    assert.deepEqual(page.actionItems.edges.map((e: any) => e.node.id), open.slice(0, 5));
    assert.ok(page.actionItems.edges.every((e: any) => e.node.forum.name), 'forum names');
    assert.deepEqual({ ...page.overdue.boundedCount }, { count: 2, exact: false });
    assert.deepEqual(page.overdue.edges.map((e: any) => e.node.id), overdue.slice(0, 5));
    // A later page (after a cursor): the counts are still the whole list's.
    const later = (await client.ok(PAGE.replace('first: 5, filter: { status', 'first: 5, after: "' + Buffer.from(JSON.stringify(['2026-01-01', '00000000-0000-0000-0000-000000000000'])).toString('base64url') + '", filter: { status'), { id: w.dept.id })).organisation;
    assert.deepEqual({ ...later.actionItems.boundedCount }, { count: open.length, exact: true });
    assert.equal(later.actionItems.totalCount, open.length);
  });

  it("a nested list's page carries only the columns its selection reads; the same list selected for other fields is its own page", async () => {
    const Q = `query($id: ID!) {
      organisation(id: $id) {
        slim: actionItems(first: 5, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) { edges { node { id title dueDate overdue } } }
        full: actionItems(first: 5, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) { edges { node { id description status createdAt } } }
      }
    }`;
    db.sql.reset();
    const org = (await client.ok(Q, { id: w.dept.id })).organisation;
    const pages = db.sql.statements.filter((x) => /FROM action_item_open_by_ancestor ai LEFT JOIN action_item a/.test(x) && /k0/.test(x));
    assert.equal(pages.length, 2, pages.map((x) => x.slice(0, 200)).join('\n'));
    const slim = pages.find((x) => !/a\."description"/.test(x));
    assert.ok(slim, 'the slim selection reads no description');
    for (const column of ['title', 'due_date', 'status', 'confidential', 'forum_id']) assert.ok(slim.includes(`a."${column}"`), `slim reads ${column}`);
    assert.ok(!slim.includes('a."created_at"') && !slim.includes('a."assignee_person_id"'), slim);
    const ids = (await expected({ open: true })).slice(0, 5);
    assert.deepEqual(org.slim.edges.map((e: any) => e.node.id), ids);
    assert.deepEqual(org.full.edges.map((e: any) => e.node.id), ids);
    const rows: { id: string; title: string; description: string | null; due: string; status: string; created: Date }[] = await db.ds.query(
      `SELECT id::text, title, description, due_date::text AS due, status::text, created_at AS created FROM action_item WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const e of org.slim.edges) {
      const r = byId.get(e.node.id)!;
      assert.equal(e.node.title, r.title);
      assert.equal(e.node.dueDate, r.due);
      assert.equal(e.node.overdue, r.due < '2026-06-15');
    }
    for (const e of org.full.edges) {
      const r = byId.get(e.node.id)!;
      assert.equal(e.node.description, r.description);
      assert.equal(e.node.status, r.status.toUpperCase());
      assert.equal(e.node.createdAt, r.created.toISOString());
    }
  });

  it('counts folded into a level of many parents: each parent its own, zero for a parent without rows', async () => {
    const Q = `query { organisations(first: 100) { edges { node { id
      actionItems(first: 2, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) { totalCount boundedCount(upTo: 3) { count exact } edges { node { id } } }
      all: actionItems(first: 1, filter: { includeSubOrganisations: false }) { totalCount }
      done: actionItems(first: 1, filter: { status: [DONE] }) { totalCount boundedCount(upTo: 2) { count exact } } } } } }`;
    db.sql.reset();
    const orgs = (await client.ok(Q)).organisations.edges.map((e: any) => e.node);
    const lists = db.sql.statements.filter((x) => /action_item/.test(x));
    assert.equal(lists.length, 3, lists.map((x) => x.slice(0, 140)).join('\n'));
    assert.ok(lists.some((x) => /AS fo\(v\) CROSS JOIN LATERAL/.test(x) && /__c0/.test(x)), 'the fanned-out list (done items of the subtree) counts in its page statement too');
    assert.ok(orgs.length > 5);
    let empty = 0;
    for (const o of orgs) {
      const [{ open, done, own }] = await db.ds.query(
        `WITH RECURSIVE sub(id) AS (SELECT $1::uuid UNION SELECT x.id FROM organisation x JOIN sub ON x.parent_id = sub.id)
         SELECT (SELECT count(*)::int FROM action_item ai WHERE ai.assignee_organisation_id IN (SELECT id FROM sub) AND ai.status IN ('open', 'in_progress', 'blocked')) AS open,
                (SELECT count(*)::int FROM action_item ai WHERE ai.assignee_organisation_id IN (SELECT id FROM sub) AND ai.status = 'done') AS done,
                (SELECT count(*)::int FROM action_item ai WHERE ai.assignee_organisation_id = $1) AS own`,
        [o.id],
      );
      if (open === 0) empty++;
      assert.equal(o.actionItems.totalCount, open, o.id);
      assert.deepEqual({ ...o.actionItems.boundedCount }, { count: Math.min(open, 3), exact: open <= 3 }, o.id);
      assert.equal(o.actionItems.edges.length, Math.min(open, 2));
      assert.equal(o.all.totalCount, own, o.id);
      assert.equal(o.done.totalCount, done, o.id);
      assert.deepEqual({ ...o.done.boundedCount }, { count: Math.min(done, 2), exact: done <= 2 }, o.id);
    }
    assert.ok(empty > 0, 'some organisation has no open work');
  });

  it('bounded counts over the subtree stop at their bound and are exact below it', async () => {
    const n = (await expected({ open: true })).length;
    const count = async (upTo: number, filter: unknown = { status: OPEN }) =>
      ({ ...(await client.ok(ITEMS, { id: w.dept.id, first: 1, filter, upTo })).organisation.actionItems.boundedCount });
    assert.deepEqual(await count(n), { count: n, exact: true });
    assert.deepEqual(await count(n - 1), { count: n - 1, exact: false });
    assert.deepEqual(await count(3), { count: 3, exact: false });
    assert.deepEqual(await count(1000), { count: n, exact: true });
    const overdue = (await expected({ open: true, overdue: true })).length;
    assert.deepEqual(await count(1000, { overdue: true }), { count: overdue, exact: true });
    assert.deepEqual(await count(2, { overdue: true }), { count: 2, exact: false });
  });

  it("keeps a key's read scope: items of partnerships outside the key are neither listed nor counted", async () => {
    const key = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000001', scopes: [ApiScope.READ_ACTION_ITEMS, ApiScope.READ_DIRECTORY], partnershipIds: [w.partnership.id] },
      now: () => new Date('2026-06-15T10:00:00Z'),
    });
    try {
      const want = await expected({ open: true, partnerships: [w.partnership.id] });
      assert.ok(want.length < (await expected({ open: true })).length, 'the other partnership holds some of the items');
      assert.deepEqual(await walk(key, { status: OPEN }, 4), want);
      const c = (await key.ok(ITEMS, { id: w.dept.id, first: 1, filter: { status: OPEN }, upTo: 1000 })).organisation.actionItems.boundedCount;
      assert.deepEqual({ ...c }, { count: want.length, exact: true });
    } finally {
      await key.stop();
    }
    assert.ok(otherPartnershipId);
  });

  it('a key for many partnerships: its guard filters the nested pages and counts through a hash table, with the same rows', async () => {
    // 12 partnerships (the key's one real partnership and 11 that hold nothing here): more than the
    // guard tests one by one (scope.ts LINEAR_MAX), so the guard's array is probed as a hashed subplan.
    const many = [w.partnership.id, ...Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`)];
    const key = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000004', scopes: [ApiScope.READ_ACTION_ITEMS, ApiScope.READ_DIRECTORY], partnershipIds: many },
      now: () => new Date('2026-06-15T10:00:00Z'),
    });
    try {
      const want = await expected({ open: true, partnerships: [w.partnership.id] });
      db.sql.reset();
      assert.deepEqual(await walk(key, { status: OPEN }, 4), want);
      const c = (await key.ok(ITEMS, { id: w.dept.id, first: 1, filter: { status: OPEN }, upTo: 1000 })).organisation.actionItems.boundedCount;
      assert.deepEqual({ ...c }, { count: want.length, exact: true });
      const guarded = db.sql.statements.filter((s) => /action_item_open_by_ancestor/.test(s));
      assert.ok(guarded.length >= 2, guarded.join('\n'));
      for (const s of guarded) {
        assert.match(s, /partnership_id IN \(SELECT unnest\(\$\d+::uuid\[\]\)\)/, s);
        assert.doesNotMatch(s, /partnership_id = ANY/, s);
      }
      // Overdue work under the same key: the same rows as the plain query.
      const overdue = await expected({ open: true, overdue: true, partnerships: [w.partnership.id] });
      assert.deepEqual(await walk(key, { overdue: true }, 5), overdue);
    } finally {
      await key.stop();
    }
  });

  it("a top-level list's page (a search, a plain list) carries only the columns its selection reads; such nodes serve nothing else", async () => {
    const Q = `query($q: String!, $m: ID!) {
      found: meetings(first: 10, filter: { search: $q }) { edges { node { id title startsAt forum { name } } } }
      plain: meetings(first: 10) { edges { node { id title } } }
      one: meeting(id: $m) { id minutesNotes location createdAt }
    }`;
    const [m] = await db.ds.query(`SELECT id::text FROM meeting ORDER BY starts_at DESC, id DESC LIMIT 1`);
    await db.ds.query(`UPDATE meeting SET minutes_notes = 'Noter fra mødet', location = 'Tingbjerg Bibliotek' WHERE id = $1`, [m.id]);
    db.sql.reset();
    const got = await client.ok(Q, { q: 'opfølgning', m: m.id });
    const pages = db.sql.statements.filter((x) => /FROM meeting_search s|FROM meeting m/.test(x) && /k0/.test(x));
    assert.equal(pages.length, 2, db.sql.statements.map((x) => x.slice(0, 160)).join('\n'));
    for (const page of pages) {
      assert.match(page, /m\."title"/);
      assert.doesNotMatch(page, /m\."minutes_notes"|m\."location"|m\."created_at"/);
    }
    assert.ok(got.found.edges.length >= 1 && got.found.edges.every((e: any) => e.node.title && e.node.startsAt && e.node.forum.name));
    assert.ok(got.plain.edges.some((e: any) => e.node.id === m.id), 'the meeting by id is also on the plain page');
    // The same meeting by id is read whole, not taken from the pages' partial nodes.
    assert.equal(got.one.minutesNotes, 'Noter fra mødet');
    assert.equal(got.one.location, 'Tingbjerg Bibliotek');
    assert.ok(got.one.createdAt);
    setPrefetch(false);
    try {
      assert.deepEqual(await client.ok(Q, { q: 'opfølgning', m: m.id }), got);
    } finally {
      setPrefetch(true);
    }
  });

  it("integrations' lists (decisions, actionItems) read a page with each item's forum in one statement, only the columns selected; the same data as entity by entity", async () => {
    const ctx = ctxAt(db.ds);
    for (let i = 0; i < 3; i++) {
      await decisionService.record(ctx, { agendaItemId: w.item.id, text: `Beslutning ${i}`, caseNumber: `27.00.00-G01-${i}-26`, decidedAt: new Date(Date.UTC(2026, 4, 1 + i)) });
    }
    const D = `query($p: ID!) { decisions(first: 2, filter: { partnershipId: $p }) {
      pageInfo { hasNextPage endCursor } edges { node { id text status decidedAt caseNumber forum { id name } } } } }`;
    const A = `{ actionItems(first: 10) { pageInfo { hasNextPage } edges { node { id title dueDate status forum { name } } } } }`;
    for (const [q, vars, table] of [[D, { p: w.partnership.id }, 'decision d'], [A, {}, 'action_item ai']] as const) {
      db.sql.reset();
      const got = await client.ok(q, vars);
      assert.equal(db.sql.count, 1, db.sql.statements.map((x) => x.slice(0, 160)).join('\n'));
      const [page] = db.sql.statements;
      assert.ok(page.includes(`FROM ${table}`) && /"forum"/.test(page), page.slice(0, 300));
      assert.doesNotMatch(page, /\."created_at"|\."updated_at"/, 'no column the selection does not read');
      const list = got.decisions ?? got.actionItems;
      assert.ok(list.edges.length >= 2 && list.edges.every((e: any) => typeof e.node.forum.name === 'string' && e.node.forum.name.length > 0), JSON.stringify(list).slice(0, 300));
      setPrefetch(false);
      try {
        assert.deepEqual(await client.ok(q, vars), got);
      } finally {
        setPrefetch(true);
      }
    }
  });

  it('search within one partnership has a partnership-and-document index and finds only that partnership’s meetings', async () => {
    const Q = `query($q: String!, $p: ID) { meetings(first: 10, partnershipId: $p, filter: { search: $q }) { boundedCount { count exact } edges { node { id forum { partnership { id } } } } } }`;
    const all = (await client.ok(Q, { q: 'opfølgning' })).meetings;
    const mine = (await client.ok(Q, { q: 'opfølgning', p: otherPartnershipId })).meetings;
    assert.equal(mine.edges.length, 1);
    assert.equal(mine.edges[0].node.forum.partnership.id, otherPartnershipId);
    assert.deepEqual({ ...mine.boundedCount }, { count: 1, exact: true });
    assert.ok(all.edges.length >= 1);
    // The planner picks it on national data (a few rows here make any index as good).
    const [idx] = await db.ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'meeting_search_partnership_open_idx'`);
    assert.match(idx.indexdef, /USING gin \(partnership_id, open_doc\)/);
  });

  it('a search under a key for many partnerships filters the matches through a hash table of its partnerships, also in a generic plan, with the same results', async () => {
    const many = [w.partnership.id, otherPartnershipId, ...Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`)];
    const key = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000005', scopes: [ApiScope.READ_MEETINGS], partnershipIds: many },
      now: () => new Date('2026-06-15T10:00:00Z'),
    });
    try {
      const Q = `query($q: String!) { meetings(first: 1, filter: { search: $q }) { boundedCount { count exact } edges { node { id } } } }`;
      const want: { id: string }[] = await db.ds.query(
        `SELECT s.meeting_id::text AS id FROM meeting_search s
          WHERE s.open_doc @@ websearch_to_tsquery('danish', 'opgave') AND s.partnership_id = ANY($1::uuid[])
          ORDER BY s.starts_at DESC, s.meeting_id DESC`,
        [many],
      );
      assert.ok(want.length >= 2, 'matches in both partnerships');
      for (let i = 0; i < 3; i++) {
        db.sql.reset();
        const got = (await key.ok(Q, { q: 'opgave' })).meetings;
        assert.deepEqual(got.edges.map((e: any) => e.node.id), want.slice(0, 1).map((r) => r.id));
        assert.deepEqual({ ...got.boundedCount }, { count: want.length, exact: true });
      }
      const [text] = db.sql.statements.filter((s) => /meeting_search s/.test(s));
      assert.match(text, /s\.partnership_id IN \(SELECT unnest\(\$\d+::uuid\[\]\)\)/, text);
      assert.doesNotMatch(text, /partnership_id = ANY/, text);
      // Prepared, PostgreSQL may run it with a generic plan: there too the long list is hashed, not scanned per row.
      const plan: { 'QUERY PLAN': string }[] = await db.ds.query(`EXPLAIN (GENERIC_PLAN) ${text}`);
      const lines = plan.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(lines, /hashed SubPlan/, lines);
    } finally {
      await key.stop();
    }
  });

  it('a list filtered to one partnership the reader may read whole drops the guard (same rows); otherwise keeps it', async () => {
    const key = (partnershipIds: string[]) =>
      Client.create(db.ds, {
        principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000002', scopes: [ApiScope.READ_MEETINGS, ApiScope.READ_DECISIONS], partnershipIds },
        now: () => new Date('2026-06-15T10:00:00Z'),
      });
    const Q = `query($p: ID!) {
      meetings(first: 50, partnershipId: $p) { edges { node { id } } }
      found: meetings(first: 50, partnershipId: $p, filter: { search: "opfølgning" }) { boundedCount { count exact } edges { node { id } } }
      decisions(first: 50, filter: { partnershipId: $p }) { edges { node { id } } }
    }`;
    const system = await client.ok(Q, { p: otherPartnershipId });
    assert.ok(system.meetings.edges.length >= 1 && system.found.edges.length === 1);
    const both = await key([w.partnership.id, otherPartnershipId]);
    const only = await key([w.partnership.id]);
    try {
      db.sql.reset();
      assert.deepEqual(await both.ok(Q, { p: otherPartnershipId }), system);
      const lists = db.sql.statements.filter((s) => /FROM (meeting|decision|meeting_search) /.test(s) && /ORDER BY/.test(s));
      assert.ok(lists.length >= 3, lists.join('\n'));
      for (const s of lists) assert.ok(!/uuid\[\]/.test(s), `no partnership array in ${s}`);
      const none = await only.ok(Q, { p: otherPartnershipId });
      assert.deepEqual([none.meetings.edges, none.found.edges, none.decisions.edges], [[], [], []]);
      assert.deepEqual({ ...none.found.boundedCount }, { count: 0, exact: true });
    } finally {
      await both.stop();
      await only.stop();
    }
  });

  it("a forum's meetings: the read guard is a filter per level, implied by the forum's with its row; a key without the meetings scope sees none", async () => {
    const Q = `query($id: ID!) { forum(id: $id) { id meetings(first: 10) { edges { node { id } } } } }`;
    const key = (scopes: ApiScope[]) =>
      Client.create(db.ds, {
        principal: { kind: 'apiKey', apiKeyId: '00000000-0000-4000-8000-000000000003', scopes, partnershipIds: [w.partnership.id] },
        now: () => new Date('2026-06-15T10:00:00Z'),
      });
    const reader = await key([ApiScope.READ_MEETINGS]);
    const other = await key([ApiScope.READ_DECISIONS]);
    try {
      db.sql.reset();
      const seen = await reader.ok(Q, { id: w.forum.id });
      assert.deepEqual(seen, await client.ok(Q, { id: w.forum.id }));
      assert.ok(seen.forum.meetings.edges.length >= 1);
      // With the forum's row (prefetch): the key reads every meeting of the forum's partnership, and the
      // meetings share the forum's partnership, so the forum's guard implies theirs.
      assert.ok(db.sql.statements.some((s) => /m_n1\.forum_id = t\.id\s+ORDER BY/.test(s)), 'implied by the forum guard');
      // Read per level (m.forum_id = p.parent_id): the guard filters what the parent's index reaches.
      setPrefetch(false);
      try {
        db.sql.reset();
        assert.deepEqual(await reader.ok(Q, { id: w.forum.id }), seen);
        assert.ok(
          db.sql.statements.some((s) => /m\.forum_id = p\.parent_id/.test(s) && /coalesce\(\(?m\.partnership_id = ANY/.test(s)),
          'guard as a filter',
        );
      } finally {
        setPrefetch(true);
      }
      const none = await other.ok(Q, { id: w.forum.id });
      assert.equal(none.forum.id, w.forum.id);
      assert.deepEqual(none.forum.meetings.edges, []);
    } finally {
      await reader.stop();
      await other.stop();
    }
  });

  it('without sub-organisations the list is the organisation’s own items, as before', async () => {
    const own: { id: string }[] = await db.ds.query(
      `SELECT id::text FROM action_item WHERE assignee_organisation_id = $1 ORDER BY due_date, id`,
      [w.dept.id],
    );
    assert.deepEqual(await walk(client, { includeSubOrganisations: false }, 3), own.map((r) => r.id));
  });
});

describe('statement parameters of read guards', function () {
  this.timeout(120_000);
  let db: TestDb;
  before(async () => {
    db = await freshDatabase();
  });
  after(async () => db?.close());

  it('sends an array used at several levels once, uuid arrays in binary, anything else as given', () => {
    const ids = ['0b0e9f6c-5a8e-4d0c-9c55-0d8f3a1b2c3d', '1c1e9f6c-5a8e-4d0c-9c55-0d8f3a1b2c3d'];
    const sql = new Sql();
    const a = sql.p(ids, 'uuid[]');
    const b = sql.p(ids, 'uuid[]');
    const other = sql.p([...ids], 'uuid[]');
    const text = sql.p(ids, 'text[]');
    const odd = sql.p(['not a uuid, {x}'], 'uuid[]');
    assert.equal(a, '$1::uuid[]');
    assert.equal(b, a, 'the same array is one parameter');
    assert.equal(other, '$2::uuid[]', 'an equal but distinct array is its own parameter');
    assert.equal(text, '$3::text[]', 'the same array under another type is its own parameter');
    assert.equal(odd, '$4::uuid[]');
    assert.equal(sql.params.length, 4);
    assert.ok(Buffer.isBuffer(sql.params[0]) && Buffer.isBuffer(sql.params[1]), 'uuid arrays go as binary parameters');
    // 12 bytes of header, 8 for the one dimension, 4 + 16 per uuid
    assert.equal((sql.params[0] as Buffer).length, 20 + 2 * 20);
    assert.equal((sql.params[0] as Buffer).subarray(24, 40).toString('hex'), ids[0].replace(/-/g, ''));
    assert.equal(JSON.stringify(sql.params[0]), JSON.stringify(ids), 'logged as the list of ids');
    assert.deepEqual(sql.params.slice(2), [ids, ['not a uuid, {x}']]);
  });

  it('the database reads a binary uuid array as the ids it was given: empty, one, mixed case, hundreds', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `${i.toString(16).padStart(8, '0')}-5a8e-4d0c-9c55-0d8f3a1b2c3d`);
    for (const ids of [[], ['0B0E9F6C-5A8E-4D0C-9C55-0D8F3A1B2C3D'], many]) {
      const sql = new Sql();
      const ref = sql.p(ids, 'uuid[]');
      assert.ok(Buffer.isBuffer(sql.params[0]));
      const [row] = await db.ds.query(`SELECT ${ref}::text[] AS ids, ${ref} = ${sql.p(ids, 'text[]')}::uuid[] AS same`, sql.params);
      assert.deepEqual(row.ids, ids.map((x) => x.toLowerCase()));
      assert.equal(row.same, true);
    }
  });
});
