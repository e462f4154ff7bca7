/**
 * The OParl export's reads: which partnerships (bodies) a request may see, and one SQL statement per
 * list page or object. Every list is keyset-paginated on a text key (never OFFSET) and filtered by
 * created/modified; nested content (a meeting's agenda items with their decisions, a person's
 * memberships) comes back as JSON in the same statement, so a page costs the same number of
 * statements whatever its size.
 *
 * Confidential agenda items leave the database as neutral stubs: their title, description, notes,
 * decisions and action items are never selected (see agendaItemJson).
 */
import { Ctx } from '../context';
import { Sql } from '../common/pagination';

/** What a request may read of one partnership: 'all', 'none', or the forums it has seats in. */
export type Grant = 'all' | 'none' | { forums: string[] };

export interface BodyRow {
  key: string;
  created: Date;
  modified: Date;
  deleted: Date | null;
  name: string;
  area: string;
  purpose: string;
  oparl_public: boolean;
}

export interface BodyView {
  body: BodyRow;
  meetings: Grant;
  decisions: Grant;
  actionItems: Grant;
  /** Contact details of people (e-mail, phone): the directory scope. */
  contactDetails: boolean;
}

export interface ListParams {
  after: string | null;
  limit: number;
  createdSince: Date | null;
  createdUntil: Date | null;
  modifiedSince: Date | null;
  modifiedUntil: Date | null;
}

/** Every row of a list or object query starts with these. */
export interface KeyedRow {
  key: string;
  created: Date;
  modified: Date;
  deleted: Date | null;
  [column: string]: unknown;
}

const BODY_COLUMNS = `p.id::text AS key, p.created_at AS created, p.updated_at AS modified, NULL::timestamptz AS deleted,
  p.name, p.area, p.purpose, p.oparl_public`;

/** Published partnerships are read whole; otherwise what the principal's scope for this kind of record reaches. */
function grantOf(scope: { partnerships: string[]; forums: string[] } | null, body: BodyRow): Grant {
  if (body.oparl_public || scope === null || scope.partnerships.includes(body.key)) return 'all';
  return scope.forums.length ? { forums: scope.forums } : 'none';
}

/** SQL predicate: the row (with a forum_id column) is readable under the grant. */
function grantSql(g: Grant, alias: string, sql: Sql): string {
  if (g === 'all') return 'true';
  if (g === 'none') return 'false';
  return `${alias}.forum_id = ANY(${sql.p(g.forums, 'uuid[]')})`;
}

/**
 * One agenda item as JSON. A confidential item keeps only its place on the agenda: the CASEs make
 * sure no text, decision or action item of it is ever read out of the database.
 */
function agendaItemJson(a: string, v: BodyView, sql: Sql): string {
  const decisions = grantSql(v.decisions, a, sql);
  const actions = grantSql(v.actionItems, 'ai', sql);
  return `json_build_object(
    'id', ${a}.id, 'meeting_id', ${a}.meeting_id, 'position', ${a}.position, 'confidential', ${a}.confidential,
    'title', CASE WHEN ${a}.confidential THEN NULL ELSE ${a}.title END,
    'description', CASE WHEN ${a}.confidential THEN NULL ELSE ${a}.description END,
    'outcome_notes', CASE WHEN ${a}.confidential THEN NULL ELSE ${a}.outcome_notes END,
    'kind', CASE WHEN ${a}.confidential THEN NULL ELSE ${a}.kind END,
    'status', CASE WHEN ${a}.confidential THEN NULL ELSE ${a}.status END,
    'carried_over_from_id', ${a}.carried_over_from_id,
    'created', ${a}.created_at,
    'modified', greatest(${a}.updated_at, (SELECT max(d.updated_at) FROM decision d WHERE d.agenda_item_id = ${a}.id)),
    'decisions', CASE WHEN ${a}.confidential OR NOT (${decisions}) THEN NULL ELSE (
      SELECT json_agg(json_build_object('text', d.text, 'status', d.status, 'decided_at', d.decided_at, 'case_number', d.case_number,
                                        'kle_number', d.kle_number, 'review_date', d.review_date) ORDER BY d.decided_at, d.id)
        FROM decision d WHERE d.agenda_item_id = ${a}.id AND NOT d.confidential) END,
    'action_items', CASE WHEN ${a}.confidential THEN NULL ELSE (
      SELECT json_agg(ai.id ORDER BY ai.due_date, ai.id) FROM action_item ai
       WHERE ai.agenda_item_id = ${a}.id AND NOT ai.confidential AND ${actions}) END)`;
}

