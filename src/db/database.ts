/** Opening the database: DATABASE_URL, or the embedded PostgreSQL; migrations are applied on open. */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig';
import { Config } from '../config';
import { EmbeddedPostgresHandle, ensureDatabase, startEmbeddedPostgres } from './embedded';
import { usePreparedStatements } from './prepared';

export const EMBEDDED_DATABASE = 'partnership';

export interface OpenDatabase {
  dataSource: DataSource;
  url: string;
  embedded: EmbeddedPostgresHandle | null;
  close(): Promise<void>;
}

export async function connect(url: string, opts: { logSql?: boolean } = {}): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, opts.logSql ? { logging: ['query', 'error'] } : {}));
  await ds.initialize();
  usePreparedStatements((ds.driver as unknown as { master?: Parameters<typeof usePreparedStatements>[0] }).master);
  return ds;
}

/** Apply pending migrations, each in its own transaction. Returns the names applied. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const applied = await ds.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

export async function openDatabase(
  cfg: Config,
  log: (m: string) => void = () => undefined,
  opts: { reuseRunning?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = cfg.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: cfg.embeddedDataDir, port: cfg.embeddedPort, reuseRunning: opts.reuseRunning });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
    log(`embedded PostgreSQL on 127.0.0.1:${cfg.embeddedPort}, data in ${cfg.embeddedDataDir}`);
  }
  let dataSource: DataSource;
  try {
    dataSource = await connect(url, { logSql: cfg.logSql });
    const applied = await migrate(dataSource);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return {
    dataSource,
    url,
    embedded,
    async close() {
      // A statement still running (a request cut at the end of the shutdown grace) would keep the
      // pool open: wait a little, then go on; PostgreSQL rolls back what the closed connection left.
      if (dataSource.isInitialized) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          dataSource.destroy(),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, Number(process.env.DB_CLOSE_TIMEOUT_MS || 3000)))),
        ]).finally(() => clearTimeout(timer));
      }
      await embedded?.stop();
    },
  };
}

/** The SQL that would bring the database in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
