/**
 * The small half of the data set, planned in memory with seeded PRNGs: partnerships, organisations
 * (with their hierarchy), people and their affiliations, partnership members, forums with their
 * recurrence and seats, access roles and the meeting calendar. generate.ts uploads it and builds the
 * big tables (agenda items, decisions, action items and their histories) from it in SQL.
 */
import {
  ASSOCIATIONS,
  BUSINESSES,
  DEPARTMENTS,
  FIRST_NAMES,
  HOUSING_ADMINS,
  HOUSING_ASSOCIATIONS,
  HOUSING_BLOCKS,
  KNOWN_AREAS,
  KRIMFORS_REGION,
  LAST_NAMES,
  LEGAL_BASIS,
  LOCAL_UNITS,
  MIDDLE_NAMES,
  MUNICIPALITIES,
  Municipality,
  NATIONAL_ASSOCIATIONS,
  OTHERS,
  SHARED_UNITS,
  TITLES,
  AREA_PREFIXES,
  AREA_STEMS,
  slug,
} from './words';
import { Rng, dayNum, dayStr, fill, isoDow, rng, uuidOf } from './util';

export type OrgKind =
  | 'municipal_department'
  | 'municipal_unit'
  | 'police'
  | 'ssp'
  | 'housing_association'
  | 'school'
  | 'association'
  | 'business'
  | 'other';

export interface Profile {
  /** '1', 'national' or the number of partnerships. */
  scale: string;
  partnerships: number;
  years: number;
  /** Scheduled meetings are planned this many days ahead of today. */
  futureDays: number;
  /** Agenda items per meeting that has an agenda (uniform between the two, standard items included). */
  agendaMin: number;
  agendaMax: number;
  /** Kinds of the agenda items that are not standard items (the rest are information). */
  pDecision: number;
  pDiscussion: number;
  pFollowUp: number;
  /** People per staff position, roughly. */
  peopleFactor: number;
  /** Associations per partnership. */
  associations: [number, number];
  localUnits: number;
  sharedUnits: (partnershipsInMunicipality: number) => number;
  housingAssociations: [number, number];
  blocks: [number, number];
  businesses: [number, number];
  /** Every forum runs through the whole history (the demo-like single partnership). */
  demo: boolean;
}

export function profileFor(scale: '1' | 'national' | number): Profile {
  if (scale === '1' || scale === 1) {
    return {
      scale: '1',
      partnerships: 1,
      years: 1,
      futureDays: 35,
      agendaMin: 3,
      agendaMax: 6,
      pDecision: 0.6,
      pDiscussion: 0.2,
      pFollowUp: 0.05,
      peopleFactor: 1.6,
      associations: [12, 12],
      localUnits: 9,
      sharedUnits: () => 5,
      housingAssociations: [2, 2],
      blocks: [2, 3],
      businesses: [2, 2],
      demo: true,
    };
  }
  const n = scale === 'national' ? 294 : Math.max(1, Math.floor(Number(scale)));
  if (!Number.isFinite(n)) throw new Error(`Unknown scale ${String(scale)}: use 1, national or a number of partnerships`);
  return {
    scale: scale === 'national' ? 'national' : String(n),
    partnerships: n,
    years: 10,
    futureDays: 90,
    agendaMin: 5,
    agendaMax: 16,
    pDecision: 0.58,
    pDiscussion: 0.22,
    pFollowUp: 0.1,
    peopleFactor: 1.3,
    associations: [14, 32],
    localUnits: LOCAL_UNITS.length,
    sharedUnits: (p) => Math.min(SHARED_UNITS.length, 8 + 2 * p),
    housingAssociations: [1, 4],
    blocks: [2, 7],
    businesses: [2, 6],
    demo: false,
  };
}

export interface OrgRow {
  key: number;
  id: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  parentId: string | null;
  topics: string[];
  email: string | null;
  phone: string | null;
  domain: string;
  headcount: number;
  titles: string[];
  /** Current holders of the organisation's positions, position 0 first (the contact). */
  staff: PersonRow[];
  /** Earlier holders of positions that changed hands. */
  former: PersonRow[];
}

export interface PersonRow {
  key: number;
  id: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  orgId: string;
  /** Affiliation period. */
  from: number;
  to: number | null;
  /** Affiliated through the whole history: may be assigned anything. */
  senior: boolean;
  /** The earlier holder of this position, if it changed hands during the history. */
  predecessor?: PersonRow;
}

export interface AffiliationRow {
  id: string;
  personId: string;
  orgId: string;
  role: string;
  isContact: boolean;
  from: number;
  to: number | null;
}

export interface PartnershipRow {
  pk: number;
  id: string;
  name: string;
  area: string;
  purpose: string;
  start: number;
  municipality: string;
}

export interface MemberRow {
  id: string;
  pk: number;
  partnershipId: string;
  orgId: string;
  role: 'lead' | 'partner' | 'observer';
  from: number;
  to: number | null;
}

export interface RankRow {
  pk: number;
  rank: number;
  orgId: string;
}

type Rule =
  | { freq: 'weekly'; interval: number; days: number[] }
  | { freq: 'monthly'; interval: number; nth: number; day: number; skipJuly?: boolean };

export interface ForumRow {
  fk: number;
  id: string;
  pk: number;
  partnershipId: string;
  name: string;
  level: 'strategic' | 'tactical' | 'operational';
  mandate: string;
  recurrence: string;
  duration: number;
  location: string;
  start: number;
  end: number;
  /** Confidential items (personal information under retsplejeloven § 115) occur here. */
  sensitive: boolean;
  chairId: string;
  secretaryId: string;
  meetingCount: number;
}

