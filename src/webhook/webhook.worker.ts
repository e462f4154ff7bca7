/**
 * The webhook worker (one per server process; any number may run on one database).
 *
 * 1. Fan-out: each active subscription (locked FOR UPDATE SKIP LOCKED, so one process handles it at a
 *    time) reads the change feed after its cursor — below the visibility horizon, so nothing is
 *    skipped — and inserts one delivery per matching event (unique per subscription and event), then
 *    moves its cursor, in one transaction.
 * 2. Send: due deliveries are claimed with one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
 *    that sets a lease (locked_until, claim token): no two processes send the same delivery at once.
 *    The result (attempt log row, next retry or done, subscription health) is written under the
 *    claim token. A process that dies mid-send leaves the lease to expire; another one retries
 *    (at least once).
 * Retries back off exponentially (base·2^(n-1), capped) for up to retryMaxAgeMs; then the delivery
 * fails and the subscription is disabled with the reason.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BackgroundWorker } from '../common/background';
import { ChangeRow, HORIZON_SQL, currentlyConfidential, eventType } from '../change-feed/change-feed.service';
import { toChange } from '../change-feed/change-feed.resolver';
import { WebhookConfig, loadWebhookConfig } from './webhook.config';
import { decryptSecret, signatureHeader } from './signing';
import { post, SendResult } from './target';

interface Claimed {
  id: string;
  subscription_id: string;
  change_seq: string;
  event_type: string;
  attempts: number;
  retrying_since: Date;
  url: string;
}

/** The JSON body of an event (confidential text is always redacted: receivers have no legal basis). */
export function eventBody(row: ChangeRow): string {
  const c = toChange(row, false);
  return JSON.stringify({
    id: c.id,
    type: eventType(row),
    occurredAt: c.occurredAt.toISOString(),
    partnershipId: c.partnershipId,
    forumId: c.forumId,
    object: { type: c.type, id: c.objectId, version: c.objectVersion },
    changedFields: c.changedFields,
    confidential: c.confidential,
    redacted: c.redacted,
    data: c.data,
  });
}

function humanDuration(ms: number): string {
  if (ms >= 2 * 86400_000) return `${Math.round(ms / 86400_000)} days`;
  if (ms >= 2 * 3600_000) return `${Math.round(ms / 3600_000)} hours`;
  if (ms >= 2 * 60_000) return `${Math.round(ms / 60_000)} minutes`;
  if (ms >= 2000) return `${Math.round(ms / 1000)} s`;
  return `${ms} ms`;
}

