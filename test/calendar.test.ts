/**
 * Calendar feeds: secret revocable URLs served over HTTP, parsed with a maintained iCalendar parser
 * (node-ical): meetings with location and agenda summary, confidential titles only for readers with
 * a legal basis, series from the forum's RRULE, cancellations and SEQUENCE, Europe/Copenhagen with a
 * VTIMEZONE, correct instants on both sides of the daylight-saving changes, action items as all-day entries.
 */
import assert from 'node:assert/strict';
import ical from 'node-ical';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { AuthzWorld, buildAuthzWorld, SECRET, SECRET2 } from './support/actors';
import { startServer, RunningServer } from '../src/server';
import { calendarRoute } from '../src/calendar/calendar.route';
import { calendarService } from '../src/calendar/calendar.service';
import { CalendarFeed } from '../src/calendar/calendar-feed.entity';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { meetingService } from '../src/meeting/meeting.service';
import { forumService } from '../src/forum/forum.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type VEvent = Record<string, any>;

function events(text: string): VEvent[] {
  const parsed = ical.sync.parseICS(text) as Record<string, VEvent>;
  return Object.values(parsed).filter((c) => c?.type === 'VEVENT');
}

const CREATE = `mutation($input: CreateCalendarFeedInput!) { createCalendarFeed(input: $input) { token path url feed { id kind name prefix includeActionItems revokedAt } } }`;

