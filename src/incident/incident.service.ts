/**
 * Rapid response to an incident: register it, propose the key actors, convene an extraordinary meeting
 * of a forum within hours with a prepared agenda (through the meeting and agenda services), assign
 * short-deadline "who does what" action items (through the action-item service), keep a timeline of
 * updates, and move it from active to closed.
 *
 * Incident texts are non-identifying: the summary, area and updates must never name a resident. Obvious
 * CPR numbers (Danish personal ids, ddmmyy-xxxx) are refused with a field error; names cannot be detected
 * reliably and are the registrant's responsibility (the field descriptions say so).
 */
import { In } from 'typeorm';
import { Permission, ForbiddenError } from '../auth/access';
import { AccessRole } from '../auth/partnership-access.entity';
import { Ctx, inTransaction, localDate, today } from '../context';
import { connection } from '../common/connection';
import { ConnectionArgs, Sql } from '../common/pagination';
import { ConflictError, InputError } from '../common/errors';
import { checkDate, optionalText, requireFound, requireText } from '../common/validate';
import { expectVersion, saveVersioned } from '../common/versioned';
import { Forum, ForumLevel } from '../forum/forum.entity';
import { Meeting, MeetingKind } from '../meeting/meeting.entity';
import { meetingService } from '../meeting/meeting.service';
import { agendaService } from '../agenda/agenda.service';
import { AgendaItem, AgendaItemKind } from '../agenda/agenda-item.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { actionItemService } from '../action-item/action-item.service';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Directory, contactsOf, loadDirectory, matches } from '../contact/contact.service';
import { Incident, IncidentKind, IncidentMeeting, IncidentStatus, IncidentUpdate, IncidentUpdateKind } from './incident.entity';

/** ddmmyy-xxxx (or without the dash / with a space) with a plausible day and month. */
const CPR = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)/;

export function refuseIdentifying(field: string, text: string | null | undefined): void {
  if (text && CPR.test(text)) {
    throw new InputError(field, 'looks like it contains a CPR number; incident texts must not identify residents (describe what happened, not who)');
  }
}

/** The prepared agenda of an extraordinary meeting: what happened, who does what, do we start something extra. */
export const AGENDA = {
  what: 'Hvad er der sket?',
  who: 'Hvem gør hvad?',
  extra: 'Skal vi sætte noget ekstra i gang?',
};

const KIND_LABEL: Record<IncidentKind, string> = {
  [IncidentKind.SHOOTING]: 'Skudepisode',
  [IncidentKind.EXTORTION]: 'Afpresning',
  [IncidentKind.ARSON]: 'Brandstiftelse',
  [IncidentKind.VIOLENCE]: 'Vold',
  [IncidentKind.UNREST]: 'Uro',
  [IncidentKind.OTHER]: 'Hændelse',
};

/** Topics that make an organisation a key actor for a kind of incident (matched against its topics). */
const KIND_TOPICS: Record<IncidentKind, string[]> = {
  [IncidentKind.SHOOTING]: ['tryghed', 'kriminalitetsforebyggelse', 'gadeplan', 'unge', 'lokalbetjente'],
  [IncidentKind.EXTORTION]: ['kriminalitetsforebyggelse', 'efterforskning', 'handel', 'butik'],
  [IncidentKind.ARSON]: ['drift', 'renhold', 'bolig', 'vagt', 'tryghed'],
  [IncidentKind.VIOLENCE]: ['kriminalitetsforebyggelse', 'unge', 'konfliktmægling', 'tryghed'],
  [IncidentKind.UNREST]: ['unge', 'gadeplan', 'fritid', 'konfliktmægling', 'tryghed'],
  [IncidentKind.OTHER]: ['tryghed', 'koordination'],
};

/** The kinds of organisation every response to this kind of incident needs (police, SSP, housing association…), with weight. */
const KIND_ORGS: Record<IncidentKind, Partial<Record<OrganisationKind, number>>> = {
  [IncidentKind.SHOOTING]: { police: 6, ssp: 3, housing_association: 3 },
  [IncidentKind.EXTORTION]: { police: 6, ssp: 2, business: 2 },
  [IncidentKind.ARSON]: { police: 4, housing_association: 4 },
  [IncidentKind.VIOLENCE]: { police: 6, ssp: 3, housing_association: 2 },
  [IncidentKind.UNREST]: { police: 5, ssp: 4, housing_association: 3 },
  [IncidentKind.OTHER]: { police: 3, housing_association: 2 },
} as Record<IncidentKind, Partial<Record<OrganisationKind, number>>>;

