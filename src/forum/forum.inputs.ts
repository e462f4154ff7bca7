import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { ForumLevel, ForumRole } from './forum.entity';

@InputType()
export class CreateForumInput {
  @Field(() => ID) partnershipId: string;
  @Field() @MaxLength(300) name: string;
  @Field(() => ForumLevel) level: ForumLevel;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) mandate?: string | null;
  @Field(() => String, { nullable: true, description: 'RFC 5545: "DTSTART;TZID=Europe/Copenhagen:20260112T140000\\nRRULE:FREQ=MONTHLY;BYDAY=2MO".' })
  @IsOptional()
  @MaxLength(2000)
  recurrence?: string | null;
  @Field(() => Int, { nullable: true }) meetingDurationMinutes?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) defaultLocation?: string | null;
}

@InputType()
export class UpdateForumInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) name?: string;
  @Field(() => ForumLevel, { nullable: true }) level?: ForumLevel;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) mandate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) recurrence?: string | null;
  @Field(() => Int, { nullable: true }) meetingDurationMinutes?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) defaultLocation?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class AddForumMemberInput {
  @Field(() => ID) forumId: string;
  @Field(() => ID) personId: string;
  @Field(() => ID, { description: 'The organisation the person sits for; they must be affiliated with it.' }) organisationId: string;
  @Field(() => ForumRole) role: ForumRole;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) legalBasis?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endsOn?: string | null;
}

@InputType()
export class UpdateForumMemberInput {
  @Field(() => ForumRole, { nullable: true }) role?: ForumRole | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) legalBasis?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Set to end the membership.' }) endsOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}
