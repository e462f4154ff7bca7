/**
 * Mixed traffic of concurrent clients: meeting history reads, action item status changes and
 * decisions. Each worker owns its own action items (so it knows which transitions are valid) and
 * records every write the server acknowledged. Every answer is classified; anything but a success,
 * a clear client error or a clear 503 is a failure.
 */
import { randomUUID } from 'node:crypto';
import { AckedWrite } from './checks';
import { CHANGE_STATUS, gql, HISTORY, RECORD_DECISION, Res, World } from './support';

export interface TrafficStats {
  sent: number;
  reads: number;
  writes: number;
  ok: number;
  byStatus: Record<string, number>;
  codes: Record<string, number>;
  acked: AckedWrite[];
  /** Answers that break the rules: 5xx other than a clear 503, no answer, non-JSON. */
  bad: string[];
  /** 503 DATABASE_UNAVAILABLE / REQUEST_TIMEOUT answers. */
  unavailable: number;
  maxMs: number;
  latencies: number[];
}

export function newStats(): TrafficStats {
  return { sent: 0, reads: 0, writes: 0, ok: 0, byStatus: {}, codes: {}, acked: [], bad: [], unavailable: 0, maxMs: 0, latencies: [] };
}

const NEXT: Record<string, string[]> = {
  OPEN: ['IN_PROGRESS', 'DONE'],
  IN_PROGRESS: ['OPEN', 'DONE'],
  DONE: ['OPEN'],
};

export interface TrafficOptions {
  urls: string[];
  world: World;
  workers: number;
  /** Stop after this many requests in all, or at `until` (epoch ms), whichever first. */
  total?: number;
  until?: number;
  /** Client timeout per request; an answer later than this counts as a hang. */
  timeoutMs?: number;
  /** Treat 503 DATABASE_UNAVAILABLE as expected (database restart). */
  allowUnavailable?: boolean;
  stats?: TrafficStats;
  /** Polled before each request; true ends the traffic. */
  shouldStop?: () => boolean;
}

function classify(stats: TrafficStats, r: Res, what: string, allowUnavailable: boolean): 'ok' | 'error' | 'unavailable' | 'bad' {
  stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
  stats.maxMs = Math.max(stats.maxMs, r.ms);
  stats.latencies.push(r.ms);
  for (const e of r.json?.errors ?? []) {
    const c = String(e?.extensions?.code ?? 'NONE');
    stats.codes[c] = (stats.codes[c] ?? 0) + 1;
  }
  if (r.status === 0) {
    stats.bad.push(`${what}: no answer (${r.error}) after ${r.ms} ms`);
    return 'bad';
  }
  if (!r.json) {
    stats.bad.push(`${what}: HTTP ${r.status} not JSON: ${r.text.slice(0, 200)}`);
    return 'bad';
  }
  const code = r.json.errors?.[0]?.extensions?.code;
  if (r.status === 503 && (code === 'DATABASE_UNAVAILABLE' || code === 'REQUEST_TIMEOUT')) {
    stats.unavailable++;
    if (!allowUnavailable) stats.bad.push(`${what}: 503 ${code} without a fault`);
    return 'unavailable';
  }
  if (r.status >= 500) {
    stats.bad.push(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    return 'bad';
  }
  if (r.status === 200 && !r.json.errors && r.json.data) {
    stats.ok++;
    return 'ok';
  }
  if (code === 'INTERNAL_SERVER_ERROR') {
    stats.bad.push(`${what}: INTERNAL_SERVER_ERROR ${r.text.slice(0, 300)}`);
    return 'bad';
  }
  if (code === 'DATABASE_UNAVAILABLE') {
    stats.unavailable++;
    stats.bad.push(`${what}: DATABASE_UNAVAILABLE with HTTP ${r.status}`);
    return 'bad';
  }
  return 'error';
}

export async function runTraffic(opts: TrafficOptions): Promise<TrafficStats> {
  const stats = opts.stats ?? newStats();
  const w = opts.world;
  const total = opts.total ?? Infinity;
  const until = opts.until ?? Infinity;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: opts.workers }, async (_, worker) => {
      const who = w.coordinators[worker % w.coordinators.length];
      const url = opts.urls[worker % opts.urls.length];
      const mine = w.actionItemIds.filter((_, i) => i % opts.workers === worker);
      const status = new Map(mine.map((id) => [id, 'OPEN']));
      let n = 0;
      while (issued < total && Date.now() < until && !opts.shouldStop?.()) {
        issued++;
        stats.sent++;
        n++;
        const roll = (n * 7 + worker * 3) % 20;
        if (roll < 8 || !mine.length) {
          stats.reads++;
          const r = await gql(url, who.token, HISTORY, { forumId: w.forumId }, { timeoutMs });
          classify(stats, r, 'history read', !!opts.allowUnavailable);
          continue;
        }
        stats.writes++;
        const marker = `rel-${randomUUID()}`;
        if (roll < 15) {
          const id = mine[n % mine.length];
          const from = status.get(id)!;
          const to = NEXT[from][n % NEXT[from].length];
          const r = await gql(url, who.token, CHANGE_STATUS, { id, status: to, comment: marker }, { timeoutMs });
          const c = classify(stats, r, 'changeActionItemStatus', !!opts.allowUnavailable);
          if (c === 'ok') {
            status.set(id, r.json.data.changeActionItemStatus.status);
            stats.acked.push({ kind: 'changeActionItemStatus', requestId: r.headers!.get('x-request-id')!, marker, objectId: id });
          } else {
            // The effect is unknown (or the state differed): learn the current status from the refusal or a read.
            const known = r.json?.errors?.[0]?.extensions?.from;
            if (typeof known === 'string' && NEXT[known]) status.set(id, known);
            else if (c !== 'error') {
              const cur = await gql(url, who.token, `query($id: ID!) { node(id: $id) { ... on ActionItem { status } } }`, { id }, { timeoutMs });
              const s = cur.json?.data?.node?.status;
              if (typeof s === 'string' && NEXT[s]) status.set(id, s);
            }
          }
        } else {
          const agendaItemId = w.agendaItemIds[(n + worker) % w.agendaItemIds.length];
          const r = await gql(url, who.token, RECORD_DECISION, { input: { agendaItemId, text: marker } }, { timeoutMs });
          if (classify(stats, r, 'recordDecision', !!opts.allowUnavailable) === 'ok') {
            stats.acked.push({ kind: 'recordDecision', requestId: r.headers!.get('x-request-id')!, marker, objectId: r.json.data.recordDecision.id });
          }
        }
      }
    }),
  );
  return stats;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function describeStats(s: TrafficStats): string {
  const statuses = Object.entries(s.byStatus).map(([k, v]) => `${k}:${v}`).join(' ');
  const codes = Object.entries(s.codes).map(([k, v]) => `${k}:${v}`).join(' ');
  return `${s.sent} requests (${s.reads} reads, ${s.writes} writes), ${s.ok} ok; HTTP ${statuses}${codes ? `; codes ${codes}` : ''}; p50 ${percentile(s.latencies, 50)} ms, p99 ${percentile(s.latencies, 99)} ms, max ${s.maxMs} ms`;
}