const TRANSITIONS: Record<IncidentStatus, IncidentStatus[]> = {
  [IncidentStatus.ACTIVE]: [IncidentStatus.STABILISED, IncidentStatus.CLOSED],
  [IncidentStatus.STABILISED]: [IncidentStatus.ACTIVE, IncidentStatus.CLOSED],
  [IncidentStatus.CLOSED]: [IncidentStatus.ACTIVE],
};

/** Action items for an incident are due within this many days. */
export const MAX_ACTION_DAYS = 14;
/** An extraordinary meeting is convened within this many hours. */
export const MAX_CONVENE_HOURS = 72;

/** Registering an incident and posting updates: any admin, coordinator or member of the partnership (not observers, not API keys). */
async function requireResponder(ctx: Ctx, partnershipId: string, what: string) {
  ctx.access.requireAuthenticated();
  if (ctx.access.isSystem) return;
  const role = await ctx.access.roleIn(partnershipId);
  if (!role || role === AccessRole.OBSERVER) {
    throw new ForbiddenError(`Not allowed: ${what} in partnership ${partnershipId} needs the role admin, coordinator or member`);
  }
}

async function timeline(ctx: Ctx, incident: Incident, e: Partial<IncidentUpdate> & { kind: IncidentUpdateKind; text: string }) {
  return ctx.manager.save(
    ctx.manager.create(IncidentUpdate, {
      incidentId: incident.id,
      partnershipId: incident.partnershipId,
      at: ctx.now(),
      actorId: ctx.actorId,
      meetingId: null,
      actionItemId: null,
      fromStatus: null,
      toStatus: null,
      ...e,
    }),
  );
}

export interface ProposedActor {
  organisationId: string;
  score: number;
  reasons: string[];
  contactIds: string[];
}

const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

