/** Relay's node(id:) and nodes(ids:): find any object by its UUID, whatever its type. */
import { Authorized, Arg, Ctx as GqlCtx, ID, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/access';
import { Ctx } from '../context';
import { Node } from '../common/base.entity';
import { isUuid } from '../common/validate';
import { InputError } from '../common/errors';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Affiliation } from '../person/affiliation.entity';
import { Partnership, PartnershipMember } from '../partnership/partnership.entity';
import { Forum, ForumMember } from '../forum/forum.entity';
import { Attendance, Meeting, MinutesAmendment } from '../meeting/meeting.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision, DecisionStatusChange } from '../decision/decision.entity';
import { ActionItem, ActionItemEvent } from '../action-item/action-item.entity';
import { ActivityParticipant, JointActivity } from '../activity/activity.entity';
import { Incident, IncidentUpdate } from '../incident/incident.entity';

const NODE_TYPES: Record<string, { new (): any; name: string }> = {
  organisation: Organisation,
  person: Person,
  affiliation: Affiliation,
  partnership: Partnership,
  partnership_member: PartnershipMember,
  forum: Forum,
  forum_member: ForumMember,
  meeting: Meeting,
  attendance: Attendance,
  minutes_amendment: MinutesAmendment,
  agenda_item: AgendaItem,
  decision: Decision,
  decision_status_change: DecisionStatusChange,
  action_item: ActionItem,
  action_item_event: ActionItemEvent,
  joint_activity: JointActivity,
  activity_participant: ActivityParticipant,
  incident: Incident,
  incident_update: IncidentUpdate,
};

/** One statement finds which table holds each id (primary-key lookups), then the per-type loaders fetch rows. */
async function loadNodes(ctx: Ctx, ids: readonly string[]): Promise<(Node | null)[]> {
  const valid = ids.filter(isUuid);
  const where = new Map<string, string>();
  if (valid.length) {
    const union = Object.keys(NODE_TYPES)
      .map((t) => `SELECT id::text, '${t}' AS t FROM "${t}" WHERE id = ANY($1::uuid[])`)
      .join(' UNION ALL ');
    const rows: { id: string; t: string }[] = await ctx.manager.query(union, [valid]);
    for (const r of rows) where.set(r.id, r.t);
  }
  return Promise.all(
    ids.map(async (id) => {
      const t = where.get(id.toLowerCase());
      return t ? ((await ctx.loaders.entity(NODE_TYPES[t]).load(id.toLowerCase())) as Node | null) : null;
    }),
  );
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: 'Any object by its UUID.' })
  async node(@GqlCtx() ctx: Ctx, @Arg('id', () => ID) id: string) {
    return (await loadNodes(ctx, [id]))[0];
  }

  @Authorized()
  @Query(() => [Node], { nullable: 'items', description: 'Objects by UUID, in the order asked; null where none exists.' })
  nodes(@GqlCtx() ctx: Ctx, @Arg('ids', () => [ID]) ids: string[]) {
    if (ids.length > 100) throw new InputError('ids', 'at most 100 ids');
    return loadNodes(ctx, ids);
  }
}
