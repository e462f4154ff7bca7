/**
 * The PostgreSQL rate limiter counts locally while a key is far from its budget and writes the
 * counter in batches (src/http/protection.ts, RateLimiter): far fewer statements, the same budget.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshDatabase, TestDb } from './support/db';
import { RATE_LIMIT_COALESCE, RateLimiter } from '../src/http/protection';

/** A pg Pool whose queries are counted (RateLimiterPostgres uses pool.query). */
function countingPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const counter = { n: 0 };
  const wrapped = {
    connect: () => pool.connect(),
    query: (...args: any[]) => {
      counter.n++;
      return (pool.query as any)(...args);
    },
    end: () => pool.end(),
  };
  return { wrapped, counter };
}

async function counterOf(db: TestDb, key: string): Promise<number> {
  const rows = await db.ds.query('SELECT points FROM rate_limit.consumption WHERE key = $1', [`gql:${key}`]);
  return rows[0]?.points ?? 0;
}

describe('rate limit: coalesced PostgreSQL writes', () => {
  let db: TestDb;
  before(async () => {
    db = await freshDatabase();
  });
  after(async () => db.close());

  it('far from the budget: 300 requests are all admitted with exact remaining counts, in at most 30 writes, and all are counted', async () => {
    const { wrapped, counter } = countingPool(db.url);
    try {
      const rl = new RateLimiter({ rateLimit: { points: 1000, durationSec: 60 } }, wrapped);
      const key = 'key:far';
      const remaining: number[] = [];
      await rl.consume('key:warm-up'); // table creation
      counter.n = 0;
      for (let i = 0; i < 300; i++) {
        const r = await rl.consume(key);
        assert.equal(r.allowed, true);
        assert.ok(r.resetSec > 0 && r.resetSec <= 60);
        remaining.push(r.remaining);
      }
      assert.deepEqual(remaining, Array.from({ length: 300 }, (_, i) => 999 - i));
      await rl.flush();
      await new Promise((r) => setTimeout(r, RATE_LIMIT_COALESCE.flushMs * 2));
      assert.equal(await counterOf(db, key), 300);
      // About one upsert per 20 requests (a write still under way when the next 40 arrive adds one at once).
    assert.ok(counter.n <= 300 / 10, `${counter.n} writes for 300 requests`);
    } finally {
      await wrapped.end();
    }
  });

  it('near the budget two processes together admit exactly the budget, not one request more', async () => {
    const pools = [countingPool(db.url), countingPool(db.url)];
    try {
      const [a, b] = pools.map((p) => new RateLimiter({ rateLimit: { points: 130, durationSec: 60 } }, p.wrapped));
      const key = 'person:near';
      let allowed = 0;
      for (let i = 0; i < 200; i++) if ((await (i % 2 ? b : a).consume(key)).allowed) allowed++;
      await Promise.all([a.flush(), b.flush()]);
      await new Promise((r) => setTimeout(r, RATE_LIMIT_COALESCE.flushMs * 2));
      assert.equal(allowed, 130);
      assert.equal(await counterOf(db, key), 200);
      // Past the budget every request is refused, by either process.
      assert.equal((await a.consume(key)).allowed, false);
      assert.equal((await b.consume(key)).allowed, false);
    } finally {
      await Promise.all(pools.map((p) => p.wrapped.end()));
    }
  });

  it('a process that has not heard from PostgreSQL for a while asks again before admitting: no overrun after another process spent the budget', async () => {
    const pools = [countingPool(db.url), countingPool(db.url)];
    try {
      const [a, b] = pools.map((p) => new RateLimiter({ rateLimit: { points: 1000, durationSec: 60 } }, p.wrapped));
      const key = 'key:stale';
      assert.equal((await a.consume(key)).remaining, 999);
      let allowed = 1;
      for (let i = 0; i < 950; i++) if ((await b.consume(key)).allowed) allowed++;
      await b.flush();
      await new Promise((r) => setTimeout(r, RATE_LIMIT_COALESCE.freshMs + 50));
      const r = await a.consume(key);
      allowed++;
      assert.equal(r.remaining, 1000 - 952, 'A asked PostgreSQL instead of trusting its old figure');
      for (let i = 0; i < 200; i++) if ((await (i % 2 ? b : a).consume(key)).allowed) allowed++;
      assert.equal(allowed, 1000);
    } finally {
      await Promise.all(pools.map((p) => p.wrapped.end()));
    }
  });

  it('a small budget is counted exactly on every request (no local counting)', async () => {
    const { wrapped, counter } = countingPool(db.url);
    try {
      const rl = new RateLimiter({ rateLimit: { points: 50, durationSec: 60 } }, wrapped);
      await rl.consume('key:warm-up-2');
      counter.n = 0;
      for (let i = 0; i < 10; i++) await rl.consume('key:small');
      assert.equal(counter.n, 10);
      assert.equal(await counterOf(db, 'key:small'), 10);
    } finally {
      await wrapped.end();
    }
  });
});
