/** `npm run seed`: load the demo partnership into the configured database (refuses a non-empty one). */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { isEmpty, loadDemo } from './demo';

async function main() {
  const cfg = loadConfig();
  const log = (m: string) => console.log(`[seed] ${m}`);
  const db = await openDatabase(cfg, log);
  try {
    if (!(await isEmpty(db.dataSource))) {
      log('the database already holds a partnership; the demo is only loaded into an empty database');
      return;
    }
    const t = Date.now();
    const demo = await loadDemo(db.dataSource, { log });
    log(`demo loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(demo.counts)}`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
