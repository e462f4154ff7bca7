import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { children, periodFilter } from '../common/children';
import { Organisation } from '../organisation/organisation.entity';
import { ForumMember } from '../forum/forum.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT, actionItemWhere } from '../action-item/action-item.service';
import { ActionItemFilter } from '../action-item/action-item.inputs';
import { Person } from './person.entity';
import { Affiliation } from './affiliation.entity';
import { AddAffiliationInput, CreatePersonInput, PersonFilter, UpdateAffiliationInput, UpdatePersonInput } from './person.inputs';
import { personService } from './person.service';

@Resolver(() => Person)
export class PersonResolver {
  @Authorized()
  @Query(() => ConnectionType(Person), { description: 'People by name.' })
  people(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter) {
    return personService.list(ctx, filter ?? {}, args);
  }

  @Authorized()
  @Query(() => Person, { nullable: true })
  person(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Person).load(id);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Person)
  createPerson(@GqlCtx() ctx: Ctx, @Arg('input') input: CreatePersonInput) {
    return personService.create(ctx, input);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Person)
  updatePerson(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdatePersonInput) {
    return personService.update(ctx, id, input);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Affiliation)
  addAffiliation(@GqlCtx() ctx: Ctx, @Arg('input') input: AddAffiliationInput) {
    return personService.addAffiliation(ctx, input);
  }

  @Authorized(Permission.MANAGE_DIRECTORY)

  @UseMiddleware(Audited)
  @Mutation(() => Affiliation, { description: 'Change or end an affiliation (set endsOn).' })
  updateAffiliation(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateAffiliationInput) {
    return personService.updateAffiliation(ctx, id, input);
  }

  @FieldResolver(() => ConnectionType(Affiliation), { description: 'Current affiliations unless includeEnded.' })
  affiliations(
    @Root() p: Person,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, Affiliation, p.id, {
      key: 'person.affiliations',
      from: 'affiliation af',
      parent: 'af.person_id = p.parent_id',
      sort: [
        { expr: 'af.starts_on', dir: 'ASC', type: 'date' },
        { expr: 'af.id', dir: 'ASC', type: 'uuid' },
      ],
      ...periodFilter('af', includeEnded, day),
    }, args);
  }

  @FieldResolver(() => ConnectionType(ForumMember), { description: 'Seats in forums, current unless includeEnded.' })
  forumMemberships(
    @Root() p: Person,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, ForumMember, p.id, {
      key: 'person.forumMemberships',
      from: 'forum_member fm',
      parent: 'fm.person_id = p.parent_id',
      sort: [
        { expr: 'fm.starts_on', dir: 'ASC', type: 'date' },
        { expr: 'fm.id', dir: 'ASC', type: 'uuid' },
      ],
      ...periodFilter('fm', includeEnded, day),
    }, args);
  }

  @FieldResolver(() => ConnectionType(ActionItem), { description: 'Action items assigned to the person, by due date.' })
  actionItems(
    @Root() p: Person,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ActionItemFilter, { nullable: true }) filter?: ActionItemFilter,
  ) {
    const f = { ...(filter ?? {}), assigneePersonId: null };
    return children(ctx, ActionItem, p.id, {
      key: 'person.actionItems',
      from: 'action_item ai',
      parent: 'ai.assignee_person_id = p.parent_id',
      sort: ACTION_ITEM_SORT,
      where: (sql) => actionItemWhere(ctx, f, sql),
      filterKey: [f, today(ctx)],
    }, args);
  }
}

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Person)
  person(@Root() a: Affiliation, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Person).load(a.personId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() a: Affiliation, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(a.organisationId);
  }
}
