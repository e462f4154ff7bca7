/**
 * Where deliveries may go, and sending one. URLs must be http(s) without credentials. Unless private
 * addresses are allowed (the default outside production), loopback, private, link-local and other
 * non-public addresses are refused when the subscription is saved (literal addresses, localhost) and
 * again at every send, on the address DNS actually returned (so a name cannot be re-pointed inside).
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { InputError } from '../common/errors';

const blocked = new net.BlockList();
for (const [a, p] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(a, p, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = net.isIP(address);
  if (!family) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Check a subscription URL; returns it normalised. */
export function validateWebhookUrl(raw: string, allowPrivate: boolean, field = 'url'): string {
  let url: URL;
  try {
    url = new URL((raw ?? '').trim());
  } catch {
    throw new InputError(field, 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(field, 'must be an http or https URL');
  if (url.username || url.password) throw new InputError(field, 'must not contain credentials; authenticate deliveries by their signature');
  if (url.href.length > 2000) throw new InputError(field, 'must be at most 2000 characters');
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) && isPrivateAddress(host))) {
      throw new InputError(field, 'must not point at a private, loopback or link-local address');
    }
  }
  return url.href;
}

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** POST the body; never follows redirects; the whole exchange is bounded by timeoutMs. */
export function post(urlText: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<SendResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let done = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ statusCode, error, latencyMs: elapsed() });
    };
    const url = new URL(urlText);
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const list = addresses as dns.LookupAddress[];
        if (!opts.allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
          return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 4);
        }
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        callback(null, list[0].address, list[0].family);
      });
    };
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && net.isIP(literal) && isPrivateAddress(literal)) return finish(null, `${literal} is a private address`);
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, agent: false },
      (res) => {
        // Read (and drop) the answer so the connection ends cleanly; only the status matters.
        res.on('data', () => undefined);
        res.on('end', () => finish(res.statusCode ?? null, null));
        res.on('error', (e) => finish(res.statusCode ?? null, e.message));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `timeout after ${opts.timeoutMs} ms`);
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish(null, e.code ? `${e.code}: ${e.message}` : e.message));
    req.end(body);
  });
}
