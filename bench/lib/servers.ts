/**
 * The two servers under test, each a child process of the runner:
 * - the real API: `NODE_ENV=production node dist/src/main.js` on the generated database;
 * - the limit: `node dist/bench/limit-server.js` on the same database.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../src/db/embedded';
// Both servers get the app's pool size: its production default (2 × CPUs + 1), or PG_POOL_MAX when set.
import { poolSize } from '../../ormconfig';

/** dist/ (this file is dist/bench/lib/servers.js). */
const DIST = path.resolve(__dirname, '../..');

export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  /** Everything the process wrote to stdout (kept only when asked), else the last lines. */
  output(): string;
  /** Still running? */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * Node flags for both servers alike (none: `npm start` runs plain `node dist/src/main.js`). Tried:
 * --max-semi-space-size=64 saved ~5% app CPU per history page in an A/B; its full run peaked at
 * 377/499 MB resident, so it was dropped (later runs without it varied too: docs/PERFORMANCE.md).
 */
export const NODE_FLAGS: string[] = [];

/** Requests per rate-limit window for the benchmark's API key: far above anything a run sends. */
export const BENCH_RATE_LIMIT_POINTS = 1_000_000_000;

function startChild(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  urlOf: (m: RegExpMatchArray) => string,
  keepOutput: boolean,
): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let tail: string[] = [];
  const remember = (s: string) => {
    if (keepOutput) out += s;
    tail.push(...s.split('\n'));
    if (tail.length > 200) tail = tail.slice(-100);
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 120 s`)), 120_000);
    const fail = (e: Error) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n--- last output of ${name} ---\n${tail.slice(-40).join('\n')}`));
    };
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (s: string) => {
      remember(s);
      if (started) return;
      buffered += s;
      const m = buffered.match(ready);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve({
          name,
          pid: child.pid!,
          url: urlOf(m),
          output: () => (keepOutput ? out : tail.join('\n')),
          alive: () => child.exitCode === null && child.signalCode === null,
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(t);
          },
        });
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => remember(s));
    child.once('exit', (code, signal) => {
      if (!started) fail(new Error(`${name} exited (${code ?? signal}) before it was ready`));
      else if (code && code !== 0) console.error(`[bench] ${name} exited with ${code}\n${tail.slice(-20).join('\n')}`);
    });
  });
}

export async function startApp(databaseUrl: string, opts: { logSql?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ChildServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    PG_POOL_MAX: String(poolSize()),
    RATE_LIMIT_POINTS: String(BENCH_RATE_LIMIT_POINTS),
    // Production refuses to start without the key that encrypts webhook secrets; any key will do here.
    WEBHOOK_ENCRYPTION_KEY: process.env.WEBHOOK_ENCRYPTION_KEY || randomBytes(32).toString('hex'),
    LOG_SQL: opts.logSql ? '1' : '',
    // No colours in logs (TypeORM highlights SQL); the runner strips any that remain.
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...opts.env,
  };
  return startChild(
    opts.logSql ? 'app (LOG_SQL=1)' : opts.env?.COUNT_CACHE === '0' ? 'app (COUNT_CACHE=0)' : 'app',
    path.join(DIST, 'src/main.js'),
    env,
    /GraphQL API ready at (\S+)/,
    () => `http://127.0.0.1:${port}/graphql`,
    !!opts.logSql,
  );
}

export async function startLimit(databaseUrl: string): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', PG_POOL_MAX: String(poolSize()) };
  return startChild('limit', path.join(DIST, 'bench/limit-server.js'), env, /limit server listening on (\d+)/, (m) => `http://127.0.0.1:${m[1]}`, false);
}
