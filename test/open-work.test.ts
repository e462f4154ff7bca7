/**
 * The open-work table (migration OpenActionItemsByAncestor): every open action item under its
 * assignee organisation and each ancestor. After every kind of write it holds exactly what a
 * recomputation from action_item and the organisation tree gives, and an organisation page read from
 * it shows each reader what the per-sub-organisation query shows them.
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { organisationService } from '../src/organisation/organisation.service';
import { OrganisationKind } from '../src/organisation/organisation.entity';
import { actionItemService } from '../src/action-item/action-item.service';
import { ActionItemStatus } from '../src/action-item/action-item.entity';

/** What the table must hold, recomputed from scratch. */
const TRUTH = `
  WITH RECURSIVE anc(org, ancestor) AS (
    SELECT id, id FROM organisation
    UNION ALL
    SELECT anc.org, o.parent_id FROM anc JOIN organisation o ON o.id = anc.ancestor WHERE o.parent_id IS NOT NULL
  )
  SELECT anc.ancestor::text AS organisation_id, ai.id::text AS id, ai.due_date::text AS due_date, ai.partnership_id::text AS partnership_id,
         ai.forum_id::text AS forum_id, ai.assignee_organisation_id::text AS assignee_organisation_id
    FROM action_item ai JOIN anc ON anc.org = ai.assignee_organisation_id
   WHERE ai.status IN ('open', 'in_progress', 'blocked')
   ORDER BY 1, 2`;

const STORED = `
  SELECT organisation_id::text, id::text, due_date::text, partnership_id::text, forum_id::text, assignee_organisation_id::text
    FROM action_item_open_by_ancestor ORDER BY 1, 2`;

const PAGE = `query($id: ID!, $filter: ActionItemFilter, $first: Int) {
  organisation(id: $id) {
    actionItems(first: $first, filter: $filter) { boundedCount(upTo: 1000) { count exact } edges { node { id status dueDate } } }
  }
}`;

describe('open work by organisation (the open-work table)', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;
  let team: { id: string };
  const items: string[] = [];

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    team = await organisationService.create(w.ctx, { name: 'Gadeteamet', kind: OrganisationKind.SSP, parentId: w.unit.id });
  });
  after(async () => db?.close());

  async function assertInStep(what: string): Promise<number> {
    const truth = await db.ds.query(TRUTH);
    assert.deepEqual(await db.ds.query(STORED), truth, what);
    return truth.length;
  }

  const create = async (assignee: { id: string }, dueDate: string) => {
    const a = await actionItemService.create(w.ctx, { title: `Opgave ${items.length}`, agendaItemId: w.item.id, assigneeOrganisationId: assignee.id, dueDate });
    items.push(a.id);
    return a;
  };

  it('holds each new open item under its assignee and every ancestor', async () => {
    await create(team, '2026-03-01');
    await create(w.unit, '2026-02-01');
    await create(w.dept, '2026-04-01');
    await create(w.police, '2026-01-15');
    assert.equal(await assertInStep('after creating'), 3 + 2 + 1 + 1);
    const rows = await db.ds.query(`SELECT organisation_id::text FROM action_item_open_by_ancestor WHERE id = $1 ORDER BY 1`, [items[0]]);
    assert.deepEqual(rows.map((r: any) => r.organisation_id), [team.id, w.unit.id, w.dept.id].sort());
  });

  it('a status change between open statuses leaves the rows untouched; closing removes them, reopening brings them back', async () => {
    const rows = () => db.ds.query(`SELECT xmin::text, ctid::text FROM action_item_open_by_ancestor WHERE id = $1 ORDER BY ctid`, [items[0]]);
    const before = await rows();
    await actionItemService.changeStatus(w.ctx, items[0], ActionItemStatus.IN_PROGRESS, 'i gang');
    await actionItemService.changeStatus(w.ctx, items[0], ActionItemStatus.BLOCKED, 'venter');
    assert.deepEqual(await rows(), before, 'the same row versions');
    await actionItemService.changeStatus(w.ctx, items[0], ActionItemStatus.DONE, 'færdig');
    assert.deepEqual(await rows(), []);
    assert.equal(await assertInStep('after closing'), 4);
    await actionItemService.changeStatus(w.ctx, items[0], ActionItemStatus.OPEN, 'genåbnet');
    assert.equal(await assertInStep('after reopening'), 7);
  });

  it('follows a new due date and a new assignee', async () => {
    await actionItemService.moveDueDate(w.ctx, items[1], '2026-05-05', 'udskudt');
    await assertInStep('after moving the due date');
    await actionItemService.reassign(w.ctx, items[0], { organisationId: w.police.id });
    assert.equal(await assertInStep('after reassigning'), 5);
    await actionItemService.reassign(w.ctx, items[0], { organisationId: team.id });
    assert.equal(await assertInStep('after reassigning back'), 7);
  });

  it('follows an organisation moved to another parent, or to none', async () => {
    await organisationService.update(w.ctx, w.unit.id, { parentId: w.police.id });
    await assertInStep('after moving the unit under the police');
    const under = await db.ds.query(`SELECT count(*)::int AS n FROM action_item_open_by_ancestor WHERE organisation_id = $1`, [w.police.id]);
    assert.equal(under[0].n, 3, "the police's own item, the team's and the unit's");
    await organisationService.update(w.ctx, w.unit.id, { parentId: null });
    await assertInStep('after detaching the unit');
    await organisationService.update(w.ctx, w.unit.id, { parentId: w.dept.id });
    await assertInStep('after moving it back');
  });

  it('the rebuild function recomputes the same rows', async () => {
    const [{ n }] = await db.ds.query(`SELECT action_item_open_by_ancestor_rebuild() AS n`);
    assert.equal(Number(n), await assertInStep('after a rebuild'));
  });

  it("shows a forum member the same open work as the per-sub-organisation query, and the overdue part of it", async () => {
    const anna = await Client.create(db.ds, { principal: { kind: 'person', personId: w.anna.id, via: 'dev' }, now: () => new Date('2026-03-10T10:00:00Z') });
    try {
      const open = (await anna.ok(PAGE, { id: w.dept.id, first: 100, filter: { status: ['OPEN', 'IN_PROGRESS', 'BLOCKED'] } })).organisation.actionItems;
      // Every status: not answerable from the open-work table, so read per sub-organisation.
      const every = (await anna.ok(PAGE, { id: w.dept.id, first: 100, filter: null })).organisation.actionItems;
      const want = every.edges.filter((e: any) => ['OPEN', 'IN_PROGRESS', 'BLOCKED'].includes(e.node.status)).map((e: any) => e.node.id);
      assert.ok(want.length >= 2);
      assert.deepEqual(open.edges.map((e: any) => e.node.id), want);
      assert.deepEqual({ ...open.boundedCount }, { count: want.length, exact: true });
      const overdue = (await anna.ok(PAGE, { id: w.dept.id, first: 100, filter: { overdue: true } })).organisation.actionItems;
      const late = every.edges.filter((e: any) => ['OPEN', 'IN_PROGRESS', 'BLOCKED'].includes(e.node.status) && e.node.dueDate < '2026-03-10');
      assert.ok(late.length >= 1);
      assert.deepEqual(overdue.edges.map((e: any) => e.node.id), late.map((e: any) => e.node.id));
    } finally {
      await anna.stop();
    }
  });
});
