/**
 * Action items: assigned to an organisation (and optionally a person affiliated with it), chased
 * through a status state machine. Every change appends to the item's history in the same transaction.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Permission } from '../auth/access';
import { prepared } from '../db/prepared';
import { afterVersionedWrite, expectVersion, pendingChanges, staleError } from '../common/versioned';
import { recordInsert } from '../audit/audit';
import { Ctx, inTransaction, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, ListQuery, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { checkDate, optionalText, requireFound, requireText } from '../common/validate';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision, DecisionStatus } from '../decision/decision.entity';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity';
import { assertEditable, lockMeeting } from '../meeting/meeting.service';
import { Organisation } from '../organisation/organisation.entity';
import { inSubtreeSql, subtreeSql } from '../organisation/organisation.service';
import { Person } from '../person/person.entity';
import { isAffiliated } from '../person/person.service';
import { ActionItem, ActionItemEvent, ActionItemEventKind, ActionItemOrigin, ActionItemStatus, OPEN_STATUSES } from './action-item.entity';

const S = ActionItemStatus;

/** The action item state machine. Reopening a done or cancelled item is allowed, with a comment. */
export const ACTION_ITEM_TRANSITIONS: Record<ActionItemStatus, ActionItemStatus[]> = {
  [S.OPEN]: [S.IN_PROGRESS, S.BLOCKED, S.DONE, S.CANCELLED],
  [S.IN_PROGRESS]: [S.OPEN, S.BLOCKED, S.DONE, S.CANCELLED],
  [S.BLOCKED]: [S.OPEN, S.IN_PROGRESS, S.DONE, S.CANCELLED],
  [S.DONE]: [S.OPEN],
  [S.CANCELLED]: [S.OPEN],
};

/** Transitions that must say why. */
function commentRequired(from: ActionItemStatus, to: ActionItemStatus): boolean {
  return to === S.BLOCKED || to === S.CANCELLED || from === S.DONE || from === S.CANCELLED;
}

export interface CreateActionItemInput {
  title: string;
  description?: string | null;
  decisionId?: string | null;
  agendaItemId?: string | null;
  meetingId?: string | null;
  assigneeOrganisationId: string;
  assigneePersonId?: string | null;
  dueDate: string;
}

export interface ActionItemFilter {
  assigneeOrganisationId?: string | null;
  includeSubOrganisations?: boolean | null;
  assigneePersonId?: string | null;
  status?: ActionItemStatus[] | null;
  overdue?: boolean | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  forumId?: string | null;
  partnershipId?: string | null;
  meetingId?: string | null;
  decisionId?: string | null;
  agendaItemId?: string | null;
}

async function checkAssignee(
  ctx: Ctx,
  organisationId: string,
  personId: string | null | undefined,
  fields = { org: 'assigneeOrganisationId', person: 'assigneePersonId' },
) {
  const org = await requireFound(ctx.manager, Organisation, organisationId, fields.org);
  if (!org.active) throw new InputError(fields.org, 'is not an active organisation');
  if (personId) {
    await requireFound(ctx.manager, Person, personId, fields.person);
    const on = today(ctx);
    if (!(await isAffiliated(ctx.manager, personId, organisationId, on))) {
      throw new InputError(fields.person, `is not affiliated with organisation ${organisationId} on ${on}`);
    }
  }
}

async function event(ctx: Ctx, item: ActionItem, e: Partial<ActionItemEvent> & { kind: ActionItemEventKind }) {
  await ctx.manager.save(eventRow(ctx, item, e));
}

function eventRow(ctx: Ctx, item: ActionItem, e: Partial<ActionItemEvent> & { kind: ActionItemEventKind }): ActionItemEvent {
  return ctx.manager.create(ActionItemEvent, {
    actionItemId: item.id,
    at: ctx.now(),
    actorId: ctx.actorId,
    fromStatus: null,
    toStatus: item.status,
    fromValue: null,
    toValue: null,
    comment: null,
    ...e,
  });
}

/**
 * The edit of `item` (as saveVersioned writes it: changed columns only, conditional on the version) and
 * its history row in ONE statement (a data-modifying CTE): the history row is inserted only when the
 * update matched. Audited exactly as saveVersioned + save() would be.
 */
