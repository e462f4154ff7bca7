import { Arg, Args, Authorized, Ctx as GqlCtx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { children } from '../common/children';
import { LocalDateScalar } from '../common/scalars';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { ActivityParticipant, JointActivity } from './activity.entity';
import { ActivityFilter, CreateActivityInput, UpdateActivityInput } from './activity.inputs';
import { activityService } from './activity.service';

@Resolver(() => JointActivity)
export class ActivityResolver {
  @Authorized()
  @Query(() => ConnectionType(JointActivity), { description: "Joint activities by name (of the partnerships you may read)." })
  activities(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('filter', () => ActivityFilter, { nullable: true }) filter?: ActivityFilter) {
    return activityService.list(ctx, filter ?? {}, args);
  }

  @Authorized()
  @Query(() => JointActivity, { nullable: true })
  activity(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(JointActivity).load(id);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => JointActivity)
  createActivity(@GqlCtx() ctx: Ctx, @Arg('input') input: CreateActivityInput) {
    return activityService.create(ctx, input);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => JointActivity)
  updateActivity(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateActivityInput) {
    return activityService.update(ctx, id, input);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => JointActivity, { description: 'End an activity on endsOn (default today); it stays in the record.' })
  endActivity(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('endsOn', () => LocalDateScalar, { nullable: true }) endsOn?: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ) {
    return activityService.end(ctx, id, { endsOn, reason, version });
  }

  @FieldResolver(() => Organisation)
  leadOrganisation(@Root() a: JointActivity, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(a.leadOrganisationId);
  }

  @FieldResolver(() => Forum, { nullable: true, description: 'The forum the activity reports to.' })
  forum(@Root() a: JointActivity, @GqlCtx() ctx: Ctx) {
    return a.forumId ? ctx.loaders.entity(Forum).load(a.forumId) : null;
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() a: JointActivity, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(a.partnershipId);
  }

  @FieldResolver(() => ConnectionType(ActivityParticipant), { description: 'Participating organisations besides the lead, by role.' })
  participants(@Root() a: JointActivity, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, ActivityParticipant, a.id, {
      key: 'activity.participants',
      from: 'activity_participant ap',
      parent: 'ap.activity_id = p.parent_id',
      sort: [
        { expr: 'ap.role::text', dir: 'ASC', type: 'text' },
        { expr: 'ap.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }
}

@Resolver(() => ActivityParticipant)
export class ActivityParticipantResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() p: ActivityParticipant, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(p.organisationId);
  }

  @FieldResolver(() => JointActivity, { nullable: true })
  activity(@Root() p: ActivityParticipant, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(JointActivity).load(p.activityId);
  }
}

/** Organisation.activities: what an organisation leads or takes part in. */
@Resolver(() => Organisation)
export class OrganisationActivitiesResolver {
  @FieldResolver(() => ConnectionType(JointActivity), { description: 'Joint activities the organisation leads or takes part in.' })
  activities(@Root() o: Organisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, JointActivity, o.id, {
      key: 'organisation.activities',
      from: 'joint_activity ja',
      parent: '(ja.lead_organisation_id = p.parent_id OR EXISTS (SELECT 1 FROM activity_participant ap WHERE ap.activity_id = ja.id AND ap.organisation_id = p.parent_id))',
      sort: [
        { expr: 'ja.name', dir: 'ASC', type: 'text' },
        { expr: 'ja.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }
}

/** Forum.activities: the joint activities that report to a forum. */
@Resolver(() => Forum)
export class ForumActivitiesResolver {
  @FieldResolver(() => ConnectionType(JointActivity), { description: 'Joint activities reporting to this forum.' })
  activities(@Root() f: Forum, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, JointActivity, f.id, {
      key: 'forum.activities',
      from: 'joint_activity ja',
      parent: 'ja.forum_id = p.parent_id',
      sort: [
        { expr: 'ja.name', dir: 'ASC', type: 'text' },
        { expr: 'ja.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }
}
