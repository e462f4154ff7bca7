/**
 * Minutes (referat) as HTML and PDF: content, Danish dates and letters, escaping, redaction of
 * confidential items for readers without a legal basis, and the HTTP routes with their access rules.
 * The PDF is read back with pdfjs-dist.
 */
import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { startTestHttpServer, TestHttpServer } from './support/http-server';
import { buildAuthzWorld, AuthzWorld, SECRET, F1_WORD } from './support/actors';
import { pdfText } from './support/documents';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { meetingService } from '../src/meeting/meeting.service';
import { agendaService } from '../src/agenda/agenda.service';
import { AgendaItemKind, AgendaItemStatus } from '../src/agenda/agenda-item.entity';
import { decisionService } from '../src/decision/decision.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { AttendanceStatus } from '../src/meeting/meeting.entity';
import { renderMinutesHtml, renderMinutesPdf } from '../src/minutes/minutes.service';
import { minutesRoute } from '../src/minutes/minutes.route';
import { escapeHtml } from '../src/minutes/minutes.html';

const DAY = 24 * 3600_000;
const INJECTION = `<script>alert("x")</script> & <img src=x onerror=alert(1)>`;
const SECRET_HERE = 'Zanzibarmøde';

describe('Minutes (referat) as HTML and PDF', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: AuthzWorld;
  let meetingId: string;
  let startsAt: Date;
  let http: TestHttpServer;
  let base: string;
  const token: Record<string, string> = {};
  const person = (id: string) => createContext(db.ds, { principal: { kind: 'person', personId: id, via: 'dev' } });

  before(async function () {
    this.timeout(120_000);
    db = await freshDatabase();
    w = await buildAuthzWorld(db.ds);
    const sys = createContext(db.ds, { principal: SYSTEM });
    // A held meeting of F1 five days ago, after m1 (whose open action items are on its follow-up list).
    startsAt = new Date(Math.floor((Date.now() - 5 * DAY) / 3600_000) * 3600_000);
    const m = await meetingService.schedule(sys, {
      forumId: w.forums.f1.id,
      title: 'SSP-lokaludvalg, møde i Ærøgade',
      startsAt,
      location: 'Tingbjerg Bibliotek, Ærøsalen',
    });
    meetingId = m.id;
    const item = await agendaService.add(sys, m.id, {
      title: `Tryghedsvandring i Ålholm ${INJECTION}`,
      description: 'Baggrund: uro ved Søndergårds butikstorv.\nFlere henvendelser fra beboere.',
      kind: AgendaItemKind.DECISION,
      presenterOrganisationId: w.orgs.orgPolice.id,
      plannedMinutes: 20,
      outcomeNotes: 'Enighed om en fælles vandring.\n\nPolitiet og SSP deltager.',
    });
    await agendaService.update(sys, item.id, { status: AgendaItemStatus.DISCUSSED });
    const conf = await agendaService.add(sys, m.id, {
      title: `Bekymring: ${SECRET_HERE}`,
      description: `Detaljer om ${SECRET_HERE}`,
      outcomeNotes: `Aftalt: ${SECRET_HERE}`,
      kind: AgendaItemKind.DISCUSSION,
      confidential: true,
    });
    await agendaService.add(sys, m.id, { title: 'Eventuelt', kind: AgendaItemKind.INFORMATION });
    const d = await decisionService.record(sys, {
      agendaItemId: item.id,
      text: 'Der gennemføres en tryghedsvandring med beboerrådgiverne før jul.',
      caseNumber: '2026-0004711',
      kleNumber: '27.24.00',
      responsibleOrganisationIds: [w.orgs.orgSSP.id, w.orgs.orgPolice.id],
    });
    const due = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    await actionItemService.create(sys, {
      decisionId: d.id,
      title: 'Planlæg ruten gennem Ålholmparken',
      assigneeOrganisationId: w.orgs.orgSSP.id,
      assigneePersonId: w.people.legal1.id,
      dueDate: due,
    });
    const confDecision = await decisionService.record(sys, { agendaItemId: conf.id, text: `Beslutning om ${SECRET_HERE}` });
    await actionItemService.create(sys, { decisionId: confDecision.id, title: `Opgave om ${SECRET_HERE}`, assigneeOrganisationId: w.orgs.orgSSP.id, dueDate: due });
    await meetingService.recordAttendance(sys, m.id, [
      { organisationId: w.orgs.orgSSP.id, personId: w.people.legal1.id, status: AttendanceStatus.PRESENT },
      { organisationId: w.orgs.orgSSP.id, personId: w.people.member1.id, status: AttendanceStatus.PRESENT },
      { organisationId: w.orgs.orgPolice.id, personId: w.people.coord1.id, status: AttendanceStatus.EXCUSED },
      { organisationId: w.orgs.orgSchool.id, status: AttendanceStatus.ABSENT },
    ]);
    await meetingService.markHeld(sys, m.id);

    http = await startTestHttpServer(db.ds, { coord1: w.people.coord1.id, legal1: w.people.legal1.id, nobody: w.people.nobody.id, member2: w.people.member2.id }, (authenticate) => [minutesRoute({ dataSource: db.ds, authenticate })]);
    base = http.base;
    Object.assign(token, http.token);
  });

  after(async () => {
    if (http) await http.stop();
    if (db) await db.close();
  });

  const danishDay = () => new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(startsAt);

  it('PDF: forum, Danish date and place, attendance by organisation, agenda with outcomes, decisions, actions and the follow-up list', async () => {
    const pdf = await renderMinutesPdf(person(w.people.coord1.id), meetingId);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const { text } = await pdfText(pdf);
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Referat: SSP-lokaludvalg',
      'SSP-lokaludvalg, møde i Ærøgade',
      danishDay(),
      'Tingbjerg Bibliotek, Ærøsalen',
      'Til stede (1 organisation)',
      'SSP Tingbjerg: Jurist Lovlig, Medlem Uden Hjemmel',
      'Afbud (1 organisation)',
      'Station Bellahøj: Koordinator Et',
      'Fraværende (1 organisation)',
      'Tingbjerg Skole',
      `1. Tryghedsvandring i Ålholm ${INJECTION}`,
      'Beslutning · Behandlet · Fremlægges af Station Bellahøj · 20 min.',
      'Baggrund: uro ved Søndergårds butikstorv.',
      'Enighed om en fælles vandring.',
      'Der gennemføres en tryghedsvandring med beboerrådgiverne før jul.',
      'Beslutning · Gældende · Sagsnr. 2026-0004711 · KLE 27.24.00',
      'Ansvarlig: SSP Tingbjerg, Station Bellahøj',
      'Planlæg ruten gennem Ålholmparken',
      'Jurist Lovlig',
      '3. Eventuelt',
      'Opfølgning',
      `Planlæg ${F1_WORD}-ruten`,
      'Politiets deltagelse',
      'Udkast – ikke godkendt',
      'Side 1 af',
    ]) {
      assert.ok(flat.includes(expected), `PDF text lacks "${expected}"\n---\n${text}`);
    }
    // Danish letters survive as letters (not as look-alike glyphs or question marks).
    assert.match(flat, /æ.*ø.*å|Æ.*Ø.*Å/);
    assert.ok(!/\uFFFD/.test(text));
    // Due dates as Danish calendar dates.
    const due = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10).split('-').reverse().join('.');
    assert.ok(flat.includes(due), `due date ${due} missing`);
  });

  it('PDF: confidential items are redacted for a reader without a legal basis, shown (and logged) for one with', async () => {
    const { text: redacted } = await pdfText(await renderMinutesPdf(person(w.people.coord1.id), meetingId));
    assert.ok(!redacted.includes(SECRET_HERE), 'the secret leaked into the redacted PDF');
    assert.ok(!redacted.includes(SECRET), 'the follow-up list leaked the secret');
    assert.ok(redacted.includes('[Fortroligt]'));
    assert.match(redacted.replace(/\s+/g, ' '), /\d+ fortrolige elementer er skjult/);

    const before: { n: string }[] = await db.ds.query('SELECT count(*)::text AS n FROM confidential_read WHERE person_id = $1', [w.people.legal1.id]);
    const { text: full } = await pdfText(await renderMinutesPdf(person(w.people.legal1.id), meetingId));
    assert.ok(full.includes(`Bekymring: ${SECRET_HERE}`));
    assert.ok(full.includes(`Beslutning om ${SECRET_HERE}`));
    assert.ok(full.includes(`Opgave om ${SECRET_HERE}`));
    // m1's confidential action item is still open: on the follow-up list, readable with the legal basis.
    assert.ok(full.includes(`Samtale om ${SECRET}`));
    assert.ok(!full.includes('[Fortroligt]'));
    const after: { n: string }[] = await db.ds.query('SELECT count(*)::text AS n FROM confidential_read WHERE person_id = $1', [w.people.legal1.id]);
    assert.ok(Number(after[0].n) > Number(before[0].n), 'reading confidential minutes was not logged');
  });

  it('HTML: self-contained Danish document, every record text escaped, same redaction', async () => {
    const html = await renderMinutesHtml(person(w.people.coord1.id), meetingId);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="da">/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.ok(!/<script|<img|<link|src=|href=/i.test(html.replace(escapeHtml(INJECTION), '')), 'the document must load nothing and run nothing');
    assert.ok(!html.includes(INJECTION));
    assert.ok(html.includes(`Tryghedsvandring i Ålholm ${escapeHtml(INJECTION)}`));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes(danishDay()));
    assert.ok(html.includes('Tingbjerg Bibliotek, Ærøsalen'));
    assert.ok(html.includes('<p>Enighed om en fælles vandring.</p><p>Politiet og SSP deltager.</p>'));
    assert.ok(html.includes('Baggrund: uro ved Søndergårds butikstorv.<br>Flere henvendelser fra beboere.'));
    assert.ok(html.includes('Sagsnr. 2026-0004711'));
    assert.ok(!html.includes(SECRET_HERE) && !html.includes(SECRET));
    assert.ok(html.includes('[Fortroligt]'));
    const full = await renderMinutesHtml(person(w.people.legal1.id), meetingId);
    assert.ok(full.includes(`Bekymring: ${SECRET_HERE}`));
  });

  it('refuses meetings the reader may not read, as NOT_FOUND', async () => {
    await assert.rejects(renderMinutesHtml(person(w.people.member2.id), meetingId), (e: any) => e.code === 'NOT_FOUND');
    await assert.rejects(renderMinutesPdf(person(w.people.nobody.id), meetingId), (e: any) => e.code === 'NOT_FOUND');
  });

  it('reads the minutes in a fixed number of SQL statements, however long the agenda', async () => {
    const count = async () => {
      db.sql.reset();
      await renderMinutesHtml(person(w.people.coord1.id), meetingId);
      return db.sql.count;
    };
    const before = await count();
    const sys = createContext(db.ds, { principal: SYSTEM });
    const due = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const addItems = async (n: number, from: number) => {
      for (let i = from; i < from + n; i++) {
        const item = await agendaService.add(sys, meetingId, { title: `Ekstra punkt ${i}`, kind: AgendaItemKind.DECISION, presenterPersonId: w.people.member1.id });
        const d = await decisionService.record(sys, { agendaItemId: item.id, text: `Beslutning ${i}`, responsibleOrganisationIds: [w.orgs.orgSchool.id] });
        await actionItemService.create(sys, { decisionId: d.id, title: `Opgave ${i}`, assigneeOrganisationId: w.orgs.orgSchool.id, assigneePersonId: w.people.member2.id, dueDate: due });
      }
    };
    await addItems(6, 0);
    const after6 = await count();
    await addItems(12, 6);
    const after18 = await count();
    assert.ok(before < 40, `${before} statements`);
    // Batched by loaders: more items (each with a presenter, decision, organisation, action and assignee)
    // may shift a batch into another tick, but never cost a statement per item: 12 more items add fewer
    // than 12 statements (per item, each would add several).
    assert.ok(after6 - before < 6, `statements grew with the agenda: ${before} → ${after6} for 6 more items`);
    assert.ok(after18 - after6 < 6, `statements grew with the agenda: ${after6} → ${after18} for 12 more items`);
  });

  describe('HTTP: GET /meetings/<id>/minutes.pdf and .html', () => {
    const get = (p: string, headers: Record<string, string> = {}) => fetch(`${base}${p}`, { headers });

    it('serves the PDF as an attachment, not cached, to an authenticated reader', async () => {
      const res = await get(`/meetings/${meetingId}/minutes.pdf`, { authorization: `Bearer ${token.coord1}` });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="Referat SSP-lokaludvalg \d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      const buf = Buffer.from(await res.arrayBuffer());
      const { text } = await pdfText(buf);
      assert.ok(text.includes('Referat: SSP-lokaludvalg'));
      assert.ok(!text.includes(SECRET_HERE));
    });

    it('serves the HTML inline with a strict content security policy', async () => {
      const res = await get(`/meetings/${meetingId}/minutes.html`, { authorization: `Bearer ${token.legal1}` });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(res.headers.get('content-disposition') ?? '', /^inline;/);
      assert.ok((await res.text()).includes(`Bekymring: ${SECRET_HERE}`));
    });

    it('401 without or with bad credentials, 404 for meetings out of reach or unknown, 403 for a key without the scopes', async () => {
      const none = await get(`/meetings/${meetingId}/minutes.pdf`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer');
      assert.equal((await get(`/meetings/${meetingId}/minutes.pdf`, { authorization: 'Bearer nonsense' })).status, 401);
      const hidden = await get(`/meetings/${meetingId}/minutes.html`, { authorization: `Bearer ${token.member2}` });
      assert.equal(hidden.status, 404);
      assert.equal(((await hidden.json()) as any).error.code, 'NOT_FOUND');
      assert.equal((await get(`/meetings/00000000-0000-4000-8000-000000000000/minutes.pdf`, { authorization: `Bearer ${token.coord1}` })).status, 404);
      assert.equal((await get(`/meetings/not-an-id/minutes.pdf`, { authorization: `Bearer ${token.coord1}` })).status, 404);
      const meetingsOnly = await get(`/meetings/${meetingId}/minutes.pdf`, { 'x-api-key': w.keys.meetingsP1 });
      assert.equal(meetingsOnly.status, 403);
      assert.match(((await meetingsOnly.json()) as any).error.message, /read:decisions/);
      const all = await get(`/meetings/${meetingId}/minutes.html`, { 'x-api-key': w.keys.allP1 });
      assert.equal(all.status, 200);
      const html = await all.text();
      assert.ok(html.includes('Tryghedsvandring i Ålholm') && !html.includes(SECRET_HERE), 'API keys never read confidential content');
      assert.equal((await fetch(`${base}/meetings/${meetingId}/minutes.pdf`, { method: 'POST', headers: { authorization: `Bearer ${token.coord1}` } })).status, 405);
    });
  });
});
