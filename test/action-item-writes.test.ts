/**
 * The write path of an action item status change (issue 4, bench scenario 5) kept cheap: the SQL
 * statements of one change are counted (a regression fails here), and what the change leaves behind
 * is checked: the item, its history row, the audit row, the change-feed row and the live NOTIFY.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { actionItemService } from '../src/action-item/action-item.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { ApiScope } from '../src/api-key/api-key.entity';
import { LOG_TABLES, UUIDV7_FALLBACK_SQL } from '../migrations/1796400000000-TimeOrderedLogIds';

/** The Unix milliseconds a version 7 UUID carries in its first 48 bits, or null for another version. */
function v7Millis(id: string): number | null {
  const hex = id.replace(/-/g, '');
  if (hex[12] !== '7' || !'89ab'.includes(hex[16])) return null;
  return parseInt(hex.slice(0, 12), 16);
}

const CHANGE = `mutation($id: ID!, $status: ActionItemStatus!, $comment: String, $version: Int) {
  changeActionItemStatus(id: $id, status: $status, comment: $comment, version: $version) { id status version } }`;

describe('action item writes (statement budget, side rows)', () => {
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let client: Client;
  const keyId = '00000000-0000-4000-8000-0000000000ab';

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    client = await Client.create(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: keyId, scopes: [ApiScope.WRITE_ACTION_ITEM_STATUS, ApiScope.READ_ACTION_ITEMS], partnershipIds: [w.partnership.id] },
    });
  });
  after(async () => {
    await client.stop();
    await db.close();
  });

  async function newItem(title = 'Opfølgning') {
    return actionItemService.create(w.ctx, { title, meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, dueDate: '2030-01-01' });
  }

  it('a status change is three SQL statements besides BEGIN/COMMIT: lock and read, update with history row, audit row', async () => {
    const item = await newItem();
    db.sql.reset();
    const r = await client.ok(CHANGE, { id: item.id, status: 'IN_PROGRESS', comment: 'i gang' });
    assert.equal(r.changeActionItemStatus.status, 'IN_PROGRESS');
    assert.equal(r.changeActionItemStatus.version, item.version + 1);
    const sqls = db.sql.statements.map((s) => s.replace(/\s+/g, ' '));
    assert.equal(db.sql.count, 3, `statements of one status change:\n${sqls.map((s) => s.slice(0, 160)).join('\n')}`);
    assert.match(sqls[0], /pg_advisory_xact_lock/);
    assert.match(sqls[0], /FOR UPDATE OF/);
    assert.match(sqls[1], /UPDATE action_item .* INSERT INTO action_item_event/);
    assert.match(sqls[2], /INSERT INTO "?audit_entry"?/);
    // Five round trips in all: START TRANSACTION, the three statements, COMMIT.
    assert.equal(db.sql.roundTrips, 5);
  });

  it('leaves the item, one history row, one audit row with both changes, one change-feed row, and a NOTIFY', async () => {
    const item = await newItem('Tjek belysning');
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const notes: any[] = [];
    listener.on('notification', (n) => notes.push(JSON.parse(n.payload!)));
    await listener.query('LISTEN record_change');
    try {
      const [{ max: before }] = await db.ds.query('SELECT coalesce(max(seq), 0)::text AS max FROM change_event');
      await client.ok(CHANGE, { id: item.id, status: 'DONE', comment: 'lyset er skiftet', version: item.version });

      const [row] = await db.ds.query('SELECT status, closed_at, version FROM action_item WHERE id = $1', [item.id]);
      assert.equal(row.status, 'done');
      assert.ok(row.closed_at instanceof Date);
      const events = await db.ds.query("SELECT id, seq::text, kind, from_status, to_status, comment FROM action_item_event WHERE action_item_id = $1 AND kind = 'status_changed'", [item.id]);
      assert.equal(events.length, 1);
      assert.deepEqual({ ...events[0], id: undefined, seq: undefined }, { id: undefined, seq: undefined, kind: 'status_changed', from_status: 'open', to_status: 'done', comment: 'lyset er skiftet' });

      const audits = await db.ds.query("SELECT entity, entity_id, partnership_id, changes FROM audit_entry WHERE action = 'changeActionItemStatus' AND entity_id = $1", [item.id]);
      assert.equal(audits.length, 1);
      assert.equal(audits[0].entity, 'ActionItem');
      assert.equal(audits[0].partnership_id, w.partnership.id);
      const changes = audits[0].changes;
      assert.equal(changes.length, 2);
      assert.deepEqual(changes[0], {
        entity: 'ActionItem',
        id: item.id,
        op: 'update',
        before: { status: 'open', closedAt: null },
        after: { status: 'done', closedAt: row.closed_at.toISOString() },
      });
      assert.equal(changes[1].entity, 'ActionItemEvent');
      assert.equal(changes[1].op, 'insert');
      assert.equal(changes[1].id, events[0].id);
      assert.equal(changes[1].after.id, events[0].id);
      assert.equal(changes[1].after.seq, events[0].seq);
      assert.equal(changes[1].after.actionItemId, item.id);
      assert.equal(changes[1].after.toStatus, 'done');
      assert.equal(changes[1].after.comment, 'lyset er skiftet');

      const feed = await db.ds.query('SELECT entity, entity_id, op, version, partnership_id, forum_id, changed_fields, data FROM change_event WHERE seq > $1', [before]);
      assert.equal(feed.length, 1);
      assert.equal(feed[0].entity, 'ActionItem');
      assert.equal(feed[0].op, 'updated');
      assert.equal(feed[0].version, row.version);
      assert.equal(feed[0].partnership_id, w.partnership.id);
      assert.equal(feed[0].forum_id, w.forum.id);
      assert.deepEqual(feed[0].changed_fields, ['closed_at', 'status']);
      assert.equal(feed[0].data.status, 'done');
      assert.equal(feed[0].data.search_vector, undefined);

      for (let i = 0; i < 50 && !notes.some((n) => n.id === item.id && n.op === 'UPDATE'); i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(notes.find((n) => n.id === item.id && n.op === 'UPDATE'), { t: 'action_item', op: 'UPDATE', id: item.id, m: w.meeting.id, o: [w.police.id] });
    } finally {
      await listener.end();
    }
  });

  it('a stale version writes neither the item nor a history row', async () => {
    const item = await newItem('Forældet');
    const before = await db.ds.query('SELECT count(*)::int AS n FROM action_item_event WHERE action_item_id = $1', [item.id]);
    const err = await client.fails(CHANGE, { id: item.id, status: 'IN_PROGRESS', version: item.version + 5 }, 'CONFLICT');
    assert.equal(err.extensions?.reason, 'STALE_VERSION');
    const after = await db.ds.query('SELECT count(*)::int AS n FROM action_item_event WHERE action_item_id = $1', [item.id]);
    assert.equal(after[0].n, before[0].n);
  });

  it('a raw multi-row UPDATE still gives one change-feed row and one NOTIFY per changed row, none for a version-only touch', async () => {
    const a = await newItem('A');
    const b = await newItem('B');
    const [{ max: before }] = await db.ds.query('SELECT coalesce(max(seq), 0)::text AS max FROM change_event');
    await db.ds.query(`UPDATE action_item SET status = 'blocked', version = version + 1 WHERE id = ANY($1::uuid[])`, [[a.id, b.id]]);
    await db.ds.query(`UPDATE action_item SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [[a.id, b.id]]);
    const feed = await db.ds.query('SELECT entity_id, changed_fields FROM change_event WHERE seq > $1 ORDER BY seq', [before]);
    assert.deepEqual(feed.map((f: any) => f.entity_id).sort(), [a.id, b.id].sort());
    assert.ok(feed.every((f: any) => JSON.stringify(f.changed_fields) === '["status"]'));
  });

  it('reassignment and due-date moves write their history row in the same statement, audited', async () => {
    const item = await newItem('Flyt');
    await actionItemService.moveDueDate(w.ctx, item.id, '2030-02-01', 'senere');
    const moved = await actionItemService.reassign(w.ctx, item.id, { organisationId: w.school.id, comment: 'skolen tager den' });
    assert.equal(moved.assigneeOrganisationId, w.school.id);
    const events = await db.ds.query('SELECT kind, from_value, to_value, comment FROM action_item_event WHERE action_item_id = $1 ORDER BY seq', [item.id]);
    assert.deepEqual(
      events.map((e: any) => [e.kind, e.from_value, e.to_value, e.comment]),
      [
        ['created', null, w.police.id, null],
        ['due_date_moved', '2030-01-01', '2030-02-01', 'senere'],
        ['reassigned', w.police.id, w.school.id, 'skolen tager den'],
      ],
    );
  });

  it('history and audit rows take time-ordered ids (UUID v7): each new row sorts after the last, stamped with the time of its write', async () => {
    const item = await newItem('Tidsordnet');
    const ids: { event: string; audit: string }[] = [];
    const started = Date.now();
    for (const status of ['IN_PROGRESS', 'BLOCKED', 'IN_PROGRESS', 'DONE']) {
      await client.ok(CHANGE, { id: item.id, status, comment: `nu ${status}` });
      const [e] = await db.ds.query(`SELECT id FROM action_item_event WHERE action_item_id = $1 ORDER BY seq DESC LIMIT 1`, [item.id]);
      const [a] = await db.ds.query(`SELECT id FROM audit_entry WHERE entity_id = $1 ORDER BY at DESC, id DESC LIMIT 1`, [item.id]);
      ids.push({ event: e.id, audit: a.id });
    }
    for (const kind of ['event', 'audit'] as const) {
      const col = ids.map((x) => x[kind]);
      assert.deepEqual([...col].sort(), col, `${kind} ids in write order`);
      assert.equal(new Set(col).size, col.length);
      for (const id of col) {
        const ms = v7Millis(id);
        assert.ok(ms !== null, `${kind} id ${id} is version 7`);
        assert.ok(ms >= started - 1000 && ms <= Date.now() + 1000, `${kind} id ${id} carries the time of its write`);
      }
    }
  });

  it('every log table defaults to uuid_generate_v7(); the pre-PostgreSQL 18 body gives the same layout', async () => {
    const defaults = await db.ds.query(
      `SELECT table_name, column_default FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND table_name = ANY($1) ORDER BY table_name`,
      [[...LOG_TABLES]],
    );
    assert.deepEqual(defaults.map((d: any) => [d.table_name, d.column_default]), [...LOG_TABLES].sort().map((t) => [t, 'uuid_generate_v7()']));
    const before = Date.now();
    const rows: { id: string }[] = await db.ds.query(`SELECT (SELECT id FROM (${UUIDV7_FALLBACK_SQL}) v(id) WHERE g > 0) AS id FROM generate_series(1, 200) g`);
    assert.equal(new Set(rows.map((r) => r.id)).size, 200);
    for (const { id } of rows) {
      const ms = v7Millis(id);
      assert.ok(ms !== null, `${id} is version 7 with the RFC 9562 variant`);
      assert.ok(ms >= before - 1000 && ms <= Date.now() + 1000, `${id} carries the current time`);
    }
    // One millisecond later, a later id: ordered across milliseconds (within one, the random bits decide).
    const [{ a }] = await db.ds.query(`SELECT (${UUIDV7_FALLBACK_SQL}) AS a`);
    await new Promise((r) => setTimeout(r, 5));
    const [{ b }] = await db.ds.query(`SELECT (${UUIDV7_FALLBACK_SQL}) AS b`);
    assert.ok(a < b, `${a} < ${b}`);
  });
});
