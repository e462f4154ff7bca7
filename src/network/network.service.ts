/**
 * The partnership as a network, optionally as of a date: organisations, forums and joint activities as
 * nodes; forum memberships (seats on behalf of an organisation), participation in activities and
 * activities' reporting lines as edges. Measures (degree, betweenness centrality) come from graphology
 * and graphology-metrics; the graph is exported as graphology's JSON and as GraphML.
 */
import Graph from 'graphology';
import type betweennessModule from 'graphology-metrics/centrality/betweenness';
import type { create as createXml } from 'xmlbuilder2';
import { Ctx, today } from '../context';
import { ForbiddenError } from '../auth/access';
import { NotFoundError } from '../common/errors';
import { checkDate, isUuid } from '../common/validate';
import { ForumLevel } from '../forum/forum.entity';

export interface OrgNode {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  forumIds: string[];
  activityIds: string[];
  leads: string[];
  degree: number;
  betweenness: number;
  betweennessNormalized: number;
  bridgesStrategicAndOperational: boolean;
}

export interface ForumGap {
  forumId: string;
  /** Activities reporting to the forum none of whose organisations has a seat in it. */
  activityIds: string[];
}

export interface FallenOut {
  organisationId: string;
  /** The last day of its last seat. */
  lastSeatEndedOn: string;
  forumIds: string[];
}

export interface Network {
  partnershipId: string;
  asOf: string;
  graph: Graph;
  organisations: OrgNode[];
  forums: { id: string; name: string; level: ForumLevel; organisationIds: string[]; activityIds: string[] }[];
  activities: { id: string; name: string; leadOrganisationId: string; forumId: string | null; organisationIds: string[] }[];
  counts: {
    organisations: number;
    forums: number;
    activities: number;
    memberships: number;
    seats: number;
    participations: number;
    reportingLines: number;
    edges: number;
    organisationsInForums: number;
    organisationsInActivities: number;
  };
  gaps: {
    activeWithoutForum: string[];
    forumsWithoutActivityOrganisations: ForumGap[];
    fallenOutOfForums: FallenOut[];
  };
}

const on = (alias: string) => `${alias}.starts_on <= $2::date AND (${alias}.ends_on IS NULL OR ${alias}.ends_on >= $2::date)`;

/** Node keys in the graph (and the GraphML/JSON exports): `organisation:<uuid>`, `forum:<uuid>`, `activity:<uuid>`. */
export const nodeKey = (type: 'organisation' | 'forum' | 'activity', id: string) => `${type}:${id}`;

/** May the request read this partnership's network (its partnership record and the directory)? */
export async function requireNetworkReader(ctx: Ctx, partnershipId: string, field = 'partnershipId'): Promise<void> {
  ctx.access.requireAuthenticated();
  if (!isUuid(partnershipId)) throw new NotFoundError('Partnership', partnershipId, field);
  const [p] = await ctx.manager.query('SELECT 1 FROM partnership WHERE id = $1', [partnershipId]);
  if (!p || !(await ctx.access.canReadPartnership(partnershipId))) throw new NotFoundError('Partnership', partnershipId, field);
  if (!ctx.access.canReadDirectory()) throw new ForbiddenError('Not allowed: the network names organisations and needs the directory (API keys: scope read:directory)');
}

