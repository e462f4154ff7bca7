/**
 * Load: a few thousand mixed requests (meeting history reads, action item status changes,
 * decisions) from concurrent clients against one server process. Zero 5xx, and every acknowledged
 * write is present once, with everything WRITE_CHECKS asks for (its audit row, …).
 */
import { checkInvariants, verifyWrites } from '../checks';
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, spawnServer } from '../support';
import { describeStats, runTraffic } from '../traffic';

const REQUESTS = Number(process.env.RELIABILITY_LOAD_REQUESTS || 3000);
const CLIENTS = 16;
/** On a busy machine the load stops early at this bound (the report says how many were sent). */
const TRAFFIC_MS = 70_000;

export const load: Scenario = {
  name: 'load: mixed reads and writes',
  budgetMs: 120_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 4, meetings: 6, actionItems: 64 });
    const server = await spawnServer(db, env.keyFile);
    try {
      const t = Date.now();
      const stats = await runTraffic({ urls: [server.url], world: w, workers: CLIENTS, total: REQUESTS, until: Date.now() + TRAFFIC_MS });
      if (stats.sent < REQUESTS) report.notes.push(`stopped at the ${TRAFFIC_MS / 1000} s bound after ${stats.sent} of ${REQUESTS} requests (busy machine)`);
      expect(report, stats.sent >= 500, `at least 500 requests were sent (${stats.sent})`);
      const secs = (Date.now() - t) / 1000;
      report.load = `${CLIENTS} concurrent clients, 1 server process: ${describeStats(stats)}; ${(stats.sent / secs).toFixed(0)} req/s over ${secs.toFixed(1)} s`;
      report.inputs = 'History query (forum → meetings → agenda → decisions → action items), changeActionItemStatus, recordDecision';
      for (const b of stats.bad.slice(0, 10)) report.failures.push(b);
      expect(report, stats.bad.length === 0, `${stats.bad.length} answers were 5xx, missing or not JSON`);
      const v = await verifyWrites(db, stats.acked);
      report.lost = v.lost;
      report.duplicated = v.duplicated;
      for (const o of v.outcomes) report.notes.push(`${o.checked} acknowledged writes checked for "${o.check}": ${o.lost} lost, ${o.duplicated} duplicated ${o.details.join('; ')}`);
      const inv = await checkInvariants(db);
      for (const b of inv.broken) report.failures.push(b);
      expect(report, stats.acked.length > REQUESTS / 4, `enough writes were acknowledged: ${stats.acked.length}`);
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
