/**
 * Two server processes against one database, behind an imaginary load balancer: mixed traffic
 * spread over both, and the same Idempotency-Key sent to both at once. Every acknowledged write is
 * present once; a key's mutation runs once whichever process gets it. Background workers (when a
 * branch has them, in src/main.ts) run in both processes; their checks join WRITE_CHECKS/INVARIANTS.
 */
import { randomUUID } from 'node:crypto';
import { checkInvariants, verifyWrites } from '../checks';
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, gql, RECORD_DECISION, spawnServer } from '../support';
import { describeStats, runTraffic } from '../traffic';

const REQUESTS = Number(process.env.RELIABILITY_TWO_PROCESS_REQUESTS || 1000);
const CLIENTS = 12;
const SAME_KEY_ROUNDS = 20;

export const twoProcesses: Scenario = {
  name: 'two server processes on one database',
  budgetMs: 90_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 4, meetings: 4, actionItems: 48 });
    const a = await spawnServer(db, env.keyFile);
    const b = await spawnServer(db, env.keyFile);
    try {
      const stats = await runTraffic({ urls: [a.url, b.url], world: w, workers: CLIENTS, total: REQUESTS });
      for (const x of stats.bad.slice(0, 10)) report.failures.push(x);
      expect(report, stats.bad.length === 0, `${stats.bad.length} answers were 5xx, missing or not JSON`);

      // The same key to both processes at once: one effect, the other answer a replay (or a wait).
      let oneEffect = 0;
      const token = w.coordinators[0].token;
      for (let i = 0; i < SAME_KEY_ROUNDS; i++) {
        const key = randomUUID();
        const marker = `rel-${randomUUID()}`;
        const vars = { input: { agendaItemId: w.agendaItemIds[i % w.agendaItemIds.length], text: marker } };
        const [ra, rb] = await Promise.all([a, b].map((s) => gql(s.url, token, RECORD_DECISION, vars, { headers: { 'idempotency-key': key }, timeoutMs: 40_000 })));
        const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision WHERE text = $1', [marker]);
        if (n === 1) oneEffect++;
        else if (n > 1) report.duplicated += n - 1;
        else report.lost++;
        expect(report, ra.status === 200 && rb.status === 200 && ra.text === rb.text, `round ${i}: both answers are the same 200: ${ra.status} ${rb.status} ${ra.text.slice(0, 100)} | ${rb.text.slice(0, 100)}`);
      }
      const v = await verifyWrites(db, stats.acked);
      report.lost += v.lost;
      report.duplicated += v.duplicated;
      for (const o of v.outcomes) report.notes.push(`"${o.check}": ${o.checked} acknowledged writes checked, ${o.lost} lost, ${o.duplicated} duplicated ${o.details.join('; ')}`);
      const inv = await checkInvariants(db);
      for (const x of inv.broken) report.failures.push(x);
      const perProcess = [a, b].map((s) => s.lines.filter((l) => l.includes('"msg":"request"')).length);
      expect(report, perProcess.every((n) => n > REQUESTS / 4), `both processes served: ${perProcess.join(' / ')}`);
      report.load = `${CLIENTS} clients over 2 processes: ${describeStats(stats)}; requests logged per process ${perProcess.join(' / ')}`;
      report.inputs = `mixed traffic; ${SAME_KEY_ROUNDS} decisions sent to both processes at once with one Idempotency-Key each: ${oneEffect} recorded once`;
      report.notes.push('background workers: none on this branch (src/main.ts `workers` is empty); workers added there run in both processes here');
    } finally {
      await a.kill('SIGKILL');
      await b.kill('SIGKILL');
      await db.close();
    }
  },
};
