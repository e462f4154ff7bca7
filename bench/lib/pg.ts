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
  /** Actual values of REPORTED_SETTINGS. */
  settings: [string, string][];
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
 * Server settings the benchmark adds to its embedded PostgreSQL (src/db/embedded.ts sets the rest, e.g.
 * shared_buffers from EMBEDDED_PG_SHARED_BUFFERS; everything else is PostgreSQL's default):
 * - pg_stat_statements, to count the SQL statements each request causes;
 * - max_wal_size 4 GB: fewer forced checkpoints while the generator bulk-loads (no effect on reads or
 *   on commit durability; synchronous_commit stays on).
 */
export const SERVER_SETTINGS: [string, string][] = [
  ['shared_preload_libraries', 'pg_stat_statements'],
  ['pg_stat_statements.max', '10000'],
  ['max_wal_size', '4GB'],
];

/** Settings worth printing in the report (their actual values are read from the server). */
export const REPORTED_SETTINGS = ['shared_buffers', 'effective_cache_size', 'work_mem', 'max_wal_size', 'synchronous_commit', 'jit', 'random_page_cost', 'shared_preload_libraries'];

export async function serverSettings(adminUrl: string): Promise<[string, string][]> {
  const rows = await query<{ name: string; setting: string }>(
    adminUrl,
    'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY array_position($1, name)',
    [REPORTED_SETTINGS],
  );
  return rows.map((r) => [r.name, r.setting]);
}

/**
 * Start the embedded PostgreSQL (src/db/embedded.ts) on a temporary data directory, or a kept one
 * (--pg-dir). Settings that need a restart are written with ALTER SYSTEM and the server restarted,
 * since that helper takes no server flags.
 */
export async function startPostgres(log: (m: string) => void, opts: { dir?: string } = {}): Promise<BenchPostgres> {
  if (process.env.DATABASE_URL) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    const [{ pid, version }] = await query(adminUrl, 'SELECT pg_backend_pid() AS pid, current_setting(\'server_version\') AS version');
    const postmasterPid = postmasterOfBackend(pid);
    log(`using the PostgreSQL ${version} of DATABASE_URL${postmasterPid ? ` (postmaster pid ${postmasterPid} on this machine)` : ' (not on this machine: no database CPU figures)'}`);
    return { adminUrl, urlFor: (db) => withDatabase(adminUrl, db), embedded: false, postmasterPid, version, settings: await serverSettings(adminUrl), stop: async () => undefined };
  }
  // A kept data directory (--pg-dir) survives the run, so --reuse can skip generating; else a temporary one.
  const keep = !!opts.dir;
  const tmp = keep ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'pr-bench-'));
  if (tmp) fs.chmodSync(tmp, 0o755);
  const dataDir = keep ? path.resolve(opts.dir!) : path.join(tmp!, 'pg');
  if (keep && !fs.existsSync(path.dirname(dataDir))) {
    // The server runs as user postgres when we are root: it must be able to reach the directory.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  }
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  const current = new Map(
    (await query<{ name: string; setting: string }>(server.adminUrl, "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)", [
      SERVER_SETTINGS.map(([k]) => k),
    ])).map((r) => [r.name, r.setting]),
  );
  const changed = SERVER_SETTINGS.filter(([k, v]) => current.get(k) !== v);
  if (changed.length) {
    // These need a restart; src/db/embedded.ts takes no server flags, so: ALTER SYSTEM, stop, start.
    for (const [k, v] of changed) await query(server.adminUrl, `ALTER SYSTEM SET ${k} = '${v}'`);
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  }
  const [{ pid, version }] = await query(server.adminUrl, "SELECT pg_backend_pid() AS pid, current_setting('server_version') AS version");
  const postmasterPid = readPostmasterPid(dataDir) ?? postmasterOfBackend(pid);
  log(`embedded PostgreSQL ${version} on 127.0.0.1:${port} (postmaster pid ${postmasterPid}), data in ${dataDir}${keep ? ' (kept)' : ''}`);
  return {
    adminUrl: server.adminUrl,
    urlFor: server.urlFor,
    embedded: true,
    postmasterPid,
    version,
    settings: await serverSettings(server.adminUrl),
    async stop() {
      await server.stop();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
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
export async function databaseExists(pgs: BenchPostgres, name: string): Promise<boolean> {
  return (await query(pgs.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
}

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


/**
 * Statements the database executed, from pg_stat_statements (top-level statements, including
 * BEGIN/COMMIT), restricted to the benchmark database and excluding the benchmark's own monitoring (any
 * statement naming a pg_stat_* view).
 */
export async function statementCounter(url: string): Promise<StatementCounter> {
  try {
    await query(url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await query(url, 'SELECT count(*) FROM pg_stat_statements');
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
        `SELECT queryid::text AS id, query, calls::float8 AS calls, total_exec_time AS ms
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_%'`,
      );
      return new Map(rows.map((r: any) => [r.id as string, { query: r.query as string, calls: r.calls as number, totalMs: r.ms as number }]));
    },
  };
}

export interface StatementDiff {
  total: number;
  top: { id: string; query: string; calls: number; meanMs: number }[];
}

export function diffStatements(before: Map<string, StatementStat>, after: Map<string, StatementStat>): StatementDiff {
  let total = 0;
  const top: { id: string; query: string; calls: number; ms: number }[] = [];
  for (const [id, a] of after) {
    const b = before.get(id);
    const calls = a.calls - (b?.calls ?? 0);
    if (calls <= 0) continue;
    total += calls;
    top.push({ id, query: a.query, calls, ms: a.totalMs - (b?.totalMs ?? 0) });
  }
  top.sort((x, y) => y.calls - x.calls);
  return { total, top: top.map((t) => ({ id: t.id, query: t.query.replace(/\s+/g, ' ').slice(0, 300), calls: t.calls, meanMs: t.ms / t.calls })) };
}
