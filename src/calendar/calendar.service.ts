/**
 * Calendar feeds (RFC 5545): create, revoke and list secret feed URLs, and render a feed.
 *
 * A feed acts as its owner: every fetch builds a context for the owner and reads only what the
 * owner may read now (scope and confidentiality), so revoking a seat or a role takes effect at once.
 *
 * Series: meetings are rows (a forum's RRULE creates them in series), so the feed lists each meeting as
 * its own VEVENT (with its SEQUENCE = the meeting's version, STATUS:CANCELLED when cancelled), and
 * projects the forum's RRULE beyond its last scheduled meeting as TENTATIVE instances. Every instance
 * is written with TZID=Europe/Copenhagen local wall time and a VTIMEZONE, not as RRULE+EXDATE:
 * expanded instances are read identically by every client and parser, on both sides of a DST change.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import ical, { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { Ctx, createContext, inTransaction, localDate } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, ConnectionResult, Sql } from '../common/pagination';
import { ConflictError, InputError, NotFoundError } from '../common/errors';
import { isUuid, optionalText, requireFound } from '../common/validate';
import { ForbiddenError } from '../auth/access';
import { listGuard } from '../auth/scope';
import { REDACTED, flushConfidentialReads } from '../auth/confidential';
import { Forum } from '../forum/forum.entity';
import { occurrences, parseRecurrence } from '../forum/recurrence';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity';
import { ActionItem, OPEN_STATUSES } from '../action-item/action-item.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { CalendarFeed, CalendarFeedKind } from './calendar-feed.entity';

/** Feed tokens: `pcf_` + 8 hex (the stored prefix) + `_` + 32 random bytes in base64url. */
export const FEED_TOKEN_PATTERN = /^(pcf_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
const PRODID = '-//Partnership Record//Calendar feeds//DA';
const UID_DOMAIN = 'partnership-record';
/** Meetings shown: from this far back … */
const PAST_DAYS = 180;
/** … to this far ahead; the RRULE is projected this far ahead too. */
const FUTURE_DAYS = 400;
const SERIES_DAYS = 180;
const MAX_EVENTS = 3000;
const DAY = 24 * 3600_000;

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function feedPath(token: string): string {
  return `/calendar/${token}.ics`;
}

export interface CreateCalendarFeedData {
  kind: CalendarFeedKind;
  /** Forum or organisation id; for PERSON feeds your own id (the default). */
  targetId?: string | null;
  name?: string | null;
  includeActionItems?: boolean | null;
}

/** VTIMEZONE from the IANA database. The library names a zone by its canonical id (Copenhagen is a link to Berlin); the block is relabelled to the id the events use. */
export function vtimezone(tz: string): string | null {
  const block = tzlib_get_ical_block(tz);
  const text = Array.isArray(block) ? block[0] : null;
  if (!text) return null;
  return text.replace(/^TZID:.*$/m, `TZID:${tz}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tz}`);
}

/** Agenda summary lines for a meeting, confidential titles redacted for readers without a legal basis. */
interface AgendaLine {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  confidential: boolean;
  forum_id: string;
}

export const calendarService = {
  async create(ctx: Ctx, input: CreateCalendarFeedData): Promise<{ feed: CalendarFeed; token: string }> {
    ctx.access.requireAuthenticated();
    const me = ctx.access.personId;
    if (!me) throw new ForbiddenError('Calendar feeds act as a person: create them when signed in as a person, not with an API key');
    const kind = input.kind;
    if (!Object.values(CalendarFeedKind).includes(kind)) throw new InputError('kind', 'is not a feed kind');
    const targetId = (input.targetId ?? (kind === CalendarFeedKind.PERSON ? me : '')).toLowerCase();
    if (!targetId) throw new InputError('targetId', `is required for a ${kind} feed`);
    if (!isUuid(targetId)) throw new InputError('targetId', 'is not an id');
    return inTransaction(ctx, async (tx) => {
      let defaultName: string;
      if (kind === CalendarFeedKind.FORUM) {
        const forum = await requireFound(tx.manager, Forum, targetId, 'targetId');
        // Someone who may not read the forum's meetings does not learn that it exists.
        if (!(await tx.access.canReadForum(forum.id, 'meetings', forum.partnershipId))) throw new NotFoundError('Forum', targetId, 'targetId');
        defaultName = forum.name;
      } else if (kind === CalendarFeedKind.ORGANISATION) {
        const org = await requireFound(tx.manager, Organisation, targetId, 'targetId');
        defaultName = org.name;
      } else {
        if (targetId !== me) throw new InputError('targetId', 'a person feed is your own: leave targetId out or give your own id');
        const p = await requireFound(tx.manager, Person, targetId, 'targetId');
        defaultName = p.name;
      }
      const name = optionalText('name', input.name, 200) ?? defaultName;
      const prefix = `pcf_${randomBytes(4).toString('hex')}`;
      const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
      const feed = await tx.manager.save(
        tx.manager.create(CalendarFeed, {
          ownerId: me,
          kind,
          targetId,
          name,
          includeActionItems: input.includeActionItems ?? kind !== CalendarFeedKind.FORUM,
          prefix,
          secretHash: hashFeedToken(token),
          revokedAt: null,
          lastUsedAt: null,
        }),
      );
      return { feed, token };
    });
  },

  /** Revoke one of your feeds; its URL stops working at once. Revoking twice is a CONFLICT. */
  async revoke(ctx: Ctx, id: string): Promise<CalendarFeed> {
    ctx.access.requireAuthenticated();
    return inTransaction(ctx, async (tx) => {
      const feed = await requireFound(tx.manager, CalendarFeed, id, 'id', { lock: true });
      if (!tx.access.isSystem && feed.ownerId !== tx.access.personId) throw new NotFoundError('CalendarFeed', id, 'id');
      if (feed.revokedAt) throw new ConflictError(`Calendar feed ${feed.prefix} was already revoked at ${feed.revokedAt.toISOString()}`);
      feed.revokedAt = tx.now();
      return tx.manager.save(feed);
    });
  },

  /** Your feeds, newest first. */
  list(ctx: Ctx, args: ConnectionArgs): Promise<ConnectionResult<CalendarFeed>> {
    ctx.access.requireAuthenticated();
    return connection(
      ctx,
      CalendarFeed,
      {
        from: 'calendar_feed cf',
        where: [],
        sql: new Sql(),
        sort: [
          { expr: 'cf.created_at', dir: 'DESC', type: 'timestamptz' },
          { expr: 'cf.id', dir: 'DESC', type: 'uuid' },
        ],
      },
      args,
    );
  },

  /**
   * The feed for a token, or null when the token is unknown, revoked, or its owner was erased.
   * Compared in constant time; last use recorded at most once a minute.
   */
  async byToken(ds: DataSource, token: string): Promise<CalendarFeed | null> {
    const m = FEED_TOKEN_PATTERN.exec(token);
    if (!m) return null;
    const feed = await ds.manager.findOne(CalendarFeed, { where: { prefix: m[1] } });
    const given = Buffer.from(hashFeedToken(token), 'hex');
    const stored = feed && /^[0-9a-f]{64}$/.test(feed.secretHash) ? Buffer.from(feed.secretHash, 'hex') : Buffer.alloc(32);
    if (!timingSafeEqual(given, stored) || !feed || feed.revokedAt) return null;
    const owner: { erased_at: Date | null }[] = await ds.query('SELECT erased_at FROM person WHERE id = $1', [feed.ownerId]);
    if (!owner.length || owner[0].erased_at) return null;
    await ds.query(
      `UPDATE calendar_feed SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [feed.id],
    );
    return feed;
  },

  /** Render a feed as its owner sees the record now. */
  async render(ds: DataSource, feed: CalendarFeed, opts: { now?: Date; timeZone?: string; includeActionItems?: boolean } = {}): Promise<string> {
    const now = opts.now ?? new Date();
    const timeZone = opts.timeZone ?? 'Europe/Copenhagen';
    const ctx = createContext(ds, { principal: { kind: 'person', personId: feed.ownerId, via: 'feed' }, now: () => now, timeZone, requestId: `feed:${feed.prefix}` });
    const cal = ical({
      name: feed.name,
      prodId: PRODID,
      // No calendar-wide zone: DTSTAMP stays in UTC; each event carries TZID and the generator adds the VTIMEZONE.
      timezone: { name: null, generator: vtimezone },
      ttl: 60 * 15,
    });
    const forumIds = await feedForums(ctx, feed);
    await addMeetings(ctx, cal, forumIds, now, timeZone);
    if (opts.includeActionItems ?? feed.includeActionItems) await addActionItems(ctx, cal, feed, now, timeZone);
    // Confidential content shown to an owner with a legal basis is logged like any other read.
    await flushConfidentialReads(ctx);
    return cal.toString();
  },
};

/** The forums whose meetings a feed shows (before the owner's read scope is applied). */
async function feedForums(ctx: Ctx, feed: CalendarFeed): Promise<string[]> {
  if (feed.kind === CalendarFeedKind.FORUM) return [feed.targetId];
  const day = localDate(ctx.now(), ctx.timeZone);
  const column = feed.kind === CalendarFeedKind.ORGANISATION ? 'organisation_id' : 'person_id';
  const rows: { forum_id: string }[] = await ctx.manager.query(
    `SELECT DISTINCT forum_id::text FROM forum_member WHERE ${column} = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date)`,
    [feed.targetId, day],
  );
  return rows.map((r) => r.forum_id);
}

function at(instant: Date, timeZone: string): TZDate {
  return new TZDate(instant.getTime(), timeZone);
}

async function addMeetings(ctx: Ctx, cal: ICalCalendar, forumIds: string[], now: Date, timeZone: string): Promise<void> {
  if (!forumIds.length) return;
  const sql = new Sql();
  const guard = await listGuard(ctx, Meeting);
  const meetings: {
    id: string;
    forum_id: string;
    forum_name: string;
    title: string;
    starts_at: Date;
    ends_at: Date;
    location: string | null;
    status: MeetingStatus;
    cancellation_reason: string | null;
    version: number;
    created_at: Date;
    updated_at: Date;
  }[] = await ctx.manager.query(
    `SELECT m.id::text, m.forum_id::text, f.name AS forum_name, m.title, m.starts_at, m.ends_at, coalesce(m.location, f.default_location) AS location,
            m.status, m.cancellation_reason, m.version, m.created_at, m.updated_at
       FROM meeting m JOIN forum f ON f.id = m.forum_id
      WHERE m.forum_id = ANY(${sql.p(forumIds, 'uuid[]')})
        AND m.starts_at >= ${sql.p(new Date(now.getTime() - PAST_DAYS * DAY).toISOString(), 'timestamptz')}
        AND m.starts_at < ${sql.p(new Date(now.getTime() + FUTURE_DAYS * DAY).toISOString(), 'timestamptz')}
        AND ${guard('m', sql)}
      ORDER BY m.starts_at, m.id
      LIMIT ${MAX_EVENTS}`,
    sql.params,
  );
  const agenda = new Map<string, string[]>();
  if (meetings.length) {
    const items: AgendaLine[] = await ctx.manager.query(
      `SELECT id::text, meeting_id::text, position, title, confidential, forum_id::text FROM agenda_item WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, position`,
      [meetings.map((m) => m.id)],
    );
    const legal = await ctx.access.confidentialForums();
    for (const i of items) {
      const shown = !i.confidential || legal === null || legal.includes(i.forum_id);
      if (shown && i.confidential) ctx.confidentialReads.add(i.id);
      const list = agenda.get(i.meeting_id) ?? [];
      list.push(`${i.position}. ${shown ? i.title : REDACTED}`);
      agenda.set(i.meeting_id, list);
    }
  }
  for (const m of meetings) {
    const lines = agenda.get(m.id) ?? [];
    const description = [
      m.forum_name,
      m.status === MeetingStatus.CANCELLED ? `Aflyst${m.cancellation_reason ? ': ' + m.cancellation_reason : ''}` : null,
      lines.length ? `Dagsorden:\n${lines.join('\n')}` : 'Dagsorden: endnu ikke offentliggjort',
    ]
      .filter(Boolean)
      .join('\n\n');
    cal.createEvent({
      id: `meeting-${m.id}@${UID_DOMAIN}`,
      sequence: m.version,
      start: at(m.starts_at, timeZone),
      end: at(m.ends_at, timeZone),
      timezone: timeZone,
      stamp: m.updated_at,
      created: m.created_at,
      lastModified: m.updated_at,
      summary: m.title,
      location: m.location,
      description,
      status: m.status === MeetingStatus.CANCELLED ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  await addSeries(ctx, cal, forumIds, meetings, now, timeZone);
}

/** The forums' RRULEs beyond their last scheduled meeting, as tentative instances. */
async function addSeries(
  ctx: Ctx,
  cal: ICalCalendar,
  forumIds: string[],
  shown: { forum_id: string; starts_at: Date }[],
  now: Date,
  timeZone: string,
): Promise<void> {
  const readable = new Set<string>();
  for (const f of forumIds) if (await ctx.access.canReadForum(f, 'meetings')) readable.add(f);
  if (!readable.size) return;
  const forums: { id: string; name: string; recurrence: string | null; meeting_duration_minutes: number; default_location: string | null; last: Date | null }[] =
    await ctx.manager.query(
      `SELECT f.id::text, f.name, f.recurrence, f.meeting_duration_minutes, f.default_location,
              (SELECT max(m.starts_at) FROM meeting m WHERE m.forum_id = f.id) AS last
         FROM forum f WHERE f.id = ANY($1::uuid[]) AND f.recurrence IS NOT NULL`,
      [[...readable]],
    );
  const horizon = new Date(now.getTime() + SERIES_DAYS * DAY);
  for (const f of forums) {
    let rec;
    try {
      rec = parseRecurrence(f.recurrence!, 'recurrence', timeZone);
    } catch {
      continue; // a rule that no longer parses is not the feed's business
    }
    const from = new Date(Math.max(now.getTime(), (f.last?.getTime() ?? 0) + 1));
    const days = new Set(shown.filter((m) => m.forum_id === f.id).map((m) => localDate(m.starts_at, rec.timeZone)));
    for (const start of occurrences(rec, from, horizon, 200)) {
      const day = localDate(start, rec.timeZone);
      if (days.has(day)) continue;
      cal.createEvent({
        id: `series-${f.id}-${day.replace(/-/g, '')}@${UID_DOMAIN}`,
        sequence: 0,
        start: at(start, rec.timeZone),
        end: at(new Date(start.getTime() + f.meeting_duration_minutes * 60_000), rec.timeZone),
        timezone: rec.timeZone,
        stamp: now,
        summary: `${f.name} (planlagt)`,
        location: f.default_location,
        description: `${f.name}\n\nPlanlagt efter forummets mødeplan; mødet er endnu ikke indkaldt.`,
        status: ICalEventStatus.TENTATIVE,
      });
    }
  }
}

/** Open action items' due dates as all-day entries (confidential titles redacted for the owner). */
async function addActionItems(ctx: Ctx, cal: ICalCalendar, feed: CalendarFeed, now: Date, timeZone: string): Promise<void> {
  const sql = new Sql();
  const guard = await listGuard(ctx, ActionItem);
  const target =
    feed.kind === CalendarFeedKind.FORUM
      ? `a.forum_id = ${sql.p(feed.targetId, 'uuid')}`
      : feed.kind === CalendarFeedKind.ORGANISATION
        ? `a.assignee_organisation_id = ${sql.p(feed.targetId, 'uuid')}`
        : `a.assignee_person_id = ${sql.p(feed.targetId, 'uuid')}`;
  const since = localDate(new Date(now.getTime() - 90 * DAY), timeZone);
  const rows: { id: string; agenda_item_id: string | null; title: string; confidential: boolean; forum_id: string; due_date: string; version: number; updated_at: Date; forum_name: string; org_name: string }[] =
    await ctx.manager.query(
      `SELECT a.id::text, a.agenda_item_id::text, a.title, a.confidential, a.forum_id::text, a.due_date::text, a.version, a.updated_at, f.name AS forum_name, o.name AS org_name
         FROM action_item a JOIN forum f ON f.id = a.forum_id JOIN organisation o ON o.id = a.assignee_organisation_id
        WHERE ${target} AND a.status = ANY(${sql.p(OPEN_STATUSES, 'action_item_status[]')}) AND a.due_date >= ${sql.p(since, 'date')}
          AND ${guard('a', sql)}
        ORDER BY a.due_date, a.id LIMIT ${MAX_EVENTS}`,
      sql.params,
    );
  const legal = await ctx.access.confidentialForums();
  for (const a of rows) {
    const shown = !a.confidential || legal === null || legal.includes(a.forum_id);
    if (shown && a.confidential && a.agenda_item_id) ctx.confidentialReads.add(a.agenda_item_id);
    cal.createEvent({
      id: `action-${a.id}@${UID_DOMAIN}`,
      sequence: a.version,
      start: a.due_date,
      allDay: true,
      stamp: a.updated_at,
      summary: `Frist: ${shown ? a.title : REDACTED}`,
      description: `Handlingspunkt fra ${a.forum_name}\nAnsvarlig: ${a.org_name}`,
    });
  }
}
