/**
 * Authorization: what the request's principal may read and change. One Access object per request;
 * it loads the person's partnership roles and forum seats once, on first need.
 *
 * Reads are scoped in SQL (see scope.ts) and checked again on every object loaded (a safety net);
 * writes are checked by the services with `require(permission, partnershipId)`.
 */
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { ApiScope } from '../api-key/api-key.entity';
import { AccessRole } from './partnership-access.entity';
import { Principal } from './principal';

export enum Permission {
  /** Organisations, people, affiliations: the shared contact directory. */
  READ_DIRECTORY = 'read_directory',
  /** Create and edit organisations, people and affiliations. */
  MANAGE_DIRECTORY = 'manage_directory',
  /** Partnership details, its member organisations, forums and their members. */
  READ_PARTNERSHIP = 'read_partnership',
  /** Edit the partnership, its members, forums and forum members. */
  MANAGE_PARTNERSHIP = 'manage_partnership',
  /** Schedule meetings, build agendas, record attendance, decisions and minutes; create and reassign action items. */
  RECORD = 'record',
  /** Change the status of an action item (members: only those of their own organisations). */
  UPDATE_ACTION_STATUS = 'update_action_status',
  /** Roles, API keys, the audit trail, access requests and erasure. */
  ADMINISTER = 'administer',
}

export const ROLE_PERMISSIONS: Record<AccessRole, Permission[]> = {
  [AccessRole.ADMIN]: Object.values(Permission),
  [AccessRole.COORDINATOR]: [
    Permission.READ_DIRECTORY,
    Permission.MANAGE_DIRECTORY,
    Permission.READ_PARTNERSHIP,
    Permission.MANAGE_PARTNERSHIP,
    Permission.RECORD,
    Permission.UPDATE_ACTION_STATUS,
  ],
  [AccessRole.MEMBER]: [Permission.READ_DIRECTORY, Permission.READ_PARTNERSHIP, Permission.UPDATE_ACTION_STATUS],
  [AccessRole.OBSERVER]: [Permission.READ_DIRECTORY, Permission.READ_PARTNERSHIP],
};

/** Roles that read every forum's record in their partnership; others read the forums they sit in. */
const READS_ALL_FORUMS = new Set([AccessRole.ADMIN, AccessRole.COORDINATOR]);

/** What an API key's scope lets it read, by kind of record. */
export type RecordKind = 'meetings' | 'decisions' | 'actionItems';
const SCOPE_OF: Record<RecordKind, ApiScope> = {
  meetings: ApiScope.READ_MEETINGS,
  decisions: ApiScope.READ_DECISIONS,
  actionItems: ApiScope.READ_ACTION_ITEMS,
};

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required: send a bearer token or an API key') {
    super('UNAUTHENTICATED', message);
  }
}

interface Grants {
  roles: Map<string, AccessRole>;
  /** forum id → partnership id, for every forum of a partnership the principal has any role in or sits in. */
  forumPartnership: Map<string, string>;
  /** Forums whose whole record may be read. */
  readableForums: Set<string>;
  /** Forums where the person's current seat records a legal basis for sharing personal information. */
  legalForums: Set<string>;
  /** Organisations the person is currently affiliated with (members update their own actions). */
  organisations: Set<string>;
}

export class Access {
  private grants: Promise<Grants> | null = null;

  constructor(
    private manager: EntityManager,
    readonly principal: Principal,
    private today: () => string,
  ) {}

  get isSystem(): boolean {
    return this.principal.kind === 'system';
  }

  get personId(): string | null {
    return this.principal.kind === 'person' ? this.principal.personId : null;
  }

  get apiKeyId(): string | null {
    return this.principal.kind === 'apiKey' ? this.principal.apiKeyId : null;
  }

  requireAuthenticated(): void {
    if (this.principal.kind === 'anonymous') throw new UnauthenticatedError();
  }

  private load(): Promise<Grants> {
    this.grants ??= this.loadGrants();
    return this.grants;
  }

