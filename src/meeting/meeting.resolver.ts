import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware, Int, Info } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { reveal, REDACTED } from '../auth/confidential';
import { Ctx } from '../context';
import { registerNested, registerToOne } from '../common/prefetch';
import { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { byCreated, children } from '../common/children';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision } from '../decision/decision.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT } from '../action-item/action-item.service';
import { Attendance, Meeting, MinutesAmendment } from './meeting.entity';
import { MeetingFilter, RecordAttendanceInput, ScheduleMeetingInput, ScheduleMeetingSeriesInput, UpdateMeetingInput } from './meeting.inputs';
import { listMeetings, meetingService } from './meeting.service';

/** Open as of the meeting's start: the item's last recorded status before then (items recorded later count as open). */
const OPEN_AS_OF_MEETING = `COALESCE((SELECT e.to_status FROM action_item_event e
    WHERE e.action_item_id = ai.id AND e.at <= (SELECT starts_at FROM meeting WHERE id = p.parent_id)
    ORDER BY e.at DESC, e.seq DESC LIMIT 1), 'open') IN ('open', 'in_progress', 'blocked')`;

// Nested lists that can be fetched with their meeting in one statement (common/prefetch.ts).
const MEETING_AGENDA = registerNested('Meeting.agendaItems', () => ({
  cls: AgendaItem,
  key: 'meeting.agendaItems',
  from: 'agenda_item a',
  parent: 'a.meeting_id = p.parent_id',
  sameForum: true,
  sort: [
    { expr: 'a.position', dir: 'ASC', type: 'int' },
    { expr: 'a.id', dir: 'ASC', type: 'uuid' },
  ],
}));
const MEETING_DECISIONS = registerNested('Meeting.decisions', () => ({
  cls: Decision,
  key: 'meeting.decisions',
  from: 'decision d',
  parent: 'd.meeting_id = p.parent_id',
  sameForum: true,
  sort: [
    { expr: 'd.decided_at', dir: 'ASC', type: 'timestamptz' },
    { expr: 'd.id', dir: 'ASC', type: 'uuid' },
  ],
}));
const MEETING_ACTIONS = registerNested('Meeting.actionItems', () => ({
  cls: ActionItem,
  key: 'meeting.actionItems',
  from: 'action_item ai',
  parent: 'ai.meeting_id = p.parent_id',
  sameForum: true,
  sort: ACTION_ITEM_SORT,
}));

// Fetched with the meeting's row when selected (prefetch.ts); the resolver is exactly this load.
registerToOne('Meeting.forum', { cls: Forum, fk: 'forum_id', sameForum: true });

