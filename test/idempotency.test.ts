/**
 * Idempotency keys when an attempt is presumed dead and a retry takes its key over: the old attempt
 * can no longer take effect (its transaction is rolled back) nor release or overwrite the key of the
 * attempt that replaced it. (The HTTP-level behaviour is in test/safe-writes.test.ts.)
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Idempotency } from '../src/http/idempotency';

describe('idempotency key takeover', () => {
  let db: TestDb;
  let idem: Idempotency;
  const who = 'person:00000000-0000-4000-8000-000000000001';

  before(async () => {
    db = await freshDatabase();
    idem = new Idempotency(db.ds);
  });
  after(() => db.close());

  async function row(key: string) {
    const [r] = await db.ds.query(`SELECT state, status, response FROM idempotency_key WHERE principal = $1 AND key = $2`, [who, key]);
    return r;
  }

  it('a taken-over attempt cannot commit its effect, and cannot release or finish its successor’s key', async () => {
    const first = await idem.begin(who, 'k1', 'h');
    assert.equal(first.kind, 'execute');
    // The first attempt hangs; its key looks stale to a retry.
    await db.ds.query(`UPDATE idempotency_key SET created_at = now() - interval '10 minutes' WHERE key = 'k1'`);
    const second = await idem.begin(who, 'k1', 'h');
    assert.equal(second.kind, 'execute', 'the retry takes the key over');
    assert.ok(first.kind === 'execute' && second.kind === 'execute' && first.token !== second.token);

    // The first attempt wakes up and tries to commit its mutation: refused, so its transaction rolls back.
    await db.ds.query(`CREATE TABLE effect (n int)`);
    await assert.rejects(
      db.ds.transaction(async (m) => {
        await m.query(`INSERT INTO effect VALUES (1)`);
        await idem.markCommitted(m, who, 'k1', first.token);
      }),
      (e: any) => e.extensions?.code === 'CONFLICT' && /took over/.test(e.message),
    );
    // Its clean-up does not touch the successor's pending key either.
    await idem.finish(who, 'k1', first.token, 500, '');
    assert.equal((await row('k1')).state, 'pending');

    // The successor commits and stores its response; the effect happened once.
    await db.ds.transaction(async (m) => {
      await m.query(`INSERT INTO effect VALUES (2)`);
      await idem.markCommitted(m, who, 'k1', second.token);
    });
    await idem.finish(who, 'k1', second.token, 200, '{"data":{}}');
    assert.deepEqual(await db.ds.query(`SELECT n FROM effect`), [{ n: 2 }]);
    assert.deepEqual({ ...(await row('k1')) }, { state: 'done', status: 200, response: '{"data":{}}' });
    const replay = await idem.begin(who, 'k1', 'h');
    assert.deepEqual(replay, { kind: 'replay', status: 200, body: '{"data":{}}' });
  });

  it('an attempt without effect releases its own key for the next retry', async () => {
    const a = await idem.begin(who, 'k2', 'h');
    assert.ok(a.kind === 'execute');
    await idem.finish(who, 'k2', a.token, 400, '');
    assert.equal(await row('k2'), undefined);
    assert.equal((await idem.begin(who, 'k2', 'h')).kind, 'execute');
  });
});
