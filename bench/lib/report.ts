/** The benchmark's report: targets from issue 4 with PASS/FAIL, a console summary and docs/PERFORMANCE.md. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Sample } from '../scenarios';
import { poolSize } from '../../ormconfig';
import type { PlanFinding } from './explain';

type Combined = {
  rps: number;
  rpsMin: number;
  rpsMax: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  serverCpuMsPerReq: number | null;
  pgCpuMsPerReq: number | null;
  statementsPerReq: number | null;
  topStatements?: { query: string; perRequest: number; meanMs: number }[];
};

export interface ScenarioResult {
  title: string;
  number: number;
  query: string;
  variables: Record<string, unknown>;
  equality: { equal: boolean; pages: number; items: number; problems: string[] };
  statements?: { bySize: Record<string, { app: number; limit: number; top: { query: string; perRequest: number }[] }>; constant: boolean; note?: string } | null;
  load?: Record<string, { app: Combined; limit: Combined; ratio: number; p99Ratio: number }>;
}

export interface ScaleResult {
  scale: '1' | 'national';
  demo: boolean;
  /** Data from an earlier run (--reuse): generation time not measured in this run. */
  reused?: boolean;
  /** Actual values of some PostgreSQL settings (shared_buffers, work_mem, …). */
  serverSettings?: [string, string][];
  embeddedPostgres?: boolean;
  quick: boolean;
  date: string;
  options: { duration: number; rounds: number; warmup: number; connections: number[] };
  generation: { seconds: number; counts: Record<string, number>; stats?: Record<string, number | string> };
  counts: Record<string, number>;
  sample: Sample;
  apiKeyPartnerships: number;
  appBuild?: { commit: string | null; srcDirty: boolean | null; distBuiltAt: string };
  appBuildChanged?: { commit: string | null; srcDirty: boolean | null; distBuiltAt: string };
  /** CPU busy share of the whole machine over 3 s before the measurements, servers idle (other processes). */
  idleMachineBusy?: number | null;
  statementCounting: string;
  scenarios: Record<string, ScenarioResult>;
  writes: { pool: number; byConnections: Record<string, Combined & { changesPerSec: number; changes: number; failed: number; historyRows: number; auditRows: number; historyRowsPerChange: number | null; auditRowsPerChange: number | null }> } | null;
  plan: { findings: PlanFinding[]; ok: boolean; limit: PlanFinding[] } | null;
  rss: { peakMb: number; lastMb: number | null } | null;
  seconds: number;
  /**
   * National results only: national / scale-1 latency measured interleaved (both scales' servers at
   * once, alternating 1-connection rounds), per read scenario; p50 in ms.
   */
  scaleRatio?: Record<string, ScaleLatency & {
    rounds: number;
    seconds: number;
    /** Paged scenarios: the same over full pages alone (the list's shorter last page left out). */
    fullPages?: ScaleLatency;
    /**
     * Scenarios that select counts: the app with COUNT_CACHE=0 in the same rounds, its counts read on
     * every request (src/common/count-cache.ts keeps them between requests until the record changes,
     * and the read scenarios change nothing). Shown beside the target, not judged.
     */
    uncached?: ScalePair;
  }>;
}

/** p50 latency (ms) and responses counted, at scale 1 and nationally. */
export interface ScalePair {
  scale1P50: number;
  nationalP50: number;
  scale1Requests: number;
  nationalRequests: number;
}

/** The app's and the limit's latency at both scales (ScaleResult.scaleRatio). */
export interface ScaleLatency {
  app: ScalePair;
  limit: ScalePair;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  os: string;
}

export function machineInfo(pgVersion: string): Machine {
  let kernel = `${os.type()} ${os.release()}`;
  try {
    kernel = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.release() */
  }
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: pgVersion,
    os: kernel,
  };
}

export interface Target {
  id: string;
  name: string;
  scales: string[];
  measured: string;
  pass: boolean | null;
}

const READS = ['history', 'organisation', 'search', 'searchPartnership', 'decisions'];
const f1 = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const label = (r: ScaleResult) => (r.demo ? 'demo' : r.scale === '1' ? 'scale 1' : 'national');