  private async loadGrants(): Promise<Grants> {
    const g: Grants = { roles: new Map(), forumPartnership: new Map(), readableForums: new Set(), legalForums: new Set(), organisations: new Set() };
    const p = this.principal;
    if (p.kind === 'apiKey') {
      const forums: { id: string; partnership_id: string }[] = await this.manager.query(
        'SELECT id, partnership_id FROM forum WHERE partnership_id = ANY($1::uuid[])',
        [p.partnershipIds],
      );
      for (const f of forums) {
        g.forumPartnership.set(f.id, f.partnership_id);
        g.readableForums.add(f.id);
      }
      return g;
    }
    if (p.kind !== 'person') return g;
    const day = this.today();
    // One statement for all of a person's grants: roles, forums of their partnerships, seats, organisations.
    const [row]: { roles: unknown; forums: unknown; seats: unknown; orgs: unknown }[] = await this.manager.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('partnership_id', partnership_id, 'role', role)), '[]') FROM partnership_access WHERE person_id = $1) AS roles,
         (SELECT coalesce(json_agg(json_build_object('id', f.id, 'partnership_id', f.partnership_id)), '[]') FROM forum f
           WHERE f.partnership_id IN (SELECT partnership_id FROM partnership_access WHERE person_id = $1)
              OR f.id IN (SELECT forum_id FROM forum_member WHERE person_id = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date))) AS forums,
         (SELECT coalesce(json_agg(json_build_object('forum_id', forum_id, 'legal', legal)), '[]') FROM (
            SELECT forum_id, bool_or(legal_basis IS NOT NULL) AS legal FROM forum_member
             WHERE person_id = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date) GROUP BY forum_id) s) AS seats,
         (SELECT coalesce(json_agg(organisation_id), '[]') FROM affiliation
           WHERE person_id = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date)) AS orgs`,
      [p.personId, day],
    );
    const roles = row.roles as { partnership_id: string; role: AccessRole }[];
    const forums = row.forums;
    const seats = row.seats;
    const orgs = (row.orgs as string[]).map((organisation_id) => ({ organisation_id }));
    for (const r of roles as { partnership_id: string; role: AccessRole }[]) g.roles.set(r.partnership_id, r.role);
    for (const f of forums as { id: string; partnership_id: string }[]) {
      g.forumPartnership.set(f.id, f.partnership_id);
      const role = g.roles.get(f.partnership_id);
      if (role && READS_ALL_FORUMS.has(role)) g.readableForums.add(f.id);
    }
    for (const s of seats as { forum_id: string; legal: boolean }[]) {
      g.readableForums.add(s.forum_id);
      if (s.legal) g.legalForums.add(s.forum_id);
    }
    for (const o of orgs as { organisation_id: string }[]) g.organisations.add(o.organisation_id);
    return g;
  }

  /** Partnerships the principal may read (null: all, for the system). */
  async readablePartnerships(): Promise<string[] | null> {
    if (this.isSystem) return null;
    const p = this.principal;
    if (p.kind === 'apiKey') return p.partnershipIds;
    const g = await this.load();
    return [...new Set([...g.roles.keys(), ...g.forumPartnership.values()])];
  }

  /** Forums whose record of the given kind may be read (null: all, for the system). */
  async readableForums(kind: RecordKind): Promise<string[] | null> {
    if (this.isSystem) return null;
    const p = this.principal;
    if (p.kind === 'apiKey') {
      // A key that may change action items' status may read those action items.
      const ok = p.scopes.includes(SCOPE_OF[kind]) || (kind === 'actionItems' && p.scopes.includes(ApiScope.WRITE_ACTION_ITEM_STATUS));
      if (!ok) return [];
    }
    return [...(await this.load()).readableForums];
  }

  /**
   * The same as readableForums, compactly for SQL: whole partnerships (roles that read every forum,
   * API keys) plus single forums (seats elsewhere). A national key's thousands of forums become a
   * few hundred partnership ids. Null: everything (the system).
   */
  async readScope(kind: RecordKind): Promise<{ partnerships: string[]; forums: string[] } | null> {
    if (this.isSystem) return null;
    const p = this.principal;
    if (p.kind === 'apiKey') {
      const forums = await this.readableForums(kind);
      return forums && forums.length ? { partnerships: p.partnershipIds, forums: [] } : { partnerships: [], forums: [] };
    }
    if (p.kind !== 'person') return { partnerships: [], forums: [] };
    const g = await this.load();
    const whole = [...g.roles.entries()].filter(([, r]) => READS_ALL_FORUMS.has(r)).map(([id]) => id);
    const wholeSet = new Set(whole);
    const single = [...g.readableForums].filter((f) => !wholeSet.has(g.forumPartnership.get(f) ?? ''));
    return { partnerships: whole, forums: single };
  }

  /**
   * A person reads the action items assigned to the organisations they work for, in partnerships
   * where they have a role, even from forums they do not sit in: [organisation ids, partnership ids].
   */
  async ownOrganisationScope(): Promise<{ organisations: string[]; partnerships: string[] }> {
    if (this.principal.kind !== 'person') return { organisations: [], partnerships: [] };
    const g = await this.load();
    return { organisations: [...g.organisations], partnerships: [...g.roles.keys()] };
  }

  async canReadForum(forumId: string, kind: RecordKind): Promise<boolean> {
    const forums = await this.readableForums(kind);
    return forums === null || forums.includes(forumId);
  }

  async canReadPartnership(partnershipId: string): Promise<boolean> {
    const ps = await this.readablePartnerships();
    return ps === null || ps.includes(partnershipId);
  }

  canReadDirectory(): boolean {
    const p = this.principal;
    if (p.kind === 'system' || p.kind === 'person') return true;
    return p.kind === 'apiKey' && p.scopes.includes(ApiScope.READ_DIRECTORY);
  }

  /** Forums whose confidential content may be read (null: all, for the system). Keys never qualify. */
  async confidentialForums(): Promise<string[] | null> {
    if (this.isSystem) return null;
    if (this.principal.kind !== 'person') return [];
    return [...(await this.load()).legalForums];
  }

  async canSeeConfidential(forumId: string): Promise<boolean> {
    const forums = await this.confidentialForums();
    return forums === null || forums.includes(forumId);
  }

  /** Partnerships the principal administers (null: all, for the system). */
  async adminPartnerships(): Promise<string[] | null> {
    if (this.isSystem) return null;
    if (this.principal.kind !== 'person') return [];
    const g = await this.load();
    return [...g.roles.entries()].filter(([, r]) => r === AccessRole.ADMIN).map(([p]) => p);
  }

  async roleIn(partnershipId: string): Promise<AccessRole | null> {
    if (this.principal.kind !== 'person') return null;
    return (await this.load()).roles.get(partnershipId) ?? null;
  }

  /** Does the principal hold the permission in this partnership (or, with null, in any partnership)? */
  async has(permission: Permission, partnershipId: string | null): Promise<boolean> {
    const p = this.principal;
    if (p.kind === 'system') return true;
    if (p.kind === 'apiKey') {
      if (permission !== Permission.UPDATE_ACTION_STATUS || !p.scopes.includes(ApiScope.WRITE_ACTION_ITEM_STATUS)) return false;
      return partnershipId === null || p.partnershipIds.includes(partnershipId);
    }
    if (p.kind !== 'person') return false;
    const g = await this.load();
    const roles = partnershipId === null ? [...g.roles.values()] : [g.roles.get(partnershipId)].filter((r): r is AccessRole => !!r);
    return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
  }

  /** Throw FORBIDDEN (or UNAUTHENTICATED) unless the principal holds the permission there. */
  async require(permission: Permission, partnershipId: string | null, what?: string): Promise<void> {
    this.requireAuthenticated();
    if (!(await this.has(permission, partnershipId))) {
      throw new ForbiddenError(
        `Not allowed: ${what ?? permission}${partnershipId ? ` in partnership ${partnershipId}` : ''} needs a role with the permission "${permission}"`,
      );
    }
  }

  /**
   * Changing an action item's status: coordinators and admins of its partnership, keys with the
   * write scope, and members for items assigned to them or to an organisation they belong to.
   */
  async requireActionStatus(item: { partnershipId: string; assigneeOrganisationId: string; assigneePersonId: string | null }): Promise<void> {
    this.requireAuthenticated();
    if (await this.has(Permission.RECORD, item.partnershipId)) return;
    if (await this.has(Permission.UPDATE_ACTION_STATUS, item.partnershipId)) {
      if (this.principal.kind === 'apiKey') return;
      const g = await this.load();
      if (item.assigneePersonId === this.personId || g.organisations.has(item.assigneeOrganisationId)) return;
    }
    throw new ForbiddenError("Not allowed: only the partnership's coordinators, or members of the assignee organisation, change this action item");
  }

  /** Forget the loaded grants (after a mutation changed roles or seats). */
  reset(): void {
    this.grants = null;
  }
}
