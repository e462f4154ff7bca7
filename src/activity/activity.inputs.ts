import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { ActivityStatus, ParticipantRole } from './activity.entity';

@InputType()
export class ParticipantInput {
  @Field(() => ID) organisationId: string;
  @Field(() => ParticipantRole) role: ParticipantRole;
}

@InputType()
export class CreateActivityInput {
  @Field(() => ID) partnershipId: string;
  @Field() @MaxLength(300) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) description?: string | null;
  @Field(() => ID) leadOrganisationId: string;
  @Field(() => [ParticipantInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) participants?: ParticipantInput[] | null;
  @Field() @MaxLength(200) targetGroup: string;
  @Field() @MaxLength(200) area: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) @MaxLength(100, { each: true }) topics?: string[] | null;
  @Field(() => LocalDateScalar) startsOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => ActivityStatus, { nullable: true, description: 'Default: ACTIVE when it has started, else PLANNED. End an activity with endActivity.' }) status?: ActivityStatus | null;
  @Field(() => ID, { nullable: true, description: 'The forum it reports to (of the same partnership).' }) forumId?: string | null;
}

@InputType()
export class UpdateActivityInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) description?: string | null;
  @Field(() => ID, { nullable: true }) leadOrganisationId?: string | null;
  @Field(() => [ParticipantInput], { nullable: true, description: 'Replaces the participants.' }) @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) participants?: ParticipantInput[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) targetGroup?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) area?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) @MaxLength(100, { each: true }) topics?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => ActivityStatus, { nullable: true, description: 'PLANNED, ACTIVE or PAUSED; ending has its own mutation.' }) status?: ActivityStatus | null;
  @Field(() => ID, { nullable: true }) forumId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; stale → CONFLICT.' }) version?: number | null;
}

@InputType()
export class ActivityFilter {
  @Field(() => ID, { nullable: true }) partnershipId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Led by or taking part.' }) organisationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Reporting to this forum.' }) forumId?: string | null;
  @Field(() => [ActivityStatus], { nullable: true }) status?: ActivityStatus[] | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Running on this day (its period includes it).' }) runningOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive, exact.' }) @IsOptional() @MaxLength(200) area?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive, exact.' }) @IsOptional() @MaxLength(200) targetGroup?: string | null;
  @Field(() => String, { nullable: true, description: 'Words in the name, description or topics.' }) @IsOptional() @MaxLength(200) search?: string | null;
}