export interface SeatRow {
  id: string;
  fk: number;
  forumId: string;
  personId: string;
  orgId: string;
  role: 'chair' | 'secretary' | 'member' | 'observer';
  legalBasis: string | null;
  from: number;
  to: number | null;
}

export interface AccessRow {
  id: string;
  partnershipId: string;
  personId: string;
  role: 'admin' | 'coordinator' | 'member' | 'observer';
  createdAt: number;
}

export interface MeetingRow {
  mk: number;
  fk: number;
  k: number;
  day: number;
  minute: number;
  status: 'held' | 'cancelled' | 'scheduled';
  kind: 'ordinary' | 'extraordinary';
  nItems: number;
  nextMk: number;
}

export interface Plan {
  profile: Profile;
  seed: number;
  today: number;
  historyStart: number;
  partnerships: PartnershipRow[];
  orgs: OrgRow[];
  people: PersonRow[];
  affiliations: AffiliationRow[];
  members: MemberRow[];
  ranks: RankRow[];
  forums: ForumRow[];
  seats: SeatRow[];
  access: AccessRow[];
  meetings: MeetingRow[];
  coordinatorId: string;
  adminId: string;
}

// ---------------------------------------------------------------------------------------------

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function rruleText(rule: Rule): string {
  if (rule.freq === 'weekly') {
    return `RRULE:FREQ=WEEKLY${rule.interval > 1 ? `;INTERVAL=${rule.interval}` : ''};BYDAY=${rule.days.map((d) => DAY_CODES[d - 1]).join(',')}`;
  }
  const months = rule.skipJuly ? ';BYMONTH=1,2,3,4,5,6,8,9,10,11,12' : '';
  return `RRULE:FREQ=MONTHLY${rule.interval > 1 ? `;INTERVAL=${rule.interval}` : ''}${months};BYDAY=${rule.nth}${DAY_CODES[rule.day - 1]}`;
}

/** The days of a rule between from and to (inclusive), the series starting in from's week or month. */
function occurrences(rule: Rule, from: number, to: number): number[] {
  const out: number[] = [];
  if (rule.freq === 'weekly') {
    const monday = from - (isoDow(from) - 1);
    for (let w = 0; monday + w * 7 <= to; w += rule.interval) {
      for (const d of rule.days) {
        const day = monday + w * 7 + d - 1;
        if (day >= from && day <= to) out.push(day);
      }
    }
    return out;
  }
  const f = new Date(from * 86_400_000);
  let y = f.getUTCFullYear();
  let m = f.getUTCMonth();
  for (;;) {
    const first = Math.round(Date.UTC(y, m, 1) / 86_400_000);
    if (first > to) break;
    if (!(rule.skipJuly && m === 6)) {
      const day = first + ((rule.day - isoDow(first) + 7) % 7) + 7 * (rule.nth - 1);
      if (day >= from && day <= to) out.push(day);
    }
    m += rule.interval;
    y += Math.floor(m / 12);
    m %= 12;
  }
  return out;
}

interface SeatSpec {
  org: string;
  role?: SeatRow['role'];
  /** Which of the organisation's staff: 0 is the head. */
  staff?: number;
  legal?: boolean;
}

interface ForumTemplate {
  key: string;
  name: string;
  level: ForumRow['level'];
  mandate: string;
  hour: number;
  duration: number;
  location: string;
  sensitive?: boolean;
  seats: SeatSpec[];
  /** Extraordinary meetings a year. */
  extraordinary?: number;
}

