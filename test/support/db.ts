/** A fresh database per test file, cloned from the migrated template; counts SQL statements. */
import pg from 'pg';
import { DataSource, Logger } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import { usePreparedStatements } from '../../src/db/prepared';

export class CountingLogger implements Logger {
  count = 0;
  statements: string[] = [];
  /** Each statement's parameters, in the same order (to EXPLAIN a statement as it ran). */
  parameters: unknown[][] = [];
  /** Every message sent to the server, BEGIN and COMMIT included (what latency is made of). */
  roundTrips = 0;
  logQuery(query: string, parameters?: unknown[]) {
    this.roundTrips++;
    if (/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query.trim())) return;
    this.count++;
    this.statements.push(query);
    this.parameters.push(parameters ?? []);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
  reset() {
    this.count = 0;
    this.roundTrips = 0;
    this.statements = [];
    this.parameters = [];
  }
}

let n = 0;

export interface TestDb {
  ds: DataSource;
  sql: CountingLogger;
  url: string;
  close(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDb> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('run the tests with `npm test` (test/run.ts prepares the database)');
  const name = `pr_test_${process.pid}_${++n}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const sql = new CountingLogger();
  const ds = new DataSource(dataSourceOptions(u.toString(), { logger: sql, logging: true }));
  await ds.initialize();
  usePreparedStatements((ds.driver as unknown as { master?: Parameters<typeof usePreparedStatements>[0] }).master);
  // TypeORM keys generated-column metadata by database name; a clone still names the template.
  await ds.query('UPDATE typeorm_metadata SET "database" = current_database() WHERE "database" IS NOT NULL');
  return {
    ds,
    sql,
    url: u.toString(),
    async close() {
      await ds.destroy();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
