/**
 * OParl 1.1 export over real HTTP: every object validates against the OParl 1.1 JSON schemas
 * (test/fixtures/oparl-1.1/schema, with ajv), a client following links only from the System object
 * finds every meeting and agenda item, modified_since returns changes and deletions, confidential
 * content never leaves, unpublished partnerships are invisible without a key, and list pages cost
 * the same number of SQL statements whatever their size.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { freshDatabase, TestDb } from './support/db';
import { ctxAt } from './support/factory';
import { startServer, RunningServer } from '../src/server';
import { Authenticator, loadAuthConfig } from '../src/auth/authenticate';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { organisationService } from '../src/organisation/organisation.service';
import { OrganisationKind } from '../src/organisation/organisation.entity';
import { personService } from '../src/person/person.service';
import { partnershipService } from '../src/partnership/partnership.service';
import { PartnershipRole } from '../src/partnership/partnership.entity';
import { forumService } from '../src/forum/forum.service';
import { ForumLevel, ForumRole } from '../src/forum/forum.entity';
import { meetingService } from '../src/meeting/meeting.service';
import { AttendanceStatus } from '../src/meeting/meeting.entity';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind } from '../src/agenda/agenda-item.entity';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { apiKeyService } from '../src/api-key/api-key.service';
import { ApiScope } from '../src/api-key/api-key.entity';
import { privacyService } from '../src/audit/privacy.service';
import { OparlRoute } from '../src/oparl/oparl.route';
import { RateLimiter } from '../src/http/protection';
import { accessService } from '../src/auth/access.service';
import { AccessRole } from '../src/auth/partnership-access.entity';
import { ACTION_ITEM_SCHEMA, ACTION_ITEM_TYPE, CONFIDENTIAL_TITLE, OPARL } from '../src/oparl/oparl.mapping';

/** Strings that exist only inside confidential records: no response may ever contain them. */
const SECRETS = ['HEMMELIG-TITEL', 'HEMMELIG-BESKRIVELSE', 'HEMMELIG-NOTE', 'HEMMELIG-BESLUTNING', 'HEMMELIG-HANDLING'];

/**
 * The OParl 1.1 JSON schemas, vendored in test/fixtures/oparl-1.1 (CC BY-SA 4.0, see its LICENSE) so a
 * clean clone tests against them; a sibling shared/oparl-1.1 is used when present.
 */
function schemaDir(): string {
  const root = path.resolve(__dirname, '../..');
  for (const p of [path.join(root, 'test', 'fixtures', 'oparl-1.1', 'schema'), path.join(root, '..', 'shared', 'oparl-1.1', 'schema')]) {
    if (fs.existsSync(path.join(p, 'System.json'))) return p;
  }
  throw new Error(`OParl 1.1 schemas not found in ${root}/test/fixtures/oparl-1.1/schema`);
}

/** ajv validators for every OParl type and the vendor ActionItem; "url" is an absolute http(s) URL. */
function validators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }) // the OParl patterns escape ':' and '/', which unicode mode refuses;
  addFormats(ajv);
  ajv.addFormat('url', (s: string) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  });
  const out = new Map<string, ValidateFunction>();
  const dir = schemaDir();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    out.set(`${OPARL}${f.replace(/\.json$/, '')}`, ajv.compile(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
  }
  out.set(ACTION_ITEM_TYPE, ajv.compile(ACTION_ITEM_SCHEMA));
  return out;
}