export function evaluateTargets(results: ScaleResult[]): Target[] {
  const out: Target[] = [];
  const national = results.find((r) => r.scale === 'national');
  const one = results.find((r) => r.scale === '1');
  const main = national ?? one!;
  const at = (r: ScaleResult, s: string, c: string) => r.scenarios[s]?.load?.[c];

  // 1. History throughput ≥ 0.5× the limit (10 connections), at every scale measured.
  for (const r of results) {
    const h = at(r, 'history', '10') ?? at(r, 'history', String(r.options.connections[r.options.connections.length - 1]));
    if (!h) continue;
    out.push({
      id: 'history-throughput',
      name: `Meeting history throughput ≥ 0.5× limit (10 conns, ${label(r)})`,
      scales: [r.scale],
      measured: `${h.app.rps.toFixed(0)} vs ${h.limit.rps.toFixed(0)} req/s = ${h.ratio.toFixed(2)}×`,
      pass: h.ratio >= 0.5,
    });
  }
  // 2. p99 at 10 connections < 50 ms for scenarios 1–3 at national scale.
  for (const s of ['history', 'organisation', 'search', 'searchPartnership']) {
    const l = national ? at(national, s, '10') : undefined;
    out.push({
      id: `p99-${s}`,
      name: `p99 at 10 conns < 50 ms: ${s} (national)`,
      scales: ['national'],
      measured: l ? `${l.app.p99.toFixed(1)} ms (limit ${l.limit.p99.toFixed(1)} ms)` : 'not measured (no national run)',
      pass: l ? l.app.p99 < 50 : null,
    });
  }
  // 3. National costs at most 1.2× the latency of scale 1, every read scenario (p50 at 1 connection):
  // measured interleaved when the run did (ScaleResult.scaleRatio), else from each scale's own rounds.
  for (const s of READS) {
    const x = national?.scaleRatio?.[s];
    if (x) {
      // A paged scenario is judged on full pages, the same work at both scales (bench/run.ts
      // interleavedRatios); its figure over all pages follows.
      const f = x.fullPages;
      const y = f ?? x;
      const ratio = y.app.nationalP50 / y.app.scale1P50;
      const figures = (z: ScaleLatency) =>
        `${z.app.nationalP50.toFixed(2)} / ${z.app.scale1P50.toFixed(2)} ms = ${(z.app.nationalP50 / z.app.scale1P50).toFixed(2)}× (limit: ${z.limit.nationalP50.toFixed(2)} / ${z.limit.scale1P50.toFixed(2)} ms = ${(z.limit.nationalP50 / z.limit.scale1P50).toFixed(2)}×; ${z.app.nationalRequests} / ${z.app.scale1Requests} requests)`;
      out.push({
        id: `scale-latency-${s}`,
        name: `national / scale-1 latency ≤ 1.2×: ${s} (p50, 1 conn, interleaved${f ? ', full pages' : ''})`,
        scales: ['1', 'national'],
        measured:
          (f
            ? `full pages: ${figures(f)}; all pages, the last one's included: ${figures(x)}; ${x.rounds} alternating rounds of ${x.seconds} s per scale`
            : `${figures(x).replace(/ requests\)$/, ` requests; ${x.rounds} alternating rounds of ${x.seconds} s per scale)`)}`) +
          (x.uncached
            ? `; counts read on every request (COUNT_CACHE=0, same rounds; not judged): ${x.uncached.nationalP50.toFixed(2)} / ${x.uncached.scale1P50.toFixed(2)} ms = ${(x.uncached.nationalP50 / x.uncached.scale1P50).toFixed(2)}×`
            : ''),
        pass: ratio <= 1.2,
      });
      continue;
    }
    const a = national ? at(national, s, '1') : undefined;
    const b = one ? at(one, s, '1') : undefined;
    const ratio = a && b ? a.app.p50 / b.app.p50 : null;
    out.push({
      id: `scale-latency-${s}`,
      name: `national / scale-1 latency ≤ 1.2×: ${s} (p50, 1 conn)`,
      scales: ['1', 'national'],
      // The limit's own ratio beside it: the scales are measured minutes apart, and what the data and
      // the machine (whose speed can drift meanwhile) do to one hand-written statement is the yardstick.
      measured:
        a && b
          ? `${a.app.p50.toFixed(2)} / ${b.app.p50.toFixed(2)} ms = ${ratio!.toFixed(2)}× (limit: ${a.limit.p50.toFixed(2)} / ${b.limit.p50.toFixed(2)} ms = ${(a.limit.p50 / b.limit.p50).toFixed(2)}×; p99 @10: ${f1(at(national!, s, '10')?.app.p99)} / ${f1(at(one!, s, '10')?.app.p99)} ms)`
          : 'needs both scales in one run',
      pass: ratio === null ? null : ratio <= 1.2,
    });
  }
  // 4. SQL statements per request constant in page size, every read scenario, every scale.
  for (const r of results) {
    for (const s of READS) {
      const st = r.scenarios[s]?.statements;
      if (st === undefined) continue;
      const sizes = st ? Object.keys(st.bySize).sort((x, y) => Number(x) - Number(y)) : [];
      out.push({
        id: `statements-${s}`,
        name: `SQL statements per request constant in page size: ${s} (${label(r)})`,
        scales: [r.scale],
        measured: st
          ? sizes.map((n) => `first ${n}: ${st.bySize[n].app.toFixed(1)}`).join(', ') + ` (limit ${st.bySize[sizes[sizes.length - 1]].limit.toFixed(0)})` + (st.note ? `; ${st.note}` : '')
          : 'not measured (no pg_stat_statements)',
        pass: st ? st.constant : null,
      });
    }
  }
  // 5. ≥ 500 status changes per second with their history rows.
  for (const r of results) {
    const w = r.writes?.byConnections['10'];
    if (!w) continue;
    out.push({
      id: 'writes',
      name: `≥ 500 action item status changes/s with history rows (10 conns, ${label(r)})`,
      scales: [r.scale],
      measured: `${w.changesPerSec.toFixed(0)} changes/s; ${f1(w.historyRowsPerChange, 2)} history + ${f1(w.auditRowsPerChange, 2)} audit rows per change${w.failed ? `; ${w.failed} failed` : ''}`,
      // Every change answered has its history row (a request in flight when a round stops may add one more).
      pass: w.changesPerSec >= 500 && w.historyRows >= w.changes && w.historyRows <= w.changes + 10 * r.options.rounds && w.failed === 0,
    });
  }
  // 6. Resident memory under 300 MB throughout.
  for (const r of results) {
    if (!r.rss) continue;
    out.push({ id: 'rss', name: `Server resident memory < 300 MB throughout (${label(r)})`, scales: [r.scale], measured: `peak ${r.rss.peakMb.toFixed(0)} MB`, pass: r.rss.peakMb < 300 });
  }
  // The generator reaches national scale in under 10 minutes.
  if (national && !national.reused) {
    out.push({
      id: 'generation',
      name: 'Data generator reaches national scale in < 10 min',
      scales: ['national'],
      measured: `${(national.generation.seconds / 60).toFixed(1)} min (${national.counts.meeting} meetings, ${national.counts.agenda_item} agenda items, ${national.counts.decision} decisions, ${national.counts.action_item} action items)`,
      pass: national.generation.seconds < 600,
    });
  }
  // Correctness and plans (prerequisites of the comparison).
  for (const r of results) {
    const bad = Object.entries(r.scenarios).filter(([, s]) => !s.equality.equal).map(([k]) => k);
    out.push({ id: 'same-data', name: `App and limit return the same data (${label(r)})`, scales: [r.scale], measured: bad.length ? `mismatch: ${bad.join(', ')}` : `${Object.keys(r.scenarios).length} scenarios equal`, pass: bad.length === 0 });
    if (r.plan) {
      const fails = r.plan.findings.filter((f) => !f.ok);
      out.push({
        id: 'plans',
        name: `No seq scan of a table > 10,000 rows in the app's SQL (${label(r)})`,
        scales: [r.scale],
        measured: `${r.plan.findings.length} statements; ${fails.length ? fails.map((f) => f.error ? `error in ${f.scenario}` : f.seqScans.map((s) => `${s.table} (${f.scenario})`).join(', ')).join('; ') : 'all index-backed or small'}`,
        pass: fails.length === 0,
      });
    }
  }
  void main;
  return out;
}

