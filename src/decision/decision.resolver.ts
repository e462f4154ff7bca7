import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware, Int, Info } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { REDACTED, mayReveal, reveal } from '../auth/confidential';
import { Ctx } from '../context';
import { registerFieldColumns, registerNested, registerToOne } from '../common/prefetch';
import { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { byName, children } from '../common/children';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Meeting } from '../meeting/meeting.entity';
import { Forum } from '../forum/forum.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT } from '../action-item/action-item.service';
import { Decision, DecisionStatusChange } from './decision.entity';
import { DecisionFilter, RecordDecisionInput } from './decision.inputs';
import { decisionService } from './decision.service';

const DECISION_ACTIONS = registerNested('Decision.actionItems', () => ({
  cls: ActionItem,
  key: 'decision.actionItems',
  from: 'action_item ai',
  parent: 'ai.decision_id = p.parent_id',
  sameForum: true,
  sort: ACTION_ITEM_SORT,
}));

// Fetched with the decision's row when selected (prefetch.ts); the resolver is exactly this load.
registerToOne('Decision.forum', { cls: Forum, fk: 'forum_id', sameForum: true });
// What the field resolvers below read from the decision (prefetched pages carry only what is selected).
registerFieldColumns('Decision.text', ['text', 'confidential', 'forum_id', 'agenda_item_id']);
registerFieldColumns('Decision.redacted', ['confidential', 'forum_id']);

@Resolver(() => Decision)
export class DecisionResolver {
  @FieldResolver(() => String, { description: `The decision, or "${REDACTED}" when it arose under a confidential item you may not read.` })
  text(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return reveal(ctx, d, d.agendaItemId, d.text);
  }

  @FieldResolver(() => Boolean)
  redacted(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    const may = mayReveal(ctx, d.confidential, d.forumId);
    return typeof may === 'boolean' ? !may : may.then((v) => !v);
  }

