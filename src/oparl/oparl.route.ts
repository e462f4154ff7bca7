/**
 * OParl 1.1 export: a read-only JSON API under /oparl/v1/ for council-information clients and
 * harvesters. System → bodies (partnerships) → organisations, people, memberships, meetings, agenda
 * items, locations, and the vendor type ActionItem. See README, "OParl export".
 *
 * Access: a partnership that opted in (`oparlPublic`) is readable by anyone; otherwise only with
 * credentials (API key or login) that reach it, scoped like the GraphQL API (read:meetings,
 * read:decisions, read:action_items, read:directory). Confidential content is never exported.
 */
import http from 'node:http';
import { DataSource } from 'typeorm';
import { createContext } from '../context';
import { ANONYMOUS, Principal, principalKey } from '../auth/principal';
import { RateLimiter, rateLimitedResponse, rateLimitHeaders, rateLimitKey } from '../http/protection';
import { DomainError } from '../common/errors';
import { HttpRoute, sendJson } from '../server';
import { BodyView, KeyedRow, ListParams, OparlReader } from './oparl.service';
import { ACTION_ITEM_SCHEMA, OparlMapper, Urls } from './oparl.mapping';

export const OPARL_PREFIX = '/oparl/v1';
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface OparlRouteOptions {
  dataSource: DataSource;
  authenticate?: (headers: http.IncomingHttpHeaders) => Promise<Principal>;
  /** Public base URL the ids are built on (OPARL_BASE_URL), e.g. https://record.example.dk; default: from the request's Host. */
  baseUrl?: string;
  timeZone?: string;
  /** Requests count against the same per-person/key/IP budget as /graphql (main.ts passes one); none in most tests. */
  rateLimiter?: RateLimiter;
}

class BadRequest extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;

/** A full date-time; a `+` sent unencoded arrives as a space, which is taken back. */
function parseDateTime(name: string, raw: string | null): Date | null {
  if (raw === null) return null;
  const v = raw.trim().replace(/ (\d\d:?\d\d)$/, '+$1');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(v) || Number.isNaN(Date.parse(v))) {
    throw new BadRequest(`${name} must be a date-time with a time zone, e.g. 2026-01-01T00:00:00+01:00`);
  }
  return new Date(v);
}

export function parseListParams(q: URLSearchParams): ListParams {
  const rawLimit = q.get('limit') ?? q.get('elementsPerPage');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) throw new BadRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    limit = Math.min(limit, MAX_LIMIT);
  }
  const after = q.get('after');
  if (after !== null && (after.length > 100 || !/^[0-9a-z-]+$/.test(after))) throw new BadRequest('after is not a cursor of this list');
  return {
    after,
    limit,
    createdSince: parseDateTime('created_since', q.get('created_since')),
    createdUntil: parseDateTime('created_until', q.get('created_until')),
    modifiedSince: parseDateTime('modified_since', q.get('modified_since')),
    modifiedUntil: parseDateTime('modified_until', q.get('modified_until')),
  };
}

function hostBase(req: http.IncomingMessage): string {
  const host = typeof req.headers.host === 'string' && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(req.headers.host) ? req.headers.host : 'localhost';
  const tls = (req.socket as { encrypted?: boolean }).encrypted;
  return `${tls ? 'https' : 'http'}://${host}`;
}

type Lister = (r: OparlReader, v: BodyView, target: ListParams | string) => Promise<{ rows: KeyedRow[]; more: boolean }>;
type Mapper = (m: OparlMapper, pid: string, row: KeyedRow) => Record<string, unknown>;

/** The lists of a body and how each row becomes an OParl object. */
const LISTS: Record<string, { list: Lister; map: Mapper }> = {
  organizations: { list: (r, v, t) => r.organizations(v, t), map: (m, pid, row) => m.organization(pid, row) },
  persons: { list: (r, v, t) => r.persons(v, t), map: (m, pid, row) => m.person(pid, row) },
  memberships: { list: (r, v, t) => r.memberships(v, t), map: (m, pid, row) => m.membership(pid, row.j as Record<string, unknown>) },
  meetings: { list: (r, v, t) => r.meetings(v, t), map: (m, pid, row) => m.meeting(pid, row) },
  'agenda-items': { list: (r, v, t) => r.agendaItems(v, t), map: (m, pid, row) => m.agendaItem(pid, row.j as Record<string, unknown>) },
  locations: { list: (r, v, t) => r.locations(v, t), map: (m, pid, row) => m.location(pid, row.key, row.description as string, row) },
  'action-items': { list: (r, v, t) => r.actionItems(v, t), map: (m, pid, row) => m.actionItem(pid, row) },
};

/** Single objects of a body: path segment → list it is read from, and its key from the id in the URL. */
const OBJECTS: Record<string, { list: string; key: (id: string) => string | null }> = {
  forum: { list: 'organizations', key: (id) => (UUID.test(id) ? `f${id}` : null) },
  organization: { list: 'organizations', key: (id) => (UUID.test(id) ? `o${id}` : null) },
  person: { list: 'persons', key: (id) => (UUID.test(id) ? id : null) },
  membership: { list: 'memberships', key: (id) => (UUID.test(id) ? id : null) },
  meeting: { list: 'meetings', key: (id) => (UUID.test(id) ? id : null) },
  'agenda-item': { list: 'agenda-items', key: (id) => (UUID.test(id) ? id : null) },
  location: { list: 'locations', key: (id) => (/^[0-9a-f]{32}$/.test(id) ? id : null) },
  'action-item': { list: 'action-items', key: (id) => (UUID.test(id) ? id : null) },
};

