/**
 * The API through real HTTP: startServer on an ephemeral port, the demo partnership loaded once,
 * requests sent with Node's fetch. Guards the README's example queries against rot, the error
 * shapes a client sees on the wire, CSRF/batching/body-size limits, request ids, atomic
 * rejection of mutations, and a clean stop.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { freshDatabase, TestDb } from './support/db';
import { snapshot } from './support/gql';
import { startServer, RunningServer } from '../src/server';
import { loadDemo } from '../src/seed/demo';
import os from 'node:os';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { demoIdentities } from '../src/auth/demo-identities';

interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** README.md of the repository (compiled to dist/test/, the source lives two levels up). */
function readmePath(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const p = path.join(dir, 'README.md');
    if (fs.existsSync(p) && fs.existsSync(path.join(dir, 'package.json'))) return p;
    if (path.dirname(dir) === dir) throw new Error('README.md not found above ' + __dirname);
  }
}

function readmeGraphqlBlocks(): string[] {
  const md = fs.readFileSync(readmePath(), 'utf8');
  return [...md.matchAll(/```graphql\r?\n([\s\S]*?)```/g)].map((m) => m[1].trim());
}

const README_BLOCKS = readmeGraphqlBlocks();
const README_QUERIES = README_BLOCKS.filter((q) => !/^mutation\b/.test(q));
const README_MUTATION = README_BLOCKS.find((q) => /^mutation\b/.test(q));

/** A short, readable name for a README query: its first field with arguments. */
function label(q: string): string {
  return q.replace(/\s+/g, ' ').slice(0, 70);
}

/** Every top-level field of `data` holds something: a connection with edges, or a non-null object. */
function assertNonEmpty(data: Record<string, any>, q: string) {
  assert.ok(data && Object.keys(data).length > 0, `no data for ${label(q)}`);
  for (const [k, v] of Object.entries(data)) {
    assert.notEqual(v, null, `${k} is null for ${label(q)}`);
    if (v && Array.isArray(v.edges)) assert.ok(v.edges.length > 0, `${k} has no edges for ${label(q)}`);
  }
}

function assertNoStack(res: HttpResult) {
  assert.ok(!/stacktrace/i.test(res.text), `stacktrace in body: ${res.text}`);
  assert.ok(!/\n\s+at .+\(.*:\d+:\d+\)/.test(res.text) && !/\\n\s+at /.test(res.text), `stack frames in body: ${res.text}`);
  assert.ok(!/exception/.test(res.text), `exception in body: ${res.text}`);
}

