/**
 * Protection of the GraphQL endpoint (src/http/protection.ts) over real HTTP: an Apollo server built
 * like src/server.ts's, with the armor plugins, validation rules and parse options, the rate limiter
 * in front and the timeout around it. Hostile documents get a 400 with a specific code and the
 * server keeps serving; the README's example queries and the front end's HISTORY query pass every
 * limit; suggestions and introspection are off in production only; the rate limit counts per key
 * and, on PostgreSQL, across processes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { parse, OperationDefinitionNode, FragmentDefinitionNode } from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { freshDatabase, TestDb } from './support/db';
import { world } from './support/factory';
import { Ctx, createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { schema } from '../src/schema';
import { formatError } from '../src/server';
import {
  applyHttpTimeouts,
  armorPlugins,
  estimateCost,
  LIMIT_CODES,
  loadProtectionConfig,
  PROTECTION_DEFAULTS,
  ProtectionConfig,
  RateLimiter,
  rateLimitedResponse,
  rateLimitHeaders,
  rateLimitKey,
  RequestTimeoutError,
  timeoutResponse,
  withTimeout,
} from '../src/http/protection';

// ------------------------------------------------------------------------- the documents

function repoFile(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const p = path.join(dir, name);
    if (fs.existsSync(p) && fs.existsSync(path.join(dir, 'package.json'))) return p;
    if (path.dirname(dir) === dir) throw new Error(`${name} not found above ${__dirname}`);
  }
}

const README_BLOCKS = [...fs.readFileSync(repoFile('README.md'), 'utf8').matchAll(/```graphql\r?\n([\s\S]*?)```/g)].map((m) => m[1].trim());

/** The front end's deepest query, as test/history.test.ts holds it (read from the source, so the two never drift). */
const HISTORY = (() => {
  const src = fs.readFileSync(path.join(path.dirname(repoFile('package.json')), 'test', 'history.test.ts'), 'utf8');
  const m = /const HISTORY = `([\s\S]*?)`;/.exec(src);
  if (!m) throw new Error('HISTORY not found in test/history.test.ts');
  return m[1];
})();

/** `levels` hops of forum → meetings → forum: depth 3 + 4 per hop + 1, cost 1 per hop. */
function deepQuery(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `meetings(first: 1) { edges { node { forum { ${inner} } } } }`;
  return `{ forums(first: 1) { edges { node { ${inner} } } } }`;
}

const COSTLY = `{ forums(first: 100) { edges { node {
  meetings(first: 100) { edges { node {
    agendaItems(first: 100) { edges { node { title } } }
  } } }
} } } }`;

const COSTLY_WITH_VARIABLES = `query($n: Int!) { forums(first: $n) { edges { node {
  meetings(first: $n) { edges { node {
    agendaItems(first: $n) { edges { node { title } } }
  } } }
} } } }`;

// --------------------------------------------------------------------------- test server

interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

