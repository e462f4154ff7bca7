/**
 * Demo data: "Tryghedspartnerskabet Tingbjerg-Husum" with 60 organisations, ~300 people, 7 forums
 * and a year of meetings, agendas, decisions and action items.
 *
 * Everything is written through the services, so every rule of the record holds. History is built by
 * walking simulated time: each step runs with a context whose clock shows the moment of that step
 * (an agenda prepared four days before a meeting, its outcome recorded an hour after, status changes
 * on later working days). Steps that would lie after "now" are not taken, so the record ends in the
 * state it would have today. All choices come from a seeded PRNG: the same "now" gives the same record.
 */
import { DataSource } from 'typeorm';
import { SYSTEM } from '../auth/principal';
import { accessService } from '../auth/access.service';
import { AccessRole } from '../auth/partnership-access.entity';
import { Ctx, createContext, localDate } from '../context';
import { wallTimeToInstant } from '../common/time';
import { organisationService } from '../organisation/organisation.service';
import { personService } from '../person/person.service';
import { partnershipService } from '../partnership/partnership.service';
import { forumService } from '../forum/forum.service';
import { ForumRole } from '../forum/forum.entity';
import { parseRecurrence } from '../forum/recurrence';
import { meetingService } from '../meeting/meeting.service';
import { AttendanceStatus, MeetingKind } from '../meeting/meeting.entity';
import { agendaService } from '../agenda/agenda.service';
import { AgendaItemKind, AgendaItemStatus } from '../agenda/agenda-item.entity';
import { decisionService } from '../decision/decision.service';
import { DecisionStatus } from '../decision/decision.entity';
import { actionItemService } from '../action-item/action-item.service';
import { ActionItemStatus, OPEN_STATUSES } from '../action-item/action-item.entity';
import {
  ActionTemplate,
  AgendaTemplate,
  BLOCKED_COMMENTS,
  CANCEL_COMMENTS,
  CANCELLATIONS,
  COORDINATOR,
  DEFER_NOTES,
  DONE_COMMENTS,
  DecisionTemplate,
  FIRST_NAMES,
  FORUMS,
  ForumSpec,
  GENERIC_OUTCOMES,
  INCIDENT,
  LAST_NAMES,
  LEGAL_BASIS,
  MIDDLE_NAMES,
  MONTHS,
  MOVE_COMMENTS,
  ORGANISATIONS,
  OrgSpec,
  PARTNERSHIP,
  PLAIN_MEMBER_ORG,
  REASSIGN_COMMENTS,
  REOPEN_COMMENTS,
  TEMPLATES,
} from './demo-data';
import { loadDemoNetwork } from './demo-network';

const TZ = 'Europe/Copenhagen';
const DAY_MS = 24 * 3600_000;
/** People in the demo; the positions are fixed, the rest are earlier holders of positions that changed hands. */
const TARGET_PEOPLE = 300;
/** Leading templates of these forums are on every agenda. */
const STANDING: Record<string, number> = { drift: 1, netvaerk: 1, akut: 1, unge: 1 };

export interface DemoResult {
  partnershipId: string;
  coordinatorId: string;
  memberId: string;
  counts: Record<string, number>;
}

/** True when no partnership exists yet, i.e. the demo (or any data) has not been loaded. */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const rows: { found: boolean }[] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM partnership) AS found');
  return !rows[0].found;
}

// ---------------------------------------------------------------------------------------------
// Small helpers: PRNG, calendar dates in Copenhagen, a priority queue of simulated events.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, 28))).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: string): number {
  return new Date(day + 'T00:00:00Z').getUTCDay();
}

/** The instant of a wall-clock time in Copenhagen on a calendar day. */
function wall(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return wallTimeToInstant(new Date(Date.UTC(y, m - 1, d, hour, minute)), TZ);
}

const dayOf = (at: Date) => localDate(at, TZ);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** "5. januar" */
const danishDate = (day: string) => `${Number(day.slice(8, 10))}. ${MONTHS[Number(day.slice(5, 7)) - 1]}`;

