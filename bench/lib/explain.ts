/**
 * The plan check: the app's actual SQL (captured from a server started with LOG_SQL=1, which logs
 * `query: <sql> -- PARAMETERS: [...]`) is EXPLAINed with its parameters. A sequential scan of a table
 * holding more than 10,000 rows fails the check. SELECTs are also run with ANALYZE (inside a
 * transaction that is rolled back) to show where the time goes.
 */
import pg from 'pg';

export const SEQ_SCAN_LIMIT = 10_000;

export interface LoggedQuery {
  sql: string;
  params: unknown[];
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Parse TypeORM's query log: entries start with "query: " at the start of a line and may span lines. */
export function parseQueryLog(output: string): LoggedQuery[] {
  const lines = output.replace(ANSI, '').split('\n');
  const entries: string[] = [];
  let cur: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith('query: ')) {
      if (cur) entries.push(cur.join('\n'));
      cur = [line.slice('query: '.length)];
    } else if (/^(query failed|error|\[partnership-record\]|query is slow|\{")/.test(line)) {
      // Another log line (TypeORM's errors, or the app's pino JSON lines) ends the entry.
      if (cur) entries.push(cur.join('\n'));
      cur = null;
    } else if (cur) {
      cur.push(line);
    }
  }
  if (cur) entries.push(cur.join('\n'));
  return entries.map((e) => {
    const m = /^([\s\S]*?)\s*-- PARAMETERS: (\[[\s\S]*\])\s*$/.exec(e);
    if (!m) return { sql: e.trim(), params: [] };
    let params: unknown[] = [];
    try {
      params = JSON.parse(m[2]);
    } catch {
      params = [];
    }
    return { sql: m[1].trim(), params };
  });
}

export interface PlanFinding {
  scenario: string;
  sql: string;
  /** Tables scanned sequentially, with their row counts. */
  seqScans: { table: string; rows: number }[];
  ok: boolean;
  /** Execution time with ANALYZE (SELECTs only). */
  executionMs: number | null;
  planningMs: number | null;
  /** Index names the plan uses. */
  indexes: string[];
  error?: string;
  plan?: unknown;
}

function walk(node: any, visit: (n: any) => void) {
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** Statements worth explaining: reads and writes, not transaction control. */
export function explainable(sql: string): boolean {
  return /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(sql) && !/pg_stat_statements|pg_advisory/i.test(sql);
}

export async function explainAll(url: string, queries: { scenario: string; sql: string; params: unknown[] }[], keepPlans = false): Promise<PlanFinding[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sizes = new Map<string, number>(
      (
        await client.query(
          `SELECT c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
        )
      ).rows.map((r: any) => [r.name, r.rows]),
    );
    const out: PlanFinding[] = [];
    for (const q of queries) {
      const isRead = /^\s*(SELECT|WITH)\b/i.test(q.sql) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(q.sql);
      const f: PlanFinding = { scenario: q.scenario, sql: q.sql, seqScans: [], ok: true, executionMs: null, planningMs: null, indexes: [] };
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(`EXPLAIN (${isRead ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) ${q.sql}`, q.params);
        await client.query('ROLLBACK');
        const top = rows[0]['QUERY PLAN'][0];
        f.executionMs = top['Execution Time'] ?? null;
        f.planningMs = top['Planning Time'] ?? null;
        const indexes = new Set<string>();
        walk(top.Plan, (n) => {
          if (n['Index Name']) indexes.add(n['Index Name']);
          if (n['Node Type'] === 'Seq Scan' && n['Relation Name']) {
            const rowsIn = sizes.get(n['Relation Name']) ?? 0;
            f.seqScans.push({ table: n['Relation Name'], rows: rowsIn });
          }
        });
        f.indexes = [...indexes];
        f.ok = f.seqScans.every((s) => s.rows <= SEQ_SCAN_LIMIT);
        if (keepPlans || !f.ok) f.plan = top.Plan;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        f.error = (e as Error).message;
        f.ok = false;
      }
      out.push(f);
    }
    return out;
  } finally {
    await client.end();
  }
}