export const incidentService = {
  async register(ctx: Ctx, input: { partnershipId: string; kind: IncidentKind; occurredAt: Date; area: string; summary: string }): Promise<Incident> {
    return inTransaction(ctx, async (tx) => {
      const p = await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      await requireResponder(tx, p.id, 'registering an incident');
      if (Number.isNaN(input.occurredAt.getTime())) throw new InputError('occurredAt', 'is not a valid time');
      if (input.occurredAt.getTime() > tx.now().getTime() + 5 * 60_000) throw new InputError('occurredAt', 'must not be in the future');
      const area = requireText('area', input.area, 200);
      const summary = requireText('summary', input.summary, 5000);
      refuseIdentifying('area', area);
      refuseIdentifying('summary', summary);
      const incident = await tx.manager.save(
        tx.manager.create(Incident, {
          partnershipId: p.id,
          kind: input.kind,
          occurredAt: input.occurredAt,
          area,
          summary,
          status: IncidentStatus.ACTIVE,
          registeredAt: tx.now(),
          closedAt: null,
          registeredById: tx.actorId,
          involvedOrganisationIds: [],
        }),
      );
      await timeline(tx, incident, { kind: IncidentUpdateKind.REGISTERED, text: `${KIND_LABEL[incident.kind]} registreret: ${area}`, toStatus: IncidentStatus.ACTIVE });
      return incident;
    });
  },

  /**
   * The key actors for an incident, ranked: organisations of the kinds every response needs (police, SSP,
   * housing associations), organisations whose topics fit the kind, organisations running activities in
   * the area, and those holding chair or secretary seats or sitting in operational forums — each with its
   * current contacts.
   */
  async proposeActors(ctx: Ctx, incident: Incident, dir?: Directory): Promise<ProposedActor[]> {
    dir ??= await loadDirectory(ctx, incident.partnershipId, today(ctx));
    const score = new Map<string, { score: number; reasons: string[] }>();
    const add = (orgId: string, w: number, reason: string) => {
      if (!dir!.orgs.has(orgId)) return;
      const s = score.get(orgId) ?? { score: 0, reasons: [] };
      if (!s.reasons.includes(reason)) {
        s.score += w;
        s.reasons.push(reason);
      }
      score.set(orgId, s);
    };
    const kindWeights = KIND_ORGS[incident.kind];
    for (const o of dir.orgs.values()) {
      const w = kindWeights[o.kind as OrganisationKind];
      if (w) add(o.id, w, `${o.kind.replace('_', ' ')} in every response to ${incident.kind}`);
      const hits = o.topics.filter((t) => KIND_TOPICS[incident.kind].some((k) => matches(t, k)));
      if (hits.length) add(o.id, 2 * Math.min(hits.length, 2), `works with ${hits.join(', ')}`);
    }
    const areaWords = incident.area.toLowerCase().split(/[^a-zæøå0-9]+/).filter((w) => w.length >= 4);
    for (const a of dir.activities) {
      const areaHit = areaWords.some((w) => a.area.toLowerCase().includes(w) || a.name.toLowerCase().includes(w));
      if (!areaHit) continue;
      add(a.lead, 3, `leads "${a.name}" in ${a.area}`);
      for (const p of a.participants) add(p.organisationId, 1, `takes part in "${a.name}" in ${a.area}`);
    }
    for (const s of dir.seats) {
      if (s.role === 'chair' || s.role === 'secretary') add(s.organisationId, 2, `${s.role} of ${s.forumName}`);
      if (s.level === ForumLevel.OPERATIONAL) add(s.organisationId, 1, `sits in ${s.forumName}`);
    }
    const list = [...score.entries()]
      .map(([organisationId, s]) => ({ organisationId, score: s.score, reasons: s.reasons, contactIds: contactsOf(dir!, organisationId).map((p) => p.personId) }))
      .filter((x) => x.contactIds.length > 0)
      .sort((a, b) => b.score - a.score || (dir!.orgs.get(a.organisationId)!.name).localeCompare(dir!.orgs.get(b.organisationId)!.name, 'da'));
    return list.slice(0, 15);
  },

  async convene(
    ctx: Ctx,
    input: { incidentId: string; forumId: string; startsAt?: Date | null; endsAt?: Date | null; location?: string | null; organisationIds?: string[] | null },
  ): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const incident = await requireFound(tx.manager, Incident, input.incidentId, 'incidentId', { lock: true });
      await tx.access.require(Permission.RECORD, incident.partnershipId, 'convening an extraordinary meeting');
      if (incident.status === IncidentStatus.CLOSED) throw new ConflictError('The incident is closed', { status: incident.status });
      const forum = await requireFound(tx.manager, Forum, input.forumId, 'forumId');
      if (forum.partnershipId !== incident.partnershipId) throw new InputError('forumId', "is not a forum of the incident's partnership");
      const now = tx.now().getTime();
      const startsAt = input.startsAt ?? new Date(Math.ceil((now + 2 * 3600_000) / 900_000) * 900_000);
      if (Number.isNaN(startsAt.getTime())) throw new InputError('startsAt', 'is not a valid time');
      if (startsAt.getTime() < now - 3600_000 || startsAt.getTime() > now + MAX_CONVENE_HOURS * 3600_000) {
        throw new InputError('startsAt', `an extraordinary meeting is convened within ${MAX_CONVENE_HOURS} hours from now`);
      }
      const orgIds = [...new Set(input.organisationIds ?? [])];
      const orgs = orgIds.length ? await tx.manager.findBy(Organisation, { id: In(orgIds) }) : [];
      const missing = orgIds.find((id) => !orgs.some((o) => o.id === id));
      if (missing) throw new InputError('organisationIds', `organisation ${missing} does not exist`);
      const meeting = await meetingService.schedule(tx, {
        forumId: forum.id,
        title: `Ekstraordinært møde: ${KIND_LABEL[incident.kind]} – ${incident.area}`,
        startsAt,
        endsAt: input.endsAt ?? null,
        location: input.location !== undefined ? input.location : undefined,
        kind: MeetingKind.EXTRAORDINARY,
      });
      const when = `${localDate(incident.occurredAt, tx.timeZone)} ${incident.occurredAt.toLocaleTimeString('da-DK', { timeZone: tx.timeZone, hour: '2-digit', minute: '2-digit' })}`;
      await agendaService.add(tx, meeting.id, { title: AGENDA.what, kind: AgendaItemKind.INFORMATION, plannedMinutes: 15, description: `${KIND_LABEL[incident.kind]}, ${incident.area}, ${when}.\n${incident.summary}` });
      const names = orgs.sort((a, b) => a.name.localeCompare(b.name, 'da')).map((o) => `- ${o.name}`).join('\n');
      await agendaService.add(tx, meeting.id, {
        title: AGENDA.who,
        kind: AgendaItemKind.DECISION,
        plannedMinutes: 25,
        description: `Fordeling af opgaver med korte frister.${names ? `\nNøgleaktører:\n${names}` : ''}`,
      });
      await agendaService.add(tx, meeting.id, { title: AGENDA.extra, kind: AgendaItemKind.DISCUSSION, plannedMinutes: 15, description: 'Fx en fælles tryghedsvandring i området dagen efter, ekstra åbningstid eller information til beboerne.' });
      await tx.manager.insert(IncidentMeeting, { incidentId: incident.id, meetingId: meeting.id });
      if (orgIds.length) {
        incident.involvedOrganisationIds = [...new Set([...incident.involvedOrganisationIds, ...orgIds])];
        await saveVersioned(tx.manager, incident);
      }
      await timeline(tx, incident, { kind: IncidentUpdateKind.MEETING_CONVENED, text: `Ekstraordinært møde indkaldt i ${forum.name}`, meetingId: meeting.id });
      return meeting;
    });
  },

  /** "Who does what": action items under the extraordinary meeting's "Hvem gør hvad?" item, due within days. */
  async assignActions(
    ctx: Ctx,
    input: {
      incidentId: string;
      meetingId?: string | null;
      actions: { title: string; description?: string | null; assigneeOrganisationId: string; assigneePersonId?: string | null; dueDate?: string | null }[];
    },
  ): Promise<ActionItem[]> {
    return inTransaction(ctx, async (tx) => {
      const incident = await requireFound(tx.manager, Incident, input.incidentId, 'incidentId', { lock: true });
      await tx.access.require(Permission.RECORD, incident.partnershipId, 'assigning incident actions');
      if (incident.status === IncidentStatus.CLOSED) throw new ConflictError('The incident is closed', { status: incident.status });
      if (!input.actions.length) throw new InputError('actions', 'must not be empty');
      const links = await tx.manager.find(IncidentMeeting, { where: { incidentId: incident.id } });
      if (!links.length) throw new ConflictError('Convene an extraordinary meeting first: incident actions arise at it', { reason: 'NO_MEETING', field: 'meetingId' });
      let meetingId: string;
      if (input.meetingId) {
        if (!links.some((l) => l.meetingId === input.meetingId)) throw new InputError('meetingId', 'is not a meeting of this incident');
        meetingId = input.meetingId;
      } else {
        const ms = await tx.manager.find(Meeting, { where: { id: In(links.map((l) => l.meetingId)) }, order: { startsAt: 'DESC' } });
        meetingId = ms[0].id;
      }
      const who = await tx.manager.findOne(AgendaItem, { where: { meetingId, title: AGENDA.who } });
      const day = today(tx);
      const latest = addDays(day, MAX_ACTION_DAYS);
      const items: ActionItem[] = [];
      for (const [i, a] of input.actions.entries()) {
        const dueDate = a.dueDate ? checkDate(`actions.${i}.dueDate`, a.dueDate) : addDays(day, 1);
        if (dueDate < day) throw new InputError(`actions.${i}.dueDate`, 'must not be in the past');
        if (dueDate > latest) throw new InputError(`actions.${i}.dueDate`, `incident actions have short deadlines: at most ${MAX_ACTION_DAYS} days (${latest})`);
        refuseIdentifying(`actions.${i}.title`, a.title);
        refuseIdentifying(`actions.${i}.description`, a.description);
        let item: ActionItem;
        try {
          item = await actionItemService.create(tx, {
            title: a.title,
            description: a.description ?? null,
            ...(who ? { agendaItemId: who.id } : { meetingId }),
            assigneeOrganisationId: a.assigneeOrganisationId,
            assigneePersonId: a.assigneePersonId ?? null,
            dueDate,
          });
        } catch (e) {
          // Name the action in the input that failed.
          const ext = (e as { extensions?: Record<string, unknown> }).extensions;
          if (ext && typeof ext.field === 'string' && ext.code === 'BAD_USER_INPUT') throw new InputError(`actions.${i}.${ext.field}`, String(ext.reason));
          throw e;
        }
        items.push(item);
        // The title stays on the action item (whose confidentiality rules apply); the timeline names who and when.
        const org = await tx.manager.findOneBy(Organisation, { id: item.assigneeOrganisationId });
        await timeline(tx, incident, { kind: IncidentUpdateKind.ACTION_ASSIGNED, text: `Opgave til ${org?.name ?? item.assigneeOrganisationId}, frist ${dueDate}`, actionItemId: item.id, meetingId });
      }
      return items;
    });
  },

  async addUpdate(ctx: Ctx, incidentId: string, text: string): Promise<IncidentUpdate> {
    return inTransaction(ctx, async (tx) => {
      const incident = await requireFound(tx.manager, Incident, incidentId, 'incidentId');
      await requireResponder(tx, incident.partnershipId, 'posting incident updates');
      const t = requireText('text', text, 5000);
      refuseIdentifying('text', t);
      return timeline(tx, incident, { kind: IncidentUpdateKind.NOTE, text: t });
    });
  },

  async changeStatus(ctx: Ctx, id: string, status: IncidentStatus, comment?: string | null, version?: number | null): Promise<Incident> {
    return inTransaction(ctx, async (tx) => {
      const incident = await requireFound(tx.manager, Incident, id, 'id', { lock: true });
      await tx.access.require(Permission.RECORD, incident.partnershipId, 'changing an incident\'s status');
      expectVersion(incident, version);
      const from = incident.status;
      if (!TRANSITIONS[from].includes(status)) {
        throw new ConflictError(`An incident that is ${from} cannot become ${status}`, { from, to: status, reason: 'INVALID_TRANSITION', field: 'status' });
      }
      const text = optionalText('comment', comment, 5000);
      refuseIdentifying('comment', text);
      if (from === IncidentStatus.CLOSED && !text) throw new InputError('comment', 'is required to reopen an incident');
      incident.status = status;
      incident.closedAt = status === IncidentStatus.CLOSED ? tx.now() : null;
      const saved = await saveVersioned(tx.manager, incident, version);
      await timeline(tx, incident, { kind: IncidentUpdateKind.STATUS_CHANGED, text: text ?? `Status: ${status}`, fromStatus: from, toStatus: status });
      return saved;
    });
  },

  list(ctx: Ctx, filter: { partnershipId?: string | null; status?: IncidentStatus[] | null; kind?: IncidentKind | null }, args: ConnectionArgs) {
    const sql = new Sql();
    return connection(ctx, Incident, { from: 'incident i', where: incidentWhere(filter, sql), sql, sort: INCIDENT_SORT }, args);
  },

  /** When the first action item of each incident was assigned (its creation event), in one statement. */
  firstActionAt(ctx: Ctx, incidentId: string): Promise<Date | null> {
    return ctx.loaders
      .custom<string, Date | null>('incident.firstActionAt', async (ids) => {
        const rows: { id: string; at: Date }[] = await ctx.manager.query(
          `SELECT im.incident_id::text AS id, min(e.at) AS at
             FROM incident_meeting im JOIN action_item ai ON ai.meeting_id = im.meeting_id
             JOIN action_item_event e ON e.action_item_id = ai.id AND e.kind = 'created'
            WHERE im.incident_id = ANY($1::uuid[]) GROUP BY 1`,
          [ids],
        );
        const m = new Map(rows.map((r) => [r.id, new Date(r.at)]));
        return ids.map((id) => m.get(id) ?? null);
      })
      .load(incidentId);
  },
};

export const INCIDENT_SORT = [
  { expr: 'i.occurred_at', dir: 'DESC' as const, type: 'timestamptz' as const },
  { expr: 'i.id', dir: 'DESC' as const, type: 'uuid' as const },
];

export function incidentWhere(filter: { partnershipId?: string | null; status?: IncidentStatus[] | null; kind?: IncidentKind | null }, sql: Sql): string[] {
  const where: string[] = [];
  if (filter.partnershipId) where.push(`i.partnership_id = ${sql.id(filter.partnershipId, 'partnershipId')}`);
  if (filter.status?.length) where.push(`i.status = ANY(${sql.p(filter.status, 'incident_status[]')})`);
  if (filter.kind) where.push(`i.kind = ${sql.p(filter.kind, 'incident_kind')}`);
  return where;
}

/** SQL: action item `ai` arose at one of incident `incidentExpr`'s meetings. */
export const ofIncident = (incidentExpr: string) => `ai.meeting_id IN (SELECT im.meeting_id FROM incident_meeting im WHERE im.incident_id = ${incidentExpr})`;


