/**
 * The minutes as a document: Danish labels and dates (Europe/Copenhagen), attendance grouped by
 * organisation, decisions and action items under their agenda items, the follow-up list. Both the
 * HTML and the PDF are drawn from this one view, so they always say the same.
 */
import { localDate } from '../context';
import { REDACTED } from '../auth/confidential';
import { MinutesAction, MinutesData, MinutesDecision } from './minutes.data';

export const LABELS = {
  attendance: { PRESENT: 'Til stede', EXCUSED: 'Afbud', ABSENT: 'Fraværende' } as Record<string, string>,
  agendaKind: { INFORMATION: 'Orientering', DISCUSSION: 'Drøftelse', DECISION: 'Beslutning', FOLLOW_UP: 'Opfølgning' } as Record<string, string>,
  agendaStatus: { PLANNED: 'Ikke behandlet', DISCUSSED: 'Behandlet', DEFERRED: 'Udsat' } as Record<string, string>,
  decisionStatus: { IN_FORCE: 'Gældende', IMPLEMENTED: 'Gennemført', SUPERSEDED: 'Erstattet', REVOKED: 'Tilbagekaldt' } as Record<string, string>,
  actionStatus: { OPEN: 'Åben', IN_PROGRESS: 'I gang', DONE: 'Udført', BLOCKED: 'Blokeret', CANCELLED: 'Annulleret' } as Record<string, string>,
  meetingStatus: { SCHEDULED: 'Planlagt', HELD: 'Afholdt', CANCELLED: 'Aflyst' } as Record<string, string>,
  meetingKind: { ORDINARY: 'Ordinært møde', EXTRAORDINARY: 'Ekstraordinært møde' } as Record<string, string>,
  forumLevel: { STRATEGIC: 'strategisk niveau', TACTICAL: 'taktisk niveau', OPERATIONAL: 'operationelt niveau' } as Record<string, string>,
};

export const REVEALED_NOTE =
  'Referatet indeholder fortrolige oplysninger (retsplejeloven § 115). Det må kun videregives til forummets medlemmer med hjemmel til at udveksle personoplysninger.';

export const CONFIDENTIAL_NOTE =
  'Fortroligt punkt. Indholdet vises kun for forummets medlemmer med hjemmel til at udveksle personoplysninger (retsplejeloven § 115).';

export interface ActionView {
  title: string;
  description: string | null;
  organisation: string;
  person: string | null;
  due: string;
  status: string;
  /** Still owed and past its due date (as of the meeting day for the follow-up list, today otherwise). */
  overdue: boolean;
  redacted: boolean;
}

export interface DecisionView {
  text: string;
  status: string;
  redacted: boolean;
  /** "Sagsnr. 2026-0001234", "KLE 27.24.00". */
  references: string[];
  responsible: string[];
  review: string | null;
  supersedes: string | null;
}

export interface AgendaView {
  number: number;
  title: string;
  kind: string;
  status: string;
  /** Confidential (whether or not this reader may read it). */
  confidential: boolean;
  redacted: boolean;
  presenter: string | null;
  plannedMinutes: number | null;
  description: string | null;
  outcome: string | null;
  carriedOver: string | null;
  decisions: DecisionView[];
  actions: ActionView[];
}

export interface MinutesView {
  meetingId: string;
  /** The meeting's calendar day, YYYY-MM-DD. */
  day: string;
  documentTitle: string;
  forum: string;
  forumLevel: string;
  partnership: string;
  meetingTitle: string;
  /** The meeting's own title (when it is not just the forum and date) and the forum's level. */
  subtitle: string;
  /** Date, time, place, kind, status: label and value. */
  facts: { label: string; value: string }[];
  draft: boolean;
  cancelled: string | null;
  attendance: { status: string; label: string; entries: { organisation: string; people: string[] }[] }[];
  agenda: AgendaView[];
  /** Action items that arose at the meeting outside any agenda item. */
  otherActions: ActionView[];
  notes: string | null;
  followUpActions: (ActionView & { origin: string })[];
  followUpAgenda: { title: string; origin: string; status: string; redacted: boolean }[];
  amendments: { at: string; by: string; reason: string; what: string }[];
  /** How many items, decisions and action items are redacted for this reader. */
  redactions: number;
  /** The document shows confidential content (the reader has a legal basis): it must not be passed on. */
  revealsConfidential: boolean;
  generated: string;
}

