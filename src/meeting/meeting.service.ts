/** Meetings: scheduling (single or from the forum's RRULE), attendance, and minutes approval that freezes the record. */
import { GraphQLResolveInfo } from 'graphql';
import { EntityManager, IsNull } from 'typeorm';
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, ListQuery, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { optionalText, requireFound, requireText } from '../common/validate';
import { TS_CONFIG } from '../common/search';
import { Forum } from '../forum/forum.entity';
import { occurrences, parseRecurrence } from '../forum/recurrence';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { isAffiliated } from '../person/person.service';
import { localDate } from '../context';
import {
  Attendance,
  AttendanceStatus,
  Meeting,
  MeetingKind,
  MeetingStatus,
  MinutesAmendment,
  MinutesStatus,
} from './meeting.entity';

export const MAX_SERIES = 200;

/** Approved minutes are frozen: changes go through amendments. */
export function assertEditable(meeting: Meeting, what = 'the meeting'): void {
  if (meeting.minutesStatus === MinutesStatus.APPROVED) {
    throw new ConflictError(`The minutes of meeting ${meeting.id} are approved; ${what} can only be changed by a recorded amendment`, {
      meetingId: meeting.id,
      reason: 'MINUTES_APPROVED',
    });
  }
}

export async function lockMeeting(manager: EntityManager, id: string, field: string): Promise<Meeting> {
  return requireFound(manager, Meeting, id, field, { lock: true });
}

export interface MeetingFilter {
  forumId?: string | null;
  partnershipId?: string | null;
  from?: Date | null;
  to?: Date | null;
  status?: MeetingStatus[] | null;
  kind?: MeetingKind | null;
  search?: string | null;
}

/** Meetings newest first; `search` matches the meeting, its agenda items, decisions and action items. */
export const MEETING_SORT: ListQuery['sort'] = [
  { expr: 'm.starts_at', dir: 'DESC', type: 'timestamptz' },
  { expr: 'm.id', dir: 'DESC', type: 'uuid' },
];

/** Search results newest first, read from the search documents (the same order and cursors as MEETING_SORT). */
const SEARCH_SORT: ListQuery['sort'] = [
  { expr: 's.starts_at', dir: 'DESC', type: 'timestamptz' },
  { expr: 's.meeting_id', dir: 'DESC', type: 'uuid' },
];

/**
 * Searches matching at least `walkFrom` meetings (the statement counts that far) find their page by
 * walking the documents' 30-day periods newest first (ListQuery.walk); fewer matches are read whole and
 * sorted, which is cheaper for them. Nationally (~700 meetings a period), A/B with pgbench, a word
 * matching 4,265 meetings: 3.8–5.3 ms read whole, 1.3–1.4 ms walked (with the chunk ahead of today).
 * Tests lower it to walk small data.
 */
export const searchTuning = {
  walkFrom: 1001,
  /**
   * A term PostgreSQL's statistics expect in at least this many documents is also counted period by
   * period (ListQuery.walk.countByPeriods). National A/B of the count alone: a word in 92,256 meetings
   * 6.7 → 1.2 ms, in 39,952 4.0 → 1.2 ms; in 4,265 1.3 against 1.7 ms, and with no match 0.4 against
   * 1.0 ms, so those keep the one bitmap scan.
   */
  countByPeriodsFrom: 10_000,
};

/** Estimated documents matching a term (the planner's row estimate), per term, kept a while. */
const termEstimates = new Map<string, { rows: number; at: number }>();
const TERM_ESTIMATES_MAX = 1000;
const TERM_ESTIMATE_MS = 10 * 60_000;

