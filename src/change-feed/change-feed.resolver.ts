/** The change feed over GraphQL: `changes(after:, first:, types:, partnershipId:)`. */
import { Arg, Authorized, Ctx as GqlCtx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx } from '../context';
import { PageInfo } from '../common/pagination';
import { ChangeRow, changeFeedService, encodeFeedCursor, presentData } from './change-feed.service';

export enum ChangeType {
  PARTNERSHIP = 'Partnership',
  FORUM = 'Forum',
  MEETING = 'Meeting',
  AGENDA_ITEM = 'AgendaItem',
  DECISION = 'Decision',
  ACTION_ITEM = 'ActionItem',
}
registerEnumType(ChangeType, { name: 'ChangeType' });

export enum ChangeOperation {
  CREATED = 'created',
  UPDATED = 'updated',
  DELETED = 'deleted',
}
registerEnumType(ChangeOperation, { name: 'ChangeOperation', description: 'DELETED changes are tombstones: no data, only the object id.' });

@ObjectType({ description: 'One change to a partnership, forum, meeting, agenda item, decision or action item.', simpleResolvers: true })
export class Change {
  @Field(() => ID, { description: 'Event id ("evt_<n>"), the same as in webhook deliveries; use it to de-duplicate.' })
  id: string;

  @Field(() => ChangeType)
  type: ChangeType;

  @Field(() => ChangeOperation)
  operation: ChangeOperation;

  @Field(() => ID)
  objectId: string;

  @Field(() => Int, { nullable: true, description: "The object's version after this change (null for tombstones); keep the highest you have seen." })
  objectVersion: number | null;

  @Field({ description: 'Start of the transaction that made the change.' })
  occurredAt: Date;

  @Field(() => ID)
  partnershipId: string;

  @Field(() => ID, { nullable: true })
  forumId: string | null;

  @Field({ description: 'The object is confidential (arose under a confidential agenda item).' })
  confidential: boolean;

  @Field({ description: 'Confidential text in `data` is replaced by "[Fortroligt]" because you have no legal basis in the forum.' })
  redacted: boolean;

  @Field(() => [String], { nullable: true, description: 'Fields an update changed (camelCase); null for created and deleted.' })
  changedFields: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The object as it was after the change (its columns, camelCase); null for tombstones.' })
  data: Record<string, unknown> | null;
}

@ObjectType('ChangeEdge', { simpleResolvers: true })
export class ChangeEdge {
  @Field({ description: 'Opaque cursor: pass it as `after` to resume right after this change.' })
  cursor: string;
  @Field(() => Change)
  node: Change;
}

@ObjectType('ChangeConnection', { simpleResolvers: true })
export class ChangeConnection {
  @Field(() => [ChangeEdge])
  edges: ChangeEdge[];
  @Field(() => PageInfo, { description: 'endCursor is the cursor to resume from; when the page is empty it is the `after` you sent.' })
  pageInfo: PageInfo;
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function toChange(row: ChangeRow, reveal: boolean): Change {
  return Object.assign(new Change(), {
    id: `evt_${row.seq}`,
    type: row.entity as ChangeType,
    operation: row.op as ChangeOperation,
    objectId: row.entity_id,
    objectVersion: row.version,
    occurredAt: row.occurred_at,
    partnershipId: row.partnership_id,
    forumId: row.forum_id,
    confidential: row.confidential,
    redacted: row.confidential && !reveal,
    changedFields: row.changed_fields?.map(camel) ?? null,
    data: presentData(row, reveal),
  });
}

@Resolver()
export class ChangeFeedResolver {
  @Authorized()
  @Query(() => ChangeConnection, {
    description:
      'Every change you may read, in commit order, without gaps: a change appears only once every transaction that could precede it has ended. ' +
      'Poll with the last endCursor as `after`. API keys need the scope read:changes (plus the read scope of each kind of record).',
  })
  async changes(
    @GqlCtx() ctx: Ctx,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 1000, default 100.' }) first?: number,
    @Arg('types', () => [ChangeType], { nullable: true }) types?: ChangeType[],
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId?: string,
  ): Promise<ChangeConnection> {
    const page = await changeFeedService.page(ctx, { after, first, types, partnershipId });
    const edges = page.rows.map((row) => {
      const reveal = page.reveal(row);
      if (row.confidential && reveal) {
        const item = row.entity === 'AgendaItem' ? row.entity_id : (row.data?.agenda_item_id as string | undefined);
        if (item) ctx.confidentialReads.add(item);
      }
      return Object.assign(new ChangeEdge(), { cursor: encodeFeedCursor(row), node: toChange(row, reveal) });
    });
    const endCursor = edges.length ? edges[edges.length - 1].cursor : (after ?? null);
    return Object.assign(new ChangeConnection(), {
      edges,
      pageInfo: Object.assign(new PageInfo(), { hasNextPage: page.hasNextPage, hasPreviousPage: !!after, startCursor: edges[0]?.cursor ?? null, endCursor }),
    });
  }
}
