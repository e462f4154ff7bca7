/**
 * Prometheus metrics (prom-client) served on GET /metrics: requests and their latency by GraphQL
 * operation name, errors by code, and the database pool's connections. Each server has its own
 * registry (tests run several servers in one process). Recording costs a few map look-ups per
 * request and no database statement: pool figures are read from the pg Pool when scraped.
 */
import client from 'prom-client';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { countCacheOf } from '../common/count-cache';

/** Operation names come from clients: past this many distinct names, the rest count as `(other)`. */
const MAX_OPERATION_NAMES = 200;

interface PgPoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

export class Metrics {
  readonly registry = new client.Registry();
  private requests: client.Counter<'operation' | 'type' | 'status'>;
  private duration: client.Histogram<'operation' | 'type'>;
  private errors: client.Counter<'code'>;
  private names = new Set<string>();

  constructor(dataSource?: DataSource) {
    const registers = [this.registry];
    client.collectDefaultMetrics({ register: this.registry });
    this.requests = new client.Counter({
      name: 'graphql_requests_total',
      help: 'HTTP requests to /graphql by operation name, operation type and HTTP status',
      labelNames: ['operation', 'type', 'status'],
      registers,
    });
    this.duration = new client.Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a /graphql request to the end of its response, by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new client.Counter({
      name: 'graphql_errors_total',
      help: 'Errors in responses by extensions.code (one request can carry several)',
      labelNames: ['code'],
      registers,
    });
    if (dataSource) {
      // Read when scraped; a value not there (no pool yet) is not set.
      const gauge = (name: string, help: string, read: () => number | undefined) =>
        new client.Gauge({
          name,
          help,
          registers,
          collect() {
            const v = read();
            if (v !== undefined) this.set(v);
          },
        });
      const pool = (read: (p: PgPoolStats) => number | undefined) => () => {
        const p = (dataSource.driver as PostgresDriver).master as PgPoolStats | undefined;
        return p ? read(p) : undefined;
      };
      gauge('db_pool_connections_total', 'Connections open in the database pool', pool((p) => p.totalCount));
      gauge('db_pool_connections_idle', 'Idle connections in the database pool', pool((p) => p.idleCount));
      gauge('db_pool_connections_in_use', 'Connections checked out of the database pool', pool((p) => p.totalCount - p.idleCount));
      gauge('db_pool_waiting_requests', 'Queries waiting for a connection from the pool', pool((p) => p.waitingCount));
      gauge('db_pool_connections_max', 'Size limit of the database pool', pool((p) => p.options?.max));
      // The count cache (src/common/count-cache.ts).
      const counts = countCacheOf(dataSource);
      gauge('count_cache_live', '1 while the count cache listens for changes (counts are kept), else 0', () => (counts.enabled ? 1 : 0));
      gauge('count_cache_entries', 'Counts kept by the count cache', () => counts.size);
      gauge('count_cache_hits', 'Counts served from the count cache since the process started', () => counts.hits);
      gauge('count_cache_misses', 'Counts looked up in the count cache and read from the database since the process started', () => counts.misses);
    }
  }

  /** A label for a client-chosen operation name, bounded in number. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES || name.length > 100) return '(other)';
    this.names.add(name);
    return name;
  }

  request(operation: string, type: string, status: number, seconds: number): void {
    this.requests.inc({ operation, type, status: String(status) });
    this.duration.observe({ operation, type }, seconds);
  }

  error(code: string): void {
    this.errors.inc({ code: code.length > 60 ? '(other)' : code });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
