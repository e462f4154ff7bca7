import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { AgendaItemKind, AgendaItemStatus } from './agenda-item.entity';

@InputType()
export class AddAgendaItemInput {
  @Field(() => ID) meetingId: string;
  @Field() @MaxLength(500) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) description?: string | null;
  @Field(() => AgendaItemKind) kind: AgendaItemKind;
  @Field(() => ID, { nullable: true }) presenterPersonId?: string | null;
  @Field(() => ID, { nullable: true }) presenterOrganisationId?: string | null;
  @Field(() => Int, { nullable: true }) plannedMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) confidential?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Insert at this position (1 first); default last.' }) position?: number | null;
  @Field(() => [ID], { nullable: true, description: 'People the item concerns (data subjects), so access requests can show who read it.' }) concernedPersonIds?: string[] | null;
}

@InputType()
export class UpdateAgendaItemInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) description?: string | null;
  @Field(() => AgendaItemKind, { nullable: true }) kind?: AgendaItemKind;
  @Field(() => ID, { nullable: true }) presenterPersonId?: string | null;
  @Field(() => ID, { nullable: true }) presenterOrganisationId?: string | null;
  @Field(() => Int, { nullable: true }) plannedMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) confidential?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100000) outcomeNotes?: string | null;
  @Field(() => AgendaItemStatus, { nullable: true, description: 'PLANNED or DISCUSSED; deferring has its own mutation.' }) status?: AgendaItemStatus | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
  @Field(() => [ID], { nullable: true, description: 'People the item concerns (data subjects), so access requests can show who read it.' }) concernedPersonIds?: string[] | null;
}
