import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Resolver, Root, UseMiddleware, Int, Info } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { REDACTED, mayReveal, reveal } from '../auth/confidential';
import { Ctx } from '../context';
import { registerFieldColumns, registerNested } from '../common/prefetch';
import { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { children } from '../common/children';
import { Meeting, MinutesAmendment } from '../meeting/meeting.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Decision } from '../decision/decision.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT } from '../action-item/action-item.service';
import { AgendaItem } from './agenda-item.entity';
import { AddAgendaItemInput, UpdateAgendaItemInput } from './agenda.inputs';
import { agendaService } from './agenda.service';

// What the field resolvers below read from the item (prefetched pages carry only what is selected).
const SHOWN = ['confidential', 'forum_id'];
registerFieldColumns('AgendaItem.title', ['title', ...SHOWN]);
registerFieldColumns('AgendaItem.description', ['description', ...SHOWN]);
registerFieldColumns('AgendaItem.outcomeNotes', ['outcome_notes', ...SHOWN]);
registerFieldColumns('AgendaItem.redacted', SHOWN);

const AGENDA_DECISIONS = registerNested('AgendaItem.decisions', () => ({
  cls: Decision,
  key: 'agenda.decisions',
  from: 'decision d',
  parent: 'd.agenda_item_id = p.parent_id',
  sameForum: true,
  sort: [
    { expr: 'd.decided_at', dir: 'ASC', type: 'timestamptz' },
    { expr: 'd.id', dir: 'ASC', type: 'uuid' },
  ],
}));
const AGENDA_ACTIONS = registerNested('AgendaItem.actionItems', () => ({
  cls: ActionItem,
  key: 'agenda.actionItems',
  from: 'action_item ai',
  parent: 'ai.agenda_item_id = p.parent_id',
  sameForum: true,
  sort: ACTION_ITEM_SORT,
}));

