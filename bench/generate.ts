/**
 * Benchmark data generator (issue #4): fills a migrated, empty database with a deterministic data
 * set at a chosen scale, directly in PostgreSQL.
 *
 *   --scale 1         one partnership, about the demo's size: 60 organisations, 300 people, 7 forums,
 *                     a year of meetings (~100), ~450 agenda items, ~150 decisions, ~400 action items.
 *   --scale national  294 partnerships (98 municipalities), ~20,000 organisations, ~60,000 people,
 *                     ~2,000 forums, ~100,000 meetings over ten years, ~10^6 agenda items and action
 *                     items, ~4·10^5 decisions, with skew: a few forums with 500–1,000 meetings, a few
 *                     organisations with thousands of action items.
 *   --scale N         N partnerships with ten years of history each (national ≈ 294).
 *
 * The small tables (organisations, people, forums, the meeting calendar …) are planned in memory
 * with seeded PRNGs (lib/plan.ts) and uploaded in bulk; the big ones are built by set-based
 * INSERT … SELECT with hash-based pseudo-randomness (lib/sql.ts). Every id is an md5 of the seed,
 * the table and a key, so the same seed, scale and day give the same database. Dates are relative to
 * "today" (Copenhagen), so "overdue" and "scheduled" mean what they should on the day of the run;
 * pass `today` for a fully fixed data set.
 *
 * CLI: node dist/bench/generate.js --scale national --database-url postgres://… [--seed 1] [--today YYYY-MM-DD]
 *      (creates the database if missing and applies the migrations first; prints the result as JSON).
 */
import path from 'node:path';
import pg from 'pg';
import { buildPlan, Plan, profileFor } from './lib/plan';
import { S, bulkInsert, helperFunctions, sqlKit } from './lib/sql';
import { dayStr, lit, todayInCopenhagen } from './lib/util';
import * as W from './lib/words';

export interface GenerateResult {
  scale: string;
  seconds: number;
  counts: Record<string, number>;
  sample: {
    /** A forum with the median number of meetings. */
    forumId: string;
    /** The forum with the most meetings. */
    bigForumId: string;
    /** An organisation with the median number of (direct) action items among those that have any. */
    organisationId: string;
    /** The organisation with the most action items of its own among those with sub-organisations (whose subtree holds more). */
    bigOrganisationId: string;
    /** COORDINATOR in every partnership (use a development token for this person). */
    coordinatorPersonId: string;
    /** A partnership with the median number of meetings. */
    partnershipId: string;
    /** A word found in a small fraction of agenda items (full-text search, Danish). */
    searchTerm: string;
    /** ADMIN in every partnership (one role per person and partnership, so a second person). */
    adminPersonId: string;
  };
  /** Figures about the sample (meetings of the forums, action items of the organisations …). */
  stats: Record<string, number | string>;
  today: string;
}

export interface GenerateOptions {
  log?: (m: string) => void;
  seed?: number;
  /** 'YYYY-MM-DD'; default: today in Copenhagen. */
  today?: string;
  /** VACUUM ANALYZE at the end (default) or only ANALYZE. */
  vacuum?: boolean;
  /**
   * While loading, raise max_wal_size and pause autovacuum with ALTER SYSTEM (superusers only;
   * restored afterwards). Default true: fewer checkpoints and full-page images, no vacuum racing the load.
   */
  tuneServer?: boolean;
}

/** Tables the generator fills, in dependency order (these are the counts reported). */
export const TABLES = [
  'partnership',
  'organisation',
  'person',
  'affiliation',
  'partnership_member',
  'forum',
  'forum_member',
  'partnership_access',
  'meeting',
  'attendance',
  'agenda_item',
  'decision',
  'decision_responsibility',
  'decision_status_change',
  'action_item',
  'action_item_event',
  'action_item_open_by_ancestor',
];

