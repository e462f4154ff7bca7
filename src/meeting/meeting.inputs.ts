import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { AttendanceStatus, MeetingKind, MeetingStatus } from './meeting.entity';

@InputType()
export class MeetingFilter {
  @Field(() => Date, { nullable: true, description: 'Meetings starting at or after.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Meetings starting before.' }) to?: Date | null;
  @Field(() => [MeetingStatus], { nullable: true }) status?: MeetingStatus[] | null;
  @Field(() => MeetingKind, { nullable: true }) kind?: MeetingKind | null;
  @Field(() => String, {
    nullable: true,
    description: 'Full-text search (Danish) over meeting titles and notes, agenda items, decisions and action items. Supports "quotes", OR and -exclusion.',
  })
  @IsOptional()
  @MaxLength(500)
  search?: string | null;
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID) forumId: string;
  @Field(() => String, { nullable: true, description: 'Defaults to the forum name and date.' }) @IsOptional() @MaxLength(300) title?: string | null;
  @Field() startsAt: Date;
  @Field(() => Date, { nullable: true, description: "Defaults to startsAt plus the forum's meeting length." }) endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: "Defaults to the forum's location." }) @IsOptional() @MaxLength(300) location?: string | null;
  @Field(() => MeetingKind, { nullable: true }) kind?: MeetingKind | null;
}

@InputType()
export class ScheduleMeetingSeriesInput {
  @Field(() => ID) forumId: string;
  @Field() from: Date;
  @Field() to: Date;
}

@InputType()
export class UpdateMeetingInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) title?: string | null;
  @Field(() => Date, { nullable: true }) startsAt?: Date | null;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) location?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100000) minutesNotes?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class AttendanceEntryInput {
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { nullable: true }) personId?: string | null;
  @Field(() => AttendanceStatus) status: AttendanceStatus;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID) meetingId: string;
  @Field(() => [AttendanceEntryInput]) @ArrayMaxSize(500) @ValidateNested({ each: true }) entries: AttendanceEntryInput[];
}
