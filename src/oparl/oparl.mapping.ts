/**
 * Rows of the record → OParl 1.1 objects. Ids are absolute URLs under the export's root; properties
 * OParl lacks carry the vendor prefix `prk:`; action items are the vendor type ActionItem.
 * Absent values are left out (OParl: no nulls, no empty optional arrays).
 */
import { BodyView, KeyedRow } from './oparl.service';

export const OPARL = 'https://schema.oparl.org/1.1/';
/** The vendor namespace of this product's extension type (a name: it need not resolve). */
export const VENDOR_SCHEMA = 'https://schema.partnership-record.dk/oparl/1.1/';
export const ACTION_ITEM_TYPE = `${VENDOR_SCHEMA}ActionItem`;
/** Shown instead of a confidential agenda item's title; nothing else of it is exported. */
export const CONFIDENTIAL_TITLE = 'Fortroligt punkt';

type Json = Record<string, unknown>;

/** Absolute URLs of every object and list; `root` is e.g. https://record.example.dk/oparl/v1. */
export class Urls {
  constructor(readonly root: string) {}
  system() {
    return `${this.root}/`;
  }
  bodies() {
    return `${this.root}/bodies`;
  }
  body(pid: string, rest = '') {
    return `${this.root}/body/${pid}${rest}`;
  }
  forum(pid: string, id: string) {
    return this.body(pid, `/forum/${id}`);
  }
  organisation(pid: string, id: string) {
    return this.body(pid, `/organization/${id}`);
  }
  person(pid: string, id: string) {
    return this.body(pid, `/person/${id}`);
  }
  membership(pid: string, id: string) {
    return this.body(pid, `/membership/${id}`);
  }
  meeting(pid: string, id: string) {
    return this.body(pid, `/meeting/${id}`);
  }
  agendaItem(pid: string, id: string) {
    return this.body(pid, `/agenda-item/${id}`);
  }
  location(pid: string, key: string) {
    return this.body(pid, `/location/${key}`);
  }
  actionItem(pid: string, id: string) {
    return this.body(pid, `/action-item/${id}`);
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Drop null/undefined values and empty arrays (OParl recommends leaving them out). */
function clean(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '') continue;
    out[k] = v;
  }
  return out;
}

function stamps(r: { created: Date | string; modified: Date | string }): Json {
  return { created: iso(r.created), modified: iso(r.modified) };
}

/**
 * A deleted object keeps id, type and created; everything else goes (OParl 1.1, "Gelöschte Objekte").
 * `modified` is the last change, which the deletion is (erasure updates the row), so it agrees with
 * the modified_since filter.
 */
function deletedStub(id: string, type: string, r: KeyedRow): Json {
  return { id, type, created: iso(r.created), modified: iso(r.modified), deleted: true };
}

const FORUM_LEVEL: Record<string, string> = { strategic: 'Strategisk forum', tactical: 'Taktisk forum', operational: 'Operationelt forum' };
const ORGANISATION_KIND: Record<string, string> = {
  municipal_department: 'Forvaltning',
  municipal_unit: 'Kommunal enhed',
  police: 'Politi',
  ssp: 'SSP',
  housing_association: 'Boligorganisation',
  school: 'Skole',
  association: 'Forening',
  business: 'Virksomhed',
  other: 'Andet',
};
/** OParl's suggested organizationType values. */
const ORGANIZATION_TYPE: Record<string, string> = {
  municipal_department: 'Verwaltungsbereich',
  municipal_unit: 'Verwaltungsbereich',
  police: 'Institution',
  ssp: 'Institution',
  housing_association: 'Institution',
  school: 'Institution',
  association: 'Sonstiges',
  business: 'Sonstiges',
  other: 'Sonstiges',
};
const FORUM_ROLE: Record<string, string> = { chair: 'Formand', secretary: 'Sekretær', member: 'Medlem', observer: 'Observatør' };
const MEETING_STATE: Record<string, string> = { scheduled: 'planlagt', held: 'afholdt', cancelled: 'aflyst' };

export class OparlMapper {
  constructor(private urls: Urls) {}

  system(): Json {
    return {
      id: this.urls.system(),
      type: `${OPARL}System`,
      oparlVersion: OPARL,
      name: 'Partnership Record',
      body: this.urls.bodies(),
    };
  }

