/**
 * The per-meeting search document (migration MeetingSearchDocument): kept current by triggers in the
 * writing transaction, equal to a full rebuild, correct under concurrent writers, and confidential
 * text searchable only by readers who may see it.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { meetingService, searchTuning } from '../src/meeting/meeting.service';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { ApiScope } from '../src/api-key/api-key.entity';
import { partnershipService } from '../src/partnership/partnership.service';
import { forumService } from '../src/forum/forum.service';
import { ForumLevel } from '../src/forum/forum.entity';

describe('meeting search document', () => {
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;

  /** Ids of the meetings whose document matches the term (open part, or both with `confidential`). */
  async function hits(term: string, confidential = false): Promise<string[]> {
    const rows = await db.ds.query(
      `SELECT meeting_id FROM meeting_search
        WHERE open_doc @@ websearch_to_tsquery('danish', $1) ${confidential ? `OR confidential_doc @@ websearch_to_tsquery('danish', $1)` : ''}
        ORDER BY meeting_id`,
      [term],
    );
    return rows.map((r: { meeting_id: string }) => r.meeting_id);
  }

  /** Every document as its set of lexemes (positions depend on the order items were added). */
  async function documents(): Promise<Record<string, string>> {
    const rows = await db.ds.query(`SELECT meeting_id, strip(open_doc)::text AS o, strip(confidential_doc)::text AS c, starts_at, forum_id FROM meeting_search ORDER BY meeting_id`);
    return Object.fromEntries(rows.map((r: any) => [r.meeting_id, JSON.stringify([r.o, r.c, r.starts_at, r.forum_id])]));
  }

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
  });
  after(() => db.close());

  it('has a document for every meeting, holding its agenda items, decisions and action items', async () => {
    const [{ n }] = await db.ds.query(`SELECT (SELECT count(*) FROM meeting)::int - (SELECT count(*) FROM meeting_search)::int AS n`);
    assert.equal(n, 0);
    assert.deepEqual(await hits('tryghedsvandringer'), [w.meeting.id], 'the agenda item title, stemmed');
    const decision = await decisionService.record(w.ctx, { agendaItemId: w.item.id, text: 'Partnerskabet opretter en natteravnsordning' });
    assert.deepEqual(await hits('natteravnsordning'), [w.meeting.id], 'a decision recorded later');
    await actionItemService.create(w.ctx, {
      decisionId: decision.id,
      title: 'Indkøb af refleksveste',
      assigneeOrganisationId: w.police.id,
      dueDate: '2026-08-01',
    });
    assert.deepEqual(await hits('refleksveste'), [w.meeting.id], 'an action item created later');
  });

  it('follows edits: the old text stops matching, the new text matches; status changes leave it alone', async () => {
    await agendaService.update(w.ctx, w.item.id, { title: 'Hærværk ved Ruten' });
    assert.deepEqual(await hits('tryghedsvandring'), []);
    assert.deepEqual(await hits('hærværk'), [w.meeting.id]);
    const before = await db.ds.query(`SELECT xmin::text AS x FROM meeting_search WHERE meeting_id = $1`, [w.meeting.id]);
    const [item] = await db.ds.query(`SELECT id FROM action_item WHERE meeting_id = $1`, [w.meeting.id]);
    await actionItemService.changeStatus(w.ctx, item.id, ActionItemStatus.IN_PROGRESS, 'i gang');
    const after = await db.ds.query(`SELECT xmin::text AS x FROM meeting_search WHERE meeting_id = $1`, [w.meeting.id]);
    assert.equal(after[0].x, before[0].x, 'a status change does not rewrite the document');
  });

  it('moves confidential text to the confidential part, and back', async () => {
    await agendaService.update(w.ctx, w.item.id, { confidential: true });
    assert.deepEqual(await hits('hærværk'), [], 'not in the open part');
    assert.deepEqual(await hits('natteravnsordning'), [], 'the decision under it became confidential too');
    assert.deepEqual(await hits('hærværk', true), [w.meeting.id], 'in the confidential part');
    await agendaService.update(w.ctx, w.item.id, { confidential: false });
    assert.deepEqual(await hits('hærværk'), [w.meeting.id]);
  });

  it('follows items carried over to another meeting and meetings that move', async () => {
    const next = await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date('2026-08-03T12:00:00Z') });
    const extra = await agendaService.add(w.ctx, w.meeting.id, { title: 'Graffiti på muren', kind: AgendaItemKind.DISCUSSION });
    // Deferring copies the item onto the forum's next scheduled meeting.
    await agendaService.defer(w.ctx, extra.id, 'ingen tid');
    assert.deepEqual((await hits('graffiti')).sort(), [w.meeting.id, next.id].sort(), 'found at both meetings');
    await meetingService.update(w.ctx, next.id, { startsAt: new Date('2026-08-10T12:00:00Z') });
    const [row] = await db.ds.query(`SELECT starts_at FROM meeting_search WHERE meeting_id = $1`, [next.id]);
    assert.equal(new Date(row.starts_at).toISOString(), '2026-08-10T12:00:00.000Z');
  });

  it('equals a full rebuild after all these writes', async () => {
    const incremental = await documents();
    await db.ds.query(`SELECT meeting_search_rebuild()`);
    assert.deepEqual(await documents(), incremental);
  });

  it('keeps the documents out of line, written item by item or rebuilt, so the heap a search visits stays narrow', async function () {
    const [{ v }] = await db.ds.query(`SELECT current_setting('server_version_num')::int AS v`);
    if (v < 170000) this.skip(); // pg_column_toast_chunk_id is PostgreSQL 17's
    const m = await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date('2026-09-21T12:00:00Z') });
    const titles = ['Sommerferieaktiviteter for de yngste', 'Lektiecafé på biblioteket', 'Forældrenetværkets julearrangement', 'Fodboldturnering mellem afdelingerne', 'Kontaktlisten opdateres før nytår'];
    for (const title of titles) await agendaService.add(w.ctx, m.id, { title, kind: AgendaItemKind.DISCUSSION });
    const outOfLine = async () => {
      const [row] = await db.ds.query(
        `SELECT pg_column_toast_chunk_id(open_doc) IS NOT NULL AS external, octet_length(open_doc::text) AS text_len FROM meeting_search WHERE meeting_id = $1`,
        [m.id],
      );
      return row;
    };
    const written = await outOfLine();
    // A document far under the ~2 KB at which PostgreSQL would move it out of line on its own.
    assert.ok(written.text_len > 200 && written.text_len < 1500, `document of ${written.text_len} characters`);
    assert.equal(written.external, true, 'out of line after item-by-item updates');
    await db.ds.query(`SELECT meeting_search_rebuild()`);
    assert.equal((await outOfLine()).external, true, 'out of line after a rebuild');
    assert.deepEqual(await hits('lektiecafé'), [m.id], 'and found');
  });

  it('pages search results through GraphQL in the order of the meeting list, with the same cursors and filters', async () => {
    const client = await Client.create(db.ds);
    try {
      for (const [i, d] of ['2026-09-07', '2026-10-05', '2026-11-02'].entries()) {
        const m = await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date(`${d}T12:00:00Z`) });
        await agendaService.add(w.ctx, m.id, { title: `Ungdomsklub runde ${i}`, kind: AgendaItemKind.DISCUSSION });
      }
      const Q = `query($q: String, $after: String, $status: [MeetingStatus!]) {
        meetings(first: 1, after: $after, filter: { search: $q, status: $status }) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startsAt } } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await client.ok(Q, { q: 'ungdomsklub', after })).meetings;
        assert.equal(page.totalCount, 3);
        seen.push(...page.edges.map((e: any) => e.node.startsAt));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      assert.deepEqual(seen, ['2026-11-02T12:00:00.000Z', '2026-10-05T12:00:00.000Z', '2026-09-07T12:00:00.000Z']);
      // A cursor of the plain list continues a search and vice versa: the same sort keys.
      const plain: any = (await client.ok(Q, { q: null, after: null })).meetings;
      const fromPlain: any = (await client.ok(Q, { q: 'ungdomsklub', after: plain.pageInfo.endCursor })).meetings;
      assert.ok(fromPlain.edges.every((e: any) => e.node.startsAt < plain.edges[0].node.startsAt));
      const cancelled: any = (await client.ok(Q, { q: 'ungdomsklub', status: ['CANCELLED'] })).meetings;
      assert.equal(cancelled.totalCount, 0, 'meeting filters apply to search results');
    } finally {
      await client.stop();
    }
  });

  it('finds a page among the documents first and joins only its meetings, backwards too', async () => {
    const client = await Client.create(db.ds);
    try {
      const Q = `query($q: String, $first: Int, $last: Int, $before: String) {
        meetings(first: $first, last: $last, before: $before, filter: { search: $q }) {
          pageInfo { hasPreviousPage startCursor } edges { node { id startsAt } } } }`;
      const forward: any = (await client.ok(Q, { q: 'ungdomsklub', first: 10 })).meetings;
      assert.equal(forward.edges.length, 3);
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        db.sql.reset();
        const page: any = (await client.ok(Q, { q: 'ungdomsklub', last: 1, before })).meetings;
        assert.ok(
          db.sql.statements.some((st) =>
            /= ANY\(ARRAY\(SELECT s\.meeting_id FROM meeting_search s LEFT JOIN meeting m/.test(st) ||
            (/page_keys AS MATERIALIZED \(SELECT s\.meeting_id AS id, count\(\*\) OVER \(\) AS total FROM meeting_search s LEFT JOIN meeting m/.test(st) &&
              /= ANY\(ARRAY\(SELECT id FROM page_keys\)\)/.test(st)),
          ),
          "the page is chosen by the documents' keys, then read back by id",
        );
        backward.unshift(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      assert.deepEqual(backward, forward.edges.map((e: any) => e.node.id));
    } finally {
      await client.stop();
    }
  });

  it('counts a first or last page of results in the page statement; a page after a cursor counts with its own', async () => {
    const client = await Client.create(db.ds);
    try {
      const Q = `query($q: String, $first: Int, $last: Int, $after: String, $upTo: Int!) {
        meetings(first: $first, last: $last, after: $after, filter: { search: $q }) {
          totalCount boundedCount(upTo: $upTo) { count exact } pageInfo { endCursor } edges { node { id } } } }`;
      const counts = async (vars: Record<string, unknown>) => {
        db.sql.reset();
        const m: any = (await client.ok(Q, { q: 'ungdomsklub', ...vars })).meetings;
        const reads = db.sql.statements.filter((st) => /meeting_search/.test(st));
        return { total: m.totalCount, bounded: { ...m.boundedCount }, statements: reads.length, endCursor: m.pageInfo.endCursor };
      };
      for (const vars of [{ first: 1, upTo: 2 }, { last: 1, upTo: 5 }, { first: 5, upTo: 3 }]) {
        const c = await counts(vars);
        assert.equal(c.total, 3, JSON.stringify(vars));
        assert.deepEqual(c.bounded, { count: Math.min(3, vars.upTo), exact: vars.upTo >= 3 }, JSON.stringify(vars));
        assert.equal(c.statements, 1, `${JSON.stringify(vars)}: one statement for the page and its counts`);
      }
      const first = await counts({ first: 1, upTo: 2 });
      const next = await counts({ first: 1, after: first.endCursor, upTo: 2 });
      assert.equal(next.total, 3, 'the whole list, not what follows the cursor');
      assert.deepEqual(next.bounded, { count: 2, exact: false });
      assert.ok(next.statements > 1, 'counted by its own statements');
      const none: any = (await client.ok(Q, { q: 'ingensteds', first: 3, upTo: 2 })).meetings;
      assert.deepEqual([none.totalCount, { ...none.boundedCount }, none.edges.length], [0, { count: 0, exact: true }, 0]);
    } finally {
      await client.stop();
    }
  });

  it('walks a term with many matches period by period, newest first: the same pages and counts as sorting every match', async () => {
    // 13 matches over ~two years before today (30-day periods), one ahead of today, two at the same
    // minute (a tie broken by id across a page boundary), plus meetings that do not match in between.
    const DAY = 86_400_000;
    const today = new Date(Math.floor(Date.now() / DAY) * DAY);
    const daysAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString();
    const offsets = [700, 650, 600, 550, 500, 450, 400, 350, 300, 250, 250, 200, -45];
    for (const [i, n] of offsets.entries()) {
      const day = today.getTime() - n * DAY;
      const m = await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date(day + 16 * 3_600_000) });
      await agendaService.add(w.ctx, m.id, { title: `Skurvognen i gården, punkt ${i}`, kind: AgendaItemKind.DISCUSSION });
      const other = await meetingService.schedule(w.ctx, { forumId: w.forum.id, startsAt: new Date(day + 9 * 3_600_000) });
      await agendaService.add(w.ctx, other.id, { title: 'Budget og regnskab', kind: AgendaItemKind.DISCUSSION });
    }
    const client = await Client.create(db.ds);
    const walkFrom = searchTuning.walkFrom;
    const countByPeriodsFrom = searchTuning.countByPeriodsFrom;
    try {
      const Q = `query($q: String, $after: String, $from: DateTimeISO, $first: Int = 3) {
        meetings(first: $first, after: $after, filter: { search: $q, from: $from }) {
          boundedCount(upTo: 4) { count exact } pageInfo { hasNextPage endCursor } edges { cursor node { id startsAt } } } }`;
      /** Every page in turn; the first page's statement and parameters, to EXPLAIN as it ran. */
      const pages = async (vars: Record<string, unknown>) => {
        const ids: string[] = [];
        const counts: unknown[] = [];
        let first: { text: string; params: unknown[] } | null = null;
        let after: string | null = null;
        for (;;) {
          db.sql.reset();
          const page: any = (await client.ok(Q, { q: 'skurvognen', after, ...vars })).meetings;
          const i = db.sql.statements.findIndex((st) => /FROM meeting_search s/.test(st) && !/^EXPLAIN/.test(st));
          first ??= { text: db.sql.statements[i], params: db.sql.parameters[i] };
          ids.push(...page.edges.map((e: any) => e.node.id));
          counts.push({ ...page.boundedCount });
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        return { ids, counts, first: first! };
      };
      /** How the first page's statement ran: whether it walked, and how many periods it read. */
      const how = async (st: { text: string; params: unknown[] }) => {
        const [{ 'QUERY PLAN': [plan] }] = await db.ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${st.text}`, st.params);
        const nodes: any[] = [];
        const visit = (n: any) => (nodes.push(n), (n.Plans ?? []).forEach(visit));
        visit(plan.Plan);
        const series = nodes.find((n) => n['Function Name'] === 'generate_series' && n.Alias === 'period');
        // Each period's read: a scan of meeting_search on `period = period.v` (an index scan nationally, a
        // sequential one on this small table), executed once per period walked.
        const cond = (n: any) => (n['Relation Name'] === 'meeting_search' ? `${n['Recheck Cond'] ?? n['Index Cond'] ?? ''} ${n.Filter ?? ''}` : '');
        const probes = nodes.filter((n) => /period = period\.v/.test(cond(n)));
        // The periods after today's, read at once before the walk (walk.chunkAfter).
        const chunk = nodes.filter((n) => /\(period > /.test(cond(n)));
        // The count by periods (walk.countByPeriods): its own series, one read per period counted.
        const gateProbes = nodes.filter((n) => /period = gate_period\.v/.test(cond(n)));
        return {
          countedByPeriods: gateProbes.some((n) => n['Actual Loops'] > 0),
          periodsCounted: gateProbes.reduce((sum, n) => sum + n['Actual Loops'], 0),
          walked: series['Actual Loops'] > 0,
          periodsRead: probes.reduce((sum, n) => sum + n['Actual Loops'], 0),
          chunkReads: chunk.reduce((sum, n) => sum + n['Actual Loops'], 0),
        };
      };

      searchTuning.walkFrom = 1_000_000;
      const sorted = await pages({});
      assert.equal(sorted.ids.length, offsets.length);
      assert.deepEqual((await how(sorted.first)).walked, false, 'fewer matches than walkFrom: read whole and sorted');

      searchTuning.walkFrom = 5;
      const walked = await pages({});
      assert.deepEqual(walked.ids, sorted.ids, 'the same meetings in the same order, page after page');
      const run = await how(walked.first);
      assert.equal(run.walked, true);
      // The periods after today's in one read, then one by one from today's (or the newest, if earlier)
      // down to that of the 4th match (a page of 3 and one more).
      const [{ span, needed }] = await db.ds.query(
        `SELECT max(period) - min(period) + 1 AS span,
                least(max(period), meeting_search_period(now()))
                  - (SELECT period FROM meeting_search WHERE open_doc @@ websearch_to_tsquery('danish', 'skurvognen')
                      ORDER BY starts_at DESC, meeting_id DESC OFFSET 3 LIMIT 1) + 1 AS needed
           FROM meeting_search`,
      );
      assert.ok(needed < span / 2, `the data leaves periods to skip: ${needed} of ${span}`);
      assert.equal(run.periodsRead, needed, 'stopped at the period that filled the page');
      assert.equal(run.chunkReads, 1, 'the periods ahead of today read once');
      assert.equal(run.countedByPeriods, false, 'a term the statistics expect in few documents is counted in one scan');
      // Prepared, the statement keeps one generic plan (the term is a scalar subquery, so a custom plan
      // for a rare term cannot look cheaper: searchMatch), instead of being planned for every search.
      const own = new pg.Client({ connectionString: db.url });
      await own.connect();
      try {
        for (let i = 0; i < 8; i++) await own.query({ name: 'search_page', text: walked.first.text, values: walked.first.params });
        const {
          rows: [plans],
        } = await own.query(`SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'search_page'`);
        assert.deepEqual({ ...plans }, { generic_plans: '3', custom_plans: '5' }, 'after its first five executions, the generic plan');
      } finally {
        await own.end();
      }
      // The count that chose the walk serves boundedCount: 13 matches, counted up to 5 on the first page.
      assert.deepEqual(walked.counts[0], { count: 4, exact: false });
      assert.deepEqual(walked.counts, sorted.counts);

      // With another filter too (5 matches in the last 325 days, 4 in the last 275: walked, then sorted),
      // and pages of one (a cursor ahead of today: the rest of the periods ahead, then the walk), the same
      // pages as sorted.
      for (const vars of [{ from: daysAgo(325) }, { from: daysAgo(275) }, { first: 1 }]) {
        const walkedToo = await pages(vars);
        searchTuning.walkFrom = 1_000_000;
        assert.deepEqual(walkedToo.ids, (await pages(vars)).ids, JSON.stringify(vars));
        searchTuning.walkFrom = 5;
      }

      // A term expected in many documents is also counted period by period, newest first, stopping at
      // the count's reach: the same pages and counts, with and without the other filters.
      searchTuning.countByPeriodsFrom = 0;
      const byPeriods = await pages({});
      assert.deepEqual(byPeriods.ids, sorted.ids);
      assert.deepEqual(byPeriods.counts, sorted.counts);
      const counted = await how(byPeriods.first);
      assert.equal(counted.countedByPeriods, true);
      assert.equal(counted.walked, true);
      assert.ok(counted.periodsCounted > 0 && counted.periodsCounted < span, `stopped at the count's reach: ${counted.periodsCounted} of ${span} periods`);
      for (const vars of [{ from: daysAgo(325) }, { from: daysAgo(275) }, { first: 1 }, { q: 'budget' }]) {
        const countedToo = await pages(vars);
        // Against every match read and sorted, counted in one scan.
        Object.assign(searchTuning, { walkFrom: 1_000_000, countByPeriodsFrom: Infinity });
        const sortedToo = await pages(vars);
        assert.deepEqual([countedToo.ids, countedToo.counts], [sortedToo.ids, sortedToo.counts], JSON.stringify(vars));
        Object.assign(searchTuning, { walkFrom: 5, countByPeriodsFrom: 0 });
      }
    } finally {
      searchTuning.walkFrom = walkFrom;
      searchTuning.countByPeriodsFrom = countByPeriodsFrom;
      await client.stop();
    }
  });

  it("finds a reader of a few partnerships their matches through the partnerships' index, and counts them in one scan", async () => {
    // Matches in this partnership and in another; a key reading this one only, and one reading both.
    const other = await partnershipService.create(w.ctx, { name: 'Nabolaget', area: 'Valby' });
    const forum = await forumService.create(w.ctx, { partnershipId: other.id, name: 'Nabogruppen', level: ForumLevel.OPERATIONAL, recurrence: null as any });
    for (const [i, forumId] of [w.forum.id, forum.id, w.forum.id, forum.id, forum.id].entries()) {
      const m = await meetingService.schedule(w.ctx, { forumId, startsAt: new Date(Date.UTC(2026, 4, 4 + i * 7, 14)) });
      await agendaService.add(w.ctx, m.id, { title: `Cykelparkering ved hallen ${i}`, kind: AgendaItemKind.DISCUSSION });
    }
    const key = (partnershipIds: string[]) =>
      Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: crypto.randomUUID(), scopes: [ApiScope.READ_MEETINGS], partnershipIds } });
    const narrow = await key([w.partnership.id]);
    const both = await key([w.partnership.id, other.id]);
    const walkFrom = searchTuning.walkFrom;
    const countByPeriodsFrom = searchTuning.countByPeriodsFrom;
    try {
      const Q = `query($q: String!) { meetings(first: 10, filter: { search: $q }) { boundedCount(upTo: 3) { count exact } edges { node { id forum { id } } } } }`;
      const everyone = (await both.ok(Q, { q: 'cykelparkering' })).meetings;
      assert.equal(everyone.edges.length, 5);
      db.sql.reset();
      const mine = (await narrow.ok(Q, { q: 'cykelparkering' })).meetings;
      const own = everyone.edges.filter((e: any) => e.node.forum.id === w.forum.id);
      assert.equal(own.length, 2);
      assert.deepEqual(mine.edges, own, 'the same meetings, in the same order, as a wider reader sees of this partnership');
      assert.deepEqual(mine.boundedCount, { count: 2, exact: true });
      // The guard is left a condition an index can take (the documents' GIN index on partnership_id and
      // open_doc; nationally the planner takes it), not wrapped as a filter.
      const statement0 = db.sql.statements.find((st) => /WITH gate|FROM meeting_search s/.test(st) && !/^EXPLAIN/.test(st))!;
      assert.match(statement0, /AND \(?s\.partnership_id = ANY\(\$\d+::uuid\[\]\)/);
      assert.doesNotMatch(statement0, /coalesce\(\(?s\.partnership_id/);
      // Walked (many matches for this small data) and asked to count by periods, a narrow reader's
      // count still reads the matches in one scan: the same page and count.
      Object.assign(searchTuning, { walkFrom: 2, countByPeriodsFrom: 0 });
      db.sql.reset();
      const walked = (await narrow.ok(Q, { q: 'cykelparkering' })).meetings;
      assert.deepEqual(walked, mine);
      const statement = db.sql.statements.find((st) => /WITH gate/.test(st));
      assert.ok(statement && !/gate_period/.test(statement), 'no period-by-period count for a narrow reader');
      // A reader of everything (no id list) is counted period by period when asked.
      const admin = await Client.create(db.ds);
      try {
        db.sql.reset();
        const all = (await admin.ok(Q, { q: 'cykelparkering' })).meetings;
        assert.deepEqual(all.edges.map((e: any) => e.node.id), everyone.edges.map((e: any) => e.node.id));
        assert.ok(db.sql.statements.some((st) => /gate_period/.test(st)), 'counted period by period');
      } finally {
        await admin.stop();
      }
    } finally {
      Object.assign(searchTuning, { walkFrom, countByPeriodsFrom });
      await narrow.stop();
      await both.stop();
    }
  });

  it('keeps both contributions when two transactions change items of the same meeting concurrently', async () => {
    const a = await agendaService.add(w.ctx, w.meeting.id, { title: 'Punkt A', kind: AgendaItemKind.DISCUSSION });
    const b = await agendaService.add(w.ctx, w.meeting.id, { title: 'Punkt B', kind: AgendaItemKind.DISCUSSION });
    const c1 = new pg.Client({ connectionString: db.url });
    const c2 = new pg.Client({ connectionString: db.url });
    await c1.connect();
    await c2.connect();
    try {
      await c1.query('BEGIN');
      await c2.query('BEGIN');
      await c1.query(`UPDATE agenda_item SET title = 'Skraldespande' WHERE id = $1`, [a.id]);
      // c2 waits for c1's lock on the document, then recomputes it seeing c1's committed change.
      const second = c2.query(`UPDATE agenda_item SET title = 'Gadebelysning' WHERE id = $1`, [b.id]);
      await new Promise((r) => setTimeout(r, 200));
      await c1.query('COMMIT');
      await second;
      await c2.query('COMMIT');
    } finally {
      await c1.end();
      await c2.end();
    }
    assert.deepEqual(await hits('skraldespande'), [w.meeting.id]);
    assert.deepEqual(await hits('gadebelysning'), [w.meeting.id]);
  });
});
