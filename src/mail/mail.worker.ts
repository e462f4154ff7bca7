/**
 * The mail worker: reminders as one digest per person per day, agendas and approved minutes to forum
 * members, through an outbox in PostgreSQL.
 *
 * Once only, across restarts and processes:
 * 1. Planning a digest inserts its outbox row with the unique key `digest:<recipient>:<day>` and the
 *    reminders it carries (unique per action item, kind and due date) in ONE transaction. A second
 *    process, or the same one after a restart, conflicts on the keys and plans nothing.
 * 2. Sending claims rows with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, setting them
 *    to `sending` before the SMTP conversation. A row in `sending` is never claimed again: if the
 *    process dies mid-send the message is sent at most once (it may be lost, never doubled; such rows
 *    stay visible as `sending`). A send that the SMTP server refuses or that cannot reach it was
 *    certainly not delivered, so it goes back to `failed` and is retried with backoff up to
 *    MAIL_MAX_ATTEMPTS.
 * Distributions (agenda published, minutes approved) are claimed with SKIP LOCKED and expanded into
 * one outbox row per current forum member (unique key per member) in one transaction.
 */
import type { Transporter } from 'nodemailer';
import type NodemailerModule from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { BackgroundWorker } from '../common/background';
import { createContext, localDate } from '../context';
import { flushConfidentialReads } from '../auth/confidential';
import { OPEN_STATUSES } from '../action-item/action-item.entity';
import { MailConfig } from './mail.config';
import { DistributionStatus, MailKind, MailStatus, ReminderKind } from './mail.entity';
import { DigestItem, RenderedMail, renderAgenda, renderDigest, renderMinutes } from './render';

const DAY = 24 * 3600_000;
const BATCH = 25;

export interface MailRunResult {
  distributions: number;
  digestsPlanned: number;
  sent: number;
  failed: number;
}

interface Due {
  id: string;
  due_date: string;
  kind: ReminderKind;
  person_id: string | null;
  address: string;
}

/** Add days to a `YYYY-MM-DD` date. */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
}

function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

export class MailWorker implements BackgroundWorker {
  name = 'mail';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  readonly transport: Transporter;
  private log: (m: string, e?: unknown) => void;
  private timeZone: string;

  constructor(
    private ds: DataSource,
    private cfg: MailConfig,
    opts: { transport?: Transporter; log?: (m: string, e?: unknown) => void; timeZone?: string } = {},
  ) {
    if (!opts.transport && !cfg.smtp) throw new Error('MailWorker needs SMTP settings (SMTP_URL or SMTP_HOST)');
    this.transport = opts.transport ?? (require('nodemailer') as typeof NodemailerModule).createTransport(cfg.smtp as never);
    this.log = opts.log ?? ((m, e) => console.error(`[mail] ${m}`, e ?? ''));
    this.timeZone = opts.timeZone ?? 'Europe/Copenhagen';
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runDueReminders(new Date())
        .catch((e) => this.log('run failed', e))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.cfg.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  /** One pass: expand distributions, plan today's digests, send what is queued. Tests call it directly. */
  async runDueReminders(now: Date): Promise<MailRunResult> {
    const distributions = await this.expandDistributions(now);
    const digestsPlanned = await this.planDigests(now);
    const { sent, failed } = await this.sendPending(now);
    return { distributions, digestsPlanned, sent, failed };
  }

  // ------------------------------------------------------------------------ distributions

  async expandDistributions(now: Date): Promise<number> {
    return this.ds.manager.transaction(async (m) => {
      const rows: { id: string; meeting_id: string; kind: MailKind; requested_at: Date }[] = await m.query(
        `SELECT id::text, meeting_id::text, kind, requested_at FROM meeting_distribution
          WHERE status = 'pending' ORDER BY requested_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const oldest = now.getTime() - this.cfg.distributionMaxAgeHours * 3600_000;
      for (const d of rows) {
        if (d.requested_at.getTime() < oldest) {
          await m.query(`UPDATE meeting_distribution SET status = $2 WHERE id = $1`, [d.id, DistributionStatus.SKIPPED]);
          continue;
        }
        // Current members of the forum with an address; one message each (a person with two seats gets one).
        // Minutes go out once per meeting; an agenda once per publication.
        const prefix = d.kind === MailKind.MINUTES ? `minutes:${d.meeting_id}` : `agenda:${d.id}`;
        await m.query(
          `INSERT INTO mail_message (dedupe_key, kind, person_id, to_address, payload, status, next_attempt_at)
           SELECT DISTINCT ON (p.id) $5::text || ':' || p.id::text, $2::mail_kind, p.id, p.email, jsonb_build_object('meetingId', $1::text), 'pending', $3::timestamptz
             FROM meeting mt JOIN forum_member fm ON fm.forum_id = mt.forum_id JOIN person p ON p.id = fm.person_id
            WHERE mt.id = $1::uuid AND fm.starts_on <= $4::date AND (fm.ends_on IS NULL OR fm.ends_on >= $4::date)
              AND p.erased_at IS NULL AND p.email IS NOT NULL AND p.email <> ''
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [d.meeting_id, d.kind, now.toISOString(), localDate(now, this.timeZone), prefix],
        );
        await m.query(`UPDATE meeting_distribution SET status = $2 WHERE id = $1`, [d.id, DistributionStatus.QUEUED]);
      }
      return rows.length;
    });
  }

