/**
 * One measured load run: autocannon against a server for a duration, with
 * - latency percentiles from every response's own time (autocannon's histogram has 1 ms resolution);
 * - CPU seconds of the server process and of the PostgreSQL server, per request;
 * - SQL statements per request (pg_stat_statements), with the busiest statements;
 * - the server's resident memory at the end and its peak (VmHWM).
 */
import autocannon from 'autocannon';
import { StatementCounter, StatementDiff, diffStatements } from './pg';
import { cpuSeconds, memory, postgresCpuSeconds } from './proc';

export interface LoadTarget {
  url: string;
  pid: number;
  headers: Record<string, string>;
  /** A fixed body, or a per-connection request builder (paging, writes). */
  body?: string;
  setupRequest?: (req: any, context: any) => any;
  onResponse?: (status: number, body: string, context: any) => void;
  initialContext?: object;
  /**
   * Names each response's kind from its body (with `onResponse` only: autocannon hands bodies to that
   * hook alone), so that latency can be read per kind too, e.g. full pages apart from a list's last page.
   */
  kindOf?: (status: number, body: string) => string;
}

export interface RunResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  serverCpuMsPerReq: number | null;
  pgCpuMsPerReq: number | null;
  statementsPerReq: number | null;
  topStatements?: { query: string; perRequest: number; meanMs: number }[];
  rssMb: number | null;
  peakRssMb: number | null;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface MeasureContext {
  postmasterPid: number | null;
  counter: StatementCounter;
  /** Resolves when the database runs no statement of the benchmark database (requests in flight when a run stops have finished). */
  settle?: () => Promise<void>;
}

export async function run(
  target: LoadTarget,
  connections: number,
  durationSec: number,
  mc: MeasureContext,
  opts: { statements?: boolean; keepTop?: boolean } = {},
): Promise<RunResult> {
  const latencies: number[] = [];
  const wantStatements = opts.statements !== false && mc.counter.kind === 'pg_stat_statements';
  const before = wantStatements && mc.counter.kind === 'pg_stat_statements' ? await mc.counter.snapshot() : null;
  const cpu0 = cpuSeconds(target.pid);
  const pg0 = mc.postmasterPid ? postgresCpuSeconds(mc.postmasterPid) : null;
  const request: any = { method: 'POST' };
  if (target.setupRequest) request.setupRequest = target.setupRequest;
  // autocannon calls a request's onResponse and then, synchronously on the same client, emits
  // 'response': the kind named in the first is the kind of the response timed in the second.
  const byKind = new Map<string, number[]>();
  let kind: string | undefined;
  if (target.onResponse) {
    const onResponse = target.onResponse;
    const kindOf = target.kindOf;
    request.onResponse = (status: number, body: string, context: any) => {
      onResponse(status, body, context);
      kind = kindOf?.(status, body);
    };
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        // autocannon resets a connection's context whenever its list of requests wraps around, so a
        // list of one request would forget the context (cursor, items) after every request. A long
        // list of the same request keeps it for the whole run.
        requests: target.setupRequest || target.onResponse ? Array.from({ length: Math.ceil(durationSec * 5000) + 1000 }, () => request) : undefined,
        initialContext: target.initialContext,
        connections,
        pipelining: 1,
        duration: durationSec,
        timeout: 30,
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (kind !== undefined) {
        const xs = byKind.get(kind);
        if (xs) xs.push(ms);
        else byKind.set(kind, [ms]);
        kind = undefined;
      }
    });
  });
  // Requests still in flight when autocannon stops are finished by the server: wait for them, and count
  // per request over every request sent, so their statements and CPU are not charged to the others.
  await mc.settle?.();
  const sent = Math.max(result.requests.sent ?? 0, latencies.length);
  if (!latencies.length && opts.statements !== false) {
    console.error(`[bench] no responses in ${durationSec} s at ${target.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.requests.sent} sent`);
  }
  const cpu1 = cpuSeconds(target.pid);
  const pg1 = mc.postmasterPid ? postgresCpuSeconds(mc.postmasterPid) : null;
  const after = before && mc.counter.kind === 'pg_stat_statements' ? await mc.counter.snapshot() : null;
  const diff: StatementDiff | null = before && after ? diffStatements(before, after) : null;
  const mem = memory(target.pid);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const perReq = (x: number | null) => (x === null || !sent ? null : x / sent);
  const out: RunResult = {
    connections,
    seconds: result.duration,
    requests: n,
    rps: n / result.duration,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[n - 1] ?? NaN,
    mean: n ? latencies.reduce((a, b) => a + b, 0) / n : NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuMsPerReq: cpu0 !== null && cpu1 !== null ? (perReq(cpu1 - cpu0)! * 1000) : null,
    pgCpuMsPerReq: pg0 !== null && pg1 !== null ? (perReq(pg1 - pg0)! * 1000) : null,
    statementsPerReq: diff ? perReq(diff.total) : null,
    topStatements: diff && opts.keepTop ? diff.top.slice(0, 12).map((t) => ({ query: t.query, perRequest: t.calls / sent, meanMs: t.meanMs })) : undefined,
    rssMb: mem?.rssMb ?? null,
    peakRssMb: mem?.peakRssMb ?? null,
  };
  LATENCIES.set(out, latencies);
  KIND_LATENCIES.set(out, byKind);
  return out;
}

/** Every response time of a run (sorted), kept beside the result so rounds can be pooled. */
const LATENCIES = new WeakMap<RunResult, number[]>();
/** A run's response times by kind (LoadTarget.kindOf), unsorted. */
const KIND_LATENCIES = new WeakMap<RunResult, Map<string, number[]>>();

/** p50 and count of the responses of one kind (LoadTarget.kindOf) over several runs. */
export function kindP50(runs: RunResult[], kind: string): { p50: number; requests: number } {
  const pooled = runs.flatMap((r) => KIND_LATENCIES.get(r)?.get(kind) ?? []).sort((a, b) => a - b);
  return { p50: percentile(pooled, 50), requests: pooled.length };
}

/** Mean of several runs' figures (rounds), with min/max of throughput to show the spread. */
export function combine(runs: RunResult[]): RunResult & { rounds: number; rpsMin: number; rpsMax: number } {
  const avg = (f: (r: RunResult) => number | null) => {
    const xs = runs.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const total = runs.reduce((a, r) => a + r.requests, 0);
  const pooled = runs.flatMap((r) => LATENCIES.get(r) ?? []).sort((a, b) => a - b);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  return {
    rounds: runs.length,
    connections: runs[0].connections,
    seconds,
    requests: total,
    rps: total / seconds,
    rpsMin: Math.min(...runs.map((r) => r.rps)),
    rpsMax: Math.max(...runs.map((r) => r.rps)),
    // Percentiles over every response of every round.
    p50: percentile(pooled, 50),
    p90: percentile(pooled, 90),
    p99: percentile(pooled, 99),
    max: pooled[pooled.length - 1] ?? NaN,
    mean: pooled.length ? pooled.reduce((a, b) => a + b, 0) / pooled.length : NaN,
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    timeouts: runs.reduce((a, r) => a + r.timeouts, 0),
    serverCpuMsPerReq: avg((r) => r.serverCpuMsPerReq),
    pgCpuMsPerReq: avg((r) => r.pgCpuMsPerReq),
    statementsPerReq: avg((r) => r.statementsPerReq),
    topStatements: runs.find((r) => r.topStatements)?.topStatements,
    rssMb: runs[runs.length - 1].rssMb,
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb ?? 0)) || null,
  };
}
