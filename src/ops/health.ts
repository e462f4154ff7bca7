/**
 * Probes for a load balancer or orchestrator:
 * - GET /healthz: the process is up and serving HTTP (no database access), 200 `{status:"ok"}`;
 * - GET /readyz: the database answers within READY_TIMEOUT_MS and every migration this build knows
 *   is applied; 503 with the reason otherwise, and 503 `stopping` once a shutdown has begun (so the
 *   balancer stops sending before the process goes away);
 * - GET /metrics: Prometheus text (src/ops/metrics.ts); when METRICS_TOKEN is set it must be sent
 *   as `Authorization: Bearer <token>`.
 */
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Metrics } from './metrics';

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function timeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string };
}

/** Is the database reachable and fully migrated? One short statement, bounded by `timeoutMs`. */
export async function readiness(ds: DataSource, timeoutMs: number): Promise<Readiness> {
  const table = ds.options.migrationsTableName ?? 'migrations';
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  try {
    const rows: { name: string }[] = await timeout(ds.query(`SELECT name FROM "${table}"`), timeoutMs);
    const applied = new Set(rows.map((r) => r.name));
    const pending = known.filter((n) => !applied.has(n));
    return {
      ready: pending.length === 0,
      checks: { database: 'ok', migrations: pending.length ? `pending: ${pending.join(', ')}` : 'ok' },
    };
  } catch (e) {
    // The error's code only (no host names or SQL on a public endpoint); the request log has the rest.
    const code = (e as { code?: unknown })?.code;
    return { ready: false, checks: { database: `unreachable (${typeof code === 'string' ? code : 'no answer'})`, migrations: 'unknown' } };
  }
}

export interface OpsRoutes {
  /** Answers the request when it is one of the probes; false otherwise. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>;
}

export function opsRoutes(opts: { dataSource: DataSource; metrics: Metrics; isStopping: () => boolean }): OpsRoutes {
  const readyTimeout = Number(process.env.READY_TIMEOUT_MS || 2000);
  const metricsToken = process.env.METRICS_TOKEN || '';
  return {
    async handle(req, res, url) {
      switch (url.pathname) {
        case '/healthz':
        case '/health':
          send(res, 200, { status: 'ok' });
          return true;
        case '/readyz': {
          if (opts.isStopping()) {
            send(res, 503, { status: 'stopping' });
            return true;
          }
          const r = await readiness(opts.dataSource, readyTimeout);
          send(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.checks });
          return true;
        }
        case '/metrics': {
          if (metricsToken) {
            const given = Buffer.from(String(req.headers.authorization ?? ''));
            const wanted = Buffer.from(`Bearer ${metricsToken}`);
            if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
              send(res, 401, { error: 'metrics need the METRICS_TOKEN bearer token' });
              return true;
            }
          }
          const m = await opts.metrics.render();
          res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' });
          res.end(m.body);
          return true;
        }
        default:
          return false;
      }
    },
  };
}