export async function buildNetwork(ctx: Ctx, partnershipId: string, asOf?: string | null): Promise<Network> {
  await requireNetworkReader(ctx, partnershipId);
  const day = asOf ? checkDate('asOf', asOf) : today(ctx);
  const params = [partnershipId, day];
  const [forums, seats, activities, participants, orgs, former]: any[][] = await Promise.all([
    ctx.manager.query(
      `SELECT id::text, name, level::text FROM forum WHERE partnership_id = $1 AND created_at::date <= $2::date ORDER BY name, id`,
      params,
    ),
    ctx.manager.query(
      `SELECT fm.forum_id::text, fm.organisation_id::text, count(*)::int AS seats, array_agg(DISTINCT fm.role::text) AS roles
         FROM forum_member fm JOIN forum f ON f.id = fm.forum_id
        WHERE f.partnership_id = $1 AND f.created_at::date <= $2::date AND ${on('fm')}
        GROUP BY 1, 2`,
      params,
    ),
    ctx.manager.query(
      `SELECT id::text, name, lead_organisation_id::text AS lead, forum_id::text AS forum
         FROM joint_activity ja WHERE partnership_id = $1 AND ${on('ja')} ORDER BY name, id`,
      params,
    ),
    ctx.manager.query(
      `SELECT ap.activity_id::text, ap.organisation_id::text, ap.role::text
         FROM activity_participant ap JOIN joint_activity ja ON ja.id = ap.activity_id
        WHERE ja.partnership_id = $1 AND ${on('ja')}`,
      params,
    ),
    ctx.manager.query(
      `SELECT o.id::text, o.name, o.short_name, o.kind::text FROM organisation o WHERE o.id IN (
          SELECT organisation_id FROM partnership_member pm WHERE pm.partnership_id = $1 AND ${on('pm')}
          UNION SELECT fm.organisation_id FROM forum_member fm JOIN forum f ON f.id = fm.forum_id
                 WHERE f.partnership_id = $1 AND f.created_at::date <= $2::date AND ${on('fm')}
          UNION SELECT ja.lead_organisation_id FROM joint_activity ja WHERE ja.partnership_id = $1 AND ${on('ja')}
          UNION SELECT ap.organisation_id FROM activity_participant ap JOIN joint_activity ja ON ja.id = ap.activity_id
                 WHERE ja.partnership_id = $1 AND ${on('ja')})
        ORDER BY o.name, o.id`,
      params,
    ),
    // Seats that ended before the day, of organisations without a seat on it.
    ctx.manager.query(
      `SELECT fm.organisation_id::text, max(fm.ends_on)::text AS last, array_agg(DISTINCT fm.forum_id::text) AS forums
         FROM forum_member fm JOIN forum f ON f.id = fm.forum_id
        WHERE f.partnership_id = $1 AND fm.ends_on < $2::date
          AND NOT EXISTS (SELECT 1 FROM forum_member c JOIN forum cf ON cf.id = c.forum_id
                           WHERE cf.partnership_id = $1 AND c.organisation_id = fm.organisation_id AND ${on('c')})
        GROUP BY 1 ORDER BY 1`,
      params,
    ),
  ]);

  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.setAttribute('partnershipId', partnershipId);
  graph.setAttribute('asOf', day);
  for (const o of orgs) graph.addNode(nodeKey('organisation', o.id), { type: 'organisation', label: o.shortName ?? o.short_name ?? o.name, name: o.name, kind: o.kind });
  for (const f of forums) graph.addNode(nodeKey('forum', f.id), { type: 'forum', label: f.name, name: f.name, level: f.level });
  for (const a of activities) graph.addNode(nodeKey('activity', a.id), { type: 'activity', label: a.name, name: a.name });
  let seatCount = 0;
  for (const s of seats) {
    seatCount += s.seats;
    graph.addEdge(nodeKey('organisation', s.organisation_id), nodeKey('forum', s.forum_id), { type: 'membership', seats: s.seats, roles: s.roles.sort().join(',') });
  }
  for (const a of activities) {
    graph.addEdge(nodeKey('organisation', a.lead), nodeKey('activity', a.id), { type: 'participation', role: 'lead' });
    if (a.forum && graph.hasNode(nodeKey('forum', a.forum))) graph.addEdge(nodeKey('activity', a.id), nodeKey('forum', a.forum), { type: 'reports_to' });
  }
  for (const p of participants) graph.addEdge(nodeKey('organisation', p.organisation_id), nodeKey('activity', p.activity_id), { type: 'participation', role: p.role });

  // Unweighted (getEdgeWeight: null): "seats" must not be read as a distance.
  // Graph measures and the XML writer are loaded on first use (they are large and rarely needed).
  const betweennessCentrality: typeof betweennessModule = require('graphology-metrics/centrality/betweenness');
  const raw = betweennessCentrality(graph, { normalized: false, getEdgeWeight: null });
  const normalized = betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
  graph.forEachNode((key, attrs) => {
    graph.mergeNodeAttributes(key, { degree: graph.degree(key), betweenness: raw[key] ?? 0, betweennessNormalized: normalized[key] ?? 0 });
    void attrs;
  });

  const levelOf = new Map<string, ForumLevel>(forums.map((f) => [f.id, f.level as ForumLevel]));
  const forumsOf = new Map<string, string[]>();
  const orgsOfForum = new Map<string, Set<string>>();
  for (const s of seats) {
    if (!forumsOf.has(s.organisation_id)) forumsOf.set(s.organisation_id, []);
    forumsOf.get(s.organisation_id)!.push(s.forum_id);
    if (!orgsOfForum.has(s.forum_id)) orgsOfForum.set(s.forum_id, new Set());
    orgsOfForum.get(s.forum_id)!.add(s.organisation_id);
  }
  const activityOrgs = new Map<string, string[]>(activities.map((a) => [a.id, [a.lead]]));
  for (const p of participants) activityOrgs.get(p.activity_id)?.push(p.organisation_id);
  const activitiesOf = new Map<string, string[]>();
  for (const [aid, os] of activityOrgs) for (const o of os) (activitiesOf.get(o) ?? activitiesOf.set(o, []).get(o)!).push(aid);

  const organisations: OrgNode[] = orgs.map((o) => {
    const key = nodeKey('organisation', o.id);
    const fs = forumsOf.get(o.id) ?? [];
    const levels = new Set(fs.map((f) => levelOf.get(f)));
    return {
      id: o.id,
      name: o.name,
      shortName: o.short_name,
      kind: o.kind,
      forumIds: fs,
      activityIds: activitiesOf.get(o.id) ?? [],
      leads: activities.filter((a) => a.lead === o.id).map((a) => a.id),
      degree: graph.degree(key),
      betweenness: raw[key] ?? 0,
      betweennessNormalized: normalized[key] ?? 0,
      bridgesStrategicAndOperational: levels.has(ForumLevel.STRATEGIC) && levels.has(ForumLevel.OPERATIONAL),
    };
  });

  const forumGaps: ForumGap[] = [];
  for (const f of forums) {
    const present = orgsOfForum.get(f.id) ?? new Set<string>();
    const lacking = activities.filter((a) => a.forum === f.id && !activityOrgs.get(a.id)!.some((o) => present.has(o))).map((a) => a.id);
    if (lacking.length) forumGaps.push({ forumId: f.id, activityIds: lacking });
  }

  const nameOf = new Map<string, string>(orgs.map((o) => [o.id, o.name]));
  const byName = (a: string, b: string) => (nameOf.get(a) ?? '').localeCompare(nameOf.get(b) ?? '', 'da') || a.localeCompare(b);
  return {
    partnershipId,
    asOf: day,
    graph,
    organisations,
    forums: forums.map((f) => ({
      id: f.id,
      name: f.name,
      level: f.level,
      organisationIds: [...(orgsOfForum.get(f.id) ?? [])],
      activityIds: activities.filter((a) => a.forum === f.id).map((a) => a.id),
    })),
    activities: activities.map((a) => ({ id: a.id, name: a.name, leadOrganisationId: a.lead, forumId: a.forum, organisationIds: activityOrgs.get(a.id)! })),
    counts: {
      organisations: orgs.length,
      forums: forums.length,
      activities: activities.length,
      memberships: seats.length,
      seats: seatCount,
      participations: activities.length + participants.length,
      reportingLines: graph.filterEdges((_e, attrs) => attrs.type === 'reports_to').length,
      edges: graph.size,
      organisationsInForums: forumsOf.size,
      organisationsInActivities: activitiesOf.size,
    },
    gaps: {
      activeWithoutForum: [...activitiesOf.keys()].filter((o) => !forumsOf.has(o)).sort(byName),
      forumsWithoutActivityOrganisations: forumGaps,
      fallenOutOfForums: former.map((r) => ({ organisationId: r.organisation_id, lastSeatEndedOn: r.last, forumIds: r.forums })),
    },
  };
}

