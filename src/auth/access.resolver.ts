import { Arg, Args, Authorized, Ctx as GqlCtx, FieldResolver, ID, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Ctx } from '../context';
import { Audited } from '../audit/audit';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { children } from '../common/children';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { Permission } from './access';
import { AccessRole, PartnershipAccess } from './partnership-access.entity';
import { accessService } from './access.service';

@Resolver(() => PartnershipAccess)
export class PartnershipAccessResolver {
  @Authorized(Permission.ADMINISTER)
  @UseMiddleware(Audited)
  @Mutation(() => PartnershipAccess, { description: 'Give a person a role in a partnership (or change it). Administrators only.' })
  grantAccess(
    @GqlCtx() ctx: Ctx,
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('personId', () => ID) personId: string,
    @Arg('role', () => AccessRole) role: AccessRole,
  ) {
    return accessService.grant(ctx, { partnershipId, personId, role });
  }

  @Authorized(Permission.ADMINISTER)
  @UseMiddleware(Audited)
  @Mutation(() => PartnershipAccess, { description: "Take away a person's role in a partnership. Administrators only." })
  revokeAccess(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return accessService.revoke(ctx, id);
  }

  @FieldResolver(() => Person)
  person(@Root() a: PartnershipAccess, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Person).load(a.personId);
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() a: PartnershipAccess, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(a.partnershipId);
  }
}

@Resolver(() => Partnership)
export class PartnershipAccessListResolver {
  @FieldResolver(() => ConnectionType(PartnershipAccess), { description: "People's roles in the partnership (visible to administrators)." })
  access(@Root() p: Partnership, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, PartnershipAccess, p.id, {
      key: 'partnership.access',
      from: 'partnership_access pa JOIN person pe ON pe.id = pa.person_id',
      parent: 'pa.partnership_id = p.parent_id',
      sort: [
        { expr: 'pe.name', dir: 'ASC', type: 'text' },
        { expr: 'pa.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }
}
