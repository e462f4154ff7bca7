import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { IncidentKind, IncidentStatus } from './incident.entity';

@InputType()
export class RegisterIncidentInput {
  @Field(() => ID) partnershipId: string;
  @Field(() => IncidentKind) kind: IncidentKind;
  @Field({ description: 'When it happened (not in the future).' }) occurredAt: Date;
  @Field({ description: 'Area or place, e.g. "Ruten, Tingbjerg" — never an address that identifies a resident.' }) @MaxLength(200) area: string;
  @Field({ description: 'Non-identifying summary: what happened, not who. CPR numbers are refused.' }) @MaxLength(5000) summary: string;
}

@InputType()
export class ConveneIncidentMeetingInput {
  @Field(() => ID) incidentId: string;
  @Field(() => ID, { description: 'The forum that meets (of the same partnership), e.g. the acute group.' }) forumId: string;
  @Field(() => Date, { nullable: true, description: 'Within 72 hours; default two hours from now (next quarter hour).' }) startsAt?: Date | null;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) location?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The key actors chosen (e.g. from proposedActors); recorded as involved and listed on the agenda.' })
  @IsOptional()
  @ArrayMaxSize(100)
  organisationIds?: string[] | null;
}

@InputType()
export class IncidentActionInput {
  @Field() @MaxLength(500) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) description?: string | null;
  @Field(() => ID) assigneeOrganisationId: string;
  @Field(() => ID, { nullable: true }) assigneePersonId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Default tomorrow; at most 14 days ahead.' }) dueDate?: string | null;
}

@InputType()
export class AssignIncidentActionsInput {
  @Field(() => ID) incidentId: string;
  @Field(() => ID, { nullable: true, description: "One of the incident's meetings; default its latest." }) meetingId?: string | null;
  @Field(() => [IncidentActionInput]) @ArrayMaxSize(50) @ValidateNested({ each: true }) actions: IncidentActionInput[];
}

@InputType()
export class IncidentFilter {
  @Field(() => ID, { nullable: true }) partnershipId?: string | null;
  @Field(() => [IncidentStatus], { nullable: true }) status?: IncidentStatus[] | null;
  @Field(() => IncidentKind, { nullable: true }) kind?: IncidentKind | null;
}
