/**
 * Authentication: who is asking, from the request headers. Three kinds of credential:
 * - OIDC bearer tokens (JWT) from the identity provider, verified against its JWKS; the token's
 *   subject claim is matched to `person.subject`;
 * - API keys for integrations (`prk_<8 hex>_<secret>`), as `Authorization: Bearer prk_…` or
 *   `X-Api-Key: prk_…`, stored only as a SHA-256 hash;
 * - development tokens (JWTs signed by a local key, see dev-token.ts), never in production.
 *
 * No credentials → ANONYMOUS (authorization decides what anonymous may do). Any credential that is
 * present but not valid → UnauthenticatedError saying why; a bad credential never falls back to
 * anonymous.
 */
import type http from 'node:http';
import path from 'node:path';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { projectRoot } from '../config';
import { ApiScope } from '../api-key/api-key.entity';
import { ForbiddenError, UnauthenticatedError } from './access';
import { ANONYMOUS, Principal } from './principal';
import { DEV_ISSUER, DEV_TOKEN_TTL_SEC, DevKey, assertNotProduction, jose, loadDevKey, signDevToken, verifyDevToken } from './dev-token';

export interface AuthConfig {
  /** JWKS of the identity provider; OIDC tokens are refused when unset. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Accepted signature algorithms (asymmetric only). */
  algorithms: string[];
  clockToleranceSec: number;
  /** The claim holding the stable subject matched to `person.subject`. */
  subjectClaim: string;
  devTokens: boolean;
  devKeyFile: string;
  production: boolean;
}

/** Signature algorithms that may be allowed: asymmetric ones only (no `none`, no HMAC with a public key). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const DEFAULT_ALGORITHMS = ['RS256', 'ES256', 'PS256'];

/** API keys: `prk_` + 8 hex (the stored prefix) + `_` + at least 32 random bytes in base64url. */
export const API_KEY_PATTERN = /^(prk_[0-9a-f]{8})_([A-Za-z0-9_-]{43,200})$/;
/** last_used_at is written at most this often per key. */
const LAST_USED_INTERVAL_MS = 60_000;
const MAX_TOKEN_LENGTH = 8192;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verified API keys are remembered for this long: an integration sends the same key with every
 * request, and its lookup would otherwise be one more SQL statement per request. A revocation or an
 * edit of the key takes effect at once in the process that made it (forgetVerifiedApiKeys) and within
 * this time in other processes.
 */
export const API_KEY_CACHE_MS = 5_000;
let apiKeyEpoch = 0;