  @Authorized()
  @Query(() => Decision, { nullable: true })
  decision(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Decision).load(id);
  }

  @Authorized()
  @Query(() => ConnectionType(Decision), { description: 'Decisions, newest first.' })
  decisions(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => DecisionFilter, { nullable: true }) filter?: DecisionFilter,
  ) {
    return decisionService.list(ctx, filter ?? {}, args, info);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Decision)
  recordDecision(@GqlCtx() ctx: Ctx, @Arg('input') input: RecordDecisionInput) {
    return decisionService.record(ctx, input);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Decision, { description: 'Record a new decision replacing decision `id`, which becomes SUPERSEDED. Returns the new decision.' })
  supersedeDecision(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: RecordDecisionInput, @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number) {
    return decisionService.supersede(ctx, id, input, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Decision)
  revokeDecision(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number) {
    return decisionService.revoke(ctx, id, reason, version);
  }

  @Authorized(Permission.SET_CASE_REFERENCE)
  @UseMiddleware(Audited)
  @Mutation(() => Decision, {
    description: 'Set the case number and/or KLE number once a case system has journalised the decision (null clears one; an omitted one is kept).',
  })
  setDecisionCaseReference(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('caseNumber', () => String, { nullable: true }) caseNumber?: string | null,
    @Arg('kleNumber', () => String, { nullable: true }) kleNumber?: string | null,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return decisionService.setCaseReference(ctx, id, { caseNumber, kleNumber }, version);
  }

  @Authorized(Permission.RECORD)

  @UseMiddleware(Audited)
  @Mutation(() => Decision)
  markDecisionImplemented(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number,
  ) {
    return decisionService.markImplemented(ctx, id, comment, version);
  }

  @FieldResolver(() => AgendaItem, { nullable: true, description: 'Null when you may read decisions but not meetings (an API key without read:meetings).' })
  agendaItem(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(AgendaItem).load(d.agendaItemId);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'Null when you may read decisions but not meetings.' })
  meeting(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Meeting).load(d.meetingId);
  }

  @FieldResolver(() => Forum)
  forum(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Forum).load(d.forumId);
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(d.partnershipId);
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'The earlier decision this one replaced.' })
  supersedes(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    return d.supersedesId ? ctx.loaders.entity(Decision).load(d.supersedesId) : null;
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'The later decision that replaced this one.' })
  async supersededBy(@Root() d: Decision, @GqlCtx() ctx: Ctx) {
    const id = await ctx.loaders
      .custom<string, string | null>('decision.supersededBy', async (ids) => {
        const rows: { id: string; s: string }[] = await ctx.manager.query(
          'SELECT id, supersedes_id AS s FROM decision WHERE supersedes_id = ANY($1::uuid[])',
          [ids],
        );
        const m = new Map(rows.map((r) => [r.s, r.id]));
        return ids.map((i) => m.get(i) ?? null);
      })
      .load(d.id);
    return id ? ctx.loaders.entity(Decision).load(id) : null;
  }

  @FieldResolver(() => [Decision], {
    description: 'The whole supersession chain this decision belongs to, oldest first, this one included (decisions you may not read are left out).',
  })
  async supersessionChain(@Root() d: Decision, @GqlCtx() ctx: Ctx): Promise<Decision[]> {
    const ids = await ctx.loaders
      .custom<string, string[]>('decision.chain', async (starts) => {
        // Walk back through supersedes_id and forward through the decisions that supersede, for all decisions at once.
        const rows: { start: string; id: string }[] = await ctx.manager.query(
          `WITH RECURSIVE up AS (
              SELECT d.id AS start, d.id, d.supersedes_id, 0 AS depth FROM decision d WHERE d.id = ANY($1::uuid[])
              UNION ALL SELECT up.start, p.id, p.supersedes_id, up.depth - 1 FROM up JOIN decision p ON p.id = up.supersedes_id),
            down AS (
              SELECT d.id AS start, d.id, 0 AS depth FROM decision d WHERE d.id = ANY($1::uuid[])
              UNION ALL SELECT down.start, n.id, down.depth + 1 FROM down JOIN decision n ON n.supersedes_id = down.id)
           SELECT start::text, id::text FROM (SELECT start, id, depth FROM up UNION SELECT start, id, depth FROM down) c ORDER BY start, depth`,
          [starts],
        );
        const byStart = new Map<string, string[]>();
        for (const r of rows) byStart.set(r.start, [...(byStart.get(r.start) ?? []), r.id]);
        return starts.map((s) => byStart.get(s) ?? [s]);
      })
      .load(d.id);
    const found = await ctx.loaders.entity(Decision).loadMany(ids);
    return found.filter((x): x is Decision => !!x && !(x instanceof Error));
  }

  @FieldResolver(() => ConnectionType(Organisation))
  responsibleOrganisations(@Root() d: Decision, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Organisation, d.id, {
      key: 'decision.responsible',
      from: 'organisation o',
      parent: 'EXISTS (SELECT 1 FROM decision_responsibility r WHERE r.organisation_id = o.id AND r.decision_id = p.parent_id)',
      sort: byName('o'),
    }, args);
  }

  @FieldResolver(() => ConnectionType(DecisionStatusChange), { description: 'Append-only status history, oldest first.' })
  statusHistory(@Root() d: Decision, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, DecisionStatusChange, d.id, {
      key: 'decision.history',
      from: 'decision_status_change h',
      parent: 'h.decision_id = p.parent_id',
      sort: [
        { expr: 'h.at', dir: 'ASC', type: 'timestamptz' },
        { expr: 'h.seq', dir: 'ASC', type: 'bigint' },
        { expr: 'h.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }

  @FieldResolver(() => ConnectionType(ActionItem))
  actionItems(@Root() d: Decision, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return children(ctx, ActionItem, d.id, DECISION_ACTIONS(ctx), args, info);
  }
}

@Resolver(() => DecisionStatusChange)
export class DecisionStatusChangeResolver {
  @FieldResolver(() => String, { nullable: true })
  async comment(@Root() h: DecisionStatusChange, @GqlCtx() ctx: Ctx) {
    const d = await ctx.loaders.entity(Decision).load(h.decisionId);
    return d ? reveal(ctx, d, d.agendaItemId, h.comment) : REDACTED;
  }

  @FieldResolver(() => Person, { nullable: true })
  actor(@Root() h: DecisionStatusChange, @GqlCtx() ctx: Ctx) {
    return h.actorId ? ctx.loaders.entity(Person).load(h.actorId) : null;
  }
}