  // ------------------------------------------------------------------------ digests

  /** Action items due for a reminder today, with their recipient (person, else the organisation's contact, else its mailbox). */
  private async dueReminders(day: string): Promise<Due[]> {
    const soon = addDays(day, this.cfg.reminderDaysBefore);
    const since = addDays(day, -this.cfg.overdueLookbackDays);
    return this.ds.query(
      `WITH due AS (
         SELECT a.id, a.due_date, a.assignee_person_id, a.assignee_organisation_id,
                (CASE WHEN a.due_date < $1::date THEN 'overdue' ELSE 'upcoming' END)::reminder_kind AS kind
           FROM action_item a
          WHERE a.status = ANY($4::action_item_status[])
            AND a.due_date >= $3::date AND a.due_date <= $2::date)
       SELECT due.id::text, due.due_date::text, due.kind::text,
              coalesce(pp.id, cp.person_id)::text AS person_id, coalesce(pp.email, cp.email, o.email) AS address
         FROM due
         JOIN organisation o ON o.id = due.assignee_organisation_id
         LEFT JOIN person pp ON pp.id = due.assignee_person_id AND pp.erased_at IS NULL AND coalesce(pp.email, '') <> ''
         LEFT JOIN LATERAL (
           SELECT af.person_id, p.email FROM affiliation af JOIN person p ON p.id = af.person_id
            WHERE af.organisation_id = due.assignee_organisation_id AND af.is_contact
              AND af.starts_on <= $1::date AND (af.ends_on IS NULL OR af.ends_on >= $1::date)
              AND p.erased_at IS NULL AND coalesce(p.email, '') <> ''
            ORDER BY af.starts_on, af.person_id LIMIT 1) cp ON pp.id IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM reminder_sent r WHERE r.action_item_id = due.id AND r.due_date = due.due_date AND r.kind = due.kind)
          AND coalesce(pp.email, cp.email, o.email, '') <> ''
          AND NOT EXISTS (SELECT 1 FROM mail_preference mp WHERE mp.person_id = coalesce(pp.id, cp.person_id) AND mp.digest_opt_out)
        ORDER BY due.due_date, due.id`,
      [day, soon, since, OPEN_STATUSES],
    );
  }

