import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { DemoResult, isEmpty, loadDemo } from '../src/seed/demo';
import { networkDemoChecks } from './support/network-demo-checks';

describe('demo partnership', function () {
  this.timeout(180_000);
  let db: TestDb;
  let demo: DemoResult;
  before(async () => (db = await freshDatabase()));
  after(() => db.close());

  it('loads through the services into an empty database with the promised shape', async () => {
    assert.equal(await isEmpty(db.ds), true);
    demo = await loadDemo(db.ds);
    assert.equal(demo.counts.organisations, 60);
    assert.equal(demo.counts.forums, 7);
    assert.equal(demo.counts.activities, 37);
    assert.equal(demo.counts.incidents, 2);
    assert.ok(demo.counts.people >= 280 && demo.counts.people <= 320);
    assert.ok(demo.counts.meetings >= 90);
    const statuses = await db.ds.query('SELECT DISTINCT status::text AS s FROM action_item ORDER BY 1');
    assert.deepEqual(statuses.map((r: { s: string }) => r.s), ['blocked', 'cancelled', 'done', 'in_progress', 'open']);
    const [{ n: superseded }] = await db.ds.query(`SELECT count(*)::int AS n FROM decision WHERE status = 'superseded'`);
    assert.ok(superseded > 0);
    const [{ n: overdue }] = await db.ds.query(
      `SELECT count(*)::int AS n FROM action_item WHERE status IN ('open','in_progress','blocked') AND due_date < current_date`,
    );
    assert.ok(overdue > 0);
    assert.equal(await isEmpty(db.ds), false);
  });

  networkDemoChecks(() => db, () => demo);
});
