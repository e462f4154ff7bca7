/**
 * Operations readiness in process (the reliability suite, test-reliability/, does the same with real
 * processes and faults): probes, metrics, request-id logging, and HTTP 503 DATABASE_UNAVAILABLE while
 * the database is unreachable (a TCP proxy in front of PostgreSQL is cut and restored), with recovery.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../ormconfig';
import { freshDatabase, TestDb } from './support/db';
import { ctxAt, world } from './support/factory';
import { startServer, RunningServer } from '../src/server';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { loadProtectionConfig } from '../src/http/protection';
import { personService } from '../src/person/person.service';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { isDatabaseUnavailable } from '../src/ops/db-errors';

/** A TCP proxy to PostgreSQL that can be cut (connections reset, new ones refused) and restored. */
class Proxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: number) {}
  async up() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  async down() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

describe('operations: probes, metrics, logs, database unavailable', function () {
  this.timeout(60_000);
  let db: TestDb;
  let ds: DataSource;
  let proxy: Proxy;
  let server: RunningServer;
  let base: string;
  let token: string;
  const logLines: any[] = [];
  const logged: string[] = [];

  before(async () => {
    db = await freshDatabase();
    const w = await world(db.ds);
    const ctx = ctxAt(db.ds, new Date());
    const p = await personService.create(ctx, { name: 'Drift Koordinator' });
    await accessService.grant(ctx, { partnershipId: w.partnership.id, personId: p.id, role: AccessRole.COORDINATOR });
    const auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pr-ops-')), 'k.json') }));
    token = await auth.issueDevToken(p.id);
    const u = new URL(db.url);
    proxy = new Proxy(Number(u.port));
    await proxy.up();
    u.port = String(proxy.port);
    ds = new DataSource(dataSourceOptions(u.toString(), { extra: { max: 4, connectionTimeoutMillis: 1000 } }));
    await ds.initialize();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        for (const l of String(chunk).split('\n')) if (l) logLines.push(JSON.parse(l));
        cb();
      },
    });
    server = await startServer({
      dataSource: ds,
      port: 0,
      host: '127.0.0.1',
      logger: pino({ level: 'info' }, sink),
      log: (m, e) => logged.push(`${m} ${e instanceof Error ? e.stack : String(e ?? '')}`),
      authenticate: (h) => auth.authenticate(h),
      protection: { ...loadProtectionConfig(false), rateLimit: { points: 100_000, durationSec: 60 } },
    });
    base = server.url.replace('localhost', '127.0.0.1').replace(/\/graphql$/, '');
  });

  after(async () => {
    await server?.stop();
    await ds?.destroy().catch(() => undefined);
    await proxy?.down().catch(() => undefined);
    await db?.close();
  });

  const gql = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(10_000),
    });

  it("the pool's connections run without parallel query workers unless PG_PARALLEL_WORKERS says otherwise", async () => {
    const [row] = await db.ds.query('SHOW max_parallel_workers_per_gather');
    assert.equal(row.max_parallel_workers_per_gather, '0');
    const before = process.env.PG_PARALLEL_WORKERS;
    try {
      process.env.PG_PARALLEL_WORKERS = '2';
      assert.match(String((dataSourceOptions('postgres://x/y') as any).extra.options), /max_parallel_workers_per_gather=2$/);
      process.env.PG_PARALLEL_WORKERS = 'many';
      assert.throws(() => dataSourceOptions('postgres://x/y'), /PG_PARALLEL_WORKERS must be a whole number/);
    } finally {
      if (before === undefined) delete process.env.PG_PARALLEL_WORKERS;
      else process.env.PG_PARALLEL_WORKERS = before;
    }
  });

  it('/healthz is 200, /readyz is 200 with the database and migrations ok', async () => {
    const h = await fetch(`${base}/healthz`);
    assert.equal(h.status, 200);
    const r = await fetch(`${base}/readyz`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ready', database: 'ok', migrations: 'ok' });
  });

  it('logs one request line with the request id, operation and status', async () => {
    const res = await gql('query Forums { forums { totalCount } }', { 'x-request-id': 'ops-test-1' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'ops-test-1');
    await new Promise((r) => setTimeout(r, 50));
    const line = logLines.find((l) => l.reqId === 'ops-test-1');
    assert.ok(line, JSON.stringify(logLines));
    assert.equal(line.msg, 'request');
    assert.equal(line.op, 'Forums');
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, 'number');
  });

  it('/metrics counts requests by operation, errors by code, and shows the pool', async () => {
    await gql('query Forums { forums { totalCount } }');
    await gql('{ nope }');
    const text = await (await fetch(`${base}/metrics`)).text();
    assert.match(text, /graphql_requests_total\{operation="Forums",type="query",status="200"\} 2/);
    assert.match(text, /graphql_request_duration_seconds_count\{operation="Forums",type="query"\} 2/);
    assert.match(text, /graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    assert.match(text, /db_pool_connections_max 4/);
    assert.match(text, /db_pool_connections_total [1-4]/);
  });

  it('while the database is unreachable: fast 503 DATABASE_UNAVAILABLE, /readyz 503; then it recovers by itself', async () => {
    await proxy.down();
    const t = Date.now();
    const res = await gql('{ forums { totalCount } }');
    const ms = Date.now() - t;
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    const body: any = await res.json();
    assert.equal(body.errors[0].extensions.code, 'DATABASE_UNAVAILABLE', JSON.stringify(body));
    assert.ok(ms < 5000, `failed fast (${ms} ms)`);
    const mutation = await gql('mutation { createOrganisation(input: { name: "Ny", kind: SCHOOL }) { id } }');
    assert.equal(mutation.status, 503);
    assert.equal(((await mutation.json()) as any).errors[0].extensions.code, 'DATABASE_UNAVAILABLE');
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 503);
    assert.match(((await ready.json()) as any).database, /unreachable/);
    await proxy.up();
    let ok = 0;
    for (let i = 0; i < 20 && ok < 3; i++) {
      const r = await gql('{ forums { totalCount } }');
      if (r.status === 200) ok++;
      else await new Promise((s) => setTimeout(s, 100));
    }
    assert.equal(ok, 3, 'requests succeed again');
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /graphql_errors_total\{code="DATABASE_UNAVAILABLE"\} [2-9]/);
  });

  it('a string with a NUL character is BAD_USER_INPUT naming the field (400), not a 500', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', variables: { i: { name: 'a\u0000b', kind: 'SCHOOL' } } }),
    });
    assert.equal(res.status, 400);
    const body: any = await res.json();
    assert.equal(body.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.equal(body.errors[0].extensions.field, 'i.name');
  });

  it('recognises connection failures as the database being unavailable, and nothing else', () => {
    assert.ok(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
    assert.ok(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })));
    assert.ok(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })));
    assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
    assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
    assert.ok(isDatabaseUnavailable({ message: 'x', driverError: { code: '08006' } }));
    assert.ok(!isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })));
    assert.ok(!isDatabaseUnavailable(new Error('boom')));
  });

  it('logged no internal error', () => {
    assert.deepEqual(logged, []);
  });
});
