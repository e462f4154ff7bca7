import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';
import { PartnershipRole } from './partnership.entity';

@InputType()
export class CreatePartnershipInput {
  @Field() @MaxLength(300) name: string;
  @Field() @MaxLength(300) area: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) purpose?: string | null;
}

@InputType()
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) area?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20000) purpose?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Publish (true) or withdraw (false) the partnership in the public OParl export; administrators only.' }) oparlPublic?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class AddPartnershipMemberInput {
  @Field(() => ID) partnershipId: string;
  @Field(() => ID) organisationId: string;
  @Field(() => PartnershipRole) role: PartnershipRole;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endsOn?: string | null;
}

@InputType()
export class UpdatePartnershipMemberInput {
  @Field(() => PartnershipRole, { nullable: true }) role?: PartnershipRole | null;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Set to end the membership.' }) endsOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}