describe('calendar feeds', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: AuthzWorld;
  let server: RunningServer;
  let base: string;
  const as = (personId: string) => Client.create(db.ds, { principal: { kind: 'person', personId, via: 'dev' } });
  const fetchFeed = (path: string) => fetch(base + path);

  before(async () => {
    db = await freshDatabase();
    w = await buildAuthzWorld(db.ds);
    server = await startServer({ dataSource: db.ds, port: 0, host: '127.0.0.1', routes: [calendarRoute(db.ds)], subscriptions: false, log: () => undefined });
    base = server.url.replace('/graphql', '').replace('localhost', '127.0.0.1');
  });
  after(async () => {
    await server?.stop();
    await db?.close();
  });

  it('creates a forum feed (token shown once), serves it over HTTP as text/calendar, and lists it only to its owner', async () => {
    const legal = await as(w.people.legal1.id);
    const { createCalendarFeed: created } = await legal.ok(CREATE, { input: { kind: 'FORUM', targetId: w.forums.f1.id } });
    assert.match(created.token, /^pcf_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.path, `/calendar/${created.token}.ics`);
    assert.equal(created.feed.name, 'SSP-lokaludvalg');
    const stored = await db.ds.query('SELECT secret_hash FROM calendar_feed WHERE id = $1', [created.feed.id]);
    assert.notEqual(stored[0].secret_hash, created.token, 'only the hash is stored');

    const res = await fetchFeed(created.path);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/calendar; charset=utf-8/);
    const text = await res.text();
    assert.match(text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Copenhagen\r\n/);
    const ev = events(text);
    const m1 = ev.find((e) => e.uid === `meeting-${w.meetings.m1.id}@partnership-record`);
    assert.ok(m1, 'the held meeting is in the feed');
    assert.equal(m1.summary, 'SSP-lokaludvalg, møde 1');
    assert.equal(new Date(m1.start).getTime(), Math.floor(w.meetings.m1.startsAt.getTime() / 1000) * 1000, 'to the second (iCalendar has no milliseconds)');
    assert.equal((m1.start as { tz?: string }).tz, 'Europe/Copenhagen');
    // legal1 has a legal basis in F1: the confidential item's title is in the agenda summary.
    assert.ok(m1.description.includes(SECRET), m1.description);
    assert.ok(m1.description.includes('Dagsorden:'));

    const list = await legal.ok('{ calendarFeeds { totalCount edges { node { id prefix } } } }');
    assert.equal(list.calendarFeeds.totalCount, 1);
    assert.equal(list.calendarFeeds.edges[0].node.prefix, created.feed.prefix);
    const other = await (await as(w.people.member1.id)).ok('{ calendarFeeds { totalCount } }');
    assert.equal(other.calendarFeeds.totalCount, 0, "nobody sees another person's feeds");
  });

  it('a feed acts as its owner: confidential agenda titles are redacted for a member without a legal basis', async () => {
    const member = await as(w.people.member1.id);
    const { createCalendarFeed: c } = await member.ok(CREATE, { input: { kind: 'FORUM', targetId: w.forums.f1.id } });
    const text = await (await fetchFeed(c.path)).text();
    assert.ok(!text.includes(SECRET) && !text.includes(SECRET2), 'no confidential text anywhere in the feed');
    const next = events(text).find((e) => e.uid === `meeting-${w.meetings.next1.id}@partnership-record`)!;
    assert.match(next.description, /\[Fortroligt\]/);
    assert.match(next.description, /Status på indsatser/);
  });

  it('refuses a feed of a forum the person may not read (NOT_FOUND, nothing written)', async () => {
    const member2 = await as(w.people.member2.id);
    await member2.fails(CREATE, { input: { kind: 'FORUM', targetId: w.forums.f1.id } }, 'NOT_FOUND');
    await member2.fails(CREATE, { input: { kind: 'PERSON', targetId: w.people.member1.id } }, 'BAD_USER_INPUT');
    await member2.fails(CREATE, { input: { kind: 'FORUM' } }, 'BAD_USER_INPUT');
  });

  it('person and organisation feeds carry open action items as all-day entries, redacted as for the owner', async () => {
    const legal = await as(w.people.legal1.id);
    const { createCalendarFeed: mine } = await legal.ok(CREATE, { input: { kind: 'PERSON' } });
    const ev = events(await (await fetchFeed(mine.path)).text());
    const due = ev.find((e) => e.uid === `action-${w.actions.aConf.id}@partnership-record`)!;
    assert.ok(due, 'own action item in the person feed');
    assert.equal(due.summary, `Frist: Samtale om ${SECRET}`);
    assert.equal(due.datetype, 'date');
    assert.ok(ev.some((e) => e.uid === `meeting-${w.meetings.m1.id}@partnership-record`), "meetings of the person's forums");
    // ?actions=0 leaves them out.
    const without = events(await (await fetchFeed(mine.path + '?actions=0')).text());
    assert.ok(!without.some((e) => String(e.uid).startsWith('action-')));

    const member = await as(w.people.member1.id);
    const { createCalendarFeed: org } = await member.ok(CREATE, { input: { kind: 'ORGANISATION', targetId: w.orgs.orgSSP.id } });
    const text = await (await fetchFeed(org.path)).text();
    assert.ok(!text.includes(SECRET));
    const orgDue = events(text).find((e) => e.uid === `action-${w.actions.aConf.id}@partnership-record`)!;
    assert.equal(orgDue.summary, 'Frist: [Fortroligt]');
  });

  it('reads correct instants on both sides of the daylight-saving changes (meetings at 16:00 local in March and October 2026)', async () => {
    const sys = createContext(db.ds, { principal: SYSTEM });
    const times = ['2026-03-23T15:00:00Z', '2026-03-30T14:00:00Z', '2026-10-19T14:00:00Z', '2026-10-26T15:00:00Z'];
    const ms = [];
    for (const t of times) ms.push(await meetingService.schedule(sys, { forumId: w.forums.f1.id, title: `Møde ${t.slice(0, 10)}`, startsAt: new Date(t), location: 'Tingbjerg Bibliotek' }));
    const feed = await db.ds.manager.findOneByOrFail(CalendarFeed, { ownerId: w.people.legal1.id, kind: 'forum' as never });
    const text = await calendarService.render(db.ds, feed, { now: new Date('2026-06-15T10:00:00Z') });
    for (const d of ['20260323', '20260330', '20261019', '20261026']) assert.ok(text.includes(`DTSTART;TZID=Europe/Copenhagen:${d}T160000`), `${d} at 16:00 local`);
    const ev = events(text);
    ms.forEach((m, i) => {
      const e = ev.find((x) => x.uid === `meeting-${m.id}@partnership-record`)!;
      assert.equal(new Date(e.start).toISOString(), new Date(times[i]).toISOString(), `instant of ${times[i]}`);
      assert.equal(new Date(e.end).getTime() - new Date(e.start).getTime(), 120 * 60_000);
      assert.equal(e.location, 'Tingbjerg Bibliotek');
    });
  });

  it('projects the forum RRULE as tentative instances beyond its last meeting, at the right instants across DST', async () => {
    const sys = createContext(db.ds, { principal: SYSTEM });
    const year = new Date().getUTCFullYear() + 1;
    await forumService.update(sys, w.forums.f2.id, { recurrence: `DTSTART;TZID=Europe/Copenhagen:20260105T160000\nRRULE:FREQ=WEEKLY;BYDAY=MO`, defaultLocation: 'Husum Medborgerhus' });
    const member2 = await as(w.people.member2.id);
    const { createCalendarFeed: c } = await member2.ok(CREATE, { input: { kind: 'FORUM', targetId: w.forums.f2.id } });
    const feed = await db.ds.manager.findOneByOrFail(CalendarFeed, { id: c.feed.id });
    const text = await calendarService.render(db.ds, feed, { now: new Date(Date.UTC(year, 0, 10, 9)) });
    const ev = events(text);
    // The last Sunday of March: the Monday before is CET (UTC+1), the Monday after CEST (UTC+2).
    const lastSunday = new Date(Date.UTC(year, 2, 31));
    lastSunday.setUTCDate(31 - lastSunday.getUTCDay());
    const before = new Date(lastSunday.getTime() - 6 * 86_400_000);
    const after = new Date(lastSunday.getTime() + 86_400_000);
    const uid = (d: Date) => `series-${w.forums.f2.id}-${d.toISOString().slice(0, 10).replace(/-/g, '')}@partnership-record`;
    const e1 = ev.find((e) => e.uid === uid(before))!;
    const e2 = ev.find((e) => e.uid === uid(after))!;
    assert.ok(e1 && e2, 'both Mondays around the change are in the series');
    assert.equal(new Date(e1.start).toISOString(), new Date(before.getTime() + 15 * 3600_000).toISOString(), '16:00 CET = 15:00 UTC');
    assert.equal(new Date(e2.start).toISOString(), new Date(after.getTime() + 14 * 3600_000).toISOString(), '16:00 CEST = 14:00 UTC');
    assert.equal(e1.status, 'TENTATIVE');
    assert.equal(e1.location, 'Husum Medborgerhus');
  });

  it('a cancelled meeting is STATUS:CANCELLED and every change raises SEQUENCE', async () => {
    const sys = createContext(db.ds, { principal: SYSTEM });
    const feed = await db.ds.manager.findOneByOrFail(CalendarFeed, { ownerId: w.people.legal1.id, kind: 'forum' as never });
    const uid = `meeting-${w.meetings.next1.id}@partnership-record`;
    const beforeEv = events(await calendarService.render(db.ds, feed)).find((e) => e.uid === uid)!;
    await meetingService.cancel(sys, w.meetings.next1.id, 'Aflyst pga. sygdom');
    const afterEv = events(await calendarService.render(db.ds, feed)).find((e) => e.uid === uid)!;
    assert.equal(afterEv.status, 'CANCELLED');
    assert.ok(Number(afterEv.sequence) > Number(beforeEv.sequence), `${afterEv.sequence} > ${beforeEv.sequence}`);
    assert.match(afterEv.description, /Aflyst: Aflyst pga. sygdom/);
  });

  it('revoking a feed makes its URL stop working at once; unknown tokens are 404', async () => {
    const legal = await as(w.people.legal1.id);
    const { createCalendarFeed: c } = await legal.ok(CREATE, { input: { kind: 'PERSON', name: 'Min kalender' } });
    assert.equal((await fetchFeed(c.path)).status, 200);
    await (await as(w.people.member1.id)).fails('mutation($id: ID!) { revokeCalendarFeed(id: $id) { id } }', { id: c.feed.id }, 'NOT_FOUND');
    const r = await legal.ok('mutation($id: ID!) { revokeCalendarFeed(id: $id) { id revokedAt } }', { id: c.feed.id });
    assert.ok(r.revokeCalendarFeed.revokedAt);
    assert.equal((await fetchFeed(c.path)).status, 404);
    await legal.fails('mutation($id: ID!) { revokeCalendarFeed(id: $id) { id } }', { id: c.feed.id }, 'CONFLICT');
    assert.equal((await fetchFeed('/calendar/pcf_00000000_' + 'a'.repeat(43) + '.ics')).status, 404);
    assert.equal((await fetchFeed('/calendar/nonsense.ics')).status, 404);
  });
});
