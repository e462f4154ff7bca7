import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { byName, children, periodFilter } from '../common/children';
import { Organisation } from '../organisation/organisation.entity';
import { Forum } from '../forum/forum.entity';
import { Partnership, PartnershipMember } from './partnership.entity';
import { AddPartnershipMemberInput, CreatePartnershipInput, UpdatePartnershipInput, UpdatePartnershipMemberInput } from './partnership.inputs';
import { partnershipService } from './partnership.service';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Authorized()
  @Query(() => ConnectionType(Partnership))
  partnerships(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('search', () => String, { nullable: true }) search?: string) {
    return partnershipService.list(ctx, { search }, args);
  }

  @Authorized()
  @Query(() => Partnership, { nullable: true })
  partnership(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Partnership).load(id);
  }

  @Authorized(Permission.ADMINISTER)

  @UseMiddleware(Audited)
  @Mutation(() => Partnership)
  createPartnership(@GqlCtx() ctx: Ctx, @Arg('input') input: CreatePartnershipInput) {
    return partnershipService.create(ctx, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => Partnership)
  updatePartnership(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdatePartnershipInput) {
    return partnershipService.update(ctx, id, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => PartnershipMember)
  addPartnershipMember(@GqlCtx() ctx: Ctx, @Arg('input') input: AddPartnershipMemberInput) {
    return partnershipService.addMember(ctx, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
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
      ...periodFilter('pm', includeEnded, day),
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
