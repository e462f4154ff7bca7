/**
 * Live updates: GraphQL subscriptions (graphql-ws protocol on /graphql, see ws.ts).
 * - meetingChanged(meetingId): the meeting, its agenda items, decisions and action items as they change;
 * - organisationActionItemChanged(organisationId): action items assigned to (or away from) an organisation.
 * The same access rules as queries: the meeting or organisation must be readable when subscribing, and
 * every event is loaded afresh as the subscriber (scope, then confidentiality by the field resolvers),
 * so an event the subscriber may not read is never sent, and grants revoked meanwhile take effect.
 */
import { Arg, Authorized, Field, ID, ObjectType, Resolver, Root, Subscription, registerEnumType } from 'type-graphql';
import { Ctx } from '../context';
import { Loaders } from '../common/loaders';
import { canReadRows } from '../auth/scope';
import { NotFoundError } from '../common/errors';
import { isUuid } from '../common/validate';
import { Meeting } from '../meeting/meeting.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision } from '../decision/decision.entity';
import { ActionItem } from '../action-item/action-item.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Feed, RecordChange, RecordEvents } from './events';

export enum ChangeKind {
  MEETING = 'meeting',
  AGENDA_ITEM = 'agenda_item',
  DECISION = 'decision',
  ACTION_ITEM = 'action_item',
}
registerEnumType(ChangeKind, { name: 'ChangeKind' });

export enum ChangeOp {
  CREATED = 'INSERT',
  UPDATED = 'UPDATE',
  DELETED = 'DELETE',
}
registerEnumType(ChangeOp, { name: 'ChangeOp' });

@ObjectType({ description: "A committed change to a meeting or to its agenda, decisions or action items. The changed object is given (as you may read it now), except for deletions." })
export class MeetingChange {
  @Field(() => ChangeKind)
  kind: ChangeKind;

  @Field(() => ChangeOp)
  op: ChangeOp;

  @Field(() => ID, { description: 'Id of the changed object.' })
  id: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => Meeting, { nullable: true })
  meeting: Meeting | null;

  @Field(() => AgendaItem, { nullable: true })
  agendaItem: AgendaItem | null;

  @Field(() => Decision, { nullable: true })
  decision: Decision | null;

  @Field(() => ActionItem, { nullable: true })
  actionItem: ActionItem | null;
}

/**
 * type-graphql requires a PubSub once a subscription exists. Ours feed their own iterators from
 * PostgreSQL (`subscribe` functions), so this one is never used for topics.
 */
export const pubSub = {
  publish(): void {
    throw new Error('live updates come from PostgreSQL NOTIFY (src/live/events.ts), not from publish()');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions use their own subscribe functions (src/live/live.resolver.ts)');
  },
};

/** One hub per database (shared by the servers of a process that use it); ws.ts opens and closes it. */
const hubs = new Map<object, { events: RecordEvents; users: number }>();

export function openEvents(ctxDataSource: Ctx['dataSource'], log?: (m: string, e?: unknown) => void): RecordEvents {
  const hub = hubs.get(ctxDataSource) ?? { events: new RecordEvents(ctxDataSource, log), users: 0 };
  hub.users++;
  hubs.set(ctxDataSource, hub);
  return hub.events;
}

export async function closeEvents(ds: Ctx['dataSource']): Promise<void> {
  const hub = hubs.get(ds);
  if (!hub) return;
  if (--hub.users > 0) return;
  hubs.delete(ds);
  await hub.events.close();
}

function eventsOf(ctx: Ctx): RecordEvents {
  const hub = hubs.get(ctx.dataSource);
  if (!hub) throw new Error('live updates are not running on this server');
  return hub.events;
}

/** Fresh loaders and grants for each event: a long subscription must not read stale rows or rights. */
function refresh(ctx: Ctx): void {
  ctx.loaders = new Loaders(ctx.dataSource.manager);
  ctx.loaders.setFilter((cls, rows) => canReadRows(ctx, cls, rows));
  ctx.access.reset();
}

