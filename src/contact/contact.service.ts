/**
 * Whom to contact: search a partnership's organisations, people, forums and activities by topic,
 * target group and area, and return current contacts (current affiliations, seats and activities only)
 * ranked, each with the reasons it matched.
 */
import { Ctx, today } from '../context';
import { InputError } from '../common/errors';
import { requireNetworkReader } from '../network/network.service';

export enum ReasonKind {
  LEADS_ACTIVITY = 'leads_activity',
  TAKES_PART_IN_ACTIVITY = 'takes_part_in_activity',
  ORGANISATION_TOPIC = 'organisation_topic',
  FORUM_SEAT = 'forum_seat',
  ROLE = 'role',
}

export const REASON_WEIGHT: Record<ReasonKind, number> = {
  [ReasonKind.LEADS_ACTIVITY]: 5,
  [ReasonKind.ORGANISATION_TOPIC]: 4,
  [ReasonKind.TAKES_PART_IN_ACTIVITY]: 3,
  [ReasonKind.ROLE]: 3,
  [ReasonKind.FORUM_SEAT]: 2,
};

export interface Reason {
  kind: ReasonKind;
  text: string;
  activityId?: string | null;
  forumId?: string | null;
  weight: number;
}

export interface Contact {
  personId: string;
  organisationId: string;
  role: string | null;
  isContact: boolean;
  score: number;
  reasons: Reason[];
  name: string;
}

export interface Directory {
  day: string;
  orgs: Map<string, { id: string; name: string; kind: string; topics: string[] }>;
  /** Current affiliations of people (not erased) with the partnership's organisations. */
  people: { personId: string; name: string; title: string | null; organisationId: string; role: string | null; isContact: boolean }[];
  seats: { personId: string; organisationId: string; forumId: string; forumName: string; mandate: string; level: string; role: string }[];
  activities: { id: string; name: string; description: string; topics: string[]; targetGroup: string; area: string; lead: string; forumId: string | null; participants: { organisationId: string; role: string }[] }[];
}

/** The partnership's current directory on a day, in four statements. */
export async function loadDirectory(ctx: Ctx, partnershipId: string, day = today(ctx)): Promise<Directory> {
  const on = (a: string) => `${a}.starts_on <= $2::date AND (${a}.ends_on IS NULL OR ${a}.ends_on >= $2::date)`;
  const p = [partnershipId, day];
  const [activities, seats, orgs] = await Promise.all([
    ctx.manager.query(
      `SELECT ja.id::text, ja.name, ja.description, ja.topics, ja.target_group, ja.area, ja.lead_organisation_id::text AS lead, ja.forum_id::text AS forum,
              coalesce((SELECT json_agg(json_build_object('organisationId', ap.organisation_id, 'role', ap.role)) FROM activity_participant ap WHERE ap.activity_id = ja.id), '[]') AS participants
         FROM joint_activity ja WHERE ja.partnership_id = $1 AND ja.status <> 'ended' AND ${on('ja')}`,
      p,
    ),
    ctx.manager.query(
      `SELECT fm.person_id::text, fm.organisation_id::text, f.id::text AS forum_id, f.name, f.mandate, f.level::text, fm.role::text
         FROM forum_member fm JOIN forum f ON f.id = fm.forum_id JOIN person pe ON pe.id = fm.person_id
        WHERE f.partnership_id = $1 AND pe.erased_at IS NULL AND ${on('fm')}
          AND EXISTS (SELECT 1 FROM affiliation af WHERE af.person_id = fm.person_id AND af.organisation_id = fm.organisation_id AND ${on('af')})`,
      p,
    ),
    ctx.manager.query(
      `SELECT o.id::text, o.name, o.kind::text, o.topics FROM organisation o WHERE o.active AND o.id IN (
          SELECT pm.organisation_id FROM partnership_member pm WHERE pm.partnership_id = $1 AND ${on('pm')}
          UNION SELECT ja.lead_organisation_id FROM joint_activity ja WHERE ja.partnership_id = $1 AND ${on('ja')}
          UNION SELECT ap.organisation_id FROM activity_participant ap JOIN joint_activity ja ON ja.id = ap.activity_id WHERE ja.partnership_id = $1 AND ${on('ja')})`,
      p,
    ),
  ]);
  const orgIds = orgs.map((o: { id: string }) => o.id);
  const people = await ctx.manager.query(
    `SELECT af.person_id::text, pe.name, pe.title, af.organisation_id::text, af.role, af.is_contact
       FROM affiliation af JOIN person pe ON pe.id = af.person_id
      WHERE af.organisation_id = ANY($1::uuid[]) AND pe.erased_at IS NULL AND af.starts_on <= $2::date AND (af.ends_on IS NULL OR af.ends_on >= $2::date)`,
    [orgIds, day],
  );
  return {
    day,
    orgs: new Map(orgs.map((o: any) => [o.id, { id: o.id, name: o.name, kind: o.kind, topics: o.topics }])),
    people: people.map((r: any) => ({ personId: r.person_id, name: r.name, title: r.title, organisationId: r.organisation_id, role: r.role, isContact: r.is_contact })),
    seats: seats.map((r: any) => ({ personId: r.person_id, organisationId: r.organisation_id, forumId: r.forum_id, forumName: r.name, mandate: r.mandate, level: r.level, role: r.role })),
    activities: activities.map((a: any) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      topics: a.topics,
      targetGroup: a.target_group,
      area: a.area,
      lead: a.lead,
      forumId: a.forum,
      participants: a.participants,
    })),
  };
}