function loadTable(r: ScaleResult): string[] {
  const rows: string[] = [];
  rows.push('| # | scenario | conns | app req/s | limit req/s | app/limit | app p50 / p99 ms | limit p50 / p99 ms | app CPU ms/req | DB CPU ms/req (app / limit) | SQL stmts/req (app / limit) |');
  rows.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [id, s] of Object.entries(r.scenarios).sort(([, a], [, b]) => a.number - b.number)) {
    for (const [c, l] of Object.entries(s.load ?? {})) {
      const unit = s.number === 4 ? ' pages/s' : '';
      rows.push(
        `| ${id === 'searchPartnership' ? '3b' : s.number} | ${id === 'searchPartnership' ? 'search in a partnership' : id === 'search' ? 'search, all partnerships' : shortName(s.number)} | ${c} | ${l.app.rps.toFixed(0)}${unit} | ${l.limit.rps.toFixed(0)}${unit} | **${l.ratio.toFixed(2)}** | ${f1(l.app.p50)} / ${f1(l.app.p99)} | ${f1(l.limit.p50)} / ${f1(l.limit.p99)} | ${f1(l.app.serverCpuMsPerReq, 2)} | ${f1(l.app.pgCpuMsPerReq, 2)} / ${f1(l.limit.pgCpuMsPerReq, 2)} | ${f1(l.app.statementsPerReq)} / ${f1(l.limit.statementsPerReq)} |`,
      );
    }
  }
  if (r.writes) {
    for (const [c, w] of Object.entries(r.writes.byConnections)) {
      rows.push(
        `| 5 | status changes | ${c} | ${w.changesPerSec.toFixed(0)} changes/s | – | – | ${f1(w.p50)} / ${f1(w.p99)} | – | ${f1(w.serverCpuMsPerReq, 2)} | ${f1(w.pgCpuMsPerReq, 2)} / – | ${f1(w.statementsPerReq)} / – |`,
      );
    }
  }
  return rows;
}

