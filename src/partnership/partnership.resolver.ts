import { Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { byName, children, current } from '../common/children';
import { Organisation } from '../organisation/organisation.entity';
import { Forum } from '../forum/forum.entity';
import { Partnership, PartnershipMember } from './partnership.entity';
import { AddPartnershipMemberInput, CreatePartnershipInput, UpdatePartnershipInput, UpdatePartnershipMemberInput } from './partnership.inputs';
import { partnershipService } from './partnership.service';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => ConnectionType(Partnership))
  partnerships(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('search', () => String, { nullable: true }) search?: string) {
    return partnershipService.list(ctx, { search }, args);
  }

  @Query(() => Partnership, { nullable: true })
  partnership(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Partnership).load(id);
  }

  @Mutation(() => Partnership)
  createPartnership(@GqlCtx() ctx: Ctx, @Arg('input') input: CreatePartnershipInput) {
    return partnershipService.create(ctx, input);
  }

  @Mutation(() => Partnership)
  updatePartnership(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdatePartnershipInput) {
    return partnershipService.update(ctx, id, input);
  }

  @Mutation(() => PartnershipMember)
  addPartnershipMember(@GqlCtx() ctx: Ctx, @Arg('input') input: AddPartnershipMemberInput) {
    return partnershipService.addMember(ctx, input);
  }

  @Mutation(() => PartnershipMember, { description: 'Change or end a membership (set endsOn).' })
  updatePartnershipMember(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdatePartnershipMemberInput) {
    return partnershipService.updateMember(ctx, id, input);
  }

  @FieldResolver(() => ConnectionType(PartnershipMember), { description: 'Member organisations, current unless includeEnded.' })
  members(
    @Root() p: Partnership,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, PartnershipMember, p.id, {
      key: 'partnership.members',
      from: 'partnership_member pm JOIN organisation o ON o.id = pm.organisation_id',
      parent: 'pm.partnership_id = p.parent_id',
      sort: [
        { expr: 'o.name', dir: 'ASC', type: 'text' },
        { expr: 'pm.id', dir: 'ASC', type: 'uuid' },
      ],
      where: (sql) => (includeEnded ? [] : [current('pm', sql.p(day, 'date'))]),
      filterKey: [includeEnded, day],
    }, args);
  }

  @FieldResolver(() => ConnectionType(Forum))
  forums(@Root() p: Partnership, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Forum, p.id, { key: 'partnership.forums', from: 'forum f', parent: 'f.partnership_id = p.parent_id', sort: byName('f') }, args);
  }
}

@Resolver(() => PartnershipMember)
export class PartnershipMemberResolver {
  @FieldResolver(() => Partnership)
  partnership(@Root() m: PartnershipMember, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(m.partnershipId);
  }

  @FieldResolver(() => Organisation)
  organisation(@Root() m: PartnershipMember, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(m.organisationId);
  }
}
