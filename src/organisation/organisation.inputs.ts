import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEmail, IsOptional, MaxLength } from 'class-validator';
import { OrganisationKind } from './organisation.entity';

@InputType()
export class CreateOrganisationInput {
  @Field() @MaxLength(300) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) shortName?: string | null;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) topics?: string[] | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) phone?: string | null;
}

@InputType()
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) shortName?: string | null;
  @Field(() => OrganisationKind, { nullable: true }) kind?: OrganisationKind;
  @Field(() => ID, { nullable: true, description: 'null makes it a top-level organisation.' }) parentId?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) topics?: string[];
  @Field(() => Boolean, { nullable: true }) active?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) phone?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your edit is based on; if someone changed the object since, the edit is refused with CONFLICT.' }) version?: number | null;
}

@InputType()
export class OrganisationFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or short name.' }) search?: string | null;
  @Field(() => OrganisationKind, { nullable: true }) kind?: OrganisationKind | null;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => String, { nullable: true }) topic?: string | null;
}
