import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionResult, ConnectionType } from '../common/pagination';
import { LocalDateScalar } from '../common/scalars';
import { JointActivity } from '../activity/activity.entity';
import { Person } from '../person/person.entity';
import { OverlapRow, overlapService } from './overlap.service';

@ObjectType({ description: 'Two activities of different organisations for the same target group in the same area at the same time, whose lead organisations share no forum.' })
export class OverlapFlag {
  /** The handling's id once handled (what the audit trail names). */
  id?: string;
  partnershipId: string;
  row: OverlapRow;
  @Field({ description: 'Stable key of the pair: "<activityAId>:<activityBId>" in id order.' }) key: string;
  @Field() area: string;
  @Field() targetGroup: string;
  @Field(() => LocalDateScalar) overlapFrom: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while both run open-ended.' }) overlapTo: string | null;
  @Field() handled: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Date, { nullable: true }) handledAt: Date | null;
}

const OverlapFlagConnection = ConnectionType(OverlapFlag);

function flag(partnershipId: string, row: OverlapRow): OverlapFlag {
  return Object.assign(new OverlapFlag(), {
    id: row.handlingId ?? undefined,
    partnershipId,
    row,
    key: `${row.activityAId}:${row.activityBId}`,
    area: row.area,
    targetGroup: row.targetGroup,
    overlapFrom: row.overlapFrom,
    overlapTo: row.overlapTo,
    handled: !!row.handlingId,
    note: row.note,
    handledAt: row.handledAt,
  });
}

@Resolver(() => OverlapFlag)
export class OverlapResolver {
  @Authorized()
  @Query(() => OverlapFlagConnection, { description: "Overlapping, uncoordinated activities of a partnership (today), as candidates for coordination." })
  async overlaps(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('handled', () => Boolean, { nullable: true, description: 'true: only handled; false: only open; default both.' }) handled?: boolean,
    @Arg('activityId', () => ID, { nullable: true, description: 'Only flags involving this activity.' }) activityId?: string,
  ) {
    const page = await overlapService.list(ctx, { partnershipId, handled, activityId }, args);
    return new ConnectionResult(page.edges.map((e) => ({ cursor: e.cursor, node: flag(partnershipId, e.row) })), page.pageInfo, page.count);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => OverlapFlag, { description: 'Mark the overlap of two activities as handled (coordinated) with a note.' })
  async markOverlapHandled(
    @GqlCtx() ctx: Ctx,
    @Arg('activityAId', () => ID) activityAId: string,
    @Arg('activityBId', () => ID) activityBId: string,
    @Arg('note') note: string,
  ) {
    const { row, partnershipId } = await overlapService.markHandled(ctx, { activityAId, activityBId, note });
    return flag(partnershipId, row);
  }

  @FieldResolver(() => JointActivity, { nullable: true })
  activityA(@Root() f: OverlapFlag, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(JointActivity).load(f.row.activityAId);
  }

  @FieldResolver(() => JointActivity, { nullable: true })
  activityB(@Root() f: OverlapFlag, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(JointActivity).load(f.row.activityBId);
  }

  @FieldResolver(() => Person, { nullable: true })
  handledBy(@Root() f: OverlapFlag, @GqlCtx() ctx: Ctx) {
    return f.row.handledById ? ctx.loaders.entity(Person).load(f.row.handledById) : null;
  }
}