@Resolver(() => AgendaItem)
export class AgendaItemResolver {
  @FieldResolver(() => String, { description: `The title, or "${REDACTED}" for a confidential item you may not read.` })
  title(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, a, a.id, a.title);
  }

  @FieldResolver(() => String)
  description(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, a, a.id, a.description);
  }

  @FieldResolver(() => String, { nullable: true })
  outcomeNotes(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, a, a.id, a.outcomeNotes);
  }

  @FieldResolver(() => Boolean, { description: 'True when the content is hidden from you: confidential, and you have no legal basis in this forum.' })
  redacted(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    const may = mayReveal(ctx, a.confidential, a.forumId);
    return typeof may === 'boolean' ? !may : may.then((v) => !v);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => AgendaItem)
  addAgendaItem(@GqlCtx() ctx: Ctx, @Arg('input') input: AddAgendaItemInput) {
    return agendaService.add(ctx, input.meetingId, input);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => AgendaItem)
  updateAgendaItem(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateAgendaItemInput) {
    return agendaService.update(ctx, id, input);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => Meeting, {
    description: 'Remove an item from the agenda of a meeting not yet held, when no decision, action item or carried-over copy refers to it. Returns the meeting.',
  })
  removeAgendaItem(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return agendaService.remove(ctx, id, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Meeting, { description: 'Put the agenda in this order; list every item once.' })
  reorderAgenda(@GqlCtx() ctx: Ctx, @Arg('meetingId', () => ID) meetingId: string, @Arg('itemIds', () => [ID]) itemIds: string[]) {
    return agendaService.reorder(ctx, meetingId, itemIds);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => AgendaItem, { description: "Defer an item; it is carried over to the forum's next scheduled meeting when there is one." })
  deferAgendaItem(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return agendaService.defer(ctx, id, note, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => AgendaItem, { description: "Put a pending item from an earlier meeting on a later meeting's agenda. Returns the new item." })
  carryOverAgendaItem(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('toMeetingId', () => ID) toMeetingId: string) {
    return agendaService.carryOver(ctx, id, toMeetingId);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => MinutesAmendment, { description: "Amend the outcome of an item in approved minutes, with a reason." })
  amendAgendaItemOutcome(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('outcomeNotes', () => String, { nullable: true }) outcomeNotes: string | null,
    @Arg('reason') reason: string,
  ) {
    return agendaService.amendOutcome(ctx, id, outcomeNotes ?? null, reason);
  }

  @FieldResolver(() => [Person], { description: 'People the item concerns (shown only to those who may read its content).' })
  async concernedPeople(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    if (!(await mayReveal(ctx, a.confidential, a.forumId))) return [];
    if (a.confidential) ctx.confidentialReads.add(a.id);
    const ids = await ctx.loaders
      .custom<string, string[]>('agenda.subjects', async (keys) => {
        const rows: { agenda_item_id: string; person_id: string }[] = await ctx.manager.query(
          'SELECT agenda_item_id, person_id FROM agenda_item_subject WHERE agenda_item_id = ANY($1::uuid[]) ORDER BY person_id',
          [keys],
        );
        return keys.map((k) => rows.filter((r) => r.agenda_item_id === k).map((r) => r.person_id));
      })
      .load(a.id);
    return (await ctx.loaders.entity(Person).loadMany(ids)).filter((x) => x && !(x instanceof Error));
  }

  @FieldResolver(() => Meeting)
  meeting(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Meeting).load(a.meetingId);
  }

  @FieldResolver(() => Person, { nullable: true })
  presenterPerson(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return a.presenterPersonId ? ctx.loaders.entity(Person).load(a.presenterPersonId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  presenterOrganisation(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return a.presenterOrganisationId ? ctx.loaders.entity(Organisation).load(a.presenterOrganisationId) : null;
  }

  @FieldResolver(() => AgendaItem, { nullable: true, description: 'The earlier item this one continues.' })
  carriedOverFrom(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    return a.carriedOverFromId ? ctx.loaders.entity(AgendaItem).load(a.carriedOverFromId) : null;
  }

  @FieldResolver(() => AgendaItem, { nullable: true, description: 'The later item that continues this one.' })
  async carriedOverTo(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    const id = await ctx.loaders
      .custom<string, string | null>('agenda.carriedOverTo', async (ids) => {
        const rows: { id: string; from: string }[] = await ctx.manager.query(
          'SELECT id, carried_over_from_id AS "from" FROM agenda_item WHERE carried_over_from_id = ANY($1::uuid[])',
          [ids],
        );
        const m = new Map(rows.map((r) => [r.from, r.id]));
        return ids.map((i) => m.get(i) ?? null);
      })
      .load(a.id);
    return id ? ctx.loaders.entity(AgendaItem).load(id) : null;
  }

  @FieldResolver(() => [AgendaItem], { description: 'The whole carry-over chain this item belongs to, earliest first (itself included).' })
  async trail(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx) {
    const ids = await ctx.loaders
      .custom<string, string[]>('agenda.trail', async (keys) => {
        const rows: { start_id: string; id: string }[] = await ctx.manager.query(
          `WITH RECURSIVE up(start_id, id, prev, depth) AS (
             SELECT a.id, a.id, a.carried_over_from_id, 0 FROM agenda_item a WHERE a.id = ANY($1::uuid[])
             UNION ALL SELECT up.start_id, a.id, a.carried_over_from_id, up.depth - 1 FROM agenda_item a JOIN up ON a.id = up.prev),
           down(start_id, id, depth) AS (
             SELECT a.id, a.id, 0 FROM agenda_item a WHERE a.id = ANY($1::uuid[])
             UNION ALL SELECT down.start_id, a.id, down.depth + 1 FROM agenda_item a JOIN down ON a.carried_over_from_id = down.id)
           SELECT start_id, id FROM (SELECT start_id, id, depth FROM up UNION SELECT start_id, id, depth FROM down) c ORDER BY start_id, depth`,
          [keys],
        );
        const m = new Map<string, string[]>(keys.map((k) => [k, []]));
        for (const r of rows) m.get(r.start_id)!.push(r.id);
        return keys.map((k) => m.get(k)!);
      })
      .load(a.id);
    return (await ctx.loaders.entity(AgendaItem).loadMany(ids)).filter((x) => x && !(x instanceof Error));
  }

  @FieldResolver(() => ConnectionType(Decision))
  decisions(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, Decision, a.id, AGENDA_DECISIONS(ctx), args, info);
  }

  @FieldResolver(() => ConnectionType(ActionItem), { description: 'Action items from this item, including those from its decisions.' })
  actionItems(@Root() a: AgendaItem, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, ActionItem, a.id, AGENDA_ACTIONS(ctx), args, info);
  }
}