interface SimEvent {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

class EventQueue {
  private heap: SimEvent[] = [];
  private seq = 0;
  constructor(private readonly horizon: number) {}
  get size() {
    return this.heap.length;
  }
  /** Schedule a step; steps after "now" never happen. */
  push(at: Date, run: () => Promise<void>): void {
    const t = at.getTime();
    if (t > this.horizon) return;
    const h = this.heap;
    h.push({ at: t, seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): SimEvent {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
  private less(a: SimEvent, b: SimEvent) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

// ---------------------------------------------------------------------------------------------
// In-memory model of what has been written, so choices never need to read back.

interface Holder {
  personId: string;
  name: string;
  from: string;
  to: string | null;
}

interface PositionRec {
  org: OrgSpec;
  title: string;
  index: number;
  alsoAt?: { org: string; role: string };
  holders: Holder[];
}

interface MemberRec {
  personId: string;
  name: string;
  orgKey: string;
  role: ForumRole;
  from: string;
  to: string | null;
}

interface ItemRec {
  id: string;
  tpl: AgendaTemplate;
  std: 'opening' | 'followUp' | 'eventuelt' | 'standing' | null;
  deferLeft: number;
  /** A revision item: its decision supersedes this one. */
  supersedes?: DecisionRec;
}

interface MeetingRec {
  id: string;
  forum: ForumRt;
  startsAt: Date;
  endsAt: Date;
  day: string;
  cancelled: boolean;
  extraordinary: boolean;
  held: boolean;
  items: ItemRec[];
}

interface DecisionRec {
  id: string;
  status: DecisionStatus;
  tpl: DecisionTemplate;
  title: string;
  day: string;
}

interface ActionRec {
  id: string;
  forum: ForumRt;
  status: ActionItemStatus;
  orgKey: string;
  personId: string | null;
  dueDate: string;
}

interface Injection {
  notBefore: number;
  tpl: AgendaTemplate;
  supersedes?: DecisionRec;
}

interface ForumRt {
  spec: ForumSpec;
  id: string;
  members: MemberRec[];
  meetings: MeetingRec[];
  /** When each decision template was last put on the agenda: the same decision comes up again only after half a year. */
  usedDecisions: Map<AgendaTemplate, number>;
  lastTemplates: Set<AgendaTemplate>;
  injections: Injection[];
}

const OPENING: AgendaTemplate = {
  title: 'Godkendelse af dagsorden og referat fra sidste møde',
  kind: AgendaItemKind.INFORMATION,
  description: 'Dagsordenen og referatet fra sidste møde godkendes.',
  by: [],
  minutes: 5,
};
const FOLLOW_UP: AgendaTemplate = {
  title: 'Opfølgning på handlingspunkter',
  kind: AgendaItemKind.FOLLOW_UP,
  description: 'Gennemgang af forummets åbne handlingspunkter og udsatte punkter fra tidligere møder.',
  by: [],
  minutes: 15,
};
const EVENTUELT: AgendaTemplate = { title: 'Eventuelt', kind: AgendaItemKind.INFORMATION, description: '', by: [], minutes: 5 };
const EVENTUELT_OUTCOMES = [
  'Intet.',
  'Næste møde holdes som planlagt.',
  'Sekretariatet efterlyser billeder og korte tekster til nyhedsbrevet.',
  'Husk tilmelding til temadagen om tryghed i kulturhuset.',
];
const MEETING_ACTIONS: { title: string; description: string }[] = [
  { title: 'Udsende præsentationerne fra mødet til alle deltagere', description: 'Præsentationerne vedlægges referatet.' },
  { title: 'Opdatere forummets kontaktliste', description: 'Nye og fratrådte medlemmer indarbejdes.' },
  { title: 'Finde mødedatoer for næste halvår', description: 'Forslag sendes ud sammen med referatet.' },
];
const REVOKE_REASONS = [
  'Tilbagekaldt – indsatsen er ikke længere finansieret.',
  'Tilbagekaldt efter ny vurdering af situationen i området.',
  'Tilbagekaldt; opgaven løses i stedet i helhedsplanens regi.',
];
const IMPLEMENTED_COMMENTS = ['Gennemført som planlagt.', 'Gennemført; erfaringerne samles i årsrapporten.', null];

// ---------------------------------------------------------------------------------------------

export async function loadDemo(
  dataSource: DataSource,
  opts: { log?: (m: string) => void; /** The moment the record ends at; defaults to the real current time. */ now?: Date } = {},
): Promise<DemoResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const today = dayOf(now);
  const rnd = mulberry32(0x7a6b1e2f);
  const chance = (p: number) => rnd() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  /** Draws without replacement from a bag holding each choice `weight` times, refilled when empty: every choice comes up in proportion. */
  const deck = <T>(entries: [number, T][]) => {
    let bag: T[] = [];
    return (): T => {
      if (!bag.length) bag = entries.flatMap(([w, x]) => Array.from({ length: w }, () => x));
      return bag.splice(Math.floor(rnd() * bag.length), 1)[0];
    };
  };
  const fill = (text: string, day: string) => text.replace(/\{y\}/g, day.slice(0, 4)).replace(/\{m\}/g, MONTHS[Number(day.slice(5, 7)) - 1]);

  let coordinatorId: string | null = null;
  const ctxAt = (at: Date, actorId: string | null = coordinatorId): Ctx => createContext(dataSource, { principal: SYSTEM, actorId, now: () => at, timeZone: TZ });

  /** A working-day moment on or after `at`, between 8 and 16 o'clock. */
  const workTime = (at: Date): Date => {
    let day = dayOf(at);
    while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
    const t = wall(day, 8 + int(0, 7), int(0, 11) * 5);
    return t < at ? new Date(at.getTime() + 10 * 60_000) : t;
  };

  const forumStart = addDays(today, -380);
  const setupAt = wall(addDays(forumStart, -14), 10);
  const seriesFrom = wall(addDays(today, -365), 0);
  const seriesTo = wall(addDays(today, 61), 23, 59);

  // ---- Organisations --------------------------------------------------------------------------
  const orgIds = new Map<string, string>();
  const oid = (key: string) => {
    const id = orgIds.get(key);
    if (!id) throw new Error(`demo data: unknown organisation ${key}`);
    return id;
  };
  {
    const ctx = ctxAt(setupAt, null);
    for (const o of ORGANISATIONS) {
      const org = await organisationService.create(ctx, {
        name: o.name,
        shortName: o.shortName ?? null,
        kind: o.kind,
        parentId: o.parent ? oid(o.parent) : null,
        topics: o.topics,
        email: o.domain && o.mailbox ? `${o.mailbox}@${o.domain}` : null,
        phone: o.phone ?? null,
      });
      orgIds.set(o.key, org.id);
    }
  }
  log(`demo: ${orgIds.size} organisations`);

  // ---- People: positions and who held them when ----------------------------------------------
  const positions: PositionRec[] = [];
  const positionsByOrg = new Map<string, PositionRec[]>();
  for (const o of ORGANISATIONS) {
    const list = o.staff.map((s, index) =>
      typeof s === 'string' ? { org: o, title: s, index, holders: [] } : { org: o, title: s.title, index, alsoAt: { org: s.alsoAt, role: s.alsoRole }, holders: [] },
    );
    positions.push(...list);
    positionsByOrg.set(o.key, list);
  }
  const turnovers = TARGET_PEOPLE - positions.length;
  if (turnovers < 0) throw new Error(`demo data: ${positions.length} positions exceed ${TARGET_PEOPLE} people`);
  // Positions that changed hands: never the first (the contact person), mostly within the year.
  const changing = new Map<PositionRec, string>();
  const candidates = positions.filter((p) => p.index > 0);
  while (changing.size < Math.min(turnovers, candidates.length)) {
    const p = pick(candidates);
    if (changing.has(p)) continue;
    changing.set(p, chance(0.6) ? addDays(today, -int(14, 330)) : addDays(today, -int(400, 1500)));
  }

  const usedNames = new Set<string>([COORDINATOR.name]);
  const usedEmails = new Set<string>([COORDINATOR.email]);
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9-]/g, '');
  const newName = (): string => {
    for (;;) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const middle = chance(0.2) ? pick(MIDDLE_NAMES) : null;
      if (middle === last) continue;
      const name = middle ? `${first} ${middle} ${last}` : `${first} ${last}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const emailFor = (name: string, org: OrgSpec, title: string): string | null => {
    if (!org.domain || /frivillig|bydelsmor|bestyrelsesmedlem/i.test(title)) return null;
    const parts = name.split(' ').map(ascii);
    const initials = parts.map((p) => p[0]).join('');
    for (let attempt = 0; attempt < 50; attempt++) {
      let local: string;
      if (org.domain === 'kk.dk') local = `${initials}${attempt < 9 ? attempt + 1 : attempt}`;
      else if (org.domain === 'politi.dk') local = `${initials}${pad(int(1, 999), 3)}`;
      else local = attempt === 0 ? `${parts[0]}.${parts[parts.length - 1]}` : `${parts[0]}.${parts[parts.length - 1]}${attempt}`;
      const email = `${local}@${org.domain}`;
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return email;
      }
    }
    return null;
  };
  const phone = () => (chance(0.8) ? `+45 ${int(2, 9)}${int(0, 9)} ${pad(int(0, 99))} ${pad(int(0, 99))} ${pad(int(0, 99))}` : null);

  let memberId = '';
  let affiliationCount = 0;
  {
    const ctx = ctxAt(setupAt, null);
    const addPerson = async (pos: PositionRec, from: string, to: string | null, fixed?: typeof COORDINATOR): Promise<Holder> => {
      const name = fixed?.name ?? newName();
      const person = await personService.create(ctx, {
        name,
        title: pos.title,
        email: fixed?.email ?? emailFor(name, pos.org, pos.title),
        phone: fixed?.phone ?? phone(),
      });
      await personService.addAffiliation(ctx, {
        personId: person.id,
        organisationId: oid(pos.org.key),
        role: pos.title,
        isContact: pos.index === 0,
        startsOn: from,
        endsOn: to,
      });
      affiliationCount++;
      if (pos.alsoAt) {
        await personService.addAffiliation(ctx, {
          personId: person.id,
          organisationId: oid(pos.alsoAt.org),
          role: pos.alsoAt.role,
          startsOn: addDays(from, int(0, 60)),
          endsOn: to,
        });
        affiliationCount++;
      }
      const holder = { personId: person.id, name, from, to };
      pos.holders.push(holder);
      return holder;
    };
    const movers: { holder: Holder; pos: PositionRec; day: string }[] = [];
    for (const pos of positions) {
      const fixed = pos.org.key === COORDINATOR.org && pos.index === 0 ? COORDINATOR : undefined;
      const change = changing.get(pos);
      if (change) {
        const old = await addPerson(pos, addDays(change, -int(400, 3000)), addDays(change, -1));
        await addPerson(pos, change, null);
        // Some who left moved on to another organisation in the partnership.
        if (change > forumStart && chance(0.5)) movers.push({ holder: old, pos, day: change });
      } else {
        const h = await addPerson(pos, addDays(today, -int(420, 4000)), null, fixed);
        if (fixed) coordinatorId = h.personId;
        if (pos.org.key === PLAIN_MEMBER_ORG && pos.index === 0) memberId = h.personId;
      }
    }
    for (const m of movers) {
      // Only to an organisation with the same kind of job (a social worker to another social centre, a teacher to another school).
      const others = ORGANISATIONS.filter((o) => o.key !== m.pos.org.key && positionsByOrg.get(o.key)!.some((p) => p.title === m.pos.title));
      if (!others.length) continue;
      const to = pick(others);
      await personService.addAffiliation(ctx, { personId: m.holder.personId, organisationId: oid(to.key), role: m.pos.title, startsOn: m.day });
      affiliationCount++;
    }
  }
  if (!coordinatorId || !memberId) throw new Error('demo data: coordinator or plain member missing');
  log(`demo: ${usedNames.size} people, ${affiliationCount} affiliations (${Date.now() - started} ms)`);

  const holderOn = (orgKey: string, index: number, day: string): Holder | undefined =>
    positionsByOrg.get(orgKey)?.[index]?.holders.find((h) => h.from <= day && (h.to == null || h.to >= day));

  // ---- Partnership ------------------------------------------------------------------------------
  const setup = ctxAt(setupAt);
  // Published in the OParl export, so /oparl/v1/ shows the demo without credentials (confidential items stay stubs).
  const partnership = await partnershipService.create(setup, { ...PARTNERSHIP, oparlPublic: true });
  for (const o of ORGANISATIONS) {
    await partnershipService.addMember(setup, {
      partnershipId: partnership.id,
      organisationId: oid(o.key),
      role: o.partnershipRole,
      startsOn: addDays(today, -(o.joinedDaysAgo ?? 2900)),
      endsOn: o.leftDaysAgo != null ? addDays(today, -o.leftDaysAgo) : null,
    });
  }

  // ---- Roles: the coordinator coordinates, the plain member is a member (granted first so it is found first).
  await accessService.grant(setup, { partnershipId: partnership.id, personId: memberId, role: AccessRole.MEMBER });
  await accessService.grant(setup, { partnershipId: partnership.id, personId: coordinatorId, role: AccessRole.COORDINATOR });

  // ---- Forums, their members and their meeting series -----------------------------------------
  const forums: ForumRt[] = [];
  const meetingsById = new Map<string, MeetingRec>();
  for (const spec of FORUMS) {
    const [h, mi] = spec.time;
    const provisional = `DTSTART;TZID=${TZ}:${forumStart.replace(/-/g, '')}T${pad(h)}${pad(mi)}00\n${spec.rrule}`;
    const { rule } = parseRecurrence(provisional);
    const first = rule.after(rule.options.dtstart, true)!;
    const dtstart = `${first.getUTCFullYear()}${pad(first.getUTCMonth() + 1)}${pad(first.getUTCDate())}T${pad(h)}${pad(mi)}00`;
    const forum = await forumService.create(setup, {
      partnershipId: partnership.id,
      name: spec.name,
      level: spec.level,
      mandate: spec.mandate,
      recurrence: `DTSTART;TZID=${TZ}:${dtstart}\n${spec.rrule}`,
      meetingDurationMinutes: spec.minutes,
      defaultLocation: spec.location,
    });
    const rt: ForumRt = { spec, id: forum.id, members: [], meetings: [], usedDecisions: new Map(), lastTemplates: new Set(), injections: [] };
    for (const seat of spec.seats) {
      const matching = (positionsByOrg.get(seat.org) ?? []).filter((p) => p.title === seat.title);
      const pos = matching[seat.nth ?? 0];
      if (!pos) throw new Error(`demo data: no position "${seat.title}" #${seat.nth ?? 0} in ${seat.org}`);
      for (const holder of pos.holders) {
        if (holder.to != null && holder.to < forumStart) continue;
        const from = holder.from > forumStart ? holder.from : forumStart;
        await forumService.addMember(setup, {
          forumId: forum.id,
          personId: holder.personId,
          organisationId: oid(seat.org),
          role: seat.role,
          legalBasis: seat.legalBasis ? LEGAL_BASIS : null,
          startsOn: from,
          endsOn: holder.to,
        });
        rt.members.push({ personId: holder.personId, name: holder.name, orgKey: seat.org, role: seat.role, from, to: holder.to });
      }
    }
    const series = await meetingService.scheduleSeries(setup, { forumId: forum.id, from: seriesFrom, to: seriesTo });
    for (const m of series.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
      const rec: MeetingRec = { id: m.id, forum: rt, startsAt: m.startsAt, endsAt: m.endsAt, day: dayOf(m.startsAt), cancelled: false, extraordinary: false, held: false, items: [] };
      rt.meetings.push(rec);
      meetingsById.set(m.id, rec);
    }
    forums.push(rt);
  }
  const forumByKey = new Map(forums.map((f) => [f.spec.key, f]));
  log(`demo: partnership, ${forums.length} forums, ${meetingsById.size} meetings scheduled (${Date.now() - started} ms)`);

