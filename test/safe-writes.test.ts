/**
 * Safe writes, end to end over HTTP against a real server (startServer, dev tokens, a fresh database):
 *
 * 1. every Mutation field of the schema has a recipe that performs it successfully, and each leaves
 *    exactly one audit row naming the mutation, the request id, the caller, the object and the rows
 *    it wrote (before/after); failed mutations leave none; no row holds an API key's secret;
 * 2. optimistic concurrency: two coordinators editing the same version concurrently — one wins, the
 *    other gets CONFLICT with the current version, never a lost update;
 * 3. Idempotency-Key: one effect per key, byte-identical replays, 422 on reuse for another request,
 *    keyed per person, released when nothing was committed, queries unaffected;
 * 4. hostile documents refused with their codes through the real wiring, and the rate limit.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { freshDatabase, TestDb } from './support/db';
import { ctxAt, world } from './support/factory';
import { startServer, RunningServer } from '../src/server';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { loadProtectionConfig } from '../src/http/protection';
import { requestHash } from '../src/http/idempotency';
import { schema } from '../src/schema';
import { personService } from '../src/person/person.service';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { actionItemService } from '../src/action-item/action-item.service';
import { activityService } from '../src/activity/activity.service';

interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

interface RowChange {
  entity: string;
  id: string;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface AuditRow {
  seq: string;
  action: string;
  request_id: string;
  actor_person_id: string | null;
  actor_api_key_id: string | null;
  entity: string;
  entity_id: string | null;
  partnership_id: string | null;
  changes: RowChange[];
}

interface ExpectedChange {
  entity: string;
  op: 'insert' | 'update' | 'delete';
  id?: string;
  /** Partial for inserts and deletes; for updates the exact set of changed fields. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

interface Called {
  data: any;
  row: AuditRow;
  res: HttpResult;
}

interface Expect {
  call: Called;
  entity: string;
  /** null for list results. */
  entityId: string | null;
  /** undefined: not checked. */
  partnershipId?: string | null;
  changes: ExpectedChange[];
}

type Who = 'coordA' | 'coordB' | 'admin';

const DAY = 24 * 3600_000;
const iso = (d: Date) => d.toISOString();
const ymd = (d: Date) => d.toISOString().slice(0, 10);

function rootField(query: string): string {
  const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const f = op.selectionSet.selections[0];
  assert.equal(f.kind, Kind.FIELD);
  return f.name.value;
}

function subset(exp: Record<string, unknown> | null | undefined, act: Record<string, unknown> | null): boolean {
  if (exp === undefined) return true;
  if (exp === null) return act === null;
  if (!act) return false;
  return Object.entries(exp).every(([k, v]) => k in act && isDeepStrictEqual(act[k], v));
}

function sameKeys(exp: Record<string, unknown> | null | undefined, act: Record<string, unknown> | null): boolean {
  if (!exp || !act) return true;
  return isDeepStrictEqual(Object.keys(exp).sort(), Object.keys(act).sort());
}

/** Every expected change is there (updates with exactly the expected fields), and nothing else. */
function matchChanges(actual: RowChange[], expected: ExpectedChange[], label: string) {
  const unused = [...actual];
  for (const e of expected) {
    const i = unused.findIndex(
      (c) =>
        c.entity === e.entity &&
        c.op === e.op &&
        (e.id === undefined || c.id === e.id) &&
        subset(e.before, c.before) &&
        subset(e.after, c.after) &&
        (e.op !== 'update' || (sameKeys(e.before, c.before) && sameKeys(e.after, c.after))),
    );
    assert.ok(i >= 0, `${label} — missing change ${JSON.stringify(e)}\namong ${JSON.stringify(actual, null, 1)}`);
    unused.splice(i, 1);
  }
  assert.deepEqual(unused, [], `${label}: changes not expected`);
}