const CLASS_OF = { meeting: Meeting, agenda_item: AgendaItem, decision: Decision, action_item: ActionItem } as const;

async function subscribeTo(ctx: Ctx, accept: (c: RecordChange) => boolean): Promise<Feed<RecordChange>> {
  let unsubscribe: () => void = () => undefined;
  const feed = new Feed<RecordChange>(() => unsubscribe());
  unsubscribe = await eventsOf(ctx).subscribe((c) => {
    if (accept(c)) feed.push(c);
  });
  return feed;
}

async function* meetingChanges(ctx: Ctx, meetingId: string, feed: Feed<RecordChange>): AsyncGenerator<MeetingChange> {
  try {
    for await (const c of feed) {
      refresh(ctx);
      // The meeting must still be readable (a seat may have ended meanwhile).
      const meeting = await ctx.loaders.entity(Meeting).load(meetingId);
      if (!meeting) continue;
      const change: MeetingChange = Object.assign(new MeetingChange(), {
        kind: c.table as ChangeKind,
        op: c.op as ChangeOp,
        id: c.id,
        meetingId,
        meeting,
        agendaItem: null as AgendaItem | null,
        decision: null as Decision | null,
        actionItem: null as ActionItem | null,
      });
      if (c.op !== 'DELETE' && c.table !== 'meeting') {
        const row = await ctx.loaders.entity(CLASS_OF[c.table] as typeof AgendaItem).load(c.id);
        if (!row) continue; // not readable by this subscriber (e.g. an action item of a forum they do not sit in)
        if (c.table === 'agenda_item') change.agendaItem = row as AgendaItem;
        if (c.table === 'decision') change.decision = row as unknown as Decision;
        if (c.table === 'action_item') change.actionItem = row as unknown as ActionItem;
      }
      yield change;
    }
  } finally {
    await feed.return();
  }
}

async function* organisationActionItems(ctx: Ctx, feed: Feed<RecordChange>): AsyncGenerator<ActionItem> {
  try {
    for await (const c of feed) {
      refresh(ctx);
      const item = await ctx.loaders.entity(ActionItem).load(c.id);
      if (item) yield item;
    }
  } finally {
    await feed.return();
  }
}

@Resolver()
export class LiveResolver {
  @Authorized()
  @Subscription(() => MeetingChange, {
    description: "Changes to a meeting, its agenda items, decisions and action items, as they are committed. Confidential content is redacted as in queries.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Ctx;
      ctx.access.requireAuthenticated();
      const id = String(args.meetingId).toLowerCase();
      if (!isUuid(id) || !(await ctx.loaders.entity(Meeting).load(id))) throw new NotFoundError('Meeting', String(args.meetingId), 'meetingId');
      const feed = await subscribeTo(ctx, (c) => c.meetingId === id);
      return meetingChanges(ctx, id, feed);
    },
  })
  meetingChanged(@Root() change: MeetingChange, @Arg('meetingId', () => ID) _meetingId: string): MeetingChange {
    return change;
  }

  @Authorized()
  @Subscription(() => ActionItem, {
    description: 'Action items assigned to the organisation (or reassigned away from it) as they change; only those you may read.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Ctx;
      ctx.access.requireAuthenticated();
      const id = String(args.organisationId).toLowerCase();
      if (!isUuid(id) || !(await ctx.loaders.entity(Organisation).load(id))) throw new NotFoundError('Organisation', String(args.organisationId), 'organisationId');
      const feed = await subscribeTo(ctx, (c) => c.table === 'action_item' && c.op !== 'DELETE' && c.organisationIds.includes(id));
      return organisationActionItems(ctx, feed);
    },
  })
  organisationActionItemChanged(@Root() item: ActionItem, @Arg('organisationId', () => ID) _organisationId: string): ActionItem {
    return item;
  }
}