  const activeMembers = (f: ForumRt, day: string) => f.members.filter((m) => m.from <= day && (m.to == null || m.to >= day));
  const presenter = (f: ForumRt, day: string, tpl: AgendaTemplate, fallback: ForumRole): MemberRec | undefined => {
    const active = activeMembers(f, day);
    for (const key of tpl.by) {
      const m = active.find((a) => a.orgKey === key);
      if (m) return m;
    }
    return active.find((a) => a.role === fallback) ?? active[0];
  };

  // Everyone with a current seat is a member of the partnership; the chair of the first (strategic) forum administers it.
  const seated = new Set(forums.flatMap((f) => f.members.filter((m) => m.to == null || m.to >= today).map((m) => m.personId)));
  const chair = forums[0]?.members.find((m) => m.role === ForumRole.CHAIR && (m.to == null || m.to >= today));
  for (const personId of seated) {
    if (personId === coordinatorId || personId === memberId) continue;
    const role = personId === chair?.personId ? AccessRole.ADMIN : AccessRole.MEMBER;
    await accessService.grant(setup, { partnershipId: partnership.id, personId, role });
  }

  // ---- The simulation -------------------------------------------------------------------------
  const queue = new EventQueue(now.getTime());
  const actions: ActionRec[] = [];

  // Which meetings get cancelled, and the extraordinary meeting after the shooting.
  for (const c of CANCELLATIONS) {
    const f = forumByKey.get(c.forum)!;
    const target = wall(addDays(today, -c.daysAgo), 12).getTime();
    const eligible = f.meetings.slice(1, -1).filter((m) => m.startsAt.getTime() < now.getTime() - 14 * DAY_MS);
    if (!eligible.length) continue;
    const m = eligible.reduce((a, b) => (Math.abs(a.startsAt.getTime() - target) <= Math.abs(b.startsAt.getTime() - target) ? a : b));
    m.cancelled = true;
    queue.push(wall(addDays(m.day, -5), 11), async () => {
      await meetingService.cancel(ctxAt(wall(addDays(m.day, -5), 11)), m.id, c.reason);
      // Items already waiting for this meeting move on to the next one.
      const next = f.meetings.find((n) => n.startsAt > m.startsAt && !n.cancelled);
      if (!next) return;
      for (const item of m.items) {
        const copy = await agendaService.carryOver(ctxAt(wall(addDays(m.day, -5), 11, 5)), item.id, next.id);
        next.items.push({ ...item, id: copy.id });
      }
      m.items = [];
    });
  }

