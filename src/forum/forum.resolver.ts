import { Authorized, Arg, Args, Ctx as GqlCtx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware, Info } from 'type-graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx, today } from '../context';
import { ConnectionArgs, ConnectionType, Sql } from '../common/pagination';
import { registerNested } from '../common/prefetch';
import { objectById } from '../common/connection';
import { children, periodFilter } from '../common/children';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { Meeting } from '../meeting/meeting.entity';
import { MEETING_SORT, meetingWhere } from '../meeting/meeting.service';
import { MeetingFilter } from '../meeting/meeting.inputs';
import { Forum, ForumLevel, ForumMember } from './forum.entity';
import { AddForumMemberInput, CreateForumInput, UpdateForumInput, UpdateForumMemberInput } from './forum.inputs';
import { forumService } from './forum.service';

/** Unfiltered, so it can come with the forum's row (`forum(id:) { meetings(first: …) { … } }`, prefetch.ts). */
const FORUM_MEETINGS = registerNested('Forum.meetings', () => ({
  cls: Meeting,
  key: 'forum.meetings',
  from: 'meeting m',
  parent: 'm.forum_id = p.parent_id',
  sameForum: true,
  // (forum_id, starts_at, id) reads a forum's meetings in order; search adds a filter on them.
  guardIsFilter: true,
  sort: MEETING_SORT,
  filterKey: {},
}));

@Resolver(() => Forum)
export class ForumResolver {
  @Authorized()
  @Query(() => ConnectionType(Forum))
  forums(
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId?: string,
    @Arg('level', () => ForumLevel, { nullable: true }) level?: ForumLevel,
  ) {
    return forumService.list(ctx, { partnershipId, level }, args);
  }

  @Authorized()
  @Query(() => Forum, { nullable: true })
  forum(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo) {
    return objectById(ctx, Forum, id, info);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => Forum)
  createForum(@GqlCtx() ctx: Ctx, @Arg('input') input: CreateForumInput) {
    return forumService.create(ctx, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => Forum)
  updateForum(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateForumInput) {
    return forumService.update(ctx, id, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => ForumMember)
  addForumMember(@GqlCtx() ctx: Ctx, @Arg('input') input: AddForumMemberInput) {
    return forumService.addMember(ctx, input);
  }

  @Authorized(Permission.MANAGE_PARTNERSHIP)

  @UseMiddleware(Audited)
  @Mutation(() => ForumMember, { description: 'Change or end a membership (set endsOn).' })
  updateForumMember(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateForumMemberInput) {
    return forumService.updateMember(ctx, id, input);
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() f: Forum, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(f.partnershipId);
  }

  @FieldResolver(() => ConnectionType(ForumMember), { description: 'Members, current unless includeEnded.' })
  members(
    @Root() f: Forum,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Arg('includeEnded', () => Boolean, { defaultValue: false }) includeEnded: boolean,
  ) {
    const day = today(ctx);
    return children(ctx, ForumMember, f.id, {
      key: 'forum.members',
      from: 'forum_member fm JOIN person pe ON pe.id = fm.person_id',
      parent: 'fm.forum_id = p.parent_id',
      sort: [
        { expr: 'pe.name', dir: 'ASC', type: 'text' },
        { expr: 'fm.id', dir: 'ASC', type: 'uuid' },
      ],
      ...periodFilter('fm', includeEnded, day),
    }, args);
  }

  @FieldResolver(() => ConnectionType(Meeting), { description: "The forum's meeting history, newest first." })
  async meetings(
    @Root() f: Forum,
    @GqlCtx() ctx: Ctx,
    @Args() args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => MeetingFilter, { nullable: true }) filter?: MeetingFilter,
  ) {
    const fl = filter ?? {};
    const confidentialForums = fl.search ? await ctx.access.confidentialForums() : null;
    const spec = Object.keys(fl).length
      ? { ...FORUM_MEETINGS(ctx), where: (sql: Sql) => meetingWhere(fl, sql, confidentialForums), filterKey: fl }
      : FORUM_MEETINGS(ctx);
    return children(ctx, Meeting, f.id, spec, args, info);
  }
}

@Resolver(() => ForumMember)
export class ForumMemberResolver {
  @FieldResolver(() => Forum)
  forum(@Root() m: ForumMember, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Forum).load(m.forumId);
  }

  @FieldResolver(() => Person)
  person(@Root() m: ForumMember, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Person).load(m.personId);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the person sits on behalf of.' })
  organisation(@Root() m: ForumMember, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(m.organisationId);
  }
}
