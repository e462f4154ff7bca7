/**
 * Counts kept between requests until the record changes (src/common/count-cache.ts): a second read
 * counts nothing, and every kind of change makes the next read count again: this process's own
 * mutation at once, another connection's write through PostgreSQL's notification, an organisation
 * moved, a new search match. Without the LISTEN connection nothing is kept.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { actionItemService } from '../src/action-item/action-item.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { meetingService, searchTuning } from '../src/meeting/meeting.service';
import { CountCache, countCacheOf, countKey, listenForCountChanges } from '../src/common/count-cache';
import { Sql } from '../src/common/pagination';
import { Metrics } from '../src/ops/metrics';

const NOW = new Date('2026-06-15T10:00:00Z');

const PAGE = `query($id: ID!) {
  organisation(id: $id) {
    actionItems(first: 2, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) { boundedCount { count exact } totalCount edges { node { id } } }
    overdue: actionItems(first: 2, filter: { overdue: true }) { boundedCount(upTo: 2) { count exact } edges { node { id } } }
  }
}`;

const TOP = `query($id: ID!) {
  actionItems(first: 2, filter: { assigneeOrganisationId: $id, includeSubOrganisations: true, status: [OPEN, IN_PROGRESS, BLOCKED] }) {
    boundedCount { count exact } totalCount edges { node { id } }
  }
}`;

const SEARCH = `query($q: String!) {
  meetings(first: 2, filter: { search: $q }) { boundedCount(upTo: 3) { count exact } edges { node { id title } } }
}`;

describe('counts kept between requests until the record changes', function () {
  this.timeout(120_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let client: Client;
  let stop: () => Promise<void>;
  let other: pg.Client;
  const warnings: string[] = [];
  const walkFrom = searchTuning.walkFrom;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    // Open items under the department and its unit, some overdue on NOW, one closed.
    for (let i = 0; i < 9; i++) {
      const a = await actionItemService.create(w.ctx, {
        title: `Opgave ${i}`,
        agendaItemId: w.item.id,
        assigneeOrganisationId: (i % 2 ? w.unit : w.dept).id,
        dueDate: i < 5 ? `2026-05-0${i + 1}` : `2026-08-0${i - 4}`,
      });
      if (i === 8) await actionItemService.changeStatus(w.ctx, a.id, ActionItemStatus.DONE, 'færdig');
    }
    for (let i = 0; i < 4; i++) {
      await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date(`2026-0${i + 2}-10T12:00:00Z`), title: `Nattevandring ${i}` });
    }
    client = await Client.create(db.ds, { now: () => NOW });
    stop = await listenForCountChanges(db.ds, (m) => warnings.push(m));
    other = new pg.Client({ connectionString: db.url });
    await other.connect();
    // The search walks periods from 3 matches on (its gate), as a national term with many matches does.
    searchTuning.walkFrom = 3;
  });

  after(async () => {
    searchTuning.walkFrom = walkFrom;
    await stop?.();
    await other?.end();
    await client?.stop();
    await db?.close();
  });

  /** The counts as the plain queries give them. */
  async function truth() {
    const [r] = await db.ds.query(
      `WITH RECURSIVE sub(id) AS (SELECT $1::uuid UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id)
       SELECT count(*)::int AS open, count(*) FILTER (WHERE due_date < '2026-06-15')::int AS overdue
         FROM action_item WHERE assignee_organisation_id IN (SELECT id FROM sub) AND status IN ('open', 'in_progress', 'blocked')`,
      [w.dept.id],
    );
    return { open: r.open as number, overdue: Math.min(r.overdue as number, 2), overdueExact: (r.overdue as number) <= 2 };
  }

  async function page() {
    const o = (await client.ok(PAGE, { id: w.dept.id })).organisation;
    assert.equal(o.actionItems.totalCount, o.actionItems.boundedCount.count);
    return { open: o.actionItems.boundedCount.count as number, overdue: o.overdue.boundedCount.count as number, overdueExact: o.overdue.boundedCount.exact as boolean };
  }

  /** Statements of the last reads that count rows (a count over the open-work table or a search's gate). */
  const counting = () => db.sql.statements.filter((s) => /count\(\*\)/.test(s)).length;

  /** Until the notification of another connection's change has reached the cache (it empties it). */
  async function notified() {
    for (let i = 0; i < 200 && countCacheOf(db.ds).size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(countCacheOf(db.ds).size, 0, 'the notification arrived');
  }

  it('a second read of the same page counts nothing: its statements read the pages alone, with the same answer', async () => {
    const want = await truth();
    db.sql.reset();
    assert.deepEqual(await page(), want);
    assert.ok(counting() >= 2, db.sql.statements.join('\n---\n'));
    db.sql.reset();
    assert.deepEqual(await page(), want);
    assert.equal(counting(), 0, db.sql.statements.join('\n---\n'));
    const scraped = await new Metrics(db.ds).registry.metrics();
    assert.match(scraped, /^count_cache_live 1$/m);
    assert.match(scraped, /^count_cache_hits [1-9]/m);
    assert.match(scraped, /^count_cache_entries [1-9]/m);
    // The top-level list over the subtree (an integration's) likewise.
    const top = async () => (await client.ok(TOP, { id: w.dept.id })).actionItems;
    const first = await top();
    assert.equal(first.boundedCount.count, want.open);
    assert.equal(first.totalCount, want.open);
    db.sql.reset();
    assert.deepEqual(await top(), first);
    assert.equal(counting(), 0, db.sql.statements.join('\n---\n'));
  });

  it('a level of many parents keeps each parent its own counts', async () => {
    const LEVEL = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Organisation { id actionItems(first: 1, filter: { status: [OPEN, IN_PROGRESS, BLOCKED] }) { boundedCount { count } } } } }`;
    const ids = [w.dept.id, w.unit.id, w.police.id];
    const read = async () => ((await client.ok(LEVEL, { ids })).nodes as any[]).map((o) => o.actionItems.boundedCount.count as number);
    const first = await read();
    const want: number[] = [];
    for (const id of ids) {
      const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM action_item_open_by_ancestor WHERE organisation_id = $1`, [id]);
      want.push(n);
    }
    assert.deepEqual(first, want);
    assert.ok(want[0] > want[1] && want[1] > want[2], `distinct counts: ${want}`);
    db.sql.reset();
    assert.deepEqual(await read(), want);
    assert.equal(counting(), 0, db.sql.statements.join('\n---\n'));
  });

  it("this process's mutation drops the counts before its response: the next read counts again and sees it", async () => {
    // The notifications out of the way (they would arrive within a millisecond too): the mutation alone.
    await stop();
    countCacheOf(db.ds).setLive(true);
    try {
      const before = await page();
      await page();
      assert.ok(countCacheOf(db.ds).size > 0);
      const [item] = await db.ds.query(`SELECT id::text FROM action_item WHERE status = 'open' AND due_date < '2026-06-15' ORDER BY due_date LIMIT 1`);
      await client.ok(`mutation($id: ID!) { changeActionItemStatus(id: $id, status: DONE, comment: "løst") { id status } }`, { id: item.id });
      const want = await truth();
      db.sql.reset();
      const after = await page();
      assert.ok(counting() >= 2, 'counted again');
      assert.equal(after.open, before.open - 1);
      assert.deepEqual(after, want);
    } finally {
      countCacheOf(db.ds).setLive(false);
      stop = await listenForCountChanges(db.ds, (m) => warnings.push(m));
    }
  });

  it("another connection's write reaches the counts through PostgreSQL's notification", async () => {
    const before = await page();
    await page(); // kept
    assert.ok(countCacheOf(db.ds).size > 0);
    await other.query(`UPDATE action_item SET status = 'done', closed_at = now(), version = version + 1
      WHERE id = (SELECT id FROM action_item WHERE status = 'open' ORDER BY due_date DESC LIMIT 1)`);
    await notified();
    const after = await page();
    assert.equal(after.open, before.open - 1);
    assert.deepEqual(after, await truth());
  });

  it("an organisation moved out of the subtree changes its former ancestors' counts (notified from the open-work table)", async () => {
    const before = await page();
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM action_item WHERE assignee_organisation_id = $1 AND status IN ('open', 'in_progress', 'blocked')`, [w.unit.id]);
    assert.ok(n > 0);
    await page();
    await other.query(`UPDATE organisation SET parent_id = NULL WHERE id = $1`, [w.unit.id]);
    await notified();
    const after = await page();
    assert.equal(after.open, before.open - n);
    assert.deepEqual(after, await truth());
    await other.query(`UPDATE organisation SET parent_id = $2 WHERE id = $1`, [w.unit.id, w.dept.id]);
    await notified();
    assert.deepEqual(await page(), before);
  });

  it("a search's count and its walk's gate are kept too; a new matching meeting is counted", async () => {
    const run = async () => (await client.ok(SEARCH, { q: 'nattevandring' })).meetings;
    const first = await run();
    assert.deepEqual(first.boundedCount, { count: 3, exact: false });
    db.sql.reset();
    const again = await run();
    assert.deepEqual(again, first);
    assert.equal(counting(), 0, 'the gate came from the cache');
    assert.match(db.sql.statements.find((s) => /WITH gate/.test(s)) ?? '', /WITH gate AS MATERIALIZED \(SELECT \$\d+::int AS n\)/);
    // Fewer matches than the gate: the same search with a rarer word, then one more meeting matching it.
    const rare = async () => (await client.ok(SEARCH, { q: 'vandring' })).meetings;
    assert.deepEqual((await rare()).boundedCount, { count: 0, exact: true });
    await rare();
    await other.query(`UPDATE meeting SET title = 'Vandring i området', version = version + 1 WHERE id = $1`, [w.meeting.id]);
    await notified();
    const after = await rare();
    assert.deepEqual(after.boundedCount, { count: 1, exact: true });
    assert.equal(after.edges[0].node.id, w.meeting.id);
  });

  it('readers with different read scopes keep different counts', () => {
    const a = new Sql();
    const b = new Sql();
    const ids = ['0b0e9f6c-5a8e-4d0c-9c55-0d8f3a1b2c3d', '1c1e9f6c-5a8e-4d0c-9c55-0d8f3a1b2c3d'];
    const text = `x.partnership_id = ANY(${a.p(ids, 'uuid[]')})`;
    assert.equal(text, `x.partnership_id = ANY(${b.p([...ids], 'uuid[]')})`);
    assert.equal(countKey(text, a.params), countKey(text, b.params), 'the same ids: the same key');
    const c = new Sql();
    c.p(ids.slice(0, 1), 'uuid[]');
    assert.notEqual(countKey(text, a.params), countKey(text, c.params), 'other ids: another key');
    assert.notEqual(countKey(text, a.params, 'parent 1'), countKey(text, a.params, 'parent 2'));
    // Only the parameters the count reads make its key (not the page's cursor or size).
    assert.equal(countKey('n < $2', [1, 'x', 3]), countKey('n < $2', [9, 'x', 7]));
    assert.notEqual(countKey('n < $2', [1, 'x']), countKey('n < $2', [1, 'y']));
    assert.notEqual(countKey('n < $1', [1]), countKey('n < $10', [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]), '$1 is not $10');
  });

  it('a count read while a change arrives is not kept; the cache holds its bound, least recently used out', () => {
    const cache = new CountCache(2);
    cache.set('a', cache.begin(), 1);
    assert.equal(cache.get('a'), undefined, 'nothing kept before the LISTEN connection is up');
    cache.setLive(true);
    const g = cache.begin();
    cache.changed();
    cache.set('a', g, 1);
    assert.equal(cache.get('a'), undefined, 'read under an older generation');
    cache.set('a', cache.begin(), 1);
    cache.set('b', cache.begin(), 2);
    assert.equal(cache.get('a'), 1); // a is now the most recently used
    cache.set('c', cache.begin(), 3);
    assert.equal(cache.get('b'), undefined, 'the least recently used went');
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    cache.setLive(false);
    assert.equal(cache.get('a'), undefined, 'nothing served without the LISTEN connection');
  });

  it('without the LISTEN connection every read counts; it comes back after a drop', async () => {
    await page();
    // The connection killed from the server side, as a failover or a restart would.
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    for (let i = 0; i < 100 && countCacheOf(db.ds).enabled; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(countCacheOf(db.ds).enabled, false);
    assert.ok(warnings.some((m) => /LISTEN connection lost/.test(m)), warnings.join('\n'));
    db.sql.reset();
    await page();
    await page();
    assert.ok(counting() >= 4, 'both reads counted');
    for (let i = 0; i < 300 && !countCacheOf(db.ds).enabled; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(countCacheOf(db.ds).enabled, true, 'listening again');
    await page();
    const want = await truth();
    db.sql.reset();
    assert.deepEqual(await page(), want);
    assert.equal(counting(), 0);
    await stop();
    db.sql.reset();
    await page();
    await page();
    assert.ok(counting() >= 4, 'stopped: both reads counted');
  });
});
