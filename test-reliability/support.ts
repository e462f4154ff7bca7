/**
 * Shared pieces of the reliability scenarios: a fresh database per scenario, the real server as a
 * child process (`node dist/src/main.js`, JSON logs on stdout), an HTTP GraphQL client with a hard
 * timeout, development tokens, and a small world of fixtures built through the services.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, ChildProcess } from 'node:child_process';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../ormconfig';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { projectRoot } from '../src/config';
import { world, ctxAt } from '../test/support/factory';
import { personService } from '../src/person/person.service';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { actionItemService } from '../src/action-item/action-item.service';
import { agendaService } from '../src/agenda/agenda.service';
import { meetingService } from '../src/meeting/meeting.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import type { Cluster } from './cluster';

export const TEMPLATE_DB = 'pr_reliability_template';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------ database

export interface ScenarioDb {
  name: string;
  url: string;
  /** A TypeORM DataSource on the scenario's database (fixtures through the services, checks). */
  ds: DataSource;
  /** One-off query on a new connection (survives database restarts). */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

let dbCounter = 0;

export async function adminQuery(cluster: Cluster, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: cluster.adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function freshDb(cluster: Cluster): Promise<ScenarioDb> {
  const name = `pr_rel_${process.pid}_${++dbCounter}`;
  await adminQuery(cluster, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = cluster.urlFor(name);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  // TypeORM keys generated-column metadata by database name; a clone still names the template.
  await ds.query('UPDATE typeorm_metadata SET "database" = current_database() WHERE "database" IS NOT NULL');
  return {
    name,
    url,
    ds,
    async query(sql, params) {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        return (await c.query(sql, params as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async close() {
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      await adminQuery(cluster, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    },
  };
}

/** Row counts (and the newest transaction id) of every table of the record: a rejected write changes none. */
export async function rowSnapshot(db: ScenarioDb): Promise<Record<string, number>> {
  const tables = await db.query<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const sql = tables
    .map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::bigint AS x FROM "${t}"`)
    .join(' UNION ALL ');
  const rows = await db.ds.query(sql);
  const out: Record<string, number> = {};
  for (const r of rows) {
    out[r.t] = r.n;
    out[`${r.t}.xmin`] = Number(r.x);
  }
  return out;
}

// -------------------------------------------------------------------------------- the server

export interface ServerProcess {
  url: string;
  base: string;
  proc: ChildProcess;
  /** Every stdout line (JSON log lines). */
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const SUITE_ENV = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'info',
  // Not 'test': Apollo behaves differently under NODE_ENV=test (signal handling); not 'production': dev tokens.
  NODE_ENV: 'development',
  // The suite sends thousands of requests per person in a minute; the limit has its own tests.
  RATE_LIMIT_POINTS: '10000000',
  PG_POOL_MAX: '10',
  PG_CONNECT_TIMEOUT_MS: '2000',
  REQUEST_TIMEOUT_MS: '8000',
  PG_STATEMENT_TIMEOUT_MS: '8000',
  // A killed process's pending Idempotency-Key is taken over after 10 s (above the request timeout).
  IDEMPOTENCY_STALE_MS: '10000',
  IDEMPOTENCY_WAIT_MS: '15000',
  SHUTDOWN_GRACE_MS: '5000',
};

/** Server processes still running: killed after each scenario and when the suite exits, however it exits. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export function killAllServers(): void {
  for (const p of live) p.kill('SIGKILL');
}

export function devKeyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-reliability-key-'));
  return path.join(dir, 'key.json');
}

/** Start `node dist/src/main.js` on the scenario's database; resolves once it serves. */
export async function spawnServer(db: ScenarioDb, keyFile: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [path.join(projectRoot, 'dist', 'src', 'main.js')], {
    cwd: projectRoot,
    env: { ...process.env, ...SUITE_ENV, DATABASE_URL: db.url, DEV_KEY_FILE: keyFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = '';
  let resolveUrl: (u: string) => void;
  const urlP = new Promise<string>((r) => (resolveUrl = r));
  proc.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) {
      if (!l) continue;
      lines.push(l);
      const m = /GraphQL API ready at (http:\/\/[^\s"]+)/.exec(l);
      if (m) resolveUrl(m[1].replace(/"$/, ''));
    }
  });
  proc.stderr!.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  const url = await Promise.race([
    urlP,
    exited.then((x) => {
      throw new Error(`server exited before serving (${JSON.stringify(x)}): ${stderr.join('').slice(-2000)} ${lines.slice(-5).join('\n')}`);
    }),
    sleep(60_000).then(() => {
      throw new Error('server did not start within 60 s');
    }),
  ]);
  const fixed = url.replace('localhost', '127.0.0.1');
  return {
    url: fixed,
    base: fixed.replace(/\/graphql$/, ''),
    proc,
    lines,
    stderr,
    exited,
    async kill(signal) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

// ---------------------------------------------------------------------------------- the client

export interface Res {
  status: number;
  json: any;
  text: string;
  headers: Headers | null;
  ms: number;
  /** Network error or client timeout (no HTTP answer). */
  error?: string;
}

export async function http(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Res> {
  const t = Date.now();
  try {
    const r = await fetch(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: init.headers,
      signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    });
    const text = await r.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, json, text, headers: r.headers, ms: Date.now() - t };
  } catch (e) {
    return { status: 0, json: undefined, text: '', headers: null, ms: Date.now() - t, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export function gql(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Res> {
  return http(url, {
    method: 'POST',
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers },
    timeoutMs: opts.timeoutMs,
  });
}

/** Text that must never reach a client: SQL and driver internals. */
export const SQL_LEAK = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|violates|constraint|syntax error at|relation "|column "|QueryFailedError|duplicate key|invalid input syntax|node_modules|at \w+ \(|pg_)/;

// ----------------------------------------------------------------------------------- fixtures

export interface World {
  partnershipId: string;
  forumId: string;
  meetingIds: string[];
  agendaItemIds: string[];
  actionItemIds: string[];
  orgIds: string[];
  coordinators: { id: string; token: string }[];
  admin: { id: string; token: string };
}

/**
 * The factory's partnership (test/support/factory.ts), plus `coordinators` coordinators and an
 * admin with tokens, `meetings` more scheduled meetings with an agenda item each, and `actionItems`
 * open action items.
 */
export async function buildWorld(db: ScenarioDb, keyFile: string, opts: { coordinators: number; meetings: number; actionItems: number }): Promise<World> {
  const w = await world(db.ds);
  const ctx = ctxAt(db.ds, new Date());
  const auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: keyFile }));
  const person = async (name: string, role: AccessRole) => {
    const p = await personService.create(ctx, { name });
    await accessService.grant(ctx, { partnershipId: w.partnership.id, personId: p.id, role });
    return { id: p.id, token: await auth.issueDevToken(p.id) };
  };
  const coordinators = [];
  for (let i = 0; i < opts.coordinators; i++) coordinators.push(await person(`Koordinator ${i + 1}`, AccessRole.COORDINATOR));
  const admin = await person('Administrator', AccessRole.ADMIN);
  const meetingIds = [w.meeting.id];
  const agendaItemIds = [w.item.id];
  for (let i = 0; i < opts.meetings; i++) {
    const m = await meetingService.schedule(ctx, { forumId: w.forum.id, title: `Møde ${i + 2}`, startsAt: new Date(Date.UTC(2026, 7 + i, 3, 12)) });
    const a = await agendaService.add(ctx, m.id, { title: `Punkt ${i + 2}`, kind: AgendaItemKind.DECISION });
    meetingIds.push(m.id);
    agendaItemIds.push(a.id);
  }
  const orgIds = [w.dept.id, w.unit.id, w.police.id, w.school.id];
  const actionItemIds: string[] = [];
  for (let i = 0; i < opts.actionItems; i++) {
    const item = await actionItemService.create(ctx, {
      title: `Opgave ${i + 1}`,
      agendaItemId: agendaItemIds[i % agendaItemIds.length],
      assigneeOrganisationId: orgIds[i % orgIds.length],
      dueDate: '2026-12-01',
    });
    actionItemIds.push(item.id);
  }
  return { partnershipId: w.partnership.id, forumId: w.forum.id, meetingIds, agendaItemIds, actionItemIds, orgIds, coordinators, admin };
}

// --------------------------------------------------------------------------------- operations

export const HISTORY = `query History($forumId: ID!) {
  node(id: $forumId) { ... on Forum { name meetings(first: 10) { totalCount edges { node { id title startsAt status
    agendaItems { edges { node { title status decisions { edges { node { text status
      actionItems { edges { node { title status dueDate assigneeOrganisation { name } } } } } } }
      actionItems { edges { node { title status } } } } } } } } } } }
}`;

export const CHANGE_STATUS = `mutation ChangeStatus($id: ID!, $status: ActionItemStatus!, $comment: String, $version: Int) {
  changeActionItemStatus(id: $id, status: $status, comment: $comment, version: $version) { id status version }
}`;

export const RECORD_DECISION = `mutation RecordDecision($input: RecordDecisionInput!) {
  recordDecision(input: $input) { id text }
}`;

/** A pool of concurrent workers over `n` jobs; resolves when all are done or `deadline` passes. */
export async function pool<T>(n: number, concurrency: number, job: (i: number, worker: number) => Promise<T>, deadline = Infinity): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < n && Date.now() < deadline) {
        const i = next++;
        out[i] = await job(i, worker);
      }
    }),
  );
  return out;
}