const TZ = 'Europe/Copenhagen';
const FORMATS = {
  longDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "tirsdag den 3. marts 2026". */
export function longDate(at: Date | string, timeZone = TZ): string {
  return formatter('longDate', timeZone).format(new Date(at));
}
/** "3. marts 2026". */
export function danishDate(at: Date | string, timeZone = TZ): string {
  return formatter('date', timeZone).format(new Date(at));
}
/** "14.00". */
export function danishTime(at: Date | string, timeZone = TZ): string {
  return formatter('time', timeZone).format(new Date(at));
}
/** A calendar date "2026-06-30" as "30.06.2026" (no time zone: it is a date, not an instant). */
export function localDateDa(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

function formatter(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('da-DK', { ...FORMATS[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

const OPEN = new Set(['OPEN', 'IN_PROGRESS', 'BLOCKED']);

function text(v: string | null | undefined): string | null {
  const t = (v ?? '').trim();
  return t && t !== REDACTED ? t : null;
}

function action(a: MinutesAction, asOf: string): ActionView {
  return {
    title: a.title,
    description: a.redacted ? null : text(a.description),
    organisation: a.assigneeOrganisation.name,
    person: a.assigneePerson?.name ?? null,
    due: localDateDa(a.dueDate),
    status: LABELS.actionStatus[a.status] ?? a.status,
    overdue: OPEN.has(a.status) && a.dueDate < asOf,
    redacted: a.redacted,
  };
}

function decision(d: MinutesDecision, timeZone: string): DecisionView {
  const references: string[] = [];
  if (!d.redacted && d.caseNumber) references.push(`Sagsnr. ${d.caseNumber}`);
  if (!d.redacted && d.kleNumber) references.push(`KLE ${d.kleNumber}`);
  return {
    text: d.text,
    status: LABELS.decisionStatus[d.status] ?? d.status,
    redacted: d.redacted,
    references,
    responsible: d.redacted ? [] : d.responsibleOrganisations.edges.map((e) => e.node.name),
    review: !d.redacted && d.reviewDate ? localDateDa(d.reviewDate) : null,
    supersedes: !d.redacted && d.supersedes ? `Erstatter beslutning af ${danishDate(d.supersedes.decidedAt, timeZone)}: ${d.supersedes.text}` : null,
  };
}

export function minutesView(m: MinutesData, opts: { now: Date; timeZone?: string }): MinutesView {
  const tz = opts.timeZone ?? TZ;
  const meetingDay = localDate(new Date(m.startsAt), tz);
  const today = localDate(opts.now, tz);

  const attendance = (['PRESENT', 'EXCUSED', 'ABSENT'] as const).map((status) => {
    const byOrg = new Map<string, { organisation: string; people: string[] }>();
    for (const a of m.attendance.filter((x) => x.status === status)) {
      const entry = byOrg.get(a.organisation.id) ?? { organisation: a.organisation.name, people: [] };
      if (a.person) entry.people.push(a.person.name);
      byOrg.set(a.organisation.id, entry);
    }
    const entries = [...byOrg.values()].sort((x, y) => x.organisation.localeCompare(y.organisation, 'da'));
    for (const e of entries) e.people.sort((x, y) => x.localeCompare(y, 'da'));
    return { status, label: LABELS.attendance[status], entries };
  }).filter((g) => g.entries.length > 0);

  const decisionsOf = new Map<string, DecisionView[]>();
  for (const d of m.decisions) {
    const key = d.agendaItem?.id ?? '';
    decisionsOf.set(key, [...(decisionsOf.get(key) ?? []), decision(d, tz)]);
  }
  const actionsOf = new Map<string, ActionView[]>();
  for (const a of m.actionItems) {
    const key = a.agendaItem?.id ?? '';
    actionsOf.set(key, [...(actionsOf.get(key) ?? []), action(a, today)]);
  }

  const agenda: AgendaView[] = m.agendaItems.map((a, i) => ({
    number: i + 1,
    title: a.title,
    kind: LABELS.agendaKind[a.kind] ?? a.kind,
    status: m.status === 'HELD' || a.status !== 'PLANNED' ? (LABELS.agendaStatus[a.status] ?? a.status) : '',
    confidential: a.confidential,
    redacted: a.redacted,
    presenter: a.redacted ? null : [a.presenterPerson?.name, a.presenterOrganisation?.name].filter(Boolean).join(', ') || null,
    plannedMinutes: a.plannedMinutes,
    description: a.redacted ? null : text(a.description),
    outcome: a.redacted ? null : text(a.outcomeNotes),
    carriedOver: a.carriedOverFrom ? `Videreført fra mødet ${danishDate(a.carriedOverFrom.meeting.startsAt, tz)}` : null,
    decisions: decisionsOf.get(a.id) ?? [],
    actions: actionsOf.get(a.id) ?? [],
  }));

  const followUpActions = m.followUpActionItems.map((a) => {
    const origin = a.trail?.[0];
    return { ...action(a, meetingDay), origin: origin ? localDateDa(localDate(new Date(origin.startsAt), tz)) : '' };
  });

  const redactions =
    m.agendaItems.filter((a) => a.redacted).length +
    m.decisions.filter((d) => d.redacted).length +
    m.actionItems.filter((a) => a.redacted).length +
    m.followUpActionItems.filter((a) => a.redacted).length +
    m.followUpAgendaItems.filter((a) => a.redacted).length;

  const starts = new Date(m.startsAt);
  const ends = new Date(m.endsAt);
  const sameDay = localDate(starts, tz) === localDate(ends, tz);
  const facts = [
    { label: 'Dato', value: longDate(starts, tz) },
    { label: 'Tid', value: sameDay ? `kl. ${danishTime(starts, tz)}–${danishTime(ends, tz)}` : `kl. ${danishTime(starts, tz)} – ${danishDate(ends, tz)} kl. ${danishTime(ends, tz)}` },
    { label: 'Sted', value: text(m.location) ?? 'Ikke angivet' },
    { label: 'Mødetype', value: LABELS.meetingKind[m.kind] ?? m.kind },
    {
      label: 'Referat',
      value:
        m.minutesStatus === 'APPROVED'
          ? `Godkendt${m.minutesApprovedAt ? ` ${danishDate(m.minutesApprovedAt, tz)}` : ''}${m.minutesApprovedBy ? ` af ${m.minutesApprovedBy.name}` : ''}`
          : m.status === 'HELD' ? 'Udkast – ikke godkendt' : `Mødet er ${(LABELS.meetingStatus[m.status] ?? m.status).toLowerCase()}`,
    },
  ];

  return {
    meetingId: m.id,
    day: meetingDay,
    documentTitle: `Referat – ${m.forum.name} – ${danishDate(starts, tz)}`,
    forum: m.forum.name,
    forumLevel: LABELS.forumLevel[m.forum.level] ?? m.forum.level,
    partnership: m.forum.partnership.name,
    meetingTitle: m.title,
    subtitle: [m.title.trim() === `${m.forum.name} ${meetingDay}` ? '' : m.title.trim(), `Forum på ${LABELS.forumLevel[m.forum.level] ?? m.forum.level}`]
      .filter(Boolean)
      .join(' · '),
    facts,
    draft: m.minutesStatus !== 'APPROVED',
    cancelled: m.status === 'CANCELLED' ? (text(m.cancellationReason) ?? 'Mødet er aflyst.') : null,
    attendance,
    agenda,
    otherActions: actionsOf.get('') ?? [],
    notes: text(m.minutesNotes),
    followUpActions,
    followUpAgenda: m.followUpAgendaItems.map((a) => ({
      title: a.title,
      origin: localDateDa(localDate(new Date(a.meeting.startsAt), tz)),
      status: LABELS.agendaStatus[a.status] ?? a.status,
      redacted: a.redacted,
    })),
    amendments: m.amendments.map((a) => ({
      at: `${danishDate(a.createdAt, tz)} kl. ${danishTime(a.createdAt, tz)}`,
      by: a.author?.name ?? 'Systemet',
      reason: a.reason,
      what: a.target.startsWith('AgendaItem.') ? 'Et punkts referat' : 'Referatets bemærkninger',
    })),
    redactions,
    revealsConfidential: m.agendaItems.some((a) => a.confidential && !a.redacted),
    generated: `Udskrevet ${danishDate(opts.now, tz)} kl. ${danishTime(opts.now, tz)}`,
  };
}