async function estimatedMatches(manager: EntityManager, term: string): Promise<number> {
  const hit = termEstimates.get(term);
  if (hit && Date.now() - hit.at < TERM_ESTIMATE_MS) return hit.rows;
  const [row] = await manager.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM meeting_search s WHERE s.open_doc @@ websearch_to_tsquery('${TS_CONFIG}', $1)`, [term]);
  const plan = row['QUERY PLAN'];
  const rows = Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0]?.Plan?.['Plan Rows'] ?? 0);
  termEstimates.delete(term);
  if (termEstimates.size >= TERM_ESTIMATES_MAX) termEstimates.delete(termEstimates.keys().next().value as string);
  termEstimates.set(term, { rows, at: Date.now() });
  return rows;
}

/** A filter with a search term and nothing else. */
function onlySearch(filter: MeetingFilter): boolean {
  return !filter.forumId && !filter.partnershipId && !filter.from && !filter.to && !filter.status?.length && !filter.kind;
}

/** The newest and oldest periods holding search documents (the index on -period gives both). */
const SEARCH_SPAN = 'SELECT -min(-period) AS hi, -max(-period) AS lo FROM meeting_search';

export function meetingListQuery(filter: MeetingFilter, confidentialForums: string[] | null): ListQuery {
  const sql = new Sql();
  // meetingWhere adds `<s or m>.partnership_id = …` for it (on the guarded table).
  const partnershipId = filter.partnershipId ?? undefined;
  if (filter.search?.trim()) {
    // Driven by meeting_search, which carries forum, partnership and start: the read guard, the filters
    // and the order all apply there, and only the page's meetings are joined. (LEFT JOIN: a count
    // without meeting filters never touches the meeting table.)
    const where = [searchMatch(filter.search, sql, confidentialForums), ...meetingWhere({ ...filter, search: null }, sql, null, 's')];
    if (filter.status?.length) where.push(`m.status = ANY(${sql.p(filter.status, 'meeting_status[]')})`);
    if (filter.kind) where.push(`m.kind = ${sql.p(filter.kind, 'meeting_kind')}`);
    // keysFirst: the page's meetings are found among the documents alone, then joined (not every match).
    // guardIsFilter: the documents' GIN index finds the matches; the read guard only filters them (a long
    // partnership list through a hash table, also in the generic plan of the prepared statement).
    // shortGuardDrives: a reader of a few partnerships has their matches found through the documents'
    // GIN index on (partnership_id, open_doc) instead.
    // walk: a term with many matches is read period by period, newest first, until the page is full.
    return {
      from: 'meeting_search s LEFT JOIN meeting m ON m.id = s.meeting_id',
      entityAlias: 'm',
      where,
      sql,
      sort: SEARCH_SORT,
      partnershipId,
      keysFirst: true,
      guardIsFilter: true,
      // The search documents and meetings notify every change (count-cache.ts).
      countsCached: true,
      walk: {
        column: 's.period',
        periodOf: 'meeting_search_period',
        span: SEARCH_SPAN,
        from: searchTuning.walkFrom,
        chunkAfter: 'meeting_search_period(now())',
        // Only for the term alone (a reader of many partnerships: shortGuardDrives): with another
        // filter, the periods' matches would be read to be filtered out.
        countByPeriods: onlySearch(filter)
          ? async (manager) => (await estimatedMatches(manager, filter.search!.trim())) >= searchTuning.countByPeriodsFrom
          : undefined,
      },
      shortGuardDrives: true,
    };
  }
  return { from: 'meeting m', where: meetingWhere(filter, sql, confidentialForums), sql, sort: MEETING_SORT, partnershipId };
}

/**
 * The search condition on search documents `s` (migration MeetingSearchDocument): the meeting with its
 * non-confidential items in open_doc, confidential ones in confidential_doc, which only matches in
 * `confidentialForums` (the forums whose confidential content the reader may see; null: all).
 */
function searchMatch(search: string, sql: Sql, confidentialForums: string[] | null): string {
  // A scalar subquery (an InitPlan: the term parsed once per statement, a parameter to each scan) hides
  // the term from the planner, so a custom plan of the prepared search is never cheaper than its generic
  // plan and PostgreSQL keeps the generic one instead of planning each search for its term (~1 ms for
  // the walked statement; on one partnership's data 342 against 915 req/s at one connection). The plan
  // is the documents' GIN index whatever the term; a custom plan had also read a tiny table by a
  // sequential scan, fetching every document from TOAST, which the planner does not count.
  const q = `(SELECT websearch_to_tsquery('${TS_CONFIG}', ${sql.p(search.trim(), 'text')}))`;
  const confidential =
    confidentialForums === null
      ? ` OR s.confidential_doc @@ ${q}`
      : confidentialForums.length
        ? ` OR (s.confidential_doc @@ ${q} AND s.forum_id = ANY(${sql.p(confidentialForums, 'uuid[]')}))`
        : '';
  return `(s.open_doc @@ ${q}${confidential})`;
}

/**
 * Filters on meeting `m`, with parameters added to `sql`. Search never matches confidential content
 * outside `confidentialForums`. With `on = 's'` the forum, partnership and time filters apply to the
 * search documents instead (which carry those columns); status and kind are left to the caller.
 */
export function meetingWhere(filter: MeetingFilter, sql: Sql, confidentialForums: string[] | null, on: 'm' | 's' = 'm'): string[] {
  const where: string[] = [];
  if (filter.forumId) where.push(`${on}.forum_id = ${sql.id(filter.forumId, 'forumId')}`);
  if (filter.partnershipId) where.push(`${on}.partnership_id = ${sql.id(filter.partnershipId, 'partnershipId')}`);
  if (filter.from) where.push(`${on}.starts_at >= ${sql.p(filter.from.toISOString(), 'timestamptz')}`);
  if (filter.to) where.push(`${on}.starts_at < ${sql.p(filter.to.toISOString(), 'timestamptz')}`);
  if (on === 's') return where;
  if (filter.status?.length) where.push(`m.status = ANY(${sql.p(filter.status, 'meeting_status[]')})`);
  if (filter.kind) where.push(`m.kind = ${sql.p(filter.kind, 'meeting_kind')}`);
  if (filter.search?.trim()) {
    where.push(`m.id IN (SELECT s.meeting_id FROM meeting_search s WHERE ${searchMatch(filter.search, sql, confidentialForums)})`);
  }
  return where;
}

export interface ScheduleInput {
  forumId: string;
  title?: string | null;
  startsAt: Date;
  endsAt?: Date | null;
  location?: string | null;
  kind?: MeetingKind | null;
}

function checkTimes(startsAt: Date, endsAt: Date) {
  if (Number.isNaN(startsAt.getTime())) throw new InputError('startsAt', 'is not a valid time');
  if (Number.isNaN(endsAt.getTime())) throw new InputError('endsAt', 'is not a valid time');
  if (endsAt <= startsAt) throw new InputError('endsAt', 'must be after startsAt');
  if (endsAt.getTime() - startsAt.getTime() > 7 * 24 * 3600_000) throw new InputError('endsAt', 'must be within 7 days of startsAt');
}

function defaultTitle(forum: Forum, startsAt: Date, timeZone: string): string {
  return `${forum.name} ${localDate(startsAt, timeZone)}`;
}

export const meetingService = {
  async schedule(ctx: Ctx, input: ScheduleInput): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const forum = await requireFound(tx.manager, Forum, input.forumId, 'forumId');
      await tx.access.require(Permission.RECORD, forum.partnershipId);
      const endsAt = input.endsAt ?? new Date(input.startsAt.getTime() + forum.meetingDurationMinutes * 60_000);
      checkTimes(input.startsAt, endsAt);
      return tx.manager.save(
        tx.manager.create(Meeting, {
          forumId: forum.id,
          partnershipId: forum.partnershipId,
          title: input.title != null ? requireText('title', input.title, 300) : defaultTitle(forum, input.startsAt, tx.timeZone),
          startsAt: input.startsAt,
          endsAt,
          location: input.location !== undefined ? optionalText('location', input.location, 300) : forum.defaultLocation,
          kind: input.kind ?? MeetingKind.ORDINARY,
          status: MeetingStatus.SCHEDULED,
        }),
      );
    });
  },

  /**
   * Meetings for every occurrence of the forum's RRULE in [from, to]. Occurrences that already have a
   * meeting of the forum starting then are skipped, so running it twice creates nothing new.
   */
  async scheduleSeries(ctx: Ctx, input: { forumId: string; from: Date; to: Date }): Promise<Meeting[]> {
    return inTransaction(ctx, async (tx) => {
      const forum = await requireFound(tx.manager, Forum, input.forumId, 'forumId', { lock: true });
      await tx.access.require(Permission.RECORD, forum.partnershipId);
      if (!forum.recurrence) throw new InputError('forumId', 'the forum has no recurrence rule');
      if (input.to <= input.from) throw new InputError('to', 'must be after from');
      const starts = occurrences(parseRecurrence(forum.recurrence), input.from, input.to, MAX_SERIES + 1);
      if (starts.length > MAX_SERIES) throw new InputError('to', `the range holds more than ${MAX_SERIES} occurrences`);
      const existing: { starts_at: Date }[] = await tx.manager.query(
        'SELECT starts_at FROM meeting WHERE forum_id = $1 AND starts_at = ANY($2::timestamptz[])',
        [forum.id, starts.map((d) => d.toISOString())],
      );
      const taken = new Set(existing.map((r) => new Date(r.starts_at).getTime()));
      const meetings = starts
        .filter((s) => !taken.has(s.getTime()))
        .map((startsAt) =>
          tx.manager.create(Meeting, {
            forumId: forum.id,
            partnershipId: forum.partnershipId,
            title: defaultTitle(forum, startsAt, tx.timeZone),
            startsAt,
            endsAt: new Date(startsAt.getTime() + forum.meetingDurationMinutes * 60_000),
            location: forum.defaultLocation,
            kind: MeetingKind.ORDINARY,
            status: MeetingStatus.SCHEDULED,
          }),
        );
      return meetings.length ? tx.manager.save(meetings) : [];
    });
  },

  async update(
    ctx: Ctx,
    id: string,
    input: { title?: string | null; startsAt?: Date | null; endsAt?: Date | null; location?: string | null; minutesNotes?: string | null; version?: number | null },
  ): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, id, 'id');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      expectVersion(m, input.version);
      assertEditable(m);
      if (input.title != null) m.title = requireText('title', input.title, 300);
      if (input.title === null) throw new InputError('title', 'must not be empty');
      if (input.location !== undefined) m.location = optionalText('location', input.location, 300);
      if (input.minutesNotes !== undefined) m.minutesNotes = optionalText('minutesNotes', input.minutesNotes, 100_000);
      if (input.startsAt || input.endsAt) {
        const duration = m.endsAt.getTime() - m.startsAt.getTime();
        const startsAt = input.startsAt ?? m.startsAt;
        const endsAt = input.endsAt ?? (input.startsAt ? new Date(startsAt.getTime() + duration) : m.endsAt);
        checkTimes(startsAt, endsAt);
        m.startsAt = startsAt;
        m.endsAt = endsAt;
      }
      return saveVersioned(tx.manager, m, input.version);
    });
  },

  async cancel(ctx: Ctx, id: string, reason: string, version?: number | null): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, id, 'id');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      assertEditable(m);
      expectVersion(m, version);
      if (m.status !== MeetingStatus.SCHEDULED) throw new ConflictError(`Only a scheduled meeting can be cancelled; this one is ${m.status}`, { status: m.status });
      m.status = MeetingStatus.CANCELLED;
      m.cancellationReason = requireText('reason', reason, 1000);
      return saveVersioned(tx.manager, m, version);
    });
  },

  async markHeld(ctx: Ctx, id: string, version?: number | null): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, id, 'id');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      assertEditable(m);
      expectVersion(m, version);
      if (m.status !== MeetingStatus.SCHEDULED) throw new ConflictError(`Only a scheduled meeting can be marked held; this one is ${m.status}`, { status: m.status });
      if (m.startsAt > tx.now()) throw new ConflictError('A meeting cannot be marked held before it starts', { startsAt: m.startsAt });
      m.status = MeetingStatus.HELD;
      return saveVersioned(tx.manager, m, version);
    });
  },

  /**
   * Record attendance, one entry per organisation and (optionally) person; re-recording an entry
   * updates it. A named person must be affiliated with the organisation on the meeting day.
   */
  async recordAttendance(
    ctx: Ctx,
    meetingId: string,
    entries: { organisationId: string; personId?: string | null; status: AttendanceStatus }[],
  ): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, meetingId, 'meetingId');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      assertEditable(m, 'attendance');
      if (m.status === MeetingStatus.CANCELLED) throw new ConflictError('A cancelled meeting has no attendance', { status: m.status });
      if (!entries.length) throw new InputError('entries', 'must not be empty');
      const day = localDate(m.startsAt, tx.timeZone);
      const seen = new Set<string>();
      for (const [i, e] of entries.entries()) {
        const key = `${e.organisationId}/${e.personId ?? ''}`;
        if (seen.has(key)) throw new InputError(`entries.${i}`, 'repeats an earlier entry');
        seen.add(key);
        await requireFound(tx.manager, Organisation, e.organisationId, `entries.${i}.organisationId`);
        if (e.personId) {
          await requireFound(tx.manager, Person, e.personId, `entries.${i}.personId`);
          if (!(await isAffiliated(tx.manager, e.personId, e.organisationId, day))) {
            throw new InputError(`entries.${i}.personId`, `is not affiliated with organisation ${e.organisationId} on ${day}`);
          }
        }
        const existing = await tx.manager.findOne(Attendance, {
          where: { meetingId, organisationId: e.organisationId, personId: e.personId ? e.personId : IsNull() },
        });
        if (existing) {
          existing.status = e.status;
          await tx.manager.save(existing);
        } else {
          await tx.manager.save(
            tx.manager.create(Attendance, { meetingId, organisationId: e.organisationId, personId: e.personId ?? null, status: e.status }),
          );
        }
      }
      return m;
    });
  },

  async approveMinutes(ctx: Ctx, id: string, version?: number | null): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, id, 'id');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      expectVersion(m, version);
      if (m.minutesStatus === MinutesStatus.APPROVED) throw new ConflictError('The minutes are already approved', { reason: 'MINUTES_APPROVED' });
      if (m.status !== MeetingStatus.HELD) throw new ConflictError(`Minutes can be approved only for a held meeting; this one is ${m.status}`, { status: m.status });
      m.minutesStatus = MinutesStatus.APPROVED;
      m.minutesApprovedAt = tx.now();
      m.minutesApprovedById = tx.actorId;
      return saveVersioned(tx.manager, m, version);
    });
  },

  /** Change approved minutes' general notes; the before and after are kept as an amendment. */
  async amendMinutesNotes(ctx: Ctx, meetingId: string, minutesNotes: string | null, reason: string): Promise<MinutesAmendment> {
    return inTransaction(ctx, async (tx) => {
      const m = await lockMeeting(tx.manager, meetingId, 'meetingId');
      await tx.access.require(Permission.RECORD, m.partnershipId);
      if (m.minutesStatus !== MinutesStatus.APPROVED) throw new ConflictError('Draft minutes are edited directly; amendments are for approved minutes');
      const after = optionalText('minutesNotes', minutesNotes, 100_000);
      const amendment = await recordAmendment(tx, m.id, 'Meeting.minutesNotes', m.id, m.minutesNotes, after, reason);
      m.minutesNotes = after;
      await saveVersioned(tx.manager, m);
      return amendment;
    });
  },
};

export async function recordAmendment(
  ctx: Ctx,
  meetingId: string,
  target: string,
  targetId: string,
  before: string | null,
  after: string | null,
  reason: string,
): Promise<MinutesAmendment> {
  return ctx.manager.save(
    ctx.manager.create(MinutesAmendment, {
      meetingId,
      authorId: ctx.actorId,
      reason: requireText('reason', reason, 2000),
      target,
      targetId,
      before,
      after,
    }),
  );
}

export async function listMeetings(ctx: Ctx, filter: MeetingFilter, args: ConnectionArgs, info?: GraphQLResolveInfo) {
  return connection(ctx, Meeting, meetingListQuery(filter, await ctx.access.confidentialForums()), args, info);
}
