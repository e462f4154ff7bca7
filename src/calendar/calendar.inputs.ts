import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { CalendarFeedKind } from './calendar-feed.entity';

@InputType()
export class CreateCalendarFeedInput {
  @Field(() => CalendarFeedKind)
  kind: CalendarFeedKind;

  @Field(() => ID, { nullable: true, description: 'The forum or organisation; for a PERSON feed leave it out (your own feed).' })
  @IsOptional()
  targetId?: string | null;

  @Field(() => String, { nullable: true, description: "The calendar's name in the client; default: the forum's, organisation's or your name." })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include open action items as all-day entries on their due dates (default: yes, except for forum feeds). `?actions=1` or `?actions=0` on the URL overrides it.' })
  @IsOptional()
  includeActionItems?: boolean | null;
}
