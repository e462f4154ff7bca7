/**
 * Migration tooling on a throwaway embedded PostgreSQL (or DATABASE_URL when set):
 *   node dist/src/scripts/migrations.js generate <Name>   runs the TypeORM CLI's migration:generate
 *   node dist/src/scripts/migrations.js check             fails when entities and migrations disagree
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { connect, migrate, pendingSchemaChanges } from '../db/database';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../db/embedded';
import { projectRoot } from '../config';

/**
 * TypeORM records generated-column expressions in typeorm_metadata keyed by database name, and the
 * generator writes the throwaway database's name into the migration. Make the newest migration use
 * whatever database it runs in, so the pending-migration check holds in every database.
 */
function portableMetadata(url: string) {
  const dbName = new URL(url).pathname.slice(1);
  const dir = path.join(projectRoot, 'migrations');
  const newest = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().pop();
  if (!newest) return;
  const file = path.join(dir, newest);
  let text = fs.readFileSync(file, 'utf8');
  text = text.split(`["${dbName}","public",`).join('[(queryRunner.connection.driver as any).database, "public",');
  fs.writeFileSync(file, dedupeEnumTypes(text));
}

/**
 * An enum shared by several columns (a status and its history's from/to) makes the generator emit
 * CREATE TYPE once per table. Keep the first CREATE TYPE and the last DROP TYPE of each type.
 */
export function dedupeEnumTypes(text: string): string {
  const block = /\n\s*await queryRunner\.query\(`\s*(CREATE|DROP) TYPE "public"\."(\w+)"[^`]*`\);/g;
  const blocks = [...text.matchAll(block)];
  const drop = new Set<number>();
  const seenCreate = new Set<string>();
  const lastDrop = new Map<string, number>();
  blocks.forEach((m, i) => {
    if (m[1] === 'CREATE') {
      if (seenCreate.has(m[2])) drop.add(i);
      seenCreate.add(m[2]);
    } else {
      if (lastDrop.has(m[2])) drop.add(lastDrop.get(m[2])!);
      lastDrop.set(m[2], i);
    }
  });
  let out = '';
  let last = 0;
  blocks.forEach((m, i) => {
    if (!drop.has(i)) return;
    out += text.slice(last, m.index);
    last = m.index! + m[0].length;
  });
  return out + text.slice(last);
}

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command !== 'generate' && command !== 'check') {
    console.error('usage: migrations.js generate <Name> | check');
    process.exit(2);
  }
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let tmp: string | null = null;
  if (!url) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-migrations-'));
    fs.chmodSync(tmp, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
    await ensureDatabase(pg.adminUrl, 'migrations');
    url = pg.urlFor('migrations');
    stop = () => pg.stop();
  }
  let code = 0;
  try {
    const ds = await connect(url);
    await migrate(ds);
    if (command === 'check') {
      const pending = await pendingSchemaChanges(ds);
      if (pending.length) {
        console.error(`Entities and migrations disagree; missing migration would run:\n${pending.join(';\n')}`);
        code = 1;
      } else console.log('migrations match the entities');
      await ds.destroy();
    } else {
      await ds.destroy();
      if (!name) throw new Error('generate needs a migration name');
      const r = spawnSync(
        process.execPath,
        [
          path.join(projectRoot, 'node_modules/typeorm/cli.js'),
          'migration:generate',
          path.join('migrations', name),
          '-d',
          'dist/ormconfig.js',
          '--pretty',
        ],
        { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
      );
      code = r.status ?? 1;
      if (code === 0) portableMetadata(url);
    }
  } finally {
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