  body(r: KeyedRow | BodyView['body']): Json {
    const pid = r.key;
    const u = (rest: string) => this.urls.body(pid, rest);
    const body = clean({
      id: u(''),
      type: `${OPARL}Body`,
      system: this.urls.system(),
      name: r.name,
      classification: 'Tryghedspartnerskab',
      organization: u('/organizations'),
      person: u('/persons'),
      meeting: u('/meetings'),
      paper: u('/papers'),
      agendaItem: u('/agenda-items'),
      membership: u('/memberships'),
      locationList: u('/locations'),
      'prk:area': r.area,
      'prk:purpose': r.purpose,
      'prk:actionItem': u('/action-items'),
      ...stamps(r as KeyedRow),
    });
    // Required by OParl even when empty: a partnership has no electoral terms.
    return { ...body, legislativeTerm: [] };
  }

  /** A forum or an organisation, both OParl Organizations. */
  organization(pid: string, r: KeyedRow): Json {
    const body = this.urls.body(pid);
    if (r.forum_id) {
      const id = r.forum_id as string;
      return clean({
        id: this.urls.forum(pid, id),
        type: `${OPARL}Organization`,
        body,
        name: r.forum_name,
        organizationType: 'Gremium',
        classification: FORUM_LEVEL[r.level as string],
        membership: ((r.forum_memberships as string[] | null) ?? []).map((m) => this.urls.membership(pid, m)),
        meeting: this.urls.body(pid, `/forum/${id}/meetings`),
        post: Object.values(FORUM_ROLE),
        'prk:level': r.level,
        'prk:mandate': r.mandate,
        ...stamps(r),
      });
    }
    const id = r.organisation_id as string;
    return clean({
      id: this.urls.organisation(pid, id),
      type: `${OPARL}Organization`,
      body,
      name: r.organisation_name,
      shortName: r.short_name,
      organizationType: ORGANIZATION_TYPE[r.kind as string],
      classification: ORGANISATION_KIND[r.kind as string],
      subOrganizationOf: r.parent_id ? this.urls.organisation(pid, r.parent_id as string) : null,
      startDate: r.starts_on,
      endDate: r.ends_on,
      keyword: r.topics,
      'prk:kind': r.kind,
      'prk:partnershipRole': r.partnership_role,
      'prk:active': r.active,
      ...stamps(r),
    });
  }

  membership(pid: string, m: Json, embedded = false): Json {
    return clean({
      id: this.urls.membership(pid, m.id as string),
      type: `${OPARL}Membership`,
      // Inside a Person the person is implied.
      person: embedded ? null : this.urls.person(pid, m.person_id as string),
      organization: this.urls.forum(pid, m.forum_id as string),
      onBehalfOf: this.urls.organisation(pid, m.organisation_id as string),
      role: FORUM_ROLE[m.role as string],
      votingRight: m.role !== 'observer',
      startDate: m.starts_on,
      endDate: m.ends_on,
      'prk:role': m.role,
      created: iso(m.created as string),
      modified: iso(m.modified as string),
    });
  }

  person(pid: string, r: KeyedRow): Json {
    const id = this.urls.person(pid, r.key);
    const type = `${OPARL}Person`;
    if (r.deleted) return deletedStub(id, type, r);
    return clean({
      id,
      type,
      body: this.urls.body(pid),
      name: r.name,
      status: r.title ? [r.title] : null,
      email: r.email ? [r.email] : null,
      phone: r.phone ? [r.phone] : null,
      membership: ((r.memberships as Json[] | null) ?? []).map((m) => this.membership(pid, m, true)),
      ...stamps(r),
    });
  }

  location(pid: string, key: string, description: string, r?: KeyedRow): Json {
    return clean({
      id: this.urls.location(pid, key),
      type: `${OPARL}Location`,
      description,
      bodies: r ? [this.urls.body(pid)] : null,
      ...(r ? stamps(r) : {}),
    });
  }

  /** Result of the deliberation, in the record's language. */
  private result(a: Json): string | null {
    const decisions = (a.decisions as Json[] | null) ?? [];
    if (decisions.length) return 'Besluttet';
    if (a.status === 'deferred') return 'Udsat';
    if (a.status === 'discussed') return a.kind === 'information' ? 'Taget til efterretning' : 'Drøftet';
    return null;
  }