describe('safe writes over HTTP (audit, optimistic concurrency, idempotency, limits)', function () {
  this.timeout(60_000);
  let db: TestDb;
  let server: RunningServer;
  let base: string;
  const logged: string[] = [];
  let w: Awaited<ReturnType<typeof world>>;
  const people: Record<Who, string> = { coordA: '', coordB: '', admin: '' };
  const tokens: Record<Who, string> = { coordA: '', coordB: '', admin: '' };
  let auth: Authenticator;
  /** Mutations performed successfully through mutate(). */
  const performed = new Set<string>();
  /** Raw API keys seen in responses: they must never reach the audit trail. */
  const rawKeys: string[] = [];

  async function post(body: unknown, who: Who | string | null, headers: Record<string, string> = {}, url = base): Promise<HttpResult> {
    const token = who === null ? null : (tokens as Record<string, string>)[who] ?? who;
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    const res = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: h });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async function ok(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const r = await post({ query, variables }, who);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json?.errors, undefined, `unexpected errors: ${r.text}`);
    return r.json.data;
  }

  async function maxSeq(): Promise<string> {
    const [r] = await db.ds.query('SELECT coalesce(max(seq), 0)::text AS s FROM audit_entry');
    return r.s;
  }

  async function auditSince(seq: string): Promise<AuditRow[]> {
    return db.ds.query(
      `SELECT seq::text, action, request_id, actor_person_id, actor_api_key_id, entity, entity_id, partnership_id, changes
         FROM audit_entry WHERE seq > $1::bigint ORDER BY seq`,
      [seq],
    );
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [r] = await db.ds.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
    return r.n;
  }

  /**
   * Perform a mutation over HTTP and insist on success and on exactly one new audit row for it:
   * action = the mutation, request_id = the response's x-request-id, actor = the caller, and
   * well-formed changes.
   */
  async function mutate(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<Called> {
    const name = rootField(query);
    const seq = await maxSeq();
    const res = await post({ query, variables }, who);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json?.errors, undefined, `${name} failed: ${res.text}`);
    const rows = await auditSince(seq);
    assert.equal(rows.length, 1, `${name}: expected exactly one audit row, got ${JSON.stringify(rows, null, 1)}`);
    const row = rows[0];
    assert.equal(row.action, name);
    const requestId = res.headers.get('x-request-id');
    assert.ok(requestId, 'the response has an x-request-id');
    assert.equal(row.request_id, requestId, `${name}: audit request_id is the response's x-request-id`);
    assert.equal(row.actor_person_id, people[who], `${name}: the actor is the caller`);
    assert.equal(row.actor_api_key_id, null);
    assert.ok(Array.isArray(row.changes) && row.changes.length >= 1, `${name}: changes lists the rows written: ${JSON.stringify(row.changes)}`);
    for (const c of row.changes) {
      assert.equal(typeof c.entity, 'string', JSON.stringify(c));
      assert.ok(typeof c.id === 'string' && c.id.length > 0, `${name}: change without id ${JSON.stringify(c)}`);
      assert.ok(['insert', 'update', 'delete'].includes(c.op), JSON.stringify(c));
      if (c.op === 'insert') assert.ok(c.before === null && c.after && typeof c.after === 'object', JSON.stringify(c));
      if (c.op === 'update') {
        assert.ok(c.before && c.after && Object.keys(c.after).length > 0, `${name}: an update names the fields before and after: ${JSON.stringify(c)}`);
      }
      if (c.op === 'delete') assert.equal(c.after, null, JSON.stringify(c));
    }
    performed.add(name);
    return { data: res.json.data[name], row, res };
  }

  before(async function () {
    this.timeout(120_000);
    db = await freshDatabase();
    w = await world(db.ds);
    const ctx = ctxAt(db.ds, new Date());
    const mk = async (name: string, role: AccessRole) => {
      const p = await personService.create(ctx, { name });
      await accessService.grant(ctx, { partnershipId: w.partnership.id, personId: p.id, role });
      return p.id;
    };
    people.coordA = await mk('Camilla Koordinator', AccessRole.COORDINATOR);
    people.coordB = await mk('Carsten Koordinator', AccessRole.COORDINATOR);
    people.admin = await mk('Astrid Administrator', AccessRole.ADMIN);
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-safe-writes-key-'));
    auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(keyDir, 'key.json') }));
    for (const who of Object.keys(people) as Who[]) tokens[who] = await auth.issueDevToken(people[who]);
    server = await startServer({
      dataSource: db.ds,
      port: 0,
      host: '127.0.0.1',
      log: (m, e) => logged.push(`${m} ${e instanceof Error ? e.stack : String(e ?? '')}`),
      authenticate: (h) => auth.authenticate(h),
      // The real limits, except a budget large enough for this file's few hundred requests a minute
      // (the rate limit has its own server below).
      protection: { ...loadProtectionConfig(false), rateLimit: { points: 100_000, durationSec: 60 } },
    });
    base = server.url.replace('localhost', '127.0.0.1');
  });

  after(async () => {
    if (server) await server.stop();
    if (db) await db.close();
  });

  // ------------------------------------------------------------------------------------------ audit

  describe('every mutation leaves exactly one matching audit row', () => {
    /** Objects built by the recipes, in order. */
    const s: Record<string, any> = {};
    const now = Date.now();
    const version = async (table: string, id: string): Promise<number> =>
      (await db.ds.query(`SELECT version FROM "${table}" WHERE id = $1`, [id]))[0].version;

    const RECIPES: [string, () => Promise<Expect>][] = [
      [
        'createOrganisation',
        async () => {
          const call = await mutate('coordA', 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version name } }', {
            input: { name: 'Boligsocial Helhedsplan', kind: 'ASSOCIATION', topics: ['Unge', ' unge '] },
          });
          s.org = call.data;
          return {
            call,
            entity: 'Organisation',
            entityId: s.org.id,
            partnershipId: null,
            changes: [{ entity: 'Organisation', op: 'insert', id: s.org.id, after: { name: 'Boligsocial Helhedsplan', kind: 'association', topics: ['unge'], active: true, parentId: null } }],
          };
        },
      ],
      [
        'updateOrganisation',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id version name } }', {
            id: s.org.id,
            input: { name: 'Boligsocial Helhedsplan Tingbjerg', version: s.org.version },
          });
          assert.equal(call.data.version, s.org.version + 1);
          return {
            call,
            entity: 'Organisation',
            entityId: s.org.id,
            partnershipId: null,
            changes: [{ entity: 'Organisation', op: 'update', id: s.org.id, before: { name: 'Boligsocial Helhedsplan' }, after: { name: 'Boligsocial Helhedsplan Tingbjerg' } }],
          };
        },
      ],
      [
        'createPerson',
        async () => {
          const call = await mutate('coordA', 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id version } }', {
            input: { name: 'Pernille Holm', title: 'Gadeplansmedarbejder', email: 'pernille.holm@example.dk' },
          });
          s.person = call.data;
          return {
            call,
            entity: 'Person',
            entityId: s.person.id,
            partnershipId: null,
            changes: [{ entity: 'Person', op: 'insert', id: s.person.id, after: { name: 'Pernille Holm', title: 'Gadeplansmedarbejder', email: 'pernille.holm@example.dk' } }],
          };
        },
      ],
      [
        'updatePerson',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id version } }', {
            id: s.person.id,
            input: { title: 'Teamleder', version: s.person.version },
          });
          return {
            call,
            entity: 'Person',
            entityId: s.person.id,
            partnershipId: null,
            changes: [{ entity: 'Person', op: 'update', id: s.person.id, before: { title: 'Gadeplansmedarbejder' }, after: { title: 'Teamleder' } }],
          };
        },
      ],
      [
        'addAffiliation',
        async () => {
          const call = await mutate('coordA', 'mutation($input: AddAffiliationInput!) { addAffiliation(input: $input) { id version } }', {
            input: { personId: s.person.id, organisationId: s.org.id, role: 'Medarbejder', startsOn: '2020-01-01' },
          });
          s.affiliation = call.data;
          return {
            call,
            entity: 'Affiliation',
            entityId: s.affiliation.id,
            partnershipId: null,
            changes: [
              {
                entity: 'Affiliation',
                op: 'insert',
                id: s.affiliation.id,
                after: { personId: s.person.id, organisationId: s.org.id, role: 'Medarbejder', startsOn: '2020-01-01', endsOn: null, isContact: false },
              },
            ],
          };
        },
      ],
      [
        'updateAffiliation',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateAffiliationInput!) { updateAffiliation(id: $id, input: $input) { id version } }', {
            id: s.affiliation.id,
            input: { role: 'Leder', isContact: true, version: s.affiliation.version },
          });
          return {
            call,
            entity: 'Affiliation',
            entityId: s.affiliation.id,
            partnershipId: null,
            changes: [{ entity: 'Affiliation', op: 'update', id: s.affiliation.id, before: { role: 'Medarbejder', isContact: false }, after: { role: 'Leder', isContact: true } }],
          };
        },
      ],
      [
        'createPartnership',
        async () => {
          const call = await mutate('admin', 'mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id version } }', {
            input: { name: 'Tryghedspartnerskabet Husum Nord', area: 'Husum' },
          });
          const id = call.data.id;
          return {
            call,
            entity: 'Partnership',
            entityId: id,
            partnershipId: id,
            changes: [
              { entity: 'Partnership', op: 'insert', id, after: { name: 'Tryghedspartnerskabet Husum Nord', area: 'Husum', purpose: '' } },
              // The creator administers it.
              { entity: 'PartnershipAccess', op: 'insert', after: { partnershipId: id, personId: people.admin, role: 'admin' } },
            ],
          };
        },
      ],
      [
        'updatePartnership',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $input) { id version purpose } }', {
            id: w.partnership.id,
            input: { purpose: 'Tryghed for børn og unge', version: await version('partnership', w.partnership.id) },
          });
          return {
            call,
            entity: 'Partnership',
            entityId: w.partnership.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Partnership', op: 'update', id: w.partnership.id, before: { purpose: '' }, after: { purpose: 'Tryghed for børn og unge' } }],
          };
        },
      ],
      [
        'addPartnershipMember',
        async () => {
          const call = await mutate('coordA', 'mutation($input: AddPartnershipMemberInput!) { addPartnershipMember(input: $input) { id version } }', {
            input: { partnershipId: w.partnership.id, organisationId: s.org.id, role: 'PARTNER', startsOn: '2024-01-01' },
          });
          s.pmember = call.data;
          return {
            call,
            entity: 'PartnershipMember',
            entityId: s.pmember.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'PartnershipMember',
                op: 'insert',
                id: s.pmember.id,
                after: { partnershipId: w.partnership.id, organisationId: s.org.id, role: 'partner', startsOn: '2024-01-01', endsOn: null },
              },
            ],
          };
        },
      ],
      [
        'updatePartnershipMember',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdatePartnershipMemberInput!) { updatePartnershipMember(id: $id, input: $input) { id version } }', {
            id: s.pmember.id,
            input: { role: 'LEAD', version: s.pmember.version },
          });
          return {
            call,
            entity: 'PartnershipMember',
            entityId: s.pmember.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'PartnershipMember', op: 'update', id: s.pmember.id, before: { role: 'partner' }, after: { role: 'lead' } }],
          };
        },
      ],
      [
        'createForum',
        async () => {
          const call = await mutate('coordA', 'mutation($input: CreateForumInput!) { createForum(input: $input) { id version } }', {
            input: {
              partnershipId: w.partnership.id,
              name: 'Ungenetværket',
              level: 'OPERATIONAL',
              recurrence: 'DTSTART;TZID=Europe/Copenhagen:20260105T140000\nRRULE:FREQ=MONTHLY;BYDAY=1MO',
              meetingDurationMinutes: 90,
            },
          });
          s.forum = call.data;
          return {
            call,
            entity: 'Forum',
            entityId: s.forum.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Forum', op: 'insert', id: s.forum.id, after: { partnershipId: w.partnership.id, name: 'Ungenetværket', level: 'operational', meetingDurationMinutes: 90 } }],
          };
        },
      ],
      [
        'updateForum',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateForumInput!) { updateForum(id: $id, input: $input) { id version } }', {
            id: s.forum.id,
            input: { mandate: 'Koordinerer indsatsen for unge', version: s.forum.version },
          });
          return {
            call,
            entity: 'Forum',
            entityId: s.forum.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Forum', op: 'update', id: s.forum.id, before: { mandate: '' }, after: { mandate: 'Koordinerer indsatsen for unge' } }],
          };
        },
      ],
      [
        'addForumMember',
        async () => {
          const call = await mutate('coordA', 'mutation($input: AddForumMemberInput!) { addForumMember(input: $input) { id version } }', {
            input: { forumId: s.forum.id, personId: s.person.id, organisationId: s.org.id, role: 'MEMBER', startsOn: '2024-01-01' },
          });
          s.fmember = call.data;
          return {
            call,
            entity: 'ForumMember',
            entityId: s.fmember.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'ForumMember',
                op: 'insert',
                id: s.fmember.id,
                after: { forumId: s.forum.id, personId: s.person.id, organisationId: s.org.id, role: 'member', startsOn: '2024-01-01', endsOn: null },
              },
            ],
          };
        },
      ],
      [
        'updateForumMember',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateForumMemberInput!) { updateForumMember(id: $id, input: $input) { id version } }', {
            id: s.fmember.id,
            input: { role: 'SECRETARY', version: s.fmember.version },
          });
          return {
            call,
            entity: 'ForumMember',
            entityId: s.fmember.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'ForumMember', op: 'update', id: s.fmember.id, before: { role: 'member' }, after: { role: 'secretary' } }],
          };
        },
      ],
      [
        'scheduleMeeting',
        async () => {
          const startsAt = new Date(Math.floor((now - 3 * DAY) / 60_000) * 60_000);
          const call = await mutate('coordA', 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id version } }', {
            input: { forumId: s.forum.id, startsAt: iso(startsAt), title: 'Ekstraordinært møde om tryghed', kind: 'EXTRAORDINARY' },
          });
          s.meeting = call.data;
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'Meeting',
                op: 'insert',
                id: s.meeting.id,
                after: {
                  forumId: s.forum.id,
                  title: 'Ekstraordinært møde om tryghed',
                  kind: 'extraordinary',
                  status: 'scheduled',
                  startsAt: iso(startsAt),
                  endsAt: iso(new Date(startsAt.getTime() + 90 * 60_000)),
                },
              },
            ],
          };
        },
      ],
      [
        'scheduleMeetingSeries',
        async () => {
          const call = await mutate('coordA', 'mutation($input: ScheduleMeetingSeriesInput!) { scheduleMeetingSeries(input: $input) { id startsAt status } }', {
            input: { forumId: s.forum.id, from: iso(new Date(now + DAY)), to: iso(new Date(now + 120 * DAY)) },
          });
          const series = [...call.data].sort((a: any, b: any) => a.startsAt.localeCompare(b.startsAt));
          assert.ok(series.length >= 3, `the series has at least 3 meetings: ${JSON.stringify(series)}`);
          s.series = series;
          return {
            call,
            entity: 'Meeting',
            entityId: null,
            partnershipId: w.partnership.id,
            changes: series.map((m: any) => ({ entity: 'Meeting', op: 'insert' as const, id: m.id, after: { forumId: s.forum.id, status: 'scheduled', startsAt: m.startsAt } })),
          };
        },
      ],
      [
        'updateMeeting',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { id version } }', {
            id: s.meeting.id,
            input: { location: 'Tingbjerg Bibliotek', version: s.meeting.version },
          });
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Meeting', op: 'update', id: s.meeting.id, before: { location: null }, after: { location: 'Tingbjerg Bibliotek' } }],
          };
        },
      ],
      [
        'addAgendaItem',
        async () => {
          const add = 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id version position } }';
          const call = await mutate('coordA', add, {
            input: { meetingId: s.meeting.id, title: 'Tryghedsvandring i efteråret', kind: 'DECISION', concernedPersonIds: [s.person.id] },
          });
          s.item1 = call.data;
          assert.equal(s.item1.position, 1);
          // More items for the recipes below (each also leaves its one audit row).
          s.item2 = (await mutate('coordA', add, { input: { meetingId: s.meeting.id, title: 'Status på lektiecafé', kind: 'INFORMATION' } })).data;
          s.item3 = (await mutate('coordA', add, { input: { meetingId: s.meeting.id, title: 'Sommerferieaktiviteter', kind: 'DISCUSSION' } })).data;
          s.item4 = (await mutate('coordA', add, { input: { meetingId: s.meeting.id, title: 'Opfølgning på hærværk', kind: 'FOLLOW_UP' } })).data;
          return {
            call,
            entity: 'AgendaItem',
            entityId: s.item1.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'AgendaItem',
                op: 'insert',
                id: s.item1.id,
                after: { meetingId: s.meeting.id, forumId: s.forum.id, position: 1, title: 'Tryghedsvandring i efteråret', kind: 'decision', status: 'planned', confidential: false },
              },
              { entity: 'AgendaItemSubject', op: 'insert', after: { agendaItemId: s.item1.id, personId: s.person.id } },
            ],
          };
        },
      ],
      [
        'updateAgendaItem',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateAgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { id version } }', {
            id: s.item1.id,
            input: { description: 'Ruten aftales med boligafdelingerne', plannedMinutes: 20, version: s.item1.version },
          });
          return {
            call,
            entity: 'AgendaItem',
            entityId: s.item1.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'AgendaItem', op: 'update', id: s.item1.id, before: { description: '', plannedMinutes: null }, after: { description: 'Ruten aftales med boligafdelingerne', plannedMinutes: 20 } },
            ],
          };
        },
      ],
      [
        'reorderAgenda',
        async () => {
          const ids = [s.item4.id, s.item3.id, s.item2.id, s.item1.id];
          const call = await mutate('coordA', 'mutation($meetingId: ID!, $itemIds: [ID!]!) { reorderAgenda(meetingId: $meetingId, itemIds: $itemIds) { id agendaItems { edges { node { id position } } } } }', {
            meetingId: s.meeting.id,
            itemIds: ids,
          });
          assert.deepEqual(call.data.agendaItems.edges.map((e: any) => e.node.id), ids);
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'AgendaItem', op: 'update', id: s.item1.id, before: { position: 1 }, after: { position: 4 } },
              { entity: 'AgendaItem', op: 'update', id: s.item2.id, before: { position: 2 }, after: { position: 3 } },
              { entity: 'AgendaItem', op: 'update', id: s.item3.id, before: { position: 3 }, after: { position: 2 } },
              { entity: 'AgendaItem', op: 'update', id: s.item4.id, before: { position: 4 }, after: { position: 1 } },
            ],
          };
        },
      ],
      [
        'recordAttendance',
        async () => {
          const call = await mutate('coordA', 'mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }', {
            input: {
              meetingId: s.meeting.id,
              entries: [
                { organisationId: s.org.id, personId: s.person.id, status: 'PRESENT' },
                { organisationId: w.police.id, status: 'EXCUSED' },
              ],
            },
          });
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Attendance', op: 'insert', after: { meetingId: s.meeting.id, organisationId: s.org.id, personId: s.person.id, status: 'present' } },
              { entity: 'Attendance', op: 'insert', after: { meetingId: s.meeting.id, organisationId: w.police.id, personId: null, status: 'excused' } },
            ],
          };
        },
      ],
      [
        'recordDecision',
        async () => {
          const call = await mutate('coordA', 'mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id version status } }', {
            input: {
              agendaItemId: s.item1.id,
              text: 'Partnerskabet gennemfører en tryghedsvandring i oktober',
              responsibleOrganisationIds: [s.org.id],
              caseNumber: '2026-0042',
              kleNumber: '27.24.00',
            },
          });
          s.decision1 = call.data;
          return {
            call,
            entity: 'Decision',
            entityId: s.decision1.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'Decision',
                op: 'insert',
                id: s.decision1.id,
                after: { agendaItemId: s.item1.id, meetingId: s.meeting.id, status: 'in_force', text: 'Partnerskabet gennemfører en tryghedsvandring i oktober', caseNumber: '2026-0042', kleNumber: '27.24.00' },
              },
              { entity: 'DecisionResponsibility', op: 'insert', after: { decisionId: s.decision1.id, organisationId: s.org.id } },
              { entity: 'DecisionStatusChange', op: 'insert', after: { decisionId: s.decision1.id, fromStatus: null, toStatus: 'in_force', actorId: people.coordA } },
            ],
          };
        },
      ],
      [
        'createActionItem',
        async () => {
          s.due1 = ymd(new Date(now + 30 * DAY));
          const call = await mutate('coordA', 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id version status } }', {
            input: { decisionId: s.decision1.id, assigneeOrganisationId: s.org.id, assigneePersonId: s.person.id, title: 'Planlæg ruten', dueDate: s.due1 },
          });
          s.action = call.data;
          return {
            call,
            entity: 'ActionItem',
            entityId: s.action.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'ActionItem',
                op: 'insert',
                id: s.action.id,
                after: { title: 'Planlæg ruten', status: 'open', origin: 'decision', decisionId: s.decision1.id, assigneeOrganisationId: s.org.id, assigneePersonId: s.person.id, dueDate: s.due1 },
              },
              { entity: 'ActionItemEvent', op: 'insert', after: { actionItemId: s.action.id, kind: 'created', toStatus: 'open', actorId: people.coordA } },
            ],
          };
        },
      ],
      [
        'changeActionItemStatus',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $version: Int) { changeActionItemStatus(id: $id, status: IN_PROGRESS, comment: "Vi er i gang", version: $version) { id version status } }', {
            id: s.action.id,
            version: s.action.version,
          });
          assert.equal(call.data.status, 'IN_PROGRESS');
          assert.equal(call.data.version, s.action.version + 1);
          return {
            call,
            entity: 'ActionItem',
            entityId: s.action.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'ActionItem', op: 'update', id: s.action.id, before: { status: 'open' }, after: { status: 'in_progress' } },
              { entity: 'ActionItemEvent', op: 'insert', after: { actionItemId: s.action.id, kind: 'status_changed', fromStatus: 'open', toStatus: 'in_progress', comment: 'Vi er i gang', actorId: people.coordA } },
            ],
          };
        },
      ],
      [
        'reassignActionItem',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $org: ID!) { reassignActionItem(id: $id, organisationId: $org, comment: "Politiet tager over") { id version } }', {
            id: s.action.id,
            org: w.police.id,
          });
          return {
            call,
            entity: 'ActionItem',
            entityId: s.action.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'ActionItem',
                op: 'update',
                id: s.action.id,
                before: { assigneeOrganisationId: s.org.id, assigneePersonId: s.person.id },
                after: { assigneeOrganisationId: w.police.id, assigneePersonId: null },
              },
              { entity: 'ActionItemEvent', op: 'insert', after: { actionItemId: s.action.id, kind: 'reassigned', fromValue: `${s.org.id}/${s.person.id}`, toValue: w.police.id } },
            ],
          };
        },
      ],
      [
        'moveActionItemDueDate',
        async () => {
          const due2 = ymd(new Date(now + 45 * DAY));
          const call = await mutate('coordA', 'mutation($id: ID!, $due: LocalDate!) { moveActionItemDueDate(id: $id, dueDate: $due, comment: "Efter ferien") { id version dueDate } }', {
            id: s.action.id,
            due: due2,
          });
          return {
            call,
            entity: 'ActionItem',
            entityId: s.action.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'ActionItem', op: 'update', id: s.action.id, before: { dueDate: s.due1 }, after: { dueDate: due2 } },
              { entity: 'ActionItemEvent', op: 'insert', after: { actionItemId: s.action.id, kind: 'due_date_moved', fromValue: s.due1, toValue: due2 } },
            ],
          };
        },
      ],
      [
        'markDecisionImplemented',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { markDecisionImplemented(id: $id, comment: "Gennemført") { id status } }', { id: s.decision1.id });
          return {
            call,
            entity: 'Decision',
            entityId: s.decision1.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Decision', op: 'update', id: s.decision1.id, before: { status: 'in_force' }, after: { status: 'implemented' } },
              { entity: 'DecisionStatusChange', op: 'insert', after: { decisionId: s.decision1.id, fromStatus: 'in_force', toStatus: 'implemented', comment: 'Gennemført' } },
            ],
          };
        },
      ],
      [
        'setDecisionCaseReference',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { setDecisionCaseReference(id: $id, caseNumber: "27.24.00-G01-3-26") { id caseNumber kleNumber } }', {
            id: s.decision1.id,
          });
          assert.deepEqual([call.data.caseNumber, call.data.kleNumber], ['27.24.00-G01-3-26', '27.24.00']);
          return {
            call,
            entity: 'Decision',
            entityId: s.decision1.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Decision', op: 'update', id: s.decision1.id, before: { caseNumber: '2026-0042' }, after: { caseNumber: '27.24.00-G01-3-26' } }],
          };
        },
      ],
      [
        'supersedeDecision',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: RecordDecisionInput!) { supersedeDecision(id: $id, input: $input) { id status } }', {
            id: s.decision1.id,
            input: { agendaItemId: s.item1.id, text: 'Tryghedsvandringen gentages hvert halve år' },
          });
          s.decision2 = call.data;
          return {
            call,
            entity: 'Decision',
            entityId: s.decision2.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Decision', op: 'insert', id: s.decision2.id, after: { status: 'in_force', supersedesId: s.decision1.id, text: 'Tryghedsvandringen gentages hvert halve år' } },
              { entity: 'DecisionStatusChange', op: 'insert', after: { decisionId: s.decision2.id, fromStatus: null, toStatus: 'in_force' } },
              { entity: 'Decision', op: 'update', id: s.decision1.id, before: { status: 'implemented' }, after: { status: 'superseded' } },
              { entity: 'DecisionStatusChange', op: 'insert', after: { decisionId: s.decision1.id, fromStatus: 'implemented', toStatus: 'superseded' } },
            ],
          };
        },
      ],
      [
        'revokeDecision',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { revokeDecision(id: $id, reason: "Erstattet af ny strategi") { id status } }', { id: s.decision2.id });
          return {
            call,
            entity: 'Decision',
            entityId: s.decision2.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Decision', op: 'update', id: s.decision2.id, before: { status: 'in_force' }, after: { status: 'revoked' } },
              { entity: 'DecisionStatusChange', op: 'insert', after: { decisionId: s.decision2.id, fromStatus: 'in_force', toStatus: 'revoked', comment: 'Erstattet af ny strategi' } },
            ],
          };
        },
      ],
      [
        'deferAgendaItem',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { deferAgendaItem(id: $id, note: "Udsat til næste møde") { id status } }', { id: s.item3.id });
          assert.equal(call.data.status, 'DEFERRED');
          return {
            call,
            entity: 'AgendaItem',
            entityId: s.item3.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'AgendaItem', op: 'update', id: s.item3.id, before: { status: 'planned', outcomeNotes: null }, after: { status: 'deferred', outcomeNotes: 'Udsat til næste møde' } },
              // Carried over to the forum's next scheduled meeting.
              { entity: 'AgendaItem', op: 'insert', after: { carriedOverFromId: s.item3.id, meetingId: s.series[0].id, status: 'planned', title: 'Sommerferieaktiviteter' } },
            ],
          };
        },
      ],
      [
        'markMeetingHeld',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { markMeetingHeld(id: $id) { id status } }', { id: s.meeting.id });
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Meeting', op: 'update', id: s.meeting.id, before: { status: 'scheduled' }, after: { status: 'held' } }],
          };
        },
      ],
      [
        'carryOverAgendaItem',
        async () => {
          // item4 was left planned at a meeting that has been held: pending follow-up.
          const call = await mutate('coordA', 'mutation($id: ID!, $to: ID!) { carryOverAgendaItem(id: $id, toMeetingId: $to) { id } }', { id: s.item4.id, to: s.series[1].id });
          return {
            call,
            entity: 'AgendaItem',
            entityId: call.data.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'AgendaItem', op: 'insert', id: call.data.id, after: { carriedOverFromId: s.item4.id, meetingId: s.series[1].id, status: 'planned', title: 'Opfølgning på hærværk' } }],
          };
        },
      ],
      [
        'approveMinutes',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { approveMinutes(id: $id) { id minutesStatus } }', { id: s.meeting.id });
          const [{ at }] = await db.ds.query('SELECT minutes_approved_at AS at FROM meeting WHERE id = $1', [s.meeting.id]);
          return {
            call,
            entity: 'Meeting',
            entityId: s.meeting.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'Meeting',
                op: 'update',
                id: s.meeting.id,
                before: { minutesStatus: 'draft', minutesApprovedAt: null, minutesApprovedById: null },
                after: { minutesStatus: 'approved', minutesApprovedAt: iso(at), minutesApprovedById: people.coordA },
              },
            ],
          };
        },
      ],
      [
        'amendMinutesNotes',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { amendMinutesNotes(meetingId: $id, minutesNotes: "Referatet suppleres", reason: "Manglede") { id } }', { id: s.meeting.id });
          return {
            call,
            entity: 'MinutesAmendment',
            entityId: call.data.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'MinutesAmendment', op: 'insert', id: call.data.id, after: { meetingId: s.meeting.id, target: 'Meeting.minutesNotes', before: null, after: 'Referatet suppleres', reason: 'Manglede' } },
              { entity: 'Meeting', op: 'update', id: s.meeting.id, before: { minutesNotes: null }, after: { minutesNotes: 'Referatet suppleres' } },
            ],
          };
        },
      ],
      [
        'amendAgendaItemOutcome',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { amendAgendaItemOutcome(id: $id, outcomeNotes: "Vandringen er aftalt", reason: "Præcisering") { id } }', { id: s.item1.id });
          return {
            call,
            entity: 'MinutesAmendment',
            entityId: call.data.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'MinutesAmendment', op: 'insert', id: call.data.id, after: { target: 'AgendaItem.outcomeNotes', targetId: s.item1.id, before: null, after: 'Vandringen er aftalt' } },
              { entity: 'AgendaItem', op: 'update', id: s.item1.id, before: { outcomeNotes: null }, after: { outcomeNotes: 'Vandringen er aftalt' } },
            ],
          };
        },
      ],
      [
        'cancelMeeting',
        async () => {
          const target = s.series[2].id;
          const call = await mutate('coordA', 'mutation($id: ID!) { cancelMeeting(id: $id, reason: "Sommerferie") { id status } }', { id: target });
          return {
            call,
            entity: 'Meeting',
            entityId: target,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'Meeting', op: 'update', id: target, before: { status: 'scheduled', cancellationReason: null }, after: { status: 'cancelled', cancellationReason: 'Sommerferie' } }],
          };
        },
      ],
      [
        'grantAccess',
        async () => {
          const call = await mutate('admin', 'mutation($p: ID!, $person: ID!) { grantAccess(partnershipId: $p, personId: $person, role: MEMBER) { id role } }', {
            p: w.partnership.id,
            person: s.person.id,
          });
          s.grant = call.data;
          return {
            call,
            entity: 'PartnershipAccess',
            entityId: s.grant.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'PartnershipAccess', op: 'insert', id: s.grant.id, after: { partnershipId: w.partnership.id, personId: s.person.id, role: 'member' } }],
          };
        },
      ],
      [
        'revokeAccess',
        async () => {
          const call = await mutate('admin', 'mutation($id: ID!) { revokeAccess(id: $id) { id role } }', { id: s.grant.id });
          assert.equal(call.data.id, s.grant.id);
          assert.equal(await count('SELECT 1 FROM partnership_access WHERE id = $1', [s.grant.id]), 0);
          return {
            call,
            entity: 'PartnershipAccess',
            entityId: s.grant.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'PartnershipAccess', op: 'delete', id: s.grant.id, before: { personId: s.person.id, role: 'member' } }],
          };
        },
      ],
      [
        'createApiKey',
        async () => {
          const call = await mutate('admin', 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix } } }', {
            input: { name: 'ESDH-integration', scopes: ['READ_DECISIONS', 'READ_ACTION_ITEMS'], partnershipIds: [w.partnership.id] },
          });
          s.apiKey = call.data.apiKey;
          assert.match(call.data.key, /^prk_[0-9a-f]{8}_/);
          rawKeys.push(call.data.key);
          const insert = call.row.changes.find((c) => c.entity === 'ApiKey');
          assert.ok(insert?.after, JSON.stringify(call.row.changes));
          assert.ok(!('secretHash' in insert.after), `the secret hash is not audited: ${JSON.stringify(insert)}`);
          return {
            call,
            entity: 'ApiKey',
            entityId: s.apiKey.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'ApiKey',
                op: 'insert',
                id: s.apiKey.id,
                after: { name: 'ESDH-integration', prefix: s.apiKey.prefix, scopes: ['read:decisions', 'read:action_items'], partnershipIds: [w.partnership.id], revokedAt: null },
              },
            ],
          };
        },
      ],
      [
        'revokeApiKey',
        async () => {
          const call = await mutate('admin', 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }', { id: s.apiKey.id });
          assert.ok(call.data.revokedAt);
          return {
            call,
            entity: 'ApiKey',
            entityId: s.apiKey.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'ApiKey', op: 'update', id: s.apiKey.id, before: { revokedAt: null }, after: { revokedAt: new Date(call.data.revokedAt).toISOString() } }],
          };
        },
      ],
      // ---- Joint activities, overlaps and incidents (src/activity, src/overlap, src/incident)
      [
        'createActivity',
        async () => {
          const call = await mutate('coordA', 'mutation($input: CreateActivityInput!) { createActivity(input: $input) { id version } }', {
            input: {
              partnershipId: w.partnership.id,
              name: 'Natteravne',
              leadOrganisationId: w.police.id,
              participants: [{ organisationId: w.school.id, role: 'PARTNER' }],
              targetGroup: 'Unge 13–17 år',
              area: 'Tingbjerg',
              startsOn: '2026-01-01',
              forumId: w.forum.id,
            },
          });
          s.activity = call.data;
          return {
            call,
            entity: 'JointActivity',
            entityId: s.activity.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'JointActivity', op: 'insert', id: s.activity.id, after: { name: 'Natteravne', leadOrganisationId: w.police.id, area: 'Tingbjerg', status: 'active', forumId: w.forum.id } },
              { entity: 'ActivityParticipant', op: 'insert', after: { activityId: s.activity.id, organisationId: w.school.id, role: 'partner' } },
            ],
          };
        },
      ],
      [
        'updateActivity',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id version } }', {
            id: s.activity.id,
            input: { area: 'Husum', version: s.activity.version },
          });
          s.activity = call.data;
          return {
            call,
            entity: 'JointActivity',
            entityId: s.activity.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'JointActivity', op: 'update', id: s.activity.id, before: { area: 'Tingbjerg' }, after: { area: 'Husum' } }],
          };
        },
      ],
      [
        'endActivity',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $v: Int) { endActivity(id: $id, endsOn: "2026-12-31", reason: "Afsluttet", version: $v) { id status } }', {
            id: s.activity.id,
            v: s.activity.version,
          });
          return {
            call,
            entity: 'JointActivity',
            entityId: s.activity.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'JointActivity', op: 'update', id: s.activity.id, before: { endsOn: null, status: 'active', endReason: null }, after: { endsOn: '2026-12-31', status: 'ended', endReason: 'Afsluttet' } },
            ],
          };
        },
      ],
      [
        'markOverlapHandled',
        async () => {
          const ctx = ctxAt(db.ds, new Date());
          const mk = (name: string, lead: string) =>
            activityService.create(ctx, { partnershipId: w.partnership.id, name, leadOrganisationId: lead, targetGroup: 'Skolebørn', area: 'Tingbjerg', startsOn: '2026-01-01' });
          const a = await mk('Lektiecafé', w.dept.id);
          const b = await mk('Lektiehjælp', w.school.id);
          const call = await mutate('coordA', 'mutation($a: ID!, $b: ID!) { markOverlapHandled(activityAId: $a, activityBId: $b, note: "Aftalt at dele ugedagene") { key handled } }', { a: a.id, b: b.id });
          assert.equal(call.data.handled, true);
          const [h] = await db.ds.query('SELECT id::text FROM overlap_handling');
          const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
          return {
            call,
            entity: 'OverlapFlag',
            entityId: h.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'OverlapHandling', op: 'insert', id: h.id, after: { activityAId: x, activityBId: y, note: 'Aftalt at dele ugedagene', handledById: people.coordA } }],
          };
        },
      ],
      [
        'registerIncident',
        async () => {
          const call = await mutate('coordA', 'mutation($input: RegisterIncidentInput!) { registerIncident(input: $input) { id version } }', {
            input: { partnershipId: w.partnership.id, kind: 'SHOOTING', occurredAt: iso(new Date(now - 3600_000)), area: 'Ruten, Tingbjerg', summary: 'Skud affyret ved Ruten; ingen tilskadekomne.' },
          });
          s.incident = call.data;
          return {
            call,
            entity: 'Incident',
            entityId: s.incident.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Incident', op: 'insert', id: s.incident.id, after: { kind: 'shooting', status: 'active', area: 'Ruten, Tingbjerg', registeredById: people.coordA } },
              { entity: 'IncidentUpdate', op: 'insert', after: { incidentId: s.incident.id, kind: 'registered', actorId: people.coordA } },
            ],
          };
        },
      ],
      [
        'conveneIncidentMeeting',
        async () => {
          const call = await mutate('coordA', 'mutation($input: ConveneIncidentMeetingInput!) { conveneIncidentMeeting(input: $input) { id kind } }', {
            input: { incidentId: s.incident.id, forumId: w.forum.id, organisationIds: [w.police.id] },
          });
          s.incidentMeeting = call.data;
          assert.equal(s.incidentMeeting.kind, 'EXTRAORDINARY');
          const m = s.incidentMeeting.id;
          return {
            call,
            entity: 'Meeting',
            entityId: m,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Meeting', op: 'insert', id: m, after: { forumId: w.forum.id, kind: 'extraordinary', status: 'scheduled' } },
              { entity: 'AgendaItem', op: 'insert', after: { meetingId: m, position: 1, title: 'Hvad er der sket?' } },
              { entity: 'AgendaItem', op: 'insert', after: { meetingId: m, position: 2, title: 'Hvem gør hvad?' } },
              { entity: 'AgendaItem', op: 'insert', after: { meetingId: m, position: 3, title: 'Skal vi sætte noget ekstra i gang?' } },
              { entity: 'IncidentMeeting', op: 'insert', id: `incidentId=${s.incident.id},meetingId=${m}` },
              { entity: 'Incident', op: 'update', id: s.incident.id, before: { involvedOrganisationIds: [] }, after: { involvedOrganisationIds: [w.police.id] } },
              { entity: 'IncidentUpdate', op: 'insert', after: { incidentId: s.incident.id, kind: 'meeting_convened', meetingId: m } },
            ],
          };
        },
      ],
      [
        'assignIncidentActions',
        async () => {
          const call = await mutate('coordA', 'mutation($input: AssignIncidentActionsInput!) { assignIncidentActions(input: $input) { id dueDate } }', {
            input: { incidentId: s.incident.id, actions: [{ title: 'Øget patruljering på Ruten', assigneeOrganisationId: w.police.id }] },
          });
          const id = call.data[0].id;
          return {
            call,
            entity: 'ActionItem',
            entityId: null,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'ActionItem', op: 'insert', id, after: { meetingId: s.incidentMeeting.id, origin: 'agenda_item', assigneeOrganisationId: w.police.id, status: 'open' } },
              { entity: 'ActionItemEvent', op: 'insert', after: { actionItemId: id, kind: 'created' } },
              { entity: 'IncidentUpdate', op: 'insert', after: { incidentId: s.incident.id, kind: 'action_assigned', actionItemId: id } },
            ],
          };
        },
      ],
      [
        'addIncidentUpdate',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { addIncidentUpdate(incidentId: $id, text: "Rolig nat i området") { id } }', { id: s.incident.id });
          return {
            call,
            entity: 'IncidentUpdate',
            entityId: call.data.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'IncidentUpdate', op: 'insert', id: call.data.id, after: { incidentId: s.incident.id, kind: 'note', text: 'Rolig nat i området' } }],
          };
        },
      ],
      [
        'changeIncidentStatus',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $v: Int) { changeIncidentStatus(id: $id, status: STABILISED, comment: "Situationen er rolig", version: $v) { id status } }', {
            id: s.incident.id,
            v: await version('incident', s.incident.id),
          });
          return {
            call,
            entity: 'Incident',
            entityId: s.incident.id,
            partnershipId: w.partnership.id,
            changes: [
              { entity: 'Incident', op: 'update', id: s.incident.id, before: { status: 'active' }, after: { status: 'stabilised' } },
              { entity: 'IncidentUpdate', op: 'insert', after: { incidentId: s.incident.id, kind: 'status_changed', fromStatus: 'active', toStatus: 'stabilised' } },
            ],
          };
        },
      ],
      [
        'removeAgendaItem',
        async () => {
          const add = 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id version position } }';
          const extra = (await mutate('coordA', add, { input: { meetingId: w.meeting.id, title: 'Fejlopført punkt', kind: 'INFORMATION' } })).data;
          const call = await mutate('coordA', 'mutation($id: ID!) { removeAgendaItem(id: $id) { id } }', { id: extra.id });
          assert.equal(await count('SELECT 1 FROM agenda_item WHERE id = $1', [extra.id]), 0);
          return {
            call,
            entity: 'Meeting',
            entityId: w.meeting.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'AgendaItem', op: 'delete', id: extra.id, before: { title: 'Fejlopført punkt', meetingId: w.meeting.id }, after: null }],
          };
        },
      ],
      [
        'createWebhookSubscription',
        async () => {
          const call = await mutate(
            'coordA',
            'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id version secrets { id } } } }',
            { input: { partnershipId: w.partnership.id, url: 'http://127.0.0.1:9/hooks', eventTypes: ['DECISION_CREATED', 'DECISION_UPDATED'], description: 'ESDH' } },
          );
          s.webhook = call.data.subscription;
          s.webhookSecret = call.data.subscription.secrets[0].id;
          rawKeys.push(call.data.secret);
          return {
            call,
            entity: 'WebhookSubscription',
            entityId: s.webhook.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'WebhookSubscription',
                op: 'insert',
                id: s.webhook.id,
                after: { partnershipId: w.partnership.id, url: 'http://127.0.0.1:9/hooks', eventTypes: ['decision.created', 'decision.updated'], status: 'active', description: 'ESDH' },
              },
              { entity: 'WebhookSecret', op: 'insert', id: s.webhookSecret, after: { subscriptionId: s.webhook.id, prefix: call.data.secret.slice(0, 10) } },
            ],
          };
        },
      ],
      [
        'updateWebhookSubscription',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!, $input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(id: $id, input: $input) { id version } }', {
            id: s.webhook.id,
            input: { description: 'ESDH (Acadre)', version: s.webhook.version },
          });
          return {
            call,
            entity: 'WebhookSubscription',
            entityId: s.webhook.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'WebhookSubscription', op: 'update', id: s.webhook.id, before: { description: 'ESDH' }, after: { description: 'ESDH (Acadre)' } }],
          };
        },
      ],
      [
        'disableWebhookSubscription',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { disableWebhookSubscription(id: $id, reason: "Systemskifte") { id status disabledAt } }', { id: s.webhook.id });
          assert.equal(call.data.status, 'DISABLED');
          return {
            call,
            entity: 'WebhookSubscription',
            entityId: s.webhook.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'WebhookSubscription',
                op: 'update',
                id: s.webhook.id,
                before: { status: 'active', disabledReason: null, disabledAt: null },
                after: { status: 'disabled', disabledReason: 'Systemskifte', disabledAt: iso(new Date(call.data.disabledAt)) },
              },
            ],
          };
        },
      ],
      [
        'enableWebhookSubscription',
        async () => {
          const [{ at }] = await db.ds.query('SELECT disabled_at AS at FROM webhook_subscription WHERE id = $1', [s.webhook.id]);
          const call = await mutate('coordA', 'mutation($id: ID!) { enableWebhookSubscription(id: $id) { id status } }', { id: s.webhook.id });
          assert.equal(call.data.status, 'ACTIVE');
          return {
            call,
            entity: 'WebhookSubscription',
            entityId: s.webhook.id,
            partnershipId: w.partnership.id,
            changes: [
              {
                entity: 'WebhookSubscription',
                op: 'update',
                id: s.webhook.id,
                before: { status: 'disabled', disabledReason: 'Systemskifte', disabledAt: iso(at) },
                after: { status: 'active', disabledReason: null, disabledAt: null },
              },
            ],
          };
        },
      ],
      [
        'rotateWebhookSecret',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { rotateWebhookSecret(subscriptionId: $id, graceSeconds: 600) { value secret { id } } }', { id: s.webhook.id });
          rawKeys.push(call.data.value);
          s.webhookSecret2 = call.data.secret.id;
          const [{ until }] = await db.ds.query('SELECT expires_at AS until FROM webhook_secret WHERE id = $1', [s.webhookSecret]);
          return {
            call,
            entity: 'WebhookSecret',
            entityId: s.webhookSecret2,
            changes: [
              { entity: 'WebhookSecret', op: 'update', id: s.webhookSecret, before: { expiresAt: null }, after: { expiresAt: iso(until) } },
              { entity: 'WebhookSecret', op: 'insert', id: s.webhookSecret2, after: { subscriptionId: s.webhook.id } },
            ],
          };
        },
      ],
      [
        'revokeWebhookSecret',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { revokeWebhookSecret(id: $id) { id revokedAt } }', { id: s.webhookSecret });
          return {
            call,
            entity: 'WebhookSecret',
            entityId: s.webhookSecret,
            changes: [{ entity: 'WebhookSecret', op: 'update', id: s.webhookSecret, before: { revokedAt: null }, after: { revokedAt: iso(new Date(call.data.revokedAt)) } }],
          };
        },
      ],
      [
        'redeliverWebhookDelivery',
        async () => {
          const [{ id }] = await db.ds.query(
            `INSERT INTO webhook_delivery (subscription_id, change_seq, event_type, status, attempts, delivered_at)
             SELECT $1, max(seq), 'decision.created', 'delivered', 1, now() - interval '1 hour' FROM change_event RETURNING id`,
            [s.webhook.id],
          );
          const [was] = await db.ds.query('SELECT next_attempt_at, retrying_since, delivered_at FROM webhook_delivery WHERE id = $1', [id]);
          const call = await mutate('coordA', 'mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id status } }', { id });
          assert.equal(call.data.status, 'PENDING');
          const [now] = await db.ds.query('SELECT next_attempt_at, retrying_since FROM webhook_delivery WHERE id = $1', [id]);
          return {
            call,
            entity: 'WebhookDelivery',
            entityId: id,
            changes: [
              {
                entity: 'WebhookDelivery',
                op: 'update',
                id,
                before: { status: 'delivered', nextAttemptAt: iso(was.next_attempt_at), retryingSince: iso(was.retrying_since), deliveredAt: iso(was.delivered_at) },
                after: { status: 'pending', nextAttemptAt: iso(now.next_attempt_at), retryingSince: iso(now.retrying_since), deliveredAt: null },
              },
            ],
          };
        },
      ],
      [
        'deleteWebhookSubscription',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id url } }', { id: s.webhook.id });
          assert.equal(call.data.id, s.webhook.id);
          assert.equal(await count('SELECT 1 FROM webhook_secret WHERE subscription_id = $1', [s.webhook.id]), 0);
          return {
            call,
            entity: 'WebhookSubscription',
            entityId: s.webhook.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'WebhookSubscription', op: 'delete', id: s.webhook.id, before: { url: 'http://127.0.0.1:9/hooks' }, after: null }],
          };
        },
      ],
      [
        'createCalendarFeed',
        async () => {
          const call = await mutate('coordA', 'mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { token path feed { id prefix } } }', {
            input: { kind: 'FORUM', targetId: w.forum.id },
          });
          s.feed = call.data.feed;
          rawKeys.push(call.data.token);
          return {
            call,
            entity: 'CalendarFeed',
            entityId: s.feed.id,
            changes: [
              {
                entity: 'CalendarFeed',
                op: 'insert',
                id: s.feed.id,
                after: { ownerId: people.coordA, kind: 'forum', targetId: w.forum.id, name: 'Koordinationsgruppen', prefix: s.feed.prefix, revokedAt: null },
              },
            ],
          };
        },
      ],
      [
        'revokeCalendarFeed',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { revokeCalendarFeed(id: $id) { id revokedAt } }', { id: s.feed.id });
          return {
            call,
            entity: 'CalendarFeed',
            entityId: s.feed.id,
            changes: [{ entity: 'CalendarFeed', op: 'update', id: s.feed.id, before: { revokedAt: null }, after: { revokedAt: new Date(call.data.revokedAt).toISOString() } }],
          };
        },
      ],
      [
        'publishAgenda',
        async () => {
          const call = await mutate('coordA', 'mutation($id: ID!) { publishAgenda(meetingId: $id) { id } }', { id: w.meeting.id });
          const [d] = await db.ds.query(`SELECT id FROM meeting_distribution WHERE meeting_id = $1 AND kind = 'agenda'`, [w.meeting.id]);
          return {
            call,
            entity: 'Meeting',
            entityId: w.meeting.id,
            partnershipId: w.partnership.id,
            changes: [{ entity: 'MeetingDistribution', op: 'insert', id: d.id, after: { meetingId: w.meeting.id, kind: 'agenda', status: 'pending', requestedById: people.coordA } }],
          };
        },
      ],
      [
        'setDigestOptOut',
        async () => {
          const call = await mutate('coordA', 'mutation { setDigestOptOut(optOut: true) { id digestOptOut } }');
          assert.equal(call.data.digestOptOut, true);
          const insert = call.row.changes.find((c) => c.entity === 'MailPreference');
          assert.ok(insert?.after && !('unsubscribeToken' in insert.after), `the unsubscribe token is not audited: ${JSON.stringify(insert)}`);
          return {
            call,
            entity: 'Person',
            entityId: people.coordA,
            partnershipId: null,
            changes: [{ entity: 'MailPreference', op: 'insert', id: people.coordA, after: { personId: people.coordA, digestOptOut: true } }],
          };
        },
      ],
      [
        'erasePerson',
        async () => {
          const call = await mutate('admin', 'mutation($id: ID!) { erasePerson(id: $id, reason: "Anmodning efter GDPR art. 17") { id name } }', { id: s.person.id });
          assert.equal(call.data.name, 'Slettet person');
          // Earlier audit rows no longer hold the erased values.
          assert.equal(await count(`SELECT 1 FROM audit_entry WHERE changes::text LIKE '%Pernille Holm%' OR changes::text LIKE '%pernille.holm@example.dk%'`), 0);
          return {
            call,
            entity: 'Person',
            entityId: s.person.id,
            partnershipId: null,
            changes: [{ entity: 'Person', op: 'update', id: s.person.id, before: { erased: false }, after: { erased: true, erasedFields: ['name', 'title', 'email', 'phone', 'subject'], reason: 'Anmodning efter GDPR art. 17' } }],
          };
        },
      ],
    ];

    it('every Mutation field of the schema has a recipe here (add one for a new mutation)', async () => {
      const fields = Object.keys((await schema()).getMutationType()!.getFields()).sort();
      const recipes = RECIPES.map(([n]) => n);
      assert.equal(new Set(recipes).size, recipes.length, 'one recipe per mutation');
      assert.deepEqual(
        fields.filter((f) => !recipes.includes(f)),
        [],
        'Mutation fields without a recipe in test/safe-writes.test.ts',
      );
      assert.deepEqual(
        recipes.filter((r) => !fields.includes(r)),
        [],
        'recipes for mutations the schema does not have',
      );
    });

    for (const [name, run] of RECIPES) {
      it(`${name}: one audit row with the request id, the caller, the object and the rows written`, async () => {
        const e = await run();
        const { row } = e.call;
        assert.equal(row.action, name);
        assert.equal(row.entity, e.entity, `${name}: audited entity`);
        assert.equal(row.entity_id, e.entityId, `${name}: audited entity id`);
        if (e.partnershipId !== undefined) assert.equal(row.partnership_id, e.partnershipId, `${name}: audited partnership`);
        matchChanges(row.changes, e.changes, name);
      });
    }

    it('every mutation of the schema was performed successfully above', async () => {
      const fields = Object.keys((await schema()).getMutationType()!.getFields()).sort();
      assert.deepEqual(fields.filter((f) => !performed.has(f)), []);
    });

    it('rows with a composite key (AgendaItemSubject, DecisionResponsibility) are identified in changes', async () => {
      const rows: { changes: RowChange[] }[] = await db.ds.query(
        `SELECT changes FROM audit_entry WHERE action IN ('addAgendaItem', 'recordDecision') ORDER BY seq`,
      );
      const composite = rows.flatMap((r) => r.changes).filter((c) => c.entity === 'AgendaItemSubject' || c.entity === 'DecisionResponsibility');
      assert.ok(composite.length >= 2, JSON.stringify(composite));
      for (const c of composite) {
        const keys = c.entity === 'AgendaItemSubject' ? [c.after!.agendaItemId, c.after!.personId] : [c.after!.decisionId, c.after!.organisationId];
        assert.ok(
          keys.every((k) => typeof k === 'string' && c.id.includes(k)),
          `a ${c.entity} change's id names the row it wrote (${keys.join(', ')}), got "${c.id}"`,
        );
      }
    });

    describe('failed mutations leave no audit row', () => {
      it('a state machine violation (DONE → IN_PROGRESS) is CONFLICT, writes nothing and is not audited', async () => {
        const done = await mutate('coordA', 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: DONE) { id version status } }', { id: s.action.id });
        const seq = await maxSeq();
        const [before] = await db.ds.query('SELECT * FROM action_item WHERE id = $1', [s.action.id]);
        const events = await count('SELECT 1 FROM action_item_event WHERE action_item_id = $1', [s.action.id]);
        const r = await post({ query: 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: IN_PROGRESS, comment: "igen") { id } }', variables: { id: s.action.id } }, 'coordA');
        assert.equal(r.json.errors?.[0]?.extensions?.code, 'CONFLICT', r.text);
        assert.equal(r.json.errors[0].extensions.reason, 'INVALID_TRANSITION');
        assert.deepEqual(await auditSince(seq), []);
        assert.deepEqual((await db.ds.query('SELECT * FROM action_item WHERE id = $1', [s.action.id]))[0], before);
        assert.equal(before.version, done.data.version);
        assert.equal(await count('SELECT 1 FROM action_item_event WHERE action_item_id = $1', [s.action.id]), events);
      });

      it('a failure after some rows were written (blank title after shifting positions) rolls back everything, audit row included', async () => {
        const positions = async () => db.ds.query('SELECT id, position, version FROM agenda_item WHERE meeting_id = $1 ORDER BY id', [w.meeting.id]);
        const seq = await maxSeq();
        const before = await positions();
        const r = await post(
          { query: 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }', variables: { input: { meetingId: w.meeting.id, title: '   ', kind: 'INFORMATION', position: 1 } } },
          'coordA',
        );
        assert.equal(r.json.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', r.text);
        assert.equal(r.json.errors[0].extensions.field, 'title');
        assert.deepEqual(await auditSince(seq), []);
        assert.deepEqual(await positions(), before);
      });

      it('when the audit row cannot be written, the mutation fails and writes nothing; the next one succeeds', async () => {
        const [item] = await db.ds.query(`SELECT id, version, status FROM action_item WHERE id = $1`, [s.action.id]);
        await db.ds.query(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
        await db.ds.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
        const seq = await maxSeq();
        const events = await count('SELECT 1 FROM action_item_event WHERE action_item_id = $1', [s.action.id]);
        const loggedAt = logged.length;
        // The test before leaves the item DONE, so reopening it is a transition the state machine allows: only the audit row can fail.
        assert.equal(item.status, 'done');
        try {
          const r = await post({ query: 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: OPEN, comment: "afvist") { id } }', variables: { id: s.action.id } }, 'coordA');
          assert.equal(r.json.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR', r.text);
          assert.equal(r.json.data?.changeActionItemStatus ?? null, null);
          // Logged for the operators (and taken out of the log, which must otherwise stay empty for this file).
          const mine = logged.splice(loggedAt);
          assert.equal(mine.length, 1, mine.join('\n'));
          assert.match(mine[0], /audit refused/);
        } finally {
          await db.ds.query('DROP TRIGGER test_refuse_audit ON audit_entry');
          await db.ds.query('DROP FUNCTION test_refuse_audit()');
        }
        assert.deepEqual(await db.ds.query(`SELECT id, version, status FROM action_item WHERE id = $1`, [s.action.id]), [item]);
        assert.equal(await count('SELECT 1 FROM action_item_event WHERE action_item_id = $1', [s.action.id]), events);
        assert.equal(await maxSeq(), seq, 'no audit row');
        // The connection the failure ran on is the pool's most recently released, so the next request gets it: it is not left inside an aborted transaction.
        await mutate('coordA', 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: OPEN, comment: "igen") { id } }', { id: s.action.id });
        await mutate('coordA', 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: IN_PROGRESS) { id } }', { id: s.action.id });
      });

      it("text with quotes, backslashes and non-Latin letters reaches the audit row intact", async () => {
        const comment = `O'Brien \\ "citat" \\n æøå 🚓 $1 $$ E'x'`;
        const { row } = await mutate('coordA', 'mutation($id: ID!, $c: String) { changeActionItemStatus(id: $id, status: BLOCKED, comment: $c) { id } }', { id: s.action.id, c: comment });
        // The whole comment as one JSON string value in the row's changes.
        assert.ok(JSON.stringify(row.changes).includes(JSON.stringify(comment)), JSON.stringify(row.changes));
      });

      it('a FORBIDDEN mutation (a coordinator granting roles) is not audited', async () => {
        const seq = await maxSeq();
        const r = await post(
          { query: 'mutation($p: ID!, $person: ID!) { grantAccess(partnershipId: $p, personId: $person, role: ADMIN) { id } }', variables: { p: w.partnership.id, person: people.coordB } },
          'coordA',
        );
        assert.equal(r.json.errors?.[0]?.extensions?.code, 'FORBIDDEN', r.text);
        assert.deepEqual(await auditSince(seq), []);
      });
    });

    it('no audit row contains a secret hash or a raw API key', async () => {
      const keys: { secret_hash: string }[] = await db.ds.query('SELECT secret_hash FROM api_key');
      assert.ok(keys.length >= 1 && rawKeys.length >= 1);
      const rows: { t: string }[] = await db.ds.query('SELECT to_jsonb(a)::text AS t FROM audit_entry a');
      for (const { t } of rows) {
        assert.ok(!/secretHash|secret_hash/i.test(t), `audit row with a secret hash field: ${t}`);
        assert.ok(!/prk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}/.test(t), `audit row with a raw API key: ${t}`);
        for (const k of rawKeys) {
          assert.ok(!t.includes(k), 'raw key in an audit row');
          assert.ok(!t.includes(createHash('sha256').update(k).digest('hex')), 'hash of a key in an audit row');
        }
        for (const { secret_hash } of keys) assert.ok(!t.includes(secret_hash), 'stored secret hash in an audit row');
      }
    });
  });

  // ------------------------------------------------------------------------------- concurrency

  describe('optimistic concurrency: never a lost update', () => {
    let dueItem: string;
    let statusItem: string;
    const READ_ITEM = 'query($id: ID!) { actionItem(id: $id) { id version status dueDate } }';
    const READ_AGENDA = 'query($id: ID!) { node(id: $id) { ... on AgendaItem { id version title } } }';
    const MOVE = 'mutation($id: ID!, $due: LocalDate!, $version: Int) { moveActionItemDueDate(id: $id, dueDate: $due, version: $version) { id version dueDate } }';
    const STATUS = 'mutation($id: ID!, $status: ActionItemStatus!, $version: Int) { changeActionItemStatus(id: $id, status: $status, comment: "samtidig", version: $version) { id version status } }';
    const AGENDA = 'mutation($id: ID!, $input: UpdateAgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { id version title } }';

    before(async () => {
      const ctx = ctxAt(db.ds, new Date());
      const mk = async (title: string) =>
        (await actionItemService.create(ctx, { meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, title, dueDate: '2027-01-01' })).id;
      dueItem = await mk('Samtidige fristflytninger');
      statusItem = await mk('Samtidige statusskift');
    });

    /** Both coordinators read the object (via HTTP) and agree on its version. */
    async function bothRead(query: string, id: string, pick: (d: any) => any): Promise<any> {
      const [a, b] = await Promise.all([ok('coordA', query, { id }), ok('coordB', query, { id })]);
      assert.deepEqual(pick(a), pick(b));
      return pick(a);
    }

    /** Exactly one of two concurrent responses succeeded; the other is a STALE_VERSION conflict. */
    function oneWins(name: string, results: HttpResult[], v: number): { winner: 0 | 1; loser: 0 | 1 } {
      for (const r of results) assert.equal(r.status, 200, r.text);
      const okIdx = results.map((r, i) => (r.json.errors ? -1 : i)).filter((i) => i >= 0);
      assert.equal(okIdx.length, 1, `exactly one of two concurrent ${name} succeeds: ${results.map((r) => r.text).join(' | ')}`);
      const winner = okIdx[0] as 0 | 1;
      const loser = (1 - winner) as 0 | 1;
      const err = results[loser].json.errors[0];
      assert.equal(err.extensions.code, 'CONFLICT', JSON.stringify(err));
      assert.equal(err.extensions.reason, 'STALE_VERSION', JSON.stringify(err));
      assert.equal(err.extensions.currentVersion, v + 1, JSON.stringify(err));
      assert.equal(results[loser].json.data, null);
      assert.equal(results[winner].json.data[name].version, v + 1);
      return { winner, loser };
    }

    async function auditedOnce(seq: string, name: string, winner: HttpResult) {
      const rows = await auditSince(seq);
      assert.equal(rows.length, 1, `one audit row for the winning ${name}`);
      assert.equal(rows[0].action, name);
      assert.equal(rows[0].request_id, winner.headers.get('x-request-id'));
    }

    it('moveActionItemDueDate with the same version, 10 times concurrently: one wins, the other gets CONFLICT with v+1', async () => {
      for (let i = 0; i < 10; i++) {
        const { version: v } = await bothRead(READ_ITEM, dueItem, (d) => d.actionItem);
        const dates = [ymd(new Date(Date.UTC(2027, 1, 1 + 2 * i))), ymd(new Date(Date.UTC(2027, 1, 2 + 2 * i)))];
        const seq = await maxSeq();
        const results = await Promise.all([
          post({ query: MOVE, variables: { id: dueItem, due: dates[0], version: v } }, 'coordA'),
          post({ query: MOVE, variables: { id: dueItem, due: dates[1], version: v } }, 'coordB'),
        ]);
        const { winner } = oneWins('moveActionItemDueDate', results, v);
        const [row] = await db.ds.query('SELECT version, due_date::text AS due FROM action_item WHERE id = $1', [dueItem]);
        assert.deepEqual(row, { version: v + 1, due: dates[winner] }, `round ${i}: the winner's value is stored`);
        await auditedOnce(seq, 'moveActionItemDueDate', results[winner]);
      }
    });

    it('updateAgendaItem with the same version, 10 times concurrently: one wins, the other gets CONFLICT with v+1', async () => {
      for (let i = 0; i < 10; i++) {
        const { version: v } = await bothRead(READ_AGENDA, w.item.id, (d) => d.node);
        const titles = [`Tryghedsvandring runde ${i} (A)`, `Tryghedsvandring runde ${i} (B)`];
        const seq = await maxSeq();
        const results = await Promise.all([
          post({ query: AGENDA, variables: { id: w.item.id, input: { title: titles[0], version: v } } }, 'coordA'),
          post({ query: AGENDA, variables: { id: w.item.id, input: { title: titles[1], version: v } } }, 'coordB'),
        ]);
        const { winner } = oneWins('updateAgendaItem', results, v);
        const [row] = await db.ds.query('SELECT version, title FROM agenda_item WHERE id = $1', [w.item.id]);
        assert.deepEqual(row, { version: v + 1, title: titles[winner] }, `round ${i}: the winner's value is stored`);
        await auditedOnce(seq, 'updateAgendaItem', results[winner]);
      }
    });

    /** Two targets reachable from the current status and from each other (so only the version decides). */
    function targets(current: string): [string, string] {
      const t = ['OPEN', 'IN_PROGRESS', 'BLOCKED'].filter((x) => x !== current);
      return [t[0], t[1]];
    }

    it('changeActionItemStatus with the same version, 10 times concurrently: one wins, the other gets CONFLICT with v+1', async () => {
      for (let i = 0; i < 10; i++) {
        const { version: v, status } = await bothRead(READ_ITEM, statusItem, (d) => d.actionItem);
        const [ta, tb] = i % 2 ? targets(status).reverse() : targets(status);
        const seq = await maxSeq();
        const results = await Promise.all([
          post({ query: STATUS, variables: { id: statusItem, status: ta, version: v } }, 'coordA'),
          post({ query: STATUS, variables: { id: statusItem, status: tb, version: v } }, 'coordB'),
        ]);
        const { winner } = oneWins('changeActionItemStatus', results, v);
        const [row] = await db.ds.query('SELECT version, status::text FROM action_item WHERE id = $1', [statusItem]);
        assert.deepEqual(row, { version: v + 1, status: [ta, tb][winner].toLowerCase() }, `round ${i}: the winner's value is stored`);
        await auditedOnce(seq, 'changeActionItemStatus', results[winner]);
      }
    });

    it('without version, two concurrent moveActionItemDueDate / changeActionItemStatus both apply in turn (v+2)', async () => {
      for (let i = 0; i < 5; i++) {
        const { version: v } = await bothRead(READ_ITEM, dueItem, (d) => d.actionItem);
        const dates = [ymd(new Date(Date.UTC(2028, 0, 1 + 2 * i))), ymd(new Date(Date.UTC(2028, 0, 2 + 2 * i)))];
        const seq = await maxSeq();
        const results = await Promise.all([
          post({ query: MOVE, variables: { id: dueItem, due: dates[0] } }, 'coordA'),
          post({ query: MOVE, variables: { id: dueItem, due: dates[1] } }, 'coordB'),
        ]);
        for (const r of results) assert.equal(r.json.errors, undefined, r.text);
        const [row] = await db.ds.query('SELECT version, due_date::text AS due FROM action_item WHERE id = $1', [dueItem]);
        assert.equal(row.version, v + 2);
        assert.ok(dates.includes(row.due));
        assert.equal((await auditSince(seq)).length, 2);

        const { version: sv, status } = await bothRead(READ_ITEM, statusItem, (d) => d.actionItem);
        const [ta, tb] = targets(status);
        const sres = await Promise.all([
          post({ query: STATUS, variables: { id: statusItem, status: ta } }, 'coordA'),
          post({ query: STATUS, variables: { id: statusItem, status: tb } }, 'coordB'),
        ]);
        for (const r of sres) assert.equal(r.json.errors, undefined, r.text);
        assert.equal((await db.ds.query('SELECT version FROM action_item WHERE id = $1', [statusItem]))[0].version, sv + 2);
      }
    });

    it('without version, two concurrent updateAgendaItem both apply in turn (v+2)', async () => {
      for (let i = 0; i < 5; i++) {
        const { version: v } = await bothRead(READ_AGENDA, w.item.id, (d) => d.node);
        const titles = [`Uden version ${i} (A)`, `Uden version ${i} (B)`];
        const results = await Promise.all([
          post({ query: AGENDA, variables: { id: w.item.id, input: { title: titles[0] } } }, 'coordA'),
          post({ query: AGENDA, variables: { id: w.item.id, input: { title: titles[1] } } }, 'coordB'),
        ]);
        for (const r of results) assert.equal(r.json.errors, undefined, `round ${i}: an edit without version is not refused: ${r.text}`);
        const [row] = await db.ds.query('SELECT version, title FROM agenda_item WHERE id = $1', [w.item.id]);
        assert.equal(row.version, v + 2);
        assert.ok(titles.includes(row.title));
      }
    });

    for (const [name, table, id, input] of [
      ['updateOrganisation', 'organisation', () => w.school.id, (i: number) => ({ name: `Tingbjergskolen ${i}` })],
      ['updateMeeting', 'meeting', () => w.meeting.id, (i: number) => ({ location: `Lokale ${i}` })],
    ] as const) {
      it(`a stale version on ${name} is refused with CONFLICT and writes nothing`, async () => {
        const q = `mutation($id: ID!, $input: ${name === 'updateOrganisation' ? 'UpdateOrganisationInput' : 'UpdateMeetingInput'}!) { ${name}(id: $id, input: $input) { id version } }`;
        const v: number = (await db.ds.query(`SELECT version FROM ${table} WHERE id = $1`, [id()]))[0].version;
        const first = await mutate('coordA', q, { id: id(), input: { ...input(1), version: v } });
        assert.equal(first.data.version, v + 1);
        const [before] = await db.ds.query(`SELECT * FROM ${table} WHERE id = $1`, [id()]);
        const seq = await maxSeq();
        const r = await post({ query: q, variables: { id: id(), input: { ...input(2), version: v } } }, 'coordB');
        const err = r.json.errors?.[0];
        assert.equal(err?.extensions?.code, 'CONFLICT', r.text);
        assert.equal(err.extensions.reason, 'STALE_VERSION');
        assert.equal(err.extensions.currentVersion, v + 1);
        assert.deepEqual((await db.ds.query(`SELECT * FROM ${table} WHERE id = $1`, [id()]))[0], before, 'row unchanged');
        assert.deepEqual(await auditSince(seq), [], 'no audit row');
      });
    }

    it('a stale version is reported as STALE_VERSION with the current version even when the state changed meanwhile', async () => {
      // README: "send it with an edit and a stale one is refused with CONFLICT and the current version".
      const { version: v } = await bothRead(READ_ITEM, statusItem, (d) => d.actionItem);
      await mutate('coordA', 'mutation($id: ID!) { changeActionItemStatus(id: $id, status: DONE) { id } }', { id: statusItem });
      const r = await post({ query: STATUS, variables: { id: statusItem, status: 'IN_PROGRESS', version: v } }, 'coordB');
      const err = r.json.errors?.[0];
      assert.equal(err?.extensions?.code, 'CONFLICT', r.text);
      assert.equal(err.extensions.currentVersion, v + 1, `the client with stale version ${v} learns the current version: ${JSON.stringify(err)}`);
      assert.equal(err.extensions.reason, 'STALE_VERSION', JSON.stringify(err));
    });
  });

  // ------------------------------------------------------------------------------- idempotency

  describe('Idempotency-Key', () => {
    const CREATE = 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id title version } }';
    const create = (title: string) => ({ query: CREATE, variables: { input: { meetingId: w.meeting.id, assigneeOrganisationId: w.police.id, title, dueDate: '2027-03-01' } } });
    const items = (title: string) => count('SELECT 1 FROM action_item WHERE title = $1', [title]);
    const key = () => `idem-${randomUUID()}`;

    it('sent twice: one effect, the second response is byte-identical and marked Idempotent-Replayed', async () => {
      const k = key();
      const seq = await maxSeq();
      const first = await post(create('Idempotent to gange'), 'coordA', { 'idempotency-key': k });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.errors, undefined, first.text);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const second = await post(create('Idempotent to gange'), 'coordA', { 'idempotency-key': k });
      assert.equal(second.status, 200);
      assert.equal(second.text, first.text, 'byte-identical');
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assert.equal(await items('Idempotent to gange'), 1);
      assert.equal((await auditSince(seq)).length, 1, 'one audit row');
    });

    it('sent 5 times concurrently: exactly one effect, all 5 responses carry the same data', async () => {
      const k = key();
      const seq = await maxSeq();
      const results = await Promise.all(Array.from({ length: 5 }, () => post(create('Idempotent samtidig'), 'coordA', { 'idempotency-key': k })));
      for (const r of results) {
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.errors, undefined, r.text);
        assert.equal(r.text, results[0].text);
      }
      assert.equal(results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 4);
      assert.equal(await items('Idempotent samtidig'), 1);
      assert.equal((await auditSince(seq)).length, 1);
    });

    it('the same key with a different request is 422 IDEMPOTENCY_KEY_REUSED and has no effect', async () => {
      const k = key();
      const first = await post(create('Første anmodning'), 'coordA', { 'idempotency-key': k });
      assert.equal(first.json.errors, undefined, first.text);
      const seq = await maxSeq();
      const other = await post(create('Anden anmodning'), 'coordA', { 'idempotency-key': k });
      assert.equal(other.status, 422, other.text);
      assert.equal(other.json.errors[0].extensions.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal(other.headers.get('idempotent-replayed'), null);
      assert.equal(await items('Anden anmodning'), 0);
      assert.deepEqual(await auditSince(seq), []);
    });

    it('the same key sent by another person is independent', async () => {
      const k = key();
      const a = await post(create('Samme nøgle, to personer'), 'coordA', { 'idempotency-key': k });
      const b = await post(create('Samme nøgle, to personer'), 'coordB', { 'idempotency-key': k });
      for (const r of [a, b]) assert.equal(r.json.errors, undefined, r.text);
      assert.equal(b.headers.get('idempotent-replayed'), null);
      assert.notEqual(a.json.data.createActionItem.id, b.json.data.createActionItem.id);
      assert.equal(await items('Samme nøgle, to personer'), 2);
    });

    it('a first attempt failing with BAD_USER_INPUT does not burn the key: a corrected retry with the same key executes, once', async () => {
      // src/http/idempotency.ts: finish() stores the response only when the mutation committed, else
      // releases the key, so the client can fix its input and retry under the same key.
      const k = key();
      const bad = await post(create('   '), 'coordA', { 'idempotency-key': k });
      assert.equal(bad.json.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', bad.text);
      const fixed = await post(create('Rettet anmodning'), 'coordA', { 'idempotency-key': k });
      assert.equal(fixed.status, 200, `the failed attempt burnt the key: ${fixed.status} ${fixed.text}`);
      assert.equal(fixed.json.errors, undefined, fixed.text);
      assert.equal(fixed.headers.get('idempotent-replayed'), null);
      const replay = await post(create('Rettet anmodning'), 'coordA', { 'idempotency-key': k });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.text, fixed.text);
      assert.equal(await items('Rettet anmodning'), 1);
    });

    it('after a failed attempt the key is released at once (no row left pending, the error is not stored as the answer)', async () => {
      const k = key();
      const bad = await post(create('   '), 'coordA', { 'idempotency-key': k });
      assert.equal(bad.json.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', bad.text);
      assert.deepEqual(
        await db.ds.query('SELECT state, response FROM idempotency_key WHERE key = $1', [k]),
        [],
        'the key is still held: a retry of the same request waits 30 s for it and gets 409 IDEMPOTENT_REQUEST_IN_PROGRESS',
      );
    });

    it('a key left pending by a crashed attempt is taken over by exactly one of several concurrent retries', async () => {
      // Simulate a first attempt that died before its mutation committed, more than 60 s ago.
      const k = key();
      const body = create('Overtaget efter nedbrud');
      const principal = `person:${people.coordA}`;
      await db.ds.query(
        `INSERT INTO idempotency_key (principal, key, request_hash, state, created_at) VALUES ($1, $2, $3, 'pending', now() - interval '2 minutes')`,
        [principal, k, requestHash(JSON.parse(JSON.stringify(body)))],
      );
      // Hold the row so that every retry sees it stale and queues on the take-over UPDATE; then let go.
      // The holder and the watcher use their own connections: the retries may take the whole pool
      // (2 × CPUs + 1 connections, ormconfig.ts poolSize).
      const N = 3;
      const holder = new pg.Client({ connectionString: db.url });
      const watcher = new pg.Client({ connectionString: db.url });
      await holder.connect();
      await watcher.connect();
      let pending: Promise<HttpResult[]>;
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM idempotency_key WHERE principal = $1 AND key = $2 FOR UPDATE', [principal, k]);
        pending = Promise.all(Array.from({ length: N }, () => post(body, 'coordA', { 'idempotency-key': k })));
        for (const until = Date.now() + 5_000; Date.now() < until; ) {
          const {
            rows: [{ n }],
          } = await watcher.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE idempotency_key SET created_at%'`,
          );
          if (n >= N) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await holder.end();
        await watcher.end();
      }
      const results = await pending!;
      for (const r of results) assert.equal(r.status, 200, r.text);
      assert.equal(await items('Overtaget efter nedbrud'), 1, `the mutation ran ${await items('Overtaget efter nedbrud')} times for one key`);
      for (const r of results) assert.equal(r.text, results[0].text);
    });

    it('a query with the header is unaffected (runs every time, the key stays free for a mutation)', async () => {
      const k = key();
      const q = { query: 'query($id: ID!) { actionItem(id: $id) { id title } }', variables: { id: (await db.ds.query('SELECT id FROM action_item LIMIT 1'))[0].id } };
      const a = await post(q, 'coordA', { 'idempotency-key': k });
      const b = await post(q, 'coordA', { 'idempotency-key': k });
      for (const r of [a, b]) {
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.errors, undefined, r.text);
        assert.equal(r.headers.get('idempotent-replayed'), null);
      }
      assert.equal(await count('SELECT 1 FROM idempotency_key WHERE key = $1', [k]), 0);
      const m = await post(create('Efter forespørgsel'), 'coordA', { 'idempotency-key': k });
      assert.equal(m.status, 200, m.text);
      assert.equal(m.json.errors, undefined, m.text);
      assert.equal(m.headers.get('idempotent-replayed'), null);
      assert.equal(await items('Efter forespørgsel'), 1);
    });

    it('a large mutation document (over 100 KB, e.g. a long comment) with the same key still runs once', async () => {
      const k = key();
      const body = create('Stort dokument');
      const big = { ...body, query: body.query + '\n# ' + 'x'.repeat(150_000) };
      const first = await post(big, 'coordA', { 'idempotency-key': k });
      assert.equal(first.status, 200, first.text.slice(0, 300));
      assert.equal(first.json.errors, undefined, first.text.slice(0, 300));
      const second = await post(big, 'coordA', { 'idempotency-key': k });
      assert.equal(second.status, 200, second.text.slice(0, 300));
      assert.equal(await items('Stort dokument'), 1, 'the retry executed the mutation a second time');
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
    });

    it('createApiKey with an Idempotency-Key does not keep the raw key in plaintext (README: stored only as a hash)', async () => {
      const k = key();
      const r = await post(
        { query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }', variables: { input: { name: 'Idempotent nøgle', scopes: ['READ_MEETINGS'], partnershipIds: [w.partnership.id] } } },
        'admin',
        { 'idempotency-key': k },
      );
      assert.equal(r.json.errors, undefined, r.text);
      const raw: string = r.json.data.createApiKey.key;
      rawKeys.push(raw);
      const stored = await count(`SELECT 1 FROM idempotency_key WHERE position($1 in coalesce(response, '')) > 0`, [raw]);
      assert.equal(stored, 0, 'the raw API key is stored in plaintext in idempotency_key.response');
    });
  });

  // ---------------------------------------------------------------------------- hostile documents

  describe('hostile documents through the real server', () => {
    let loggedBefore = 0;
    before(() => {
      loggedBefore = logged.length;
    });

    function refused(r: HttpResult, status: number, code: string) {
      assert.equal(r.status, status, r.text.slice(0, 500));
      assert.ok(r.json?.errors?.length, r.text.slice(0, 500));
      assert.equal(r.json.errors[0].extensions?.code, code, r.text.slice(0, 500));
      assert.equal(r.json.data, undefined, 'nothing executed');
      assert.ok(!/stacktrace|\n\s+at /.test(r.text), 'no stack trace');
    }

    it('25 levels deep → 400 QUERY_TOO_DEEP', async () => {
      // organisations > edges > node > 21 × parent > id = 25 levels
      const q = `{ organisations(first: 1) { edges { node { ${'parent { '.repeat(21)}id${' }'.repeat(21)} } } } }`;
      refused(await post({ query: q }, 'coordA'), 400, 'QUERY_TOO_DEEP');
    });

    it('50 aliases → 400 TOO_MANY_ALIASES', async () => {
      const q = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: forums(first: 1) { totalCount }`).join(' ')} }`;
      refused(await post({ query: q }, 'coordA'), 400, 'TOO_MANY_ALIASES');
    });

    it('a 600 KB document of tokens → 400 TOO_MANY_TOKENS', async () => {
      const q = `{ forums { ${'totalCount '.repeat(55_000)} } }`;
      assert.ok(q.length > 600_000);
      refused(await post({ query: q }, 'coordA'), 400, 'TOO_MANY_TOKENS');
    });

    it('25 directives → 400 TOO_MANY_DIRECTIVES; three nested pages of 100 → 400 QUERY_TOO_COSTLY', async () => {
      refused(await post({ query: `{ forums { totalCount ${'@include(if: true) '.repeat(25)} } }` }, 'coordA'), 400, 'TOO_MANY_DIRECTIVES');
      const costly = '{ forums(first: 100) { edges { node { meetings(first: 100) { edges { node { agendaItems(first: 100) { edges { node { id } } } } } } } } } }';
      refused(await post({ query: costly }, 'coordA'), 400, 'QUERY_TOO_COSTLY');
    });

    it('first: 101 → 400 BAD_USER_INPUT naming the field', async () => {
      const r = await post({ query: '{ forums(first: 101) { totalCount } }' }, 'coordA');
      refused(r, 400, 'BAD_USER_INPUT');
      assert.equal(r.json.errors[0].extensions.field, 'first');
    });

    it('a body over 1 MB → 413', async () => {
      const r = await post(JSON.stringify({ query: '{ forums { totalCount } }', variables: { pad: 'x'.repeat(1_100_000) } }), 'coordA');
      assert.equal(r.status, 413, r.text.slice(0, 300));
      assert.equal(r.json?.errors?.[0]?.extensions?.code, 'PAYLOAD_TOO_LARGE');
    });

    it('a batched array → 400, not executed', async () => {
      const r = await post([{ query: '{ forums { totalCount } }' }, { query: '{ forums { totalCount } }' }], 'coordA');
      assert.equal(r.status, 400, r.text);
      assert.ok(!Array.isArray(r.json), 'not executed as a batch');
      assert.ok(!r.text.includes('"totalCount"'), r.text);
    });

    it('afterwards a normal query works and nothing was logged as an internal error', async () => {
      const data = await ok('coordA', '{ forums { totalCount } }');
      assert.equal(typeof data.forums.totalCount, 'number');
      assert.ok(data.forums.totalCount >= 2);
      assert.deepEqual(logged.slice(loggedBefore), []);
    });

    it('rate limit: the 6th request of one user in the window is 429 RATE_LIMITED, another user still gets 200', async () => {
      const ctx = ctxAt(db.ds, new Date());
      const r1 = await personService.create(ctx, { name: 'Rasmus Ratebegrænset' });
      const r2 = await personService.create(ctx, { name: 'Rikke Uberørt' });
      const t1 = await auth.issueDevToken(r1.id);
      const t2 = await auth.issueDevToken(r2.id);
      const limited = await startServer({
        dataSource: db.ds,
        port: 0,
        host: '127.0.0.1',
        log: (m, e) => logged.push(`[rate-limited server] ${m} ${String(e ?? '')}`),
        authenticate: (h) => auth.authenticate(h),
        protection: { ...loadProtectionConfig(false), rateLimit: { points: 5, durationSec: 60 } },
      });
      try {
        const url = limited.url.replace('localhost', '127.0.0.1');
        const q = { query: '{ __typename }' };
        const remaining: string[] = [];
        for (let i = 0; i < 5; i++) {
          const r = await post(q, t1, {}, url);
          assert.equal(r.status, 200, r.text);
          remaining.push(r.headers.get('ratelimit-remaining') ?? '');
        }
        assert.deepEqual(remaining, ['4', '3', '2', '1', '0']);
        const sixth = await post(q, t1, {}, url);
        assert.equal(sixth.status, 429, sixth.text);
        assert.equal(sixth.json.errors[0].extensions.code, 'RATE_LIMITED');
        assert.equal(sixth.headers.get('ratelimit-remaining'), '0');
        const retryAfter = Number(sixth.headers.get('retry-after'));
        assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${sixth.headers.get('retry-after')}`);
        const other = await post(q, t2, {}, url);
        assert.equal(other.status, 200, other.text);
        assert.equal(other.json.data.__typename, 'Query');
      } finally {
        await limited.stop();
      }
    });
  });

  describe('at the end', () => {
    it('the server logged no internal error during this file', () => {
      assert.deepEqual(logged, []);
    });
  });
});