const TEMPLATES: Record<string, ForumTemplate> = {
  styre: {
    key: 'styre', name: 'Styregruppen for Tryghedspartnerskabet {a}', level: 'strategic', hour: 9, duration: 120, location: '{k}s rådhus, mødelokale 2',
    mandate: 'Styregruppen fastlægger partnerskabets strategiske mål og prioriteringer, godkender den årlige handleplan og følger op på indsatsernes effekt.',
    seats: [{ org: 'sof', role: 'chair' }, { org: 'sec', role: 'secretary' }, { org: 'buf' }, { org: 'bif' }, { org: 'kff' }, { org: 'tmf' }, { org: 'lokalpol' }, { org: 'sspm' }, { org: 'hadmin' }, { org: 'helhed' }, { org: 'krimfors', role: 'observer' }],
  },
  koord: {
    key: 'koord', name: 'Koordinationsgruppen {a}', level: 'tactical', hour: 14, duration: 120, location: 'Bibliotek og Kulturhus {a}',
    mandate: 'Koordinationsgruppen omsætter styregruppens prioriteringer til koordinerede indsatser og følger op på, hvem der gør hvad hvornår.',
    seats: [{ org: 'sec', role: 'chair' }, { org: 'sec', role: 'secretary', staff: 1 }, { org: 'parea' }, { org: 'sspl' }, { org: 'unit0' }, { org: 'helhed' }, { org: 'unit1' }, { org: 'unit2' }, { org: 'unit8' }, { org: 'unit5' }, { org: 'unit3' }, { org: 'house0' }, { org: 'block0' }, { org: 'unit7' }],
  },
  ssp: {
    key: 'ssp', name: 'SSP-lokaludvalget {a}', level: 'tactical', hour: 13, duration: 90, location: 'Skolen ved {a}, personalerummet', sensitive: true,
    mandate: 'Lokaludvalget koordinerer den kriminalitetsforebyggende indsats over for børn og unge. Oplysninger om enkeltpersoner deles alene med hjemmel i retsplejelovens § 115.',
    seats: [{ org: 'sspm', role: 'chair', legal: true }, { org: 'sspl', role: 'secretary', legal: true }, { org: 'parea', legal: true }, { org: 'unit0', legal: true, staff: 1 }, { org: 'unit2', legal: true }, { org: 'unit8', legal: true }, { org: 'unit1', legal: true }, { org: 'unit7', legal: true }, { org: 'unit10' }],
  },
  drift: {
    key: 'drift', name: 'Driftsgruppen {a}', level: 'operational', hour: 10, duration: 60, location: 'Ejendomskontoret, {a}',
    mandate: 'Driftsgruppen tager sig af de fysiske rammer: belysning, renhold, hærværk og tryghed i boligområdet.',
    seats: [{ org: 'house0', role: 'chair', staff: 2 }, { org: 'sec', role: 'secretary', staff: 2 }, { org: 'block0' }, { org: 'block1' }, { org: 'parea', staff: 1 }, { org: 'unit6' }, { org: 'unit7', staff: 1 }, { org: 'helhed', staff: 1 }],
  },
  netvaerk: {
    key: 'netvaerk', name: 'Netværksmødet for foreninger og frivillige i {a}', level: 'operational', hour: 17, duration: 120, location: 'Beboerhuset, {a}',
    mandate: 'Netværksmødet samler foreninger, frivillige og lokale aktører om aktiviteter for børn, unge og familier.',
    seats: [{ org: 'sec', role: 'chair' }, { org: 'sec', role: 'secretary', staff: 2 }, { org: 'assoc0' }, { org: 'assoc1' }, { org: 'assoc2' }, { org: 'assoc3' }, { org: 'assoc4' }, { org: 'assoc5' }, { org: 'unit3', staff: 1 }, { org: 'unit1', staff: 1 }, { org: 'helhed', staff: 2 }, { org: 'biz0' }, { org: 'other0' }],
  },
  unge: {
    key: 'unge', name: 'Ungegruppen {a}', level: 'operational', hour: 15, duration: 90, location: 'Fritids- og ungdomsklubben {a}', sensitive: true,
    mandate: 'Ungegruppen koordinerer indsatsen for unge i risiko for kriminalitet: fritidsjob, mentorer, klubtilbud og gadeplansarbejde.',
    seats: [{ org: 'unit1', role: 'chair' }, { org: 'sec', role: 'secretary', staff: 1 }, { org: 'sspl', legal: true }, { org: 'unit7', legal: true }, { org: 'unit2', staff: 1 }, { org: 'unit10', staff: 1 }, { org: 'unit5', staff: 1 }, { org: 'assoc0', staff: 1 }, { org: 'shared0' }],
  },
  akut: {
    key: 'akut', name: 'Akutgruppen {a}', level: 'operational', hour: 8, duration: 60, location: 'Politistationen, {m}', sensitive: true, extraordinary: 3,
    mandate: 'Akutgruppen samles ved alvorlige hændelser (skud, afpresning, brandstiftelse) for at afklare hvad der er sket, hvem der gør hvad, og om der skal sættes ekstra ind.',
    seats: [{ org: 'lokalpol', role: 'chair', legal: true, staff: 1 }, { org: 'sec', role: 'secretary' }, { org: 'parea', legal: true }, { org: 'sspl', legal: true }, { org: 'unit0', legal: true }, { org: 'house0', staff: 1 }, { org: 'unit7', legal: true }, { org: 'sof', staff: 1, legal: true }, { org: 'helhed' }],
  },
  foelge: {
    key: 'foelge', name: 'Følgegruppen for den boligsociale helhedsplan i {a}', level: 'tactical', hour: 10, duration: 90, location: 'Boligsocialt sekretariat, {a}',
    mandate: 'Følgegruppen følger helhedsplanens fremdrift og sikrer sammenhæng med kommunens indsatser.',
    seats: [{ org: 'house0', role: 'chair' }, { org: 'helhed', role: 'secretary' }, { org: 'sof', staff: 2 }, { org: 'buf', staff: 1 }, { org: 'bif', staff: 1 }, { org: 'hadmin', staff: 1 }, { org: 'block0' }],
  },
  arbejd: {
    key: 'arbejd', name: 'Arbejdsgruppen om {t} i {a}', level: 'operational', hour: 13, duration: 90, location: 'Sekretariatet, {a}',
    mandate: 'En tidsbegrænset arbejdsgruppe nedsat af styregruppen.',
    seats: [{ org: 'sec', role: 'chair', staff: 1 }, { org: 'unit0', staff: 1 }, { org: 'parea', staff: 1 }, { org: 'assoc1', staff: 0 }, { org: 'house0', staff: 1 }, { org: 'unit2', staff: 1 }],
  },
  pkk: {
    key: 'pkk', name: 'Politi-kommune-koordineringen {a}', level: 'operational', hour: 9, duration: 60, location: 'Politistationen, {m}', sensitive: true,
    mandate: 'Ugentlig koordinering mellem politi, kommune og boligselskab om aktuelle hændelser og tryghed i området.',
    seats: [{ org: 'parea', role: 'chair', legal: true }, { org: 'sec', role: 'secretary', staff: 1 }, { org: 'unit7', legal: true }, { org: 'sspl', legal: true }, { org: 'unit0', legal: true, staff: 1 }, { org: 'house0', staff: 2 }],
  },
  daglig: {
    key: 'daglig', name: 'Den daglige koordinering i {a}', level: 'operational', hour: 8, duration: 30, location: 'Politistationen, {m}', sensitive: true,
    mandate: 'Kort koordinering to gange om ugen mellem politi, gadeplan og SSP.',
    seats: [{ org: 'lokalpol', role: 'chair', legal: true, staff: 2 }, { org: 'sec', role: 'secretary', staff: 2 }, { org: 'parea', legal: true, staff: 1 }, { org: 'unit7', legal: true }, { org: 'sspl', legal: true, staff: 1 }],
  },
};

