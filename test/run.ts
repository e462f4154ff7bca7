/**
 * `npm test`: one real PostgreSQL for the run (embedded, or the server of DATABASE_URL), a template
 * database with the real migrations applied, then mocha over dist/test/**\/*.test.js. Each test file
 * clones the template into its own database. Prints "N passed, N failed" last.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Mocha from 'mocha';
import pg from 'pg';
import { connect, migrate } from '../src/db/database';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded';

export const TEMPLATE_DB = 'pr_test_template';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

async function main() {
  // Compiled execution (src/http/jit.ts) from a document's first use, so every test runs through it;
  // test/jit.test.ts compares it with graphql-js.
  process.env.JIT_THRESHOLD ??= '1';
  let adminUrl: string;
  let stop = async () => undefined as void;
  let tmp: string | null = null;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-test-'));
    fs.chmodSync(tmp, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
    adminUrl = server.adminUrl;
    stop = () => server.stop();
  }
  let failures = 1;
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.end();
    await ensureDatabase(adminUrl, TEMPLATE_DB);
    const u = new URL(adminUrl);
    u.pathname = `/${TEMPLATE_DB}`;
    const ds = await connect(u.toString());
    await migrate(ds);
    await ds.destroy();
    process.env.TEST_PG_ADMIN_URL = adminUrl;
    process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;

    const mocha = new Mocha({ timeout: 60_000, reporter: 'spec' });
    const filter = process.argv[2];
    for (const f of findTests(__dirname).sort()) if (!filter || f.includes(filter)) mocha.addFile(f);
    let passed = 0;
    let failed = 0;
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    });
    console.log(`\n${passed} passed, ${failed} failed`);
    failures = failed || failures;
  } finally {
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
