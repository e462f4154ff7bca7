import { GraphQLResolveInfo } from 'graphql';
import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { byName, children, current, periodFilter } from '../common/children';
import { Affiliation } from '../person/affiliation.entity';
import { Forum, ForumMember } from '../forum/forum.entity';
import { Partnership, PartnershipMember } from '../partnership/partnership.entity';
import { Decision } from '../decision/decision.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT, OPEN_WORK_FROM, actionItemWhere, openWorkFilter } from '../action-item/action-item.service';
import { ActionItemFilter } from '../action-item/action-item.inputs';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput } from './organisation.inputs';
import { inSubtreeSql, organisationService, subtreeSql } from './organisation.service';

export const OrganisationConnection = ConnectionType(Organisation);

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Authorized()
  @Query(() => OrganisationConnection, { description: 'Organisations by name.' })
  organisations(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter,
  ) {
    return organisationService.list(ctx, filter ?? {}, args);
  }

  @Authorized()
  @Query(() => Organisation, { nullable: true })
  organisation(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Organisation).load(id);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Organisation)
  createOrganisation(@GqlCtx() ctx: Ctx, @Arg('input') input: CreateOrganisationInput) {
    return organisationService.create(ctx, input);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Organisation)
  updateOrganisation(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateOrganisationInput) {
    return organisationService.update(ctx, id, input);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  parent(@Root() o: Organisation, @GqlCtx() ctx: Ctx) {
    return o.parentId ? ctx.loaders.entity(Organisation).load(o.parentId) : null;
  }

  @FieldResolver(() => OrganisationConnection)
  subOrganisations(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Organisation, o.id, { key: 'org.sub', from: 'organisation o', parent: 'o.parent_id = p.parent_id', sort: byName('o') }, args);
  }

  @FieldResolver(() => ConnectionType(Affiliation), { description: 'People affiliated with the organisation; by default only current affiliations.' })
  affiliations(
    @Root() o: Organisation,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, Affiliation, o.id, {
      key: 'org.affiliations',
      from: 'affiliation af JOIN person pe ON pe.id = af.person_id',
      parent: 'af.organisation_id = p.parent_id',
      sort: [
        { expr: 'pe.name', dir: 'ASC', type: 'text' },
        { expr: 'af.id', dir: 'ASC', type: 'uuid' },
      ],
      ...periodFilter('af', includeEnded, day),
    }, args);
  }

  @FieldResolver(() => ConnectionType(ActionItem), {
    description: "Action items the organisation is responsible for, by due date. Sub-organisations' items are included unless includeSubOrganisations is false.",
  })
  actionItems(
    @Root() o: Organisation,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ActionItemFilter, { nullable: true }) filter?: ActionItemFilter,
  ) {
    const f = { ...(filter ?? {}), assigneeOrganisationId: null };
    const withSubs = filter?.includeSubOrganisations ?? true;
    const open = withSubs ? openWorkFilter(f) : null;
    if (open) {
      // Open or overdue work of the whole subtree: one index range of the open-work table.
      return children(ctx, ActionItem, o.id, {
        key: 'org.openActionItems',
        from: OPEN_WORK_FROM,
        entityAlias: 'a',
        parent: 'ai.organisation_id = p.parent_id',
        guardIsFilter: true,
        // The open-work table and action items notify every change (count-cache.ts).
        countsCached: true,
        sort: ACTION_ITEM_SORT,
        where: (sql) => actionItemWhere(ctx, open, sql),
        filterKey: [open, today(ctx)],
      }, args, info);
    }
    return children(ctx, ActionItem, o.id, {
      key: 'org.actionItems',
      from: 'action_item ai',
      parent: withSubs ? inSubtreeSql('ai.assignee_organisation_id', 'p.parent_id') : 'ai.assignee_organisation_id = p.parent_id',
      // A large organisation's subtree holds tens of thousands of items: page and count per sub-organisation.
      fanOut: withSubs ? { column: 'ai.assignee_organisation_id', values: `ARRAY${subtreeSql('p.parent_id')}` } : undefined,
      sort: ACTION_ITEM_SORT,
      where: (sql) => actionItemWhere(ctx, f, sql),
      filterKey: [f, withSubs, today(ctx)],
    }, args, info);
  }

  @FieldResolver(() => ConnectionType(Decision), { description: 'Decisions the organisation is responsible for, newest first.' })
  decisions(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Decision, o.id, {
      key: 'org.decisions',
      from: 'decision d',
      parent: 'EXISTS (SELECT 1 FROM decision_responsibility r WHERE r.decision_id = d.id AND r.organisation_id = p.parent_id)',
      sort: [
        { expr: 'd.decided_at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'd.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  }

  @FieldResolver(() => ConnectionType(Forum), { description: 'Forums where someone currently sits on behalf of the organisation.' })
  forums(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    const day = today(ctx);
    return children(ctx, Forum, o.id, {
      key: 'org.forums',
      from: 'forum f',
      parent: 'true',
      sort: byName('f'),
      where: (sql) => [
        `EXISTS (SELECT 1 FROM forum_member fm WHERE fm.forum_id = f.id AND fm.organisation_id = p.parent_id AND ${current('fm', sql.p(day, 'date'))})`,
      ],
      filterKey: day,
    }, args);
  }

  @FieldResolver(() => ConnectionType(ForumMember), { description: "The organisation's seats in forums, current by default." })
  forumMemberships(
    @Root() o: Organisation,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, ForumMember, o.id, {
      key: 'org.forumMemberships',
      from: 'forum_member fm',
      parent: 'fm.organisation_id = p.parent_id',
      sort: [
        { expr: 'fm.starts_on', dir: 'ASC', type: 'date' },
        { expr: 'fm.id', dir: 'ASC', type: 'uuid' },
      ],
      ...periodFilter('fm', includeEnded, day),
    }, args);
  }

  @FieldResolver(() => ConnectionType(Partnership), { description: 'Partnerships the organisation is currently a member of.' })
  partnerships(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    const day = today(ctx);
    return children(ctx, Partnership, o.id, {
      key: 'org.partnerships',
      from: 'partnership pa',
      parent: 'true',
      sort: byName('pa'),
      where: (sql) => [
        `EXISTS (SELECT 1 FROM partnership_member pm WHERE pm.partnership_id = pa.id AND pm.organisation_id = p.parent_id AND ${current('pm', sql.p(day, 'date'))})`,
      ],
      filterKey: day,
    }, args);
  }

  @FieldResolver(() => ConnectionType(PartnershipMember))
  partnershipMemberships(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, PartnershipMember, o.id, {
      key: 'org.partnershipMemberships',
      from: 'partnership_member pm',
      parent: 'pm.organisation_id = p.parent_id',
      sort: [
        { expr: 'pm.starts_on', dir: 'ASC', type: 'date' },
        { expr: 'pm.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }
}
