/** Building a meeting's agenda: add, edit, reorder, defer to the next meeting, carry over, and the follow-up of open items. */
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction } from '../context';
import { ConflictError, InputError } from '../common/errors';
import { optionalText, requireFound, requireText } from '../common/validate';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity';
import { assertEditable, lockMeeting, recordAmendment } from '../meeting/meeting.service';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { MinutesAmendment, MinutesStatus } from '../meeting/meeting.entity';
import { AgendaItem, AgendaItemKind, AgendaItemStatus } from './agenda-item.entity';
import { Decision } from '../decision/decision.entity';
import { AgendaItemSubject } from './agenda-item-subject.entity';
import { In } from 'typeorm';
import { ActionItem } from '../action-item/action-item.entity';

export interface AgendaItemInput {
  title?: string;
  description?: string | null;
  kind?: AgendaItemKind;
  presenterPersonId?: string | null;
  presenterOrganisationId?: string | null;
  plannedMinutes?: number | null;
  confidential?: boolean | null;
  outcomeNotes?: string | null;
  status?: AgendaItemStatus | null;
  concernedPersonIds?: string[] | null;
  version?: number | null;
}

/**
 * SQL condition: agenda item `a` is still pending follow-up — deferred, or left planned at a meeting
 * that has taken place or was cancelled — and has not been carried over to a later meeting.
 */
export const PENDING_AGENDA_ITEM = `(a.status = 'deferred' OR (a.status = 'planned' AND EXISTS (
    SELECT 1 FROM meeting am WHERE am.id = a.meeting_id AND am.status IN ('held', 'cancelled'))))
  AND NOT EXISTS (SELECT 1 FROM agenda_item nx WHERE nx.carried_over_from_id = a.id)`;

async function checkPresenter(ctx: Ctx, input: AgendaItemInput) {
  if (input.presenterPersonId) await requireFound(ctx.manager, Person, input.presenterPersonId, 'presenterPersonId');
  if (input.presenterOrganisationId) await requireFound(ctx.manager, Organisation, input.presenterOrganisationId, 'presenterOrganisationId');
}

function checkMinutes(v: number | null | undefined): number | null {
  if (v == null) return null;
  if (!Number.isInteger(v) || v < 1 || v > 600) throw new InputError('plannedMinutes', 'must be between 1 and 600');
  return v;
}

/** Replace the list of people an item concerns. */
async function setSubjects(ctx: Ctx, itemId: string, personIds: string[]): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length) {
    const found = await ctx.manager.findBy(Person, { id: In(ids) });
    const missing = ids.find((id) => !found.some((p) => p.id === id));
    if (missing) throw new InputError('concernedPersonIds', `person ${missing} does not exist`);
  }
  const existing = await ctx.manager.findBy(AgendaItemSubject, { agendaItemId: itemId });
  const gone = existing.filter((e) => !ids.includes(e.personId));
  if (gone.length) await ctx.manager.remove(gone);
  const added = ids.filter((id) => !existing.some((e) => e.personId === id));
  if (added.length) await ctx.manager.save(added.map((personId) => ctx.manager.create(AgendaItemSubject, { agendaItemId: itemId, personId })));
}

async function itemsOf(ctx: Ctx, meetingId: string): Promise<AgendaItem[]> {
  return ctx.manager.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
}

async function appendCopy(ctx: Ctx, source: AgendaItem, target: Meeting): Promise<AgendaItem> {
  const count = (await itemsOf(ctx, target.id)).length;
  const copy = await ctx.manager.save(
    ctx.manager.create(AgendaItem, {
      meetingId: target.id,
      forumId: target.forumId,
      position: count + 1,
      title: source.title,
      description: source.description,
      kind: source.kind,
      presenterPersonId: source.presenterPersonId,
      presenterOrganisationId: source.presenterOrganisationId,
      plannedMinutes: source.plannedMinutes,
      confidential: source.confidential,
      status: AgendaItemStatus.PLANNED,
      carriedOverFromId: source.id,
    }),
  );
  // The continued item concerns the same people.
  const subjects = await ctx.manager.findBy(AgendaItemSubject, { agendaItemId: source.id });
  if (subjects.length) await setSubjects(ctx, copy.id, subjects.map((x) => x.personId));
  return copy;
}