function shortName(n: number): string {
  return ['', 'meeting history', 'organisation page', 'full-text search', 'decision paging (100/page)', 'status changes'][n];
}

/** A scale's results file (bench/results/*.json): the machine, the measurements and the targets that concern the scale. */
export function resultsJson(machine: Machine, r: ScaleResult, targets: Target[]): string {
  return JSON.stringify({ machine, ...r, targets: targets.filter((t) => t.scales.includes(r.scale)) }, null, 2) + '\n';
}

export function printSummary(results: ScaleResult[], targets: Target[], machine: Machine): void {
  console.log('');
  console.log(`Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  for (const r of results) {
    console.log('');
    console.log(`== ${label(r)}: ${JSON.stringify(r.counts)}`);
    if (r.idleMachineBusy != null && r.idleMachineBusy > 0.1) console.log(`WARNING: the machine was ${(r.idleMachineBusy * 100).toFixed(0)}% busy with other processes before the measurements`);
    for (const row of loadTable(r)) console.log(row);
  }
  console.log('');
  for (const t of targets) console.log(`${t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.measured}`);
}

export function writeReport(file: string, results: ScaleResult[], targets: Target[], machine: Machine, argv: string[]): void {
  const L: string[] = [];
  const r0 = results[0];
  L.push('# Performance');
  L.push('');
  L.push('Measured by `npm run bench` (bench/run.ts; issue 4). This file is rewritten by every full run; the');
  L.push('raw figures, every scenario\'s GraphQL document, the busiest SQL statements and the plan check are in');
  L.push('`bench/results/<date>-<scale>.json`.');
  L.push('');
  L.push(`- **Date:** ${r0.date.slice(0, 16).replace('T', ' ')} UTC`);
  L.push(`- **Machine:** ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB memory, ${machine.os}; server, database and load generator on the same machine`);
  const settings = (r0.serverSettings ?? []).map(([k, v]) => `\`${k}=${v}\``).join(', ');
  L.push(`- **Software:** Node ${machine.node}, PostgreSQL ${machine.postgres} (${r0.embeddedPostgres === false ? 'the server of DATABASE_URL' : 'embedded'}; ${settings})`);
  const builds = [...new Set(results.map((r) => (r.appBuild ? `${r.appBuild.commit ?? '?'}${r.appBuild.srcDirty ? ' + uncommitted changes' : ''}` : '?')))];
  L.push(`- **App build:** ${builds.join(', ')}${results.some((r) => r.appBuildChanged) || builds.length > 1 ? ' — **the build changed during the run; scales are not comparable**' : ''}`);
  L.push(`- **Run:** \`npm run bench${argv.length ? ' -- ' + argv.join(' ') : ''}\`: ${r0.options.warmup} s warm-up per server, then ${r0.options.rounds} rounds × ${r0.options.duration} s alternating app / limit, at ${r0.options.connections.join(' and ')} connections`);
  L.push('');
  L.push('## How to reproduce');
  L.push('');
  L.push('```sh');
  L.push('npm install');
  L.push('npm run bench                                   # both scales, ~25 min');
  L.push('npm run bench -- --scale national --rounds 5     # one scale, more rounds');
  L.push('npm run bench -- --quick                         # scale 1, 3 s rounds, 1 round (development)');
  L.push('DATABASE_URL=postgres://user:pw@host/postgres npm run bench   # use that server (creates pr_bench_* databases)');
  L.push('```');
  L.push('');
  L.push('What happens: a throwaway embedded PostgreSQL (with `pg_stat_statements`), one database per scale with the');
  L.push('real migrations, filled by `bench/generate.ts`; an API key with every scope for every partnership (inserted');
  L.push('directly, as `createApiKey` would); the real server as `npm start` runs it, `NODE_ENV=production node dist/src/main.js`');
  L.push(`(pool ${poolSize()}: ${process.env.PG_POOL_MAX ? 'PG_POOL_MAX' : '2 × CPUs + 1, the default'}, \`RATE_LIMIT_POINTS=1000000000\` so the rate limiter still counts every request, coalescing its writes as in production, but never refuses);`);
  L.push(`the limit server \`bench/limit-server.ts\` (Node \`http\` + \`pg\` pool of ${poolSize()}, one hand-written SQL statement per`);
  L.push('request returning the response JSON); autocannon in the runner process.');
  L.push('');
  L.push('- **CPU ms/req**: user + system CPU time of the server process (from `/proc/<pid>/stat`) over the measured rounds, per request. **DB CPU**: the same for the whole PostgreSQL server (postmaster, live and exited backends).');
  L.push('- **SQL stmts/req**: top-level statements counted by `pg_stat_statements` in the benchmark database (BEGIN/COMMIT included; the app\'s rate limiter and API-key lookup included), divided by requests.');
  L.push('- **Latency**: every response\'s own time, percentiles over all rounds. Scenario 4 counts pages per second; every connection follows `endCursor` to the end and starts again.');
  L.push('- **National / scale-1 latency** (a run of both scales): measured after both scales, interleaved: the two scales\' app and limit servers run at once and each read scenario alternates 1-connection rounds between the scales (twice the rounds, half the duration), so that a drift of the machine\'s speed weighs on both alike; p50 over every response. Scenario 4 is judged on full pages (100 items), the same work at both scales: scale 1\'s decision list is two pages long, so one response in two is its shorter last page, against one in a dozen nationally; its figure over all pages is printed beside it.');
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push('| target | measured | result |');
  L.push('|---|---|---|');
  for (const t of targets) L.push(`| ${t.name} | ${t.measured} | ${t.pass === null ? 'N/A' : t.pass ? 'PASS' : '**FAIL**'} |`);
  L.push('');
  L.push('## How the app serves the meeting history');
  L.push('');
  L.push('- **One statement.** `forum(id:)` reads the forum row with its meetings, their agenda items, decisions, action items and each assignee organisation as nested JSON arrays (src/common/prefetch.ts, connection.ts `objectById`). Each list is read under its own read guard unless the parent row\'s implies it: the rows share their parent\'s forum and partnership (composite foreign keys, migration SameForum), so for the benchmark\'s key, which reads every record of its partnerships, only the forum itself is checked, by the read policy once its row is read (scope.ts `impliedByParent`, `canReadRows`): the statement carries no partnership list.');
  L.push('- **Only the columns the document reads.** A nested list carries the columns of the plain fields selected, the foreign keys of selected to-one fields and the columns field resolvers declare (`registerFieldColumns`); a to-one object likewise (each assignee: its id and name, not the organisation\'s twelve columns; national A/B: database CPU 2.5 → 1.9 ms per request). Such partial rows and objects serve that selection only and never reach the entity loader.');
  L.push('- **Lists aggregated in their order.** Each nested list is `json_agg` over its sorted, limited subquery, which the aggregate alone reads, so it takes the rows in that order (the form PostgreSQL\'s manual gives for ordered aggregate input). `json_agg(… ORDER BY …)` had set up a sort for every parent row: national A/B, database CPU 1.9 → 1.0 ms per request and 460 → 575–620 req/s at 10 connections. The limit\'s SQL takes the same form (its joins moved into the sorted subqueries), so the ratio stays a fair one.');
  L.push('- **No row past a page unless pageInfo is read.** A nested list reads the row after its page only when its selection reads `pageInfo` (to tell whether there are more), and then without that row\'s own nested lists: the eleventh meeting of a ten-meeting page had its whole agenda built and parsed. National A/B, the history statement 1.18 → 0.87–0.97 ms; database CPU per request at 10 connections 0.85–0.89 → 0.63–0.78 ms (prefetch.ts `nestedJson`, `lookAhead`).');
  L.push('- **Prepared.** The statement is a named prepared statement on each pooled connection (src/db/prepared.ts).');
  L.push('- **No promise per field.** The nested lists and to-one fields answer from the rows the request holds, synchronously (src/common/fast-path.ts); entities are built straight from the JSON arrays.');
  L.push('- **Field resolvers called directly.** A field resolver whose parameters are only the parent, the context and the resolve info, with no roles, middlewares or arguments (each title and decision text: the confidentiality check), is called straight, not through type-graphql\'s per-call wrapper (src/common/direct-resolvers.ts): the history\'s allocations fell from 690 to 544 KB per request.');
  L.push('- **Compiled execution.** graphql-jit compiles each document once (from its second execution) behind Apollo Server\'s gateway interface (src/http/jit.ts); Apollo still parses, validates (depth and cost limits), runs the plugins and formats errors.');
  L.push('');
  L.push('## How the app serves the organisation page and search');
  L.push('');
  L.push('- **Counts kept until the record changes.** The organisation page\'s bounded counts and a search\'s count (which also chooses between sorting every match and walking periods) are kept per process between requests, keyed by the count\'s SQL and the values it reads (the read guard included), and dropped at every committed change: PostgreSQL notifies each change to meetings, agenda items, decisions and action items, and each statement on the open-work table or the search documents, to every process, and a process drops them at its own mutations before responding (src/common/count-cache.ts, migration CountChangeNotifications). The read scenarios change nothing, so each server counts once; the national / scale-1 rows above also give the figure with `COUNT_CACHE=0`, counting on every request, measured in the same rounds. The limit counts on every request.');
  L.push('- **Open work in one index range.** The table `action_item_open_by_ancestor` (migration OpenActionItemsByAncestor, kept by triggers) holds every open action item under its assignee and each ancestor organisation, with the columns the read guard and the due-date filters test; an organisation\'s open or overdue items, sub-organisations included, are one index range of it and a bounded count an index-only scan, however large the subtree (nationally ~80 sub-organisations). The limit reads the same table.');
  L.push('- **Counts and forums with the page.** Each of the page\'s two lists is one statement: its page, the counts its selection asks for (`boundedCount`, `totalCount`; a LATERAL per parent, so a level of many parents is still one statement) and each item\'s forum (a to-one read in the page\'s statement), so the page is three statements with the organisation\'s row (connection.ts `selectedCounts`, pagination.ts `fetchIdPagesForParents`).');
  L.push('- **One parent as a constant, plans kept.** A list under one parent reads it as a one-row subquery (`(SELECT $n::uuid AS parent_id) p`), not as the rows of an array: PostgreSQL folds the id into the plan, whose estimates then do not depend on an array\'s length, and keeps one generic plan per connection for each list and for the organisation\'s row (`t.id = $1`) instead of planning them on every request (~0.4 ms each). In an A/B on national data the organisation page\'s database CPU fell from 2.9 to 1.9 ms per request (pagination.ts `parentRows`, loaders.ts).');
  L.push('- **Only the columns the selection reads.** A connection\'s page, nested or top-level, carries the columns its selection reads, as prefetched lists do (prefetch.ts `connectionColumns`): the organisation page\'s lists no longer carry descriptions and timestamps, a search page no longer the meetings\' minutes notes, and each item\'s forum only its name. Such partial nodes never reach the entity loader, and the same list selected for other fields is its own page.');
  L.push('- **Long grants hashed.** A read guard that only filters rows found otherwise (nested pages and counts, which are prepared statements) tests an array of more than 8 partnerships through a hashed subplan rather than `= ANY($n)`, which a generic plan tests element by element: ~1,000 rows against 294 partnerships cost 2.0 ms that way, 0.65 ms hashed (scope.ts `oneOf`). The list itself travels as a binary array parameter, which PostgreSQL copies, not as a text literal it parses id by id (~0.15 ms of database time per statement for 294 ids; national organisation page at 1 connection, database CPU 1.66–1.70 → 1.33–1.44 ms per request; pagination.ts `uuidArrayBinary`).');
  L.push('- **Search: the page first, then its meetings.** The page\'s search documents are found first and only the page\'s meetings are joined (`ListQuery.keysFirst`). A GIN index gives its matches in no order, so a term with few matches is read whole and sorted newest first, and the first page counts them in the same statement.');
  L.push('- **Search: many matches walked newest first.** The documents carry their meeting\'s 30-day period, the first column of a GIN index (migration SearchNewestFirstByPeriod). The statement counts the matches up to 1,001 (what the default `boundedCount` reads); at that many, the page is read period by period from the newest and stops when it is full, instead of reading and sorting thousands of matches (`ListQuery.walk`). National A/B, a word in 4,265 meetings: see the hand note.');
  L.push('- **Search: narrow readers and common words.** A reader of at most 8 partnerships has the read guard as an index condition on the documents\' `(partnership_id, open_doc)` GIN index instead of a filter (scope.ts `indexedGuard`); a reader of many partnerships searching a term the statistics expect in 10,000 documents or more is counted period by period (`walk.countByPeriods`). Neither is what this benchmark\'s key and word exercise; national A/B at 10 connections: one-partnership key, a word in every meeting, database CPU 35 → 2.8 ms per request; all partnerships, the same word, 9.7 → 2.9 ms.');
  L.push('- **Search documents out of line.** Each match costs a visit to its row in `meeting_search`, so the documents live in the table\'s TOAST storage and the rows hold only what a search filters and sorts by (migration SearchDocumentsOutOfLine): nationally the heap went from 68 to 13 MB and a common word\'s 4,265 matches from 3,310 pages to 1,584; the search statement from 9.8 to 4.2 ms (A/B on the same data).');
  L.push('- **Search prepared, its guard a filter.** The search statement is prepared (its plan is the documents\' GIN index whatever the term) and its read guard is a filter (`guardIsFilter`), so a long partnership list is probed through a hash table also in the generic plan. Before, it was planned on every request with the key\'s 294 partnerships as constants (~1.2 ms nationally). National A/B: search in a partnership 1.19 → 0.56 ms of database CPU per request, search over all partnerships 8.6 → 6.6 ms.');
  L.push('- **No parallel workers** on the API\'s connections (`PG_PARALLEL_WORKERS`, default 0; the limit server likewise).');
  L.push('');
  L.push('## How the app serves decision paging');
  L.push('');
  L.push('- **One statement per page.** The top-level `decisions` (and `actionItems`) list gets the request\'s selection, as nested lists do: its page carries only the columns the selection reads and each decision\'s forum as a to-one object in the same statement (2.1 → 1.1 statements per page). Keyset pagination on `(decided_at, id)` with the partnership\'s index: a page costs the same on page 1 and page 12.');
  L.push('- **Compared on full pages.** Scale 1\'s partnership has 140 decisions: one response in two is its 40-item last page, against one in thirteen nationally, so national / scale-1 latency is judged on full pages (100 items) and printed over all pages beside it.');
  L.push('');
  L.push('## How the app writes a status change');
  L.push('');
  L.push('- **Three statements in one transaction.** The item read and locked (`SELECT … FOR UPDATE` behind a transaction-scoped advisory lock on the object), the update and its history row in one data-modifying CTE (the history row only when the versioned update matched), the audit row; the change-feed row and the live NOTIFY come from the row trigger. The rate limiter counts requests locally and writes one upsert per 20 requests.');
  L.push('- **Time-ordered log ids.** History, audit and the other append-only logs take UUID v7 ids (migration TimeOrderedLogIds: PostgreSQL 18\'s `uuidv7()`, or the same layout built from `gen_random_uuid()` on older servers), so each insert lands on the rightmost leaf of the primary key instead of a random page of a 100 MB index: ~+15% status changes per second nationally in an A/B (574 vs 495 per second, means of 3 and 4 runs).');
  for (const r of results) {
    L.push('');
    L.push(`## ${label(r)}`);
    L.push('');
    const c = r.counts;
    L.push(`Data: ${c.partnership} partnerships, ${c.forum} forums, ${c.organisation} organisations, ${c.meeting} meetings, ${c.agenda_item} agenda items, ${c.decision} decisions, ${c.action_item} action items (${r.reused ? 'reused from an earlier run' : `generated in ${r.generation.seconds.toFixed(1)} s`}). API key covering ${r.apiKeyPartnerships} partnerships.`);
    const st = r.generation.stats;
    const shape = r.sample.historyItems ? ` (${r.sample.historyItems} list items on its page)` : '';
    const hist =
      r.sample.historyForumId !== r.sample.forumId && r.sample.historyForumId !== r.sample.bigForumId
        ? `a forum whose history page has the same shape as scale 1's${shape}`
        : r.sample.historyForumId === r.sample.forumId && r.sample.forumId !== r.sample.bigForumId
          ? `the typical forum${shape} (the big forum's 10 latest meetings are scheduled ones without agendas)`
          : `the forum with the most meetings${shape}`;
    L.push('');
    L.push(`Sample: scenario 1 reads ${hist}; scenario 2 the organisation with the most action items in its subtree${st ? ` (${st.bigOrganisationName}, ${st.bigOrganisationSubtreeActionItems} action items)` : ''}; scenario 3 searches "${r.sample.searchTerm}"${r.sample.searchTermMeetings !== undefined ? ` (${r.sample.searchTermMeetings} meetings match)` : st ? ` (${st.agendaItemsMatchingSearchTerm} agenda items match)` : ''}; scenario 4 pages a partnership with the median number of meetings.`);
    L.push('');
    L.push(...loadTable(r));
    L.push('');
    L.push('');
    L.push('Where the app\'s time goes (1 connection: each statement\'s calls per request × mean execution time; the limit runs one statement):');
    L.push('');
    L.push('| # | statement (start) | per request | mean ms |');
    L.push('|---|---|---:|---:|');
    for (const s of Object.values(r.scenarios).sort((a, b) => a.number - b.number)) {
      const top = [...(s.load?.['1']?.app.topStatements ?? [])].sort((a, b) => b.perRequest * b.meanMs - a.perRequest * a.meanMs).slice(0, 3);
      for (const t of top) L.push(`| ${s.number} | \`${t.query.slice(0, 110).replace(/\|/g, '\\|')}\` | ${t.perRequest.toFixed(1)} | ${t.meanMs.toFixed(2)} |`);
    }
    L.push('');
    const eq = Object.values(r.scenarios).map((s) => `${s.number}: ${s.equality.equal ? 'same data' : 'MISMATCH'} (${s.equality.pages > 1 ? `${s.equality.pages} pages, ` : ''}${s.equality.items} list items)`);
    L.push(`Correctness: ${eq.join('; ')}. Server peak RSS ${r.rss ? r.rss.peakMb.toFixed(0) : '–'} MB.`);
    if (r.plan) {
      const fails = r.plan.findings.filter((f) => !f.ok);
      L.push('');
      L.push(`Plan check: ${r.plan.findings.length} distinct statements of the app EXPLAINed with their parameters; ${fails.length ? `${fails.length} with a sequential scan of a table over 10,000 rows:` : 'none scans a table over 10,000 rows sequentially.'}`);
      for (const f of fails) L.push(`- [${f.scenario}] ${f.error ?? f.seqScans.map((s) => `Seq Scan on ${s.table} (${Math.round(s.rows)} rows)`).join(', ')}: \`${f.sql.replace(/\s+/g, ' ').slice(0, 240)}\``);
    }
  }
  L.push('');
  L.push('## Scenarios');
  L.push('');
  const any = results[results.length - 1];
  for (const s of Object.values(any.scenarios).sort((a, b) => a.number - b.number)) {
    L.push(`${s.number}. **${s.title}**`);
    L.push('');
    L.push('```graphql');
    L.push(s.query);
    L.push('```');
    L.push('');
  }
  L.push('5. **Action item status changes with a comment**: `changeActionItemStatus(id, status, comment) { id status }` cycling OPEN → IN_PROGRESS → OPEN on a pool of 4,000 distinct items that are open or in progress (the same items in every run), disjoint per connection; each change writes the item, one history row and one audit row (counted after every round).');
  L.push('');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, L.join('\n'));
}