/** Organisations that belong to a body: its member organisations, those its forum members act for, and assignees of its action items. */
function bodyOrganisations(pid: string): string {
  return `(SELECT pm.organisation_id FROM partnership_member pm WHERE pm.partnership_id = ${pid}
     UNION SELECT bfm.organisation_id FROM forum_member bfm JOIN forum bf ON bf.id = bfm.forum_id WHERE bf.partnership_id = ${pid}
     UNION SELECT bai.assignee_organisation_id FROM action_item bai WHERE bai.partnership_id = ${pid} AND NOT bai.confidential)`;
}

/** People that belong to a body: its forums' members, and people recorded present at meetings the reader may see. */
function bodyPersons(pid: string, v: BodyView, sql: Sql): string {
  return `(SELECT bfm.person_id FROM forum_member bfm JOIN forum bf ON bf.id = bfm.forum_id WHERE bf.partnership_id = ${pid}
     UNION SELECT bat.person_id FROM attendance bat JOIN meeting bm ON bm.id = bat.meeting_id
      WHERE bm.partnership_id = ${pid} AND bat.person_id IS NOT NULL AND ${grantSql(v.meetings, 'bm', sql)})`;
}

/** A list of keyed rows: `inner` selects key, created, modified, deleted (and any extra columns); `detail` reads the page from CTE `k`. */
interface Query {
  inner: string;
  detail: string;
}

