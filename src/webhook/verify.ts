/**
 * Receiver-side verification of a webhook delivery. Self-contained (only node:crypto): copy this file
 * into a receiving service. Pass the raw request body exactly as received (before JSON parsing).
 *
 *   const ok = verifyWebhookSignature({ body: rawBody, header: req.headers['x-signature'], secrets: [process.env.WEBHOOK_SECRET] });
 *
 * It accepts the delivery when the timestamp is within `toleranceSeconds` of now (rejects replays of
 * old deliveries) and any `v1` signature matches any of your secrets (so rotation needs no downtime).
 * De-duplicate by the body's `id` (the event id): deliveries are at least once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifyOptions {
  body: string | Buffer;
  header: string | string[] | undefined;
  secrets: string[];
  /** Default 300 seconds. */
  toleranceSeconds?: number;
  /** Current time in unix seconds (for tests). */
  now?: number;
}

export function verifyWebhookSignature(opts: VerifyOptions): boolean {
  const header = Array.isArray(opts.header) ? opts.header.join(',') : opts.header;
  if (!header) return false;
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const i = part.indexOf('=');
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  if (t === null || !signatures.length) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
  const signed = Buffer.concat([Buffer.from(`${t}.`, 'utf8'), body]);
  for (const secret of opts.secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(signed).digest();
    for (const s of signatures) if (timingSafeEqual(expected, Buffer.from(s, 'hex'))) return true;
  }
  return false;
}
