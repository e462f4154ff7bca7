/**
 * Authentication: OIDC tokens verified against a real JWKS served on 127.0.0.1, development tokens
 * with a key file, and API keys (hash-only storage, scopes, revocation, expiry, last use).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { CryptoKey, JWK, JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import { freshDatabase, TestDb } from './support/db';
import { createContext } from '../src/context';
import { Principal, SYSTEM, ANONYMOUS } from '../src/auth/principal';
import { UnauthenticatedError } from '../src/auth/access';
import { AuthConfig, Authenticator, forgetVerifiedApiKeys, loadAuthConfig } from '../src/auth/authenticate';
import { jose } from '../src/auth/dev-token';
import { DomainError } from '../src/common/errors';
import { personService } from '../src/person/person.service';
import { partnershipService } from '../src/partnership/partnership.service';
import { PartnershipAccess, AccessRole } from '../src/auth/partnership-access.entity';
import { ApiScope } from '../src/api-key/api-key.entity';
import { apiKeyService } from '../src/api-key/api-key.service';
import { ApiKeyResolver } from '../src/api-key/api-key.resolver';
import { resolvers, schema as appSchema } from '../src/schema';
import { authChecker } from '../src/auth/auth-checker';
import { graphql } from 'graphql';
import { buildSchema } from 'type-graphql';
import { pubSub } from '../src/live/live.resolver';

const ISSUER = 'https://idp.example.test/realms/partnership';
const AUDIENCE = 'partnership-record-api';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const nowSec = () => Math.floor(Date.now() / 1000);
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** Expect UnauthenticatedError whose message matches `why`. */
async function refused(p: Promise<unknown>, why: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UnauthenticatedError, `expected UnauthenticatedError, got ${String(e)}`);
    assert.equal((e as UnauthenticatedError).code, 'UNAUTHENTICATED');
    assert.match((e as Error).message, why);
    return true;
  });
}

