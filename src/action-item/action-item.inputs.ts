import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { ActionItemStatus } from './action-item.entity';

@InputType()
export class CreateActionItemInput {
  @Field() @MaxLength(500) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Origin: give exactly one of decisionId, agendaItemId, meetingId.' }) decisionId?: string | null;
  @Field(() => ID, { nullable: true }) agendaItemId?: string | null;
  @Field(() => ID, { nullable: true }) meetingId?: string | null;
  @Field(() => ID) assigneeOrganisationId: string;
  @Field(() => ID, { nullable: true, description: 'Must be affiliated with the assignee organisation.' }) assigneePersonId?: string | null;
  @Field(() => LocalDateScalar) dueDate: string;
}

@InputType()
export class ActionItemFilter {
  @Field(() => ID, { nullable: true }) assigneeOrganisationId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With assigneeOrganisationId: also its sub-organisations.' }) includeSubOrganisations?: boolean | null;
  @Field(() => ID, { nullable: true }) assigneePersonId?: string | null;
  @Field(() => [ActionItemStatus], { nullable: true }) status?: ActionItemStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Still owed and past its due date.' }) overdue?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true }) dueFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) dueTo?: string | null;
  @Field(() => ID, { nullable: true }) forumId?: string | null;
  @Field(() => ID, { nullable: true }) partnershipId?: string | null;
}
