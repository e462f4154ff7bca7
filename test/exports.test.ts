/**
 * CSV and XLSX exports of action items and decisions through real HTTP: the API's filters, read
 * scoping and redaction; CSV with BOM, RFC 4180 quoting and formula neutralisation (parsed back with
 * csv-parse); XLSX read back with exceljs.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { freshDatabase, TestDb } from './support/db';
import { startTestHttpServer, TestHttpServer } from './support/http-server';
import { buildAuthzWorld, AuthzWorld, SECRET, F1_WORD } from './support/actors';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { actionItemService } from '../src/action-item/action-item.service';
import { exportsRoute } from '../src/exports/exports.route';
import { queryAs } from '../src/common/internal-query';
import { PassThrough } from 'node:stream';
import { csvWriter, defuse, xlsxWriter } from '../src/exports/spreadsheet';
import { ResponseClosed } from '../src/http/documents';

const FORMULA = '=HYPERLINK("http://example.invalid/x","klik her")';
const TRICKY = 'Linje 1, med komma og "citat"\nLinje 2: Æblegården, Øresund, Århus';

describe('Spreadsheet exports (CSV, XLSX)', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: AuthzWorld;
  let http: TestHttpServer;
  let base: string;
  const token: Record<string, string> = {};

  before(async function () {
    this.timeout(120_000);
    db = await freshDatabase();
    w = await buildAuthzWorld(db.ds);
    const sys = createContext(db.ds, { principal: SYSTEM });
    const due = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    await actionItemService.create(sys, { decisionId: w.decisions.d2.id, title: FORMULA, description: TRICKY, assigneeOrganisationId: w.orgs.orgSchool.id, dueDate: due });
    await actionItemService.create(sys, { decisionId: w.decisions.d2.id, title: '+45 12 34 56 78 ringes op', assigneeOrganisationId: w.orgs.orgSchool.id, dueDate: due });
    http = await startTestHttpServer(db.ds, { coord1: w.people.coord1.id, legal1: w.people.legal1.id, member2: w.people.member2.id }, (authenticate) => [exportsRoute({ dataSource: db.ds, authenticate })]);
    base = http.base;
    Object.assign(token, http.token);
  });

  after(async () => {
    if (http) await http.stop();
    if (db) await db.close();
  });

  const get = (p: string, auth: Record<string, string>) => fetch(`${base}${p}`, { headers: auth });
  const bearer = (who: string) => ({ authorization: `Bearer ${token[who]}` });

  async function csv(p: string, auth: Record<string, string>) {
    const res = await get(p, auth);
    assert.equal(res.status, 200, await res.clone().text());
    const buf = Buffer.from(await res.arrayBuffer());
    return { res, buf, records: parse(buf, { bom: true }) as string[][] };
  }

  it('CSV of action items: BOM, CRLF, RFC 4180 quoting, Danish text intact, formulas neutralised, same rows as the API', async () => {
    const { res, buf, records } = await csv(`/exports/action-items.csv?partnershipId=${w.p1.id}&status=open,IN_PROGRESS`, bearer('coord1'));
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="Opgaver \d{4}-\d{2}-\d{2}\.csv"/);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(buf.includes('\r\n'), 'records end with CRLF');
    const [header, ...rows] = records;
    assert.deepEqual(header.slice(0, 6), ['Opgave', 'Beskrivelse', 'Status', 'Frist', 'Overskredet', 'Ansvarlig organisation']);
    const byTitle = new Map(rows.map((r) => [r[0], r]));
    const tricky = byTitle.get(`'${FORMULA}`);
    assert.ok(tricky, `the formula title is exported with a leading apostrophe: ${[...byTitle.keys()].join(' | ')}`);
    assert.equal(tricky[1], TRICKY, 'quotes, commas, newlines and æøå survive the round trip');
    assert.equal(tricky[5], 'Tingbjerg Skole');
    assert.ok(byTitle.has("'+45 12 34 56 78 ringes op"));
    assert.ok(buf.toString('utf8').includes(`"'=HYPERLINK(""http://example.invalid/x"",""klik her"")"`), 'RFC 4180: quotes doubled inside quotes');
    assert.ok(byTitle.has(`Planlæg ${F1_WORD}-ruten`));
    // The coordinator has no legal basis: the confidential action item is there, its text is not.
    assert.ok(!buf.toString('utf8').includes(SECRET));
    const hidden = rows.find((r) => r[0] === '[Fortroligt]');
    assert.ok(hidden && hidden[11] === 'Ja' && hidden[2] === 'I gang');
    for (const r of rows) assert.ok(['Åben', 'I gang'].includes(r[2]));
    // The same rows as the API's list with the same filter.
    const ctx = createContext(db.ds, { principal: { kind: 'person', personId: w.people.coord1.id, via: 'dev' } });
    const api = await queryAs<{ actionItems: { totalCount: number } }>(ctx, 'query($f: ActionItemFilter) { actionItems(filter: $f) { totalCount } }', {
      f: { partnershipId: w.p1.id, status: ['OPEN', 'IN_PROGRESS'] },
    });
    assert.equal(rows.length, api.actionItems.totalCount);
  });

  it('CSV shows confidential text to a reader with a legal basis, and only what a reader may read', async () => {
    const legal = await csv(`/exports/action-items.csv?forumId=${w.forums.f1.id}`, bearer('legal1'));
    assert.ok(legal.records.some((r) => r[0] === `Samtale om ${SECRET}`));
    // member2 sits only in F2 and works for the school: F2's items plus the school's own items elsewhere.
    const m2 = await csv('/exports/action-items.csv', bearer('member2'));
    const titles = m2.records.slice(1).map((r) => r[0]);
    assert.ok(titles.includes('Skolen melder tilbage') && titles.includes('Politiet melder tilbage'));
    assert.ok(titles.includes(`Skolens ${'Mombasaopgave'}`), "the school's own item from F1");
    assert.ok(!titles.includes('Politiets deltagelse'), "F1's police item is not theirs to read");
    assert.ok(!titles.includes('Vest følger op'), 'nothing from the other partnership');
  });

  it('XLSX of decisions read back with exceljs: header, Danish text, statuses, real dates, responsible organisations', async () => {
    const res = await get(`/exports/decisions.xlsx?partnershipId=${w.p1.id}`, bearer('coord1'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Beslutninger')!;
    assert.ok(ws);
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1, 4), ['Beslutning', 'Status', 'Besluttet']);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((r, i) => i > 1 && rows.set(String(r.getCell(1).value), r));
    assert.equal(rows.size, 3, [...rows.keys()].join(' | '));
    const open = rows.get(`${F1_WORD}-vandringen gennemføres`)!;
    assert.ok(open);
    assert.equal(open.getCell(2).value, 'Gældende');
    assert.ok(open.getCell(3).value instanceof Date);
    assert.equal(open.getCell(4).value, 'SSP-lokaludvalg');
    assert.equal(open.getCell(8).value, 'SSP Tingbjerg');
    const conf = rows.get('[Fortroligt]')!;
    assert.equal(conf.getCell(2).value, 'Gennemført');
    assert.equal(conf.getCell(10).value, 'Ja');
    assert.ok(rows.has('Lektiecaféen fortsætter'));
  });

  it('XLSX of action items with a filter; an API key sees its own partnerships only', async () => {
    const res = await get(`/exports/action-items.xlsx?assigneeOrganisationId=${w.orgs.orgSchool.id}`, { 'x-api-key': w.keys.allP1 });
    assert.equal(res.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const titles: string[] = [];
    wb.getWorksheet('Opgaver')!.eachRow((r, i) => i > 1 && titles.push(String(r.getCell(1).value)));
    // XLSX cells are text, never formulas: no apostrophe needed there.
    assert.deepEqual(titles.sort(), [FORMULA, '+45 12 34 56 78 ringes op', 'Skolen melder tilbage', `Skolens Mombasaopgave`].sort());
    const p2 = await csv('/exports/decisions.csv', { 'x-api-key': w.keys.decisionsP2 });
    assert.deepEqual(p2.records.slice(1).map((r) => r[0]), ['Planen vedtages']);
    // Semicolons for Excel with Danish regional settings.
    const semi = await get('/exports/decisions.csv?separator=semicolon', { 'x-api-key': w.keys.decisionsP2 });
    const rows = parse(Buffer.from(await semi.arrayBuffer()), { bom: true, delimiter: ';' }) as string[][];
    assert.deepEqual(rows[0].slice(0, 3), ['Beslutning', 'Status', 'Besluttet']);
    assert.equal(rows[1][0], 'Planen vedtages');
  });

  it('refuses bad filters with 400 naming the parameter, and unauthenticated requests with 401', async () => {
    const cases: [string, string][] = [
      ['/exports/action-items.csv?status=DONE,NOPE', 'status'],
      ['/exports/action-items.csv?colour=red', 'colour'],
      ['/exports/action-items.csv?overdue=maybe', 'overdue'],
      ['/exports/decisions.xlsx?forumId=not-an-id', 'forumId'],
      ['/exports/decisions.csv?separator=tab', 'separator'],
    ];
    for (const [p, field] of cases) {
      const res = await get(p, bearer('coord1'));
      assert.equal(res.status, 400, p);
      const body = (await res.json()) as any;
      assert.equal(body.error.code, 'BAD_USER_INPUT', p);
      assert.ok(JSON.stringify(body).includes(field), `${p}: ${JSON.stringify(body)}`);
    }
    assert.equal((await fetch(`${base}/exports/decisions.csv`)).status, 401);
  });

  it('streams a list of several pages: every row once, in the list\'s order, chunked, as CSV and as XLSX', async () => {
    // Read last: these items would show in the other tests' lists. Due in 2031, so a date filter
    // selects exactly them; 40 due dates for 230 items, so pages break inside runs of equal dates.
    const sys = createContext(db.ds, { principal: SYSTEM });
    const ids: string[] = [];
    for (let i = 0; i < 230; i++) {
      const dueDate = new Date(Date.UTC(2031, 0, 1 + (i % 40))).toISOString().slice(0, 10);
      const item = await actionItemService.create(sys, { decisionId: w.decisions.d2.id, title: `Lang liste ${i}`, assigneeOrganisationId: w.orgs.orgSchool.id, dueDate });
      ids.push(item.id);
    }
    const p = `?partnershipId=${w.p1.id}&dueFrom=2031-01-01&dueTo=2031-12-31`;
    const { res, records } = await csv(`/exports/action-items.csv${p}`, bearer('coord1'));
    assert.equal(res.headers.get('transfer-encoding'), 'chunked');
    assert.equal(res.headers.get('content-length'), null);
    const rows = records.slice(1);
    const got = rows.map((r) => ({ due: r[3], id: r[15] }));
    assert.equal(got.length, 230);
    assert.deepEqual(new Set(got.map((r) => r.id)), new Set(ids), 'every item once');
    const sorted = [...got].sort((a, b) => (a.due === b.due ? (a.id < b.id ? -1 : 1) : a.due < b.due ? -1 : 1));
    assert.deepEqual(got, sorted, 'in the list\'s order: due date, then id');

    const x = await get(`/exports/action-items.xlsx${p}`, bearer('coord1'));
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('transfer-encoding'), 'chunked');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Opgaver')!;
    const xs: string[] = [];
    ws.eachRow((r, i) => i > 1 && xs.push(String(r.getCell(16).value)));
    assert.deepEqual(xs, got.map((r) => r.id), 'the same rows in the same order as the CSV');
    assert.equal(ws.getRow(1).font?.bold, true);
    assert.equal(ws.views[0]?.state, 'frozen');
    const due = ws.getRow(2).getCell(4);
    assert.ok(due.value instanceof Date);
    assert.equal(due.numFmt, 'dd-mm-yyyy', 'date columns shown as dates');
  });

  it('a reader who leaves stops the export: the next page is refused, and finishing neither hangs nor throws', async () => {
    for (const make of [
      (out: PassThrough) => csvWriter(out, [{ header: 'A', width: 10 }]),
      (out: PassThrough) => xlsxWriter(out, 'Ark', [{ header: 'A', width: 10 }], { title: 't', creator: 'c', created: new Date() }),
    ]) {
      const out = new PassThrough();
      out.resume();
      const sheet = make(out);
      await sheet.rows([['første side']]);
      out.destroy();
      await assert.rejects(sheet.rows([['anden side']]), ResponseClosed);
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('end() hangs after the reader left')), 2000)));
      try {
        await Promise.race([sheet.end(), hang]);
      } finally {
        clearTimeout(timer);
      }
    }
  });

  it('neutralises every formula prefix', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(defuse(s), `'${s}`);
    assert.equal(defuse('Almindelig tekst'), 'Almindelig tekst');
  });
});
