/**
 * The database restarts under load (`pg_ctl restart -m immediate`: every connection cut, crash
 * recovery). Requests during the outage get HTTP 503 DATABASE_UNAVAILABLE (or a timeout 503), none
 * hangs past the request timeout, the pool recovers by itself, and every write acknowledged before,
 * during or after the outage is present.
 */
import { checkInvariants, verifyWrites } from '../checks';
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, http, sleep, spawnServer, SUITE_ENV } from '../support';
import { describeStats, newStats, runTraffic } from '../traffic';

const CLIENTS = 12;

export const dbRestart: Scenario = {
  name: 'database restart under load',
  budgetMs: 90_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 4, meetings: 4, actionItems: 48 });
    const server = await spawnServer(db, env.keyFile);
    try {
      const requestTimeout = Number(SUITE_ENV.REQUEST_TIMEOUT_MS);
      // A client gives up 4 s after the server's own timeout: an answer later than that is a hang.
      const clientTimeout = requestTimeout + 4000;
      const stats = newStats();
      let stop = false;
      const traffic = runTraffic({ urls: [server.url], world: w, workers: CLIENTS, until: Date.now() + 60_000, timeoutMs: clientTimeout, allowUnavailable: true, stats, shouldStop: () => stop });
      await sleep(3000);
      const beforeOk = stats.ok;
      const restartMs = await env.cluster.restartImmediate();
      // Until the pool serves again, then a while longer.
      const t = Date.now();
      let recoveredAfter = -1;
      const okAtRestart = stats.ok;
      while (Date.now() - t < 30_000) {
        if (stats.ok > okAtRestart + 20) {
          recoveredAfter = Date.now() - t;
          break;
        }
        await sleep(100);
      }
      await sleep(2000);
      stop = true;
      await traffic;
      const ready = await http(`${server.base}/readyz`);
      report.load = `${CLIENTS} concurrent clients, 1 server process`;
      report.faults = `pg_ctl restart -m immediate after ${beforeOk} successful requests (restart took ${restartMs} ms)`;
      expect(report, recoveredAfter >= 0, 'the pool served requests again within 30 s');
      report.notes.push(`requests served again ${recoveredAfter} ms after pg_ctl returned; /readyz ${ready.status}`);
      expect(report, ready.status === 200, `/readyz after the restart: ${ready.status} ${ready.text}`);
      report.inputs = describeStats(stats);
      for (const b of stats.bad.slice(0, 10)) report.failures.push(b);
      expect(report, stats.bad.length === 0, `${stats.bad.length} answers were 5xx other than a clear 503, missing or late`);
      expect(report, stats.unavailable > 0, 'the outage was seen as 503 DATABASE_UNAVAILABLE');
      expect(report, stats.maxMs < clientTimeout, `no request took longer than ${clientTimeout} ms (max ${stats.maxMs} ms)`);
      report.notes.push(`${stats.unavailable} requests answered 503 during the outage; slowest answer ${stats.maxMs} ms`);
      const v = await verifyWrites(db, stats.acked);
      report.lost = v.lost;
      report.duplicated = v.duplicated;
      for (const o of v.outcomes) report.notes.push(`"${o.check}": ${o.checked} acknowledged writes checked, ${o.lost} lost, ${o.duplicated} duplicated ${o.details.join('; ')}`);
      const inv = await checkInvariants(db);
      for (const b of inv.broken) report.failures.push(b);
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
