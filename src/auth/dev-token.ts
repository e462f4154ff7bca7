/**
 * Development tokens: JWTs for local use, signed by a key generated once and kept in a file, so
 * tokens survive restarts. Never used in production: the Authenticator refuses to issue or accept
 * them there (see authenticate.ts), and this module refuses to touch the key file as well.
 *
 * `jose` is ESM-only; this CommonJS build loads it with a dynamic import (a static import does not
 * compile under `module: node16`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CryptoKey, JWK, JWTPayload } from 'jose' with { 'resolution-mode': 'import' };

export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

let josePromise: Promise<Jose> | null = null;
/** The `jose` module, loaded once. */
export function jose(): Promise<Jose> {
  josePromise ??= import('jose');
  return josePromise;
}

export const DEV_ISSUER = 'partnership-record-dev';
export const DEV_AUDIENCE = 'partnership-record';
export const DEV_ALGORITHM = 'ES256';
export const DEV_TOKEN_TTL_SEC = 30 * 24 * 3600;

export interface DevKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** Refuse outright when the process runs in production, whatever the caller configured. */
export function assertNotProduction(production: boolean): void {
  if (production || process.env.NODE_ENV === 'production') {
    throw new Error('Development tokens are disabled in production (NODE_ENV=production)');
  }
}

function parseKeyFile(file: string, text: string): JWK & { kid: string } {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new Error(`Development signing key ${file} is not JSON; delete it to generate a new one (issued dev tokens become invalid)`);
  }
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') {
    throw new Error(`Development signing key ${file} is not a P-256 private JWK with a kid; delete it to generate a new one`);
  }
  return jwk as JWK & { kid: string };
}

/**
 * The private JWK in the file, creating the file (mode 0600, in a 0700 directory) when missing.
 * Creation is atomic: the key is written to a temporary file and hard-linked into place, so two
 * processes starting at once end up with the same key and nobody reads a half-written file.
 */
async function readOrCreateJwk(file: string, create: boolean): Promise<JWK & { kid: string }> {
  try {
    return parseKeyFile(file, await fs.promises.readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw e;
  }
  const { generateKeyPair, exportJWK } = await jose();
  const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: DEV_ALGORITHM, use: 'sig' };
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.promises.writeFile(tmp, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await fs.promises.link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Someone else created it first: use theirs.
    return parseKeyFile(file, await fs.promises.readFile(file, 'utf8'));
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
  return jwk;
}

/**
 * Load the development signing key stored in `file`; with `create`, generate it once when missing
 * (issuing does; verifying does not, and fails with ENOENT instead).
 */
export async function loadDevKey(file: string, production: boolean, opts: { create: boolean } = { create: true }): Promise<DevKey> {
  assertNotProduction(production);
  const jwk = await readOrCreateJwk(file, opts.create);
  const { importJWK } = await jose();
  const { d: _d, ...publicJwk } = jwk;
  const privateKey = (await importJWK(jwk, DEV_ALGORITHM)) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, DEV_ALGORITHM)) as CryptoKey;
  return { kid: jwk.kid, privateKey, publicKey };
}

/** Sign a development token for a person: `sub` = person id, `dev: true`. */
export async function signDevToken(key: DevKey, personId: string, ttlSec: number): Promise<string> {
  const { SignJWT } = await jose();
  const nowSec = Math.floor(Date.now() / 1000);
  return new SignJWT({ dev: true })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(personId)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + ttlSec)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** Verify a development token's signature and claims; returns its payload (jose errors propagate). */
export async function verifyDevToken(key: DevKey, token: string, clockToleranceSec: number): Promise<JWTPayload> {
  const { jwtVerify } = await jose();
  const { payload } = await jwtVerify(token, key.publicKey, {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: [DEV_ALGORITHM],
    clockTolerance: clockToleranceSec,
    requiredClaims: ['exp', 'sub'],
  });
  return payload;
}