  const akut = forumByKey.get('akut')!;
  let incidentDay = addDays(today, -100);
  while (weekday(incidentDay) !== 2) incidentDay = addDays(incidentDay, 1);
  const incident: MeetingRec = {
    id: '',
    forum: akut,
    startsAt: wall(incidentDay, 8),
    endsAt: wall(incidentDay, 9, 30),
    day: incidentDay,
    cancelled: false,
    extraordinary: true,
    held: false,
    items: [],
  };
  akut.meetings.push(incident);
  akut.meetings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  // Held meetings and when their minutes are approved: all but the latest one or two per forum.
  const approveAt = new Map<MeetingRec, Date>();
  forums.forEach((f, i) => {
    const held = f.meetings.filter((m) => !m.cancelled && m.endsAt.getTime() + 3600_000 <= now.getTime());
    const keepDraft = i % 2 === 0 ? 1 : 2;
    held.slice(0, Math.max(0, held.length - keepDraft)).forEach((m) => {
      const next = f.meetings.find((n) => n.startsAt > m.startsAt && !n.cancelled);
      const byMail = m.endsAt.getTime() + (m.extraordinary ? 2 : 14) * DAY_MS;
      approveAt.set(m, new Date(Math.min(next ? next.startsAt.getTime() + 10 * 60_000 : byMail, byMail)));
    });
  });