/** Every word of the query occurs in the text (case-insensitive). */
export function matches(text: string | null | undefined, query: string | null | undefined): boolean {
  if (!query) return true;
  const t = (text ?? '').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => t.includes(w));
}

/**
 * The people to contact for an organisation: its contact persons and whoever sits in the partnership's
 * forums on its behalf; failing those, anyone currently affiliated with it.
 */
export function contactsOf(dir: Directory, organisationId: string): Directory['people'] {
  const seated = new Set(dir.seats.filter((s) => s.organisationId === organisationId).map((s) => s.personId));
  const all = dir.people.filter((p) => p.organisationId === organisationId);
  const chosen = all.filter((p) => p.isContact || seated.has(p.personId));
  return chosen.length ? chosen : all;
}

export class Ranking {
  private byKey = new Map<string, Contact>();
  constructor(private dir: Directory) {}

  add(person: Directory['people'][number], reason: Omit<Reason, 'weight'>, weight = REASON_WEIGHT[reason.kind]) {
    const key = `${person.personId}/${person.organisationId}`;
    let c = this.byKey.get(key);
    if (!c) {
      c = { personId: person.personId, organisationId: person.organisationId, role: person.role, isContact: person.isContact, score: 0, reasons: [], name: person.name };
      this.byKey.set(key, c);
    }
    if (c.reasons.some((r) => r.kind === reason.kind && r.activityId == reason.activityId && r.forumId == reason.forumId && r.text === reason.text)) return;
    c.reasons.push({ ...reason, weight });
    c.score += weight;
  }

  addOrganisation(organisationId: string, reason: Omit<Reason, 'weight'>, weight?: number) {
    for (const p of contactsOf(this.dir, organisationId)) this.add(p, reason, weight);
  }

  /** Highest score first; contact persons before others at the same score; then by name. */
  result(): Contact[] {
    const list = [...this.byKey.values()];
    for (const c of list) {
      if (c.isContact) c.score += 1;
      c.reasons.sort((a, b) => b.weight - a.weight);
    }
    return list.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'da') || a.personId.localeCompare(b.personId));
  }
}

export interface ContactQuery {
  partnershipId: string;
  topic?: string | null;
  targetGroup?: string | null;
  area?: string | null;
}

export async function whomToContact(ctx: Ctx, q: ContactQuery): Promise<Contact[]> {
  const topic = q.topic?.trim() || null;
  const targetGroup = q.targetGroup?.trim() || null;
  const area = q.area?.trim() || null;
  if (!topic && !targetGroup && !area) throw new InputError('topic', 'give a topic, a target group or an area');
  await requireNetworkReader(ctx, q.partnershipId);
  const dir = await loadDirectory(ctx, q.partnershipId);
  const r = new Ranking(dir);
  const orgName = (id: string) => dir.orgs.get(id)?.name ?? id;
  for (const a of dir.activities) {
    const topicOk = !topic || matches([a.name, a.description, a.topics.join(' ')].join(' '), topic);
    if (!topicOk || !matches(a.targetGroup, targetGroup) || !matches(a.area, area)) continue;
    r.addOrganisation(a.lead, { kind: ReasonKind.LEADS_ACTIVITY, text: `${orgName(a.lead)} leads "${a.name}" (${a.targetGroup}, ${a.area})`, activityId: a.id });
    for (const p of a.participants) {
      r.addOrganisation(p.organisationId, { kind: ReasonKind.TAKES_PART_IN_ACTIVITY, text: `${orgName(p.organisationId)} takes part in "${a.name}" as ${p.role.replace('_', '-')}`, activityId: a.id });
    }
  }
  if (topic) {
    for (const o of dir.orgs.values()) {
      const hit = o.topics.filter((t) => matches(t, topic) || matches(topic, t));
      if (hit.length || matches(o.name, topic)) {
        r.addOrganisation(o.id, { kind: ReasonKind.ORGANISATION_TOPIC, text: hit.length ? `${o.name} helps with ${hit.join(', ')}` : `${o.name} matches by name` });
      }
    }
    for (const s of dir.seats) {
      if (!matches(`${s.forumName} ${s.mandate}`, topic)) continue;
      const person = dir.people.find((p) => p.personId === s.personId && p.organisationId === s.organisationId);
      if (!person) continue;
      const lead = s.role === 'chair' || s.role === 'secretary';
      r.add(person, { kind: ReasonKind.FORUM_SEAT, text: `sits in ${s.forumName} as ${s.role} for ${orgName(s.organisationId)}`, forumId: s.forumId }, REASON_WEIGHT[ReasonKind.FORUM_SEAT] + (lead ? 1 : 0));
    }
    for (const p of dir.people) {
      if (matches(p.role, topic) || matches(p.title, topic)) r.add(p, { kind: ReasonKind.ROLE, text: `${p.role ?? p.title} at ${orgName(p.organisationId)}` });
    }
  }
  return r.result();
}