export class WebhookWorker implements BackgroundWorker {
  name = 'webhooks';
  readonly config: WebhookConfig;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private ds: DataSource,
    config?: Partial<WebhookConfig>,
    private log: (m: string, e?: unknown) => void = (m, e) => console.error(`[webhooks] ${m}`, e ?? ''),
  ) {
    this.config = loadWebhookConfig(config);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = (await this.tick()) > 0;
      } catch (e) {
        this.log('round failed', e);
      }
      if (!busy && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.config.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  /** One round: fan out new events, then send what is due. Returns how much work was done. */
  async tick(): Promise<number> {
    const created = await this.fanOut();
    const sent = await this.sendDue();
    return created + sent;
  }

  async fanOut(): Promise<number> {
    return this.ds.transaction(async (m) => {
      // The furthest behind first, so no subscription waits behind others.
      const subs: { id: string; partnership_id: string; event_types: string[]; cursor_xid: string; cursor_seq: string }[] = await m.query(
        `SELECT id, partnership_id, event_types, cursor_xid::text, cursor_seq::text FROM webhook_subscription
          WHERE status = 'active' ORDER BY cursor_xid, cursor_seq LIMIT 50 FOR UPDATE SKIP LOCKED`,
      );
      if (!subs.length) return 0;
      // One horizon for the round: every change below it has committed (or never will).
      const [{ h }]: { h: string }[] = await m.query(`SELECT ${HORIZON_SQL}::text AS h`);
      let created = 0;
      for (const s of subs) {
        const rows: { xid: string; seq: string; entity: string; op: string }[] = await m.query(
          `SELECT xid::text, seq::text, entity, op FROM change_event c
            WHERE c.partnership_id = $1 AND c.xid < $4::bigint AND (c.xid, c.seq) > ($2::bigint, $3::bigint)
            ORDER BY c.xid, c.seq LIMIT ${this.config.batchSize}`,
          [s.partnership_id, s.cursor_xid, s.cursor_seq, h],
        );
        if (rows.length < this.config.batchSize) {
          // Everything below the horizon has been seen: move up to it (a quiet partnership's cursor keeps pace).
          if (BigInt(h) > BigInt(s.cursor_xid)) rows.push({ xid: h, seq: '0', entity: '', op: '' });
        }
        if (!rows.length) continue;
        const wanted = new Set(s.event_types);
        const matching = rows.filter((r) => r.entity).filter((r) => wanted.has(eventType(r as Pick<ChangeRow, 'entity' | 'op'>)));
        if (matching.length) {
          await m.query(
            `INSERT INTO webhook_delivery (subscription_id, change_seq, event_type)
             SELECT $1, x.seq, x.t FROM unnest($2::bigint[], $3::text[]) AS x(seq, t) ORDER BY x.seq
             ON CONFLICT (subscription_id, change_seq) DO NOTHING`,
            [s.id, matching.map((r) => r.seq), matching.map((r) => eventType(r as Pick<ChangeRow, 'entity' | 'op'>))],
          );
          created += matching.length;
        }
        const last = rows[rows.length - 1];
        await m.query('UPDATE webhook_subscription SET cursor_xid = $2, cursor_seq = $3 WHERE id = $1', [s.id, last.xid, last.seq]);
      }
      return created;
    });
  }

  async sendDue(): Promise<number> {
    const token = randomUUID();
    const leaseMs = this.config.timeoutMs * 2 + 10_000;
    const claimed: Claimed[] = await this.ds.query(
      // (Wrapped in WITH … SELECT so the driver returns the rows as for a query.)
      `WITH claimed AS (UPDATE webhook_delivery d SET locked_until = now() + make_interval(secs => $2::double precision / 1000), claim_token = $1, attempts = d.attempts + 1
         FROM webhook_subscription s
        WHERE s.id = d.subscription_id AND d.id IN (
              SELECT d2.id FROM webhook_delivery d2 JOIN webhook_subscription s2 ON s2.id = d2.subscription_id AND s2.status = 'active'
               WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND (d2.locked_until IS NULL OR d2.locked_until < now())
               ORDER BY d2.next_attempt_at, d2.change_seq LIMIT $3 FOR UPDATE OF d2 SKIP LOCKED)
        RETURNING d.id, d.subscription_id, d.change_seq::text AS change_seq, d.event_type, d.attempts, d.retrying_since, s.url)
       SELECT * FROM claimed`,
      [token, leaseMs, this.config.concurrency],
    );
    if (!claimed.length) return 0;
    const seqs = [...new Set(claimed.map((c) => c.change_seq))];
    const changes: ChangeRow[] = await this.ds.query(
      `SELECT seq::text, xid::text, occurred_at, entity, entity_id::text, op, version, partnership_id::text, forum_id::text, confidential, changed_fields, data
         FROM change_event WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
    // An object marked confidential since is sent redacted, also in retries and redeliveries.
    const nowConfidential = await currentlyConfidential(this.ds.manager, changes);
    for (const c of changes) if (nowConfidential.has(c.entity_id)) c.confidential = true;
    const bySeq = new Map(changes.map((c) => [c.seq, c]));
    const secrets = await this.activeSecrets([...new Set(claimed.map((c) => c.subscription_id))]);
    await Promise.all(
      claimed.map(async (d) => {
        const change = bySeq.get(d.change_seq);
        let result: SendResult;
        if (!change) result = { statusCode: null, error: 'the event no longer exists', latencyMs: 0 };
        else if (!secrets.get(d.subscription_id)?.length) result = { statusCode: null, error: 'the subscription has no active secret', latencyMs: 0 };
        else {
          const body = eventBody(change);
          result = await post(
            d.url,
            body,
            {
              'content-type': 'application/json; charset=utf-8',
              'user-agent': 'partnership-record-webhooks/1',
              'x-event-id': `evt_${d.change_seq}`,
              'x-event-type': d.event_type,
              'x-delivery-id': d.id,
              'x-delivery-attempt': String(d.attempts),
              'x-signature': signatureHeader(body, secrets.get(d.subscription_id)!, Math.floor(Date.now() / 1000)),
            },
            { timeoutMs: this.config.timeoutMs, allowPrivate: this.config.allowPrivateAddresses },
          );
        }
        try {
          await this.record(d, token, result);
        } catch (e) {
          this.log(`recording delivery ${d.id} failed`, e);
        }
      }),
    );
    return claimed.length;
  }

  private async activeSecrets(subscriptionIds: string[]): Promise<Map<string, string[]>> {
    const rows: { subscription_id: string; encrypted_secret: string }[] = await this.ds.query(
      `SELECT subscription_id::text, encrypted_secret FROM webhook_secret
        WHERE subscription_id = ANY($1::uuid[]) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at DESC`,
      [subscriptionIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      try {
        out.set(r.subscription_id, [...(out.get(r.subscription_id) ?? []), decryptSecret(r.encrypted_secret, this.config.encryptionKey)]);
      } catch (e) {
        this.log(`a secret of subscription ${r.subscription_id} cannot be decrypted (WEBHOOK_ENCRYPTION_KEY changed?)`, e);
      }
    }
    return out;
  }

  /** Next retry delay after `attempts` failed attempts: base·2^(attempts-1), capped, ±10 % jitter. */
  retryDelay(attempts: number): number {
    const raw = Math.min(this.config.retryBaseMs * 2 ** Math.min(attempts - 1, 40), this.config.retryMaxDelayMs);
    return Math.round(raw * (0.9 + Math.random() * 0.2));
  }

  private async record(d: Claimed, token: string, r: SendResult): Promise<void> {
    const success = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
    const error = success ? null : (r.error ?? `HTTP ${r.statusCode}`);
    await this.ds.transaction(async (m) => {
      const [now]: { now: Date }[] = await m.query('SELECT now() AS now');
      const owned: { id: string }[] = await m.query(
        'SELECT id FROM webhook_delivery WHERE id = $1 AND claim_token = $2 FOR UPDATE',
        [d.id, token],
      );
      await m.query(
        `INSERT INTO webhook_attempt (delivery_id, attempt, at, status_code, latency_ms, error, success) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [d.id, d.attempts, now.now, r.statusCode, r.latencyMs, error, success],
      );
      // A manual redelivery or a lease takeover replaced our claim: the log keeps the attempt, the state is theirs.
      if (!owned.length) return;
      if (success) {
        await m.query(
          `UPDATE webhook_delivery SET status = 'delivered', delivered_at = $2, locked_until = NULL, claim_token = NULL, last_status_code = $3, last_error = NULL WHERE id = $1`,
          [d.id, now.now, r.statusCode],
        );
        await m.query('UPDATE webhook_subscription SET last_success_at = $2 WHERE id = $1', [d.subscription_id, now.now]);
        return;
      }
      const age = now.now.getTime() - new Date(d.retrying_since).getTime();
      await m.query('UPDATE webhook_subscription SET last_failure_at = $2 WHERE id = $1', [d.subscription_id, now.now]);
      if (age >= this.config.retryMaxAgeMs) {
        await m.query(
          `UPDATE webhook_delivery SET status = 'failed', locked_until = NULL, claim_token = NULL, last_status_code = $2, last_error = $3 WHERE id = $1`,
          [d.id, r.statusCode, error],
        );
        const reason = `Disabled automatically: event evt_${d.change_seq} could not be delivered in ${d.attempts} attempts over ${humanDuration(age)}; last attempt: ${error}`;
        await m.query(
          `UPDATE webhook_subscription SET status = 'disabled', disabled_reason = $2, disabled_at = $3 WHERE id = $1 AND status = 'active'`,
          [d.subscription_id, reason, now.now],
        );
        this.log(`subscription ${d.subscription_id}: ${reason}`);
        return;
      }
      const deadline = new Date(d.retrying_since).getTime() + this.config.retryMaxAgeMs;
      const next = new Date(Math.min(now.now.getTime() + this.retryDelay(d.attempts), deadline));
      await m.query(
        `UPDATE webhook_delivery SET next_attempt_at = $2, locked_until = NULL, claim_token = NULL, last_status_code = $3, last_error = $4 WHERE id = $1`,
        [d.id, next, r.statusCode, error],
      );
    });
  }
}