  agendaItem(pid: string, a: Json): Json {
    const base = {
      id: this.urls.agendaItem(pid, a.id as string),
      type: `${OPARL}AgendaItem`,
      meeting: this.urls.meeting(pid, a.meeting_id as string),
      number: String(a.position),
      order: a.position,
    };
    const when = { created: iso(a.created as string), modified: iso(a.modified as string) };
    if (a.confidential) {
      // Only its place on the agenda: no title, text, result, decision or action item.
      return { ...base, name: CONFIDENTIAL_TITLE, public: false, ...when };
    }
    const decisions = (a.decisions as Json[] | null) ?? [];
    return clean({
      ...base,
      name: a.title,
      public: true,
      result: this.result(a),
      resolutionText: decisions.length ? decisions.map((d) => d.text).join('\n\n') : null,
      'prk:kind': a.kind,
      'prk:status': a.status,
      'prk:description': a.description,
      'prk:outcomeNotes': a.outcome_notes,
      'prk:decision': decisions.map((d) =>
        clean({
          text: d.text,
          status: d.status,
          decidedAt: iso(d.decided_at as string),
          caseNumber: d.case_number,
          kleNumber: d.kle_number,
          reviewDate: d.review_date,
        }),
      ),
      'prk:carriedOverFrom': a.carried_over_from_id ? this.urls.agendaItem(pid, a.carried_over_from_id as string) : null,
      'prk:actionItem': ((a.action_items as string[] | null) ?? []).map((id) => this.urls.actionItem(pid, id)),
      ...when,
    });
  }

  meeting(pid: string, r: KeyedRow): Json {
    return clean({
      id: this.urls.meeting(pid, r.key),
      type: `${OPARL}Meeting`,
      name: r.title,
      meetingState: MEETING_STATE[r.status as string],
      cancelled: r.status === 'cancelled',
      start: iso(r.starts_at as Date),
      end: iso(r.ends_at as Date),
      location: r.location ? this.location(pid, r.location_key as string, r.location as string) : null,
      organization: [this.urls.forum(pid, r.forum_id as string)],
      participant: ((r.participants as string[] | null) ?? []).map((p) => this.urls.person(pid, p)),
      agendaItem: ((r.agenda as Json[] | null) ?? []).map((a) => this.agendaItem(pid, a)),
      'prk:kind': r.kind,
      'prk:cancellationReason': r.cancellation_reason,
      'prk:minutesStatus': r.minutes_status,
      'prk:actionItem': ((r.action_items as string[] | null) ?? []).map((id) => this.urls.actionItem(pid, id)),
      ...stamps(r),
    });
  }

  actionItem(pid: string, r: KeyedRow): Json {
    return clean({
      id: this.urls.actionItem(pid, r.key),
      type: ACTION_ITEM_TYPE,
      body: this.urls.body(pid),
      name: r.title,
      description: r.description,
      status: r.status,
      origin: r.origin,
      dueDate: r.due_date,
      closed: r.closed_at ? iso(r.closed_at as Date) : null,
      assigneeOrganization: this.urls.organisation(pid, r.assignee_organisation_id as string),
      meeting: this.urls.meeting(pid, r.meeting_id as string),
      agendaItem: r.agenda_item_id ? this.urls.agendaItem(pid, r.agenda_item_id as string) : null,
      organization: this.urls.forum(pid, r.forum_id as string),
      ...stamps(r),
    });
  }
}

/** JSON Schema of the vendor type, served at /oparl/v1/schema/ActionItem.json and used by the tests. */
export const ACTION_ITEM_SCHEMA = {
  $id: `${VENDOR_SCHEMA}ActionItem.json`,
  title: 'ActionItem',
  description: 'Vendor extension: who does what by when, arising at a meeting (optionally under an agenda item or decision).',
  type: 'object',
  required: ['id', 'type', 'body', 'name', 'status', 'dueDate', 'assigneeOrganization', 'meeting'],
  properties: {
    id: { type: 'string', format: 'url' },
    type: { type: 'string', const: ACTION_ITEM_TYPE },
    body: { type: 'string', format: 'url' },
    name: { type: 'string' },
    description: { type: 'string' },
    status: { type: 'string', enum: ['open', 'in_progress', 'done', 'blocked', 'cancelled'] },
    origin: { type: 'string', enum: ['decision', 'agenda_item', 'meeting'] },
    dueDate: { type: 'string', format: 'date' },
    closed: { type: 'string', format: 'date-time' },
    assigneeOrganization: { type: 'string', format: 'url' },
    meeting: { type: 'string', format: 'url' },
    agendaItem: { type: 'string', format: 'url' },
    organization: { type: 'string', format: 'url' },
    created: { type: 'string', format: 'date-time' },
    modified: { type: 'string', format: 'date-time' },
    deleted: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
