/**
 * Managing webhook subscriptions: coordinators and admins of the partnership, or API keys with the
 * scope manage:webhooks. A subscription receives the partnership's changes from the moment it is
 * created; its secrets are shown once and kept encrypted (signing needs them in the clear).
 */
import { Permission } from '../auth/access';
import { Ctx, inTransaction } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, ConnectionResult, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { expectVersion, saveVersioned } from '../common/versioned';
import { optionalText, requireFound } from '../common/validate';
import { Partnership } from '../partnership/partnership.entity';
import { HORIZON_SQL } from '../change-feed/change-feed.service';
import { WebhookConfig, loadWebhookConfig } from './webhook.config';
import { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEventType, WebhookSecret, WebhookStatus, WebhookSubscription } from './webhook.entity';
import { encryptSecret, generateSecret } from './signing';
import { validateWebhookUrl } from './target';

let config: WebhookConfig | null = null;
/** Settings used by the GraphQL side (tests may replace them). */
export function webhookConfig(): WebhookConfig {
  config ??= loadWebhookConfig();
  return config;
}
export function setWebhookConfig(c: WebhookConfig): void {
  config = c;
}

/** A rotated-out secret keeps signing for this long by default, so receivers can switch over. */
const DEFAULT_ROTATION_GRACE_SEC = 24 * 3600;

function eventTypes(types: WebhookEventType[] | null | undefined, field: string): WebhookEventType[] {
  const valid = new Set<string>(Object.values(WebhookEventType));
  const list = [...new Set(types ?? [])];
  if (!list.length) throw new InputError(field, 'must name at least one event type');
  list.forEach((t, i) => {
    if (!valid.has(t)) throw new InputError(`${field}.${i}`, 'is not an event type');
  });
  return list;
}

async function newSecret(ctx: Ctx, subscriptionId: string): Promise<{ secret: WebhookSecret; value: string }> {
  const value = generateSecret();
  const secret = await ctx.manager.save(
    ctx.manager.create(WebhookSecret, {
      subscriptionId,
      prefix: value.slice(0, 10),
      encryptedSecret: encryptSecret(value, webhookConfig().encryptionKey),
      expiresAt: null,
      revokedAt: null,
    }),
  );
  ctx.response.hasSecret = true;
  return { secret, value };
}

async function managed(ctx: Ctx, id: string, field = 'id', lock = true): Promise<WebhookSubscription> {
  const s = await requireFound(ctx.manager, WebhookSubscription, id, field, { lock });
  await ctx.access.require(Permission.MANAGE_WEBHOOKS, s.partnershipId, 'managing webhooks');
  return s;
}

