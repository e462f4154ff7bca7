/**
 * The change feed: every change to the six record types, created/updated/deleted (tombstones), in
 * commit order, resumable from an opaque cursor, filtered by type and partnership, scoped and
 * redacted by the reader's access; and a concurrency test — writers whose transactions overlap and
 * commit out of start order, a reader polling with random delays — repeated: the reader sees every
 * committed change exactly once, each object's versions in commit order, and a transaction that
 * committed before another started always before it.
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { ctxAt, world } from './support/factory';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { ApiScope } from '../src/api-key/api-key.entity';
import { apiKeyService } from '../src/api-key/api-key.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { agendaService } from '../src/agenda/agenda.service';
import { decisionService } from '../src/decision/decision.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { ActionItemStatus } from '../src/action-item/action-item.entity';
import { decodeFeedCursor } from '../src/change-feed/change-feed.service';

const CHANGES = `query($after: String, $first: Int, $types: [ChangeType!], $partnershipId: ID) {
  changes(after: $after, first: $first, types: $types, partnershipId: $partnershipId) {
    edges { cursor node { id type operation objectId objectVersion partnershipId forumId confidential redacted changedFields data occurredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read the whole feed from `after` in pages of `first`. */
async function drain(c: Client, vars: Record<string, unknown> = {}, first = 50) {
  const out: any[] = [];
  let after: string | null = (vars.after as string) ?? null;
  for (;;) {
    const r: any = await c.ok(CHANGES, { ...vars, after, first });
    out.push(...r.changes.edges.map((e: any) => e.node));
    after = r.changes.pageInfo.endCursor;
    if (!r.changes.pageInfo.hasNextPage) return { changes: out, cursor: after };
  }
}