async function saveWithEvent(ctx: Ctx, item: ActionItem, version: number | null | undefined, e: Partial<ActionItemEvent> & { kind: ActionItemEventKind }): Promise<ActionItem> {
  const { meta, set, was, expected } = pendingChanges(ctx.manager, item, version);
  const params: unknown[] = [item.id, expected];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const assignments = Object.entries(set).map(([prop, v]) => `"${meta.findColumnWithPropertyName(prop)!.databaseName}" = ${p(v)}`);
  const ev = eventRow(ctx, item, e);
  // Prepared: a status change (or a reassignment) is always one of a few texts.
  const rows: { version: number; updated_at: Date; event_id: string; event_seq: string }[] = await ctx.manager.query(
    prepared(`WITH u AS (
       UPDATE action_item SET ${[...assignments, 'version = version + 1', 'updated_at = CURRENT_TIMESTAMP'].join(', ')}
        WHERE id = $1 AND version = $2 RETURNING id, version, updated_at
     ), e AS (
       INSERT INTO action_item_event (action_item_id, at, actor_id, kind, from_status, to_status, from_value, to_value, comment)
       SELECT u.id, ${p(ev.at)}::timestamptz, ${p(ev.actorId)}::uuid, ${p(ev.kind)}::action_item_event_kind, ${p(ev.fromStatus)}::action_item_status,
              ${p(ev.toStatus)}::action_item_status, ${p(ev.fromValue)}::varchar, ${p(ev.toValue)}::varchar, ${p(ev.comment)}::text FROM u
       RETURNING id, seq
     )
     SELECT u.version, u.updated_at, e.id AS event_id, e.seq::text AS event_seq FROM u, e`),
    params,
  );
  if (!rows.length) throw await staleError(ctx.manager, meta, item.id, expected);
  afterVersionedWrite(item, meta, set, was, rows[0]);
  ev.id = rows[0].event_id;
  ev.seq = rows[0].event_seq;
  recordInsert(ctx.manager.connection.getMetadata(ActionItemEvent), ev as unknown as Record<string, unknown>);
  return item;
}

/**
 * Open work by organisation, sub-organisations included (migration OpenActionItemsByAncestor): one row
 * per open action item and each organisation at or above its assignee, in due order. The table is
 * aliased `ai`, like action_item, because it carries the columns the read guard and openWorkFilter's
 * filters test under the same names; the page's rows are read from action_item `a` (entityAlias), and a
 * count, which selects nothing of `a`, never joins it.
 */
export const OPEN_WORK_FROM = 'action_item_open_by_ancestor ai LEFT JOIN action_item a ON a.id = ai.id';

/**
 * The filter as the open-work table can answer it, or null: open work only (every open status asked
 * for, or overdue items), filtered by columns that table carries. The status condition is dropped
 * (every row of the table is open).
 */
export function openWorkFilter(filter: ActionItemFilter): ActionItemFilter | null {
  if (filter.assigneeOrganisationId || filter.assigneePersonId || filter.meetingId || filter.decisionId || filter.agendaItemId) return null;
  const status = filter.status?.length ? new Set(filter.status) : null;
  const allOpen = !!status && status.size === OPEN_STATUSES.length && OPEN_STATUSES.every((st) => status.has(st));
  if (!allOpen && !(status === null && filter.overdue === true)) return null;
  return { ...filter, status: null };
}

/** Filters shared by every action item list. `alias` is the action_item alias in the FROM clause. */
export function actionItemWhere(ctx: Ctx, filter: ActionItemFilter, sql: Sql, alias = 'ai'): string[] {
  const where: string[] = [];
  const col = (c: string) => `${alias}.${c}`;
  if (filter.assigneeOrganisationId) {
    where.push(
      filter.includeSubOrganisations
        ? inSubtreeSql(col('assignee_organisation_id'), sql.id(filter.assigneeOrganisationId, 'assigneeOrganisationId'))
        : `${col('assignee_organisation_id')} = ${sql.id(filter.assigneeOrganisationId, 'assigneeOrganisationId')}`,
    );
  }
  if (filter.assigneePersonId) where.push(`${col('assignee_person_id')} = ${sql.id(filter.assigneePersonId, 'assigneePersonId')}`);
  if (filter.status?.length) {
    where.push(`${col('status')} = ANY(${sql.p(filter.status, 'action_item_status[]')})`);
    // Only open statuses asked for: say so with the flag the open-work index is partial on.
    if (filter.status.every((st) => OPEN_STATUSES.includes(st))) where.push(col('is_open'));
  }
  if (filter.overdue != null) {
    const overdue = `(${col('is_open')} AND ${col('due_date')} < ${sql.p(today(ctx), 'date')})`;
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.dueFrom) where.push(`${col('due_date')} >= ${sql.p(checkDate('dueFrom', filter.dueFrom), 'date')}`);
  if (filter.dueTo) where.push(`${col('due_date')} <= ${sql.p(checkDate('dueTo', filter.dueTo), 'date')}`);
  if (filter.forumId) where.push(`${col('forum_id')} = ${sql.id(filter.forumId, 'forumId')}`);
  if (filter.partnershipId) where.push(`${col('partnership_id')} = ${sql.id(filter.partnershipId, 'partnershipId')}`);
  if (filter.meetingId) where.push(`${col('meeting_id')} = ${sql.id(filter.meetingId, 'meetingId')}`);
  if (filter.decisionId) where.push(`${col('decision_id')} = ${sql.id(filter.decisionId, 'decisionId')}`);
  if (filter.agendaItemId) where.push(`${col('agenda_item_id')} = ${sql.id(filter.agendaItemId, 'agendaItemId')}`);
  return where;
}