export class OparlReader {
  constructor(private ctx: Ctx) {}

  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.ctx.manager.query(text, params);
  }

  /** Run a keyed query as one list page (limit + 1 rows, to know whether there is a next page). */
  private async page(sql: Sql, q: Query, p: ListParams): Promise<{ rows: KeyedRow[]; more: boolean }> {
    const where: string[] = [];
    if (p.after !== null) where.push(`k0.key > ${sql.p(p.after, 'text')}`);
    if (p.createdSince) where.push(`k0.created >= ${sql.p(p.createdSince, 'timestamptz')}`);
    if (p.createdUntil) where.push(`k0.created <= ${sql.p(p.createdUntil, 'timestamptz')}`);
    if (p.modifiedSince) where.push(`k0.modified >= ${sql.p(p.modifiedSince, 'timestamptz')}`);
    if (p.modifiedUntil) where.push(`k0.modified <= ${sql.p(p.modifiedUntil, 'timestamptz')}`);
    // Deleted objects are news only to a client updating its copy (modified_since); a full harvest skips them.
    if (!p.modifiedSince) where.push('k0.deleted IS NULL');
    const text = `WITH k AS (SELECT * FROM (${q.inner}) k0 ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY k0.key LIMIT ${sql.p(p.limit + 1, 'int')}) ${q.detail}`;
    const rows = await this.query<KeyedRow>(text, sql.params);
    const more = rows.length > p.limit;
    return { rows: more ? rows.slice(0, p.limit) : rows, more };
  }

  /** Run a keyed query for one object. */
  private async one(sql: Sql, q: Query, key: string): Promise<KeyedRow | null> {
    const text = `WITH k AS (SELECT * FROM (${q.inner}) k0 WHERE k0.key = ${sql.p(key, 'text')}) ${q.detail}`;
    const rows = await this.query<KeyedRow>(text, sql.params);
    return rows[0] ?? null;
  }

  private run(sql: Sql, q: Query, target: ListParams | string) {
    return typeof target === 'string' ? this.one(sql, q, target).then((r) => ({ rows: r ? [r] : [], more: false })) : this.page(sql, q, target);
  }

  // ---------------------------------------------------------------- bodies and access

  /** Partnerships the request may see here: the published ones, and those its key or roles reach. */
  async bodies(p: ListParams) {
    const readable = await this.ctx.access.readablePartnerships();
    const sql = new Sql();
    const visible = readable === null ? 'true' : `(p.oparl_public OR p.id = ANY(${sql.p(readable, 'uuid[]')}))`;
    return this.page(sql, { inner: `SELECT ${BODY_COLUMNS} FROM partnership p WHERE ${visible}`, detail: 'SELECT * FROM k ORDER BY key' }, p);
  }

  /** One body and what the request may read of it; null when it does not exist or may not be seen. */
  async body(id: string): Promise<BodyView | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
    const [body] = await this.query<BodyRow>(`SELECT ${BODY_COLUMNS} FROM partnership p WHERE p.id = $1`, [id]);
    if (!body) return null;
    const a = this.ctx.access;
    const visible = body.oparl_public || (await a.canReadPartnership(body.key));
    if (!visible) return null;
    return {
      body,
      meetings: grantOf(await a.readScope('meetings'), body),
      decisions: grantOf(await a.readScope('decisions'), body),
      actionItems: grantOf(await a.readScope('actionItems'), body),
      contactDetails: this.ctx.principal.kind !== 'anonymous' && a.canReadDirectory(),
    };
  }

  // ---------------------------------------------------------------- organisations (forums and organisations)

  organizations(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const orgs = bodyOrganisations(pid);
    const inner = `
      SELECT 'f' || f.id::text AS key, f.created_at AS created,
             greatest(f.updated_at, (SELECT max(fm.updated_at) FROM forum_member fm WHERE fm.forum_id = f.id)) AS modified,
             NULL::timestamptz AS deleted
        FROM forum f WHERE f.partnership_id = ${pid}
      UNION ALL
      SELECT 'o' || o.id::text, o.created_at,
             greatest(o.updated_at, (SELECT max(pm.updated_at) FROM partnership_member pm WHERE pm.partnership_id = ${pid} AND pm.organisation_id = o.id)),
             NULL::timestamptz
        FROM organisation o WHERE o.id IN ${orgs}`;
    const detail = `
      SELECT k.*, f.id AS forum_id, f.name AS forum_name, f.level, f.mandate,
             (SELECT json_agg(fm.id ORDER BY fm.starts_on, fm.id) FROM forum_member fm WHERE fm.forum_id = f.id) AS forum_memberships,
             o.id AS organisation_id, o.name AS organisation_name, o.short_name, o.kind, o.active, o.topics,
             CASE WHEN o.parent_id IN ${orgs} THEN o.parent_id END AS parent_id,
             pmx.role AS partnership_role, pmx.starts_on, pmx.ends_on
        FROM k
        LEFT JOIN forum f ON left(k.key, 1) = 'f' AND f.id = substr(k.key, 2)::uuid
        LEFT JOIN organisation o ON left(k.key, 1) = 'o' AND o.id = substr(k.key, 2)::uuid
        LEFT JOIN LATERAL (
          SELECT (array_agg(pm.role ORDER BY pm.starts_on DESC))[1]::text AS role, min(pm.starts_on)::text AS starts_on,
                 CASE WHEN bool_or(pm.ends_on IS NULL) THEN NULL ELSE max(pm.ends_on)::text END AS ends_on
            FROM partnership_member pm WHERE pm.partnership_id = ${pid} AND pm.organisation_id = o.id) pmx ON o.id IS NOT NULL
       ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }

  // ---------------------------------------------------------------- people and memberships

  private membershipJson(fm: string) {
    return `json_build_object('id', ${fm}.id, 'person_id', ${fm}.person_id, 'forum_id', ${fm}.forum_id, 'organisation_id', ${fm}.organisation_id,
      'role', ${fm}.role, 'starts_on', ${fm}.starts_on::text, 'ends_on', ${fm}.ends_on::text, 'created', ${fm}.created_at, 'modified', ${fm}.updated_at)`;
  }

  persons(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const inner = `
      SELECT p.id::text AS key, p.created_at AS created,
             greatest(p.updated_at, (SELECT max(fm.updated_at) FROM forum_member fm JOIN forum f ON f.id = fm.forum_id
                                      WHERE fm.person_id = p.id AND f.partnership_id = ${pid})) AS modified,
             p.erased_at AS deleted
        FROM person p WHERE p.id IN ${bodyPersons(pid, v, sql)}`;
    const contact = v.contactDetails ? 'p.email, p.phone' : 'NULL::text AS email, NULL::text AS phone';
    const detail = `
      SELECT k.*, p.name, p.title, ${contact},
             (SELECT json_agg(${this.membershipJson('fm')} ORDER BY fm.starts_on, fm.id)
                FROM forum_member fm JOIN forum f ON f.id = fm.forum_id WHERE fm.person_id = p.id AND f.partnership_id = ${pid}) AS memberships
        FROM k JOIN person p ON p.id = k.key::uuid ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }

  memberships(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const inner = `
      SELECT fm.id::text AS key, fm.created_at AS created, fm.updated_at AS modified, NULL::timestamptz AS deleted
        FROM forum_member fm JOIN forum f ON f.id = fm.forum_id WHERE f.partnership_id = ${pid}`;
    const detail = `SELECT k.*, ${this.membershipJson('fm')} AS j FROM k JOIN forum_member fm ON fm.id = k.key::uuid ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }

  // ---------------------------------------------------------------- meetings, agenda items, locations

  /** Meetings of the body (or of one forum). `modified` covers what a meeting embeds: agenda items, decisions, attendance, action item links. */
  meetings(v: BodyView, target: ListParams | string, forumId?: string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const forum = forumId ? ` AND m.forum_id = ${sql.p(forumId, 'uuid')}` : '';
    const inner = `
      SELECT m.id::text AS key, m.created_at AS created,
             greatest(m.updated_at,
                      (SELECT max(a.updated_at) FROM agenda_item a WHERE a.meeting_id = m.id),
                      (SELECT max(d.updated_at) FROM decision d WHERE d.meeting_id = m.id),
                      (SELECT max(at.updated_at) FROM attendance at WHERE at.meeting_id = m.id),
                      (SELECT max(ai.created_at) FROM action_item ai WHERE ai.meeting_id = m.id)) AS modified,
             NULL::timestamptz AS deleted
        FROM meeting m WHERE m.partnership_id = ${pid} AND ${grantSql(v.meetings, 'm', sql)}${forum}`;
    const detail = `
      SELECT k.*, m.forum_id, m.title, m.starts_at, m.ends_at, m.location, md5(m.location) AS location_key, m.status, m.kind,
             m.cancellation_reason, m.minutes_status,
             (SELECT json_agg(${agendaItemJson('a', v, sql)} ORDER BY a.position, a.id) FROM agenda_item a WHERE a.meeting_id = m.id) AS agenda,
             (SELECT json_agg(DISTINCT at.person_id) FROM attendance at
               WHERE at.meeting_id = m.id AND at.status = 'present' AND at.person_id IS NOT NULL) AS participants,
             (SELECT json_agg(ai.id ORDER BY ai.due_date, ai.id) FROM action_item ai
               WHERE ai.meeting_id = m.id AND NOT ai.confidential AND ${grantSql(v.actionItems, 'ai', sql)}) AS action_items
        FROM k JOIN meeting m ON m.id = k.key::uuid ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }

  agendaItems(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const inner = `
      SELECT a.id::text AS key, a.created_at AS created,
             greatest(a.updated_at, (SELECT max(d.updated_at) FROM decision d WHERE d.agenda_item_id = a.id)) AS modified,
             NULL::timestamptz AS deleted
        FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE m.partnership_id = ${pid} AND ${grantSql(v.meetings, 'm', sql)}`;
    const detail = `SELECT k.*, ${agendaItemJson('a', v, sql)} AS j FROM k JOIN agenda_item a ON a.id = k.key::uuid ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }

  /** Places where the body's meetings were held, one per distinct text (its key: the text's MD5). */
  locations(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const inner = `
      SELECT md5(m.location) AS key, min(m.created_at) AS created, max(m.updated_at) AS modified, NULL::timestamptz AS deleted,
             m.location AS description
        FROM meeting m WHERE m.partnership_id = ${pid} AND m.location IS NOT NULL AND ${grantSql(v.meetings, 'm', sql)}
       GROUP BY m.location`;
    return this.run(sql, { inner, detail: 'SELECT * FROM k ORDER BY key' }, target);
  }

  // ---------------------------------------------------------------- action items (vendor type)

  actionItems(v: BodyView, target: ListParams | string) {
    const sql = new Sql();
    const pid = sql.p(v.body.key, 'uuid');
    const inner = `
      SELECT ai.id::text AS key, ai.created_at AS created, ai.updated_at AS modified, NULL::timestamptz AS deleted
        FROM action_item ai WHERE ai.partnership_id = ${pid} AND NOT ai.confidential AND ${grantSql(v.actionItems, 'ai', sql)}`;
    const detail = `
      SELECT k.*, ai.title, ai.description, ai.status, ai.origin, ai.due_date::text AS due_date, ai.closed_at,
             ai.assignee_organisation_id, ai.meeting_id, ai.agenda_item_id, m.forum_id
        FROM k JOIN action_item ai ON ai.id = k.key::uuid JOIN meeting m ON m.id = ai.meeting_id ORDER BY k.key`;
    return this.run(sql, { inner, detail }, target);
  }
}
