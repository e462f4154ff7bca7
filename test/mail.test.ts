/**
 * E-mail through a real SMTP server running in-process (smtp-server), messages read back with
 * mailparser: reminder digests (one per person per day, content, confidentiality, the organisation's
 * contact or mailbox when no person is assigned), once only across a restart and with two workers on
 * two connection pools at once, opt-out (mutation and unsubscribe link), agenda and approved minutes
 * to forum members, retry after a refused send, and at most once after a crash mid-send.
 */
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { simpleParser, ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { AuthzWorld, buildAuthzWorld, SECRET, SECRET2 } from './support/actors';
import { dataSourceOptions } from '../ormconfig';
import { createContext } from '../src/context';
import { SYSTEM } from '../src/auth/principal';
import { MailWorker } from '../src/mail/mail.worker';
import { loadMailConfig, MailConfig } from '../src/mail/mail.config';
import { renderMinutes, setMinutesRenderer } from '../src/mail/render';
import { meetingService } from '../src/meeting/meeting.service';
import { actionItemService } from '../src/action-item/action-item.service';
import { personService } from '../src/person/person.service';
import { decisionService } from '../src/decision/decision.service';
import { startServer } from '../src/server';
import { unsubscribeRoute } from '../src/mail/unsubscribe.route';

const DAY = 86_400_000;

interface Inbox {
  port: number;
  mails: ParsedMail[];
  stop(): Promise<void>;
}

async function smtpInbox(): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address!;

describe('e-mail: reminders, agendas and minutes', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: AuthzWorld;
  let inbox: Inbox;
  let cfg: MailConfig;
  const workers: MailWorker[] = [];
  const extraPools: DataSource[] = [];
  /** A worker as a new process would have it: its own transport (and, optionally, its own connection pool). */
  const worker = (ds: DataSource = db.ds, port = inbox.port) => {
    const wk = new MailWorker(ds, cfg, { transport: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }), log: process.env.MAIL_DEBUG ? (m, e) => console.error(m, e) : () => undefined });
    workers.push(wk);
    return wk;
  };
  const as = (personId: string) => Client.create(db.ds, { principal: { kind: 'person', personId, via: 'dev' } });
  const byRecipient = (mails: ParsedMail[]) => {
    const out = new Map<string, ParsedMail[]>();
    for (const m of mails) out.set(to(m), [...(out.get(to(m)) ?? []), m]);
    return out;
  };
  /** Test "today": two days before the world's action items are due, 10:00 in Copenhagen. */
  let now: Date;
  let dueDay: string;

  before(async () => {
    db = await freshDatabase();
    w = await buildAuthzWorld(db.ds);
    inbox = await smtpInbox();
    cfg = { ...loadMailConfig({}), from: 'Mødearkivet <arkiv@example.dk>', publicUrl: 'https://arkiv.example.dk', reminderDaysBefore: 3 };
    // The world approved m1's minutes: let them go out first, so each test counts only its own mail.
    await worker().runDueReminders(new Date());
    inbox.mails.length = 0;
    dueDay = (await db.ds.query(`SELECT due_date::text AS d FROM action_item WHERE id = $1`, [w.actions.aOpenLegal.id]))[0].d;
    now = new Date(Date.parse(dueDay + 'T09:00:00Z') - 2 * DAY);
  });
  after(async () => {
    for (const wk of workers) wk.transport.close();
    for (const p of extraPools) await p.destroy();
    await inbox?.stop();
    await db?.close();
    setMinutesRenderer(null);
  });

  describe('agenda and minutes to forum members', () => {
    it('publishAgenda sends the agenda to each current member once, confidential items redacted for members without a legal basis', async () => {
      const coord = await as(w.people.coord1.id);
      await coord.ok('mutation($id: ID!) { publishAgenda(meetingId: $id) { id } }', { id: w.meetings.next1.id });
      const n0 = inbox.mails.length;
      const r = await worker().runDueReminders(new Date());
      assert.equal(r.distributions, 1);
      const mails = inbox.mails.slice(n0);
      const got = byRecipient(mails);
      // F1's current members: coord1, legal1, member1, adminLegal.
      assert.deepEqual([...got.keys()].sort(), [w.people.adminLegal, w.people.coord1, w.people.legal1, w.people.member1].map((p) => p.email).sort());
      const legal = got.get(w.people.legal1.email!)![0];
      assert.equal(legal.subject, 'Dagsorden: SSP-lokaludvalg, møde 2');
      assert.ok(legal.text!.includes(SECRET2), 'legal basis: the confidential title is shown');
      const member = got.get(w.people.member1.email!)![0];
      assert.ok(!member.text!.includes(SECRET2) && member.text!.includes('[Fortroligt]'));
      assert.ok(member.text!.includes('Status på indsatser'));
      // A second run (another worker) sends nothing more.
      await worker().runDueReminders(new Date());
      assert.equal(inbox.mails.length, n0 + 4);
    });

    it('publishing is refused to a plain member (FORBIDDEN)', async () => {
      await (await as(w.people.member1.id)).fails('mutation($id: ID!) { publishAgenda(meetingId: $id) { id } }', { id: w.meetings.next1.id }, 'FORBIDDEN');
    });

    it('approving minutes sends them to the forum members with the minutes attached (plain text until the PDF renderer is plugged in)', async () => {
      const sys = createContext(db.ds, { principal: SYSTEM });
      await meetingService.markHeld(sys, w.meetings.m2.id);
      await meetingService.approveMinutes(sys, w.meetings.m2.id);
      const n0 = inbox.mails.length;
      await worker().runDueReminders(new Date());
      const mails = inbox.mails.slice(n0);
      assert.deepEqual(mails.map(to), [w.people.member2.email], 'F2 has one member');
      const m = mails[0];
      assert.equal(m.subject, 'Godkendt referat: Netværksmøde, efterår');
      assert.equal(m.attachments.length, 1);
      assert.match(m.attachments[0].filename!, /^referat-\d{4}-\d{2}-\d{2}\.txt$/);
      const attached = m.attachments[0].content.toString('utf8');
      assert.ok(attached.includes('Lektiecafé status') && attached.includes('Lektiecaféen fortsætter'), attached);
      assert.ok(!attached.includes('Tasmaniasag'), 'the confidential F2 item is redacted (nobody in F2 has a legal basis)');
      await worker().runDueReminders(new Date());
      assert.equal(inbox.mails.length, n0 + 1, 'once only');
    });

    it('a plugged-in minutes renderer supplies the PDF attachment, rendered as the recipient', async () => {
      const seen: string[] = [];
      setMinutesRenderer(async (ctx, meetingId) => {
        seen.push(`${ctx.access.personId}:${meetingId}`);
        return Buffer.from('%PDF-1.7 test');
      });
      const ctx = createContext(db.ds, { principal: { kind: 'person', personId: w.people.member1.id, via: 'mail' } });
      const mail = await renderMinutes(ctx, w.meetings.m1.id);
      assert.equal(mail!.attachments![0].contentType, 'application/pdf');
      assert.match(mail!.attachments![0].filename, /\.pdf$/);
      assert.deepEqual(seen, [`${w.people.member1.id}:${w.meetings.m1.id}`]);
      assert.ok(!mail!.text.includes(SECRET));
      setMinutesRenderer(null);
    });
  });

  describe('reminder digests', () => {
    before(async () => {
      const sys = createContext(db.ds, { principal: SYSTEM });
      // The police's contact person gets the police's unassigned items; the school has only a mailbox.
      const aff = await db.ds.query(`SELECT id FROM affiliation WHERE person_id = $1`, [w.people.coord1.id]);
      await personService.updateAffiliation(sys, aff[0].id, { isContact: true });
      await db.ds.query(`UPDATE organisation SET email = 'skole@example.dk' WHERE id = $1`, [w.orgs.orgSchool.id]);
      // A confidential item for member1 (no legal basis) and an item for member2, who opts out.
      const dNext = await decisionService.record(sys, { agendaItemId: w.items.conf2.id, text: `Indsats i ${SECRET2}` });
      await actionItemService.create(sys, { decisionId: dNext.id, title: `Opfølgning ${SECRET}`, assigneeOrganisationId: w.orgs.orgSSP.id, assigneePersonId: w.people.member1.id, dueDate: dueDay });
      await actionItemService.create(sys, { agendaItemId: w.items.nextItem.id, title: 'Skolens egen opgave', assigneeOrganisationId: w.orgs.orgSchool.id, assigneePersonId: w.people.member2.id, dueDate: dueDay });
      await (await as(w.people.member2.id)).ok('mutation { setDigestOptOut(optOut: true) { id digestOptOut } }');
    });

    it('sends one digest per recipient with the items due soon, as the recipient may read them', async () => {
      const n0 = inbox.mails.length;
      const r = await worker().runDueReminders(now);
      const mails = inbox.mails.slice(n0);
      const got = byRecipient(mails);
      assert.equal(r.digestsPlanned, mails.length);
      assert.deepEqual(
        [...got.keys()].sort(),
        [w.people.legal1.email, w.people.coord1.email, w.people.member1.email, 'skole@example.dk'].sort(),
        'assignee person, else the organisation contact, else its mailbox; member2 opted out; P2 has no address',
      );
      for (const list of got.values()) assert.equal(list.length, 1, 'one digest per recipient');

      const legal = got.get(w.people.legal1.email!)![0];
      assert.match(legal.subject!, /^Påmindelse om handlingspunkter: 2 med frist snart$/);
      assert.ok(legal.text!.includes(`Samtale om ${SECRET}`), 'legal basis: confidential title shown');
      assert.ok(legal.text!.includes('Planlæg Kilimanjaro-ruten'));
      assert.ok(legal.text!.includes('Frist inden for 3 dage (2):'));
      // RFC 8058 one-click unsubscribe (mailparser keeps these as raw header lines).
      const line = (k: string) => legal.headerLines.find((l) => l.key === k)?.line ?? '';
      assert.match(line('list-unsubscribe-post'), /List-Unsubscribe=One-Click/);
      assert.match(line('list-unsubscribe'), /<https:\/\/arkiv\.example\.dk\/mail\/unsubscribe\/[A-Za-z0-9_-]+>/);

      const police = got.get(w.people.coord1.email!)![0];
      for (const t of ['Politiets deltagelse', 'Registrering i Timbuktu', 'Politiet melder tilbage']) assert.ok(police.text!.includes(t), t);

      const member = got.get(w.people.member1.email!)![0];
      const raw = JSON.stringify({ s: member.subject, t: member.text, h: member.html });
      assert.ok(!raw.includes(SECRET) && !raw.includes(SECRET2), 'no confidential text for a member without a legal basis');
      assert.ok(member.text!.includes('[Fortroligt]'));

      const school = got.get('skole@example.dk')![0];
      assert.ok(school.text!.includes('Skolens Mombasaopgave') && school.text!.includes('Skolen melder tilbage'));
      assert.ok(!school.text!.includes('Skolens egen opgave'), "member2's own item is not sent to the mailbox while they opt out");
    });

    it('never sends the same reminder twice: not on a second run, not after a restart, not the next day', async () => {
      const n0 = inbox.mails.length;
      await worker().runDueReminders(now);
      await worker().runDueReminders(new Date(now.getTime() + 3 * 3600_000));
      await worker().runDueReminders(new Date(now.getTime() + DAY));
      assert.equal(inbox.mails.length, n0);
    });

    it('reminds once more when an item becomes overdue, with two workers on two connection pools running at once', async () => {
      const other = new DataSource(dataSourceOptions(db.url));
      await other.initialize();
      extraPools.push(other);
      const overdueDay = new Date(Date.parse(dueDay + 'T09:00:00Z') + DAY);
      const n0 = inbox.mails.length;
      const results = await Promise.all([worker().runDueReminders(overdueDay), worker(other).runDueReminders(overdueDay), worker().runDueReminders(overdueDay)]);
      const mails = inbox.mails.slice(n0);
      const got = byRecipient(mails);
      for (const [addr, list] of got) assert.equal(list.length, 1, `${addr}: exactly one overdue digest`);
      assert.equal(results.reduce((s, r) => s + r.digestsPlanned, 0), mails.length);
      assert.equal(results.reduce((s, r) => s + r.sent, 0), mails.length);
      const legal = got.get(w.people.legal1.email!)![0];
      assert.ok(legal.text!.includes('Overskredet frist (2):'), legal.text);
      await worker(other).runDueReminders(new Date(overdueDay.getTime() + DAY));
      assert.equal(inbox.mails.length, n0 + mails.length);
    });

    it('a person who opts out through the unsubscribe link gets no further digests', async () => {
      const server = await startServer({ dataSource: db.ds, port: 0, host: '127.0.0.1', routes: [unsubscribeRoute(db.ds)], subscriptions: false, log: () => undefined });
      try {
        const [{ unsubscribe_token: token }] = await db.ds.query('SELECT unsubscribe_token FROM mail_preference WHERE person_id = $1', [w.people.legal1.id]);
        const url = server.url.replace('/graphql', `/mail/unsubscribe/${token}`).replace('localhost', '127.0.0.1');
        const page = await fetch(url);
        assert.equal(page.status, 200);
        const pref = async () => (await db.ds.query('SELECT digest_opt_out FROM mail_preference WHERE person_id = $1', [w.people.legal1.id]))[0].digest_opt_out;
        assert.equal(await pref(), false, 'GET only asks (link scanners must not unsubscribe)');
        const done = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(done.status, 200);
        assert.equal(await pref(), true);
        assert.equal((await fetch(url.replace(token, 'x'.repeat(30)), { method: 'POST' })).status, 404);
      } finally {
        await server.stop();
      }
      const sys = createContext(db.ds, { principal: SYSTEM });
      const later = new Date(now.getTime() + 10 * DAY);
      const day = new Date(later.getTime() + DAY).toISOString().slice(0, 10);
      await actionItemService.moveDueDate(sys, w.actions.aOpenLegal.id, day);
      const n0 = inbox.mails.length;
      await worker().runDueReminders(later);
      assert.ok(!inbox.mails.slice(n0).some((m) => to(m) === w.people.legal1.email));
      const me = await (await as(w.people.legal1.id)).ok(`query($id: ID!) { person(id: $id) { digestOptOut } }`, { id: w.people.legal1.id });
      assert.equal(me.person.digestOptOut, true);
    });

    it('a send the SMTP server could not take is retried later and delivered once; a crash mid-send never resends', async () => {
      const sys = createContext(db.ds, { principal: SYSTEM });
      const later = new Date(now.getTime() + 20 * DAY);
      const day = new Date(later.getTime() + DAY).toISOString().slice(0, 10);
      await actionItemService.moveDueDate(sys, w.actions.aOpenPolice.id, day);
      // No SMTP server on this port: the send fails, the row goes back to `failed`.
      const closed = await smtpInbox();
      await closed.stop();
      const n0 = inbox.mails.length;
      const r1 = await worker(db.ds, closed.port).runDueReminders(later);
      assert.equal(r1.failed, 1);
      assert.equal(inbox.mails.length, n0);
      const [row] = await db.ds.query(`SELECT id, status, attempts FROM mail_message WHERE kind = 'digest' ORDER BY created_at DESC LIMIT 1`);
      assert.equal(row.status, 'failed');
      // Too early for the retry: nothing; after the backoff: delivered, once.
      await worker().runDueReminders(new Date(later.getTime() + 30_000));
      assert.equal(inbox.mails.length, n0);
      await worker().runDueReminders(new Date(later.getTime() + 10 * 60_000));
      await worker().runDueReminders(new Date(later.getTime() + 20 * 60_000));
      assert.equal(inbox.mails.length, n0 + 1);
      assert.equal(to(inbox.mails[n0]), w.people.coord1.email);

      // A row claimed by a process that died mid-send stays `sending` and is never claimed again (at most once).
      await db.ds.query(
        `INSERT INTO mail_message (dedupe_key, kind, person_id, to_address, payload, status, next_attempt_at, claimed_at, attempts)
         VALUES ('agenda:crashed:1', 'agenda', NULL, 'x@example.dk', jsonb_build_object('meetingId', $1::text), 'sending', $2, $2, 1)`,
        [w.meetings.next1.id, later.toISOString()],
      );
      await worker().runDueReminders(new Date(later.getTime() + DAY));
      assert.equal(inbox.mails.length, n0 + 1);
    });
  });
});
