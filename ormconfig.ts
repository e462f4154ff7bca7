/**
 * The TypeORM DataSource, used by the app and by the migration CLI
 * (`typeorm migration:generate -d dist/ormconfig.js`). Migrations are compiled to dist/migrations.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './src/entities';
import { SnakeNamingStrategy } from './src/db/naming';
import { AuditSubscriber } from './src/audit/audit';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date must not shift with the server's time zone.
pg.types.setTypeParser(1082, (v: string) => v);

function parallelWorkers(): number {
  const n = Number(process.env.PG_PARALLEL_WORKERS || 0);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`PG_PARALLEL_WORKERS must be a whole number from 0 to 64, not ${process.env.PG_PARALLEL_WORKERS}`);
  return n;
}

/**
 * Connections per process: PG_POOL_MAX, else twice the machine's CPUs plus one (5 on two cores), the
 * usual rule for a pool whose statements use the CPU rather than wait for disks. More connections than
 * that do not make more CPU: with the database on the same machine, ten busy backends crowded out the
 * Node process, which every request needs before and after its statements. National search benchmark
 * on two cores at 10 connections, pool 4 against 10 in alternating runs: 597 and 741 against 521 and
 * 605 req/s, p99 37 and 30 against 56 and 54 ms; with 5, history, organisation page and status changes
 * no slower (docs/PERFORMANCE.md).
 */
export function poolSize(): number {
  const raw = process.env.PG_POOL_MAX;
  if (!raw) return 2 * os.availableParallelism() + 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`PG_POOL_MAX must be a whole number from 1 to 1000, not ${raw}`);
  return n;
}

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    subscribers: [AuditSubscriber],
    migrations: [path.join(__dirname, 'migrations', '*.js')],
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, no extension needed.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // statement_timeout stops runaway statements server-side (the HTTP request times out at 30 s).
    // connectionTimeoutMillis bounds both connecting and waiting for a free pool connection, so a
    // request fails fast (503 DATABASE_UNAVAILABLE) while the database is unreachable.
    // Parallel query off by default (PG_PARALLEL_WORKERS): the API's statements are short and many run
    // at once; starting workers costs more than they save and takes the cores concurrent requests need
    // (the national search benchmark at one connection: 65 ms of database CPU per request with two
    // workers, 35 ms without, before the search was reshaped; docs/PERFORMANCE.md).
    extra: {
      max: poolSize(),
      options: `-c max_parallel_workers_per_gather=${parallelWorkers()}`,
      statement_timeout: Number(process.env.PG_STATEMENT_TIMEOUT_MS || 30_000),
      connectionTimeoutMillis: Number(process.env.PG_CONNECT_TIMEOUT_MS || 5_000),
    },
    ...extra,
  } as DataSourceOptions;
}

export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:54329/partnership'),
);
