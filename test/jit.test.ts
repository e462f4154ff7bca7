/**
 * Compiled execution (src/http/jit.ts) answers exactly as graphql-js does: data, nulls, error codes,
 * paths and locations; and the fast paths of prefetched lists (src/common/fast-path.ts) answer as the
 * per-level resolvers do, counts and repeated selections included.
 */
import assert from 'node:assert/strict';
import { parse } from 'graphql';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { ctxAt, world } from './support/factory';
import { meetingService } from '../src/meeting/meeting.service';
import { agendaService } from '../src/agenda/agenda.service';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { setColumnPruning, setPrefetch } from '../src/common/prefetch';
import { JitExecutor } from '../src/http/jit';
import { schema } from '../src/schema';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { directParams, directlyResolved, FieldResolverMeta } from '../src/common/direct-resolvers';
import { AgendaItem } from '../src/agenda/agenda-item.entity';
import { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { ApiScope } from '../src/api-key/api-key.entity';

/** As a client receives it (graphql-js builds objects without prototype; graphql-jit plain ones). */
const json = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('compiled execution and prefetched fast paths', function () {
  this.timeout(120_000);
  let db: TestDb;
  let jit: Client;
  let plain: Client;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    const orgs = [w.unit, w.police, w.school];
    for (let i = 0; i < 6; i++) {
      const startsAt = new Date(Date.UTC(2025, 2, 3 + i * 7, 13));
      const ctx = ctxAt(db.ds, new Date(startsAt.getTime() + 3 * 3600_000));
      const m = await meetingService.schedule(ctx, { forumId: w.forum.id, startsAt, title: `Møde ${i + 1}` });
      for (let k = 0; k < 3; k++) {
        const item = await agendaService.add(ctx, m.id, { title: `Punkt ${i}.${k}`, kind: AgendaItemKind.DECISION });
        const d = await decisionService.record(ctx, { agendaItemId: item.id, text: `Beslutning ${i}.${k}`, responsibleOrganisationIds: [orgs[k].id] });
        for (let a = 0; a < k; a++) {
          await actionItemService.create(ctx, { title: `Opgave ${i}.${k}.${a}`, decisionId: d.id, assigneeOrganisationId: orgs[(i + a) % 3].id, dueDate: '2025-06-30' });
        }
      }
    }
    jit = await Client.create(db.ds, { jit: { enabled: true, threshold: 1 } });
    plain = await Client.create(db.ds, { jit: { enabled: false } });
  });
  after(async () => {
    await jit.stop();
    await plain.stop();
    await db.close();
  });

  const HISTORY = `query H($forumId: ID!, $first: Int!, $withTitles: Boolean!) {
    forum(id: $forumId) {
      __typename name level
      meetings(first: $first) {
        totalCount boundedCount(upTo: 3) { count exact }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { ...M } }
      }
      again: meetings(first: $first) { edges { node { id agendaItems { totalCount edges { node { id } } } } } }
    }
  }
  fragment M on Meeting {
    id title @include(if: $withTitles) startsAt status
    agendaItems { edges { node {
      position title kind
      decisions { totalCount edges { node {
        text status
        actionItems(first: 1) { totalCount pageInfo { hasNextPage } edges { node { title dueDate status overdue assigneeOrganisation { name kind } forum { name } } } }
        all: actionItems { edges { node { id } } }
      } } }
    } } }
  }`;

  it('answers documents as graphql-js does: data, directives, fragments, aliases, interfaces, introspection', async () => {
    const docs: [string, Record<string, unknown>][] = [
      [HISTORY, { forumId: w.forum.id, first: 4, withTitles: true }],
      [HISTORY, { forumId: w.forum.id, first: 2, withTitles: false }],
      [`query($id: ID!) { node(id: $id) { __typename id ... on Meeting { title forum { name } } ... on Forum { name } } }`, { id: w.meeting.id }],
      [`query($id: ID!) { node(id: $id) { __typename ... on Forum { name meetings(last: 2) { edges { node { title } } } } } }`, { id: w.forum.id }],
      [`{ __type(name: "Meeting") { name fields { name type { name kind ofType { name } } } } }`, {}],
      [`{ organisations(first: 3) { totalCount edges { node { name kind } } } }`, {}],
    ];
    for (const [query, variables] of docs) {
      // Twice: the first execution compiles, the second runs the compiled document.
      for (let i = 0; i < 2; i++) assert.deepEqual(json(await jit.run(query, variables)), json(await plain.run(query, variables)), query);
    }
  });

  it('reports errors as graphql-js does: codes, paths, locations, null bubbling, refused variables', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      // A resolver's refusal of an argument, in a nested list.
      [`query($id: ID!) { forum(id: $id) { name meetings(first: 500) { edges { node { id } } } } }`, { id: w.forum.id }, 'BAD_USER_INPUT'],
      [`query($id: ID!) { forum(id: $id) { meetings(first: 2) { edges { node { agendaItems(first: 0) { edges { node { id } } } } } } } }`, { id: w.forum.id }, 'BAD_USER_INPUT'],
      // A variable PostgreSQL would not be asked about: refused before execution, naming the variable.
      [`query($d: LocalDate!) { actionItems(first: 1, filter: { dueFrom: $d }) { totalCount } }`, { d: '2026-02-30' }, 'BAD_USER_INPUT'],
      [`query($n: Int!) { organisations(first: $n) { totalCount } }`, { n: 'ten' }, 'BAD_USER_INPUT'],
      // Malformed cursor: the top-level list fails, its non-null field bubbles to data: null.
      [`{ organisations(first: 2, after: "garbage") { edges { node { id } } } }`, {}, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of cases) {
      for (let i = 0; i < 2; i++) {
        const compiled = await jit.run(query, variables);
        const reference = await plain.run(query, variables);
        assert.equal(reference.errors?.[0]?.extensions?.code, code, JSON.stringify(reference));
        assert.deepEqual(json(compiled), json(reference), query);
      }
    }
  });

  it('treats argument literals as data when compiling: quotes, backslashes and template syntax are searched for, not run', async () => {
    const hostile = ['"); process.exit(1); //', "'; throw new Error('x'); //", '${process.exit(1)}', '\\"}); globalThis.pwned = 1; ({"'];
    for (const text of hostile) {
      const query = `{ meetings(first: 2, filter: { search: ${JSON.stringify(text)} }) { edges { node { id title } } } x: organisations(first: 1, filter: { search: ${JSON.stringify(text)} }) { totalCount } }`;
      for (let i = 0; i < 2; i++) assert.deepEqual(json(await jit.run(query)), json(await plain.run(query)), query);
    }
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
  });

  it('compiles a document from its second execution by default, keeps at most `max`, and can be off', async () => {
    const s = await schema();
    const ctx = () => createContext(db.ds, { principal: SYSTEM });
    const doc = (n: number) => parse(`{ organisations(first: ${n}) { edges { node { name } } } }`);
    const ex = new JitExecutor(s, { enabled: true, max: 2, threshold: 2 });
    const first = await ex.run(doc(1), 'a', null, ctx(), {});
    assert.equal(ex.size(), 0, 'a first execution is not compiled');
    assert.deepEqual(json(await ex.run(doc(1), 'a', null, ctx(), {})), json(first));
    assert.equal(ex.size(), 1);
    for (const [n, key] of [[2, 'b'], [3, 'c']] as const) for (let i = 0; i < 2; i++) await ex.run(doc(n), key, null, ctx(), {});
    assert.equal(ex.size(), 2, 'the least recently used compiled document is dropped');
    const off = new JitExecutor(s, { enabled: false });
    for (let i = 0; i < 3; i++) await off.run(doc(1), 'a', null, ctx(), {});
    assert.equal(off.size(), 0);
  });

  it("calls plain field resolvers directly, with the wrapper's answers, and keeps the wrapper wherever it checks or converts", async () => {
    const built = await schema();
    const direct = directlyResolved(built);
    for (const f of ['AgendaItem.title', 'Decision.text', 'ActionItem.title', 'ActionItem.assigneeOrganisation']) assert.ok(direct.has(f), f);
    assert.ok(!direct.has('Forum.meetings'), 'a field with arguments keeps the wrapper (it validates them)');
    class Plain {}
    const base: FieldResolverMeta = { kind: 'external', target: Plain, params: [{ kind: 'root', index: 0 }, { kind: 'context', index: 1 }] };
    assert.deepEqual(directParams(base), ['root', 'context']);
    assert.deepEqual(directParams({ ...base, params: [{ kind: 'context', index: 1 }, { kind: 'info', index: 2 }, { kind: 'root', index: 0 }] }), ['root', 'context', 'info']);
    const kept: FieldResolverMeta[] = [
      { ...base, roles: [] },
      { ...base, roles: ['ADMIN'] },
      { ...base, middlewares: [() => undefined] },
      { ...base, kind: 'internal' },
      { ...base, target: class WithDependency { constructor(readonly dep: unknown) {} } },
      { ...base, params: [...base.params!, { kind: 'arg', index: 2 }] },
      { ...base, params: [{ kind: 'root', index: 0, propertyName: 'id' }] },
      { ...base, params: [{ kind: 'context', index: 0, propertyName: 'access' }] },
    ];
    for (const meta of kept) assert.equal(directParams(meta), null, JSON.stringify(meta));
    // Called directly, the resolver still applies confidentiality: an API key never reads confidential text.
    const title = (built.getType('AgendaItem') as GraphQLObjectType).getFields().title.resolve!;
    const ctx = createContext(db.ds, { principal: SYSTEM });
    const keyCtx = createContext(db.ds, {
      principal: { kind: 'apiKey', apiKeyId: crypto.randomUUID(), scopes: [ApiScope.READ_MEETINGS], partnershipIds: [w.partnership.id] },
    });
    const row = { id: w.item.id, title: 'Punkt', confidential: false, forumId: w.forum.id };
    const info = {} as GraphQLResolveInfo;
    assert.equal(await title(Object.assign(new AgendaItem(), row), {}, ctx, info), 'Punkt');
    assert.equal(await title(Object.assign(new AgendaItem(), { ...row, confidential: true }), {}, keyCtx, info), '[Fortroligt]');
    assert.equal(await title(Object.assign(new AgendaItem(), { ...row, confidential: true }), {}, ctx, info), 'Punkt');
    // A root that is not an instance of the declared class goes to the wrapper (which converts it): the same answers.
    assert.equal(await title({ ...row }, {}, ctx, info), 'Punkt');
    assert.equal(await title({ ...row, confidential: true }, {}, keyCtx, info), '[Fortroligt]');
  });

  it('serves prefetched pages from the fast path with the per-level answer, counts and repeated selections included', async () => {
    const vars = { forumId: w.forum.id, first: 6, withTitles: true };
    db.sql.reset();
    await jit.ok(HISTORY.replace(/again: .*\n/, ''), vars);
    const statements = db.sql.statements.filter((x) => !/partnership_access|FROM person|api_key/.test(x));
    // One statement for the forum with everything nested, plus one count statement per counted level
    // (meetings: totalCount and boundedCount; agenda items, decisions, action items: totalCount).
    const counts = statements.filter((x) => /count\(\*\)/.test(x));
    assert.equal(statements.length - counts.length, 1, statements.join('\n---\n'));
    assert.ok(counts.length <= 5, `${counts.length} count statements`);
    // The same list selected twice with different nested selections: the second one's nested lists are
    // fetched by their own resolvers (the first selection's page is shared).
    const fast = await jit.ok(HISTORY, vars);
    const m = fast.forum.meetings.edges.find((e: any) => e.node.title === 'Møde 6').node;
    assert.equal(fast.forum.meetings.totalCount, 7, 'six meetings and the world’s own');
    const decided = m.agendaItems.edges[2].node.decisions.edges[0].node;
    assert.equal(decided.actionItems.totalCount, 2);
    assert.equal(decided.actionItems.edges.length, 1);
    assert.equal(decided.actionItems.pageInfo.hasNextPage, true);
    assert.equal(decided.all.edges.length, 2);
    assert.equal(fast.forum.again.edges[1].node.agendaItems.totalCount, 3);
    setPrefetch(false);
    try {
      db.sql.reset();
      const perLevel = await jit.ok(HISTORY, vars);
      assert.ok(db.sql.count > statements.length, 'per-level fetching really ran');
      assert.deepEqual(json(perLevel), json(fast));
    } finally {
      setPrefetch(true);
    }
  });

  it('nested pages carry only the columns their selection reads, and such partial rows serve nothing else', async () => {
    const meetingId = (await jit.ok(`query($f: ID!) { forum(id: $f) { meetings(first: 2) { edges { node { id } } } } }`, { f: w.forum.id })).forum.meetings.edges[1].node.id;
    const itemId = (await jit.ok(`query($m: ID!) { meeting(id: $m) { agendaItems { edges { node { id } } } } }`, { m: meetingId })).meeting.agendaItems.edges[0].node.id;
    // The same agenda items reached twice with different selections, and one of them again by id.
    const OVERLAP = `query($f: ID!, $m: ID!, $i: ID!) {
      f: forum(id: $f) { meetings(first: 3) { edges { node { id agendaItems(first: 10) { edges { node { title } } } } } } }
      m: meeting(id: $m) { agendaItems(first: 10) { edges { node { id position kind description redacted } } } }
      i: node(id: $i) { ... on AgendaItem { id position description outcomeNotes status } }
      n: nodes(ids: [$i]) { ... on AgendaItem { position kind } }
    }`;
    const vars = { f: w.forum.id, m: meetingId, i: itemId };
    db.sql.reset();
    const pruned = await jit.ok(OVERLAP, vars);
    const history = db.sql.statements.find((x) => x.includes('FROM "forum" t WHERE'))!;
    assert.ok(history, db.sql.statements.join('\n---\n'));
    // The forum's agenda items: title and what its resolver reads (confidential, forum), not the rest.
    const agenda = history.slice(Math.max(0, history.indexOf('FROM agenda_item') - 600), history.indexOf('FROM agenda_item'));
    assert.match(agenda, /a_n2\."title"/);
    assert.doesNotMatch(agenda, /a_n2\."description"|a_n2\."outcome_notes"|a_n2\."presenter_person_id"/);
    assert.equal(pruned.i.position, 1);
    assert.equal(typeof pruned.i.description, 'string');
    assert.equal(pruned.n[0].position, 1);
    assert.ok(pruned.m.agendaItems.edges.every((e: any) => Number.isInteger(e.node.position) && e.node.kind === 'DECISION'));
    setPrefetch(false);
    try {
      assert.deepEqual(json(await jit.ok(OVERLAP, vars)), json(pruned));
    } finally {
      setPrefetch(true);
    }
    setColumnPruning(false);
    try {
      assert.deepEqual(json(await jit.ok(OVERLAP, vars)), json(pruned), 'every column: the same answer');
    } finally {
      setColumnPruning(true);
    }
    // A selected field resolver that declares no columns: its level carries every column.
    db.sql.reset();
    await jit.ok(`query($f: ID!) { forum(id: $f) { meetings(first: 2) { edges { node { agendaItems { edges { node { title trail { id } } } } } } } } }`, { f: w.forum.id });
    const whole = db.sql.statements.find((x) => x.includes('FROM "forum" t WHERE'))!;
    assert.match(whole, /a_n2\."outcome_notes"/);
  });

  it('to-one objects carry only the columns their selection reads; such objects serve nothing else', async () => {
    // The assignee twice (aliases: one read with both selections' columns), the same organisations by
    // id (whole rows, from their loader), and the meeting's forum with a field resolver that declares
    // no columns (every column, handed to the entity loader as before).
    const Q = `query($f: ID!, $o: ID!) {
      forum(id: $f) { meetings(first: 3) { edges { node { forum { name partnership { id } }
        agendaItems { edges { node { decisions { edges { node { actionItems { edges { node { id
          a: assigneeOrganisation { name }
          b: assigneeOrganisation { name kind }
        } } } } } } } } } } } } }
      organisation(id: $o) { id name email phone kind createdAt }
    }`;
    const vars = { f: w.forum.id, o: w.police.id };
    db.sql.reset();
    const pruned = await jit.ok(Q, vars);
    const history = db.sql.statements.find((x) => x.includes('FROM "forum" t WHERE'))!;
    const assignee = /\(SELECT json_build_array\(([^)]*)\) FROM "organisation"/.exec(history);
    assert.ok(assignee, history);
    assert.match(assignee[1], /"name"/);
    assert.match(assignee[1], /"kind"/);
    assert.doesNotMatch(assignee[1], /"email"|"phone"|"created_at"/);
    assert.equal((history.match(/FROM "organisation"/g) ?? []).length, 1, 'one read serves both aliases');
    const forumObject = /\(SELECT json_build_array\(([^)]*)\) FROM "forum"/.exec(history);
    assert.ok(forumObject && /"mandate"/.test(forumObject[1]), 'the meeting forum is whole (its selection has a field resolver without declared columns)');
    const items = pruned.forum.meetings.edges.flatMap((m: any) =>
      m.node.agendaItems.edges.flatMap((a: any) => a.node.decisions.edges.flatMap((d: any) => d.node.actionItems.edges.map((e: any) => e.node))),
    );
    assert.ok(items.length > 0);
    const police = await db.ds.query(`SELECT name, email, phone, kind::text FROM organisation WHERE id = $1`, [w.police.id]);
    assert.ok(items.some((i: any) => i.a.name === police[0].name && i.b.kind === police[0].kind.toUpperCase()));
    for (const i of items) assert.equal(i.a.name, i.b.name);
    // The organisation by id is read whole, not from the assignees' partial objects.
    assert.equal(pruned.organisation.email, police[0].email);
    assert.equal(pruned.organisation.phone, police[0].phone);
    assert.ok(db.sql.statements.some((x) => x.includes('FROM "organisation" t WHERE t.id = ')), 'the organisation by id is its own read');
    setColumnPruning(false);
    try {
      assert.deepEqual(json(await jit.ok(Q, vars)), json(pruned), 'every column: the same answer');
    } finally {
      setColumnPruning(true);
    }
    setPrefetch(false);
    try {
      assert.deepEqual(json(await plain.ok(Q, vars)), json(pruned), 'per level: the same answer');
    } finally {
      setPrefetch(true);
    }
  });
});