@Resolver(() => Meeting)
export class MeetingResolver {
  @Authorized()
  @Query(() => Meeting, { nullable: true })
  meeting(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Meeting).load(id);
  }

  @Authorized()
  @Query(() => ConnectionType(Meeting), { description: 'Meetings across forums, newest first.' })
  meetings(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('forumId', () => ID, { nullable: true }) forumId?: string,
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId?: string,
    @Arg('filter', () => MeetingFilter, { nullable: true }) filter?: MeetingFilter,
  ) {
    return listMeetings(ctx, { ...(filter ?? {}), forumId, partnershipId }, args, info);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting)
  scheduleMeeting(@GqlCtx() ctx: Ctx, @Arg('input') input: ScheduleMeetingInput) {
    return meetingService.schedule(ctx, input);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => [Meeting], { description: "Schedule a meeting for every occurrence of the forum's recurrence in [from, to]; existing ones are kept." })
  scheduleMeetingSeries(@GqlCtx() ctx: Ctx, @Arg('input') input: ScheduleMeetingSeriesInput) {
    return meetingService.scheduleSeries(ctx, input);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting)
  updateMeeting(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateMeetingInput) {
    return meetingService.update(ctx, id, input);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting)
  cancelMeeting(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number) {
    return meetingService.cancel(ctx, id, reason, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting)
  markMeetingHeld(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number) {
    return meetingService.markHeld(ctx, id, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting)
  recordAttendance(@GqlCtx() ctx: Ctx, @Arg('input') input: RecordAttendanceInput) {
    return meetingService.recordAttendance(ctx, input.meetingId, input.entries);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting, { description: "Approve the minutes: the meeting's record is frozen; later changes are amendments." })
  approveMinutes(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number) {
    return meetingService.approveMinutes(ctx, id, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => MinutesAmendment, { description: "Amend approved minutes' general notes, with a reason." })
  amendMinutesNotes(
    @GqlCtx() ctx: Ctx,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('minutesNotes', () => String, { nullable: true }) minutesNotes: string | null,
    @Arg('reason') reason: string,
  ) {
    return meetingService.amendMinutesNotes(ctx, meetingId, minutesNotes ?? null, reason);
  }

  @FieldResolver(() => Forum)
  forum(@Root() m: Meeting, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Forum).load(m.forumId);
  }

  @FieldResolver(() => Person, { nullable: true })
  minutesApprovedBy(@Root() m: Meeting, @GqlCtx() ctx: Ctx) {
    return m.minutesApprovedById ? ctx.loaders.entity(Person).load(m.minutesApprovedById) : null;
  }

  @FieldResolver(() => ConnectionType(AgendaItem), { description: 'The agenda in order.' })
  agendaItems(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, AgendaItem, m.id, MEETING_AGENDA(ctx), args, info);
  }

  @FieldResolver(() => ConnectionType(Attendance))
  attendance(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Attendance, m.id, {
      key: 'meeting.attendance',
      from: 'attendance at JOIN organisation o ON o.id = at.organisation_id',
      parent: 'at.meeting_id = p.parent_id',
      sort: [
        { expr: 'o.name', dir: 'ASC', type: 'text' },
        { expr: 'at.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }

  @FieldResolver(() => ConnectionType(Decision), { description: 'Decisions made at the meeting, in agenda order.' })
  decisions(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, Decision, m.id, MEETING_DECISIONS(ctx), args, info);
  }

  @FieldResolver(() => ConnectionType(ActionItem), { description: 'Action items that arose at the meeting.' })
  actionItems(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, ActionItem, m.id, MEETING_ACTIONS(ctx), args, info);
  }

  @FieldResolver(() => ConnectionType(ActionItem), {
    description:
      "Follow-up list: the forum's action items from earlier meetings that were still open when this meeting began (for an upcoming meeting: open now), by due date. Each item's `trail` lists the meetings it passed through.",
  })
  followUpActionItems(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, ActionItem, m.id, {
      key: 'meeting.followUpActionItems',
      from: 'action_item ai JOIN meeting om ON om.id = ai.meeting_id',
      parent: `ai.forum_id = (SELECT forum_id FROM meeting WHERE id = p.parent_id)
        AND om.starts_at < (SELECT starts_at FROM meeting WHERE id = p.parent_id)`,
      sort: ACTION_ITEM_SORT,
      where: () => [OPEN_AS_OF_MEETING],
    }, args);
  }

  @FieldResolver(() => ConnectionType(AgendaItem), {
    description:
      "Follow-up list: the forum's agenda items from earlier meetings that were deferred or left unconcluded and not yet carried over by the time of this meeting.",
  })
  followUpAgendaItems(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, AgendaItem, m.id, {
      key: 'meeting.followUpAgendaItems',
      from: 'agenda_item a JOIN meeting am ON am.id = a.meeting_id',
      parent: `a.forum_id = (SELECT forum_id FROM meeting WHERE id = p.parent_id)
        AND am.starts_at < (SELECT starts_at FROM meeting WHERE id = p.parent_id)`,
      sort: [
        { expr: 'am.starts_at', dir: 'ASC', type: 'timestamptz' },
        { expr: 'a.position', dir: 'ASC', type: 'int' },
        { expr: 'a.id', dir: 'ASC', type: 'uuid' },
      ],
      where: () => [
        `(a.status = 'deferred' OR (a.status = 'planned' AND am.status IN ('held', 'cancelled')))`,
        `NOT EXISTS (SELECT 1 FROM agenda_item nx JOIN meeting nm ON nm.id = nx.meeting_id
           WHERE nx.carried_over_from_id = a.id AND nm.starts_at <= (SELECT starts_at FROM meeting WHERE id = p.parent_id))`,
      ],
    }, args);
  }

  @FieldResolver(() => ConnectionType(MinutesAmendment), { description: 'Changes made after the minutes were approved.' })
  amendments(@Root() m: Meeting, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, MinutesAmendment, m.id, { key: 'meeting.amendments', from: 'minutes_amendment ma', parent: 'ma.meeting_id = p.parent_id', sort: byCreated('ma') }, args);
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() a: Attendance, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(a.organisationId);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() a: Attendance, @GqlCtx() ctx: Ctx) {
    return a.personId ? ctx.loaders.entity(Person).load(a.personId) : null;
  }
}

@Resolver(() => MinutesAmendment)
export class MinutesAmendmentResolver {
  /** Amendments of a confidential item's outcome are as confidential as the item. */
  private async shown(a: MinutesAmendment, ctx: Ctx, value: string | null) {
    if (!a.target.startsWith('AgendaItem.')) return value;
    const item = await ctx.loaders.entity(AgendaItem).load(a.targetId);
    return item ? reveal(ctx, item, item.id, value) : REDACTED;
  }

  @FieldResolver(() => String, { nullable: true })
  before(@Root() a: MinutesAmendment, @GqlCtx() ctx: Ctx) {
    return this.shown(a, ctx, a.before);
  }

  @FieldResolver(() => String, { nullable: true })
  after(@Root() a: MinutesAmendment, @GqlCtx() ctx: Ctx) {
    return this.shown(a, ctx, a.after);
  }

  @FieldResolver(() => Person, { nullable: true })
  author(@Root() a: MinutesAmendment, @GqlCtx() ctx: Ctx) {
    return a.authorId ? ctx.loaders.entity(Person).load(a.authorId) : null;
  }

  @FieldResolver(() => Meeting)
  meeting(@Root() a: MinutesAmendment, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Meeting).load(a.meetingId);
  }
}
