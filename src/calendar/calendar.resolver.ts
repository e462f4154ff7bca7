import { Arg, Args, Authorized, Ctx as GqlCtx, Field, ID, Mutation, ObjectType, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { Audited } from '../audit/audit';
import { CalendarFeed } from './calendar-feed.entity';
import { CreateCalendarFeedInput } from './calendar.inputs';
import { calendarService, feedPath } from './calendar.service';

@ObjectType({ description: 'A new calendar feed. Its URL is shown only here, once: the token is stored as a hash.' })
export class CreatedCalendarFeed {
  @Field(() => CalendarFeed)
  feed: CalendarFeed;

  @Field({ description: 'The secret token, shown once.' })
  token: string;

  @Field({ description: 'Path of the feed on this server, e.g. "/calendar/pcf_….ics"; subscribe to it from a calendar client (webcal:// or https://).' })
  path: string;

  @Field(() => String, { nullable: true, description: 'The full URL, when the server knows its public address (PUBLIC_URL).' })
  url: string | null;
}

@Resolver(() => CalendarFeed)
export class CalendarFeedResolver {
  @Authorized()
  @UseMiddleware(Audited)
  @Mutation(() => CreatedCalendarFeed, { description: 'Create a secret calendar feed URL (iCalendar) for a forum, an organisation or yourself. It shows what you may read.' })
  async createCalendarFeed(@GqlCtx() ctx: Ctx, @Arg('input', () => CreateCalendarFeedInput) input: CreateCalendarFeedInput): Promise<CreatedCalendarFeed> {
    const { feed, token } = await calendarService.create(ctx, input);
    ctx.response.hasSecret = true;
    const path = feedPath(token);
    const base = process.env.PUBLIC_URL?.replace(/\/+$/, '');
    return Object.assign(new CreatedCalendarFeed(), { feed, token, path, url: base ? `${base}${path}` : null });
  }

  @Authorized()
  @UseMiddleware(Audited)
  @Mutation(() => CalendarFeed, { description: 'Revoke one of your calendar feeds; its URL stops working at once. Revoking twice is a CONFLICT.' })
  revokeCalendarFeed(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<CalendarFeed> {
    return calendarService.revoke(ctx, id);
  }

  @Authorized()
  @Query(() => ConnectionType(CalendarFeed), { description: 'Your calendar feeds, newest first (tokens are never shown again).' })
  calendarFeeds(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return calendarService.list(ctx, args);
  }
}