/** Expect a DomainError with the code. */
async function failsWith(p: Promise<unknown>, code: string, why?: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected ${code}, got ${String(e)}`);
    assert.equal((e as DomainError).code, code, (e as Error).message);
    if (why) assert.match((e as Error).message, why);
    return true;
  });
}

describe('authentication', function () {
  this.timeout(30_000);
  let db: TestDb;
  let tmp: string;
  let jwksServer: http.Server;
  let jwksUrl: string;
  let jwksHits = 0;
  let keys: { rsa: CryptoKey; es: CryptoKey; other: CryptoKey; rsaPublicPem: string };
  let anna: { id: string };
  let bo: { id: string };
  let p1: { id: string };
  let p2: { id: string };
  let cfg: AuthConfig;
  let auth: Authenticator;

  async function sign(claims: JWTPayload, opts: { key?: CryptoKey | Uint8Array; alg?: string; kid?: string } = {}): Promise<string> {
    const { SignJWT } = await jose();
    const t = nowSec();
    return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'idp|anna', iat: t, exp: t + 300, ...claims })
      .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'rsa-1', typ: 'JWT' })
      .sign(opts.key ?? keys.rsa);
  }

  before(async () => {
    db = await freshDatabase();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-auth-'));
    const { generateKeyPair, exportJWK, exportSPKI } = await jose();
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const es = await generateKeyPair('ES256', { extractable: true });
    const other = await generateKeyPair('RS256', { extractable: true });
    keys = { rsa: rsa.privateKey, es: es.privateKey, other: other.privateKey, rsaPublicPem: await exportSPKI(rsa.publicKey) };
    const jwks: { keys: JWK[] } = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' },
      ],
    };
    jwksServer = http.createServer((req, res) => {
      jwksHits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/jwks`;

    const ctx = createContext(db.ds, { principal: SYSTEM });
    anna = await personService.create(ctx, { name: 'Anna Sørensen' });
    bo = await personService.create(ctx, { name: 'Bo Ærø' });
    await db.ds.query(`UPDATE person SET subject = 'idp|anna' WHERE id = $1`, [anna.id]);
    p1 = await partnershipService.create(ctx, { name: 'Tryghedspartnerskabet', area: 'Tingbjerg-Husum' });
    p2 = await partnershipService.create(ctx, { name: 'Partnerskab Nord', area: 'Bispebjerg' });
    // Anna administers p1; Bo is only an observer there.
    await db.ds.manager.save(db.ds.manager.create(PartnershipAccess, { partnershipId: p1.id, personId: anna.id, role: AccessRole.ADMIN }));
    await db.ds.manager.save(db.ds.manager.create(PartnershipAccess, { partnershipId: p1.id, personId: bo.id, role: AccessRole.OBSERVER }));

    cfg = {
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256', 'PS256'],
      clockToleranceSec: 30,
      subjectClaim: 'sub',
      devTokens: true,
      devKeyFile: path.join(tmp, 'keys', 'dev-signing-key.json'),
      production: false,
    };
    auth = new Authenticator(db.ds, cfg);
  });

  after(async () => {
    await new Promise((resolve) => jwksServer?.close(resolve));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    await db?.close();
  });

  describe('OIDC bearer tokens', () => {
    it('no credentials is anonymous', async () => {
      assert.deepEqual(await auth.authenticate({}), ANONYMOUS);
      assert.deepEqual(await auth.authenticate({ authorization: '' }), ANONYMOUS);
    });

    it('a valid RS256 or ES256 token maps to the person with that subject', async () => {
      const expected: Principal = { kind: 'person', personId: anna.id, via: 'oidc' };
      assert.deepEqual(await auth.authenticate(bearer(await sign({}))), expected);
      assert.deepEqual(await auth.authenticate(bearer(await sign({}, { key: keys.es, alg: 'ES256', kid: 'es-1' }))), expected);
      assert.deepEqual(await auth.authenticate({ authorization: `bearer   ${await sign({})}` }), expected);
      assert.ok(jwksHits >= 1 && jwksHits <= 2, `JWKS fetched ${jwksHits} times`);
    });

    it('the subject claim is configurable', async () => {
      const a = new Authenticator(db.ds, { ...cfg, subjectClaim: 'oid' });
      const token = await sign({ sub: 'pairwise-xyz', oid: 'idp|anna' });
      assert.deepEqual(await a.authenticate(bearer(token)), { kind: 'person', personId: anna.id, via: 'oidc' });
      await refused(a.authenticate(bearer(await sign({ oid: undefined }))), /"oid" claim/);
    });

    it('refuses alg none', async () => {
      const t = nowSec();
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'idp|anna', iat: t, exp: t + 300 })}.`;
      await refused(auth.authenticate(bearer(token)), /alg "none"/);
      const upper = `${b64({ alg: 'NONE' })}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'idp|anna', exp: t + 300 })}.`;
      await refused(auth.authenticate(bearer(upper)), /alg "none"/);
    });

    it('refuses a token signed by another key', async () => {
      await refused(auth.authenticate(bearer(await sign({}, { key: keys.other }))), /signature is not valid/);
      await refused(auth.authenticate(bearer(await sign({}, { key: keys.other, kid: 'unknown-kid' }))), /signature is not valid/);
      // A valid token with its payload swapped keeps no signature.
      const [h, , s] = (await sign({})).split('.');
      await refused(auth.authenticate(bearer(`${h}.${b64({ iss: ISSUER, aud: AUDIENCE, sub: 'idp|bo', exp: nowSec() + 300 })}.${s}`)), /signature is not valid/);
    });

    it('refuses the wrong issuer or audience', async () => {
      await refused(auth.authenticate(bearer(await sign({ iss: 'https://evil.example/' }))), /issuer \(iss\)/);
      await refused(auth.authenticate(bearer(await sign({ aud: 'another-api' }))), /not meant for this API \(aud\)/);
      await refused(auth.authenticate(bearer(await sign({ aud: undefined }))), /"aud" claim|\(aud\)/);
    });

    it('refuses expired (beyond the tolerance), not-yet-valid and expiry-less tokens; accepts within the tolerance', async () => {
      const t = nowSec();
      await refused(auth.authenticate(bearer(await sign({ iat: t - 600, exp: t - 60 }))), /expired/);
      await refused(auth.authenticate(bearer(await sign({ nbf: t + 120 }))), /not valid yet/);
      await refused(auth.authenticate(bearer(await sign({ exp: undefined }))), /"exp" claim/);
      const late = await sign({ iat: t - 600, exp: t - 10 });
      assert.deepEqual(await auth.authenticate(bearer(late)), { kind: 'person', personId: anna.id, via: 'oidc' });
      const strict = new Authenticator(db.ds, { ...cfg, clockToleranceSec: 0 });
      await refused(strict.authenticate(bearer(late)), /expired/);
    });

    it('refuses algorithms outside the allow-list, including HS256 keyed with the public key', async () => {
      const secret = new TextEncoder().encode(keys.rsaPublicPem);
      await refused(auth.authenticate(bearer(await sign({}, { key: secret, alg: 'HS256' }))), /algorithm that is not accepted/);
      const esOnly = new Authenticator(db.ds, { ...cfg, algorithms: ['ES256'] });
      await refused(esOnly.authenticate(bearer(await sign({}))), /algorithm that is not accepted/);
      assert.throws(() => new Authenticator(db.ds, { ...cfg, algorithms: ['RS256', 'HS256'] }), /HS256/);
      assert.throws(() => new Authenticator(db.ds, { ...cfg, algorithms: ['none'] }), /none/);
    });

    it('refuses an unknown subject', async () => {
      await refused(auth.authenticate(bearer(await sign({ sub: 'idp|stranger' }))), /no person is linked to this login/);
    });

    it('refuses garbage and unsupported schemes', async () => {
      await refused(auth.authenticate(bearer('garbage')), /Malformed bearer token/);
      await refused(auth.authenticate(bearer('a.b.c')), /Malformed bearer token/);
      await refused(auth.authenticate(bearer(`${b64({ alg: 'RS256' })}.bm90IGpzb24.sig`)), /Malformed bearer token/);
      await refused(auth.authenticate({ authorization: 'Bearer' }), /Malformed Authorization header/);
      await refused(auth.authenticate({ authorization: 'Bearer a b' }), /Malformed Authorization header/);
      await refused(auth.authenticate({ authorization: 'Basic YW5uYTpwdw==' }), /Unsupported authorization scheme/);
      await refused(auth.authenticate(bearer('x'.repeat(9000))), /too long/);
    });

    it('an unreachable JWKS is a server error, not a client one', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as { port: number }).port;
      await new Promise((resolve) => closed.close(resolve));
      const down = new Authenticator(db.ds, { ...cfg, jwksUrl: `http://127.0.0.1:${port}/jwks` }, { log: () => undefined });
      await assert.rejects(down.authenticate(bearer(await sign({}))), (e: unknown) => {
        assert.ok(!(e instanceof DomainError), `expected a plain error, got ${String(e)}`);
        assert.match((e as Error).message, /Could not verify token/);
        return true;
      });
    });

    it('refuses identity-provider tokens when no identity provider is configured', async () => {
      const none = new Authenticator(db.ds, { ...cfg, jwksUrl: undefined, issuer: undefined, audience: undefined });
      await refused(none.authenticate(bearer(await sign({}))), /no identity provider is configured/);
    });
  });

  describe('development tokens', () => {
    it('are issued and accepted in development; the key file is reused across instances', async () => {
      const token = await auth.issueDevToken(anna.id);
      const { decodeJwt, decodeProtectedHeader } = await jose();
      const claims = decodeJwt(token);
      assert.equal(claims.iss, 'partnership-record-dev');
      assert.equal(claims.aud, 'partnership-record');
      assert.equal(claims.sub, anna.id);
      assert.equal(claims.dev, true);
      assert.ok(Math.abs(claims.exp! - claims.iat! - 30 * 24 * 3600) <= 1);
      assert.equal(decodeProtectedHeader(token).alg, 'ES256');
      assert.deepEqual(await auth.authenticate(bearer(token)), { kind: 'person', personId: anna.id, via: 'dev' });

      const file = cfg.devKeyFile;
      const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(typeof stored.d, 'string');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const b = new Authenticator(db.ds, { ...cfg });
      assert.deepEqual(await b.authenticate(bearer(token)), { kind: 'person', personId: anna.id, via: 'dev' });
      const fromB = await b.issueDevToken(bo.id, 60);
      assert.deepEqual(await auth.authenticate(bearer(fromB)), { kind: 'person', personId: bo.id, via: 'dev' });
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), stored, 'the key file was not rewritten');
    });

    it('are refused when production, both issuing and verifying', async () => {
      const token = await auth.issueDevToken(anna.id);
      const prod = new Authenticator(db.ds, { ...cfg, production: true, devTokens: true });
      await assert.rejects(prod.issueDevToken(anna.id), /production/);
      await refused(prod.authenticate(bearer(token)), /not accepted in production/);
      // Production refuses even with a key file configured elsewhere and OIDC unconfigured.
      const prod2 = new Authenticator(db.ds, { ...cfg, production: true, jwksUrl: undefined, issuer: undefined, audience: undefined });
      await refused(prod2.authenticate(bearer(token)), /not accepted in production/);
      // Switched off outside production, too.
      const off = new Authenticator(db.ds, { ...cfg, devTokens: false });
      await assert.rejects(off.issueDevToken(anna.id), /switched off/);
      await refused(off.authenticate(bearer(token)), /switched off/);
    });

    it('are refused when signed by another key, expired, or for an unknown person', async () => {
      const elsewhere = new Authenticator(db.ds, { ...cfg, devKeyFile: path.join(tmp, 'other-key.json') });
      const foreign = await elsewhere.issueDevToken(anna.id);
      await refused(auth.authenticate(bearer(foreign)), /signature is not valid/);
      // A token claiming the dev issuer but signed by the identity provider's key.
      await refused(auth.authenticate(bearer(await sign({ iss: 'partnership-record-dev', aud: 'partnership-record', sub: anna.id, dev: true }))), /algorithm that is not accepted/);
      await refused(auth.authenticate(bearer(await sign({ iss: 'partnership-record-dev', aud: 'partnership-record', sub: anna.id, dev: true }, { key: keys.es, alg: 'ES256', kid: 'es-1' }))), /signature is not valid/);
      // A fresh instance whose key file does not exist yet does not create one to verify.
      const empty = new Authenticator(db.ds, { ...cfg, devKeyFile: path.join(tmp, 'missing', 'key.json') });
      await refused(empty.authenticate(bearer(foreign)), /signature is not valid/);
      assert.equal(fs.existsSync(path.join(tmp, 'missing', 'key.json')), false);
      await assert.rejects(auth.issueDevToken(randomUUID()), /No person/);
      await assert.rejects(auth.issueDevToken('not-an-id'), /No person/);
      // Expired: sign with the dev key file directly, an hour ago.
      const { importJWK, SignJWT } = await jose();
      const jwk = JSON.parse(fs.readFileSync(cfg.devKeyFile, 'utf8'));
      const t = nowSec();
      const old = await new SignJWT({ dev: true })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
        .setIssuer('partnership-record-dev')
        .setAudience('partnership-record')
        .setSubject(anna.id)
        .setIssuedAt(t - 7200)
        .setExpirationTime(t - 3600)
        .sign(await importJWK(jwk, 'ES256'));
      await refused(auth.authenticate(bearer(old)), /expired/);
    });

    it('configuration: on by default in development, forced off in production', () => {
      const dev = loadAuthConfig({});
      assert.equal(dev.devTokens, true);
      assert.equal(dev.production, false);
      assert.deepEqual(dev.algorithms, ['RS256', 'ES256', 'PS256']);
      assert.equal(dev.clockToleranceSec, 30);
      assert.equal(dev.subjectClaim, 'sub');
      assert.ok(dev.devKeyFile.endsWith(path.join('.data', 'dev-signing-key.json')));
      assert.equal(loadAuthConfig({ DEV_TOKENS: '0' }).devTokens, false);
      const prod = loadAuthConfig({ NODE_ENV: 'production', DEV_TOKENS: '1' });
      assert.equal(prod.devTokens, false);
      assert.equal(prod.production, true);
      const full = loadAuthConfig({ OIDC_JWKS_URL: 'https://idp/jwks', OIDC_ISSUER: 'https://idp/', OIDC_AUDIENCE: 'api', OIDC_ALGORITHMS: 'ES256, RS256', OIDC_CLOCK_TOLERANCE_SEC: '5', OIDC_SUBJECT_CLAIM: 'oid', DEV_KEY_FILE: '/tmp/k.json' });
      assert.deepEqual(full.algorithms, ['ES256', 'RS256']);
      assert.equal(full.clockToleranceSec, 5);
      assert.equal(full.subjectClaim, 'oid');
      assert.equal(full.devKeyFile, '/tmp/k.json');
      assert.throws(() => loadAuthConfig({ OIDC_ALGORITHMS: 'HS256' }), /HS256/);
      assert.throws(() => loadAuthConfig({ OIDC_JWKS_URL: 'https://idp/jwks' }), /OIDC_ISSUER and OIDC_AUDIENCE/);
      assert.throws(() => loadAuthConfig({ NODE_ENV: 'production', OIDC_JWKS_URL: 'http://idp.example/jwks', OIDC_ISSUER: 'x', OIDC_AUDIENCE: 'y' }), /https/);
    });
  });

  describe('API keys', () => {
    const system = () => createContext(db.ds, { principal: SYSTEM });
    const as = (personId: string) => createContext(db.ds, { principal: { kind: 'person', personId, via: 'oidc' } });
    const scopes = [ApiScope.READ_DECISIONS, ApiScope.READ_MEETINGS];

    it('are created with a prk_ key that is stored only as its hash', async () => {
      const { apiKey, key } = await apiKeyService.create(system(), { name: 'ESDH', scopes, partnershipIds: [p1.id] });
      assert.match(key, /^prk_[0-9a-f]{8}_[A-Za-z0-9_-]{43,}$/);
      assert.ok(Buffer.from(key.split('_').slice(2).join('_'), 'base64url').length >= 32);
      assert.equal(apiKey.prefix, key.slice(0, 12));
      const [row] = await db.ds.query('SELECT * FROM api_key WHERE id = $1', [apiKey.id]);
      const text = JSON.stringify(row);
      const secret = key.slice(13);
      assert.ok(!text.includes(key) && !text.includes(secret), 'the key appears in the api_key row');
      assert.equal(row.secret_hash, createHash('sha256').update(key).digest('hex'));
      assert.deepEqual(row.scopes, scopes);
      assert.deepEqual(row.partnership_ids, [p1.id]);
      assert.equal(row.last_used_at, null);
    });

    it('authenticate as Bearer and X-Api-Key to their scopes and partnerships; last use is recorded at most once a minute', async () => {
      const { apiKey, key } = await apiKeyService.create(system(), { name: 'Integration', scopes, partnershipIds: [p1.id, p2.id] });
      const expected: Principal = { kind: 'apiKey', apiKeyId: apiKey.id, scopes, partnershipIds: [p1.id, p2.id] };
      assert.deepEqual(await auth.authenticate(bearer(key)), expected);
      const [{ last_used_at: first }] = await db.ds.query('SELECT last_used_at FROM api_key WHERE id = $1', [apiKey.id]);
      assert.ok(first instanceof Date && Math.abs(first.getTime() - Date.now()) < 60_000);
      assert.deepEqual(await auth.authenticate({ 'x-api-key': key }), expected);
      // A second instance (another server process) does not write again within the minute either.
      assert.deepEqual(await new Authenticator(db.ds, cfg).authenticate({ 'x-api-key': key }), expected);
      const [{ last_used_at: second }] = await db.ds.query('SELECT last_used_at FROM api_key WHERE id = $1', [apiKey.id]);
      assert.equal(second.getTime(), first.getTime());
      await db.ds.query(`UPDATE api_key SET last_used_at = now() - interval '5 minutes' WHERE id = $1`, [apiKey.id]);
      await new Authenticator(db.ds, cfg).authenticate(bearer(key));
      const [{ last_used_at: third }] = await db.ds.query('SELECT last_used_at FROM api_key WHERE id = $1', [apiKey.id]);
      assert.ok(third.getTime() > Date.now() - 60_000);
      await refused(auth.authenticate({ authorization: `Bearer ${key}`, 'x-api-key': key }), /not both/);
    });

    it('are refused with a wrong secret, malformed, revoked or expired', async () => {
      const { apiKey, key } = await apiKeyService.create(system(), { name: 'Short-lived', scopes, partnershipIds: [p1.id], expiresAt: new Date(Date.now() + 3600_000) });
      assert.equal((await auth.authenticate(bearer(key))).kind, 'apiKey');
      const last = key.at(-1) === 'A' ? 'B' : 'A';
      await refused(auth.authenticate(bearer(key.slice(0, -1) + last)), /Unknown or invalid API key/);
      await refused(auth.authenticate({ 'x-api-key': `${key.slice(0, 13)}${'A'.repeat(43)}` }), /Unknown or invalid API key/);
      await refused(auth.authenticate({ 'x-api-key': 'prk_00000000_' + 'A'.repeat(43) }), /Unknown or invalid API key/);
      await refused(auth.authenticate({ 'x-api-key': 'prk_short' }), /Malformed API key/);
      await refused(auth.authenticate(bearer('prk_ZZZZZZZZ_' + 'A'.repeat(43))), /Malformed API key/);

      await db.ds.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [apiKey.id]);
      // A change made behind this process's back (another process, or SQL) is seen once the
      // verification it remembers is older than API_KEY_CACHE_MS; here we skip the wait.
      assert.equal((await auth.authenticate(bearer(key))).kind, 'apiKey', 'remembered for API_KEY_CACHE_MS');
      forgetVerifiedApiKeys();
      await refused(auth.authenticate(bearer(key)), /expired/);

      const other = await apiKeyService.create(system(), { name: 'To revoke', scopes, partnershipIds: [p1.id] });
      assert.equal((await auth.authenticate(bearer(other.key))).kind, 'apiKey');
      // Revoking through the API takes effect at once in this process, remembered or not.
      const revoked = await apiKeyService.revoke(system(), other.apiKey.id);
      assert.ok(revoked.revokedAt instanceof Date);
      await refused(auth.authenticate(bearer(other.key)), /revoked/);
      await failsWith(apiKeyService.revoke(system(), other.apiKey.id), 'CONFLICT', /already revoked/);
    });

    it('are managed by admins of every partnership they cover', async () => {
      const { apiKey, key } = await apiKeyService.create(as(anna.id), { name: 'Anna’s integration', scopes: [ApiScope.READ_DIRECTORY], partnershipIds: [p1.id] });
      const [row] = await db.ds.query('SELECT created_by_id FROM api_key WHERE id = $1', [apiKey.id]);
      assert.equal(row.created_by_id, anna.id);
      assert.equal((await auth.authenticate(bearer(key))).kind, 'apiKey');
      await failsWith(apiKeyService.create(as(anna.id), { name: 'Too wide', scopes, partnershipIds: [p1.id, p2.id] }), 'FORBIDDEN');
      await failsWith(apiKeyService.create(as(bo.id), { name: 'Observer', scopes, partnershipIds: [p1.id] }), 'FORBIDDEN');
      await failsWith(apiKeyService.create(createContext(db.ds, { principal: ANONYMOUS }), { name: 'x', scopes, partnershipIds: [p1.id] }), 'UNAUTHENTICATED');
      await failsWith(apiKeyService.create(system(), { name: 'No scopes', scopes: [], partnershipIds: [p1.id] }), 'BAD_USER_INPUT', /scopes/);
      await failsWith(apiKeyService.create(system(), { name: 'No partnership', scopes, partnershipIds: [] }), 'BAD_USER_INPUT', /partnershipIds/);
      await failsWith(apiKeyService.create(system(), { name: 'Past', scopes, partnershipIds: [p1.id], expiresAt: new Date(Date.now() - 1000) }), 'BAD_USER_INPUT', /expiresAt/);
      await failsWith(apiKeyService.create(system(), { name: 'Ghost', scopes, partnershipIds: [randomUUID()] }), 'NOT_FOUND');
      // A key covering p1 and p2 is listed for Anna (admin of p1) but she cannot revoke it alone.
      const wide = await apiKeyService.create(system(), { name: 'Wide', scopes, partnershipIds: [p1.id, p2.id] });
      const p2Only = await apiKeyService.create(system(), { name: 'North only', scopes, partnershipIds: [p2.id] });
      await failsWith(apiKeyService.revoke(as(anna.id), wide.apiKey.id), 'FORBIDDEN');
      await failsWith(apiKeyService.revoke(as(anna.id), p2Only.apiKey.id), 'NOT_FOUND');
      await failsWith(apiKeyService.revoke(as(bo.id), apiKey.id), 'NOT_FOUND');
      const listed = await apiKeyService.list(as(anna.id), { first: 100 });
      const names = listed.edges.map((e) => e.node.name);
      assert.ok(names.includes('Wide') && names.includes('Anna’s integration'));
      assert.ok(!names.includes('North only'));
      assert.equal(await listed.totalCount, names.length);
      assert.equal((await apiKeyService.list(as(bo.id), { first: 100 })).edges.length, 0);
      const all = await apiKeyService.list(system(), { first: 2 });
      assert.equal(all.edges.length, 2);
      assert.ok(all.pageInfo.hasNextPage);
      await apiKeyService.revoke(as(anna.id), apiKey.id);
      await refused(auth.authenticate(bearer(key)), /revoked/);
    });

    it('are managed through GraphQL: createApiKey shows the key once, apiKeys lists, revokeApiKey revokes', async () => {
      await appSchema(); // registers the connection types
      const schema = await buildSchema({
        resolvers: [...new Set([...resolvers, ApiKeyResolver])] as unknown as [Function, ...Function[]],
        validate: { forbidUnknownValues: false },
        authChecker,
        authMode: 'error',
        pubSub, // the schema has subscriptions (src/live)
      });
      const run = (principal: Principal, source: string, variableValues: Record<string, unknown> = {}) =>
        graphql({ schema, source, variableValues, contextValue: createContext(db.ds, { principal }) }).then((r) => JSON.parse(JSON.stringify(r)) as { data?: any; errors?: any[] });
      const annaP: Principal = { kind: 'person', personId: anna.id, via: 'oidc' };
      const create = `mutation($input: CreateApiKeyInput!) {
        createApiKey(input: $input) { key apiKey { id name prefix scopes expiresAt revokedAt lastUsedAt partnerships { id name } } } }`;
      const input = { name: 'Case system', scopes: ['READ_DECISIONS'], partnershipIds: [p1.id], expiresAt: new Date(Date.now() + 86400_000).toISOString() };
      const created = await run(annaP, create, { input });
      assert.equal(created.errors, undefined, JSON.stringify(created.errors));
      const { key, apiKey } = created.data.createApiKey;
      assert.match(key, /^prk_/);
      assert.equal(apiKey.prefix, key.slice(0, 12));
      assert.deepEqual(apiKey.scopes, ['READ_DECISIONS']);
      assert.deepEqual(apiKey.partnerships, [{ id: p1.id, name: 'Tryghedspartnerskabet' }]);
      assert.deepEqual(await auth.authenticate(bearer(key)), { kind: 'apiKey', apiKeyId: apiKey.id, scopes: [ApiScope.READ_DECISIONS], partnershipIds: [p1.id] });

      const boP: Principal = { kind: 'person', personId: bo.id, via: 'oidc' };
      const denied = await run(boP, create, { input });
      assert.ok(denied.errors?.length && !denied.data?.createApiKey);
      const anon = await run(ANONYMOUS, '{ apiKeys { totalCount } }');
      assert.equal(anon.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      const noScopes = await run(annaP, create, { input: { ...input, scopes: [] } });
      assert.ok(noScopes.errors?.length);

      const list = await run(annaP, '{ apiKeys(first: 100) { totalCount edges { node { id name partnerships { id } } } } }');
      assert.equal(list.errors, undefined, JSON.stringify(list.errors));
      assert.ok(list.data.apiKeys.edges.some((e: any) => e.node.id === apiKey.id));
      assert.ok(!JSON.stringify(list.data).includes(key.slice(13)));

      const revoke = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
      const r1 = await run(annaP, revoke, { id: apiKey.id });
      assert.equal(r1.errors, undefined, JSON.stringify(r1.errors));
      assert.ok(r1.data.revokeApiKey.revokedAt);
      const r2 = await run(annaP, revoke, { id: apiKey.id });
      assert.equal(r2.errors?.[0]?.extensions?.code, 'CONFLICT');
      await refused(auth.authenticate(bearer(key)), /revoked/);
    });
  });
});