describe('HTTP API (real server, demo data)', function () {
  this.timeout(60_000);
  let db: TestDb;
  let server: RunningServer;
  let base: string;
  let port: number;
  let stopped = false;
  const logged: string[] = [];
  /** Requests act as the demo coordinator unless they set their own authorization header ('' for none). */
  let bearer = '';

  async function send(
    pathAndQuery: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, ...(init.headers ?? {}) };
    if (!headers.authorization) delete headers.authorization;
    const res = await fetch(base + pathAndQuery, { method: init.method ?? 'GET', body: init.body, headers });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  function post(body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    return send('/graphql', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  /** POST a GraphQL operation and insist on 200 without errors. */
  async function ok(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const r = await post({ query, variables });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json?.errors, undefined, `unexpected errors: ${JSON.stringify(r.json?.errors)}`);
    return r.json.data;
  }

  /** POST a GraphQL operation and insist on an error with the given code; returns the response. */
  async function fails(query: string, variables: Record<string, unknown>, code: string): Promise<HttpResult & { error: any }> {
    const r = await post({ query, variables });
    assert.ok(r.json?.errors?.length, `expected ${code}, got ${r.status} ${r.text}`);
    assert.equal(r.json.errors[0].extensions?.code, code, r.text);
    assertNoStack(r);
    return { ...r, error: r.json.errors[0] };
  }

  async function countRows(): Promise<{ items: number; events: number }> {
    const [row] = await db.ds.query(
      'SELECT (SELECT count(*)::int FROM action_item) AS items, (SELECT count(*)::int FROM action_item_event) AS events',
    );
    return row;
  }

  before(async function () {
    this.timeout(180_000);
    db = await freshDatabase();
    await loadDemo(db.ds, { log: () => undefined });
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-http-dev-key-'));
    const auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(keyDir, 'key.json') }));
    const coordinator = (await demoIdentities(db.ds)).find((i) => i.role === 'coordinator')!;
    bearer = await auth.issueDevToken(coordinator.personId);
    server = await startServer({
      dataSource: db.ds,
      port: 0,
      host: '127.0.0.1',
      log: (m, e) => logged.push(`${m} ${String(e ?? '')}`),
      authenticate: (h) => auth.authenticate(h),
    });
    port = (server.httpServer.address() as net.AddressInfo).port;
    assert.ok(port > 0);
    base = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    if (server && !stopped) await server.stop();
    if (db) await db.close();
  });

  describe('README example queries', () => {
    it('README.md has the example blocks this file checks', () => {
      assert.ok(README_QUERIES.length >= 6, `found ${README_QUERIES.length} graphql queries in README.md`);
      assert.ok(README_MUTATION, 'README.md has the changeActionItemStatus mutation');
    });

    for (const q of README_QUERIES) {
      it(`runs: ${label(q)}`, async () => {
        const data = await ok(q);
        assertNonEmpty(data, q);
        if (/forums\(first: 7\)/.test(q)) {
          assert.equal(data.forums.edges.length, 7);
          const withMeetings = data.forums.edges.filter((e: any) => e.node.meetings.edges.length > 0);
          assert.ok(withMeetings.length > 0, 'some forum has meetings');
        }
        if (/search: "tryghedsvandring"/.test(q)) {
          assert.ok(data.meetings.totalCount >= 1 && data.meetings.edges.length >= 1, JSON.stringify(data));
          assert.ok(data.meetings.edges[0].node.forum.name);
        }
        if (/search: "Socialforvaltningen"/.test(q)) {
          const org = data.organisations.edges[0].node;
          assert.match(org.name, /Socialforvaltningen/);
          assert.ok(org.subOrganisations.edges.length > 0, 'Socialforvaltningen has sub-organisations');
          assert.ok(org.forums.edges.length > 0, 'Socialforvaltningen sits in forums');
        }
        if (/actionItems\(first: 20, filter: \{ overdue: true \}\)/.test(q)) {
          assert.ok(data.actionItems.totalCount > 0, 'overdue action items exist');
          for (const e of data.actionItems.edges) assert.ok(e.node.history.edges.length >= 1, 'each has a history');
        }
        if (/status: \[SCHEDULED\]/.test(q)) {
          assert.equal(data.meetings.edges.length, 1);
        }
        if (/decisions\(first: 10/.test(q)) {
          for (const e of data.decisions.edges) assert.ok(['IN_FORCE', 'IMPLEMENTED'].includes(e.node.status), e.node.status);
        }
      });
    }

    it('the README mutation changes an OPEN action item to IN_PROGRESS and its history grows by one', async () => {
      // The demo record depends on today's date; take an OPEN item whose comments this coordinator may
      // read (under a confidential agenda item they would read "[Fortroligt]").
      const found = await ok('{ actionItems(first: 50, filter: { status: [OPEN] }) { edges { node { id status redacted history { totalCount } } } } }');
      const item = found.actionItems.edges.map((e: any) => e.node).find((n: any) => !n.redacted);
      assert.ok(item, 'the demo has an OPEN action item the coordinator may read');
      assert.equal(item.status, 'OPEN');
      const data = await ok(README_MUTATION!, { id: item.id });
      assert.equal(data.changeActionItemStatus.status, 'IN_PROGRESS');
      assert.equal(data.changeActionItemStatus.history.totalCount, item.history.totalCount + 1);
      // And it is persisted: a fresh read sees the same.
      const again = await ok('query($id: ID!) { actionItem(id: $id) { status history { totalCount edges { node { toStatus comment } } } } }', { id: item.id });
      assert.equal(again.actionItem.status, 'IN_PROGRESS');
      assert.equal(again.actionItem.history.totalCount, item.history.totalCount + 1);
      const last = again.actionItem.history.edges[again.actionItem.history.edges.length - 1].node;
      assert.deepEqual(last, { toStatus: 'IN_PROGRESS', comment: 'Vi er i gang' });
    });
  });

  describe('error shapes over HTTP', () => {
    it('a blank name on createOrganisation is BAD_USER_INPUT naming the field, without a stack trace', async () => {
      const before = await snapshot(db.ds);
      const r = await fails(
        'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        { input: { name: '   ', kind: 'ASSOCIATION' } },
        'BAD_USER_INPUT',
      );
      assert.equal(r.status, 200);
      assert.equal(r.error.extensions.field, 'name');
      assert.equal(typeof r.error.extensions.reason, 'string');
      assert.deepEqual(Object.keys(r.error.extensions).sort(), ['code', 'field', 'reason']);
      assert.equal(r.json.data, null);
      assert.deepEqual(await snapshot(db.ds), before, 'nothing written');
    });

    it('a too long name (class-validator) is BAD_USER_INPUT naming the field, without a stack trace', async () => {
      const r = await fails(
        'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        { input: { name: 'x'.repeat(301), kind: 'ASSOCIATION' } },
        'BAD_USER_INPUT',
      );
      assert.equal(r.error.extensions.field, 'name');
    });

    it('an unknown id is NOT_FOUND', async () => {
      const id = randomUUID();
      const r = await fails('mutation($id: ID!) { changeActionItemStatus(id: $id, status: DONE) { id } }', { id }, 'NOT_FOUND');
      assert.equal(r.error.extensions.id, id);
      assert.equal(r.error.extensions.field, 'id');
    });

    it('a document that does not validate is 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const r = await post({ query: '{ forums { totalCount noSuchField } }' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
      assert.equal(r.json.data, undefined);
      assertNoStack(r);
    });

    it('a document that does not parse is 400 GRAPHQL_PARSE_FAILED', async () => {
      const r = await post({ query: '{ forums { totalCount ' });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.errors[0].extensions.code, 'GRAPHQL_PARSE_FAILED');
      assertNoStack(r);
    });

    it('first: 101 is BAD_USER_INPUT', async () => {
      const r = await fails('{ forums(first: 101) { totalCount } }', {}, 'BAD_USER_INPUT');
      assert.equal(r.error.extensions.field, 'first');
    });

    it('a body that is not JSON is 400', async () => {
      const r = await post('{"query": "{ forums { totalCount } }"');
      assert.equal(r.status, 400, r.text);
      assert.ok(r.json?.errors?.length, r.text);
      assertNoStack(r);
    });

    it('a body over 1 MB is 413, and the server keeps serving', async () => {
      const big = JSON.stringify({ query: '{ forums { totalCount } }', variables: { pad: 'x'.repeat(1_100_000) } });
      let r: HttpResult | undefined;
      let failure: unknown;
      try {
        r = await post(big);
      } catch (e) {
        failure = e;
      }
      const cause = failure ? `${(failure as Error).message}: ${String((failure as { cause?: unknown }).cause)}` : '';
      assert.ok(r, `expected a 413 response, the connection failed instead (${cause})`);
      assert.equal(r.status, 413, r.text);
      assert.ok(r.json?.errors?.length, r.text);
      const health = await send('/health');
      assert.equal(health.status, 200);
    });

    it('a body of just under 1 MB is accepted', async () => {
      const r = await post({ query: '{ forums { totalCount } }\n# ' + 'x'.repeat(900_000) });
      assert.equal(r.status, 200, r.text.slice(0, 500));
      assert.equal(r.json.data.forums.totalCount, 7);
    });

    it('GET /health is 200 {status: ok}', async () => {
      const r = await send('/health');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: 'ok' });
      assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    });

    it('GET /nope is 404', async () => {
      const r = await send('/nope');
      assert.equal(r.status, 404);
      assert.ok(r.json, 'a JSON body');
    });

    it('a batched request (JSON array) is refused', async () => {
      const r = await post([{ query: '{ forums { totalCount } }' }, { query: '{ forums { totalCount } }' }]);
      assert.equal(r.status, 400, r.text);
      assert.ok(!Array.isArray(r.json), 'not executed as a batch');
      assert.ok(!r.text.includes('totalCount'), r.text);
    });
  });

  describe('CSRF prevention', () => {
    it('a GET query without content-type or a preflight header is refused (400)', async () => {
      const r = await send('/graphql?query=' + encodeURIComponent('{ forums { totalCount } }'));
      assert.equal(r.status, 400, r.text);
      assert.ok(!r.text.includes('"totalCount"'), r.text);
    });

    it('a POST with content-type text/plain (a "simple" cross-site request) is refused (400)', async () => {
      const r = await send('/graphql', { method: 'POST', body: JSON.stringify({ query: '{ forums { totalCount } }' }), headers: { 'content-type': 'text/plain' } });
      assert.equal(r.status, 400, r.text);
      assert.ok(!r.text.includes('"totalCount"'), r.text);
    });

    it('a GET query with apollo-require-preflight works', async () => {
      const r = await send('/graphql?query=' + encodeURIComponent('{ forums { totalCount } }'), { headers: { 'apollo-require-preflight': 'true' } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.data.forums.totalCount, 7);
    });

    it('a POST with application/json works', async () => {
      const data = await ok('{ forums { totalCount } }');
      assert.equal(data.forums.totalCount, 7);
    });
  });

  describe('request ids', () => {
    it('every response carries an x-request-id', async () => {
      const a = await post({ query: '{ forums { totalCount } }' });
      const b = await post({ query: '{ forums { totalCount } }' });
      const ida = a.headers.get('x-request-id');
      const idb = b.headers.get('x-request-id');
      assert.ok(ida && idb, 'x-request-id present');
      assert.notEqual(ida, idb, 'a new id per request');
      const err = await post({ query: '{ forums { nope } }' });
      assert.ok(err.headers.get('x-request-id'), 'also on a 400');
    });

    it('a client-supplied x-request-id is echoed', async () => {
      const r = await post({ query: '{ forums { totalCount } }' }, { 'x-request-id': 'client-abc-123' });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-request-id'), 'client-abc-123');
    });
  });

  describe('a rejected mutation writes nothing', () => {
    let doneId: string;

    before(async () => {
      const data = await ok('{ actionItems(first: 1, filter: { status: [DONE] }) { totalCount edges { node { id status } } } }');
      assert.ok(data.actionItems.totalCount > 0, 'the demo has DONE action items');
      doneId = data.actionItems.edges[0].node.id;
      assert.equal(data.actionItems.edges[0].node.status, 'DONE');
    });

    it('DONE → IN_PROGRESS is refused (CONFLICT) and no row changes', async () => {
      const counts = await countRows();
      const before = await snapshot(db.ds);
      const r = await fails(
        'mutation($id: ID!) { changeActionItemStatus(id: $id, status: IN_PROGRESS, comment: "Vi er i gang") { status } }',
        { id: doneId },
        'CONFLICT',
      );
      assert.equal(r.error.extensions.reason, 'INVALID_TRANSITION');
      assert.deepEqual(await countRows(), counts);
      assert.deepEqual(await snapshot(db.ds), before);
      const after = await ok('query($id: ID!) { actionItem(id: $id) { status } }', { id: doneId });
      assert.equal(after.actionItem.status, 'DONE');
    });

    it('DONE → OPEN without the required comment is refused (BAD_USER_INPUT) and no row changes', async () => {
      const counts = await countRows();
      const before = await snapshot(db.ds);
      const r = await fails('mutation($id: ID!) { changeActionItemStatus(id: $id, status: OPEN) { status } }', { id: doneId }, 'BAD_USER_INPUT');
      assert.equal(r.error.extensions.field, 'comment');
      assert.deepEqual(await countRows(), counts);
      assert.deepEqual(await snapshot(db.ds), before);
    });
  });

  describe('no internal errors were logged', () => {
    it('the server logged no internal error during this file', () => {
      assert.deepEqual(logged, []);
    });
  });

  describe('stopping', () => {
    it('server.stop() resolves promptly and the port no longer accepts connections', async () => {
      // An idle keep-alive connection from fetch must not hold the stop up.
      await ok('{ forums { totalCount } }');
      const t = Date.now();
      await server.stop();
      stopped = true;
      assert.ok(Date.now() - t < 5_000, `stop took ${Date.now() - t} ms`);
      assert.equal(server.httpServer.listening, false);
      const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const s = net.connect({ port, host: '127.0.0.1' });
        s.once('connect', () => {
          s.destroy();
          resolve(null);
        });
        s.once('error', (e) => resolve(e));
      });
      assert.ok(err, 'the port still accepts connections');
      assert.equal(err.code, 'ECONNREFUSED');
    });
  });
});