/** Drop every remembered API key verification in this process (after a key is revoked or changed). */
export function forgetVerifiedApiKeys(): void {
  apiKeyEpoch++;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** Refuse configurations that would weaken verification; throws with the variable to fix. */
export function checkAuthConfig(cfg: AuthConfig): void {
  if (!cfg.algorithms.length) throw new Error('OIDC_ALGORITHMS must name at least one algorithm');
  for (const alg of cfg.algorithms) {
    if (!ASYMMETRIC_ALGORITHMS.includes(alg)) {
      throw new Error(`OIDC_ALGORITHMS: "${alg}" is not accepted; use asymmetric algorithms (${ASYMMETRIC_ALGORITHMS.join(', ')})`);
    }
  }
  if (!Number.isFinite(cfg.clockToleranceSec) || cfg.clockToleranceSec < 0 || cfg.clockToleranceSec > 300) {
    throw new Error('OIDC_CLOCK_TOLERANCE_SEC must be between 0 and 300 seconds');
  }
  if (!cfg.subjectClaim) throw new Error('OIDC_SUBJECT_CLAIM must not be empty');
  const oidc = { OIDC_JWKS_URL: cfg.jwksUrl, OIDC_ISSUER: cfg.issuer, OIDC_AUDIENCE: cfg.audience };
  const set = Object.entries(oidc).filter(([, v]) => v);
  if (set.length && set.length < 3) {
    const missing = Object.entries(oidc).filter(([, v]) => !v).map(([k]) => k);
    throw new Error(`OIDC configuration is incomplete: set ${missing.join(' and ')} as well (issuer and audience are always checked)`);
  }
  if (cfg.jwksUrl) {
    let url: URL;
    try {
      url = new URL(cfg.jwksUrl);
    } catch {
      throw new Error(`OIDC_JWKS_URL is not a URL: "${cfg.jwksUrl}"`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (!cfg.production || isLoopback(url.hostname)))) {
      throw new Error('OIDC_JWKS_URL must use https (plain http only for a loopback address, or outside production)');
    }
  }
  if (cfg.issuer === DEV_ISSUER) throw new Error(`OIDC_ISSUER must not be "${DEV_ISSUER}" (reserved for development tokens)`);
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const algorithms = (env.OIDC_ALGORITHMS || DEFAULT_ALGORITHMS.join(','))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const tol = env.OIDC_CLOCK_TOLERANCE_SEC;
  const clockToleranceSec = tol === undefined || tol === '' ? 30 : Number(tol);
  if (!Number.isInteger(clockToleranceSec)) throw new Error(`OIDC_CLOCK_TOLERANCE_SEC must be a whole number of seconds, got "${tol}"`);
  const dev = (env.DEV_TOKENS ?? '').trim().toLowerCase();
  if (!['', '1', '0', 'true', 'false'].includes(dev)) throw new Error(`DEV_TOKENS must be 1 or 0, got "${env.DEV_TOKENS}"`);
  const cfg: AuthConfig = {
    jwksUrl: env.OIDC_JWKS_URL || undefined,
    issuer: env.OIDC_ISSUER || undefined,
    audience: env.OIDC_AUDIENCE || undefined,
    algorithms,
    clockToleranceSec,
    subjectClaim: (env.OIDC_SUBJECT_CLAIM || 'sub').trim(),
    // On by default outside production; never in production, whatever DEV_TOKENS says.
    devTokens: !production && (dev === '' || dev === '1' || dev === 'true'),
    devKeyFile: path.resolve(projectRoot, env.DEV_KEY_FILE || '.data/dev-signing-key.json'),
    production,
  };
  checkAuthConfig(cfg);
  return cfg;
}

/** A jose error's code, or null for anything else (network failures, bugs). */
function joseCode(e: unknown): string | null {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^ERR_J(OSE|WT|WS|WK|WE)/.test(code) ? code : null;
}

/** Why a token was refused, in words a client developer can act on. */
function tokenError(e: unknown, what: string): Error {
  const code = joseCode(e);
  const { claim, reason } = e as { claim?: string; reason?: string };
  const message = (e as Error)?.message ?? '';
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new UnauthenticatedError(`${what} has expired`);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return new UnauthenticatedError(`${what} lacks the required "${claim}" claim`);
      if (reason === 'invalid') return new UnauthenticatedError(`${what} has an invalid "${claim}" claim`);
      if (claim === 'iss') return new UnauthenticatedError(`${what} was issued by an issuer (iss) that is not accepted`);
      if (claim === 'aud') return new UnauthenticatedError(`${what} is not meant for this API (aud)`);
      if (claim === 'nbf') return new UnauthenticatedError(`${what} is not valid yet (nbf)`);
      if (claim === 'iat') return new UnauthenticatedError(`${what} was issued in the future (iat)`);
      return new UnauthenticatedError(`${what} has an invalid "${claim}" claim`);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new UnauthenticatedError(`${what} uses a signature algorithm that is not accepted`);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new UnauthenticatedError(`${what} signature is not valid (not signed by a trusted key)`);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JWK_INVALID':
      return new UnauthenticatedError(`${what} is malformed`);
    default:
      // JWKS unreachable, timed out or invalid: the server's problem, not the client's; logged as a 500.
      return new Error(`Could not verify ${what.toLowerCase()}: ${message || String(e)}`, { cause: e });
  }
}

function headerValue(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (Array.isArray(v)) {
    if (v.length > 1) throw new UnauthenticatedError(`Send the ${name} header once`);
    return v[0];
  }
  return v;
}

