import { Arg, Args, Authorized, Ctx as GqlCtx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Ctx, today as todayOf } from '../context';
import { listGuard } from '../auth/scope';
import { connection } from '../common/connection';
import { ConnectionArgs, ConnectionType, Sql } from '../common/pagination';
import { children } from '../common/children';
import { ActionItem, OPEN_STATUSES } from '../action-item/action-item.entity';
import { ACTION_ITEM_SORT } from '../action-item/action-item.service';
import { Meeting } from '../meeting/meeting.entity';
import { MEETING_SORT } from '../meeting/meeting.service';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { arrayConnection } from '../network/array-connection';
import { loadAll } from '../network/network.resolver';
import { requireNetworkReader } from '../network/network.service';
import { Incident, IncidentStatus, IncidentUpdate } from './incident.entity';
import { AssignIncidentActionsInput, ConveneIncidentMeetingInput, IncidentFilter, RegisterIncidentInput } from './incident.inputs';
import { INCIDENT_SORT, ProposedActor, incidentService, incidentWhere, ofIncident } from './incident.service';

@ObjectType({ description: 'A key actor proposed for an incident: an organisation, why, and its current contacts.' })
export class ProposedIncidentActor {
  partnershipId: string;
  actor: ProposedActor;
  @Field(() => Int) score: number;
  @Field(() => [String]) reasons: string[];
}

const ProposedIncidentActorConnection = ConnectionType(ProposedIncidentActor);

@ObjectType({ description: "A partnership's incidents at a glance: open incidents, their open action items, and time to first action." })
export class IncidentDashboard {
  partnershipId: string;
  @Field(() => Int, { description: 'Incidents active or stabilised.' }) openCount: number;
  @Field(() => Int, { description: 'Open incidents without any action item yet.' }) withoutActionCount: number;
  @Field(() => Int, { description: 'Open, in-progress or blocked action items of open incidents (that you may read).' }) openActionItemCount: number;
  @Field(() => Int) overdueActionItemCount: number;
  @Field(() => Float, { nullable: true, description: 'Median minutes from registration to the first action item, over incidents registered in the last 365 days.' })
  medianMinutesToFirstAction: number | null;
}

@Resolver(() => Incident)
export class IncidentResolver {
  @Authorized()
  @Query(() => ConnectionType(Incident), { description: 'Incidents, newest first.' })
  incidents(@GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('filter', () => IncidentFilter, { nullable: true }) filter?: IncidentFilter) {
    return incidentService.list(ctx, filter ?? {}, args);
  }

  @Authorized()
  @Query(() => Incident, { nullable: true })
  incident(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return ctx.loaders.entity(Incident).load(id);
  }

  @Authorized()
  @Query(() => IncidentDashboard)
  async incidentDashboard(@GqlCtx() ctx: Ctx, @Arg('partnershipId', () => ID) partnershipId: string): Promise<IncidentDashboard> {
    await requireNetworkReader(ctx, partnershipId);
    const sql = new Sql();
    const open = `i.partnership_id = ${sql.id(partnershipId, 'partnershipId')} AND i.status IN ('active', 'stabilised')`;
    const aiGuard = (await listGuard(ctx, ActionItem))('ai', sql);
    const today = sql.p(todayOf(ctx), 'date');
    const [row] = await ctx.manager.query(
      `SELECT
         (SELECT count(*)::int FROM incident i WHERE ${open}) AS open_count,
         (SELECT count(*)::int FROM incident i WHERE ${open} AND NOT EXISTS (SELECT 1 FROM action_item ai WHERE ${ofIncident('i.id')})) AS without_action,
         (SELECT count(*)::int FROM action_item ai WHERE ai.is_open AND ${aiGuard}
             AND EXISTS (SELECT 1 FROM incident i WHERE ${open} AND ${ofIncident('i.id')})) AS open_actions,
         (SELECT count(*)::int FROM action_item ai WHERE ai.is_open AND ai.due_date < ${today} AND ${aiGuard}
             AND EXISTS (SELECT 1 FROM incident i WHERE ${open} AND ${ofIncident('i.id')})) AS overdue_actions,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first - i.registered_at) / 60)
            FROM incident i CROSS JOIN LATERAL (
              SELECT min(e.at) AS first FROM action_item ai JOIN action_item_event e ON e.action_item_id = ai.id AND e.kind = 'created' WHERE ${ofIncident('i.id')}) f
           WHERE i.partnership_id = ${sql.p(partnershipId, 'uuid')} AND f.first IS NOT NULL AND i.registered_at > ${today}::date - 365) AS median`,
      sql.params,
    );
    return Object.assign(new IncidentDashboard(), {
      partnershipId,
      openCount: row.open_count,
      withoutActionCount: row.without_action,
      openActionItemCount: row.open_actions,
      overdueActionItemCount: row.overdue_actions,
      medianMinutesToFirstAction: row.median == null ? null : Math.round(Number(row.median) * 10) / 10,
    });
  }

