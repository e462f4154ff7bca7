import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { ApiScope } from './api-key.entity';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "Sagssystem (ESDH) integration".' })
  @MaxLength(200)
  name: string;

  @Field(() => [ApiScope], { description: 'What the key may do; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  scopes: ApiScope[];

  @Field(() => [ID], { description: 'Partnerships the key acts in; you must administer every one of them.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  partnershipIds: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; must be in the future. Null: no expiry (revoke it when no longer needed).' })
  @IsOptional()
  expiresAt?: Date | null;
}