export const webhookService = {
  async create(ctx: Ctx, input: { partnershipId: string; url: string; eventTypes: WebhookEventType[]; description?: string | null }) {
    return inTransaction(ctx, async (tx) => {
      await tx.access.require(Permission.MANAGE_WEBHOOKS, input.partnershipId, 'managing webhooks');
      await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      const url = validateWebhookUrl(input.url, webhookConfig().allowPrivateAddresses);
      // Start at the feed's current horizon: the subscription receives what changes from now on.
      const [{ h }]: { h: string }[] = await tx.manager.query(`SELECT ${HORIZON_SQL}::text AS h`);
      const subscription = await tx.manager.save(
        tx.manager.create(WebhookSubscription, {
          partnershipId: input.partnershipId,
          url,
          description: optionalText('description', input.description, 500) ?? '',
          eventTypes: eventTypes(input.eventTypes, 'eventTypes'),
          status: WebhookStatus.ACTIVE,
          disabledReason: null,
          disabledAt: null,
          cursorXid: h,
          cursorSeq: '0',
          createdById: tx.access.personId,
          createdByApiKeyId: tx.access.apiKeyId,
        }),
      );
      const { value } = await newSecret(tx, subscription.id);
      return { subscription, secret: value };
    });
  },

  async update(ctx: Ctx, id: string, input: { url?: string | null; eventTypes?: WebhookEventType[] | null; description?: string | null; version?: number | null }) {
    return inTransaction(ctx, async (tx) => {
      const s = await managed(tx, id);
      expectVersion(s, input.version);
      if (input.url != null) s.url = validateWebhookUrl(input.url, webhookConfig().allowPrivateAddresses, 'input.url');
      if (input.eventTypes != null) s.eventTypes = eventTypes(input.eventTypes, 'input.eventTypes');
      if (input.description !== undefined) s.description = optionalText('input.description', input.description, 500) ?? '';
      return saveVersioned(tx.manager, s, input.version);
    });
  },

  async setEnabled(ctx: Ctx, id: string, enabled: boolean, reason?: string | null) {
    return inTransaction(ctx, async (tx) => {
      const s = await managed(tx, id);
      if (enabled) {
        if (s.status === WebhookStatus.ACTIVE) throw new ConflictError('The subscription is already active', { status: s.status });
        s.status = WebhookStatus.ACTIVE;
        s.disabledReason = null;
        s.disabledAt = null;
        // Resume: what waited while disabled is tried again now, with a fresh retry period.
        await tx.manager.query(
          `UPDATE webhook_delivery SET next_attempt_at = now(), retrying_since = now() WHERE subscription_id = $1 AND status = 'pending'`,
          [s.id],
        );
      } else {
        if (s.status === WebhookStatus.DISABLED) throw new ConflictError('The subscription is already disabled', { status: s.status });
        s.status = WebhookStatus.DISABLED;
        s.disabledReason = optionalText('reason', reason, 2000) ?? 'Disabled by hand';
        s.disabledAt = tx.now();
      }
      return saveVersioned(tx.manager, s);
    });
  },

  /** Delete a subscription with its secrets and deliveries; returns it as it was. */
  async remove(ctx: Ctx, id: string): Promise<WebhookSubscription> {
    return inTransaction(ctx, async (tx) => {
      const s = await managed(tx, id);
      const removed = await tx.manager.remove(s);
      return Object.assign(removed, { id });
    });
  },

  /** A new secret; the active ones keep signing for `graceSeconds` (0: stop at once). */
  async rotateSecret(ctx: Ctx, id: string, graceSeconds?: number | null) {
    return inTransaction(ctx, async (tx) => {
      const s = await managed(tx, id, 'subscriptionId');
      const grace = graceSeconds ?? DEFAULT_ROTATION_GRACE_SEC;
      if (!Number.isInteger(grace) || grace < 0 || grace > 30 * 24 * 3600) throw new InputError('graceSeconds', 'must be between 0 and 2592000 (30 days)');
      const until = new Date(tx.now().getTime() + grace * 1000);
      const active = await tx.manager.query(
        `SELECT id FROM webhook_secret WHERE subscription_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
        [s.id, until],
      );
      for (const { id: secretId } of active as { id: string }[]) {
        const old = await tx.manager.findOneByOrFail(WebhookSecret, { id: secretId });
        old.expiresAt = until;
        await tx.manager.save(old);
      }
      const { secret, value } = await newSecret(tx, s.id);
      return { secret, value };
    });
  },

  async revokeSecret(ctx: Ctx, secretId: string) {
    return inTransaction(ctx, async (tx) => {
      const secret = await requireFound(tx.manager, WebhookSecret, secretId, 'id', { lock: true });
      await managed(tx, secret.subscriptionId, 'id');
      if (secret.revokedAt) throw new ConflictError('The secret was already revoked');
      const [{ n }]: { n: number }[] = await tx.manager.query(
        `SELECT count(*)::int AS n FROM webhook_secret WHERE subscription_id = $1 AND id <> $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [secret.subscriptionId, secret.id],
      );
      if (!n) throw new ConflictError('This is the last active secret of the subscription; rotate first (rotateWebhookSecret)', { field: 'id' });
      secret.revokedAt = tx.now();
      return tx.manager.save(secret);
    });
  },

  /** Send a delivery again: it becomes pending now, with a fresh retry period. */
  async redeliver(ctx: Ctx, deliveryId: string): Promise<WebhookDelivery> {
    return inTransaction(ctx, async (tx) => {
      const d = await requireFound(tx.manager, WebhookDelivery, deliveryId, 'id', { lock: true });
      await managed(tx, d.subscriptionId, 'id', false);
      // A send in flight keeps its log entry but no longer decides the delivery's state.
      d.status = DeliveryStatus.PENDING;
      d.nextAttemptAt = tx.now();
      d.retryingSince = tx.now();
      d.lockedUntil = null;
      d.claimToken = null;
      d.deliveredAt = null;
      return tx.manager.save(d);
    });
  },

  list(ctx: Ctx, partnershipId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionResult<WebhookSubscription>> {
    const sql = new Sql();
    const where = partnershipId ? [`w.partnership_id = ${sql.id(partnershipId, 'partnershipId')}`] : [];
    return connection(ctx, WebhookSubscription, {
      from: 'webhook_subscription w',
      where,
      sql,
      sort: [
        { expr: 'w.created_at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'w.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  },

  deliveries(ctx: Ctx, filter: { subscriptionId: string; status?: DeliveryStatus[] | null }, args: ConnectionArgs) {
    const sql = new Sql();
    const where = [`d.subscription_id = ${sql.id(filter.subscriptionId, 'filter.subscriptionId')}`];
    if (filter.status?.length) where.push(`d.status = ANY(${sql.p(filter.status, 'webhook_delivery_status[]')})`);
    return connection(ctx, WebhookDelivery, {
      from: 'webhook_delivery d',
      where,
      sql,
      sort: [
        { expr: 'd.created_at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'd.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  },

  async secrets(ctx: Ctx, subscriptionId: string): Promise<WebhookSecret[]> {
    return ctx.manager.find(WebhookSecret, { where: { subscriptionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  },

  async attempts(ctx: Ctx, deliveryId: string): Promise<WebhookAttempt[]> {
    return ctx.manager.find(WebhookAttempt, { where: { deliveryId }, order: { attempt: 'ASC' } });
  },
};