/** graphology's serialisation (nodes with attributes, undirected edges): what sigma.js and graphology load directly. */
export function graphJson(n: Network): Record<string, unknown> {
  return n.graph.export() as unknown as Record<string, unknown>;
}

const NODE_KEYS: [string, 'string' | 'int' | 'double'][] = [
  ['label', 'string'],
  ['type', 'string'],
  ['name', 'string'],
  ['kind', 'string'],
  ['level', 'string'],
  ['degree', 'int'],
  ['betweenness', 'double'],
  ['betweennessNormalized', 'double'],
];
const EDGE_KEYS: [string, 'string' | 'int' | 'double'][] = [
  ['type', 'string'],
  ['role', 'string'],
  ['roles', 'string'],
  ['seats', 'int'],
];

/**
 * GraphML (http://graphml.graphdrawing.org) for Gephi, yEd, networkx and igraph: one undirected simple
 * graph; node ids are the keys `organisation:<uuid>` etc.; betweenness is written as computed here
 * (unnormalised, each pair counted once: networkx's `normalized=False`) and normalised (networkx's default).
 */
export function graphml(n: Network): string {
  const create: typeof createXml = require('xmlbuilder2').create;
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', {
    xmlns: 'http://graphml.graphdrawing.org/xmlns',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  for (const [name, type] of NODE_KEYS) doc.ele('key', { id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type }).up();
  for (const [name, type] of EDGE_KEYS) doc.ele('key', { id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type }).up();
  const g = doc.ele('graph', { id: `partnership:${n.partnershipId}@${n.asOf}`, edgedefault: 'undirected' });
  n.graph.forEachNode((key, attrs) => {
    const node = g.ele('node', { id: key });
    for (const [name] of NODE_KEYS) if (attrs[name] != null) node.ele('data', { key: `n_${name}` }).txt(String(attrs[name])).up();
  });
  let i = 0;
  n.graph.forEachEdge((_e, attrs, source, target) => {
    const edge = g.ele('edge', { id: `e${i++}`, source, target });
    for (const [name] of EDGE_KEYS) if (attrs[name] != null) edge.ele('data', { key: `e_${name}` }).txt(String(attrs[name])).up();
  });
  return doc.end({ prettyPrint: true });
}