export const agendaService = {
  async add(ctx: Ctx, meetingId: string, input: AgendaItemInput & { title: string; kind: AgendaItemKind; position?: number | null }): Promise<AgendaItem> {
    return inTransaction(ctx, async (tx) => {
      const meeting = await lockMeeting(tx.manager, meetingId, 'meetingId');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      assertEditable(meeting, 'the agenda');
      if (meeting.status === MeetingStatus.CANCELLED) throw new ConflictError('The meeting is cancelled', { status: meeting.status });
      await checkPresenter(tx, input);
      const items = await itemsOf(tx, meetingId);
      const position = input.position ?? items.length + 1;
      if (!Number.isInteger(position) || position < 1 || position > items.length + 1) {
        throw new InputError('position', `must be between 1 and ${items.length + 1}`);
      }
      for (const it of items.filter((i) => i.position >= position)) {
        it.position += 1;
        await tx.manager.save(it);
      }
      const created = await tx.manager.save(
        tx.manager.create(AgendaItem, {
          meetingId,
          forumId: meeting.forumId,
          position,
          title: requireText('title', input.title, 500),
          description: (input.description ?? '').trim(),
          kind: input.kind,
          presenterPersonId: input.presenterPersonId ?? null,
          presenterOrganisationId: input.presenterOrganisationId ?? null,
          plannedMinutes: checkMinutes(input.plannedMinutes),
          confidential: input.confidential ?? false,
          outcomeNotes: optionalText('outcomeNotes', input.outcomeNotes, 100_000),
          status: AgendaItemStatus.PLANNED,
        }),
      );
      if (input.concernedPersonIds?.length) await setSubjects(tx, created.id, input.concernedPersonIds);
      return created;
    });
  },

  async update(ctx: Ctx, id: string, input: AgendaItemInput): Promise<AgendaItem> {
    return inTransaction(ctx, async (tx) => {
      const found = await requireFound(tx.manager, AgendaItem, id, 'id');
      const meeting = await lockMeeting(tx.manager, found.meetingId, 'id');
      // Read again under the meeting's lock: edits of one meeting's agenda are serialised.
      const item = await requireFound(tx.manager, AgendaItem, id, 'id');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      expectVersion(item, input.version);
      assertEditable(meeting, 'the agenda');
      await checkPresenter(tx, input);
      if (input.title !== undefined) item.title = requireText('title', input.title, 500);
      if (input.description !== undefined) item.description = (input.description ?? '').trim();
      if (input.kind != null) item.kind = input.kind;
      if (input.presenterPersonId !== undefined) item.presenterPersonId = input.presenterPersonId;
      if (input.presenterOrganisationId !== undefined) item.presenterOrganisationId = input.presenterOrganisationId;
      if (input.plannedMinutes !== undefined) item.plannedMinutes = checkMinutes(input.plannedMinutes);
      if (input.confidential != null && input.confidential !== item.confidential) {
        item.confidential = input.confidential;
        // What arose under the item shares its confidentiality.
        for (const cls of [Decision, ActionItem] as const) {
          for (const row of await tx.manager.findBy(cls as typeof Decision, { agendaItemId: item.id })) {
            row.confidential = input.confidential;
            await tx.manager.save(row);
          }
        }
      }
      if (input.outcomeNotes !== undefined) item.outcomeNotes = optionalText('outcomeNotes', input.outcomeNotes, 100_000);
      if (input.status != null) {
        if (input.status === AgendaItemStatus.DEFERRED) throw new InputError('status', 'use deferAgendaItem to defer an item');
        if (input.status === AgendaItemStatus.DISCUSSED && meeting.status === MeetingStatus.CANCELLED) {
          throw new ConflictError('Items of a cancelled meeting cannot be discussed', { status: meeting.status });
        }
        item.status = input.status;
      }
      if (input.concernedPersonIds != null) await setSubjects(tx, item.id, input.concernedPersonIds);
      return saveVersioned(tx.manager, item, input.version);
    });
  },

  /**
   * Take an item off the agenda of a meeting that has not been held (scheduled, minutes in draft) when
   * nothing was recorded under it: no decisions, no action items, not carried over to another meeting.
   * The later items move up. The change feed records a tombstone.
   */
  async remove(ctx: Ctx, id: string, version?: number | null): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const found = await requireFound(tx.manager, AgendaItem, id, 'id');
      const meeting = await lockMeeting(tx.manager, found.meetingId, 'id');
      const item = await requireFound(tx.manager, AgendaItem, id, 'id');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      expectVersion(item, version);
      assertEditable(meeting, 'the agenda');
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw new ConflictError('Only items of a meeting that has not been held can be removed; defer or record the outcome instead', { status: meeting.status });
      }
      const [used]: { d: boolean; a: boolean; c: boolean }[] = await tx.manager.query(
        `SELECT EXISTS (SELECT 1 FROM decision WHERE agenda_item_id = $1) AS d, EXISTS (SELECT 1 FROM action_item WHERE agenda_item_id = $1) AS a,
                EXISTS (SELECT 1 FROM agenda_item WHERE carried_over_from_id = $1) AS c`,
        [item.id],
      );
      if (used.d || used.a || used.c) {
        throw new ConflictError('Decisions, action items or a carried-over copy refer to this item; it stays on the record', { reason: 'IN_USE' });
      }
      const subjects = await tx.manager.findBy(AgendaItemSubject, { agendaItemId: item.id });
      if (subjects.length) await tx.manager.remove(subjects);
      await tx.manager.remove(item);
      for (const later of (await itemsOf(tx, meeting.id)).filter((i) => i.position > found.position)) {
        later.position -= 1;
        await tx.manager.save(later);
      }
      return meeting;
    });
  },

  /** Put the agenda in the given order; the list must name every item of the meeting once. */
  async reorder(ctx: Ctx, meetingId: string, itemIds: string[]): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const meeting = await lockMeeting(tx.manager, meetingId, 'meetingId');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      assertEditable(meeting, 'the agenda');
      const items = await itemsOf(tx, meetingId);
      const byId = new Map(items.map((i) => [i.id, i]));
      if (itemIds.length !== items.length || new Set(itemIds).size !== itemIds.length || itemIds.some((id) => !byId.has(id))) {
        throw new InputError('itemIds', `must list each of the meeting's ${items.length} agenda items exactly once`);
      }
      for (const [i, id] of itemIds.entries()) {
        const it = byId.get(id)!;
        if (it.position !== i + 1) {
          it.position = i + 1;
          await tx.manager.save(it);
        }
      }
      return meeting;
    });
  },

  /**
   * Defer an item: it is marked deferred and, when the forum has a later scheduled meeting, carried
   * over to it at the end of its agenda. Without one it waits on the forum's follow-up list.
   */
  async defer(ctx: Ctx, id: string, note?: string | null, version?: number | null): Promise<AgendaItem> {
    return inTransaction(ctx, async (tx) => {
      const found = await requireFound(tx.manager, AgendaItem, id, 'id');
      const meeting = await lockMeeting(tx.manager, found.meetingId, 'id');
      // Read again under the meeting's lock: edits of one meeting's agenda are serialised.
      const item = await requireFound(tx.manager, AgendaItem, id, 'id');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      expectVersion(item, version);
      assertEditable(meeting, 'the agenda');
      if (item.status === AgendaItemStatus.DISCUSSED) throw new ConflictError('A discussed item cannot be deferred', { status: item.status });
      item.status = AgendaItemStatus.DEFERRED;
      if (note != null) item.outcomeNotes = optionalText('note', note, 10_000);
      await saveVersioned(tx.manager, item, version);
      const next = await tx.manager
        .createQueryBuilder(Meeting, 'm')
        .where('m.forumId = :f AND m.startsAt > :s AND m.status = :st AND m.minutesStatus = :ms', {
          f: meeting.forumId,
          s: meeting.startsAt,
          st: MeetingStatus.SCHEDULED,
          ms: MinutesStatus.DRAFT,
        })
        .orderBy('m.startsAt', 'ASC')
        .setLock('pessimistic_write')
        .getOne();
      const already = await tx.manager.findOneBy(AgendaItem, { carriedOverFromId: item.id });
      if (next && !already) await appendCopy(tx, item, next);
      return item;
    });
  },

  /** Put an earlier pending item of the same forum on this meeting's agenda. */
  async carryOver(ctx: Ctx, id: string, toMeetingId: string): Promise<AgendaItem> {
    return inTransaction(ctx, async (tx) => {
      const source = await requireFound(tx.manager, AgendaItem, id, 'agendaItemId');
      const target = await lockMeeting(tx.manager, toMeetingId, 'toMeetingId');
      await tx.access.require(Permission.RECORD, target.partnershipId);
      assertEditable(target, 'the agenda');
      const from = await requireFound(tx.manager, Meeting, source.meetingId, 'agendaItemId');
      if (target.forumId !== from.forumId) throw new InputError('toMeetingId', 'must be a meeting of the same forum');
      if (target.startsAt <= from.startsAt) throw new InputError('toMeetingId', 'must be later than the meeting the item comes from');
      if (target.status === MeetingStatus.CANCELLED) throw new ConflictError('The meeting is cancelled', { status: target.status });
      const pending = await tx.manager.query(`SELECT 1 FROM agenda_item a WHERE a.id = $1 AND ${PENDING_AGENDA_ITEM}`, [source.id]);
      if (!pending.length) {
        throw new ConflictError('Only a deferred or unconcluded item that has not been carried over already can be carried over', {
          status: source.status,
        });
      }
      return appendCopy(tx, source, target);
    });
  },

  /** Change the outcome of an item of approved minutes; recorded as an amendment. */
  async amendOutcome(ctx: Ctx, id: string, outcomeNotes: string | null, reason: string): Promise<MinutesAmendment> {
    return inTransaction(ctx, async (tx) => {
      const found = await requireFound(tx.manager, AgendaItem, id, 'agendaItemId');
      const meeting = await lockMeeting(tx.manager, found.meetingId, 'agendaItemId');
      const item = await requireFound(tx.manager, AgendaItem, id, 'agendaItemId');
      await tx.access.require(Permission.RECORD, meeting.partnershipId);
      if (meeting.minutesStatus !== MinutesStatus.APPROVED) throw new ConflictError('Draft minutes are edited directly; amendments are for approved minutes');
      const after = optionalText('outcomeNotes', outcomeNotes, 100_000);
      const amendment = await recordAmendment(tx, meeting.id, 'AgendaItem.outcomeNotes', item.id, item.outcomeNotes, after, reason);
      item.outcomeNotes = after;
      await saveVersioned(tx.manager, item);
      return amendment;
    });
  },
};
