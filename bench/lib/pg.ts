/**
 * The benchmark's PostgreSQL: a throwaway embedded server (as in test/run.ts) with pg_stat_statements
 * loaded, or the server of DATABASE_URL. One database per scale, migrated with the real migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, migrate } from '../../src/db/database';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../../src/db/embedded';
import { postmasterOfBackend } from './proc';

export interface BenchPostgres {
  adminUrl: string;
  urlFor(db: string): string;
  embedded: boolean;
  /** pid of the postmaster when the server runs on this machine and /proc shows it. */
  postmasterPid: number | null;
  version: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function query<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Start the embedded PostgreSQL twice on the same data directory: the first start only writes
 * `shared_preload_libraries = 'pg_stat_statements'` (ALTER SYSTEM; it needs a restart), the second is
 * the server used (persistent: false, so stopping it deletes the data). The helper in src/db/embedded.ts
 * takes no extra server flags, hence the restart.
 */
export async function startPostgres(log: (m: string) => void): Promise<BenchPostgres> {
  if (process.env.DATABASE_URL) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    const [{ pid, version }] = await query(adminUrl, 'SELECT pg_backend_pid() AS pid, current_setting(\'server_version\') AS version');
    const postmasterPid = postmasterOfBackend(pid);
    log(`using the PostgreSQL ${version} of DATABASE_URL${postmasterPid ? ` (postmaster pid ${postmasterPid} on this machine)` : ' (not on this machine: no database CPU figures)'}`);
    return { adminUrl, urlFor: (db) => withDatabase(adminUrl, db), embedded: false, postmasterPid, version, stop: async () => undefined };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-bench-'));
  fs.chmodSync(tmp, 0o755);
  const dataDir = path.join(tmp, 'pg');
  const port = await freePort();
  const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  try {
    const settings: [string, string][] = [
      ['shared_preload_libraries', 'pg_stat_statements'],
      ['pg_stat_statements.max', '10000'],
      // Bulk generation writes GBs; fewer forced checkpoints. Does not change read or commit behaviour.
      ['max_wal_size', '4GB'],
    ];
    for (const [k, v] of settings) await query(first.adminUrl, `ALTER SYSTEM SET ${k} = '${v}'`);
  } finally {
    await first.stop();
  }
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  const [{ pid, version }] = await query(server.adminUrl, "SELECT pg_backend_pid() AS pid, current_setting('server_version') AS version");
  const postmasterPid = readPostmasterPid(dataDir) ?? postmasterOfBackend(pid);
  log(`embedded PostgreSQL ${version} on 127.0.0.1:${port} (postmaster pid ${postmasterPid}), data in ${dataDir}`);
  return {
    adminUrl: server.adminUrl,
    urlFor: server.urlFor,
    embedded: true,
    postmasterPid,
    version,
    async stop() {
      await server.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function readPostmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid || null;
  } catch {
    return null;
  }
}

/** A fresh database with the real migrations applied. An existing one of the same name is dropped first. */
export async function freshDatabase(pgs: BenchPostgres, name: string): Promise<string> {
  await query(pgs.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await ensureDatabase(pgs.adminUrl, name);
  const url = pgs.urlFor(name);
  const ds = await connect(url);
  try {
    await migrate(ds);
  } finally {
    await ds.destroy();
  }
  return url;
}

// ------------------------------------------------------------------ statement counting

export type StatementCounter =
  | { kind: 'pg_stat_statements'; snapshot(): Promise<Map<string, StatementStat>> }
  | { kind: 'none'; reason: string };

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
}

const MARK = '/* bench:monitor */';

/**
 * Statements the database executed, from pg_stat_statements (top-level statements, including
 * BEGIN/COMMIT), restricted to the benchmark database and excluding the benchmark's own monitoring.
 */
export async function statementCounter(url: string): Promise<StatementCounter> {
  try {
    await query(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await query(url, `${MARK} SELECT count(*) FROM pg_stat_statements`);
  } catch (e) {
    return { kind: 'none', reason: `pg_stat_statements unavailable: ${(e as Error).message}` };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => undefined);
  return {
    kind: 'pg_stat_statements',
    async snapshot() {
      const { rows } = await client.query(
        `${MARK} SELECT queryid::text AS id, query, calls::float8 AS calls, total_exec_time AS ms
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = current_database() AND s.query NOT LIKE '%bench:monitor%'`,
      );
      return new Map(rows.map((r: any) => [r.id as string, { query: r.query as string, calls: r.calls as number, totalMs: r.ms as number }]));
    },
  };
}

export interface StatementDiff {
  total: number;
  top: { query: string; calls: number; meanMs: number }[];
}

export function diffStatements(before: Map<string, StatementStat>, after: Map<string, StatementStat>): StatementDiff {
  let total = 0;
  const top: { query: string; calls: number; ms: number }[] = [];
  for (const [id, a] of after) {
    const b = before.get(id);
    const calls = a.calls - (b?.calls ?? 0);
    if (calls <= 0) continue;
    total += calls;
    top.push({ query: a.query, calls, ms: a.totalMs - (b?.totalMs ?? 0) });
  }
  top.sort((x, y) => y.calls - x.calls);
  return { total, top: top.map((t) => ({ query: t.query.replace(/\s+/g, ' ').slice(0, 300), calls: t.calls, meanMs: t.ms / t.calls })) };
}
