import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware, Int, Info } from 'type-graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { REDACTED, mayReveal, reveal } from '../auth/confidential';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { children } from '../common/children';
import { LocalDateScalar } from '../common/scalars';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision } from '../decision/decision.entity';
import { Meeting } from '../meeting/meeting.entity';
import { Forum } from '../forum/forum.entity';
import { registerFieldColumns, registerToOne } from '../common/prefetch';
import { Partnership } from '../partnership/partnership.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { ActionItem, ActionItemEvent, ActionItemStatus, OPEN_STATUSES } from './action-item.entity';
import { ActionItemFilter, CreateActionItemInput } from './action-item.inputs';
import { actionItemService } from './action-item.service';

// Fetched with the action item's row when selected (prefetch.ts): the resolvers below are exactly these loads.
registerToOne('ActionItem.assigneeOrganisation', { cls: Organisation, fk: 'assignee_organisation_id' });
registerToOne('ActionItem.forum', { cls: Forum, fk: 'forum_id', sameForum: true });
// What the field resolvers below read from the item (prefetched pages carry only what is selected).
registerFieldColumns('ActionItem.title', ['title', 'confidential', 'forum_id', 'agenda_item_id']);
registerFieldColumns('ActionItem.description', ['description', 'confidential', 'forum_id', 'agenda_item_id']);
registerFieldColumns('ActionItem.redacted', ['confidential', 'forum_id']);
registerFieldColumns('ActionItem.overdue', ['status', 'due_date']);

@Resolver(() => ActionItem)
export class ActionItemResolver {
  @FieldResolver(() => String, { description: `The title, or "${REDACTED}" when it arose under a confidential item you may not read.` })
  title(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, a, a.agendaItemId, a.title);
  }

  @FieldResolver(() => String)
  description(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, a, a.agendaItemId, a.description);
  }

  @FieldResolver(() => Boolean)
  redacted(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    const may = mayReveal(ctx, a.confidential, a.forumId);
    return typeof may === 'boolean' ? !may : may.then((v) => !v);
  }

  @Authorized()
  @Query(() => ActionItem, { nullable: true })
  actionItem(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(ActionItem).load(id);
  }

  @Authorized()
  @Query(() => ConnectionType(ActionItem), { description: 'Action items by due date.' })
  actionItems(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ActionItemFilter, { nullable: true }) filter?: ActionItemFilter,
  ) {
    return actionItemService.list(ctx, filter ?? {}, args, info);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => ActionItem)
  createActionItem(@GqlCtx() ctx: Ctx, @Arg('input') input: CreateActionItemInput) {
    return actionItemService.create(ctx, input);
  }

  @Authorized(Permission.UPDATE_ACTION_STATUS)

  @UseMiddleware(Audited)
  @Mutation(() => ActionItem, { description: 'Move an action item through its states; blocking, cancelling and reopening need a comment.' })
  changeActionItemStatus(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ActionItemStatus) status: ActionItemStatus,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return actionItemService.changeStatus(ctx, id, status, comment, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => ActionItem, { description: 'Give the action item to another organisation (and optionally a person affiliated with it).' })
  reassignActionItem(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('personId', () => ID, { nullable: true }) personId?: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return actionItemService.reassign(ctx, id, { organisationId, personId, comment }, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => ActionItem)
  moveActionItemDueDate(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('dueDate', () => LocalDateScalar) dueDate: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return actionItemService.moveDueDate(ctx, id, dueDate, comment, version);
  }

  @FieldResolver(() => Boolean, { description: 'Still owed and past its due date.' })
  overdue(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return OPEN_STATUSES.includes(a.status) && a.dueDate < today(ctx);
  }

  @FieldResolver(() => Organisation)
  assigneeOrganisation(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(a.assigneeOrganisationId);
  }

  @FieldResolver(() => Person, { nullable: true })
  assigneePerson(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return a.assigneePersonId ? ctx.loaders.entity(Person).load(a.assigneePersonId) : null;
  }

  @FieldResolver(() => Meeting, {
    nullable: true,
    description: 'The meeting it arose at; null when you may read the action item but not the meeting (e.g. an organisation member without a seat in the forum).',
  })
  meeting(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Meeting).load(a.meetingId);
  }

  @FieldResolver(() => Decision, { nullable: true })
  decision(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return a.decisionId ? ctx.loaders.entity(Decision).load(a.decisionId) : null;
  }

  @FieldResolver(() => AgendaItem, { nullable: true })
  agendaItem(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return a.agendaItemId ? ctx.loaders.entity(AgendaItem).load(a.agendaItemId) : null;
  }

  @FieldResolver(() => Forum)
  forum(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Forum).load(a.forumId);
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(a.partnershipId);
  }

  @FieldResolver(() => ConnectionType(ActionItemEvent), { description: 'Append-only history (creation, status changes, reassignments, due-date moves), oldest first.' })
  history(@Root() a: ActionItem, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, ActionItemEvent, a.id, {
      key: 'actionItem.history',
      from: 'action_item_event e',
      parent: 'e.action_item_id = p.parent_id',
      sort: [
        { expr: 'e.at', dir: 'ASC', type: 'timestamptz' },
        { expr: 'e.seq', dir: 'ASC', type: 'bigint' },
        { expr: 'e.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }

  @FieldResolver(() => [Meeting], {
    description: "The forum's meetings the action item has passed through while open: where it arose, then every later meeting held or scheduled until it was closed.",
  })
  async trail(@Root() a: ActionItem, @GqlCtx() ctx: Ctx) {
    const now = ctx.now().toISOString();
    const ids = await ctx.loaders
      .custom<string, string[]>('actionItem.trail', async (keys) => {
        const rows: { item_id: string; meeting_id: string }[] = await ctx.manager.query(
          `SELECT ai.id AS item_id, m.id AS meeting_id
             FROM action_item ai
             JOIN meeting om ON om.id = ai.meeting_id
             JOIN meeting m ON m.forum_id = ai.forum_id AND m.starts_at >= om.starts_at AND m.status <> 'cancelled'
                           AND m.starts_at <= COALESCE(ai.closed_at, $2::timestamptz)
            WHERE ai.id = ANY($1::uuid[])
            ORDER BY ai.id, m.starts_at, m.id`,
          [keys, now],
        );
        const m = new Map<string, string[]>(keys.map((k) => [k, []]));
        for (const r of rows) m.get(r.item_id)!.push(r.meeting_id);
        return keys.map((k) => m.get(k)!);
      })
      .load(a.id);
    return (await ctx.loaders.entity(Meeting).loadMany(ids)).filter((x) => x && !(x instanceof Error));
  }
}

@Resolver(() => ActionItemEvent)
export class ActionItemEventResolver {
  @FieldResolver(() => String, { nullable: true })
  async comment(@Root() e: ActionItemEvent, @GqlCtx() ctx: Ctx) {
    const a = await ctx.loaders.entity(ActionItem).load(e.actionItemId);
    return a ? reveal(ctx, a, a.agendaItemId, e.comment) : REDACTED;
  }

  @FieldResolver(() => Person, { nullable: true })
  actor(@Root() e: ActionItemEvent, @GqlCtx() ctx: Ctx) {
    return e.actorId ? ctx.loaders.entity(Person).load(e.actorId) : null;
  }
}
