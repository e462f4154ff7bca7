import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { DecisionStatus } from './decision.entity';

@InputType()
export class RecordDecisionInput {
  @Field(() => ID) agendaItemId: string;
  @Field() @MaxLength(20000) text: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to the meeting start.' }) decidedAt?: Date | null;
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(100) responsibleOrganisationIds?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) reviewDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) caseNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) kleNumber?: string | null;
}

@InputType()
export class DecisionFilter {
  @Field(() => ID, { nullable: true }) partnershipId?: string | null;
  @Field(() => ID, { nullable: true }) forumId?: string | null;
  @Field(() => [DecisionStatus], { nullable: true }) status?: DecisionStatus[] | null;
  @Field(() => Date, { nullable: true }) decidedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive.' }) decidedTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'Exact case number in the case/document system.' }) caseNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'A KLE subject "27.24.00" (exact), or a group "27.24" / main group "27" (every subject under it).' })
  kleNumber?: string | null;
  @Field(() => ID, { nullable: true }) responsibleOrganisationId?: string | null;
}
