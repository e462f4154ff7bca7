/**
 * Decisions: recorded under an agenda item, then implemented, superseded by a later decision, or
 * revoked — never edited away. Every status change appends to the decision's history.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import { Permission } from '../auth/access';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Ctx, inTransaction } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { checkDate, optionalText, requireFound, requireText } from '../common/validate';
import { AgendaItem, AgendaItemStatus } from '../agenda/agenda-item.entity';
import { MeetingStatus } from '../meeting/meeting.entity';
import { assertEditable, lockMeeting } from '../meeting/meeting.service';
import { Organisation } from '../organisation/organisation.entity';
import { Decision, DecisionResponsibility, DecisionStatus, DecisionStatusChange } from './decision.entity';

/** The decision state machine: which status may follow which. Supersession only through supersedeDecision. */
export const DECISION_TRANSITIONS: Record<DecisionStatus, DecisionStatus[]> = {
  [DecisionStatus.IN_FORCE]: [DecisionStatus.IMPLEMENTED, DecisionStatus.SUPERSEDED, DecisionStatus.REVOKED],
  [DecisionStatus.IMPLEMENTED]: [DecisionStatus.SUPERSEDED],
  [DecisionStatus.SUPERSEDED]: [],
  [DecisionStatus.REVOKED]: [],
};

/** A KLE subject number (emnenummer) NN.NN.NN, e.g. "27.24.00". */
export const KLE = /^\d{2}\.\d{2}\.\d{2}$/;
/** A KLE subject, group (NN.NN) or main group (NN): what a filter may name. */
const KLE_OR_GROUP = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;

export interface DecisionInput {
  agendaItemId: string;
  text: string;
  decidedAt?: Date | null;
  responsibleOrganisationIds?: string[] | null;
  reviewDate?: string | null;
  caseNumber?: string | null;
  kleNumber?: string | null;
}

export interface DecisionFilter {
  partnershipId?: string | null;
  forumId?: string | null;
  status?: DecisionStatus[] | null;
  decidedFrom?: Date | null;
  decidedTo?: Date | null;
  caseNumber?: string | null;
  kleNumber?: string | null;
  responsibleOrganisationId?: string | null;
}

async function transition(ctx: Ctx, d: Decision, to: DecisionStatus, comment: string | null, version?: number | null): Promise<Decision> {
  expectVersion(d, version);
  if (!DECISION_TRANSITIONS[d.status].includes(to)) {
    throw new ConflictError(`A decision that is ${d.status} cannot become ${to}`, { from: d.status, to, reason: 'INVALID_TRANSITION' });
  }
  const from = d.status;
  d.status = to;
  const saved = await saveVersioned(ctx.manager, d, version);
  await ctx.manager.save(
    ctx.manager.create(DecisionStatusChange, { decisionId: d.id, at: ctx.now(), actorId: ctx.actorId, fromStatus: from, toStatus: to, comment }),
  );
  return saved;
}

async function record(ctx: Ctx, input: DecisionInput, supersedes: Decision | null): Promise<Decision> {
  const item = await requireFound(ctx.manager, AgendaItem, input.agendaItemId, 'agendaItemId');
  const meeting = await lockMeeting(ctx.manager, item.meetingId, 'agendaItemId');
  await ctx.access.require(Permission.RECORD, meeting.partnershipId, 'recording a decision');
  assertEditable(meeting, 'decisions');
  if (meeting.status === MeetingStatus.CANCELLED) throw new ConflictError('A cancelled meeting decides nothing', { status: meeting.status });
  if (item.status === AgendaItemStatus.DEFERRED) {
    throw new ConflictError('The agenda item was deferred; record the decision under the item it was carried over to', { status: item.status, field: 'agendaItemId' });
  }
  const text = requireText('text', input.text, 20_000);
  const orgIds = [...new Set(input.responsibleOrganisationIds ?? [])];
  if (orgIds.length) {
    const found = await ctx.manager.findBy(Organisation, { id: In(orgIds) });
    const missing = orgIds.find((id) => !found.some((o) => o.id === id));
    if (missing) throw new InputError('responsibleOrganisationIds', `organisation ${missing} does not exist`);
  }
  const kle = optionalText('kleNumber', input.kleNumber, 20);
  if (kle && !KLE.test(kle)) throw new InputError('kleNumber', 'must be a KLE number like "27.24.00"');
  if (input.reviewDate != null) checkDate('reviewDate', input.reviewDate);
  const decidedAt = input.decidedAt ?? meeting.startsAt;
  if (Number.isNaN(decidedAt.getTime())) throw new InputError('decidedAt', 'is not a valid time');
  if (supersedes) {
    if (supersedes.partnershipId !== meeting.partnershipId) throw new InputError('id', 'a decision can only be superseded within its partnership');
    if (decidedAt < supersedes.decidedAt) throw new InputError('decidedAt', 'must not be before the decision it supersedes');
  }
  const decision = await ctx.manager.save(
    ctx.manager.create(Decision, {
      agendaItemId: item.id,
      meetingId: meeting.id,
      forumId: meeting.forumId,
      partnershipId: meeting.partnershipId,
      text,
      confidential: item.confidential,
      decidedAt,
      status: DecisionStatus.IN_FORCE,
      supersedesId: supersedes?.id ?? null,
      reviewDate: input.reviewDate ?? null,
      caseNumber: optionalText('caseNumber', input.caseNumber, 100),
      kleNumber: kle,
    }),
  );
  if (orgIds.length) {
    await ctx.manager.insert(DecisionResponsibility, orgIds.map((organisationId) => ({ decisionId: decision.id, organisationId })));
  }
  await ctx.manager.save(
    ctx.manager.create(DecisionStatusChange, {
      decisionId: decision.id,
      at: ctx.now(),
      actorId: ctx.actorId,
      fromStatus: null,
      toStatus: DecisionStatus.IN_FORCE,
      comment: supersedes ? `supersedes ${supersedes.id}` : null,
    }),
  );
  return decision;
}

