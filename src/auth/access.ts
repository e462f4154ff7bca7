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
  /** Webhook subscriptions of the partnership, their secrets and delivery log. */
  MANAGE_WEBHOOKS = 'manage_webhooks',
  /** Set a decision's case number and KLE number (a case system journalising it). */
  SET_CASE_REFERENCE = 'set_case_reference',
}

/** The permissions an API key can hold, and the scope that grants each. */
const KEY_PERMISSION_SCOPES: Partial<Record<Permission, ApiScope>> = {
  [Permission.UPDATE_ACTION_STATUS]: ApiScope.WRITE_ACTION_ITEM_STATUS,
  [Permission.MANAGE_WEBHOOKS]: ApiScope.MANAGE_WEBHOOKS,
  [Permission.SET_CASE_REFERENCE]: ApiScope.WRITE_CASE_REFERENCES,
};

export const ROLE_PERMISSIONS: Record<AccessRole, Permission[]> = {
  [AccessRole.ADMIN]: Object.values(Permission),
  [AccessRole.COORDINATOR]: [
    Permission.READ_DIRECTORY,
    Permission.MANAGE_DIRECTORY,
    Permission.READ_PARTNERSHIP,
    Permission.MANAGE_PARTNERSHIP,
    Permission.RECORD,
    Permission.UPDATE_ACTION_STATUS,
    Permission.MANAGE_WEBHOOKS,
    Permission.SET_CASE_REFERENCE,
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
  /** Partnerships whose every forum may be read (admin/coordinator roles). */
  wholePartnerships: Set<string>;
  /** Forums where the person has a current seat, with their partnership. */
  seatForums: Map<string, string>;
  /** Forums where the person's current seat records a legal basis for sharing personal information. */
  legalForums: Set<string>;
  /** Organisations the person is currently affiliated with (members update their own actions). */
  organisations: Set<string>;
}

export interface ReadScope {
  /** Every forum of these partnerships. */
  partnerships: string[];
  /** And these single forums. */
  forums: string[];
}

export class Access {
  private grants: Promise<Grants> | null = null;
  private forumPartnerships = new Map<string, string>();

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

  /** One statement for a person's grants: roles, current seats, current organisations. Keys need none. */
  private async loadGrants(): Promise<Grants> {
    const g: Grants = { roles: new Map(), wholePartnerships: new Set(), seatForums: new Map(), legalForums: new Set(), organisations: new Set() };
    const p = this.principal;
    if (p.kind !== 'person') return g;
    const day = this.today();
    const [row]: { roles: unknown; seats: unknown; orgs: unknown }[] = await this.manager.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('partnership_id', partnership_id, 'role', role)), '[]') FROM partnership_access WHERE person_id = $1) AS roles,
         (SELECT coalesce(json_agg(json_build_object('forum_id', s.forum_id, 'partnership_id', f.partnership_id, 'legal', s.legal)), '[]') FROM (
            SELECT forum_id, bool_or(legal_basis IS NOT NULL) AS legal FROM forum_member
             WHERE person_id = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date) GROUP BY forum_id) s
           JOIN forum f ON f.id = s.forum_id) AS seats,
         (SELECT coalesce(json_agg(organisation_id), '[]') FROM affiliation
           WHERE person_id = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date)) AS orgs`,
      [p.personId, day],
    );
    for (const r of row.roles as { partnership_id: string; role: AccessRole }[]) {
      g.roles.set(r.partnership_id, r.role);
      if (READS_ALL_FORUMS.has(r.role)) g.wholePartnerships.add(r.partnership_id);
    }
    for (const s of row.seats as { forum_id: string; partnership_id: string; legal: boolean }[]) {
      g.seatForums.set(s.forum_id, s.partnership_id);
      this.forumPartnerships.set(s.forum_id, s.partnership_id);
      if (s.legal) g.legalForums.add(s.forum_id);
    }
    for (const o of row.orgs as string[]) g.organisations.add(o);
    return g;
  }

  /** Partnerships the principal may read (null: all, for the system). */
  async readablePartnerships(): Promise<string[] | null> {
    if (this.isSystem) return null;
    const p = this.principal;
    if (p.kind === 'apiKey') return p.partnershipIds;
    const g = await this.load();
    return [...new Set([...g.roles.keys(), ...g.seatForums.values()])];
  }

  /**
   * Which forums' record of a kind may be read: whole partnerships (roles that read every forum,
   * API keys with the scope) plus single forums (seats elsewhere). Null: everything (the system).
   */
  async readScope(kind: RecordKind): Promise<ReadScope | null> {
    if (this.isSystem) return null;
    const p = this.principal;
    if (p.kind === 'apiKey') {
      // A key that may change action items' status may read those action items.
      const ok = p.scopes.includes(SCOPE_OF[kind]) || (kind === 'actionItems' && p.scopes.includes(ApiScope.WRITE_ACTION_ITEM_STATUS));
      return { partnerships: ok ? p.partnershipIds : [], forums: [] };
    }
    if (p.kind !== 'person') return { partnerships: [], forums: [] };
    const g = await this.load();
    return { partnerships: [...g.wholePartnerships], forums: [...g.seatForums.keys()].filter((f) => !g.wholePartnerships.has(g.seatForums.get(f)!)) };
  }

  /** The partnership of each forum (cached for the request). */
  async partnershipsOfForums(forumIds: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(forumIds)].filter((f) => !this.forumPartnerships.has(f));
    if (missing.length) {
      const rows: { id: string; partnership_id: string }[] = await this.manager.query(
        'SELECT id::text, partnership_id::text FROM forum WHERE id = ANY($1::uuid[])',
        [missing],
      );
      for (const r of rows) this.forumPartnerships.set(r.id, r.partnership_id);
    }
    return this.forumPartnerships;
  }

  /** May records of this kind in this forum (of this partnership, when known) be read? */
  async canReadForum(forumId: string, kind: RecordKind, partnershipId?: string | null): Promise<boolean> {
    const scope = await this.readScope(kind);
    if (scope === null || scope.forums.includes(forumId)) return true;
    if (!scope.partnerships.length) return false;
    const pid = partnershipId ?? (await this.partnershipsOfForums([forumId])).get(forumId);
    return !!pid && scope.partnerships.includes(pid);
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
      const scope = KEY_PERMISSION_SCOPES[permission];
      if (!scope || !p.scopes.includes(scope)) return false;
      return partnershipId === null || p.partnershipIds.includes(partnershipId);
    }
    if (p.kind !== 'person') return false;
    const g = await this.load();
    const roles = partnershipId === null ? [...g.roles.values()] : [g.roles.get(partnershipId)].filter((r): r is AccessRole => !!r);
    return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
  }

  /** Partnerships where the principal holds the permission (null: all, for the system). */
  async partnershipsWith(permission: Permission): Promise<string[] | null> {
    const p = this.principal;
    if (p.kind === 'system') return null;
    if (p.kind === 'apiKey') return (await this.has(permission, null)) ? p.partnershipIds : [];
    if (p.kind !== 'person') return [];
    const g = await this.load();
    return [...g.roles.entries()].filter(([, r]) => ROLE_PERMISSIONS[r].includes(permission)).map(([pid]) => pid);
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
