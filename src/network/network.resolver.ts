import { Arg, Args, Authorized, Ctx as GqlCtx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject as GraphQLJSONObjectType } from 'graphql-scalars';
import { Ctx } from '../context';
import { ConnectionArgs, ConnectionType } from '../common/pagination';
import { LocalDateScalar } from '../common/scalars';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { JointActivity } from '../activity/activity.entity';
import { Partnership } from '../partnership/partnership.entity';
import { arrayConnection } from './array-connection';
import { buildNetwork, graphJson, graphml, nodeKey } from './network.service';
import { NetworkFallenOut, NetworkForumGap, NetworkGaps, NetworkMap, NetworkOrganisation, NetworkOrganisationOrder } from './network.types';

const NetworkFallenOutConnection = ConnectionType(NetworkFallenOut);

const NetworkForumGapConnection = ConnectionType(NetworkForumGap);

const NetworkOrganisationConnection = ConnectionType(NetworkOrganisation);

/** Load entities by id (through the request's loaders and read checks), in the given order, skipping unreadable ones. */
export async function loadAll<T extends { id: string }>(ctx: Ctx, cls: { new (): T; name: string }, ids: string[]): Promise<T[]> {
  const rows = await ctx.loaders.entity(cls).loadMany(ids);
  return rows.filter((r): r is T => !!r && !(r instanceof Error));
}

@Resolver(() => NetworkMap)
export class NetworkResolver {
  @Authorized()
  @Query(() => NetworkMap, { description: "The partnership's network map on a day (default today): counts, measures per organisation, gaps, and the graph as JSON and GraphML." })
  async networkMap(
    @GqlCtx() ctx: Ctx,
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf?: string,
  ): Promise<NetworkMap> {
    const net = await buildNetwork(ctx, partnershipId, asOf);
    const map = new NetworkMap();
    Object.assign(map, { partnershipId, net, asOf: net.asOf, counts: { partnershipId, ...net.counts } });
    return map;
  }

  @FieldResolver(() => GraphQLJSONObjectType)
  graph(@Root() m: NetworkMap) {
    return graphJson(m.net);
  }

  @FieldResolver(() => String)
  graphml(@Root() m: NetworkMap) {
    return graphml(m.net);
  }

  @FieldResolver(() => NetworkOrganisationConnection, { description: 'Organisations with their measures; by betweenness (default), degree or name.' })
  organisations(
    @Root() m: NetworkMap,
    @Args() args: ConnectionArgs,
    @Arg('orderBy', () => NetworkOrganisationOrder, { nullable: true }) orderBy?: NetworkOrganisationOrder,
  ) {
    const list = m.net.organisations.map((o) => {
      const x = new NetworkOrganisation();
      Object.assign(x, {
        partnershipId: m.partnershipId,
        node: o,
        graphNodeId: nodeKey('organisation', o.id),
        degree: o.degree,
        betweenness: o.betweenness,
        betweennessNormalized: o.betweennessNormalized,
        bridgesStrategicAndOperational: o.bridgesStrategicAndOperational,
        forumCount: o.forumIds.length,
        activityCount: o.activityIds.length,
      });
      return x;
    });
    const byName = (a: NetworkOrganisation, b: NetworkOrganisation) => a.node.name.localeCompare(b.node.name, 'da') || a.node.id.localeCompare(b.node.id);
    const order = orderBy ?? NetworkOrganisationOrder.BETWEENNESS;
    list.sort((a, b) =>
      order === NetworkOrganisationOrder.NAME ? byName(a, b) : (order === NetworkOrganisationOrder.DEGREE ? b.degree - a.degree : b.betweenness - a.betweenness) || byName(a, b),
    );
    return arrayConnection(list, args, (x) => x.node.id);
  }

  @FieldResolver(() => NetworkGaps)
  gaps(@Root() m: NetworkMap) {
    return Object.assign(new NetworkGaps(), { partnershipId: m.partnershipId, net: m.net });
  }
}

@Resolver(() => NetworkOrganisation)
export class NetworkOrganisationResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() o: NetworkOrganisation, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(o.node.id);
  }

  @FieldResolver(() => ConnectionType(Forum), { description: 'Forums where it has a seat on the day.' })
  async forums(@Root() o: NetworkOrganisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, Forum, o.node.forumIds), args, (f) => f.id);
  }

  @FieldResolver(() => ConnectionType(JointActivity), { description: 'Activities it leads or takes part in on the day.' })
  async activities(@Root() o: NetworkOrganisation, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, JointActivity, o.node.activityIds), args, (a) => a.id);
  }
}

@Resolver(() => NetworkGaps)
export class NetworkGapsResolver {
  @FieldResolver(() => ConnectionType(Organisation), { description: 'Organisations active in activities but without a seat in any forum.' })
  async activeWithoutForum(@Root() g: NetworkGaps, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, Organisation, g.net.gaps.activeWithoutForum), args, (o) => o.id);
  }

  @FieldResolver(() => NetworkForumGapConnection, { description: 'Forums with reporting activities none of whose organisations sits in the forum.' })
  forumsWithoutActivityOrganisations(@Root() g: NetworkGaps, @Args() args: ConnectionArgs) {
    const list = g.net.gaps.forumsWithoutActivityOrganisations.map((gap) => Object.assign(new NetworkForumGap(), { partnershipId: g.partnershipId, gap }));
    return arrayConnection(list, args, (x) => x.gap.forumId);
  }

  @FieldResolver(() => NetworkFallenOutConnection, { description: 'Organisations that had seats in the forums and have none on the day.' })
  fallenOutOfForums(@Root() g: NetworkGaps, @Args() args: ConnectionArgs) {
    const list = g.net.gaps.fallenOutOfForums.map((gap) => Object.assign(new NetworkFallenOut(), { partnershipId: g.partnershipId, gap, lastSeatEndedOn: gap.lastSeatEndedOn }));
    return arrayConnection(list, args, (x) => x.gap.organisationId);
  }
}

@Resolver(() => NetworkForumGap)
export class NetworkForumGapResolver {
  @FieldResolver(() => Forum, { nullable: true })
  forum(@Root() g: NetworkForumGap, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Forum).load(g.gap.forumId);
  }

  @FieldResolver(() => ConnectionType(JointActivity))
  async activities(@Root() g: NetworkForumGap, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, JointActivity, g.gap.activityIds), args, (a) => a.id);
  }
}

@Resolver(() => NetworkFallenOut)
export class NetworkFallenOutResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() g: NetworkFallenOut, @GqlCtx() ctx: Ctx) {
    return ctx.loaders.entity(Organisation).load(g.gap.organisationId);
  }

  @FieldResolver(() => ConnectionType(Forum), { description: 'The forums it sat in.' })
  async forums(@Root() g: NetworkFallenOut, @GqlCtx() ctx: Ctx, @Args() args: ConnectionArgs) {
    return arrayConnection(await loadAll(ctx, Forum, g.gap.forumIds), args, (f) => f.id);
  }
}

/** Partnership.networkMap: the same map, reached from the partnership. */
@Resolver(() => Partnership)
export class PartnershipNetworkResolver {
  @FieldResolver(() => NetworkMap, { description: 'The network map on a day (default today); see Query.networkMap.' })
  async networkMap(@Root() p: Partnership, @GqlCtx() ctx: Ctx, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf?: string): Promise<NetworkMap> {
    const net = await buildNetwork(ctx, p.id, asOf);
    return Object.assign(new NetworkMap(), { partnershipId: p.id, net, asOf: net.asOf, counts: { partnershipId: p.id, ...net.counts } });
  }
}
