/**
 * The TypeORM DataSource, used by the app and by the migration CLI
 * (`typeorm migration:generate -d dist/ormconfig.js`). Migrations are compiled to dist/migrations.
 */
import 'reflect-metadata';
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
      max: Number(process.env.PG_POOL_MAX || 10),
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