export const ACTION_ITEM_SORT: ListQuery['sort'] = [
  { expr: 'ai.due_date', dir: 'ASC', type: 'date' },
  { expr: 'ai.id', dir: 'ASC', type: 'uuid' },
];

export const actionItemService = {
  async create(ctx: Ctx, input: CreateActionItemInput): Promise<ActionItem> {
    return inTransaction(ctx, async (tx) => {
      const origins = [input.decisionId, input.agendaItemId, input.meetingId].filter((x) => x != null);
      if (origins.length !== 1) throw new InputError('decisionId', 'exactly one of decisionId, agendaItemId and meetingId must be given');
      let origin: ActionItemOrigin;
      let meetingId: string;
      let agendaItemId: string | null = null;
      let confidential = false;
      if (input.decisionId) {
        const d = await requireFound(tx.manager, Decision, input.decisionId, 'decisionId');
        if (d.status === DecisionStatus.SUPERSEDED || d.status === DecisionStatus.REVOKED) {
          throw new ConflictError(`Decision ${d.id} is ${d.status}; assign actions from the decision in force`, { status: d.status, field: 'decisionId' });
        }
        origin = ActionItemOrigin.DECISION;
        meetingId = d.meetingId;
        agendaItemId = d.agendaItemId;
        confidential = d.confidential;
      } else if (input.agendaItemId) {
        const a = await requireFound(tx.manager, AgendaItem, input.agendaItemId, 'agendaItemId');
        origin = ActionItemOrigin.AGENDA_ITEM;
        meetingId = a.meetingId;
        agendaItemId = a.id;
        confidential = a.confidential;
      } else {
        origin = ActionItemOrigin.MEETING;
        meetingId = (await requireFound(tx.manager, Meeting, input.meetingId!, 'meetingId')).id;
      }
      const meeting = await lockMeeting(tx.manager, meetingId, origin === ActionItemOrigin.MEETING ? 'meetingId' : `${origin === ActionItemOrigin.DECISION ? 'decisionId' : 'agendaItemId'}`);
      await tx.access.require(Permission.RECORD, meeting.partnershipId, 'assigning action items');
      assertEditable(meeting, 'action items');
      if (meeting.status === MeetingStatus.CANCELLED) throw new ConflictError('A cancelled meeting assigns nothing', { status: meeting.status });
      const title = requireText('title', input.title, 500);
      await checkAssignee(tx, input.assigneeOrganisationId, input.assigneePersonId);
      const item = await tx.manager.save(
        tx.manager.create(ActionItem, {
          title,
          description: (input.description ?? '').trim(),
          confidential,
          origin,
          decisionId: input.decisionId ?? null,
          agendaItemId,
          meetingId,
          forumId: meeting.forumId,
          partnershipId: meeting.partnershipId,
          assigneeOrganisationId: input.assigneeOrganisationId,
          assigneePersonId: input.assigneePersonId ?? null,
          dueDate: checkDate('dueDate', input.dueDate),
          status: S.OPEN,
          closedAt: null,
        }),
      );
      await event(tx, item, { kind: ActionItemEventKind.CREATED, toStatus: S.OPEN, toValue: item.assigneeOrganisationId });
      return item;
    });
  },

  async changeStatus(ctx: Ctx, id: string, status: ActionItemStatus, comment?: string | null, version?: number | null): Promise<ActionItem> {
    return inTransaction(ctx, async (tx) => {
      const item = await requireFound(tx.manager, ActionItem, id, 'id', { lock: true });
      await tx.access.requireActionStatus(item);
      expectVersion(item, version);
      const from = item.status;
      if (!ACTION_ITEM_TRANSITIONS[from].includes(status)) {
        throw new ConflictError(`An action item that is ${from} cannot become ${status}`, { from, to: status, reason: 'INVALID_TRANSITION', field: 'status' });
      }
      const text = optionalText('comment', comment, 5000);
      if (!text && commentRequired(from, status)) throw new InputError('comment', `is required when going from ${from} to ${status}`);
      item.status = status;
      item.closedAt = status === S.DONE || status === S.CANCELLED ? tx.now() : null;
      return saveWithEvent(tx, item, version, { kind: ActionItemEventKind.STATUS_CHANGED, fromStatus: from, toStatus: status, comment: text });
    });
  },

  async reassign(
    ctx: Ctx,
    id: string,
    input: { organisationId: string; personId?: string | null; comment?: string | null },
    version?: number | null,
  ): Promise<ActionItem> {
    return inTransaction(ctx, async (tx) => {
      const item = await requireFound(tx.manager, ActionItem, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, item.partnershipId, 'reassigning action items');
      expectVersion(item, version);
      if (!OPEN_STATUSES.includes(item.status)) throw new ConflictError(`A ${item.status} action item cannot be reassigned`, { status: item.status });
      await checkAssignee(tx, input.organisationId, input.personId, { org: 'organisationId', person: 'personId' });
      const before = `${item.assigneeOrganisationId}${item.assigneePersonId ? '/' + item.assigneePersonId : ''}`;
      const after = `${input.organisationId}${input.personId ? '/' + input.personId : ''}`;
      if (before === after) throw new InputError('organisationId', 'the action item is already assigned so');
      item.assigneeOrganisationId = input.organisationId;
      item.assigneePersonId = input.personId ?? null;
      return saveWithEvent(tx, item, version, {
        kind: ActionItemEventKind.REASSIGNED,
        fromStatus: item.status,
        fromValue: before,
        toValue: after,
        comment: optionalText('comment', input.comment, 5000),
      });
    });
  },

  async moveDueDate(ctx: Ctx, id: string, dueDate: string, comment?: string | null, version?: number | null): Promise<ActionItem> {
    return inTransaction(ctx, async (tx) => {
      const item = await requireFound(tx.manager, ActionItem, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, item.partnershipId, 'moving due dates');
      expectVersion(item, version);
      if (!OPEN_STATUSES.includes(item.status)) throw new ConflictError(`A ${item.status} action item keeps its due date`, { status: item.status });
      checkDate('dueDate', dueDate);
      if (dueDate === item.dueDate) throw new InputError('dueDate', 'is the current due date');
      const before = item.dueDate;
      item.dueDate = dueDate;
      return saveWithEvent(tx, item, version, {
        kind: ActionItemEventKind.DUE_DATE_MOVED,
        fromStatus: item.status,
        fromValue: before,
        toValue: dueDate,
        comment: optionalText('comment', comment, 5000),
      });
    });
  },

  /** `info`: the page carries the columns its selection reads, and its to-one objects and nested lists (connection()). */
  list(ctx: Ctx, filter: ActionItemFilter, args: ConnectionArgs, info?: GraphQLResolveInfo) {
    const sql = new Sql();
    if (filter.assigneeOrganisationId && filter.includeSubOrganisations) {
      const open = openWorkFilter({ ...filter, assigneeOrganisationId: null });
      if (open) {
        // One index range of the open-work table, however large the subtree.
        const where = [`ai.organisation_id = ${sql.id(filter.assigneeOrganisationId, 'assigneeOrganisationId')}`, ...actionItemWhere(ctx, open, sql)];
        return connection(ctx, ActionItem, { from: OPEN_WORK_FROM, entityAlias: 'a', where, sql, sort: ACTION_ITEM_SORT, guardIsFilter: true, countsCached: true }, args, info);
      }
      // Per sub-organisation and merged (ListQuery.fanOut): a large subtree holds tens of thousands of items.
      const org = sql.id(filter.assigneeOrganisationId, 'assigneeOrganisationId');
      const where = actionItemWhere(ctx, { ...filter, assigneeOrganisationId: null }, sql);
      const fanOut = { column: 'ai.assignee_organisation_id', values: `ARRAY${subtreeSql(org)}` };
      return connection(ctx, ActionItem, { from: 'action_item ai', where, sql, sort: ACTION_ITEM_SORT, fanOut }, args, info);
    }
    return connection(ctx, ActionItem, { from: 'action_item ai', where: actionItemWhere(ctx, filter, sql), sql, sort: ACTION_ITEM_SORT }, args, info);
  },
};