export class OparlRoute implements HttpRoute {
  name = 'oparl';

  constructor(private opts: OparlRouteOptions) {}

  matches(url: URL): boolean {
    return url.pathname === OPARL_PREFIX || url.pathname.startsWith(`${OPARL_PREFIX}/`);
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    // Public data by design (for published partnerships): any origin may read it; credentials go in headers, never cookies.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, x-api-key');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD, OPTIONS' });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD, OPTIONS');
      return sendJson(res, 405, { error: 'The OParl export is read-only: use GET' });
    }
    let principal: Principal = ANONYMOUS;
    try {
      if (this.opts.authenticate) principal = await this.opts.authenticate(req.headers);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'UNAUTHENTICATED') {
        res.setHeader('www-authenticate', 'Bearer');
        return sendJson(res, 401, { error: e.message });
      }
      throw e;
    }
    if (this.opts.rateLimiter) {
      const rl = await this.opts.rateLimiter.consume(rateLimitKey(principalKey(principal), req.socket.remoteAddress));
      if (!rl.allowed) {
        const refusal = rateLimitedResponse(rl);
        for (const [k, v] of Object.entries(refusal.headers)) res.setHeader(k, v);
        return sendJson(res, refusal.status, { error: `Too many requests: retry in ${rl.resetSec} s` });
      }
      for (const [k, v] of Object.entries(rateLimitHeaders(rl))) res.setHeader(k, v);
    }
    const base = (this.opts.baseUrl ?? hostBase(req)).replace(/\/+$/, '');
    const urls = new Urls(`${base}${OPARL_PREFIX}`);
    const ctx = createContext(this.opts.dataSource, { principal, timeZone: this.opts.timeZone });
    const reader = new OparlReader(ctx);
    const mapper = new OparlMapper(urls);
    try {
      const body = await this.dispatch(url, urls, reader, mapper);
      if (body === null) return sendJson(res, 404, { error: 'Not found (or not published in the OParl export)' });
      res.setHeader('cache-control', principal.kind === 'anonymous' ? 'public, max-age=60' : 'private, no-store');
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end();
      }
      return sendJson(res, 200, body);
    } catch (e) {
      if (e instanceof BadRequest) return sendJson(res, 400, { error: e.message });
      throw e;
    }
  }

  private async dispatch(url: URL, urls: Urls, reader: OparlReader, mapper: OparlMapper): Promise<unknown | null> {
    const parts = url.pathname.slice(OPARL_PREFIX.length).split('/').filter(Boolean);
    if (parts.length === 0) return mapper.system();
    if (parts.length === 2 && parts[0] === 'schema' && parts[1] === 'ActionItem.json') return ACTION_ITEM_SCHEMA;
    if (parts.length === 1 && parts[0] === 'bodies') {
      const p = parseListParams(url.searchParams);
      const page = await reader.bodies(p);
      return listPage(url, urls.bodies(), p, page, (row) => mapper.body(row));
    }
    if (parts[0] !== 'body' || parts.length < 2) return null;
    const view = await reader.body(parts[1]);
    if (!view) return null;
    const pid = view.body.key;
    const rest = parts.slice(2);
    if (rest.length === 0) return mapper.body(view.body);
    if (rest.length === 1) {
      const p = parseListParams(url.searchParams);
      if (rest[0] === 'papers') return listPage(url, urls.body(pid, '/papers'), p, { rows: [], more: false }, () => ({}));
      const l = LISTS[rest[0]];
      if (!l) return null;
      const page = await l.list(reader, view, p);
      return listPage(url, urls.body(pid, `/${rest[0]}`), p, page, (row) => l.map(mapper, pid, row));
    }
    if (rest.length === 3 && rest[0] === 'forum' && rest[2] === 'meetings' && UUID.test(rest[1])) {
      const p = parseListParams(url.searchParams);
      // A forum of another body has no meetings here: 404, not an empty list.
      if (!(await reader.organizations(view, `f${rest[1]}`)).rows.length) return null;
      const page = await reader.meetings(view, p, rest[1]);
      return listPage(url, urls.body(pid, `/forum/${rest[1]}/meetings`), p, page, (row) => mapper.meeting(pid, row));
    }
    if (rest.length === 2) {
      const o = OBJECTS[rest[0]];
      const key = o?.key(rest[1]);
      if (!o || !key) return null;
      const l = LISTS[o.list];
      const { rows } = await l.list(reader, view, key);
      return rows.length ? l.map(mapper, pid, rows[0]) : null;
    }
    return null;
  }
}

/** An OParl list page: data, pagination and links (next only while there is more). */
function listPage(
  url: URL,
  listUrl: string,
  p: ListParams,
  page: { rows: KeyedRow[]; more: boolean },
  map: (row: KeyedRow) => Record<string, unknown>,
) {
  const query = (after: string | null) => {
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = url.searchParams.get(f);
      if (v !== null) q.set(f, v);
    }
    if (url.searchParams.has('limit') || url.searchParams.has('elementsPerPage')) q.set('limit', String(p.limit));
    if (after !== null) q.set('after', after);
    const s = q.toString();
    return s ? `${listUrl}?${s}` : listUrl;
  };
  const last = page.rows[page.rows.length - 1];
  return {
    data: page.rows.map(map),
    pagination: { elementsPerPage: p.limit },
    links: {
      first: query(null),
      self: query(p.after),
      ...(page.more && last ? { next: query(last.key) } : {}),
    },
  };
}