  @Authorized(Permission.READ_PARTNERSHIP)
  @UseMiddleware(Audited)
  @Mutation(() => Incident, { description: 'Register an incident (admins, coordinators and members of the partnership). The summary must not identify residents.' })
  registerIncident(@GqlCtx() ctx: Ctx, @Arg('input') input: RegisterIncidentInput) {
    return incidentService.register(ctx, input);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => Meeting, { description: 'Convene an extraordinary meeting of a forum for the incident, within hours, with a prepared agenda.' })
  conveneIncidentMeeting(@GqlCtx() ctx: Ctx, @Arg('input') input: ConveneIncidentMeetingInput) {
    return incidentService.convene(ctx, input);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => [ActionItem], { description: '"Who does what": short-deadline action items under the extraordinary meeting\'s "Hvem gør hvad?" item.' })
  assignIncidentActions(@GqlCtx() ctx: Ctx, @Arg('input') input: AssignIncidentActionsInput) {
    return incidentService.assignActions(ctx, input);
  }

  @Authorized(Permission.READ_PARTNERSHIP)
  @UseMiddleware(Audited)
  @Mutation(() => IncidentUpdate, { description: "Add an update to the incident's timeline (admins, coordinators and members). Non-identifying." })
  addIncidentUpdate(@GqlCtx() ctx: Ctx, @Arg('incidentId', () => ID) incidentId: string, @Arg('text') text: string) {
    return incidentService.addUpdate(ctx, incidentId, text);
  }

  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => Incident, { description: 'Active → stabilised → closed (and back to active, with a comment, if it flares up again).' })
  changeIncidentStatus(
    @GqlCtx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => IncidentStatus) status: IncidentStatus,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ) {
    return incidentService.changeStatus(ctx, id, status, comment, version);
  }

  @FieldResolver(() => Partnership)
  partnership(@Root() i: Incident, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Partnership).load(i.partnershipId);
  }

  @FieldResolver(() => Person, { nullable: true })
  registeredBy(@Root() i: Incident, @GqlCtx() ctx: Ctx) {
    return i.registeredById ? ctx.loaders.entity(Person).load(i.registeredById) : null;
  }

  @FieldResolver(() => ConnectionType(Organisation), { description: 'The key actors chosen when the meeting was convened.' })
  async involvedOrganisations(@Root() i: Incident, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, Organisation, i.involvedOrganisationIds), args, (o) => o.id);
  }

  @FieldResolver(() => ProposedIncidentActorConnection, { description: 'Proposed key actors (by incident kind, area and forum roles) with their current contacts, ranked.' })
  async proposedActors(@Root() i: Incident, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    await requireNetworkReader(ctx, i.partnershipId, 'id');
    const list = (await incidentService.proposeActors(ctx, i)).map((actor) =>
      Object.assign(new ProposedIncidentActor(), { partnershipId: i.partnershipId, actor, score: actor.score, reasons: actor.reasons }),
    );
    return arrayConnection(list, args, (x) => x.actor.organisationId);
  }

  @FieldResolver(() => ConnectionType(Meeting), { description: 'Extraordinary meetings convened for it, newest first.' })
  meetings(@Root() i: Incident, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, Meeting, i.id, {
      key: 'incident.meetings',
      from: 'meeting m',
      parent: 'm.id IN (SELECT im.meeting_id FROM incident_meeting im WHERE im.incident_id = p.parent_id)',
      sort: MEETING_SORT,
    }, args);
  }

  @FieldResolver(() => ConnectionType(ActionItem), { description: 'Action items assigned at its meetings, by due date.' })
  actionItems(@Root() i: Incident, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs, @Arg('open', () => Boolean, { nullable: true, description: 'Only those still owed (or only closed ones with false).' }) open?: boolean) {
    return children(ctx, ActionItem, i.id, {
      key: 'incident.actionItems',
      from: 'action_item ai',
      parent: ofIncident('p.parent_id'),
      sort: ACTION_ITEM_SORT,
      where: (sql) => (open == null ? [] : [`${open ? '' : 'NOT '}ai.status = ANY(${sql.p(OPEN_STATUSES, 'action_item_status[]')})`]),
      filterKey: open ?? null,
    }, args);
  }

  @FieldResolver(() => ConnectionType(IncidentUpdate), { description: 'The timeline, oldest first: registration, meetings convened, actions assigned, updates, status changes.' })
  timeline(@Root() i: Incident, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return children(ctx, IncidentUpdate, i.id, {
      key: 'incident.timeline',
      from: 'incident_update u',
      parent: 'u.incident_id = p.parent_id',
      sort: [
        { expr: 'u.at', dir: 'ASC', type: 'timestamptz' },
        { expr: 'u.seq', dir: 'ASC', type: 'bigint' },
        { expr: 'u.id', dir: 'ASC', type: 'uuid' },
      ],
    }, args);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When its first action item was assigned.' })
  firstActionAt(@Root() i: Incident, @GqlCtx() ctx: Ctx) {
    return incidentService.firstActionAt(ctx, i.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Minutes from registration to the first action item.' })
  async minutesToFirstAction(@Root() i: Incident, @GqlCtx() ctx: Ctx) {
    const at = await incidentService.firstActionAt(ctx, i.id);
    return at ? Math.round((at.getTime() - i.registeredAt.getTime()) / 60_000) : null;
  }
}

@Resolver(() => IncidentDashboard)
export class IncidentDashboardResolver {
  @FieldResolver(() => ConnectionType(Incident), { description: 'Active and stabilised incidents, newest first.' })
  openIncidents(@Root() d: IncidentDashboard, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    const sql = new Sql();
    return connection(ctx, Incident, { from: 'incident i', where: incidentWhere({ partnershipId: d.partnershipId, status: [IncidentStatus.ACTIVE, IncidentStatus.STABILISED] }, sql), sql, sort: INCIDENT_SORT }, args);
  }
}

@Resolver(() => ProposedIncidentActor)
export class ProposedIncidentActorResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() a: ProposedIncidentActor, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(a.actor.organisationId);
  }

  @FieldResolver(() => ConnectionType(Person), { description: 'Current contacts: its contact persons and whoever sits in the forums for it.' })
  async contacts(@Root() a: ProposedIncidentActor, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, Person, a.actor.contactIds), args, (p) => p.id);
  }
}

@Resolver(() => IncidentUpdate)
export class IncidentUpdateResolver {
  @FieldResolver(() => Person, { nullable: true })
  actor(@Root() u: IncidentUpdate, @GqlCtx() ctx: Ctx) {
    return u.actorId ? ctx.loaders.entity(Person).load(u.actorId) : null;
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() u: IncidentUpdate, @GqlCtx() ctx: Ctx) {
    return u.meetingId ? ctx.loaders.entity(Meeting).load(u.meetingId) : null;
  }

  @FieldResolver(() => ActionItem, { nullable: true, description: 'Null when you may not read the action item.' })
  actionItem(@Root() u: IncidentUpdate, @GqlCtx() ctx: Ctx) {
    return u.actionItemId ? ctx.loaders.entity(ActionItem).load(u.actionItemId) : null;
  }
}