  // -- Agenda preparation
  const addItem = async (ctx: Ctx, m: MeetingRec, tpl: AgendaTemplate, std: ItemRec['std'], position: number | null, extra: Partial<ItemRec> = {}) => {
    const f = m.forum;
    const who = std === 'eventuelt' ? undefined : presenter(f, m.day, tpl, std === 'followUp' ? ForumRole.SECRETARY : ForumRole.CHAIR);
    const item = await agendaService.add(ctx, m.id, {
      title: fill(tpl.title, m.day),
      description: fill(tpl.description, m.day),
      kind: tpl.kind,
      presenterPersonId: who?.personId ?? null,
      presenterOrganisationId: who ? oid(who.orgKey) : null,
      plannedMinutes: tpl.minutes ?? 15,
      confidential: tpl.confidential ?? false,
      position,
    });
    const rec: ItemRec = { id: item.id, tpl, std, deferLeft: 0, ...extra };
    if (position == null) m.items.push(rec);
    else m.items.splice(position - 1, 0, rec);
    return rec;
  };

  const nextChain = deck([[1, true], [22, false]]);
  const prepare = async (m: MeetingRec, at: Date) => {
    if (m.cancelled) return;
    const f = m.forum;
    const ctx = ctxAt(at);
    let pos = 1;
    if (f.spec.opening) await addItem(ctx, m, OPENING, 'opening', pos++);
    const standing = STANDING[f.spec.key] ?? 0;
    const pool = TEMPLATES[f.spec.key];
    for (let i = 0; i < standing; i++) await addItem(ctx, m, pool[i], 'standing', pos++);
    if (f.spec.followUp) await addItem(ctx, m, FOLLOW_UP, 'followUp', pos++);
    const onAgenda = new Set(m.items.map((i) => i.tpl));
    // Injected items: follow-up on the incident, revisions of earlier decisions.
    const due = f.injections.filter((inj) => inj.notBefore <= at.getTime());
    f.injections = f.injections.filter((inj) => inj.notBefore > at.getTime());
    for (const inj of due) await addItem(ctx, m, inj.tpl, null, null, { supersedes: inj.supersedes });
    const month = Number(m.day.slice(5, 7));
    const candidates = pool
      .slice(standing)
      .filter((t) => !onAgenda.has(t) && !f.lastTemplates.has(t) && at.getTime() - (f.usedDecisions.get(t) ?? -Infinity) > 180 * DAY_MS && (!t.months || t.months.includes(month)));
    const room = 6 - m.items.length;
    let n = Math.min(room, int(1, 3));
    if (m.items.length + n < 3) n = Math.min(room, 3 - m.items.length);
    const chosen: AgendaTemplate[] = [];
    while (chosen.length < n && candidates.length) chosen.push(candidates.splice(Math.floor(rnd() * candidates.length), 1)[0]);
    for (const tpl of chosen) {
      if (tpl.decision) f.usedDecisions.set(tpl, at.getTime());
      // Now and then a point is pushed from meeting to meeting before it is dealt with.
      const deferLeft = nextChain() ? int(2, 3) : 0;
      await addItem(ctx, m, tpl, null, null, { deferLeft });
    }
    f.lastTemplates = new Set(chosen);
    if (f.spec.opening && m.items.length < 6 && chance(0.5)) await addItem(ctx, m, EVENTUELT, 'eventuelt', null);
  };

