import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { DeliveryStatus, WebhookEventType } from './webhook.entity';

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field(() => ID) partnershipId: string;
  @Field({ description: 'http(s) URL that receives POSTed events.' }) @MaxLength(2000) url: string;
  @Field(() => [WebhookEventType]) @ArrayMinSize(1) @ArrayMaxSize(50) eventTypes: WebhookEventType[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) description?: string | null;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) url?: string | null;
  @Field(() => [WebhookEventType], { nullable: true }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(50) eventTypes?: WebhookEventType[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version your change is based on; stale → CONFLICT.' }) version?: number | null;
}

@InputType()
export class WebhookDeliveryFilter {
  @Field(() => ID) subscriptionId: string;
  @Field(() => [DeliveryStatus], { nullable: true }) status?: DeliveryStatus[] | null;
}
