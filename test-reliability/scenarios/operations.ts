/**
 * Operations: /healthz, /readyz (database reachable, migrations current), /metrics (requests and
 * latency by operation, errors by code, pool usage), JSON log lines carrying the request id, and a
 * graceful SIGTERM: requests in flight finish, the process exits 0 within its bound, and a request
 * that outlasts the grace period does not keep the process alive.
 */
import pg from 'pg';
import { expect, Scenario } from '../scenario';
import { buildWorld, CHANGE_STATUS, freshDb, gql, HISTORY, http, sleep, spawnServer, SUITE_ENV } from '../support';

export const operations: Scenario = {
  name: 'operations: probes, metrics, logs, graceful shutdown',
  budgetMs: 60_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 1, meetings: 1, actionItems: 4 });
    let server = await spawnServer(db, env.keyFile);
    const token = w.coordinators[0].token;
    try {
      const health = await http(`${server.base}/healthz`);
      expect(report, health.status === 200 && health.json?.status === 'ok', `/healthz: ${health.status} ${health.text}`);
      const ready = await http(`${server.base}/readyz`);
      expect(report, ready.status === 200 && ready.json?.status === 'ready', `/readyz: ${ready.status} ${ready.text}`);

      // A pending migration makes the process not ready.
      const [last] = await db.query<{ id: number; timestamp: string; name: string }>('SELECT id, timestamp::text, name FROM migrations ORDER BY id DESC LIMIT 1');
      await db.query('DELETE FROM migrations WHERE id = $1', [last.id]);
      const pending = await http(`${server.base}/readyz`);
      await db.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]);
      expect(report, pending.status === 503 && String(pending.json?.migrations).includes(last.name), `/readyz with a pending migration: ${pending.status} ${pending.text}`);

      // Requests, then metrics by operation name and error code.
      const read = await gql(server.url, token, HISTORY, { forumId: w.forumId });
      expect(report, read.status === 200 && !read.json?.errors, `history read: ${read.status} ${read.text.slice(0, 300)}`);
      const bad = await gql(server.url, token, CHANGE_STATUS, { id: w.actionItemIds[0], status: 'OPEN', comment: 'x' });
      expect(report, bad.json?.errors?.[0]?.extensions?.code === 'CONFLICT', `OPEN -> OPEN is a CONFLICT: ${bad.text.slice(0, 300)}`);
      const metrics = await http(`${server.base}/metrics`);
      const m = metrics.text;
      for (const pattern of [
        /graphql_requests_total\{operation="History",type="query",status="200"\} 1/,
        /graphql_request_duration_seconds_count\{operation="History",type="query"\} 1/,
        /graphql_request_duration_seconds_bucket\{le="0.1",operation="ChangeStatus",type="mutation"\}/,
        /graphql_errors_total\{code="CONFLICT"\} 1/,
        /db_pool_connections_total \d+/,
        /db_pool_connections_idle \d+/,
        /db_pool_waiting_requests 0/,
        /db_pool_connections_max 10/,
        /process_cpu_seconds_total/,
      ]) {
        expect(report, pattern.test(m), `/metrics has ${pattern}`);
      }

      // Every stdout line is JSON; the request's lines carry its id.
      await sleep(100);
      const parsed = server.lines.map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return null;
        }
      });
      expect(report, parsed.every((p) => p !== null), `every log line is JSON: ${server.lines.find((_, i) => !parsed[i])}`);
      const rid = read.headers?.get('x-request-id');
      const mine = parsed.filter((p) => p?.reqId === rid);
      expect(report, mine.length >= 1 && mine.some((p) => p.msg === 'request' && p.op === 'History' && p.status === 200), `a log line for request ${rid}: ${JSON.stringify(mine)}`);
      report.notes.push(`${server.lines.length} JSON log lines; request line: ${JSON.stringify(mine[0])}`);

      // Graceful SIGTERM: a write held up by a row lock finishes once the lock goes, then the process exits 0.
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM action_item WHERE id = $1 FOR UPDATE', [w.actionItemIds[1]]);
      const inflight = gql(server.url, token, CHANGE_STATUS, { id: w.actionItemIds[1], status: 'IN_PROGRESS', comment: 'under shutdown' });
      await sleep(300);
      const t0 = Date.now();
      server.proc.kill('SIGTERM');
      await sleep(300);
      const readyWhileStopping = await http(`${server.base}/readyz`, { timeoutMs: 2000 });
      await sleep(700);
      await holder.query('COMMIT');
      await holder.end();
      const done = await inflight;
      const exit = await server.exited;
      const tookMs = Date.now() - t0;
      expect(report, done.status === 200 && done.json?.data?.changeActionItemStatus?.status === 'IN_PROGRESS', `request in flight at SIGTERM finished: ${done.status} ${done.text.slice(0, 200)} ${done.error ?? ''}`);
      expect(report, exit.code === 0, `exit code after SIGTERM: ${JSON.stringify(exit)} ${server.stderr.join('').slice(-500)}`);
      expect(report, server.lines.some((l) => l.includes('stopped cleanly')) && !server.lines.some((l) => l.includes('again')), `one clean stop: ${server.lines.slice(-3).join(' | ')}`);
      expect(report, readyWhileStopping.status !== 200, `/readyz while stopping is not 200: ${readyWhileStopping.status}`);
      report.notes.push(`SIGTERM with a request in flight: it finished (200), exit ${exit.code} after ${tookMs} ms; /readyz meanwhile ${readyWhileStopping.status || readyWhileStopping.error}`);

      // A request longer than the grace period does not hold the process.
      server = await spawnServer(db, env.keyFile);
      const holder2 = new pg.Client({ connectionString: db.url });
      await holder2.connect();
      await holder2.query('BEGIN');
      await holder2.query('SELECT 1 FROM action_item WHERE id = $1 FOR UPDATE', [w.actionItemIds[2]]);
      const stuck = gql(server.url, token, CHANGE_STATUS, { id: w.actionItemIds[2], status: 'IN_PROGRESS', comment: 'stuck' });
      await sleep(300);
      const t1 = Date.now();
      server.proc.kill('SIGTERM');
      const exit2 = await server.exited;
      const took2 = Date.now() - t1;
      await holder2.query('ROLLBACK');
      await holder2.end();
      const stuckRes = await stuck;
      const grace = Number(SUITE_ENV.SHUTDOWN_GRACE_MS);
      expect(report, took2 < grace + 12_000, `stopped within the bound: ${took2} ms (grace ${grace} ms)`);
      const rows = await db.query(`SELECT count(*)::int AS n FROM action_item_event WHERE comment = 'stuck'`);
      expect(report, (stuckRes.status === 200) === (rows[0].n === 1), `the cut request's answer (${stuckRes.status || stuckRes.error}) matches its effect (${rows[0].n} rows)`);
      report.notes.push(`SIGTERM with a request stuck on a lock: exit ${exit2.code} after ${took2} ms (grace ${grace} ms); client saw ${stuckRes.status || stuckRes.error}`);
      report.load = 'a few probe, metric and GraphQL requests; 2 server processes started in turn';
      report.faults = 'a pending migration; SIGTERM with a request in flight; SIGTERM with a request stuck past the grace period';
      report.inputs = '/healthz, /readyz, /metrics, History query, ChangeStatus mutation';
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
