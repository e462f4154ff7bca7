import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../common/scalars';

@InputType()
export class CreatePersonInput {
  @Field() @MaxLength(300) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) phone?: string | null;
}

@InputType()
export class UpdatePersonInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) phone?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class AddAffiliationInput {
  @Field(() => ID) personId: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) role?: string | null;
  @Field(() => Boolean, { nullable: true }) isContact?: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Defaults to today.' }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endsOn?: string | null;
}

@InputType()
export class UpdateAffiliationInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) role?: string | null;
  @Field(() => Boolean, { nullable: true }) isContact?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Set to end the affiliation.' }) endsOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class PersonFilter {
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => ID, { nullable: true, description: 'Currently affiliated with this organisation.' }) organisationId?: string | null;
}