/** The `exp` claim of a token that has just been verified. */
function decodeExp(token: string): number | null {
  try {
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

export interface AuthenticatorOptions {
  /** Where failures that are not the client's fault (e.g. recording last use) are reported. */
  log?: (msg: string, extra?: unknown) => void;
}

export class Authenticator {
  private readonly cfg: AuthConfig;
  private jwks: JWTVerifyGetKey | null = null;
  private devKey: Promise<DevKey> | null = null;
  /** When this process last recorded use of each key (on top of the check in SQL). */
  private lastUseWritten = new Map<string, number>();
  private log: (msg: string, extra?: unknown) => void;

  constructor(
    private dataSource: DataSource,
    cfg: AuthConfig,
    opts: AuthenticatorOptions = {},
  ) {
    const production = cfg.production || process.env.NODE_ENV === 'production';
    this.cfg = { ...cfg, algorithms: [...cfg.algorithms], production, devTokens: cfg.devTokens && !production };
    checkAuthConfig(this.cfg);
    this.log = opts.log ?? ((m, e) => console.error(m, e ?? ''));
  }

  /** Principal from headers: ANONYMOUS without credentials; UnauthenticatedError for any bad credential. */
  async authenticate(headers: http.IncomingHttpHeaders): Promise<Principal> {
    const authorization = headerValue(headers, 'authorization')?.trim();
    const apiKey = headerValue(headers, 'x-api-key')?.trim();
    if (authorization && apiKey) throw new UnauthenticatedError('Send one credential: either Authorization or X-Api-Key, not both');
    if (apiKey) return this.apiKey(apiKey);
    if (!authorization) return ANONYMOUS;
    const m = /^Bearer +(\S+)$/i.exec(authorization);
    if (!m) {
      throw new UnauthenticatedError(
        /^bearer\b/i.test(authorization) ? 'Malformed Authorization header: expected "Bearer <token>"' : 'Unsupported authorization scheme: use "Authorization: Bearer <token>"',
      );
    }
    const token = m[1];
    if (token.startsWith('prk_')) return this.apiKey(token);
    return this.jwt(token);
  }

  /** A development token for a person (refused in production and when dev tokens are off). */
  async issueDevToken(personId: string, ttlSec: number = DEV_TOKEN_TTL_SEC): Promise<string> {
    assertNotProduction(this.cfg.production);
    if (!this.cfg.devTokens) throw new ForbiddenError('Development tokens are switched off (DEV_TOKENS=0)');
    if (!Number.isInteger(ttlSec) || ttlSec < 1 || ttlSec > DEV_TOKEN_TTL_SEC) {
      throw new Error(`Development token lifetime must be 1 to ${DEV_TOKEN_TTL_SEC} seconds, got ${ttlSec}`);
    }
    if (!UUID.test(personId) || !(await this.personById(personId))) throw new Error(`No person ${personId} to issue a development token for`);
    return signDevToken(await this.loadDevKey(true), personId.toLowerCase(), ttlSec);
  }

  // ------------------------------------------------------------------ JWTs

  /**
   * Tokens already verified, until their expiry and for at most 30 s: a front end sends the same token
   * with every request, and verifying a signature and looking up the person each time is most of
   * the fixed cost of a request. An erased person's token stops working within 30 s.
   */
  private verified = new Map<string, { principal: Principal; until: number }>();

  private async jwt(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    if (hit) this.verified.delete(token);
    const principal = await this.verifyJwt(token);
    const exp = decodeExp(token);
    if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, until: Math.min(Date.now() + 30_000, exp ? exp * 1000 : 0) });
    return principal;
  }

  private async verifyJwt(token: string): Promise<Principal> {
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('Bearer token is too long');
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
      throw new UnauthenticatedError('Malformed bearer token: neither a JWT nor an API key (prk_…)');
    }
    const { decodeProtectedHeader, decodeJwt } = await jose();
    let alg: unknown;
    let claims: JWTPayload;
    try {
      alg = decodeProtectedHeader(token).alg;
      claims = decodeJwt(token);
    } catch {
      throw new UnauthenticatedError('Malformed bearer token: its header or payload is not base64url JSON');
    }
    if (typeof alg !== 'string') throw new UnauthenticatedError('Malformed bearer token: its header names no signature algorithm (alg)');
    if (alg.toLowerCase() === 'none') throw new UnauthenticatedError('Unsigned tokens (alg "none") are not accepted');
    // The unverified issuer only chooses the verifier; each verifier checks signature and issuer itself.
    return claims.iss === DEV_ISSUER ? this.devJwt(token) : this.oidcJwt(token);
  }

  private async oidcJwt(token: string): Promise<Principal> {
    const { jwksUrl, issuer, audience } = this.cfg;
    if (!jwksUrl || !issuer || !audience) {
      throw new UnauthenticatedError('Identity-provider tokens are not accepted: no identity provider is configured (OIDC_JWKS_URL)');
    }
    const { createRemoteJWKSet, jwtVerify } = await jose();
    this.jwks ??= createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer,
        audience,
        algorithms: this.cfg.algorithms,
        clockTolerance: this.cfg.clockToleranceSec,
        requiredClaims: ['exp', this.cfg.subjectClaim],
      }));
    } catch (e) {
      throw tokenError(e, 'Token');
    }
    const subject = payload[this.cfg.subjectClaim];
    if (typeof subject !== 'string' || !subject || subject.length > 300) {
      throw new UnauthenticatedError(`Token's subject claim "${this.cfg.subjectClaim}" is not a usable identifier`);
    }
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM person WHERE subject = $1 AND erased_at IS NULL', [subject]);
    if (!rows.length) throw new UnauthenticatedError('Unknown subject: no person is linked to this login');
    return { kind: 'person', personId: rows[0].id, via: 'oidc' };
  }

  private async devJwt(token: string): Promise<Principal> {
    if (this.cfg.production) throw new UnauthenticatedError('Development tokens are not accepted in production');
    if (!this.cfg.devTokens) throw new UnauthenticatedError('Development tokens are not accepted: they are switched off (DEV_TOKENS=0)');
    let key: DevKey;
    try {
      key = await this.loadDevKey(false);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UnauthenticatedError('Development token signature is not valid (this server has no development key yet)');
      throw e;
    }
    let payload: JWTPayload;
    try {
      payload = await verifyDevToken(key, token, this.cfg.clockToleranceSec);
    } catch (e) {
      throw tokenError(e, 'Development token');
    }
    if (payload.dev !== true) throw new UnauthenticatedError('Development token lacks the "dev" claim');
    const personId = payload.sub!;
    if (!UUID.test(personId) || !(await this.personById(personId))) {
      throw new UnauthenticatedError('Unknown subject: no person is linked to this development token');
    }
    return { kind: 'person', personId: personId.toLowerCase(), via: 'dev' };
  }

  private async personById(id: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM person WHERE id = $1::uuid AND erased_at IS NULL', [id]);
    return rows.length > 0;
  }

  /** The dev key, loaded once per instance; `create` makes the key file when missing (issuing only). */
  private loadDevKey(create: boolean): Promise<DevKey> {
    if (!this.devKey) {
      const p = loadDevKey(this.cfg.devKeyFile, this.cfg.production, { create });
      this.devKey = p;
      p.catch(() => {
        if (this.devKey === p) this.devKey = null;
      });
    }
    return this.devKey;
  }

  // ------------------------------------------------------------------ API keys

  private verifiedKeys = new Map<string, { principal: Principal; id: string; lastUsedAt: Date | null; expiresAt: Date | null; until: number; epoch: number }>();

  private async apiKey(key: string): Promise<Principal> {
    const m = API_KEY_PATTERN.exec(key);
    if (!m) throw new UnauthenticatedError('Malformed API key: expected prk_<8 hex>_<secret>');
    const hash = hashApiKey(key);
    const hit = this.verifiedKeys.get(hash);
    if (hit) {
      const now = new Date();
      if (hit.epoch === apiKeyEpoch && hit.until > now.getTime() && !(hit.expiresAt && hit.expiresAt.getTime() <= now.getTime())) {
        await this.recordUse(hit.id, hit.lastUsedAt, now);
        return hit.principal;
      }
      this.verifiedKeys.delete(hash);
    }
    const rows: {
      id: string;
      secret_hash: string;
      scopes: string[];
      partnership_ids: string[];
      expires_at: Date | null;
      revoked_at: Date | null;
      last_used_at: Date | null;
    }[] = await this.dataSource.query(
      'SELECT id, secret_hash, scopes, partnership_ids, expires_at, revoked_at, last_used_at FROM api_key WHERE prefix = $1',
      [m[1]],
    );
    const row = rows[0];
    const given = Buffer.from(hash, 'hex');
    // Compare even when no key has the prefix, so timing does not tell the two cases apart.
    const stored = row && /^[0-9a-f]{64}$/.test(row.secret_hash) ? Buffer.from(row.secret_hash, 'hex') : Buffer.alloc(32);
    const match = timingSafeEqual(given, stored);
    if (!row || !match) throw new UnauthenticatedError('Unknown or invalid API key');
    if (row.revoked_at) throw new UnauthenticatedError('API key has been revoked');
    const now = new Date();
    if (row.expires_at && row.expires_at.getTime() <= now.getTime()) throw new UnauthenticatedError('API key has expired');
    await this.recordUse(row.id, row.last_used_at, now);
    const scopes = new Set<string>(Object.values(ApiScope));
    const principal: Principal = {
      kind: 'apiKey',
      apiKeyId: row.id,
      scopes: row.scopes.filter((s): s is ApiScope => scopes.has(s)),
      // Frozen: the same array serves every request of the cached key, so what is derived from it
      // (a guard's array literal, scope.ts's sets) is made once per key (see Sql.p, impliedByParent).
      partnershipIds: Object.freeze([...row.partnership_ids]) as string[],
    };
    if (this.verifiedKeys.size >= 10_000) this.verifiedKeys.delete(this.verifiedKeys.keys().next().value as string);
    this.verifiedKeys.set(hash, {
      principal,
      id: row.id,
      lastUsedAt: row.last_used_at ?? now,
      expiresAt: row.expires_at,
      until: now.getTime() + API_KEY_CACHE_MS,
      epoch: apiKeyEpoch,
    });
    return principal;
  }

  /** Set last_used_at at most once a minute per key (no write per request). */
  private async recordUse(id: string, lastUsedAt: Date | null, now: Date): Promise<void> {
    const since = now.getTime() - LAST_USED_INTERVAL_MS;
    if (lastUsedAt && lastUsedAt.getTime() > since) return;
    if ((this.lastUseWritten.get(id) ?? 0) > since) return;
    this.lastUseWritten.set(id, now.getTime());
    try {
      await this.dataSource.query(
        `UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [id],
      );
    } catch (e) {
      // Recording use is bookkeeping: it must not refuse a valid key.
      this.lastUseWritten.delete(id);
      this.log('could not record API key use', e);
    }
  }
}
