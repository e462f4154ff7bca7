/**
 * The limit: a minimal Node HTTP server over a `pg` Pool (10 connections, like the app) that answers
 * each read scenario with ONE hand-written SQL statement (bench/scenarios.ts) whose single column is
 * the response's `data` as JSON text. No GraphQL, no authentication, no ORM, no per-row work in Node.
 *
 *   POST /<scenario>[?first=N]   body: {"variables": {...}}   →   {"data": …}
 *
 * Environment: DATABASE_URL, PORT (0: any free port), PG_POOL_MAX (default 2 × CPUs + 1, as the app's), PG_PARALLEL_WORKERS (default 0). Prints
 * "limit server listening on <port>" when ready. SIGTERM/SIGINT stop it.
 */
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { readScenario } from './scenarios';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_MAX || 2 * os.availableParallelism() + 1),
  // The same session settings as the app's pool (ormconfig.ts: no parallel workers by default).
  options: `-c max_parallel_workers_per_gather=${Number(process.env.PG_PARALLEL_WORKERS || 0)}`,
});
pool.on('error', (e) => console.error('pool error', e));

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') return send(res, 200, '{"status":"ok"}');
      const scenario = readScenario(url.pathname.slice(1));
      if (!scenario || req.method !== 'POST') return send(res, 404, '{"error":"not found"}');
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const first = Number(url.searchParams.get('first') ?? scenario.pageSize);
      const { text, params } = scenario.limitSql(body.variables ?? {}, first);
      const { rows } = await pool.query(text, params);
      send(res, 200, `{"data":${rows[0].data}}`);
    } catch (e) {
      console.error(e);
      send(res, 500, JSON.stringify({ errors: [{ message: (e as Error).message }] }));
    }
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT || 0), process.env.HOST || '127.0.0.1', () => {
  console.log(`limit server listening on ${(server.address() as { port: number }).port}`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
