/**
 * Hostile documents and requests: each refused with a clear status and code before anything
 * executes, and the server stays up (a burst of them in parallel, then a normal query).
 */
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, gql, http, Res, spawnServer } from '../support';

interface Case {
  name: string;
  status: number;
  code: string;
  send(url: string, token: string): Promise<Res>;
}

const post = (url: string, token: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  http(url, { method: 'POST', body, headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...headers } });

function nested(depth: number): string {
  let q = 'id';
  for (let i = 0; i < depth; i++) q = `parent { ${q} }`;
  return `{ organisations(first: 1) { edges { node { ${q} } } } }`;
}

const CASES: Case[] = [
  { name: 'nesting 60 deep', status: 400, code: 'QUERY_TOO_DEEP', send: (u, t) => gql(u, t, nested(60)) },
  {
    name: '200 aliases',
    status: 400,
    code: 'TOO_MANY_ALIASES',
    send: (u, t) => gql(u, t, `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: forums(first: 1) { totalCount }`).join(' ')} }`),
  },
  { name: '2 MB document', status: 413, code: 'PAYLOAD_TOO_LARGE', send: (u, t) => gql(u, t, `{ ${'__typename '.repeat(200_000)} }`) },
  { name: '20,000 tokens in 200 kB', status: 400, code: 'TOO_MANY_TOKENS', send: (u, t) => gql(u, t, `{ ${'__typename '.repeat(20_000)} }`) },
  {
    name: '60 directives',
    status: 400,
    code: 'TOO_MANY_DIRECTIVES',
    send: (u, t) => gql(u, t, `{ __typename ${'@include(if: true) '.repeat(60)} }`),
  },
  { name: 'first: 101', status: 400, code: 'BAD_USER_INPUT', send: (u, t) => gql(u, t, '{ forums(first: 101) { totalCount } }') },
  { name: 'last: -1', status: 400, code: 'BAD_USER_INPUT', send: (u, t) => gql(u, t, '{ forums(last: -1) { totalCount } }') },
  {
    name: 'three nested pages of 100',
    status: 400,
    code: 'QUERY_TOO_COSTLY',
    send: (u, t) =>
      gql(u, t, '{ forums(first: 100) { edges { node { meetings(first: 100) { edges { node { agendaItems(first: 100) { edges { node { decisions(first: 100) { totalCount } } } } } } } } } } }'),
  },
  {
    name: 'GET mutation',
    status: 405,
    code: 'BAD_REQUEST',
    send: (u, t) =>
      http(`${u}?query=${encodeURIComponent('mutation { createPerson(input: { name: "x" }) { id } }')}`, {
        headers: { authorization: `Bearer ${t}`, 'apollo-require-preflight': 'true' },
      }),
  },
  {
    name: 'text/plain POST without a preflight header',
    status: 400,
    code: 'BAD_REQUEST',
    send: (u, t) => post(u, t, JSON.stringify({ query: 'mutation { createPerson(input: { name: "csrf" }) { id } }' }), 'text/plain'),
  },
  { name: 'GET without a preflight header', status: 400, code: 'BAD_REQUEST', send: (u, t) => http(`${u}?query=${encodeURIComponent('{ forums { totalCount } }')}`, { headers: { authorization: `Bearer ${t}` } }) },
  { name: 'batched array', status: 400, code: 'BAD_REQUEST', send: (u, t) => post(u, t, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])) },
  { name: 'body that is not JSON', status: 400, code: 'BAD_REQUEST', send: (u, t) => post(u, t, '{"query": "{ __typename }"') },
  {
    name: 'a variable nested 100,000 deep',
    status: 400,
    code: 'BAD_USER_INPUT',
    send: (u, t) => post(u, t, `{"query":"query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }","variables":{"ids":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
  },
  { name: 'syntax error', status: 400, code: 'GRAPHQL_PARSE_FAILED', send: (u, t) => gql(u, t, '{ forums { ') },
  { name: 'unknown field', status: 400, code: 'GRAPHQL_VALIDATION_FAILED', send: (u, t) => gql(u, t, '{ nope }') },
  { name: 'variables of the wrong type', status: 400, code: 'BAD_USER_INPUT', send: (u, t) => gql(u, t, 'query($n: Int) { forums(first: $n) { totalCount } }', { n: 'many' }) },
  { name: 'NUL in a variable', status: 400, code: 'BAD_USER_INPUT', send: (u, t) => gql(u, t, 'query($s: String) { meetings(filter: { search: $s }) { totalCount } }', { s: 'a\u0000b' }) },
  { name: 'bad token', status: 401, code: 'UNAUTHENTICATED', send: (u) => gql(u, 'not-a-token', '{ __typename }') },
];

export const hostile: Scenario = {
  name: 'hostile documents',
  budgetMs: 60_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 1, meetings: 0, actionItems: 0 });
    const server = await spawnServer(db, env.keyFile);
    const token = w.coordinators[0].token;
    try {
      const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
      for (const c of CASES) {
        const r = await c.send(server.url, token);
        const code = r.json?.errors?.[0]?.extensions?.code;
        expect(report, r.status === c.status && code === c.code, `${c.name}: expected ${c.status} ${c.code}, got ${r.status || r.error} ${code} ${r.text.slice(0, 200)}`);
        expect(report, typeof r.json?.errors?.[0]?.message === 'string' && r.json.errors[0].message.length > 0, `${c.name}: a message says why`);
      }
      // A burst of all of them at once, five times over.
      const burst = await Promise.all(Array.from({ length: 5 }, () => CASES.map((c) => c.send(server.url, token))).flat());
      expect(report, burst.every((r) => r.status >= 400 && r.status < 500), `burst: all refused with 4xx: ${burst.map((r) => r.status).join(',')}`);
      const health = await http(`${server.base}/healthz`);
      const normal = await gql(server.url, token, '{ forums(first: 5) { totalCount } }');
      expect(report, health.status === 200 && normal.status === 200 && normal.json?.data?.forums?.totalCount >= 1, `the server still serves: ${health.status} ${normal.status} ${normal.text.slice(0, 200)}`);
      const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
      expect(report, before[0].n === after[0].n, 'the refused mutations created nobody');
      expect(report, server.proc.exitCode === null, 'the process is alive');
      report.inputs = `${CASES.length} hostile requests: ${CASES.map((c) => `${c.name} → ${c.status} ${c.code}`).join('; ')}`;
      report.load = `${CASES.length} one by one, then ${burst.length} in parallel`;
    } finally {
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