describe('OParl 1.1 export', function () {
  this.timeout(120_000);
  let db: TestDb;
  let server: RunningServer;
  let base: string;
  let schemas: Map<string, ValidateFunction>;
  const validated = new Map<string, number>();
  let s: Awaited<ReturnType<typeof seed>>;
  let keys: Record<'all' | 'meetingsOnly' | 'other', string>;
  /** A development token of Anna, who sits in the steering group with a legal basis (she reads confidential items in GraphQL). */
  let annaToken: string;

  /** Validate an object and every object embedded in it; returns how many were validated. */
  function validateDeep(o: unknown, where: string): void {
    if (Array.isArray(o)) return o.forEach((x, i) => validateDeep(x, `${where}[${i}]`));
    if (!o || typeof o !== 'object') return;
    const obj = o as Record<string, unknown>;
    if (typeof obj.type === 'string' && typeof obj.id === 'string') {
      const v = schemas.get(obj.type);
      assert.ok(v, `${where}: unknown type ${obj.type}`);
      assert.ok(v(obj), `${where} (${obj.type}) does not validate: ${JSON.stringify(v.errors)}\n${JSON.stringify(obj, null, 1)}`);
      validated.set(obj.type, (validated.get(obj.type) ?? 0) + 1);
      for (const [k, val] of Object.entries(obj)) if (k.includes(':')) assert.match(k, /^prk:/, `vendor property ${k} has the vendor prefix`);
    }
    for (const [k, v] of Object.entries(obj)) validateDeep(v, `${where}.${k}`);
  }

  async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
    const res = await fetch(url.startsWith('http') ? url : base + url, { headers });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
  }

  async function seed() {
    const ctx = ctxAt(db.ds);
    const dept = await organisationService.create(ctx, { name: 'Socialforvaltningen', kind: OrganisationKind.MUNICIPAL_DEPARTMENT, topics: ['udsatte unge'] });
    const unit = await organisationService.create(ctx, { name: 'SSP København', kind: OrganisationKind.SSP, parentId: dept.id });
    const police = await organisationService.create(ctx, { name: 'Københavns Politi', shortName: 'KBH Politi', kind: OrganisationKind.POLICE });
    const anna = await personService.create(ctx, { name: 'Anna Sørensen', title: 'SSP-konsulent', email: 'anna@example.dk', phone: '+4512345678' });
    const bo = await personService.create(ctx, { name: 'Bo Ærø', title: 'Lokalbetjent', email: 'bo@example.dk' });
    const cara = await personService.create(ctx, { name: 'Cara Holm' });
    await personService.addAffiliation(ctx, { personId: anna.id, organisationId: unit.id, startsOn: '2025-01-01' });
    await personService.addAffiliation(ctx, { personId: bo.id, organisationId: police.id, startsOn: '2025-01-01' });
    await personService.addAffiliation(ctx, { personId: cara.id, organisationId: dept.id, startsOn: '2025-01-01' });

    const pub = await partnershipService.create(ctx, { name: 'Tryghedspartnerskabet Tingbjerg-Husum', area: 'Tingbjerg-Husum', purpose: 'Tryghed', oparlPublic: true });
    for (const o of [dept, police]) {
      await partnershipService.addMember(ctx, { partnershipId: pub.id, organisationId: o.id, role: PartnershipRole.PARTNER, startsOn: '2025-01-01' });
    }
    const steering = await forumService.create(ctx, { partnershipId: pub.id, name: 'Styregruppen', level: ForumLevel.STRATEGIC, defaultLocation: 'Tingbjerg Bibliotek' });
    const ops = await forumService.create(ctx, { partnershipId: pub.id, name: 'Operationel gruppe', level: ForumLevel.OPERATIONAL });
    await forumService.addMember(ctx, { forumId: steering.id, personId: anna.id, organisationId: unit.id, role: ForumRole.CHAIR, startsOn: '2025-01-01', legalBasis: 'retsplejeloven § 115' });
    await forumService.addMember(ctx, { forumId: steering.id, personId: bo.id, organisationId: police.id, role: ForumRole.MEMBER, startsOn: '2025-01-01', endsOn: '2025-12-31' });
    await forumService.addMember(ctx, { forumId: ops.id, personId: cara.id, organisationId: dept.id, role: ForumRole.OBSERVER, startsOn: '2025-06-01' });

    const meetings = [];
    const items = [];
    for (let i = 0; i < 5; i++) {
      const forum = i % 2 ? ops : steering;
      const m = await meetingService.schedule(ctx, {
        forumId: forum.id,
        startsAt: new Date(Date.UTC(2026, 0, 10 + i * 20, 13)),
        location: i === 4 ? null : i % 2 ? 'Husum Medborgerhus' : 'Tingbjerg Bibliotek',
      });
      meetings.push(m);
      const a = await agendaService.add(ctx, m.id, { title: `Tryghedsvandring ${i}`, kind: AgendaItemKind.DECISION, description: 'Planlægning' });
      const b = await agendaService.add(ctx, m.id, { title: `Orientering ${i}`, kind: AgendaItemKind.INFORMATION });
      items.push(a, b);
    }
    // Meeting 0: held, with attendance, a decision and action items, and a confidential item.
    await meetingService.markHeld(ctx, meetings[0].id);
    await meetingService.recordAttendance(ctx, meetings[0].id, [
      { organisationId: unit.id, personId: anna.id, status: AttendanceStatus.PRESENT },
      { organisationId: police.id, personId: bo.id, status: AttendanceStatus.PRESENT },
    ]);
    const decision = await decisionService.record(ctx, { agendaItemId: items[0].id, text: 'Der afholdes tryghedsvandring i maj', caseNumber: '2026-0042', kleNumber: '27.24.00' });
    const action = await actionItemService.create(ctx, { title: 'Planlæg ruten', decisionId: decision.id, assigneeOrganisationId: police.id, dueDate: '2026-05-01' });
    const meetingAction = await actionItemService.create(ctx, { title: 'Send referat', meetingId: meetings[0].id, assigneeOrganisationId: unit.id, dueDate: '2026-02-01' });
    const secret = await agendaService.add(ctx, meetings[0].id, {
      title: 'HEMMELIG-TITEL om en ung',
      kind: AgendaItemKind.DECISION,
      description: 'HEMMELIG-BESKRIVELSE',
      confidential: true,
    });
    await agendaService.update(ctx, secret.id, { outcomeNotes: 'HEMMELIG-NOTE' });
    const secretDecision = await decisionService.record(ctx, { agendaItemId: secret.id, text: 'HEMMELIG-BESLUTNING' });
    await actionItemService.create(ctx, { title: 'HEMMELIG-HANDLING', decisionId: secretDecision.id, assigneeOrganisationId: unit.id, dueDate: '2026-03-01' });
    items.push(secret);
    await meetingService.cancel(ctx, meetings[3].id, 'Sygdom');

    // A partnership that has not opted in.
    const closed = await partnershipService.create(ctx, { name: 'Lukket partnerskab', area: 'Nørrebro' });
    await partnershipService.addMember(ctx, { partnershipId: closed.id, organisationId: police.id, role: PartnershipRole.LEAD, startsOn: '2025-01-01' });
    const closedForum = await forumService.create(ctx, { partnershipId: closed.id, name: 'Lukket forum', level: ForumLevel.TACTICAL });
    const closedMeeting = await meetingService.schedule(ctx, { forumId: closedForum.id, startsAt: new Date('2026-03-01T12:00:00Z'), location: 'Nørrebro Station' });
    const closedItem = await agendaService.add(ctx, closedMeeting.id, { title: 'Lukket punkt', kind: AgendaItemKind.DECISION });
    await decisionService.record(ctx, { agendaItemId: closedItem.id, text: 'Lukket beslutning' });
    return { dept, unit, police, anna, bo, cara, pub, steering, ops, meetings, items, secret, decision, action, meetingAction, closed, closedMeeting, closedItem };
  }

  before(async function () {
    this.timeout(180_000);
    db = await freshDatabase();
    schemas = validators();
    s = await seed();
    const ctx = ctxAt(db.ds);
    const key = async (scopes: ApiScope[], partnershipIds: string[]) => (await apiKeyService.create(ctx, { name: 'oparl', scopes, partnershipIds })).key;
    keys = {
      all: await key(Object.values(ApiScope), [s.pub.id, s.closed.id]),
      meetingsOnly: await key([ApiScope.READ_MEETINGS], [s.closed.id]),
      other: await key(Object.values(ApiScope), [s.pub.id]),
    };
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-oparl-dev-key-'));
    const auth = new Authenticator(db.ds, loadAuthConfig({ NODE_ENV: 'test', DEV_KEY_FILE: path.join(keyDir, 'key.json') }));
    annaToken = await auth.issueDevToken(s.anna.id);
    server = await startServer({
      dataSource: db.ds,
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      routes: [new OparlRoute({ dataSource: db.ds, authenticate: (h) => auth.authenticate(h) })],
    });
    base = `http://127.0.0.1:${(server.httpServer.address() as net.AddressInfo).port}`;
  });

  after(async () => {
    await server?.stop();
    await db?.close();
  });

  /**
   * A client that knows only the System URL: it fetches every URL it meets under the export (ids,
   * references, list links; lists first with limit=2 so it must follow links.next), validates every
   * object, and fails on any link that does not resolve.
   */
  async function crawl(headers: Record<string, string> = {}) {
    const root = `${base}/oparl/v1/`;
    const seen = new Set<string>();
    const queue = [root];
    const objects = new Map<string, any>();
    const texts: string[] = [];
    let nextLinks = 0;
    const enqueue = (v: unknown) => {
      if (typeof v === 'string' && v.startsWith(`${base}/oparl/v1`) && !seen.has(v)) {
        seen.add(v);
        queue.push(v);
      } else if (Array.isArray(v)) v.forEach(enqueue);
      else if (v && typeof v === 'object') Object.values(v).forEach(enqueue);
    };
    seen.add(root);
    while (queue.length) {
      const url = queue.shift()!;
      const r = await get(url, headers);
      assert.equal(r.status, 200, `${url} answered ${r.status}: ${r.text}`);
      texts.push(r.text);
      if (Array.isArray(r.json.data)) {
        assert.ok(r.json.pagination && r.json.links, `${url} is an OParl list page`);
        validateDeep(r.json.data, url);
        for (const o of r.json.data) {
          objects.set(o.id, o);
          enqueue(o);
        }
        if (r.json.links.next) {
          nextLinks++;
          assert.equal(r.json.data.length, r.json.pagination.elementsPerPage, 'only the last page is short');
          enqueue(r.json.links.next);
        }
        continue;
      }
      validateDeep(r.json, url);
      if (r.json.id) {
        assert.equal(r.json.id, url, 'an object is served at its id');
        objects.set(r.json.id, r.json);
      }
      // Lists are first asked for in pages of 2, so a client must follow links.next.
      for (const [k, v] of Object.entries(r.json)) {
        if (typeof v === 'string' && v.startsWith(base) && !v.includes('?') && /^(body|organization|person|meeting|paper|agendaItem|membership|locationList|prk:actionItem)$/.test(k) && /s$/.test(v)) {
          const paged = `${v}?limit=2`;
          if (!seen.has(v)) seen.add(v);
          enqueue(paged);
        } else enqueue(v);
      }
    }
    return { objects, texts, nextLinks, fetched: seen.size };
  }

  const byType = (objects: Map<string, any>, type: string) => [...objects.values()].filter((o) => o.type === `${OPARL}${type}` || o.type === type);

  it('walks from the System object to every meeting and agenda item of the published partnership, following links only', async () => {
    const { objects, nextLinks, fetched } = await crawl();
    assert.ok(nextLinks >= 5, `followed ${nextLinks} links.next`);
    const bodies = byType(objects, 'Body');
    assert.deepEqual(bodies.map((b) => b.name), ['Tryghedspartnerskabet Tingbjerg-Husum'], 'only the published partnership is visible anonymously');
    const meetingIds = new Set(byType(objects, 'Meeting').map((m) => m.id.split('/').pop()));
    assert.deepEqual([...meetingIds].sort(), s.meetings.map((m) => m.id).sort(), 'every meeting found');
    const itemIds = new Set(byType(objects, 'AgendaItem').map((a) => a.id.split('/').pop()));
    assert.deepEqual([...itemIds].sort(), s.items.map((a) => a.id).sort(), 'every agenda item found');
    // Every type of the export was seen and validated.
    for (const t of ['System', 'Body', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Location']) {
      assert.ok((validated.get(`${OPARL}${t}`) ?? 0) > 0, `${t} objects validated`);
    }
    assert.ok((validated.get(ACTION_ITEM_TYPE) ?? 0) >= 2, 'action items validated against the vendor schema');
    assert.ok(fetched > 40, `fetched ${fetched} URLs`);
  });

  it('maps the record: forums and member organisations, memberships on behalf of organisations, meeting details, results from decisions', async () => {
    const { objects } = await crawl();
    const orgs = byType(objects, 'Organization');
    const steering = orgs.find((o) => o.name === 'Styregruppen');
    assert.equal(steering.organizationType, 'Gremium');
    assert.equal(steering.classification, 'Strategisk forum');
    assert.equal(steering.membership.length, 2);
    const police = orgs.find((o) => o.name === 'Københavns Politi');
    assert.equal(police.organizationType, 'Institution');
    assert.equal(police.shortName, 'KBH Politi');
    assert.equal(police.startDate, '2025-01-01');
    const unit = orgs.find((o) => o.name === 'SSP København');
    assert.ok(unit, 'an organisation a member acts for is exported even when it is not itself a partnership member');
    assert.equal(unit.subOrganizationOf, orgs.find((o) => o.name === 'Socialforvaltningen').id);

    const memberships = byType(objects, 'Membership').filter((m) => m.person);
    const bos = memberships.find((m) => m.person.endsWith(s.bo.id));
    assert.equal(bos.organization, steering.id);
    assert.equal(bos.onBehalfOf, police.id);
    assert.equal(bos.endDate, '2025-12-31', 'an ended membership keeps its end date, it is not deleted');
    assert.equal(bos.role, 'Medlem');

    const anna = byType(objects, 'Person').find((p) => p.name === 'Anna Sørensen');
    assert.equal(anna.email, undefined, 'no contact details without the directory scope');
    assert.deepEqual(anna.status, ['SSP-konsulent']);
    assert.equal(anna.membership[0].onBehalfOf, unit.id);

    const meetings = byType(objects, 'Meeting');
    const held = meetings.find((m) => m.id.endsWith(s.meetings[0].id));
    assert.equal(held.meetingState, 'afholdt');
    assert.equal(held.cancelled, false);
    assert.equal(held.location.type, `${OPARL}Location`);
    assert.equal(held.location.description, 'Tingbjerg Bibliotek');
    assert.ok(objects.get(held.location.id), 'the location resolves');
    assert.deepEqual(held.organization, [steering.id]);
    assert.deepEqual([...held.participant].sort(), [s.anna.id, s.bo.id].map((id) => `${base}/oparl/v1/body/${s.pub.id}/person/${id}`).sort());
    assert.deepEqual(held.agendaItem.map((a: any) => a.order), [1, 2, 3]);
    const decided = held.agendaItem[0];
    assert.equal(decided.result, 'Besluttet');
    assert.equal(decided.resolutionText, 'Der afholdes tryghedsvandring i maj');
    assert.equal(decided['prk:decision'][0].caseNumber, '2026-0042');
    assert.deepEqual(decided['prk:actionItem'], [`${base}/oparl/v1/body/${s.pub.id}/action-item/${s.action.id}`]);
    assert.deepEqual([...held['prk:actionItem']].sort(), [s.action.id, s.meetingAction.id].map((id) => `${base}/oparl/v1/body/${s.pub.id}/action-item/${id}`).sort());
    const cancelled = meetings.find((m) => m.id.endsWith(s.meetings[3].id));
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled['prk:cancellationReason'], 'Sygdom');

    const action = objects.get(`${base}/oparl/v1/body/${s.pub.id}/action-item/${s.action.id}`);
    assert.equal(action.type, ACTION_ITEM_TYPE);
    assert.equal(action.assigneeOrganization, police.id);
    assert.equal(action.agendaItem, decided.id);
    assert.equal(action.dueDate, '2026-05-01');
    // A list entry equals the object served at its id.
    assert.deepEqual((await get(held.id)).json, held);
  });

  it('exports no confidential content: a confidential agenda item is a neutral stub, its decision and action item are absent', async () => {
    for (const headers of [{}, { authorization: `Bearer ${keys.all}` }] as Record<string, string>[]) {
      const { objects, texts } = await crawl(headers);
      for (const t of texts) for (const secret of SECRETS) assert.ok(!t.includes(secret), `${secret} leaked`);
      const stub = objects.get(`${base}/oparl/v1/body/${s.pub.id}/agenda-item/${s.secret.id}`);
      assert.deepEqual(Object.keys(stub).sort(), ['created', 'id', 'meeting', 'modified', 'name', 'number', 'order', 'public', 'type']);
      assert.equal(stub.name, CONFIDENTIAL_TITLE);
      assert.equal(stub.public, false);
      assert.equal(byType(objects, ACTION_ITEM_TYPE).length, 2, 'the confidential action item is not exported');
    }
  });

  it('an unpublished partnership is invisible without a key; keys see their partnerships within their scopes', async () => {
    const closedBody = `/oparl/v1/body/${s.closed.id}`;
    const anon = await get('/oparl/v1/bodies');
    assert.deepEqual(anon.json.data.map((b: any) => b.name), ['Tryghedspartnerskabet Tingbjerg-Husum']);
    for (const url of [closedBody, `${closedBody}/meetings`, `${closedBody}/meeting/${s.closedMeeting.id}`, `${closedBody}/agenda-items`]) {
      assert.equal((await get(url)).status, 404, `${url} anonymously`);
      assert.equal((await get(url, { authorization: `Bearer ${keys.other}` })).status, 404, `${url} with a key for another partnership`);
    }
    assert.equal((await get(closedBody, { authorization: 'Bearer prk_00000000_nope' })).status, 401);

    const all = { authorization: `Bearer ${keys.all}` };
    assert.equal((await get('/oparl/v1/bodies', all)).json.data.length, 2);
    const meeting = (await get(`${closedBody}/meeting/${s.closedMeeting.id}`, all)).json;
    assert.equal(meeting.agendaItem[0].resolutionText, 'Lukket beslutning');
    validateDeep(meeting, 'closed meeting');

    // read:meetings without read:decisions: agenda items without their decisions, no action items.
    const limited = { 'x-api-key': keys.meetingsOnly };
    const m2 = (await get(`${closedBody}/meeting/${s.closedMeeting.id}`, limited)).json;
    assert.equal(m2.agendaItem[0].name, 'Lukket punkt');
    assert.equal(m2.agendaItem[0].resolutionText, undefined);
    assert.equal(m2.agendaItem[0].result, undefined);
    assert.deepEqual((await get(`${closedBody}/action-items`, limited)).json.data, []);

    // The directory scope adds contact details.
    const anna = (await get(`/oparl/v1/body/${s.pub.id}/person/${s.anna.id}`, all)).json;
    assert.deepEqual(anna.email, ['anna@example.dk']);
    assert.deepEqual(anna.phone, ['+4512345678']);
  });

  it('modified_since returns what changed since, including deleted (erased) people as stubs', async () => {
    const [{ t0 }] = await db.ds.query('SELECT now() AS t0');
    const since = encodeURIComponent(new Date(t0).toISOString());
    await new Promise((r) => setTimeout(r, 20));
    const ctx = createContext(db.ds, { principal: SYSTEM });
    await meetingService.update(ctx, s.meetings[2].id, { title: 'Nyt navn' });
    await decisionService.record(ctx, { agendaItemId: s.items[8].id, text: 'Ny beslutning' }); // an item of meeting 4
    await privacyService.erasePerson(ctx, s.cara.id, 'Anmodning om sletning');

    const pid = s.pub.id;
    const meetings = (await get(`/oparl/v1/body/${pid}/meetings?modified_since=${since}`)).json;
    assert.deepEqual(meetings.data.map((m: any) => m.id.split('/').pop()).sort(), [s.meetings[2].id, s.meetings[4].id].sort());
    for (const m of meetings.data) assert.ok(new Date(m.modified) >= new Date(t0));
    const items = (await get(`/oparl/v1/body/${pid}/agenda-items?modified_since=${since}`)).json;
    assert.deepEqual(items.data.map((a: any) => a.id.split('/').pop()), [s.items[8].id]);
    assert.equal(items.data[0].resolutionText, 'Ny beslutning');
    const until = (await get(`/oparl/v1/body/${pid}/meetings?modified_until=${since}`)).json;
    assert.equal(until.data.length, 3, 'modified_until: the meetings not touched since');

    const persons = (await get(`/oparl/v1/body/${pid}/persons?modified_since=${since}`)).json;
    assert.equal(persons.data.length, 1);
    const stub = persons.data[0];
    assert.deepEqual(Object.keys(stub).sort(), ['created', 'deleted', 'id', 'modified', 'type']);
    assert.equal(stub.deleted, true);
    assert.equal(stub.id, `${base}/oparl/v1/body/${pid}/person/${s.cara.id}`);
    validateDeep(stub, 'deleted person');
    // A full harvest leaves deleted objects out; the object's own URL still answers (never 404/410).
    const full = (await get(`/oparl/v1/body/${pid}/persons`)).json;
    assert.ok(!full.data.some((p: any) => p.id === stub.id));
    assert.deepEqual((await get(stub.id)).json, stub);

    // created_since: nothing was created after the seed except the new decision (which is no object of its own).
    assert.deepEqual((await get(`/oparl/v1/body/${pid}/meetings?created_since=${since}`)).json.data, []);
    assert.equal((await get(`/oparl/v1/body/${pid}/meetings?modified_since=yesterday`)).status, 400);
    // An unencoded "+01:00" arrives as " 01:00" and is still understood.
    const local = new Date(t0).toISOString().replace('Z', '+00:00');
    assert.equal((await get(`/oparl/v1/body/${pid}/meetings?modified_since=${local}`)).json.data.length, 2);
  });

  it('a list page costs the same number of SQL statements whatever its size (no N+1)', async () => {
    const pid = s.pub.id;
    const lists = ['organizations', 'persons', 'memberships', 'meetings', 'agenda-items', 'locations', 'action-items'];
    for (const headers of [{}, { authorization: `Bearer ${keys.all}` }] as Record<string, string>[]) {
      await get(`/oparl/v1/body/${pid}`, headers); // the key's first use of the minute records it (one write), not counted below
      for (const l of lists) {
        const counts: number[] = [];
        for (const limit of [1, 100]) {
          db.sql.reset();
          const r = await get(`/oparl/v1/body/${pid}/${l}?limit=${limit}`, headers);
          assert.equal(r.status, 200);
          if (limit === 100) assert.ok(r.json.data.length > 1, `${l} has several objects`);
          counts.push(db.sql.count);
        }
        assert.equal(counts[0], counts[1], `${l}: ${counts[0]} statements for 1 object, ${counts[1]} for a full page`);
        assert.ok(counts[1] <= 3, `${l}: ${counts[1]} statements`);
      }
    }
  });

  it('is read-only, answers HEAD and CORS preflight, and refuses malformed parameters', async () => {
    const r = await fetch(`${base}/oparl/v1/bodies`, { method: 'POST' });
    assert.equal(r.status, 405);
    assert.equal((await fetch(`${base}/oparl/v1/`, { method: 'OPTIONS' })).status, 204);
    assert.equal((await fetch(`${base}/oparl/v1/`, { method: 'HEAD' })).status, 200);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/meetings?limit=0`)).status, 400);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/meetings?after=${encodeURIComponent("x' OR 1=1")}`)).status, 400);
    assert.equal((await get(`/oparl/v1/body/not-a-uuid`)).status, 404);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/meeting/not-a-uuid`)).status, 404);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/papers`)).json.data.length, 0);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/forum/${s.steering.id}/meetings`)).json.data.length, 3);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/forum/${s.ops.id}/meetings?limit=1`)).json.data.length, 1);
    assert.equal((await get(`/oparl/v1/body/${s.pub.id}/forum/${s.closedMeeting.forumId}/meetings`)).status, 404, "another body's forum");
    assert.equal((await get('/oparl/v1/schema/ActionItem.json')).json.title, 'ActionItem');
  });

  it('only administrators publish a partnership; once published anyone reads it, and withdrawn it is gone again', async () => {
    const ctx = ctxAt(db.ds);
    const admin = await personService.create(ctx, { name: 'Dorte Admin' });
    const coordinator = await personService.create(ctx, { name: 'Erik Koordinator' });
    await accessService.grant(ctx, { partnershipId: s.closed.id, personId: admin.id, role: AccessRole.ADMIN });
    await accessService.grant(ctx, { partnershipId: s.closed.id, personId: coordinator.id, role: AccessRole.COORDINATOR });
    const as = (personId: string) => createContext(db.ds, { principal: { kind: 'person', personId, via: 'dev' } });
    const closedBody = `/oparl/v1/body/${s.closed.id}`;
    await assert.rejects(partnershipService.update(as(coordinator.id), s.closed.id, { oparlPublic: true }), (e: any) => e.code === 'FORBIDDEN');
    assert.equal((await get(closedBody)).status, 404);
    // A coordinator may still edit other fields.
    await partnershipService.update(as(coordinator.id), s.closed.id, { purpose: 'Nyt formål' });
    await partnershipService.update(as(admin.id), s.closed.id, { oparlPublic: true });
    const body = await get(closedBody);
    assert.equal(body.status, 200);
    validateDeep(body.json, 'published body');
    const meeting = (await get(`${closedBody}/meeting/${s.closedMeeting.id}`)).json;
    assert.equal(meeting.agendaItem[0].resolutionText, 'Lukket beslutning', 'a published partnership shows its decisions');
    await partnershipService.update(as(admin.id), s.closed.id, { oparlPublic: false });
    assert.equal((await get(closedBody)).status, 404);
  });

  it('shares the rate limit of the API: past the budget it answers 429 with Retry-After', async () => {
    const limited = await startServer({
      dataSource: db.ds,
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      routes: [new OparlRoute({ dataSource: db.ds, rateLimiter: new RateLimiter({ rateLimit: { points: 2, durationSec: 60 } }) })],
    });
    try {
      const url = `http://127.0.0.1:${(limited.httpServer.address() as net.AddressInfo).port}/oparl/v1/`;
      assert.equal((await fetch(url)).status, 200);
      const second = await fetch(url);
      assert.equal(second.status, 200);
      assert.equal(second.headers.get('ratelimit-remaining'), '0');
      const third = await fetch(url);
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get('retry-after')) > 0);
    } finally {
      await limited.stop();
    }
  });

  it('builds ids on the configured public base URL (OPARL_BASE_URL)', async () => {
    const other = await startServer({
      dataSource: db.ds,
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      routes: [new OparlRoute({ dataSource: db.ds, baseUrl: 'https://record.example.dk/' })],
    });
    try {
      const r = await fetch(`http://127.0.0.1:${(other.httpServer.address() as net.AddressInfo).port}/oparl/v1/bodies?limit=1`);
      const json: any = await r.json();
      assert.equal(json.data[0].id, `https://record.example.dk/oparl/v1/body/${s.pub.id}`);
      assert.equal(json.links.first, 'https://record.example.dk/oparl/v1/bodies?limit=1');
    } finally {
      await other.stop();
    }
  });
});