  // -- Action items and their life after the meeting
  const assigneePerson = (f: ForumRt, orgKey: string, day: string): string | null => {
    const member = activeMembers(f, day).find((a) => a.orgKey === orgKey);
    if (member && chance(0.6)) return member.personId;
    if (chance(0.4)) return holderOn(orgKey, 0, day)?.personId ?? null;
    return null;
  };

  let storyDeck: (() => number) | null = null;
  const nextStory = (weights: number[]) => (storyDeck ??= deck(weights.map((w, i) => [w, i] as [number, number])))();
  const planStory = (a: ActionRec, createdAt: Date) => {
    const created = dayOf(createdAt);
    const span = Math.max(1, daysBetween(created, a.dueDate));
    let last = createdAt.getTime();
    const step = (afterDays: number, fn: (ctx: Ctx) => Promise<void>, actor?: string | null) => {
      const at = workTime(new Date(Math.max(createdAt.getTime() + afterDays * DAY_MS, last + 10 * 60_000)));
      last = at.getTime();
      queue.push(at, () => fn(ctxAt(at, actor === undefined ? a.personId ?? coordinatorId : actor)));
    };
    const status = (to: ActionItemStatus, comment: string | null = null) => async (ctx: Ctx) => {
      if (a.status === to) return;
      await actionItemService.changeStatus(ctx, a.id, to, comment);
      a.status = to;
    };
    const tStart = 0.5 + rnd() * span * 0.3;
    const tDone = span * (0.6 + rnd() * 0.6) + 1;
    const IP = ActionItemStatus.IN_PROGRESS;
    const DONE = ActionItemStatus.DONE;
    const done = () => status(DONE, pick(DONE_COMMENTS));
    const stories: [number, () => void][] = [
      // Started and finished, some before and some after the due date.
      [44, () => (step(tStart, status(IP)), step(tDone, done()))],
      [7, () => step(tDone, done())],
      // Finished late.
      [8, () => (step(tStart, status(IP)), step(span + int(5, 30), done()))],
      // Started, never finished.
      [4, () => step(tStart, status(IP))],
      // Forgotten: stays open, and overdue once the due date has passed.
      [4, () => undefined],
      // Blocked, and still blocked.
      [3, () => (step(tStart, status(IP)), step(tStart + int(2, 10), status(ActionItemStatus.BLOCKED, pick(BLOCKED_COMMENTS))))],
      // Blocked, unblocked, done.
      [5, () => {
        step(tStart, status(IP));
        step(tStart + int(2, 8), status(ActionItemStatus.BLOCKED, pick(BLOCKED_COMMENTS)));
        step(tStart + int(12, 25), status(IP, 'Blokeringen er løst.'));
        step(tStart + int(28, 45), done());
      }],
      [7, () => step(tStart + rnd() * 10, status(ActionItemStatus.CANCELLED, pick(CANCEL_COMMENTS)), coordinatorId)],
      // Done, reopened, and (mostly) done again.
      [4, () => {
        step(tStart, status(IP));
        step(tDone, done());
        step(tDone + int(7, 30), status(ActionItemStatus.OPEN, pick(REOPEN_COMMENTS)), coordinatorId);
        step(tDone + int(32, 40), status(IP));
        if (chance(0.6)) step(tDone + int(45, 70), done());
      }],
      // Handed over to another organisation in the forum.
      [5, () => {
        step(tStart, async (ctx) => {
          const day = dayOf(ctx.now());
          const options = activeMembers(a.forum, day).filter((m) => m.orgKey !== a.orgKey);
          if (!options.length || !OPEN_STATUSES.includes(a.status)) return;
          const to = pick(options);
          const personId = chance(0.7) ? to.personId : null;
          await actionItemService.reassign(ctx, a.id, { organisationId: oid(to.orgKey), personId, comment: pick(REASSIGN_COMMENTS) });
          a.orgKey = to.orgKey;
          a.personId = personId;
        }, coordinatorId);
        step(tStart + 3, status(IP));
        if (chance(0.85)) step(tDone + 7, done());
      }],
      // Due date moved, then (often) done by the new date.
      [4, () => {
        const newDue = addDays(a.dueDate, int(14, 42));
        step(span * 0.8, async (ctx) => {
          if (!OPEN_STATUSES.includes(a.status)) return;
          await actionItemService.moveDueDate(ctx, a.id, newDue, pick(MOVE_COMMENTS));
          a.dueDate = newDue;
        }, coordinatorId);
        step(span * 0.8 + 1, status(IP));
        if (chance(0.6)) step(daysBetween(created, newDue) - rnd() * 5, done());
      }],
    ];
    stories[nextStory(stories.map(([w]) => w))][1]();
  };

  const createAction = async (
    ctx: Ctx,
    m: MeetingRec,
    origin: { decisionId?: string; agendaItemId?: string; meetingId?: string },
    t: ActionTemplate | { title: string; description: string; to: string; days: number },
  ) => {
    const dueDate = addDays(m.day, t.days + (t.days > 3 ? int(0, 7) : 0));
    const personId = assigneePerson(m.forum, t.to, m.day);
    const item = await actionItemService.create(ctx, {
      title: t.title,
      description: t.description ?? `Aftalt på mødet i ${m.forum.spec.name} den ${danishDate(m.day)}.`,
      ...origin,
      assigneeOrganisationId: oid(t.to),
      assigneePersonId: personId,
      dueDate,
    });
    const rec: ActionRec = { id: item.id, forum: m.forum, status: ActionItemStatus.OPEN, orgKey: t.to, personId, dueDate };
    actions.push(rec);
    planStory(rec, ctx.now());
  };