export const decisionService = {
  async record(ctx: Ctx, input: DecisionInput): Promise<Decision> {
    return inTransaction(ctx, (tx) => record(tx, input, null));
  },

  /** Record a new decision that replaces an earlier one; the earlier one becomes superseded. */
  async supersede(ctx: Ctx, id: string, input: DecisionInput, version?: number | null): Promise<Decision> {
    return inTransaction(ctx, async (tx) => {
      const old = await requireFound(tx.manager, Decision, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, old.partnershipId);
      expectVersion(old, version);
      if (!DECISION_TRANSITIONS[old.status].includes(DecisionStatus.SUPERSEDED)) {
        throw new ConflictError(`A decision that is ${old.status} cannot be superseded`, { from: old.status, reason: 'INVALID_TRANSITION' });
      }
      const created = await record(tx, input, old);
      await transition(tx, old, DecisionStatus.SUPERSEDED, `superseded by ${created.id}`, version);
      return created;
    });
  },

  async revoke(ctx: Ctx, id: string, reason: string, version?: number | null): Promise<Decision> {
    return inTransaction(ctx, async (tx) => {
      const d = await requireFound(tx.manager, Decision, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, d.partnershipId);
      return transition(tx, d, DecisionStatus.REVOKED, requireText('reason', reason, 2000), version);
    });
  },

  async markImplemented(ctx: Ctx, id: string, comment?: string | null, version?: number | null): Promise<Decision> {
    return inTransaction(ctx, async (tx) => {
      const d = await requireFound(tx.manager, Decision, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, d.partnershipId);
      return transition(tx, d, DecisionStatus.IMPLEMENTED, optionalText('comment', comment, 2000), version);
    });
  },

  /**
   * Set the case reference once a case system has journalised the decision. Only the reference
   * changes (the decision's content never does); the audit trail and the change feed record it.
   */
  async setCaseReference(ctx: Ctx, id: string, input: { caseNumber?: string | null; kleNumber?: string | null }, version?: number | null): Promise<Decision> {
    return inTransaction(ctx, async (tx) => {
      const d = await requireFound(tx.manager, Decision, id, 'id', { lock: true });
      await tx.access.require(Permission.SET_CASE_REFERENCE, d.partnershipId, 'setting case references');
      expectVersion(d, version);
      if (input.caseNumber === undefined && input.kleNumber === undefined) throw new InputError('caseNumber', 'give caseNumber, kleNumber or both');
      if (input.caseNumber !== undefined) d.caseNumber = optionalText('caseNumber', input.caseNumber, 100);
      if (input.kleNumber !== undefined) {
        const kle = optionalText('kleNumber', input.kleNumber, 20);
        if (kle && !KLE.test(kle)) throw new InputError('kleNumber', 'must be a KLE number like "27.24.00"');
        d.kleNumber = kle;
      }
      return saveVersioned(tx.manager, d, version);
    });
  },

  /** `info`: the page carries the columns its selection reads, and its to-one objects and nested lists (connection()). */
  list(ctx: Ctx, filter: DecisionFilter, args: ConnectionArgs, info?: GraphQLResolveInfo) {
    const sql = new Sql();
    const where: string[] = [];
    if (filter.partnershipId) where.push(`d.partnership_id = ${sql.id(filter.partnershipId, 'partnershipId')}`);
    if (filter.forumId) where.push(`d.forum_id = ${sql.id(filter.forumId, 'forumId')}`);
    if (filter.status?.length) where.push(`d.status = ANY(${sql.p(filter.status, 'decision_status[]')})`);
    if (filter.decidedFrom) where.push(`d.decided_at >= ${sql.p(filter.decidedFrom.toISOString(), 'timestamptz')}`);
    if (filter.decidedTo) where.push(`d.decided_at < ${sql.p(filter.decidedTo.toISOString(), 'timestamptz')}`);
    if (filter.caseNumber) where.push(`d.case_number = ${sql.p(filter.caseNumber.trim())}`);
    if (filter.kleNumber) {
      const kle = filter.kleNumber.trim();
      if (!KLE_OR_GROUP.test(kle)) throw new InputError('filter.kleNumber', 'must be a KLE subject "27.24.00", group "27.24" or main group "27"');
      // A subject matches exactly; a group or main group matches every subject under it.
      where.push(KLE.test(kle) ? `d.kle_number = ${sql.p(kle)}` : `d.kle_number LIKE ${sql.p(kle + '.%')}`);
    }
    if (filter.responsibleOrganisationId) {
      where.push(`EXISTS (SELECT 1 FROM decision_responsibility r WHERE r.decision_id = d.id AND r.organisation_id = ${sql.id(filter.responsibleOrganisationId, 'responsibleOrganisationId')})`);
    }
    return connection(ctx, Decision, {
      from: 'decision d',
      where,
      sql,
      partnershipId: filter.partnershipId ?? undefined,
      sort: [
        { expr: 'd.decided_at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'd.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args, info);
  },
};