const WORKGROUP_TOPICS = ['tryghed i nattelivet', 'fritidsjob', 'forældreinddragelse', 'belysning og byrum', 'sommerferien', 'nytårsaften', 'skolefravær', 'kommunikation'];

// ---------------------------------------------------------------------------------------------

interface MuniOrgs {
  m: Municipality;
  kommune: OrgRow;
  dept: Record<string, OrgRow>;
  shared: OrgRow[];
  ssp: OrgRow;
  lokalpol: OrgRow;
  district: OrgRow;
  count: number;
}

export function buildPlan(profile: Profile, seed: number, today: string): Plan {
  const T = dayNum(today);
  const histStart = profile.demo ? T - 365 : T - Math.round(profile.years * 365.25);
  const orgs: OrgRow[] = [];
  const orgR = rng(seed, 'orgs');
  const phone = (r: Rng) => `+45 ${r.int(20, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`;

  function addOrg(o: { name: string; short?: string | null; kind: OrgKind; parent?: OrgRow | null; topics?: string[]; domain: string; mailbox?: string; headcount: number; titles?: string[] }): OrgRow {
    const key = orgs.length + 1;
    const row: OrgRow = {
      key,
      id: uuidOf(seed, 'org', key),
      name: o.name,
      shortName: o.short ?? null,
      kind: o.kind,
      parentId: o.parent?.id ?? null,
      topics: o.topics ?? [],
      email: `${o.mailbox ?? slug(o.short ?? o.name).slice(0, 40)}@${o.domain}`,
      phone: orgR.chance(0.8) ? phone(orgR) : null,
      domain: o.domain,
      headcount: Math.max(1, Math.round(o.headcount * profile.peopleFactor * (0.75 + orgR() * 0.5))),
      titles: o.titles ?? TITLES[o.kind],
      staff: [],
      former: [],
    };
    orgs.push(row);
    return row;
  }

  // National organisations, created when first needed.
  const national = new Map<string, OrgRow>();
  function nat(name: string, make: () => OrgRow): OrgRow {
    let o = national.get(name);
    if (!o) {
      o = make();
      national.set(name, o);
    }
    return o;
  }
  const dkr = nat('dkr', () => addOrg({ name: 'Det Kriminalpræventive Råd', short: 'DKR', kind: 'other', domain: 'dkr.dk', mailbox: 'dkr', headcount: 3, topics: ['kriminalitetsforebyggelse', 'tryghed', 'viden'] }));
  const district = (name: string) =>
    nat(`district:${name}`, () => addOrg({ name, short: name.replace(' Politi', '').replace('s ', ' ').slice(0, 24), kind: 'police', domain: 'politi.dk', headcount: 4, topics: ['politi', 'tryghed', 'efterforskning'] }));
  const krimfors = (districtName: string) => {
    const top = nat('krimfors', () => addOrg({ name: 'Kriminalforsorgen', short: 'KiF', kind: 'other', domain: 'kriminalforsorgen.dk', headcount: 3, topics: ['tilsyn', 'løsladelse', 'resocialisering'] }));
    const region = KRIMFORS_REGION[districtName];
    return nat(`krimfors:${region}`, () => addOrg({ name: `Kriminalforsorgen ${region}`, short: `KiF ${region}`.slice(0, 30), kind: 'other', parent: top, domain: 'kriminalforsorgen.dk', headcount: 3, topics: ['tilsyn', 'løsladelse'] }));
  };
  const housingAdmin = (i: number) => {
    const h = HOUSING_ADMINS[i % HOUSING_ADMINS.length];
    return nat(`housing:${h.name}`, () => addOrg({ name: h.name, short: h.short, kind: 'housing_association', domain: h.domain, headcount: 4, topics: ['almene boliger', 'boligsocial indsats', 'udlejning'] }));
  };
  const natAssoc = (i: number) => {
    const a = NATIONAL_ASSOCIATIONS[i];
    return nat(`assoc:${a.name}`, () => addOrg({ name: a.name, kind: 'association', domain: a.domain, headcount: 2, topics: ['frivillighed'] }));
  };

  // The national coordinator and administrator sit at DKR; created before anybody else.
  const munis = new Map<string, MuniOrgs>();
  function muni(m: Municipality): MuniOrgs {
    let mo = munis.get(m.name);
    if (mo) return mo;
    const kommune = addOrg({ name: m.kommune, short: m.kommune.replace(' Kommune', '').slice(0, 20), kind: 'municipal_department', domain: m.domain, mailbox: 'kommunen', headcount: 2, titles: ['Kommunaldirektør', 'Direktionssekretær'], topics: ['kommune'] });
    const dept: Record<string, OrgRow> = {};
    for (const d of DEPARTMENTS) {
      dept[d.key] = addOrg({ name: `${m.kommune} – ${d.name}`, short: d.short, kind: 'municipal_department', parent: kommune, domain: m.domain, mailbox: d.key, headcount: 5, titles: d.titles, topics: d.topics });
    }
    const dist = district(m.district);
    const pm = profile.demo ? 1 : m.partnerships;
    const shared = SHARED_UNITS.slice(0, profile.sharedUnits(pm)).map(([dk, name, topics]) =>
      addOrg({ name: fill(name, { m: m.name }), kind: 'municipal_unit', parent: dept[dk], domain: m.domain, headcount: 4, topics }),
    );
    const ssp = addOrg({ name: `SSP ${m.name}`, short: 'SSP', kind: 'ssp', parent: dept.buf, domain: m.domain, mailbox: 'ssp', headcount: 3, topics: ['SSP', 'kriminalitetsforebyggelse', 'unge'] });
    const lokalpol = addOrg({ name: `Lokalpolitiet ${m.name}`, short: `Lokalpoliti ${m.name}`.slice(0, 30), kind: 'police', parent: dist, domain: 'politi.dk', headcount: 4, topics: ['politi', 'nærpoliti', 'forebyggelse'] });
    mo = { m, kommune, dept, shared, ssp, lokalpol, district: dist, count: 0 };
    munis.set(m.name, mo);
    return mo;
  }

  // Which municipality each partnership belongs to: round-robin, so small scales spread out.
  const order: Municipality[] = [];
  for (let round = 0; order.length < profile.partnerships; round++) {
    for (const m of MUNICIPALITIES) {
      if (order.length >= profile.partnerships) break;
      if (round < m.partnerships || profile.partnerships > 294) order.push(m);
    }
  }

  const partnerships: PartnershipRow[] = [];
  const members: MemberRow[] = [];
  const ranks: RankRow[] = [];
  const usedAreas = new Set<string>();
  const contexts: { p: PartnershipRow; roles: Record<string, OrgRow>; mo: MuniOrgs; ended: Set<string> }[] = [];
  const partR = rng(seed, 'partnerships');

  for (const m of order) {
    const pk = partnerships.length + 1;
    const mo = muni(m);
    const idx = mo.count++;
    let area = KNOWN_AREAS[m.name]?.[idx];
    for (let tries = 0; !area || usedAreas.has(area); tries++) {
      area = partR.pick(AREA_PREFIXES) + partR.pick(AREA_STEMS);
      if (tries > 20) area = `${area} ${m.name}`;
    }
    usedAreas.add(area);
    // Early partnerships (the first of the big municipalities) cover the whole history.
    const early = profile.demo || (idx === 0 && m.partnerships >= 8) || pk <= 6;
    const start = early ? histStart : histStart + Math.floor(partR() * (T - histStart - 200));
    const p: PartnershipRow = {
      pk,
      id: uuidOf(seed, 'partnership', pk),
      name: `Tryghedspartnerskabet ${area}`,
      area: `${area}, ${m.kommune}`,
      purpose: `Et fælles, forpligtende samarbejde mellem ${m.kommune}, politiet, boligorganisationerne, skolerne og foreningslivet om tryghed og kriminalitetsforebyggelse i ${area}.`,
      start,
      municipality: m.name,
    };
    partnerships.push(p);
    const a = area;
    const roles: Record<string, OrgRow> = {};
    roles.sof = mo.dept.sof;
    roles.buf = mo.dept.buf;
    roles.bif = mo.dept.bif;
    roles.kff = mo.dept.kff;
    roles.tmf = mo.dept.tmf;
    roles.suf = mo.dept.suf;
    roles.sspm = mo.ssp;
    roles.lokalpol = mo.lokalpol;
    roles.district = mo.district;
    roles.krimfors = krimfors(m.district);
    roles.sec = addOrg({ name: `Sekretariatet for Tryghedspartnerskabet ${a}`, short: 'Tryghedssekretariatet', kind: 'municipal_unit', parent: mo.dept.sof, domain: m.domain, mailbox: `tryghed-${slug(a)}`, headcount: 4, titles: ['Tryghedskoordinator', 'Projektmedarbejder', 'Kommunikationsmedarbejder', 'Studentermedhjælper'], topics: ['tryghed', 'koordination', 'netværk'] });
    roles.parea = addOrg({ name: `Områdebetjentene ${a}`, kind: 'police', parent: mo.lokalpol, domain: 'politi.dk', headcount: 3, titles: ['Politiassistent', 'Områdebetjent', 'Forebyggelsesbetjent'], topics: ['nærpoliti', 'tryghed'] });
    roles.sspl = addOrg({ name: `SSP ${a}`, kind: 'ssp', parent: mo.ssp, domain: m.domain, headcount: 2, topics: ['SSP', 'unge'] });
    const unitOrder = LOCAL_UNITS.slice(0, profile.localUnits);
    LOCAL_UNITS.forEach(([dk, kind, name], i) => {
      if (i < unitOrder.length) {
        roles[`unit${i}`] = addOrg({ name: fill(name, { a }), kind, parent: mo.dept[dk], domain: m.domain, headcount: 3, topics: [] });
      }
    });
    const nHouse = partR.int(...profile.housingAssociations);
    const houseNames = partR.shuffle(HOUSING_ASSOCIATIONS);
    const adminIdx = partR.int(0, HOUSING_ADMINS.length - 1);
    let blockNo = 0;
    for (let h = 0; h < nHouse; h++) {
      const admin = housingAdmin(adminIdx + (h > 0 && partR.chance(0.5) ? h : 0));
      if (h === 0) roles.hadmin = admin;
      const house = addOrg({ name: fill(houseNames[h % houseNames.length], { a, m: m.name }) + (h >= houseNames.length ? ` ${h}` : ''), kind: 'housing_association', parent: admin, domain: admin.domain, headcount: 3, topics: ['almene boliger', 'beboere'] });
      roles[`house${h}`] = house;
      const nb = partR.int(...profile.blocks);
      for (let b = 0; b < nb; b++) {
        roles[`block${blockNo}`] = addOrg({ name: fill(partR.pick(HOUSING_BLOCKS), { a, n: 10 + blockNo * 3 + b }), kind: 'housing_association', parent: house, domain: admin.domain, headcount: 1, titles: ['Ejendomsmester', 'Afdelingsformand'], topics: ['drift'] });
        blockNo++;
      }
    }
    if (!roles.block1) roles.block1 = roles.block0;
    roles.helhed = addOrg({ name: `Boligsocial helhedsplan ${a}`, kind: 'other', parent: roles.house0, domain: roles.house0.domain, headcount: 3, titles: ['Sekretariatsleder', 'Boligsocial medarbejder', 'Projektkoordinator'], topics: ['boligsocial indsats', 'helhedsplan'] });
    const nAssoc = partR.int(...profile.associations);
    const assocNames = partR.shuffle(ASSOCIATIONS);
    let ai = 0;
    for (; ai < nAssoc; ai++) {
      roles[`assoc${ai}`] = addOrg({ name: fill(assocNames[ai % assocNames.length], { a }) + (ai >= assocNames.length ? ` ${ai}` : ''), kind: 'association', domain: `${slug(assocNames[ai % assocNames.length].replace('{a}', '')).slice(0, 20)}-${slug(a)}.dk`, headcount: 1.5, topics: ['frivillighed', 'fællesskab'] });
    }
    NATIONAL_ASSOCIATIONS.forEach((na, i) => {
      if (partR.chance(profile.demo ? 0.5 : 0.4)) {
        roles[`assoc${ai++}`] = addOrg({ name: fill(na.chapter, { a }), kind: 'association', parent: natAssoc(i), domain: na.domain, headcount: 1.5, topics: ['frivillighed'] });
      }
    });
    const nBiz = partR.int(...profile.businesses);
    const bizNames = partR.shuffle(BUSINESSES);
    for (let b = 0; b < nBiz; b++) {
      roles[`biz${b}`] = addOrg({ name: fill(bizNames[b], { a, m: m.name }), kind: 'business', domain: `${slug(fill(bizNames[b], { a: '', m: '' })).slice(0, 20) || 'firma'}.dk`, headcount: 1, topics: [] });
    }
    const nOther = profile.demo ? 1 : partR.int(1, 2);
    for (let o = 0; o < nOther; o++) {
      roles[`other${o}`] = addOrg({ name: fill(OTHERS[o], { a, m: m.name }), kind: 'other', domain: `${slug(a)}.dk`, headcount: 1.5, topics: [] });
    }
    const sharedPick = partR.shuffle(mo.shared).slice(0, Math.min(mo.shared.length, partR.int(3, 5)));
    sharedPick.forEach((o, i) => (roles[`shared${i}`] = o));
    if (!roles.shared0) roles.shared0 = mo.dept.sof;
    if (!profile.demo && partR.chance(0.3)) roles.dkr = dkr;
    const ctx = { p, roles, mo, ended: new Set<string>() };
    contexts.push(ctx);

    // Members, in order of how much lands on them (rank 0 gets most action items).
    const lead = new Set([roles.sof.id, roles.sec.id]);
    const observers = new Set([roles.krimfors.id, dkr.id, roles.district.id]);
    const ranked: OrgRow[] = [];
    const push = (o: OrgRow | undefined) => o && !ranked.includes(o) && ranked.push(o);
    for (const k of ['sof', 'lokalpol', 'house0', 'sspm', 'buf', 'parea', 'sspl', 'sec', 'unit0', 'unit1', 'unit2', 'helhed', 'unit7', 'house1', 'bif', 'unit5', 'kff', 'tmf', 'suf']) push(roles[k]);
    const rest = Object.keys(roles).filter((k) => /^(unit|block|assoc|biz|other|shared|house)\d+$/.test(k));
    for (const k of partR.shuffle(rest)) push(roles[k]);
    for (const k of ['district', 'hadmin', 'krimfors', 'dkr']) push(roles[k]);
    // A few small members left the partnership along the way (never ones with seats: see below).
    const leavers = new Set(
      ranked.filter((o) => (o.kind === 'association' || o.kind === 'business') && !profile.demo && partR.chance(0.06)).map((o) => o.id),
    );
    ranked.forEach((o, i) => {
      const joinedLate = i > 20 && partR.chance(0.15);
      const from = joinedLate ? start + partR.int(30, Math.max(31, T - start - 60)) : start;
      const left = leavers.has(o.id) ? Math.min(T - 10, from + partR.int(200, 2000)) : null;
      members.push({
        id: uuidOf(seed, 'pm', pk, i),
        pk,
        partnershipId: p.id,
        orgId: o.id,
        role: lead.has(o.id) ? 'lead' : observers.has(o.id) ? 'observer' : 'partner',
        from,
        to: left && left > from ? left : null,
      });
      if (left) ctx.ended.add(o.id);
    });
    ranked.filter((o) => !ctx.ended.has(o.id)).forEach((o, rank) => ranks.push({ pk, rank, orgId: o.id }));
  }

  // People: every organisation's staff positions, some of which changed hands during the history.
  const people: PersonRow[] = [];
  const affiliations: AffiliationRow[] = [];
  const pr = rng(seed, 'people');
  const usedEmails = new Set<string>();
  const newPerson = (org: OrgRow, title: string, from: number, to: number | null, senior: boolean, fixedName?: string): PersonRow => {
    const key = people.length + 1;
    const first = pr.pick(FIRST_NAMES);
    const last = pr.pick(LAST_NAMES);
    const name = fixedName ?? (pr.chance(0.3) ? `${first} ${pr.pick(MIDDLE_NAMES)} ${last}` : `${first} ${last}`);
    const base = slug(name.split(' ')[0]) + '.' + slug(name.split(' ').slice(-1)[0]);
    let email = `${base}@${org.domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${org.domain}`;
    usedEmails.add(email);
    const row: PersonRow = { key, id: uuidOf(seed, 'person', key), name, title, email, phone: `+45 ${pr.int(20, 99)} ${pr.int(10, 99)} ${pr.int(10, 99)} ${pr.int(10, 99)}`, orgId: org.id, from, to, senior };
    people.push(row);
    return row;
  };
  const coordinator = newPerson(dkr, 'National tryghedskoordinator', histStart - 400, null, true, 'Karen Holm Nielsen');
  const admin = newPerson(dkr, 'Systemadministrator', histStart - 400, null, true, 'Jonas Bach Frederiksen');
  dkr.staff.push(coordinator, admin);
  for (const org of orgs) {
    for (let i = org.staff.length; i < org.headcount + (org === dkr ? 2 : 0); i++) {
      const title = org.titles[Math.min(i, org.titles.length - 1)];
      const changed = i > 0 && pr.chance(0.3);
      if (!changed) {
        org.staff.push(newPerson(org, title, histStart - pr.int(30, 3000), null, true));
      } else {
        const switchDay = histStart + pr.int(30, Math.max(31, T - histStart - 30));
        const former = newPerson(org, title, switchDay - pr.int(200, 3000), switchDay - 1, false);
        const current = newPerson(org, title, switchDay, null, false);
        current.predecessor = former;
        org.former.push(former);
        org.staff.push(current);
      }
    }
  }
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  for (const person of people) {
    const org = orgById.get(person.orgId)!;
    affiliations.push({ id: uuidOf(seed, 'aff', person.key, 0), personId: person.id, orgId: org.id, role: person.title, isContact: org.staff[0] === person, from: person.from, to: person.to });
    // Some staff also work for the parent organisation (an SSP consultant, an officer at the station).
    if (org.parentId && person.to === null && pr.chance(0.06)) {
      const parent = orgById.get(org.parentId)!;
      affiliations.push({ id: uuidOf(seed, 'aff', person.key, 1), personId: person.id, orgId: parent.id, role: `${person.title}, tilknyttet ${parent.shortName ?? parent.name}`, isContact: false, from: person.from, to: null });
    }
  }

  // Forums, their seats and meeting calendars.
  const forums: ForumRow[] = [];
  const seats: SeatRow[] = [];
  const meetings: MeetingRow[] = [];
  const fr = rng(seed, 'forums');
  const mr = rng(seed, 'meetings');
  const access: AccessRow[] = [];
  const W = (interval: number, ...days: number[]): Rule => ({ freq: 'weekly', interval, days });
  const M = (interval: number, nth: number, day: number, skipJuly = false): Rule => ({ freq: 'monthly', interval, nth, day, skipJuly });
  const bigWeekly = new Set<number>();
  const twiceWeekly = new Set<number>();
  if (!profile.demo) {
    // The busiest forums: weekly and twice-weekly coordination in the first partnerships of the big cities.
    contexts.filter((c) => c.p.start === histStart && c.mo.m.partnerships >= 8).forEach((c, i) => {
      bigWeekly.add(c.p.pk);
      if (i < 2) twiceWeekly.add(c.p.pk);
    });
    contexts.filter((c) => c.p.start === histStart).slice(0, 6).forEach((c) => bigWeekly.add(c.p.pk));
  }

  for (const ctx of contexts) {
    const { p, roles, mo } = ctx;
    const list: { t: ForumTemplate; rule: Rule; start: number; end: number }[] = [];
    const future = T + profile.futureDays;
    if (profile.demo) {
      list.push(
        { t: TEMPLATES.styre, rule: M(3, 2, 4), start: p.start, end: future },
        { t: TEMPLATES.koord, rule: M(1, 1, 1, true), start: p.start, end: future },
        { t: TEMPLATES.ssp, rule: M(1, 3, 3, true), start: p.start, end: future },
        { t: TEMPLATES.drift, rule: W(2, 2), start: p.start, end: future },
        { t: TEMPLATES.netvaerk, rule: M(2, 4, 4), start: p.start, end: future },
        { t: TEMPLATES.unge, rule: W(2, 4), start: p.start, end: future },
        { t: TEMPLATES.akut, rule: M(1, 2, 3), start: p.start, end: future },
      );
    } else {
      const later = (maxDays: number) => Math.min(T - 60, p.start + Math.floor(fr() * maxDays));
      list.push(
        { t: TEMPLATES.styre, rule: M(3, 2, 4), start: p.start, end: future },
        { t: TEMPLATES.koord, rule: fr.chance(0.6) ? M(1, 1, 1, true) : M(2, 1, 1), start: p.start, end: future },
        { t: TEMPLATES.ssp, rule: fr.chance(0.5) ? M(1, 3, 3, true) : W(6, 3), start: later(200), end: future },
        { t: TEMPLATES.drift, rule: fr.chance(0.25) ? W(2, 2) : M(1, 2, 2), start: later(400), end: future },
        { t: TEMPLATES.netvaerk, rule: fr.chance(0.5) ? M(3, 4, 4) : M(2, 4, 4), start: later(500), end: future },
        { t: TEMPLATES.unge, rule: fr.chance(0.4) ? M(1, 1, 4, true) : M(2, 1, 4), start: later(600), end: future },
        { t: TEMPLATES.akut, rule: W(6, 1), start: later(300), end: future },
      );
      if (fr.chance(0.4)) list.push({ t: TEMPLATES.foelge, rule: M(3, 3, 2), start: later(800), end: future });
      if (fr.chance(0.35)) {
        const s = later(T - p.start);
        list.push({ t: TEMPLATES.arbejd, rule: M(1, 2, 1), start: s, end: fr.chance(0.6) ? s + fr.int(300, 1100) : future });
      }
      if (bigWeekly.has(p.pk)) list.push({ t: TEMPLATES.pkk, rule: W(1, 1), start: p.start, end: future });
      if (twiceWeekly.has(p.pk)) list.push({ t: TEMPLATES.daglig, rule: W(1, 1, 4), start: p.start, end: future });
      // Some forums were closed down along the way.
      for (const f of list) {
        if (f.t.key !== 'styre' && f.t.key !== 'pkk' && f.t.key !== 'daglig' && fr.chance(0.12)) {
          f.end = Math.min(f.end, f.start + fr.int(365, 3 * 365));
        }
      }
    }
    const roleOf = new Map<string, AccessRow['role']>();
    const grant = (personId: string, role: AccessRow['role']) => {
      const prec = { admin: 3, coordinator: 2, member: 1, observer: 0 };
      const cur = roleOf.get(personId);
      if (!cur || prec[role] > prec[cur]) roleOf.set(personId, role);
    };
    for (const { t, rule, start, end } of list) {
      const occ = occurrences(rule, start, end);
      if (!occ.length) continue;
      const fk = forums.length + 1;
      const forumId = uuidOf(seed, 'forum', fk);
      const vars = { a: p.area.split(',')[0], m: mo.m.name, k: mo.m.kommune, t: fr.pick(WORKGROUP_TOPICS) };
      const dtstart = dayStr(occ[0]).replace(/-/g, '') + `T${String(t.hour).padStart(2, '0')}0000`;
      // Seats: a person of the organisation on its behalf; positions that changed hands have a predecessor seat.
      let chairId = '';
      let secretaryId = '';
      t.seats.forEach((s, si) => {
        const org = roles[s.org] ?? roles.sec;
        if (ctx.ended.has(org.id)) return;
        const holder = org.staff[Math.min(s.staff ?? 0, org.staff.length - 1)];
        const role = s.role ?? 'member';
        const legalBasis = s.legal ? LEGAL_BASIS : null;
        let from = Math.max(start, holder.from);
        const before = holder.predecessor;
        if (before && before.to! >= start && before.to! < end) {
          seats.push({ id: uuidOf(seed, 'seat', fk, si, 0), fk, forumId, personId: before.id, orgId: org.id, role, legalBasis, from: Math.max(start, before.from), to: before.to });
          from = before.to! + 1;
        }
        if (from <= Math.min(end, T)) {
          seats.push({ id: uuidOf(seed, 'seat', fk, si, 1), fk, forumId, personId: holder.id, orgId: org.id, role, legalBasis, from, to: end < T ? end : null });
          if (end >= T) grant(holder.id, 'member');
        }
        if (role === 'chair') chairId = holder.id;
        if (role === 'secretary') secretaryId = holder.id;
      });
      chairId ||= roles.sec.staff[0].id;
      secretaryId ||= roles.sec.staff[Math.min(1, roles.sec.staff.length - 1)].id;
      const days = occ.map((d) => ({ day: d, minute: t.hour * 60, kind: 'ordinary' as MeetingRow['kind'] }));
      if (t.extraordinary) {
        const years = (Math.min(end, T) - start) / 365;
        const n = Math.round(years * t.extraordinary * (0.5 + mr()));
        const taken = new Set(occ);
        for (let i = 0; i < n; i++) {
          const d = start + Math.floor(mr() * Math.max(1, Math.min(end, T - 1) - start));
          // On a working day without another meeting of the forum.
          if (isoDow(d) <= 5 && !taken.has(d)) {
            taken.add(d);
            days.push({ day: d, minute: 15 * 60, kind: 'extraordinary' });
          }
        }
        days.sort((x, y) => x.day - y.day || x.minute - y.minute);
      }
      const firstMk = meetings.length + 1;
      days.forEach((d, k) => {
        const mk = meetings.length + 1;
        let status: MeetingRow['status'] = d.day < T ? 'held' : 'scheduled';
        if (status === 'held' && d.kind === 'ordinary' && mr.chance(0.04)) status = 'cancelled';
        const withAgenda = status === 'held' || (status === 'scheduled' && d.day < T + 21);
        const nItems = withAgenda ? mr.int(profile.agendaMin, profile.agendaMax) : 0;
        meetings.push({ mk, fk, k, day: d.day, minute: d.minute, status, kind: d.kind, nItems, nextMk: k + 1 < days.length ? mk + 1 : 0 });
      });
      forums.push({
        fk,
        id: forumId,
        pk: p.pk,
        partnershipId: p.id,
        name: fill(t.name, vars),
        level: t.level,
        mandate: t.mandate,
        recurrence: `DTSTART;TZID=Europe/Copenhagen:${dtstart}\n${rruleText(rule)}`,
        duration: t.duration,
        location: fill(t.location, vars),
        start,
        end,
        sensitive: !!t.sensitive,
        chairId,
        secretaryId,
        meetingCount: meetings.length - firstMk + 1,
      });
      if (t.key === 'styre') grant(chairId, 'admin');
    }
    // The partnership's coordinator is the secretariat's head; the national pair hold their roles everywhere.
    grant(roles.sec.staff[0].id, 'coordinator');
    access.push({ id: uuidOf(seed, 'access', p.pk, 'coordinator'), partnershipId: p.id, personId: coordinator.id, role: 'coordinator', createdAt: histStart - 2 });
    access.push({ id: uuidOf(seed, 'access', p.pk, 'admin'), partnershipId: p.id, personId: admin.id, role: 'admin', createdAt: histStart - 2 });
    for (const [personId, role] of roleOf) {
      access.push({ id: uuidOf(seed, 'access', p.pk, personId), partnershipId: p.id, personId, role, createdAt: p.start });
    }
  }

  return {
    profile,
    seed,
    today: T,
    historyStart: histStart,
    partnerships,
    orgs,
    people,
    affiliations,
    members,
    ranks,
    forums,
    seats,
    access,
    meetings,
    coordinatorId: coordinator.id,
    adminId: admin.id,
  };
}
