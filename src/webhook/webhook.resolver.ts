import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { In } from 'typeorm';
import { Ctx } from '../context';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { Partnership } from '../partnership/partnership.entity';
import { WebhookAttempt, WebhookDelivery, WebhookSecret, WebhookSubscription } from './webhook.entity';
import { CreateWebhookSubscriptionInput, UpdateWebhookSubscriptionInput, WebhookDeliveryFilter } from './webhook.inputs';
import { webhookService } from './webhook.service';

@ObjectType({ description: 'A new webhook subscription. Its signing secret is shown only here, once.' })
export class CreatedWebhookSubscription {
  @Field(() => WebhookSubscription)
  subscription: WebhookSubscription;

  @Field({ description: 'The signing secret (HMAC-SHA256 key, the whole string), shown once.' })
  secret: string;
}

@ObjectType({ description: 'A new signing secret, shown only here, once.' })
export class CreatedWebhookSecret {
  @Field(() => WebhookSecret)
  secret: WebhookSecret;

  @Field({ description: 'The secret itself (HMAC-SHA256 key, the whole string).' })
  value: string;
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Query(() => ConnectionType(WebhookSubscription), { description: 'Webhook subscriptions of the partnerships whose webhooks you manage, newest first.' })
  webhookSubscriptions(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('partnershipId', () => ID, { nullable: true }) partnershipId?: string) {
    return webhookService.list(ctx, partnershipId, args);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Query(() => WebhookSubscription, { nullable: true })
  webhookSubscription(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(WebhookSubscription).load(id);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @Query(() => ConnectionType(WebhookDelivery), { description: "A subscription's delivery log, newest first." })
  webhookDeliveries(@GqlCtx() ctx: Ctx, @Arg('filter', () => WebhookDeliveryFilter) filter: WebhookDeliveryFilter, @Args() args: ConnectionArgs) {
    return webhookService.deliveries(ctx, filter, args);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => CreatedWebhookSubscription, { description: "Subscribe a URL to a partnership's changes from now on. Returns the signing secret once." })
  async createWebhookSubscription(@GqlCtx() ctx: Ctx, @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput) {
    const { subscription, secret } = await webhookService.create(ctx, input);
    return Object.assign(new CreatedWebhookSubscription(), { subscription, secret });
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookSubscription)
  updateWebhookSubscription(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput) {
    return webhookService.update(ctx, id, input);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookSubscription, { description: 'Stop sending (events are kept and sent when enabled again).' })
  disableWebhookSubscription(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('reason', () => String, { nullable: true }) reason?: string) {
    return webhookService.setEnabled(ctx, id, false, reason);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookSubscription, { description: 'Resume a disabled subscription: it continues where it stopped; pending deliveries are tried at once.' })
  enableWebhookSubscription(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return webhookService.setEnabled(ctx, id, true);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookSubscription, { description: 'Delete a subscription with its secrets and delivery log. Returns it as it was.' })
  deleteWebhookSubscription(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return webhookService.remove(ctx, id);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => CreatedWebhookSecret, {
    description: 'Add a new signing secret (shown once). The current secrets keep signing for graceSeconds (default 86400), so each delivery carries both signatures meanwhile.',
  })
  async rotateWebhookSecret(
    @GqlCtx() ctx: Ctx,
    @Arg('subscriptionId', () => ID) subscriptionId: string,
    @Arg('graceSeconds', () => Int, { nullable: true }) graceSeconds?: number,
  ) {
    const { secret, value } = await webhookService.rotateSecret(ctx, subscriptionId, graceSeconds);
    return Object.assign(new CreatedWebhookSecret(), { secret, value });
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookSecret, { description: 'Stop signing with a secret at once (not the last active one).' })
  revokeWebhookSecret(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return webhookService.revokeSecret(ctx, id);
  }

  @Authorized(Permission.MANAGE_WEBHOOKS)
  @UseMiddleware(Audited)
  @Mutation(() => WebhookDelivery, { description: 'Send a delivery again now (delivered or failed ones too), with the same event id.' })
  redeliverWebhookDelivery(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return webhookService.redeliver(ctx, id);
  }

  @FieldResolver(() => Partnership, { nullable: true })
  partnership(@Root() s: WebhookSubscription, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(s.partnershipId);
  }

  @FieldResolver(() => [WebhookSecret], { description: 'Its secrets (never their values), oldest first.' })
  secrets(@Root() s: WebhookSubscription, @GqlCtx() ctx: Ctx) {
    return ctx.loaders
      .custom<string, WebhookSecret[]>('webhook.secrets', async (ids) => {
        const rows = await ctx.manager.find(WebhookSecret, { where: { subscriptionId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
        return ids.map((id) => rows.filter((r) => r.subscriptionId === id));
      })
      .load(s.id);
  }
}

@Resolver(() => WebhookSecret)
export class WebhookSecretResolver {
  @FieldResolver(() => Boolean, { description: 'Signs deliveries now (not revoked, not expired).' })
  active(@Root() s: WebhookSecret, @GqlCtx() ctx: Ctx) {
    return !s.revokedAt && (!s.expiresAt || s.expiresAt > ctx.now());
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => String, { description: 'The event id sent in the body and the X-Event-Id header (evt_<n>, as in the change feed).' })
  eventId(@Root() d: WebhookDelivery) {
    return `evt_${d.changeSeq}`;
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first: status code, latency, error.' })
  attemptLog(@Root() d: WebhookDelivery, @GqlCtx() ctx: Ctx) {
    return ctx.loaders
      .custom<string, WebhookAttempt[]>('webhook.attempts', async (ids) => {
        const rows = await ctx.manager.find(WebhookAttempt, { where: { deliveryId: In([...ids]) }, order: { attempt: 'ASC' } });
        return ids.map((id) => rows.filter((r) => r.deliveryId === id));
      })
      .load(d.id);
  }
}