  async planDigests(now: Date): Promise<number> {
    if (localHour(now, this.timeZone) < this.cfg.digestHour) return 0;
    const day = localDate(now, this.timeZone);
    const due = await this.dueReminders(day);
    const byRecipient = new Map<string, Due[]>();
    for (const d of due) {
      const key = d.person_id ?? `mailbox:${d.address.trim().toLowerCase()}`;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), d]);
    }
    let planned = 0;
    for (const [recipient, items] of byRecipient) {
      if (await this.planDigest(recipient, day, items, now)) planned++;
    }
    return planned;
  }

  /** Claim one digest: the outbox row and its reminders in one transaction, or nothing. */
  private planDigest(recipient: string, day: string, items: Due[], now: Date): Promise<boolean> {
    return this.ds.manager.transaction(async (m: EntityManager) => {
      const id = randomUUID();
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO mail_message (id, dedupe_key, kind, person_id, to_address, payload, status, next_attempt_at)
         VALUES ($1, $2, 'digest', $3, $4, $5::jsonb, 'pending', $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [id, `digest:${recipient}:${day}`, items[0].person_id, items[0].address.trim(), JSON.stringify({ day, actionItemIds: [] }), now.toISOString()],
      );
      if (!inserted.length) return false;
      const claimed: { action_item_id: string; kind: ReminderKind }[] = await m.query(
        `INSERT INTO reminder_sent (action_item_id, kind, due_date, mail_message_id)
         SELECT x.id, x.kind::reminder_kind, x.due::date, $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, kind, due)
         ON CONFLICT DO NOTHING RETURNING action_item_id::text, kind::text`,
        [items.map((i) => i.id), items.map((i) => i.kind), items.map((i) => i.due_date), id],
      );
      if (!claimed.length) {
        // Everything was reminded of meanwhile: undo the row (and do not use up today's digest).
        await m.query('DELETE FROM mail_message WHERE id = $1', [id]);
        return false;
      }
      const overdue = claimed.filter((c) => c.kind === ReminderKind.OVERDUE).map((c) => c.action_item_id);
      const upcoming = claimed.filter((c) => c.kind === ReminderKind.UPCOMING).map((c) => c.action_item_id);
      await m.query(`UPDATE mail_message SET payload = $2::jsonb WHERE id = $1`, [id, JSON.stringify({ day, overdue, upcoming })]);
      return true;
    });
  }

  // ------------------------------------------------------------------------ sending

  async sendPending(now: Date): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      if (this.stopped) break;
      // Claimed and marked in one statement (auto-committed): no other worker sees these rows again.
      // (TypeORM returns [rows, count] for UPDATE … RETURNING.)
      const [rows]: [{ id: string; kind: MailKind; person_id: string | null; to_address: string; payload: Record<string, any>; attempts: number }[], number] = await this.ds.query(
        `UPDATE mail_message SET status = 'sending', claimed_at = $1, attempts = attempts + 1
          WHERE id IN (SELECT id FROM mail_message WHERE status IN ('pending', 'failed') AND next_attempt_at <= $1
                        ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING id::text, kind, person_id::text, to_address, payload, attempts`,
        [now.toISOString()],
      );
      if (!rows.length) break;
      for (const r of rows) {
        try {
          const mail = await this.render(r, now);
          if (!mail) {
            await this.ds.query(`UPDATE mail_message SET status = 'dead', last_error = $2 WHERE id = $1`, [r.id, 'nothing to send (opted out, or nothing left to remind of)']);
            continue;
          }
          const headers: Record<string, string> = { 'X-Partnership-Record-Message': r.id };
          if (mail.unsubscribeUrl) {
            headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
            headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
          }
          const info = await this.transport.sendMail({
            from: this.cfg.from,
            to: r.to_address,
            subject: mail.subject,
            text: mail.text,
            attachments: mail.attachments,
            headers,
          });
          await this.ds.query(`UPDATE mail_message SET status = 'sent', sent_at = $2, message_id = $3, last_error = NULL WHERE id = $1`, [
            r.id,
            new Date().toISOString(),
            info.messageId ?? null,
          ]);
          sent++;
        } catch (e) {
          failed++;
          const dead = r.attempts >= this.cfg.maxAttempts || (e as { responseCode?: number }).responseCode === 550;
          const retryAt = new Date(now.getTime() + Math.min(2 ** r.attempts, 60) * 60_000);
          await this.ds.query(`UPDATE mail_message SET status = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1`, [
            r.id,
            dead ? MailStatus.DEAD : MailStatus.FAILED,
            retryAt.toISOString(),
            String((e as Error)?.message ?? e).slice(0, 1000),
          ]);
          this.log(`sending ${r.kind} ${r.id} to ${r.to_address} failed${dead ? ' (giving up)' : ''}`, e);
        }
      }
    }
    return { sent, failed };
  }

  /** Render a message as its recipient sees the record now; null when there is nothing to send. */
  private async render(
    r: { kind: MailKind; person_id: string | null; payload: Record<string, any> },
    now: Date,
  ): Promise<(RenderedMail & { unsubscribeUrl?: string | null }) | null> {
    // A person's access decides what they see; an organisation's mailbox sees nothing confidential.
    const ctx = createContext(this.ds, {
      principal: r.person_id ? { kind: 'person', personId: r.person_id, via: 'mail' } : { kind: 'anonymous' },
      now: () => now,
      timeZone: this.timeZone,
      requestId: `mail:${randomUUID()}`,
    });
    try {
      if (r.kind === MailKind.AGENDA) return await renderAgenda(ctx, r.payload.meetingId);
      if (r.kind === MailKind.MINUTES) return await renderMinutes(ctx, r.payload.meetingId);
      return await this.renderDigest(ctx, r, now);
    } finally {
      await flushConfidentialReads(ctx);
    }
  }

  private async renderDigest(
    ctx: ReturnType<typeof createContext>,
    r: { person_id: string | null; payload: Record<string, any> },
    _now: Date,
  ): Promise<(RenderedMail & { unsubscribeUrl: string | null }) | null> {
    let name: string | null = null;
    let unsubscribeUrl: string | null = null;
    if (r.person_id) {
      const [p]: { name: string; erased_at: Date | null }[] = await this.ds.query('SELECT name, erased_at FROM person WHERE id = $1', [r.person_id]);
      if (!p || p.erased_at) return null;
      name = p.name;
      const pref = await this.preference(r.person_id);
      if (pref.digestOptOut) return null;
      if (this.cfg.publicUrl) unsubscribeUrl = `${this.cfg.publicUrl}/mail/unsubscribe/${pref.token}`;
    }
    const ids: string[] = [...(r.payload.overdue ?? []), ...(r.payload.upcoming ?? [])];
    const rows: DigestItem[] = await this.ds.query(
      `SELECT a.id::text, a.title, a.confidential, a.forum_id::text, a.agenda_item_id::text, a.due_date::text, a.status::text,
              f.name AS forum_name, o.name AS org_name, p.name AS person_name
         FROM action_item a JOIN forum f ON f.id = a.forum_id JOIN organisation o ON o.id = a.assignee_organisation_id
         LEFT JOIN person p ON p.id = a.assignee_person_id
        WHERE a.id = ANY($1::uuid[]) AND a.status = ANY($2::action_item_status[]) ORDER BY a.due_date, a.id`,
      [ids, OPEN_STATUSES],
    );
    const overdue = new Set<string>(r.payload.overdue ?? []);
    const o = rows.filter((x) => overdue.has(x.id));
    const u = rows.filter((x) => !overdue.has(x.id));
    if (!o.length && !u.length) return null;
    const mail = await renderDigest(ctx, { name, day: r.payload.day, overdue: o, upcoming: u, daysBefore: this.cfg.reminderDaysBefore, unsubscribeUrl });
    return { ...mail, unsubscribeUrl };
  }

  /** The person's preferences, creating the row (with its unsubscribe token) on first need. */
  private async preference(personId: string): Promise<{ digestOptOut: boolean; token: string }> {
    await this.ds.query(
      `INSERT INTO mail_preference (person_id, digest_opt_out, unsubscribe_token, updated_at) VALUES ($1, false, $2, now()) ON CONFLICT (person_id) DO NOTHING`,
      [personId, randomBytes(24).toString('base64url')],
    );
    const [row]: { digest_opt_out: boolean; unsubscribe_token: string }[] = await this.ds.query(
      'SELECT digest_opt_out, unsubscribe_token FROM mail_preference WHERE person_id = $1',
      [personId],
    );
    return { digestOptOut: row.digest_opt_out, token: row.unsubscribe_token };
  }
}