interface TestServer {
  base: string;
  logged: string[];
  post(body: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  stop(): Promise<void>;
}

/**
 * Apollo as src/server.ts builds it, plus the protection: armor plugins, validation rules and parse
 * options on the ApolloServer; the rate limit after the principal is known (here a test header)
 * and before anything is parsed; the timeout around executeHTTPGraphQLRequest.
 */
async function startTestServer(ds: TestDb['ds'], cfg: ProtectionConfig, limiter: RateLimiter | null): Promise<TestServer> {
  const logged: string[] = [];
  const log = (m: string, e?: unknown) => logged.push(`${m} ${String(e ?? '')}`);
  const armor = armorPlugins(cfg);
  const httpServer = http.createServer();
  applyHttpTimeouts(httpServer, cfg);
  const apollo = new ApolloServer<Ctx>({
    schema: await schema(),
    introspection: true, // as src/server.ts has it today: the protection refuses introspection in production by itself
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: armor.parseOptions,
    validationRules: armor.validationRules,
    formatError: (f, e) => formatError(f, e, log),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ...armor.plugins],
  });
  await apollo.start();

  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  httpServer.on('request', async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (limiter) {
        const principal = typeof req.headers['x-test-principal'] === 'string' ? req.headers['x-test-principal'] : null;
        const r = await limiter.consume(rateLimitKey(principal, req.socket.remoteAddress));
        if (!r.allowed) {
          req.resume();
          const refusal = rateLimitedResponse(r);
          return sendJson(res, refusal.status, refusal.body, refusal.headers);
        }
        for (const [k, v] of Object.entries(rateLimitHeaders(r))) res.setHeader(k, v);
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const response = await withTimeout(
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
          context: async () => createContext(ds, { principal: SYSTEM, requestId: randomUUID() }),
        }),
        cfg.requestTimeoutMs,
      );
      for (const [k, v] of response.headers) res.setHeader(k, v);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      if (e instanceof RequestTimeoutError) {
        const t = timeoutResponse(cfg);
        return sendJson(res, t.status, t.body, t.headers);
      }
      log('request failed', e);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(httpServer.address() as net.AddressInfo).port}`;
  return {
    base,
    logged,
    async post(body: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(base + '/graphql', {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      });
      const text = await res.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async stop() {
      await apollo.stop();
    },
  };
}

function assertNoStack(r: HttpResult) {
  assert.ok(!/stacktrace/i.test(r.text), `stacktrace in body: ${r.text}`);
  assert.ok(!/\bat .+:\d+:\d+\)/.test(r.text), `stack frames in body: ${r.text}`);
}

/** A 400 whose first error carries `code`; returns that error. */
function assertRefused(r: HttpResult, code: string) {
  assert.equal(r.status, 400, r.text.slice(0, 500));
  assert.ok(r.json?.errors?.length, r.text.slice(0, 500));
  assert.equal(r.json.errors[0].extensions?.code, code, r.text.slice(0, 500));
  assert.equal(r.json.data, undefined, 'nothing executed');
  assertNoStack(r);
  return r.json.errors[0];
}

/** Passed every limit: no limit, validation or parse error (it may still fail for its own reasons). */
function assertPassesLimits(r: HttpResult, what: string) {
  const codes = (r.json?.errors ?? []).map((e: any) => e.extensions?.code);
  for (const c of codes) {
    assert.ok(!LIMIT_CODES.has(c) && c !== 'GRAPHQL_VALIDATION_FAILED' && c !== 'GRAPHQL_PARSE_FAILED', `${what}: ${r.text.slice(0, 500)}`);
  }
  assert.equal(r.status, 200, `${what}: ${r.status} ${r.text.slice(0, 500)}`);
}

// ----------------------------------------------------------------------------------- tests

describe('protection of the GraphQL endpoint', function () {
  this.timeout(60_000);
  let db: TestDb;
  let prod: TestServer;
  let dev: TestServer;
  let forumId: string;
  const cfgProd = loadProtectionConfig(true, {});
  const cfgDev = loadProtectionConfig(false, {});

  before(async function () {
    this.timeout(120_000);
    db = await freshDatabase();
    const w = await world(db.ds);
    forumId = w.forum.id;
    prod = await startTestServer(db.ds, cfgProd, new RateLimiter({ rateLimit: { points: 100_000, durationSec: 60 } }));
    dev = await startTestServer(db.ds, cfgDev, null);
  });

  after(async () => {
    await prod?.stop();
    await dev?.stop();
    await db?.close();
  });

  describe('configuration', () => {
    it('has the documented defaults', () => {
      assert.deepEqual(cfgProd, { ...PROTECTION_DEFAULTS, production: true });
      assert.equal(cfgProd.maxDepth, 20);
      assert.equal(cfgProd.maxAliases, 15);
      assert.equal(cfgProd.maxTokens, 3000);
      assert.equal(cfgProd.maxCost, 1_000_000);
      assert.deepEqual(cfgProd.rateLimit, { points: 300, durationSec: 60 });
    });

    it('takes overrides from the environment and refuses nonsense', () => {
      const c = loadProtectionConfig(false, {
        GQL_MAX_DEPTH: '12',
        GQL_MAX_ALIASES: '3',
        GQL_MAX_TOKENS: '500',
        GQL_MAX_COST: '1000',
        RATE_LIMIT_POINTS: '10',
        RATE_LIMIT_WINDOW_SEC: '5',
        REQUEST_TIMEOUT_MS: '2500',
      });
      assert.equal(c.maxDepth, 12);
      assert.equal(c.maxAliases, 3);
      assert.equal(c.maxTokens, 500);
      assert.equal(c.maxCost, 1000);
      assert.deepEqual(c.rateLimit, { points: 10, durationSec: 5 });
      assert.equal(c.requestTimeoutMs, 2500);
      assert.equal(c.production, false);
      assert.throws(() => loadProtectionConfig(true, { GQL_MAX_DEPTH: 'deep' }), /GQL_MAX_DEPTH/);
      assert.throws(() => loadProtectionConfig(true, { RATE_LIMIT_POINTS: '0' }), /RATE_LIMIT_POINTS/);
    });
  });

  describe('real queries pass every limit', () => {
    it('README.md has its example blocks', () => {
      assert.ok(README_BLOCKS.length >= 7, `found ${README_BLOCKS.length} graphql blocks`);
    });

    for (const q of README_BLOCKS) {
      it(`README: ${q.replace(/\s+/g, ' ').slice(0, 60)}`, async () => {
        const variables = /^mutation\b/.test(q) ? { id: randomUUID() } : {};
        assertPassesLimits(await prod.post({ query: q, variables }), q.slice(0, 60));
      });
    }

    for (const first of [5, 50, 100]) {
      it(`the front end's HISTORY query with $first: ${first}`, async () => {
        const r = await prod.post({ query: HISTORY, variables: { forumId, first } });
        assertPassesLimits(r, `HISTORY first ${first}`);
        assert.equal(r.json.errors, undefined, r.text);
        assert.equal(r.json.data.forum.name, 'Koordinationsgruppen');
      });
    }

    it('measures them as the header of protection.ts says (and comfortably inside the limits)', async () => {
      const s = await schema();
      const cost = (q: string, v: Record<string, unknown> = {}) => {
        const doc = parse(q);
        const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
        return estimateCost(s, op, doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition'), v);
      };
      const forumHistory = README_BLOCKS.find((q) => q.includes('forums(first: 7)'))!;
      assert.equal(cost(forumHistory), 176_848);
      assert.equal(cost(HISTORY, { first: 50 }), 421_050);
      assert.equal(cost(HISTORY, { first: 100 }), 842_100);
      for (const q of README_BLOCKS) assert.ok(cost(q) <= cfgProd.maxCost / 2, q);
      assert.equal(cost(COSTLY), 1_010_100);
      assert.equal(cost(COSTLY_WITH_VARIABLES, { n: 100 }), 1_010_100);
      assert.equal(cost(COSTLY_WITH_VARIABLES, { n: 10 }), 1_110);
      assert.equal(cost('query($n: Int = 7) { forums(first: $n) { edges { node { name } } } }'), 7);
      assert.equal(cost('{ forums { edges { node { name } } } }'), 20);
      // Each fragment spreads the previous one twice: counted as written (2^40), computed in linear time.
      const frags = ['fragment F0 on Forum { meetings(first: 1) { edges { node { title } } } }'];
      for (let i = 1; i <= 40; i++) frags.push(`fragment F${i} on Forum { ...F${i - 1} ...F${i - 1} }`);
      const t = Date.now();
      assert.equal(cost(`{ forums(first: 1) { edges { node { ...F40 } } } } ${frags.join(' ')}`), 1 + 2 ** 40);
      assert.ok(Date.now() - t < 1_000, `took ${Date.now() - t} ms`);
    });
  });

  describe('hostile documents get a 400 with a clear code', () => {
    it('too deep → QUERY_TOO_DEEP with the limit and the depth found', async () => {
      assertPassesLimits(await prod.post({ query: deepQuery(4) }), 'depth 20'); // 3 + 4 × 4 + 1 = 20, the limit
      const e = assertRefused(await prod.post({ query: deepQuery(6) }), 'QUERY_TOO_DEEP');
      assert.equal(e.extensions.limit, 20);
      assert.equal(e.extensions.found, 28);
      assert.match(e.message, /too deep/);
    });

    it('20 aliases → TOO_MANY_ALIASES; 15 pass', async () => {
      const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: forums(first: 1) { totalCount }`).join(' ')} }`;
      assertPassesLimits(await prod.post({ query: aliased(15) }), '15 aliases');
      const e = assertRefused(await prod.post({ query: aliased(20) }), 'TOO_MANY_ALIASES');
      assert.equal(e.extensions.limit, 15);
      assert.equal(e.extensions.found, 20);
    });

    it('a huge document (5,000 tokens) → TOO_MANY_TOKENS', async () => {
      const e = assertRefused(await prod.post({ query: `{ forums { ${'totalCount '.repeat(5000)} } }` }), 'TOO_MANY_TOKENS');
      assert.equal(e.extensions.limit, 3000);
      assert.match(e.message, /more than 3000 tokens/);
    });

    it('a long comment is not counted as tokens', async () => {
      assertPassesLimits(await prod.post({ query: '{ forums { totalCount } }\n# ' + 'x'.repeat(200_000) }), 'comment');
    });

    it('a plain syntax error is still 400 GRAPHQL_PARSE_FAILED', async () => {
      assertRefused(await prod.post({ query: '{ forums { totalCount ' }), 'GRAPHQL_PARSE_FAILED');
    });

    it('three nested connections of 100 → QUERY_TOO_COSTLY, also when the page sizes are variables', async () => {
      const e = assertRefused(await prod.post({ query: COSTLY }), 'QUERY_TOO_COSTLY');
      assert.equal(e.extensions.limit, 1_000_000);
      assert.equal(e.extensions.found, 1_010_100);
      assertRefused(await prod.post({ query: COSTLY_WITH_VARIABLES, variables: { n: 100 } }), 'QUERY_TOO_COSTLY');
      assertPassesLimits(await prod.post({ query: COSTLY_WITH_VARIABLES, variables: { n: 10 } }), 'n = 10');
    });

    it('a fragment bomb (each fragment spreading the previous twice) is estimated at once and refused', async () => {
      const frags = ['fragment F0 on Forum { meetings(first: 1) { edges { node { title } } } }'];
      for (let i = 1; i <= 40; i++) frags.push(`fragment F${i} on Forum { ...F${i - 1} ...F${i - 1} }`);
      const t = Date.now();
      const r = await prod.post({ query: `{ forums(first: 1) { edges { node { ...F40 } } } } ${frags.join(' ')}` });
      assert.ok(Date.now() - t < 5_000, `took ${Date.now() - t} ms`);
      assert.equal(r.status, 400, r.text.slice(0, 300));
      assertNoStack(r);
    });

    it('first: 101 (literal or variable) → 400 BAD_USER_INPUT naming the field', async () => {
      let e = assertRefused(await prod.post({ query: '{ forums(first: 101) { totalCount } }' }), 'BAD_USER_INPUT');
      assert.equal(e.extensions.field, 'first');
      e = assertRefused(await prod.post({ query: 'query($n: Int) { meetings(last: $n) { totalCount } }', variables: { n: 101 } }), 'BAD_USER_INPUT');
      assert.equal(e.extensions.field, 'last');
      e = assertRefused(await prod.post({ query: '{ forums(first: 0) { totalCount } }' }), 'BAD_USER_INPUT');
      assert.equal(e.extensions.reason, 'must be between 1 and 100');
    });

    it('21 directives → TOO_MANY_DIRECTIVES', async () => {
      const q = `{ forums { ${Array.from({ length: 21 }, () => 'totalCount @include(if: true)').join(' ')} } }`;
      const e = assertRefused(await prod.post({ query: q }), 'TOO_MANY_DIRECTIVES');
      assert.equal(e.extensions.limit, 20);
    });
  });

  describe('production hides the schema, development does not', () => {
    it('field suggestions are absent in production and present in development', async () => {
      const q = '{ forums { totalCont } }';
      const p = assertRefused(await prod.post({ query: q }), 'GRAPHQL_VALIDATION_FAILED');
      assert.ok(!/Did you mean/.test(p.message), p.message);
      assert.match(p.message, /Cannot query field "totalCont"/);
      const d = assertRefused(await dev.post({ query: q }), 'GRAPHQL_VALIDATION_FAILED');
      assert.match(d.message, /Did you mean "totalCount"\?/);
    });

    it('enum-value and argument suggestions are removed too', async () => {
      const r = await prod.post({ query: '{ actionItems(firts: 1, filter: { status: [OPN] }) { totalCount } }' });
      assert.equal(r.status, 400, r.text);
      assert.ok(r.json.errors.length >= 2, r.text);
      assert.ok(!/Did you mean/.test(r.text), r.text);
      const d = await dev.post({ query: '{ actionItems(firts: 1, filter: { status: [OPN] }) { totalCount } }' });
      assert.match(d.text, /Did you mean the enum value/);
    });

    it('introspection is refused in production (INTROSPECTION_DISABLED) and works in development', async () => {
      const e = assertRefused(await prod.post({ query: '{ __schema { queryType { name } } }' }), 'INTROSPECTION_DISABLED');
      assert.match(e.message, /__schema/);
      assertRefused(await prod.post({ query: '{ __type(name: "Forum") { name } }' }), 'INTROSPECTION_DISABLED');
      const typename = await prod.post({ query: '{ __typename }' });
      assert.equal(typename.status, 200);
      assert.equal(typename.json.data.__typename, 'Query');
      const d = await dev.post({ query: '{ __schema { queryType { name } } }' });
      assert.equal(d.status, 200, d.text);
      assert.equal(d.json.data.__schema.queryType.name, 'Query');
    });
  });

  describe('after all that the server is still up', () => {
    it('answers a normal query, and logged no internal error', async () => {
      const r = await prod.post({ query: '{ __typename forums { totalCount } }' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.data.__typename, 'Query');
      assertPassesLimits(r, 'normal query');
      assert.deepEqual(prod.logged, []);
      assert.deepEqual(dev.logged, []);
    });
  });

  describe('rate limit', () => {
    const cfg = { rateLimit: { points: 5, durationSec: 60 } };

    it('in memory: the 6th request of a key is refused with remaining 0 and a reset; another key still passes', async () => {
      const rl = new RateLimiter(cfg);
      const seen: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await rl.consume('person:a');
        assert.equal(r.allowed, true);
        assert.equal(r.limit, 5);
        seen.push(r.remaining);
      }
      assert.deepEqual(seen, [4, 3, 2, 1, 0]);
      const refused = await rl.consume('person:a');
      assert.equal(refused.allowed, false);
      assert.equal(refused.remaining, 0);
      assert.ok(refused.resetSec > 0 && refused.resetSec <= 60, String(refused.resetSec));
      const other = await rl.consume('key:b');
      assert.equal(other.allowed, true);
      assert.equal(other.remaining, 4);
    });

    it('headers: RateLimit-Limit/Remaining/Reset always, Retry-After only when refused', () => {
      const ok = rateLimitHeaders({ allowed: true, limit: 5, remaining: 3, resetSec: 42, windowSec: 60 });
      assert.deepEqual(ok, { 'RateLimit-Limit': '5', 'RateLimit-Remaining': '3', 'RateLimit-Reset': '42', 'RateLimit-Policy': '5;w=60' });
      const no = rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, resetSec: 42 });
      assert.deepEqual(no, { 'RateLimit-Limit': '5', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '42', 'Retry-After': '42' });
    });

    it('keys: a person or an API key by its principal key, anyone else by address', () => {
      assert.equal(rateLimitKey('person:p1', '10.0.0.1'), 'person:p1');
      assert.equal(rateLimitKey('key:k1', '10.0.0.1'), 'key:k1');
      assert.equal(rateLimitKey('anonymous', '10.0.0.1'), 'ip:10.0.0.1');
      assert.equal(rateLimitKey(null, undefined), 'ip:unknown');
    });

    it('on PostgreSQL two processes share one budget, in a table outside the public schema', async () => {
      // Two pools stand for two server processes; both limiters start at once (the table is created once).
      // One is TypeORM's own pg Pool, as src/server.ts would pass it.
      const own = new pg.Pool({ connectionString: db.url, max: 2 });
      const pools = [(db.ds.driver as unknown as { master: pg.Pool }).master, own];
      try {
        const [a, b] = pools.map((p) => new RateLimiter(cfg, p));
        const key = `person:${randomUUID()}`;
        const remaining: number[] = [];
        for (const rl of [a, b, a, b, a]) {
          const r = await rl.consume(key);
          assert.equal(r.allowed, true);
          remaining.push(r.remaining);
        }
        assert.deepEqual(remaining, [4, 3, 2, 1, 0]);
        const refused = await b.consume(key);
        assert.equal(refused.allowed, false);
        assert.equal(refused.remaining, 0);
        assert.ok(refused.resetSec > 0 && refused.resetSec <= 60, String(refused.resetSec));
        assert.equal((await a.consume(key)).allowed, false);
        assert.equal((await a.consume(`key:${randomUUID()}`)).allowed, true);
        // A third "process" started later sees the same budget.
        assert.equal((await new RateLimiter(cfg, pools[1]).consume(key)).allowed, false);
        const tables = await db.ds.query(
          "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = 'consumption'",
        );
        assert.deepEqual(tables, [{ table_schema: 'rate_limit', table_name: 'consumption' }]);
      } finally {
        await own.end();
      }
    });

    it('over HTTP: the 6th request is 429 RATE_LIMITED with Retry-After and RateLimit-* headers; another user passes', async () => {
      const limited = await startTestServer(db.ds, cfgProd, new RateLimiter(cfg));
      try {
        const q = { query: '{ __typename }' };
        for (let i = 0; i < 5; i++) {
          const r = await limited.post(q, { 'x-test-principal': 'person:anna' });
          assert.equal(r.status, 200, r.text);
          assert.equal(r.headers.get('ratelimit-limit'), '5');
          assert.equal(r.headers.get('ratelimit-remaining'), String(4 - i));
          assert.ok(Number(r.headers.get('ratelimit-reset')) > 0);
          assert.equal(r.headers.get('retry-after'), null);
        }
        const r = await limited.post(q, { 'x-test-principal': 'person:anna' });
        assert.equal(r.status, 429, r.text);
        assert.equal(r.headers.get('ratelimit-remaining'), '0');
        const retry = Number(r.headers.get('retry-after'));
        assert.ok(retry > 0 && retry <= 60, String(retry));
        const e = r.json.errors[0];
        assert.equal(e.extensions.code, 'RATE_LIMITED');
        assert.equal(e.extensions.retryAfterSec, retry);
        assert.equal(e.extensions.limit, 5);
        assert.equal(e.extensions.remaining, 0);
        assert.match(e.message, /Too many requests/);
        assert.equal(r.json.data, undefined);
        const other = await limited.post(q, { 'x-test-principal': 'person:bo' });
        assert.equal(other.status, 200, other.text);
        assert.equal(other.headers.get('ratelimit-remaining'), '4');
        // Anonymous requests are counted by address, apart from the people.
        assert.equal((await limited.post(q)).status, 200);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('request timeout', () => {
    it('withTimeout gives up with REQUEST_TIMEOUT; timeoutResponse is a 503', async () => {
      const t = Date.now();
      await assert.rejects(withTimeout(new Promise(() => undefined), 50), (e: unknown) => e instanceof RequestTimeoutError && e.code === 'REQUEST_TIMEOUT');
      assert.ok(Date.now() - t < 2_000);
      assert.equal(await withTimeout(Promise.resolve(7), 50), 7);
      const r = timeoutResponse({ requestTimeoutMs: 50 });
      assert.equal(r.status, 503);
      assert.equal(r.body.errors[0].extensions.code, 'REQUEST_TIMEOUT');
    });

    it("applyHttpTimeouts bounds Node's request and header timeouts", () => {
      const s = http.createServer();
      applyHttpTimeouts(s, { requestTimeoutMs: 30_000 });
      assert.equal(s.requestTimeout, 30_000);
      assert.equal(s.headersTimeout, 7_500);
    });
  });
});
