/**
 * `npm run token -- coordinator|member|admin|<person id>`: print a development token for the demo
 * (embedded database, or DATABASE_URL). Refused when NODE_ENV=production.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { Authenticator, loadAuthConfig } from '../auth/authenticate';
import { demoIdentities } from '../auth/demo-identities';

async function main() {
  const who = process.argv[2] ?? 'coordinator';
  // Works while `npm start` runs: the running embedded PostgreSQL is reused.
  const db = await openDatabase(loadConfig(), undefined, { reuseRunning: true });
  try {
    const auth = new Authenticator(db.dataSource, loadAuthConfig());
    const ids = await demoIdentities(db.dataSource);
    const personId = ids.find((i) => i.role === who)?.personId ?? who;
    console.log(await auth.issueDevToken(personId));
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