export async function generate(databaseUrl: string, scale: '1' | 'national' | number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 1;
  const today = opts.today ?? todayInCopenhagen();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, not ${today}`);
  const started = Date.now();
  const profile = profileFor(scale);
  const plan = buildPlan(profile, seed, today);
  log(
    `plan for scale ${profile.scale} (seed ${seed}, today ${today}): ${plan.partnerships.length} partnerships, ${plan.orgs.length} organisations, ` +
      `${plan.people.length} people, ${plan.forums.length} forums, ${plan.meetings.length} meetings (${Date.now() - started} ms)`,
  );

  // Two connections: the tables' INSERTs are CPU-bound (text, tsvector, index upkeep), and there are two cores.
  const client = await session(databaseUrl);
  let second: pg.Client | null = null;
  let restoreServer: (() => Promise<void>) | null = null;
  const run = async (c: pg.Client, step: Step) => {
    const t = Date.now();
    let rows = 0;
    for (const q of step.sql) rows += (await c.query(q)).rowCount ?? 0;
    log(`  ${step.name}: ${rows} rows, ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    // Foreign keys are checked per row by triggers; a bulk load skips them (as pg_restore does) and
    // checks every foreign key set-based at the end instead. Needs a superuser; otherwise rows are
    // checked one by one, slower but just as correct.
    const fkChecksDeferred = await skipForeignKeyTriggers(client);
    if (!fkChecksDeferred) log('  (not allowed to skip per-row foreign key checks: loading with them, on one connection)');
    const nonEmpty = await client.query(`SELECT EXISTS (SELECT 1 FROM partnership) OR EXISTS (SELECT 1 FROM organisation) OR EXISTS (SELECT 1 FROM person) AS found`);
    if (nonEmpty.rows[0].found) throw new Error('The database already holds data; generate into an empty, migrated database');
    if (opts.tuneServer !== false) restoreServer = await tuneServer(client, log);

    await client.query(`DROP SCHEMA IF EXISTS ${S} CASCADE`);
    await client.query(`CREATE SCHEMA ${S}`);
    for (const f of helperFunctions()) await client.query(f);

    // The per-meeting search documents are built in one pass at the end, not row by row by their triggers.
    const searchTriggers = await client.query(`SELECT tgrelid::regclass::text AS t, tgname AS n FROM pg_trigger WHERE tgname LIKE 'meeting_search_sync%'`);
    for (const r of searchTriggers.rows) await client.query(`ALTER TABLE ${r.t} DISABLE TRIGGER ${r.n}`);
    await loadPlan(client, plan, log);
    const steps = historySteps(plan);
    for (const step of steps.filter((st) => st.name.endsWith(' plan'))) await run(client, step);
    const inserts = steps.filter((st) => !st.name.endsWith(' plan'));
    if (fkChecksDeferred) {
      second = await session(databaseUrl);
      await skipForeignKeyTriggers(second);
      // Balanced by measured time (national: ~90 s each); each table is filled by one statement, so
      // row order and bigserial values stay deterministic.
      const laneB = new Set(['action_item', 'action_item_event', 'decision_status_change']);
      const lane = async (c: pg.Client, names: Step[]) => {
        for (const st of names) await run(c, st);
      };
      const t = Date.now();
      await Promise.all([lane(client, inserts.filter((st) => !laneB.has(st.name))), lane(second, inserts.filter((st) => laneB.has(st.name)))]);
      log(`  tables filled: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const t2 = Date.now();
      await client.query(`SET session_replication_role = DEFAULT`);
      await second.query(`SET session_replication_role = DEFAULT`);
      await checkForeignKeys([client, second]);
      log(`  foreign keys checked: ${((Date.now() - t2) / 1000).toFixed(1)} s`);
    } else {
      for (const st of inserts) await run(client, st);
    }
    await client.query(`DROP SCHEMA ${S} CASCADE`);
    if (searchTriggers.rows.length) {
      const t5 = Date.now();
      for (const r of searchTriggers.rows) await client.query(`ALTER TABLE ${r.t} ENABLE TRIGGER ${r.n}`);
      await client.query('SELECT meeting_search_rebuild()');
      await client.query(`VACUUM (ANALYZE) meeting_search`);
      log(`  meeting search documents: ${((Date.now() - t5) / 1000).toFixed(1)} s`);
    }
    // Open work by organisation (migration OpenActionItemsByAncestor), kept by triggers the bulk load skipped.
    const t6 = Date.now();
    const openWork = await client.query(`SELECT action_item_open_by_ancestor_rebuild() AS n`);
    log(`  open work by organisation: ${openWork.rows[0].n} rows, ${((Date.now() - t6) / 1000).toFixed(1)} s`);
    const t3 = Date.now();
    const maintain = opts.vacuum === false ? 'ANALYZE' : 'VACUUM (ANALYZE)';
    const tables = [...TABLES];
    await Promise.all(
      [client, second].filter((c): c is pg.Client => !!c).map(async (c) => {
        for (let t = tables.shift(); t; t = tables.shift()) await c.query(`${maintain} ${t}`);
      }),
    );
    if (opts.vacuum === false) {
      // VACUUM would also have merged the full-text indexes' pending lists; without it, merge them here.
      await client.query(`SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                            JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' AND c.relnamespace = 'public'::regnamespace`);
    }
    log(`  ${maintain}: ${((Date.now() - t3) / 1000).toFixed(1)} s`);
    if (opts.vacuum !== false) {
      // VACUUM cannot mark a page all-visible while the commit of the rows on it is not yet flushed to
      // disk (they are committed asynchronously here: synchronous_commit = off), which is what happens to
      // the tables filled last (the open-work table, the search documents). Their index-only scans would
      // then read the heap row by row until autovacuum comes by, and a benchmark started at once would
      // measure that. So: one synchronous commit (it flushes the WAL before it), then vacuum such tables again.
      const t7 = Date.now();
      await client.query('SET synchronous_commit = on');
      await client.query('SELECT pg_current_xact_id()');
      const { rows: lagging } = await client.query<{ t: string }>(
        `SELECT c.oid::regclass::text AS t FROM pg_class c WHERE c.oid = ANY($1::regclass[]) AND c.relpages > 0 AND c.relallvisible < c.relpages * 0.9`,
        [[...TABLES, 'meeting_search']],
      );
      for (const { t } of lagging) await client.query(`VACUUM ${t}`);
      if (lagging.length) log(`  VACUUM again (pages not yet all-visible): ${lagging.map((r) => r.t).join(', ')}: ${((Date.now() - t7) / 1000).toFixed(1)} s`);
    }
    if (restoreServer) {
      await restoreServer();
      restoreServer = null;
    }
    // Write everything out now, so that a benchmark started next does not share the disk with this checkpoint.
    const t4 = Date.now();
    await client.query('CHECKPOINT').then(
      () => log(`  CHECKPOINT: ${((Date.now() - t4) / 1000).toFixed(1)} s`),
      () => log('  (not allowed to CHECKPOINT)'),
    );

    const counts: Record<string, number> = {};
    for (const t of TABLES) counts[t] = Number((await client.query(`SELECT count(*)::bigint AS n FROM ${t}`)).rows[0].n);
    const { sample, stats } = await pickSample(client, plan);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    log(`done in ${seconds} s`);
    return { scale: profile.scale, seconds, counts, sample, stats, today };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${S} CASCADE`).catch(() => undefined);
    if (restoreServer) await restoreServer().catch((e: Error) => log(`  could not restore server settings: ${e.message}`));
    await client.end();
    await second?.end();
  }
}

/** Server settings for the load (ALTER SYSTEM + reload); returns how to put them back. */
async function tuneServer(c: pg.Client, log: (m: string) => void): Promise<(() => Promise<void>) | null> {
  const su = await c.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (!su.rows[0]?.rolsuper) return null;
  const wanted: Record<string, string> = { max_wal_size: '8GB', autovacuum: 'off' };
  const { rows } = await c.query<{ name: string; setting: string; unit: string | null; sourcefile: string | null }>(
    `SELECT name, setting, unit, sourcefile FROM pg_settings WHERE name = ANY($1)`,
    [Object.keys(wanted)],
  );
  for (const name of Object.keys(wanted)) await c.query(`ALTER SYSTEM SET ${name} = '${wanted[name]}'`);
  await c.query('SELECT pg_reload_conf()');
  log(`  server tuned for the load: ${Object.entries(wanted).map(([k, v]) => `${k}=${v}`).join(', ')} (restored afterwards)`);
  return async () => {
    for (const r of rows) {
      // A value that came from postgresql.auto.conf was set by ALTER SYSTEM before: put it back; otherwise drop ours.
      if (r.sourcefile?.endsWith('postgresql.auto.conf')) await c.query(`ALTER SYSTEM SET ${r.name} = '${r.setting}${r.unit === 'MB' ? 'MB' : ''}'`);
      else await c.query(`ALTER SYSTEM RESET ${r.name}`);
    }
    await c.query('SELECT pg_reload_conf()');
  };
}

/** A connection set up for bulk loading. */
async function session(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const q of [
    `SET synchronous_commit = off`,
    `SET work_mem = '512MB'`,
    `SET maintenance_work_mem = '1GB'`,
    // GIN indexes (full-text search) take new entries in a pending list; a long one is merged in bulk.
    `SET gin_pending_list_limit = '64MB'`,
    `SET statement_timeout = 0`,
    `SET datestyle = 'ISO, YMD'`,
    `SET jit = off`,
  ]) {
    await c.query(q);
  }
  return c;
}

async function skipForeignKeyTriggers(c: pg.Client): Promise<boolean> {
  try {
    await c.query(`SET session_replication_role = replica`);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The planned part: straight uploads.

async function loadPlan(client: pg.Client, plan: Plan, log: (m: string) => void): Promise<void> {
  const t = Date.now();
  const ts = (day: number, minute = 8 * 60) => `${dayStr(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00 Europe/Copenhagen`;
  const d = (day: number | null) => (day === null ? null : dayStr(day));
  const created = plan.historyStart - 30;

  await bulkInsert(
    client,
    'partnership',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['name', 'text'], ['area', 'text'], ['purpose', 'text']],
    plan.partnerships.map((p) => [p.id, ts(p.start - 7), ts(p.start - 7), p.name, p.area, p.purpose]),
  );
  await bulkInsert(
    client,
    'organisation',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['name', 'text'], ['short_name', 'text'], ['kind', 'organisation_kind'], ['parent_id', 'uuid'], ['topics', 'text[]'], ['active', 'bool'], ['email', 'text'], ['phone', 'text']],
    plan.orgs.map((o) => [o.id, ts(created), ts(created), o.name, o.shortName, o.kind, o.parentId, o.topics.join('|'), true, o.email, o.phone]),
  );
  await bulkInsert(
    client,
    'person',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['name', 'text'], ['title', 'text'], ['email', 'text'], ['phone', 'text']],
    plan.people.map((p) => [p.id, ts(Math.max(created, Math.min(p.from, plan.today - 1))), ts(Math.max(created, Math.min(p.to ?? p.from, plan.today - 1))), p.name, p.title, p.email, p.phone]),
  );
  await bulkInsert(
    client,
    'affiliation',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'int4'], ['person_id', 'uuid'], ['organisation_id', 'uuid'], ['role', 'text'], ['is_contact', 'bool'], ['starts_on', 'date'], ['ends_on', 'date']],
    plan.affiliations.map((a) => [a.id, ts(Math.max(created, Math.min(a.from, plan.today - 1))), ts(Math.max(created, Math.min(a.to ?? a.from, plan.today - 1))), a.to === null ? 1 : 2, a.personId, a.orgId, a.role, a.isContact, d(a.from), d(a.to)]),
  );
  await bulkInsert(
    client,
    'partnership_member',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'int4'], ['partnership_id', 'uuid'], ['organisation_id', 'uuid'], ['role', 'partnership_role'], ['starts_on', 'date'], ['ends_on', 'date']],
    plan.members.map((m) => [m.id, ts(m.from), ts(m.to ?? m.from), m.to === null ? 1 : 2, m.partnershipId, m.orgId, m.role, d(m.from), d(m.to)]),
  );
  await bulkInsert(
    client,
    'forum',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['partnership_id', 'uuid'], ['name', 'text'], ['level', 'forum_level'], ['mandate', 'text'], ['recurrence', 'text'], ['meeting_duration_minutes', 'int4'], ['default_location', 'text']],
    plan.forums.map((f) => [f.id, ts(f.start - 14), ts(f.start - 14), f.partnershipId, f.name, f.level, f.mandate, f.recurrence, f.duration, f.location]),
  );
  await bulkInsert(
    client,
    'forum_member',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['version', 'int4'], ['forum_id', 'uuid'], ['person_id', 'uuid'], ['organisation_id', 'uuid'], ['role', 'forum_role'], ['legal_basis', 'text'], ['starts_on', 'date'], ['ends_on', 'date']],
    plan.seats.map((s) => [s.id, ts(s.from), ts(Math.min(s.to ?? s.from, plan.today - 1)), s.to === null ? 1 : 2, s.forumId, s.personId, s.orgId, s.role, s.legalBasis, d(s.from), d(s.to)]),
  );
  await bulkInsert(
    client,
    'partnership_access',
    [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['partnership_id', 'uuid'], ['person_id', 'uuid'], ['role', 'access_role']],
    plan.access.map((a) => [a.id, ts(a.createdAt), ts(a.createdAt), a.partnershipId, a.personId, a.role]),
  );

  // Scratch tables the SQL phase builds from.
  await client.query(`CREATE UNLOGGED TABLE ${S}.p (pk int PRIMARY KEY, id uuid NOT NULL, area text NOT NULL)`);
  await bulkInsert(client, `${S}.p`, [['pk', 'int4'], ['id', 'uuid'], ['area', 'text']], plan.partnerships.map((p) => [p.pk, p.id, p.area.split(',')[0]]));
  await client.query(`CREATE UNLOGGED TABLE ${S}.f (fk int PRIMARY KEY, id uuid NOT NULL, pk int NOT NULL, partnership_id uuid NOT NULL, name text NOT NULL,
                        duration int NOT NULL, location text, sensitive bool NOT NULL, chair_id uuid NOT NULL, secretary_id uuid NOT NULL)`);
  await bulkInsert(
    client,
    `${S}.f`,
    [['fk', 'int4'], ['id', 'uuid'], ['pk', 'int4'], ['partnership_id', 'uuid'], ['name', 'text'], ['duration', 'int4'], ['location', 'text'], ['sensitive', 'bool'], ['chair_id', 'uuid'], ['secretary_id', 'uuid']],
    plan.forums.map((f) => [f.fk, f.id, f.pk, f.partnershipId, f.name, f.duration, f.location, f.sensitive, f.chairId, f.secretaryId]),
  );
  await client.query(`CREATE UNLOGGED TABLE ${S}.m0 (mk int, fk int, k int, day int, minute int, status text, kind text, n_items int, next_mk int)`);
  await bulkInsert(
    client,
    `${S}.m0`,
    [['mk', 'int4'], ['fk', 'int4'], ['k', 'int4'], ['day', 'int4'], ['minute', 'int4'], ['status', 'text'], ['kind', 'text'], ['n_items', 'int4'], ['next_mk', 'int4']],
    plan.meetings.map((m) => [m.mk, m.fk, m.k, m.day, m.minute, m.status, m.kind, m.nItems, m.nextMk]),
    20000,
  );
  // Assignment skew: per partnership its current members, the most burdened first.
  const byPk = new Map<number, string[]>();
  for (const r of plan.ranks) {
    if (!byPk.has(r.pk)) byPk.set(r.pk, []);
    byPk.get(r.pk)![r.rank] = r.orgId;
  }
  await client.query(`CREATE UNLOGGED TABLE ${S}.ranks (pk int PRIMARY KEY, orgs uuid[] NOT NULL, n int NOT NULL)`);
  await bulkInsert(client, `${S}.ranks`, [['pk', 'int4'], ['orgs', 'text'], ['n', 'int4']], [...byPk].map(([pk, orgs]) => [pk, `{${orgs.join(',')}}`, orgs.length]), 5000, `pk, orgs::uuid[], n`);
  // People who may be assigned anything: affiliated through the whole history.
  await client.query(`CREATE UNLOGGED TABLE ${S}.seniors (org_id uuid PRIMARY KEY, persons uuid[] NOT NULL, n int NOT NULL)`);
  await bulkInsert(
    client,
    `${S}.seniors`,
    [['org_id', 'uuid'], ['persons', 'text'], ['n', 'int4']],
    plan.orgs.map((o) => {
      const s = o.staff.filter((p) => p.senior).map((p) => p.id);
      return [o.id, `{${s.join(',')}}`, s.length];
    }),
    5000,
    `org_id, persons::uuid[], n`,
  );
  log(`  planned tables uploaded: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// The big tables, set-based.

interface Step {
  name: string;
  sql: string[];
}

/**
 * The statements that build the big tables: first the scratch "plans" (keys and choices, in
 * dependency order), then one INSERT … SELECT per table, which only read the plans and so may run
 * in any order (foreign keys are checked at the end).
 */
function historySteps(plan: Plan): Step[] {
  const steps: Step[] = [];
  const timed = (name: string, sql: string | string[]) => void steps.push({ name, sql: Array.isArray(sql) ? sql : [sql] });
  const { R, pick, uuid, salt } = sqlKit(plan.seed);
  const pr = plan.profile;
  const T = plan.today;
  const NOW = `${S}.at(${T}, 0)`;
  const areaPhrase = (key: string, n: number, p = 0.35) => `CASE WHEN ${R(key, n)} < ${p} THEN ' i ' || p.area ELSE '' END`;
  const topic = (key: string) => pick(W.TOPICS, key, 1);
  const actor = (key: string, n: number) => pick(W.ACTORS, key, n);
  const fillT = (template: string, key: string, n: number) =>
    `replace(replace(replace(${template}, '{t}', ${topic(key)}), '{T}', ${S}.cap(${topic(key)})), '{actor}', ${actor(key, n)})`;
  const fillActor = (template: string, key: string, n: number) => `replace(replace(${template}, '{actor}', ${actor(key, n)}), '{Actor}', ${S}.cap(${actor(key, n)}))`;

  // Meetings.
  timed('meeting plan', [
    `CREATE UNLOGGED TABLE ${S}.m AS
       SELECT m0.mk, m0.fk, m0.k, m0.day, m0.status, m0.kind, m0.n_items, m0.next_mk, f.pk,
              ${uuid('meeting', 'm0.mk')} AS id, f.id AS forum_id, f.partnership_id,
              ${S}.at(m0.day, m0.minute) AS starts_at, ${S}.at(m0.day, m0.minute + f.duration) AS ends_at,
              f.duration, f.sensitive, f.chair_id, f.secretary_id
         FROM ${S}.m0 m0 JOIN ${S}.f f ON f.fk = m0.fk`,
    `ALTER TABLE ${S}.m ADD PRIMARY KEY (mk)`,
  ]);
  timed(
    'meeting',
    `INSERT INTO meeting (id, created_at, updated_at, version, forum_id, partnership_id, title, starts_at, ends_at, location, status, kind,
                          cancellation_reason, minutes_notes, minutes_status, minutes_approved_at, minutes_approved_by_id)
     SELECT m.id, c.created, CASE WHEN m.status = 'scheduled' THEN c.created
                                  WHEN c.approved THEN ${S}.at(m.day + 7, 600)
                                  ELSE least(m.ends_at + interval '1 day', ${NOW} - interval '1 hour') END,
            CASE WHEN c.approved THEN 3 WHEN m.status = 'scheduled' THEN 1 ELSE 2 END,
            m.forum_id, m.partnership_id, f.name || ' ' || ${S}.d(m.day)::text, m.starts_at, m.ends_at, f.location,
            m.status::meeting_status, m.kind::meeting_kind,
            CASE WHEN m.status = 'cancelled' THEN ${pick(W.CANCELLATION_REASONS, 'm.mk', 2)} END,
            CASE WHEN m.status = 'held' THEN ${pick(W.MINUTES_NOTES, 'm.mk', 3)} END,
            CASE WHEN c.approved THEN 'approved' ELSE 'draft' END::minutes_status,
            CASE WHEN c.approved THEN ${S}.at(m.day + 7, 600) END,
            CASE WHEN c.approved THEN m.chair_id END
       FROM ${S}.m m JOIN ${S}.f f ON f.fk = m.fk
       CROSS JOIN LATERAL (SELECT m.status = 'held' AND m.day < ${T - 14} AS approved,
                                  least(m.starts_at - interval '40 days', ${NOW} - interval '2 days') AS created) c
      ORDER BY m.starts_at, m.mk`,
  );
  timed(
    'attendance',
    // Sparse: about 40 % of the seats of a held meeting have a recorded attendance.
    `INSERT INTO attendance (id, created_at, updated_at, meeting_id, organisation_id, person_id, status)
     SELECT ${uuid('attendance', `m.mk || ':' || fm.id`)}, m.ends_at, m.ends_at, m.id, fm.organisation_id, fm.person_id,
            CASE WHEN x.r < 0.82 THEN 'present' WHEN x.r < 0.93 THEN 'excused' ELSE 'absent' END::attendance_status
       FROM ${S}.m m
       JOIN forum_member fm ON fm.forum_id = m.forum_id AND fm.starts_on <= ${S}.d(m.day) AND (fm.ends_on IS NULL OR fm.ends_on >= ${S}.d(m.day))
       CROSS JOIN LATERAL (SELECT ${S}.ru(fm.id, m.mk::bigint * 2 + ${salt(5)}) AS r) x
      WHERE m.status = 'held' AND ${S}.ru(fm.id, m.mk::bigint * 2 + ${salt(6)}) < 0.4
      ORDER BY m.starts_at, m.mk, fm.id`,
  );

  // Agenda items: the plan first (with keys), then the rows with their text.
  const std = `CASE WHEN j = 1 THEN 1 WHEN j = 2 AND m.n_items >= 6 THEN 2 WHEN j = m.n_items AND m.n_items >= 5 THEN 3 ELSE 0 END`;
  timed('agenda plan', [
    `CREATE UNLOGGED TABLE ${S}.a AS
       SELECT ak, m.mk, m.fk, m.pk, m.k, j AS pos, ak AS tk, s.std,
              CASE s.std WHEN 1 THEN 'information' WHEN 2 THEN 'follow_up' WHEN 3 THEN 'information'
                   ELSE CASE WHEN ${R('ak', 10)} < ${pr.pDecision} THEN 'decision'
                             WHEN ${R('ak', 10)} < ${pr.pDecision + pr.pDiscussion} THEN 'discussion'
                             WHEN ${R('ak', 10)} < ${pr.pDecision + pr.pDiscussion + pr.pFollowUp} THEN 'follow_up'
                             ELSE 'information' END END AS kind,
              CASE WHEN m.status = 'held' THEN CASE WHEN s.std = 0 AND ${R('ak', 11)} < 0.04 THEN 'deferred' ELSE 'discussed' END ELSE 'planned' END AS status,
              (m.sensitive AND s.std = 0 AND ${R('ak', 12)} < 0.03) AS confidential,
              NULL::bigint AS from_ak, ${uuid('agenda', 'ak')} AS id
         FROM ${S}.m m
         CROSS JOIN LATERAL generate_series(1, m.n_items) j
         CROSS JOIN LATERAL (SELECT m.mk::bigint * 32 + j AS ak, ${std} AS std) s
        WHERE m.n_items > 0`,
    // Deferred items are carried over to the forum's next meeting (when it has an agenda).
    `INSERT INTO ${S}.a (ak, mk, fk, pk, k, pos, tk, std, kind, status, confidential, from_ak, id)
     SELECT n.mk::bigint * 32 + 16 + d.rn, n.mk, n.fk, n.pk, n.k, n.n_items + d.rn, d.tk, 0, d.kind,
            CASE WHEN n.status = 'held' THEN 'discussed' ELSE 'planned' END, d.confidential, d.ak, ${uuid('agenda', 'n.mk::bigint * 32 + 16 + d.rn')}
       FROM (SELECT a.*, row_number() OVER (PARTITION BY a.mk ORDER BY a.pos) AS rn FROM ${S}.a a WHERE a.status = 'deferred') d
       JOIN ${S}.m cur ON cur.mk = d.mk
       JOIN ${S}.m n ON n.mk = cur.next_mk
      WHERE n.n_items > 0`,
  ]);
  const titleOf = (kind: string) =>
    `CASE ${kind} WHEN 'information' THEN ${pick(W.INFO_TITLES, 'a.tk', 13)} WHEN 'discussion' THEN ${pick(W.DISCUSSION_TITLES, 'a.tk', 13)}
                  WHEN 'decision' THEN ${pick(W.DECISION_TITLES, 'a.tk', 13)} ELSE ${pick(W.FOLLOWUP_TITLES, 'a.tk', 13)} END`;
  timed(
    'agenda_item',
    `INSERT INTO agenda_item (id, created_at, updated_at, version, meeting_id, forum_id, position, title, description, kind,
                              presenter_person_id, presenter_organisation_id, planned_minutes, confidential, outcome_notes, status, carried_over_from_id)
     SELECT a.id, c.created, CASE WHEN a.status = 'planned' THEN c.created ELSE least(m.ends_at + interval '1 hour', ${NOW} - interval '1 hour') END,
            CASE WHEN a.status = 'planned' THEN 1 ELSE 2 END,
            m.id, m.forum_id, a.pos,
            CASE a.std WHEN 1 THEN 'Godkendelse af dagsorden og referat fra sidste møde' WHEN 2 THEN 'Opfølgning på handlingspunkter' WHEN 3 THEN 'Eventuelt'
                 ELSE CASE WHEN ${R('a.tk', 14)} < 0.004 THEN ${pick(W.SEARCH_TITLES, 'a.tk', 15)}
                           ELSE ${fillT(titleOf('a.kind'), 'a.tk', 16)} || ${areaPhrase('a.tk', 17)} END END,
            CASE a.std WHEN 0 THEN ${fillActor(pick(W.DESCRIPTION_SENTENCES, 'a.tk', 18), 'a.tk', 19)} || ' ' || ${fillActor(pick(W.DESCRIPTION_SENTENCES, 'a.tk', 20), 'a.tk', 21)}
                                   || CASE WHEN ${R('a.tk', 22)} < 0.002 THEN ' ' || ${pick(W.SEARCH_SENTENCES, 'a.tk', 23)} ELSE '' END
                       WHEN 2 THEN 'Gennemgang af åbne handlingspunkter og udsatte punkter fra tidligere møder.' ELSE '' END,
            a.kind::agenda_item_kind,
            CASE WHEN a.std = 0 AND ${R('a.tk', 24)} < 0.6 THEN sn.persons[1 + floor(${R('a.tk', 25)} * sn.n)::int] END,
            CASE WHEN a.std = 0 THEN c.presenter END,
            CASE a.std WHEN 1 THEN 5 WHEN 2 THEN 15 WHEN 3 THEN 5 ELSE 10 + 5 * floor(${R('a.tk', 26)} * 5)::int END,
            a.confidential,
            CASE a.status WHEN 'discussed' THEN CASE WHEN a.std = 0 THEN ${fillActor(pick(W.OUTCOME_NOTES, 'a.ak', 27), 'a.ak', 28)} ELSE 'Godkendt.' END
                          WHEN 'deferred' THEN 'Punktet blev udsat til næste møde.' END,
            a.status::agenda_item_status,
            CASE WHEN a.from_ak IS NOT NULL THEN ${uuid('agenda', 'a.from_ak')} END
       FROM ${S}.a a
       JOIN ${S}.m m ON m.mk = a.mk
       JOIN ${S}.p p ON p.pk = a.pk
       JOIN ${S}.ranks rk ON rk.pk = a.pk
       CROSS JOIN LATERAL (SELECT rk.orgs[1 + floor(rk.n * ${R('a.tk', 29)} ^ 2)::int] AS presenter,
                                  least(m.starts_at - make_interval(days => 4, mins => a.pos), ${NOW} - interval '1 day') AS created) c
       JOIN ${S}.seniors sn ON sn.org_id = c.presenter
      ORDER BY m.starts_at, a.mk, a.pos`,
  );

  // Decisions: under decision items (and a few discussion items) that were discussed at a held meeting.
  const lag = (fk: string, pos: string) => `(2 + floor(${R(`${fk}::bigint * 64 + ${pos}`, 30)} * 5)::int)`;
  timed('decision plan', [
    `CREATE UNLOGGED TABLE ${S}.d0 AS
       SELECT a.ak, a.id AS agenda_item_id, ${uuid('decision', 'a.ak')} AS id, a.mk, a.fk, a.pk, a.k, a.pos, a.tk, a.confidential,
              m.starts_at + make_interval(mins => 5 * a.pos) AS decided_at
         FROM ${S}.a a JOIN ${S}.m m ON m.mk = a.mk
        WHERE m.status = 'held' AND a.status = 'discussed' AND a.std = 0
          AND ((a.kind = 'decision' AND ${R('a.ak', 31)} < 0.9) OR (a.kind = 'discussion' AND ${R('a.ak', 31)} < 0.15))`,
    // A later decision on the same point of the forum's agenda (a few meetings on) may supersede it.
    `CREATE UNLOGGED TABLE ${S}.d AS
       SELECT q.*, CASE q.status WHEN 'superseded' THEN q.superseded_at WHEN 'in_force' THEN NULL
                        ELSE least(q.decided_at + make_interval(days => 7 + floor(${R('q.ak', 35)} * 170)::int), ${NOW} - interval '1 hour') END AS changed_at
         FROM (SELECT d.*, s.id AS supersedes_id, b.id AS superseded_by, b.decided_at AS superseded_at,
                      CASE WHEN b.id IS NOT NULL THEN 'superseded'
                           WHEN d.decided_at < ${NOW} - interval '30 days' AND ${R('d.ak', 33)} < 0.03 THEN 'revoked'
                           WHEN d.decided_at < ${NOW} - interval '14 days'
                                AND ${R('d.ak', 34)} < CASE WHEN d.decided_at < ${NOW} - interval '180 days' THEN 0.6 ELSE 0.2 END THEN 'implemented'
                           ELSE 'in_force' END AS status
                 FROM ${S}.d0 d
                 LEFT JOIN ${S}.d0 s ON ${R('d.ak', 32)} < 0.22 AND s.fk = d.fk AND s.pos = d.pos AND s.k = d.k - ${lag('d.fk', 'd.pos')}
                 LEFT JOIN ${S}.d0 b ON b.fk = d.fk AND b.pos = d.pos AND b.k = d.k + ${lag('d.fk', 'd.pos')} AND ${R('b.ak', 32)} < 0.22) q`,
  ]);
  timed(
    'decision',
    `INSERT INTO decision (id, created_at, updated_at, version, agenda_item_id, meeting_id, forum_id, partnership_id, confidential, text, decided_at,
                           status, supersedes_id, review_date, case_number, kle_number)
     SELECT d.id, d.decided_at, coalesce(d.changed_at, d.decided_at), CASE WHEN d.status = 'in_force' THEN 1 ELSE 2 END,
            d.agenda_item_id, m.id, m.forum_id, m.partnership_id, d.confidential,
            rtrim('Forummet besluttede at ' || ${fillActor(pick(W.DECISION_VERBS, 'd.ak', 36), 'd.ak', 37)} || ' ' || ${topic('d.tk')} || ${areaPhrase('d.ak', 38, 0.4)} || '. '
              || ${pick(W.DECISION_TAILS, 'd.ak', 39)}
              || CASE WHEN d.supersedes_id IS NOT NULL THEN ' Beslutningen erstatter den tidligere beslutning om samme emne.' ELSE '' END),
            d.decided_at, d.status::decision_status, d.supersedes_id,
            CASE WHEN ${R('d.ak', 40)} < 0.3 THEN (d.decided_at AT TIME ZONE 'Europe/Copenhagen')::date + (CASE WHEN ${R('d.ak', 41)} < 0.5 THEN 180 ELSE 365 END) END,
            CASE WHEN ${R('d.ak', 42)} < 0.45 THEN to_char(d.decided_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY') || '-' || lpad(floor(${R('d.ak', 43)} * 9999999)::int::text, 7, '0') END,
            CASE WHEN ${R('d.ak', 44)} < 0.4 THEN ${pick(W.KLE_NUMBERS, 'd.ak', 45)} END
       FROM ${S}.d d JOIN ${S}.m m ON m.mk = d.mk JOIN ${S}.p p ON p.pk = d.pk
      ORDER BY d.decided_at, d.ak`,
  );
  timed(
    'decision_responsibility',
    `INSERT INTO decision_responsibility (decision_id, organisation_id)
     SELECT DISTINCT d.id, rk.orgs[1 + floor(rk.n * ${R('d.ak * 4 + i', 46)} ^ 2)::int]
       FROM ${S}.d d JOIN ${S}.ranks rk ON rk.pk = d.pk
       CROSS JOIN generate_series(0, 2) i
      WHERE i = 0 OR (i = 1 AND ${R('d.ak', 47)} < 0.45) OR (i = 2 AND ${R('d.ak', 47)} < 0.12)`,
  );
  timed(
    'decision_status_change',
    `INSERT INTO decision_status_change (id, decision_id, at, actor_id, from_status, to_status, comment)
     SELECT x.id, x.decision_id, x.at, x.actor_id, x.from_status::decision_status, x.to_status::decision_status, x.comment
       FROM (SELECT ${uuid('dsc', `d.ak || ':0'`)} AS id, d.id AS decision_id, d.decided_at AS at, m.secretary_id AS actor_id,
                    NULL AS from_status, 'in_force' AS to_status,
                    CASE WHEN d.supersedes_id IS NOT NULL THEN 'supersedes ' || d.supersedes_id END AS comment
               FROM ${S}.d d JOIN ${S}.m m ON m.mk = d.mk
             UNION ALL
             SELECT ${uuid('dsc', `d.ak || ':1'`)}, d.id, d.changed_at, m.secretary_id, 'in_force', d.status,
                    CASE d.status WHEN 'superseded' THEN 'superseded by ' || d.superseded_by
                                  WHEN 'revoked' THEN 'Tilbagekaldt: forudsætningerne har ændret sig' END
               FROM ${S}.d d JOIN ${S}.m m ON m.mk = d.mk
              WHERE d.status <> 'in_force') x
      ORDER BY x.at, x.id`,
  );

  // Action items: from decisions, from agenda items without a decision, and from the meeting itself.
  const n4 = (key: string, n: number, t: number[]) => t.map((x) => `(${R(key, n)} > ${x})::int`).join(' + ');
  timed('action item plan', [
    `CREATE UNLOGGED TABLE ${S}.x0 AS
       SELECT d.ak * 8 + s AS xk, 'decision' AS origin, d.id AS decision_id, d.agenda_item_id, d.mk, d.pk, d.confidential, d.tk
         FROM ${S}.d d CROSS JOIN LATERAL generate_series(1, ${n4('d.ak', 50, [0.15, 0.45, 0.75, 0.9])}) s
       UNION ALL
       SELECT a.ak * 8 + 4 + s, 'agenda_item', NULL, a.id, a.mk, a.pk, a.confidential, a.tk
         FROM ${S}.a a
         JOIN ${S}.m m ON m.mk = a.mk
         CROSS JOIN LATERAL generate_series(1, CASE a.kind WHEN 'information' THEN ${n4('a.ak', 51, [0.7])}
                                                           ELSE ${n4('a.ak', 51, [0.35, 0.75, 0.93])} END) s
        WHERE m.status = 'held' AND a.status = 'discussed' AND a.std = 0 AND NOT EXISTS (SELECT 1 FROM ${S}.d0 d WHERE d.ak = a.ak)
       UNION ALL
       SELECT m.mk::bigint * 256 + s, 'meeting', NULL, NULL, m.mk, m.pk, false, m.mk::bigint * 256 + s
         FROM ${S}.m m CROSS JOIN LATERAL generate_series(1, ${n4('m.mk', 52, [0.4, 0.8])}) s
        WHERE m.status = 'held'`,
    `CREATE UNLOGGED TABLE ${S}.x1 AS
       SELECT x.*, ${uuid('action', 'x.xk')} AS id, m.id AS meeting_id, m.forum_id, m.partnership_id, m.secretary_id,
              m.ends_at + make_interval(mins => 20 + (x.xk % 8)::int) AS created_at,
              ${S}.d(m.day) + (ARRAY[7, 14, 14, 21, 30, 30, 45, 60, 90, 120])[1 + floor(${R('x.xk', 53)} * 10)::int] AS due_date,
              c.org AS assignee_org,
              CASE WHEN ${R('x.xk', 54)} < 0.6 THEN sn.persons[1 + floor(${R('x.xk', 55)} * sn.n)::int] END AS assignee_person
         FROM ${S}.x0 x
         JOIN ${S}.m m ON m.mk = x.mk
         JOIN ${S}.ranks rk ON rk.pk = x.pk
         CROSS JOIN LATERAL (SELECT rk.orgs[1 + floor(rk.n * ${R('x.xk', 56)} ^ 2.5)::int] AS org) c
         JOIN ${S}.seniors sn ON sn.org_id = c.org`,
    // Status by how far the due date lies behind; closed items get a closing time, open ones may be overdue.
    `CREATE UNLOGGED TABLE ${S}.x AS
       SELECT z.*, greatest(z.created_at + interval '5 minutes', coalesce(z.closed_at, ${NOW} - interval '1 hour')) AS end_at
         FROM (SELECT y.*,
                      CASE WHEN y.status IN ('done', 'cancelled')
                           THEN greatest(y.created_at + interval '10 minutes',
                                         least(${S}.at((y.due_date - date '1970-01-01') + floor(${R('y.xk', 58)} * 40)::int - 25, 600), ${NOW} - interval '1 hour')) END AS closed_at,
                      (y.status IN ('in_progress', 'blocked') OR (y.status = 'done' AND ${R('y.xk', 59)} < 0.55)) AS via_progress,
                      (${R('y.xk', 60)} < 0.06) AS moved
                 FROM (SELECT x1.*,
                              CASE WHEN x1.due_date >= ${S}.d(${T}) THEN
                                        CASE WHEN r < 0.45 THEN 'open' WHEN r < 0.78 THEN 'in_progress' WHEN r < 0.85 THEN 'blocked' WHEN r < 0.97 THEN 'done' ELSE 'cancelled' END
                                   WHEN x1.due_date >= ${S}.d(${T - 180}) THEN
                                        CASE WHEN r < 0.12 THEN 'open' WHEN r < 0.21 THEN 'in_progress' WHEN r < 0.25 THEN 'blocked' WHEN r < 0.93 THEN 'done' ELSE 'cancelled' END
                                   ELSE CASE WHEN r < 0.02 THEN 'open' WHEN r < 0.03 THEN 'in_progress' WHEN r < 0.035 THEN 'blocked' WHEN r < 0.92 THEN 'done' ELSE 'cancelled' END
                              END AS status
                         FROM ${S}.x1 x1 CROSS JOIN LATERAL (SELECT ${R('x1.xk', 57)} AS r) rr) y) z`,
  ]);
  const at = (f: number) => `x.created_at + (x.end_at - x.created_at) * ${f}`;
  const events = `((x.moved)::int + (x.via_progress)::int + (x.status = 'blocked')::int + (x.status IN ('done', 'cancelled'))::int)`;
  timed(
    'action_item',
    `INSERT INTO action_item (id, created_at, updated_at, version, title, description, origin, decision_id, agenda_item_id, meeting_id, forum_id,
                              partnership_id, assignee_organisation_id, assignee_person_id, due_date, status, closed_at, confidential)
     SELECT x.id, x.created_at,
            CASE WHEN x.closed_at IS NOT NULL THEN x.closed_at WHEN x.status = 'blocked' THEN ${at(0.7)}
                 WHEN x.via_progress THEN ${at(0.4)} WHEN x.moved THEN ${at(0.2)} ELSE x.created_at END,
            1 + ${events},
            ${pick(W.ACTION_VERBS, 'x.xk', 61)} || ' ' || ${topic('x.tk')},
            ${pick(W.ACTION_SENTENCES, 'x.xk', 62)},
            x.origin::action_item_origin, x.decision_id, x.agenda_item_id, x.meeting_id, x.forum_id, x.partnership_id,
            x.assignee_org, x.assignee_person, x.due_date, x.status::action_item_status, x.closed_at, x.confidential
       FROM ${S}.x x
      ORDER BY x.created_at, x.xk`,
  );
  timed(
    'action_item_event',
    `INSERT INTO action_item_event (id, action_item_id, at, actor_id, kind, from_status, to_status, from_value, to_value, comment)
     SELECT e.id, e.action_item_id, e.at, e.actor_id, e.kind::action_item_event_kind, e.from_status::action_item_status, e.to_status::action_item_status,
            e.from_value, e.to_value, e.comment
       FROM (SELECT ${uuid('event', `x.xk || ':0'`)} AS id, x.id AS action_item_id, x.created_at AS at, x.secretary_id AS actor_id, 'created' AS kind,
                    NULL AS from_status, 'open' AS to_status, NULL AS from_value, x.assignee_org::text AS to_value, NULL AS comment
               FROM ${S}.x x
             UNION ALL
             SELECT ${uuid('event', `x.xk || ':1'`)}, x.id, ${at(0.2)}, x.secretary_id, 'due_date_moved', 'open', 'open',
                    (x.due_date - 14)::text, x.due_date::text, ${pick(W.MOVE_COMMENTS, 'x.xk', 63)}
               FROM ${S}.x x WHERE x.moved
             UNION ALL
             SELECT ${uuid('event', `x.xk || ':2'`)}, x.id, ${at(0.4)}, coalesce(x.assignee_person, x.secretary_id), 'status_changed', 'open', 'in_progress', NULL, NULL, NULL
               FROM ${S}.x x WHERE x.via_progress
             UNION ALL
             SELECT ${uuid('event', `x.xk || ':3'`)}, x.id, ${at(0.7)}, coalesce(x.assignee_person, x.secretary_id), 'status_changed', 'in_progress', 'blocked', NULL, NULL,
                    ${pick(W.BLOCKED_COMMENTS, 'x.xk', 64)}
               FROM ${S}.x x WHERE x.status = 'blocked'
             UNION ALL
             SELECT ${uuid('event', `x.xk || ':4'`)}, x.id, x.closed_at, coalesce(x.assignee_person, x.secretary_id), 'status_changed',
                    CASE WHEN x.via_progress THEN 'in_progress' ELSE 'open' END, x.status, NULL, NULL,
                    CASE WHEN x.status = 'cancelled' THEN ${pick(W.CANCEL_COMMENTS, 'x.xk', 65)} ELSE nullif(${pick(W.DONE_COMMENTS, 'x.xk', 66)}, '') END
               FROM ${S}.x x WHERE x.status IN ('done', 'cancelled')) e
      ORDER BY e.at, e.id`,
  );
  return steps;
}

// ---------------------------------------------------------------------------------------------

/**
 * Every foreign key of the schema, checked set-based (the load skipped the per-row triggers). A key of
 * several columns (a row's parent and forum: migration SameForum) is checked on all of them; as in
 * PostgreSQL (MATCH SIMPLE), a row with any of them null is not checked.
 */
export async function checkForeignKeys(clients: pg.Client | pg.Client[]): Promise<void> {
  const cs = Array.isArray(clients) ? clients : [clients];
  const { rows } = await cs[0].query<{ name: string; child: string; parent: string; ccols: string[]; pcols: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS ccols,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS pcols
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      ORDER BY pg_relation_size(c.conrelid) DESC, 1`,
  );
  const bad: string[] = [];
  const queue = [...rows];
  await Promise.all(
    cs.map(async (c) => {
      for (let fk = queue.shift(); fk; fk = queue.shift()) {
        const notNull = fk.ccols.map((col) => `c."${col}" IS NOT NULL`).join(' AND ');
        const match = fk.ccols.map((col, i) => `p."${fk.pcols[i]}" = c."${col}"`).join(' AND ');
        const { rows: r } = await c.query(`SELECT count(*)::int AS n FROM ${fk.child} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${match})`);
        if (r[0].n) bad.push(`${fk.child}(${fk.ccols.join(', ')}) → ${fk.parent}(${fk.pcols.join(', ')}): ${r[0].n} rows (${fk.name})`);
      }
    }),
  );
  if (bad.length) throw new Error(`Generated data breaks foreign keys:\n${bad.sort().join('\n')}`);
}

async function pickSample(client: pg.Client, plan: Plan): Promise<{ sample: GenerateResult['sample']; stats: GenerateResult['stats'] }> {
  const one = async (sql: string) => (await client.query(sql)).rows[0];
  const forum = await one(
    `WITH c AS (SELECT forum_id, count(*) AS n FROM meeting GROUP BY forum_id)
     SELECT (SELECT forum_id FROM c ORDER BY n DESC, forum_id LIMIT 1) AS big,
            (SELECT n FROM c ORDER BY n DESC, forum_id LIMIT 1) AS big_n,
            (SELECT forum_id FROM c ORDER BY n, forum_id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1) AS typical,
            (SELECT n FROM c ORDER BY n, forum_id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1) AS typical_n`,
  );
  const partnership = await one(
    `WITH c AS (SELECT partnership_id, count(*) AS n FROM meeting GROUP BY partnership_id)
     SELECT partnership_id AS id, n FROM c ORDER BY n, partnership_id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1`,
  );
  const org = await one(
    `WITH c AS (SELECT assignee_organisation_id AS id, count(*) AS n FROM action_item GROUP BY 1)
     SELECT id, n FROM c ORDER BY n, id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1`,
  );
  const big = await one(
    `WITH RECURSIVE direct AS (SELECT assignee_organisation_id AS id, count(*) AS n FROM action_item GROUP BY 1),
          up(org, ancestor) AS (SELECT id, id FROM organisation
                                UNION ALL
                                SELECT up.org, o.parent_id FROM up JOIN organisation o ON o.id = up.ancestor WHERE o.parent_id IS NOT NULL),
          subtree AS (SELECT up.ancestor AS id, sum(d.n) AS n FROM up JOIN direct d ON d.id = up.org GROUP BY up.ancestor)
     SELECT s.id, s.n AS subtree_n, coalesce(d.n, 0) AS direct_n, o.name,
            (SELECT max(n) FROM subtree) AS max_subtree_n,
            (SELECT count(*) FROM organisation c WHERE c.parent_id = s.id) AS children
       FROM subtree s JOIN organisation o ON o.id = s.id LEFT JOIN direct d ON d.id = s.id
      WHERE EXISTS (SELECT 1 FROM organisation c WHERE c.parent_id = s.id)
      ORDER BY coalesce(d.n, 0) DESC, s.n DESC, s.id LIMIT 1`,
  );
  const overdue = await one(
    `SELECT count(*) FILTER (WHERE status IN ('open', 'in_progress', 'blocked') AND due_date < ${lit(dayStr(plan.today))}::date) AS overdue,
            count(*) FILTER (WHERE status IN ('open', 'in_progress', 'blocked')) AS open, count(*) AS total FROM action_item`,
  );
  const search = await one(`SELECT count(*) AS n FROM agenda_item WHERE search_vector @@ plainto_tsquery('danish', ${lit(W.SEARCH_TERM)})`);
  return {
    sample: {
      forumId: forum.typical,
      bigForumId: forum.big,
      organisationId: org.id,
      bigOrganisationId: big.id,
      coordinatorPersonId: plan.coordinatorId,
      partnershipId: partnership.id,
      searchTerm: W.SEARCH_TERM,
      adminPersonId: plan.adminId,
    },
    stats: {
      typicalForumMeetings: Number(forum.typical_n),
      bigForumMeetings: Number(forum.big_n),
      typicalOrganisationActionItems: Number(org.n),
      bigOrganisationName: big.name,
      bigOrganisationActionItems: Number(big.direct_n),
      bigOrganisationSubtreeActionItems: Number(big.subtree_n),
      bigOrganisationSubOrganisations: Number(big.children),
      maxActionItemsOfOneSubtree: Number(big.max_subtree_n),
      typicalPartnershipMeetings: Number(partnership.n),
      openActionItems: Number(overdue.open),
      overdueActionItems: Number(overdue.overdue),
      overdueShare: Math.round((1000 * Number(overdue.overdue)) / Math.max(1, Number(overdue.total))) / 1000,
      agendaItemsMatchingSearchTerm: Number(search.n),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

/** Create the database if it is missing and apply the migrations (the app's own code, from the build). */
export async function prepareDatabase(url: string, log: (m: string) => void = () => undefined): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  const missing = await probe.connect().then(
    () => false,
    (e: { code?: string }) => {
      if (e.code === '3D000') return true; // database does not exist
      throw e;
    },
  );
  await probe.end().catch(() => undefined);
  if (missing) {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    } finally {
      await c.end();
    }
  }
  // Loaded at run time from the compiled app, so this file compiles on its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('reflect-metadata');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require(path.resolve(__dirname, '../src/db/database.js')) as {
    connect(url: string): Promise<{ destroy(): Promise<void> }>;
    migrate(ds: unknown): Promise<string[]>;
  };
  const ds = await db.connect(url);
  try {
    const applied = await db.migrate(ds);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const scaleArg = arg('scale') ?? '1';
  const url = arg('database-url') ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Give --database-url postgres://… (or DATABASE_URL)');
  const scale: '1' | 'national' | number = scaleArg === '1' || scaleArg === 'national' ? scaleArg : Number(scaleArg);
  if (typeof scale === 'number' && !(scale >= 1)) throw new Error(`--scale must be 1, national or a number of partnerships, not ${scaleArg}`);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  await prepareDatabase(url, log);
  const result = await generate(url, scale, {
    log,
    seed: arg('seed') ? Number(arg('seed')) : undefined,
    today: arg('today'),
    vacuum: !process.argv.includes('--no-vacuum'),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  });
}