  // -- Decisions and what becomes of them
  let caseSerial = int(10_000, 40_000);
  /** What becomes of a decision: superseded later (when a revision exists), implemented, revoked, or left in force. */
  const nextFate = deck<'supersede' | 'implement' | 'revoke' | 'keep'>([[4, 'supersede'], [5, 'implement'], [1, 'revoke'], [2, 'keep']]);
  const recordDecision = async (ctx: Ctx, m: MeetingRec, item: ItemRec, tpl: DecisionTemplate) => {
    const input = {
      agendaItemId: item.id,
      text: fill(tpl.text, m.day),
      responsibleOrganisationIds: tpl.responsible.map(oid),
      reviewDate: tpl.reviewMonths ? addMonths(m.day, tpl.reviewMonths) : null,
      caseNumber: tpl.caseFile ? `${m.day.slice(0, 4)}-${pad((caseSerial += int(40, 900)), 7)}` : null,
      kleNumber: tpl.kle ?? null,
    };
    const old = item.supersedes;
    const d = old ? await decisionService.supersede(ctx, old.id, input) : await decisionService.record(ctx, input);
    if (old) old.status = DecisionStatus.SUPERSEDED;
    const rec: DecisionRec = { id: d.id, status: DecisionStatus.IN_FORCE, tpl, title: item.tpl.title, day: m.day };
    const later = (days: number) => workTime(new Date(ctx.now().getTime() + days * DAY_MS));
    // The incident response is carried out within days; other decisions draw their fate.
    const fate = m.extraordinary ? 'implement' : nextFate();
    const afterDays = m.extraordinary ? int(3, 6) : int(30, 160);
    if (!old && tpl.revised && fate === 'supersede') {
      // Revisited some meetings later and replaced by a revised decision.
      m.forum.injections.push({
        notBefore: ctx.now().getTime() + int(25, 90) * DAY_MS,
        tpl: {
          title: `Revision: ${fill(item.tpl.title, m.day)}`,
          kind: AgendaItemKind.DECISION,
          description: `Forslag til justering af beslutningen fra mødet den ${danishDate(m.day)}.`,
          by: item.tpl.by,
          minutes: 20,
          decision: { ...tpl, text: fill(tpl.revised, m.day), revised: undefined },
        },
        supersedes: rec,
      });
    } else if (fate === 'supersede' || fate === 'implement') {
      const at = later(afterDays);
      queue.push(at, async () => {
        if (rec.status !== DecisionStatus.IN_FORCE) return;
        await decisionService.markImplemented(ctxAt(at), rec.id, pick(IMPLEMENTED_COMMENTS));
        rec.status = DecisionStatus.IMPLEMENTED;
      });
    } else if (fate === 'revoke') {
      const at = later(int(20, 120));
      queue.push(at, async () => {
        if (rec.status !== DecisionStatus.IN_FORCE) return;
        await decisionService.revoke(ctxAt(at), rec.id, pick(REVOKE_REASONS));
        rec.status = DecisionStatus.REVOKED;
      });
    }
    return d.id;
  };

  // -- Recording a meeting: held, attendance, outcomes, decisions, action items
  const followUpText = (f: ForumRt, day: string) => {
    const open = actions.filter((a) => a.forum === f && OPEN_STATUSES.includes(a.status));
    if (!open.length) return 'Ingen åbne handlingspunkter.';
    const overdue = open.filter((a) => a.dueDate < day).length;
    const blocked = open.filter((a) => a.status === ActionItemStatus.BLOCKED).length;
    return (
      `Gennemgang af ${open.length} åbne handlingspunkter` +
      (overdue ? `, heraf ${overdue} med overskredet frist; de ansvarlige rykkes.` : '; alle er inden for fristen.') +
      (blocked ? ` ${blocked} er blokeret og løftes til sekretariatet.` : '')
    );
  };