describe('change feed', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let sys: Client;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    sys = await Client.create(db.ds);
  });
  after(async () => {
    await sys.stop();
    await db.close();
  });

  it('records creations, updates (with changed fields and version) and tombstones, in write order', async () => {
    const { changes: initial, cursor } = await drain(sys);
    const kinds = initial.map((c) => `${c.type}.${c.operation}`);
    for (const k of ['PARTNERSHIP.CREATED', 'FORUM.CREATED', 'MEETING.CREATED', 'AGENDA_ITEM.CREATED']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
    assert.equal(initial.find((c) => c.type === 'PARTNERSHIP').objectId, w.partnership.id);
    assert.equal(initial.find((c) => c.type === 'PARTNERSHIP').data.name, 'Tryghedspartnerskabet');
    assert.equal(new Set(initial.map((c) => c.id)).size, initial.length, 'event ids are unique');

    const item2 = await agendaService.add(w.ctx, w.meeting.id, { title: 'Fejlopført punkt', kind: AgendaItemKind.INFORMATION, position: 1 });
    const d = await decisionService.record(w.ctx, { agendaItemId: w.item.id, text: 'Tryghedsvandring hver fredag', kleNumber: '27.24.00', caseNumber: '2026-0042' });
    const ai = await actionItemService.create(w.ctx, { title: 'Planlæg ruten', decisionId: d.id, assigneeOrganisationId: w.police.id, dueDate: '2026-08-01' });
    await actionItemService.changeStatus(w.ctx, ai.id, ActionItemStatus.IN_PROGRESS);
    const r = await sys.ok('mutation($id: ID!) { removeAgendaItem(id: $id) { id } }', { id: item2.id });
    assert.equal(r.removeAgendaItem.id, w.meeting.id);

    const { changes } = await drain(sys, { after: cursor });
    const seen = changes.map((c) => `${c.type}.${c.operation}:${c.objectId === item2.id ? 'item2' : c.objectId === w.item.id ? 'item' : c.type}`);
    assert.deepEqual(seen, [
      'AGENDA_ITEM.UPDATED:item', // moved down by the insertion at position 1
      'AGENDA_ITEM.CREATED:item2',
      'DECISION.CREATED:DECISION',
      'ACTION_ITEM.CREATED:ACTION_ITEM',
      'ACTION_ITEM.UPDATED:ACTION_ITEM',
      'AGENDA_ITEM.DELETED:item2', // the tombstone
      'AGENDA_ITEM.UPDATED:item', // moved back up
    ]);
    const status = changes.find((c) => c.type === 'ACTION_ITEM' && c.operation === 'UPDATED');
    assert.deepEqual(status.changedFields, ['status']);
    assert.equal(status.data.status, 'in_progress');
    assert.equal(status.objectVersion, 2);
    const tomb = changes.find((c) => c.operation === 'DELETED');
    assert.equal(tomb.data, null);
    assert.equal(tomb.objectVersion, null);
    assert.equal(tomb.partnershipId, w.partnership.id);
    assert.equal(tomb.forumId, w.forum.id);
    const decision = changes.find((c) => c.type === 'DECISION');
    assert.equal(decision.data.kleNumber, '27.24.00');
    assert.equal(decision.data.searchVector, undefined, 'search vectors are not in the feed');

    // Filters: by type and by partnership; the cursor is opaque and checked.
    const onlyDecisions = await drain(sys, { after: cursor, types: ['DECISION'] });
    assert.deepEqual(onlyDecisions.changes.map((c) => c.objectId), [d.id]);
    const other = await drain(sys, { partnershipId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(other.changes.length, 0);
    await sys.fails(CHANGES, { after: 'bm90LWEtY3Vyc29y' }, 'BAD_USER_INPUT');
    // An empty page keeps the cursor, so a poller can always resume from endCursor.
    const end = await drain(sys, { after: cursor });
    const again = await sys.ok(CHANGES, { after: end.cursor });
    assert.equal(again.changes.edges.length, 0);
    assert.equal(again.changes.pageInfo.endCursor, end.cursor);
  });

  it('removeAgendaItem refuses items that something was recorded under, and meetings already held', async () => {
    await sys.fails('mutation($id: ID!) { removeAgendaItem(id: $id) { id } }', { id: w.item.id }, 'CONFLICT');
  });

  it('is scoped by access: API keys need read:changes and see only their kinds of record, confidential text redacted', async () => {
    const conf = await agendaService.add(w.ctx, w.meeting.id, { title: 'Fortrolig sag om en ung', kind: AgendaItemKind.DISCUSSION, confidential: true });
    const key = async (scopes: ApiScope[]) => {
      const { apiKey } = await apiKeyService.create(ctxAt(db.ds), { name: 'k', scopes, partnershipIds: [w.partnership.id] });
      return Client.create(db.ds, { principal: { kind: 'apiKey', apiKeyId: apiKey.id, scopes, partnershipIds: [w.partnership.id] } });
    };
    const noFeed = await key([ApiScope.READ_MEETINGS]);
    await noFeed.fails(CHANGES, {}, 'FORBIDDEN');
    const decisionsOnly = await key([ApiScope.READ_CHANGES, ApiScope.READ_DECISIONS]);
    const dOnly = await drain(decisionsOnly);
    assert.deepEqual([...new Set(dOnly.changes.map((c) => c.type))].sort(), ['DECISION', 'FORUM', 'PARTNERSHIP']);
    const meetings = await key([ApiScope.READ_CHANGES, ApiScope.READ_MEETINGS]);
    const m = await drain(meetings, { types: ['AGENDA_ITEM'] });
    const confChange = m.changes.find((c) => c.objectId === conf.id);
    assert.equal(confChange.redacted, true);
    assert.equal(confChange.data.title, '[Fortroligt]');
    assert.ok(!JSON.stringify(m.changes).includes('Fortrolig sag'), 'confidential text never reaches a key');
    // An item marked confidential later: its earlier, then public, changes are redacted too.
    const later = await agendaService.add(w.ctx, w.meeting.id, { title: 'Offentligt først', kind: AgendaItemKind.INFORMATION });
    await agendaService.update(w.ctx, later.id, { confidential: true });
    const l = await drain(meetings, { types: ['AGENDA_ITEM'] });
    const created = l.changes.find((c) => c.objectId === later.id && c.operation === 'CREATED');
    assert.equal(created.data.title, '[Fortroligt]');
    assert.equal(created.redacted, true);
    assert.ok(!JSON.stringify(l.changes).includes('Offentligt først'));
    // The system (and a reader with a legal basis) sees the text.
    const full = await drain(sys, { types: ['AGENDA_ITEM'] });
    assert.equal(full.changes.find((c) => c.objectId === conf.id).data.title, 'Fortrolig sag om en ung');
    for (const c of [noFeed, decisionsOnly, meetings]) await c.stop();
  });

  it('concurrent writers and a polling reader with random delays: every change exactly once, in commit order (3 rounds)', async () => {
    const items: { id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      items.push(await actionItemService.create(w.ctx, { title: `Opgave ${i}`, meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, dueDate: '2026-09-01' }));
    }
    for (let round = 0; round < 3; round++) {
      const [{ s: startSeq }] = await db.ds.query('SELECT coalesce(max(seq), 0)::text AS s FROM change_event');
      const start = await drain(sys);
      interface Tx { xid: string | null; began: number; committed: number }
      const txs: Tx[] = [];
      let writing = true;
      const writer = async (n: number) => {
        for (let i = 0; i < 12; i++) {
          const t: Tx = { xid: null, began: performance.now(), committed: 0 };
          await db.ds.transaction(async (m) => {
            const ctx = createContext(db.ds, { principal: SYSTEM });
            ctx.manager = m;
            if ((i + n) % 4 === 0) {
              // A creation (an insert) now and then.
              await actionItemService.create(ctx, { title: `Ny ${round}-${n}-${i}`, meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, dueDate: '2026-09-01' });
            } else {
              // A status change of a contended item: the row lock is the transaction's first write.
              const item = items[Math.floor(Math.random() * items.length)];
              const [{ status }] = await m.query('SELECT status FROM action_item WHERE id = $1', [item.id]);
              const to = status === 'open' ? ActionItemStatus.IN_PROGRESS : ActionItemStatus.OPEN;
              try {
                await actionItemService.changeStatus(ctx, item.id, to);
              } catch (e) {
                // The status changed while we waited for the lock: write the other way.
                await actionItemService.changeStatus(ctx, item.id, to === ActionItemStatus.OPEN ? ActionItemStatus.IN_PROGRESS : ActionItemStatus.OPEN);
              }
            }
            // Hold the transaction open a random while: later-starting ones commit first.
            await sleep(Math.random() * 25);
            const [{ x }] = await m.query('SELECT pg_current_xact_id_if_assigned()::text AS x');
            t.xid = x;
          });
          t.committed = performance.now();
          txs.push(t);
        }
      };
      const seen: any[] = [];
      let polls = 0;
      const reader = async () => {
        let after = start.cursor;
        for (;;) {
          const done = !writing;
          polls++;
          const r = await sys.ok(CHANGES, { after, first: 1 + Math.floor(Math.random() * 8) });
          seen.push(...r.changes.edges.map((e: any) => ({ ...e.node, cursor: e.cursor })));
          after = r.changes.pageInfo.endCursor;
          if (done && !r.changes.pageInfo.hasNextPage && !r.changes.edges.length) return;
          await sleep(Math.random() * 10);
        }
      };
      const readerDone = reader();
      await Promise.all([0, 1, 2, 3].map(writer));
      writing = false;
      await readerDone;

      const committed: { seq: string; xid: string }[] = await db.ds.query('SELECT seq::text, xid::text FROM change_event WHERE seq > $1 ORDER BY xid, seq', [startSeq]);
      const seenIds = seen.map((c) => c.id);
      assert.equal(new Set(seenIds).size, seenIds.length, 'no change was seen twice');
      assert.deepEqual(seenIds, committed.map((c) => `evt_${c.seq}`), 'every committed change, none skipped, in (xid, seq) order');
      assert.ok(committed.length >= 48, `${committed.length} changes`);
      // Each object's versions in commit order (row updates serialise, so version order is commit order).
      const versions = new Map<string, number>();
      for (const c of seen) {
        const prev = versions.get(c.objectId) ?? 0;
        assert.ok(c.objectVersion > prev, `${c.type} ${c.objectId}: version ${c.objectVersion} after ${prev}`);
        versions.set(c.objectId, c.objectVersion);
      }
      // The test did exercise the hard case: transactions that began earlier and committed later.
      assert.ok(txs.some((a) => txs.some((b) => a.began < b.began && a.committed > b.committed)), 'overlapping transactions committed out of start order');
      assert.ok(polls > 10, `the reader polled while writers ran (${polls})`);
      // A transaction that committed before another began comes first in the feed.
      const position = new Map<string, number>();
      seen.forEach((c, i) => position.set(decodeFeedCursor(c.cursor).xid, i));
      for (const a of txs) {
        for (const b of txs) {
          if (a.committed < b.began && a.xid && b.xid) assert.ok(position.get(a.xid)! < position.get(b.xid)!, 'real-time order kept');
        }
      }
    }
  });
});
