/** Webhook settings from the environment; tests pass their own (short) timings. */
import { createHash } from 'node:crypto';

export interface WebhookConfig {
  /** AES-256-GCM key that encrypts the signing secrets at rest (WEBHOOK_ENCRYPTION_KEY). */
  encryptionKey: Buffer;
  /** May subscriptions point at loopback/private/link-local addresses? */
  allowPrivateAddresses: boolean;
  /** How often an idle worker looks for work. */
  pollMs: number;
  /** Timeout of one delivery attempt (connect + answer). */
  timeoutMs: number;
  /** First retry delay; doubles with each failed attempt, up to retryMaxDelayMs. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** Retries stop this long after the first attempt; the delivery fails and the subscription is disabled. */
  retryMaxAgeMs: number;
  /** Deliveries sent at once per process. */
  concurrency: number;
  /** Changes turned into deliveries per subscription and round. */
  batchSize: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** 64 hex characters or base64 of 32 bytes. */
export function parseKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('WEBHOOK_ENCRYPTION_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

/** Outside production, without a configured key: a fixed development key (the secrets are then as good as plain). */
const DEV_KEY = createHash('sha256').update('partnership-record development webhook key (not for production)').digest();

export function loadWebhookConfig(overrides: Partial<WebhookConfig> = {}): WebhookConfig {
  const production = process.env.NODE_ENV === 'production';
  const raw = process.env.WEBHOOK_ENCRYPTION_KEY;
  if (!raw && production && !overrides.encryptionKey) throw new Error('WEBHOOK_ENCRYPTION_KEY must be set in production (32 bytes, hex or base64)');
  const allow = process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
  return {
    encryptionKey: raw ? parseKey(raw) : DEV_KEY,
    allowPrivateAddresses: allow === undefined || allow === '' ? !production : allow === '1' || allow === 'true',
    pollMs: int('WEBHOOK_POLL_MS', 1000),
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000),
    retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 60_000),
    retryMaxDelayMs: int('WEBHOOK_RETRY_MAX_DELAY_MS', 6 * 3600_000),
    retryMaxAgeMs: int('WEBHOOK_RETRY_MAX_AGE_MS', 3 * 24 * 3600_000),
    concurrency: Math.max(1, int('WEBHOOK_CONCURRENCY', 8)),
    batchSize: Math.max(1, int('WEBHOOK_BATCH_SIZE', 500)),
    ...overrides,
  };
}