  const recordOutcome = async (m: MeetingRec, at: Date) => {
    const f = m.forum;
    const ctx = ctxAt(at);
    await meetingService.markHeld(ctx, m.id);
    m.held = true;
    const active = activeMembers(f, m.day);
    const entries = active.map((a) => {
      const key = a.role === ForumRole.CHAIR || a.role === ForumRole.SECRETARY;
      const r = rnd();
      const status = r < (key ? 0.95 : m.extraordinary ? 0.7 : 0.8) ? AttendanceStatus.PRESENT : r < 0.94 ? AttendanceStatus.EXCUSED : AttendanceStatus.ABSENT;
      return { organisationId: oid(a.orgKey), personId: a.personId, status };
    });
    await meetingService.recordAttendance(ctx, m.id, entries);
    const present = entries.filter((e) => e.status === AttendanceStatus.PRESENT).length;
    const secretary = active.find((a) => a.role === ForumRole.SECRETARY);
    await meetingService.update(ctx, m.id, {
      minutesNotes: m.extraordinary
        ? INCIDENT.minutesNotes
        : `Referent: ${secretary?.name ?? 'sekretariatet'}. Til stede: ${present} af ${active.length} medlemmer.` +
          (chance(0.3) ? ' Mødet sluttede før tid.' : ''),
    });
    const prev = f.meetings.filter((p) => p.startsAt < m.startsAt && p.held).pop();
    for (const item of [...m.items]) {
      const topical = item.std == null && !m.extraordinary;
      if (item.deferLeft > 0 || (topical && !item.supersedes && chance(0.07))) {
        await agendaService.defer(ctx, item.id, pick(DEFER_NOTES));
        const rows: { id: string; meeting_id: string }[] = await dataSource.query(
          'SELECT id, meeting_id FROM agenda_item WHERE carried_over_from_id = $1',
          [item.id],
        );
        const target = rows.length ? meetingsById.get(rows[0].meeting_id) : undefined;
        if (target) target.items.push({ ...item, id: rows[0].id, deferLeft: Math.max(0, item.deferLeft - 1) });
        continue;
      }
      const tpl = item.tpl;
      const outcome =
        item.std === 'opening'
          ? prev
            ? `Dagsordenen blev godkendt. Referatet fra mødet den ${danishDate(prev.day)} blev godkendt uden bemærkninger.`
            : 'Dagsordenen blev godkendt.'
          : item.std === 'followUp'
            ? followUpText(f, m.day)
            : item.std === 'eventuelt'
              ? pick(EVENTUELT_OUTCOMES)
              : pick(tpl.outcomes ?? GENERIC_OUTCOMES[tpl.kind]);
      await agendaService.update(ctx, item.id, { status: AgendaItemStatus.DISCUSSED, outcomeNotes: outcome });
      if (tpl.kind === AgendaItemKind.DECISION && tpl.decision) {
        const decisionId = await recordDecision(ctx, m, item, tpl.decision);
        for (const t of tpl.actions ?? []) if (m.extraordinary || chance(0.9)) await createAction(ctx, m, { decisionId }, t);
      } else if (tpl.actions) {
        for (const t of tpl.actions) if (chance(tpl.kind === AgendaItemKind.INFORMATION ? 0.4 : 0.75)) await createAction(ctx, m, { agendaItemId: item.id }, t);
      }
    }
    if (!m.extraordinary && chance(0.15)) {
      const t = pick(MEETING_ACTIONS);
      await createAction(ctx, m, { meetingId: m.id }, { ...t, to: secretary?.orgKey ?? 'sek', days: 14 });
    }
    const approve = approveAt.get(m);
    if (approve) queue.push(approve, async () => void (await meetingService.approveMinutes(ctxAt(approve), m.id)));
  };

  // -- Schedule the ordinary meetings
  for (const f of forums) {
    for (const m of f.meetings) {
      if (m.extraordinary) continue;
      const prepAt = wall(addDays(m.day, -4), 10);
      queue.push(prepAt, () => prepare(m, prepAt));
      const outcomeAt = new Date(m.endsAt.getTime() + 3600_000);
      queue.push(outcomeAt, async () => {
        if (!m.cancelled) await recordOutcome(m, outcomeAt);
      });
    }
  }

  // -- The shooting at Ruten: an extraordinary meeting the next morning
  {
    const calledAt = wall(incidentDay, 6, 45);
    queue.push(calledAt, async () => {
      const ctx = ctxAt(calledAt);
      const meeting = await meetingService.schedule(ctx, {
        forumId: akut.id,
        title: INCIDENT.title,
        startsAt: incident.startsAt,
        endsAt: incident.endsAt,
        location: INCIDENT.location,
        kind: MeetingKind.EXTRAORDINARY,
      });
      incident.id = meeting.id;
      meetingsById.set(meeting.id, incident);
      for (const tpl of INCIDENT.items) await addItem(ctxAt(wall(incidentDay, 7)), incident, tpl, null, null);
      for (const key of ['koord', 'akut']) {
        forumByKey.get(key)!.injections.push({ notBefore: incident.endsAt.getTime(), tpl: INCIDENT.followUp });
      }
    });
    const outcomeAt = new Date(incident.endsAt.getTime() + 3600_000);
    queue.push(outcomeAt, () => recordOutcome(incident, outcomeAt));
  }

  let steps = 0;
  while (queue.size) {
    await queue.pop().run();
    steps++;
  }
  log(`demo: simulated ${steps} steps up to ${now.toISOString()} (${Date.now() - started} ms)`);

  // ---- Joint activities, network gaps and incidents (src/seed/demo-network.ts) -------------------
  const network = await loadDemoNetwork({
    ctxAt,
    now,
    today,
    partnershipId: partnership.id,
    oid,
    forumId: (key) => forumByKey.get(key)!.id,
    shooting: { meetingId: incident.id ?? null, calledAt: wall(incidentDay, 6, 45), meetingEndsAt: incident.endsAt },
  });
  log(`demo: ${network.activities} activities, ${network.incidents} incidents (${Date.now() - started} ms)`);

  // ---- Counts ---------------------------------------------------------------------------------
  const tables: Record<string, string> = {
    organisations: 'organisation',
    people: 'person',
    affiliations: 'affiliation',
    partnerships: 'partnership',
    forums: 'forum',
    forumMembers: 'forum_member',
    meetings: 'meeting',
    attendance: 'attendance',
    agendaItems: 'agenda_item',
    decisions: 'decision',
    actionItems: 'action_item',
    actionItemEvents: 'action_item_event',
    activities: 'joint_activity',
    incidents: 'incident',
  };
  const [row] = await dataSource.query(`SELECT ${Object.entries(tables).map(([k, t]) => `(SELECT count(*) FROM ${t})::int AS "${k}"`).join(', ')}`);
  const counts: Record<string, number> = { ...row };
  log(`demo: loaded in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
  return { partnershipId: partnership.id, coordinatorId, memberId, counts };
}
