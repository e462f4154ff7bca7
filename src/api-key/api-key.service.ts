/**
 * API keys for integrations: created by admins of every partnership the key covers, shown once,
 * stored only as a SHA-256 hash, revoked (never deleted, so the audit trail keeps pointing at them).
 * Authentication with a key is in src/auth/authenticate.ts.
 */
import { randomBytes } from 'node:crypto';
import { Ctx, inTransaction } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, ConnectionResult, Sql } from '../common/pagination';
import { ConflictError, InputError, NotFoundError } from '../common/errors';
import { requireFound, requireText } from '../common/validate';
import { Permission, ROLE_PERMISSIONS } from '../auth/access';
import { API_KEY_PATTERN, forgetVerifiedApiKeys, hashApiKey } from '../auth/authenticate';
import { Partnership } from '../partnership/partnership.entity';
import { ApiKey, ApiScope } from './api-key.entity';

export interface CreateApiKeyData {
  name: string;
  scopes: ApiScope[];
  partnershipIds: string[];
  expiresAt?: Date | null;
}

const MAX_PARTNERSHIPS = 100;

/** A new key: `prk_<8 hex>_<32 random bytes, base64url>`; the prefix is what is stored to find it. */
function generateKey(): { prefix: string; key: string } {
  const prefix = `prk_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  if (!API_KEY_PATTERN.test(key)) throw new Error('generated API key does not match its own pattern');
  return { prefix, key };
}

/** Partnerships where the request's person holds ADMINISTER; null for the system (all). */
async function adminPartnerships(ctx: Ctx): Promise<string[] | null> {
  const p = ctx.principal;
  if (p.kind === 'system') return null;
  if (p.kind !== 'person') return [];
  const roles = Object.entries(ROLE_PERMISSIONS)
    .filter(([, perms]) => perms.includes(Permission.ADMINISTER))
    .map(([role]) => role);
  const rows: { partnership_id: string }[] = await ctx.manager.query(
    'SELECT partnership_id FROM partnership_access WHERE person_id = $1 AND role::text = ANY($2::text[])',
    [p.personId, roles],
  );
  return rows.map((r) => r.partnership_id);
}

export const apiKeyService = {
  async create(ctx: Ctx, input: CreateApiKeyData): Promise<{ apiKey: ApiKey; key: string }> {
    ctx.access.requireAuthenticated();
    const name = requireText('name', input.name, 200);
    const valid = new Set<string>(Object.values(ApiScope));
    const scopes = [...new Set(input.scopes ?? [])];
    if (!scopes.length) throw new InputError('scopes', 'must name at least one scope');
    scopes.forEach((s, i) => {
      if (!valid.has(s)) throw new InputError(`scopes.${i}`, 'is not a scope');
    });
    const partnershipIds = [...new Set((input.partnershipIds ?? []).map((id) => id.toLowerCase()))];
    if (!partnershipIds.length) throw new InputError('partnershipIds', 'must name at least one partnership');
    if (partnershipIds.length > MAX_PARTNERSHIPS) throw new InputError('partnershipIds', `must name at most ${MAX_PARTNERSHIPS} partnerships`);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null) {
      if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw new InputError('expiresAt', 'is not a time');
      if (expiresAt.getTime() <= ctx.now().getTime()) throw new InputError('expiresAt', 'must be in the future');
    }
    return inTransaction(ctx, async (tx) => {
      for (const [i, pid] of partnershipIds.entries()) {
        // Permission first, so a non-admin learns nothing about which partnerships exist.
        await tx.access.require(Permission.ADMINISTER, pid, 'creating an API key');
        await requireFound(tx.manager, Partnership, pid, `partnershipIds.${i}`);
      }
      let generated = generateKey();
      for (let attempt = 0; (await tx.manager.countBy(ApiKey, { prefix: generated.prefix })) > 0; attempt++) {
        if (attempt >= 5) throw new Error('could not find a free API key prefix');
        generated = generateKey();
      }
      const apiKey = await tx.manager.save(
        tx.manager.create(ApiKey, {
          name,
          prefix: generated.prefix,
          secretHash: hashApiKey(generated.key),
          scopes,
          partnershipIds,
          expiresAt,
          revokedAt: null,
          lastUsedAt: null,
          createdById: tx.actorId,
        }),
      );
      return { apiKey, key: generated.key };
    });
  },

  /** Revoke a key; needs ADMINISTER in every partnership it covers. Revoking twice is a CONFLICT. */
  async revoke(ctx: Ctx, id: string): Promise<ApiKey> {
    ctx.access.requireAuthenticated();
    const revoked = await inTransaction(ctx, async (tx) => {
      const key = await requireFound(tx.manager, ApiKey, id, 'id', { lock: true });
      // Someone who administers none of its partnerships does not get to know the key exists.
      const mine = await adminPartnerships(tx);
      if (mine !== null && !key.partnershipIds.some((pid) => mine.includes(pid))) throw new NotFoundError('ApiKey', id, 'id');
      for (const pid of key.partnershipIds) await tx.access.require(Permission.ADMINISTER, pid, 'revoking this API key');
      if (key.revokedAt) throw new ConflictError(`API key ${key.prefix} was already revoked at ${key.revokedAt.toISOString()}`);
      key.revokedAt = tx.now();
      return tx.manager.save(key);
    });
    // Effective at once in this process; other processes notice within API_KEY_CACHE_MS.
    forgetVerifiedApiKeys();
    return revoked;
  },

  /** Keys that cover at least one partnership the caller administers, newest first. */
  async list(ctx: Ctx, args: ConnectionArgs): Promise<ConnectionResult<ApiKey>> {
    ctx.access.requireAuthenticated();
    const mine = await adminPartnerships(ctx);
    const sql = new Sql();
    const where = mine === null ? [] : [`k.partnership_ids && ${sql.p(mine, 'uuid[]')}`];
    return connection(ctx, ApiKey, {
      from: 'api_key k',
      where,
      sql,
      sort: [
        { expr: 'k.created_at', dir: 'DESC', type: 'timestamptz' },
        { expr: 'k.id', dir: 'DESC', type: 'uuid' },
      ],
    }, args);
  },
};
